# Issue 13.7 (import): a NUL byte, or a byte the file's encoding cannot
# take, is reported on its own row -- also far past the first 64 KiB the
# reader decodes at a time -- after every row before it has been checked,
# and a NUL is called a NUL, not an encoding problem.
. "$TOP/tests/cli/lib.sh"
X=$DIXIAN
expect_exit 0 $X init --db s.db
# a county's store, and an account to import as
expect_exit 0 $X account add xian --level 县 --scope 532326 --db s.db
expect_exit 0 $X import persons "$DATA/persons_utf8bom.csv" --db s.db --as xian
blank=',,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,'
# LEDGER FAULT OUT: the ledger, 3000 blank rows, a row holding FAULT, 10 blank rows
mk() {
	python3 - "$1" "$2" "$3" "$blank" <<'PY'
import sys
src, fault, out, blank = sys.argv[1:5]
data = open(src, "rb").read()
if not data.endswith(b"\n"):
    data += b"\n"
enc = "gb18030" if "gb18030" in src else "utf-8"
row = ("532326106001,大姚县,示例乡,青山村,青山一组,532326106000001,一般户,,AB" + "CD,")
raw = row.encode(enc).replace(b"AB", b"A" + bytes.fromhex(fault) + b"B")
open(out, "wb").write(data + (blank + "\n").encode() * 3000 + raw + b"\n" + (blank + "\n").encode() * 10)
PY
}
# the ledger has a title row, a header and 111 rows: the fault is on row 3114
for f in persons_utf8bom.csv persons_gb18030.csv; do
	mk "$DATA/$f" 00 nul.csv
	expect_exit 1 $X import persons nul.csv --db s.db --as xian
	expect_grep '^nul.csv:3114:: 此行含有空字符（NUL，0x00）' err
	expect_grep '^nul.csv: 111 行' err
	expect_no_grep '编码无法识别' err
	expect_no_grep ':0::' err
done
# a GB18030 character (\"罗\" is C2DE) late in a UTF-8 ledger
mk "$DATA/persons_utf8bom.csv" c2de enc.csv
expect_exit 1 $X import persons enc.csv --db s.db --as xian
expect_grep '^enc.csv:3114:: 文件编码无法识别' err
expect_grep '^enc.csv: 111 行' err
# a NUL on the first data row of a small file: that row, not row 0
printf '区划代码,户编号,户类型,姓名,证件号码,与户主关系\n5323\00026106001,532326106000001,一般户,罗涛,532326196810020031,户主\n' >first.csv
expect_exit 1 $X import persons first.csv --db s.db --as xian
expect_grep '^first.csv:2:: 此行含有空字符' err
expect_eq "$(q s.db 'SELECT count(*) FROM person')" 111 "persons stored"
