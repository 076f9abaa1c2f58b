# Issue 16: on PostgreSQL an import asks the store for its own file's keys
# (户编号, 身份证 and the members of its stored households), a few
# thousand a statement, instead of reading every household and member of
# the store: importing one small county into a store that holds a big one
# reads a few rows per row of the file, not the big county (the server's
# own counters, pg_stat_user_tables).  SQLite reads its store in-process
# (ledger.h), so this is PostgreSQL's only.
. "$TOP/tests/cli/lib.sh"
if [ -z "$on_pg" ]; then
	echo "PostgreSQL only: SQLite reads its store in-process"
	exit 0
fi
expect_exit 0 $DIXIAN demo --households 2000 --db a.db --quiet
expect_exit 0 $DIXIAN account add x326 --level 县 --scope 532326 --db a.db
# rows read of person and household so far, and inserted into person
stats() {
	q a.db "SELECT sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))
		FILTER (WHERE relname = 'person') || ' ' ||
		sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))
		FILTER (WHERE relname = 'household') || ' ' ||
		sum(n_tup_ins) FILTER (WHERE relname = 'person')
		FROM pg_stat_user_tables WHERE relname IN ('person', 'household')"
}
# stats_after: the counters once the last command's backends have ended
# (a backend reports when it ends, after dixian has) and its inserts
# ($want) show
stats_after() {
	i=0
	while :; do
		set -- $(stats)
		[ "$3" -ge "$want" ] && [ "$(q a.db "SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid()")" = 0 ] && break
		i=$((i + 1))
		[ $i -lt 100 ] || die "the server never reported the import's inserts"
		sleep 0.1
	done
	echo "$1 $2"
}
want=5000 # the demo's members, first (2000 households hold more)
set -- $(stats_after)
p0=$1 h0=$2
set -- $(stats)
want=$(($3 + 1))
rows=$(grep -c '^5' "$DATA/persons_utf8bom.csv")
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --db a.db --as x326
set -- $(stats_after)
pread=$(($1 - p0)) hread=$(($2 - h0))
big=$(q a.db "SELECT count(*) FROM person WHERE county_code = '532399'")
echo "rows read: person $pread, household $hread; file $rows rows, store $big members"
[ "$pread" -le $((rows * 4)) ] || die "the import read $pread person rows for a file of $rows rows (store: $big)"
[ "$hread" -le $((rows * 4)) ] || die "the import read $hread household rows for a file of $rows rows"
