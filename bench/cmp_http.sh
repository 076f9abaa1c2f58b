# Byte-for-byte comparison of GET /api/households/{户编号} between two
# dixian binaries, for speed work on the household route (the record's JSON
# must not change).  Each binary serves its own copy of DB; the same
# households are asked of both, masked (three times over) and unmasked (?unmasked=1, an
# audited read: the audit rows it writes are the same on both copies), as
# the county account b_http.sh uses.
#
#   cd bench/out && A=/tmp/base/dixian B=/work/x/dixian TOP=/work/x \
#       [N=300] [DB=http100000.db] sh ../cmp_http.sh
#
# N households spread over the county (every (count/N)th by id), plus every
# household with membership periods, episodes, cases, measures, visits,
# warnings, clues or person audit rows (up to 50 of each).  Prints the
# number compared and each that differs; exits 1 if any does.
n=${N:-300}
src=${DB:-http100000.db}
rm -f cmpA.db cmpB.db cmpA.db-wal cmpB.db-wal cmpA.db-shm cmpB.db-shm
cp "$src" cmpA.db
# Member changes first (by A, the older binary), so that some households
# have membership periods, former members and person audit rows, which the
# demo has none of: 20 members moved to another household, 8 who left.
tot=$(sqlite3 cmpA.db "SELECT count(*) FROM household")
sqlite3 cmpA.db "SELECT p.id_no, (SELECT hh_no FROM household WHERE id = h.id + 1)
	FROM person p JOIN household h ON h.id = p.household_id
	WHERE h.id % ($tot / 28) = 3 AND p.relation != '户主' AND p.left_on IS NULL
	GROUP BY h.id LIMIT 28" >cmp_moves.txt
i=0
while IFS='|' read id to; do
	i=$((i + 1))
	if [ $i -le 20 ]; then
		$A person move $id --to $to --relation 其他 --date 2026-10-0$((i % 9 + 1)) \
			--as xian532399 --db cmpA.db >/dev/null
	else
		$A person leave $id --reason 迁出 --date 2026-10-1$((i % 9)) --as xian532399 \
			--db cmpA.db >/dev/null
	fi
done <cmp_moves.txt
cp cmpA.db cmpB.db
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
tot=$(sqlite3 cmpA.db "SELECT count(*) FROM household")
step=$((tot / n))
[ $step -ge 1 ] || step=1
{
	sqlite3 cmpA.db "SELECT hh_no FROM household WHERE id % $step = 3 ORDER BY id LIMIT $n"
	for t in membership episode case_file measure visit warning clue; do
		sqlite3 cmpA.db "SELECT DISTINCT h.hh_no FROM $t x JOIN household h ON h.id = x.household_id LIMIT 50"
	done
	sqlite3 cmpA.db "SELECT DISTINCT h.hh_no FROM audit a JOIN person p ON a.entity = 'person'
		AND a.entity_key = CAST(p.id AS TEXT) JOIN household h ON h.id = p.household_id LIMIT 50"
} | sort -u >cmp_hh.txt
# fetch BIN DB OUTDIR: every household of cmp_hh.txt, masked and not
fetch() {
	echo "bench-password-1" | $1 account passwd xian532399 --db $2 >/dev/null
	port=$(freeport)
	$1 serve --db $2 --port $port --threads 2 >cmp_serve.out 2>cmp_serve.log &
	pid=$!
	for i in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:$port/ && break; sleep 0.1; done
	cookie=$(curl -s -D - -o /dev/null -d '{"username":"xian532399","password":"bench-password-1"}' \
		http://127.0.0.1:$port/api/login | sed -n 's/^Set-Cookie: \([^;]*\).*/\1/p')
	rm -rf $3
	mkdir -p $3
	# masked three times (the third from the memo of a binary that keeps
	# one, which keeps a record from its second ask on), then unmasked:
	# each unmasked read writes an audit row
	for m in m m2 m3; do
		while read hh; do
			curl -s -H "Cookie: $cookie" -o $3/$hh.$m http://127.0.0.1:$port/api/households/$hh
		done <cmp_hh.txt
	done
	while read hh; do
		curl -s -H "Cookie: $cookie" -o $3/$hh.u "http://127.0.0.1:$port/api/households/$hh?unmasked=1"
	done <cmp_hh.txt
	# and one that is not there
	curl -s -H "Cookie: $cookie" -o $3/none.m http://127.0.0.1:$port/api/households/000000
	kill -TERM $pid
	wait $pid
}
fetch "$A" cmpA.db cmp_outA
fetch "$B" cmpB.db cmp_outB
# the audit's own rows (times aside) must match too
for d in A B; do
	sqlite3 cmp$d.db "SELECT actor, action, entity, entity_key FROM audit WHERE action = 'household.read_unmasked' ORDER BY id" >cmp_audit$d.txt
done
# an unmasked answer shows its own read's audit row, whose time differs:
# every audit time of those answers is blanked (the masked answers, which
# carry the same rows, compare them)
for f in cmp_outA/*.u cmp_outB/*.u; do
	sed 's/"at":"[0-9T:-]*Z"/"at":""/g' $f >$f.t && mv $f.t $f
done
bad=0
for f in cmp_outA/*; do
	if ! cmp -s $f cmp_outB/${f#cmp_outA/}; then
		echo "differs: ${f#cmp_outA/}"
		bad=$((bad + 1))
	fi
done
cmp -s cmp_auditA.txt cmp_auditB.txt || { echo "differs: the unmasked reads' audit rows"; bad=$((bad + 1)); }
echo "compared $(ls cmp_outA | wc -l) answers ($(wc -l <cmp_hh.txt) households, masked thrice and unmasked, and one unknown), $(wc -l <cmp_auditA.txt) audit rows: $bad differ"
[ $bad = 0 ]
