# Options are taken by their full names only (issue 11.5): getopt_long would
# read `--as cun1` as `--as-of cun1` in a command that has no --as.  Errors
# about options are in Chinese.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN init --db a.db
# report has --as-of and no --as: --as is refused, not taken for --as-of
expect_exit 2 $DIXIAN report --db a.db --area 532399 --year 2025 --as cun1
expect_grep '没有选项 --as' err
expect_grep '不接受缩写' err
expect_grep '\-\-as-of' err
expect_no_grep '日期' err
# a prefix of a unique option is refused too, with = or apart
expect_exit 2 $DIXIAN report --db a.db --are 532399 --year 2025
expect_grep '没有选项 --are' err
expect_exit 2 $DIXIAN report --db=a.db --area=532399 --yea=2025
expect_grep '没有选项 --yea' err
expect_exit 2 $DIXIAN check --db a.db --as-o 2025-01-01
expect_grep '没有选项 --as-o' err
# the full names still work, apart and with =
expect_exit 0 $DIXIAN check --db=a.db --area 532399 --as-of=2025-01-01
# unknown options, missing values and values given to flags: Chinese
expect_exit 2 $DIXIAN init --db a.db --bogus
expect_grep '没有选项 --bogus' err
expect_exit 2 $DIXIAN report --db a.db --year 2025 --area
expect_grep '选项 --area 需要一个值' err
expect_exit 2 $DIXIAN demo --db a.db --quiet=1
expect_grep '选项 --quiet 不带值' err
expect_grep '用法: dixian demo' err
# an unknown command, also after help, is an error in Chinese (exit 2)
expect_exit 2 $DIXIAN frobnicate
expect_grep '没有命令 "frobnicate"' err
expect_exit 2 $DIXIAN help frobnicate
expect_grep '没有命令 "frobnicate"' err
expect_exit 0 $DIXIAN help serve
expect_grep '用法: dixian serve' out
expect_exit 0 $DIXIAN help report
expect_grep '用法: dixian report' out
