# Build bench/hhloop.c against a build's library and run it: the household
# route's record and JSON without HTTP, CPU per record (see hhloop.c), for
# one household (b_http.sh's) and for 1,000 taken in turn (its rotation).
# With LIBA_A as well, an A/B: both builds alternated R times, N records a
# run, each build on its own copy of the store (DB_A, DB_B: a newer build
# may have migrated its copy, which an older one then refuses); the
# minimum and the median of the R runs are printed, the minimum being the
# figure other load on the machine disturbs least.
#
#   cd bench/out && TOP=/work/x [LIBA=/work/x/build/libdixian.a] \
#       [LIBA_A=/tmp/base/build/libdixian.a DB_A=A.db] [DB_B=http100000.db] \
#       [R=12] [N=8000] sh ../hhloop.sh
top=$TOP
n=${N:-8000}
r=${R:-12}
dbb=${DB_B:-${DB:-http100000.db}}
build() {
	cc -O2 -std=c11 -D_GNU_SOURCE -I$top/src $(pkg-config --cflags sqlite3 libcjson libsodium) \
		-o $2 $top/bench/hhloop.c $1 \
		$(pkg-config --libs sqlite3 libcjson libzip expat xlsxwriter libsodium libmicrohttpd) \
		-lcsv -lm -ldl -lpthread
}
build ${LIBA:-$top/build/libdixian.a} ./hhloop_b || exit 1
runs="hhloop_b:$dbb"
if [ -n "$LIBA_A" ]; then
	build $LIBA_A ./hhloop_a || exit 1
	runs="hhloop_a:${DB_A:-A.db} $runs"
fi
one=$(sqlite3 $dbb "SELECT hh_no FROM household ORDER BY id LIMIT 1 OFFSET 5000")
many=$(sqlite3 $dbb "SELECT hh_no FROM household WHERE id % 100 = 7 ORDER BY id LIMIT 1000")
# stats LABEL HH...: R alternations of every build of $runs
stats() {
	label=$1
	shift
	for i in $(seq $r); do
		for p in $runs; do
			echo "${p%%:*} $(./${p%%:*} ${p#*:} xian532399 $n "$@" | awk '{print $1}')"
		done
	done | sort -k1,1 -k2,2n | awk -v l="$label" '{ c[$1]++; v[$1, c[$1]] = $2 }
		END { for (k in c) printf "%s, %s: min %.2f us, median %.2f us per record (%d runs)\n",
			l, k, v[k, 1], v[k, int((c[k] + 1) / 2)], c[k] }' | sort
}
stats "one household" $one
stats "1000 households" $many
