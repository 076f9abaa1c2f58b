#!/bin/sh
# The derived household columns (members, msum, head_id, head_name) kept
# by the same rules on both engines: triggers.py runs the same SQL on a
# fresh SQLite store (dixian init) and on the PostgreSQL schema
# (src/store/schema_pg.c) in a throwaway cluster, and compares.
# Usage: pg_triggers.sh (from the top directory, after `make`); CC as
# make passes it.
set -eu
tmp=$(mktemp -d /tmp/dixian-pgtrig.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
${CC:-cc} -std=c11 -Isrc tests/store/pg_schema.c src/store/schema_pg.c -o "$tmp/pg_schema"
"$tmp/pg_schema" >"$tmp/schema.sql"
./dixian init --db "$tmp/fresh.db" >/dev/null
chmod -R a+rwX "$tmp"
chmod a+rwx "$tmp"
sh tests/store/pg_run.sh python3 tests/store/triggers.py "$tmp/fresh.db" "$tmp/schema.sql"
