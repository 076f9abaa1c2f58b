# A/B of two dixian binaries on b_http.sh's route (GET /api/households/{户编号}
# with a logged-in session), alternated round by round so that load from
# other work on the machine falls on both alike.  What it compares is the
# server's CPU time per request (user + system, from /proc), which moves far
# less with outside load than requests/s; the rate is printed beside it.
#
#   cd bench/out && A=/tmp/base/dixian B=/work/x/dixian TOP=/work/x \
#       [ROUNDS=3] [SECS=8] [DB=http100000.db] sh ../ab_http.sh
#
# Each binary gets its own copy of DB (A.db, B.db: a newer binary may
# migrate it, which an older one would then refuse).  Per round and binary:
# one wrk run on one household and one rotating over 1,000 households
# (b_http.sh's rotate.lua), each followed by the CPU per request.  Build DB
# with b_http.sh first (it creates http100000.db).
. "$TOP/bench/lib.sh"
rounds=${ROUNDS:-3}
secs=${SECS:-8}
src=${DB:-http100000.db}
threads=$(nproc)
[ -e A.db ] || cp "$src" A.db
[ -e B.db ] || cp "$src" B.db
cpu_ticks() { awk '{print $14 + $15}' /proc/$1/stat; }
us_per_req() { echo "$1 $2 $3 $(getconf CLK_TCK)" | awk '{ if ($3 > 0) printf "%.1f", ($2 - $1) / $4 * 1e6 / $3; else print "?" }'; }
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
hh=$(sqlite3 "$src" "SELECT hh_no FROM household ORDER BY id LIMIT 1 OFFSET 5000")
sqlite3 "$src" "SELECT hh_no FROM household WHERE id % 100 = 7 ORDER BY id LIMIT 1000" |
	awk 'BEGIN { print "local hh = {" } { printf "\"%s\",\n", $1 }
	     END { print "}"
		   print "request = function()"
		   print "  return wrk.format(\"GET\", \"/api/households/\" .. hh[math.random(#hh)])"
		   print "end" }' >ab_rotate.lua
# one BIN DB LABEL: start BIN on DB, run both wrk runs, print a line, stop
one() {
	echo "bench-password-1" | $1 account passwd xian532399 --db $2 >/dev/null
	port=$(freeport)
	$1 serve --db $2 --port $port --threads $threads >ab_serve.out 2>ab_serve.log &
	pid=$!
	for i in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:$port/ && break; sleep 0.1; done
	cookie=$(curl -s -D - -o /dev/null -d '{"username":"xian532399","password":"bench-password-1"}' \
		http://127.0.0.1:$port/api/login | sed -n 's/^Set-Cookie: \([^;]*\).*/\1/p')
	c0=$(cpu_ticks $pid)
	wrk -t 2 -c 64 -d ${secs}s -H "Cookie: $cookie" http://127.0.0.1:$port/api/households/$hh >ab_wrk.txt 2>&1
	c1=$(cpu_ticks $pid)
	n1=$(awk '/requests in/ {print $1}' ab_wrk.txt)
	r1=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' ab_wrk.txt)
	e1=$(grep -c -e Non-2xx -e 'Socket errors' ab_wrk.txt)
	wrk -t 2 -c 64 -d ${secs}s -s ab_rotate.lua -H "Cookie: $cookie" http://127.0.0.1:$port/ >ab_wrk.txt 2>&1
	c2=$(cpu_ticks $pid)
	n2=$(awk '/requests in/ {print $1}' ab_wrk.txt)
	r2=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' ab_wrk.txt)
	e2=$(grep -c -e Non-2xx -e 'Socket errors' ab_wrk.txt)
	kill -TERM $pid
	wait $pid
	echo "$3: one household $(us_per_req $c0 $c1 $n1) us/req ($r1 req/s, error lines $e1);" \
		"1000 households $(us_per_req $c1 $c2 $n2) us/req ($r2 req/s, error lines $e2);" \
		"load $(cut -d' ' -f1-3 /proc/loadavg)"
}
for r in $(seq $rounds); do
	if [ $((r % 2)) = 1 ]; then
		one "$A" A.db "round $r A"
		one "$B" B.db "round $r B"
	else
		one "$B" B.db "round $r B"
		one "$A" A.db "round $r A"
	fi
done
