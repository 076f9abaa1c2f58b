# Issue 13.3: an output named like the store (or one of its -wal/-shm files,
# or by a second name) or like the input being read is refused before
# anything is written; every output is written beside its target and
# renamed in, so no temporary file is left and an old file is replaced whole.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN init --db a.db
expect_exit 0 $DIXIAN account add county --level 县 --scope 532326 --db a.db
expect_exit 0 $DIXIAN import persons "$DATA/persons.xlsx" --db a.db --as county
cat > w.csv <<'CSV'
证件号码,姓名,预警部门,预警事项,金额,发生日期
532326198910100134,林平,医保,个人自付医疗费用超标,15230.50,2023-08-14
CSV
expect_exit 0 $DIXIAN import warnings w.csv --period 2023-08 --db a.db --as county
if sqlite_only "outputs named like the store file or its second names"; then
sum=$(md5sum < a.db)
ln a.db hard.db
ln -s a.db sym.db
# second names with suffixes the report and the feedback sheet write, so
# that the refusal is the store check's, not the output-format rule's
ln a.db hard.txt
ln -s a.db sym.html
ln -s a.db sym.xlsx
ln -s a.db sym.csv
refused() {
	expect_exit 3 "$@"
	expect_grep "不能是数据库文件或本次读取的输入文件" err
	expect_eq "$(md5sum < a.db)" "$sum" "store after '$*'"
}
# a name whose suffix is no output format is refused first, as usage
refused_usage() {
	expect_exit 2 "$@"
	expect_eq "$(md5sum < a.db)" "$sum" "store after '$*'"
}
refused_usage $DIXIAN report --area 532326 --year 2025 --out a.db --db a.db
refused_usage $DIXIAN report --area 532326 --year 2025 --out a.db-wal --db a.db
refused_usage $DIXIAN warning feedback --department 医保 --out a.db --as county --db a.db
refused $DIXIAN report --area 532326 --year 2025 --out hard.txt --db a.db
refused $DIXIAN report --area 532326 --year 2025 --format html --out ./sym.html --db a.db
refused $DIXIAN report --area 532326 --year 2025 --format xlsx --out sym.xlsx --db a.db
refused $DIXIAN report --area 532326 --year 2025 --out sym.html --db hard.txt
refused $DIXIAN export persons --area 532326 --out a.db --db a.db
refused $DIXIAN export persons --area 532326 --out sym.db --db a.db
refused $DIXIAN export persons --area 532326 --out hard.db --db a.db
refused $DIXIAN warning feedback --department 医保 --out sym.xlsx --as county --db a.db
refused $DIXIAN warning feedback --department 医保 --out sym.csv --as county --db a.db
expect_eq "$(q a.db 'PRAGMA integrity_check')" ok "store integrity"
fi
expect_eq "$(q a.db 'SELECT count(*) FROM person')" 111 "persons kept"
# --errors naming the ledger being imported: the ledger is kept
cp "$DATA/persons_dirty.csv" in.csv
insum=$(md5sum < in.csv)
new_store b.db
expect_exit 1 $DIXIAN import persons in.csv --errors in.csv --db b.db --as admin
expect_grep "无法写出错误报告 in.csv：输出文件不能是数据库文件或本次读取的输入文件" err
expect_eq "$(md5sum < in.csv)" "$insum" "input ledger after --errors over it"
# an ordinary output replaces the old file, whole, leaving no temporary
echo old > r.txt
expect_exit 0 $DIXIAN report --area 532326 --year 2025 --out r.txt --db a.db
expect_no_grep '^old$' r.txt
expect_exit 0 $DIXIAN export persons --area 532326 --out p.csv --db a.db
new_store c.db
expect_exit 1 $DIXIAN import persons in.csv --errors e.xlsx --db c.db --as admin
expect_eq "$(head -c 2 e.xlsx)" PK "error workbook"
expect_eq "$(ls -A | grep -c 'tmp$')" 0 "temporary files left"
