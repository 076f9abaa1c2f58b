# Issue 18: the 项目库 procedure 村申报 → 乡镇审核 → 部门论证 → 县审定,
# then 开工, 完工, 验收, as a case: each step at its level, in order, not
# twice, not dated before the step before it nor after today, within the
# account's area, and audited with its reason.
. "$TOP/tests/cli/lib.sh"
export DIXIAN_TODAY=2026-12-01
new_store f.db 532326
cat >persons.csv <<'CSV'
区划代码,县(市、区),乡(镇),行政村,户编号,户类型,脱贫年度,姓名,证件号码,与户主关系
532326101001,测试县,甲乡,甲一村,H1,脱贫户,2016,张一,532326198001010019,户主
532326102001,测试县,乙乡,乙一村,H2,脱贫户,2016,李二,532326198001010027,户主
CSV
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db f.db
printf '项目编号,项目名称,年度,区划代码,项目类型,中央衔接资金（万元）\nP1,茶园,2026,532326101001,产业发展,50\n' >p.csv
expect_exit 0 $DIXIAN import projects p.csv --as admin --db f.db
expect_exit 0 $DIXIAN account add cun --level 村 --scope 532326101001 --as admin --db f.db
expect_exit 0 $DIXIAN account add xiang --level 乡 --scope 532326101 --as admin --db f.db
expect_exit 0 $DIXIAN account add xiang2 --level 乡 --scope 532326102 --as admin --db f.db
step() { $DIXIAN project step P1 "$@" --db f.db; }
# order: nothing before 村申报
expect_exit 1 step 乡镇审核 --date 2026-02-01 --as xiang
expect_grep '尚未村申报，须先村申报再乡镇审核' err
# level: a county account does not 申报, a village does not 审核
expect_exit 3 step 村申报 --date 2026-01-10 --as admin
expect_grep '村申报应由村或乡镇级账号办理，本账号是县级' err
expect_exit 0 step 村申报 --date 2026-01-10 --as cun --reason 群众申请
expect_exit 1 step 村申报 --date 2026-01-11 --as cun
expect_grep '已于 2026-01-10 村申报，不能重复办理' err
expect_exit 3 step 乡镇审核 --date 2026-02-01 --as cun
# area: another township's account
expect_exit 3 step 乡镇审核 --date 2026-02-01 --as xiang2
expect_grep '不在本账号的管辖范围' err
# dates: not before the step before, not after today
expect_exit 1 step 乡镇审核 --date 2026-01-05 --as xiang
expect_grep '乡镇审核日期 2026-01-05 早于村申报日期 2026-01-10' err
expect_exit 1 step 乡镇审核 --date 2026-12-05 --as xiang
expect_grep '晚于今天' err
expect_exit 0 step 乡镇审核 --date 2026-02-01 --as xiang
expect_exit 1 step 开工 --date 2026-03-01 --as xiang
expect_grep '尚未县审定，须先县审定再开工' err
expect_exit 0 step 部门论证 --date 2026-02-10 --as admin
expect_exit 0 step 县审定 --date 2026-02-20 --as admin
expect_exit 0 step 开工 --date 2026-03-01 --as cun
expect_eq "$(q f.db "SELECT applied_on, reviewed_on, assessed_on, approved_on, started_on, status FROM fund_project")" \
	"2026-01-10|2026-02-01|2026-02-10|2026-02-20|2026-03-01|已开工" "project steps"
expect_eq "$(q f.db "SELECT actor || ':' || $(sql_json after 步骤) FROM audit WHERE action = 'project.step' ORDER BY id" | tr '\n' ' ')" \
	"cun:村申报 xiang:乡镇审核 admin:部门论证 admin:县审定 cun:开工 " "audit"
expect_eq "$(q f.db "SELECT $(sql_json after 说明) FROM audit WHERE action = 'project.step' ORDER BY id LIMIT 1")" 群众申请 "reason"
# the record shows the steps
expect_exit 0 $DIXIAN project show P1 --db f.db
expect_grep '村申报 2026-01-10，乡镇审核 2026-02-01，部门论证 2026-02-10，县审定 2026-02-20，开工 2026-03-01，完工 —' out
