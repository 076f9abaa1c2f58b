# Issue 18: `dixian project list` gives each project's 支付进度 on a date
# (payments after it do not count), narrowed to the account's area, and
# `project show` a project's record.
. "$TOP/tests/cli/lib.sh"
export DIXIAN_TODAY=2026-12-01
new_store f.db 532326
cat >persons.csv <<'CSV'
区划代码,县(市、区),乡(镇),行政村,户编号,户类型,脱贫年度,姓名,证件号码,与户主关系
532326101001,测试县,甲乡,甲一村,H1,脱贫户,2016,张一,532326198001010019,户主
532326102001,测试县,乙乡,乙一村,H2,脱贫户,2016,李二,532326198001010027,户主
CSV
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db f.db
cat >p.csv <<'CSV'
项目编号,项目名称,年度,区划代码,项目类型,中央衔接资金（万元）,省级衔接资金（万元）,县审定日期,开工日期
P1,茶园,2026,532326101,产业发展,80,20,2026-02-01,2026-03-01
P2,村道,2026,532326102001,乡村建设,30,,2026-02-01,
CSV
printf '项目编号,拨付日期,资金来源,金额（万元）,凭证号\nP1,2026-04-01,中央,40,V1\nP1,2026-11-02,省级,20,V2\n' >y.csv
printf '项目编号,户编号,联结方式\nP1,H1,就业带动\n' >b.csv
expect_exit 0 $DIXIAN import projects p.csv --as admin --db f.db
expect_exit 0 $DIXIAN import payments y.csv --as admin --db f.db
expect_exit 0 $DIXIAN import beneficiaries b.csv --as admin --db f.db
expect_exit 0 $DIXIAN project list --db f.db --as-of 2026-10-31 --format csv
expect_grep '^P1,茶园,2026,532326101,产业发展,是,100,40,40.00%,已开工$' out
expect_grep '^P2,村道,2026,532326102001,乡村建设,否,30,0,0.00%,已审定$' out
expect_exit 0 $DIXIAN project list --db f.db --format csv
expect_grep '^P1,.*,100,60,60.00%,' out
# a township account sees its township's projects only
expect_exit 0 $DIXIAN account add xiang --level 乡 --scope 532326102 --as admin --db f.db
expect_exit 0 $DIXIAN project list --db f.db --as xiang --format csv
expect_no_grep '^P1,' out
expect_grep '^P2,' out
expect_exit 3 $DIXIAN project show P1 --db f.db --as xiang
expect_grep '不在本账号的管辖范围' err
expect_exit 0 $DIXIAN project show P1 --db f.db
expect_grep '^拨付 2 笔' out
expect_grep '2026-11-02 省级 20万元 V2' out
expect_grep '^联农带农 1 户' out
expect_grep '  H1 张一 532326101001 1人 就业带动' out
expect_exit 3 $DIXIAN project show P9 --db f.db
expect_grep '没有项目编号 "P9"' err
# the township table a county ranks by: 甲乡 40 of 100 paid, 乙乡 0 of 30
expect_exit 0 $DIXIAN project list --by-township --db f.db --as-of 2026-10-31 --format csv
expect_grep '^1,532326101,甲乡,1,100,40,40.00%$' out
expect_grep '^2,532326102,乙乡,1,30,0,0.00%$' out
expect_exit 0 $DIXIAN project list --by-township --db f.db --as-of 2026-10-31 --out t.xlsx
[ -s t.xlsx ] || die "township table xlsx"
