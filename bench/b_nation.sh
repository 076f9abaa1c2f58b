# The nation across servers (issue 17): three province shards behind a
# coordinator (postgres_fdw foreign partitions) against one PostgreSQL
# holding the same three counties, side by side in one run:
#   - the national report (`dixian report --area 全国`);
#   - its main aggregate alone (households and persons by county), which
#     the coordinator pushes down to the shards;
#   - a national screening (`dixian screen` of every county in turn).
# All four servers run on this one machine, so the shards share its cores
# and disk: the ratio shows the coordinator's overhead, not the gain of
# real separate machines (docs/scale.md says what changes there).
# The issue asks 3 shards x 3M people; DIXIAN_BENCH_NATION_HH sets the
# households per shard (default 20000, about 69k people: this machine's
# 2 cores are shared).  Optional, not in `make test`:
#   make bench-nation      (or DIXIAN_BENCH_NATION=1 make bench)
. "$TOP/bench/lib.sh"
[ "${DIXIAN_BENCH_NATION:-0}" = 1 ] || { echo "nation bench skipped (make bench-nation runs it)"; exit 0; }
set -eu
hh=${DIXIAN_BENCH_NATION_HH:-20000}
rounds=${DIXIAN_BENCH_NATION_ROUNDS:-3}
bin=/usr/lib/postgresql/15/bin
[ -x $bin/initdb ] || { echo "nation bench skipped: PostgreSQL 15 is not installed"; exit 0; }
top=$(mktemp -d /tmp/dixian-bnation.XXXXXX)
chmod 0755 "$top"
as=
if [ "$(id -u)" = 0 ]; then chown nobody "$top"; as="runuser -u nobody --"; fi
cleanup() {
	for n in co s1 s2 s3 one; do
		[ -d "$top/$n/data" ] && $as $bin/pg_ctl -D "$top/$n/data" -m immediate stop >/dev/null 2>&1 || true
	done
	rm -rf "$top"
}
trap cleanup EXIT INT TERM
start() {
	d=$top/$1
	$as mkdir -p "$d"
	$as $bin/initdb -D "$d/data" -U dixian -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
	p=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	$as $bin/pg_ctl -D "$d/data" -w -l "$d/log" \
		-o "-k $d -p $p -c listen_addresses= -c fsync=off -c shared_buffers=256MB" start >/dev/null
	psql -h "$d" -p "$p" -U dixian -d postgres -qc "CREATE DATABASE dixian"
	echo "postgresql:///dixian?host=$d&port=$p&user=dixian"
}
sock() { echo "$1" | sed 's/.*host=\([^&]*\)&port=\([0-9]*\).*/-h \1 -p \2/'; }
t0=$(now)
CO=$(start co); S1=$(start s1); S2=$(start s2); S3=$(start s3); ONE=$(start one)
echo "nation: 5 servers started in $(elapsed $t0) s"
for s in "$S1" "$S2" "$S3" "$ONE"; do $DIXIAN init --db "$s" >/dev/null; done
$DIXIAN cluster init --coordinator "$CO" --shard "53=$S1" --shard "52=$S2" --shard "51=$S3" >/dev/null
t0=$(now)
$DIXIAN demo --db "$S1" --county 532399 --households $hh >/dev/null 2>&1 &
$DIXIAN demo --db "$S2" --county 520102 --households $hh >/dev/null 2>&1 &
$DIXIAN demo --db "$S3" --county 510104 --households $hh >/dev/null 2>&1 &
wait
echo "nation: 3 shards x $hh households generated in $(elapsed $t0) s"
t0=$(now)
# the single server: the three shards' rows, triggers off (the derived
# columns come with the rows), ids as they are (the ranges keep them apart)
for s in "$S1" "$S2" "$S3"; do
	pg_dump $(sock "$s") -U dixian -d dixian --data-only --disable-triggers 2>/dev/null \
		--exclude-table-data=schema_version --exclude-table-data=id_protection |
		psql $(sock "$ONE") -U dixian -d dixian -q -v ON_ERROR_STOP=1 >/dev/null
done
psql $(sock "$ONE") -U dixian -d dixian -qc "ANALYZE" >/dev/null
for s in "$S1" "$S2" "$S3"; do psql $(sock "$s") -U dixian -d dixian -qc "ANALYZE" >/dev/null; done
echo "nation: the single server loaded in $(elapsed $t0) s"
persons=$(psql $(sock "$ONE") -U dixian -d dixian -Atc "SELECT count(*) FROM person")
echo "nation: $persons persons in all ($(psql $(sock "$CO") -U dixian -d dixian -Atc "SELECT count(*) FROM person") through the coordinator)"
best() { # best of $rounds, in seconds, of "$@"
	b=
	for i in $(seq $rounds); do
		t=$(now); "$@" >/dev/null; e=$(elapsed $t)
		b=$(awk -v b="$b" -v e="$e" 'BEGIN { if (b == "" || e + 0 < b + 0) print e; else print b }')
	done
	echo $b
}
report() { $DIXIAN report --area 全国 --year 2025 --db "$1"; }
agg() { psql $(sock "$1") -U dixian -d dixian -Atc "SELECT county_code, count(*), sum(members) FROM household GROUP BY county_code"; }
screen() { for c in 532399 520102 510104; do $DIXIAN screen --area $c --year 2025 --format csv --db "$1" 2>/dev/null || return 1; done; }
# the same answers first
report "$CO" >"$top/r_co.txt"; report "$ONE" >"$top/r_one.txt"
cmp -s "$top/r_co.txt" "$top/r_one.txt" && echo "nation: the national report is the same on both" ||
	{ echo "nation: the national reports DIFFER"; diff "$top/r_co.txt" "$top/r_one.txt" | head; }
screen "$CO" | md5sum >"$top/s_co"; screen "$ONE" | md5sum >"$top/s_one"
cmp -s "$top/s_co" "$top/s_one" && echo "nation: the national screening is the same on both" || echo "nation: the screenings DIFFER"
for w in report agg screen; do
	a=$(best $w "$CO"); b=$(best $w "$ONE")
	echo "nation $w: coordinator + 3 shards $a s, one PostgreSQL $b s, ratio $(ratio $a $b)"
done
