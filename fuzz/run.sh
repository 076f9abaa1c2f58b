#!/bin/sh
# `make fuzz`: run every fuzz target (built with clang's libFuzzer, ASan and
# UBSan into $1/libfuzz/) for a stated number of executions, then merge
# what found new coverage into the committed corpus fuzz/corpus/<target>/
# (-merge=1 keeps only inputs that add coverage, so it stays small).
# Usage: run.sh BUILD [target...]; FUZZ_RUNS=N runs every target N times.
# Prints one line per target (executions, coverage, speed); a crash leaves
# its input in BUILD/fuzz-crash/ and fails the run.
set -u
B=$1
shift
targets=${*:-$(cd "$B/libfuzz" && ls)}
# executions per target: the slow ones build megabytes per input
# (the sheet readers run ~100-200 executions a second under ASan on a
# shared 2-core machine: the counts keep `make fuzz` near 20 minutes)
runs_of() {
	case $1 in
	fuzz_xml_tokens) echo 600 ;;
	fuzz_zip) echo 8000 ;;
	fuzz_csv_boundary) echo 10000 ;;
	fuzz_http) echo 300000 ;;
	fuzz_api) echo 100000 ;;
	fuzz_import_row) echo 20000 ;;
	*) echo 30000 ;;
	esac
}
mkdir -p "$B/fuzz-work" "$B/fuzz-crash"
fail=0
for t in $targets; do
	n=${t#fuzz_}
	runs=${FUZZ_RUNS:-$(runs_of "$t")}
	work="$B/fuzz-work/$n"
	mkdir -p "$work" "fuzz/corpus/$n"
	log="$B/fuzz-work/$n.log"
	if ! "$B/libfuzz/$t" -runs="$runs" -max_len=16384 -timeout=30 -rss_limit_mb=2560 \
		-print_final_stats=1 -artifact_prefix="$B/fuzz-crash/$n-" \
		"$work" "fuzz/corpus/$n" >"$log" 2>&1; then
		echo "FAIL $t: see $log"
		grep -m3 -E 'ERROR|SUMMARY|Test unit written' "$log" | sed 's/^/    /'
		fail=1
		continue
	fi
	"$B/libfuzz/$t" -merge=1 -max_len=16384 "fuzz/corpus/$n" "$work" >"$log.merge" 2>&1
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
	secs=$(sed -n 's/^stat::average_exec_per_sec:[[:space:]]*//p' "$log")
	echo "ok   $t: runs=$runs $(echo "$done_line" | sed 's/^#\([0-9]*\)[[:space:]]*DONE[[:space:]]*/execs=\1 /; s/ rss.*//') avg_exec/s=$secs"
done
size=$(find fuzz/corpus -type f -printf '%s\n' | awk '{s += $1} END {print int(s / 1024)}')
echo "corpus: $(find fuzz/corpus -type f | wc -l) files, ${size} KiB"
[ "$size" -lt 1024 ] || { echo "FAIL corpus over 1 MiB: minimise it (-merge=1 into an empty directory)"; fail=1; }
exit $fail
