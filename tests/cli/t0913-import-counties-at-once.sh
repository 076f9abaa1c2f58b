# Issue 16: two counties' 户成员台账 imported at once into one store both
# go in without a retry: each import asks the store for its own file's
# keys only, so neither reads what the other writes (on PostgreSQL the
# import's snapshot conflicts only on rows both write; before, each read
# the whole member table under SERIALIZABLE and one of the two was rolled
# back and run again).  Both engines; the no-retry check is PostgreSQL's
# (SQLite: the second waits for the write lock, and past its busy timeout
# runs again).  The same households at once: t0910.
. "$TOP/tests/cli/lib.sh"
# on PostgreSQL big enough for the two to overlap; on SQLite small enough
# for the second to get the write lock within its wait
hh=300
[ -z "$on_pg" ] || hh=1500
expect_exit 0 $DIXIAN demo --counties 2 --households $hh --county 530102 --db src.db --quiet
for c in $(q src.db "SELECT DISTINCT county_code FROM household ORDER BY 1"); do
	expect_exit 0 $DIXIAN export persons --area "$c" --unmasked --as "xian$c" --db src.db
	cp out "$c.csv"
	set -- "$@" "$c"
done
[ $# = 2 ] || die "two counties expected, got: $*"
a=$1 b=$2
na=$(($(wc -l <"$a.csv") - 1)); nb=$(($(wc -l <"$b.csv") - 1))
expect_exit 0 $DIXIAN init --db s.db
expect_exit 0 $DIXIAN account add "xian$a" --level 县 --scope "$a" --db s.db
expect_exit 0 $DIXIAN account add "xian$b" --level 县 --scope "$b" --db s.db
# each county twice: a first load, then (the store holding both) a
# re-import with one change in every row
twice() { # twice ROUND: both counties at once
	$DIXIAN import persons "$a$1.csv" --as "xian$a" --db s.db >a.out 2>a.err &
	pa=$!
	# SQLite: two first loads into an empty store do not overlap (the
	# first writes through a rollback journal, store.h), as in t0910
	ra=
	if [ -z "$on_pg" ] && [ "$1" = 1 ]; then
		wait $pa
		ra=$?
	fi
	$DIXIAN import persons "$b$1.csv" --as "xian$b" --db s.db >b.out 2>b.err
	rb=$?
	if [ -z "$ra" ]; then
		wait $pa
		ra=$?
	fi
	[ "$ra" = 0 ] || { cat a.err >&2; die "round $1: import of $a exited $ra"; }
	[ "$rb" = 0 ] || { cat b.err >&2; die "round $1: import of $b exited $rb"; }
	# SQLite: the second waits for the write lock and, past its busy
	# timeout on a loaded machine, runs again; both still go in
	if [ -n "$on_pg" ]; then
		expect_no_grep "another writer conflicted" a.err
		expect_no_grep "another writer conflicted" b.err
	fi
}
cp "$a.csv" "${a}1.csv"
cp "$b.csv" "${b}1.csv"
twice 1
expect_eq "$(q s.db 'SELECT count(*) FROM person')" $((na + nb)) "members after the first loads"
for c in "$a" "$b"; do
	python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
w = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""))
w.writerow(rows[0])
for r in rows[1:]:
    r[17], r[18] = "外地" + sys.argv[3], "7"
    w.writerow(r)' "$c.csv" "${c}2.csv" "$c"
done
twice 2
expect_eq "$(q s.db "SELECT count(*) FROM person WHERE work_place = '外地$a'")" "$na" "county $a's change"
expect_eq "$(q s.db "SELECT count(*) FROM person WHERE work_place = '外地$b'")" "$nb" "county $b's change"
