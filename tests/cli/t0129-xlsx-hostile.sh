# Issue 13.1: hostile xlsx files are refused quickly with a Chinese reason
# and an English log line, and store nothing: one huge XML token (a 33 KB
# file holding a 32 MiB comment) in the worksheet or the shared strings.
# (The ratio cap is tested in tests/unit/test_xlsx_hostile.c.)
. "$TOP/tests/cli/lib.sh"
c="$TOP/fuzz/corpus/xlsx"
new_store a.db
expect_exit 1 $DIXIAN import persons "$c/huge_comment.xlsx" --db a.db --as admin
expect_grep "文件中有一段过长的内容不含任何单元格数据，可能已损坏或不是正常的 Excel 文件" err
expect_grep "xml token runs past" err
expect_exit 1 $DIXIAN import persons "$c/sst_huge_comment.xlsx" --db a.db --as admin
expect_grep "文件中有一段过长的内容不含任何单元格数据" err
expect_eq "$(q a.db 'SELECT count(*) FROM household')" 0 "households stored"
