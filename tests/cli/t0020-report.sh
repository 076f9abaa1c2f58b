# The report paragraph on the demo county agrees with the store.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 2000 --db d.db --today 2026-11-24
# the member ledger as last imported in January 2025 (the demo stamps rows
# with the clock): 低保 and 就业 are known from then on, as the report needs
q d.db "UPDATE person SET updated_at = '2025-01-10T08:00:00Z'"
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025
expect_grep '^2025年云岭县脱贫人口为' out
tp=$(q d.db "SELECT count(*) || '户' || (SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id WHERE h.kind = '脱贫户') || '人' FROM household WHERE kind = '脱贫户'")
expect_grep "脱贫人口为$tp" out
expect_grep '监测对象为[0-9]*户[0-9]*人，其中：' out
expect_grep '脱贫户人均纯收入[0-9]*\.[0-9][0-9]元，同比' out
# a township report only counts its own households
expect_exit 0 $DIXIAN report --db d.db --area 532399101 --year 2025
expect_grep '^2025年云华乡' out
# bad input
expect_exit 2 $DIXIAN report --db d.db --area 12ab --year 2025
expect_grep '区划代码' err
expect_exit 3 $DIXIAN report --db d.db --area 532301 --year 2025
expect_exit 2 $DIXIAN report --db d.db --area 532399
# head counts count every registered member, 计入家庭人口 or not (issue 11
# item 13): members marked not counted still count in 脱贫人口 and 低保
q d.db "UPDATE person SET counted = 0 WHERE id IN (SELECT p.id FROM person p JOIN household h ON h.id = p.household_id WHERE h.kind = '脱贫户' AND p.relation != '户主' AND p.dibao = 1 LIMIT 5)"
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025
expect_grep "脱贫人口为$tp" out
db=$(q d.db "SELECT count(DISTINCT household_id) || '户' || count(*) || '人' FROM person WHERE dibao = 1")
expect_grep "享受低保$db" out
