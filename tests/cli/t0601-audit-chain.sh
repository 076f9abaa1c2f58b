# Issue 13, tamper-evident audit: every audit row is chained per county;
# `audit verify` says OK with the count, or names the first edited, deleted
# or inserted row and exits 1.
. "$TOP/tests/cli/lib.sh"
new_store a.db
expect_exit 0 $DIXIAN import persons "$DATA/persons.xlsx" --db a.db --as admin
n=$(q a.db "SELECT count(*) FROM audit")
[ "$n" -gt 10 ] || die "too few audit rows: $n"
expect_exit 0 $DIXIAN audit verify --db a.db
expect_grep "操作日志完好: 1 个县，$n 条记录" out
expect_exit 0 $DIXIAN audit verify --area 532326 --db a.db
expect_grep "$n 条记录" out
expect_exit 1 $DIXIAN audit verify --area 5323x --db a.db
expect_grep "区划代码应为县的 6 位代码" err
store_copy a.db clean.db
# an edited row
id=$(q a.db "SELECT id FROM audit ORDER BY id LIMIT 1 OFFSET 5")
q a.db "UPDATE audit SET after = replace(after, '\"', '''') WHERE id = $id"
expect_exit 1 $DIXIAN audit verify --db a.db
expect_grep "id $id" out
expect_grep "已被修改" out
# a deleted row: named at the row after the gap
store_copy clean.db a.db
id=$(q a.db "SELECT id FROM audit ORDER BY id LIMIT 1 OFFSET 7")
next=$(q a.db "SELECT min(id) FROM audit WHERE id > $id")
q a.db "DELETE FROM audit WHERE id = $id"
expect_exit 1 $DIXIAN audit verify --db a.db
expect_grep "id $next" out
expect_grep "缺少 1 条记录：已被删除" out
# an inserted row
store_copy clean.db a.db
q a.db "INSERT INTO audit(county_code, at, actor, action, entity, entity_key)
	VALUES('532326', '2026-01-01T00:00:00Z', 'admin', 'import.insert', 'person', 'x')"
expect_exit 1 $DIXIAN audit verify --db a.db
expect_grep "插入" out
# writes through dixian keep the chain whole
store_copy clean.db a.db
expect_exit 0 $DIXIAN account add other --level 县 --scope 532326 --as admin --db a.db
expect_exit 0 $DIXIAN audit verify --db a.db
expect_grep "$((n + 1)) 条记录" out
