# One rule for the dates of events (issue 11.3): no clue found, case opened
# or stepped, visit, warning or measure put in place after today, on every
# entry path (commands and imports).  Today is the clock, or --today /
# $DIXIAN_TODAY for tests.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN init --db a.db
expect_exit 0 $DIXIAN account add xian --level 县 --scope 532326 --db a.db
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as xian --db a.db
expect_exit 0 $DIXIAN account add cun --level 村 --scope 532326106001 --as xian --db a.db
export DIXIAN_TODAY=2026-06-30
A="--as cun --db a.db"
hh=532326106000001
# clues: found tomorrow is refused, found today is fine; the default is today
expect_exit 1 $DIXIAN clue add $hh --source 干部排查 --reason 因病：住院 --found 2026-07-01 $A
expect_grep '发现日期 2026-07-01 晚于今天（2026-06-30）' err
expect_eq "$(q a.db 'SELECT count(*) FROM clue')" 0 "no clue stored"
expect_exit 0 $DIXIAN clue add $hh --source 干部排查 --reason 因病：住院 $A
expect_eq "$(q a.db 'SELECT found_on FROM clue')" 2026-06-30 "found today by default"
clue=$(q a.db 'SELECT max(id) FROM clue')
expect_exit 1 $DIXIAN clue close $clue --result 核实无风险 --date 2026-07-02 $A
expect_grep '关闭日期 2026-07-02 晚于今天' err
# cases: opened or stepped after today is refused
expect_exit 1 $DIXIAN case open --clue $clue --kind 识别 --category 边缘易致贫户 --risks 因病 --date 2026-07-01 $A
expect_grep '立案日期 2026-07-01 晚于今天' err
expect_eq "$(q a.db 'SELECT count(*) FROM case_file')" 0 "no case stored"
expect_exit 0 $DIXIAN case open --clue $clue --kind 识别 --category 边缘易致贫户 --risks 因病 --date 2026-06-29 $A
id=$(q a.db 'SELECT max(id) FROM case_file')
expect_exit 1 $DIXIAN case step $id 入户核实 通过 --date 2027-01-01 $A
expect_grep '办理日期 2027-01-01 晚于今天' err
expect_eq "$(q a.db 'SELECT count(*) FROM case_step')" 0 "no step stored"
expect_exit 0 $DIXIAN case step $id 入户核实 通过 --date 2026-06-30 $A
# the same commands on a later day (--today before the command) pass
expect_exit 0 $DIXIAN --today 2026-07-05 case step $id 信息比对 通过 --date 2026-07-02 $A
expect_exit 2 $DIXIAN --today 2026-13-01 clue list $A
expect_grep '\-\-today "2026-13-01" 不是有效日期' err
DIXIAN_TODAY=yesterday expect_exit 2 $DIXIAN clue list $A
expect_grep 'DIXIAN_TODAY' err
# visits, and measures in place (a plan may start later)
expect_exit 1 $DIXIAN visit add --hh $hh --date 2026-07-01 --cadre 张三 $A
expect_grep '走访日期 2026-07-01 晚于今天' err
expect_exit 1 $DIXIAN measure add --hh $hh --category 产业帮扶 --status 已落实 --start 2026-07-01 $A
expect_grep '开始日期 2026-07-01 晚于今天' err
expect_exit 0 $DIXIAN measure add --hh $hh --category 产业帮扶 --status 计划 --start 2026-07-01 $A
mid=$(q a.db 'SELECT max(id) FROM measure')
expect_exit 1 $DIXIAN measure update $mid --status 已落实 $A
expect_grep '开始日期 2026-07-01 晚于今天' err
expect_eq "$(q a.db "SELECT status FROM measure WHERE id = $mid")" 计划 "measure left as planned"
# warnings dispatched on a later day
expect_exit 1 $DIXIAN warning dispatch --date 2026-07-01 --as xian --db a.db
expect_grep '派发日期 2026-07-01 晚于今天' err
# imports: the row with a future date is an error on its cell, nothing saved
printf '户编号,走访日期,走访人,走访内容,发现问题\n%s,2026-06-01,李明,了解病情,\n%s,2026-08-01,李明,,\n' $hh $hh > v.csv
expect_exit 1 $DIXIAN import visits v.csv --as xian --db a.db
expect_grep 'v.csv:3:' err
expect_grep '走访日期 2026-08-01 晚于今天' err
expect_eq "$(q a.db 'SELECT count(*) FROM visit')" 0 "no visit imported"
printf '户编号,措施类别,具体措施,状态,金额,开始日期,结束日期,帮扶责任人\n%s,产业帮扶,养牛,已落实,,2026-09-01,,李明\n%s,产业帮扶,养羊,计划,,2026-09-01,,李明\n' $hh $hh > m.csv
expect_exit 1 $DIXIAN import measures m.csv --as xian --db a.db
expect_grep 'm.csv:2:开始日期' err
expect_no_grep 'm.csv:3:' err
printf '证件号码,姓名,预警部门,预警事项,金额,发生日期,说明\n532326196810020031,罗涛,医保,个人自付医疗费用超标,8000,2026-12-01,门诊\n' > w.csv
expect_exit 1 $DIXIAN import warnings w.csv --as xian --db a.db
expect_grep '发生日期 2026-12-01 晚于今天' err
expect_eq "$(q a.db 'SELECT count(*) FROM warning')" 0 "no warning imported"
# query dates may lie ahead
expect_exit 0 $DIXIAN overdue --as-of 2027-01-01 --as xian --db a.db
# the persons ledger: an episode identified after this month is refused
sed 's/,202203,/,202701,/' "$DATA/persons_utf8bom.csv" > p.csv
expect_exit 1 $DIXIAN import persons p.csv --as xian --db a.db
expect_grep '识别监测时间 2027-01 晚于本月（2026-06）' err
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as xian --db a.db
