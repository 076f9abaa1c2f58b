# The cost of sealed ID numbers (issue 13, a lost laptop): the same
# 户成员台账 from a demo county imported into an empty store, plain and
# protected (`dixian protect` first, then import with --key-file); the
# same file imported again (every row looked up by its sealed number,
# unchanged); the county report; an unmasked export of every person (a
# number opened per row).  Alternating plain / protected, N rounds
# (DIXIAN_BENCH_IDP_ROUNDS, default 5), median and best of each; ratio =
# protected / plain (on a shared machine the best is the steadier).  No target: the figures are for the note.
. "$TOP/bench/lib.sh"
hh=${DIXIAN_BENCH_IDP_HH:-20000}
rounds=${DIXIAN_BENCH_IDP_ROUNDS:-5}
rm -f idp_src.db* idp_plain.db* idp_prot.db* idp.key
$DIXIAN demo --households $hh --db idp_src.db --today 2026-11-24 --quiet >/dev/null
sqlite3 idp_src.db "DELETE FROM person WHERE birth > date('now');
	INSERT INTO account(county_code, name, role, level, scope, created_at)
	VALUES ('532399', 'bench', 'admin', '县', '532399', 'x')"
$DIXIAN export persons --area 532399 --db idp_src.db --unmasked --as bench --out idp_persons.csv 2>/dev/null
rows=$(($(wc -l < idp_persons.csv) - 1))
$DIXIAN protect --new-key idp.key >/dev/null
store() {
	rm -f "$1"*
	$DIXIAN init --db "$1" >/dev/null
	$DIXIAN account add bench --level 县 --scope 532399 --db "$1" >/dev/null
}
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
# time CMD...: seconds the command took
t() { t0=$(now); "$@" >/dev/null 2>&1 || echo "FAILED: $*" >&2; elapsed $t0; }
: >idp_times
for i in $(seq $rounds); do
	store idp_plain.db
	echo "import_plain $(t $DIXIAN import persons idp_persons.csv --as bench --db idp_plain.db --quiet)" >>idp_times
	store idp_prot.db
	$DIXIAN protect --db idp_prot.db --key-file idp.key >/dev/null
	echo "import_prot $(t $DIXIAN import persons idp_persons.csv --as bench --db idp_prot.db --quiet --key-file idp.key)" >>idp_times
	echo "reimport_plain $(t $DIXIAN import persons idp_persons.csv --as bench --db idp_plain.db --quiet)" >>idp_times
	echo "reimport_prot $(t $DIXIAN import persons idp_persons.csv --as bench --db idp_prot.db --quiet --key-file idp.key)" >>idp_times
	echo "report_plain $(t $DIXIAN report --area 532399 --year 2026 --db idp_plain.db)" >>idp_times
	echo "report_prot $(t $DIXIAN report --area 532399 --year 2026 --db idp_prot.db --key-file idp.key)" >>idp_times
	echo "report_prot_nokey $(t $DIXIAN report --area 532399 --year 2026 --db idp_prot.db)" >>idp_times
	echo "export_plain $(t $DIXIAN export persons --area 532399 --unmasked --as bench --out idp_x1.csv --db idp_plain.db)" >>idp_times
	echo "export_prot $(t $DIXIAN export persons --area 532399 --unmasked --as bench --out idp_x2.csv --db idp_prot.db --key-file idp.key)" >>idp_times
done
cmp -s idp_x1.csv idp_x2.csv || echo "FAILED: the protected store's export differs from the plain one's" >&2
m() { grep "^$1 " idp_times | cut -d' ' -f2 | median; }
best() { grep "^$1 " idp_times | cut -d' ' -f2 | sort -n | head -1; }
for k in import reimport report export; do
	p=$(m ${k}_plain) s=$(m ${k}_prot) bp=$(best ${k}_plain) bs=$(best ${k}_prot)
	echo "idprotect $k ($rows persons, $rounds rounds): median plain ${p}s, protected ${s}s," \
		"ratio $(ratio $s $p); best plain ${bp}s, protected ${bs}s, ratio $(ratio $bs $bp)"
done
echo "idprotect report without the key: $(m report_prot_nokey)s"
echo "idprotect store size: plain $(stat -c %s idp_plain.db) bytes, protected $(stat -c %s idp_prot.db) bytes"
