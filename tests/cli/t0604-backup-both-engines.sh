# Issue 13, backups on both engines (SQLite: the online backup API;
# PostgreSQL: pg_dump of one exported snapshot, pg_restore into psql in one
# transaction): a backup taken while another program writes holds none of
# its uncommitted rows, is its owner's only (0600) and is verified; a
# damaged store is restored from it and reports the same figures as
# before; the replaced store is kept; a damaged backup changes nothing;
# into an empty store, the backup's account decides.  On PostgreSQL, the
# password of the --db target never reaches pg_dump's command line, its
# environment or the output.
. "$TOP/tests/cli/lib.sh"
# sql NAME: SQL from stdin into store NAME (psql or sqlite3)
sql() {
	if [ -n "$on_pg" ]; then
		psql -X -q -v ON_ERROR_STOP=1 -d "$(pg_dbname "$1")" >/dev/null
	else
		sqlite3 "$1" >/dev/null
	fi
}
expect_exit 0 $DIXIAN demo --households 60 --db a.db
expect_exit 0 $DIXIAN report --area 532399 --year 2025 --db a.db
cp out before.txt
persons=$(q a.db "SELECT count(*) FROM person")

# a writer holds an open transaction while the backup runs
(echo "BEGIN;"
 i=0; while [ $i -lt 200 ]; do echo "INSERT INTO login_failure VALUES('k$i', 1, 0);"; i=$((i+1)); done
 sleep 4; echo "COMMIT;") | sql a.db &
sleep 1
expect_exit 0 $DIXIAN backup --db a.db --out b.bak
wait
expect_grep "行数与数据库一致" out
expect_grep "person  *$persons\$" out
expect_eq "$(stat -c %a b.bak)" 600 "mode of a backup"
if [ -n "$on_pg" ]; then
	expect_eq "$(head -c 5 b.bak)" PGDMP "a pg_dump archive"
else
	expect_eq "$(head -c 15 b.bak)" "SQLite format 3" "a SQLite file"
fi
expect_eq "$(q a.db 'SELECT count(*) FROM login_failure')" 200 "the writer's rows"

# into an empty store: the backup's account decides, then the counts
expect_exit 3 $DIXIAN restore b.bak --db n.db --as cun532399101001
expect_grep "只有县级经办账号可以恢复" err
expect_exit 3 $DIXIAN restore b.bak --db n.db --as nobody
expect_exit 0 $DIXIAN restore b.bak --db n.db --as xian532399
expect_grep "行数与备份一致" out
expect_eq "$(q n.db 'SELECT count(*) FROM person')" "$persons" "persons of a new restore"
expect_eq "$(q n.db 'SELECT count(*) FROM login_failure')" 0 "uncommitted rows in the backup"
expect_exit 0 $DIXIAN audit verify --db n.db

# damage: figures change
echo "UPDATE household SET kind = '一般户' WHERE kind = '脱贫户'; DELETE FROM visit;" | sql a.db
expect_exit 0 $DIXIAN report --area 532399 --year 2025 --db a.db
cmp -s out before.txt && die "the damage changed no figure"
# restore: the figures of before, the replaced store kept (0600), audited
expect_exit 0 $DIXIAN restore b.bak --db a.db --as xian532399
expect_grep "行数与备份一致" out
expect_grep "原数据库已保存为 " out
saved=$(sed -n 's/^原数据库已保存为 //p' out)
[ -f "$saved" ] || die "the replaced store '$saved' was not kept"
expect_eq "$(stat -c %a "$saved")" 600 "mode of the kept store"
expect_exit 0 $DIXIAN report --area 532399 --year 2025 --db a.db
cmp -s out before.txt || { diff before.txt out >&2; die "figures differ after the restore"; }
expect_eq "$(q a.db 'SELECT count(*) FROM login_failure')" 0 "rows written after the backup"
expect_eq "$(q a.db "SELECT actor FROM audit WHERE action = 'store.restore'")" xian532399 "audit"
expect_exit 0 $DIXIAN audit verify --db a.db
# the kept store restores the damage: it is a backup like any
expect_exit 0 $DIXIAN restore "$saved" --db k.db --as xian532399
expect_eq "$(q k.db "SELECT count(*) FROM visit")" 0 "the kept store holds the damaged state"

# a damaged backup is refused, the store left as it was
head -c 30000 b.bak >bad.bak
expect_exit 3 $DIXIAN restore bad.bak --db a.db --as xian532399 --force
expect_grep "不是可用的备份\|已损坏" err
expect_exit 0 $DIXIAN report --area 532399 --year 2025 --db a.db
cmp -s out before.txt || die "a refused restore changed the store"
# a connection string is no backup file
expect_exit 2 $DIXIAN backup --db a.db --out 'postgresql://localhost/x'
expect_grep "不能是数据库连接串" err

if [ -n "$on_pg" ]; then
	# the password: a pg_dump in front of the real one notes what it got
	mkdir fake
	cat >fake/pg_dump <<-'EOF'
	#!/bin/sh
	printf '%s\n' "$0" "$@" >"$FAKE_LOG.argv"
	env | grep '^PG' >"$FAKE_LOG.env"
	if [ -n "${PGPASSFILE:-}" ]; then stat -c %a "$PGPASSFILE"; cat "$PGPASSFILE"; fi >"$FAKE_LOG.pass"
	exec /usr/bin/pg_dump "$@"
	EOF
	chmod +x fake/pg_dump
	url="postgresql://$PGUSER:pw-S3cr:et-77@/$(pg_dbname a.db)?host=$PGHOST&port=$PGPORT"
	url=$(printf '%s' "$url" | sed 's/pw-S3cr:et-77/pw-S3cr%3Aet-77/')
	PATH="$PWD/fake:$PATH" FAKE_LOG="$PWD/seen" expect_exit 0 "$DIXIAN_BIN" backup --db "$url" --out p.bak
	[ -s seen.argv ] || die "the fake pg_dump did not run"
	expect_no_grep "S3cr" seen.argv
	expect_no_grep "S3cr" seen.env
	expect_no_grep "PGPASSWORD" seen.env
	expect_eq "$(head -1 seen.pass)" 600 "mode of the password file"
	expect_eq "$(sed -n 2p seen.pass)" '*:*:*:*:pw-S3cr\:et-77' "the password file"
	passfile=$(sed -n 's/^PGPASSFILE=//p' seen.env)
	[ -n "$passfile" ] && [ ! -e "$passfile" ] || die "password file '$passfile' left behind"
	expect_no_grep "S3cr" out
	expect_no_grep "S3cr" err
	expect_grep "行数与数据库一致" out
fi
