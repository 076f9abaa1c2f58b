# Village-proportional reads through the server (issue 14): on a
# 1M-household demo store a village's report, screening and household list
# answer in under 50 ms, instead of costing nearly as much as the county's
# (side passes that read every household).  Measured through `dixian
# serve` with the village's own account logged in (GET /api/report,
# /api/screen, /api/households), not the CLI, which pays ~22 ms of
# start-up on every run.  Side by side in one run: each village answer
# against the same route for the whole county (the county's account).
# Best of 5 wall-clock requests each (curl's time_total), after one warm-up
# request; the server's CPU for the village's requests is reported too.
# Optional (the store takes minutes to build and about 1.3 GB):
#   DIXIAN_BENCH_VILLAGE=1 make bench     (DIXIAN_BENCH_VILLAGE_HH=N to resize)
. "$TOP/bench/lib.sh"
[ "${DIXIAN_BENCH_VILLAGE:-0}" = 1 ] || { echo "village bench skipped (DIXIAN_BENCH_VILLAGE=1 runs it)"; exit 0; }
n=${DIXIAN_BENCH_VILLAGE_HH:-1000000}
db=village$n.db
[ -e $db ] || $DIXIAN demo --households $n --db $db --today 2026-11-24 --quiet >/dev/null || exit 1
# a store kept from an older dixian is brought to the current schema
$DIXIAN migrate --db $db >/dev/null 2>&1
village=$(sqlite3 $db "SELECT code FROM area WHERE level = 5 ORDER BY code LIMIT 1")
county=${village%??????}
vacc=cun$village
cacc=xian$county
for a in $vacc $cacc; do
	echo "bench-password-1" | $DIXIAN account passwd $a --db $db >/dev/null || exit 1
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$DIXIAN serve --db $db --port $port --threads $(nproc) >serve_village.out 2>serve_village.log &
pid=$!
for i in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:$port/ && break; sleep 0.1; done
login() {
	curl -s -D - -o /dev/null -d "{\"username\":\"$1\",\"password\":\"bench-password-1\"}" \
		http://127.0.0.1:$port/api/login | sed -n 's/^Set-Cookie: \([^;]*\).*/\1/p'
}
vcookie=$(login $vacc)
ccookie=$(login $cacc)
# best COOKIE PATH: best of 5 requests' seconds (after a warm-up); 0 if
# one failed
best() {
	curl -s -o /dev/null -H "Cookie: $1" "http://127.0.0.1:$port$2"
	b=999
	for i in 1 2 3 4 5; do
		r=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: $1" "http://127.0.0.1:$port$2")
		[ "${r%% *}" = 200 ] || { echo 0; return; }
		b=$(echo "${r#* } $b" | awk '{print ($1 < $2) ? $1 : $2}')
	done
	echo $b
}
cpu_ticks() { awk '{print $14 + $15}' /proc/$1/stat; }
status=0
for what in report screen list; do
	case $what in
	report) path="/api/report?year=2025" ;;
	screen) path="/api/screen?year=2025" ;;
	list) path="/api/households?page=1" ;;
	esac
	c0=$(cpu_ticks $pid)
	tv=$(best "$vcookie" "$path&area=$village")
	cms=$(echo "$c0 $(cpu_ticks $pid) $(getconf CLK_TCK)" | awk '{printf "%.0f", ($2 - $1) / $3 * 1000 / 6}')
	tc=$(best "$ccookie" "$path&area=$county")
	echo "village $what over HTTP ($n households, village $village as $vacc): dixian ${tv}s (server CPU ~${cms} ms a request), baseline (the county $county as $cacc) ${tc}s, ratio $(ratio $tv $tc) (target < 0.050 s)"
	awk -v t=$tv 'BEGIN { exit !(t > 0 && t < 0.050) }' || status=1
done
kill -TERM $pid
wait $pid
[ $status = 0 ] && echo "village target met" || echo "village target NOT met"
exit $status
