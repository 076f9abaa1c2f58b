# Issue 13.7 (import): the --errors workbook keeps within Excel's limits.
# A cell over 32,767 characters is cut and says so; rows past 1,048,576
# (a CSV may have them) are left out with a note from which row; either
# way the workbook is whole and the message Chinese.  Files are made here.
. "$TOP/tests/cli/lib.sh"
X=$DIXIAN
expect_exit 0 $X init --db s.db
# a county's store, and an account to import as
expect_exit 0 $X account add xian --level 县 --scope 532326 --db s.db
expect_exit 0 $X import persons "$DATA/persons_utf8bom.csv" --db s.db --as xian
python3 - "$DATA/persons_utf8bom.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8-sig").read().split("\n")
f = lines[5].split(","); f[11] = "民" * 40000; cell = list(lines); cell[5] = ",".join(f)
open("cell.csv", "w", encoding="utf-8").write("\n".join(cell))
bad = "532326106001,,,,,532326106000001,一般户,,罗涛,532326196810020031,之子,,,博士\n"
with open("rows.csv", "w", encoding="utf-8") as o:
    o.write("\n".join(lines).rstrip("\n") + "\n")
    o.write("\n" * 1048600)
    o.write(bad)
PY
# xlsx ROW COL: the text of a cell of the first sheet, "" if none
cell() { python3 - "$1" "$2" <<'PY'
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
m = re.search(r'<c r="%s"[^>]*>(?:<is>)?<t[^>]*>([^<]*)</t>' % sys.argv[2], x)
print(m.group(1) if m else "")
PY
}
expect_exit 1 $X import persons cell.csv --db s.db --as xian --errors cell.xlsx
expect_grep '^错误报告已写入 cell.xlsx' err
expect_no_grep 'error' err
c=$(cell cell.xlsx L6)
case "$c" in 民民民*"……（超过 Excel 单元格 32767 字符的上限，已截断）") ;; *) die "cut cell: ${c#"${c%??????????????????????????????}"}" ;; esac
[ "$(printf %s "$c" | python3 -c 'import sys; print(len(sys.stdin.read()) <= 32767)')" = True ] || die "cell too long"
case "$(cell cell.xlsx AH6)" in *内容过长*) ;; *) die "no note on row 6" ;; esac
# rows past Excel's last row
expect_exit 1 $X import persons rows.csv --db s.db --as xian --errors rows.xlsx
expect_grep '^错误报告已写入 rows.xlsx' err
expect_grep '^rows.csv:1048714:文化程度: ' err
expect_no_grep 'error' err
n=$(cell rows.xlsx AH1048575)
case "$n" in "第 1048574 行及以后超出 Excel 的行数上限（1048576 行），未写入本表（其中有 6 个问题）；请拆分文件后分别导入") ;; *) die "cut note: $n" ;; esac
[ "$(cell rows.xlsx A113)" = 532326106003 ] || die "data rows before the cut"
