# A screening suggestion becomes a clue in one action (issue 5): every
# suggested household without an open clue or case gets one, with the
# screening's reason; running it again adds nothing.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 600 --db d.db --today 2026-11-24
expect_exit 0 $DIXIAN screen --db d.db --area 532399 --year 2025 --as-of 2026-11-24 --format csv
sug=$(awk -F, 'NR > 1 && $7 != ""' out | wc -l | tr -d ' ')
[ "$sug" -gt 0 ] || die "the demo county has no suggestions"
before=$(q d.db "SELECT count(*) FROM clue")
expect_exit 0 $DIXIAN clue from-screen --year 2025 --date 2026-11-24 --as xian532399 --db d.db
added=$(q d.db "SELECT count(*) FROM clue") ; added=$((added - before))
expect_grep "筛查建议${sug}户：已登记线索${added}条" out
[ "$added" -gt 0 ] || die "no clue added"
expect_eq "$(q d.db "SELECT count(*) FROM clue WHERE found_on = '2026-11-24' AND source = '干部排查' AND reason LIKE '%：筛查建议%'")" "$added" "clues from screening"
expect_eq "$(q d.db "SELECT DISTINCT deadline FROM clue WHERE reason LIKE '%：筛查建议%'")" 2026-12-09 "deadline"
# no household gets a second open clue
expect_eq "$(q d.db "SELECT count(*) FROM (SELECT household_id FROM clue WHERE state = '待核实' GROUP BY 1 HAVING count(*) > 1) t")" 0 "duplicate open clues"
expect_exit 0 $DIXIAN clue from-screen --year 2025 --date 2026-11-25 --as xian532399 --db d.db
expect_grep '已登记线索0条' out
# scope and role
expect_exit 0 $DIXIAN account add look --level 县 --scope 532399 --role 查看 --as xian532399 --db d.db
expect_exit 3 $DIXIAN clue from-screen --year 2025 --as look --db d.db
expect_grep '只能查看' err
expect_exit 3 $DIXIAN clue from-screen --year 2025 --area 532399102 --as cun532399101001 --db d.db
expect_grep '管辖范围' err
