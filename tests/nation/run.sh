#!/bin/sh
# The nation across servers (issue 17): three throwaway PostgreSQL 15
# clusters (a coordinator and two province shards, Unix sockets only, run
# as nobody under root), `dixian cluster init`, two provinces of demo data
# loaded straight into their shards, then:
#   - cluster check passes, and finds a row put in the wrong shard;
#   - the national report equals the sum of the province reports, figure
#     by figure, and each county's report through the coordinator equals
#     the one on its own shard byte for byte;
#   - the national aggregate is pushed down to the shards (EXPLAIN);
#   - a village account on the coordinator sees only its village;
#   - a write through the coordinator lands on the right shard;
#   - with a shard down, the national report names the missing province
#     and fails (no hang), while the other province's own work goes on
#     (on its own server: a county's reads through the coordinator are not
#     all pruned to one shard, docs/scale.md).
# Skipped with one line where PostgreSQL 15 or postgres_fdw is missing.
set -eu
bin=/usr/lib/postgresql/15/bin
D=${DIXIAN:-$(pwd)/dixian}
if [ ! -x $bin/initdb ] || [ ! -f /usr/lib/postgresql/15/lib/postgres_fdw.so ]; then
	echo "skip: tests/nation: PostgreSQL 15 with postgres_fdw is not installed"
	exit 0
fi
top=$(mktemp -d /tmp/dixian-nation.XXXXXX)
chmod 0755 "$top"
as=
if [ "$(id -u)" = 0 ]; then
	chown nobody "$top"
	as="runuser -u nobody --"
fi
cleanup() {
	for n in co s1 s2; do
		[ -d "$top/$n/data" ] && $as $bin/pg_ctl -D "$top/$n/data" -m immediate stop >/dev/null 2>&1 || true
	done
	rm -rf "$top"
}
trap cleanup EXIT INT TERM
freeport() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start() { # name -> starts the cluster, prints its target
	d=$top/$1
	$as mkdir -p "$d"
	$as $bin/initdb -D "$d/data" -U dixian -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
		>"$top/$1.initdb.log" 2>&1 || { cat "$top/$1.initdb.log" >&2; exit 1; }
	p=$(freeport)
	$as $bin/pg_ctl -D "$d/data" -w -l "$d/log" \
		-o "-k $d -p $p -c listen_addresses= -c fsync=off" start >/dev/null ||
		{ cat "$d/log" >&2; exit 1; }
	psql -h "$d" -p "$p" -U dixian -d postgres -qc "CREATE DATABASE dixian"
	echo "postgresql:///dixian?host=$d&port=$p&user=dixian"
}
fail=0
ok() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }
q() { # target sql -> one value
	python3 - "$1" "$2" <<'PY'
import sys, urllib.parse as u
t = u.urlparse(sys.argv[1]); a = dict(u.parse_qsl(t.query))
import subprocess
print(subprocess.run(["psql", "-h", a["host"], "-p", a["port"], "-U", "dixian", "-d", "dixian", "-Atqc", sys.argv[2]],
                     capture_output=True, text=True, check=True).stdout.strip())
PY
}

CO=$(start co)
S1=$(start s1)
S2=$(start s2)
"$D" init --db "$S1" >/dev/null
"$D" init --db "$S2" >/dev/null
"$D" cluster init --coordinator "$CO" --shard "53=$S1" --shard "52=$S2" >"$top/init.out" 2>"$top/init.err" ||
	{ cat "$top/init.out" "$top/init.err"; exit 1; }
if grep -q "host=\|postgresql://" "$top/init.out" "$top/init.err"; then bad "init prints no target"; else ok "init prints no target"; fi
"$D" demo --db "$S1" --county 532399 --counties 3 --households 120 >/dev/null 2>&1
"$D" demo --db "$S2" --county 520102 --households 150 >/dev/null 2>&1

# 0. what is refused, and how
t0=$(pwd)
cd "$top"
"$D" cluster init --coordinator "$CO" --shard "53=a.db" 2>"$top/e1" && bad "a file as a shard" || true
"$D" cluster init --coordinator "$CO" --shard "53=$S1" --shard "5323=$S2" 2>"$top/e2" && bad "overlapping shards" || true
"$D" cluster init --coordinator "$CO" --shard "53=$S1" 2>"$top/e3" && bad "init twice" || true
if "$D" report --area 全国 --year 2025 --db a.db 2>"$top/e4"; then e4=0; else e4=$?; fi
cd "$t0"
if grep -q "分片 53 应为 PostgreSQL" "$top/e1" && grep -q "分片 5323 与分片 53 的区划重叠" "$top/e2" &&
	grep -q "协调库不是空库" "$top/e3" && [ "$e4" = 2 ] && grep -q "须经协调库" "$top/e4" && [ ! -e "$top/a.db" ]; then
	ok "refused in Chinese: a file as a shard, overlapping prefixes, a second init, a nation report on a file"
else
	cat "$top"/e1 "$top"/e2 "$top"/e3 "$top"/e4; bad "refusals"
fi

# 1. the layout checks out
if "$D" cluster check --db "$CO" >"$top/check.out" 2>&1 && grep -q "全部正常" "$top/check.out"; then
	ok "cluster check: versions equal, each shard only its prefix, ids in range"
else
	cat "$top/check.out"; bad "cluster check"
fi

# 2. the nation is the sum of the provinces, figure by figure
"$D" report --area 全国 --db "$CO" --year 2025 --format json >"$top/nation.json"
p53=
for c in $(q "$S1" "SELECT string_agg(DISTINCT county_code, ' ' ORDER BY county_code) FROM household"); do
	"$D" report --db "$S1" --area "$c" --year 2025 --format json >"$top/p$c.json"
	p53="$p53 53:$top/p$c.json"
done
"$D" report --db "$S2" --area 520102 --year 2025 --format json >"$top/p52.json"
if python3 - "$top/nation.json" $p53 "52:$top/p52.json" <<'PY'
import json, sys
n = json.load(open(sys.argv[1]))
prov = {p["area"]: p for p in n["provinces"]}
# each province's figures: the sum of its counties' own reports, read on
# the shard directly
direct = {}
for a in sys.argv[2:]:
    code, path = a.split(":", 1)
    for f in json.load(open(path))["total"]["figures"]:
        d = direct.setdefault(code, {}).setdefault(f["key"], [0, 0])
        d[0] += f["households"]; d[1] += f["persons"]
bad = checked = 0
for code, figs in direct.items():
    mine = {f["key"]: f for f in prov[code]["figures"]}
    for key, (hh, pp) in figs.items():
        checked += 1
        if [mine[key]["households"], mine[key]["persons"]] != [hh, pp]:
            print("province %s %s: nation says %s/%s, its shard %s/%s" % (code, key, mine[key]["households"], mine[key]["persons"], hh, pp))
            bad += 1
for i, f in enumerate(n["figures"]):
    s = [sum(p["figures"][i][k] for p in n["provinces"]) for k in ("households", "persons")]
    if s != [f["households"], f["persons"]]:
        print("nation %s: %s, provinces sum to %s" % (f["key"], [f["households"], f["persons"]], s)); bad += 1
alls = {f["key"]: f for f in n["figures"]}["all"]
want = sum(d["all"][0] for d in direct.values())
if bad or checked < 20 or alls["households"] != want or want < 270 or len(prov) != 2:
    print("all:", alls, "want", want, "bad", bad, "checked", checked); sys.exit(1)
PY
then ok "national report = sum of the province reports, figure by figure"; else bad "national report sums"; fi
"$D" report --area 53 --db "$CO" --year 2025 --format json >"$top/n53.json"
"$D" report --area 53 --db "$S1" --year 2025 --format json >"$top/own53.json"
same53='import json,sys; a=json.load(open(sys.argv[1])); b=[p for p in json.load(open(sys.argv[2]))["provinces"] if p["area"]=="53"][0]; sys.exit(a["figures"]!=b["figures"] or len(a["provinces"])!=1)'
if python3 -c "$same53" "$top/n53.json" "$top/nation.json" && python3 -c "$same53" "$top/own53.json" "$top/nation.json"; then
	ok "report --area 53, on the coordinator and on the province's own server = province 53 of the national report"
else
	bad "report --area 53 on the coordinator"
fi
for c in "532399 $S1" "520102 $S2"; do
	set -- $c
	"$D" report --db "$CO" --area "$1" --year 2025 >"$top/via.txt"
	"$D" report --db "$2" --area "$1" --year 2025 >"$top/own.txt"
	if cmp -s "$top/via.txt" "$top/own.txt"; then ok "county $1 through the coordinator = on its shard"; else bad "county $1 differs through the coordinator"; fi
done

# 2b. a province through the coordinator: one pass over its shard, not a
# report per county (shard 53 holds three counties).  Counted in the
# shards' statement logs: the reads of household that reach each shard.
q "$S1" "ALTER DATABASE dixian SET log_statement = 'all'" >/dev/null
q "$S2" "ALTER DATABASE dixian SET log_statement = 'all'" >/dev/null
reads() { # shard first_line -> reads of household on it since that line
	tail -n +"$2" "$top/$1/log" | grep -c 'FROM public.household' || true
}
l1=$(($(wc -l <"$top/s1/log") + 1)); l2=$(($(wc -l <"$top/s2/log") + 1))
"$D" report --db "$CO" --area 532399 --year 2025 >/dev/null
county=$(reads s1 "$l1")
l1=$(($(wc -l <"$top/s1/log") + 1)); l2=$(($(wc -l <"$top/s2/log") + 1))
"$D" report --db "$CO" --area 53 --year 2025 >/dev/null
prov=$(reads s1 "$l1") other=$(reads s2 "$l2")
echo "# household reads on shard 53: county report $county, province report (3 counties) $prov; on shard 52: $other"
q "$S1" "ALTER DATABASE dixian RESET log_statement" >/dev/null
q "$S2" "ALTER DATABASE dixian RESET log_statement" >/dev/null
# (shard 52 is still asked, with area ranges that find nothing there: the
# area reads carry no county_code for the coordinator to prune by)
if [ "$prov" -gt 0 ] && [ "$prov" -le "$county" ] && [ "$other" -le "$county" ]; then
	ok "report --area 53 through the coordinator reads shard 53 once for its three counties ($prov reads of household, a county report $county)"
else
	bad "report --area 53 through the coordinator: $prov reads of household on shard 53 (a county report: $county), $other on shard 52"
fi

# 3. the store's SQL on the coordinator: every entity statement PREPAREs
# there (no primary key: a GROUP BY leaning on one is refused), and no new
# join of county_code tables leaves out county_code (sqldist.py)
sql=$top/sql
mkdir -p "$sql"
for f in src/store/*.c; do
	case $f in */store.c | */*_sqlite.c | */store_pg*.c | */schema_pg.c | */cluster_pg.c | */backup_pg.c) continue ;; esac
	${CC:-cc} -E -std=c11 -D_GNU_SOURCE -Isrc "$f" -o "$sql/$(basename "$f" .c).i"
done
python3 tests/store/sqlcheck.py statements "$sql"/*.i >"$sql/statements.json"
echo "SELECT 1;" >"$sql/none.sql"
port() { echo "$1" | sed 's/.*port=\([0-9]*\).*/\1/'; }
if PGHOST=$top/co PGPORT=$(port "$CO") PGUSER=dixian PGDATABASE=dixian \
	python3 tests/store/pg_check.py "$sql/none.sql" "$sql/statements.json" tests/nation/coord_known.txt >"$sql/out" 2>&1; then
	ok "every entity statement PREPAREs on the coordinator ($(tail -1 "$sql/out"))"
else
	cat "$sql/out"; bad "statements refused by the coordinator"
fi
parted=$(q "$CO" "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relkind = 'p'")
if python3 tests/nation/sqldist.py "$sql/statements.json" "$parted" tests/nation/joins_known.txt >"$sql/dist" 2>&1; then
	ok "no new join without county_code ($(tail -1 "$sql/dist"))"
else
	cat "$sql/dist"; bad "joins without county_code"
fi

# 4. the aggregate runs on the shards
"$D" cluster report --db "$CO" --explain >"$top/plan.txt"
if [ "$(grep -c 'Relations: Aggregate on' "$top/plan.txt")" = 2 ] &&
	[ "$(grep -c 'Remote SQL: SELECT county_code, count(\*)' "$top/plan.txt")" = 2 ] &&
	grep -q "Async Foreign Scan" "$top/plan.txt"; then
	ok "EXPLAIN: the national aggregate is pushed down to both shards, asynchronously"
else
	cat "$top/plan.txt"; bad "EXPLAIN: aggregate not pushed down"
fi

# 5. a village account on the coordinator sees only its village
# (a village of 53 with households; the same name is a village in 52 too)
vil=$(q "$S1" "SELECT area_code FROM household ORDER BY id LIMIT 1")
vname=$(q "$S1" "SELECT name FROM area WHERE code = '$vil'")
"$D" household find "$vname" --as "cun$vil" --db "$CO" >"$top/v.csv"
"$D" household find "$vname" --db "$CO" >"$top/all.csv"
if [ "$(tail -n +2 "$top/v.csv" | wc -l)" -ge 1 ] && ! tail -n +2 "$top/v.csv" | grep -qv "^${vil%???}[0-9]*,[^,]*,[^,]*,$vname," &&
	grep -q '^520102' "$top/all.csv" && grep -q '^532399' "$top/all.csv" &&
	[ "$(tail -n +2 "$top/v.csv" | wc -l)" -lt "$(tail -n +2 "$top/all.csv" | wc -l)" ]; then
	ok "a village account on the coordinator sees only its village"
else
	cat "$top/v.csv"; bad "village account scope on the coordinator"
fi

# 6. a write through the coordinator goes to the right shard
hh=$(q "$S2" "SELECT hh_no FROM household ORDER BY id LIMIT 1")
v1=$(q "$S1" "SELECT count(*) FROM visit"); v2=$(q "$S2" "SELECT count(*) FROM visit")
"$D" visit add --hh "$hh" --date 2025-06-01 --cadre 王芳 --content 经协调库录入 --as xian520102 --db "$CO" >/dev/null
w1=$(q "$S1" "SELECT count(*) FROM visit"); w2=$(q "$S2" "SELECT count(*) FROM visit")
id=$(q "$S2" "SELECT id FROM visit WHERE content = '经协调库录入'")
if [ "$w1" = "$v1" ] && [ "$w2" = "$((v2 + 1))" ] && [ "$id" -ge 900000000000000000 ]; then
	ok "a write through the coordinator lands on shard 52 (id $id from the coordinator's range)"
else
	bad "write routing: shard 53 $v1->$w1, shard 52 $v2->$w2, id $id"
fi

# 6b. the other writes a county makes through the coordinator run the
# shard's triggers (the member counts, the household summary, the rows'
# area) under postgres_fdw's search_path, pg_catalog alone
pid=$(q "$S2" "SELECT p.id FROM person p JOIN household h ON h.id = p.household_id
	WHERE h.hh_no = '$hh' AND p.relation != '户主' AND p.left_on IS NULL ORDER BY p.id LIMIT 1")
idno=$(q "$S2" "SELECT id_no FROM person WHERE id = $pid")
to=$(q "$S2" "SELECT hh_no FROM household WHERE hh_no != '$hh' ORDER BY id LIMIT 1")
m0=$(q "$S2" "SELECT members FROM household WHERE hh_no = '$to'")
if "$D" measure add --hh "$hh" --category 产业帮扶 --status 计划 --detail 经协调库录入 --as xian520102 \
	--db "$CO" >"$top/w.out" 2>&1 &&
	"$D" person move "$idno" --to "$to" --relation 其他 --date 2025-06-02 --as xian520102 \
		--db "$CO" >>"$top/w.out" 2>&1 &&
	"$D" person add --hh "$to" --id 520102202001010012 --name 经协调 --relation 之子 --date 2025-06-03 \
		--as xian520102 --db "$CO" >>"$top/w.out" 2>&1 &&
	[ "$(q "$S2" "SELECT members FROM household WHERE hh_no = '$to'")" = "$((m0 + 2))" ] &&
	[ "$(q "$S2" "SELECT area_code FROM measure WHERE detail = '经协调库录入'")" = \
	  "$(q "$S2" "SELECT area_code FROM household WHERE hh_no = '$hh'")" ]; then
	ok "a measure, a member's move and a new member through the coordinator, with the shard's derived columns"
else
	cat "$top/w.out"; bad "writes through the coordinator (members of $to: $m0 before)"
fi

# 7. a row in the wrong shard is found by check
q "$S1" "INSERT INTO area(code, county_code, parent, level, name) VALUES ('520199', '520199', NULL, 3, '错放县')" >/dev/null
if ! "$D" cluster check --db "$CO" >"$top/check2.out" 2>&1 && grep -q "分片 53.*1 行不属于 53" "$top/check2.out"; then
	ok "check names a shard holding another province's row"
else
	cat "$top/check2.out"; bad "check missed a misplaced row"
fi
q "$S1" "DELETE FROM area WHERE code = '520199'" >/dev/null

# 8. a ledger imported into an empty shard takes ids in the shard's range
# (the bulk path numbers persons itself, after the shard's sequence): a
# second layout, one shard, in databases of their own
with() { echo "$1" | sed "s|/dixian?|/$2?|"; }
q "$CO" "CREATE DATABASE co2" >/dev/null
q "$S1" "CREATE DATABASE imp" >/dev/null
"$D" init --db "$(with "$S1" imp)" >/dev/null
"$D" cluster init --coordinator "$(with "$CO" co2)" --shard "53=$(with "$S1" imp)" >/dev/null 2>&1
"$D" account add admin --level 县 --scope 532326 --db "$(with "$S1" imp)" >/dev/null 2>&1
"$D" import persons "${DATA:-../shared/data}/persons_utf8bom.csv" --as admin --db "$(with "$S1" imp)" >/dev/null 2>&1 ||
	bad "import into a shard"
if "$D" cluster check --db "$(with "$CO" co2)" >"$top/check3.out" 2>&1; then
	ok "an import into an empty shard numbers its rows in the shard's range"
else
	cat "$top/check3.out"; bad "an import into a shard took ids outside its range"
fi

# 9. a shard down: the nation names the missing province, fast
$as $bin/pg_ctl -D "$top/s2/data" -m immediate stop >/dev/null
start_s=$(date +%s)
if timeout 60 "$D" report --area 全国 --db "$CO" --year 2025 >"$top/down.out" 2>"$top/down.err"; then rc=0; else rc=$?; fi
took=$(($(date +%s) - start_s))
if [ "$rc" != 0 ] && [ "$rc" != 124 ] && grep -q "分片 52.*无法连接" "$top/down.err" && grep -q "正常的分片：53" "$top/down.err" &&
	[ ! -s "$top/down.out" ] && [ "$took" -lt 20 ]; then
	ok "shard 52 down: the national report names it and fails (exit $rc, ${took}s)"
else
	cat "$top/down.out" "$top/down.err"; bad "shard down: exit $rc"
fi
"$D" report --db "$S1" --area 532399 --year 2025 --format json >"$top/p53c.json" || true
"$D" report --area 53 --db "$S1" --year 2025 --format json >"$top/own53b.json" || true
if cmp -s "$top/p532399.json" "$top/p53c.json" && cmp -s "$top/own53.json" "$top/own53b.json"; then
	ok "shard 52 down: province 53's own work on its own server is unaffected"
else
	bad "shard 52 down: province 53 affected"
fi
exit $fail
