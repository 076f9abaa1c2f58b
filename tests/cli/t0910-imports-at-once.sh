# Issue 16: two imports at once.  Into different townships, both succeed
# (on PostgreSQL a serialization failure between them is retried, not
# reported as busy); into the same households, both succeed one after the
# other and the store holds one file's values whole, never a mix.  Runs on
# both engines (SQLite: the second waits for the first's write lock).
. "$TOP/tests/cli/lib.sh"
# a county of 2000 households, as a 户成员台账 split by township
expect_exit 0 $DIXIAN demo --households 2000 --db src.db --today 2026-11-24
expect_exit 0 $DIXIAN export persons --area 532399 --unmasked --as xian532399 --db src.db
cp out all.csv
head -1 all.csv >head.csv
part() { { cat head.csv; grep "^$1" all.csv; } >"$2"; }
part 53239910[1-3] a.csv
part 53239910[4-6] b.csv
part 53239910[7-8] c.csv
na=$(($(wc -l <a.csv) - 1)); nb=$(($(wc -l <b.csv) - 1)); nc=$(($(wc -l <c.csv) - 1))
[ "$na" -gt 500 ] && [ "$nb" -gt 500 ] || die "townships too small: $na, $nb rows"
new_store s.db 532399
# the store holds members already (the imports update, not a first load)
expect_exit 0 $DIXIAN import persons c.csv --as admin --db s.db
# two townships at once
$DIXIAN import persons a.csv --as admin --db s.db >a.out 2>a.err &
pa=$!
$DIXIAN import persons b.csv --as admin --db s.db >b.out 2>b.err
rb=$?
wait $pa
ra=$?
[ "$ra" = 0 ] || { cat a.err >&2; die "import of township A exited $ra"; }
[ "$rb" = 0 ] || { cat b.err >&2; die "import of township B exited $rb"; }
expect_eq "$(q s.db 'SELECT count(*) FROM person')" $((na + nb + nc)) "members after both"
# the same households at once, with different 务工所在地 in every row
# (columns 18 and 19): the store ends with one file's, whole
place() {
	python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
w = csv.writer(open(sys.argv[3], "w", encoding="utf-8", newline=""))
w.writerow(rows[0])
for r in rows[1:]:
    r[17], r[18] = sys.argv[2], "6"
    w.writerow(r)' a.csv "$1" "$2"
}
place 甲地 x.csv
place 乙地 y.csv
$DIXIAN import persons x.csv --as admin --db s.db >x.out 2>x.err &
px=$!
$DIXIAN import persons y.csv --as admin --db s.db >y.out 2>y.err
ry=$?
wait $px
rx=$?
[ "$rx" = 0 ] || { cat x.err >&2; die "import x exited $rx"; }
[ "$ry" = 0 ] || { cat y.err >&2; die "import y exited $ry"; }
places=$(q s.db "SELECT work_place, count(*) FROM person WHERE work_place IN ('甲地', '乙地') GROUP BY work_place")
case $places in
"甲地|$na" | "乙地|$na") ;;
*) die "the two files' values mixed: $places" ;;
esac
# both were imported (the later one found the first one's values)
expect_eq "$(q s.db "SELECT count(*) FROM import_run WHERE file LIKE '%x.csv' OR file LIKE '%y.csv'")" 2 "import runs logged"
