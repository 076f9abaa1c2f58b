# Issue 18: the 负面清单 of project types (policy key
# project_forbidden_types, dated like every key): the import warns, 县审定
# is refused, and `dixian check` lists the projects (C020).  Before the
# key's date, and for another year, the same type passes.
. "$TOP/tests/cli/lib.sh"
export DIXIAN_TODAY=2026-12-01
new_store f.db 532326
cat >persons.csv <<'CSV'
区划代码,县(市、区),乡(镇),行政村,户编号,户类型,脱贫年度,姓名,证件号码,与户主关系
532326101001,测试县,甲乡,甲一村,H1,脱贫户,2016,张一,532326198001010019,户主
CSV
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db f.db
cat >p.csv <<'CSV'
项目编号,项目名称,年度,区划代码,项目类型,中央衔接资金（万元）,村申报日期,乡镇审核日期,部门论证日期
P1,茶园,2026,532326101,产业发展,55,2026-01-05,2026-01-10,2026-01-20
P2,办公楼,2026,532326101,其他,30,2026-01-05,2026-01-10,2026-01-20
P3,旧项目,2025,532326101,其他,10,2025-01-05,2025-01-10,2025-01-20
CSV
# no 负面清单 yet: no warning, no finding
expect_exit 0 $DIXIAN import projects p.csv --as admin --db f.db
expect_no_grep '负面清单' err
expect_exit 0 $DIXIAN check --area 532326 --as-of 2026-11-30 --db f.db
expect_no_grep '	C020	' out
# the county puts 其他 on the list for 2026
expect_exit 0 $DIXIAN policy set project_forbidden_types "其他、项目管理费" --area 532326 --year 2026 --as admin --db f.db
expect_exit 0 $DIXIAN policy show --area 532326 --year 2026 --db f.db
expect_grep '负面清单' out
expect_exit 0 $DIXIAN import projects p.csv --as admin --db f.db
expect_grep '^p.csv:3:项目类型: 警告: 项目类型 其他 在负面清单内' err
expect_no_grep '^p.csv:2:' err
expect_no_grep '^p.csv:4:' err
expect_exit 0 $DIXIAN check --area 532326 --as-of 2026-11-30 --db f.db
expect_grep '^P2	办公楼	.*	C020	.*项目类型 其他 在2026年的负面清单内' out
expect_no_grep '^P1	.*C020' out
expect_no_grep '^P3	.*C020' out
expect_grep '^# C020 1 条' out
# 县审定 is refused for the listed type, allowed for the others and for 2025's
expect_exit 1 $DIXIAN project step P2 县审定 --date 2026-02-01 --as admin --db f.db
expect_grep '类型 其他 在负面清单内' err
expect_exit 0 $DIXIAN project step P1 县审定 --date 2026-02-01 --as admin --db f.db
expect_exit 0 $DIXIAN project step P3 县审定 --date 2025-02-01 --as admin --db f.db
expect_eq "$(q f.db "SELECT code FROM fund_project WHERE approved_on != '' ORDER BY code" | tr '\n' ' ')" "P1 P3 " "approved"
# dated: from 2026-11-01 the list is 产业发展; a check as of before that
# date still reads the old list
expect_exit 0 $DIXIAN policy set project_forbidden_types 产业发展 --area 532326 --year 2026 --from 2026-11-01 --as admin --db f.db
expect_exit 0 $DIXIAN check --area 532326 --as-of 2026-10-31 --db f.db
expect_grep '^P2	.*C020' out
expect_no_grep '^P1	.*C020' out
expect_exit 0 $DIXIAN check --area 532326 --as-of 2026-11-30 --db f.db
expect_grep '^P1	茶园	.*	C020	' out
expect_no_grep '^P2	.*C020' out
