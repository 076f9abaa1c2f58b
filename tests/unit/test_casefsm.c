/*
 * test_casefsm.c - every state × action × step of the case machine
 * (issue 5), wrong-level actors, the 公示 period and whole walks.
 */
#include "core/dx.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "policy/casefsm.h"

#define V DX_STEP_BIT(DX_STEP_VERIFY)
#define C DX_STEP_BIT(DX_STEP_COMPARE)
#define R DX_STEP_BIT(DX_STEP_REVIEW)
#define N DX_STEP_BIT(DX_STEP_NOTICE)
#define T DX_STEP_BIT(DX_STEP_TOWNSHIP)
#define K DX_STEP_BIT(DX_STEP_COUNTY)

static const struct dx_date today = {2025, 10, 20};
static const struct dx_date long_ago = {2025, 10, 1}; /* 公示 posted */

/* The level that does each step in the table test (信息比对: village). */
static enum dx_level doer(enum dx_step s)
{
	switch (s) {
	case DX_STEP_TOWNSHIP:
		return DX_LEVEL_TOWNSHIP;
	case DX_STEP_COUNTY:
	case DX_STEP_ANNOUNCE:
		return DX_LEVEL_COUNTY;
	default:
		return DX_LEVEL_VILLAGE;
	}
}

/*
 * One row per state; for pass and reject a character per step in enum
 * order (核实 比对 评议 公示 审核 审定 公告): '.' accepted, 'S' refused
 * with DX_STATE; `cancel` likewise for a county actor.
 */
struct row {
	const char *name;
	enum dx_case_status status;
	unsigned done;
	const char *pass;
	const char *reject;
	char cancel;
};

static const struct row rows[] = {
	{"new", DX_CASE_OPEN, 0, ".SSSSSS", ".SSSSSS", '.'},
	{"verified", DX_CASE_OPEN, V, "S..SSSS", "S..SSSS", '.'},
	{"verified+compared", DX_CASE_OPEN, V | C, "SS.SSSS", "SS.SSSS", '.'},
	{"reviewed", DX_CASE_OPEN, V | R, "S.S.SSS", "S.S.SSS", '.'},
	/* notice up, 信息比对 missing: 审核 waits for it */
	{"notice, no compare", DX_CASE_OPEN, V | R | N, "S.SSSSS", "S.S.SSS",
	 '.'},
	/* notice up: the village may still reject at 公示 (objection) */
	{"notice", DX_CASE_OPEN, V | C | R | N, "SSSS.SS", "SSS..SS", '.'},
	{"township", DX_CASE_OPEN, V | C | R | N | T, "SSSSS.S", "SSSSS.S",
	 '.'},
	{"county", DX_CASE_OPEN, V | C | R | N | T | K, "SSSSSS.", "SSSSSS.",
	 '.'},
	{"approved", DX_CASE_APPROVED, V | C | R | N | T | K |
	 DX_STEP_BIT(DX_STEP_ANNOUNCE), "SSSSSSS", "SSSSSSS", 'S'},
	{"rejected", DX_CASE_REJECTED, V | R, "SSSSSSS", "SSSSSSS", 'S'},
	{"cancelled", DX_CASE_CANCELLED, V, "SSSSSSS", "SSSSSSS", 'S'},
};

static struct dx_case_state make(const struct row *r, enum dx_case_kind k)
{
	struct dx_case_state st;
	dx_case_init(&st, k);
	st.status = r->status;
	st.done = r->done;
	if (r->done & N)
		st.notice_from = long_ago;
	if (r->status != DX_CASE_OPEN)
		st.closed_on = long_ago;
	return st;
}

static void expect(const struct row *r, enum dx_case_kind kind,
		   enum dx_step s, enum dx_case_action a, enum dx_level lvl,
		   char want)
{
	struct dx_case_state st = make(r, kind), before = st, next;
	struct dx_policy p;
	const char *why = NULL;
	int rc;

	dx_policy_defaults(&p);
	memset(&next, 0xa5, sizeof(next));
	rc = dx_case_apply(&st, s, a, lvl, &today, &p, &next, &why);
	assert_memory_equal(&st, &before, sizeof(st));
	if (want == '.') {
		if (rc)
			fail_msg("%s: %s %s refused: %s", r->name,
				 dx_case_action_name(a), dx_step_name(s), why);
		return;
	}
	if (rc != DX_STATE)
		fail_msg("%s: %s %s gave %d, want DX_STATE", r->name,
			 dx_case_action_name(a), dx_step_name(s), rc);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	/* refusals leave next untouched */
	{
		unsigned char junk[sizeof(next)];
		memset(junk, 0xa5, sizeof(junk));
		assert_memory_equal(&next, junk, sizeof(next));
	}
}

static void test_every_state_action(void **state)
{
	size_t i;
	int s, k;
	(void)state;
	for (k = 0; k <= 1; k++)
		for (i = 0; i < DX_ARRAY_SIZE(rows); i++) {
			const struct row *r = &rows[i];
			for (s = 0; s < DX_STEP_COUNT; s++) {
				expect(r, (enum dx_case_kind)k, (enum dx_step)s,
				       DX_ACT_PASS, doer((enum dx_step)s),
				       r->pass[s]);
				expect(r, (enum dx_case_kind)k, (enum dx_step)s,
				       DX_ACT_REJECT, doer((enum dx_step)s),
				       r->reject[s]);
				expect(r, (enum dx_case_kind)k, (enum dx_step)s,
				       DX_ACT_CANCEL, DX_LEVEL_COUNTY, r->cancel);
			}
		}
}

/* What an accepted action does to the state. */
static void test_transitions(void **state)
{
	struct dx_policy p;
	struct dx_case_state st, next;
	size_t i;
	int s;
	(void)state;
	dx_policy_defaults(&p);
	for (i = 0; i < DX_ARRAY_SIZE(rows); i++) {
		const struct row *r = &rows[i];
		for (s = 0; s < DX_STEP_COUNT; s++) {
			st = make(r, DX_CASE_ELIMINATE);
			if (r->pass[s] == '.') {
				assert_int_equal(dx_case_apply(&st, s, DX_ACT_PASS,
							       doer(s), &today,
							       &p, &next, NULL),
						 0);
				assert_int_equal(next.done,
						 st.done | DX_STEP_BIT(s));
				assert_int_equal(next.kind, DX_CASE_ELIMINATE);
				assert_int_equal(next.status,
						 s == DX_STEP_ANNOUNCE
							 ? DX_CASE_APPROVED
							 : DX_CASE_OPEN);
				if (s == DX_STEP_NOTICE)
					assert_int_equal(
						dx_date_cmp(&next.notice_from,
							    &today),
						0);
			}
			if (r->reject[s] == '.') {
				assert_int_equal(dx_case_apply(&st, s,
							       DX_ACT_REJECT,
							       doer(s), &today,
							       &p, &next, NULL),
						 0);
				assert_int_equal(next.status, DX_CASE_REJECTED);
				assert_int_equal(next.closed_step, s);
				assert_int_equal(next.done, st.done);
				assert_int_equal(dx_date_cmp(&next.closed_on,
							     &today),
						 0);
			}
		}
		if (r->cancel == '.') {
			st = make(r, DX_CASE_IDENTIFY);
			assert_int_equal(dx_case_apply(&st, DX_STEP_COUNT,
						       DX_ACT_CANCEL,
						       DX_LEVEL_COUNTY, &today,
						       &p, &next, NULL),
					 0);
			assert_int_equal(next.status, DX_CASE_CANCELLED);
			assert_int_equal(next.closed_step, -1);
		}
	}
}

/* Every step, every level that may not do it: DX_DENIED in any state
 * where the step would otherwise be accepted. */
static void test_wrong_level(void **state)
{
	static const enum dx_level levels[] = {
		DX_LEVEL_VILLAGE, DX_LEVEL_TOWNSHIP, DX_LEVEL_COUNTY};
	static const char *const allowed[DX_STEP_COUNT] = {
		"V", "VT", "V", "V", "T", "C", "C"};
	static const char lc[] = {'?', 'V', 'T', 'C'};
	struct dx_policy p;
	size_t i, l;
	int s;
	(void)state;
	dx_policy_defaults(&p);
	for (s = 0; s < DX_STEP_COUNT; s++)
		for (l = 0; l < DX_ARRAY_SIZE(levels); l++) {
			int ok = strchr(allowed[s], lc[levels[l]]) != NULL;
			assert_int_equal(dx_step_level_ok(s, levels[l]), ok);
			for (i = 0; i < DX_ARRAY_SIZE(rows); i++) {
				struct dx_case_state st = make(&rows[i], 0), n;
				const char *why = NULL;
				int rc;
				if (rows[i].pass[s] != '.')
					continue;
				rc = dx_case_apply(&st, s, DX_ACT_PASS,
						   levels[l], &today, &p, &n,
						   &why);
				assert_int_equal(rc, ok ? 0 : DX_DENIED);
				rc = dx_case_apply(&st, s, DX_ACT_REJECT,
						   levels[l], &today, &p, &n,
						   &why);
				assert_int_equal(rc, ok ? 0 : DX_DENIED);
				if (!ok)
					assert_non_null(why);
			}
		}
	/* 信息比对 by the township */
	{
		struct dx_case_state st = make(&rows[1], 0), n;
		assert_int_equal(dx_case_apply(&st, DX_STEP_COMPARE, DX_ACT_PASS,
					       DX_LEVEL_TOWNSHIP, &today, &p, &n,
					       NULL),
				 0);
		assert_true(n.done & C);
	}
	/* the reason names the right level */
	{
		struct dx_case_state st = make(&rows[5], 0), n;
		const char *why = NULL;
		assert_int_equal(dx_case_apply(&st, DX_STEP_TOWNSHIP,
					       DX_ACT_PASS, DX_LEVEL_COUNTY,
					       &today, &p, &n, &why),
				 DX_DENIED);
		assert_string_equal(why, "乡镇审核应由乡镇办理");
	}
}

/* Cancel: by the level of the next step or higher. */
static void test_cancel_levels(void **state)
{
	struct dx_policy p;
	struct dx_case_state st, n;
	const char *why;
	(void)state;
	dx_policy_defaults(&p);
	st = make(&rows[0], 0); /* at 入户核实: anyone */
	assert_int_equal(dx_case_apply(&st, 0, DX_ACT_CANCEL, DX_LEVEL_VILLAGE,
				       &today, &p, &n, NULL),
			 0);
	st = make(&rows[5], 0); /* at 乡镇审核 */
	assert_int_equal(dx_case_apply(&st, 0, DX_ACT_CANCEL, DX_LEVEL_VILLAGE,
				       &today, &p, &n, &why),
			 DX_DENIED);
	assert_non_null(why);
	assert_int_equal(dx_case_apply(&st, 0, DX_ACT_CANCEL,
				       DX_LEVEL_TOWNSHIP, &today, &p, &n, NULL),
			 0);
	st = make(&rows[6], 0); /* at 县级审定 */
	assert_int_equal(dx_case_apply(&st, 0, DX_ACT_CANCEL,
				       DX_LEVEL_TOWNSHIP, &today, &p, &n, NULL),
			 DX_DENIED);
	assert_int_equal(dx_case_apply(&st, 0, DX_ACT_CANCEL, DX_LEVEL_COUNTY,
				       &today, &p, &n, NULL),
			 0);
}

static void test_notice_period(void **state)
{
	struct dx_policy p;
	struct dx_case_state st, n;
	struct dx_date d = {2025, 10, 3}, ends;
	const char *why = NULL;
	(void)state;
	dx_policy_defaults(&p);
	dx_case_init(&st, DX_CASE_IDENTIFY);
	assert_int_equal(dx_case_notice_ends(&st, &p, &ends), DX_STATE);
	st.done = V | C | R;
	assert_int_equal(dx_case_apply(&st, DX_STEP_NOTICE, DX_ACT_PASS,
				       DX_LEVEL_VILLAGE, &d, &p, &st, NULL),
			 0);
	assert_int_equal(dx_case_notice_ends(&st, &p, &ends), 0);
	assert_int_equal(ends.m, 10);
	assert_int_equal(ends.d, 8);
	/* Oct 3 + 5 days: not before Oct 8 */
	d.d = 7;
	assert_int_equal(dx_case_apply(&st, DX_STEP_TOWNSHIP, DX_ACT_PASS,
				       DX_LEVEL_TOWNSHIP, &d, &p, &n, &why),
			 DX_STATE);
	assert_non_null(strstr(why, "公示期未满"));
	/* the township may still reject during the notice */
	assert_int_equal(dx_case_apply(&st, DX_STEP_TOWNSHIP, DX_ACT_REJECT,
				       DX_LEVEL_TOWNSHIP, &d, &p, &n, NULL),
			 0);
	/* and the village on an objection */
	assert_int_equal(dx_case_apply(&st, DX_STEP_NOTICE, DX_ACT_REJECT,
				       DX_LEVEL_VILLAGE, &d, &p, &n, NULL),
			 0);
	assert_int_equal(n.closed_step, DX_STEP_NOTICE);
	d.d = 8;
	assert_int_equal(dx_case_apply(&st, DX_STEP_TOWNSHIP, DX_ACT_PASS,
				       DX_LEVEL_TOWNSHIP, &d, &p, &n, NULL),
			 0);
	/* notice_days is a parameter */
	dx_policy_set(&p, "notice_days", "7", NULL);
	assert_int_equal(dx_case_apply(&st, DX_STEP_TOWNSHIP, DX_ACT_PASS,
				       DX_LEVEL_TOWNSHIP, &d, &p, &n, NULL),
			 DX_STATE);
	d.d = 10;
	assert_int_equal(dx_case_apply(&st, DX_STEP_TOWNSHIP, DX_ACT_PASS,
				       DX_LEVEL_TOWNSHIP, &d, &p, &n, NULL),
			 0);
}

struct walk {
	enum dx_step step;
	enum dx_level lvl;
	int day;
};

static void test_full_walk(void **state)
{
	/* 信息比对 beside the others: done by the township after 公示 */
	static const struct walk w[] = {
		{DX_STEP_VERIFY, DX_LEVEL_VILLAGE, 1},
		{DX_STEP_REVIEW, DX_LEVEL_VILLAGE, 2},
		{DX_STEP_NOTICE, DX_LEVEL_VILLAGE, 2},
		{DX_STEP_COMPARE, DX_LEVEL_TOWNSHIP, 5},
		{DX_STEP_TOWNSHIP, DX_LEVEL_TOWNSHIP, 7},
		{DX_STEP_COUNTY, DX_LEVEL_COUNTY, 9},
		{DX_STEP_ANNOUNCE, DX_LEVEL_COUNTY, 10},
	};
	struct dx_policy p;
	struct dx_case_state st;
	size_t i;
	(void)state;
	dx_policy_defaults(&p);
	dx_case_init(&st, DX_CASE_IDENTIFY);
	assert_int_equal(dx_case_next_step(&st), DX_STEP_VERIFY);
	for (i = 0; i < DX_ARRAY_SIZE(w); i++) {
		struct dx_date d = {2025, 11, w[i].day};
		const char *why = NULL;
		int rc = dx_case_apply(&st, w[i].step, DX_ACT_PASS, w[i].lvl,
				       &d, &p, &st, &why);
		if (rc)
			fail_msg("%s: %s", dx_step_name(w[i].step), why);
	}
	assert_int_equal(st.status, DX_CASE_APPROVED);
	assert_string_equal(dx_case_status_name(st.status), "已通过");
	assert_int_equal(st.closed_on.d, 10);
	assert_int_equal(dx_case_next_step(&st), -1);
}

static void test_bad_arguments(void **state)
{
	struct dx_policy p;
	struct dx_case_state st, n;
	struct dx_date bad = {2025, 2, 29};
	const char *why;
	(void)state;
	dx_policy_defaults(&p);
	dx_case_init(&st, DX_CASE_IDENTIFY);
	assert_int_equal(dx_case_apply(&st, DX_STEP_COUNT, DX_ACT_PASS,
				       DX_LEVEL_VILLAGE, &today, &p, &n, &why),
			 DX_INVALID);
	assert_int_equal(dx_case_apply(&st, (enum dx_step)-1, DX_ACT_PASS,
				       DX_LEVEL_VILLAGE, &today, &p, &n, &why),
			 DX_INVALID);
	assert_int_equal(dx_case_apply(&st, DX_STEP_VERIFY,
				       (enum dx_case_action)7, DX_LEVEL_VILLAGE,
				       &today, &p, &n, &why),
			 DX_INVALID);
	assert_int_equal(dx_case_apply(&st, DX_STEP_VERIFY, DX_ACT_PASS,
				       (enum dx_level)0, &today, &p, &n, &why),
			 DX_INVALID);
	assert_int_equal(dx_case_apply(&st, DX_STEP_VERIFY, DX_ACT_PASS,
				       DX_LEVEL_VILLAGE, &bad, &p, &n, &why),
			 DX_INVALID);
	assert_int_equal(dx_case_apply(&st, DX_STEP_VERIFY, DX_ACT_PASS,
				       DX_LEVEL_VILLAGE, NULL, &p, &n, &why),
			 DX_INVALID);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(dx_step_name(DX_STEP_REVIEW), "村级民主评议");
	assert_string_equal(dx_step_name(DX_STEP_COUNT), "");
	assert_string_equal(dx_case_kind_name(DX_CASE_ELIMINATE), "风险消除");
	assert_string_equal(dx_case_action_name(DX_ACT_REJECT), "不通过");
	assert_string_equal(dx_level_name(DX_LEVEL_TOWNSHIP), "乡镇");
	assert_string_equal(dx_case_status_name(DX_CASE_CANCELLED), "已撤销");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_state_action),
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_wrong_level),
		cmocka_unit_test(test_cancel_levels),
		cmocka_unit_test(test_notice_period),
		cmocka_unit_test(test_full_walk),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
