#!/bin/sh
# Issue 12: the store's entity modules hold only SQL that PostgreSQL 15
# accepts.  Every statement of src/store/*.c but the drivers (store.c,
# *_sqlite.c, store_pg_stub.c) is taken from the preprocessed source,
# its placeholders rewritten to $n, and PREPAREd (parsed and analysed)
# against a throwaway PostgreSQL 15 cluster holding the schema of a fresh
# store.  Usage: pg_sql.sh (from the top directory, after `make`);
# CC and CFLAGS as make passes them.
set -eu
top=$(pwd)
tmp=$(mktemp -d /tmp/dixian-pgsql.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
for f in src/store/*.c; do
	case $f in */store.c | */*_sqlite.c | */store_pg*.c) continue ;; esac
	${CC:-cc} -E -std=c11 -D_GNU_SOURCE -Isrc "$f" -o "$tmp/$(basename "$f" .c).i"
done
python3 tests/store/sqlcheck.py statements "$tmp"/*.i >"$tmp/statements.json"
"$top/dixian" init --db "$tmp/fresh.db" >/dev/null
python3 tests/store/sqlcheck.py schema "$tmp/fresh.db" >"$tmp/schema.sql"
chmod -R a+rX "$tmp"
sh tests/store/pg_run.sh python3 tests/store/pg_check.py "$tmp/schema.sql" \
	"$tmp/statements.json" tests/store/pg_known.txt
