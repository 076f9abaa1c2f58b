# One period rule for the report's procedure figures (issue 11 item 9): the
# clues `overdue` lists on the as-of date are the report's 逾期未核实 and
# count against 按期核实率, which is over the clues due.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 600 --db d.db --today 2026-11-24
expect_exit 0 $DIXIAN overdue --db d.db --area 532399 --as-of 2026-11-24
n=$(grep -c '^线索逾期' out)
[ "$n" -gt 0 ] || die "the demo has no overdue clue to test with"
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2026 --as-of 2026-11-24
expect_grep "截至2026-11-24逾期未核实线索${n}条" out
# the rate: in time ÷ due, where due = verified + overdue
python3 - <<'PY' || die "按期核实率"
import re
t = open("out").read()
m = re.search(r"按期核实(\d+)条）.*?到期应核实(\d+)条，按期核实率(\d+)\.(\d\d)%", t)
assert m, t
k, due, rate = int(m.group(1)), int(m.group(2)), int(m.group(3)) * 100 + int(m.group(4))
assert due > k, (k, due)
assert rate == (k * 10000 + due // 2) // due, (k, due, rate)
PY
# JSON carries the same figures
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2026 --as-of 2026-11-24 --format json --out r.json
python3 -c "import json,sys; p=json.load(open('r.json'))['procedure']; sys.exit(0 if p['clues_overdue'] == $n and p['clues_due'] == p['clues_verified'] + $n else 1)" || die "json procedure"
# the printable report states its period
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2026 --as-of 2026-11-24 --format html --out r.html
expect_grep '统计期2026-01-01至2026-11-24' r.html
