# Issue 3: the 户成员台账 samples in three encodings, the dirty ledger's
# faults on their rows, atomicity, --keep-valid, --dry-run, re-import.
. "$TOP/tests/cli/lib.sh"
dump() { q "$1" "SELECT h.hh_no, h.area_code, h.group_name, h.kind, coalesce(h.tuopin_year,''), h.phone,
	p.id_no, p.name, p.relation, p.sex, p.birth, p.ethnicity, p.politics, p.education, p.school,
	p.health, p.labour, p.work_place, coalesce(p.work_months,''), p.ins_resident, p.ins_employee,
	p.dibao, p.dibao_class, p.tekun, p.disability_subsidy, p.phone, p.counted
	FROM household h JOIN person p ON p.household_id = h.id ORDER BY p.id_no" | md5sum
	q "$1" "SELECT h.hh_no, e.category, e.risks, e.identified_on, coalesce(e.eliminated_on,''), e.reflag
	FROM episode e JOIN household h ON h.id = e.household_id ORDER BY 1" | md5sum
	q "$1" "SELECT code, parent, name FROM area ORDER BY code" | md5sum; }
new_store a.db
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as admin --db a.db
expect_grep '30 户（新增 30' out
expect_eq "$(q a.db 'SELECT count(*) FROM person')" 111 persons
expect_eq "$(q a.db "SELECT name FROM area WHERE code = '532326106'")" 示例乡 "township created from names"
# the households an import creates: one audit row naming their ids
expect_eq "$(q a.db "SELECT entity_key || ' ' || $(sql_json after 户数) FROM audit
	WHERE entity = 'household'")" "1-30 30" "created households audited as one run"
expect_eq "$(q a.db "SELECT min(id) || '-' || max(id) FROM household")" 1-30 "the run's ids"
# a first load goes through a rollback journal; the store is left in WAL mode
wal=
if sqlite_only "journal modes are SQLite's"; then
	wal=1
	expect_eq "$(q a.db 'PRAGMA journal_mode')" wal "journal after a first load"
fi
new_store b.db
expect_exit 0 $DIXIAN import persons "$DATA/persons_gb18030.csv" --as admin --db b.db
new_store c.db
expect_exit 0 $DIXIAN import persons "$DATA/persons.xlsx" --as admin --db c.db
expect_eq "$(dump b.db)" "$(dump a.db)" "gb18030 vs utf-8 store"
expect_eq "$(dump c.db)" "$(dump a.db)" "xlsx vs utf-8 store"
# re-import is a no-op: no audit rows, nothing counted as new or updated
n=$(q a.db 'SELECT count(*) FROM audit')
expect_exit 0 $DIXIAN import persons "$DATA/persons.xlsx" --as admin --db a.db
expect_grep '未变 30' out
expect_eq "$(q a.db 'SELECT count(*) FROM audit')" "$n" "audit rows after re-import"
expect_eq "$(q a.db 'SELECT count(*) FROM episode')" 4 "episodes not duplicated"
# the dirty ledger: each fault on its row and column; nothing stored
new_store d.db
expect_exit 1 $DIXIAN import persons "$DATA/persons_dirty.csv" --as admin --db d.db --errors err.xlsx
[ -z "$wal" ] || expect_eq "$(q d.db 'PRAGMA journal_mode')" wal "journal after a failed first load"
f="$DATA/persons_dirty.csv"
expect_grep "^$f:6:证件号码: 校验位错误（应为 8）" err
expect_grep "^$f:10:证件号码: .*两头占" err
expect_grep "^$f:12:与户主关系: \"表哥\" 不是有效值" err
expect_grep "^$f:15:区划代码: 区划代码 \"532326199001\" 不存在" err
expect_grep "^$f:23:务工时间（月）: " err
expect_no_grep ":18:" err
expect_eq "$(q d.db 'SELECT count(*) FROM person')" 0 "persons stored from a faulty file"
expect_eq "$(q d.db 'SELECT count(*) FROM area')" 0 "areas stored from a faulty file"
[ -s err.xlsx ] || die "no error workbook"
unzip -p err.xlsx xl/worksheets/sheet1.xml | grep -q 错误说明 || die "no 错误说明 column"
unzip -p err.xlsx xl/worksheets/sheet1.xml | grep -q '校验位错误' || die "message not in workbook"
unzip -p err.xlsx xl/styles.xml | grep -q 'FFC7CE' || die "no highlight fill"
# the same file into a store that has data: unchanged on error
before=$(dump a.db)
expect_exit 1 $DIXIAN import persons "$DATA/persons_dirty.csv" --as admin --db a.db
expect_eq "$(dump a.db)" "$before" "store after a faulty import"
# --dry-run stores nothing even for a good file
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --db e.db --dry-run
expect_eq "$(q e.db 'SELECT count(*) FROM person')" 0 "persons after --dry-run"
# --keep-valid: whole households with an error are rejected, the rest kept
new_store k.db
expect_exit 1 $DIXIAN import persons "$DATA/persons_dirty.csv" --as admin --db k.db --keep-valid
expect_grep '拒绝 4 户' err
expect_eq "$(q k.db "SELECT count(*) FROM household WHERE hh_no IN ('532326106000002','532326106000003','532326106000004','532326106000007')")" 0 "rejected households"
expect_eq "$(q k.db 'SELECT count(*) FROM household')" 26 "kept households"
# row 18: the ID with a full-width space is accepted and normalised
expect_eq "$(q k.db "SELECT id_no FROM person WHERE name = '胡顺华'")" 532326196902280324 "normalised ID"
# an updated file changes only what changed, audited with old and new values
sed 's/罗涛,532326196810020031,户主,彝族,群众,小学/罗涛,532326196810020031,户主,彝族,群众,初中/' \
	"$DATA/persons_utf8bom.csv" > upd.csv
n=$(q a.db 'SELECT count(*) FROM audit')
expect_exit 0 $DIXIAN import persons upd.csv --as admin --db a.db
expect_grep '成员 新增 0，更新 1，未变 110' out
expect_eq "$(q a.db 'SELECT count(*) FROM audit')" "$((n + 1))" "one audit row"
expect_eq "$(q a.db "SELECT before || ' ' || after FROM audit ORDER BY id DESC LIMIT 1")" \
	'{"文化程度":"小学"} {"文化程度":"初中"}' "audit old and new"
# 两头占 against the store: the same person in another household
sed '3s/532326106000001/532326106000099/' "$DATA/persons_utf8bom.csv" > moved.csv
expect_exit 1 $DIXIAN import persons moved.csv --as admin --db a.db
expect_grep ':3:证件号码: 已登记在户 532326106000001（两头占）' err
