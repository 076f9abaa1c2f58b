# Demo generation: 100k households (issue 2: "well under a minute").
# Baseline: sqlite3 loading the same number of rows from CSV with .import
# into an all-TEXT table, the floor of any loader on this machine.
. "$TOP/bench/lib.sh"
rm -f demo100k.db*
t0=$(now)
$DIXIAN demo --households 100000 --db demo100k.db --today 2026-11-24 --quiet >/dev/null
td=$(elapsed $t0)
rows=$(sqlite3 demo100k.db "SELECT (SELECT count(*) FROM household) + (SELECT count(*) FROM person) + (SELECT count(*) FROM income)")
sqlite3 -csv demo100k.db "SELECT p.*, h.* FROM person p JOIN household h ON h.id = p.household_id" > demo_rows.csv
rm -f base.db
t0=$(now)
sqlite3 base.db ".mode csv" ".import demo_rows.csv t" >/dev/null 2>&1
tb=$(elapsed $t0)
echo "demo 100k households ($rows rows): dixian ${td}s, baseline (sqlite3 .import of the person rows) ${tb}s, ratio $(ratio $td $tb)"
