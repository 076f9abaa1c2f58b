#!/bin/sh
# Run every benchmark (bench/b_*.sh).  Each prints its own lines of the form
#   NAME: dixian X s, baseline (WHAT) Y s, ratio Z
# measured side by side in one run on this machine.  Where an issue sets a
# target, the benchmark says whether it is met and exits 1 when it is not;
# every benchmark runs either way and `make bench` fails if any missed.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
export DIXIAN="$top/dixian" TOP="$top"
out="$top/bench/out"
mkdir -p "$out"
status=0
for b in "$top"/bench/b_*.sh; do
	[ -e "$b" ] || continue
	(cd "$out" && sh "$b") || status=1
done
exit $status
