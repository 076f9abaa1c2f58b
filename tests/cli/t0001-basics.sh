# Command table, usage errors, init and the --db / $DIXIAN_DB default.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN --help
expect_grep 'demo' out
expect_exit 2 $DIXIAN
expect_exit 2 $DIXIAN frobnicate
expect_grep "没有命令" err
expect_exit 2 $DIXIAN init --bogus
# a missing store is not created by read commands
expect_exit 3 $DIXIAN report --db none.db --area 532399 --year 2025
! store_exists none.db || die "report created none.db"
expect_exit 0 $DIXIAN init --db a.db
expect_grep "已创建数据库 $(store_target a.db)" out
strict=
if sqlite_only "journal mode and STRICT tables are SQLite's"; then
	expect_eq "$(q a.db 'PRAGMA journal_mode')" wal "journal mode"
	strict=1
fi
[ "$(q_version a.db)" -ge 2 ] || die "schema version"
# every table carries county_code
for t in area household person income expense episode clue case_file case_step measure \
	visit warning_batch warning policy account audit; do
	q a.db "SELECT county_code FROM $t LIMIT 0" || die "table $t has no county_code"
	[ -z "$strict" ] ||
		q a.db "SELECT sql FROM sqlite_schema WHERE name='$t'" | grep -q STRICT || die "$t not STRICT"
done
# init is idempotent; $DIXIAN_DB and the default name are honoured
expect_exit 0 $DIXIAN init --db a.db
DIXIAN_DB=b.db expect_exit 0 $DIXIAN init
store_exists b.db || die "DIXIAN_DB not honoured"
expect_exit 0 $DIXIAN init
store_exists dixian.db || die "default dixian.db not created"
# a newer store is refused with a clear message, an old one upgraded
q_set_version a.db 99
expect_exit 3 $DIXIAN report --db a.db --area 532399 --year 2025
expect_grep 'newer than this dixian\|needs' err
# another program's database is refused, not migrated into
if [ -n "$on_pg" ]; then
	createdb "$(pg_dbname other.db)" && pg_dbname other.db >>"$pg_made"
	q other.db "CREATE TABLE t(x integer); INSERT INTO t VALUES (1)"
	tables="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
else
	sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1)"
	tables="SELECT count(*) FROM sqlite_schema"
fi
expect_exit 3 $DIXIAN init --db other.db
expect_grep "another program's tables" err
expect_eq "$(q other.db "$tables")" 1 "other.db untouched"
# a file that is not a store
if sqlite_only "a file that is not a database"; then
	echo 'not,a,database' > c.db
	expect_exit 3 $DIXIAN init --db c.db
	expect_grep 'not a dixian store' err
fi
