# account passwd / disable: rules on the password, Argon2id in the store,
# the audit without the password, and disable.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 200 --db d.db --today 2026-11-24
v=cun532399101001
echo "short7c" >pw.txt
expect_exit 1 $DIXIAN account passwd $v --db d.db <pw.txt
expect_grep '至少8个字符' err
echo "xx${v}yy" >pw.txt
expect_exit 1 $DIXIAN account passwd $v --db d.db <pw.txt
expect_grep '不能包含账号名' err
echo "CUN532399101001-x" >pw.txt
expect_exit 1 $DIXIAN account passwd $v --db d.db <pw.txt
expect_grep '不能包含账号名' err
expect_eq "$(q d.db "SELECT count(*) FROM account WHERE pw_hash IS NOT NULL")" 0 "hashes after refusals"
echo "长城长江黄河泰山" >pw.txt
expect_exit 0 $DIXIAN account passwd $v --db d.db <pw.txt
expect_grep "已设置账号 $v 的密码" out
expect_eq "$(q d.db "SELECT substr(pw_hash, 1, 10) FROM account WHERE name = '$v'")" '$argon2id$' "hash kind"
expect_eq "$(q d.db "SELECT count(*) FROM audit WHERE action = 'account.passwd' AND entity_key = '$v' AND after IS NULL")" 1 "audit row"
expect_eq "$(q d.db "SELECT count(*) FROM audit WHERE after LIKE '%长城%' OR before LIKE '%长城%'")" 0 "password in the audit"
echo "some-password" >pw.txt
expect_exit 3 $DIXIAN account passwd nobody --db d.db <pw.txt
expect_grep '没有账号 nobody' err
expect_exit 2 $DIXIAN account passwd $v --db d.db </dev/null
expect_exit 0 $DIXIAN account disable $v --db d.db
expect_eq "$(q d.db "SELECT disabled FROM account WHERE name = '$v'")" 1 "disabled flag"
expect_eq "$(q d.db "SELECT count(*) FROM audit WHERE action = 'account.disable'")" 1 "disable audit"
