# Clues (issue 11.16): one list of 风险类型 for clues and cases; one clue
# 待核实 per household; a clue whose case fails or is withdrawn goes back to
# 待核实 (audited) for the cadre to close or take up again.
. "$TOP/tests/cli/lib.sh"
new_store a.db
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as admin --db a.db
expect_exit 0 $DIXIAN account add cun --level 村 --scope 532326106001 --as admin --db a.db
export DIXIAN_TODAY=2026-06-30
A="--as cun --db a.db"
hh=532326106000001
# the reason: 风险类型 from the case's list, then what was seen
expect_exit 1 $DIXIAN clue add $hh --source 干部排查 --reason 因穷 $A
expect_grep '风险类型 "因穷" 无效' err
expect_grep '因病、因残' err
expect_exit 1 $DIXIAN case open $hh --kind 识别 --category 边缘易致贫户 --risks 因穷 $A
expect_grep '风险类型 "因穷" 无效' err
expect_eq "$(q a.db 'SELECT count(*) FROM clue')" 0 "no clue with a reason off the list"
expect_exit 0 $DIXIAN clue add $hh --source 干部排查 --reason "因学、因病：住院" --found 2026-06-01 $A
expect_eq "$(q a.db 'SELECT reason FROM clue')" "因病、因学：住院" "reason stored in code-table order"
clue=$(q a.db 'SELECT max(id) FROM clue')
# a second clue for the household while the first waits is refused, naming it
expect_exit 3 $DIXIAN clue add $hh --source 热线 --reason 因病 $A
expect_grep "已有待核实的线索 $clue" err
expect_eq "$(q a.db 'SELECT count(*) FROM clue')" 1 "no duplicate clue"
# its case fails: the clue is 待核实 again, saying why, and audited
expect_exit 0 $DIXIAN case open --clue $clue --kind 识别 --category 边缘易致贫户 --risks 因病 --date 2026-06-02 $A
expect_eq "$(q a.db "SELECT state FROM clue WHERE id = $clue")" 已立案 "clue taken up"
case1=$(q a.db 'SELECT max(id) FROM case_file')
expect_exit 0 $DIXIAN case step $case1 入户核实 不通过 --note 收入高于监测线 --date 2026-06-03 $A
expect_eq "$(q a.db "SELECT state FROM case_file WHERE id = $case1")" 未通过 "case failed"
expect_eq "$(q a.db "SELECT state || '|' || coalesce(case_id, 0) || '|' || result FROM clue WHERE id = $clue")" "待核实|0|案件${case1}未通过：收入高于监测线" "clue given back"
expect_eq "$(q a.db "SELECT actor || '|' || after FROM audit WHERE action = 'clue.reopen'")" 'cun|{"state":"待核实","case_outcome":"未通过"}' "reopen audited"
# ... so it can be taken up again, and a withdrawn case gives it back too
expect_exit 0 $DIXIAN case open --clue $clue --kind 识别 --category 边缘易致贫户 --risks 因病 --date 2026-06-04 $A
case2=$(q a.db 'SELECT max(id) FROM case_file')
expect_exit 0 $DIXIAN case step $case2 撤销 --note 农户申请撤回 --date 2026-06-05 $A
expect_eq "$(q a.db "SELECT state FROM clue WHERE id = $clue")" 待核实 "clue given back after withdrawal"
# ... and then closed with a result
expect_exit 0 $DIXIAN clue close $clue --result 核实后不存在风险 --date 2026-06-06 $A
expect_exit 0 $DIXIAN clue add $hh --source 热线 --reason 其他：反映困难 $A
