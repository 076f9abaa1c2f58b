# Issue 11.16 (import): --dry-run says what the real run then does (counts,
# problems, exit code) on every sample ledger, into an empty store and one
# with data, with and without --keep-valid; --county naming another county
# than the file's is reported; a file with a header and no rows says so.
. "$TOP/tests/cli/lib.sh"
X=$DIXIAN
expect_exit 0 $X init --db empty.db
expect_exit 0 $X account add xian --level 县 --scope 532326 --db empty.db
store_copy empty.db full.db
expect_exit 0 $X import persons "$DATA/persons_utf8bom.csv" --db full.db --as xian
# run KIND FILE BASE MODE: the dry run, then the real run, on copies of BASE
# (a store's first account is its county's, made before any ledger)
same() {
	store_copy $3 d.db; store_copy $3 r.db
	as="--as xian"
	$X import $1 "$2" --db d.db --dry-run $4 $as >d.out 2>d.err; drc=$?
	$X import $1 "$2" --db r.db $4 $as >r.out 2>r.err; rrc=$?
	expect_eq "$drc" "$rrc" "exit code of --dry-run $4 $1 $2 into $3"
	sed 's/^试导入（未保存）//' d.out >d.sum; sed 's/^导入//' r.out >r.sum
	expect_eq "$(cat d.sum)" "$(cat r.sum)" "stdout of --dry-run $4 $1 $2 into $3"
	grep -v '未保存任何数据' r.err | sed 's/^导入//' >r.e
	sed 's/^试导入（未保存）//' d.err >d.e
	expect_eq "$(cat d.e)" "$(cat r.e)" "stderr of --dry-run $4 $1 $2 into $3"
	expect_eq "$(q d.db 'SELECT count(*) FROM audit')" "$(q $3 'SELECT count(*) FROM audit')" "audit after --dry-run"
	expect_eq "$(q d.db 'SELECT count(*) FROM person')" "$(q $3 'SELECT count(*) FROM person')" "persons after --dry-run"
}
for f in persons_utf8bom.csv persons_gb18030.csv persons.xlsx persons_dirty.csv; do
	for base in empty.db full.db; do
		same persons "$DATA/$f" $base ""
		same persons "$DATA/$f" $base --keep-valid
	done
done
# the counts a dry run used to get wrong: new households, and the dirty
# ledger's kept rows
same persons "$DATA/persons_dirty.csv" empty.db --keep-valid
expect_grep '99 行，26 户（新增 26' d.err
same persons "$DATA/persons_utf8bom.csv" empty.db ""
expect_grep '30 户（新增 30，更新 0，未变 0），成员 新增 111' d.out
sed 's/罗涛,532326196810020031,户主,彝族,群众,小学/罗涛,532326196810020031,户主,彝族,群众,初中/' \
	"$DATA/persons_utf8bom.csv" >upd.csv
same persons upd.csv full.db ""
expect_grep '成员 新增 0，更新 1，未变 110' d.out
for base in empty.db full.db; do
	same incomes "$DATA/incomes.csv" $base ""
	same incomes "$DATA/incomes.csv" $base --keep-valid
	same warnings "$DATA/warnings_medical.csv" $base ""
done
# --county: another county than the file's is an error on each row
expect_exit 1 $X import persons "$DATA/persons_utf8bom.csv" --db full.db --county 532325 --as xian
expect_grep "persons_utf8bom.csv:3:区划代码: 区划代码 532326106001 属于县 532326，不是导入时指定的县（--county 532325）" err
expect_exit 1 $X import incomes "$DATA/incomes.csv" --db full.db --county 532325 --as xian
expect_grep '库中没有县 532325（--county）' err
expect_exit 1 $X import persons "$DATA/persons_utf8bom.csv" --db full.db --county 5323 --as xian
expect_grep 'county "5323" 无效（应为6位县级区划代码' err
expect_exit 0 $X import persons "$DATA/persons_utf8bom.csv" --db full.db --county 532326 --as xian
expect_exit 0 $X import incomes "$DATA/incomes.csv" --db full.db --county 532326 --as xian
# a header and no data rows: an error, nothing stored
head -2 "$DATA/persons_utf8bom.csv" >ho.csv
printf ',,,\n\n' >>ho.csv
n=$(q full.db 'SELECT count(*) FROM import_run')
for m in "" --keep-valid --dry-run; do
	expect_exit 1 $X import persons ho.csv --db full.db --as xian $m
	expect_grep '^ho.csv:0:: 文件没有数据行' err
done
head -1 "$DATA/incomes.csv" >hi.csv
expect_exit 1 $X import incomes hi.csv --db full.db --as xian
expect_grep '^hi.csv:0:: 文件没有数据行' err
expect_eq "$(q full.db 'SELECT count(*) FROM import_run')" "$n" "import runs logged for empty files"
# a department list for one county naming a member of another county's
# household: an error on its row
python3 - <<'PY'
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def full(s17):
    return s17 + "10X98765432"[sum(int(c) * k for c, k in zip(s17, w)) % 11]
pid = full("53232519800101001")
open("other.csv", "w", encoding="utf-8").write(
    "区划代码,县(市、区),乡(镇),行政村,户编号,户类型,姓名,证件号码,与户主关系\n"
    "532325101001,另一县,某乡,某村,532325101000001,一般户,张三,%s,户主\n" % pid)
open("wl.csv", "w", encoding="utf-8").write(
    "证件号码,姓名,预警部门,预警事项,金额,发生日期,说明\n"
    "%s,张三,医保,个人自付医疗费用超标,15000,2023-08-14,住院\n" % pid)
PY
# a new county's first account (the local owner's) and first ledger
expect_exit 0 $X account add xian5 --level 县 --scope 532325 --db full.db
expect_exit 0 $X import persons other.csv --db full.db --as xian5
expect_exit 1 $X import warnings wl.csv --db full.db --county 532326 --as xian
expect_grep '^wl.csv:2:证件号码: 区划代码 532325101001 属于县 532325，不是导入时指定的县（--county 532326）' err
expect_exit 0 $X import warnings wl.csv --db full.db --county 532325 --as xian5
