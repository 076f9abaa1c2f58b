# Issue 19: a county built through `dixian import` to the figures the
# reports quote for 小额信贷, 救助申请, 救助发放, 问题整改 and 培训/公益性岗位
# gets every figure back from `dixian report`, and each figure's --list has
# as many rows as the figure (and its amounts add up to it).
. "$TOP/tests/cli/lib.sh"
python3 - <<'PY'
import csv
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def idno(seq, year, county="532326"):
    first = "%s%04d0101%03d" % (county, year, seq % 1000)
    s = sum(int(c) * w for c, w in zip(first, W))
    return first + "10X98765432"[s % 11]
N = 900
head = lambda i: idno(i, 1975 + i // 1000)   # 户主, 48 in 2023
child = lambda i: idno(i, 2010 + i // 1000)  # 之子
stranger = lambda i: idno(i, 1980, "532301")  # not in the registry
def w(name, header, rows, title=None, enc="utf-8"):
    with open(name, "w", newline="", encoding=enc) as f:
        if title:
            f.write(title + "\n")
        c = csv.writer(f)
        c.writerow(header)
        c.writerows(rows)
hh = lambda i: "H%04d" % i
vil = lambda i: "532326210%03d" % (1 + i % 3)
rows = []
for i in range(1, N + 1):
    for rel, pid in (("户主", head(i)), ("之子", child(i))):
        rows.append([vil(i), "大姚县", "昙华乡", ["大村", "中村", "小村"][i % 3], hh(i), "脱贫户", "2016",
                     "%s%d" % ("户主" if rel == "户主" else "子", i), pid, rel])
w("persons.csv", ["区划代码", "县(市、区)", "乡(镇)", "行政村", "户编号", "户类型", "脱贫年度", "姓名", "证件号码", "与户主关系"], rows)
# 小额信贷: 863 households with credit (775 x 4万, 88 x 3万 = 3364万元);
# 39 new loans in the half year (38 x 5万 + 3万 = 193万元); 15 loans of
# 2022 outstanding and 5 settled; 2 of 2020 past due with 4000元 repaid;
# one credit line granted after the half year
L = []
for i in range(1, 864):
    credit = "4" if i <= 775 else "3"
    r = [hh(i), head(i), "2022-12-01", credit, "", "", "", "", "", ""]
    if i <= 39:
        r[4:9] = ["C23-%d" % i, "2023-03-01", "2026-02-28", "5" if i <= 38 else "3", ""]
    elif i <= 59:
        r[4:9] = ["C22-%d" % i, "2022-05-01", "2025-04-30", "2", "20000" if i > 54 else ""]
        if i > 54:
            r.append("2022-12-20")
    elif i <= 61:
        r[2] = "2020-06-01"
        r[4:9] = ["C20-%d" % i, "2020-07-01", "2023-06-01", "1", "4000"]
    r += [""] * (11 - len(r))
    L.append(r)
L.append([hh(864), head(864), "2023-08-01", "5", "", "", "", "", "", "", ""])
w("loans.csv", ["户编号", "借款人证件号码", "授信日期", "授信额度（万元）", "贷款合同号", "放款日期", "到期日期",
                "贷款金额（万元）", "已还本金", "结清日期"], L, title="昙华乡小额信贷台账")
# 救助申请: 385 in the half year, 341 closed by its end (one more closed
# in July), two of 2022; some by ID, a few of persons not in the registry
A = []
for k in range(1, 388):
    i = k
    on = "2022-11-%02d" % (1 + k % 28) if k > 385 else "2023-%02d-%02d" % (1 + k % 6, 1 + k % 28)
    status, closed = "办理中", ""
    if k <= 341 or k > 385:
        status, closed = "已办结", on
    elif k == 342:
        status, closed = "已办结", "2023-07-05"
    pid = head(i) if k % 10 == 0 else (stranger(k) if k % 97 == 0 else "")
    A.append(["SQ%04d" % k, on, "申请人%d" % k, pid, vil(i), ["自己举手", "他人代举", "干部代办"][k % 3],
              ["生活困难", "医疗", "教育", "临时救助"][k % 4], "", status, closed, ""])
w("apps.csv", ["申请编号", "申请日期", "申请人姓名", "证件号码", "区划代码", "申请方式", "救助事项", "诉求",
               "办理状态", "办结日期", "办理结果"], A, enc="gb18030")
# 救助发放: 低保 366人 96.61万元, 特困 35人 23.31万元, 临时救助 16人 6.92万元
P = []
for n in range(1, 367):
    pid = stranger(n) if n > 362 else head(n)
    for m in range(1, 7):
        amt = "440" if n < 366 else ("2500" if m == 1 else None)
        if amt:
            P.append([pid, "某", "城乡低保", ["2023-%02d", "2023年%d月", "2023%02d", "2023.%d"][m % 4].replace("%02d", "%02d") % m, amt])
    P.append([pid, "某", "城乡低保", "2023-07", "440"])  # after the half year
for n in range(401, 436):
    for m in range(1, 7):
        P.append([head(n), "", "特困供养", "2023-%02d" % m, "1,110.00"])
for n in range(501, 517):
    P.append([child(n), "", "临时救助", "2023-04", "4300" if n < 516 else "4700元"])
w("relief.csv", ["证件号码", "姓名", "救助类别", "发放月份", "金额"], P)
# 问题整改: 13 from the provincial evaluation, all closed; two of the
# county's own, one closed after the half year
Q = [["WT%02d" % k, "省后评估", "", "问题%d" % k, "532326", "%s、%s" % (hh(k), hh(k + 1)), "整改",
      "县乡村振兴局", "张三", "2023-05-31", "已销号", "2023-05-%02d" % (10 + k)] for k in range(1, 14)]
Q.append(["ZC01", "自查", "", "自查问题", "532326210", "", "", "昙华乡", "", "2023-12-31", "整改中", ""])
Q.append(["ZC02", "自查", "", "自查问题2", "532326210001", "", "", "大村", "", "2023-12-31", "已销号", "2023-08-01"])
w("problems.csv", ["问题编号", "问题来源", "问题类别", "问题描述", "区划代码", "涉及户编号", "整改措施",
                   "责任单位", "责任人", "整改时限", "状态", "销号日期"], Q)
# 技能培训 178人 (ten of them twice), 公益性岗位 162人 (held in the half
# year; others ended before it or began after it)
T = []
for n in range(1, 179):
    T.append([head(n), "", "技能培训", "厨师", "2023-0%d-01" % (1 + n % 6), ""])
    if n <= 10:
        T.append([head(n), "", "技能培训", "电工", "2023-02-01", "2023-02-10"])
for n in range(201, 363):
    T.append([child(n), "", "公益性岗位", "护林员", "2022-01-01" if n % 2 else "2023-05-01", ""])
for n in range(401, 406):
    T.append([child(n), "", "公益性岗位", "保洁员", "2021-01-01", "2022-12-31"])
    T.append([head(n + 100), "", "公益性岗位", "保洁员", "2023-07-01", ""])
w("training.csv", ["证件号码", "姓名", "类型", "项目或岗位名称", "开始日期", "结束日期"], T)
PY
new_store t.db
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db t.db
for k in loans:loans.csv applications:apps.csv relief:relief.csv problems:problems.csv training:training.csv; do
	expect_exit 0 $DIXIAN import "${k%%:*}" "${k#*:}" --as admin --db t.db
done
# persons not in the registry are kept and listed, never dropped
expect_exit 0 $DIXIAN import relief relief.csv --as admin --db t.db
expect_grep '（新增 0，更新 0，未变 [0-9]*），未匹配 23 条' out
expect_grep '未匹配到库中任何人员' err
expect_exit 0 $DIXIAN report --db t.db --area 532326 --year 2023 --as-of 2023-06-30
expect_grep '^小额信贷：通过授信863户，授信评级额度3364万元；新增贷款39户193万元；贷款余额56户224.20万元，其中逾期2户1.20万元。$' out
expect_grep '^救助申请：申请救助事项385件，办结341件，办结率88.57%。$' out
expect_grep '^救助发放：累计发放农村最低生活保障金366人96.61万元、特困供养金35人23.31万元、临时救助16人6.92万元。$' out
expect_grep '^问题整改：省后评估反馈的13个问题已全部完成整改销号；自查发现的2个问题，已整改销号0个，整改中2个。$' out
expect_grep '^培训与公益性岗位：技能培训178人，公益性岗位聘用162人。$' out
# later in the year: the July credit line, the July closing and 销号
expect_exit 0 $DIXIAN report --db t.db --area 532326 --year 2023 --as-of 2023-12-31
expect_grep '通过授信864户，授信评级额度3369万元' out
expect_grep '办结342件' out
expect_grep '自查发现的2个问题，已整改销号1个，整改中1个。' out
# a township sees its own villages' rows only (the county's problems and
# the unmatched persons are the county's)
expect_exit 0 $DIXIAN report --db t.db --area 532326210 --year 2023 --as-of 2023-06-30
expect_grep '农村最低生活保障金362人' out
expect_grep '自查发现的2个问题' out
expect_no_grep '省后评估' out
# every figure's list has as many rows as the figure, and its amounts add up
expect_exit 0 $DIXIAN report --db t.db --area 532326 --year 2023 --as-of 2023-06-30 --format json --out r.json
for key in $(python3 -c "import json; print(' '.join(json.load(open('r.json'))['ledgers']))"); do
	expect_exit 0 $DIXIAN report --db t.db --area 532326 --year 2023 --as-of 2023-06-30 --list "$key"
	python3 - "$key" <<'PY' || die "list $key"
import csv, json, sys
key = sys.argv[1]
fig = json.load(open("r.json"))["ledgers"][key]
rows = list(csv.reader(open("out", encoding="utf-8-sig")))[1:]
assert len(rows) == fig["count"], (key, len(rows), fig)
if "amount_fen" in fig:
    total = sum(round(float(r[-1]) * 100) for r in rows)
    assert total == fig["amount_fen"], (key, total, fig)
PY
done
expect_exit 0 $DIXIAN report --db t.db --area 532326 --year 2023 --as-of 2023-06-30 --list relief_dibao
expect_grep '^532301\*\{8\}' out
expect_no_grep '5323011980' out
# the workbook has the figures on a sheet of their own
expect_exit 0 $DIXIAN report --db t.db --area 532326 --year 2023 --as-of 2023-06-30 --format xlsx --out r.xlsx
python3 - <<'PY' || die "xlsx 其他台账"
import zipfile, re
z = zipfile.ZipFile("r.xlsx")
wb = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
assert names[-1] == "其他台账", names
shared = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
sheet = z.read("xl/worksheets/sheet%d.xml" % len(names)).decode()
cells = re.findall(r'<c r="([A-D])(\d+)"(?: [^>]*?t="s")?[^>]*><v>([^<]*)</v></c>', sheet)
got = {}
for col, row, v in cells:
    got.setdefault(int(row), {})[col] = v
by_key = {shared[int(r["B"])]: r for r in got.values() if "B" in r and r["B"].isdigit() and int(r["B"]) < len(shared)}
assert by_key["loan_credit"]["C"] == "863" and float(by_key["loan_credit"]["D"]) == 3364, by_key["loan_credit"]
assert by_key["relief_dibao"]["C"] == "366" and abs(float(by_key["relief_dibao"]["D"]) - 96.61) < 1e-9
PY
