/*
 * test_app_screen.c - policy lookup through the store, screening and the
 * data-quality checks on hand-built households in a temporary store
 * (issue 4): every screening rule, the edges (exactly at the line, one
 * person, no income row, no counted member), what-if, per-village policy;
 * the members' summary the store keeps (schema v7) against the members.
 */
#include "testutil.h"
#include "app/account.h"
#include "app/check.h"
#include "app/policy.h"
#include "app/screen.h"
#include "store/derived.h"
#include "store/ledger.h"
#include "store/policy_store.h"
#include "store/screen_scan.h"
#include "store/store.h"

#define VA "532399101001"
#define VB "532399101002"

struct fixture {
	char path[64];
	struct dx_store *st;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	tu_tmpdb(f->path);
	dx_log_set_level(DX_LOG_NONE);
	assert_int_equal(dx_store_open(&f->st, f->path, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_store_area_put(f->st, "532399", "云岭县"), DX_OK);
	assert_int_equal(dx_store_area_put(f->st, "532399101", "云华乡"), DX_OK);
	assert_int_equal(dx_store_area_put(f->st, VA, "青山村"), DX_OK);
	assert_int_equal(dx_store_area_put(f->st, VB, "干海村"), DX_OK);
	{
		/* policy settings need a county account (app/policy.h) */
		struct dx_buf why = DX_BUF_INIT;
		assert_int_equal(tu_account_add(f->st, "tester", "县", "532399", NULL, NULL, &why),
				 DX_OK);
		dx_buf_release(&why);
	}
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

/* ---- building households ---- */

struct mem {
	const char *relation, *health, *labour, *school, *education, *work_place;
	const char *birth;
	int work_months, ins_resident, ins_employee, subsidy, not_counted;
};

/* the next member's ID number ends in this sequence number */
static int seq = 1000;

static int64_t hh(struct dx_store *st, const char *no, const char *village, const char *kind,
		  const struct mem *m, int n)
{
	struct dx_household h = {0};
	dx_strlcpy(h.hh_no, no, sizeof(h.hh_no));
	dx_strlcpy(h.area_code, village, sizeof(h.area_code));
	dx_strlcpy(h.kind, kind, sizeof(h.kind));
	h.tuopin_year = strcmp(kind, "脱贫户") ? 0 : 2016;
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	for (int i = 0; i < n; i++) {
		struct dx_person p = {0};
		p.household_id = h.id;
		dx_snprintf(p.id_no, sizeof(p.id_no), "532399198001%06d", seq++);
		dx_snprintf(p.name, sizeof(p.name), "%s成员%d", no, i);
		dx_strlcpy(p.relation, m[i].relation ? m[i].relation : (i ? "之子" : "户主"),
			   sizeof(p.relation));
		dx_strlcpy(p.sex, "男", sizeof(p.sex));
		dx_strlcpy(p.birth, m[i].birth ? m[i].birth : "1980-01-01", sizeof(p.birth));
		dx_strlcpy(p.health, m[i].health ? m[i].health : "健康", sizeof(p.health));
		dx_strlcpy(p.labour, m[i].labour ? m[i].labour : "普通劳动力", sizeof(p.labour));
		dx_strlcpy(p.school, m[i].school ? m[i].school : "", sizeof(p.school));
		dx_strlcpy(p.education, m[i].education ? m[i].education : (m[i].school ? "" : "初中"),
			   sizeof(p.education));
		dx_strlcpy(p.work_place, m[i].work_place ? m[i].work_place : "", sizeof(p.work_place));
		p.work_months = m[i].work_place ? (m[i].work_months ? m[i].work_months : 6)
						: (m[i].work_months ? m[i].work_months : -1);
		p.ins_resident = m[i].ins_employee ? m[i].ins_resident : !m[i].ins_resident;
		p.ins_employee = m[i].ins_employee;
		p.disability_subsidy = m[i].subsidy;
		p.counted = !m[i].not_counted;
		assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
	}
	return h.id;
}

/* net income in yuan as wages; oop and claims in yuan */
static void income(struct dx_store *st, int64_t hid, int year, int64_t net, int64_t oop)
{
	struct dx_income_row in = {.household_id = hid, .year = year, .wage = net * 100,
				   .oop = oop * 100};
	assert_int_equal(dx_store_income_put(st, &in), DX_OK);
}

static void episode(struct dx_store *st, int64_t hid, const char *risks, const char *ident,
		    const char *elim)
{
	struct dx_episode e = {.household_id = hid};
	dx_strlcpy(e.category, "边缘易致贫户", sizeof(e.category));
	dx_strlcpy(e.risks, risks, sizeof(e.risks));
	dx_strlcpy(e.identified_on, ident, sizeof(e.identified_on));
	dx_strlcpy(e.eliminated_on, elim, sizeof(e.eliminated_on));
	assert_int_equal(dx_store_episode_insert(st, &e), DX_OK);
}

static void measure(struct dx_store *st, int64_t hid, const char *cat, const char *status)
{
	struct dx_measure m = {.household_id = hid};
	dx_strlcpy(m.category, cat, sizeof(m.category));
	dx_strlcpy(m.status, status, sizeof(m.status));
	assert_int_equal(dx_store_measure_insert(st, &m), DX_OK);
}

/* ---- collecting screening rows ---- */

struct got {
	int n;
	struct {
		char hh_no[32], head[64], reasons[DX_SCREEN_REASON_MAX];
		enum dx_category cat, alt;
		unsigned flags;
		int64_t pc;
		int has_income;
		enum dx_whatif_change change;
		char risks[128];
	} r[64];
};

static int collect(const struct dx_screen_row *row, void *arg)
{
	struct got *g = arg;
	struct dx_buf b = DX_BUF_INIT;
	assert_true(g->n < 64);
	dx_strlcpy(g->r[g->n].hh_no, row->hh_no, 32);
	dx_strlcpy(g->r[g->n].head, row->head, 64);
	dx_strlcpy(g->r[g->n].reasons, row->res->reasons, DX_SCREEN_REASON_MAX);
	g->r[g->n].cat = row->res->category;
	g->r[g->n].alt = row->alt ? row->alt->category : DX_CAT_NONE;
	g->r[g->n].flags = row->res->flags;
	g->r[g->n].pc = row->res->income.tested_pc;
	g->r[g->n].has_income = row->res->has_income;
	g->r[g->n].change = row->change;
	dx_screen_add_risks(&b, row->res, "、");
	dx_strlcpy(g->r[g->n].risks, b.buf, 128);
	dx_buf_release(&b);
	g->n++;
	return 0;
}

static int find(const struct got *g, const char *no)
{
	for (int i = 0; i < g->n; i++)
		if (!strcmp(g->r[i].hh_no, no))
			return i;
	return -1;
}

static void screen(struct dx_store *st, const char *area, int all, const char *whatif,
		   struct got *g, struct dx_screen_summary *sum)
{
	struct dx_screen_opts o = {.area = area, .year = 2025, .as_of = "2025-12-31", .all = all};
	if (whatif)
		o.whatif[o.nwhatif++] = whatif;
	memset(g, 0, sizeof(*g));
	assert_int_equal(dx_app_screen(st, &o, collect, g, sum, NULL, NULL), DX_OK);
}

/* ---- policy through the store ---- */

static void set(struct dx_store *st, const char *area, int year, const char *from,
		const char *key, const char *value)
{
	const char *why = NULL;
	char old[64];
	int rc, had;
	if (strlen(area) < 6) {
		/* above a county: no account may set it (app/policy.h); it comes
		 * with the province's defaults, written here to the store */
		rc = dx_store_policy_put(st, area, year, key, value, from, "province", old,
					 sizeof(old), &had);
		if (rc)
			fail_msg("put %s=%s", key, value);
		return;
	}
	rc = tu_policy_set(st, area, year, from, key, value, "tester", NULL, &why);
	if (rc)
		fail_msg("set %s=%s: %s", key, value, why ? why : "?");
}

static void test_policy_precedence(void **state)
{
	struct fixture *f = *state;
	struct dx_policy p;
	struct dx_holidays h;
	int64_t n0, n1;

	assert_int_equal(dx_app_policy(f->st, VA, 2025, NULL, &p), DX_OK);
	assert_int_equal(p.monitoring_line, 870000); /* default */

	set(f->st, "53", 2025, "", "monitoring_line", "8800");
	set(f->st, "532399", 0, "", "monitoring_line", "9000");       /* every year */
	set(f->st, "532399", 2025, "", "monitoring_line", "9100");
	set(f->st, "532399", 2025, "2025-07-01", "monitoring_line", "9200");
	set(f->st, "532399101", 2024, "", "monitoring_line", "9900"); /* other year */
	set(f->st, "53", 2025, "", "target_label", "防止返贫致贫对象");

	/* most specific prefix: county beats province */
	assert_int_equal(dx_app_policy(f->st, VA, 2025, NULL, &p), DX_OK);
	assert_int_equal(p.monitoring_line, 920000); /* end of year: 07-01 row */
	assert_string_equal(p.target_label, "防止返贫致贫对象");
	/* effective date: before July the plain 2025 row */
	assert_int_equal(dx_app_policy(f->st, VA, 2025, "2025-06-30", &p), DX_OK);
	assert_int_equal(p.monitoring_line, 910000);
	assert_int_equal(dx_app_policy(f->st, VA, 2025, "2025-07-01", &p), DX_OK);
	assert_int_equal(p.monitoring_line, 920000);
	/* year: 2026 has only the every-year county row */
	assert_int_equal(dx_app_policy(f->st, VA, 2026, NULL, &p), DX_OK);
	assert_int_equal(p.monitoring_line, 900000);
	assert_string_equal(p.target_label, "监测对象");
	/* the township's 2024 setting wins in 2024 only */
	assert_int_equal(dx_app_policy(f->st, VA, 2024, NULL, &p), DX_OK);
	assert_int_equal(p.monitoring_line, 990000);
	/* another county of the province gets the province row */
	assert_int_equal(dx_app_policy(f->st, "532301", 2025, NULL, &p), DX_OK);
	assert_int_equal(p.monitoring_line, 880000);

	/* setting again replaces, audited with the old value */
	assert_int_equal(dx_store_count(f->st, "audit", "532399", &n0), DX_OK);
	set(f->st, "532399", 2025, "2025-07-01", "monitoring_line", "9300.5");
	assert_int_equal(dx_store_count(f->st, "audit", "532399", &n1), DX_OK);
	assert_int_equal(n1, n0 + 1);
	assert_int_equal(dx_app_policy(f->st, VA, 2025, NULL, &p), DX_OK);
	assert_int_equal(p.monitoring_line, 930050);

	/* refused values store nothing */
	{
		const char *why = NULL;
		char canon[DX_POLICY_VALUE_MAX];
		assert_int_equal(tu_policy_set(f->st, "532399", 2025, "", "sudden_oop_share",
						   "150", "tester", canon, &why),
				 DX_INVALID);
		assert_non_null(why);
		assert_int_equal(tu_policy_set(f->st, "532399", 2025, "", "no_such_key", "1",
						   "tester", canon, &why),
				 DX_NOT_FOUND);
		assert_int_equal(dx_store_count(f->st, "audit", "532399", &n0), DX_OK);
		assert_int_equal(n0, n1);
	}

	/* the working-day calendar */
	set(f->st, "532399", 2025, "", "holidays", "2025-10-02, 2025-10-01;2025-10-01");
	set(f->st, "532399", 2025, "", "extra_workdays", "2025-09-28");
	assert_int_equal(dx_app_policy(f->st, VA, 2025, NULL, &p), DX_OK);
	dx_app_policy_holidays(&p, &h);
	assert_int_equal(h.noff, 2);
	assert_int_equal(h.off[0].d, 1);
	assert_int_equal(h.off[1].d, 2);
	assert_int_equal(h.nworked, 1);
	{
		struct dx_date sun = {2025, 9, 28}, wed = {2025, 10, 1}, thu = {2025, 10, 9};
		assert_true(dx_deadline_is_workday(&sun, &h));
		assert_false(dx_deadline_is_workday(&wed, &h));
		assert_true(dx_deadline_is_workday(&thu, &h));
	}
}

/* ---- screening ---- */

static void test_screen_rules(void **state)
{
	struct fixture *f = *state;
	struct dx_store *st = f->st;
	struct dx_screen_summary sum;
	struct got g;
	int64_t id;
	int i;
	const struct mem one_ill[] = {{.health = "患有大病"}};
	const struct mem one_dis[] = {{.health = "残疾"}};
	const struct mem two_chronic[] = {{.health = "长期慢性病"}, {0}};
	const struct mem healthy2[] = {{0}, {0}};
	const struct mem none_counted[] = {{.not_counted = 1}};

	/* one person exactly at the line: not below */
	id = hh(st, "H01", VA, "一般户", one_dis, 1);
	income(st, id, 2025, 8700, 0);
	/* one person a fen below, with an illness */
	id = hh(st, "H02", VA, "一般户", one_ill, 1);
	{
		struct dx_income_row in = {.household_id = id, .year = 2025, .wage = 869999};
		assert_int_equal(dx_store_income_put(st, &in), DX_OK);
	}
	/* 脱贫户, two persons at 6000 each: 脱贫不稳定户 + 万元 target flag */
	id = hh(st, "H03", VA, "脱贫户", two_chronic, 2);
	income(st, id, 2025, 12000, 0);
	/* no income row */
	hh(st, "H04", VA, "一般户", healthy2, 2);
	/* no counted member */
	id = hh(st, "H05", VA, "一般户", none_counted, 1);
	income(st, id, 2025, 5000, 0);
	/* above the line, 合规自付支出 pulls tested income below */
	id = hh(st, "H06", VA, "一般户", healthy2, 2);
	income(st, id, 2025, 40000, 25000);
	/* under an active episode */
	id = hh(st, "H07", VA, "一般户", one_ill, 1);
	income(st, id, 2025, 3000, 0);
	episode(st, id, "因病", "2025-03-01", "");
	/* income fell by more than 30% */
	id = hh(st, "H08", VA, "一般户", healthy2, 2);
	income(st, id, 2024, 60000, 0);
	income(st, id, 2025, 40000, 0);
	/* below the line without any risk: flagged, no category */
	id = hh(st, "H09", VA, "一般户", healthy2, 2);
	income(st, id, 2025, 10000, 0);
	/* comfortable: not listed */
	id = hh(st, "H10", VA, "一般户", healthy2, 2);
	income(st, id, 2025, 50000, 0);
	/* eliminated episode: screened again */
	id = hh(st, "H11", VA, "一般户", one_ill, 1);
	income(st, id, 2025, 5000, 0);
	episode(st, id, "因病", "2024-01-01", "2024-09-01");
	/* a 医保 warning gives 因病 to a healthy household below the line */
	id = hh(st, "H12", VA, "一般户", healthy2, 2);
	income(st, id, 2025, 10000, 0);
	{
		struct dx_warning w = {0};
		int64_t batch;
		assert_int_equal(dx_store_warning_batch_insert(st, "532399", "医保", "2025-11", "t",
							       &batch), DX_OK);
		w.batch_id = batch;
		dx_strlcpy(w.id_no, "532399198001001099", sizeof(w.id_no));
		dx_strlcpy(w.department, "医保", sizeof(w.department));
		dx_strlcpy(w.event, "个人自付医疗费用超标", sizeof(w.event));
		w.household_id = id;
		assert_int_equal(dx_store_warning_insert(st, &w), DX_OK);
	}

	screen(st, "532399", 0, NULL, &g, &sum);
	assert_int_equal(sum.households, 12);
	assert_int_equal(sum.skipped, 1);
	assert_int_equal(find(&g, "H01"), -1);
	assert_int_equal(find(&g, "H07"), -1);
	assert_int_equal(find(&g, "H10"), -1);

	i = find(&g, "H02");
	assert_true(i >= 0);
	assert_int_equal(g.r[i].cat, DX_CAT_EDGE);
	assert_string_equal(g.r[i].reasons, "人均纯收入 8699.99 < 监测线 8700.00");
	assert_string_equal(g.r[i].risks, "因病");
	assert_string_equal(g.r[i].head, "H02成员0");

	i = find(&g, "H03");
	assert_int_equal(g.r[i].cat, DX_CAT_UNSTABLE);
	assert_int_equal(g.r[i].pc, 600000);
	assert_true(g.r[i].flags & DX_FLAG_LOW_INCOME);
	assert_string_equal(g.r[i].reasons, "人均纯收入 6000.00 < 监测线 8700.00");

	i = find(&g, "H04");
	assert_int_equal(g.r[i].cat, DX_CAT_NONE);
	assert_true(g.r[i].flags & DX_FLAG_NO_INCOME);
	assert_false(g.r[i].has_income);

	i = find(&g, "H05");
	assert_true(g.r[i].flags & DX_FLAG_NO_MEMBERS);
	assert_int_equal(g.r[i].cat, DX_CAT_NONE);

	i = find(&g, "H06");
	assert_int_equal(g.r[i].cat, DX_CAT_SUDDEN);
	assert_non_null(strstr(g.r[i].reasons, "人均收入参考值 7500.00 < 监测线"));

	i = find(&g, "H08");
	assert_int_equal(g.r[i].cat, DX_CAT_SUDDEN);
	assert_non_null(strstr(g.r[i].reasons, "下降 33.33%"));

	i = find(&g, "H09");
	assert_int_equal(g.r[i].cat, DX_CAT_NONE);
	assert_true(g.r[i].flags & DX_FLAG_NO_RISK);

	i = find(&g, "H11");
	assert_int_equal(g.r[i].cat, DX_CAT_EDGE);

	i = find(&g, "H12");
	assert_int_equal(g.r[i].cat, DX_CAT_EDGE);
	assert_true(g.r[i].flags & DX_FLAG_DEPT_WARNING);
	assert_string_equal(g.r[i].risks, "因病");

	assert_int_equal(sum.cat[DX_CAT_EDGE], 3);
	assert_int_equal(sum.cat[DX_CAT_UNSTABLE], 1);
	assert_int_equal(sum.cat[DX_CAT_SUDDEN], 2);

	/* --all lists the monitored household, flagged */
	screen(st, "532399", 1, NULL, &g, &sum);
	assert_int_equal(sum.skipped, 0);
	i = find(&g, "H07");
	assert_true(i >= 0);
	assert_true(g.r[i].flags & DX_FLAG_MONITORED);
	assert_int_equal(g.r[i].cat, DX_CAT_EDGE);

	/* what-if: a higher line brings H01 (8700, disabled) in; a lower one
	 * takes H02 out */
	screen(st, "532399", 0, "monitoring_line=9000", &g, &sum);
	i = find(&g, "H01");
	assert_true(i >= 0);
	assert_int_equal(g.r[i].change, DX_WHATIF_IN);
	assert_int_equal(g.r[i].alt, DX_CAT_EDGE);
	assert_int_equal(find(&g, "H03"), -1); /* unchanged: not listed */
	assert_int_equal(sum.whatif_in, 1 + 0); /* only H01 crosses 9000 */
	screen(st, "532399", 0, "monitoring_line=8699", &g, &sum);
	i = find(&g, "H02");
	assert_int_equal(g.r[i].change, DX_WHATIF_OUT);
	assert_int_equal(sum.whatif_out, 1);

	/* a bad what-if is refused before any row */
	{
		struct dx_screen_opts o = {.area = "532399", .year = 2025, .nwhatif = 1};
		const char *why = NULL, *bad = NULL;
		o.whatif[0] = "monitoring_line";
		memset(&g, 0, sizeof(g));
		assert_int_equal(dx_app_screen(st, &o, collect, &g, &sum, &why, &bad), DX_INVALID);
		assert_int_equal(g.n, 0);
		assert_string_equal(bad, "monitoring_line");
	}

	/* the policy in force is the village's: only VB raises its line */
	id = hh(st, "B01", VB, "一般户", one_dis, 1);
	income(st, id, 2025, 9000, 0);
	id = hh(st, "A13", VA, "一般户", one_dis, 1);
	income(st, id, 2025, 9000, 0);
	set(st, VB, 2025, "", "monitoring_line", "9500");
	screen(st, "532399101", 0, NULL, &g, &sum);
	i = find(&g, "B01");
	assert_true(i >= 0);
	assert_int_equal(g.r[i].cat, DX_CAT_EDGE);
	assert_string_equal(g.r[i].reasons, "人均纯收入 9000.00 < 监测线 9500.00");
	assert_int_equal(find(&g, "A13"), -1);
	/* a village screen sees only its households */
	screen(st, VB, 0, NULL, &g, &sum);
	assert_int_equal(sum.households, 1);
}

/* ---- the members' summary kept by the store (schema v7) ----
 *
 * For every household, what screening reads through DX_SCAN_FOLDED (the
 * household row's summary) must be what the member rows give through the
 * member scan, and screen the same, after inserts, updates that change
 * what screening reads (or move a member), and a full refresh.
 */

#define SUM_MAX 64

struct sums {
	int n;
	struct {
		int64_t id;
		struct dx_screen_folded fold;
		int no_insurance;
		char head[64];
		struct dx_screen_result res;
	} h[SUM_MAX];
};

static void screen_into(const struct dx_screen_input *in, struct dx_screen_result *r)
{
	struct dx_policy p;
	dx_policy_defaults(&p);
	memset(r, 0, sizeof(*r));
	assert_int_equal(dx_screen(in, &p, r), DX_OK);
}

static int sum_members(const struct dx_scan_hh *h, void *arg)
{
	struct sums *s = arg;
	struct dx_screen_member m[DX_SCAN_MAX_MEMBERS];
	struct dx_screen_input in;
	assert_true(s->n < SUM_MAX);
	assert_false(h->folded);
	dx_app_screen_input(h, m, &in);
	s->h[s->n].id = h->id;
	dx_screen_fold(in.members, in.nmembers, &s->h[s->n].fold);
	s->h[s->n].no_insurance = in.no_insurance;
	s->h[s->n].head[0] = '\0';
	for (int i = 0; i < h->nmembers; i++)
		if (!strcmp(h->m[i].relation, "户主")) {
			dx_strlcpy(s->h[s->n].head, h->m[i].name, 64);
			break;
		}
	screen_into(&in, &s->h[s->n].res);
	s->n++;
	return 0;
}

static int sum_folded(const struct dx_scan_hh *h, void *arg)
{
	struct sums *s = arg;
	struct dx_screen_input in;
	assert_true(s->n < SUM_MAX);
	assert_true(h->folded);
	assert_null(h->m);
	dx_app_screen_input(h, NULL, &in);
	s->h[s->n].id = h->id;
	s->h[s->n].fold = in.fold;
	s->h[s->n].no_insurance = in.no_insurance;
	dx_strlcpy(s->h[s->n].head, h->head, 64);
	screen_into(&in, &s->h[s->n].res);
	s->n++;
	return 0;
}

static void assert_same_results(const struct dx_screen_result *a, const struct dx_screen_result *b)
{
	assert_int_equal(a->category, b->category);
	assert_int_equal(a->nrisks, b->nrisks);
	assert_memory_equal(a->risks, b->risks, sizeof(a->risks[0]) * (size_t)a->nrisks);
	assert_int_equal(a->flags, b->flags);
	assert_int_equal(a->counted, b->counted);
	assert_int_equal(a->has_income, b->has_income);
	assert_memory_equal(&a->income, &b->income, sizeof(a->income));
	assert_int_equal(a->line, b->line);
	assert_string_equal(a->reasons, b->reasons);
}

static void assert_summary_matches(struct dx_store *st, const char *area)
{
	static struct sums a, b;
	int64_t stale = -1;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	assert_int_equal(dx_store_screen_scan(st, area, 2025, "2025-12-31", 0, sum_members, &a),
			 DX_OK);
	assert_int_equal(dx_store_screen_scan(st, area, 2025, "2025-12-31", DX_SCAN_FOLDED,
					      sum_folded, &b),
			 DX_OK);
	assert_int_equal(a.n, b.n);
	for (int i = 0; i < a.n; i++) {
		assert_int_equal(a.h[i].id, b.h[i].id);
		assert_memory_equal(&a.h[i].fold, &b.h[i].fold, sizeof(a.h[i].fold));
		assert_int_equal(a.h[i].no_insurance, b.h[i].no_insurance);
		assert_string_equal(a.h[i].head, b.h[i].head);
		assert_same_results(&a.h[i].res, &b.h[i].res);
	}
	assert_int_equal(dx_store_derived_stale(st, &stale), DX_OK);
	assert_int_equal(stale, 0);
}

static void test_folded_summary(void **state)
{
	struct fixture *f = *state;
	struct dx_store *st = f->st;
	struct dx_person p;
	int64_t a, b, id;
	const struct mem ill[] = {{.health = "长期慢性病"}, {.relation = "配偶", .health = "患有大病"}};
	const struct mem dis[] = {{.health = "残疾", .labour = "丧失劳动力"}};
	const struct mem school[] = {{.labour = "无劳动力"}, {.school = "普通高中", .labour = "无劳动力"}};
	const struct mem pupil[] = {{0}, {.school = "七年级", .labour = "无劳动力"}};
	const struct mem worker[] = {{.work_place = "县城"}, {.relation = "配偶", .labour = "弱劳动力或半劳动力"}};
	const struct mem idle[] = {{.work_place = "县城", .labour = "丧失劳动力"}};
	const struct mem blank[] = {{.labour = ""}, {.labour = "无劳动力"}};
	const struct mem badcode[] = {{.labour = "劳力"}};
	const struct mem no_ins[] = {{0}, {.ins_resident = 1}}; /* flips to none, see hh() */
	const struct mem no_head[] = {{.relation = "配偶"}, {.relation = "之子", .not_counted = 1}};
	const struct mem two_heads[] = {{0}, {.relation = "户主"}};
	int first = seq;
	char idno[24];
#define IDNO(k) (dx_snprintf(idno, sizeof(idno), "532399198001%06d", first + (k)), idno)

	id = hh(st, "F01", VA, "一般户", ill, 2);
	income(st, id, 2025, 12000, 0);
	id = hh(st, "F02", VA, "脱贫户", dis, 1);
	income(st, id, 2025, 5000, 0);
	id = hh(st, "F03", VA, "一般户", school, 2);
	income(st, id, 2025, 9000, 0);
	income(st, id, 2024, 30000, 0);
	hh(st, "F04", VA, "一般户", pupil, 2);
	id = hh(st, "F05", VA, "脱贫户", worker, 2);
	income(st, id, 2025, 16000, 0);
	id = hh(st, "F06", VA, "一般户", idle, 1);
	income(st, id, 2025, 7000, 0);
	id = hh(st, "F07", VB, "一般户", blank, 2);
	income(st, id, 2025, 6000, 0);
	id = hh(st, "F08", VB, "一般户", badcode, 1);
	income(st, id, 2025, 6000, 3000);
	id = hh(st, "F09", VB, "一般户", no_ins, 2);
	income(st, id, 2025, 40000, 25000);
	a = hh(st, "F10", VB, "一般户", no_head, 2);
	income(st, a, 2025, 8000, 0);
	b = hh(st, "F11", VB, "脱贫户", two_heads, 2);
	income(st, b, 2025, 8000, 0);
	{
		/* a household without members */
		struct dx_household h0 = {0};
		dx_strlcpy(h0.hh_no, "F12", sizeof(h0.hh_no));
		dx_strlcpy(h0.area_code, VB, sizeof(h0.area_code));
		dx_strlcpy(h0.kind, "一般户", sizeof(h0.kind));
		assert_int_equal(dx_store_household_insert(st, &h0), DX_OK);
		income(st, h0.id, 2025, 8000, 0);
	}
	assert_summary_matches(st, "532399");   /* a county: two connections */
	assert_summary_matches(st, "532399101"); /* a township: one */
	assert_summary_matches(st, VB);

	/* updates that change what screening reads */
	assert_int_equal(dx_ledger_person_by_idno(st, IDNO(0), &p), DX_OK);
	assert_string_equal(p.name, "F01成员0");
	dx_strlcpy(p.health, "健康", sizeof(p.health));
	assert_int_equal(dx_ledger_person_update(st, &p), DX_OK);
	assert_int_equal(dx_ledger_person_by_idno(st, IDNO(1), &p), DX_OK);
	dx_strlcpy(p.health, "健康", sizeof(p.health));
	dx_strlcpy(p.labour, "", sizeof(p.labour));
	assert_int_equal(dx_ledger_person_update(st, &p), DX_OK);
	assert_summary_matches(st, "532399");
	/* the 户主 of F11 moves to F10, which had none: F11 keeps its other
	 * 户主, F10 gains one and its illness */
	assert_int_equal(dx_ledger_person_by_idno(st, IDNO(17), &p), DX_OK);
	assert_string_equal(p.name, "F11成员0");
	p.household_id = a;
	dx_strlcpy(p.health, "患有大病", sizeof(p.health));
	assert_int_equal(dx_ledger_person_update(st, &p), DX_OK);
	assert_summary_matches(st, "532399");
	/* a 户主 stepping down, a member dropping out of school */
	assert_int_equal(dx_ledger_person_by_idno(st, IDNO(18), &p), DX_OK);
	dx_strlcpy(p.relation, "之子", sizeof(p.relation));
	assert_int_equal(dx_ledger_person_update(st, &p), DX_OK);
	assert_int_equal(dx_ledger_person_by_idno(st, IDNO(4), &p), DX_OK);
	assert_string_equal(p.school, "普通高中");
	dx_strlcpy(p.school, "", sizeof(p.school));
	p.ins_resident = 0;
	assert_int_equal(dx_ledger_person_update(st, &p), DX_OK);
	assert_summary_matches(st, "532399");

	/* a full refresh (what a bulk load calls) gives the same */
	assert_int_equal(dx_store_refresh_derived(st), DX_OK);
	assert_summary_matches(st, "532399");
	/* inside a transaction the county scan stays on this connection and
	 * sees its own writes */
	assert_int_equal(dx_store_begin(st), DX_OK);
	id = hh(st, "F13", VA, "一般户", ill, 1);
	income(st, id, 2025, 3000, 0);
	assert_summary_matches(st, "532399");
	assert_int_equal(dx_store_rollback(st), DX_OK);
#undef IDNO
}

/* ---- checks ---- */

struct counts {
	long n[32];
	long nhh;
	int bad_detail; /* a detail that shows an ID number */
};

static int on_finding(const struct dx_check_finding *fd, void *arg)
{
	struct counts *c = arg;
	if (strstr(fd->detail, "532399198001"))
		c->bad_detail = 1;
	return 0;
}

static void test_check_rules(void **state)
{
	struct fixture *f = *state;
	struct dx_store *st = f->st;
	struct counts c;
	long counts[32];
	int64_t id;
	const struct mem clean[] = {{0}, {.relation = "配偶"}};
	const struct mem no_head[] = {{.relation = "配偶"}};
	const struct mem two_heads[] = {{0}, {.relation = "户主"}};
	const struct mem edu_school[] = {{.school = "小学", .education = "小学", .birth = "2016-05-01",
					  .labour = "无劳动力"}};
	const struct mem ins_both[] = {{.ins_resident = 1, .ins_employee = 1}};
	const struct mem ins_none[] = {{.ins_resident = 1}}; /* flips to none, see hh() */
	const struct mem subsidy[] = {{.subsidy = 1}};
	const struct mem old_pupil[] = {{.school = "小学", .birth = "1990-01-01"}};
	const struct mem work_half[] = {{.work_months = 5}};
	const struct mem no_labour[] = {{.labour = "丧失劳动力"}};
	const struct mem labour[] = {{0}};
	const struct mem not_counted[] = {{.not_counted = 1}};
	const struct mem bad_labour[] = {{.labour = "劳力"}};
	const struct mem child_home[] = {{0}, {.relation = "之子", .birth = "2015-03-01",
					       .labour = "无劳动力"}};

	assert_int_equal(dx_check_rule_count(), 20); /* C016-C020: 衔接资金 (issue 18) */
	hh(st, "OK1", VA, "一般户", clean, 2);
	hh(st, "C001a", VA, "一般户", no_head, 1);
	hh(st, "C001b", VA, "一般户", two_heads, 2);
	hh(st, "C002", VA, "一般户", edu_school, 1);
	hh(st, "C003a", VA, "一般户", ins_both, 1);
	hh(st, "C003b", VA, "一般户", ins_none, 1);
	hh(st, "C004", VA, "一般户", subsidy, 1);
	hh(st, "C005", VA, "一般户", old_pupil, 1);
	hh(st, "C006", VA, "一般户", work_half, 1);
	/* monitored households for the §5 / §7 rules */
	id = hh(st, "C007", VA, "一般户", labour, 1); /* labour, no work */
	episode(st, id, "因务工就业不稳", "2025-01-01", "");
	measure(st, id, "就业帮扶", "已落实");
	id = hh(st, "C008", VA, "一般户", no_labour, 1);
	episode(st, id, "缺劳动力", "2025-01-01", "");
	id = hh(st, "C009", VA, "一般户", labour, 1);
	episode(st, id, "因意外事故", "2025-01-01", "");
	measure(st, id, "综合保障", "已落实");
	measure(st, id, "产业帮扶", "计划");
	id = hh(st, "C010", VA, "一般户", no_labour, 1);
	episode(st, id, "因病", "2025-01-01", "");
	measure(st, id, "产业帮扶", "已落实");
	id = hh(st, "C011", VA, "一般户", no_labour, 1);
	episode(st, id, "因学", "2025-01-01", "");
	measure(st, id, "综合保障", "已落实");
	/* eliminated: the measure rules do not apply */
	id = hh(st, "ELIM", VA, "一般户", no_labour, 1);
	episode(st, id, "因病", "2024-01-01", "2024-12-01");
	hh(st, "C012", VA, "一般户", not_counted, 1);
	hh(st, "C013", VA, "脱贫户", clean, 2);
	hh(st, "C014", VA, "一般户", bad_labour, 1);
	hh(st, "C015", VA, "一般户", child_home, 2);

	/* C013: a 脱贫户 without 脱贫年度 */
	{
		struct dx_household h = {0};
		dx_strlcpy(h.hh_no, "C013b", sizeof(h.hh_no));
		dx_strlcpy(h.area_code, VA, sizeof(h.area_code));
		dx_strlcpy(h.kind, "脱贫户", sizeof(h.kind));
		assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	}
	memset(&c, 0, sizeof(c));
	assert_int_equal(dx_app_check(st, "532399", "2025-11-24", on_finding, &c, counts, &c.nhh),
			 DX_OK);
	assert_int_equal(c.nhh, 20);
	assert_false(c.bad_detail);
	assert_int_equal(counts[0], 3);  /* C001 (C013b has no member) */
	assert_int_equal(counts[1], 1);  /* C002 */
	assert_int_equal(counts[2], 2);  /* C003 */
	assert_int_equal(counts[3], 1);  /* C004 */
	assert_int_equal(counts[4], 1);  /* C005 */
	assert_int_equal(counts[5], 1);  /* C006 */
	assert_int_equal(counts[6], 1);  /* C007 */
	assert_int_equal(counts[7], 1);  /* C008 */
	assert_int_equal(counts[8], 1);  /* C009 */
	assert_int_equal(counts[9], 1);  /* C010 */
	assert_int_equal(counts[10], 1); /* C011 */
	assert_int_equal(counts[11], 2); /* C012 (and C013b) */
	assert_int_equal(counts[12], 1); /* C013b; C013 has its year */
	assert_int_equal(counts[13], 1); /* C014 */
	assert_int_equal(counts[14], 1); /* C015 */
	/* a village only */
	assert_int_equal(dx_app_check(st, VB, "2025-11-24", on_finding, &c, counts, &c.nhh), DX_OK);
	assert_int_equal(c.nhh, 0);
}

/* Issue 11.7: `screen --what-if monitoring_line=9500` kept a household that
 * is 突发严重困难户 at 8700 only as long as its net income stayed above the
 * line.  A higher line never takes out what a lower one suggests. */
static void test_whatif_higher_line_keeps(void **state)
{
	struct fixture *f = *state;
	struct dx_store *st = f->st;
	struct dx_screen_summary sum;
	struct got g;
	int64_t id;
	int i;
	const struct mem healthy2[] = {{0}, {0}};
	const struct mem ill2[] = {{.health = "长期慢性病"}, {0}};

	/* 9000 per person, expenses take tested income to 5000 */
	id = hh(st, "S01", VA, "一般户", healthy2, 2);
	income(st, id, 2025, 18000, 8000);
	/* the same with a risk type: 边缘易致贫户 at 9500 */
	id = hh(st, "S02", VA, "一般户", ill2, 2);
	income(st, id, 2025, 18000, 8000);
	/* 9000 per person, down from 15000: a fall of 40% */
	id = hh(st, "S03", VA, "脱贫户", healthy2, 2);
	income(st, id, 2024, 30000, 0);
	income(st, id, 2025, 18000, 0);

	screen(st, "532399", 0, NULL, &g, &sum);
	assert_int_equal(g.r[find(&g, "S01")].cat, DX_CAT_SUDDEN);
	assert_int_equal(g.r[find(&g, "S02")].cat, DX_CAT_SUDDEN);
	assert_int_equal(g.r[find(&g, "S03")].cat, DX_CAT_SUDDEN);

	screen(st, "532399", 0, "monitoring_line=9500", &g, &sum);
	assert_int_equal(sum.whatif_out, 0);
	assert_int_equal(sum.alt_cat[DX_CAT_NONE], 0);
	assert_int_equal(find(&g, "S01"), -1); /* same category: not listed */
	assert_int_equal(find(&g, "S03"), -1);
	i = find(&g, "S02");
	assert_true(i >= 0);
	assert_int_equal(g.r[i].change, DX_WHATIF_CHANGED);
	assert_int_equal(g.r[i].alt, DX_CAT_EDGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_policy_precedence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_screen_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_whatif_higher_line_keeps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folded_summary, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
