# Build bench/hhloop.c against a build's library and run it on DB: the
# household route's record and JSON without HTTP, CPU per record (see
# hhloop.c).  One household (b_http.sh's) and 1,000 in turn (its rotation).
#
#   cd bench/out && TOP=/work/x [LIBA=/work/x/build/libdixian.a] [N=20000] \
#       [DB=http100000.db] [OUT=hhloop] sh ../hhloop.sh
top=$TOP
liba=${LIBA:-$top/build/libdixian.a}
n=${N:-20000}
db=${DB:-http100000.db}
out=${OUT:-hhloop}
cc -O2 -std=c11 -D_GNU_SOURCE -I$top/src $(pkg-config --cflags sqlite3 libcjson libsodium) \
	-o $out $top/bench/hhloop.c $liba \
	$(pkg-config --libs sqlite3 libcjson libzip expat xlsxwriter libsodium libmicrohttpd) \
	-lcsv -lm -ldl -lpthread || exit 1
hh=$(sqlite3 $db "SELECT hh_no FROM household ORDER BY id LIMIT 1 OFFSET 5000")
echo "one household: $(./$out $db xian532399 $n $hh)"
echo "1000 households: $(./$out $db xian532399 $n $(sqlite3 $db "SELECT hh_no FROM household WHERE id % 100 = 7 ORDER BY id LIMIT 1000"))"
