/*
 * test_date.c - date arithmetic and the date and month cell parsers
 * (src/core/date.c).
 */
#include "core/dx.h"
#include "core/date.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void assert_date(const struct dx_date *dt, int y, int m, int d)
{
	char got[11], want[11];

	dx_snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d);
	assert_string_equal(dx_date_format(dt, got), want);
}

static void test_valid(void **state)
{
	assert_true(dx_date_valid(2023, 5, 6));
	assert_true(dx_date_valid(2024, 2, 29));
	assert_true(dx_date_valid(2000, 2, 29));   /* /400 leap */
	assert_false(dx_date_valid(1900, 2, 29));  /* /100 not leap */
	assert_false(dx_date_valid(2023, 2, 29));
	assert_false(dx_date_valid(2023, 2, 30));
	assert_false(dx_date_valid(2023, 4, 31));
	assert_true(dx_date_valid(2023, 12, 31));
	assert_false(dx_date_valid(2023, 13, 1));
	assert_false(dx_date_valid(2023, 0, 1));
	assert_false(dx_date_valid(2023, 1, 0));
	assert_false(dx_date_valid(0, 1, 1));
	assert_true(dx_date_valid(1, 1, 1));
	assert_true(dx_date_valid(9999, 12, 31));
	assert_false(dx_date_valid(10000, 1, 1));
}

static void test_days(void **state)
{
	struct dx_date dt = {1970, 1, 1};
	long d;

	assert_int_equal(dx_date_to_days(&dt), 0);
	dt = (struct dx_date){1969, 12, 31};
	assert_int_equal(dx_date_to_days(&dt), -1);
	dt = (struct dx_date){2000, 3, 1};
	assert_int_equal(dx_date_to_days(&dt), 11017);
	dt = (struct dx_date){1, 1, 1};
	assert_int_equal(dx_date_to_days(&dt), -719162);
	dt = (struct dx_date){9999, 12, 31};
	assert_int_equal(dx_date_to_days(&dt), 2932896);

	dx_date_from_days(-719162, &dt);
	assert_date(&dt, 1, 1, 1);
	dx_date_from_days(11016, &dt);
	assert_date(&dt, 2000, 2, 29);

	/* round trip over four centuries, and days are consecutive */
	for (d = -146097; d <= 146097 * 2; d++) {
		struct dx_date a, b;

		dx_date_from_days(d, &a);
		assert_true(dx_date_valid(a.y, a.m, a.d) || a.y < 1);
		assert_int_equal(dx_date_to_days(&a), d);
		dx_date_from_days(d + 1, &b);
		assert_true(dx_date_cmp(&a, &b) < 0);
	}
}

static void test_weekday(void **state)
{
	struct dx_date dt = {1970, 1, 1};

	assert_int_equal(dx_date_weekday(&dt), 4);	/* Thursday */
	dt = (struct dx_date){1969, 12, 31};
	assert_int_equal(dx_date_weekday(&dt), 3);
	dt = (struct dx_date){2023, 5, 6};
	assert_int_equal(dx_date_weekday(&dt), 6);	/* Saturday */
	dt = (struct dx_date){2023, 5, 7};
	assert_int_equal(dx_date_weekday(&dt), 7);
	dt = (struct dx_date){2023, 5, 8};
	assert_int_equal(dx_date_weekday(&dt), 1);
	dt = (struct dx_date){1900, 1, 1};
	assert_int_equal(dx_date_weekday(&dt), 1);
}

static void test_add(void **state)
{
	struct dx_date dt = {2023, 12, 31};

	dx_date_add_days(&dt, 1);
	assert_date(&dt, 2024, 1, 1);
	dx_date_add_days(&dt, -366);
	assert_date(&dt, 2022, 12, 31);
	dt = (struct dx_date){2024, 2, 28};
	dx_date_add_days(&dt, 1);
	assert_date(&dt, 2024, 2, 29);

	dt = (struct dx_date){2023, 1, 31};
	dx_date_add_months(&dt, 1);
	assert_date(&dt, 2023, 2, 28);
	dt = (struct dx_date){2024, 1, 31};
	dx_date_add_months(&dt, 1);
	assert_date(&dt, 2024, 2, 29);
	dt = (struct dx_date){2023, 3, 31};
	dx_date_add_months(&dt, -1);
	assert_date(&dt, 2023, 2, 28);
	dt = (struct dx_date){2023, 5, 15};
	dx_date_add_months(&dt, 12);
	assert_date(&dt, 2024, 5, 15);
	dt = (struct dx_date){2023, 1, 15};
	dx_date_add_months(&dt, -1);
	assert_date(&dt, 2022, 12, 15);
	dt = (struct dx_date){2023, 1, 15};
	dx_date_add_months(&dt, -13);
	assert_date(&dt, 2021, 12, 15);
	dt = (struct dx_date){2023, 1, 15};
	dx_date_add_months(&dt, -12);
	assert_date(&dt, 2022, 1, 15);
	dt = (struct dx_date){2023, 10, 31};
	dx_date_add_months(&dt, 6);
	assert_date(&dt, 2024, 4, 30);
}

static void test_cmp(void **state)
{
	struct dx_date a = {2023, 5, 6}, b = {2023, 5, 7}, c = {2022, 12, 31};

	assert_true(dx_date_cmp(&a, &b) < 0);
	assert_true(dx_date_cmp(&b, &a) > 0);
	assert_true(dx_date_cmp(&c, &a) < 0);
	assert_int_equal(dx_date_cmp(&a, &a), 0);
	b = (struct dx_date){2023, 6, 1};
	assert_true(dx_date_cmp(&a, &b) < 0);
}

static void test_excel_serial(void **state)
{
	struct dx_date dt = {0, 0, 0};

	assert_int_equal(dx_date_from_excel_serial(1, &dt), 0);
	assert_date(&dt, 1900, 1, 1);
	assert_int_equal(dx_date_from_excel_serial(59, &dt), 0);
	assert_date(&dt, 1900, 2, 28);
	/* 60 is Excel's invented 1900-02-29 */
	assert_int_equal(dx_date_from_excel_serial(60, &dt), DX_INVALID);
	assert_date(&dt, 1900, 2, 28);	/* untouched */
	assert_int_equal(dx_date_from_excel_serial(61, &dt), 0);
	assert_date(&dt, 1900, 3, 1);
	assert_int_equal(dx_date_from_excel_serial(25569, &dt), 0);
	assert_date(&dt, 1970, 1, 1);
	assert_int_equal(dx_date_from_excel_serial(36526, &dt), 0);
	assert_date(&dt, 2000, 1, 1);
	assert_int_equal(dx_date_from_excel_serial(45047, &dt), 0);
	assert_date(&dt, 2023, 5, 1);
	assert_int_equal(dx_date_from_excel_serial(2958465, &dt), 0);
	assert_date(&dt, 9999, 12, 31);
	assert_int_equal(dx_date_from_excel_serial(2958466, &dt), DX_INVALID);
	assert_int_equal(dx_date_from_excel_serial(0, &dt), DX_INVALID);
	assert_int_equal(dx_date_from_excel_serial(-1, &dt), DX_INVALID);
}

static void ok_date(const char *s, int y, int m, int d)
{
	struct dx_date dt = {0, 0, 0};

	if (dx_date_parse(s, strlen(s), &dt))
		fail_msg("date \"%s\" refused", s);
	assert_date(&dt, y, m, d);
}

static void bad_date(const char *s)
{
	struct dx_date dt = {7, 7, 7};

	if (dx_date_parse(s, strlen(s), &dt) != DX_INVALID)
		fail_msg("date \"%s\" accepted", s);
	assert_date(&dt, 7, 7, 7);
}

static void test_date_parse(void **state)
{
	ok_date("2023-05-06", 2023, 5, 6);
	ok_date("2023/5/6", 2023, 5, 6);
	ok_date("2023/05/06", 2023, 5, 6);
	ok_date("2023.5.6", 2023, 5, 6);
	ok_date("2023年5月6日", 2023, 5, 6);
	ok_date("2023年05月06日", 2023, 5, 6);
	ok_date("2023年5月6", 2023, 5, 6);
	ok_date("20230506", 2023, 5, 6);
	ok_date("2023-05-06 00:00:00", 2023, 5, 6);
	ok_date("2023/5/6 13:45", 2023, 5, 6);
	ok_date("2023-05-06T08:30:00.000", 2023, 5, 6);
	ok_date("45052", 2023, 5, 6);
	ok_date("45052.5", 2023, 5, 6);
	ok_date("45052.99999", 2023, 5, 6);
	ok_date("45047", 2023, 5, 1);
	ok_date("61", 1900, 3, 1);
	ok_date("1", 1900, 1, 1);
	ok_date("2958465", 9999, 12, 31);
	ok_date(" ２０２３－０５－０６　", 2023, 5, 6);	/* full-width */
	ok_date("２０２３年５月６日", 2023, 5, 6);
	ok_date("2024-02-29", 2024, 2, 29);
	ok_date("2023-05-06 ", 2023, 5, 6);
	ok_date("10000", 1927, 5, 18);
	ok_date("999", 1902, 9, 25);
	ok_date("20000229", 2000, 2, 29);

	bad_date("");
	bad_date("   ");
	bad_date("2023-02-29");		/* not a leap year */
	bad_date("1900-02-29");
	bad_date("2023-02-30");
	bad_date("2023-04-31");
	bad_date("2023-13-01");
	bad_date("2023-00-10");
	bad_date("20230230");
	bad_date("20231301");
	bad_date("2023-05");		/* a month, not a date */
	bad_date("2023-05/06");		/* mixed separators */
	bad_date("2023-05-06-");
	bad_date("2023-005-06");
	bad_date("23-5-6");
	bad_date("6/5/2023");		/* day-first: ambiguous */
	bad_date("2023年5月");
	bad_date("2023-05-06 noon");
	bad_date("60");			/* Excel's 1900-02-29 */
	bad_date("2023");		/* a year, not serial 2023 */
	bad_date("2023.5");
	bad_date("0");
	bad_date("2958466");
	bad_date("45052.");
	bad_date("45052.5.1");
	bad_date("-45052");
	bad_date("4.5e4");
	bad_date("abc");
	bad_date("2023-05-06x");
}

static void ok_month(const char *s, int y, int m)
{
	int gy = 0, gm = 0;

	if (dx_month_parse(s, strlen(s), &gy, &gm))
		fail_msg("month \"%s\" refused", s);
	assert_int_equal(gy, y);
	assert_int_equal(gm, m);
}

static void bad_month(const char *s)
{
	int gy = 7, gm = 7;

	if (dx_month_parse(s, strlen(s), &gy, &gm) != DX_INVALID)
		fail_msg("month \"%s\" accepted", s);
	assert_int_equal(gy, 7);
	assert_int_equal(gm, 7);
}

static void test_month_parse(void **state)
{
	ok_month("202305", 2023, 5);
	ok_month("202312", 2023, 12);
	ok_month("2023-05", 2023, 5);
	ok_month("2023-5", 2023, 5);
	ok_month("2023.5", 2023, 5);
	ok_month("2023.05", 2023, 5);
	ok_month("2023.10", 2023, 10);
	ok_month("2023.1", 2023, 1);
	ok_month("2023.12", 2023, 12);
	ok_month("2023/05", 2023, 5);
	ok_month("2023/5", 2023, 5);
	ok_month("2023年5月", 2023, 5);
	ok_month("2023年05月", 2023, 5);
	ok_month(" ２０２３年５月 ", 2023, 5);
	ok_month("２０２３．５", 2023, 5);
	/* full dates give their month */
	ok_month("2023-05-06", 2023, 5);
	ok_month("2023/5/31", 2023, 5);
	ok_month("2023.5.6", 2023, 5);
	ok_month("2023年5月6日", 2023, 5);
	ok_month("20230506", 2023, 5);
	ok_month("2023-05-06 00:00:00", 2023, 5);
	ok_month("45047", 2023, 5);
	ok_month("45052.5", 2023, 5);

	bad_month("");
	bad_month("2023");		/* a year, not serial 2023 */
	bad_month("202313");
	bad_month("202300");
	bad_month("2023-13");
	bad_month("2023-0");
	bad_month("2023.13");
	bad_month("2023.123");
	bad_month("2023-");
	bad_month("2023年");
	bad_month("2023年5");
	bad_month("2023年13月");
	bad_month("2023-05-32");
	bad_month("5月");
	bad_month("23.5");
	bad_month("2023 5");
	bad_month("May 2023");
	bad_month("60");
	bad_month("61");
	bad_month("9999");
}

static void test_today(void **state)
{
	struct dx_date dt;

	dx_date_today(&dt);
	assert_true(dx_date_valid(dt.y, dt.m, dt.d));
	assert_true(dt.y >= 2024);
}

/* --today / $DIXIAN_TODAY fix the day; events after it are in the future */
static void test_fixed_today(void **state)
{
	struct dx_date fixed = {2026, 6, 30}, dt, next = {2026, 7, 1}, same = {2026, 6, 30};

	(void)state;
	dx_date_set_today(&fixed);
	dx_date_today(&dt);
	assert_int_equal(dx_date_cmp(&dt, &fixed), 0);
	assert_int_equal(dx_date_cmp(&same, &dt), 0);
	assert_true(dx_date_cmp(&next, &dt) > 0);
	dx_date_set_today(NULL);
	dx_date_today(&dt);
	assert_true(dt.y >= 2024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_excel_serial),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_month_parse),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_fixed_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
