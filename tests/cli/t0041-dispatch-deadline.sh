# Dispatching department warnings with a chosen 核实期限 (issue 15): the
# county may ask a village for a quicker check than the policy's time
# limit, never a slower one, and never a deadline already passed; the rule
# is the use case's (dx_clue_deadline), so the command and the API refuse
# the same dates, before any signal is dispatched.  Audited with the
# policy's deadline beside the chosen one.
. "$TOP/tests/cli/lib.sh"
new_store w.db
export DIXIAN_TODAY=2023-09-11
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as admin --db w.db
expect_exit 0 $DIXIAN import warnings "$DATA/warnings_medical.csv" --as admin --db w.db
expect_exit 0 $DIXIAN account add county --level 县 --scope 532326 --as admin --db w.db
pending="SELECT count(*) FROM warning WHERE household_id IS NOT NULL AND clue_id IS NULL AND result IS NULL"
before=$(q w.db "$pending")
[ "$before" -gt 0 ] || die "no pending signal"
# before today: refused, nothing dispatched
expect_exit 1 $DIXIAN warning dispatch --deadline 2023-09-10 --as county --db w.db
expect_grep '核实期限 2023-09-10 早于今天（2023-09-11）' err
# after the policy's time limit (15 calendar days: 2023-09-26): refused
expect_exit 1 $DIXIAN warning dispatch --deadline 2023-09-27 --as county --db w.db
expect_grep '核实期限 2023-09-27 晚于政策规定的期限 2023-09-26' err
expect_exit 1 $DIXIAN warning dispatch --deadline 9月20日 --as county --db w.db
expect_grep '核实期限 "9月20日" 不是有效日期' err
expect_eq "$(q w.db "$pending")" "$before" "nothing dispatched by a refused deadline"
expect_eq "$(q w.db "SELECT count(*) FROM clue")" 0 "no clue from a refused deadline"
# an earlier deadline within the limit: every clue gets it, audited
expect_exit 0 $DIXIAN warning dispatch --deadline 2023-09-18 --as county --db w.db
expect_grep '已派发核实线索' out
n=$(q w.db "SELECT count(*) FROM clue")
[ "$n" -gt 0 ] || die "no clue dispatched"
expect_eq "$(q w.db "SELECT DISTINCT deadline FROM clue")" 2023-09-18 "chosen deadline"
expect_eq "$(q w.db "SELECT count(*) FROM audit WHERE action = 'clue.add' AND after LIKE '%\"deadline\":\"2023-09-18\",\"policy_deadline\":\"2023-09-26\"%'")" "$n" "audited with the policy's deadline"
# today itself is a deadline the rule accepts (nothing left to dispatch)
expect_exit 0 $DIXIAN warning dispatch --deadline 2023-09-11 --as county --db w.db
# without --deadline: the policy's, as before
cat > more.csv <<'CSV'
证件号码,姓名,预警部门,预警事项,金额,发生日期
532326198910100134,林平,民政,新增低保,,2023-09-05
CSV
expect_exit 0 $DIXIAN import warnings more.csv --as admin --db w.db
expect_exit 0 $DIXIAN warning dispatch --as county --db w.db
expect_eq "$(q w.db "SELECT deadline FROM clue ORDER BY id DESC LIMIT 1")" 2023-09-26 "policy deadline by default"
