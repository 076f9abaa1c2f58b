/*
 * test_money.c - the amount parser and formatter (src/core/money.c).
 */
#include "core/dx.h"
#include "core/money.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void ok(const char *s, int64_t want)
{
	int64_t fen = -777;
	int blank = -1;
	const char *why = "unset";

	if (dx_money_parse(s, strlen(s), &fen, &blank, &why))
		fail_msg("amount \"%s\" refused: %s", s, why);
	if (fen != want)
		fail_msg("amount \"%s\": got %lld fen, want %lld", s,
			 (long long)fen, (long long)want);
	assert_int_equal(blank, 0);
	assert_string_equal(why, "unset");
}

static void bad(const char *s, const char *reason)
{
	int64_t fen = -777;
	int blank = -1;
	const char *why = NULL;

	if (dx_money_parse(s, strlen(s), &fen, &blank, &why) != DX_INVALID)
		fail_msg("amount \"%s\" accepted as %lld", s, (long long)fen);
	assert_int_equal(fen, -777);
	assert_int_equal(blank, 0);
	assert_non_null(why);
	assert_string_equal(why, reason);
}

static void test_plain(void **state)
{
	ok("0", 0);
	ok("1234", 123400);
	ok("1234.5", 123450);
	ok("1234.50", 123450);
	ok("1234.56", 123456);
	ok("0.01", 1);
	ok(".5", 50);
	ok("12.", 1200);
	ok("007", 700);
	ok("+12", 1200);
	ok("-12.3", -1230);
	ok("-0", 0);
	ok("  1234.50  ", 123450);
	ok("\t29601.00\r\n", 2960100);
}

static void test_decorated(void **state)
{
	ok("1,234.50", 123450);
	ok("1,234,567", 123456700);
	ok("12,34,567.8", 123456780);	/* commas in odd places */
	ok("1,2,3", 12300);
	ok("1234.5元", 123450);
	ok("1234.50 元", 123450);
	ok("￥1,234", 123400);
	ok("¥1234", 123400);
	ok("￥ 1234.5", 123450);
	ok("-￥12", -1200);
	ok("￥-12", -1200);
	ok("￥1,234.00元", 123400);
	/* full-width digits, comma, period, minus, spaces */
	ok("１２３４．５", 123450);
	ok("１，２３４．５０", 123450);
	ok("－１２", -1200);
	ok("　１２３４　", 123400);
	ok("\xC2\xA0" "12", 1200);
}

static void test_rounding(void **state)
{
	ok("1234.565", 123457);
	ok("1234.564", 123456);
	ok("1234.5649999", 123456);
	ok("0.005", 1);
	ok("0.004", 0);
	ok("-0.005", -1);		/* half away from zero */
	ok("-1234.565", -123457);
	ok("-0.0049", 0);
	ok("0.995", 100);		/* carries into the yuan */
	ok("9.999", 1000);
	ok("1.2345678901234567890", 123);
}

static void test_blank(void **state)
{
	int64_t fen = -777;
	int blank = -1;
	const char *why = "unset";

	assert_int_equal(dx_money_parse("", 0, &fen, &blank, &why), 0);
	assert_int_equal(fen, 0);
	assert_int_equal(blank, 1);
	fen = -777;
	assert_int_equal(dx_money_parse("  　 ", strlen("  　 "), &fen,
					&blank, &why),
			 0);
	assert_int_equal(fen, 0);
	assert_int_equal(blank, 1);
	assert_string_equal(why, "unset");
	/* blank and why may be NULL */
	assert_int_equal(dx_money_parse("", 0, &fen, NULL, NULL), 0);
	assert_int_equal(dx_money_parse("12", 2, &fen, NULL, NULL), 0);
	assert_int_equal(fen, 1200);
	assert_int_equal(dx_money_parse("x", 1, &fen, NULL, NULL), DX_INVALID);
	assert_int_equal(fen, 1200);
	/* an embedded NUL is junk, not the end */
	assert_int_equal(dx_money_parse("1\0002", 3, &fen, NULL, NULL),
			 DX_INVALID);
	/* len bounds the input */
	assert_int_equal(dx_money_parse("12345", 3, &fen, NULL, NULL), 0);
	assert_int_equal(fen, 12300);
}

static void test_junk(void **state)
{
	static const char fmt[] = "金额格式无效";

	bad("12a", fmt);
	bad("a12", fmt);
	bad("1,2,3.4.5", fmt);
	bad("1.2.3", fmt);
	bad("--1", fmt);
	bad("+-1", fmt);
	bad("-", fmt);
	bad(".", fmt);
	bad("元", fmt);
	bad("￥", fmt);
	bad("1.2e3", fmt);		/* no exponents */
	bad("1e3", fmt);
	bad(",123", fmt);
	bad("123,", fmt);
	bad("1,,234", fmt);
	bad("1,234.5,6", fmt);		/* no commas in the fraction */
	bad("1.,5", fmt);
	bad("1 234", fmt);		/* no inner spaces */
	bad("12元3", fmt);
	bad("12元元", fmt);
	bad("￥￥12", fmt);
	bad("12-", fmt);
	bad("(12)", fmt);
	bad("0x10", fmt);
	bad("一百", fmt);
	bad("NaN", fmt);
	bad("12\xFF", fmt);
}

static void test_overflow(void **state)
{
	static const char big[] = "金额过大";

	ok("90000000000000", INT64_C(9000000000000000));
	ok("-90000000000000", -INT64_C(9000000000000000));
	ok("89999999999999.99", INT64_C(8999999999999999));
	bad("90000000000000.01", big);
	bad("-90000000000000.01", big);
	bad("90000000000001", big);
	bad("99999999999999999999999999999", big);
	bad("9223372036854775807", big);
	bad("184467440737095516160000", big);
	bad("999999999999999999999a", "金额格式无效");
}

static void fmt(int64_t fen, const char *want)
{
	char out[32];

	memset(out, 'z', sizeof(out));
	assert_ptr_equal(dx_money_format(fen, out, sizeof(out)), out);
	assert_string_equal(out, want);
}

static void test_format(void **state)
{
	char small[6];

	fmt(123456, "1234.56");
	fmt(-5, "-0.05");
	fmt(0, "0.00");
	fmt(5, "0.05");
	fmt(100, "1.00");
	fmt(-123450, "-1234.50");
	fmt(INT64_C(9000000000000000), "90000000000000.00");
	fmt(INT64_MAX, "92233720368547758.07");
	fmt(INT64_MIN, "-92233720368547758.08");

	/* truncated, never overflowed */
	dx_money_format(123456, small, sizeof(small));
	assert_string_equal(small, "1234.");
}

static void test_round_trip(void **state)
{
	static const int64_t v[] = {0, 1, -1, 99, 100, 123456, -987654321,
				    INT64_C(9000000000000000)};
	char out[32];
	size_t i;

	for (i = 0; i < DX_ARRAY_SIZE(v); i++) {
		int64_t back = -777;

		dx_money_format(v[i], out, sizeof(out));
		assert_int_equal(dx_money_parse(out, strlen(out), &back, NULL,
						NULL),
				 0);
		assert_int_equal(back, v[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_decorated),
		cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_blank),
		cmocka_unit_test(test_junk),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
