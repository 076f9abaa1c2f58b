# Issue 13, the crash loop on both engines: `dixian import` killed (kill -9)
# three times while it writes a big ledger into a store that has data --
# nothing of it is stored, the audit chain verifies, the store takes
# writes again -- then the same ledger loads whole.  On PostgreSQL the
# killed client's transaction is rolled back by the server.
. "$TOP/tests/cli/lib.sh"
bin=${DIXIAN_BIN:-$DIXIAN}
expect_exit 0 $DIXIAN demo --households 30 --db a.db
expect_exit 0 $DIXIAN account add x326 --level 县 --scope 532326 --db a.db
target=$(store_target a.db)
# the sample 户成员台账 repeated with new 户编号 and ID numbers
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
        # the sequence moved by an even step: the sex digit keeps its parity
        i17 = c[9][:14] + "%03d" % ((int(c[9][14:17]) + 2 * k) % 1000)
        c[9] = i17 + cd[sum(int(a) * b for a, b in zip(i17, w)) % 11]
        out.append(",".join(c) + "\n")
open(dst, "w", encoding="utf-8").write("".join(out))
PY
rows=$(($(wc -l <big.csv) - 2))
persons=$(q a.db "SELECT count(*) FROM person")
audits=$(q a.db "SELECT count(*) FROM audit")
# writing: the import is inside its write transaction (SQLite: it holds
# the write lock; PostgreSQL: a session of the store has a transaction id,
# given at its first write)
writing() {
	if [ -n "$on_pg" ]; then
		[ "$(q a.db "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()")" -gt 0 ]
	else
		! sqlite3 a.db "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1
	fi
}
# all or nothing: a kill may land after the commit, never half-way
n=0
cut=0
for wait in 0 0.1 0.2; do
	n=$((n + 1))
	"$bin" import persons big.csv --db "$target" --as x326 >imp.out 2>imp.err &
	pid=$!
	i=0
	while ! writing; do
		kill -0 "$pid" 2>/dev/null || die "the import ended before it was seen writing"
		i=$((i + 1))
		[ "$i" -lt 1200 ] || die "the import did not begin to write in 60 s"
		sleep 0.05
	done
	sleep "$wait"
	kill -9 "$pid" 2>/dev/null || die "the import ended before the kill (${wait}s into its writes)"
	wait "$pid"
	expect_eq "$?" 137 "killed import's status"
	now=$(q a.db "SELECT count(*) FROM person")
	if [ "$now" = "$persons" ]; then
		cut=$((cut + 1))
		expect_eq "$(q a.db "SELECT count(*) FROM household WHERE area_code LIKE '532326%'")" 0 \
			"households of the cut import"
		expect_eq "$(q a.db "SELECT count(*) FROM audit")" "$audits" "audit rows of the cut import"
	else
		# committed before the kill: the whole ledger
		expect_eq "$now" "$((persons + rows))" "persons after a kill ${wait}s into the writes"
		persons=$now
		audits=$(q a.db "SELECT count(*) FROM audit")
	fi
	expect_exit 0 $DIXIAN audit verify --db a.db
	# the store takes a write at once: no lock left behind
	expect_exit 0 $DIXIAN account add "w$n" --level 村 --scope 532399101001 --db a.db --as xian532399
	audits=$((audits + 1))
done
[ "$cut" -gt 0 ] || die "no kill cut an import half-way"
echo "kills that cut the import half-way: $cut of $n"
[ "$cut" = "$n" ] || persons=$((persons - rows))
expect_exit 0 $DIXIAN import persons big.csv --db a.db --as x326
expect_eq "$(q a.db "SELECT count(*) FROM person")" "$((persons + rows))" "persons of the whole load"
expect_exit 0 $DIXIAN audit verify --db a.db
