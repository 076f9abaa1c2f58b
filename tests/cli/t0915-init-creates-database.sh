# Issue 16: `dixian init --db postgresql:///NAME?host=SOCKETDIR&port=N`
# creates the database NAME when the server does not have it (UTF8,
# whatever the server's default), then the store in it; a second init
# finds it; a reading command on a database that does not exist still
# says so and creates nothing.  PostgreSQL only.
. "$TOP/tests/cli/lib.sh"
if [ -z "$on_pg" ]; then
	echo "skip: creates a PostgreSQL database (make clitest-pg)"
	exit 0
fi
# a name that needs quoting, made here (not by lib.sh's createdb)
name="${pg_prefix}new-Db"
echo "$name" >>"$pg_made"
url="postgresql:///$name?host=$PGHOST&port=$PGPORT&user=$PGUSER"
[ -z "$(psql -X -At -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" ] ||
	die "database $name exists before the test"
DIXIAN_DB= expect_exit 0 "$DIXIAN_BIN" init --db "$url"
expect_grep '已创建数据库' out
expect_eq "$(psql -X -At -d postgres -c "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = '$name'")" UTF8 "encoding of the new database"
DIXIAN_DB= expect_exit 0 "$DIXIAN_BIN" account add admin --level 县 --scope 532326 --db "$url"
DIXIAN_DB= expect_exit 0 "$DIXIAN_BIN" import persons "$DATA/persons_utf8bom.csv" --as admin --db "$url"
expect_eq "$(psql -X -At -d "$name" -c 'SELECT count(DISTINCT hh_no) FROM household')" 30 "households"
DIXIAN_DB= expect_exit 0 "$DIXIAN_BIN" init --db "$url"
expect_grep '已存在' out
# reading a database that is not there: refused, not created
gone="${pg_prefix}never_made"
DIXIAN_DB= expect_exit 3 "$DIXIAN_BIN" report --area 532326 --year 2025 \
	--db "postgresql:///$gone?host=$PGHOST&port=$PGPORT&user=$PGUSER"
expect_grep '没有找到' err
expect_eq "$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$gone'")" 0 "a reader made no database"
