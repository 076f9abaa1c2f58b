# Members who come and go (issue 11): person add, leave and move need a
# writing account in scope of every household involved, validate their
# dates, keep the history (never overwritten), keep the household's
# derived columns right, and are audited with old and new values.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 300 --db demo.db
expect_exit 0 $DIXIAN account add xian --level 县 --scope 532399 --db demo.db --as xian532399
expect_exit 0 $DIXIAN account add kan --level 县 --scope 532399 --role 查看 --db demo.db --as xian532399
# two households of one village (the move), and a village account elsewhere
set -- $(q demo.db "SELECT h.hh_no FROM household h WHERE h.members >= 2 AND h.area_code = (SELECT area_code FROM household GROUP BY area_code HAVING count(*) >= 2 ORDER BY area_code LIMIT 1) ORDER BY h.id LIMIT 2")
A=$1; B=$2
aid=$(q demo.db "SELECT id FROM household WHERE hh_no = '$A'")
bid=$(q demo.db "SELECT id FROM household WHERE hh_no = '$B'")
vil=$(q demo.db "SELECT area_code FROM household WHERE id = $aid")
other=$(q demo.db "SELECT code FROM area WHERE level = 5 AND code != '$vil' LIMIT 1")
expect_exit 0 $DIXIAN account add cun --level 村 --scope "$vil" --db demo.db --as xian532399
expect_exit 0 $DIXIAN account add cunx --level 村 --scope "$other" --db demo.db --as xian532399
ma=$(q demo.db "SELECT members FROM household WHERE id = $aid")
mb=$(q demo.db "SELECT members FROM household WHERE id = $bid")
# add: a newborn (valid ID, date not before birth), needs --as, refused read-only / out of scope
NEW=532399202503010016
expect_exit 2 $DIXIAN person add --hh "$A" --id $NEW --name 新生儿 --relation 之孙子 --date 2025-03-02 --db demo.db
expect_exit 3 $DIXIAN person add --hh "$A" --id $NEW --name 新生儿 --relation 之孙子 --date 2025-03-02 --as kan --db demo.db
expect_grep '只能查看' err
expect_exit 3 $DIXIAN person add --hh "$A" --id $NEW --name 新生儿 --relation 之孙子 --date 2025-03-02 --as cunx --db demo.db
expect_grep '管辖范围内没有户编号' err
expect_exit 1 $DIXIAN person add --hh "$A" --id 532399202503010017 --name 新生儿 --relation 之孙子 --date 2025-03-02 --as cun --db demo.db
expect_grep '校验位' err
expect_exit 1 $DIXIAN person add --hh "$A" --id $NEW --name 新生儿 --relation 孙子 --date 2025-03-02 --as cun --db demo.db
expect_grep '与户主关系 "孙子" 不是有效值' err
expect_exit 1 $DIXIAN person add --hh "$A" --id $NEW --name 新生儿 --relation 之孙子 --date 2025-02-01 --as cun --db demo.db
expect_grep '早于出生日期' err
expect_exit 1 $DIXIAN person add --hh "$A" --id $NEW --name 新生儿 --relation 之孙子 --date 2025-02-31 --as cun --db demo.db
expect_grep '不是有效日期' err
expect_exit 3 $DIXIAN person add --hh "$A" --id $NEW --name 新生儿 --relation 户主 --date 2025-03-02 --as cun --db demo.db
expect_grep '已有户主' err
expect_exit 1 $DIXIAN person add --hh "$A" --id $NEW --name 新生儿 --relation 之孙子 --date 2025-03-02 --insurance 商业保险 --as cun --db demo.db
expect_grep '城乡居民 或 城镇职工' err
expect_exit 0 $DIXIAN person add --hh "$A" --id $NEW --name 新生儿 --relation 之孙子 --date 2025-03-02 --school 学龄前儿童 --insurance 城乡居民 --as cun --db demo.db
expect_eq "$(q demo.db "SELECT school, ins_resident, ins_employee, counted FROM person WHERE id_no = '$NEW'")" "学龄前儿童|1|0|1" "the newborn's fields"
expect_eq "$(q demo.db "SELECT members FROM household WHERE id = $aid")" "$((ma + 1))" "members of $A after add"
pid=$(q demo.db "SELECT id FROM person WHERE id_no = '$NEW'")
expect_eq "$(q demo.db "SELECT household_id, from_on, coalesce(to_on, '-') FROM membership WHERE person_id = $pid")" "$aid|2025-03-02|-" "period of the newborn"
q demo.db "SELECT after FROM audit WHERE action = 'person.add' AND entity_key = '$pid'" > a.txt
expect_grep '"加入日期":"2025-03-02"' a.txt
expect_no_grep "$NEW" a.txt
# the same ID again: 两头占, refused (a move is the way)
expect_exit 3 $DIXIAN person add --hh "$B" --id $NEW --name 新生儿 --relation 之子 --date 2025-04-01 --as cun --db demo.db
expect_grep '两头占' err
# move a member of A (not the 户主) to B: history closed and opened, both counts follow
mover=$(q demo.db "SELECT id_no FROM person WHERE household_id = $aid AND relation != '户主' AND counted = 1 AND id != $pid ORDER BY id LIMIT 1")
mid=$(q demo.db "SELECT id FROM person WHERE id_no = '$mover'")
expect_exit 3 $DIXIAN person move "$mover" --to "$B" --date 2026-02-01 --as cunx --db demo.db
expect_exit 3 $DIXIAN person move "$mover" --to "$A" --date 2026-02-01 --as cun --db demo.db
expect_grep '无需迁移' err
expect_exit 0 $DIXIAN person move "$mover" --to "$B" --date 2026-02-01 --as cun --db demo.db
expect_eq "$(q demo.db "SELECT members FROM household WHERE id = $aid")" "$ma" "members of $A after the move"
expect_eq "$(q demo.db "SELECT members FROM household WHERE id = $bid")" "$((mb + 1))" "members of $B after the move"
expect_eq "$(q demo.db "SELECT household_id || ':' || coalesce(from_on, '') || ':' || coalesce(to_on, '') || ':' || reason FROM membership WHERE person_id = $mid ORDER BY id" | tr '\n' ' ')" "$aid::2026-02-01:户间迁移 $bid:2026-02-01:: " "periods of the mover"
q demo.db "SELECT before, after FROM audit WHERE action = 'person.move' AND entity_key = '$mid'" > a.txt
expect_grep "\"户编号\":\"$A\"" a.txt
expect_grep "\"户编号\":\"$B\"" a.txt
# leave: the newborn moves out; reasons and dates checked; never overwritten
expect_exit 1 $DIXIAN person leave "$NEW" --reason 失踪 --date 2026-03-01 --as cun --db demo.db
expect_grep '死亡、迁出、婚嫁、服刑 或 其他' err
expect_exit 1 $DIXIAN person leave "$NEW" --reason 迁出 --date 2025-03-02 --as cun --db demo.db
expect_grep '应晚于' err
expect_exit 0 $DIXIAN person leave "$NEW" --reason 迁出 --date 2026-03-01 --as cun --db demo.db
expect_eq "$(q demo.db "SELECT members FROM household WHERE id = $aid")" "$((ma - 1))" "members of $A after leave"
expect_eq "$(q demo.db "SELECT left_on FROM person WHERE id = $pid")" "2026-03-01" "left_on"
expect_eq "$(q demo.db "SELECT to_on || ':' || reason FROM membership WHERE person_id = $pid")" "2026-03-01:迁出" "closed period"
expect_exit 3 $DIXIAN person leave "$NEW" --reason 死亡 --date 2026-04-01 --as cun --db demo.db
expect_grep '不是现有成员' err
expect_eq "$(q demo.db "SELECT count(*) FROM audit WHERE action LIKE 'person.%'")" 3 "audit rows"
# the derived columns equal a recount from the members
expect_eq "$(q demo.db "SELECT count(*) FROM household h WHERE members != (SELECT count(*) FROM person p WHERE p.household_id = h.id AND p.counted = 1 AND p.left_on IS NULL)")" 0 "stale member counts"
# the record shows the history: former members with their day and reason
expect_exit 0 $DIXIAN household show "$A" --db demo.db
expect_grep '新生儿 之孙子 .*2025-03-02加入 【2026-03-01离开：迁出】' out
expect_grep "迁往户$B" out
expect_grep 'person.leave' out
expect_exit 0 $DIXIAN household show "$B" --db demo.db
expect_grep '2026-02-01加入' out
# coming back: a person on record who left may rejoin from a later day
expect_exit 0 $DIXIAN person add --hh "$A" --id $NEW --name 新生儿 --relation 之孙子 --date 2026-05-01 --as cun --db demo.db
expect_eq "$(q demo.db "SELECT members FROM household WHERE id = $aid")" "$ma" "members of $A after rejoining"
expect_eq "$(q demo.db "SELECT count(*) FROM membership WHERE person_id = $pid")" 2 "periods after rejoining"
