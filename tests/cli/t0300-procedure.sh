# The monitoring procedure end to end: accounts, clues, a case walked by
# the right levels, refusals, 公示/公告 lists and the overdue list.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 600 --db d.db --today 2026-11-24
X="$DIXIAN"
# the demo made accounts at every level and cases in every state
expect_eq "$(q d.db "SELECT count(*) FROM account")" 111 accounts
for s in 办理中 已通过 未通过 已撤销; do
	[ "$(q d.db "SELECT count(*) FROM case_file WHERE state = '$s'")" -gt 0 ] || die "no case $s"
done
expect_eq "$(q d.db "SELECT count(DISTINCT kind) FROM case_file")" 2 "case kinds"
for r in 风险消除回退 风险再标注; do
	[ "$(q d.db "SELECT count(*) FROM episode WHERE end_reason = '$r'")" -gt 0 ] || die "no $r"
done
for s in 待核实 已立案 已关闭; do
	[ "$(q d.db "SELECT count(*) FROM clue WHERE state = '$s'")" -gt 0 ] || die "no clue $s"
done
# accounts: level and scope must agree
expect_exit 1 $X account add bad --level 村 --scope 532399101 --as xian532399 --db d.db
expect_grep '12位村代码' err
expect_exit 3 $X account add cun532399101001 --level 村 --scope 532399101001 --as xian532399 --db d.db
expect_grep '已存在' err
V=cun532399101001 V2=cun532399101002 T=xiang532399101 C=xian532399
hh=$(q d.db "SELECT hh_no FROM household h WHERE area_code = '532399101001' AND kind = '一般户'
	AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.household_id = h.id)
	AND NOT EXISTS (SELECT 1 FROM case_file c WHERE c.household_id = h.id) LIMIT 1")
[ -n "$hh" ] || die "no free household"
# a clue: bad source refused, deadline 15 calendar days
expect_exit 1 $X clue add "$hh" --source 路人 --reason 因病：住院 --as $V --db d.db
expect_grep '农户自主申报' err
expect_exit 3 $X clue add "$hh" --source 干部排查 --reason 因病：住院 --found 2026-11-02 --as $V2 --db d.db
expect_grep '管辖范围' err
expect_exit 0 $X clue add "$hh" --source 干部排查 --reason 因病：住院 --found 2026-11-02 --as $V --db d.db
expect_grep '核实期限 2026-11-17' out
clue=$(q d.db "SELECT max(id) FROM clue")
expect_exit 0 $X clue list --state 待核实 --as $V --db d.db
expect_grep "$hh" out
# the case, step by step; wrong level and wrong order are refused
expect_exit 0 $X case open --clue "$clue" --kind 识别 --category 边缘易致贫户 --risks 因病、因学 \
	--date 2026-11-03 --as $V --db d.db
id=$(q d.db "SELECT max(id) FROM case_file")
expect_exit 3 $X case step "$id" 入户核实 通过 --date 2026-11-03 --as $T --db d.db
expect_grep '入户核实应由村级办理' err
expect_exit 3 $X case step "$id" 公示 通过 --date 2026-11-03 --as $V --db d.db
expect_grep '须先完成村级民主评议' err
expect_exit 3 $X case step "$id" 入户核实 通过 --date 2026-11-03 --as $V2 --db d.db
expect_exit 0 $X case step "$id" 入户核实 通过 --date 2026-11-03 --as $V --db d.db
expect_exit 0 $X case step "$id" 信息比对 通过 --date 2026-11-04 --as $T --db d.db
expect_exit 0 $X case step "$id" 村级民主评议 通过 --date 2026-11-05 --as $V --db d.db
expect_exit 0 $X case step "$id" 公示 通过 --date 2026-11-06 --as $V --db d.db
expect_exit 3 $X case step "$id" 乡镇审核 通过 --date 2026-11-10 --as $T --db d.db
expect_grep '公示期未满' err
# the 公示 list (HTML and xlsx) shows the household without personal data
expect_exit 0 $X notice --area 532399101001 --kind 公示 --as-of 2026-11-08 --out n.html --db d.db
head=$(q d.db "SELECT p.name FROM person p JOIN household h ON h.id = p.household_id
	WHERE h.hh_no = '$hh' AND p.relation = '户主'")
expect_grep "$head" n.html
expect_grep '2026-11-06至2026-11-10' n.html
for idno in $(q d.db "SELECT p.id_no FROM person p JOIN household h ON h.id = p.household_id
	WHERE h.area_code = '532399101001'"); do
	expect_no_grep "$idno" n.html
done
expect_no_grep '1[3-9][0-9]\{9\}' n.html
expect_no_grep '大病' n.html
expect_no_grep '残疾' n.html
expect_exit 0 $X notice --area 532399101001 --kind 公示 --as-of 2026-11-08 --out n.xlsx --db d.db
mkdir x && (cd x && unzip -q ../n.xlsx) || die "xlsx does not unzip"
cat x/xl/worksheets/*.xml x/xl/sharedStrings.xml 2>/dev/null >all.xml
expect_grep "$head" all.xml
expect_no_grep '[0-9]\{17\}[0-9Xx]' all.xml
expect_no_grep '大病' all.xml
expect_exit 0 $X case step "$id" 乡镇审核 通过 --date 2026-11-11 --as $T --db d.db
expect_exit 3 $X case step "$id" 县级审定 通过 --date 2026-11-12 --as $T --db d.db
expect_exit 0 $X case step "$id" 县级审定 通过 --date 2026-11-12 --as $C --db d.db
expect_exit 0 $X case step "$id" 公告 通过 --date 2026-11-13 --as $C --db d.db
expect_exit 0 $X case show "$id" --as $V --db d.db
expect_grep '已通过' out
expect_eq "$(q d.db "SELECT category || '/' || risks FROM episode e JOIN household h ON h.id = e.household_id WHERE h.hh_no = '$hh'")" "边缘易致贫户/因病、因学" episode
expect_eq "$(q d.db "SELECT count(*) FROM audit WHERE entity = 'case' AND entity_key = '$id'")" 8 "audited transitions"
expect_exit 0 $X notice --area 532399101001 --kind 公告 --as-of 2026-11-20 --db d.db
expect_grep "$head" out
# rejection closes a case with the reason; elimination refused with reasons
expect_exit 3 $X case show "$id" --as $V2 --db d.db
expect_exit 3 $X case open "$hh" --kind 风险消除 --elim 帮扶消除 --date 2026-11-20 --as $V --db d.db
expect_grep '识别未满6个月' err
# overdue: per level, and the demo's lists are not empty
expect_exit 0 $X overdue --area 532399 --as-of 2026-11-24 --db d.db
expect_grep '线索逾期' out
expect_grep '整体逾期' out
expect_grep '合计逾期' out
expect_exit 3 $X overdue --area 532399102 --as $V --db d.db
expect_grep '管辖范围' err
# the demo's 公示 and 公告 lists: a village with a notice up, one with a
# recent announcement
v=$(q d.db "SELECT h.area_code FROM case_file c JOIN household h ON h.id = c.household_id
	WHERE c.state = '办理中' AND h.area_code LIKE '532399105%'
	AND EXISTS (SELECT 1 FROM case_step s WHERE s.case_id = c.id AND s.step = '公示')
	AND NOT EXISTS (SELECT 1 FROM case_step s WHERE s.case_id = c.id AND s.step = '乡镇审核')
	LIMIT 1")
[ -n "$v" ] || die "no demo case in 公示 in township 105"
expect_exit 0 $X notice --area "$v" --kind 公示 --as-of 2026-11-24 --db d.db
[ "$(grep -c '<tr><td>[0-9]' out)" -gt 0 ] || die "empty demo 公示 list"
v=$(q d.db "SELECT h.area_code FROM case_file c JOIN household h ON h.id = c.household_id
	WHERE c.state = '已通过' AND c.closed_on > '2026-10-25' AND h.area_code LIKE '532399105%' LIMIT 1")
[ -n "$v" ] || die "no recent demo 公告 in township 105"
expect_exit 0 $X notice --area "$v" --kind 公告 --as-of 2026-11-24 --db d.db
[ "$(grep -c '<tr><td>[0-9]' out)" -gt 0 ] || die "empty demo 公告 list"
expect_exit 0 $X case list --state 办理中 --as xiang532399105 --db d.db
[ "$(wc -l <out)" -gt 5 ] || die "short case list"
# the stored policy: 5 working days, 12-01 a holiday (Fri 11-27 -> Mon 12-07)
expect_exit 0 $X policy set working_days yes --area 532399 --year 2026 --as $C --db d.db
expect_exit 0 $X policy set identify_days 5 --area 532399 --year 2026 --as $C --db d.db
expect_exit 0 $X policy set holidays 2026-12-01 --area 532399 --year 2026 --as $C --db d.db
hh2=$(q d.db "SELECT hh_no FROM household WHERE area_code = '532399101001' ORDER BY id DESC LIMIT 1")
expect_exit 0 $X clue add "$hh2" --source 热线 --reason 其他：反映困难 --found 2026-11-27 --as $V --db d.db
expect_grep '核实期限 2026-12-07' out
