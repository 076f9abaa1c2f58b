# As-of reports count who was a member then (issue 11): before a leave
# date the person counts, from it on not; an added member counts from the
# day they joined; a move counts in the old household before and the new
# one after.  And the report states the year's 自然增减.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 300 --db demo.db
expect_exit 0 $DIXIAN account add xian --level 县 --scope 532399 --db demo.db --as xian532399
# a household monitored since before the year (and not rolled back), with 2+ counted members
A=$(q demo.db "SELECT h.hh_no FROM household h WHERE (SELECT count(*) FROM person p WHERE p.household_id = h.id AND p.counted = 1) >= 2 AND EXISTS (SELECT 1 FROM episode e WHERE e.household_id = h.id AND e.identified_on < '2026-01-01' AND e.ended_on IS NULL) ORDER BY h.id LIMIT 1")
B=$(q demo.db "SELECT hh_no FROM household WHERE hh_no != '$A' AND id NOT IN (SELECT household_id FROM episode) ORDER BY id LIMIT 1")
aid=$(q demo.db "SELECT id FROM household WHERE hh_no = '$A'")
[ -n "$A" ] && [ -n "$B" ] || die "no households to test with"
leaver=$(q demo.db "SELECT id_no FROM person WHERE household_id = $aid AND counted = 1 AND relation != '户主' ORDER BY id LIMIT 1")
mover=$(q demo.db "SELECT id_no FROM person WHERE household_id = $aid AND counted = 1 AND relation != '户主' ORDER BY id DESC LIMIT 1")
persons() { # persons of household $1 in the report's 农户 list as of $2
	$DIXIAN report --area 532399 --year 2026 --as-of "$2" --list all --db demo.db | grep "^$1," | cut -d, -f6
}
total() { # all persons of the county as of $1
	$DIXIAN report --area 532399 --year 2026 --as-of "$1" --format json --db demo.db |
		python3 -c "import json,sys; print(json.load(sys.stdin)['total']['figures'][0]['persons'])"
}
na=$(persons "$A" 2026-11-30)
nb=$(persons "$B" 2026-11-30)
t0=$(total 2026-11-30)
expect_exit 0 $DIXIAN report --area 532399 --year 2026 --as-of 2026-11-30 --format json --db demo.db
python3 -c "import json; n=json.load(open('out'))['natural_change']; assert n['added_persons']==0 and n['left_persons']==0, n" || die "natural change before any"
# a birth on 03-01, a death on 06-01, a move out on 09-01
expect_exit 0 $DIXIAN person add --hh "$A" --id 532399202602280011 --name 小新 --relation 之孙子 --date 2026-03-01 --as xian --db demo.db
expect_exit 0 $DIXIAN person leave "$leaver" --reason 死亡 --date 2026-06-01 --as xian --db demo.db
expect_exit 0 $DIXIAN person move "$mover" --to "$B" --date 2026-09-01 --as xian --db demo.db
expect_eq "$(persons "$A" 2026-02-28)" "$na" "$A before the birth"
expect_eq "$(persons "$A" 2026-03-01)" "$((na + 1))" "$A on the birth day"
expect_eq "$(persons "$A" 2026-05-31)" "$((na + 1))" "$A the day before the death"
expect_eq "$(persons "$A" 2026-06-01)" "$na" "$A on the day of the death"
expect_eq "$(persons "$A" 2026-08-31)" "$na" "$A before the move"
expect_eq "$(persons "$A" 2026-09-01)" "$((na - 1))" "$A after the move"
expect_eq "$(persons "$B" 2026-08-31)" "$nb" "$B before the move"
expect_eq "$(persons "$B" 2026-09-01)" "$((nb + 1))" "$B after the move"
# the county's total: +1 from the birth, -1 from the death; the move changes nothing
expect_eq "$(total 2026-02-28)" "$t0" "county before"
expect_eq "$(total 2026-04-01)" "$((t0 + 1))" "county after the birth"
expect_eq "$(total 2026-11-30)" "$t0" "county at the end"
# 自然增减: the birth is 自然增加 and the death and the move out 自然减少 (A is monitored; B is not)
expect_exit 0 $DIXIAN report --area 532399 --year 2026 --as-of 2026-11-30 --format json --db demo.db
python3 -c "import json; n=json.load(open('out'))['natural_change']; assert (n['added_persons'], n['left'], n['left_persons'])==(1, 1, 2), n" || die "natural change after"
expect_exit 0 $DIXIAN report --area 532399 --year 2026 --as-of 2026-11-30 --db demo.db
expect_grep '纳入监测户[0-9]*户[0-9]*人，自然增加1人，自然减少1户2人，消除风险[0-9]*户[0-9]*人' out
# before the events, as of 2026-04-01: the birth only
expect_exit 0 $DIXIAN report --area 532399 --year 2026 --as-of 2026-04-01 --db demo.db
expect_grep '自然增加1人，自然减少0户0人' out
