/*
 * test_elim.c - the 风险消除 conditions of domain.md §6 one by one, the
 * no-labour rule and the quick-elimination flag.
 */
#include "core/dx.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "policy/elim.h"

static struct dx_date D(int y, int m, int d)
{
	struct dx_date r = {y, m, d};
	return r;
}

/* A household that meets every condition on 2025-10-01. */
static struct dx_elim_input good(void)
{
	struct dx_elim_input in;
	memset(&in, 0, sizeof(in));
	in.has_income = 1;
	in.tested_pc = 1200000;
	in.months_above_line = 8;
	in.measures_implemented = 2;
	in.identified = D(2025, 3, 1);
	in.today = D(2025, 10, 1);
	in.has_labour = 1;
	return in;
}

static struct dx_policy pol(void)
{
	struct dx_policy p;
	dx_policy_defaults(&p);
	return p;
}

static void check(const struct dx_elim_input *in, const struct dx_policy *p,
		  struct dx_elim_result *r)
{
	assert_int_equal(dx_elim_check(in, p, r), 0);
	assert_int_equal(r->allowed, r->nunmet == 0);
}

/* Exactly one unmet condition, `c`, whose reason is `reason`. */
static void expect_only(const struct dx_elim_input *in,
			const struct dx_policy *p, enum dx_elim_cond c,
			const char *reason)
{
	struct dx_elim_result r;
	check(in, p, &r);
	assert_int_equal(r.allowed, 0);
	assert_int_equal(r.nunmet, 1);
	assert_int_equal(r.unmet[0].cond, c);
	assert_string_equal(r.unmet[0].reason, reason);
}

static void test_all_met(void **state)
{
	struct dx_elim_input in = good();
	struct dx_policy p = pol();
	struct dx_elim_result r;
	(void)state;
	check(&in, &p, &r);
	assert_int_equal(r.allowed, 1);
	assert_int_equal(r.nunmet, 0);
	/* exactly at the line is not below it */
	in.tested_pc = 870000;
	check(&in, &p, &r);
	assert_int_equal(r.allowed, 1);
	/* stability not tracked: the annual figure alone decides */
	in.months_above_line = -1;
	check(&in, &p, &r);
	assert_int_equal(r.allowed, 1);
}

static void test_income(void **state)
{
	struct dx_elim_input in = good();
	struct dx_policy p = pol();
	(void)state;
	in.tested_pc = 869999;
	expect_only(&in, &p, DX_ELIM_COND_INCOME,
		    "人均收入参考值 8699.99 低于监测线 8700.00");
	in = good();
	in.has_income = 0;
	expect_only(&in, &p, DX_ELIM_COND_NO_INCOME,
		    "无收入数据，无法判断收入是否稳定高于监测线");
	in = good();
	in.months_above_line = 5;
	expect_only(&in, &p, DX_ELIM_COND_STABLE,
		    "收入高于监测线仅5个月，未稳定满6个月");
	in.months_above_line = 6;
	{
		struct dx_elim_result r;
		check(&in, &p, &r);
		assert_int_equal(r.allowed, 1);
	}
	/* a higher line (what-if) */
	in = good();
	dx_policy_set(&p, "monitoring_line", "12500", NULL);
	expect_only(&in, &p, DX_ELIM_COND_INCOME,
		    "人均收入参考值 12000.00 低于监测线 12500.00");
}

static void test_three_plus_one(void **state)
{
	struct dx_elim_input in;
	struct dx_policy p = pol();
	(void)state;
	in = good();
	in.unsafe_housing = 1;
	expect_only(&in, &p, DX_ELIM_COND_HOUSING,
		    "住房安全未保障（住房出现安全问题）");
	in = good();
	in.dropout = 1;
	expect_only(&in, &p, DX_ELIM_COND_EDUCATION,
		    "义务教育未保障（有适龄儿童失学辍学）");
	in = good();
	in.unsafe_water = 1;
	expect_only(&in, &p, DX_ELIM_COND_WATER, "饮水安全未保障");
	in = good();
	in.no_insurance = 1;
	expect_only(&in, &p, DX_ELIM_COND_MEDICAL,
		    "基本医疗未保障（有成员未参加基本医保）");
}

static void test_risks(void **state)
{
	struct dx_elim_input in;
	struct dx_policy p = pol();
	(void)state;
	in = good();
	in.risks_unresolved = 1;
	expect_only(&in, &p, DX_ELIM_COND_RISKS, "原有风险尚未消除");
	in = good();
	in.new_risk = 1;
	expect_only(&in, &p, DX_ELIM_COND_NEW_RISK, "出现新的风险");
}

static void test_too_soon(void **state)
{
	struct dx_elim_input in = good();
	struct dx_policy p = pol();
	struct dx_elim_result r;
	(void)state;
	in.today = D(2025, 8, 31);
	expect_only(&in, &p, DX_ELIM_COND_TOO_SOON,
		    "识别未满6个月（识别于2025-03-01，2025-09-01起方可消除）");
	in.today = D(2025, 9, 1);
	check(&in, &p, &r);
	assert_int_equal(r.allowed, 1);
	/* month-end: identified Aug 31 may be eliminated from Feb 28 */
	in.identified = D(2025, 8, 31);
	in.today = D(2026, 2, 27);
	expect_only(&in, &p, DX_ELIM_COND_TOO_SOON,
		    "识别未满6个月（识别于2025-08-31，2026-02-28起方可消除）");
	in.today = D(2026, 2, 28);
	check(&in, &p, &r);
	assert_int_equal(r.allowed, 1);
	/* the minimum is a parameter */
	dx_policy_set(&p, "eliminate_min_months", "12", NULL);
	check(&in, &p, &r);
	assert_int_equal(r.allowed, 0);
	assert_int_equal(r.unmet[r.nunmet - 1].cond, DX_ELIM_COND_TOO_SOON);
}

static void test_measures(void **state)
{
	struct dx_elim_input in = good();
	struct dx_policy p = pol();
	struct dx_elim_result r;
	(void)state;
	in.measures_implemented = 0;
	expect_only(&in, &p, DX_ELIM_COND_MEASURES, "已落实帮扶措施0个，少于1个");
	in.measures_implemented = 1;
	check(&in, &p, &r);
	assert_int_equal(r.allowed, 1);
	dx_policy_set(&p, "eliminate_min_measures", "3", NULL);
	expect_only(&in, &p, DX_ELIM_COND_MEASURES, "已落实帮扶措施1个，少于3个");
}

static void test_no_labour(void **state)
{
	struct dx_elim_input in = good();
	struct dx_policy p = pol();
	struct dx_elim_result r;
	(void)state;
	in.has_labour = 0;
	expect_only(&in, &p, DX_ELIM_COND_NO_LABOUR,
		    "整户无劳动能力，按政策不标注风险消除，继续监测");
	dx_policy_set(&p, "no_labour_blocks_elimination", "no", NULL);
	check(&in, &p, &r);
	assert_int_equal(r.allowed, 1);
}

static void test_all_unmet_listed(void **state)
{
	struct dx_elim_input in;
	struct dx_policy p = pol();
	struct dx_elim_result r;
	int i;
	(void)state;
	memset(&in, 0, sizeof(in));
	in.tested_pc = 100;
	in.has_income = 1;
	in.unsafe_housing = in.dropout = in.unsafe_water = in.no_insurance = 1;
	in.risks_unresolved = in.new_risk = 1;
	in.identified = D(2025, 9, 1);
	in.today = D(2025, 10, 1);
	check(&in, &p, &r);
	assert_int_equal(r.allowed, 0);
	/* every condition but NO_INCOME and STABLE (income is the reason) */
	assert_int_equal(r.nunmet, DX_ELIM_COND_COUNT - 2);
	assert_int_equal(r.unmet[0].cond, DX_ELIM_COND_INCOME);
	for (i = 1; i < r.nunmet; i++) {
		assert_true(r.unmet[i].cond > r.unmet[i - 1].cond);
		assert_true(strlen(r.unmet[i].reason) > 0);
	}
	assert_int_equal(r.unmet[r.nunmet - 1].cond, DX_ELIM_COND_NO_LABOUR);
}

static void test_bad_dates(void **state)
{
	struct dx_elim_input in = good();
	struct dx_policy p = pol();
	struct dx_elim_result r;
	(void)state;
	in.identified = D(2025, 2, 30);
	assert_int_equal(dx_elim_check(&in, &p, &r), DX_INVALID);
	in = good();
	memset(&in.today, 0, sizeof(in.today));
	assert_int_equal(dx_elim_check(&in, &p, &r), DX_INVALID);
}

static void test_suspicious(void **state)
{
	struct dx_date id = D(2025, 3, 15), e;
	(void)state;
	e = D(2025, 5, 14);
	assert_true(dx_elim_suspicious(&id, &e, DX_ELIM_ASSISTED));
	assert_false(dx_elim_suspicious(&id, &e, DX_ELIM_NATURAL));
	e = D(2025, 5, 15); /* exactly two months: not within */
	assert_false(dx_elim_suspicious(&id, &e, DX_ELIM_ASSISTED));
	e = D(2025, 3, 15); /* same day */
	assert_true(dx_elim_suspicious(&id, &e, DX_ELIM_ASSISTED));
	id = D(2024, 12, 31); /* month-end: limit 2025-02-28 */
	e = D(2025, 2, 27);
	assert_true(dx_elim_suspicious(&id, &e, DX_ELIM_ASSISTED));
	e = D(2025, 2, 28);
	assert_false(dx_elim_suspicious(&id, &e, DX_ELIM_ASSISTED));
	assert_string_equal(dx_elim_kind_name(DX_ELIM_ASSISTED), "帮扶消除");
	assert_string_equal(dx_elim_kind_name(DX_ELIM_NATURAL), "自然消除");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_met),
		cmocka_unit_test(test_income),
		cmocka_unit_test(test_three_plus_one),
		cmocka_unit_test(test_risks),
		cmocka_unit_test(test_too_soon),
		cmocka_unit_test(test_measures),
		cmocka_unit_test(test_no_labour),
		cmocka_unit_test(test_all_unmet_listed),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_suspicious),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
