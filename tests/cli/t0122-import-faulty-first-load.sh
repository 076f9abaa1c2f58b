# Issue 11.14: a faulty xlsx ledger imported into a new store (its first
# load, through a rollback journal) fails as a faulty file does: exit 1,
# only the row errors, and the store as it was (WAL mode, nothing added).
# (No --as here: an account needs its county in the store, and a first
# load is what brings the county in.)
. "$TOP/tests/cli/lib.sh"
awk -F, 'BEGIN{OFS=","} NR==5{$9=""} {print}' "$DATA/persons_utf8bom.csv" >blank.csv
python3 "$TOP/tests/cli/csv2xlsx.py" blank.csv blank.xlsx || die "csv2xlsx"
wal=
sqlite_only "journal modes are SQLite's" && wal=1
snap() { [ -z "$wal" ] || q "$1" "PRAGMA journal_mode"; for t in area household person episode audit import_run; do
	q "$1" "SELECT '$t', count(*) FROM $t"; done; }
for f in blank.xlsx blank.csv; do
	store_remove s.db
	new_store s.db
	before=$(snap s.db)
	expect_exit 1 $DIXIAN import persons $f --db s.db --as admin
	expect_grep "^$f:5:姓名: 必填项为空" err
	expect_no_grep "WAL" err
	expect_no_grep "database error" err
	expect_no_grep "导入失败" err
	expect_grep "未保存任何数据" err
	expect_eq "$(snap s.db)" "$before" "store after a faulty first load ($f)"
	[ -z "$wal" ] || expect_eq "$(q s.db 'PRAGMA journal_mode')" wal "journal mode ($f)"
	# the store still takes the corrected file
	expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --db s.db --as admin
	expect_eq "$(q s.db 'SELECT count(*) FROM person')" 111 "persons after the good file ($f)"
done
