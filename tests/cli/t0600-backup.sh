# Issue 13, backups: `backup` copies a store another process is writing as
# one consistent snapshot and verifies it; `restore` needs a 县 经办 account,
# refuses a newer store (schema version or later changes) without --force,
# keeps the replaced store as .bak-STAMP and verifies the counts.
. "$TOP/tests/cli/lib.sh"
sqlite_only_test "backup and restore copy a store file (PostgreSQL's pg_dump path: t0604)"
expect_exit 0 $DIXIAN demo --households 40 --db a.db
persons=$(q a.db "SELECT count(*) FROM person")
# a writer holds an open transaction (WAL) while the backup runs: the
# backup neither waits for it nor copies its uncommitted rows
(echo "BEGIN IMMEDIATE;"
 i=0; while [ $i -lt 200 ]; do echo "INSERT INTO login_failure VALUES('k$i', 1, 0);"; i=$((i+1)); done
 sleep 4; echo "COMMIT;") | sqlite3 a.db >/dev/null &
sleep 1
expect_exit 0 $DIXIAN backup --db a.db --out b.db
wait
expect_grep "完整性检查 通过" out
expect_grep "行数与数据库一致" out
expect_eq "$(q b.db 'PRAGMA integrity_check')" ok "integrity of the backup"
expect_eq "$(q b.db 'SELECT count(*) FROM login_failure')" 0 "uncommitted rows in the backup"
expect_eq "$(q a.db 'SELECT count(*) FROM login_failure')" 200 "the writer's rows"
expect_eq "$(q b.db 'SELECT count(*) FROM person')" "$persons" "persons in the backup"
expect_eq "$(q b.db 'PRAGMA user_version')" "$(q a.db 'PRAGMA user_version')" "version"
expect_eq "$(stat -c %a b.db)" 600 "mode of a backup"
[ ! -e b.db-wal ] || die "the backup is not one file"
# a writer committing in a loop while another backup runs
(i=0; while [ $i -lt 30 ]; do
	sqlite3 a.db "INSERT INTO login_failure VALUES('w$i', 1, 0)" 2>/dev/null; i=$((i+1)); done) &
expect_exit 0 $DIXIAN backup --db a.db --out c.db
wait
expect_eq "$(q c.db 'PRAGMA integrity_check')" ok "integrity of a backup under writes"
# never over the store
expect_exit 3 $DIXIAN backup --db a.db --out a.db
expect_grep "不能是数据库文件" err
expect_exit 0 $DIXIAN backup --db a.db --out b2.db
cmp -s b2.db a.db && die "store overwritten?"
# PostgreSQL stores are backed up with pg_dump (t0604); a SQLite backup
# does not go into one, and a connection string is no backup file
expect_exit 1 $DIXIAN restore b.db --db postgresql://localhost/dixian --as xian532399
expect_grep "不能恢复到 PostgreSQL 数据库" err
expect_exit 2 $DIXIAN backup --db a.db --out postgresql://localhost/dixian
expect_grep "不能是数据库连接串" err

# restore: an account is needed, a 县 经办 one
expect_exit 3 $DIXIAN restore b.db --db a.db
expect_grep "需要县级经办账号" err
expect_exit 3 $DIXIAN restore b.db --db a.db --as cun532399101001
expect_grep "只有县级经办账号可以恢复" err
# the store changed since the backup (a later audit row): refused
sleep 1
expect_exit 0 $DIXIAN account add late --level 县 --scope 532399 --as xian532399 --db a.db
expect_exit 1 $DIXIAN restore b.db --db a.db --as xian532399
expect_grep "在备份之后还有修改" err
expect_grep "请加 --force" err
expect_eq "$(q a.db "SELECT count(*) FROM account WHERE name = 'late'")" 1 "refused restore changed the store"
ls a.db.bak-* >/dev/null 2>&1 && die "a refused restore kept a copy"
# a backup of an older schema version: refused
cp b.db old.db
sqlite3 old.db "PRAGMA user_version = $(( $(q b.db 'PRAGMA user_version') - 1 ))"
expect_exit 1 $DIXIAN restore old.db --db a.db --as xian532399
expect_grep "比备份的版本" err
# --force: restored, the replaced store kept, the counts verified, audited
expect_exit 0 $DIXIAN restore b.db --db a.db --as xian532399 --force
expect_grep "行数与备份一致" out
expect_grep "原数据库已保存为 a.db.bak-" out
bak=$(ls a.db.bak-*)
expect_eq "$(q "$bak" "SELECT count(*) FROM account WHERE name = 'late'")" 1 "the kept store"
expect_eq "$(q "$bak" 'PRAGMA integrity_check')" ok "integrity of the kept store"
expect_eq "$(q a.db "SELECT count(*) FROM account WHERE name = 'late'")" 0 "restored accounts"
expect_eq "$(q a.db 'SELECT count(*) FROM login_failure')" 0 "restored rows"
expect_eq "$(q a.db 'SELECT count(*) FROM person')" "$persons" "restored persons"
expect_eq "$(q a.db "SELECT actor FROM audit WHERE action = 'store.restore'")" xian532399 "audit"
expect_exit 0 $DIXIAN report --area 532399 --year 2025 --db a.db
# a damaged backup is refused and the store left alone
head -c 40000 b.db >bad.db
expect_exit 3 $DIXIAN restore bad.db --db a.db --as xian532399 --force
expect_eq "$(q a.db 'PRAGMA integrity_check')" ok "store after a bad backup"
# into a new file: the backup's account decides
expect_exit 0 $DIXIAN restore b.db --db new.db --as xian532399
expect_eq "$(q new.db 'SELECT count(*) FROM person')" "$persons" "persons of a new restore"
