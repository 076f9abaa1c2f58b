/*
 * test_report.c - the 基本情况 figures on a hand-built ledger whose every
 * number is worked out in the comments, including as-of history.
 */
#include "testutil.h"
#include "app/demo.h"
#include "app/report.h"
#include "app/report_funds.h"
#include "core/date.h"
#include "store/procedure.h"
#include "store/store_int.h"
#include "store/warnings.h"
#include "store/membership.h"
#include "store/ledger.h"
#include "store/screen_scan.h"

#include <sqlite3.h>

static int build(struct dx_store *st, const char *area, int year, const char *as_of,
		 const char *label, struct dx_report *r)
{
	struct dx_report_opts o = {.area = area, .year = year, .as_of = as_of, .label = label, .today = *tu_today()};
	return dx_report_build(st, &o, r, NULL);
}

static int64_t add_hh(struct dx_store *st, const char *no, const char *village, const char *kind,
		      int counted, int not_counted)
{
	static int seq = 100;
	struct dx_household h = {0};
	dx_strlcpy(h.hh_no, no, sizeof(h.hh_no));
	dx_strlcpy(h.area_code, village, sizeof(h.area_code));
	dx_strlcpy(h.kind, kind, sizeof(h.kind));
	h.tuopin_year = strcmp(kind, "脱贫户") ? 0 : 2016;
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	for (int i = 0; i < counted + not_counted; i++) {
		struct dx_person p = {.household_id = h.id, .relation = "户主", .sex = "男",
				      .birth = "1970-01-01", .work_months = -1};
		dx_snprintf(p.id_no, sizeof(p.id_no), "532326197001%06d", seq++);
		dx_strlcpy(p.name, "某", sizeof(p.name));
		p.counted = i < counted;
		assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
	}
	return h.id;
}

static void add_income(struct dx_store *st, int64_t hid, int year, int64_t net_yuan)
{
	/* net = wage + business - cost, with a cost so the subtraction counts */
	struct dx_income_row in = {.household_id = hid, .year = year, .wage = net_yuan * 100,
			       .business = 200000, .business_cost = 200000, .oop = 999900};
	assert_int_equal(dx_store_income_put(st, &in), DX_OK);
}

static int64_t add_episode(struct dx_store *st, int64_t hid, const char *cat, const char *ident,
			   const char *elim, int reflag, int64_t prev)
{
	struct dx_episode e = {.household_id = hid, .reflag = reflag, .prev_id = prev};
	dx_strlcpy(e.category, cat, sizeof(e.category));
	dx_strlcpy(e.risks, "因病", sizeof(e.risks));
	dx_strlcpy(e.identified_on, ident, sizeof(e.identified_on));
	dx_strlcpy(e.eliminated_on, elim, sizeof(e.eliminated_on));
	assert_int_equal(dx_store_episode_insert(st, &e), DX_OK);
	return e.id;
}

struct fixture {
	char path[64];
	struct dx_store *st;
};

static int setup(void **state)
{
	struct fixture *f = dx_xcalloc(1, sizeof(*f));
	struct dx_store *st;
	int64_t h1, h2, h3, h4, h5, e5;
	tu_tmpdb(f->path);
	assert_int_equal(dx_store_open(&f->st, f->path, DX_STORE_CREATE), DX_OK);
	st = f->st;
	assert_int_equal(dx_store_area_put(st, "532326", "大姚县"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106", "示例乡"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106001", "青山村"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106002", "麦地村"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326107", "别的乡"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326107001", "别的村"), DX_OK);
	/* H1 脱贫户: 4 counted + 1 not counted; 2025 net 40000, 2024 net 32000 */
	h1 = add_hh(st, "H1", "532326106001", "脱贫户", 4, 1);
	add_income(st, h1, 2025, 40000);
	add_income(st, h1, 2024, 32000);
	/* H2 脱贫户: 2 members; 2025 net 20000, no 2024 row; 脱贫不稳定户
	 * identified 2023-03-01, eliminated 2024-01-10 */
	h2 = add_hh(st, "H2", "532326106001", "脱贫户", 2, 0);
	add_income(st, h2, 2025, 20000);
	add_episode(st, h2, "脱贫不稳定户", "2023-03-01", "2024-01-10", 0, 0);
	/* H3 一般户: 3 members; 2025 15000, 2024 12000; 边缘 since 2025-05-01 */
	h3 = add_hh(st, "H3", "532326106002", "一般户", 3, 0);
	add_income(st, h3, 2025, 15000);
	add_income(st, h3, 2024, 12000);
	add_episode(st, h3, "边缘易致贫户", "2025-05-01", "", 0, 0);
	/* H4 一般户: identified after the as-of date, so not counted in 2025 */
	h4 = add_hh(st, "H4", "532326106002", "一般户", 1, 0);
	add_episode(st, h4, "突发严重困难户", "2026-02-01", "", 0, 0);
	/* H5 一般户: 3 members, 边缘 2022-01-01 eliminated 2022-09-01, then
	 * 风险再标注 2025-03-01, no income rows */
	h5 = add_hh(st, "H5", "532326106002", "一般户", 3, 0);
	e5 = add_episode(st, h5, "边缘易致贫户", "2022-01-01", "2022-09-01", 0, 0);
	add_episode(st, h5, "边缘易致贫户", "2025-03-01", "", 1, e5);
	/* H1: a measure (not counted: H1 is not monitored); H6 一般户: a
	 * counted 低保 member working in 浙江, an uncounted 低保 member and a
	 * member working 乡内; H3: two measures, one implemented, 8 visits in
	 * December; H5: 3 visits */
	{
		int64_t h6 = add_hh(st, "H6", "532326106001", "一般户", 0, 0);
		struct dx_measure m = {.household_id = h1, .category = "产业帮扶", .status = "已落实",
				       .start_on = "2025-01-01"};
		struct dx_person p = {.household_id = h6, .relation = "户主", .sex = "男",
				      .birth = "1990-01-01", .work_months = 10, .counted = 1,
				      .dibao = 1, .dibao_class = "B", .work_place = "浙江省宁波市",
				      .id_no = "532326199001019991", .name = "某"};
		struct dx_person q = p;
		struct dx_person w = p;
		assert_int_equal(dx_store_measure_insert(st, &m), DX_OK);
		m.household_id = h3;
		assert_int_equal(dx_store_measure_insert(st, &m), DX_OK);
		dx_strlcpy(m.status, "计划", sizeof(m.status));
		assert_int_equal(dx_store_measure_insert(st, &m), DX_OK);
		assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
		q.counted = 0;
		dx_strlcpy(q.id_no, "532326199001019992", sizeof(q.id_no));
		assert_int_equal(dx_store_person_insert(st, &q), DX_OK);
		w.dibao = 0;
		w.dibao_class[0] = '\0';
		dx_strlcpy(w.work_place, "乡内", sizeof(w.work_place));
		dx_strlcpy(w.id_no, "532326199001019993", sizeof(w.id_no));
		assert_int_equal(dx_store_person_insert(st, &w), DX_OK);
		for (int i = 0; i < 8; i++) {
			struct dx_visit v = {.household_id = h3, .cadre = "张三"};
			dx_snprintf(v.visited_on, sizeof(v.visited_on), "2025-12-%02d", 5 + 3 * i);
			assert_int_equal(dx_store_visit_insert(st, &v), DX_OK);
			if (i < 3) {
				v.household_id = h5;
				assert_int_equal(dx_store_visit_insert(st, &v), DX_OK);
			}
		}
	}
	/* procedure in 2025: clue A closed in time, clue B (from a warning)
	 * still 待核实, clue C closed late; an identification case approved in
	 * May; an open elimination case past its deadline */
	{
		struct dx_clue_row c = {.household_id = h3, .source = "干部排查", .reason = "r",
					.found_on = "2025-06-01", .deadline = "2025-06-16",
					.state = "已关闭", .closed_on = "2025-06-10", .created_by = "t"};
		struct dx_case_row k = {.household_id = h3, .kind = "识别", .state = "已通过",
					.opened_on = "2025-04-01", .deadline = "2025-04-16",
					.closed_on = "2025-05-01", .opened_by = "t"};
		assert_int_equal(dx_store_clue_insert(st, &c), DX_OK);
		c.id = 0;
		dx_strlcpy(c.source, "部门预警", sizeof(c.source));
		dx_strlcpy(c.found_on, "2025-07-01", sizeof(c.found_on));
		dx_strlcpy(c.deadline, "2025-07-16", sizeof(c.deadline));
		dx_strlcpy(c.state, "待核实", sizeof(c.state));
		c.closed_on[0] = '\0';
		assert_int_equal(dx_store_clue_insert(st, &c), DX_OK);
		c.id = 0;
		dx_strlcpy(c.state, "已关闭", sizeof(c.state));
		dx_strlcpy(c.source, "干部排查", sizeof(c.source));
		dx_strlcpy(c.closed_on, "2025-08-01", sizeof(c.closed_on));
		assert_int_equal(dx_store_clue_insert(st, &c), DX_OK);
		/* insert opens a case; closing is an update */
		assert_int_equal(dx_store_case_insert(st, &k), DX_OK);
		dx_strlcpy(k.state, "已通过", sizeof(k.state));
		assert_int_equal(dx_store_case_update(st, &k), DX_OK);
		k.id = 0;
		dx_strlcpy(k.kind, "风险消除", sizeof(k.kind));
		dx_strlcpy(k.state, "办理中", sizeof(k.state));
		dx_strlcpy(k.opened_on, "2025-11-01", sizeof(k.opened_on));
		dx_strlcpy(k.deadline, "2025-11-16", sizeof(k.deadline));
		k.closed_on[0] = '\0';
		assert_int_equal(dx_store_case_insert(st, &k), DX_OK);
	}
	/* another township: must not leak into 532326106's figures */
	add_episode(st, add_hh(st, "X1", "532326107001", "脱贫户", 7, 0), "脱贫不稳定户",
		    "2024-01-01", "", 0, 0);
	/* the member rows as a ledger imported in 2021 left them (the store
	 * stamps them now): unchanged since, so 低保 and 务工 are known for any
	 * later as-of date */
	assert_int_equal(st->drv->exec(st, "UPDATE person SET updated_at = '2021-01-05T08:00:00Z'"),
			 DX_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	dx_store_close(f->st);
	tu_rm(f->path);
	free(f);
	return 0;
}

static void test_figures_2025(void **state)
{
	struct fixture *f = *state;
	struct dx_report r;
	int64_t bp = 0;
	assert_int_equal(build(f->st, "532326106", 2025, "", NULL, &r), DX_OK);
	assert_string_equal(r.as_of, "2025-12-31");
	assert_int_equal(r.total.tuopin.hh, 2);
	/* head counts count every registered member: H1's member not
	 * 计入家庭人口 too (issue 11 item 13) */
	assert_int_equal(r.total.tuopin.persons, 7);
	assert_int_equal(r.total.all.persons, 5 + 2 + 3 + 1 + 3 + 3);
	assert_int_equal(r.total.monitored.hh, 3);
	assert_int_equal(r.total.monitored.persons, 8);
	assert_int_equal(r.total.cat[DX_CAT_UNSTABLE].hh, 1);
	assert_int_equal(r.total.cat[DX_CAT_EDGE].persons, 6);
	assert_int_equal(r.total.cat[DX_CAT_SUDDEN].hh, 0);
	assert_int_equal(r.total.eliminated.hh, 1);
	assert_int_equal(r.total.active.persons, 6);
	assert_int_equal(r.total.reflag.persons, 3);
	/* the township's rows are its villages and add up to the total */
	assert_int_equal(r.nrows, 2);
	assert_string_equal(r.rows[0].code, "532326106001");
	assert_int_equal(r.rows[0].f.tuopin.hh + r.rows[1].f.tuopin.hh, r.total.tuopin.hh);
	assert_int_equal(r.rows[0].f.monitored.persons + r.rows[1].f.monitored.persons,
			 r.total.monitored.persons);
	assert_int_equal(r.rows[1].f.active.hh, 2);
	/* (40000 + 20000) / 6: the per-capita denominator is the members
	 * 计入家庭人口 only */
	assert_int_equal(dx_group_per_capita(&r.total.inc_tuopin), 1000000);
	assert_int_equal(dx_group_growth_bp(&r.total.inc_tuopin, &bp), DX_OK);
	assert_int_equal(bp, 2500);
	/* (20000 + 15000) / 5; H5 has no income row */
	assert_int_equal(dx_group_per_capita(&r.total.inc_monitored), 700000);
	/* measures of monitored households: H3's two, one implemented;
	 * H1's measure does not count (H1 is not monitored) */
	assert_int_equal(r.total.measures, 2);
	assert_int_equal(r.total.measures_done, 1);
	/* two 低保 members (class B) in H6, counted in the household's
	 * members or not: a head count counts both */
	assert_int_equal(r.total.dibao.hh, 1);
	assert_int_equal(r.total.dibao.persons, 2);
	assert_int_equal(r.total.dibao_class[DX_DIBAO_B].persons, 2);
	/* workers: two in 浙江 (省外) and one 乡内 */
	assert_int_equal(r.total.workers, 3);
	assert_int_equal(r.total.work[DX_WORK_OUT_PROVINCE], 2);
	assert_int_equal(r.total.work[DX_WORK_IN_TOWNSHIP], 1);
	/* visits in the 4 weeks to 2025-12-31: H3 (active) 8 visits = 2/week,
	 * H5 (active) 3 visits, short of 8; H2 (eliminated) none */
	assert_int_equal(r.total.visit_due, 3);
	assert_int_equal(r.total.visit_ok, 1);
	assert_int_equal(r.clues, 3);
	assert_int_equal(r.clues_in_time, 1);
	assert_int_equal(r.identified, 1);
	assert_int_equal(r.cases_overdue, 1);
	dx_report_release(&r);
}

static void test_text_2025(void **state)
{
	struct fixture *f = *state;
	struct dx_report r;
	struct dx_buf b = DX_BUF_INIT;
	assert_int_equal(build(f->st, "532326106", 2025, "2025-12-31", NULL, &r), DX_OK);
	dx_report_text(&r, &b);
	assert_string_equal(b.buf,
			    "2025年示例乡脱贫人口为2户7人，监测对象为3户8人，其中：脱贫不稳定户1户2人、"
			    "边缘易致贫户2户6人。已消除风险1户2人，未消除风险2户6人（风险再标注1户3人）。"
			    "脱贫户人均纯收入10000.00元，同比增长25.00%；监测对象人均纯收入7000.00元，"
			    "同比增长25.00%。\n\n"
			    "帮扶措施：共采取帮扶措施2个，户均0.67个，已落实1个。\n\n"
			    "低保：享受低保1户2人，其中B类1户2人。\n\n"
			    "就业：务工就业3人，其中省外2人、乡内1人。\n\n"
			    "预警核查：发现风险线索3条（其中部门预警1条），已核实2条（按期核实1条），"
			    "到期应核实3条，按期核实率33.33%；截至2025-12-31逾期未核实线索1条。\n\n"
			    "识别与消除：新识别纳入监测1户，正在办理1件（其中超期1件）。\n\n"
			    "走访：近4周应按频次走访监测对象3户（未消除风险每周2次、已消除风险每周1次），"
			    "达到要求1户，达标率33.33%。\n\n"
			    /* the combined line (issue 19): the monitored 脱贫户
			     * counts once: 2 + 3 - 1 households */
			    "脱贫人口和监测对象4户13人。");
	assert_int_equal(r.total.tuopin_monitored.hh, 4);
	assert_int_equal(r.total.tuopin_monitored.persons, 13);
	dx_report_release(&r);
	dx_buf_release(&b);
}

static void test_as_of_history(void **state)
{
	struct fixture *f = *state;
	struct dx_report r;
	struct dx_buf b = DX_BUF_INIT;
	/* end of 2022: only H5's first episode, already eliminated; no income */
	assert_int_equal(build(f->st, "532326106", 2022, "", "防止返贫致贫对象", &r), DX_OK);
	dx_report_text(&r, &b);
	/* 2022: no visits in the window, so no visit paragraph (not "0 %");
	 * H3's measures start in 2025, after the as-of date */
	assert_string_equal(b.buf, "2022年示例乡脱贫人口为2户7人，防止返贫致贫对象为1户3人，"
				   "其中：边缘易致贫户1户3人。已消除风险1户3人。\n\n"
				   "低保：享受低保1户2人，其中B类1户2人。\n\n"
				   "就业：务工就业3人，其中省外2人、乡内1人。\n\n"
				   "脱贫人口和防止返贫致贫对象3户10人。");
	dx_report_release(&r);
	dx_buf_reset(&b);
	/* mid-2026: H4 now counts as 突发严重困难户 */
	assert_int_equal(build(f->st, "532326106", 2026, "2026-06-30", NULL, &r), DX_OK);
	assert_int_equal(r.total.cat[DX_CAT_SUDDEN].hh, 1);
	assert_int_equal(r.total.monitored.hh, 4);
	dx_report_release(&r);
	dx_buf_release(&b);
}

/* issue 11 item 9: one period rule.  Clue B (待核实, deadline 07-16) is
 * overdue and counts against 按期核实率; on 2025-07-20 clue C (closed
 * 08-01) was not yet verified, so it was overdue then too. */
static void test_clue_period(void **state)
{
	struct fixture *f = *state;
	struct dx_report r;
	assert_int_equal(build(f->st, "532326106", 2025, "", NULL, &r), DX_OK);
	assert_int_equal(r.clues, 3);
	assert_int_equal(r.clues_verified, 2);
	assert_int_equal(r.clues_in_time, 1);
	assert_int_equal(r.clues_due, 3);
	assert_int_equal(r.clues_overdue, 1);
	dx_report_release(&r);
	assert_int_equal(build(f->st, "532326106", 2025, "2025-07-20", NULL, &r), DX_OK);
	assert_int_equal(r.clues, 3);
	assert_int_equal(r.clues_verified, 1);
	assert_int_equal(r.clues_in_time, 1);
	assert_int_equal(r.clues_due, 3);
	assert_int_equal(r.clues_overdue, 2);
	dx_report_release(&r);
	/* before clue A's deadline nothing is due yet, and nothing overdue */
	assert_int_equal(build(f->st, "532326106", 2025, "2025-06-05", NULL, &r), DX_OK);
	assert_int_equal(r.clues, 1);
	assert_int_equal(r.clues_verified, 0);
	assert_int_equal(r.clues_due, 0);
	assert_int_equal(r.clues_overdue, 0);
	dx_report_release(&r);
	/* the next year's period holds none of 2025's clues, but B is still
	 * overdue on its as-of date */
	assert_int_equal(build(f->st, "532326106", 2026, "2026-03-01", NULL, &r), DX_OK);
	assert_int_equal(r.clues, 0);
	assert_int_equal(r.clues_overdue, 1);
	dx_report_release(&r);
}

/* issue 11 item 12: a period outside the data is refused, with the reason
 * in Chinese; 脱贫 counts as of the year */
/* Warnings count by the day the county dealt with them, as their clues
 * do: a signal of 2024-12-20 dispatched on 2025-01-05 is one of 2025's,
 * and its clue is the one 其中部门预警 counts; a signal recorded under the
 * threshold counts on that day; one still pending counts from its receipt
 * (today, here), so in no earlier period. */
static void test_warning_period(void **state)
{
	struct fixture *f = *state;
	struct dx_store *st = f->st;
	struct dx_warning w = {0};
	struct dx_clue_row c = {.source = "部门预警", .reason = "r", .found_on = "2025-01-05",
				.deadline = "2025-01-20", .state = "待核实", .created_by = "t"};
	struct dx_report r;
	int64_t batch;
	assert_int_equal(
		dx_store_warning_batch_insert(st, "532326", "医保", "2024-12", "t", &batch), DX_OK);
	w.batch_id = batch;
	dx_strlcpy(w.id_no, "532326197001000100", sizeof(w.id_no));
	dx_strlcpy(w.department, "医保", sizeof(w.department));
	dx_strlcpy(w.event, "自付超标", sizeof(w.event));
	w.household_id = c.household_id = 3; /* H3 */
	dx_strlcpy(w.occurred_on, "2024-12-20", sizeof(w.occurred_on));
	assert_int_equal(dx_store_warning_insert(st, &w), DX_OK);
	c.warning_id = w.id;
	assert_int_equal(dx_store_clue_insert(st, &c), DX_OK);
	assert_int_equal(dx_store_warning_set_clue(st, w.id, c.id), DX_OK);
	w.id = 0;
	dx_strlcpy(w.occurred_on, "2025-02-20", sizeof(w.occurred_on));
	assert_int_equal(dx_store_warning_insert(st, &w), DX_OK);
	assert_int_equal(dx_store_warning_set_result(st, w.id, "低于预警阈值", "2025-03-01"),
			 DX_OK);
	w.id = 0;
	dx_strlcpy(w.occurred_on, "2025-04-02", sizeof(w.occurred_on));
	assert_int_equal(dx_store_warning_insert(st, &w), DX_OK);
	assert_int_equal(build(st, "532326106", 2024, "", NULL, &r), DX_OK);
	assert_int_equal(r.warnings, 0);
	dx_report_release(&r);
	assert_int_equal(build(st, "532326106", 2025, "", NULL, &r), DX_OK);
	assert_int_equal(r.warnings, 2);
	assert_int_equal(r.warnings_clued, 1);
	assert_int_equal(r.clues_warning, 2); /* this one and clue B of the fixture */
	dx_report_release(&r);
	/* on 2025-01-04 nothing was dealt with yet, and nothing received */
	assert_int_equal(build(st, "532326106", 2025, "2025-01-04", NULL, &r), DX_OK);
	assert_int_equal(r.warnings, 0);
	dx_report_release(&r);
	assert_int_equal(st->drv->exec(st, "DELETE FROM warning; DELETE FROM warning_batch;"
					   " DELETE FROM clue WHERE found_on = '2025-01-05'"),
			 DX_OK);
}

static void test_period_refused(void **state)
{
	struct fixture *f = *state;
	struct dx_report_opts o = {.area = "532326106", .year = 2025, .as_of = "2024-12-31", .today = *tu_today()};
	struct dx_report r;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_date d;
	/* an as-of date outside the year */
	assert_int_equal(dx_report_build(f->st, &o, &r, &why), DX_USAGE);
	assert_non_null(strstr(why.buf, "不在 2025 年内"));
	dx_buf_reset(&why);
	o.as_of = "2026-01-01";
	assert_int_equal(dx_report_build(f->st, &o, &r, &why), DX_USAGE);
	dx_buf_reset(&why);
	/* a year before every dated record: the first is H1's 脱贫 in 2016 */
	o.year = 2015;
	o.as_of = "";
	assert_int_equal(dx_report_build(f->st, &o, &r, &why), DX_USAGE);
	assert_non_null(strstr(why.buf, "早于库中最早的数据（2016 年"));
	dx_buf_reset(&why);
	o.year = 2016;
	assert_int_equal(dx_report_build(f->st, &o, &r, &why), DX_OK);
	dx_report_release(&r);
	/* a year not begun */
	dx_date_today(&d);
	o.year = d.y + 1;
	assert_int_equal(dx_report_build(f->st, &o, &r, &why), DX_USAGE);
	assert_non_null(strstr(why.buf, "还没有开始"));
	dx_buf_release(&why);
}

static void test_tuopin_by_year(void **state)
{
	struct fixture *f = *state;
	struct dx_store *st = f->st;
	struct dx_report r;
	/* H2 脱贫 in 2023: not yet 脱贫 in 2022 */
	assert_int_equal(
		st->drv->exec(st, "UPDATE household SET tuopin_year = 2023"
				  " WHERE hh_no = 'H2'"),
		DX_OK);
	assert_int_equal(build(st, "532326106", 2022, "", NULL, &r), DX_OK);
	assert_int_equal(r.total.tuopin.hh, 1);
	assert_int_equal(r.total.tuopin.persons, 5);
	dx_report_release(&r);
	assert_int_equal(build(st, "532326106", 2023, "", NULL, &r), DX_OK);
	assert_int_equal(r.total.tuopin.hh, 2);
	dx_report_release(&r);
	assert_int_equal(
		st->drv->exec(st, "UPDATE household SET tuopin_year = 2016"
				  " WHERE hh_no = 'H2'"),
		DX_OK);
}

/* 低保 and 务工 have no history in the member ledger: after a member row
 * changed, the figures of an earlier date are not given (and not listed),
 * the report says why; later dates still have them */
static void test_members_without_history(void **state)
{
	struct fixture *f = *state;
	struct dx_store *st = f->st;
	struct dx_report r;
	struct dx_buf b = DX_BUF_INIT, why = DX_BUF_INIT;
	struct dx_report_opts o = {.area = "532326106", .year = 2024, .as_of = "2024-12-31", .today = *tu_today()};
	assert_int_equal(st->drv->exec(st, "UPDATE person SET updated_at = '2025-03-02T09:00:00Z'"
					   " WHERE id_no = '532326199001019992'"),
			 DX_OK);
	assert_int_equal(build(st, "532326106", 2024, "2024-12-31", NULL, &r), DX_OK);
	assert_int_equal(r.members_known, 0);
	dx_report_text(&r, &b);
	assert_null(strstr(b.buf, "享受低保"));
	assert_null(strstr(b.buf, "就业：务工就业"));
	assert_non_null(strstr(b.buf, "低保、就业：成员台账在2024-12-31之后有过更新"));
	dx_report_release(&r);
	assert_int_equal(dx_report_list(st, &o, "dibao", NULL, NULL, &why), DX_USAGE);
	assert_non_null(strstr(why.buf, "不保存历史"));
	/* the change was on 2025-03-02: a report as of that day knows it */
	assert_int_equal(build(st, "532326106", 2025, "2025-03-02", NULL, &r), DX_OK);
	assert_int_equal(r.members_known, 1);
	assert_int_equal(r.total.dibao.persons, 2);
	dx_report_release(&r);
	assert_int_equal(build(st, "532326106", 2025, "2025-03-01", NULL, &r), DX_OK);
	assert_int_equal(r.members_known, 0);
	dx_report_release(&r);
	assert_int_equal(st->drv->exec(st, "UPDATE person SET updated_at = '2021-01-05T08:00:00Z'"),
			 DX_OK);
	dx_buf_release(&b);
	dx_buf_release(&why);
}

static void test_scope_and_unknown_area(void **state)
{
	struct fixture *f = *state;
	struct dx_report r;
	assert_int_equal(build(f->st, "532326", 2025, "", NULL, &r), DX_OK);
	assert_int_equal(r.total.tuopin.hh, 3);
	assert_int_equal(r.total.tuopin.persons, 14);
	assert_int_equal(r.nrows, 2); /* the county's townships */
	assert_int_equal(r.rows[1].f.tuopin.hh, 1);
	dx_report_release(&r);
	assert_int_equal(build(f->st, "532326106001", 2025, "", NULL, &r), DX_OK);
	assert_int_equal(r.total.tuopin.hh, 2);
	assert_int_equal(r.total.monitored.hh, 1);
	assert_int_equal(r.nrows, 0);
	dx_report_release(&r);
	assert_int_equal(build(f->st, "532399", 2025, "", NULL, &r), DX_NOT_FOUND);
}

static void test_growth_decline_and_missing(void **state)
{
	struct dx_group_income g = {0};
	int64_t bp;
	(void)state;
	assert_int_equal(dx_group_growth_bp(&g, &bp), DX_NOT_FOUND);
	assert_int_equal(dx_group_per_capita(&g), 0);
	g.both.persons = 3;
	g.both_net = 900000;
	g.both_prev_net = 1200000;
	assert_int_equal(dx_group_growth_bp(&g, &bp), DX_OK);
	assert_int_equal(bp, -2500);
	/* rounding half away from zero: 1/3 = 33.33 %, 2/3 = 66.67 % */
	g.both_net = 400;
	g.both_prev_net = 300;
	dx_group_growth_bp(&g, &bp);
	assert_int_equal(bp, 3333);
	g.both_net = 500;
	dx_group_growth_bp(&g, &bp);
	assert_int_equal(bp, 6667);
}

/* Statement steps of the connection since the last call (all cached
 * statements, counters reset). */
static long vm_steps(struct dx_store *st)
{
	sqlite3 *db = st->db;
	long n = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(db, NULL); s; s = sqlite3_next_stmt(db, s))
		n += sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 1);
	return n;
}

static int count_fact(const struct dx_hh_fact *h, void *arg)
{
	(void)h;
	++*(long *)arg;
	return 0;
}

static int count_member(const struct dx_member_fact *m, void *arg)
{
	(void)m;
	++*(long *)arg;
	return 0;
}

static int count_rows(int64_t hid, long a, long b, void *arg)
{
	(void)hid;
	*(long *)arg += a + b;
	return 0;
}

/* Every read the report makes for the village, on this connection; the
 * steps they took. */
static void village_calls(struct dx_store *st, const char *v, long *rows);

static long village_reads(struct dx_store *st, const char *v, long *rows)
{
	vm_steps(st);
	village_calls(st, v, rows);
	return vm_steps(st);
}

/* Every read the report makes for the village; the rows they found in
 * *rows. */
static void village_calls(struct dx_store *st, const char *v, long *rows)
{
	struct dx_proc_counts pc;
	struct dx_natural_change nc;
	struct dx_funds_figs funds;
	int changed = 0;
	*rows = 0;
	assert_int_equal(dx_store_scan_households(st, v, 2025, "2025-12-31", DX_SCAN_HH_NO,
						  count_fact, rows), DX_OK);
	assert_int_equal(dx_store_scan_persons_in(st, v, count_rows, rows), DX_OK);
	assert_int_equal(dx_store_scan_members(st, v, count_member, rows), DX_OK);
	assert_int_equal(dx_store_members_changed_after(st, v, "2025-12-31", &changed), DX_OK);
	assert_int_equal(dx_store_scan_measures(st, v, "2025-12-31", count_rows, rows), DX_OK);
	assert_int_equal(dx_store_scan_visits(st, v, "2025-12-03", "2025-12-31", count_rows, rows),
			 DX_OK);
	assert_int_equal(dx_store_proc_counts(st, v, "2025-01-01", "2025-12-31", &pc), DX_OK);
	assert_int_equal(dx_store_natural_change(st, v, "2025-01-01", "2025-12-31", &nc), DX_OK);
	/* the 衔接资金 paragraph: from the village's projects, not a walk
	 * over every household of the store */
	assert_int_equal(dx_report_funds_build(st, v, 2025, "2025-12-31", &funds), DX_OK);
	*rows += pc.clues + pc.identified + pc.open + nc.included + changed;
}

static int count_scan(const struct dx_scan_hh *h, void *arg)
{
	(void)h;
	++*(long *)arg;
	return 0;
}

/* The query plan of one statement's text, its lines joined by '\n'. */
static void plan_of(sqlite3 *db, const char *sql, struct dx_buf *out)
{
	sqlite3_stmt *q;
	char *x = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	assert_int_equal(sqlite3_prepare_v2(db, x, -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW)
		dx_buf_addf(out, "%s\n", (const char *)sqlite3_column_text(q, 3));
	sqlite3_finalize(q);
	sqlite3_free(x);
}

/*
 * Issue 14: what makes a village's reads fast on a big store is that its
 * households, members, incomes, episodes, measures and visits are each one
 * contiguous run of an area-keyed index (schema v15), not one probe per
 * household into indexes that hold the whole county in household order
 * (the demo spreads a village's households over the whole id range, so
 * those probes touch nearly every page).  The statements the village's
 * report and screening reads ran are planned on those indexes, and none
 * on a county-wide one.
 */
static void test_village_reads_use_area_indexes(void **state)
{
	static const char *const area_index[] = {"household_area", "person_area ",
						 "person_area_report", "income_area",
						 "episode_area", "measure_area", "visit_area"};
	static const char *const county_wide[] = {"income_year", "income_county",
						  "episode_county", "person_report",
						  "measure_household", "visit_household"};
	struct fixture *f = *state;
	sqlite3 *db = f->st->db;
	struct dx_buf plans;
	long rows = 0;
	dx_buf_init(&plans, 0);
	dx_buf_adds(&plans, "");
	vm_steps(f->st);
	village_calls(f->st, "532326106002", &rows);
	assert_true(rows > 0);
	/* and screening's */
	assert_int_equal(dx_store_screen_scan(f->st, "532326106002", 2025, "2025-12-31",
					      DX_SCAN_FOLDED, count_scan, &rows), DX_OK);
	for (sqlite3_stmt *s = sqlite3_next_stmt(db, NULL); s; s = sqlite3_next_stmt(db, s))
		if (sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 0) > 0)
			plan_of(db, sqlite3_sql(s), &plans);
	for (size_t i = 0; i < DX_ARRAY_SIZE(area_index); i++)
		if (!strstr(plans.buf, area_index[i]))
			fail_msg("no village read uses %s:\n%s", area_index[i], plans.buf);
	for (size_t i = 0; i < DX_ARRAY_SIZE(county_wide); i++)
		if (strstr(plans.buf, county_wide[i]))
			fail_msg("a village read uses %s:\n%s", county_wide[i], plans.buf);
	dx_buf_release(&plans);
}

/* The VM steps this connection's statements whose SQL holds `like` took
 * since the last call (their counters reset). */
static long steps_of(struct dx_store *st, const char *like)
{
	long n = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(st->db, NULL); s; s = sqlite3_next_stmt(st->db, s))
		if (strstr(sqlite3_sql(s), like))
			n += sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 1);
	return n;
}

/*
 * Issue 14: a village's report through the server (1M households: 68 ms
 * of CPU, 9 of them its own reads) spent most of its time opening a
 * second connection for the side pass (members, measures, visits, the
 * period's counts): a new connection parses the schema, prepares every
 * statement again and starts with a cold page cache, on every request.
 * A county's passes are long enough to gain from the second thread; a
 * village's or township's are not, so they run on the caller's
 * connection (the pool's, warm and prepared).  Its side reads are seen
 * on this connection, and cost the village, not the county: households
 * added to another village leave them as they were.
 */
static void test_village_report_reads_on_its_connection(void **state)
{
	struct fixture *f = *state;
	struct dx_report_opts o = {.area = "532326106002", .year = 2025, .today = *tu_today()};
	struct dx_report r;
	long persons0, persons1, members0, members1;
	assert_int_equal(dx_report_build(f->st, &o, &r, NULL), DX_OK);
	dx_report_release(&r);
	steps_of(f->st, "");
	assert_int_equal(dx_report_build(f->st, &o, &r, NULL), DX_OK);
	assert_true(r.total.all.hh > 0);
	dx_report_release(&r);
	persons0 = steps_of(f->st, "FROM person WHERE area_code");
	members0 = steps_of(f->st, "FROM measure WHERE area_code") +
		   steps_of(f->st, "FROM visit WHERE area_code");
	assert_true(persons0 > 0);
	assert_true(members0 > 0);
	assert_int_equal(dx_store_begin(f->st), DX_OK);
	for (int i = 0; i < 200; i++) {
		char no[16];
		int64_t h;
		struct dx_measure m = {.category = "产业帮扶", .status = "已落实",
				       .start_on = "2025-01-01"};
		dx_snprintf(no, sizeof(no), "VR%d", i);
		h = add_hh(f->st, no, "532326107001", "脱贫户", 3, 1);
		m.household_id = h;
		assert_int_equal(dx_store_measure_insert(f->st, &m), DX_OK);
	}
	assert_int_equal(dx_store_commit(f->st), DX_OK);
	steps_of(f->st, "");
	assert_int_equal(dx_report_build(f->st, &o, &r, NULL), DX_OK);
	dx_report_release(&r);
	persons1 = steps_of(f->st, "FROM person WHERE area_code");
	members1 = steps_of(f->st, "FROM measure WHERE area_code") +
		   steps_of(f->st, "FROM visit WHERE area_code");
	assert_in_range(persons1, persons0 - persons0 / 10, persons0 + persons0 / 10);
	assert_in_range(members1, members0 - members0 / 10, members0 + members0 / 10);
}

static void area_codes_are(sqlite3 *db, int64_t hid, int64_t pid, const char *area)
{
	static const char *const sql[] = {
	    "SELECT count(*) FROM person WHERE id = ?2 AND area_code != ?1",
	    "SELECT count(*) FROM income WHERE household_id = ?3 AND area_code != ?1",
	    "SELECT count(*) FROM episode WHERE household_id = ?3 AND area_code != ?1",
	    "SELECT count(*) FROM measure WHERE household_id = ?3 AND area_code != ?1",
	    "SELECT count(*) FROM visit WHERE household_id = ?3 AND area_code != ?1"};
	for (size_t i = 0; i < DX_ARRAY_SIZE(sql); i++) {
		sqlite3_stmt *q;
		assert_int_equal(sqlite3_prepare_v2(db, sql[i], -1, &q, NULL), SQLITE_OK);
		sqlite3_bind_text(q, 1, area, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 2, pid);
		sqlite3_bind_int64(q, 3, hid);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		if (sqlite3_column_int64(q, 0))
			fail_msg("%s: rows not in %s", sql[i], area);
		sqlite3_finalize(q);
	}
}

static int64_t one_count(sqlite3 *db, const char *sql, int64_t hid)
{
	sqlite3_stmt *q;
	int64_t n;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	sqlite3_bind_int64(q, 3, hid);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

/* The area the rows carry (schema v15) is their household's: on insert by
 * every path, when a member moves to a household of another village, and
 * when a household moves to another village. */
static void test_rows_carry_their_household_area(void **state)
{
	struct fixture *f = *state;
	struct dx_store *st = f->st;
	struct dx_household h;
	struct dx_measure m = {.category = "产业帮扶", .status = "已落实", .start_on = "2025-01-01"};
	struct dx_visit v = {.cadre = "张三", .visited_on = "2025-12-20"};
	struct dx_person p = {.relation = "之子", .sex = "男", .birth = "1990-01-01",
			      .id_no = "532326199001010019", .name = "某", .work_months = -1,
			      .counted = 1};
	int64_t a = add_hh(st, "Z1", "532326106001", "脱贫户", 1, 0);
	int64_t b = add_hh(st, "Z2", "532326107001", "一般户", 1, 0);
	add_income(st, a, 2025, 9000);
	add_episode(st, a, "边缘易致贫户", "2025-02-01", "", 0, 0);
	m.household_id = v.household_id = p.household_id = a;
	assert_int_equal(dx_store_measure_insert(st, &m), DX_OK);
	assert_int_equal(dx_store_visit_insert(st, &v), DX_OK);
	assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
	area_codes_are(st->db, a, p.id, "532326106001");
	assert_int_equal(one_count(st->db, "SELECT (SELECT count(*) FROM income WHERE household_id = ?3)"
				   " * (SELECT count(*) FROM episode WHERE household_id = ?3)"
				   " * (SELECT count(*) FROM measure WHERE household_id = ?3)"
				   " * (SELECT count(*) FROM visit WHERE household_id = ?3)", a), 1);
	/* a member moved to the household of another village */
	assert_int_equal(dx_store_person_place(st, p.id, b, NULL), DX_OK);
	area_codes_are(st->db, b, p.id, "532326107001");
	/* the household moved: its rows follow it */
	assert_int_equal(dx_store_person_place(st, p.id, a, NULL), DX_OK);
	assert_int_equal(dx_ledger_household_by_no(st, "Z1", &h), DX_OK);
	dx_strlcpy(h.area_code, "532326106002", sizeof(h.area_code));
	assert_int_equal(dx_ledger_household_update(st, &h), DX_OK);
	area_codes_are(st->db, a, p.id, "532326106002");
}

/*
 * Issue 14: a village's report costs in proportion to the village.  The
 * reads behind it for 麦地村 take as many steps, and find the same rows,
 * when another village of the county grows by 300 households with members,
 * incomes, episodes, measures and visits.  (Runs last: it adds rows.)
 */
static void test_village_reads_scale_with_the_village(void **state)
{
	struct fixture *f = *state;
	struct dx_store *st = f->st;
	long rows0, rows1, steps0, steps1;
	/* with statistics, as a demo or an import leaves them: SQLite then
	 * prefers plans that spare a sort by walking an index in order */
	assert_int_equal(dx_store_analyze(st), DX_OK);
	steps0 = village_reads(st, "532326106002", &rows0);
	assert_true(rows0 > 0);
	assert_int_equal(dx_store_begin(st), DX_OK);
	for (int i = 0; i < 300; i++) {
		char no[16];
		int64_t h;
		struct dx_measure m = {.category = "产业帮扶", .status = "已落实",
				       .start_on = "2025-01-01"};
		struct dx_visit v = {.cadre = "张三", .visited_on = "2025-12-20"};
		dx_snprintf(no, sizeof(no), "Y%d", i);
		h = add_hh(st, no, "532326107001", "脱贫户", 3, 1);
		add_income(st, h, 2025, 9000 + i);
		add_income(st, h, 2024, 8000 + i);
		add_episode(st, h, "边缘易致贫户", "2025-02-01", "", 0, 0);
		m.household_id = v.household_id = h;
		assert_int_equal(dx_store_measure_insert(st, &m), DX_OK);
		assert_int_equal(dx_store_visit_insert(st, &v), DX_OK);
	}
	assert_int_equal(dx_store_commit(st), DX_OK);
	steps1 = village_reads(st, "532326106002", &rows1);
	assert_int_equal(rows1, rows0);
	/* a county-wide pass would take thousands of steps more */
	assert_in_range(steps1, steps0 - steps0 / 10, steps0 + steps0 / 10);
}

/* A county's measures and visits, as its report reads them, with the VM
 * steps it took (the rows found into *rows). */
static long county_activity_reads(struct dx_store *st, const char *county, long *rows)
{
	*rows = 0;
	vm_steps(st);
	assert_int_equal(dx_store_scan_measures(st, county, "2026-11-24", count_rows, rows), DX_OK);
	assert_int_equal(dx_store_scan_visits(st, county, "2026-10-01", "2026-11-24", count_rows,
					      rows),
			 DX_OK);
	return vm_steps(st);
}

/* Issue 16: in a store of several counties (a province on one server),
 * a county's measures and visits are read by its run of the area
 * indexes: another county's rows cost it nothing.  (They were read by a
 * county_code filter, which measure and visit have no index for: every
 * county's rows for one.) */
static void test_county_reads_scale_with_the_county(void **state)
{
	struct dx_demo_opts d = {.households = 60, .seed = 7, .today = "2026-11-24",
				 .county = "532398", .counties = 2, .quiet = 1};
	struct dx_demo_stats ds;
	struct dx_store *st;
	struct dx_stmt *s;
	char path[64];
	int64_t other = 0;
	long rows0, rows1, steps0, steps1;
	(void)state;
	tu_tmpdb(path);
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_demo_generate(st, &d, &ds), DX_OK);
	steps0 = county_activity_reads(st, "532398", &rows0);
	assert_true(rows0 > 0);
	assert_non_null(s = dx_q(st, "SELECT min(id) FROM household WHERE county_code = '532399'"));
	assert_int_equal(dx_step_int(s, &other), DX_OK);
	assert_int_equal(dx_store_begin(st), DX_OK);
	for (int i = 0; i < 2000; i++) {
		struct dx_measure m = {.household_id = other, .category = "产业帮扶",
				       .status = "已落实", .start_on = "2026-01-01"};
		struct dx_visit v = {.household_id = other, .cadre = "张三",
				     .visited_on = "2026-11-20"};
		assert_int_equal(dx_store_measure_insert(st, &m), DX_OK);
		assert_int_equal(dx_store_visit_insert(st, &v), DX_OK);
	}
	assert_int_equal(dx_store_commit(st), DX_OK);
	assert_int_equal(dx_store_analyze(st), DX_OK);
	steps1 = county_activity_reads(st, "532398", &rows1);
	assert_int_equal(rows1, rows0);
	/* a pass over every county's rows would take thousands more */
	assert_true(steps1 < steps0 + 1000);
	dx_store_close(st);
	unlink(path);
}

/* Issue 16: a province's counties are counted in one pass
 * (dx_report_build_counties), each giving the figures its own report
 * gives, and refusing a year as its own report refuses it. */
static void test_province_counties_in_one_pass(void **state)
{
	static const char *const counties[] = {"532398", "532399", "532401"};
	struct dx_demo_opts d = {.households = 60, .seed = 7, .today = "2026-11-24",
				 .county = "532398", .counties = 3, .quiet = 1};
	struct dx_demo_stats ds;
	struct dx_store *st;
	struct dx_report p, c;
	struct dx_buf why = DX_BUF_INIT, cwhy = DX_BUF_INIT;
	char path[64];
	int64_t hh = 0;
	(void)state;
	tu_tmpdb(path);
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_demo_generate(st, &d, &ds), DX_OK);
	for (int year = 2024; year <= 2025; year++) {
		const char *as_of = year == 2024 ? "2024-06-30" : "";
		struct dx_county_ledger led[3];
		assert_int_equal(dx_report_build_counties(st, "53", year, as_of, tu_today(), counties, 3, &p, led, &why),
				 DX_OK);
		assert_int_equal(p.nrows, 3);
		/* each county's ledger now: its households, and of them the 脱贫户
		 * (by kind, whatever the year), with members 计入家庭人口 */
		for (size_t i = 0; i < 3; i++) {
			int64_t n = 0;
			assert_int_equal(dx_store_count(st, "household", counties[i], &n), DX_OK);
			assert_int_equal(led[i].households, n);
			assert_true(led[i].persons > led[i].households);
			assert_true(led[i].tuopin_households > 0 && led[i].tuopin_households < n);
			assert_true(led[i].tuopin_persons > led[i].tuopin_households);
		}
		for (size_t i = 0; i < 3; i++) {
			struct dx_report_opts o = {.area = counties[i], .year = year, .as_of = as_of, .today = *tu_today()};
			assert_string_equal(p.rows[i].code, counties[i]);
			assert_int_equal(dx_report_build(st, &o, &c, NULL), DX_OK);
			assert_string_equal(p.as_of, c.as_of);
			assert_int_equal(p.members_known, c.members_known);
			for (size_t k = 0; k < dx_report_figure_count(); k++) {
				struct dx_hp a = dx_report_figure_value(&p.rows[i].f, dx_report_figure(k));
				struct dx_hp b = dx_report_figure_value(&c.total, dx_report_figure(k));
				assert_int_equal(a.hh, b.hh);
				assert_int_equal(a.persons, b.persons);
			}
			if (year == 2025)
				hh += p.rows[i].f.all.hh;
			dx_report_release(&c);
		}
		/* the rows add up to the total; the figures compared are not
		 * all zero */
		if (year == 2025) {
			assert_int_equal(p.total.all.hh, hh);
			assert_true(p.total.monitored.hh > 0 && p.total.dibao.persons > 0);
		}
		dx_report_release(&p);
	}
	assert_int_equal(hh, 180);
	/* a year before the data: refused with the first county's reason */
	{
		struct dx_report_opts o = {.area = counties[0], .year = 2001, .today = *tu_today()};
		assert_int_equal(dx_report_build_counties(st, "53", 2001, "", tu_today(), counties, 3, &p, NULL, &why),
				 DX_USAGE);
		assert_int_equal(dx_report_build(st, &o, &c, &cwhy), DX_USAGE);
		assert_string_equal(why.buf, cwhy.buf);
	}
	dx_buf_release(&why);
	dx_buf_release(&cwhy);
	dx_store_close(st);
	tu_rm(path);
}

/* Members who have left (死亡, 迁出, ...) are not in the 低保 and 务工
 * counts, which included them while their ledger row still said 低保 or
 * named a work place (schema v21).  (The head counts go by membership
 * periods, which `person leave` writes: t0401.) */
static void test_left_members_not_counted(void **state)
{
	struct fixture *f = *state;
	struct dx_store *st = f->st;
	struct dx_report r;
	int year = tu_today()->y;
	long dibao0, dibao_hh0, workers0;
	int64_t h9;
	char sql[160], today[11];
	struct dx_date yesterday = *tu_today();
	assert_int_equal(build(st, "532326106", year, "", NULL, &r), DX_OK);
	assert_int_equal(r.members_known, 1);
	dibao0 = r.total.dibao.persons;
	dibao_hh0 = r.total.dibao.hh;
	workers0 = r.total.workers;
	dx_report_release(&r);
	/* H9: a 户主 in 低保 working in 浙江, and a member in 低保 */
	h9 = add_hh(st, "H9", "532326106001", "脱贫户", 0, 0);
	{
		struct dx_person p = {.household_id = h9, .relation = "户主", .sex = "男",
				      .birth = "1980-01-01", .work_months = 10, .counted = 1,
				      .dibao = 1, .dibao_class = "A", .work_place = "浙江省宁波市",
				      .id_no = "532326198001019993", .name = "甲"};
		struct dx_person q = p;
		assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
		dx_strlcpy(q.id_no, "532326198001019994", sizeof(q.id_no));
		dx_strlcpy(q.relation, "配偶", sizeof(q.relation));
		q.work_place[0] = '\0';
		assert_int_equal(dx_store_person_insert(st, &q), DX_OK);
	}
	assert_int_equal(build(st, "532326106", year, "", NULL, &r), DX_OK);
	assert_int_equal(r.total.dibao.persons, dibao0 + 2);
	assert_int_equal(r.total.dibao.hh, dibao_hh0 + 1);
	assert_int_equal(r.total.workers, workers0 + 1);
	dx_report_release(&r);
	/* the spouse dies: one 低保 member fewer, the household still in 低保 */
	dx_date_add_days(&yesterday, -1);
	dx_date_format(&yesterday, today);
	dx_snprintf(sql, sizeof(sql), "UPDATE person SET left_on = '%s'"
		    " WHERE id_no = '532326198001019994'", today);
	assert_int_equal(st->drv->exec(st, sql), DX_OK);
	assert_int_equal(build(st, "532326106", year, "", NULL, &r), DX_OK);
	assert_int_equal(r.total.dibao.persons, dibao0 + 1);
	assert_int_equal(r.total.dibao.hh, dibao_hh0 + 1);
	dx_report_release(&r);
	/* the 户主 moves out too: the household is in none of the counts, on
	 * the county's read and on the village's */
	dx_snprintf(sql, sizeof(sql), "UPDATE person SET left_on = '%s'"
		    " WHERE id_no = '532326198001019993'", today);
	assert_int_equal(st->drv->exec(st, sql), DX_OK);
	assert_int_equal(build(st, "532326106", year, "", NULL, &r), DX_OK);
	assert_int_equal(r.total.dibao.persons, dibao0);
	assert_int_equal(r.total.dibao.hh, dibao_hh0);
	assert_int_equal(r.total.workers, workers0);
	dx_report_release(&r);
	assert_int_equal(build(st, "532326", year, "", NULL, &r), DX_OK);
	assert_int_equal(r.total.dibao.persons, dibao0);
	assert_int_equal(r.total.workers, workers0);
	dx_report_release(&r);
	assert_int_equal(build(st, "532326106001", year, "", NULL, &r), DX_OK);
	assert_int_equal(r.total.dibao.hh, dibao_hh0);
	dx_report_release(&r);
	assert_int_equal(st->drv->exec(st, "DELETE FROM person WHERE household_id IN"
					   " (SELECT id FROM household WHERE hh_no = 'H9');"
					   " DELETE FROM household WHERE hh_no = 'H9'"),
			 DX_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_figures_2025),
		cmocka_unit_test(test_text_2025),
		cmocka_unit_test(test_as_of_history),
		cmocka_unit_test(test_clue_period),
		cmocka_unit_test(test_warning_period),
		cmocka_unit_test(test_period_refused),
		cmocka_unit_test(test_tuopin_by_year),
		cmocka_unit_test(test_members_without_history),
		cmocka_unit_test(test_scope_and_unknown_area),
		cmocka_unit_test(test_growth_decline_and_missing),
		cmocka_unit_test(test_village_reads_use_area_indexes),
		cmocka_unit_test(test_village_reads_scale_with_the_village),
		cmocka_unit_test(test_county_reads_scale_with_the_county),
		cmocka_unit_test(test_village_report_reads_on_its_connection),
		cmocka_unit_test(test_rows_carry_their_household_area),
		cmocka_unit_test(test_province_counties_in_one_pass),
		cmocka_unit_test(test_left_members_not_counted),
	};
	dx_log_set_level(DX_LOG_NONE);
	return cmocka_run_group_tests(tests, setup, teardown);
}
