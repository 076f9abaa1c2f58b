# Issue 16: a store's first 户成员台账 on PostgreSQL goes in as pg_restore
# loads: the member and household tables' indexes that no constraint owns
# and their foreign keys are dropped, the derived-column triggers
# disabled, and all of it made again once the rows are in
# (store_pg.c, try_rebuild).  What the load leaves is the schema it found:
# the same definitions, every reference checked, every trigger on.  Only
# an empty store takes that path: a second load keeps the indexes (they
# are not made again), and so does a first load while another session
# reads the member table, which neither waits for the other.  PostgreSQL
# only: SQLite's first load is t0100's and t0605's.
. "$TOP/tests/cli/lib.sh"
if [ -z "$on_pg" ]; then
	echo "skip: PostgreSQL's first load (make clitest-pg)"
	exit 0
fi
T="'person'::regclass, 'household'::regclass"
# the two tables' indexes, references and triggers, one per line
schema() {
	q "$1" "SELECT string_agg(x, E'\n' ORDER BY x) FROM (
		SELECT pg_get_indexdef(indexrelid) AS x FROM pg_index WHERE indrelid IN ($T)
		UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) || ' validated '
			|| convalidated FROM pg_constraint WHERE conrelid IN ($T)
		UNION ALL SELECT tgname || ' enabled ' || tgenabled::text FROM pg_trigger
			WHERE tgrelid IN ($T) AND NOT tgisinternal) s"
}
# the oids of the indexes a first load makes again, and of one it keeps
oids() {
	q "$1" "SELECT 'person_area'::regclass::oid || ' ' || 'household_area_cover'::regclass::oid
		|| ' ' || 'person_id_no'::regclass::oid || ' ' || 'person_pkey'::regclass::oid"
}
for db in a.db b.db; do
	expect_exit 0 $DIXIAN init --db $db
	expect_exit 0 $DIXIAN account add x326 --level 县 --scope 532326 --db $db
done
before=$(schema a.db)
printf '%s\n' "$before" >s0
expect_grep 'person_household_id_fkey FOREIGN KEY' s0
expect_grep 'person_summary_ins enabled O' s0
set -- $(oids a.db)
o_area=$1 o_cover=$2 o_idno=$3 o_pkey=$4

# 1. a faulty file into the empty store: nothing stored, the schema as it was
expect_exit 1 $DIXIAN import persons "$DATA/persons_dirty.csv" --as x326 --db a.db
expect_eq "$(q a.db "SELECT count(*) FROM person")" 0 "members after a refused file"
expect_eq "$(schema a.db)" "$before" "schema after a refused file"

# 2. the first load: the same schema, its indexes made again
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as x326 --db a.db
members=$(q a.db "SELECT count(*) FROM person")
[ "$members" -gt 100 ] || die "members after the first load: $members"
expect_eq "$(schema a.db)" "$before" "schema after the first load"
set -- $(oids a.db)
[ "$1" != "$o_area" ] && [ "$2" != "$o_cover" ] && [ "$3" != "$o_idno" ] ||
	die "the first load did not make the indexes again: $o_area $o_cover $o_idno -> $1 $2 $3"
expect_eq "$4" "$o_pkey" "the primary key's index (kept)"
# the rebuilt indexes answer: a member found by 身份证号 through its index,
# and the unique one still refuses a second number
id=$(q a.db "SELECT id_no FROM person ORDER BY id LIMIT 1")
expect_eq "$(q a.db "SET enable_seqscan = off; SELECT count(*) FROM person WHERE id_no = '$id'")" 1 "look-up by 身份证号"
q a.db "INSERT INTO person(county_code, household_id, id_no, name, relation, sex, birth, updated_at)
	SELECT county_code, household_id, id_no, 'x', '其他', '男', '2000-01-01', '' FROM person
	WHERE id_no = '$id'" >dup.out 2>&1 && die "a second member with the same 身份证号 went in"
expect_grep 'person_id_no' dup.out
# the reference is checked again: a member of no household is refused
q a.db "UPDATE person SET household_id = -1 WHERE id_no = '$id'" >fk.out 2>&1 &&
	die "a member of no household went in"
expect_grep 'person_household_id_fkey' fk.out
# and the figures are those of the rows: members counted per household
expect_eq "$(q a.db "SELECT count(*) FROM household h WHERE members <> (SELECT count(*)
	FROM person p WHERE p.household_id = h.id AND p.counted = 1 AND p.left_on IS NULL)")" 0 \
	"households whose member count is not their members'"

# 3. a second load into the store that now holds members: nothing made again
set -- $(oids a.db)
sed 's/,普通劳动力,/,技能劳动力,/' "$DATA/persons_utf8bom.csv" >changed.csv
expect_exit 0 $DIXIAN import persons changed.csv --as x326 --db a.db
expect_eq "$(oids a.db)" "$*" "index oids after a second load"
expect_eq "$(schema a.db)" "$before" "schema after a second load"

# 4. a first load while another session reads the member table: it takes
# the usual path at once (no lock waited for, nothing made again) and the
# reader is not held up either
set -- $(oids b.db)
psql -X -q -d "$(pg_dbname b.db)" -c "BEGIN; SELECT count(*) FROM person; SELECT pg_sleep(60); COMMIT" \
	>reader.out 2>&1 &
reader=$!
i=0
until [ "$(q b.db "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
	WHERE l.relation = 'person'::regclass AND a.query LIKE '%pg_sleep%'")" -gt 0 ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || die "the reader never began"
	sleep 0.1
done
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as x326 --db b.db
kill -0 $reader 2>/dev/null || die "the import waited for the reader to end"
kill $reader 2>/dev/null
q b.db "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%'
	AND pid <> pg_backend_pid()" >/dev/null
wait $reader 2>/dev/null
expect_eq "$(oids b.db)" "$*" "index oids after a first load beside a reader"
expect_eq "$(q b.db "SELECT count(*) FROM person")" "$members" "members of the load beside a reader"
expect_eq "$(schema b.db)" "$before" "schema after a first load beside a reader"

# 5. a store with households but no member: the import, which asks such a
# store for nothing, finds its households by running again (the insert of
# a stored 户编号 is refused), and adds their members to them
q b.db "DELETE FROM person" >/dev/null
hh=$(q b.db "SELECT count(*) FROM household")
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as x326 --db b.db
expect_eq "$(q b.db "SELECT count(*) FROM household")" "$hh" "households after the load into a store without members"
expect_eq "$(q b.db "SELECT count(*) FROM person")" "$members" "members after the load into a store without members"
echo "ok"
