# check: the data-quality worklist with rule ids and a summary per rule.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 800 --db d.db --today 2026-11-24
# break a few records the way ledgers are broken
hh=$(q d.db "SELECT hh_no FROM household ORDER BY id LIMIT 1")
q d.db "UPDATE person SET relation = '之子' WHERE relation = '户主' AND household_id = (SELECT id FROM household WHERE hh_no = '$hh')"
q d.db "UPDATE person SET ins_resident = 1, ins_employee = 1 WHERE id = (SELECT min(id) FROM person)"
q d.db "UPDATE person SET school = '本科', birth = '1950-01-01' WHERE id = (SELECT min(id) + 5 FROM person)"
expect_exit 0 $DIXIAN check --db d.db --area 532399 --as-of 2026-11-24
expect_grep '^户编号	户主	村	规则	问题	说明$' out
expect_grep "^$hh	.*	C001	户主人数不是1人" out
expect_grep '	C003	基本医保登记有误' out
# the 户主's name beside the 户编号
line=$(grep '	C003	' out | head -1)
expect_eq "$(echo "$line" | cut -f2)" "$(q d.db "SELECT p.name FROM person p JOIN household h ON h.id = p.household_id WHERE h.hh_no = '$(echo "$line" | cut -f1)' AND p.relation = '户主' ORDER BY p.id LIMIT 1")" "户主 beside 户编号"
expect_grep '	C005	在校生状况与年龄不符.*76周岁，在校生状况“本科”' out
expect_grep '^# 检查 532399：800 户，发现问题 [0-9]* 条' out
expect_grep '^# C001 [1-9][0-9]* 条' out
expect_grep '^# C015 [0-9]* 条' out
# the summary counts agree with the list
n=$(grep -c '	C003	' out)
expect_grep "^# C003 $n 条" out
# no ID number in the worklist
expect_no_grep '5323991[0-9]\{11\}[0-9X]' out
# csv: the table on stdout, the summary on stderr; a township only
expect_exit 0 $DIXIAN check --db d.db --area 532399101 --format csv --as-of 2026-11-24
expect_grep '^户编号,户主,村,规则,问题,说明$' out
expect_no_grep '^5323991[01][02-9]' out
expect_grep '^# 检查 532399101' err
expect_exit 2 $DIXIAN check --db d.db --area 99
expect_exit 2 $DIXIAN check --db d.db --format xml
