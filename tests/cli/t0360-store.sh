# init and demo on a store that holds data (issue 11.16): init leaves it as
# it is and says so; demo refuses to put a fake county into it.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN init --db a.db
expect_grep "已创建数据库 $(store_target a.db)" out
expect_exit 0 $DIXIAN account add xian --level 县 --scope 532326 --db a.db
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as xian --db a.db
expect_exit 0 $DIXIAN init --db a.db
expect_grep "数据库 $(store_target a.db) 已存在" out
expect_no_grep '已创建' out
expect_eq "$(q a.db 'SELECT count(*) FROM household')" 30 "init kept the data"
# demo: only into an empty store
n=$(q a.db 'SELECT count(*) FROM audit')
expect_exit 3 $DIXIAN demo --households 20 --db a.db --today 2026-11-24
expect_grep '已有数据' err
expect_eq "$(q a.db "SELECT count(*) FROM area WHERE code LIKE '532399%'")" 0 "no demo county in a real store"
expect_eq "$(q a.db 'SELECT count(*) FROM audit')" "$n" "nothing written"
expect_exit 0 $DIXIAN init --db e.db
expect_exit 0 $DIXIAN demo --households 20 --db e.db --today 2026-11-24
expect_exit 3 $DIXIAN demo --households 20 --db e.db --today 2026-11-24
expect_grep '已有数据' err
