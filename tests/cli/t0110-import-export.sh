# Issue 3: the other ledgers (incomes, warnings, measures, visits), export
# in the templates, masking and the round trip export -> import.
. "$TOP/tests/cli/lib.sh"
new_store a.db
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as admin --db a.db
expect_exit 0 $DIXIAN import incomes "$DATA/incomes.csv" --as admin --db a.db
expect_eq "$(q a.db "SELECT wage FROM income i JOIN household h ON h.id = i.household_id WHERE hh_no = '532326106000002' AND year = 2022")" 3341250 "income in fen"
expect_exit 0 $DIXIAN import incomes "$DATA/incomes.csv" --as admin --db a.db
expect_grep '未变 60' out
# warnings: two matched, one reported back as unmatched (and kept)
expect_exit 0 $DIXIAN import warnings "$DATA/warnings_medical.csv" --as admin --db a.db --errors w.xlsx
expect_grep ':4:证件号码: 警告: 未匹配到库中任何人员' err
expect_grep '未匹配 1 条' out
expect_eq "$(q a.db 'SELECT count(*) FROM warning WHERE person_id IS NOT NULL')" 2 matched
expect_eq "$(q a.db 'SELECT count(*) FROM warning WHERE person_id IS NULL')" 1 unmatched
unzip -p w.xlsx xl/worksheets/sheet1.xml | grep -q '未匹配' || die "unmatched not in workbook"
expect_exit 0 $DIXIAN import warnings "$DATA/warnings_medical.csv" --as admin --db a.db
expect_eq "$(q a.db 'SELECT count(*) FROM warning')" 3 "warnings after re-import"
# measures and visits from hand-made files, with a bad row
printf '户编号,措施类别,具体措施,状态,金额,开始日期,结束日期,帮扶责任人\n532326106000005,健康帮扶,医疗救助,已落实,"1,200元",2023-03-01,,李明\n532326106000005,产业帮扶,养牛,完成,,2023-04-01,,李明\n' > m.csv
expect_exit 1 $DIXIAN import measures m.csv --as admin --db a.db
expect_grep '^m.csv:3:状态: "完成" 不是有效值' err
expect_eq "$(q a.db 'SELECT count(*) FROM measure')" 0 "measures after a faulty file"
sed -i 's/,完成,/,计划,/' m.csv
expect_exit 0 $DIXIAN import measures m.csv --as admin --db a.db
expect_eq "$(q a.db "SELECT amount FROM measure WHERE detail = '医疗救助'")" 120000 "measure amount"
printf '户编号,走访日期,走访人,走访内容,发现问题\n532326106000005,2023年5月6日,李明,了解病情,\n532326199999999,2023-05-07,李明,,\n' > v.csv
expect_exit 1 $DIXIAN import visits v.csv --as admin --db a.db
expect_grep '^v.csv:3:户编号: 户编号 "532326199999999" 在库中不存在' err
expect_exit 1 $DIXIAN import visits v.csv --as admin --db a.db --keep-valid
expect_grep "拒绝 1 条" err
expect_eq "$(q a.db 'SELECT visited_on FROM visit')" 2023-05-06 "visit date"
# export: masked by default; --unmasked needs an allowed account, audited
expect_exit 0 $DIXIAN account add zhang --level 县 --scope 532326 --as admin --db a.db
expect_exit 0 $DIXIAN account add li --level 村 --scope 532326106001 --as admin --db a.db
expect_exit 0 $DIXIAN account add zhao --level 县 --scope 532326 --role 查看 --as admin --db a.db
expect_exit 0 $DIXIAN export persons --area 532326 --db a.db
expect_grep '532326\*\*\*\*\*\*\*\*0031' out
expect_grep '133\*\*\*\*0570' out
expect_no_grep '532326196810020031' out
expect_exit 2 $DIXIAN export persons --area 532326 --db a.db --unmasked
expect_exit 2 $DIXIAN export persons --area 532326 --db a.db --unmasked --as li
expect_grep '无权导出未打码' err
expect_exit 2 $DIXIAN export persons --area 532326 --db a.db --unmasked --as zhao
expect_exit 2 $DIXIAN export persons --area 532326106002 --db a.db --as li
n=$(q a.db "SELECT count(*) FROM audit WHERE action = 'export.unmasked'")
expect_exit 0 $DIXIAN export persons --area 532326 --db a.db --unmasked --as zhang --out p.csv
expect_eq "$(q a.db "SELECT count(*) FROM audit WHERE action = 'export.unmasked'")" "$((n + 1))" "unmasked export audited"
# a masked export is refused on import, the store untouched
expect_exit 0 $DIXIAN export persons --area 532326 --db a.db --out masked.xlsx
expect_exit 1 $DIXIAN import persons masked.xlsx --as admin --db a.db
expect_grep ':2:证件号码: 证件号码已打码' err
# round trip: export -> import changes nothing, in the same store and a new one
for k in incomes measures visits; do
	expect_exit 0 $DIXIAN export $k --area 532326 --db a.db --out $k.xlsx
done
n=$(q a.db 'SELECT count(*) FROM audit')
expect_exit 0 $DIXIAN import persons p.csv --as admin --db a.db
for k in incomes measures visits; do expect_exit 0 $DIXIAN import $k $k.xlsx --as admin --db a.db; done
expect_eq "$(q a.db 'SELECT count(*) FROM audit')" "$n" "audit rows after round trip"
new_store r.db
expect_exit 0 $DIXIAN import persons p.csv --as admin --db r.db
expect_exit 0 $DIXIAN account add zhang --level 县 --scope 532326 --as admin --db r.db
expect_exit 0 $DIXIAN export persons --area 532326 --db r.db --unmasked --as zhang --out p2.csv
cmp -s p.csv p2.csv || die "export of the re-imported store differs"
# households export: one row per household with the head
expect_exit 0 $DIXIAN export households --area 532326 --db a.db
expect_eq "$(($(wc -l < out) - 1))" 30 "household rows"
# a demo county round-trips too (its county account comes with the demo)
expect_exit 0 $DIXIAN demo --households 400 --db demo.db --today 2026-11-24
expect_eq "$(q demo.db "SELECT count(*) FROM person WHERE birth > '2026-11-24'")" 0 "demo births after today"
expect_exit 0 $DIXIAN account add wang --level 县 --scope 532399 --as xian532399 --db demo.db
for k in persons incomes measures visits; do
	expect_exit 0 $DIXIAN export $k --area 532399 --db demo.db --unmasked --as wang --out d_$k.csv
done
n=$(q demo.db 'SELECT count(*) FROM audit')
for k in persons incomes measures visits; do expect_exit 0 $DIXIAN import $k d_$k.csv --as wang --db demo.db; done
expect_eq "$(q demo.db "SELECT count(*) FROM audit")" "$n" "audit rows after the demo round trip"
