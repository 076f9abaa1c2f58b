# Issue 11 (the household record): a re-import that leaves people out
# deletes no one.  Members of the file's households that the file leaves
# out, and households of the file's villages it leaves out, are kept and
# listed: a summary line with the counts, a warning each (IDs masked), and
# the same in the --errors workbook.  A cadre decides.
. "$TOP/tests/cli/lib.sh"
X=$DIXIAN
L="$DATA/persons_utf8bom.csv"
expect_exit 0 $X init --db s.db
expect_exit 0 $X account add xian --level 县 --scope 532326 --db s.db
expect_exit 0 $X import persons "$L" --db s.db --as xian
snap() { q s.db "SELECT h.hh_no, p.id_no, p.name, p.relation FROM person p
	JOIN household h ON h.id = p.household_id ORDER BY p.id"; q s.db "SELECT count(*) FROM audit"; }
before=$(snap)
# row 4 is 郝明燕 of 532326106000001; 532326106000030 goes altogether
awk -F, 'NR != 4 && $6 != "532326106000030"' "$L" >less.csv
for m in --dry-run ""; do
	expect_exit 0 $X import persons less.csv --db s.db --as xian --errors e.xlsx $m
	expect_grep '不在此文件中（库中已有，已保留，未删除，请核实）: 1 户，另有 1 名成员' out
	expect_grep '^less.csv:3:户编号: 警告: 本户成员 郝明燕（证件号码 532326\*\*\*\*\*\*\*\*0048）在库中登记，但不在此文件中：已保留，未删除' err
	expect_grep '^less.csv:0:户编号: 警告: 户 532326106000030（松林村松林一组）在库中登记，但不在此文件中' err
	expect_grep '警告 2' out
	expect_no_grep '532326196910040048' err
	expect_eq "$(snap)" "$before" "store after a re-import that leaves people out ($m)"
	mkdir -p x && (cd x && rm -rf xl && unzip -qo ../e.xlsx) || die unzip
	expect_grep '郝明燕（证件号码 532326\*\*\*\*\*\*\*\*0048）' x/xl/worksheets/sheet1.xml
	expect_grep '全文件 — 户编号: 户 532326106000030' x/xl/worksheets/sheet1.xml
done
# the workbook goes back in as it is: the listing rows are blank to it
expect_exit 0 $X import persons e.xlsx --db s.db --as xian
expect_grep '1 户，另有 1 名成员' out
expect_eq "$(snap)" "$before" "store after the workbook"
# a file of one village lists nothing of the other villages
awk -F, 'NR <= 2 || $1 == "532326106001"' "$L" >one.csv
expect_exit 0 $X import persons one.csv --db s.db --as xian
expect_no_grep '不在此文件中' out
expect_no_grep '警告: ' err
# the whole file again: nothing left out
expect_exit 0 $X import persons "$L" --db s.db --as xian
expect_no_grep '不在此文件中' out
