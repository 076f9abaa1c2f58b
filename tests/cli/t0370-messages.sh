# Messages a cadre understands (issue 11): help in Chinese with each coded
# option's values, read from the code tables, and examples; policy keys by
# their Chinese names too (监测线).
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN --help
expect_grep '用法: dixian' out
for c in init demo import export policy screen check account clue case overdue notice measure visit warning report; do
	expect_exit 0 $DIXIAN help $c
	expect_grep "用法: dixian $c" out
	expect_grep '示例:' out
	# no English prose: placeholders and option names only
	! grep -qiE 'usage|command|create|show the|options|every |account[^ ]* *add NAME' out ||
		{ cat out; die "English in help $c"; }
done
# --help after a command is its help
expect_exit 0 $DIXIAN case step 1 --help
expect_grep '用法: dixian case' out
expect_grep '入户核实' out
# values come from the code tables
expect_exit 0 $DIXIAN help case
expect_grep '入户核实 → 信息比对 → 村级民主评议 → 公示 → 乡镇审核 → 县级审定 → 公告' out
expect_grep '脱贫不稳定户、边缘易致贫户、突发严重困难户' out
expect_grep '因病、因残、因学' out
expect_grep '办理中、已通过、未通过、已撤销' out
expect_exit 0 $DIXIAN help measure
expect_grep '已完成（即 已落实）' out
expect_grep '产业帮扶' out
expect_exit 0 $DIXIAN help clue
expect_grep '农户自主申报、干部排查、部门预警、热线/小程序' out
expect_exit 0 $DIXIAN help policy
expect_grep 'monitoring_line *监测线' out
expect_exit 0 $DIXIAN help import
expect_grep 'persons *户成员台账' out
# policy keys by their Chinese names: set, show, what-if
new_store a.db
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as admin --db a.db
expect_exit 0 $DIXIAN policy set 监测线 9500 --area 532326 --year 2025 --as admin --db a.db
expect_eq "$(q a.db "SELECT key || '=' || value FROM policy")" "monitoring_line=9500.00" "stored under its key"
expect_exit 0 $DIXIAN policy show --area 532326 --year 2025 --db a.db
expect_grep '^monitoring_line	9500.00	.*监测线' out
expect_exit 0 $DIXIAN screen --area 532326 --year 2023 --what-if 监测线=12000 --db a.db
expect_exit 0 $DIXIAN screen --area 532326 --year 2023 --what-if monitoring_line=12000 --db a.db
expect_exit 1 $DIXIAN policy set 监测标准 9500 --area 532326 --year 2025 --as admin --db a.db
expect_grep '未知的参数名' err
if sqlite_only "a file that is not a store, a store file another program locks"; then
# a store that cannot be opened: the reason in Chinese
echo 'not a database' > bad.db
expect_exit 3 $DIXIAN clue list --db bad.db
expect_grep '无法打开数据库 bad.db（' err
# a store another program holds: the reason in Chinese, not SQLite's
python3 - a.db <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open("locked", "w").close()
time.sleep(20)
PY
holder=$!
i=0; while [ ! -e locked ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
expect_exit 3 $DIXIAN clue add 532326106000004 --source 干部排查 --reason 因病 --as admin --db a.db
kill $holder
expect_grep '数据库正被其他程序使用，请稍后再试' err
expect_no_grep 'database is locked\|SQLITE' err
fi
