# Issue 16: a big import locks no other connection out of the member
# table.  While `dixian import` holds its write transaction open on a
# store that has data, a read on another connection answers at once
# (within a lock timeout) and sees the store as it was before the import;
# on PostgreSQL, a write to another county's member answers at once too.
# The import's bulk load used to disable the member triggers with ALTER
# TABLE, whose SHARE ROW EXCLUSIVE lock kept every other writer of the
# member table (the server's edits, another township's import) waiting
# until the import committed; it now turns them aside with a setting of
# its own transaction (schema version 16).  On SQLite the readers read
# the last commit through the WAL, and one writer at a time is the rule.
. "$TOP/tests/cli/lib.sh"
bin=${DIXIAN_BIN:-$DIXIAN}
expect_exit 0 $DIXIAN demo --households 30 --db a.db
expect_exit 0 $DIXIAN account add x326 --level 县 --scope 532326 --db a.db
target=$(store_target a.db)
# the sample 户成员台账 repeated with new 户编号 and ID numbers (as t0605)
python3 - "$DATA/persons_utf8bom.csv" big.csv 40000 <<'PY'
import sys
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
cd = "10X98765432"
src, dst, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, encoding="utf-8-sig") as f:
    title, head = f.readline(), f.readline()
    lines = [l.rstrip("\n") for l in f if l.strip()]
out, k = [title, head], 0
while len(out) - 2 < rows:
    k += 1
    for l in lines:
        c = l.split(",")
        c[5] = c[5][:9] + "%06d" % (k * 1000 + int(c[5][9:]) % 1000)
        i17 = c[9][:14] + "%03d" % ((int(c[9][14:17]) + 2 * k) % 1000)
        c[9] = i17 + cd[sum(int(a) * b for a, b in zip(i17, w)) % 11]
        out.append(",".join(c) + "\n")
open(dst, "w", encoding="utf-8").write("".join(out))
PY
persons=$(q a.db "SELECT count(*) FROM person")
households=$(q a.db "SELECT count(*) FROM household")
# writing: the import is inside its write transaction with rows written
# (PostgreSQL: its session has a transaction id; SQLite: the write lock)
writing() {
	if [ -n "$on_pg" ]; then
		[ "$(q a.db "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()")" -gt 0 ]
	else
		! sqlite3 a.db "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1
	fi
}
# a write to another county's member (PostgreSQL) that gives up after 5 s
# of waiting for a lock
write_now() {
	q a.db "SET lock_timeout = '5s'; UPDATE person SET work_months = work_months
		WHERE id = (SELECT min(id) FROM person WHERE county_code <> '532326')"
}
# a read that gives up after 5 s of waiting for a lock
read_now() {
	if [ -n "$on_pg" ]; then
		q a.db "SET lock_timeout = '5s'; SELECT (SELECT count(*) FROM person) || ' '
			|| (SELECT count(*) FROM household WHERE area_code LIKE '532326%')"
	else
		sqlite3 -cmd ".timeout 5000" a.db "SELECT (SELECT count(*) FROM person) || ' '
			|| (SELECT count(*) FROM household WHERE area_code LIKE '532326%')"
	fi
}
"$bin" import persons big.csv --db "$target" --as x326 >imp.out 2>imp.err &
pid=$!
i=0
while ! writing; do
	kill -0 "$pid" 2>/dev/null || die "the import ended before it was seen writing"
	i=$((i + 1))
	[ "$i" -lt 1200 ] || die "the import did not begin to write in 60 s"
	sleep 0.05
done
sleep 0.3 # well into its writes (the bulk load began with the first new member)
got=$(read_now 2>read.err) || { cat read.err >&2; kill "$pid"; die "the read during the import failed"; }
if [ -n "$on_pg" ]; then
	write_now >write.out 2>write.err ||
		{ cat write.err >&2; kill "$pid"; die "the write during the import failed"; }
fi
# the read (and the write) answered while the import's transaction was
# still open
writing || { kill "$pid"; die "the read answered only after the import's transaction ended"; }
expect_eq "$got" "$persons 0" "persons and the county's households seen during the import"
wait "$pid"
r=$?
[ "$r" = 0 ] || { cat imp.err >&2; die "the import exited $r"; }
rows=$(($(wc -l <big.csv) - 2))
expect_eq "$(q a.db "SELECT count(*) FROM person")" "$((persons + rows))" "persons after the import"
expect_exit 0 $DIXIAN audit verify --db a.db
