# Issue 18: a county's 衔接资金 built through `dixian import` (项目库 as
# xlsx with 万元 amounts, 拨付 in GB18030, 受益户, 资产) comes back from
# `dixian report` as the reports write it, exactly, and every figure's
# --list has as many rows as the figure says.  The figures are the seed
# report's (15 projects, 13 started, 11 产业项目, 2163万元, 1464.60万元
# 89.25%) but for the payment: 1182.62/2163 is 54.675 %, which no
# rounding prints as the seed's 54.67 %, so 1182.60 is paid here.
. "$TOP/tests/cli/lib.sh"
export DIXIAN_TODAY=2026-12-01
new_store f.db 532326

# the registry: H1 3 persons, H2 2, H3 4, H4 1, H5 2
python3 - <<'PY'
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
def idn(seq):
    b = f"53232619800101{seq:03d}"
    return b + C[sum(int(x) * w for x, w in zip(b, W)) % 11]
rows = ["区划代码,县(市、区),乡(镇),行政村,户编号,户类型,脱贫年度,姓名,证件号码,与户主关系"]
seq = 1
for v, h, n in [("101001", "H1", 3), ("101001", "H2", 2), ("102001", "H3", 4),
                ("102001", "H4", 1), ("101001", "H5", 2)]:
    town = "甲乡" if v[:3] == "101" else "乙乡"
    for i in range(n):
        rows.append(f"532326{v},测试县,{town},{town}一村,{h},脱贫户,2016,{h}成员{i},{idn(seq)},"
                    + ("户主" if i == 0 else "之子"))
        seq += 1
open("persons.csv", "w").write("\n".join(rows) + "\n")

# 项目库: P01-P10 产业发展 (产业 by default), P11 其他 marked 产业, P12
# 产业发展 marked 否; P16 has county funds only and P17 is of 2025: neither
# counts.  中央 1641 = 产业 1464.60 + 176.40; 省级 522 (产业 330).
p = ["2026年衔接资金项目库",
     "序号,项目编号,项目名称,年度,区划代码,项目类型,是否产业项目,中央衔接资金（万元）,"
     "省级衔接资金（万元）,县级衔接资金（元）,县审定日期,开工日期"]
def row(i, code, typ, ind, cen, prov, cty, start):
    p.append(f"{i},{code},项目{code},{2025 if code == 'P17' else 2026},532326101,{typ},{ind},"
             f"{cen},{prov},{cty},2026-02-01,{start}")
for i in range(1, 11):
    row(i, f"P{i:02d}", "产业发展", "", "130", "30", "50000" if i == 1 else "", f"2026-03-{i:02d}")
row(11, "P11", "其他", "是", "164.6", "30", "", "2026-04-01")
row(12, "P12", "产业发展", "否", "50", "30", "", "2026-04-02")
row(13, "P13", "乡村建设", "", "50", "30", "", "2026-05-01")
row(14, "P14", "乡村建设", "", "40", "30", "", "2026-11-15")
row(15, "P15", "就业项目", "", "36.4", "102", "", "")
row(16, "P16", "产业发展", "", "", "", "800000", "2026-03-01")
row(17, "P17", "产业发展", "", "99", "1", "", "2025-03-01")
open("projects.csv", "w").write("\n".join(p) + "\n")

# 拨付 in 万元, GB18030 as Excel writes it: 中央+省级 1182.60 by
# 2026-10-31, then 20 more in November; a 县级 payment is no 上级 money
y = ["项目编号,拨付日期,资金来源,金额（万元）,凭证号"]
for i in range(1, 11):
    y.append(f"P{i:02d},2026-06-{i:02d},中央,100,V{i}")
y += ["P11,2026-07-01,省级,82.6,V11", "P12,2026-10-31,中央,100,V12",
      "P13,2026-11-20,中央,20,V13", "P01,2026-06-05,县级,5,V14"]
open("payments.csv", "wb").write(("\n".join(y) + "\n").encode("gb18030"))

# 受益户: 带动人数 as typed is never what is counted
open("ben.csv", "w").write("项目编号,户编号,联结方式,带动人数\n"
                           "P01,H1,就业带动,10\nP01,H2,入股分红,10\nP11,H3,产业带动,10\n"
                           "P02,H1,产业带动,10\nP12,H4,就业带动,10\n")
open("assets.csv", "w").write("资产编号,项目编号,资产名称,资产类别,金额（万元）,权属\n"
                              "A1,P01,加工厂,经营性,80,村集体\nA2,P12,村道,公益性,60.1234,村集体\n"
                              "A3,P11,能繁母牛,到户类,30,农户\nA4,P16,冷库,经营性,10,村集体\n")
PY
python3 "$TOP/tests/cli/csv2xlsx.py" projects.csv projects.xlsx --num '中央衔接资金（万元）' \
	--num '省级衔接资金（万元）' || die "csv2xlsx"
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db f.db
expect_exit 0 $DIXIAN import projects projects.xlsx --as admin --db f.db
expect_grep '新增 17' out
expect_exit 0 $DIXIAN import payments payments.csv --as admin --db f.db
expect_exit 0 $DIXIAN import beneficiaries ben.csv --as admin --db f.db
expect_exit 0 $DIXIAN import assets assets.csv --as admin --db f.db
# 万元 with four decimals is exact to the yuan; 元 headers stay 元
expect_eq "$(q f.db "SELECT value FROM fund_asset WHERE asset_no = 'A2'")" 60123400 "A2 fen"
expect_eq "$(q f.db "SELECT central, county_fund FROM fund_project WHERE code = 'P11'")" \
	"164600000|0" "P11 fen"
expect_eq "$(q f.db "SELECT county_fund FROM fund_project WHERE code = 'P01'")" 5000000 "元 header"
# a second import of the same ledgers changes nothing
expect_exit 0 $DIXIAN import payments payments.csv --as admin --db f.db
expect_grep '未变 14' out

expect_exit 0 $DIXIAN report --db f.db --area 532326 --year 2026 --as-of 2026-10-31
expect_grep '2026年，争取上级财政衔接推进乡村振兴补助资金2163万元（中央1641万元，省级522万元），已安排到15个乡村振兴项目上，开工项目13个，开工率86.67%。产业项目11个，中央衔接资金用于产业1464.60万元，比例达89.25%，省级衔接资金用于产业330万元，比例达63.22%。截至2026-10-31，拨付中央和省级资金1182.60万元，支付进度54.67%。产业项目联农带农户数共3户9人。项目形成资产3项170.12万元，其中经营性资产1项80万元、公益性资产1项60.12万元、到户类资产1项30万元。' out
# payments after the as-of date do not count; a later date takes them in
expect_exit 0 $DIXIAN report --db f.db --area 532326 --year 2026 --as-of 2026-11-30
expect_grep '开工项目14个，开工率93.33%' out
expect_grep '拨付中央和省级资金1202.60万元，支付进度55.60%' out
# a township: only its projects (all of these are 甲乡's)
expect_exit 0 $DIXIAN report --db f.db --area 532326102 --year 2026 --as-of 2026-10-31
expect_no_grep '衔接推进乡村振兴' out

# every figure's list has as many rows as the figure
lines() { expect_exit 0 $DIXIAN report --db f.db --area 532326 --year 2026 --as-of 2026-10-31 \
	--list "$1"; echo $(($(wc -l <out) - 1)); }
expect_eq "$(lines funds.projects)" 15 "funds.projects"
expect_eq "$(lines funds.started)" 13 "funds.started"
expect_eq "$(lines funds.industry)" 11 "funds.industry"
expect_eq "$(lines funds.households)" 3 "funds.households"
expect_eq "$(lines funds.assets)" 3 "funds.assets"
# the lists' amounts add up to the figures
lines funds.households >/dev/null
expect_eq "$(tail -n +2 out | awk -F, '{s += $6} END {print s}')" 9 "household persons"
lines funds.paid >/dev/null
expect_eq "$(tail -n +2 out | awk -F, '{s += $6 * 100} END {printf "%d", s}')" 118260 "paid 万元"
lines funds.industry >/dev/null
expect_eq "$(tail -n +2 out | awk -F, '{s += $6 * 100} END {printf "%d", s}')" 146460 "industry 中央"
# the JSON carries the same figures, in fen
expect_exit 0 $DIXIAN report --db f.db --area 532326 --year 2026 --as-of 2026-10-31 --format json --out r.json
python3 -c "
import json; f = json.load(open('r.json'))['funds']
assert f['projects'] == 15 and f['started'] == 13 and f['industry'] == 11, f
assert f['allocated']['central'] == 1641000000 and f['paid']['central'] + f['paid']['provincial'] == 1182600000, f
assert f['payment_progress_bp'] == 5467 and f['households'] == 3 and f['persons'] == 9, f
" || die "json funds"
# the xlsx report has a 衔接资金 sheet with the paragraph's figures and
# their --list keys
expect_exit 0 $DIXIAN report --db f.db --area 532326 --year 2026 --as-of 2026-10-31 --out r.xlsx
python3 - <<'PY' || { echo "FAILED: 衔接资金 sheet"; exit 1; }
import re, zipfile
z = zipfile.ZipFile("r.xlsx")
wb = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
assert "衔接资金" in names, names
i = names.index("衔接资金") + 1
sheet = z.read("xl/worksheets/sheet%d.xml" % i).decode()
shared = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
cells = {}
for ref, t, body in re.findall(r'<c r="([A-Z]+\d+)"[^>]*?(?: t="(\w+)")?[^>]*>(.*?)</c>', sheet):
    v = re.search(r"<v>([^<]*)</v>", body).group(1)
    cells[ref] = shared[int(v)] if t == "s" else float(v)
rows = {cells["A%d" % r]: (cells["B%d" % r], cells["C%d" % r]) for r in range(2, 16)}
assert rows["衔接资金项目（个）"] == ("funds.projects", 15), rows
assert rows["开工率（%）"] == ("funds.started", 86.67), rows
assert rows["支付进度（%）"] == ("funds.paid", 54.67), rows
assert abs(rows["已拨付中央和省级资金（万元）"][1] - 1182.60) < 1e-6, rows
PY
