# Helpers for the CLI tests; sourced by each tNNNN-*.sh.  Every helper
# fails the test (exit 1) with a message naming what was expected.
set -u
export DIXIAN_DB=
die() { echo "FAILED: $*" >&2; exit 1; }
# expect_exit CODE cmd...  (stdout to out, stderr to err)
expect_exit() {
	want=$1; shift
	"$@" >out 2>err
	got=$?
	[ "$got" = "$want" ] || { cat out err >&2; die "'$*' exited $got, expected $want"; }
}
expect_grep() { grep -q -- "$1" "$2" || { cat "$2" >&2; die "'$1' not in $2"; }; }
expect_no_grep() { ! grep -q -- "$1" "$2" || { cat "$2" >&2; die "'$1' unexpectedly in $2"; }; }
expect_eq() { [ "$1" = "$2" ] || die "${3:-value}: got '$1', expected '$2'"; }
q() {
	if [ -n "$on_pg" ]; then
		psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -d "$(pg_dbname "$1")" -c "$2"
	else
		sqlite3 -batch -noheader "$1" "$2"
	fi
}

# PostgreSQL (issue 16).  With DIXIAN_TEST_PG=1 and PGHOST, PGPORT, PGUSER
# naming a running cluster (`make clitest-pg` starts one), every store a
# test names as a file (`--db a.db`, `--db=a.db`, DIXIAN_DB, the default
# dixian.db) is a database of its own instead: $DIXIAN becomes a function
# that rewrites the name to a postgresql:// URL, making the database
# (empty: a store that does not exist yet) on first use; `q` reads it with
# psql; run.sh drops a test's databases when it ends.  Parts of a test
# that are about files (modes, links, locks, read-only files, copies of a
# store file) run on SQLite only: `if sqlite_only "why"; then ...; fi`
# prints "skip on PostgreSQL: why" instead on PostgreSQL.
on_pg=
if [ -n "${DIXIAN_TEST_PG:-}" ]; then
	on_pg=1
	DIXIAN_BIN=$DIXIAN
	DIXIAN=dixian_pg
	# one prefix per test: its scratch directory's random part
	pg_prefix=dx_$(basename "$(pwd)" | sed 's/.*\.//' | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '_')_
	pg_made=$(pwd)/.pg-databases
fi
# pg_dbname NAME [create]: the database standing for store file NAME;
# with create, made (empty) if it is not yet, as a file is made by the
# commands that create a store; without, it may not exist, as a missing
# file
pg_dbname() {
	_dxd=$pg_prefix$(printf '%s' "$1" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9' '_')
	if [ -n "${2:-}" ] && ! grep -qx -- "$_dxd" "$pg_made" 2>/dev/null; then
		createdb "$_dxd" || die "createdb $_dxd"
		echo "$_dxd" >>"$pg_made"
	fi
	echo "$_dxd"
}
# pg_url NAME [create]: the --db target for store file NAME; a URL or a
# libpq key=value string (a test of target parsing) is left alone
pg_url() {
	case $1 in
	'' | *://* | *=*) printf '%s' "$1" ;;
	*) printf 'postgresql:///%s?host=%s&port=%s&user=%s' "$(pg_dbname "$1" "${2:-}")" \
		"$PGHOST" "$PGPORT" "$PGUSER" ;;
	esac
}
# $DIXIAN on PostgreSQL: ./dixian with every store name rewritten
dixian_pg() {
	_dxn=$#
	_dxdb=${DIXIAN_DB:-}
	# the commands that create a missing store (cmd_init, cmd_import,
	# cmd_demo, restore) get a database made for it
	_dxc=
	for _dxa in "$@"; do
		case $_dxa in init | import | demo | restore) _dxc=1 ;; esac
	done
	while [ "$_dxn" -gt 0 ]; do
		_dxa=$1; shift; _dxn=$((_dxn - 1))
		case $_dxa in
		--db=*) _dxa=--db=$(pg_url "${_dxa#--db=}" "$_dxc"); _dxdb=${_dxdb:--} ;;
		--db)
			if [ "$_dxn" -gt 0 ]; then
				set -- "$@" --db; _dxa=$(pg_url "$1" "$_dxc"); shift; _dxn=$((_dxn - 1))
				_dxdb=${_dxdb:--}
			fi ;;
		esac
		set -- "$@" "$_dxa"
	done
	# DIXIAN_DB, or without it and --db the default file dixian.db
	case $_dxdb in
	-) _dxdb= ;;
	'') _dxdb=$(pg_url dixian.db "$_dxc") ;;
	*) _dxdb=$(pg_url "$_dxdb" "$_dxc") ;;
	esac
	DIXIAN_DB=$_dxdb "$DIXIAN_BIN" "$@"
}
# sqlite_only WHY: true on SQLite; on PostgreSQL, say what is skipped and why
sqlite_only() {
	[ -z "$on_pg" ] && return 0
	echo "skip on PostgreSQL: $1"
	return 1
}
# sqlite_only_test WHY: the whole test is about SQLite files
sqlite_only_test() {
	sqlite_only "$1" || exit 0
}
# store_exists NAME: the store file exists (on PostgreSQL: its database
# does and holds a dixian schema)
store_exists() {
	if [ -n "$on_pg" ]; then
		grep -qx -- "$(pg_dbname "$1")" "$pg_made" 2>/dev/null &&
			[ "$(q "$1" "SELECT to_regclass('schema_version') IS NOT NULL")" = t ]
	else
		[ -e "$1" ]
	fi
}
# store_target NAME: the store as dixian names it in messages
store_target() {
	if [ -n "$on_pg" ]; then pg_url "$1"; else printf '%s' "$1"; fi
}
# store_remove NAME: no store NAME any more
store_remove() {
	if [ -n "$on_pg" ]; then
		_dxd=$(pg_dbname "$1")
		dropdb --if-exists "$_dxd" || die "dropdb $_dxd"
		grep -vx -- "$_dxd" "$pg_made" >"$pg_made.new" 2>/dev/null
		mv "$pg_made.new" "$pg_made"
	else
		rm -f "$1" "$1-wal" "$1-shm"
	fi
}
# store_copy FROM TO: a copy of a store (a test's starting point)
store_copy() {
	if [ -n "$on_pg" ]; then
		store_remove "$2"
		createdb -T "$(pg_dbname "$1")" "$(pg_dbname "$2")" || die "copy of store $1"
		pg_dbname "$2" >>"$pg_made"
	else
		rm -f "$2" "$2-wal" "$2-shm"
		cp "$1" "$2"
	fi
}
# q_version NAME: the store's schema version; q_set_version NAME V sets it
# (a test making an older or newer store)
q_version() {
	if [ -n "$on_pg" ]; then
		q "$1" "SELECT version FROM schema_version"
	else
		q "$1" "PRAGMA user_version"
	fi
}
q_set_version() {
	if [ -n "$on_pg" ]; then
		q "$1" "UPDATE schema_version SET version = $2"
	else
		q "$1" "PRAGMA user_version = $2"
	fi
}
# sql_json COLUMN KEY: SQL for the text of a JSON column's top-level KEY
sql_json() {
	if [ -n "$on_pg" ]; then
		printf "(%s::json ->> '%s')" "$1" "$2"
	else
		printf "json_extract(%s, '%s')" "$1" "\$.$2"
	fi
}
# new_store DB [COUNTY]: an empty store with its first account, admin, a
# 县 经办 account over COUNTY (default 532326): writes need an account.
new_store() {
	expect_exit 0 $DIXIAN init --db "$1"
	expect_exit 0 $DIXIAN account add admin --level 县 --scope "${2:-532326}" --db "$1"
}
# The kill and reader tests' set-up (t0605, t0911): a demo store a.db with
# data and a 县 account x326 over county 532326, and big.csv, the sample
# 户成员台账 repeated to ROWS new rows (tests/cli/big_persons.py, which
# tests/http/test_faults.py uploads too).  Sets $target (a.db's --db) and
# $rows (big.csv's rows).
big_import_setup() {
	expect_exit 0 $DIXIAN demo --households 30 --db a.db
	expect_exit 0 $DIXIAN account add x326 --level 县 --scope 532326 --db a.db
	target=$(store_target a.db)
	python3 "$TOP/tests/cli/big_persons.py" "$DATA/persons_utf8bom.csv" big.csv "$1" ||
		die "big.csv"
	rows=$(($(wc -l <big.csv) - 2))
}
# import_writing: an import into a.db is inside its write transaction
# (SQLite: it holds the write lock; PostgreSQL: a session of the store has
# a transaction id, given at its first write)
import_writing() {
	if [ -n "$on_pg" ]; then
		[ "$(q a.db "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()")" -gt 0 ]
	else
		! sqlite3 a.db "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1
	fi
}
# import_started: `dixian import persons big.csv` into a.db as x326 in the
# background ($pid; its output in imp.out, imp.err), returning once it
# writes (60 s at most)
import_started() {
	"${DIXIAN_BIN:-$DIXIAN}" import persons big.csv --db "$target" --as x326 >imp.out 2>imp.err &
	pid=$!
	_i=0
	while ! import_writing; do
		kill -0 "$pid" 2>/dev/null || die "the import ended before it was seen writing"
		_i=$((_i + 1))
		[ "$_i" -lt 1200 ] || die "the import did not begin to write in 60 s"
		sleep 0.05
	done
}
