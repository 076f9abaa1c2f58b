# The xlsx report's 合计 rows: each SUM formula covers exactly the area rows
# above it, so the value Excel computes on open is the total.  The formula
# ranges are recomputed against the sheet's rows, not read from cached values.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 1500 --db d.db --today 2026-11-24
# the member ledger as last imported in January 2025 (the demo stamps rows
# with the clock): 低保 and 就业 are known from then on, as the report needs
q d.db "UPDATE person SET updated_at = '2025-01-10T08:00:00Z'"
# a county (10 townships), a township (its villages) and a village (one row)
for area in 532399 532399101 532399101001; do
	expect_exit 0 $DIXIAN report --db d.db --area $area --year 2025 --format xlsx --out r$area.xlsx
done
python3 - <<'PY' || die "xlsx 合计 formulas"
import zipfile, re, xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
for area, nbody in (("532399", 10), ("532399101", None), ("532399101001", 1)):
    z = zipfile.ZipFile("r%s.xlsx" % area)
    sheets = sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml", n))
    assert len(sheets) == 5, sheets
    checked = 0
    for name in sheets:
        rows = ET.fromstring(z.read(name)).findall(".//m:sheetData/m:row", ns)
        body = rows[1:-1]
        if nbody is not None:
            assert len(body) == nbody, (area, name, len(body))
        first, last = int(body[0].get("r")), int(body[-1].get("r"))
        values = {}
        for row in body:
            for c in row.findall("m:c", ns):
                v = c.find("m:v", ns)
                if v is not None and c.get("t") is None:
                    values[c.get("r")] = float(v.text)
        total = rows[-1]
        for c in total.findall("m:c", ns):
            f = c.find("m:f", ns)
            if f is None:
                continue
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            m = re.fullmatch(r"SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", f.text)
            assert m, (area, name, f.text)
            assert m.group(1) == col and m.group(3) == col, (area, name, c.get("r"), f.text)
            lo, hi = int(m.group(2)), int(m.group(4))
            assert (lo, hi) == (first, last), (area, name, c.get("r"), f.text, first, last)
            # what Excel computes from the formula is the cached total
            s = sum(values.get("%s%d" % (col, r), 0) for r in range(lo, hi + 1))
            assert abs(s - float(c.find("m:v", ns).text)) < 1e-9, (area, name, c.get("r"))
            checked += 1
    assert checked >= 30, (area, checked)
PY
