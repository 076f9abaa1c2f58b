# Department warnings (issue 6): matched signals become clues with a
# deadline, 医保 signals under the policy threshold are recorded only,
# repeats are merged, unmatched rows are reported back, and the
# department's 核查反馈表 shows what came of each signal, IDs masked.
. "$TOP/tests/cli/lib.sh"
new_store w.db
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as admin --db w.db
expect_exit 0 $DIXIAN import warnings "$DATA/warnings_medical.csv" --as admin --db w.db
expect_grep '未匹配' err
# a second list: one 医保 signal under the 10000 yuan threshold, and the
# first file's 医保 signal again (merged, not duplicated)
cat > more.csv <<'CSV'
证件号码,姓名,预警部门,预警事项,金额,发生日期,说明
532326196810020031,罗涛,医保,个人自付医疗费用超标,8000,2023-09-01,门诊
532326198910100134,林平,医保,个人自付医疗费用超标,"15,230.50",2023-08-14,住院
CSV
expect_exit 0 $DIXIAN import warnings more.csv --as admin --period 2023.9 --db w.db
expect_eq "$(q w.db "SELECT period FROM warning_batch ORDER BY id DESC LIMIT 1")" 2023-09 "list period"
expect_exit 2 $DIXIAN import warnings more.csv --as admin --period 九月 --db w.db
expect_eq "$(q w.db "SELECT count(*) FROM warning WHERE id_no = '532326198910100134'")" 1 "repeated signal merged"
expect_exit 0 $DIXIAN account add county --level 县 --scope 532326 --as admin --db w.db
expect_exit 0 $DIXIAN account add cun --level 村 --scope 532326106001 --as admin --db w.db
expect_exit 0 $DIXIAN warning dispatch --as county --date 2023-09-11 --db w.db
expect_grep '已派发核实线索2条，低于预警阈值仅记录1条，未能派发0条' out
expect_eq "$(q w.db "SELECT count(*) FROM clue WHERE source = '部门预警' AND found_on = '2023-09-11'")" 2 "clues from warnings"
# 15 calendar days to verify (identify_days, working_days off by default)
expect_eq "$(q w.db "SELECT DISTINCT deadline FROM clue")" 2023-09-26 "clue deadline"
expect_eq "$(q w.db "SELECT count(*) FROM warning WHERE amount = 800000 AND clue_id IS NULL AND result LIKE '低于预警阈值%'")" 1 "below threshold recorded only"
expect_eq "$(q w.db "SELECT action FROM audit WHERE entity = 'warning' AND action NOT LIKE 'import.%'")" warning.record "a recorded signal's audit word"
# nothing is dispatched twice
expect_exit 0 $DIXIAN warning dispatch --as county --date 2023-09-12 --db w.db
expect_grep '已派发核实线索0条，低于预警阈值仅记录0条' out
# the threshold is policy: at 5000 yuan a new 8000 signal raises a clue
expect_exit 0 $DIXIAN policy set warn_medical_oop 5000 --area 532326 --year 2023 --as county --db w.db
cat > third.csv <<'CSV'
证件号码,姓名,预警部门,预警事项,金额,发生日期
532326196810020031,罗涛,医保,个人自付医疗费用超标,8000,2023-09-20
CSV
expect_exit 0 $DIXIAN import warnings third.csv --as admin --db w.db
expect_exit 0 $DIXIAN warning dispatch --as county --date 2023-09-25 --db w.db
expect_grep '已派发核实线索1条' out
# the feedback sheet for 医保: every signal, masked IDs, what came of it
cid=$(q w.db "SELECT clue_id FROM warning WHERE id_no = '532326198910100134'")
expect_exit 0 $DIXIAN clue close $cid --result 核实后已纳入医疗救助 --date 2023-09-15 --as county --db w.db
expect_exit 0 $DIXIAN warning feedback --department 医保 --out fb.xlsx --as county --db w.db
expect_grep '（3条）' out
python3 - <<'PY' || die "feedback sheet"
import zipfile, re
z = zipfile.ZipFile("fb.xlsx")
text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
assert "核实后已纳入医疗救助" in text, "clue result missing"
assert "低于预警阈值" in text, "threshold result missing"
assert "532326********0134" in text, "masked id missing"
assert not re.search(r"\d{17}[\dX]", text), "unmasked id in sheet"
PY
# unmasked: county 经办 only, and audited; a village account is refused
expect_exit 3 $DIXIAN warning feedback --department 医保 --out fb2.xlsx --unmasked --as cun --db w.db
expect_grep '无权导出完整证件号码' err
expect_exit 0 $DIXIAN warning feedback --department 医保 --out fb3.xlsx --unmasked --as county --db w.db
expect_eq "$(q w.db "SELECT count(*) FROM audit WHERE action = 'export.unmasked' AND entity = 'warning_feedback'")" 1 "unmasked export audited"
# the unmatched 残联 row comes back to its department
expect_exit 0 $DIXIAN warning feedback --department 残联 --out cl.xlsx --as county --db w.db
python3 -c "
import zipfile; z = zipfile.ZipFile('cl.xlsx')
t = ''.join(z.read(n).decode() for n in z.namelist() if n.endswith('.xml'))
assert '本辖区无此人' in t" || die "unmatched row not reported back"
