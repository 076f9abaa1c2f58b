# The household record (户档案, issue 11): `household show` by each key
# (户编号, 身份证号, 姓名) on the demo county, IDs masked unless an account
# that may see them asks (--unmasked, audited), a name shared by several households lists them to choose
# from, JSON output, and `household find` by name, 户编号, ID tail, village.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 300 --db demo.db
expect_exit 0 $DIXIAN account add xian --level 县 --scope 532399 --db demo.db --as xian532399
# a household with members, income and a case, picked from the store
hh=$(q demo.db "SELECT h.hh_no FROM household h WHERE h.members >= 2 AND EXISTS (SELECT 1 FROM case_file c WHERE c.household_id = h.id) AND EXISTS (SELECT 1 FROM income i WHERE i.household_id = h.id) ORDER BY h.id LIMIT 1")
[ -n "$hh" ] || die "no demo household with a case"
hid=$(q demo.db "SELECT id FROM household WHERE hh_no = '$hh'")
head=$(q demo.db "SELECT name FROM person WHERE household_id = $hid AND relation = '户主'")
idno=$(q demo.db "SELECT id_no FROM person WHERE household_id = $hid ORDER BY relation = '户主', id LIMIT 1")
village=$(q demo.db "SELECT a.name FROM area a JOIN household h ON h.area_code = a.code WHERE h.id = $hid")
masked="$(echo "$idno" | cut -c1-6)[*]\{8\}$(echo "$idno" | cut -c15-18)"
# by 户编号: the facts, members masked, income with per-capita figures, the case and its steps
expect_exit 0 $DIXIAN household show "$hh" --db demo.db
cp out by_no
expect_grep "户编号 $hh  户主 $head" out
expect_grep "$village" out
expect_grep "$masked" out
expect_no_grep "$idno" out
expect_grep '人均纯收入' out
expect_grep '人均收入参考值' out
expect_grep '【识别与风险消除案件】' out
expect_grep '入户核实 通过' out
expect_grep '【变更记录】' out
expect_grep 'case.open' out
# by 身份证号 and by the 户主's name (if unique): the same record
expect_exit 0 $DIXIAN household show "$idno" --db demo.db
cmp -s out by_no || die "show by 身份证号 differs from show by 户编号"
if [ "$(q demo.db "SELECT count(DISTINCT household_id) FROM person WHERE name = '$head'")" = 1 ]; then
	expect_exit 0 $DIXIAN household show "$head" --db demo.db
	cmp -s out by_no || die "show by 姓名 differs from show by 户编号"
fi
# the per-capita figure is the income code's: net / counted members
net=$(q demo.db "SELECT wage + business + property + transfer - business_cost FROM income WHERE household_id = $hid ORDER BY year DESC LIMIT 1")
n=$(q demo.db "SELECT count(*) FROM person WHERE household_id = $hid AND counted = 1")
pc=$(awk -v a="$net" -v b="$n" 'BEGIN { x = a / b; printf "%.2f", (x >= 0 ? int(x + 0.5) : -int(-x + 0.5)) / 100 }')
expect_grep "人均纯收入$pc元" out
# full numbers only when a county 经办 account asks (--unmasked), and the
# read is audited first, as the API's ?unmasked=1; not asking, masked
expect_exit 0 $DIXIAN household show "$hh" --as xian --db demo.db
expect_no_grep "$idno" out
expect_eq "$(q demo.db "SELECT count(*) FROM audit WHERE action = 'household.read_unmasked'")" 0 "a masked read audited"
expect_exit 0 $DIXIAN household show "$hh" --as xian --unmasked --db demo.db
expect_grep "$idno" out
expect_eq "$(q demo.db "SELECT actor || ' ' || entity_key FROM audit WHERE action = 'household.read_unmasked'")" "xian $hh" "the unmasked read's audit row"
expect_exit 0 $DIXIAN household show "$idno" --as xian --unmasked --format json --db demo.db
expect_grep '"unmasked":.*true' out
expect_grep "$idno" out
# the local owner and a village account asking are refused, nothing shown or audited
expect_exit 3 $DIXIAN household show "$hh" --unmasked --db demo.db
expect_grep '县级经办' err
vcode=$(q demo.db "SELECT area_code FROM household WHERE id = $hid")
expect_exit 0 $DIXIAN account add cunv --level 村 --scope "$vcode" --db demo.db --as xian532399
expect_exit 3 $DIXIAN household show "$hh" --as cunv --unmasked --db demo.db
expect_grep '无权查看完整' err
expect_no_grep "$idno" out
expect_eq "$(q demo.db "SELECT count(*) FROM audit WHERE action = 'household.read_unmasked'")" 2 "refused reads audited"
expect_exit 2 $DIXIAN household find "$hh" --unmasked --db demo.db
# a village account outside the household's village sees nothing
other=$(q demo.db "SELECT code FROM area WHERE level = 5 AND code != (SELECT area_code FROM household WHERE id = $hid) LIMIT 1")
expect_exit 0 $DIXIAN account add cunx --level 村 --scope "$other" --db demo.db --as xian532399
expect_exit 3 $DIXIAN household show "$hh" --as cunx --db demo.db
expect_grep '没有' err
expect_exit 3 $DIXIAN household show "$hh" --as cunx --unmasked --db demo.db
expect_grep '没有' err
# a name several households share: the list (户编号, 户主, village) to choose from, exit 2
dup=$(q demo.db "SELECT name FROM person GROUP BY name HAVING count(DISTINCT household_id) > 1 LIMIT 1")
expect_exit 2 $DIXIAN household show "$dup" --db demo.db
expect_grep '请用户编号指定其中一户' out
expect_eq "$(grep -c '^532399' out)" "$(q demo.db "SELECT count(DISTINCT household_id) FROM person WHERE name = '$dup'")" "choices listed"
# JSON: the same model
expect_exit 0 $DIXIAN household show "$hh" --format json --db demo.db
python3 -c "import json,sys; d=json.load(open('out')); assert d['household']['hh_no']=='$hh'; assert len(d['members'])==$(q demo.db "SELECT count(*) FROM person WHERE household_id = $hid"); assert d['cases'][0]['steps']; assert d['incomes'][0]['net_per_capita']>0" || die "json record"
expect_exit 2 $DIXIAN household show "$hh" --format xml --db demo.db
expect_exit 3 $DIXIAN household show 没有这个人 --db demo.db
# find: by name, 户编号, the last 4 digits of an ID, a village name
expect_exit 0 $DIXIAN household find "$head" --db demo.db
expect_grep "^$hh,$head," out
expect_exit 0 $DIXIAN household find "$hh" --db demo.db
expect_grep "^$hh," out
tail4=$(echo "$idno" | cut -c15-18)
expect_exit 0 $DIXIAN household find "$tail4" --db demo.db
expect_grep "^$hh," out
expect_exit 0 $DIXIAN household find "$village" --db demo.db
expect_grep "^$hh," out
expect_eq "$(($(wc -l < out) - 1))" "$(q demo.db "SELECT count(*) FROM household h JOIN area a ON a.code = h.area_code WHERE a.name LIKE '%$village%'")" "households of the village"
expect_exit 1 $DIXIAN household find 123 --db demo.db
expect_grep '至少给出后4位' err
# scoped: the other village's account does not find it
expect_exit 3 $DIXIAN household find "$hh" --as cunx --db demo.db
