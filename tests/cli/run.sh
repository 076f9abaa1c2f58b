#!/bin/sh
# Run every end-to-end CLI test (tests/cli/tNNNN-*.sh) against ./dixian, each
# in its own scratch directory; print one line per test and a closing
# "N passed, N failed".  With DIXIAN_TEST_PG=1 (and PGHOST, PGPORT, PGUSER
# of a running cluster: `make clitest-pg`), every test runs against
# PostgreSQL stores (tests/cli/lib.sh): a test's "skip on PostgreSQL" lines
# are shown under it, and its databases dropped when it ends.
top=$(cd "$(dirname "$0")/../.." && pwd)
pass=0
fail=0
for t in "$top"/tests/cli/t[0-9]*.sh; do
	name=$(basename "$t" .sh)
	dir=$(mktemp -d /tmp/dixian-cli.XXXXXX)
	if (cd "$dir" && DIXIAN="$top/dixian" TOP="$top" DATA="$top/../shared/data" \
		sh "$t") >"$dir/log" 2>&1; then
		pass=$((pass + 1))
		echo "ok   $name"
		grep '^skip on PostgreSQL: ' "$dir/log" | sed 's/^/    /'
		rm -rf "$dir"
	else
		fail=$((fail + 1))
		echo "FAIL $name (log: $dir/log)"
		sed 's/^/    /' "$dir/log" | tail -25
	fi
	if [ -n "${DIXIAN_TEST_PG:-}" ] && [ -f "$dir/.pg-databases" ]; then
		while read -r d; do dropdb --if-exists "$d"; done <"$dir/.pg-databases"
	fi
done
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
