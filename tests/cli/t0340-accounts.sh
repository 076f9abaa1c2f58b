# Accounts (issue 11.4): every command that writes needs an account; a
# command given an account reads only its scope; without --as a read runs as
# the store's local owner (本机所有者), who reads everything and writes
# nothing.  The first account of a store is a county one, made without --as.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN init --db a.db
# bootstrap: the first account is a county's, and its county need not be
# imported yet; the audit names the local owner
expect_exit 3 $DIXIAN account add cun --level 村 --scope 532326106001 --db a.db
expect_grep '第一个账号应为县级' err
expect_exit 0 $DIXIAN account add xian --level 县 --scope 532326 --db a.db
expect_eq "$(q a.db "SELECT actor FROM audit WHERE action = 'account.add' AND entity_key = 'xian'")" 本机所有者 "bootstrap audited"
# after that, accounts are made by a county 经办 account
expect_exit 3 $DIXIAN account add xian2 --level 县 --scope 532326 --db a.db
expect_grep '该操作需要账号' err
expect_eq "$(q a.db "SELECT count(*) FROM account")" 1 "no account without --as"
# twice: a Chinese message, not SQLite's
expect_exit 3 $DIXIAN account add xian --level 县 --scope 532326 --as xian --db a.db
expect_grep '账号 xian 已存在' err
expect_no_grep 'UNIQUE\|constraint\|SQL' err
# imports write: an account is needed (a dry run only reads)
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --db a.db --dry-run
expect_exit 3 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --db a.db
expect_grep '该操作需要账号' err
expect_eq "$(q a.db "SELECT count(*) FROM household")" 0 "nothing imported without an account"
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as xian --db a.db
expect_exit 0 $DIXIAN account add cun --level 村 --scope 532326106001 --as xian --db a.db
expect_exit 0 $DIXIAN account add cun2 --level 村 --scope 532326106002 --as xian --db a.db
expect_exit 0 $DIXIAN account add look --level 县 --scope 532326 --role 查看 --as xian --db a.db
# account list: all for the local owner, its own area for an account
expect_exit 0 $DIXIAN account list --db a.db
expect_grep '^cun2	' out
expect_exit 0 $DIXIAN account list --as cun --db a.db
expect_grep '^cun	' out
expect_no_grep '^cun2	' out
expect_no_grep '^xian	' out
# a village account makes no accounts; a 查看 account imports nothing
expect_exit 3 $DIXIAN account add cun3 --level 村 --scope 532326106003 --as cun --db a.db
expect_grep '只有县级经办账号' err
expect_exit 3 $DIXIAN import incomes "$DATA/incomes.csv" --as look --db a.db
expect_grep '查看角色' err
expect_eq "$(q a.db "SELECT count(*) FROM income")" 0 "nothing imported by a 查看 account"
# writes without --as are refused, in every command
hh=532326106000001
expect_exit 3 $DIXIAN clue add $hh --source 干部排查 --reason 因病 --found 2023-05-01 --db a.db
expect_grep '该操作需要账号：请用 --as 指定账号' err
expect_exit 3 $DIXIAN visit add --hh $hh --date 2023-05-01 --cadre 张三 --db a.db
expect_grep '该操作需要账号' err
expect_exit 3 $DIXIAN case open $hh --kind 识别 --category 边缘易致贫户 --risks 因病 --date 2023-05-01 --db a.db
expect_grep '该操作需要账号' err
expect_exit 3 $DIXIAN policy set monitoring_line 9500 --area 532326 --year 2025 --db a.db
expect_grep '该操作需要账号' err
expect_exit 3 $DIXIAN warning dispatch --date 2023-09-11 --db a.db
expect_grep '该操作需要账号' err
expect_eq "$(q a.db "SELECT (SELECT count(*) FROM clue) + (SELECT count(*) FROM visit) + (SELECT count(*) FROM case_file) + (SELECT count(*) FROM policy)")" 0 "nothing written without an account"
# reads without --as: the local owner sees every village
expect_exit 0 $DIXIAN clue add $hh --source 干部排查 --reason 因病 --found 2023-05-01 --as cun --db a.db
expect_exit 0 $DIXIAN clue add 532326106000002 --source 干部排查 --reason 因病 --found 2023-05-01 --as cun2 --db a.db
expect_exit 0 $DIXIAN clue list --db a.db
expect_grep $hh out
expect_grep 532326106000002 out
expect_exit 0 $DIXIAN clue list --as cun --db a.db
expect_grep $hh out
expect_no_grep 532326106000002 out
expect_exit 0 $DIXIAN overdue --as-of 2024-01-01 --db a.db
expect_grep 532326106000002 out
# names beside the codes: 户主, township and village
expect_grep "	$hh	罗涛	532326106001	示例乡	青山村	线索	" out
# screen and check given an account read its area only
expect_exit 0 $DIXIAN screen --year 2023 --all --as cun --db a.db
expect_grep '^532326106000001' out
expect_no_grep '^532326106000002' out
expect_exit 0 $DIXIAN screen --year 2023 --all --area 532326 --db a.db
expect_grep '^532326106000002' out
expect_exit 3 $DIXIAN screen --year 2023 --area 532326 --as cun --db a.db
expect_grep '不在账号 cun 的管辖范围' err
expect_exit 3 $DIXIAN check --area 532326 --as cun --db a.db
expect_grep '不在账号 cun 的管辖范围' err
# the feedback sheet of a village account holds only its own households
printf '证件号码,姓名,预警部门,预警事项,金额,发生日期,说明\n532326196810020031,罗涛,医保,个人自付医疗费用超标,20000,2023-09-01,\n532326195712030098,林志富,医保,个人自付医疗费用超标,20000,2023-09-01,\n532326199001011234,查无此人,医保,个人自付医疗费用超标,20000,2023-09-01,\n' > w.csv
expect_exit 0 $DIXIAN import warnings w.csv --as xian --db a.db
expect_exit 0 $DIXIAN warning feedback --department 医保 --out cun.xlsx --as cun --db a.db
expect_exit 0 $DIXIAN warning feedback --department 医保 --out xian.xlsx --as xian --db a.db
python3 - <<'PY' || die "feedback sheet scope"
import zipfile
def text(p):
    z = zipfile.ZipFile(p)
    return "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
c, x = text("cun.xlsx"), text("xian.xlsx")
assert "罗涛" in c, "own household missing"
assert "林志富" not in c, "another village's household listed"
assert "查无此人" not in c, "the county's unmatched signal listed to a village"
assert "林志富" in x and "查无此人" in x and "罗涛" in x, "county sheet incomplete"
PY
