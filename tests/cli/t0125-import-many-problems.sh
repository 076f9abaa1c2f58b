# Issue 13.2: problems are bounded.  A ledger full of bad cells prints the
# first 1000 problems, marks the first 10000 in the --errors workbook, and
# counts and says the rest; a file whose first 100 data rows all fail in
# required columns is not this template: the import stops there, says so,
# and stores nothing (--keep-valid or not).  Files are made here.
. "$TOP/tests/cli/lib.sh"
X=$DIXIAN
expect_exit 0 $X init --db s.db
# a county's store, and an account to import as
expect_exit 0 $X account add xian --level 县 --scope 532326 --db s.db
expect_exit 0 $X import persons "$DATA/persons_utf8bom.csv" --db s.db --as xian
junk='甲,乙,丙,丁,戊,己,庚,辛,壬,癸,子,丑'
# the sample's 111 good rows, then 12000 rows of junk: 5 errors each
{ cat "$DATA/persons_utf8bom.csv"; i=0; while [ $i -lt 12000 ]; do echo "$junk"; i=$((i + 1)); done; } >many.csv
expect_exit 1 $X import persons many.csv --db s.db --as xian --errors many.xlsx
n=$(grep -c '^many.csv:[0-9]*:' err)
expect_eq "$n" 1000 "problem lines printed"
expect_grep '^many.csv: 12111 行；错误 60001，警告 0' err
expect_grep '^共 60001 个问题，上面只列出前 1000 个' err
expect_grep '^错误报告 many.xlsx 只标注了前 10000 个问题，另有 50001 个未标注' err
expect_eq "$(q s.db 'SELECT count(*) FROM person')" 111 "persons stored"
# the workbook: every row of the file, notes on the rows of the first 10000
python3 - many.xlsx <<'PY' || die "workbook"
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
rows = re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', x)
notes = [int(r) for r, body in rows if int(r) > 2 and re.search(r'r="AH\d+"[^>]*><is><t>[^<]', body)]
assert len(rows) >= 12112, len(rows)
# 10000 problems: 2000 junk rows of 5, from row 114 (title, header, 111 rows)
assert notes and min(notes) == 114 and max(notes) == 2113, (min(notes), max(notes), len(notes))
PY
# without --errors the summary says how to get the workbook
expect_exit 1 $X import persons many.csv --db s.db --as xian
expect_grep '用 --errors' err
# the wrong template: it stops after 100 rows, with one word on it
{ sed -n 2p "$DATA/persons_utf8bom.csv"; i=0; while [ $i -lt 3000 ]; do echo "$junk"; i=$((i + 1)); done; } >wrong.csv
for m in --dry-run --keep-valid ""; do
	expect_exit 1 $X import persons wrong.csv --db s.db --as xian $m
	expect_grep '^wrong.csv:0:: 前 100 行数据的必填列都有错误，看起来不是户成员台账模板' err
	expect_no_grep '^wrong.csv:10[2-9]:' err
	expect_no_grep '^wrong.csv:[0-9]\{4\}:' err
	expect_eq "$(q s.db 'SELECT count(*) FROM person') $(q s.db 'SELECT count(*) FROM import_run')" "111 1" "stored from the wrong template ($m)"
done
expect_grep '已停止检查，未保存任何数据' err
expect_no_grep '用 --keep-valid' err
# a faulty file that is the template is still checked to its end
{ cat "$DATA/persons_utf8bom.csv"; echo "$junk"; } >late.csv
expect_exit 1 $X import persons late.csv --db s.db --as xian
expect_grep '^late.csv:114:' err
expect_no_grep '看起来不是' err
# one required column failing throughout is that column's fault, not the
# wrong template: every row is still checked and reported
awk -F, 'BEGIN{OFS=","} NR > 2 { $10 = "x" } { print }' "$DATA/persons_utf8bom.csv" >noid.csv
expect_exit 1 $X import persons noid.csv --db s.db --as xian
expect_eq "$(grep -c '^noid.csv:[0-9]*:证件号码: 长度应为18位' err)" 111 "ID errors reported"
expect_no_grep '看起来不是' err
