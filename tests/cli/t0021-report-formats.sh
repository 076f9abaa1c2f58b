# Report formats: JSON figures match their drill-down lists; the xlsx total
# rows equal the sum of their rows; HTML prints on A4 and holds no ID.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 1500 --db d.db --today 2026-11-24
# the member ledger as last imported in January 2025 (the demo stamps rows
# with the clock): 低保 and 就业 are known from then on, as the report needs
q d.db "UPDATE person SET updated_at = '2025-01-10T08:00:00Z'"
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025 --format json --out r.json
python3 - <<'PY' || die "json figures"
import json
r = json.load(open("r.json"))
assert r["area"] == "532399" and r["name"] == "云岭县" and r["text"].startswith("2025年云岭县")
keys = {f["key"]: f for f in r["total"]["figures"]}
for k in ("tuopin", "monitored", "unstable", "edge", "sudden", "eliminated", "active", "reflag", "dibao"):
    f = keys[k]
    assert f["filter"]["area"] == "532399" and f["filter"]["year"] == 2025, f
    open("fig_" + k, "w").write("%d %d\n" % (f["households"], f["persons"]))
# child rows partition the county
assert len(r["rows"]) == 10
for k in ("tuopin", "monitored", "active"):
    tot = keys[k]["households"]
    s = sum(next(f["households"] for f in row["figures"] if f["key"] == k) for row in r["rows"])
    assert s == tot, (k, s, tot)
PY
for k in tuopin monitored unstable edge sudden eliminated active reflag dibao; do
	expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025 --list $k
	hh=$(tail -n +2 out | wc -l | tr -d ' ')
	persons=$(tail -n +2 out | awk -F, '{s += $6} END {print s + 0}')
	expect_eq "$hh $persons" "$(cat fig_$k)" "figure $k vs its list"
done
# the list names real households of the area
expect_exit 0 $DIXIAN report --db d.db --area 532399101 --year 2025 --list tuopin
expect_grep '^532399101[0-9]\{6\},[^,]*,云华乡,[^,]*,532399101[0-9]\{3\},[0-9]*$' out
expect_no_grep '^,' out
expect_exit 2 $DIXIAN report --db d.db --area 532399 --year 2025 --list nosuch
expect_grep 'tuopin' err
# xlsx: every sheet's 合计 row is the sum of the rows above it
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025 --format xlsx --out r.xlsx
python3 - <<'PY' || die "xlsx totals"
import zipfile, re, xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile("r.xlsx")
sheets = sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml", n))
assert len(sheets) == 5, sheets
for name in sheets:
    rows = ET.fromstring(z.read(name)).findall(".//m:sheetData/m:row", ns)
    assert len(rows) == 12, (name, len(rows))   # header, 10 townships, 合计
    def nums(row):
        out = {}
        for c in row.findall("m:c", ns):
            v = c.find("m:v", ns)
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            if v is not None and c.get("t") is None and col not in ("A", "B"):
                out[col] = float(v.text)
        return out
    body = [nums(r) for r in rows[1:-1]]
    total = nums(rows[-1])
    for col, v in total.items():
        f = rows[-1].find("m:c[@r='%s12']/m:f" % col, ns)
        if f is None:
            continue          # per-capita columns are group figures, not sums
        assert abs(sum(b.get(col, 0) for b in body) - v) < 1e-9, (name, col)
    assert any(v > 0 for v in total.values()), name
PY
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025 --format html --out r.html
expect_grep '@page{size:A4' r.html
expect_grep '<td>合计</td>' r.html
expect_no_grep '[0-9]\{17\}[0-9X]' r.html
# text to stdout by default, and the --out file for text
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025 --out r.txt
expect_grep '脱贫人口为' r.txt
expect_exit 2 $DIXIAN report --db d.db --area 532399 --year 2025 --format xlsx
expect_exit 2 $DIXIAN report --db d.db --area 532399 --year 2025 --format pdf
# as-of history: before any identification there are no monitored households
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2021 --as-of 2021-01-01
expect_no_grep '监测对象为' out
