#!/bin/sh
# Run every end-to-end CLI test (tests/cli/tNNNN-*.sh) against ./dixian, each
# in its own scratch directory; print one line per test and a closing
# "N passed, N failed".
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
		rm -rf "$dir"
	else
		fail=$((fail + 1))
		echo "FAIL $name (log: $dir/log)"
		sed 's/^/    /' "$dir/log" | tail -25
	fi
done
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
