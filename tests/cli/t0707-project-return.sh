# Issue 18: 退回 and 不予立项 in the 项目库 procedure, like the monitoring
# procedure's 不通过: taken by the level whose step comes next, with a
# reason, before 开工; 退回 hands the project back one step, 不予立项 ends
# it (a re-import keeps it); both audited with the reason and shown in the
# record.
. "$TOP/tests/cli/lib.sh"
export DIXIAN_TODAY=2026-12-01
new_store f.db 532326
cat >persons.csv <<'CSV'
区划代码,县(市、区),乡(镇),行政村,户编号,户类型,脱贫年度,姓名,证件号码,与户主关系
532326101001,测试县,甲乡,甲一村,H1,脱贫户,2016,张一,532326198001010019,户主
CSV
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db f.db
printf '项目编号,项目名称,年度,区划代码,项目类型,中央衔接资金（万元）\nP1,茶园,2026,532326101001,产业发展,50\nP2,村道,2026,532326101001,乡村建设,20\n' >p.csv
expect_exit 0 $DIXIAN import projects p.csv --as admin --db f.db
expect_exit 0 $DIXIAN account add cun --level 村 --scope 532326101001 --as admin --db f.db
expect_exit 0 $DIXIAN account add xiang --level 乡 --scope 532326101 --as admin --db f.db
step() { $DIXIAN project step "$@" --db f.db; }
# nothing to hand back yet
expect_exit 3 step P1 退回 --reason 缺材料 --as xiang
expect_grep '尚未村申报，没有可退回的步骤' err
expect_exit 0 step P1 村申报 --date 2026-01-10 --as cun
# a reason is needed; the village does not hand back its own 申报; the county's turn is not yet
expect_exit 1 step P1 退回 --as xiang
expect_grep '退回须说明理由' err
expect_exit 3 step P1 退回 --reason 缺材料 --as cun
expect_exit 3 step P1 退回 --reason 缺材料 --as admin
expect_grep '待乡镇审核，退回应由乡镇级账号办理，本账号是县级' err
expect_exit 0 step P1 退回 --date 2026-01-15 --reason 缺少群众会议记录 --as xiang
expect_eq "$(q f.db "SELECT applied_on, status FROM fund_project WHERE code = 'P1'")" "|储备" "handed back"
# again, then up to the county, which hands it back to the township
expect_exit 0 step P1 村申报 --date 2026-01-20 --as cun
expect_exit 0 step P1 乡镇审核 --date 2026-01-25 --as xiang
expect_exit 3 step P1 退回 --reason x --as xiang
expect_exit 0 step P1 退回 --date 2026-02-01 --reason 论证材料不足 --as admin
expect_eq "$(q f.db "SELECT applied_on, reviewed_on, status FROM fund_project WHERE code = 'P1'")" \
	"2026-01-20||已申报" "back to the township"
# 不予立项 ends P2; nothing further, and a re-import keeps it
expect_exit 0 step P2 村申报 --date 2026-01-10 --as cun
expect_exit 0 step P2 不予立项 --date 2026-01-12 --reason 不符合支持方向 --as xiang
expect_exit 3 step P2 乡镇审核 --date 2026-01-13 --as xiang
expect_grep '已不予立项，不能再办理' err
expect_exit 0 $DIXIAN import projects p.csv --as admin --db f.db
expect_eq "$(q f.db "SELECT status FROM fund_project WHERE code = 'P2'")" "不予立项" "kept"
# after 开工 neither is possible
expect_exit 0 step P1 乡镇审核 --date 2026-02-05 --as xiang
expect_exit 0 step P1 部门论证 --date 2026-02-10 --as admin
expect_exit 0 step P1 县审定 --date 2026-02-20 --as admin
expect_exit 3 step P1 不予立项 --reason x --as admin
expect_grep '已县审定，不能不予立项' err
expect_exit 0 step P1 开工 --date 2026-03-01 --as cun
expect_exit 3 step P1 退回 --reason x --as admin
expect_grep '已于 2026-03-01 开工，不能退回' err
# audited with the reasons, shown in the record
expect_eq "$(q f.db "SELECT actor || ':' || $(sql_json after 步骤) || ':' || coalesce($(sql_json after 说明), '') FROM audit WHERE action = 'project.step' AND entity_key = 'P2' ORDER BY id" | tr '\n' ' ')" \
	"cun:村申报: xiang:不予立项:不符合支持方向 " "audit"
expect_exit 0 $DIXIAN project show P1 --db f.db
expect_grep '2026-01-15 退回（xiang）：缺少群众会议记录' out
expect_grep '2026-02-01 退回（admin）：论证材料不足' out
