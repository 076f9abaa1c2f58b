#!/bin/sh
# Issue 16: the store contract suite (and the PostgreSQL driver's own
# cases) against the PostgreSQL driver.  Run inside pg_run.sh (PGHOST,
# PGPORT and PGUSER set to a throwaway cluster): makes a database and
# runs each test binary given with DIXIAN_STORE_URL naming it.
# Usage: pg_run.sh sh pg_test.sh BUILD/tests/test_store_contract ...
set -eu
createdb contract
DIXIAN_STORE_URL="postgresql:///contract?host=$PGHOST&port=$PGPORT&user=$PGUSER"
export DIXIAN_STORE_URL
fail=0
for t in "$@"; do
	"$t" || fail=1
done
exit $fail
