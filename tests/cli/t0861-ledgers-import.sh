# Issue 19: the other ledgers come in with the persons ledger's
# guarantees: 万元 or 元 by header, exact into fen; one transaction (one
# bad row stores nothing); --keep-valid stores the rest; --errors marks the
# sheet; loans checked against policy keys a county can change (贷款上限);
# a 已销号 problem needs its date; a re-import changes nothing.
. "$TOP/tests/cli/lib.sh"
python3 - <<'PY'
import csv
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def idno(seq, year):
    first = "532326%04d0101%03d" % (year, seq)
    s = sum(int(c) * w for c, w in zip(first, W))
    return first + "10X98765432"[s % 11]
def w(name, header, rows):
    with open(name, "w", newline="") as f:
        c = csv.writer(f)
        c.writerow(header)
        c.writerows(rows)
w("persons.csv", ["区划代码", "县(市、区)", "乡(镇)", "行政村", "户编号", "户类型", "姓名", "证件号码", "与户主关系"],
  [["532326210001", "大姚县", "昙华乡", "大村", "H1", "脱贫户", "甲", idno(1, 1975), "户主"],
   ["532326210001", "大姚县", "昙华乡", "大村", "H1", "脱贫户", "乙", idno(2, 2012), "之子"],
   ["532326210001", "大姚县", "昙华乡", "大村", "H2", "一般户", "丙", idno(3, 1950), "户主"],
   ["532326210001", "大姚县", "昙华乡", "大村", "H3", "一般户", "丁", idno(4, 1980), "户主"]])
H = ["户编号", "借款人证件号码", "授信日期", "授信额度（万元）", "贷款合同号", "放款日期", "到期日期", "贷款金额（元）", "已还本金（万元）"]
w("ok.csv", H, [["H1", idno(1, 1975), "2023-01-01", "1,234.5678", "A1", "2023-02-01", "2026-02-01", "50000", "0.00005"],
                ["H3", idno(4, 1980), "2023-01-01", "3万元", "", "", "", "", ""]])
w("bad.csv", H, [["H1", idno(1, 1975), "2023-01-01", "5", "B1", "2023-02-01", "2026-02-01", "50000.01", ""],
                 ["H1", idno(2, 2012), "2023-01-01", "5", "B2", "2023-02-01", "2026-02-01", "10000", ""],
                 ["H2", idno(3, 1950), "2023-01-01", "5", "B3", "2023-02-01", "2026-02-01", "10000", ""],
                 ["H2", idno(1, 1975), "2023-01-01", "5", "B4", "2023-02-01", "2026-02-01", "10000", ""],
                 ["H3", idno(4, 1980), "2023-01-01", "5", "B5", "2023-02-01", "2026-03-01", "10000", ""],
                 ["H3", idno(4, 1980), "2023-01-01", "5", "B6", "2023-02-01", "2026-02-01", "10000", ""]])
w("problems.csv", ["问题编号", "问题来源", "问题描述", "区划代码", "责任单位", "整改时限", "状态", "销号日期"],
  [["P1", "审计", "甲", "532326", "县财政局", "2023-06-30", "已销号", ""],
   ["P2", "审计", "乙", "532326", "县财政局", "2023-06-30", "整改中", ""]])
PY
new_store t.db
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db t.db
expect_exit 0 $DIXIAN import loans ok.csv --as admin --db t.db
# 1234.5678万元 is 12345678元 to the fen; 0.00005万元 is 0.50元; 3万元 in the cell too
expect_eq "$(q t.db 'SELECT credit_amount, amount, repaid FROM loan ORDER BY id' | tr '\n' ' ')" \
	"1234567800|5000000|50 3000000|0|0 " "amounts in fen"
expect_exit 0 $DIXIAN import loans ok.csv --as admin --db t.db
expect_grep '（新增 0，更新 0，未变 2）' out
# every check on its row; nothing stored
expect_exit 1 $DIXIAN import loans bad.csv --as admin --db t.db --errors e.xlsx
expect_grep '^bad.csv:2:贷款金额（元）: 贷款金额 50000.01 元超过上限 50000.00 元（政策参数 贷款上限）' err
expect_grep '^bad.csv:3:借款人证件号码: 借款人在 2023-02-01 时 11 岁，不在 18 至 65 岁之间' err
expect_grep '^bad.csv:4:借款人证件号码: 借款人在 2023-02-01 时 73 岁' err
expect_grep '^bad.csv:5:借款人证件号码: 借款人不是户编号 H2 的家庭成员' err
expect_grep '^bad.csv:6:到期日期: 贷款期限超过 3 年（到期日期应不晚于 2026-02-01' err
expect_no_grep '^bad.csv:7:' err
[ -s e.xlsx ] || die "no error workbook"
expect_eq "$(q t.db 'SELECT count(*) FROM loan')" 2 "an import with errors stores nothing"
# --keep-valid stores the clean row
expect_exit 1 $DIXIAN import loans bad.csv --as admin --db t.db --keep-valid
expect_eq "$(q t.db "SELECT count(*) FROM loan WHERE contract_no = 'B6'")" 1 "kept the valid row"
# the county raises its cap: the same row passes
expect_exit 0 $DIXIAN policy set 贷款上限 60000 --area 532326 --year 2023 --as admin --db t.db
expect_exit 1 $DIXIAN import loans bad.csv --as admin --db t.db --keep-valid
expect_no_grep '^bad.csv:2:' err
expect_eq "$(q t.db "SELECT amount FROM loan WHERE contract_no = 'B1'")" 5000001 "B1 under the new cap"
# a 已销号 problem needs its 销号日期
expect_exit 1 $DIXIAN import problems problems.csv --as admin --db t.db
expect_grep '^problems.csv:2:销号日期: 状态为已销号的问题须填写销号日期' err
expect_eq "$(q t.db 'SELECT count(*) FROM problem')" 0 "problems: nothing stored"
# the export is the template: masked by default, and unmasked it comes back
# in (in 元, exact) without a change
expect_exit 0 $DIXIAN export loans --area 532326 --db t.db
expect_grep '^H1,532326\*\{8\}' out
n=$(q t.db 'SELECT count(*) FROM loan')
expect_exit 0 $DIXIAN export loans --area 532326 --unmasked --as admin --out back.csv --db t.db
expect_grep '户编号,借款人证件号码,授信日期,授信额度,' back.csv
expect_grep ',12345678.00,A1,2023-02-01,2026-02-01,50000.00,,,0.50,' back.csv
expect_exit 0 $DIXIAN import loans back.csv --as admin --db t.db
expect_grep "（新增 0，更新 0，未变 $n）" out
