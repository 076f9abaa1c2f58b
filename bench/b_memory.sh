# Peak memory (issue 13.6): every import and demo under 256 MiB whatever
# its size.  Peak resident set of the dixian process by GNU time (%M), for
#  - demo --households 3000 and --households 100000;
#  - import persons of a ~300k-row ledger into a store that holds data
#    (the county's own store: every row compared with the stored one);
#  - import persons of a 3,000-row CSV into a new store.
# Each line says the figure and the target; exit 1 if any is missed.
. "$TOP/bench/lib.sh"
TARGET_MIB=256
status=0
# peak RSS in MiB of a command (its stdout and stderr dropped)
peak() { /usr/bin/time -f %M -o mem.txt "$@" >/dev/null 2>&1; awk '{printf "%.1f", $1 / 1024}' mem.txt; }
judge() {
	ok=$(echo "$2 $TARGET_MIB" | awk '{print ($1 < $2) ? "met" : "MISSED"}')
	echo "memory $1: peak ${2} MiB (target < ${TARGET_MIB} MiB: $ok)"
	[ "$ok" = met ] || status=1
}
rm -f mem3k.db* mem100k.db* memsrc.db* memdata.db* mem3kcsv.db*
judge "demo --households 3000" "$(peak $DIXIAN demo --households 3000 --db mem3k.db --today 2026-11-24 --quiet)"
judge "demo --households 100000" "$(peak $DIXIAN demo --households 100000 --db mem100k.db --today 2026-11-24 --quiet)"
# the ledger: a demo county exported unmasked (births after today dropped:
# the ID check refuses them)
$DIXIAN demo --households 82000 --db memsrc.db --today 2026-11-24 --quiet >/dev/null
sqlite3 memsrc.db "DELETE FROM person WHERE birth > date('now');
	INSERT INTO account(county_code, name, role, level, scope, created_at)
	VALUES ('532399', 'bench', '经办', '县', '532399', 'x')"
$DIXIAN export persons --area 532399 --db memsrc.db --unmasked --as bench --out mem300k.csv 2>/dev/null
rows=$(($(wc -l < mem300k.csv) - 1))
cp memsrc.db memdata.db
judge "import persons of $rows rows into a store with data" \
	"$(peak $DIXIAN import persons mem300k.csv --as bench --db memdata.db --quiet)"
head -3001 mem300k.csv > mem3k.csv
$DIXIAN init --db mem3kcsv.db >/dev/null
$DIXIAN account add bench --level 县 --scope 532399 --db mem3kcsv.db >/dev/null
judge "import persons of a 3,000-row CSV" \
	"$(peak $DIXIAN import persons mem3k.csv --as bench --db mem3kcsv.db --quiet)"
rm -f mem3k.db* mem100k.db* memsrc.db* memdata.db* mem3kcsv.db* mem.txt
exit $status
