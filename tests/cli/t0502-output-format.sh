# Output files are in the format --format names, else the one their suffix
# names (one rule, io/outfmt.c): `report --list` and `warning feedback`
# write xlsx or CSV as asked, and refuse a format/suffix mismatch or an
# unknown suffix in Chinese.  A figure's list has a header row and names
# (户主, township, village) beside the codes.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 600 --db d.db --today 2026-11-24
expect_exit 0 $DIXIAN account add county --level 县 --scope 532399 --db d.db --as xian532399
L="--db d.db --area 532399101 --year 2025 --list tuopin"
# the list on stdout: a header, then one row per household with its names
expect_exit 0 $DIXIAN report $L
expect_eq "$(head -n 1 out)" "户编号,户主,乡镇,行政村,区划代码,人数" "list header"
hh=$(q d.db "SELECT hh_no FROM household WHERE kind = '脱贫户' AND area_code LIKE '532399101%' ORDER BY id LIMIT 1")
row=$(q d.db "SELECT h.hh_no || ',' || h.head_name || ',' || t.name || ',' || v.name || ',' || h.area_code || ',' || (SELECT count(*) FROM person WHERE household_id = h.id) FROM household h JOIN area v ON v.code = h.area_code JOIN area t ON t.code = substr(h.area_code, 1, 9) WHERE h.hh_no = '$hh'")
expect_grep "^$row\$" out
expect_eq "$(tail -n +2 out | wc -l | tr -d ' ')" "$(q d.db "SELECT count(*) FROM household WHERE kind = '脱贫户' AND area_code LIKE '532399101%'")" "list rows"
# --format xlsx with --out writes the workbook and prints nothing
expect_exit 0 $DIXIAN report $L --format xlsx --out l.xlsx
expect_eq "$(cat out)" "" "nothing printed for an xlsx list"
python3 - "$row" <<'PY' || die "list as xlsx"
import sys, zipfile
z = zipfile.ZipFile("l.xlsx")
t = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
for cell in ["户编号", "户主", "行政村"] + sys.argv[1].split(",")[:4]:
    assert cell in t, cell
PY
# the suffix alone decides when --format is not given
expect_exit 0 $DIXIAN report $L --out l2.xlsx
python3 -c 'import zipfile; zipfile.ZipFile("l2.xlsx")' || die "l2.xlsx is not xlsx"
expect_exit 0 $DIXIAN report $L --out l.csv
expect_eq "$(head -c 3 l.csv | od -An -tx1 | tr -d ' ')" "efbbbf" "CSV file starts with a BOM for Excel"
expect_grep '户编号,户主,乡镇' l.csv
# refused: mismatch, unknown suffix, a format the output cannot take
expect_exit 2 $DIXIAN report $L --format xlsx --out l3.csv
expect_grep '后缀' err
[ ! -e l3.csv ] || die "a refused list was written"
expect_exit 2 $DIXIAN report $L --out l.xls
expect_grep '后缀 .xls' err
expect_exit 2 $DIXIAN report $L --format html
expect_grep '可用' err
expect_exit 2 $DIXIAN report --db d.db --area 532399 --year 2025 --format html --out r.xlsx
expect_grep '不符' err
# the feedback sheet: .csv is CSV, .xlsx is xlsx, a mismatch is refused
F="warning feedback --department 医保 --as county --db d.db"
expect_exit 0 $DIXIAN $F --out fb.csv
expect_grep '序号,预警部门,预警事项' fb.csv
python3 -c 'import zipfile,sys; sys.exit(1 if zipfile.is_zipfile("fb.csv") else 0)' || die "fb.csv is a zip"
expect_exit 0 $DIXIAN $F --out fb.xlsx
python3 -c 'import zipfile; zipfile.ZipFile("fb.xlsx")' || die "fb.xlsx is not xlsx"
expect_exit 0 $DIXIAN $F --format csv --out fb2.csv
expect_exit 2 $DIXIAN $F --format xlsx --out fb3.csv
expect_grep '不符' err
[ ! -e fb3.csv ] || die "a refused feedback sheet was written"
expect_exit 2 $DIXIAN $F --out fb.txt
expect_grep '后缀 .txt' err
