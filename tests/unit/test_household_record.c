/*
 * test_household_record.c - the household record (户档案) and members who
 * come and go (issue 11), through a real store: the record by each key,
 * masking by account, the choices a shared name gives, income figures
 * from the income code, find; person add/leave/move with their history,
 * the derived household columns, as-of counts and the year's 自然增减.
 */
#include "testutil.h"
#include "app/household_record.h"
#include "app/household_out.h"
#include "app/person.h"
#include "app/ctx.h"
#include "app/followup.h"
#include "app/policy.h"
#include "app/warning.h"
#include "core/idcard.h"
#include "store/derived.h"
#include "store/ledger.h"
#include "store/membership.h"
#include "store/store_int.h"

#include <sqlite3.h>

static char path[64];
static struct dx_store *st;
static struct dx_actor v1, v2, c1, ro;

/* A context acting as a (the use cases of app/ctx.h). */
static struct dx_ctx *ctx_as(struct dx_ctx *c, const struct dx_actor *a)
{
	dx_ctx_for(c, st, a, tu_today());
	return c;
}


#define VIL1 "532399101001"
#define VIL2 "532399101002"

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
	dx_buf_reset(&why);
	assert_int_equal(tu_account_add(st, name, level, scope, role, &admin, &why), DX_OK);
	assert_int_equal(dx_actor_load(st, name, a, &why), DX_OK);
	dx_buf_release(&why);
}

/* A valid 身份证 born on `birth` (YYYYMMDD) with sequence seq. */
static void idno(char out[19], const char *birth, int seq)
{
	dx_snprintf(out, 19, "532399%s%03d", birth, seq);
	out[17] = dx_idcard_check_char(out);
	out[18] = '\0';
}

static int64_t hh(const char *no, const char *village)
{
	struct dx_household h = {0};
	dx_strlcpy(h.hh_no, no, sizeof(h.hh_no));
	dx_strlcpy(h.area_code, village, sizeof(h.area_code));
	dx_strlcpy(h.kind, "一般户", sizeof(h.kind));
	dx_strlcpy(h.phone, "13987654321", sizeof(h.phone));
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	return h.id;
}

static int64_t member(int64_t hid, const char *name, const char *rel, const char *birth, int seq,
		      int counted)
{
	struct dx_person p = {0};
	struct dx_idcard id;
	char no[19];
	idno(no, birth, seq);
	assert_int_equal(dx_idcard_parse(no, 18, tu_today(), &id, NULL), 0);
	p.household_id = hid;
	dx_strlcpy(p.id_no, no, sizeof(p.id_no));
	dx_strlcpy(p.name, name, sizeof(p.name));
	dx_strlcpy(p.relation, rel, sizeof(p.relation));
	dx_strlcpy(p.sex, id.sex == 1 ? "男" : "女", sizeof(p.sex));
	dx_strlcpy(p.birth, id.birth, sizeof(p.birth));
	dx_strlcpy(p.labour, "普通劳动力", sizeof(p.labour));
	p.ins_resident = 1;
	p.work_months = -1;
	p.counted = counted;
	assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
	return p.id;
}

static int64_t H1, H2, H3;

static int setup(void **state)
{
	struct dx_income_row in = {0};
	struct dx_episode e = {0};
	(void)state;
	tu_tmpdb(path);
	dx_log_set_level(DX_LOG_NONE);
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399", "云岭县"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399101", "云华乡"), DX_OK);
	assert_int_equal(dx_store_area_put(st, VIL1, "青山村"), DX_OK);
	assert_int_equal(dx_store_area_put(st, VIL2, "麦地村"), DX_OK);
	actor("v1", "村", VIL1, NULL, &v1);
	actor("v2", "村", VIL2, NULL, &v2);
	actor("c1", "县", "532399", NULL, &c1);
	actor("ro", "县", "532399", "查看", &ro);
	H1 = hh("H1", VIL1);
	member(H1, "罗涛", "户主", "19681002", 3, 1);
	member(H1, "李芳", "配偶", "19700505", 2, 1);
	member(H1, "罗小", "之子", "19950101", 5, 0); /* not counted */
	H2 = hh("H2", VIL1);
	member(H2, "罗涛", "户主", "19720303", 7, 1); /* the same name */
	member(H2, "张红", "配偶", "19740404", 4, 1);
	H3 = hh("H3", VIL2);
	member(H3, "王五", "户主", "19600606", 9, 1);
	/* H1: 2025 income 30000 + 1000 claims - 9000 out of pocket, 2 counted */
	in.household_id = H1;
	in.year = 2025;
	in.wage = 3000000;
	in.claims = 100000;
	in.oop = 900000;
	assert_int_equal(dx_store_income_put(st, &in), DX_OK);
	/* H1 monitored since 2025 */
	e.household_id = H1;
	dx_strlcpy(e.category, "边缘易致贫户", sizeof(e.category));
	dx_strlcpy(e.risks, "因病", sizeof(e.risks));
	dx_strlcpy(e.identified_on, "2025-03-01", sizeof(e.identified_on));
	assert_int_equal(dx_store_episode_insert(st, &e), DX_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	dx_store_close(st);
	tu_rm(path);
	return 0;
}

static void test_show_by_each_key(void **state)
{
	struct dx_household_record r;
	struct dx_buf why = DX_BUF_INIT;
	char no[19];
	(void)state;
	/* 户编号 */
	assert_int_equal(dx_household_record(st, &c1, tu_today(), "H1", NULL, 0, &r, &why), DX_OK);
	assert_int_equal(r.nchoices, 0);
	assert_string_equal(r.hh.h.hh_no, "H1");
	assert_string_equal(r.hh.head, "罗涛");
	assert_string_equal(r.hh.village, "青山村");
	assert_int_equal(r.nmembers, 3);
	assert_string_equal(r.members[0].p.relation, "户主");
	assert_int_equal(r.nepisodes, 1);
	dx_household_record_release(&r);
	/* 身份证号 (a spouse's) */
	idno(no, "19700505", 2);
	assert_int_equal(dx_household_record(st, &c1, tu_today(), no, NULL, 0, &r, &why), DX_OK);
	assert_string_equal(r.hh.h.hh_no, "H1");
	dx_household_record_release(&r);
	/* a name only one household has */
	assert_int_equal(dx_household_record(st, &c1, tu_today(), "张红", NULL, 0, &r, &why), DX_OK);
	assert_string_equal(r.hh.h.hh_no, "H2");
	dx_household_record_release(&r);
	/* a shared name: the households to choose from, no record */
	assert_int_equal(dx_household_record(st, &c1, tu_today(), "罗涛", NULL, 0, &r, &why), DX_OK);
	assert_int_equal(r.nchoices, 2);
	assert_string_equal(r.choices[0].hh_no, "H1");
	assert_string_equal(r.choices[1].hh_no, "H2");
	assert_string_equal(r.choices[1].village, "青山村");
	assert_int_equal(r.nmembers, 0);
	dx_household_record_release(&r);
	/* narrowed by area: one left */
	assert_int_equal(dx_household_record(st, &c1, tu_today(), "王五", VIL1, 0, &r, &why), DX_NOT_FOUND);
	assert_int_equal(dx_household_record(st, NULL, tu_today(), "王五", VIL2, 0, &r, &why), DX_OK);
	assert_string_equal(r.hh.h.hh_no, "H3");
	dx_household_record_release(&r);
	dx_buf_release(&why);
}

/* The audit rows of unmasked household reads so far. */
static int64_t count_unmasked_reads(void)
{
	sqlite3 *d;
	sqlite3_stmt *q;
	int64_t n = -1;
	assert_int_equal(sqlite3_open(path, &d), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(d, "SELECT count(*) FROM audit WHERE action ="
					       " 'household.read_unmasked'", -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(d);
	return n;
}

static void test_masking_and_scope(void **state)
{
	struct dx_household_record r;
	struct dx_buf why = DX_BUF_INIT;
	char no[19];
	(void)state;
	idno(no, "19681002", 3);
	/* county 经办, asking: unmasked, and the read audited first */
	{
		int64_t n0 = count_unmasked_reads();
		assert_int_equal(dx_household_record(st, &c1, tu_today(), "H1", NULL, 1, &r, &why),
				 DX_OK);
		assert_true(r.unmasked);
		assert_string_equal(r.members[0].p.id_no, no);
		assert_string_equal(r.hh.h.phone, "13987654321");
		dx_household_record_release(&r);
		assert_int_equal(count_unmasked_reads(), n0 + 1);
	}
	/* everyone not asking, the county 经办 too, is masked; the village,
	 * the read-only county and the local owner asking are refused, and
	 * nothing is audited */
	{
		char m[19];
		int64_t n0 = count_unmasked_reads();
		dx_idcard_mask(no, m);
		const struct dx_actor *as[] = {&c1, &v1, &ro, NULL};
		for (size_t i = 0; i < DX_ARRAY_SIZE(as); i++) {
			assert_int_equal(dx_household_record(st, as[i], tu_today(), "H1", NULL, 0, &r, &why), DX_OK);
			assert_false(r.unmasked);
			assert_string_equal(r.members[0].p.id_no, m);
			assert_string_not_equal(r.hh.h.phone, "13987654321");
			dx_household_record_release(&r);
			if (as[i] != &c1) {
				assert_int_equal(dx_household_record(st, as[i], tu_today(), "H1", NULL, 1,
								     &r, &why),
						 DX_DENIED);
				assert_null(r.members);
				dx_buf_reset(&why);
			}
		}
		assert_int_equal(count_unmasked_reads(), n0);
	}
	/* another village's account sees nothing of H1, by any key */
	assert_int_equal(dx_household_record(st, &v2, tu_today(), "H1", NULL, 0, &r, &why), DX_NOT_FOUND);
	assert_int_equal(dx_household_record(st, &v2, tu_today(), no, NULL, 0, &r, &why), DX_NOT_FOUND);
	dx_buf_reset(&why);
	assert_int_equal(dx_household_record(st, &v2, tu_today(), "H1", VIL1, 0, &r, &why), DX_DENIED);
	dx_buf_release(&why);
}

/* Each income year's counted members in the record are what
 * dx_store_hh_counted_on says for the year's last day. */
static void assert_counted_as_store(const struct dx_household_record *r)
{
	for (size_t i = 0; i < r->nincomes; i++) {
		char day[1][11], today[11];
		int n = -1;
		dx_date_format(tu_today(), today);
		dx_snprintf(day[0], sizeof(day[0]), "%04d-12-31", r->incomes[i].row.year);
		if (strcmp(day[0], today) > 0)
			dx_strlcpy(day[0], today, sizeof(day[0]));
		assert_int_equal(dx_store_hh_counted_on(st, r->hh.h.id, (const char(*)[11])day, 1, &n),
				 DX_OK);
		assert_int_equal(r->incomes[i].members, n);
	}
}

static void test_income_figures(void **state)
{
	struct dx_household_record r;
	struct dx_buf why = DX_BUF_INIT;
	(void)state;
	assert_int_equal(dx_household_record(st, &c1, tu_today(), "H1", NULL, 0, &r, &why), DX_OK);
	assert_int_equal(r.nincomes, 1);
	assert_int_equal(r.incomes[0].row.year, 2025);
	assert_int_equal(r.incomes[0].members, 2); /* the uncounted son is out */
	assert_true(r.incomes[0].computed);
	assert_int_equal(r.incomes[0].r.net, 3000000);
	assert_int_equal(r.incomes[0].r.net_pc, 1500000);
	/* tested: (30000 + 1000 - 9000) / 2 */
	assert_int_equal(r.incomes[0].r.tested_pc, 1100000);
	assert_true(r.incomes[0].line > 0);
	assert_int_equal(r.incomes[0].below_line, r.incomes[0].r.tested_pc < r.incomes[0].line);
	/* no member has a period: the count comes from the members read,
	 * and is the store's */
	for (size_t i = 0; i < r.nmembers; i++)
		assert_false(r.members[i].has_periods);
	assert_counted_as_store(&r);
	dx_household_record_release(&r);
	dx_buf_release(&why);
}

static int count_brief(const struct dx_hh_brief *b, void *arg)
{
	(void)b;
	(*(int *)arg)++;
	return 0;
}

static void test_find(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	char no[19];
	int n;
	(void)state;
	idno(no, "19600606", 9);
	n = 0;
	assert_int_equal(dx_household_find(st, &c1, "罗涛", NULL, count_brief, &n, &why), DX_OK);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(dx_household_find(st, &c1, no + 14, NULL, count_brief, &n, &why), DX_OK);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(dx_household_find(st, &c1, "青山", NULL, count_brief, &n, &why), DX_OK);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(dx_household_find(st, &c1, "H3", NULL, count_brief, &n, &why), DX_OK);
	assert_int_equal(n, 1);
	/* scoped: a village account finds only its own */
	n = 0;
	assert_int_equal(dx_household_find(st, &v2, "罗涛", NULL, count_brief, &n, &why), DX_OK);
	assert_int_equal(n, 0);
	assert_int_equal(dx_household_find(st, &c1, "123", NULL, count_brief, &n, &why),
			 DX_INVALID);
	dx_buf_release(&why);
}

static int64_t members_of(const char *no)
{
	struct dx_household_record r;
	struct dx_buf why = DX_BUF_INIT;
	int64_t n;
	assert_int_equal(dx_household_record(st, &c1, tu_today(), no, NULL, 0, &r, &why), DX_OK);
	n = r.hh.members;
	dx_household_record_release(&r);
	dx_buf_release(&why);
	return n;
}

static int sum_delta(int64_t hid, int counted, int registered, void *arg)
{
	int64_t *d = arg;
	if (hid == d[0]) {
		d[1] += counted;
		d[2] += registered;
	}
	return 0;
}

/* the difference in counted (registered = 0) or all registered members */
static int64_t delta_of2(int64_t hid, const char *on, int registered)
{
	int64_t d[3] = {hid, 0, 0};
	assert_int_equal(dx_store_membership_delta(st, "532399", on, sum_delta, d), DX_OK);
	return d[registered ? 2 : 1];
}

static int64_t delta_of(int64_t hid, const char *on)
{
	return delta_of2(hid, on, 0);
}

static int on_counted(const struct dx_hh_member *m, void *arg)
{
	int64_t *ids = arg;
	if (m->p.counted && ids[0] < 15)
		ids[1 + ids[0]++] = m->p.id;
	return 0;
}

/* Counted members of hid on day as the record counted them before: each
 * counted member's household on the day, one query per member. */
static int counted_one_by_one(int64_t hid, const char *day)
{
	int64_t ids[16] = {0}, in;
	int n = 0;
	assert_int_equal(dx_store_hh_members(st, hid, on_counted, ids), DX_OK);
	for (int64_t i = 0; i < ids[0]; i++) {
		assert_int_equal(dx_store_member_on(st, ids[1 + i], day, &in), DX_OK);
		n += in == hid;
	}
	return n;
}

/* The record's members: current ones before former ones (those who left
 * or moved away, with a date they left), the 户主 first, then by id. */
static void assert_members_in_order(const struct dx_household_record *r)
{
	for (size_t i = 1; i < r->nmembers; i++) {
		const struct dx_hh_member *a = &r->members[i - 1], *b = &r->members[i];
		int fa = a->left_on[0] != 0, fb = b->left_on[0] != 0;
		int ha = strcmp(a->p.relation, "户主") != 0, hb = strcmp(b->p.relation, "户主") != 0;
		assert_true(fa < fb || (fa == fb && (ha < hb || (ha == hb && a->p.id < b->p.id))));
	}
}

static void test_add_leave_move(void **state)
{
	struct dx_ctx cx;
	struct dx_person_req req = {0};
	struct dx_buf why = DX_BUF_INIT;
	struct dx_natural_change nc;
	char baby[19], wife[19];
	int64_t pid = 0, hh = 0, stale = -1;
	(void)state;
	idno(baby, "20250601", 1);
	idno(wife, "19700505", 2);
	req.hh_no = "H1";
	req.id_no = baby;
	req.name = "罗宝";
	req.relation = "之孙子";
	req.date = "2025-06-02";
	/* read-only and out-of-scope accounts may not */
	assert_int_equal(dx_person_add(ctx_as(&cx, &ro), &req, &pid), DX_DENIED);
	assert_int_equal(dx_person_add(ctx_as(&cx, &v2), &req, &pid), DX_NOT_FOUND);
	/* a second 户主 */
	req.relation = "户主";
	assert_int_equal(dx_person_add(ctx_as(&cx, &v1), &req, &pid), DX_STATE);
	req.relation = "之孙子";
	assert_int_equal(dx_person_add(ctx_as(&cx, &v1), &req, &pid), DX_OK);
	assert_int_equal(members_of("H1"), 3);
	/* 两头占 */
	req.hh_no = "H2";
	assert_int_equal(dx_person_add(ctx_as(&cx, &v1), &req, &pid), DX_EXISTS);
	/* as of a day before the birth the household had 2 counted members */
	assert_int_equal(delta_of(H1, "2025-06-01"), -1);
	assert_int_equal(delta_of(H1, "2025-06-02"), 0);
	/* the wife moves to H2 (another village's account may not) */
	assert_int_equal(dx_person_move(ctx_as(&cx, &v2), wife, "H2", NULL, "2025-09-01"),
			 DX_NOT_FOUND);
	assert_int_equal(dx_person_move(ctx_as(&cx, &v1), wife, "H2", "其他", "2025-09-01"), DX_OK);
	assert_int_equal(members_of("H1"), 2);
	assert_int_equal(members_of("H2"), 3);
	assert_int_equal(delta_of(H1, "2025-08-31"), 1);
	assert_int_equal(delta_of(H2, "2025-08-31"), -1);
	assert_int_equal(dx_store_member_on(st, pid, "2025-06-01", &hh), DX_OK);
	assert_int_equal(hh, 0);
	assert_int_equal(dx_store_member_on(st, pid, "2025-06-02", &hh), DX_OK);
	assert_int_equal(hh, H1);
	/* the baby leaves (迁出): a bad reason, a date before joining, then right */
	assert_int_equal(dx_person_leave(ctx_as(&cx, &v1), baby, "失踪", "2025-12-01"), DX_INVALID);
	assert_int_equal(dx_person_leave(ctx_as(&cx, &v1), baby, "迁出", "2025-06-02"), DX_INVALID);
	assert_int_equal(dx_person_leave(ctx_as(&cx, &v1), baby, "迁出", "2025-12-01"), DX_OK);
	assert_int_equal(members_of("H1"), 1);
	assert_int_equal(dx_person_leave(ctx_as(&cx, &v1), baby, "死亡", "2025-12-02"), DX_STATE);
	assert_int_equal(dx_store_member_on(st, pid, "2025-12-01", &hh), DX_OK);
	assert_int_equal(hh, 0);
	/* the triggers kept every household's derived columns */
	assert_int_equal(dx_store_derived_stale(st, &stale), DX_OK);
	assert_int_equal(stale, 0);
	/* the record keeps the history */
	{
		struct dx_household_record r;
		int former = 0;
		assert_int_equal(dx_household_record(st, &c1, tu_today(), "H1", NULL, 0, &r, &why), DX_OK);
		assert_int_equal(r.nmembers, 4);
		for (size_t i = 0; i < r.nmembers; i++) {
			if (!strcmp(r.members[i].p.name, "罗宝")) {
				assert_string_equal(r.members[i].joined_on, "2025-06-02");
				assert_string_equal(r.members[i].left_on, "2025-12-01");
				assert_string_equal(r.members[i].reason, "迁出");
				former++;
			}
			if (!strcmp(r.members[i].p.name, "李芳")) {
				assert_string_equal(r.members[i].moved_to, "H2");
				former++;
			}
		}
		assert_int_equal(former, 2);
		assert_members_in_order(&r);
		/* members with periods: the store counts them */
		assert_counted_as_store(&r);
		/* audited: add, move, leave */
		{
			int n = 0;
			for (size_t i = 0; i < r.naudit; i++)
				n += !strncmp(r.audit[i].action, "person.", 7);
			assert_int_equal(n, 3);
			/* once each (a former member is found both as a person
			 * and by their periods), in the order they were written */
			for (size_t i = 1; i < r.naudit; i++)
				assert_true(r.audit[i - 1].id < r.audit[i].id);
		}
		dx_household_record_release(&r);
	}
	/* the record's counts of each year's members in one query agree with
	 * dx_store_member_on asked member by member, day by day */
	{
		static const char days[][11] = {"2024-12-31", "2025-06-01", "2025-06-02",
		                                "2025-08-31", "2025-09-01", "2025-11-30",
		                                "2025-12-01", "2025-12-31"};
		const int64_t hhs[] = {H1, H2};
		int counts[DX_ARRAY_SIZE(days)];
		for (size_t h = 0; h < DX_ARRAY_SIZE(hhs); h++) {
			assert_int_equal(dx_store_hh_counted_on(st, hhs[h], days, DX_ARRAY_SIZE(days),
			                                        counts),
			                 DX_OK);
			for (size_t k = 0; k < DX_ARRAY_SIZE(days); k++)
				assert_int_equal(counts[k], counted_one_by_one(hhs[h], days[k]));
		}
		/* H1: 罗涛, 李芳 until she moved on 09-01, the baby 06-02..11-30 */
		assert_int_equal(dx_store_hh_counted_on(st, H1, days, DX_ARRAY_SIZE(days), counts),
		                 DX_OK);
		assert_int_equal(counts[1], 2);
		assert_int_equal(counts[2], 3);
		assert_int_equal(counts[4], 2);
		assert_int_equal(counts[7], 1);
	}
	/* 自然增减 of 2025: H1 (monitored since 03-01) got the baby, lost the
	 * wife (moved) and the baby (moved out); H2 is not monitored */
	assert_int_equal(dx_store_natural_change(st, "532399", "2025-01-01", "2025-12-31", &nc),
			 DX_OK);
	assert_true(nc.recorded);
	assert_int_equal(nc.added, 1);
	assert_int_equal(nc.left_households, 1);
	assert_int_equal(nc.left, 2);
	assert_int_equal(nc.included, 1);
	/* registered members on 12-31: 罗涛 and the uncounted son */
	assert_int_equal(nc.included_persons, 2);
	/* a member not counted (不计入家庭人口) changes the registered count only */
	{
		char no[19];
		idno(no, "19900707", 11);
		memset(&req, 0, sizeof(req));
		req.hh_no = "H3";
		req.id_no = no;
		req.name = "王六";
		req.relation = "之子";
		req.date = "2025-07-01";
		req.not_counted = 1;
		assert_int_equal(dx_person_add(ctx_as(&cx, &v2), &req, &pid), DX_OK);
		assert_int_equal(delta_of2(H3, "2025-06-30", 0), 0);
		assert_int_equal(delta_of2(H3, "2025-06-30", 1), -1);
		assert_int_equal(delta_of2(H3, "2025-07-01", 1), 0);
	}
	dx_buf_release(&why);
}

/* The API's read: by 户编号 only, masked unless asked, and an asked-for
 * full read allowed to the county 经办 only and audited. */
static void test_get_by_hh_no(void **state)
{
	struct dx_household_record r;
	struct dx_buf why = DX_BUF_INIT;
	char no[19], m[19];
	size_t n0;
	(void)state;
	idno(no, "19681002", 3);
	dx_idcard_mask(no, m);
	/* masked by default, even for the county 经办, and not audited */
	for (int i = 0; i < 2; i++) {
		assert_int_equal(dx_household_record_get(st, &c1, tu_today(), "H1", 0, &r, &why), DX_OK);
		assert_false(r.unmasked);
		assert_string_equal(r.members[0].p.id_no, m);
		assert_string_not_equal(r.hh.h.phone, "13987654321");
		if (i)
			assert_int_equal(r.naudit, n0);
		n0 = r.naudit;
		dx_household_record_release(&r);
	}
	/* asked for: in full, and the read is in the audit */
	assert_int_equal(dx_household_record_get(st, &c1, tu_today(), "H1", 1, &r, &why), DX_OK);
	assert_true(r.unmasked);
	assert_string_equal(r.members[0].p.id_no, no);
	assert_int_equal(r.naudit, n0 + 1);
	assert_string_equal(r.audit[r.naudit - 1].action, "household.read_unmasked");
	dx_household_record_release(&r);
	/* a village account or a read-only county one may not */
	assert_int_equal(dx_household_record_get(st, &v1, tu_today(), "H1", 1, &r, &why), DX_DENIED);
	assert_int_equal(dx_household_record_get(st, &ro, tu_today(), "H1", 1, &r, &why), DX_DENIED);
	/* a name or an ID number is no key here; another village sees nothing */
	assert_int_equal(dx_household_record_get(st, &c1, tu_today(), no, 0, &r, &why), DX_NOT_FOUND);
	assert_int_equal(dx_household_record_get(st, &c1, tu_today(), "张红", 0, &r, &why), DX_NOT_FOUND);
	assert_int_equal(dx_household_record_get(st, &v2, tu_today(), "H1", 0, &r, &why), DX_NOT_FOUND);
	assert_int_equal(dx_household_record_get(st, &v2, tu_today(), "H1", 1, &r, &why), DX_NOT_FOUND);
	dx_buf_release(&why);
}

/* Sum a statement counter over the connection's prepared statements (the
 * store's cache), resetting it; only statements whose SQL holds `like`
 * when it is given. */
static int stmt_counter(int op, const char *like)
{
	sqlite3 *db = st->db;
	int n = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(db, NULL); s; s = sqlite3_next_stmt(db, s))
		if (!like || strstr(sqlite3_sql(s), like))
			n += sqlite3_stmt_status(s, op, 1);
	return n;
}

/*
 * The record is the API's busiest read (issue 14: 20,000 a second): its
 * cached statements are never re-prepared for new bindings (a bare
 * parameter right of LIKE did that on every look-up), and its audit part
 * reads through the index, not by a scan of the whole audit table.
 */
static void test_record_reads_no_reprepare_no_audit_scan(void **state)
{
	struct dx_household_record r;
	struct dx_buf why = DX_BUF_INIT;
	const char *const keys[] = {"H1", "H2", "H1", "H2"};
	(void)state;
	/* an audit with rows of other households and entities */
	for (int i = 0; i < 50; i++)
		assert_int_equal(dx_store_audit(st, "532399", "c1", "test.row", "other", "k", NULL,
						NULL), DX_OK);
	assert_int_equal(dx_household_record_get(st, &c1, tu_today(), "H1", 0, &r, &why), DX_OK);
	dx_household_record_release(&r);
	stmt_counter(SQLITE_STMTSTATUS_REPREPARE, NULL);
	stmt_counter(SQLITE_STMTSTATUS_FULLSCAN_STEP, NULL);
	for (size_t i = 0; i < DX_ARRAY_SIZE(keys); i++) {
		assert_int_equal(dx_household_record_get(st, &c1, tu_today(), keys[i], 0, &r, &why), DX_OK);
		assert_string_equal(r.hh.h.hh_no, keys[i]);
		dx_household_record_release(&r);
	}
	assert_int_equal(stmt_counter(SQLITE_STMTSTATUS_REPREPARE, NULL), 0);
	assert_int_equal(stmt_counter(SQLITE_STMTSTATUS_FULLSCAN_STEP, "FROM audit"), 0);
	dx_buf_release(&why);
}

/* The VM steps of the record's audit read for hh_no (dx_store_hh_audit);
 * the rows it found into *rows, the import runs among them into *runs. */
static int audit_steps(const char *hh_no, size_t *rows, size_t *runs)
{
	struct dx_household_record r;
	struct dx_buf why = DX_BUF_INIT;
	int n;
	stmt_counter(SQLITE_STMTSTATUS_VM_STEP, NULL);
	assert_int_equal(dx_household_record_get(st, &c1, tu_today(), hh_no, 0, &r, &why), DX_OK);
	n = stmt_counter(SQLITE_STMTSTATUS_VM_STEP, "FROM audit WHERE");
	*rows = r.naudit;
	*runs = 0;
	for (size_t i = 0; i < r.naudit; i++)
		*runs += !strcmp(r.audit[i].action, "import.insert");
	dx_household_record_release(&r);
	dx_buf_release(&why);
	return n;
}

/*
 * Issue 14: the record's import run (the "import.insert household
 * FIRST-LAST" row that created it) is found among the runs alone
 * (schema 17's partial index audit_import_run), not among every entry of
 * entity 'household': other households' edits, which each re-import of a
 * county's ledger adds by the thousand, cost the look-up nothing.
 */
static void test_record_import_run_reads_runs_only(void **state)
{
	char key[48];
	size_t rows0, runs0, rows1, runs1;
	int steps0, steps1;
	(void)state;
	dx_snprintf(key, sizeof(key), "%lld-%lld", (long long)H1, (long long)H2);
	assert_int_equal(dx_store_audit(st, "532399", "c1", "import.insert", "household", key, NULL,
					"{\"户数\":2}"), DX_OK);
	assert_int_equal(dx_store_analyze(st), DX_OK);
	audit_steps("H1", &rows0, &runs0); /* prepared */
	steps0 = audit_steps("H1", &rows0, &runs0);
	assert_int_equal(runs0, 1);
	/* other households' edits, as a re-import writes them */
	assert_int_equal(dx_store_begin(st), DX_OK);
	for (int i = 0; i < 2000; i++) {
		char no[16];
		dx_snprintf(no, sizeof(no), "X%d", i);
		assert_int_equal(dx_store_audit(st, "532399", "c1", "household.update", "household",
						no, "{}", "{}"), DX_OK);
	}
	assert_int_equal(dx_store_commit(st), DX_OK);
	assert_int_equal(dx_store_analyze(st), DX_OK);
	steps1 = audit_steps("H1", &rows1, &runs1);
	assert_int_equal(rows1, rows0);
	assert_int_equal(runs1, 1);
	/* reading the 2000 entries would take thousands of steps more */
	assert_true(steps1 < steps0 + 200);
}

/* 1 if the connection holds a prepared statement whose SQL is sql. */
static int has_prepared(const char *sql)
{
	for (sqlite3_stmt *s = sqlite3_next_stmt(st->db, NULL); s; s = sqlite3_next_stmt(st->db, s))
		if (!strcmp(sqlite3_sql(s), sql))
			return 1;
	return 0;
}

/*
 * Issue 14, the household route at half nginx's rate: a record's read
 * sorts nothing in SQLite (a household's few members are put in order in
 * C; SQLite's sorter writes every column out and back), and its read
 * snapshot's BEGIN and COMMIT are prepared once per connection, not
 * parsed again by sqlite3_exec on every request.
 */
static void test_record_reads_no_sort_prepared_txn(void **state)
{
	struct dx_household_record r;
	struct dx_buf why = DX_BUF_INIT;
	(void)state;
	assert_int_equal(dx_household_record_get(st, &c1, tu_today(), "H2", 0, &r, &why), DX_OK);
	dx_household_record_release(&r);
	stmt_counter(SQLITE_STMTSTATUS_SORT, NULL);
	assert_int_equal(dx_household_record_get(st, &c1, tu_today(), "H2", 0, &r, &why), DX_OK);
	assert_true(r.nmembers >= 2);
	assert_members_in_order(&r);
	dx_household_record_release(&r);
	assert_int_equal(stmt_counter(SQLITE_STMTSTATUS_SORT, "FROM person p WHERE"), 0);
	assert_true(has_prepared("BEGIN"));
	assert_true(has_prepared("COMMIT"));
	dx_buf_release(&why);
}

/* Audit rows written before the subject.verb vocabulary keep their old
 * words (the chain hashes them); the record shows the current word
 * (dx_audit_action_current), as every reader of actions does. */
static void test_record_audit_words_current(void **state)
{
	struct dx_household_record r;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_visit v = {0};
	char q[256];
	sqlite3 *d;
	int seen = 0;
	(void)state;
	v.household_id = H2;
	dx_strlcpy(v.visited_on, "2025-03-03", sizeof(v.visited_on));
	dx_strlcpy(v.cadre, "旧干部", sizeof(v.cadre));
	assert_int_equal(dx_store_visit_insert(st, &v), DX_OK);
	/* a row as an old version wrote it, a bare verb, written by another
	 * connection while the store is closed (as test_audit_chain.c forges
	 * rows) */
	dx_store_close(st);
	dx_snprintf(q, sizeof(q),
	            "INSERT INTO audit(county_code, at, actor, action, entity, entity_key)"
	            " VALUES('532399', '2025-03-03T08:00:00Z', 'old', 'insert', 'visit', '%lld')",
	            (long long)v.id);
	assert_int_equal(sqlite3_open(path, &d), SQLITE_OK);
	sqlite3_busy_timeout(d, 5000);
	assert_int_equal(sqlite3_exec(d, q, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(d);
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	assert_int_equal(dx_household_record_get(st, &c1, tu_today(), "H2", 0, &r, &why), DX_OK);
	for (size_t i = 0; i < r.naudit; i++)
		if (!strcmp(r.audit[i].entity, "visit") && !strcmp(r.audit[i].actor, "old")) {
			assert_string_equal(r.audit[i].action, "visit.add");
			seen++;
		}
	assert_int_equal(seen, 1);
	dx_household_record_release(&r);
	dx_buf_release(&why);
}

/* Leave and move by the member's id (the API's key): the same rules as
 * by 身份证号, and another village's member is not found. */
static void test_by_person_id(void **state)
{
	struct dx_ctx cx;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_person p;
	char wife[19];
	(void)state;
	idno(wife, "19700505", 2);
	assert_int_equal(dx_ledger_person_by_idno(st, wife, &p), DX_OK);
	assert_int_equal(dx_person_move_id(ctx_as(&cx, &v2), p.id, "H1", NULL, "2025-10-01"),
			 DX_NOT_FOUND);
	assert_int_equal(dx_person_move_id(ctx_as(&cx, &v1), 999999, "H1", NULL, "2025-10-01"),
			 DX_NOT_FOUND);
	assert_int_equal(dx_person_move_id(ctx_as(&cx, &v1), p.id, "H1", NULL, "2025-10-01"), DX_OK);
	assert_int_equal(members_of("H1"), 2);
	assert_int_equal(dx_person_leave_id(ctx_as(&cx, &ro), p.id, "婚嫁", "2025-11-01"), DX_DENIED);
	assert_int_equal(dx_person_leave_id(ctx_as(&cx, &v2), p.id, "婚嫁", "2025-11-01"), DX_NOT_FOUND);
	assert_int_equal(dx_person_leave_id(ctx_as(&cx, &v1), p.id, "失踪", "2025-11-01"), DX_INVALID);
	assert_int_equal(dx_person_leave_id(ctx_as(&cx, &v1), p.id, "婚嫁", "2025-11-01"), DX_OK);
	assert_int_equal(members_of("H1"), 1);
	assert_int_equal(dx_person_leave_id(ctx_as(&cx, &v1), p.id, "婚嫁", "2025-11-02"), DX_STATE);
	dx_buf_release(&why);
}

static int count_due(const struct dx_visit_due *d, void *arg)
{
	(void)d;
	(*(long *)arg)++;
	return 0;
}

/* dx_visits_overdue without a policy uses the one in force for the area
 * (the API passes none): H1, monitored with no visit, is overdue under the
 * default, and not once the county asks for no visits. */
static void test_visits_overdue_policy_in_force(void **state)
{
	struct dx_ctx cc, cv;
	const char *w = NULL;
	long n = 0, total = 0;
	(void)state;
	dx_ctx_for(&cc, st, &c1, tu_today());
	dx_ctx_for(&cv, st, &v2, tu_today());
	assert_int_equal(dx_visits_overdue(&cc, "", "2025-06-01", NULL, count_due, &n, &total),
			 DX_OK);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(dx_visits_overdue(&cv, "", "2025-06-01", NULL, count_due, &n, &total),
			 DX_OK);
	assert_int_equal(n, 0);
	assert_int_equal(dx_visits_overdue(&cv, VIL1, "2025-06-01", NULL, count_due, &n, &total),
			 DX_DENIED);
	assert_int_equal(tu_policy_set(st, "532399", 2025, "", "visits_per_week_active", "0",
					   "c1", NULL, &w), DX_OK);
	n = 0;
	assert_int_equal(dx_visits_overdue(&cc, "", "2025-06-01", NULL, count_due, &n, &total),
			 DX_OK);
	assert_int_equal(n, 0);
}

static int on_pending(const struct dx_warning_view *w, void *arg)
{
	char *seen = arg;
	dx_strlcpy(seen, w->id_no, 24);
	return 0;
}

/* dx_warning_pending: a signal matched to H1, listed for its village and
 * county with the 身份证号 masked, and nothing for another village. */
static void test_warning_pending_masked(void **state)
{
	struct dx_ctx cx;
	struct dx_warning w;
	char no[19], m[19], seen[24] = "";
	int64_t batch = 0;
	(void)state;
	idno(no, "19681002", 3);
	dx_idcard_mask(no, m);
	assert_int_equal(dx_store_warning_batch_insert(st, "532399", "医保", "2025-05", "t.csv",
						       &batch), DX_OK);
	memset(&w, 0, sizeof(w));
	w.batch_id = batch;
	dx_strlcpy(w.id_no, no, sizeof(w.id_no));
	dx_strlcpy(w.name, "罗涛", sizeof(w.name));
	dx_strlcpy(w.department, "医保", sizeof(w.department));
	dx_strlcpy(w.event, "个人自付医疗费用超标", sizeof(w.event));
	dx_strlcpy(w.occurred_on, "2025-05-01", sizeof(w.occurred_on));
	w.amount = 2000000;
	w.household_id = H1;
	assert_int_equal(dx_store_warning_insert(st, &w), DX_OK);
	assert_int_equal(dx_warning_pending(ctx_as(&cx, &v1), NULL, on_pending, seen), DX_OK);
	assert_string_equal(seen, m);
	seen[0] = 0;
	assert_int_equal(dx_warning_pending(ctx_as(&cx, &c1), "", on_pending, seen), DX_OK);
	assert_string_equal(seen, m);
	seen[0] = 0;
	assert_int_equal(dx_warning_pending(ctx_as(&cx, &v2), NULL, on_pending, seen), DX_OK);
	assert_string_equal(seen, "");
	assert_int_equal(dx_warning_pending(ctx_as(&cx, &v2), VIL1, on_pending, seen), DX_DENIED);
}

/* The record's JSON built afresh, as dx_household_record_json_get's miss */
static void json_fresh(const struct dx_actor *a, const struct dx_date *day, const char *no,
		       struct dx_buf *out)
{
	struct dx_household_record r;
	struct dx_buf why = DX_BUF_INIT;
	assert_int_equal(dx_household_record_get(st, a, day, no, 0, &r, &why), DX_OK);
	dx_household_record_json_to(&r, out);
	dx_household_record_release(&r);
	dx_buf_release(&why);
}

/* The masked JSON, remembered on the connection (store/memo.h), is the
 * JSON built afresh: for another actor, another day, after a change; and
 * it is still not found outside the household's village. */
static void test_record_json_remembered(void **state)
{
	struct dx_buf a = DX_BUF_INIT, b = DX_BUF_INIT, f = DX_BUF_INIT;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_date day;
	(void)state;
	assert_int_equal(dx_household_record_json_get(st, &c1, tu_today(), "H1", 0, &a, &why), DX_OK);
	json_fresh(&c1, tu_today(), "H1", &f);
	assert_true(a.len == f.len && !memcmp(a.buf, f.buf, a.len));
	/* again, and for the village: the same bytes */
	assert_int_equal(dx_household_record_json_get(st, &v1, tu_today(), "H1", 0, &b, &why), DX_OK);
	assert_true(a.len == b.len && !memcmp(a.buf, b.buf, a.len));
	/* another village: not found, remembered or not */
	dx_buf_reset(&b);
	assert_int_equal(dx_household_record_json_get(st, &v2, tu_today(), "H1", 0, &b, &why),
			 DX_NOT_FOUND);
	assert_int_equal(b.len, 0);
	dx_buf_reset(&why);
	/* another day is another record: its members and figures as of then */
	assert_int_equal(dx_date_parse("2025-06-30", 10, &day), 0);
	dx_buf_reset(&b);
	dx_buf_reset(&f);
	assert_int_equal(dx_household_record_json_get(st, &c1, &day, "H1", 0, &b, &why), DX_OK);
	json_fresh(&c1, &day, "H1", &f);
	assert_true(b.len == f.len && !memcmp(b.buf, f.buf, b.len));
	assert_false(a.len == b.len && !memcmp(a.buf, b.buf, a.len));
	/* a change: the next answer has it */
	assert_int_equal(st->drv->exec(st, "UPDATE household SET group_name = '新组' WHERE hh_no = 'H1'"),
			 DX_OK);
	dx_buf_reset(&b);
	assert_int_equal(dx_household_record_json_get(st, &v1, tu_today(), "H1", 0, &b, &why), DX_OK);
	assert_non_null(memmem(b.buf, b.len, "新组", strlen("新组")));
	dx_buf_release(&a);
	dx_buf_release(&b);
	dx_buf_release(&f);
	dx_buf_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_show_by_each_key),
		cmocka_unit_test(test_masking_and_scope),
		cmocka_unit_test(test_income_figures),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_add_leave_move),
		cmocka_unit_test(test_get_by_hh_no),
		cmocka_unit_test(test_record_reads_no_reprepare_no_audit_scan),
		cmocka_unit_test(test_record_reads_no_sort_prepared_txn),
		cmocka_unit_test(test_record_import_run_reads_runs_only),
		cmocka_unit_test(test_record_audit_words_current),
		cmocka_unit_test(test_by_person_id),
		cmocka_unit_test(test_visits_overdue_policy_in_force),
		cmocka_unit_test(test_warning_pending_masked),
		cmocka_unit_test(test_record_json_remembered),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
