#!/bin/sh
# Issue 12: the store's entity modules hold only SQL that PostgreSQL 15
# accepts.  Every statement of src/store/*.c but the drivers and schemas
# (store.c, *_sqlite.c, store_pg*.c, schema_pg.c, cluster_pg.c, backup_pg.c) is taken from the
# preprocessed source, its placeholders rewritten to $n, and PREPAREd
# (parsed and analysed) against a throwaway PostgreSQL 15 cluster holding
# the PostgreSQL store's own schema (src/store/schema_pg.c, printed by
# pg_schema.c), so that names, types and views are the real ones.
# Usage: pg_sql.sh (from the top directory, after `make`); CC as make
# passes it.
set -eu
tmp=$(mktemp -d /tmp/dixian-pgsql.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
for f in src/store/*.c; do
	case $f in */store.c | */*_sqlite.c | */store_pg*.c | */schema_pg.c | */cluster_pg.c | */backup_pg.c) continue ;; esac
	${CC:-cc} -E -std=c11 -D_GNU_SOURCE -Isrc "$f" -o "$tmp/$(basename "$f" .c).i"
done
python3 tests/store/sqlcheck.py statements "$tmp"/*.i >"$tmp/statements.json"
${CC:-cc} -std=c11 -Isrc tests/store/pg_schema.c src/store/schema_pg.c -o "$tmp/pg_schema"
"$tmp/pg_schema" >"$tmp/schema.sql"
chmod -R a+rX "$tmp"
sh tests/store/pg_run.sh python3 tests/store/pg_check.py "$tmp/schema.sql" \
	"$tmp/statements.json" tests/store/pg_known.txt
