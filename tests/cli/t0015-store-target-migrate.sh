# Issue 12 (a store you can swap): --db chooses the driver; a PostgreSQL
# server that cannot be reached (issue 16: the driver is built) is a
# database error, without its password ever shown and without a file
# made under its name; `dixian migrate` upgrades a store, and a reading
# command never writes: it refuses an older store and says to run migrate.
. "$TOP/tests/cli/lib.sh"
if sqlite_only "an unreachable PostgreSQL server's answers"; then
for db in 'postgresql://dixian:s3cret@127.0.0.1:1/county' 'postgres://u:s3cret@127.0.0.1:1/db' \
	  'host=127.0.0.1 port=1 dbname=county password=s3cret'; do
	expect_exit 3 $DIXIAN init --db "$db"
	expect_grep "无法打开数据库" err
	expect_grep "cannot connect to store" err
	expect_no_grep "s3cret" err
	expect_exit 3 $DIXIAN household find 李 --db "$db"
	expect_grep "无法打开数据库" err
	expect_no_grep "s3cret" err
	expect_exit 3 $DIXIAN migrate --db "$db"
	expect_grep "无法升级数据库" err
	expect_no_grep "s3cret" err
done
[ -z "$(ls | grep -v '^out$\|^err$\|^log$')" ] || die "a file was made: $(ls)"
fi

# migrate: a store at the newest version stays as it is
new_store a.db
latest=$(q_version a.db)
expect_exit 0 $DIXIAN migrate --db a.db
expect_grep "已是最新版本 $latest" out
expect_exit 3 $DIXIAN migrate --db missing.db
expect_grep "不存在" err
! store_exists missing.db || die "migrate created missing.db"

# a reader refuses an older store and leaves it unchanged (never reopens
# it writable); any user_version below the newest is "older"
q_set_version a.db 1
expect_exit 3 $DIXIAN policy show --area 532326 --db a.db
expect_grep "请先运行 dixian migrate" err
expect_grep "run 'dixian migrate'" err
expect_eq "$(q_version a.db)" 1 "version after a read"
q_set_version a.db "$latest"
expect_exit 0 $DIXIAN policy show --area 532326 --db a.db
