#!/bin/sh
# The browser tests: a fresh demo store with accounts and passwords (as
# tests/http does), `dixian serve` on a free loopback port, then each spec
# (*.test.mjs, one user journey each) under node's test runner, one at a
# time (two cores are shared), driving Debian's chromium through
# playwright-core.  Screenshots go to tests/browser/artifacts/.  Prints one
# line per test and a closing "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
D="$top/dixian"
dir=$(mktemp -d /tmp/dixian-browser.XXXXXX)
cd "$dir" || exit 1
fail() { echo "FAIL browser setup: $*"; tail -20 "$dir/log" 2>/dev/null | sed 's/^/    /'; exit 1; }
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM:-}" ] || fail "no /usr/bin/chromium (make deps)"
{
	"$D" demo --households 2000 --db d.db &&
	for a in xian532399 xiang532399101 cun532399101001 cun532399101002; do
		echo "pw-$a-secret" | sed 's/cun\|xiang\|xian//' | "$D" account passwd "$a" --db d.db || exit 1
	done &&
	# a second county from the sample ledger, for the upload journey
	"$D" account add xian532326 --level 县 --scope 532326 --db d.db &&
	"$D" import persons "$top/../shared/data/persons_gb18030.csv" --db d.db --as xian532326 &&
	echo "pw-532326-secret" | "$D" account passwd xian532326 --db d.db
} >"$dir/log" 2>&1 || fail "demo store"
q() { sqlite3 d.db "$1"; }
# a household of village 1 with no episode, case or clue, for the case
# journey; one of village 1 for the scope check; a case of village 1
HH_FREE=$(q "SELECT hh_no FROM household h WHERE area_code = '532399101001' AND kind = '一般户'
	AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.household_id = h.id)
	AND NOT EXISTS (SELECT 1 FROM case_file c WHERE c.household_id = h.id)
	AND NOT EXISTS (SELECT 1 FROM clue c WHERE c.household_id = h.id) ORDER BY id LIMIT 1")
HH_V1=$(q "SELECT hh_no FROM household WHERE area_code = '532399101001' ORDER BY id LIMIT 1")
HEAD_V1=$(q "SELECT p.name FROM person p JOIN household h ON h.id = p.household_id
	WHERE h.hh_no = '$HH_V1' AND p.relation = '户主'")
CASE_V1=$(q "SELECT c.id FROM case_file c JOIN household h ON h.id = c.household_id
	WHERE h.area_code = '532399101001' ORDER BY c.id LIMIT 1")
# two more such households, for the bulk approval journey
HH_BULK=$(q "SELECT hh_no FROM household h WHERE area_code = '532399101001' AND kind = '一般户'
	AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.household_id = h.id)
	AND NOT EXISTS (SELECT 1 FROM case_file c WHERE c.household_id = h.id)
	AND NOT EXISTS (SELECT 1 FROM clue c WHERE c.household_id = h.id) ORDER BY id LIMIT 2 OFFSET 1" | tr '\n' ' ')
# a household of township 1 in monitoring (an episode), for the record page
HH_EP=$(q "SELECT h.hh_no FROM household h JOIN episode e ON e.household_id = h.id
	WHERE h.area_code LIKE '532399101%' AND e.eliminated_on IS NULL ORDER BY h.id LIMIT 1")
[ -n "$HH_FREE" ] && [ -n "$HH_EP" ] && [ -n "$HH_V1" ] && [ -n "$HEAD_V1" ] || fail "test households"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$D" serve --db d.db --port "$port" --threads 2 >"$dir/serve.out" 2>"$dir/serve.log" &
pid=$!
for _ in $(seq 100); do grep -q 'Dixian' "$dir/serve.out" 2>/dev/null && break; sleep 0.05; done
export BASE="http://127.0.0.1:$port" DB="$dir/d.db" DATA="$top/../shared/data" HH_FREE HH_V1 HEAD_V1 CASE_V1 HH_EP HH_BULK
pass=0 failed=0
for spec in "$top"/tests/browser/*.test.mjs; do
	name=$(basename "$spec" .test.mjs)
	# SPECS="a b" runs only those specs (while working on one page)
	case " ${SPECS:-$name} " in *" $name "*) ;; *) continue ;; esac
	node --test --test-reporter=tap "$spec" >"$dir/$name.tap" 2>&1
	rc=$?
	p=$(sed -n 's/^# pass //p' "$dir/$name.tap")
	f=$(sed -n 's/^# fail //p' "$dir/$name.tap")
	p=${p:-0} f=${f:-0}
	[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
	grep -E '^# (dashboard|measure)' "$dir/$name.tap" | sed 's/^# /     /'
	grep -E '^ *(not )?ok [0-9]+ - ' "$dir/$name.tap" | grep -v '^ok [0-9]* - /' |
		sed -E 's/^ *ok [0-9]+ - /ok   browser: /; s/^ *not ok [0-9]+ - /FAIL browser: /'
	if [ "$f" != 0 ]; then
		sed -n '/^not ok\|^ *not ok/,/^  \.\.\./p' "$dir/$name.tap" | head -40 | sed 's/^/    /'
	fi
	pass=$((pass + p)) failed=$((failed + f))
done
kill -TERM "$pid" 2>/dev/null
wait "$pid"
echo "browser: $pass passed, $failed failed (screenshots in tests/browser/artifacts/)"
if [ "$failed" = 0 ]; then
	rm -rf "$dir"
	exit 0
fi
echo "server log and TAP output: $dir"
exit 1
