# Issue 16: a big import locks no other connection out of the member
# table.  While `dixian import` holds its write transaction open on a
# store that has data, a read on another connection answers at once
# (within a lock timeout) and sees the store as it was before the import;
# on PostgreSQL, a write to another county's member answers at once too.
# The import's bulk load used to disable the member triggers with ALTER
# TABLE, whose SHARE ROW EXCLUSIVE lock kept every other writer of the
# member table (the server's edits, another township's import) waiting
# until the import committed; it now turns them aside with a setting of
# its own transaction (schema version 16).  On SQLite the readers read
# the last commit through the WAL, and one writer at a time is the rule.
. "$TOP/tests/cli/lib.sh"
# big enough that the import is still writing after the read below, on a
# fast machine too (40,000 members were imported in under 0.3 s)
big_import_setup 200000
persons=$(q a.db "SELECT count(*) FROM person")
households=$(q a.db "SELECT count(*) FROM household")
# a write to another county's member (PostgreSQL) that gives up after 5 s
# of waiting for a lock
write_now() {
	q a.db "SET lock_timeout = '5s'; UPDATE person SET work_months = work_months
		WHERE id = (SELECT min(id) FROM person WHERE county_code <> '532326')"
}
# a read that gives up after 5 s of waiting for a lock
read_now() {
	if [ -n "$on_pg" ]; then
		q a.db "SET lock_timeout = '5s'; SELECT (SELECT count(*) FROM person) || ' '
			|| (SELECT count(*) FROM household WHERE area_code LIKE '532326%')"
	else
		sqlite3 -cmd ".timeout 5000" a.db "SELECT (SELECT count(*) FROM person) || ' '
			|| (SELECT count(*) FROM household WHERE area_code LIKE '532326%')"
	fi
}
import_started
sleep 0.1 # into its writes (the bulk load began with the first new member)
got=$(read_now 2>read.err) || { cat read.err >&2; kill "$pid"; die "the read during the import failed"; }
if [ -n "$on_pg" ]; then
	write_now >write.out 2>write.err ||
		{ cat write.err >&2; kill "$pid"; die "the write during the import failed"; }
fi
# the read (and the write) answered while the import's transaction was
# still open
import_writing || { kill "$pid"; die "the read answered only after the import's transaction ended"; }
expect_eq "$got" "$persons 0" "persons and the county's households seen during the import"
wait "$pid"
r=$?
[ "$r" = 0 ] || { cat imp.err >&2; die "the import exited $r"; }
expect_eq "$(q a.db "SELECT count(*) FROM person")" "$((persons + rows))" "persons after the import"
expect_exit 0 $DIXIAN audit verify --db a.db
