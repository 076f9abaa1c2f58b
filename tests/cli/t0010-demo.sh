# The demo county: size, determinism, plausibility, refusal to double up.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 3000 --db d.db --today 2026-11-24
expect_grep '3000户' out
expect_eq "$(q d.db "SELECT action FROM audit WHERE entity = 'county'")" demo.generate "the demo's audit word"
n=$(q d.db 'SELECT count(*) FROM household')
[ "$n" -ge 3000 ] || die "only $n households"
# about 10 townships x 10 villages under county 532399
expect_eq "$(q d.db "SELECT count(*) FROM area WHERE length(code) = 9")" 10 townships
expect_eq "$(q d.db "SELECT count(*) FROM area WHERE length(code) = 12")" 100 villages
# a quarter 脱贫户, give or take; a few percent monitored; two income years
tp=$(q d.db "SELECT count(*) * 100 / 3000 FROM household WHERE kind = '脱贫户'")
[ "$tp" -ge 20 ] && [ "$tp" -le 30 ] || die "脱贫户 share $tp%"
mon=$(q d.db "SELECT count(DISTINCT household_id) * 1000 / 3000 FROM episode")
[ "$mon" -ge 10 ] && [ "$mon" -le 80 ] || die "monitored share $mon per mille"
expect_eq "$(q d.db 'SELECT DISTINCT year FROM income ORDER BY 1' | tr '\n' ,)" "2024,2025," "income years"
expect_eq "$(q d.db "SELECT count(*) FROM household h WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id AND p.relation = '户主')")" 0 "households without 户主"
expect_eq "$(q d.db "SELECT count(*) FROM (SELECT household_id FROM person WHERE relation = '户主' GROUP BY 1 HAVING count(*) > 1) t")" 0 "households with two 户主"
# sex and birth agree with the ID number; sizes are realistic
expect_eq "$(q d.db "SELECT count(*) FROM person WHERE substr(id_no, 7, 8) != replace(birth, '-', '') OR (CAST(substr(id_no, 17, 1) AS INTEGER) % 2 = 1) != (sex = '男')")" 0 "id/birth/sex mismatches"
avg=$(q d.db "SELECT CAST(avg(n) * 10 AS INTEGER) FROM (SELECT count(*) n FROM person GROUP BY household_id) t")
[ "$avg" -ge 30 ] && [ "$avg" -le 45 ] || die "average household size $avg/10"
# monitored households have measures and visits; some were eliminated, some re-flagged
[ "$(q d.db 'SELECT count(*) FROM measure')" -gt 0 ] || die "no measures"
[ "$(q d.db 'SELECT count(*) FROM visit')" -gt 0 ] || die "no visits"
[ "$(q d.db 'SELECT count(*) FROM episode WHERE eliminated_on IS NOT NULL')" -gt 0 ] || die "none eliminated"
[ "$(q d.db 'SELECT count(*) FROM warning WHERE person_id IS NULL')" -gt 0 ] || die "no unmatched warnings"
[ "$(q d.db 'SELECT count(*) FROM warning WHERE person_id IS NOT NULL')" -gt 0 ] || die "no matched warnings"
# the department clues are dispatched signals: each links its warning, so
# the report's 派发核实线索 and 其中部门预警 agree
expect_eq "$(q d.db "SELECT count(*) FROM clue c WHERE c.source = '部门预警' AND NOT EXISTS (SELECT 1 FROM warning w WHERE w.clue_id = c.id)")" 0 "department clues without their warning"
[ "$(q d.db "SELECT count(*) FROM warning WHERE clue_id IS NOT NULL")" -gt 0 ] || die "no dispatched warnings"
expect_exit 0 $DIXIAN --today 2026-11-24 report --area 532399 --year 2026 --db d.db
python3 - <<'PY' || die "派发核实线索 against 其中部门预警"
import re
t = open("out", encoding="utf-8").read()
sent = re.search(r"派发核实线索(\d+)条", t)
dept = re.search(r"其中部门预警(\d+)条", t)
assert sent and dept and sent.group(1) == dept.group(1) != "0", (sent, dept)
PY
# deterministic: same options, same county
expect_exit 0 $DIXIAN demo --households 3000 --db e.db --today 2026-11-24
dump() { q "$1" "SELECT h.hh_no, h.kind, p.id_no, p.name, p.health, p.labour FROM household h JOIN person p ON p.household_id = h.id ORDER BY p.id" | md5sum; }
expect_eq "$(dump d.db)" "$(dump e.db)" "demo determinism"
dumpi() { q "$1" "SELECT household_id, year, wage, business, transfer FROM income ORDER BY 1, 2" | md5sum; }
expect_eq "$(dumpi d.db)" "$(dumpi e.db)" "income determinism"
# a different seed gives a different county
expect_exit 0 $DIXIAN demo --households 3000 --seed 5 --db f.db --today 2026-11-24
[ "$(dump d.db)" != "$(dump f.db)" ] || die "seed ignored"
# the demo refuses to add a second copy and leaves the store as it was
before=$(dump d.db)
expect_exit 3 $DIXIAN demo --households 10 --db d.db
expect_grep '已有数据' err
expect_eq "$(dump d.db)" "$before" "store after refused demo"
expect_exit 2 $DIXIAN demo --households 0 --db g.db
expect_exit 2 $DIXIAN demo --households abc --db g.db
# --county: the same kind of county under another code (a province of demo
# counties is several of them); every area, ID and account carries that code
expect_exit 0 $DIXIAN demo --households 200 --county 520102 --db h.db --today 2026-11-24
expect_grep '示例县520102（520102）' out
expect_eq "$(q h.db "SELECT count(*) FROM area WHERE substr(code, 1, 6) != '520102'")" 0 "areas outside the county"
expect_eq "$(q h.db "SELECT count(*) FROM household WHERE substr(area_code, 1, 6) != '520102'")" 0 "households outside the county"
expect_eq "$(q h.db "SELECT count(*) FROM person WHERE substr(id_no, 1, 6) != '520102'")" 0 "IDs from another region"
expect_eq "$(q h.db "SELECT count(*) FROM account WHERE substr(scope, 1, 6) != '520102'")" 0 "accounts outside the county"
[ "$(q h.db "SELECT count(*) FROM episode")" -gt 0 ] || die "no monitoring in the --county demo"
expect_exit 2 $DIXIAN demo --county 5201 --db i.db
expect_grep '县级区划代码' err
expect_exit 2 $DIXIAN demo --county 990102 --db i.db
