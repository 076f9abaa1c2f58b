# Issue 16: a province (or city) is read in one pass over its counties.
# `screen --area 53` lists what the screens of its counties list, for the
# store's owner only (an account's scope is a county or narrower); on
# PostgreSQL `report --area 53` gives, for each figure, the sum of its
# counties' own reports (counted in one pass, not county by county).
. "$TOP/tests/cli/lib.sh"
T="--today 2026-11-24"
expect_exit 0 $DIXIAN demo --households 40 --counties 3 --county 532398 --db p.db $T
for c in 532398 532399 532401; do
	expect_exit 0 $DIXIAN screen --area $c --year 2025 --format csv --db p.db
	tail -n +2 out >>counties.csv
	[ $c = 532401 ] || tail -n +2 out >>city.csv
done
expect_exit 0 $DIXIAN screen --area 53 --year 2025 --format csv --db p.db
tail -n +2 out >province.csv
[ -s province.csv ] || die "nothing listed for the province"
expect_eq "$(sort province.csv | md5sum)" "$(sort counties.csv | md5sum)" "province screen rows"
expect_grep '共 120 户' err
# a city code too (5323: the first two counties)
expect_exit 0 $DIXIAN screen --area 532300 --year 2025 --format csv --db p.db
expect_eq "$(tail -n +2 out | sort | md5sum)" "$(sort city.csv | md5sum)" "city screen rows"
# a county account reads its own county only
expect_exit 3 $DIXIAN screen --area 53 --year 2025 --as xian532398 --db p.db
expect_grep '不在账号 xian532398 的管辖范围' err
[ -n "$on_pg" ] || exit 0
# the province report: each figure the sum of the county reports' (the
# province's households are counted by groups on the server,
# dx_store_scan_household_groups; a county's one by one in C), for a year
# and as of dates around membership changes (an as-of member count
# differs from the current one) in two counties
count_if() { echo "sum(CASE WHEN $1 THEN 1 ELSE 0 END)"; }
same_sums() { # same_sums YEAR AS_OF: report --area 53 against its counties'
	for c in 532398 532399 532401; do
		expect_exit 0 $DIXIAN report --area $c --year $1 ${2:+--as-of $2} --format json --db p.db
		cp out "county$c.json"
	done
	expect_exit 0 $DIXIAN report --area 53 --year $1 ${2:+--as-of $2} --format json --db p.db
	q p.db "SELECT count(*), sum(members), $(count_if "kind = '脱贫户'"), sum(CASE WHEN kind = '脱贫户' THEN members ELSE 0 END) FROM household" >ledger.txt
	python3 - out county532398.json county532399.json county532401.json <<'PY' || die "province figures are not the counties' sums ($1 ${2:-})"
import json, sys
prov = json.load(open(sys.argv[1]))
sums = {}
for f in sys.argv[2:]:
    for fig in json.load(open(f))["total"]["figures"]:
        s = sums.setdefault(fig["key"], [0, 0])
        s[0] += fig["households"]
        s[1] += fig["persons"]
assert prov["counties"] == 3, prov["counties"]
assert prov["ledger"]["households"] == 120, prov["ledger"]
# the ledger now, as the national aggregate counts it (ledger.txt)
assert [prov["ledger"][k] for k in ("households", "persons", "tuopin_households", "tuopin_persons")] \
    == [int(v) for v in open("ledger.txt").read().split("|")], (prov["ledger"], open("ledger.txt").read())
for fig in prov["figures"]:
    if fig["key"] not in sums:  # 低保 as of a date the member ledger has passed
        assert not prov["members_known"] and fig["key"].startswith("dibao"), fig
        continue
    assert [fig["households"], fig["persons"]] == sums[fig["key"]], (fig, sums[fig["key"]])
assert sums["monitored"][0] > 0
PY
}
same_sums 2025 ""
# a birth, a death and a move between households in 532399, a death in 532401
hh() { q p.db "SELECT hh_no FROM household WHERE county_code = '$1' ORDER BY id LIMIT 1 OFFSET $2"; }
member() { q p.db "SELECT p.id_no FROM person p JOIN household h ON h.id = p.household_id WHERE h.hh_no = '$1' AND p.relation != '户主' ORDER BY p.id LIMIT 1"; }
A=$(hh 532399 0) B=$(hh 532399 1) C=$(hh 532401 2)
expect_exit 0 $DIXIAN person add --hh "$A" --id 532399202602280011 --name 小新 --relation 之孙子 --date 2026-03-01 --as xian532399 --db p.db
expect_exit 0 $DIXIAN person leave "$(member "$A")" --reason 死亡 --date 2026-06-01 --as xian532399 --db p.db
expect_exit 0 $DIXIAN person move "$(member "$B")" --to "$A" --date 2026-09-01 --as xian532399 --db p.db
expect_exit 0 $DIXIAN person leave "$(member "$C")" --reason 死亡 --date 2026-07-01 --as xian532401 --db p.db
for d in 2026-02-28 2026-04-01 2026-06-30 2026-10-01 ""; do
	same_sums 2026 "$d"
done
same_sums 2025 2025-06-30
