# Periods the data cannot speak for are refused in Chinese (issue 11 item
# 12): a year before every dated record, an as-of date outside the year, a
# year not begun.  脱贫 counts as of the year; 低保 and 就业, which the member
# ledger keeps no history of, are not given for a date before its last
# change -- the report says so instead of repeating today's figures.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 800 --db d.db --today 2026-11-24
first=$(q d.db "SELECT min(y) FROM (SELECT min(tuopin_year) AS y FROM household WHERE tuopin_year > 0 UNION ALL SELECT min(year) FROM income UNION ALL SELECT CAST(substr(min(identified_on), 1, 4) AS INTEGER) FROM episode) t")
expect_exit 2 $DIXIAN report --db d.db --area 532399 --year $((first - 1))
expect_grep "早于库中最早的数据（$first 年" err
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year $first
expect_exit 2 $DIXIAN report --db d.db --area 532399 --year 2025 --as-of 2024-06-30
expect_grep '截至日期 2024-06-30 不在 2025 年内' err
expect_exit 2 $DIXIAN report --db d.db --area 532399 --year 2025 --as-of 2026-01-01
expect_exit 2 $DIXIAN report --db d.db --area 532399 --year 2099
expect_grep '还没有开始' err
expect_exit 2 $DIXIAN report --db d.db --area 532399 --year 2025 --as-of 2024-06-30 --list tuopin
expect_eq "$(cat out)" "" "a refused list prints nothing"
# 脱贫 as of the year: a household 脱贫 in 2019 is not 脱贫 in 2018
y=2018
tp=$(q d.db "SELECT count(*) FROM household WHERE kind = '脱贫户' AND coalesce(tuopin_year, 0) <= $y")
all=$(q d.db "SELECT count(*) FROM household WHERE kind = '脱贫户'")
[ "$tp" -lt "$all" ] || die "the demo has no household 脱贫 after $y"
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year $y
expect_grep "^${y}年云岭县脱贫人口为${tp}户" out
# the member rows changed after 2025-12-31 (the demo wrote them now): the
# 2025 report does not give 低保 or 就业, and says why
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025
expect_no_grep '享受低保' out
expect_no_grep '就业：务工就业' out
expect_grep '低保、就业：成员台账在2025-12-31之后有过更新' out
expect_exit 2 $DIXIAN report --db d.db --area 532399 --year 2025 --list dibao
expect_grep '不保存历史' err
# with the ledger last changed before the as-of date, they are given
q d.db "UPDATE person SET updated_at = '2025-06-01T08:00:00Z'"
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025
db=$(q d.db "SELECT count(DISTINCT household_id) || '户' || count(*) || '人' FROM person WHERE dibao = 1")
expect_grep "享受低保$db" out
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025 --as-of 2025-05-31
expect_no_grep '享受低保' out
