#!/bin/sh
# The crash loop against PostgreSQL (issue 13): test_faults.py's kill -9
# tests -- during case steps and visits, during an upload and its import
# job -- against `dixian serve` on a PostgreSQL store, in the throwaway
# cluster tests/store/pg_run.sh starts (`make httptest-pg`).  The store: a
# demo county with the accounts and passwords test_faults.py uses, and the
# sample county 532326 for uploads.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
D="$top/dixian"
. "$top/tests/http/lib.sh"
http_dir dixian-httppg
name=dx_http_$(basename "$dir" | sed 's/.*\.//' | tr 'A-Z' 'a-z')
http_pg_db "$name"
fail() { http_fail http-pg "$*"; }
{
	"$D" demo --households ${HTTP_PG_HOUSEHOLDS:-2000} --db "$url" &&
	for a in xian532399 xiang532399101 cun532399101001 cun532399101002; do
		echo "pw-$a-secret" | sed 's/cun\|xiang\|xian\|kan//' | "$D" account passwd "$a" --db "$url" ||
			exit 1
	done &&
	"$D" account add xian532326 --level 县 --scope 532326 --db "$url" &&
	"$D" import persons "$top/../shared/data/persons_gb18030.csv" --db "$url" --as xian532326 &&
	echo "pw-532326-secret" | "$D" account passwd xian532326 --db "$url"
} >"$dir/log" 2>&1 || fail "demo store"
echo "     (on PostgreSQL)"
DATA="$top/../shared/data" DIXIAN="$D" DB="$url" WORK="$dir" python3 "$top/tests/http/test_faults.py" \
	${HTTP_PG_TESTS:-test_kill_mid_case_step test_kill_mid_upload}
rc=$?
dropdb --if-exists --force "$name"
if [ "$rc" = 0 ]; then
	rm -rf "$dir"
else
	echo "server log: $dir/faults-serve.log"
	tail -20 "$dir/faults-serve.log" | sed 's/^/    /'
fi
exit "$rc"
