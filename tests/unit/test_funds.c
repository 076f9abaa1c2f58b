/*
 * test_funds.c - amounts in 万元 (templates.md "Amounts in 万元", issue
 * 18): the exact parser of 万元 cells into fen and the reports' 万元
 * format (src/core/money.c), and the report's percentages.
 */
#include "core/dx.h"
#include "core/money.h"
#include "io/report_funds.h"
#include "app/funds.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void wan_ok(const char *s, int64_t want)
{
	int64_t fen = -777;
	int blank = -1;
	const char *why = "unset";
	if (dx_money_parse_wan(s, strlen(s), &fen, &blank, &why))
		fail_msg("万元 \"%s\" refused: %s", s, why);
	if (fen != want)
		fail_msg("万元 \"%s\": got %lld fen, want %lld", s, (long long)fen, (long long)want);
	assert_int_equal(blank, 0);
}

static void wan_bad(const char *s)
{
	int64_t fen = -777;
	const char *why = NULL;
	if (!dx_money_parse_wan(s, strlen(s), &fen, NULL, &why))
		fail_msg("万元 \"%s\" accepted as %lld fen", s, (long long)fen);
	assert_non_null(why);
	assert_int_equal(fen, -777);
}

/* four decimals of 万元 are whole yuan; every one of them is kept */
static void test_wan_exact(void **state)
{
	(void)state;
	wan_ok("2163", INT64_C(2163000000));
	wan_ok("1464.6", INT64_C(1464600000));
	wan_ok("1464.60", INT64_C(1464600000));
	wan_ok("60.1234", INT64_C(60123400));
	wan_ok("0.0001", 100);
	wan_ok("0.000001", 1);
	wan_ok("0.0000015", 2); /* the seventh decimal rounds at the fen */
	wan_ok("1,182.62", INT64_C(1182620000));
	wan_ok("96.61万元", INT64_C(96610000));
	wan_ok("96.61 万", INT64_C(96610000));
	wan_ok("１２.５", INT64_C(12500000)); /* full-width */
	wan_ok("-3.5", INT64_C(-3500000));
	wan_ok(".5", INT64_C(500000));
}

static void test_wan_blank_and_junk(void **state)
{
	int64_t fen = -1;
	int blank = 0;
	(void)state;
	assert_int_equal(dx_money_parse_wan("  ", 2, &fen, &blank, NULL), 0);
	assert_int_equal(fen, 0);
	assert_int_equal(blank, 1);
	wan_bad("12元");   /* the header says 万元 */
	wan_bad("1.2.3");
	wan_bad("1.2a");
	wan_bad("abc");
	wan_bad("万元");
	wan_bad(".");
	wan_bad("1e3");
}

static void fmt(int64_t fen, const char *want)
{
	char out[40];
	assert_string_equal(dx_money_format_wan(fen, out, sizeof(out)), want);
}

/* two decimals, dropped only when whole (templates.md) */
static void test_wan_format(void **state)
{
	(void)state;
	fmt(INT64_C(2163000000), "2163");
	fmt(INT64_C(1182620000), "1182.62");
	fmt(INT64_C(96610000), "96.61");
	fmt(INT64_C(1464600000), "1464.60");
	fmt(INT64_C(60123400), "60.12");
	fmt(INT64_C(60125000), "60.13"); /* half away from zero */
	fmt(INT64_C(2162999999), "2163"); /* rounds to whole */
	fmt(0, "0");
	fmt(INT64_C(-3500000), "-3.50");
}

/* 负面清单: whole types only, any of the separators, 无 = none */
static void test_forbidden_types(void **state)
{
	(void)state;
	assert_true(dx_fund_type_forbidden("其他、项目管理费", "其他"));
	assert_true(dx_fund_type_forbidden("其他、项目管理费", "项目管理费"));
	assert_true(dx_fund_type_forbidden("产业发展，乡村建设; 其他", "乡村建设"));
	assert_true(dx_fund_type_forbidden("产业发展, 其他", "其他"));
	assert_false(dx_fund_type_forbidden("其他、项目管理费", "项目管理"));
	assert_false(dx_fund_type_forbidden("项目管理费", "管理费"));
	assert_false(dx_fund_type_forbidden("无", "其他"));
	assert_false(dx_fund_type_forbidden("", "其他"));
	assert_false(dx_fund_type_forbidden("其他", ""));
}

static void test_rate(void **state)
{
	(void)state;
	assert_int_equal(dx_rf_bp(13, 15), 8667);        /* 开工率86.67% */
	assert_int_equal(dx_rf_bp(118262, 216320), 5467); /* 支付进度54.67% */
	assert_int_equal(dx_rf_bp(1, 1), 10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wan_exact),
		cmocka_unit_test(test_wan_blank_and_junk),
		cmocka_unit_test(test_wan_format),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_forbidden_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
