# HTTP: GET /api/households/{户编号} with a logged-in session, wrk -c 64 over
# a 100k-household demo store (issue 14: at least 20,000 requests/s, 0
# errors, and at least half the rate of nginx serving the same JSON as a
# static file).  Baseline, side by side: Debian's nginx-light on the same
# machine with the same number of worker processes as dixian has threads.
. "$TOP/bench/lib.sh"
n=${DIXIAN_BENCH_HTTP_HH:-100000}
dur=${DIXIAN_BENCH_HTTP_SECONDS:-20}
threads=$(nproc)
db=http$n.db
[ -e $db ] || $DIXIAN demo --households $n --db $db --today 2026-11-24 --quiet >/dev/null
echo "bench-password-1" | $DIXIAN account passwd xian532399 --db $db >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$DIXIAN serve --db $db --port $port --threads $threads >serve.out 2>serve.log &
pid=$!
for i in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:$port/ && break; sleep 0.1; done
hh=$(sqlite3 $db "SELECT hh_no FROM household ORDER BY id LIMIT 1 OFFSET 5000")
cookie=$(curl -s -D - -o /dev/null -d '{"username":"xian532399","password":"bench-password-1"}' \
	http://127.0.0.1:$port/api/login | sed -n 's/^Set-Cookie: \([^;]*\).*/\1/p')
curl -s -H "Cookie: $cookie" http://127.0.0.1:$port/api/households/$hh >hh.json
# cpu_ticks PID: user + system CPU of a process so far, in clock ticks
cpu_ticks() { awk '{print $14 + $15}' /proc/$1/stat; }
# us_per_req T0 T1 N: CPU microseconds per request between two cpu_ticks
us_per_req() { echo "$1 $2 $3 $(getconf CLK_TCK)" | awk '{ if ($3 > 0) printf "%.0f", ($2 - $1) / $4 * 1e6 / $3; else print "?" }'; }
# wrk: requests/s, p50 and p99 latency, errors (non-2xx + socket errors);
# $wrk_script: more options (a Lua script), none by default
wrk_script=
run_wrk() {
	wrk -t 2 -c 64 -d ${dur}s --latency $wrk_script -H "$2" "$1" >wrk.txt 2>&1
	rps=$(awk '/^Requests\/sec/ {print $2}' wrk.txt)
	p50=$(awk '$1 == "50%" {print $2}' wrk.txt)
	p99=$(awk '$1 == "99%" {print $2}' wrk.txt)
	errs=$(awk '/Non-2xx/ {s += $NF} /Socket errors/ {gsub(",", ""); s += $4 + $6 + $8 + $10} END {print s + 0}' wrk.txt)
}
c0=$(cpu_ticks $pid)
run_wrk http://127.0.0.1:$port/api/households/$hh "Cookie: $cookie"
d_rps=$rps d_p50=$p50 d_p99=$p99 d_err=$errs
d_us=$(us_per_req $c0 $(cpu_ticks $pid) $(awk '/requests in/ {print $1}' wrk.txt))
# The same route rotating over households spread over the county, each wrk
# request picking one at random (a Lua script per set):
# - 1,000 of them (every 100th by id): each worker's memo of records
#   (store/memo.h, 8 MiB) holds them all, so this is the rate when many
#   households, not one, are being looked at;
# - all of them: the memo holds about one in sixty, so nearly every answer
#   is read from the store and built -- the cost of the read itself.
rotate() { # rotate LIST SCRIPT: a wrk script asking for the households of LIST
	awk 'BEGIN { print "local hh = {" } { printf "\"%s\",\n", $1 }
	     END { print "}"
		   print "request = function()"
		   print "  return wrk.format(\"GET\", \"/api/households/\" .. hh[math.random(#hh)])"
		   print "end" }' "$1" >"$2"
}
sqlite3 $db "SELECT hh_no FROM household WHERE id % 100 = 7 ORDER BY id LIMIT 1000" >rotate.txt
rotate rotate.txt rotate.lua
sqlite3 $db "SELECT hh_no FROM household ORDER BY id" >rotate_all.txt
rotate rotate_all.txt rotate_all.lua
c0=$(cpu_ticks $pid)
wrk_script="-s rotate.lua"
run_wrk http://127.0.0.1:$port/ "Cookie: $cookie"
r_rps=$rps r_p50=$p50 r_p99=$p99 r_err=$errs
r_us=$(us_per_req $c0 $(cpu_ticks $pid) $(awk '/requests in/ {print $1}' wrk.txt))
c0=$(cpu_ticks $pid)
wrk_script="-s rotate_all.lua"
run_wrk http://127.0.0.1:$port/ "Cookie: $cookie"
wrk_script=
a_rps=$rps a_p50=$p50 a_p99=$p99 a_err=$errs
a_us=$(us_per_req $c0 $(cpu_ticks $pid) $(awk '/requests in/ {print $1}' wrk.txt))
kill -TERM $pid
wait $pid
# nginx-light on the same JSON, same number of workers
mkdir -p nginx/www/api/households nginx/tmp
cp hh.json nginx/www/api/households/$hh
nport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >nginx/nginx.conf <<NGINX
worker_processes $threads;
pid $PWD/nginx/nginx.pid;
error_log $PWD/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $PWD/nginx/tmp; proxy_temp_path $PWD/nginx/tmp;
	fastcgi_temp_path $PWD/nginx/tmp; uwsgi_temp_path $PWD/nginx/tmp; scgi_temp_path $PWD/nginx/tmp;
	default_type application/json;
	server { listen 127.0.0.1:$nport; root $PWD/nginx/www; }
}
NGINX
nginx -c $PWD/nginx/nginx.conf -p $PWD/nginx
sleep 0.3
run_wrk http://127.0.0.1:$nport/api/households/$hh "Cookie: $cookie"
n_rps=$rps n_p50=$p50 n_p99=$p99
kill $(cat nginx/nginx.pid)
echo "http household detail ($n households, wrk -c 64 -d ${dur}s, $threads threads): dixian ${d_rps} req/s (p50 ${d_p50}, p99 ${d_p99}, errors ${d_err}), baseline nginx static file ${n_rps} req/s (p50 ${n_p50}, p99 ${n_p99}), ratio $(ratio $d_rps $n_rps); dixian server CPU ${d_us} us per request"
echo "http household detail over 1000 households (same run, wrk -s rotate.lua): dixian ${r_rps} req/s (p50 ${r_p50}, p99 ${r_p99}, errors ${r_err}), ratio to nginx $(ratio $r_rps $n_rps); dixian server CPU ${r_us} us per request"
echo "http household detail over all $n households, nearly every answer read and built (same run, wrk -s rotate_all.lua): dixian ${a_rps} req/s (p50 ${a_p50}, p99 ${a_p99}, errors ${a_err}), ratio to nginx $(ratio $a_rps $n_rps); dixian server CPU ${a_us} us per request"
if awk -v d=$d_rps -v n=$n_rps -v e=$d_err -v re=$r_err -v ae=$a_err 'BEGIN { exit !(d >= 20000 && d >= n / 2 && e == 0 && re == 0 && ae == 0) }'; then
	echo "http target met"
else
	echo "http target NOT met"
	exit 1
fi
