/*
 * test_ledgers.c - the pieces of issue 19 with arithmetic in them: 万元
 * cells into fen (core/money.c dx_money_parse_wan), 万元 as the reports
 * print it (io/report_ledgers.c dx_lg_add_wan), and the 问题整改 and 救助申请
 * sentences.
 */
#include "core/dx.h"
#include "core/money.h"
#include "core/strbuf.h"
#include "io/report_ledgers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static int64_t wan(const char *s)
{
	int64_t fen = -777;
	if (dx_money_parse_wan(s, strlen(s), &fen, NULL, NULL))
		fail_msg("万元 \"%s\" refused", s);
	return fen;
}

static void test_parse_wan(void **state)
{
	int64_t fen;
	const char *why = NULL;
	(void)state;
	assert_int_equal(wan("3364"), INT64_C(3364000000));
	assert_int_equal(wan("1182.62"), INT64_C(1182620000));
	assert_int_equal(wan("96.61万元"), INT64_C(96610000));
	assert_int_equal(wan("5万"), INT64_C(5000000));
	assert_int_equal(wan("0.00005"), 50);       /* 0.5 元 */
	assert_int_equal(wan("0.000005"), 5);       /* 0.05 元 */
	assert_int_equal(wan("0.0000005"), 1);      /* 0.005 元 rounds half away */
	assert_int_equal(wan("1,234.5678"), INT64_C(1234567800));
	assert_int_equal(wan("-1.5"), INT64_C(-1500000));
	assert_int_equal(wan("１２."), INT64_C(12000000)); /* full-width */
	assert_int_equal(wan(""), 0);
	/* a 元 cell in a 万元 column is a mistake, not 12万元 */
	assert_int_equal(dx_money_parse_wan("12元", strlen("12元"), &fen, NULL, &why), DX_INVALID);
	assert_non_null(why);
	assert_int_equal(dx_money_parse_wan("1.2.3", 5, &fen, NULL, NULL), DX_INVALID);
}

static void wan_text(int64_t fen, const char *want)
{
	struct dx_buf b = DX_BUF_INIT;
	dx_lg_add_wan(&b, fen);
	assert_string_equal(b.buf, want);
	dx_buf_release(&b);
}

static void test_print_wan(void **state)
{
	(void)state;
	wan_text(INT64_C(2163000000), "2163");
	wan_text(INT64_C(1182620000), "1182.62");
	wan_text(INT64_C(96610000), "96.61");
	wan_text(INT64_C(96600000), "96.60");
	wan_text(INT64_C(4999), "0");      /* under half of 0.01万元 */
	wan_text(INT64_C(5000), "0.01");   /* half rounds away from zero */
}

static void test_sentences(void **state)
{
	struct dx_ledger_figs g;
	struct dx_buf b = DX_BUF_INIT;
	(void)state;
	memset(&g, 0, sizeof(g));
	dx_report_ledgers_text(&g, &b);
	assert_string_equal(b.buf ? b.buf : "", ""); /* nothing, never zeros */
	g.f[DX_LGF_APP].n = 385;
	g.f[DX_LGF_APP_CLOSED].n = 341;
	g.f[DX_LGF_PROBLEMS].n = 13;
	g.src[1][0] = 13;
	g.src[1][1] = 13;
	dx_report_ledgers_text(&g, &b);
	assert_string_equal(b.buf, "\n\n救助申请：申请救助事项385件，办结341件，办结率88.57%。"
				   "\n\n问题整改：省后评估反馈的13个问题已全部完成整改销号。");
	dx_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_wan),
		cmocka_unit_test(test_print_wan),
		cmocka_unit_test(test_sentences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
