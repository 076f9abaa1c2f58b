/*
 * test_case.c - the procedure use cases through a real store (issue 5):
 * every state × action of a case, wrong-level and out-of-scope actors, the
 * 公示 period, the §6 elimination conditions one by one, the no-labour
 * rule, 风险消除回退 and 风险再标注 histories, and the audit trail.
 */
#include "testutil.h"
#include "app/case.h"
#include "app/overdue.h"
#include "app/policy.h"
#include "core/date.h"
#include "store/procedure.h"

#include "app/ctx.h"

/* The case use cases take a request context (app/ctx.h): AS builds one
 * for store s acting as actor a, why_of appends a refusal's reason to the
 * test's why buffer as the use cases once did themselves. */
static struct dx_ctx tcx;
#define AS(s, a) (dx_ctx_for(&tcx, (s), (a), tu_today()), &tcx)
static int why_of(int rc, struct dx_buf *why)
{
	if (rc && why && tcx.err.msg[0])
		dx_buf_adds(why, tcx.err.msg);
	return rc;
}

static char path[64];
static struct dx_store *st;
static struct dx_actor v1, v2, t1, t2, c1, ro;
static int seq;

#define VIL1 "532399101001"
#define VIL2 "532399101002"
#define VIL3 "532399102001"

static void actor(const char *name, const char *level, const char *scope, const char *role,
		  struct dx_actor *a)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_actor admin;
	/* the store's first account is the county's, made by the local owner;
	 * it makes the others (app/account.h) */
	if (dx_actor_load(st, "admin", &admin, &why) == DX_NOT_FOUND) {
		assert_int_equal(tu_account_add(st, "admin", "县", "532399", NULL, NULL, &why), DX_OK);
		assert_int_equal(dx_actor_load(st, "admin", &admin, &why), DX_OK);
	}
	assert_int_equal(tu_account_add(st, name, level, scope, role, &admin, &why), DX_OK);
	assert_int_equal(dx_actor_load(st, name, a, &why), DX_OK);
	dx_buf_release(&why);
}

/* Set the county's key = value in the store (every year, from the start)
 * as its county account c1 does: the procedure reads policy as in use. */
static void set_policy(const char *key, const char *value)
{
	char canon[DX_POLICY_VALUE_MAX];
	const char *w = NULL;
	assert_int_equal(tu_policy_set(st, "532399", 0, "", key, value, "c1", canon, &w),
			 DX_OK);
}

/* The keys the tests change, back at their defaults. */
static void base_policy(void)
{
	static const char *const keys[] = {"no_labour_blocks_elimination", "eliminate_min_months",
					   "working_days", "identify_days", "holidays",
					   "extra_workdays"};
	struct dx_buf b = DX_BUF_INIT;
	struct dx_policy p;
	dx_policy_defaults(&p);
	for (size_t i = 0; i < DX_ARRAY_SIZE(keys); i++) {
		dx_buf_reset(&b);
		assert_int_equal(dx_policy_get(&p, keys[i], &b), DX_OK);
		set_policy(keys[i], b.buf ? b.buf : "");
	}
	dx_buf_release(&b);
}

static int setup(void **state)
{
	/* events may not lie after today: the tests' dates are before this */
	static const struct dx_date today = {2026, 12, 31};
	dx_date_set_today(&today);
	(void)state;
	tu_tmpdb(path);
	dx_log_set_level(DX_LOG_NONE);
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399", "云岭县"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399101", "云华乡"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399102", "青松镇"), DX_OK);
	assert_int_equal(dx_store_area_put(st, VIL1, "青山村"), DX_OK);
	assert_int_equal(dx_store_area_put(st, VIL2, "麦地村"), DX_OK);
	assert_int_equal(dx_store_area_put(st, VIL3, "小河村"), DX_OK);
	actor("v1", "村", VIL1, NULL, &v1);
	actor("v2", "村", VIL2, NULL, &v2);
	actor("t1", "乡", "532399101", NULL, &t1);
	actor("t2", "乡", "532399102", NULL, &t2);
	actor("c1", "县", "532399", NULL, &c1);
	actor("ro", "县", "532399", "查看", &ro);
	base_policy();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	dx_store_close(st);
	tu_rm(path);
	return 0;
}

/* A household shape for the elimination tests. */
struct shape {
	const char *kind;
	int labour, insured, income_yuan, measures, housing, water, dropout;
	const char *identified; /* episode identified on, NULL = never */
};

static const struct shape good = {"一般户", 1, 1, 20000, 1, 0, 0, 0, "2025-06-01"};

/* Insert a household in `village` of shape s; returns its id, hh_no in no. */
static int64_t mk(const char *village, const struct shape *s, char no[32])
{
	struct dx_household h = {0};
	struct dx_person p = {0};
	seq++;
	dx_snprintf(h.hh_no, sizeof(h.hh_no), "H%05d", seq);
	dx_strlcpy(h.area_code, village, sizeof(h.area_code));
	dx_strlcpy(h.kind, s->kind, sizeof(h.kind));
	dx_strlcpy(h.group_name, "一组", sizeof(h.group_name));
	dx_strlcpy(h.phone, "13987654321", sizeof(h.phone));
	h.tuopin_year = strcmp(s->kind, "脱贫户") ? 0 : 2016;
	h.unsafe_housing = s->housing;
	h.unsafe_water = s->water;
	h.dropout = s->dropout;
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	p.household_id = h.id;
	dx_snprintf(p.id_no, sizeof(p.id_no), "53239919700101%04d", seq);
	dx_snprintf(p.name, sizeof(p.name), "户主%d", seq);
	dx_strlcpy(p.relation, "户主", sizeof(p.relation));
	dx_strlcpy(p.sex, "男", sizeof(p.sex));
	dx_strlcpy(p.birth, "1970-01-01", sizeof(p.birth));
	dx_strlcpy(p.labour, s->labour ? "普通劳动力" : "丧失劳动力", sizeof(p.labour));
	dx_strlcpy(p.health, "患有大病", sizeof(p.health));
	p.ins_resident = s->insured;
	p.work_months = -1;
	p.counted = 1;
	assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
	if (s->income_yuan) {
		struct dx_income_row in = {.household_id = h.id, .year = 2025,
					   .wage = (int64_t)s->income_yuan * 100};
		assert_int_equal(dx_store_income_put(st, &in), DX_OK);
	}
	for (int i = 0; i < s->measures; i++) {
		struct dx_measure m = {.household_id = h.id};
		dx_strlcpy(m.category, "产业帮扶", sizeof(m.category));
		dx_strlcpy(m.status, "已落实", sizeof(m.status));
		assert_int_equal(dx_store_measure_insert(st, &m), DX_OK);
	}
	if (s->identified) {
		struct dx_episode e = {.household_id = h.id};
		dx_strlcpy(e.category, "边缘易致贫户", sizeof(e.category));
		dx_strlcpy(e.risks, "因病", sizeof(e.risks));
		dx_strlcpy(e.identified_on, s->identified, sizeof(e.identified_on));
		assert_int_equal(dx_store_episode_insert(st, &e), DX_OK);
	}
	if (no)
		dx_strlcpy(no, h.hh_no, 32);
	return h.id;
}

static int64_t open_identify(const char *village, const char *date)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_case_req r = {0};
	char no[32];
	int64_t id = 0;
	struct shape s = good;
	s.identified = NULL;
	mk(village, &s, no);
	r.kind = "识别";
	r.hh_no = no;
	r.category = "边缘易致贫户";
	r.risks = "因学,因病";
	r.date = date;
	assert_int_equal(why_of(dx_case_open(AS(st, &v1), &r, &id), &why), DX_OK);
	dx_buf_release(&why);
	return id;
}

static const char *const step_names[] = {"入户核实", "信息比对", "村级民主评议", "公示",
                                         "乡镇审核", "县级审定", "公告"};
static const char *const step_dates[] = {"2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05",
					 "2026-03-11", "2026-03-12", "2026-03-13"};

static const struct dx_actor *doer(int step)
{
	return step == 1 || step == 4 ? &t1 : step >= 5 ? &c1 : &v1;
}

static size_t nsteps(int64_t id)
{
	struct dx_step_row rows[4];
	size_t n = 0;
	assert_int_equal(dx_store_step_list(st, id, rows, 4, &n), DX_OK);
	return n;
}

/*
 * States as the steps passed to reach them (a digit per step index), plus a
 * final action for the closed ones; then per state the expected outcome of
 * pass on each step, reject on each step and cancel: 'o' allowed, 'x'
 * refused.  Written out by hand from domain.md §5 and casefsm.h.
 */
static const struct {
	const char *passed;
	char close; /* 0, 'r' rejected at 评议, 'c' cancelled */
	const char *pass, *reject;
	char cancel;
} matrix[] = {
	{"", 0, "oxxxxxx", "oxxxxxx", 'o'},
	{"0", 0, "xooxxxx", "xooxxxx", 'o'},
	{"01", 0, "xxoxxxx", "xxoxxxx", 'o'},
	{"02", 0, "xoxoxxx", "xoxoxxx", 'o'},
	{"012", 0, "xxxoxxx", "xxxoxxx", 'o'},
	{"023", 0, "xoxxxxx", "xoxoxxx", 'o'}, /* 公示 up, 比对 missing */
	{"0123", 0, "xxxxoxx", "xxxooxx", 'o'}, /* objection at 公示 */
	{"01234", 0, "xxxxxox", "xxxxxox", 'o'},
	{"012345", 0, "xxxxxxo", "xxxxxxo", 'o'},
	{"0123456", 0, "xxxxxxx", "xxxxxxx", 'x'},
	{"01", 'r', "xxxxxxx", "xxxxxxx", 'x'},
	{"0", 'c', "xxxxxxx", "xxxxxxx", 'x'},
};

static int64_t reach(size_t row)
{
	struct dx_buf why = DX_BUF_INIT;
	int64_t id = open_identify(VIL1, "2026-03-02");
	for (const char *p = matrix[row].passed; *p; p++) {
		int s = *p - '0';
		assert_int_equal(why_of(dx_case_step(AS(st, doer(s)), id, step_names[s], "通过",
		                                     NULL, step_dates[s]),
		                        &why),
		                 DX_OK);
	}
	if (matrix[row].close == 'r')
		assert_int_equal(why_of(dx_case_step(AS(st, &v1), id, "村级民主评议", "不通过",
		                                     "收入高于监测线", "2026-03-05"),
		                        &why),
		                 DX_OK);
	if (matrix[row].close == 'c')
		assert_int_equal(why_of(dx_case_step(AS(st, &c1), id, NULL, "撤销", "农户撤回申请",
		                                     "2026-03-05"),
		                        &why),
		                 DX_OK);
	dx_buf_release(&why);
	return id;
}

static void try_action(size_t row, int step, const char *act, char want)
{
	struct dx_buf why = DX_BUF_INIT;
	int64_t id = reach(row);
	size_t before = nsteps(id);
	const struct dx_actor *a = step < 0 ? &c1 : doer(step);
	int rc = why_of(dx_case_step(AS(st, a), id, step < 0 ? NULL : step_names[step], act,
	                             strcmp(act, "通过") ? "理由" : NULL, "2026-03-20"),
	                &why);
	if (want == 'o') {
		if (rc)
			fail_msg("state %zu: %s %s refused: %s", row, step < 0 ? "" : step_names[step],
				 act, why.buf);
		assert_int_equal(nsteps(id), before + 1);
	} else {
		if (!rc)
			fail_msg("state %zu: %s %s allowed", row, step < 0 ? "" : step_names[step], act);
		assert_true(why.len > 0); /* a clear reason */
		assert_int_equal(nsteps(id), before);
	}
	dx_buf_release(&why);
}

static void test_state_action_matrix(void **state)
{
	(void)state;
	for (size_t row = 0; row < DX_ARRAY_SIZE(matrix); row++) {
		for (int s = 0; s < 7; s++) {
			try_action(row, s, "通过", matrix[row].pass[s]);
			try_action(row, s, "不通过", matrix[row].reject[s]);
		}
		try_action(row, -1, "撤销", matrix[row].cancel);
	}
}

/* Reaching the end opens an episode with the category and risks; a
 * rejection closes the case with the reason. */
static void test_outcomes(void **state)
{
	struct dx_case_view v;
	struct dx_episode e;
	struct dx_buf why = DX_BUF_INIT;
	int64_t id = reach(9);
	(void)state;
	assert_int_equal(why_of(dx_case_get(AS(st, &v1), id, &v), &why), DX_OK);
	assert_string_equal(v.c.state, "已通过");
	assert_string_equal(v.c.closed_on, "2026-03-13");
	assert_int_equal(dx_store_episode_current(st, v.c.household_id, &e), DX_OK);
	assert_string_equal(e.identified_on, "2026-03-13");
	assert_string_equal(e.category, "边缘易致贫户");
	assert_string_equal(e.risks, "因病、因学"); /* code-table order */
	assert_int_equal(v.c.episode_id, e.id);
	id = reach(10);
	assert_int_equal(why_of(dx_case_get(AS(st, &v1), id, &v), &why), DX_OK);
	assert_string_equal(v.c.state, "未通过");
	assert_string_equal(v.c.reason, "收入高于监测线");
	assert_int_equal(dx_store_episode_current(st, v.c.household_id, &e), DX_NOT_FOUND);
	/* rejecting needs a reason for the household */
	id = reach(1);
	assert_int_equal(
	    why_of(dx_case_step(AS(st, &v1), id, "信息比对", "不通过", NULL, "2026-03-20"), &why),
	    DX_INVALID);
	assert_non_null(strstr(why.buf, "--note"));
	dx_buf_release(&why);
}

static void expect_denied(const struct dx_actor *a, int64_t id, const char *step)
{
	struct dx_buf why = DX_BUF_INIT;
	assert_int_equal(
	    why_of(dx_case_step(AS(st, a), id, step, "通过", NULL, "2026-03-20"), &why), DX_DENIED);
	assert_non_null(strstr(why.buf, "应由"));
	dx_buf_release(&why);
}

static void test_wrong_level(void **state)
{
	(void)state;
	int64_t id = reach(0);
	expect_denied(&t1, id, "入户核实");
	expect_denied(&c1, id, "入户核实");
	id = reach(1);
	expect_denied(&c1, id, "信息比对");
	expect_denied(&t1, id, "村级民主评议");
	id = reach(4);
	expect_denied(&t1, id, "公示");
	expect_denied(&c1, id, "公示");
	id = reach(6);
	expect_denied(&v1, id, "乡镇审核");
	expect_denied(&c1, id, "乡镇审核");
	id = reach(7);
	expect_denied(&t1, id, "县级审定");
	expect_denied(&v1, id, "县级审定");
	id = reach(8);
	expect_denied(&t1, id, "公告");
}

static int count_cb(const struct dx_case_row *c, void *arg)
{
	(void)c;
	(*(int *)arg)++;
	return DX_OK;
}

static void test_scope(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_case_view v;
	struct dx_case_req r = {0};
	char no[32];
	int n1 = 0, n2 = 0, nt2 = 0;
	int64_t id = reach(0), id2;
	(void)state;
	/* another village, another township: as if the case did not exist */
	assert_int_equal(
	    why_of(dx_case_step(AS(st, &v2), id, "入户核实", "通过", NULL, "2026-03-03"), &why),
	    DX_NOT_FOUND);
	assert_int_equal(why_of(dx_case_get(AS(st, &v2), id, &v), &why), DX_NOT_FOUND);
	assert_int_equal(why_of(dx_case_get(AS(st, &t2), id, &v), &why), DX_NOT_FOUND);
	assert_int_equal(why_of(dx_case_get(AS(st, &t1), id, &v), &why), DX_OK);
	mk(VIL1, &(struct shape){"一般户", 1, 1, 5000, 0, 0, 0, 0, NULL}, no);
	r.kind = "识别";
	r.hh_no = no;
	r.category = "边缘易致贫户";
	r.risks = "因病";
	r.date = "2026-03-02";
	assert_int_equal(why_of(dx_case_open(AS(st, &v2), &r, &id2), &why), DX_NOT_FOUND);
	assert_int_equal(why_of(dx_case_open(AS(st, &t2), &r, &id2), &why), DX_NOT_FOUND);
	/* lists hold only the scope; an area outside it is refused */
	assert_int_equal(why_of(dx_case_list(AS(st, &v1), NULL, "", count_cb, &n1), &why), DX_OK);
	assert_int_equal(why_of(dx_case_list(AS(st, &v2), NULL, "", count_cb, &n2), &why), DX_OK);
	assert_int_equal(why_of(dx_case_list(AS(st, &t2), NULL, "", count_cb, &nt2), &why), DX_OK);
	assert_true(n1 > 0);
	assert_int_equal(n2, 0);
	assert_int_equal(nt2, 0);
	dx_buf_reset(&why);
	assert_int_equal(why_of(dx_case_list(AS(st, &v2), VIL1, "", count_cb, &n2), &why), DX_DENIED);
	assert_non_null(strstr(why.buf, "管辖范围"));
	/* a read-only account sees but does not act */
	assert_int_equal(why_of(dx_case_get(AS(st, &ro), id, &v), &why), DX_OK);
	assert_int_equal(
	    why_of(dx_case_step(AS(st, &ro), id, "入户核实", "通过", NULL, "2026-03-03"), &why),
	    DX_DENIED);
	/* one open case per household */
	assert_int_equal(why_of(dx_case_open(AS(st, &v1), &r, &id2), &why), DX_OK);
	dx_buf_reset(&why);
	assert_int_equal(why_of(dx_case_open(AS(st, &v1), &r, &id2), &why), DX_STATE);
	assert_non_null(strstr(why.buf, "办理中"));
	dx_buf_release(&why);
}

static void test_notice_days(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_case_view v;
	int64_t id = reach(6); /* 公示 posted 2026-03-05, notice_days 5 */
	(void)state;
	assert_int_equal(
	    why_of(dx_case_step(AS(st, &t1), id, "乡镇审核", "通过", NULL, "2026-03-09"), &why),
	    DX_STATE);
	assert_non_null(strstr(why.buf, "公示期未满"));
	assert_int_equal(why_of(dx_case_get(AS(st, &t1), id, &v), &why), DX_OK);
	assert_string_equal(v.notice_ends, "2026-03-10");
	assert_int_equal(
	    why_of(dx_case_step(AS(st, &t1), id, "乡镇审核", "通过", NULL, "2026-03-10"), &why),
	    DX_OK);
	/* a step dated before the previous one is refused */
	assert_int_equal(
	    why_of(dx_case_step(AS(st, &c1), id, "县级审定", "通过", NULL, "2026-03-09"), &why),
	    DX_INVALID);
	dx_buf_release(&why);
}


/* ---- 风险消除 ---- */

static int open_elim(const char *no, const char *kind, int unresolved, int new_risk,
		     const char *date, int64_t *id, struct dx_buf *why)
{
	struct dx_case_req r = {0};
	r.kind = "风险消除";
	r.hh_no = no;
	r.elim_kind = kind;
	r.risks_unresolved = unresolved;
	r.new_risk = new_risk;
	r.date = date;
	return why_of(dx_case_open(AS(st, &v1), &r, id), why);
}

static void expect_one_unmet(const struct shape *s, int unresolved, int new_risk,
			     const char *reason)
{
	struct dx_buf why = DX_BUF_INIT;
	char no[32];
	int64_t id = 0;
	mk(VIL1, s, no);
	assert_int_equal(open_elim(no, "帮扶消除", unresolved, new_risk, "2026-03-02", &id, &why),
			 DX_STATE);
	if (!strstr(why.buf, reason))
		fail_msg("'%s' not in: %s", reason, why.buf);
	assert_non_null(strstr(why.buf, "\n  1. "));
	assert_null(strstr(why.buf, "\n  2. "));
	assert_int_equal(id, 0);
	dx_buf_release(&why);
}

static void test_elim_conditions(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct shape s;
	char no[32];
	int64_t id = 0;
	(void)state;
	/* every condition of domain.md §6 met: the case opens */
	mk(VIL1, &good, no);
	assert_int_equal(open_elim(no, "帮扶消除", 0, 0, "2026-03-02", &id, &why), DX_OK);
	assert_true(id > 0);
	/* then one condition at a time */
	s = good, s.income_yuan = 0;
	expect_one_unmet(&s, 0, 0, "无收入数据");
	s = good, s.income_yuan = 5000;
	expect_one_unmet(&s, 0, 0, "低于监测线");
	s = good, s.housing = 1;
	expect_one_unmet(&s, 0, 0, "住房安全");
	s = good, s.dropout = 1;
	expect_one_unmet(&s, 0, 0, "义务教育");
	s = good, s.water = 1;
	expect_one_unmet(&s, 0, 0, "饮水安全");
	s = good, s.insured = 0;
	expect_one_unmet(&s, 0, 0, "基本医疗");
	expect_one_unmet(&good, 1, 0, "原有风险");
	expect_one_unmet(&good, 0, 1, "新的风险");
	s = good, s.identified = "2025-10-01";
	expect_one_unmet(&s, 0, 0, "识别未满6个月");
	s = good, s.measures = 0;
	expect_one_unmet(&s, 0, 0, "帮扶措施0个");
	/* several at once are all listed */
	s = good, s.housing = 1, s.water = 1, s.measures = 0;
	mk(VIL1, &s, no);
	assert_int_equal(open_elim(no, "帮扶消除", 0, 0, "2026-03-02", &id, &why), DX_STATE);
	assert_non_null(strstr(why.buf, "\n  3. "));
	/* a household never identified has nothing to eliminate */
	s = good, s.identified = NULL;
	mk(VIL1, &s, no);
	dx_buf_reset(&why);
	assert_int_equal(open_elim(no, "帮扶消除", 0, 0, "2026-03-02", &id, &why), DX_STATE);
	assert_non_null(strstr(why.buf, "不是在监测中"));
	dx_buf_reset(&why);
	assert_int_equal(open_elim(no, "消除", 0, 0, "2026-03-02", &id, &why), DX_INVALID);
	dx_buf_release(&why);
}

/* domain.md §6: a household with no labour at all stays monitored, unless
 * the policy says otherwise. */
static void test_no_labour(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct shape s = good;
	char no[32];
	int64_t id = 0;
	(void)state;
	s.labour = 0;
	expect_one_unmet(&s, 0, 0, "整户无劳动能力");
	mk(VIL1, &s, no);
	assert_int_equal(open_elim(no, "自然消除", 0, 0, "2026-03-02", &id, &why), DX_STATE);
	set_policy("no_labour_blocks_elimination", "no");
	dx_buf_reset(&why);
	assert_int_equal(open_elim(no, "自然消除", 0, 0, "2026-03-02", &id, &why), DX_OK);
	base_policy();
	dx_buf_release(&why);
}

/* Pass every step of case id starting on `start`, 公示 lasting 5 days. */
static void walk_all(int64_t id, const char *start)
{
	static const int offs[] = {0, 1, 2, 3, 8, 9, 10};
	struct dx_buf why = DX_BUF_INIT;
	struct dx_date d0;
	assert_int_equal(dx_date_parse(start, strlen(start), &d0), DX_OK);
	for (int i = 0; i < 7; i++) {
		struct dx_date d = d0;
		char on[11];
		dx_date_add_days(&d, offs[i]);
		if (why_of(dx_case_step(AS(st, doer(i)), id, step_names[i], "通过", NULL,
		                        dx_date_format(&d, on)),
		           &why))
			fail_msg("case %lld %s: %s", (long long)id, step_names[i], why.buf);
	}
	dx_buf_release(&why);
}

struct eps {
	struct dx_episode e[8];
	int n;
};

static int ep_cb(const struct dx_episode *e, void *arg)
{
	struct eps *x = arg;
	if (x->n < 8)
		x->e[x->n] = *e;
	x->n++;
	return DX_OK;
}

static void test_histories(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_case_view v;
	struct dx_case_req r = {0};
	struct eps h = {0};
	int64_t id = 0, hid, ep = 0;
	(void)state;
	id = reach(9); /* identified 2026-03-13 */
	assert_int_equal(why_of(dx_case_get(AS(st, &v1), id, &v), &why), DX_OK);
	hid = v.c.household_id;
	/* a quick 帮扶消除 (the policy's minimum set to 0 months) is flagged */
	set_policy("eliminate_min_months", "0");
	assert_int_equal(open_elim(v.c.hh_no, "帮扶消除", 0, 0, "2026-03-20", &id, &why), DX_OK);
	walk_all(id, "2026-03-20");
	assert_int_equal(why_of(dx_case_get(AS(st, &v1), id, &v), &why), DX_OK);
	assert_string_equal(v.c.state, "已通过");
	assert_non_null(strstr(v.c.flag, "不足2个月"));
	/* 风险消除回退: township or county only, the old episode kept */
	assert_int_equal(
	    why_of(dx_case_rollback(AS(st, &v1), v.c.hh_no, "2026-04-10", "复核", &ep), &why),
	    DX_DENIED);
	assert_int_equal(
	    why_of(dx_case_rollback(AS(st, &t1), v.c.hh_no, "2026-04-10", "复核", &ep), &why),
	    DX_OK);
	assert_int_equal(dx_store_episode_list(st, hid, ep_cb, &h), DX_OK);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.e[0].eliminated_on, "2026-03-30");
	assert_string_equal(h.e[0].elim_kind, "帮扶消除");
	assert_string_equal(h.e[0].ended_on, "2026-04-10");
	assert_string_equal(h.e[0].end_reason, "风险消除回退");
	assert_int_equal(h.e[1].id, ep);
	assert_int_equal(h.e[1].prev_id, h.e[0].id);
	assert_string_equal(h.e[1].identified_on, "2026-04-10");
	assert_string_equal(h.e[1].eliminated_on, "");
	assert_int_equal(h.e[1].reflag, 0);
	/* nothing eliminated now: no second rollback */
	assert_int_equal(
	    why_of(dx_case_rollback(AS(st, &t1), v.c.hh_no, "2026-04-11", "复核", &ep), &why),
	    DX_STATE);
	/* eliminated again (自然消除: never flagged), then re-flagged */
	assert_int_equal(open_elim(v.c.hh_no, "自然消除", 0, 0, "2026-04-11", &id, &why), DX_OK);
	walk_all(id, "2026-04-11");
	assert_int_equal(why_of(dx_case_get(AS(st, &v1), id, &v), &why), DX_OK);
	assert_string_equal(v.c.flag, "");
	r.kind = "识别";
	r.hh_no = v.c.hh_no;
	r.category = "突发严重困难户";
	r.risks = "因意外事故";
	r.date = "2026-05-04";
	assert_int_equal(why_of(dx_case_open(AS(st, &v1), &r, &id), &why), DX_OK);
	walk_all(id, "2026-05-04");
	h.n = 0;
	assert_int_equal(dx_store_episode_list(st, hid, ep_cb, &h), DX_OK);
	assert_int_equal(h.n, 3);
	assert_string_equal(h.e[0].end_reason, "风险消除回退"); /* untouched */
	assert_string_equal(h.e[1].elim_kind, "自然消除");
	assert_string_equal(h.e[1].end_reason, "风险再标注");
	assert_string_equal(h.e[1].ended_on, "2026-05-14");
	assert_int_equal(h.e[2].reflag, 1);
	assert_int_equal(h.e[2].prev_id, h.e[1].id);
	assert_string_equal(h.e[2].risks, "因意外事故");
	assert_string_equal(h.e[2].category, "突发严重困难户");
	/* monitored again: no second identification */
	r.date = "2026-05-20";
	dx_buf_reset(&why);
	assert_int_equal(why_of(dx_case_open(AS(st, &v1), &r, &id), &why), DX_STATE);
	assert_non_null(strstr(why.buf, "已是监测对象"));
	base_policy();
	dx_buf_release(&why);
}

struct od {
	int64_t ids[16];
	long days[16];
	int n;
};

static int od_cb(const struct dx_overdue_item *it, void *arg)
{
	struct od *x = arg;
	if (x->n < 16) {
		x->ids[x->n] = it->id;
		x->days[x->n] = it->days_over;
	}
	x->n++;
	return DX_OK;
}

static long overdue_days(int64_t clue_id, const char *as_of)
{
	struct dx_buf why = DX_BUF_INIT;
	struct od x = {0};
	assert_int_equal(why_of(dx_overdue_list(AS(st, &v2), NULL, as_of, od_cb, &x), &why), DX_OK);
	dx_buf_release(&why);
	for (int i = 0; i < x.n && i < 16; i++)
		if (x.ids[i] == clue_id)
			return x.days[i];
	return 0;
}

static int64_t clue(const char *no, const char *found, const char *want_deadline)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_clue_req r = {no, "干部排查", "因病：突发疾病", found, 0, NULL};
	struct dx_clue_row c;
	assert_int_equal(why_of(dx_clue_add(AS(st, &v2), &r, &c), &why), DX_OK);
	assert_string_equal(c.deadline, want_deadline);
	assert_string_equal(c.state, "待核实");
	dx_buf_release(&why);
	return c.id;
}

static void test_clue_deadlines(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_case_req r = {0};
	struct dx_case_row cr;
	struct dx_clue_row c;
	char no[32], no1[32], no2[32], other[32];
	int64_t id1, id2, cid;
	(void)state;
	mk(VIL2, &(struct shape){"一般户", 1, 1, 5000, 0, 0, 0, 0, NULL}, no);
	/* one clue 待核实 per household: each deadline on a household of its own */
	mk(VIL2, &(struct shape){"一般户", 1, 1, 5000, 0, 0, 0, 0, NULL}, no1);
	mk(VIL2, &(struct shape){"一般户", 1, 1, 5000, 0, 0, 0, 0, NULL}, no2);
	mk(VIL1, &(struct shape){"一般户", 1, 1, 5000, 0, 0, 0, 0, NULL}, other);
	/* calendar days (the default): 15 days, holidays ignored */
	clue(no, "2026-09-30", "2026-10-15");
	/* 国庆: 10-01..10-07 off, Saturday 10-10 worked (policy keys) */
	set_policy("working_days", "yes");
	set_policy("identify_days", "5");
	set_policy("holidays", "2026-10-01,2026-10-02,2026-10-03,2026-10-04,"
			       "2026-10-05,2026-10-06,2026-10-07");
	set_policy("extra_workdays", "2026-10-10");
	/* Wed 09-30: 10-08, 10-09, 10-10 (worked Saturday), 10-12, 10-13 */
	id1 = clue(no1, "2026-09-30", "2026-10-13");
	/* Fri 03-06 over one weekend: 03-09 .. 03-13 */
	id2 = clue(no2, "2026-03-06", "2026-03-13");
	assert_int_equal(overdue_days(id1, "2026-10-13"), 0);
	assert_int_equal(overdue_days(id1, "2026-10-14"), 1);
	/* the weekend after the deadline does not add working days */
	assert_int_equal(overdue_days(id2, "2026-03-15"), 1);
	assert_int_equal(overdue_days(id2, "2026-03-16"), 1);
	assert_int_equal(overdue_days(id2, "2026-03-17"), 2);
	/* bad source, a household outside the scope */
	struct dx_clue_req bad = {no, "路人", "x", "2026-03-06", 0, NULL};
	assert_int_equal(why_of(dx_clue_add(AS(st, &v2), &bad, &c), &why), DX_INVALID);
	struct dx_clue_req far = {other, "干部排查", "因病", "2026-03-06", 0, NULL};
	/* answered as a missing household: no probing of other areas */
	assert_int_equal(why_of(dx_clue_add(AS(st, &v2), &far, &c), &why), DX_NOT_FOUND);
	/* a case from the clue keeps its deadline; the clue is 已立案 */
	r.kind = "识别";
	r.clue_id = id2;
	r.category = "边缘易致贫户";
	r.risks = "因病";
	r.date = "2026-03-09";
	assert_int_equal(why_of(dx_case_open(AS(st, &v2), &r, &cid), &why), DX_OK);
	assert_int_equal(dx_store_case_get(st, cid, &cr), DX_OK);
	assert_string_equal(cr.deadline, "2026-03-13");
	assert_int_equal(dx_store_clue_get(st, id2, &c), DX_OK);
	assert_string_equal(c.state, "已立案");
	assert_int_equal(c.case_id, cid);
	assert_int_equal(why_of(dx_clue_close(AS(st, &v2), id2, "无风险", "2026-03-10"),
	                 &why), DX_STATE);
	assert_int_equal(why_of(dx_clue_close(AS(st, &v1), id1, "无风险", "2026-10-10"),
	                 &why), DX_NOT_FOUND);
	assert_int_equal(why_of(dx_clue_close(AS(st, &v2), id1, "无风险", "2026-10-10"), &why), DX_OK);
	assert_int_equal(overdue_days(id1, "2026-12-01"), 0); /* closed */
	base_policy();
	dx_buf_release(&why);
}

static void test_audit(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	int64_t a0, a1, a2;
	int64_t id = reach(0);
	(void)state;
	assert_int_equal(dx_store_count(st, "audit", "532399", &a0), DX_OK);
	assert_int_equal(
	    why_of(dx_case_step(AS(st, &v1), id, "入户核实", "通过", NULL, "2026-03-02"), &why),
	    DX_OK);
	assert_int_equal(dx_store_count(st, "audit", "532399", &a1), DX_OK);
	assert_int_equal(a1, a0 + 1);
	assert_int_equal(
	    why_of(dx_case_step(AS(st, &v1), id, "公告", "通过", NULL, "2026-03-02"), &why),
	    DX_DENIED);
	assert_int_equal(dx_store_count(st, "audit", "532399", &a2), DX_OK);
	assert_int_equal(a2, a1);
	dx_buf_release(&why);
}

/* Issue 11.3/11.4: the rules hold in the use cases, for any front end:
 * the local owner (no account) reads every area and writes nothing; no
 * event after today. */
static void test_actor_rules(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_case_view *v = dx_xmalloc(sizeof(*v));
	struct dx_actor lo;
	struct dx_clue_row c;
	char no[32];
	int64_t id = reach(0), n0, n1;
	(void)state;
	dx_actor_local_owner(&lo);
	mk(VIL3, &(struct shape){"一般户", 1, 1, 5000, 0, 0, 0, 0, NULL}, no);
	struct dx_clue_req r = {no, "干部排查", "因病", "2026-03-06", 0, NULL};
	assert_int_equal(dx_store_count(st, "audit", "532399", &n0), DX_OK);
	assert_int_equal(why_of(dx_clue_add(AS(st, &lo), &r, &c), &why), DX_DENIED);
	assert_non_null(strstr(why.buf, "该操作需要账号"));
	assert_int_equal(
	    why_of(dx_case_step(AS(st, &lo), id, "入户核实", "通过", NULL, "2026-03-02"), &why),
	    DX_DENIED);
	/* no account at all: the context cannot be built, so no use case runs */
	assert_int_equal(dx_ctx_init(&tcx, st, "no-such-account", tu_today()), DX_NOT_FOUND);
	assert_int_equal(dx_store_count(st, "audit", "532399", &n1), DX_OK);
	assert_int_equal(n1, n0); /* nothing written */
	/* reads: any area, as the local owner */
	assert_int_equal(why_of(dx_case_get(AS(st, &lo), id, v), &why), DX_OK);
	assert_true(dx_actor_sees(&lo, VIL3));
	assert_false(dx_actor_may_unmask(&lo));
	/* an event after today (2026-12-31 here) is refused; on it, accepted */
	struct dx_clue_req fut = {no, "干部排查", "因病", "2027-01-01", 0, NULL};
	dx_buf_reset(&why);
	assert_int_equal(why_of(dx_clue_add(AS(st, &c1), &fut, &c), &why), DX_INVALID);
	assert_non_null(strstr(why.buf, "晚于今天"));
	fut.found_on = "2026-12-31";
	assert_int_equal(why_of(dx_clue_add(AS(st, &c1), &fut, &c), &why), DX_OK);
	/* a reason off the risk list is refused, as for a case */
	assert_int_equal(why_of(dx_clue_close(AS(st, &c1), c.id, "核实无风险", "2026-12-31"),
	                 &why), DX_OK);
	struct dx_clue_req bad = {no, "干部排查", "因穷", "2026-12-30", 0, NULL};
	assert_int_equal(why_of(dx_clue_add(AS(st, &c1), &bad, &c), &why), DX_INVALID);
	free(v);
	dx_buf_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_action_matrix),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_wrong_level),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_notice_days),
		cmocka_unit_test(test_elim_conditions),
		cmocka_unit_test(test_no_labour),
		cmocka_unit_test(test_histories),
		cmocka_unit_test(test_clue_deadlines),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_actor_rules),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
