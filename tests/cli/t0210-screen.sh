# screen on the demo county: formats, the reasons' numbers, --all, what-if.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 1500 --db d.db --today 2026-11-24
expect_exit 0 $DIXIAN screen --db d.db --area 532399 --year 2025 --format csv --as-of 2026-11-24
head -1 out > h
expect_grep '^户编号,村,户主,户类型,人均纯收入,人均收入参考值,建议类别,风险类型,依据,提示$' h
expect_grep ',边缘易致贫户,' out
expect_grep ',脱贫不稳定户,' out
expect_grep '人均纯收入 [0-9]*\.[0-9][0-9] < 监测线 8700.00' out
expect_grep '# 筛查 532399 2025年：共 1500 户' err
# no ID number or phone in the list
expect_no_grep '5323991[0-9]\{11\}[0-9X]' out
# every 边缘易致贫户 is an 一般户 whose per-capita income is below the line
awk -F, 'NR > 1 && $7 == "边缘易致贫户" && ($4 != "一般户" || $6 + 0 >= 8700) { bad = 1 } END { exit bad }' out ||
	die "an 边缘易致贫户 that is not an 一般户 below 8700"
# households under an active episode are left out unless --all
active=$(q d.db "SELECT count(*) FROM household h WHERE EXISTS (SELECT 1 FROM episode e WHERE e.household_id = h.id AND e.identified_on <= '2026-11-24' AND e.eliminated_on IS NULL AND e.ended_on IS NULL AND e.id = (SELECT max(e2.id) FROM episode e2 WHERE e2.household_id = h.id))")
expect_grep "已是监测对象未消除风险的 $active 户未列入" err
n1=$(grep -c '' out)
expect_exit 0 $DIXIAN screen --db d.db --area 532399 --year 2025 --format csv --all --as-of 2026-11-24
expect_grep '已是监测对象' out
[ "$(grep -c '' out)" -gt "$n1" ] || die "--all lists no more households"
# json and text
expect_exit 0 $DIXIAN screen --db d.db --area 532399101 --year 2025 --format json
python3 -c 'import json,sys; d=json.load(open("out")); assert d["summary"]["screened"] > 0; assert all(h["户编号"].startswith("532399101") for h in d["households"])' ||
	die "json output"
expect_exit 0 $DIXIAN screen --db d.db --area 532399101 --year 2025
expect_grep '^户编号	村	户主' out
expect_grep '^# 筛查 532399101 2025年' out
# what-if: a higher line brings households in, each below the new line
# (it may also take a 突发严重困难户 out: below the new line it needs a risk)
expect_exit 0 $DIXIAN screen --db d.db --area 532399 --year 2025 --format csv --what-if monitoring_line=9500
expect_grep '^户编号,村,户主,户类型,人均纯收入,现建议类别,假设建议类别,变化,依据,提示$' out
expect_grep ',新纳入,' out
awk -F, 'NR > 1 && $8 == "新纳入" && $5 + 0 >= 9500 && $7 != "突发严重困难户" { bad = 1 } END { exit bad }' out ||
	die "a household brought in above the new line"
expect_grep '监测线 9500.00' out
expect_grep '# 假设情形.*新纳入 [1-9][0-9]* 户' err
# a lower line only takes households out
expect_exit 0 $DIXIAN screen --db d.db --area 532399 --year 2025 --format csv --what-if monitoring_line=6000 --what-if deduct_oop=no
expect_grep ',移出,' out
# the stored policy is used
expect_exit 0 $DIXIAN policy set monitoring_line 9500 --area 532399 --year 2025 --as xian532399 --db d.db
expect_exit 0 $DIXIAN screen --db d.db --area 532399 --year 2025 --format csv
expect_grep '监测线 9500.00' out
expect_no_grep '监测线 8700.00' out
# bad input
expect_exit 2 $DIXIAN screen --db d.db --area 532399 --year 2025 --what-if monitoring_line
expect_grep '参数名=值' err
expect_exit 2 $DIXIAN screen --db d.db --area 532399 --year 2025 --what-if monitoring_line=abc
expect_exit 2 $DIXIAN screen --db d.db --area 532399 --year 2025 --format xml
expect_exit 2 $DIXIAN screen --db d.db --area 5323990 --year 2025
expect_grep "无效" err
expect_exit 2 $DIXIAN screen --db d.db --area 532399
