# 一户一策 measures and visits (issue 6): add/update with the template's
# own checks, scope by account, audit, caseloads, overdue visits.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN init --db s.db
q s.db "INSERT INTO area VALUES('532326','532326',NULL,3,'大姚县'),('532326106','532326','532326',4,'示例乡'),('532326106001','532326','532326106',5,'青山村'),('532326106002','532326','532326106',5,'麦地村');
INSERT INTO household(county_code, hh_no, area_code, kind, updated_at) VALUES('532326','H1','532326106001','一般户','x'),('532326','H2','532326106002','脱贫户','x'),('532326','H3','532326106001','一般户','x');
INSERT INTO person(county_code, household_id, id_no, name, relation, sex, birth, updated_at) VALUES('532326',1,'532326196810020031','罗涛','户主','男','1968-10-02','x'),('532326',2,'532326196910040048','郝明燕','户主','女','1969-10-04','x');
INSERT INTO episode(county_code, household_id, category, risks, identified_on) VALUES('532326',1,'边缘易致贫户','因病','2026-01-10'),('532326',2,'脱贫不稳定户','因残','2025-03-01');
UPDATE episode SET eliminated_on = '2026-06-01', elim_kind = '帮扶消除' WHERE household_id = 2;"
expect_exit 0 $DIXIAN account add admin --level 县 --scope 532326 --db s.db
expect_exit 0 $DIXIAN account add cun1 --level 村 --scope 532326106001 --as admin --db s.db
expect_exit 0 $DIXIAN account add xiang --level 乡 --scope 532326106 --as admin --db s.db
# add: checked with the template's code tables and money parser
expect_exit 0 $DIXIAN measure add --hh H1 --category 产业帮扶 --detail 发展养殖 --status 已落实 --amount "1,500.50元" --start 2026-02-01 --cadre 张三 --as cun1 --db s.db
expect_grep '已登记帮扶措施 1' out
expect_eq "$(q s.db 'SELECT category, status, amount, start_on, cadre FROM measure WHERE id = 1')" "产业帮扶|已落实|150050|2026-02-01|张三" "stored measure"
expect_exit 1 $DIXIAN measure add --hh H1 --category 发钱 --status 已落实 --as cun1 --db s.db
expect_grep '措施类别' err
expect_exit 1 $DIXIAN measure add --hh H1 --category 产业帮扶 --status 已落实 --start 2026-05-01 --end 2026-01-01 --as cun1 --db s.db
expect_grep '早于开始日期' err
# a village account cannot reach another village's household, nor tell it exists
expect_exit 3 $DIXIAN measure add --hh H2 --category 产业帮扶 --status 计划 --as cun1 --db s.db
expect_grep '管辖范围内没有户编号 H2' err
expect_exit 3 $DIXIAN measure add --hh NOPE --category 产业帮扶 --status 计划 --as cun1 --db s.db
expect_grep '管辖范围内没有户编号 NOPE' err
# no account, no write (issue 11.4)
expect_exit 3 $DIXIAN measure add --hh H1 --category 产业帮扶 --status 计划 --db s.db
expect_grep '该操作需要账号：请用 --as 指定账号' err
expect_exit 0 $DIXIAN measure add --hh H2 --category 金融帮扶 --detail 小额信贷 --status 已落实 --amount 50000 --start 2025-04-01 --end 2028-03-31 --cadre 李四 --as xiang --db s.db
# update: only what changed, audited with old and new values; no-op updates write nothing
expect_exit 0 $DIXIAN measure update 1 --status 计划 --as cun1 --db s.db
expect_eq "$(q s.db "SELECT count(*) FROM audit WHERE entity = 'measure' AND entity_key = '1'")" 2 "audit rows for measure 1"
expect_eq "$(q s.db "SELECT action FROM audit WHERE entity = 'measure' AND entity_key = '1' ORDER BY id")" "measure.add
measure.update" "the audit words of a measure (subject.verb)"
q s.db "SELECT before, after FROM audit WHERE entity = 'measure' AND action = 'measure.update'" > a.txt
expect_grep '"status":"已落实"' a.txt
expect_grep '"status":"计划"' a.txt
expect_exit 1 $DIXIAN measure update 1 --status 计划 --as cun1 --db s.db
expect_grep '帮扶措施 1 没有变化：状态已是 计划' err
expect_no_grep '已更新' out
expect_eq "$(q s.db "SELECT count(*) FROM audit WHERE entity = 'measure' AND entity_key = '1'")" 2 "no audit for a no-op update"
# 已完成 is 已落实: onto an 已落实 measure it changes nothing and says so (issue 11.8)
expect_exit 0 $DIXIAN measure update 1 --status 已完成 --as cun1 --db s.db
expect_eq "$(q s.db 'SELECT status FROM measure WHERE id = 1')" 已落实 "已完成 stored as 已落实"
expect_exit 1 $DIXIAN measure update 1 --status 已完成 --as cun1 --db s.db
expect_grep '没有变化：状态已是 已落实（已完成 记作 已落实）' err
expect_no_grep '已更新' out
expect_exit 0 $DIXIAN measure update 1 --status 计划 --as cun1 --db s.db
expect_exit 3 $DIXIAN measure update 2 --status 计划 --as cun1 --db s.db
expect_exit 0 $DIXIAN measure list --hh H1 --as cun1 --db s.db
expect_grep '^1,产业帮扶,发展养殖,计划,1500.50,2026-02-01,,张三' out
# caseload: the loan (fixed-term) is still in force after elimination
expect_exit 0 $DIXIAN measure caseload --as xiang --as-of 2026-11-24 --db s.db
expect_grep '^532326106001,张三,1,1' out
expect_grep '^532326106002,李四,1,1' out
expect_exit 0 $DIXIAN measure caseload --as xiang --as-of 2028-06-01 --db s.db
expect_no_grep '李四' out
# visits: H1 (active, 2/week) visited once this week; H2 (eliminated, 1/week) once
expect_exit 0 $DIXIAN visit add --hh H1 --date 2026-11-20 --cadre 张三 --content 入户了解 --as cun1 --db s.db
expect_exit 0 $DIXIAN visit add --hh H2 --date 2026-11-23 --cadre 李四 --as xiang --db s.db
expect_eq "$(q s.db "SELECT DISTINCT action FROM audit WHERE entity = 'visit'")" visit.add "a visit's audit word"
expect_exit 1 $DIXIAN visit add --hh H1 --date 2026-13-01 --cadre 张三 --as cun1 --db s.db
expect_exit 1 $DIXIAN visit add --hh H1 --date 2099-01-01 --cadre 张三 --as cun1 --db s.db
expect_grep '晚于今天' err
expect_exit 0 $DIXIAN visit overdue --as xiang --as-of 2026-11-24 --db s.db
expect_grep '^张三,532326106001,青山村,H1,罗涛,未消除,1,2,2026-11-20' out
expect_no_grep ',H2,' out
expect_grep '监测户2户，近7天走访次数不足1户' err
# a second visit this week clears H1; the village account sees only its village
expect_exit 0 $DIXIAN visit add --hh H1 --date 2026-11-22 --cadre 王五 --as cun1 --db s.db
expect_exit 0 $DIXIAN visit overdue --as cun1 --as-of 2026-11-24 --db s.db
expect_no_grep ',H1,' out
expect_exit 3 $DIXIAN visit overdue --as cun1 --area 532326106002 --as-of 2026-11-24 --db s.db
expect_grep '管辖范围' err
# a week later both are overdue, listed by cadre
expect_exit 0 $DIXIAN visit overdue --as xiang --as-of 2026-12-05 --db s.db
expect_grep '^李四,532326106002,麦地村,H2' out
expect_grep '^王五,532326106001,青山村,H1' out
