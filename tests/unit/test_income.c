/*
 * test_income.c - household and group income figures (domain.md §4).
 */
#include "core/dx.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "policy/income.h"

static void test_net_and_tested(void **state)
{
	struct dx_income in = {0};
	struct dx_income_result r;
	(void)state;
	in.wage = 500000;
	in.business = 300000;
	in.property = 10000;
	in.transfer = 200000;
	in.business_cost = 100000;
	in.claims = 50000;
	in.oop = 200000;
	in.members = 3;
	assert_int_equal(dx_income_compute(&in, 1, &r), 0);
	assert_int_equal(r.net, 910000);
	assert_int_equal(r.tested, 760000);
	assert_int_equal(r.net_pc, 303333);    /* 303333.33 */
	assert_int_equal(r.tested_pc, 253333); /* 253333.33 */
	assert_int_equal(r.no_members, 0);

	/* deduct_oop = no: tested income is net income */
	assert_int_equal(dx_income_compute(&in, 0, &r), 0);
	assert_int_equal(r.tested, 910000);
	assert_int_equal(r.tested_pc, 303333);
}

static void test_rounding(void **state)
{
	struct dx_income in = {0};
	struct dx_income_result r;
	(void)state;
	in.wage = 10;
	in.members = 4; /* 2.5 fen -> 3 */
	dx_income_compute(&in, 1, &r);
	assert_int_equal(r.net_pc, 3);
	in.wage = 0;
	in.business_cost = 10; /* -2.5 fen -> -3 */
	dx_income_compute(&in, 1, &r);
	assert_int_equal(r.net, -10);
	assert_int_equal(r.net_pc, -3);
	in.business_cost = 0;
	in.wage = 2600000;
	in.members = 3; /* 866666.67 -> 866667 */
	dx_income_compute(&in, 1, &r);
	assert_int_equal(r.net_pc, 866667);
}

static void test_one_person(void **state)
{
	struct dx_income in = {0};
	struct dx_income_result r;
	(void)state;
	in.transfer = 600000;
	in.members = 1;
	assert_int_equal(dx_income_compute(&in, 1, &r), 0);
	assert_int_equal(r.net_pc, 600000);
	assert_int_equal(r.tested_pc, 600000);
}

static void test_no_members(void **state)
{
	struct dx_income in = {0};
	struct dx_income_result r;
	(void)state;
	in.wage = 100000;
	in.members = 0;
	assert_int_equal(dx_income_compute(&in, 1, &r), DX_INVALID);
	assert_int_equal(r.no_members, 1);
	assert_int_equal(r.net, 100000);
	assert_int_equal(r.net_pc, 0);
	assert_int_equal(r.tested_pc, 0);
	in.members = -2;
	assert_int_equal(dx_income_compute(&in, 1, &r), DX_INVALID);
	assert_int_equal(r.no_members, 1);
}

/* domain.md §4: "脱贫户人均收入14187.61元，同比增14.34%" */
static void test_group_report_figure(void **state)
{
	struct dx_income_group g = DX_INCOME_GROUP_INIT;
	struct dx_income_group_result r;
	int64_t p1 = 2481654, p2 = 1240827;
	(void)state;
	dx_income_group_add(&g, 2837522, 2, &p1, 2);
	dx_income_group_add(&g, 1418761, 1, &p2, 1);
	assert_int_equal(dx_income_group_result(&g, &r), 0);
	assert_int_equal(r.has_pc, 1);
	assert_int_equal(r.pc, 1418761);
	assert_int_equal(r.growth, DX_GROWTH_OK);
	assert_int_equal(r.prev_pc, 1240827);
	assert_int_equal(r.growth_bp, 1434);
}

static void test_group_same_households(void **state)
{
	struct dx_income_group g;
	struct dx_income_group_result r;
	int64_t prev = 200000;
	(void)state;
	dx_income_group_init(&g);
	dx_income_group_add(&g, 150000, 1, &prev, 1);
	/* new household: counts in the figure, not in the growth */
	dx_income_group_add(&g, 450000, 1, NULL, 0);
	/* no counted member: skipped entirely */
	dx_income_group_add(&g, 999999, 0, &prev, 1);
	/* previous year without counted member: not compared */
	dx_income_group_add(&g, 300000, 1, &prev, 0);
	dx_income_group_result(&g, &r);
	assert_int_equal(g.households, 3);
	assert_int_equal(g.skipped, 1);
	assert_int_equal(g.same_households, 1);
	assert_int_equal(r.pc, 300000); /* 900000 / 3 */
	assert_int_equal(r.same_pc, 150000);
	assert_int_equal(r.prev_pc, 200000);
	assert_int_equal(r.growth, DX_GROWTH_OK);
	assert_int_equal(r.growth_bp, -2500);
}

static void test_group_members_change(void **state)
{
	struct dx_income_group g = DX_INCOME_GROUP_INIT;
	struct dx_income_group_result r;
	int64_t prev = 300000;
	(void)state;
	/* same household income, one more member: per capita falls */
	dx_income_group_add(&g, 300000, 3, &prev, 2);
	dx_income_group_result(&g, &r);
	assert_int_equal(r.pc, 100000);
	assert_int_equal(r.prev_pc, 150000);
	assert_int_equal(r.growth_bp, -3333);
}

static void test_group_no_prev(void **state)
{
	struct dx_income_group g = DX_INCOME_GROUP_INIT;
	struct dx_income_group_result r;
	int64_t zero = 0;
	(void)state;
	dx_income_group_result(&g, &r);
	assert_int_equal(r.has_pc, 0);
	assert_int_equal(r.growth, DX_GROWTH_NO_PREV);

	dx_income_group_add(&g, 500000, 2, NULL, 0);
	dx_income_group_result(&g, &r);
	assert_int_equal(r.has_pc, 1);
	assert_int_equal(r.pc, 250000);
	assert_int_equal(r.growth, DX_GROWTH_NO_PREV);
	assert_int_equal(r.growth_bp, 0);

	dx_income_group_add(&g, 500000, 2, &zero, 2);
	dx_income_group_result(&g, &r);
	assert_int_equal(r.growth, DX_GROWTH_PREV_ZERO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_net_and_tested),
		cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_one_person),
		cmocka_unit_test(test_no_members),
		cmocka_unit_test(test_group_report_figure),
		cmocka_unit_test(test_group_same_households),
		cmocka_unit_test(test_group_members_change),
		cmocka_unit_test(test_group_no_prev),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
