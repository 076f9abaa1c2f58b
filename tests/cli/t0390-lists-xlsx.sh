# Lists as files (issue 11): overdue, visit overdue, check and measure list
# write xlsx with --format xlsx --out F (or --out F.xlsx), holding the same
# rows as their CSV; names beside the codes.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 600 --db d.db --today 2026-11-24
same() { # same CSV XLSX: the workbook's first sheet holds the CSV's rows
	python3 - "$1" "$2" <<'PY' || die "$2 differs from $1"
import csv, re, sys, zipfile
import xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[2])
shared = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
        shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
def col(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1
rows = []
for r in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter("{%s}row" % ns["m"]):
    cells = {}
    for c in r.findall("m:c", ns):
        t = c.get("t")
        if t == "inlineStr":
            v = "".join(x.text or "" for x in c.iter("{%s}t" % ns["m"]))
        elif t == "s":
            v = shared[int(c.find("m:v", ns).text)]
        else:
            e = c.find("m:v", ns)
            v = e.text if e is not None else ""
        cells[col(c.get("r"))] = v
    rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
with open(sys.argv[1], encoding="utf-8-sig") as f:
    want = [r for r in csv.reader(f)]
norm = lambda t: [[c for c in r] + [""] * (13 - len(r)) for r in t]
assert norm(rows) == norm(want), (len(rows), len(want), rows[:2], want[:2])
assert len(rows) > 1, "no rows"
PY
}
expect_exit 0 $DIXIAN overdue --area 532399 --as-of 2026-11-24 --format csv --out o.csv --db d.db
expect_exit 0 $DIXIAN overdue --area 532399 --as-of 2026-11-24 --format xlsx --out o.xlsx --db d.db
expect_grep '已写入 o.xlsx' err
same o.csv o.xlsx
# the suffix alone picks the format
expect_exit 0 $DIXIAN overdue --area 532399 --as-of 2026-11-24 --out o2.xlsx --db d.db
same o.csv o2.xlsx
head -1 o.csv | grep -q '户主,区划,乡镇,村' || die "overdue header without names"
expect_exit 0 $DIXIAN check --area 532399101 --as-of 2026-11-24 --format csv --out c.csv --db d.db
expect_exit 0 $DIXIAN check --area 532399101 --as-of 2026-11-24 --out c.xlsx --db d.db
same c.csv c.xlsx
expect_exit 0 $DIXIAN visit overdue --as xiang532399101 --as-of 2026-11-24 --out v.csv --db d.db
expect_exit 0 $DIXIAN visit overdue --as xiang532399101 --as-of 2026-11-24 --out v.xlsx --db d.db
same v.csv v.xlsx
hh=$(q d.db "SELECT h.hh_no FROM household h JOIN measure m ON m.household_id = h.id WHERE h.area_code LIKE '532399101%' LIMIT 1")
expect_exit 0 $DIXIAN measure list --hh $hh --as xiang532399101 --out m.csv --db d.db
expect_exit 0 $DIXIAN measure list --hh $hh --as xiang532399101 --format xlsx --out m.xlsx --db d.db
same m.csv m.xlsx
expect_exit 0 $DIXIAN screen --area 532399101 --year 2025 --as-of 2026-11-24 --out s.csv --db d.db
expect_exit 0 $DIXIAN screen --area 532399101 --year 2025 --as-of 2026-11-24 --format xlsx --out s.xlsx --db d.db
same s.csv s.xlsx
expect_exit 0 $DIXIAN screen --area 532399101 --year 2025 --as-of 2026-11-24 --what-if 监测线=9500 --out w.csv --db d.db
expect_exit 0 $DIXIAN screen --area 532399101 --year 2025 --as-of 2026-11-24 --what-if 监测线=9500 --out w.xlsx --db d.db
same w.csv w.xlsx
# xlsx needs a file
expect_exit 2 $DIXIAN overdue --area 532399 --format xlsx --db d.db
expect_grep '须用 --out 指定文件' err
