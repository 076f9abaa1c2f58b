# The policy's target_label (防止返贫致贫对象 from 2026) names the monitored
# group in every rendering of the report: text, html, json and xlsx.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 800 --db d.db --today 2026-11-24
expect_exit 0 $DIXIAN account add 县农业农村局 --level 县 --scope 532399 --db d.db --as xian532399
expect_exit 0 $DIXIAN policy set target_label 防止返贫致贫对象 --area 532399 --year 2026 --as 县农业农村局 --db d.db
R="--db d.db --area 532399 --year 2026 --as-of 2026-11-24"
expect_exit 0 $DIXIAN report $R
expect_grep '防止返贫致贫对象为' out
expect_no_grep '监测对象' out
expect_exit 0 $DIXIAN report $R --format html --out r.html
expect_grep '防止返贫致贫对象' r.html
expect_no_grep '监测对象' r.html
expect_exit 0 $DIXIAN report $R --format json --out r.json
expect_grep '防止返贫致贫对象' r.json
expect_no_grep '监测对象' r.json
expect_exit 0 $DIXIAN report $R --format xlsx --out r.xlsx
python3 - <<'PY' || die "xlsx label"
import zipfile
z = zipfile.ZipFile("r.xlsx")
text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
assert "防止返贫致贫对象（户）" in text, "no 防止返贫致贫对象 header"
assert "监测对象" not in text, "the default label is still written"
PY
# 2025 keeps the default label
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025 --format xlsx --out r25.xlsx
python3 -c 'import zipfile,sys; z=zipfile.ZipFile("r25.xlsx"); sys.exit(0 if "监测对象（户）" in z.read("xl/sharedStrings.xml").decode() else 1)' || die "2025 label"
