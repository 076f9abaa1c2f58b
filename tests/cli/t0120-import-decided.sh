# Issue 11.2: a ledger never undoes a decided procedure.  A 风险消除 that
# went 村→乡→县 and 公告, and a 识别 decided the same way, survive the
# re-import of a ledger that predates them (or contradicts them): each
# conflict is reported on its row and column, in Chinese, and the decision
# stays -- with --dry-run and --keep-valid too.
. "$TOP/tests/cli/lib.sh"
X=$DIXIAN
L="$DATA/persons_utf8bom.csv"
expect_exit 0 $X init --db s.db
expect_exit 0 $X account add xian --level 县 --scope 532326 --db s.db
expect_exit 0 $X import persons "$L" --db s.db --as xian
expect_exit 0 $X account add cun --level 村 --scope 532326106002 --db s.db --as xian
expect_exit 0 $X account add xiang --level 乡 --scope 532326106 --db s.db --as xian
expect_exit 0 $X import incomes "$DATA/incomes.csv" --db s.db --as xian
walk() { # walk case $1 through every step to 公告
	for s in "入户核实 cun 2026-11-02" "信息比对 xiang 2026-11-03" "村级民主评议 cun 2026-11-04" \
		"公示 cun 2026-11-05" "乡镇审核 xiang 2026-11-11" "县级审定 xian 2026-11-12" \
		"公告 xian 2026-11-13"; do
		set -- $1 $s
		expect_exit 0 $X case step $1 $2 通过 --date $4 --as $3 --db s.db
	done
}
# 风险消除 of 532326106000005 (monitored since 2022-03; its rows start at 17)
E=532326106000005
expect_exit 0 $X measure add --hh $E --category 产业帮扶 --status 已落实 --start 2026-06-01 --as cun --db s.db
expect_exit 0 $X case open $E --kind 风险消除 --elim 帮扶消除 --date 2026-11-02 --as cun --db s.db
ec=$(q s.db "SELECT max(id) FROM case_file")
walk $ec
# 识别 of 532326106000002 (never monitored; its rows start at 6)
I=532326106000002
expect_exit 0 $X case open $I --kind 识别 --category 脱贫不稳定户 --risks 因病、因学 --date 2026-11-02 --as cun --db s.db
ic=$(q s.db "SELECT max(id) FROM case_file")
walk $ic
ep() { q s.db "SELECT h.hh_no, e.category, e.risks, e.identified_on, coalesce(e.eliminated_on, ''),
	coalesce(e.elim_kind, ''), coalesce(e.ended_on, ''), e.reflag, coalesce(e.case_id, '')
	FROM episode e JOIN household h ON h.id = e.household_id
	WHERE hh_no IN ('$E', '$I') ORDER BY e.id"; }
expect_eq "$(q s.db "SELECT eliminated_on || ' ' || elim_kind FROM episode e JOIN household h
	ON h.id = e.household_id WHERE hh_no = '$E'")" "2026-11-13 帮扶消除" "elimination decided"
before=$(ep)
cases=$(q s.db "SELECT id, state, coalesce(episode_id, '') FROM case_file ORDER BY id")
check() { # the decisions as they were
	expect_eq "$(ep)" "$before" "episodes after $1"
	expect_eq "$(q s.db "SELECT id, state, coalesce(episode_id, '') FROM case_file ORDER BY id")" \
		"$cases" "cases after $1"
}
# the ledger as it was before the procedures: both conflicts named, nothing undone
for mode in "" --dry-run --keep-valid; do
	expect_exit 0 $X import persons "$L" --db s.db --as xian $mode
	expect_grep "^$L:17:风险是否已消除: 警告: 台账为 风险未消除，但此户的风险消除已经村、乡、县审定并公告（案件 $ec，2026-11-13 帮扶消除），已保留消除结果" err
	expect_grep "^$L:6:监测对象类别: 警告: 台账未填监测对象类别，但库中此户经识别程序纳入监测（案件 $ic，2026-11-13 公告）" err
	expect_grep '警告 2' out
	check "re-import $mode"
done
expect_exit 0 $X case show $ec --as xian --db s.db
expect_grep '已通过' out
# a ledger that contradicts the decisions field by field
awk -F, -v I=$I -v E=$E 'BEGIN{OFS=","}
	$6 == I { $27 = "突发严重困难户"; $28 = "因自然灾害"; $29 = "202611" }
	$6 == E { $30 = "是"; $31 = "自然消除"; $32 = "202611" }
	{ print }' "$L" >contra.csv
expect_exit 0 $X import persons contra.csv --db s.db --as xian
expect_grep "^contra.csv:6:监测对象类别: 警告: 台账为 \"突发严重困难户\"，库中此户经识别程序纳入监测（案件 $ic，2026-11-13 公告）为 \"脱贫不稳定户\"，已保留" err
expect_grep "^contra.csv:6:致贫返贫风险: 警告: 台账为 \"因自然灾害\"" err
expect_grep "^contra.csv:17:风险消除方式: 警告: 台账为 \"自然消除\"" err
check "a contradicting ledger"
# a month the ledger gets wrong
awk -F, -v E=$E 'BEGIN{OFS=","} $6 == E { $30 = "是"; $31 = "帮扶消除"; $32 = "202610" } { print }' \
	"$L" >month.csv
expect_exit 0 $X import persons month.csv --db s.db --as xian
expect_grep "^month.csv:17:消除监测时间: 警告: 台账为 2026-10-01，但此户的风险消除已经" err
check "a wrong elimination month"
# what the ledger may still change: a member's field is imported as before
sed 's/余文,532326196804150315,户主,彝族,群众,小学/余文,532326196804150315,户主,彝族,群众,初中/' "$L" >upd.csv
expect_exit 0 $X import persons upd.csv --db s.db --as xian
expect_grep '成员 新增 0，更新 1' out
check "a member's update"
# an episode no procedure decided is still the ledger's to change
awk -F, 'BEGIN{OFS=","} $6 == "532326106000012" { $28 = "因残" } { print }' "$L" >free.csv
expect_exit 0 $X import persons free.csv --db s.db --as xian
expect_eq "$(q s.db "SELECT risks FROM episode e JOIN household h ON h.id = e.household_id
	WHERE hh_no = '532326106000012'")" 因残 "undecided episode from the ledger"
expect_grep '警告 2' out
# a 风险消除回退 opens a new episode: the older ledger does not touch it
expect_exit 0 $X case rollback $E --note 返贫 --date 2026-11-20 --as xian --db s.db
before=$(ep)
expect_exit 0 $X import persons "$L" --db s.db --as xian
expect_grep "^$L:17:识别监测时间: 警告: 识别监测时间 2022-03 早于库中此户的监测记录（此户经风险消除回退重新纳入监测（2026-11-20））" err
check "re-import after a rollback"
