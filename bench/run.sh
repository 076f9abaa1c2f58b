#!/bin/sh
# Run every benchmark (bench/b_*.sh).  Each prints its own lines of the form
#   NAME: dixian X s, baseline (WHAT) Y s, ratio Z
# measured side by side in one run on this machine; nothing here is a timed
# test that can fail on a slow machine, except where a benchmark's issue
# asks for a target ratio, which the benchmark states and checks.
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
