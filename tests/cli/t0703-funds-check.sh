# Issue 18: `dixian check` finds the 衔接资金 rules: 中央衔接资金 on 产业
# below the policy's minimum (industry_central_min, 60 % by default), a
# project started without 县审定, payments above a source's allocation,
# and a completed project without assets.
. "$TOP/tests/cli/lib.sh"
export DIXIAN_TODAY=2026-12-01
new_store f.db 532326
cat >persons.csv <<'CSV'
区划代码,县(市、区),乡(镇),行政村,户编号,户类型,脱贫年度,姓名,证件号码,与户主关系
532326101001,测试县,甲乡,甲一村,H1,脱贫户,2016,张一,532326198001010019,户主
CSV
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db f.db
# 产业 55 of 中央 100: 55 %
cat >p.csv <<'CSV'
项目编号,项目名称,年度,区划代码,项目类型,中央衔接资金（万元）,省级衔接资金（万元）,县审定日期,开工日期,完工日期
P1,茶园,2026,532326101,产业发展,55,10,2026-02-01,2026-03-01,2026-06-01
P2,村道,2026,532326101,乡村建设,30,,,2026-03-01,
P3,水池,2026,532326101,乡村建设,15,,2026-04-01,2026-03-20,
CSV
printf '项目编号,拨付日期,资金来源,金额（万元）\nP1,2026-04-01,省级,10.5\nP1,2026-04-01,中央,55\n' >y.csv
expect_exit 0 $DIXIAN import projects p.csv --as admin --db f.db
expect_exit 0 $DIXIAN import payments y.csv --as admin --db f.db
expect_exit 0 $DIXIAN check --area 532326 --as-of 2026-11-30 --db f.db
expect_grep '^532326	.*	C016	.*2026年中央衔接资金100万元，用于产业项目55万元，占55.00%，低于60%' out
expect_grep '^P2	村道	.*	C017	.*开工日期 2026-03-01，未填县审定日期' out
expect_grep '^P3	水池	.*	C017	.*开工日期 2026-03-20 早于县审定日期 2026-04-01' out
expect_grep '^P1	茶园	.*	C018	.*省级资金已拨付10.50万元，超过安排的10万元' out
expect_grep '^P1	茶园	.*	C019	.*完工日期 2026-06-01' out
expect_no_grep '	C018	.*中央' out
expect_grep '^# C017 2 条' out
# the minimum is a policy key; the asset clears C019
expect_exit 0 $DIXIAN policy set industry_central_min 50 --area 532326 --year 2026 --as admin --db f.db
printf '资产编号,项目编号,资产名称,资产类别,金额,权属\nA1,P1,茶厂,经营性,100,村集体\n' >a.csv
expect_exit 0 $DIXIAN import assets a.csv --as admin --db f.db
expect_exit 0 $DIXIAN check --area 532326 --as-of 2026-11-30 --db f.db
expect_no_grep '	C016	' out
expect_no_grep '	C019	' out
expect_grep '^# C016 0 条' out
