# A township's 公示 of all its villages in one run (issue 11): one file per
# village in the --out directory, each the same as the village's own run.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 600 --db d.db --today 2026-11-24
expect_exit 0 $DIXIAN notice --area 532399101 --kind 公示 --as-of 2026-11-24 --out tw --db d.db
expect_grep '共 10 个村的公示，已写入目录 tw' out
expect_eq "$(ls tw | wc -l)" 10 "one file per village"
for code in $(q d.db "SELECT code FROM area WHERE code LIKE '532399101___' ORDER BY code"); do
	f=$(ls tw/${code}*公示.html) || die "no file for $code"
	expect_exit 0 $DIXIAN notice --area $code --kind 公示 --as-of 2026-11-24 --out one.html --db d.db
	cmp -s one.html "$f" || die "$f differs from the village's own list"
done
# xlsx, and a township account may; a village account may not ask for its township
expect_exit 0 $DIXIAN notice --area 532399101 --kind 公告 --as-of 2026-11-24 --out tx --format xlsx --as xiang532399101 --db d.db
expect_eq "$(ls tx/*.xlsx | wc -l)" 10 "xlsx per village"
expect_exit 3 $DIXIAN notice --area 532399101 --kind 公示 --out ty --as cun532399101001 --db d.db
expect_grep '不在账号 cun532399101001 的管辖范围' err
# without --out a township's lists have nowhere to go
expect_exit 2 $DIXIAN notice --area 532399101 --kind 公示 --db d.db
expect_grep '请用 --out 指定保存的目录' err
