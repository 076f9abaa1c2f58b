# Issue 19: the combined population line "脱贫人口和监测对象X户Y人": a
# 脱贫户 that is also monitored counts once, the list behind it
# (--list tuopin_monitored) has X households and Y people, and the line
# takes the policy's name for the monitored group.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 300 --db d.db
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025
line=$(grep -o '脱贫人口和监测对象[0-9]*户[0-9]*人。' out)
[ -n "$line" ] || { echo "FAILED: no combined line"; cat out; exit 1; }
x=$(echo "$line" | sed 's/脱贫人口和监测对象\([0-9]*\)户\([0-9]*\)人。/\1/')
y=$(echo "$line" | sed 's/脱贫人口和监测对象\([0-9]*\)户\([0-9]*\)人。/\2/')
th=$(grep -o '脱贫人口为[0-9]*户' out | tr -dc 0-9)
mh=$(grep -o '监测对象为[0-9]*户' out | tr -dc 0-9)
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025 --list tuopin_monitored
expect_eq "$(tail -n +2 out | wc -l | tr -d ' ')" "$x" "list rows = households"
expect_eq "$(tail -n +2 out | awk -F, '{s += $NF} END {print s}')" "$y" "list persons = people"
# each household once: no repeats, and overlaps counted once
expect_eq "$(tail -n +2 out | cut -d, -f1 | sort | uniq -d | wc -l | tr -d ' ')" 0 "no repeats"
[ "$x" -le $((th + mh)) ] && [ "$x" -ge "$th" ] && [ "$x" -ge "$mh" ] ||
	{ echo "FAILED: $x not between max($th,$mh) and $th+$mh"; exit 1; }
# every 脱贫户 and every monitored household of the other lists is in it
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025 --list tuopin_monitored
tail -n +2 out | cut -d, -f1 | sort >both
for k in tuopin monitored; do
	expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025 --list $k
	expect_eq "$(tail -n +2 out | cut -d, -f1 | sort | comm -23 - both | wc -l | tr -d ' ')" 0 "$k in the combined list"
done
# the JSON figure, under the policy's name for the group
expect_exit 0 $DIXIAN report --db d.db --area 532399 --year 2025 --format json
expect_grep '"label":	"脱贫人口和监测对象"' out
