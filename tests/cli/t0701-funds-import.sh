# Issue 18: the 衔接资金 ledgers have the persons ledger's guarantees:
# faulty rows named by their Excel row, nothing stored when a file has an
# error, --keep-valid and the annotated error sheet, GB18030 and 万元 by
# header, beneficiary households checked against the registry, and the
# account's area.
. "$TOP/tests/cli/lib.sh"
export DIXIAN_TODAY=2026-12-01
new_store f.db 532326
cat >persons.csv <<'CSV'
区划代码,县(市、区),乡(镇),行政村,户编号,户类型,脱贫年度,姓名,证件号码,与户主关系
532326101001,测试县,甲乡,甲一村,H1,脱贫户,2016,张一,532326198001010019,户主
532326102001,测试县,乙乡,乙一村,H2,脱贫户,2016,李二,532326198001010027,户主
CSV
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db f.db
# a title row above the header: the first project is Excel row 3
cat >bad.csv <<'CSV'
测试县2026年项目库
项目编号,项目名称,年度,区划代码,项目类型,中央衔接资金（万元）,村申报日期,乡镇审核日期,开工日期,完工日期
P1,好项目,2026,532326101,产业发展,10,,,,
P2,类型错,2026,532326101,种植业,10,,,,
P3,日期倒,2026,532326101,乡村建设,10,2026-03-01,2026-02-01,2026-05-01,2026-04-01
P4,无此区划,2026,532326199,乡村建设,10,,,,
,无编号,2026,532326101,乡村建设,10,,,,
P6,金额错,2026,532326101,乡村建设,12元,,,,
P1,重复,2026,532326101,乡村建设,1,,,,
P8,未来开工,2026,532326101,乡村建设,1,,,2026-12-25,
CSV
expect_exit 1 $DIXIAN import projects bad.csv --as admin --db f.db
expect_grep '^bad.csv:4:项目类型: "种植业" 不是有效值' err
expect_grep '^bad.csv:5:乡镇审核日期: 乡镇审核日期 2026-02-01 早于村申报日期 2026-03-01' err
expect_grep '^bad.csv:5:完工日期: 完工日期 2026-04-01 早于开工日期 2026-05-01' err
expect_grep '^bad.csv:6:区划代码: 区划代码 532326199 在库中不存在' err
expect_grep '^bad.csv:7:项目编号: 必填项为空' err
expect_grep '^bad.csv:8:中央衔接资金（万元）: "12元" 金额格式无效（应为金额，单位万元' err
expect_grep '^bad.csv:9:项目编号: 与第 3 行重复' err
expect_grep '^bad.csv:10:开工日期: ' err
expect_no_grep '^bad.csv:3:' err
expect_eq "$(q f.db 'SELECT count(*) FROM fund_project')" 0 "nothing stored from a faulty file"
# the same rows as Excel saves them: the same row numbers
python3 "$TOP/tests/cli/csv2xlsx.py" bad.csv bad.xlsx || die "csv2xlsx"
expect_exit 1 $DIXIAN import projects bad.xlsx --as admin --db f.db
expect_grep '^bad.xlsx:4:项目类型: "种植业" 不是有效值' err
expect_grep '^bad.xlsx:9:项目编号: 与第 3 行重复' err
expect_eq "$(q f.db 'SELECT count(*) FROM fund_project')" 0 "nothing stored from a faulty xlsx"
# --keep-valid keeps the good row; the error sheet carries the reasons
expect_exit 1 $DIXIAN import projects bad.csv --as admin --db f.db --keep-valid --errors e.xlsx
expect_eq "$(q f.db 'SELECT code, central FROM fund_project')" "P1|10000000" "kept row"
unzip -p e.xlsx xl/worksheets/sheet1.xml | grep -q '种植业' || die "error sheet"
unzip -p e.xlsx xl/worksheets/sheet1.xml | grep -q '错误说明' || die "error sheet column"
# 拨付 in GB18030 and in 元: an unknown project is its row's error
printf '项目编号,拨付日期,资金来源,金额（元）\nP1,2026-05-01,中央,12345.67\nP9,2026-05-01,中央,1\nP1,2026-05-02,省,2\n' |
	iconv -f UTF-8 -t GB18030 >pay.csv
expect_exit 1 $DIXIAN import payments pay.csv --as admin --db f.db
expect_grep '^pay.csv:3:项目编号: 项目编号 "P9" 在县 532326 的项目库中不存在' err
expect_eq "$(q f.db 'SELECT count(*) FROM fund_payment')" 0 "atomic payments"
expect_exit 1 $DIXIAN import payments pay.csv --as admin --db f.db --keep-valid
expect_eq "$(q f.db 'SELECT source, amount FROM fund_payment ORDER BY id' | tr '\n' ' ')" \
	"中央|1234567 省级|200 " "payments in 元"
# a beneficiary household not in the registry is an error, never dropped
printf '项目编号,户编号,联结方式\nP1,H1,就业带动\nP1,H9,就业带动\nP1,H2,土地流转\n' >ben.csv
expect_exit 1 $DIXIAN import beneficiaries ben.csv --as admin --db f.db
expect_grep '^ben.csv:3:户编号: 户编号 "H9" 不在户成员台账中' err
expect_eq "$(q f.db 'SELECT count(*) FROM fund_beneficiary')" 0 "atomic beneficiaries"
expect_exit 1 $DIXIAN import beneficiaries ben.csv --as admin --db f.db --keep-valid
expect_eq "$(q f.db 'SELECT count(*) FROM fund_beneficiary')" 2 "valid beneficiaries"
# the account's area: a township account cannot write another's project
expect_exit 0 $DIXIAN account add xiang --level 乡 --scope 532326102 --as admin --db f.db
printf '项目编号,项目名称,年度,区划代码,项目类型\nP20,他乡项目,2026,532326101,其他\n' >other.csv
expect_exit 1 $DIXIAN import projects other.csv --as xiang --db f.db
expect_grep '^other.csv:2:区划代码: 区划代码 532326101 不在本账号的管辖范围' err
printf '资产编号,项目编号,资产名称,资产类别,金额,权属\nA1,P1,厂房,经营性,100,村集体\n' >a.csv
expect_exit 1 $DIXIAN import assets a.csv --as xiang --db f.db
expect_grep '^a.csv:2:项目编号: 项目 "P1" 不在本账号的管辖范围' err
expect_exit 0 $DIXIAN import assets a.csv --as admin --db f.db
# every change is audited as the account's
expect_eq "$(q f.db "SELECT count(*) FROM audit WHERE entity LIKE 'fund_%' AND actor = 'admin'")" 6 "audit rows"
