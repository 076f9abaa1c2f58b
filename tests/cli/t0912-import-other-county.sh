# Issue 16: a county's import reads the other counties' members by their
# keys only (id, household, 身份证), not whole.  What it must know of them
# it still knows: a 身份证 registered in another county's household is
# 两头占 and the file stores nothing; its own county's members are read
# whole, so a second import of the same file changes nothing, and a
# change to one member is found and written.  Both engines.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 30 --db a.db
expect_exit 0 $DIXIAN account add x326 --level 县 --scope 532326 --db a.db
# a member of the demo county (532399) and its household
other=$(q a.db "SELECT p.id_no || '|' || h.hh_no FROM person p JOIN household h
	ON h.id = p.household_id WHERE p.county_code = '532399' ORDER BY p.id LIMIT 1")
oid=${other%|*}
ohh=${other#*|}
[ ${#oid} = 18 ] || die "no member of 532399: '$other'"
persons=$(q a.db "SELECT count(*) FROM person")
# the sample ledger (532326) with its second member's 身份证 replaced by
# that one
python3 - "$DATA/persons_utf8bom.csv" two.csv "$oid" <<'PY'
import sys
src, dst, oid = sys.argv[1:4]
lines = open(src, encoding="utf-8-sig").read().split("\n")
c = lines[3].split(",")
c[9] = oid
lines[3] = ",".join(c)
open(dst, "w", encoding="utf-8").write("\n".join(lines))
PY
expect_exit 1 $DIXIAN import persons two.csv --db a.db --as x326
expect_grep "已登记在户 $ohh（两头占）" err
expect_eq "$(q a.db "SELECT count(*) FROM person")" "$persons" "persons after the refused file"
# the county's own ledger: in, then again unchanged, then one change
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --db a.db --as x326
rows=$(($(grep -c '^5' "$DATA/persons_utf8bom.csv")))
expect_eq "$(q a.db "SELECT count(*) FROM person")" "$((persons + rows))" "persons after the import"
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --db a.db --as x326
expect_grep "成员 新增 0，更新 0，未变 $rows" out
sed 's/,罗涛,532326196810020031,户主,彝族,群众,小学,/,罗涛,532326196810020031,户主,彝族,群众,初中,/' \
	"$DATA/persons_utf8bom.csv" >one.csv
expect_exit 0 $DIXIAN import persons one.csv --db a.db --as x326
expect_grep "成员 新增 0，更新 1，未变 $((rows - 1))" out
expect_eq "$(q a.db "SELECT education FROM person WHERE id_no = '532326196810020031'")" 初中 "the change"
