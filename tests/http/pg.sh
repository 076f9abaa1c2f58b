#!/bin/sh
# `dixian serve` on a PostgreSQL store (issue 16), inside pg_run.sh (PGHOST,
# PGPORT, PGUSER name a throwaway cluster; `make httptest-pg`): a demo
# county in its own database, then the server with 4 worker threads and
# its pool of store connections, driven by test_pg.py (logins, reads and
# writes from many clients at once).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
D="$top/dixian"
. "$top/tests/http/lib.sh"
http_dir dixian-httppg
http_pg_db httppg
fail() { http_fail http-pg "$*"; }
{
	"$D" demo --households 2000 --db "$url" &&
	for a in xian532399 cun532399101001 cun532399101002; do
		echo "pw-$a-secret" | sed 's/cun\|xian//' | "$D" account passwd "$a" --db "$url" || exit 1
	done
} >"$dir/log" 2>&1 || fail "demo store"
http_port
serve_start serve --db "$url" --threads 4
DIXIAN="$D" DB="$url" PORT="$port" SERVER_PID="$pid" THREADS=4 python3 "$top/tests/http/test_pg.py"
rc=$?
if ! serve_stop serve; then
	echo "FAIL http-pg: the server did not stop cleanly"
	rc=1
fi
if [ "$rc" = 0 ]; then
	rm -rf "$dir"
else
	echo "server log: $dir/serve.log"
	tail -20 "$dir/serve.log" | sed 's/^/    /'
fi
exit "$rc"
