# Reads under an upload (issue 14): a 300k-row 走访 ledger is uploaded over
# HTTP (POST /api/imports) while wrk reads a household record; the reads
# keep answering (p99 under 100 ms, no errors), the import finishes, and
# nothing is lost (the store gains exactly the uploaded visits).  Side by
# side in one run: the same reads without the upload.  By default the
# import pauses for half its time between progress ticks while requests
# are in flight and no writer waits (jobs.c, import_yield;
# DIXIAN_IMPORT_YIELD=0..95 sets the share, 0 never pauses); DIXIAN_IMPORT_NICE=19 runs its thread at nice 19 as
# well (off by default), for comparison.  Optional:
#   DIXIAN_BENCH_UPLOAD=1 make bench
. "$TOP/bench/lib.sh"
[ "${DIXIAN_BENCH_UPLOAD:-0}" = 1 ] || { echo "upload bench skipped (DIXIAN_BENCH_UPLOAD=1 runs it)"; exit 0; }
n=${DIXIAN_BENCH_HTTP_HH:-100000}
rows=${DIXIAN_BENCH_UPLOAD_ROWS:-300000}
dur=${DIXIAN_BENCH_UPLOAD_SECONDS:-20}
src=http$n.db
[ -e $src ] || $DIXIAN demo --households $n --db $src --today 2026-11-24 --quiet >/dev/null || exit 1
rm -f upload.db upload.db-wal upload.db-shm
sqlite3 $src ".backup upload.db"
db=upload.db
echo "bench-password-1" | $DIXIAN account passwd xian532399 --db $db >/dev/null
# the ledger: `rows` visits spread over the county's households and days
sqlite3 $db "SELECT hh_no FROM household ORDER BY id" >upload_hh.txt
awk -v rows=$rows 'BEGIN { printf "户编号,走访日期,走访人,走访内容,发现问题\n" }
	{ hh[n++] = $1 }
	END { for (i = 0; i < rows; i++) {
		d = int(i / n); printf "%s,2025-%02d-%02d,测压员%d,压力测试走访,\n", hh[i % n], 1 + d % 12, 1 + int(d / 12) % 28, i % 97 } }' \
	upload_hh.txt >upload_visits.csv
before=$(sqlite3 $db "SELECT count(*) FROM visit")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$DIXIAN serve --db $db --port $port --threads $(nproc) >serve_upload.out 2>serve_upload.log &
pid=$!
for i in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:$port/ && break; sleep 0.1; done
hh=$(sed -n 5001p upload_hh.txt)
curl -s -D login.h -o login.json -d '{"username":"xian532399","password":"bench-password-1"}' \
	http://127.0.0.1:$port/api/login
cookie=$(sed -n 's/^Set-Cookie: \([^;]*\).*/\1/p' login.h)
csrf=$(python3 -c 'import json,sys; print(json.load(open("login.json"))["csrf"])')
run_wrk() {
	wrk -t 2 -c 64 -d ${dur}s --latency -H "Cookie: $cookie" \
		http://127.0.0.1:$port/api/households/$hh >$1 2>&1
}
summ() { # rps p99 errors p50 of a wrk output
	echo "$(awk '/^Requests\/sec/ {print $2}' $1) $(awk '$1 == "99%" {print $2}' $1)" \
		"$(awk '/Non-2xx/ {s += $NF} /Socket errors/ {gsub(",", ""); s += $4 + $6 + $8 + $10} END {print s + 0}' $1)" \
		"$(awk '$1 == "50%" {print $2}' $1)"
}
# the log's lines so far (flushed every 200 ms: wait for the last block)
log_lines() { sleep 0.3; wc -l <serve_upload.log; }
l0=$(log_lines)
run_wrk wrk_quiet.txt
l1=$(log_lines)
set -- $(summ wrk_quiet.txt); q_rps=$1 q_p99=$2 q_err=$3 q_p50=$4
t0=$(now)
job=$(curl -s -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" --data-binary @upload_visits.csv \
	"http://127.0.0.1:$port/api/imports?kind=visits" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
l2=$(log_lines)
run_wrk wrk_upload.txt
l3=$(log_lines)
set -- $(summ wrk_upload.txt); u_rps=$1 u_p99=$2 u_err=$3 u_p50=$4
state=
for i in $(seq 1200); do
	curl -s -H "Cookie: $cookie" http://127.0.0.1:$port/api/jobs/$job >job.json
	state=$(python3 -c 'import json; print(json.load(open("job.json")).get("state", ""))')
	[ "$state" = running ] || break
	sleep 0.5
done
tj=$(elapsed $t0)
kill -TERM $pid
wait $pid
after=$(sqlite3 $db "SELECT count(*) FROM visit")
# the reads' time inside the server (the access log's, from the request's
# headers read to its answer sent), lines FROM..TO of
# the log: on a machine shared with other work wrk's percentiles include
# the time its own threads and the server's wait for a core; these do not
# (the time a read waited for the import, a lock or a store connection
# is in them)
server_pct() {
	sed -n "$1,$2p" serve_upload.log | awk '/GET \/api\/households\/\{hh_no\} 200 / { v = $NF; sub("ms", "", v); print v + 0 }' |
		sort -n | awk '{ a[NR] = $1 } END { if (NR) printf "p50 %sms, p99 %sms, p99.9 %sms, max %sms of %d", a[int(NR * .5) + 1], a[int(NR * .99) + 1], a[int(NR * .999) + 1], a[NR], NR; else print "none" }'
}
echo "reads' time in the server: with the upload $(server_pct $((l2 + 1)) $l3); without $(server_pct $((l0 + 1)) $l1)"
echo "upload $rows visits over HTTP while wrk reads ($n households, wrk -c 64 -d ${dur}s): reads ${u_rps} req/s (p50 ${u_p50}, p99 ${u_p99}, errors ${u_err}), baseline (no upload) ${q_rps} req/s (p50 ${q_p50}, p99 ${q_p99}, errors ${q_err}), ratio $(ratio $u_rps $q_rps); import ${state} in ${tj}s, visits ${before} -> ${after} (+$((after - before)) of $rows)"
p99ms=$(echo $u_p99 | awk '/us$/ {print $1 / 1000; next} /ms$/ {print $1 + 0; next} /s$/ {print $1 * 1000; next} {print 1e9}')
if [ "$state" = done ] && [ $((after - before)) = $rows ] && [ "$u_err" = 0 ] &&
	awk -v p=$p99ms 'BEGIN { exit !(p < 100) }'; then
	echo "upload target met"
else
	echo "upload target NOT met"
	exit 1
fi
