# Issues 13.4, 13.7: a new store is readable by its owner only; a store
# another program holds is waited for, then refused in Chinese; a read-only
# store reads, and a write to it says the store is read-only.
. "$TOP/tests/cli/lib.sh"
sqlite_only_test "file modes, a SQLite lock and read-only files"
new_store a.db
expect_eq "$(stat -c %a a.db)" 600 "mode of a new store"
expect_exit 0 $DIXIAN import persons "$DATA/persons.xlsx" --db a.db --as admin
expect_eq "$(stat -c %a a.db)" 600 "mode of a new store"
# another program holds the store (a first load takes it whole); it leaves
# WAL first, alone: a switch out of WAL fails at once, without waiting,
# while the reads below have the store open
sqlite3 a.db "PRAGMA journal_mode=DELETE" >/dev/null || die "journal mode"
(echo ".timeout 5000"
 echo "BEGIN EXCLUSIVE; DELETE FROM audit WHERE 0;"
 sleep 12; echo "COMMIT;") | sqlite3 a.db >/dev/null &
# until it holds the lock, which stops even a read (a fixed second was
# too short on a loaded machine): the import's 5 s wait then ends inside
# the 12 s it holds it
i=0
while sqlite3 a.db "SELECT count(*) FROM area" >/dev/null 2>&1; do
	i=$((i + 1))
	[ "$i" -lt 100 ] || die "the other program never took the store"
	sleep 0.1
done
expect_exit 3 $DIXIAN import persons "$DATA/persons.xlsx" --db a.db --as admin
expect_grep "数据库 a.db 正被另一个程序占用" err
expect_grep "请等它结束后重试" err
wait
# a read-only copy: the file and its directory
mkdir ro
cp a.db ro/a.db
chmod 755 . ro
chmod 444 ro/a.db
chmod 555 ro
as=
if [ "$(id -u)" = 0 ]; then
	# root reads and writes anything: try as nobody, where nobody can run dixian
	as="runuser -u nobody --"
	$as test -x "$DIXIAN" -a -r "$DATA/persons.xlsx" || as=skip
fi
if [ "$as" != skip ]; then
	expect_exit 0 $as $DIXIAN report --area 532326 --year 2025 --db ro/a.db
	expect_grep "脱贫人口为20户81人" out
	expect_exit 0 $as $DIXIAN overdue --area 532326 --db ro/a.db
	expect_grep "是只读的" err
	expect_no_grep "not a dixian store" err
	expect_exit 3 $as $DIXIAN import persons "$DATA/persons.xlsx" --db ro/a.db --as admin
	expect_grep "是只读的" err
fi
chmod 755 ro
