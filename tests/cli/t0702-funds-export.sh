# Issue 18: `dixian export projects|payments|assets` writes the ledgers in
# their templates (amounts in 元 under unit-less headers), and importing
# the export again changes nothing, as xlsx and as CSV.
. "$TOP/tests/cli/lib.sh"
export DIXIAN_TODAY=2026-12-01
new_store f.db 532326
cat >persons.csv <<'CSV'
区划代码,县(市、区),乡(镇),行政村,户编号,户类型,脱贫年度,姓名,证件号码,与户主关系
532326101001,测试县,甲乡,甲一村,H1,脱贫户,2016,张一,532326198001010019,户主
CSV
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db f.db
cat >p.csv <<'CSV'
项目编号,项目名称,年度,区划代码,项目类型,中央衔接资金（万元）,县级衔接资金（元）,县审定日期,开工日期,联农带农方式
P1,茶园,2026,532326101,产业发展,60.1234,1500.5,2026-02-01,2026-03-01,入股分红、就业带动
P2,村道,2026,532326101001,乡村建设,12,,2026-02-01,,
CSV
printf '项目编号,拨付日期,资金来源,金额（万元）,凭证号\nP1,2026-04-01,中央,30.5,V1\nP1,2026-04-01,中央,30.5,V1\n' >y.csv
printf '资产编号,项目编号,资产名称,资产类别,金额（万元）,权属,移交日期\nA1,P1,茶厂,经营性,50.25,村集体,2026-09-01\n' >a.csv
expect_exit 0 $DIXIAN import projects p.csv --as admin --db f.db
expect_exit 0 $DIXIAN import payments y.csv --as admin --db f.db
expect_exit 0 $DIXIAN import assets a.csv --as admin --db f.db
expect_exit 0 $DIXIAN export projects --area 532326 --db f.db
expect_grep '^项目编号,项目名称,年度,区划代码,项目类型,是否产业项目' out
expect_grep '^P1,茶园,2026,532326101,产业发展,是,,,601234.00,0.00,0.00,1500.50,0.00' out
for k in projects payments assets; do
	for ext in csv xlsx; do
		expect_exit 0 $DIXIAN export $k --area 532326 --db f.db --out "$k.$ext"
		expect_exit 0 $DIXIAN import $k "$k.$ext" --as admin --db f.db
		expect_grep '新增 0，更新 0，未变' out
	done
done
expect_eq "$(q f.db 'SELECT count(*), sum(amount) FROM fund_payment')" "2|61000000" "payments"
expect_eq "$(q f.db "SELECT link_modes FROM fund_project WHERE code = 'P1'")" "就业带动,入股分红" "links"
