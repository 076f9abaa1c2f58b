/*
 * test_policy_params.c - policy keys, parsing, canonical text and the
 * resolution of settings by area prefix, year and effective date.
 */
#include "core/dx.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/strbuf.h"
#include "policy/params.h"

static void test_defaults(void **state)
{
	struct dx_policy p;
	(void)state;
	assert_int_equal(dx_policy_defaults(&p), 0);
	/* domain.md §10 */
	assert_int_equal(p.monitoring_line, 870000);
	assert_int_equal(p.line_formula, DX_LINE_FIXED);
	assert_int_equal(p.low_income_target, 1000000);
	assert_int_equal(p.deduct_oop, 1);
	assert_int_equal(p.sudden_oop_share, 50);
	assert_int_equal(p.sudden_income_drop_share, 30);
	assert_int_equal(p.identify_days, 15);
	assert_int_equal(p.working_days, 0);
	assert_int_equal(p.notice_days, 5);
	assert_int_equal(p.eliminate_min_months, 6);
	assert_int_equal(p.eliminate_min_measures, 1);
	assert_int_equal(p.no_labour_blocks_elimination, 1);
	assert_int_equal(p.visits_per_week_active, 2);
	assert_int_equal(p.visits_per_week_eliminated, 1);
	assert_int_equal(p.warn_medical_oop, 1000000);
	assert_string_equal(p.target_label, "监测对象");
	assert_int_equal(dx_policy_line(&p), 870000);
}

static int set_ok(struct dx_policy *p, const char *k, const char *v)
{
	const char *why = "untouched";
	int rc = dx_policy_set(p, k, v, &why);
	if (rc)
		print_error("set %s=%s: %s\n", k, v, why);
	return rc;
}

static void expect_bad(struct dx_policy *p, const char *k, const char *v)
{
	struct dx_policy before = *p;
	const char *why = NULL;
	int rc = dx_policy_set(p, k, v, &why);
	if (rc == 0)
		fail_msg("%s=%s was accepted", k, v);
	assert_int_equal(rc, DX_INVALID);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	/* refused values leave the policy unchanged */
	assert_memory_equal(&before, p, sizeof(before));
}

static void test_set_money(void **state)
{
	struct dx_policy p;
	(void)state;
	dx_policy_defaults(&p);
	assert_int_equal(set_ok(&p, "monitoring_line", "9500"), 0);
	assert_int_equal(p.monitoring_line, 950000);
	assert_int_equal(set_ok(&p, "monitoring_line", "8700.00"), 0);
	assert_int_equal(p.monitoring_line, 870000);
	assert_int_equal(set_ok(&p, "monitoring_line", "8700.5"), 0);
	assert_int_equal(p.monitoring_line, 870050);
	assert_int_equal(set_ok(&p, "monitoring_line", "19560元"), 0);
	assert_int_equal(p.monitoring_line, 1956000);
	assert_int_equal(set_ok(&p, "warn_medical_oop", "12000"), 0);
	assert_int_equal(p.warn_medical_oop, 1200000);
	assert_int_equal(set_ok(&p, "low_income_target", "0"), 0);
	assert_int_equal(p.low_income_target, 0);

	expect_bad(&p, "monitoring_line", "-1");
	expect_bad(&p, "monitoring_line", "8700.123");
	expect_bad(&p, "monitoring_line", "8700.");
	expect_bad(&p, "monitoring_line", ".5");
	expect_bad(&p, "monitoring_line", "");
	expect_bad(&p, "monitoring_line", "abc");
	expect_bad(&p, "monitoring_line", "1e4");
	expect_bad(&p, "monitoring_line", " 8700");
	expect_bad(&p, "monitoring_line", "8,700");
	expect_bad(&p, "monitoring_line", "99999999999999999999");
}

static void test_set_other_types(void **state)
{
	struct dx_policy p;
	(void)state;
	dx_policy_defaults(&p);

	assert_int_equal(set_ok(&p, "deduct_oop", "否"), 0);
	assert_int_equal(p.deduct_oop, 0);
	assert_int_equal(set_ok(&p, "deduct_oop", "是"), 0);
	assert_int_equal(p.deduct_oop, 1);
	assert_int_equal(set_ok(&p, "working_days", "YES"), 0);
	assert_int_equal(p.working_days, 1);
	assert_int_equal(set_ok(&p, "working_days", "0"), 0);
	assert_int_equal(p.working_days, 0);
	assert_int_equal(set_ok(&p, "working_days", "1"), 0);
	assert_int_equal(p.working_days, 1);
	assert_int_equal(set_ok(&p, "working_days", "no"), 0);
	assert_int_equal(p.working_days, 0);
	expect_bad(&p, "working_days", "maybe");
	expect_bad(&p, "working_days", "");

	assert_int_equal(set_ok(&p, "sudden_oop_share", "60%"), 0);
	assert_int_equal(p.sudden_oop_share, 60);
	assert_int_equal(set_ok(&p, "sudden_oop_share", "100"), 0);
	assert_int_equal(p.sudden_oop_share, 100);
	assert_int_equal(set_ok(&p, "sudden_income_drop_share", "0"), 0);
	assert_int_equal(p.sudden_income_drop_share, 0);
	expect_bad(&p, "sudden_oop_share", "101");
	expect_bad(&p, "sudden_oop_share", "50.5");
	expect_bad(&p, "sudden_oop_share", "-5");
	expect_bad(&p, "sudden_oop_share", "50%%");

	assert_int_equal(set_ok(&p, "notice_days", "7"), 0);
	assert_int_equal(p.notice_days, 7);
	expect_bad(&p, "notice_days", "0");
	expect_bad(&p, "notice_days", "61");
	expect_bad(&p, "notice_days", "5天");
	expect_bad(&p, "identify_days", "1.5");
	assert_int_equal(set_ok(&p, "identify_days", "20"), 0);
	assert_int_equal(p.identify_days, 20);

	assert_int_equal(set_ok(&p, "target_label", "防止返贫致贫对象"), 0);
	assert_string_equal(p.target_label, "防止返贫致贫对象");
	expect_bad(&p, "target_label", "");
	expect_bad(&p, "target_label", "a\nb");
	expect_bad(&p, "target_label",
		   "0123456789012345678901234567890123456789012345678901234567"
		   "89012345");

	assert_int_equal(set_ok(&p, "monitoring_line_formula", "dibao"), 0);
	assert_int_equal(p.line_formula, DX_LINE_DIBAO);
	assert_int_equal(set_ok(&p, "monitoring_line_formula", "固定"), 0);
	assert_int_equal(p.line_formula, DX_LINE_FIXED);
	assert_int_equal(set_ok(&p, "monitoring_line_formula", "低保"), 0);
	assert_int_equal(p.line_formula, DX_LINE_DIBAO);
	expect_bad(&p, "monitoring_line_formula", "fix");
	expect_bad(&p, "monitoring_line_formula", "fixedx");
	expect_bad(&p, "monitoring_line_formula", "");

	assert_int_equal(set_ok(&p, "monitoring_line_k", "1.5"), 0);
	assert_int_equal(p.line_k, 150);
	expect_bad(&p, "monitoring_line_k", "0");
	expect_bad(&p, "monitoring_line_k", "2.555");
}

static void test_unknown_key(void **state)
{
	struct dx_policy p;
	const char *why = NULL;
	struct dx_buf b = DX_BUF_INIT;
	(void)state;
	dx_policy_defaults(&p);
	assert_int_equal(dx_policy_set(&p, "monitoring_lines", "1", &why),
			 DX_NOT_FOUND);
	assert_non_null(why);
	assert_int_equal(dx_policy_set(&p, NULL, "1", NULL), DX_NOT_FOUND);
	assert_int_equal(dx_policy_set(&p, "notice_days", NULL, &why),
			 DX_INVALID);
	assert_int_equal(dx_policy_get(&p, "nope", &b), DX_NOT_FOUND);
	assert_int_equal(b.len, 0);
	assert_null(dx_policy_key_find("nope"));
	dx_buf_release(&b);
}

static void expect_get(const struct dx_policy *p, const char *k,
		       const char *want)
{
	struct dx_buf b = DX_BUF_INIT;
	assert_int_equal(dx_policy_get(p, k, &b), 0);
	assert_string_equal(b.buf, want);
	dx_buf_release(&b);
}

static void test_get_canonical(void **state)
{
	struct dx_policy p;
	(void)state;
	dx_policy_defaults(&p);
	expect_get(&p, "monitoring_line", "8700.00");
	expect_get(&p, "monitoring_line_formula", "fixed");
	expect_get(&p, "monitoring_line_k", "2.00");
	expect_get(&p, "deduct_oop", "yes");
	expect_get(&p, "working_days", "no");
	expect_get(&p, "sudden_oop_share", "50");
	expect_get(&p, "notice_days", "5");
	expect_get(&p, "target_label", "监测对象");
	expect_get(&p, "low_income_target", "10000.00");
	set_ok(&p, "monitoring_line", "8700.5");
	expect_get(&p, "monitoring_line", "8700.50");
	set_ok(&p, "monitoring_line_formula", "低保");
	expect_get(&p, "monitoring_line_formula", "dibao");
	set_ok(&p, "deduct_oop", "否");
	expect_get(&p, "deduct_oop", "no");
}

/* Every key: the default parses, and get -> set -> get is stable. */
static void test_key_table_roundtrip(void **state)
{
	struct dx_policy p, q;
	size_t i, n = dx_policy_key_count();
	(void)state;
	assert_int_equal(n, 26); /* 18 + holidays, extra_workdays, industry_central_min (issue 18)
				  * + 4 loan keys (issue 19) + project_forbidden_types (负面清单) */
	assert_null(dx_policy_key_at(n));
	dx_policy_defaults(&p);
	for (i = 0; i < n; i++) {
		const struct dx_policy_key *k = dx_policy_key_at(i);
		struct dx_buf b = DX_BUF_INIT;
		assert_non_null(k);
		assert_ptr_equal(dx_policy_key_find(k->name), k);
		assert_true(strlen(k->desc) > 0);
		assert_string_not_equal(dx_policy_type_name(k->type), "?");
		assert_int_equal(dx_policy_get(&p, k->name, &b), 0);
		q = p;
		assert_int_equal(set_ok(&q, k->name, b.buf), 0);
		assert_memory_equal(&p, &q, sizeof(p));
		dx_buf_release(&b);
	}
}

static void test_line_formula(void **state)
{
	struct dx_policy p;
	(void)state;
	dx_policy_defaults(&p);
	/* domain.md §1: 19560 = 2 × 低保 in a Fujian county (815 a month) */
	set_ok(&p, "monitoring_line_formula", "dibao");
	set_ok(&p, "monitoring_line_k", "2");
	set_ok(&p, "dibao_standard", "815");
	assert_int_equal(dx_policy_line(&p), 1956000);
	/* k = 1.5 on 666.67 a month: 1.5 × 66667 × 12 = 1200006 fen */
	set_ok(&p, "monitoring_line_k", "1.5");
	set_ok(&p, "dibao_standard", "666.67");
	assert_int_equal(dx_policy_line(&p), 1200006);
	/* 1.01 × 1.01 yuan × 12 = 12.2412 yuan -> rounds to 12.24 */
	set_ok(&p, "monitoring_line_k", "1.01");
	set_ok(&p, "dibao_standard", "1.01");
	assert_int_equal(dx_policy_line(&p), 1224);
	/* back to fixed: monitoring_line is used again */
	set_ok(&p, "monitoring_line_formula", "fixed");
	assert_int_equal(dx_policy_line(&p), 870000);
}

static void test_div_round(void **state)
{
	(void)state;
	assert_int_equal(dx_policy_div_round(5, 2), 3);
	assert_int_equal(dx_policy_div_round(-5, 2), -3);
	assert_int_equal(dx_policy_div_round(7, 3), 2);
	assert_int_equal(dx_policy_div_round(8, 3), 3);
	assert_int_equal(dx_policy_div_round(-8, 3), -3);
	assert_int_equal(dx_policy_div_round(-7, 3), -2);
	assert_int_equal(dx_policy_div_round(6, 3), 2);
	assert_int_equal(dx_policy_div_round(5, -2), -3);
	assert_int_equal(dx_policy_div_round(1, 0), 0);
	assert_int_equal(dx_policy_div_round(0, 7), 0);
	assert_int_equal(dx_policy_div_round(1, 3), 0);
	assert_int_equal(dx_policy_div_round(2, 3), 1);
}

static void test_fmt_fen(void **state)
{
	char b[32];
	(void)state;
	dx_policy_fmt_fen(b, sizeof(b), 600000);
	assert_string_equal(b, "6000.00");
	dx_policy_fmt_fen(b, sizeof(b), -1230);
	assert_string_equal(b, "-12.30");
	dx_policy_fmt_fen(b, sizeof(b), 5);
	assert_string_equal(b, "0.05");
	dx_policy_fmt_fen(b, sizeof(b), INT64_MIN);
	assert_string_equal(b, "-92233720368547758.08");
}

/* --- resolution --- */

static int64_t line_for(const struct dx_policy_setting *s, size_t n,
			const char *area, int year, const char *date)
{
	struct dx_policy p;
	const char *why = NULL;
	int rc = dx_policy_resolve(s, n, area, year, date, &p, &why);
	if (rc)
		fail_msg("resolve failed: %s", why ? why : "?");
	return p.monitoring_line;
}

static void test_resolve_none(void **state)
{
	struct dx_policy p, d;
	(void)state;
	dx_policy_defaults(&d);
	assert_int_equal(
		dx_policy_resolve(NULL, 0, "530181001001", 2025, "", &p, NULL), 0);
	assert_memory_equal(&p, &d, sizeof(p));
}

static void test_resolve_area_prefix(void **state)
{
	static const struct dx_policy_setting s[] = {
		{"5301", 2025, "", "monitoring_line", "9500"},
		{"", 2025, "", "monitoring_line", "7000"},
		{"53", 2025, "", "monitoring_line", "8700"},
		{"530181001", 2025, "", "monitoring_line", "9900"},
		{NULL, 2025, NULL, "notice_days", "7"},
	};
	size_t n = DX_ARRAY_SIZE(s);
	(void)state;
	/* the most specific prefix of the area wins, whatever the order */
	assert_int_equal(line_for(s, n, "530181001001", 2025, ""), 990000);
	assert_int_equal(line_for(s, n, "530181002001", 2025, ""), 950000);
	assert_int_equal(line_for(s, n, "530122", 2025, ""), 950000);
	assert_int_equal(line_for(s, n, "532399100200", 2025, ""), 870000);
	assert_int_equal(line_for(s, n, "110101001001", 2025, ""), 700000);
	/* a prefix longer than the area asked for does not apply */
	assert_int_equal(line_for(s, n, "5301", 2025, ""), 950000);
	assert_int_equal(line_for(s, n, "53", 2025, ""), 870000);
	/* NULL prefix = "" = everywhere */
	{
		struct dx_policy p;
		assert_int_equal(dx_policy_resolve(s, n, "110101", 2025, NULL,
						   &p, NULL),
				 0);
		assert_int_equal(p.notice_days, 7);
	}
	/* other years: nothing applies, the default stays */
	assert_int_equal(line_for(s, n, "530181001001", 2024, ""), 870000);
}

static void test_resolve_year(void **state)
{
	static const struct dx_policy_setting s[] = {
		{"5301", 2024, "", "monitoring_line", "9500"},
		{"5301", 0, "", "monitoring_line", "9000"},
		{"53", 2026, "", "monitoring_line", "9100"},
	};
	size_t n = DX_ARRAY_SIZE(s);
	(void)state;
	/* an exact-year setting beats the year-0 fallback */
	assert_int_equal(line_for(s, n, "530181001001", 2024, ""), 950000);
	/* settings apply to their year only; year 0 covers the rest */
	assert_int_equal(line_for(s, n, "530181001001", 2025, ""), 900000);
	assert_int_equal(line_for(s, n, "530181001001", 2023, ""), 900000);
	/* area beats year: 5301 (any year) beats 53 (2026 exactly) */
	assert_int_equal(line_for(s, n, "530181001001", 2026, ""), 900000);
	/* elsewhere in 53 the 2026 setting is all there is */
	assert_int_equal(line_for(s, n, "532399001001", 2026, ""), 910000);
	assert_int_equal(line_for(s, n, "532399001001", 2025, ""), 870000);
}

static void test_resolve_effective_date(void **state)
{
	static const struct dx_policy_setting s[] = {
		{"53", 2025, "2025-07-01", "monitoring_line", "9000"},
		{"53", 2025, "", "monitoring_line", "8700"},
		{"53", 2025, "2025-10-01", "monitoring_line", "9200"},
		{"53", 0, "2026-01-01", "monitoring_line", "9600"},
	};
	size_t n = DX_ARRAY_SIZE(s);
	(void)state;
	assert_int_equal(line_for(s, n, "5323", 2025, "2025-01-01"), 870000);
	assert_int_equal(line_for(s, n, "5323", 2025, "2025-06-30"), 870000);
	/* in force from its date, inclusive */
	assert_int_equal(line_for(s, n, "5323", 2025, "2025-07-01"), 900000);
	assert_int_equal(line_for(s, n, "5323", 2025, "2025-09-30"), 900000);
	assert_int_equal(line_for(s, n, "5323", 2025, "2025-10-01"), 920000);
	/* no date: the last day of the year */
	assert_int_equal(line_for(s, n, "5323", 2025, ""), 920000);
	assert_int_equal(line_for(s, n, "5323", 2025, NULL), 920000);
	/* year-0 setting from 2026 is not yet in force for 2025 */
	assert_int_equal(line_for(s, n, "5323", 2026, "2025-12-31"), 870000);
	assert_int_equal(line_for(s, n, "5323", 2026, "2026-01-01"), 960000);
	assert_int_equal(line_for(s, n, "5323", 2026, ""), 960000);
}

static void test_resolve_year_beats_date(void **state)
{
	/* an exact-year setting beats a year-0 one even if the latter is
	 * newer: the year comes before the date */
	static const struct dx_policy_setting s[] = {
		{"53", 2025, "2025-01-01", "monitoring_line", "9000"},
		{"53", 0, "2025-09-01", "monitoring_line", "9900"},
	};
	(void)state;
	assert_int_equal(line_for(s, 2, "53", 2025, "2025-10-01"), 900000);
	assert_int_equal(line_for(s, 2, "53", 2024, "2025-10-01"), 990000);
	assert_int_equal(line_for(s, 2, "53", 2024, "2024-12-31"), 870000);
}

static void test_resolve_ties_and_keys(void **state)
{
	static const struct dx_policy_setting s[] = {
		{"53", 2025, "2025-01-01", "monitoring_line", "9000"},
		{"53", 2025, "2025-01-01", "monitoring_line", "9100"},
		{"5301", 0, "", "notice_days", "7"},
		{"53", 2025, "", "deduct_oop", "否"},
		{"53", 2025, "", "target_label", "防止返贫致贫对象"},
		{"53", 2025, "", "no_such_key", "1"},
	};
	struct dx_policy p;
	(void)state;
	/* same prefix, year and date: the later setting wins */
	assert_int_equal(dx_policy_resolve(s, DX_ARRAY_SIZE(s), "530181", 2025,
					   "2025-05-01", &p, NULL),
			 0);
	assert_int_equal(p.monitoring_line, 910000);
	/* keys resolve independently */
	assert_int_equal(p.notice_days, 7);
	assert_int_equal(p.deduct_oop, 0);
	assert_string_equal(p.target_label, "防止返贫致贫对象");
	assert_int_equal(p.identify_days, 15);
	/* outside 5301 notice_days stays at the default */
	assert_int_equal(dx_policy_resolve(s, DX_ARRAY_SIZE(s), "532399", 2025,
					   "2025-05-01", &p, NULL),
			 0);
	assert_int_equal(p.notice_days, 5);
}

static void test_resolve_bad_value(void **state)
{
	static const struct dx_policy_setting s[] = {
		{"53", 2025, "", "monitoring_line", "abc"},
		{"5301", 2025, "", "monitoring_line", "9500"},
	};
	struct dx_policy p;
	const char *why = NULL;
	(void)state;
	/* the bad one loses to 5301: not examined */
	assert_int_equal(dx_policy_resolve(s, 2, "530181", 2025, "", &p, &why),
			 0);
	assert_int_equal(p.monitoring_line, 950000);
	/* the bad one wins elsewhere: refused with a reason */
	assert_int_equal(dx_policy_resolve(s, 2, "532399", 2025, "", &p, &why),
			 DX_INVALID);
	assert_non_null(why);
}

static void test_dates(void **state)
{
	struct dx_policy p;
	struct dx_buf b = DX_BUF_INIT;
	const struct dx_policy_setting *src[64];
	struct dx_policy_setting s[] = {
		{"53", 2025, "", "holidays", "2025-10-01"},
		{"532399", 2025, "", "holidays", "2025-10-01,2025-10-02"},
	};
	(void)state;
	dx_policy_defaults(&p);
	assert_int_equal(p.holidays.n, 0);
	/* sorted, repeats dropped, any separator, canonical text back */
	assert_int_equal(set_ok(&p, "holidays", "2025-10-03，2025/10/1; 2025-10-03 2025-10-02"), 0);
	assert_int_equal(p.holidays.n, 3);
	assert_int_equal(dx_policy_get(&p, "holidays", &b), 0);
	assert_string_equal(b.buf, "2025-10-01,2025-10-02,2025-10-03");
	expect_bad(&p, "holidays", "2025-02-30");
	expect_bad(&p, "extra_workdays", "2025-10-01,tomorrow");
	assert_int_equal(set_ok(&p, "holidays", "none"), 0);
	assert_int_equal(p.holidays.n, 0);
	/* the source of each value */
	assert_true(dx_policy_key_count() <= 64);
	assert_int_equal(dx_policy_resolve_src(s, 2, "532399101001", 2025, NULL, &p, src, NULL), 0);
	assert_int_equal(p.holidays.n, 2);
	for (size_t i = 0; i < dx_policy_key_count(); i++) {
		if (!strcmp(dx_policy_key_at(i)->name, "holidays"))
			assert_ptr_equal(src[i], &s[1]);
		else
			assert_null(src[i]);
	}
	dx_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_set_money),
		cmocka_unit_test(test_set_other_types),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_get_canonical),
		cmocka_unit_test(test_key_table_roundtrip),
		cmocka_unit_test(test_line_formula),
		cmocka_unit_test(test_div_round),
		cmocka_unit_test(test_fmt_fen),
		cmocka_unit_test(test_resolve_none),
		cmocka_unit_test(test_resolve_area_prefix),
		cmocka_unit_test(test_resolve_year),
		cmocka_unit_test(test_resolve_effective_date),
		cmocka_unit_test(test_resolve_year_beats_date),
		cmocka_unit_test(test_resolve_ties_and_keys),
		cmocka_unit_test(test_resolve_bad_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
