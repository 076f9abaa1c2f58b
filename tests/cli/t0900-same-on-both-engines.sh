# Issue 16: the same input gives the same figures on SQLite and on
# PostgreSQL.  The demo county (deterministic for a given --today) goes
# into a SQLite file and into a PostgreSQL store, then each reading
# command's exit code and output are compared byte for byte.  Runs under
# `make clitest-pg` (DIXIAN_TEST_PG=1); on SQLite alone there is nothing
# to compare with.
. "$TOP/tests/cli/lib.sh"
if [ -z "$on_pg" ]; then
	echo "skip: compares SQLite with PostgreSQL (make clitest-pg)"
	exit 0
fi
T="--today 2026-11-24"
expect_exit 0 $DIXIAN demo --households 300 --db pg.db $T
DIXIAN_DB= expect_exit 0 "$DIXIAN_BIN" demo --households 300 --db file.db $T
[ -f file.db ] || die "no SQLite file made"
n=0
same() {
	n=$((n + 1))
	$DIXIAN "$@" --db pg.db >pg.out 2>pg.err; pgrc=$?
	DIXIAN_DB= "$DIXIAN_BIN" "$@" --db file.db >sq.out 2>sq.err; sqrc=$?
	[ "$sqrc" = 0 ] && [ -s sq.out ] || { cat sq.err >&2; die "'$*' on SQLite: exit $sqrc"; }
	expect_eq "$pgrc" "$sqrc" "exit code of '$*' on PostgreSQL"
	cmp -s pg.out sq.out || { diff sq.out pg.out | head -20 >&2; die "output of '$*' differs"; }
}
same report --area 532399 --year 2025
same report --area 532399101 --year 2025
same report --area 532399 --year 2025 --format json
same screen --area 532399 --year 2025
same screen --area 532399 --year 2025 --format json
same screen --area 532399 --year 2025 --what-if 监测线=12000
same export persons --area 532399
same export households --area 532399
same household find 干海村
same overdue --area 532399 --as-of 2026-11-24
same check --area 532399 --as-of 2026-11-24
same clue list --area 532399
same policy show --area 532399 --year 2025
echo "$n commands gave the same output on both engines"
