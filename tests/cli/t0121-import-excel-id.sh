# Issue 11.6: an 身份证号 Excel kept as a number (15 significant digits)
# is named as such, on its row and column, and never stored: not from a
# CSV's text "5.32326196810020E+17", not from a CSV's 18 digits ending in
# 000, not from an xlsx numeric cell, not with --keep-valid, not as a
# department warning's lax key.
. "$TOP/tests/cli/lib.sh"
msg='Excel 把证件号码存成了数字，后几位已丢失，请把该列设为文本后重新录入'
expect_exit 0 $DIXIAN init --db s.db
expect_exit 0 $DIXIAN account add xian --level 县 --scope 532326 --db s.db
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --db s.db --as xian
# 罗涛 (row 3) as Excel shows the number, and as it writes it with a format
sed '3s/532326196810020031/5.32326196810020E+17/' "$DATA/persons_utf8bom.csv" >sci.csv
sed '3s/532326196810020031/532326196810020000/' "$DATA/persons_utf8bom.csv" >zeros.csv
python3 "$TOP/tests/cli/csv2xlsx.py" "$DATA/persons_utf8bom.csv" num.xlsx --num 证件号码 || die csv2xlsx
# the numeric cells as Excel writes them: 15 significant digits
mkdir x && (cd x && unzip -q ../num.xlsx) || die unzip
python3 - x/xl/worksheets/sheet1.xml <<'PY' || die "numeric cells"
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r"<v>(\d{17}[\dX])</v>", lambda m: "<v>%.14E</v>" % float(m.group(1)[:15] + "000"), s)
open(p, "w", encoding="utf-8").write(s)
PY
grep -q '<v>5.32326196810020E+17</v>' x/xl/worksheets/sheet1.xml || die "no numeric ID cell"
(cd x && rm ../num.xlsx && zip -qr ../num.xlsx .) || die zip
for f in sci.csv zeros.csv; do
	expect_exit 1 $DIXIAN import persons $f --db s.db --as xian
	expect_grep "^$f:3:证件号码: $msg" err
	expect_no_grep "校验位错误" err
	expect_no_grep "含非法字符" err
done
# every member of the xlsx is one: each is reported, none stored
store_remove n.db; new_store n.db
expect_exit 1 $DIXIAN import persons num.xlsx --db n.db --keep-valid --as admin
expect_eq "$(grep -c "证件号码: $msg" err)" 111 "numeric ID cells reported"
expect_no_grep "校验位错误" err
expect_eq "$(q n.db 'SELECT count(*) FROM person')" 0 "persons stored from numeric IDs"
# --keep-valid keeps the other households, never the cut ID
store_remove k.db; new_store k.db
for f in sci.csv zeros.csv; do
	expect_exit 1 $DIXIAN import persons $f --db k.db --keep-valid --as admin
	expect_grep "^$f:3:证件号码: $msg" err
	expect_grep '拒绝 1 户' err
	expect_eq "$(q k.db "SELECT count(*) FROM person WHERE id_no LIKE '5323261968100200%' OR id_no LIKE '%E+%'")" 0 "cut ID stored"
done
# a department list with the number is refused too, not kept as a lax key
printf '证件号码,姓名,预警部门,预警事项,金额,发生日期,说明\n5.32326196810020E+17,罗涛,医保,个人自付医疗费用超标,15000,2023-08-14,住院\n' >w.csv
expect_exit 1 $DIXIAN import warnings w.csv --db s.db --as xian
expect_grep "^w.csv:2:证件号码: $msg" err
expect_eq "$(q s.db "SELECT count(*) FROM warning")" 0 "warnings stored"
