# Helpers for benchmarks; sourced by bench/b_*.sh (run in bench/out/).
# now: seconds since the epoch with nanoseconds, for timing side by side.
now() { date +%s.%N; }
# elapsed START: seconds since START, three decimals
elapsed() { echo "$(now) $1" | awk '{printf "%.3f", $1 - $2}'; }
# ratio A B: A / B to two decimals
ratio() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else print "inf" }'; }
# peak resident memory in MiB of a command (GNU time is not installed by
# default; /proc-based measurement through a small wrapper)
peak_mib() { /usr/bin/env python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print("%.1f" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))' "$@"; }
