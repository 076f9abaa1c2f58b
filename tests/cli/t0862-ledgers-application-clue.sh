# Issue 19: 救助申请 is a channel into monitoring.  An open application of
# a registry household becomes a clue (source 农户自主申报, the procedure's
# deadline) that the village sees, once; the clue's end flows back into
# the application's 办理状态 in the report and its list.
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
   ["532326210001", "大姚县", "昙华乡", "大村", "H2", "一般户", "丙", idno(3, 1950), "户主"]])
w("apps.csv", ["申请编号", "申请日期", "申请人姓名", "证件号码", "区划代码", "申请方式", "救助事项", "办理状态", "办结日期"],
  [["SQ1", "2023-03-01", "甲", idno(1, 1975), "532326210001", "他人代举", "医疗", "办理中", ""],
   ["SQ2", "2023-03-02", "丙", idno(3, 1950), "532326210001", "自己举手", "生活困难", "已办结", "2023-03-05"],
   ["SQ3", "2023-03-03", "某", "", "532326210001", "自己举手", "其他", "受理", ""]])
PY
new_store t.db
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db t.db
expect_exit 0 $DIXIAN account add cun1 --level 村 --scope 532326210001 --as admin --db t.db
expect_exit 0 $DIXIAN import applications apps.csv --as admin --db t.db
# only the open application of a registry household became a clue
expect_eq "$(q t.db "SELECT count(*) FROM clue WHERE source = '农户自主申报'")" 1 "one clue"
expect_exit 0 $DIXIAN clue list --state 待核实 --as cun1 --db t.db
expect_grep 'H1' out
expect_grep '农户自主申报' out
expect_grep '2023-03-01' out
# once: a re-import makes no second clue
expect_exit 0 $DIXIAN import applications apps.csv --as admin --db t.db
expect_eq "$(q t.db "SELECT count(*) FROM clue")" 1 "still one clue"
expect_exit 0 $DIXIAN report --db t.db --area 532326 --year 2023 --as-of 2023-03-31
expect_grep '申请救助事项3件，办结1件，办结率33.33%' out
# the village closes the clue: the application is 已办结 from that day
id=$(q t.db "SELECT id FROM clue")
expect_exit 0 $DIXIAN clue close "$id" --result 核实后不存在风险 --date 2023-04-10 --as cun1 --db t.db
expect_exit 0 $DIXIAN report --db t.db --area 532326 --year 2023 --as-of 2023-03-31
expect_grep '办结1件' out
expect_exit 0 $DIXIAN report --db t.db --area 532326 --year 2023 --as-of 2023-04-30
expect_grep '申请救助事项3件，办结2件，办结率66.67%' out
expect_exit 0 $DIXIAN report --db t.db --area 532326 --year 2023 --as-of 2023-04-30 --list app_closed
expect_grep '^SQ1,2023-03-01,甲,医疗,532326210001,已办结$' out
