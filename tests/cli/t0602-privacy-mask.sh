# Issue 13.5: an ID or a phone number typed into a free-text column is
# masked in the default export and in import messages; phone numbers are
# checked on import (mobile 11 digits from 1, or area code + number).
. "$TOP/tests/cli/lib.sh"
new_store a.db
# row 3: an ID in 民族, a mobile in 务工所在地
python3 - "$DATA/persons_utf8bom.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
rows[2][11] = "532326196502020021"
rows[2][17] = "昆明 联系13912345678"
rows[2][18] = "6"
csv.writer(open("in.csv", "w", newline="", encoding="utf-8")).writerows(rows)
bad = [r[:] for r in rows]
bad[3][0] = "532399196501010019"     # an ID typed into 区划代码
bad[4][25] = "1391234567"            # 10 digits
bad[5][25] = "0878-12345"            # number too short
bad[6][25] = "0878-1234567"          # a fixed line: fine
csv.writer(open("bad.csv", "w", newline="", encoding="utf-8")).writerows(bad)
PY
expect_exit 0 $DIXIAN import persons in.csv --db a.db --as admin
expect_exit 0 $DIXIAN export persons --area 532326 --out m.csv --db a.db
expect_grep "532326\*\*\*\*\*\*\*\*0021" m.csv
expect_no_grep "532326196502020021" m.csv
expect_grep "昆明 联系139\*\*\*\*5678" m.csv
expect_no_grep "13912345678" m.csv
# the 12-digit codes and household numbers stay whole
expect_grep "532326106001" m.csv
expect_grep "532326106000001" m.csv
# unmasked for an account that may see it
expect_exit 0 $DIXIAN export persons --area 532326 --out u.csv --unmasked --as admin --db a.db
expect_grep "532326196502020021" u.csv
expect_grep "昆明 联系13912345678" u.csv

# import messages echo cells masked; phones are checked
expect_exit 0 $DIXIAN init --db b.db
expect_exit 0 $DIXIAN account add admin --level 县 --scope 532326 --db b.db
expect_exit 1 $DIXIAN import persons bad.csv --db b.db --as admin --errors e.xlsx
expect_no_grep "532399196501010019" err
expect_grep "532399\*\*\*\*\*\*\*\*0019" err
expect_grep "联系电话 \".*\" 无效（手机应为以1开头的11位数字" err
[ "$(grep -c '联系电话 ".*" 无效' err)" = 2 ] || { cat err; die "two bad phones"; }
expect_no_grep "1391234567" err
expect_no_grep "0878-1234567" err
# the error workbook's messages too (its other cells are the input row)
python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile("e.xlsx").read("xl/worksheets/sheet1.xml").decode())' | grep -o '区划代码 "[^"]*" 无效' >msg
expect_grep "532399\*\*\*\*\*\*\*\*0019" msg
