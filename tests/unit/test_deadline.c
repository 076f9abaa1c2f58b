/*
 * test_deadline.c - calendar and working-day time limits across weekends
 * and the 2025 国庆 holiday (Oct 1-8 off; Sun Sep 28 and Sat Oct 11 worked).
 */
#include "core/dx.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"
#include "policy/deadline.h"

static const struct dx_date guoqing_off[] = {
	{2025, 10, 1}, {2025, 10, 2}, {2025, 10, 3}, {2025, 10, 4},
	{2025, 10, 5}, {2025, 10, 6}, {2025, 10, 7}, {2025, 10, 8},
};
static const struct dx_date guoqing_worked[] = {{2025, 9, 28}, {2025, 10, 11}};
static const struct dx_holidays h2025 = {guoqing_off, 8, guoqing_worked, 2};

static struct dx_date D(int y, int m, int d)
{
	struct dx_date r = {y, m, d};
	return r;
}

static void expect_add(struct dx_date start, int days, int working,
		       const struct dx_holidays *h, struct dx_date want)
{
	struct dx_date out = {0, 0, 0};
	assert_int_equal(dx_deadline_add(&start, days, working, h, &out), 0);
	if (dx_date_cmp(&out, &want)) {
		char a[16], b[16];
		fail_msg("%s + %d%s = %s, want %s", dx_date_format(&start, a),
			 days, working ? " working" : "", dx_date_format(&out, b),
			 dx_date_format(&want, a));
	}
}

static void test_calendar(void **state)
{
	(void)state;
	expect_add(D(2025, 9, 26), 15, 0, &h2025, D(2025, 10, 11));
	expect_add(D(2025, 9, 26), 0, 0, &h2025, D(2025, 9, 26));
	expect_add(D(2025, 12, 25), 15, 0, NULL, D(2026, 1, 9));
	expect_add(D(2024, 2, 20), 10, 0, NULL, D(2024, 3, 1));
	expect_add(D(2025, 2, 20), 10, 0, NULL, D(2025, 3, 2));
}

static void test_workday(void **state)
{
	struct dx_date d;
	(void)state;
	d = D(2025, 10, 8); /* Wednesday, holiday */
	assert_false(dx_deadline_is_workday(&d, &h2025));
	assert_true(dx_deadline_is_workday(&d, NULL));
	d = D(2025, 9, 28); /* Sunday, 调休上班 */
	assert_true(dx_deadline_is_workday(&d, &h2025));
	assert_false(dx_deadline_is_workday(&d, NULL));
	d = D(2025, 10, 12); /* Sunday */
	assert_false(dx_deadline_is_workday(&d, &h2025));
	d = D(2025, 10, 9); /* Thursday */
	assert_true(dx_deadline_is_workday(&d, &h2025));
	d = D(2025, 10, 11); /* Saturday, 调休上班 */
	assert_true(dx_deadline_is_workday(&d, &h2025));
}

static void test_weekends_only(void **state)
{
	(void)state;
	/* Friday + 1 working day = Monday */
	expect_add(D(2025, 9, 26), 1, 1, NULL, D(2025, 9, 29));
	/* Saturday + 1 = Monday; Sunday + 1 = Monday */
	expect_add(D(2025, 9, 20), 1, 1, NULL, D(2025, 9, 22));
	expect_add(D(2025, 9, 21), 1, 1, NULL, D(2025, 9, 22));
	/* Monday + 5 = next Monday; + 0 = itself */
	expect_add(D(2025, 9, 15), 5, 1, NULL, D(2025, 9, 22));
	expect_add(D(2025, 9, 15), 0, 1, NULL, D(2025, 9, 15));
	/* 20 working days = 4 weeks */
	expect_add(D(2025, 9, 1), 20, 1, NULL, D(2025, 9, 29));
}

static void test_guoqing(void **state)
{
	(void)state;
	/* Friday Sep 26: Sun 28 worked, Mon 29, Tue 30, then Oct 9, 10 */
	expect_add(D(2025, 9, 26), 1, 1, &h2025, D(2025, 9, 28));
	expect_add(D(2025, 9, 26), 3, 1, &h2025, D(2025, 9, 30));
	expect_add(D(2025, 9, 26), 4, 1, &h2025, D(2025, 10, 9));
	expect_add(D(2025, 9, 26), 5, 1, &h2025, D(2025, 10, 10));
	/* Sat Oct 11 worked, Sun 12 off, 13-17, 20-23 */
	expect_add(D(2025, 9, 26), 6, 1, &h2025, D(2025, 10, 11));
	expect_add(D(2025, 9, 26), 7, 1, &h2025, D(2025, 10, 13));
	expect_add(D(2025, 9, 26), 15, 1, &h2025, D(2025, 10, 23));
	/* found during the holiday */
	expect_add(D(2025, 10, 3), 1, 1, &h2025, D(2025, 10, 9));
	expect_add(D(2025, 10, 3), 0, 1, &h2025, D(2025, 10, 3));
	/* found on the worked Saturday */
	expect_add(D(2025, 10, 11), 1, 1, &h2025, D(2025, 10, 13));
	/* the same 15 days counted as calendar days */
	expect_add(D(2025, 9, 26), 15, 0, &h2025, D(2025, 10, 11));
}

static void test_bad_days(void **state)
{
	struct dx_date s = D(2025, 1, 1), out = D(1, 1, 1);
	(void)state;
	assert_int_equal(dx_deadline_add(&s, -1, 0, NULL, &out), DX_INVALID);
	assert_int_equal(dx_deadline_add(&s, -1, 1, NULL, &out), DX_INVALID);
	assert_int_equal(dx_deadline_add(&s, DX_DEADLINE_MAX_DAYS + 1, 1, NULL,
					 &out),
			 DX_INVALID);
	assert_int_equal(out.y, 1); /* untouched */
	assert_int_equal(dx_deadline_add(&s, DX_DEADLINE_MAX_DAYS, 1, NULL, &out),
			 0);
}

static long left(struct dx_date today, struct dx_date dl, int working,
		 const struct dx_holidays *h)
{
	long n = 12345;
	assert_int_equal(dx_deadline_days_left(&today, &dl, working, h, &n), 0);
	return n;
}

static void test_days_left(void **state)
{
	(void)state;
	assert_int_equal(left(D(2025, 10, 1), D(2025, 10, 11), 0, &h2025), 10);
	assert_int_equal(left(D(2025, 10, 11), D(2025, 10, 11), 0, &h2025), 0);
	assert_int_equal(left(D(2025, 10, 13), D(2025, 10, 11), 0, &h2025), -2);
	assert_int_equal(left(D(2025, 9, 26), D(2025, 10, 10), 1, &h2025), 5);
	assert_int_equal(left(D(2025, 10, 10), D(2025, 10, 10), 1, &h2025), 0);
	/* during the holiday, deadline Oct 9: one working day left */
	assert_int_equal(left(D(2025, 10, 2), D(2025, 10, 9), 1, &h2025), 1);
	/* overdue: Oct 11 (worked) and Oct 13 missed */
	assert_int_equal(left(D(2025, 10, 13), D(2025, 10, 10), 1, &h2025), -2);
	/* overdue over holidays only: still negative */
	assert_int_equal(left(D(2025, 10, 5), D(2025, 9, 30), 1, &h2025), -1);
	assert_int_equal(left(D(2025, 10, 12), D(2025, 10, 11), 1, &h2025), -1);
	/* absurd spans are refused */
	{
		struct dx_date a = D(1900, 1, 1), b = D(2025, 1, 1);
		long n;
		assert_int_equal(dx_deadline_days_left(&a, &b, 1, NULL, &n),
				 DX_INVALID);
	}
}

/* add() and days_left() agree: n working days after start leave n. */
static void test_roundtrip(void **state)
{
	int n, w;
	(void)state;
	for (w = 0; w <= 1; w++)
		for (n = 0; n <= 40; n++) {
			struct dx_date s = D(2025, 9, 20), e;
			assert_int_equal(dx_deadline_add(&s, n, w, &h2025, &e), 0);
			assert_int_equal(left(s, e, w, &h2025), n);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_workday),
		cmocka_unit_test(test_weekends_only),
		cmocka_unit_test(test_guoqing),
		cmocka_unit_test(test_bad_days),
		cmocka_unit_test(test_days_left),
		cmocka_unit_test(test_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
