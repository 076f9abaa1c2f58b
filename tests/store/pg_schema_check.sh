#!/bin/sh
# The PostgreSQL schema (src/store/schema_pg.c) against SQLite's
# (schema_sqlite.c) in a throwaway cluster: schema_same.py compares
# tables, columns, constraints, indexes, views and triggers with a fresh
# SQLite store's (dixian init); triggers.py runs the same SQL on both and
# compares the derived household columns (members, msum, head_id,
# head_name) step by step.
# Usage: pg_schema_check.sh (from the top directory, after `make`); CC as
# make passes it.
set -eu
tmp=$(mktemp -d /tmp/dixian-pgschema.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
${CC:-cc} -std=c11 -Isrc tests/store/pg_schema.c src/store/schema_pg.c -o "$tmp/pg_schema"
"$tmp/pg_schema" >"$tmp/schema.sql"
./dixian init --db "$tmp/fresh.db" >/dev/null
chmod -R a+rwX "$tmp"
sh tests/store/pg_run.sh sh -c 'python3 tests/store/schema_same.py "$1" "$2" &&
	python3 tests/store/triggers.py "$1" "$2"' sh "$tmp/fresh.db" "$tmp/schema.sql"
