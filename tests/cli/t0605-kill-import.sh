# Issue 13, the crash loop on both engines: `dixian import` killed (kill -9)
# three times while it writes a big ledger into a store that has data --
# nothing of it is stored, the audit chain verifies, the store takes
# writes again -- then the same ledger loads whole.  On PostgreSQL the
# killed client's transaction is rolled back by the server.
. "$TOP/tests/cli/lib.sh"
# still writing 0.2 s into its writes on a fast machine (40,000 members
# took 0.47 s in all)
big_import_setup 120000
persons=$(q a.db "SELECT count(*) FROM person")
audits=$(q a.db "SELECT count(*) FROM audit")
# all or nothing: a kill may land after the commit, never half-way
n=0
cut=0
for wait in 0 0.1 0.2; do
	n=$((n + 1))
	import_started
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
