# Village-proportional reads (issue 14): on a 1M-household demo store a
# village's report, screening and household list answer in under 50 ms,
# instead of costing nearly as much as the county's (side passes that read
# every household).  Side by side in one run: each village figure against
# the same command for the whole county, and against the floor of reading
# the village's own rows (the sqlite3 shell summing its members' incomes
# through the area indexes of schema 15), best of 3 wall-clock runs.
# Optional (the store takes minutes to build and about 1.3 GB):
#   DIXIAN_BENCH_VILLAGE=1 make bench     (DIXIAN_BENCH_VILLAGE_HH=N to resize)
. "$TOP/bench/lib.sh"
[ "${DIXIAN_BENCH_VILLAGE:-0}" = 1 ] || { echo "village bench skipped (DIXIAN_BENCH_VILLAGE=1 runs it)"; exit 0; }
n=${DIXIAN_BENCH_VILLAGE_HH:-1000000}
db=village$n.db
[ -e $db ] || $DIXIAN demo --households $n --db $db --today 2026-11-24 --quiet >/dev/null || exit 1
# a store kept from an older dixian is brought to the current schema
$DIXIAN init --db $db >/dev/null 2>&1 || exit 1
village=$(sqlite3 $db "SELECT code FROM area WHERE level = 5 ORDER BY code LIMIT 1")
county=${village%??????}
best() { # best of 3 runs of a command, seconds
	b=999
	for i in 1 2 3; do
		t0=$(now); "$@" >/dev/null 2>&1; t=$(elapsed $t0)
		b=$(echo "$t $b" | awk '{print ($1 < $2) ? $1 : $2}')
	done
	echo $b
}
tf=$(best sqlite3 $db "SELECT count(*), (SELECT count(*) FROM person WHERE area_code = '$village'),
	(SELECT sum(wage + business + property + transfer - business_cost) FROM income
	 WHERE area_code = '$village' AND year = 2025) FROM household WHERE area_code = '$village'")
status=0
for what in report screen list; do
	case $what in
	report) cmd="report --year 2025" ;;
	screen) cmd="screen --year 2025 --format csv" ;;
	list) cmd="household list" ;;
	esac
	tv=$(best $DIXIAN $cmd --db $db --area $village)
	tc=$(best $DIXIAN $cmd --db $db --area $county)
	echo "village $what ($n households, village $village): dixian ${tv}s, baseline (the county $county) ${tc}s, ratio $(ratio $tv $tc);" \
		"baseline (sqlite3 reading the village's rows) ${tf}s, ratio $(ratio $tv $tf) (target < 0.050 s)"
	awk -v t=$tv 'BEGIN { exit !(t < 0.050) }' || status=1
done
[ $status = 0 ] && echo "village target met" || echo "village target NOT met"
exit $status
