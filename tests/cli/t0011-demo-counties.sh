# Issue 16: a province of demo counties (demo --counties N): --county's
# code and the valid county codes after it (never a city's NN00), each
# with --households households and its own accounts; the first county is
# the one `demo --county` alone makes; a range that runs out of codes is
# refused before anything is written.
. "$TOP/tests/cli/lib.sh"
T="--today 2026-11-24"
expect_exit 0 $DIXIAN demo --households 40 --counties 3 --county 532398 --db p.db $T
expect_grep '示例县 3 个（从 532398 起）' out
expect_eq "$(q p.db 'SELECT county_code, count(*) FROM household GROUP BY 1 ORDER BY 1' | tr '\n' ' ')" \
	"532398|40 532399|40 532401|40 " "households by county"
expect_eq "$(q p.db "SELECT name FROM account WHERE level = '县' ORDER BY 1" | tr '\n' ' ')" \
	"xian532398 xian532399 xian532401 " "a county account each"
expect_eq "$(q p.db "SELECT count(*) FROM account WHERE level = '村' AND scope LIKE '532401%'")" 100 \
	"village accounts of the third county"
# the third county's own account reads its county, and only it
expect_exit 0 $DIXIAN export persons --area 532401 --as xian532401 --db p.db
expect_eq "$(grep -c '^532401' out)" "$(q p.db "SELECT count(*) FROM person WHERE county_code = '532401'")" "members exported"
expect_exit 2 $DIXIAN export persons --area 532398 --as xian532401 --db p.db
expect_grep '不在账号 xian532401 的管辖范围' err
# the first county is the single-county demo's, row for row
expect_exit 0 $DIXIAN demo --households 40 --county 532398 --db one.db $T
dump() { q "$1" "SELECT h.hh_no, h.kind, p.id_no, p.name FROM household h JOIN person p ON p.household_id = h.id WHERE h.county_code = '532398' ORDER BY p.id" | md5sum; }
expect_eq "$(dump p.db)" "$(dump one.db)" "first county of the province"
# the counties differ (seed + k), their ID numbers carry their own code
expect_eq "$(q p.db "SELECT count(*) FROM person WHERE substr(id_no, 1, 6) != county_code")" 0 "ID regions"
# too few codes left: refused, nothing written
expect_exit 2 $DIXIAN demo --households 5 --counties 3 --county 829998 --db z.db $T
expect_grep '其后有 3 个有效县级代码' err
expect_eq "$(q z.db 'SELECT count(*) FROM household')" 0 "households after a refusal"
expect_exit 2 $DIXIAN demo --counties 0 --db z.db
