/*
 * test_screen.c - the screening rules of domain.md §5, case by case.
 */
#include "core/dx.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/strbuf.h"
#include "policy/screen.h"

struct hh {
	struct dx_screen_member m[8];
	struct dx_screen_input in;
};

/* n healthy, counted, ordinary-labour members; net income `net` as wages */
static void hh_init(struct hh *h, enum dx_hh_kind kind, int n, int64_t net)
{
	int i;
	memset(h, 0, sizeof(*h));
	for (i = 0; i < n; i++) {
		h->m[i].counted = 1;
		h->m[i].labour = DX_LABOUR_NORMAL;
	}
	h->in.kind = kind;
	h->in.members = h->m;
	h->in.nmembers = n;
	h->in.has_income = 1;
	h->in.income.wage = net;
}

static struct dx_policy pol(void)
{
	struct dx_policy p;
	dx_policy_defaults(&p);
	return p;
}

/* Screen from the members, and from their fold (what the store keeps):
 * every case below checks that both give the same result. */
static void run(struct hh *h, const struct dx_policy *p,
		struct dx_screen_result *r)
{
	struct dx_screen_input in = h->in;
	struct dx_screen_result f;
	assert_int_equal(dx_screen(&h->in, p, r), 0);
	dx_screen_fold(in.members, in.nmembers, &in.fold);
	in.folded = 1;
	in.members = NULL;
	in.nmembers = 7; /* ignored when folded */
	assert_int_equal(dx_screen(&in, p, &f), 0);
	assert_int_equal(f.category, r->category);
	assert_int_equal(f.nrisks, r->nrisks);
	assert_memory_equal(f.risks, r->risks, sizeof(r->risks[0]) * (size_t)r->nrisks);
	assert_int_equal(f.flags, r->flags);
	assert_int_equal(f.counted, r->counted);
	assert_int_equal(f.has_income, r->has_income);
	assert_memory_equal(&f.income, &r->income, sizeof(f.income));
	assert_int_equal(f.line, r->line);
	assert_string_equal(f.reasons, r->reasons);
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("\"%s\" does not contain \"%s\"", hay, needle);
}

static void test_edge_household(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	hh_init(&h, DX_HH_YIBAN, 3, 1800000);
	h.m[1].serious = 1;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_EDGE);
	assert_string_equal(dx_category_name(r.category), "边缘易致贫户");
	assert_int_equal(r.nrisks, 1);
	assert_int_equal(r.risks[0], DX_RISK_ILLNESS);
	assert_int_equal(r.counted, 3);
	assert_int_equal(r.income.net_pc, 600000);
	assert_string_equal(r.reasons, "人均纯收入 6000.00 < 监测线 8700.00");
	/* 一般户: the 万元 target flag is for 脱贫户 only */
	assert_int_equal(r.flags, 0);
}

static void test_unstable_household(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	hh_init(&h, DX_HH_TUOPIN, 3, 1800000);
	h.m[0].chronic = 1;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_UNSTABLE);
	assert_string_equal(dx_category_name(r.category), "脱贫不稳定户");
	assert_int_equal(r.risks[0], DX_RISK_ILLNESS);
	/* 脱贫户 with labour below 10000 */
	assert_int_equal(r.flags, DX_FLAG_LOW_INCOME);
}

static void test_exactly_at_line(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	/* 26100.00 / 3 = 8700.00: at the line is not below */
	hh_init(&h, DX_HH_YIBAN, 3, 2610000);
	h.m[0].serious = 1;
	run(&h, &p, &r);
	assert_int_equal(r.income.tested_pc, 870000);
	assert_int_equal(r.category, DX_CAT_NONE);
	assert_string_equal(r.reasons, "");
	assert_int_equal(r.flags & DX_FLAG_NO_RISK, 0);
	/* one fen per person less is below */
	h.in.income.wage = 2609997;
	run(&h, &p, &r);
	assert_int_equal(r.income.tested_pc, 869999);
	assert_int_equal(r.category, DX_CAT_EDGE);
	assert_string_equal(r.reasons, "人均纯收入 8699.99 < 监测线 8700.00");
	/* 8699.9967 rounds to 8700.00, as printed: not below */
	h.in.income.wage = 2609999;
	run(&h, &p, &r);
	assert_int_equal(r.income.tested_pc, 870000);
	assert_int_equal(r.category, DX_CAT_NONE);
}

static void test_below_line_no_risk(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	hh_init(&h, DX_HH_YIBAN, 2, 1000000);
	run(&h, &p, &r);
	/* domain.md §5 asks for at least one risk: no category, a flag */
	assert_int_equal(r.category, DX_CAT_NONE);
	assert_int_equal(r.nrisks, 0);
	assert_int_equal(r.flags, DX_FLAG_NO_RISK);
	assert_contains(r.reasons, "人均纯收入 5000.00 < 监测线 8700.00");
	assert_contains(r.reasons, "未发现风险类型");
}

static void test_tested_below_net_above(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	/* net 10000 per person, 合规自付 15000 -> tested 5000 */
	hh_init(&h, DX_HH_YIBAN, 3, 3000000);
	h.in.income.oop = 1500000;
	run(&h, &p, &r);
	assert_int_equal(r.income.net_pc, 1000000);
	assert_int_equal(r.income.tested_pc, 500000);
	assert_int_equal(r.category, DX_CAT_SUDDEN);
	assert_string_equal(dx_category_name(r.category), "突发严重困难户");
	assert_contains(r.reasons, "人均纯收入 10000.00 ≥ 监测线 8700.00");
	assert_contains(r.reasons, "人均收入参考值 5000.00 < 监测线");
	/* a 脱贫户 is 突发 too: the net income is above the line */
	h.in.kind = DX_HH_TUOPIN;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_SUDDEN);

	/* deduct_oop = no: tested is net (above); 15000 is exactly 50% of
	 * 30000, which does not exceed the share */
	h.in.kind = DX_HH_YIBAN;
	dx_policy_set(&p, "deduct_oop", "no", NULL);
	run(&h, &p, &r);
	assert_int_equal(r.income.tested_pc, 1000000);
	assert_int_equal(r.category, DX_CAT_NONE);
	/* one fen more exceeds it */
	h.in.income.oop = 1500001;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_SUDDEN);
	assert_string_equal(r.reasons,
			    "合规自付支出 15000.01 超过家庭纯收入 30000.00 的 50%");
}

static void test_below_with_oop_reason(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	/* net 8000 per person, tested 7000 after claims and oop */
	hh_init(&h, DX_HH_YIBAN, 2, 1600000);
	h.m[0].disabled = 1;
	h.in.income.claims = 100000;
	h.in.income.oop = 300000;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_EDGE);
	assert_int_equal(r.risks[0], DX_RISK_DISABILITY);
	assert_string_equal(
		r.reasons,
		"人均收入参考值 7000.00 < 监测线 8700.00（人均纯收入 8000.00）");
}

static void test_claims_lift_above(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	/* net 8000 per person, a 理赔 of 2000 per person -> tested 9000 */
	hh_init(&h, DX_HH_YIBAN, 2, 1600000);
	h.m[0].serious = 1;
	h.in.income.claims = 400000;
	run(&h, &p, &r);
	assert_int_equal(r.income.tested_pc, 1000000);
	assert_int_equal(r.category, DX_CAT_NONE);
}

static void test_sudden_oop_above_line(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	/* net 20000 per person; 31000 oop leaves 9666.67 tested (above) */
	hh_init(&h, DX_HH_YIBAN, 3, 6000000);
	h.in.income.oop = 3100000;
	run(&h, &p, &r);
	assert_int_equal(r.income.tested_pc, 966667);
	assert_int_equal(r.category, DX_CAT_SUDDEN);
	assert_string_equal(r.reasons,
			    "合规自付支出 31000.00 超过家庭纯收入 60000.00 的 50%");
	/* the share is a parameter */
	dx_policy_set(&p, "sudden_oop_share", "60", NULL);
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_NONE);
}

static void test_sudden_income_drop(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	hh_init(&h, DX_HH_YIBAN, 3, 4100000);
	h.in.has_prev_income = 1;
	h.in.prev_income.wage = 6000000;
	h.in.prev_income.members = 3;
	run(&h, &p, &r);
	/* 20000 -> 13666.67: down 31.67% > 30% */
	assert_int_equal(r.category, DX_CAT_SUDDEN);
	assert_string_equal(
		r.reasons,
		"人均纯收入 13666.67 比上年 20000.00 下降 31.67%，超过 30%");
	/* exactly 30% is not more than 30% */
	h.in.income.wage = 4200000;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_NONE);
	/* per capita: total fell by a third but a member left */
	h.in.income.wage = 4000000;
	h.in.nmembers = 2;
	run(&h, &p, &r);
	assert_int_equal(r.income.net_pc, 2000000);
	assert_int_equal(r.category, DX_CAT_NONE);
	/* no previous year: no comparison */
	h.in.nmembers = 3;
	h.in.income.wage = 3000000;
	h.in.has_prev_income = 0;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_NONE);
	/* previous year with no counted member: no comparison */
	h.in.has_prev_income = 1;
	h.in.prev_income.members = 0;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_NONE);
}

static void test_both_sudden_reasons(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	hh_init(&h, DX_HH_YIBAN, 1, 2000000);
	h.in.income.oop = 1100000;
	h.in.has_prev_income = 1;
	h.in.prev_income.wage = 4000000;
	h.in.prev_income.members = 1;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_SUDDEN);
	assert_contains(r.reasons, "合规自付支出 11000.00 超过家庭纯收入 20000.00");
	assert_contains(r.reasons, "；人均纯收入 20000.00 比上年 40000.00 下降 50.00%");
}

static void test_one_person_no_labour(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	hh_init(&h, DX_HH_TUOPIN, 1, 500000);
	h.m[0].labour = DX_LABOUR_NONE;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_UNSTABLE);
	assert_int_equal(r.nrisks, 1);
	assert_int_equal(r.risks[0], DX_RISK_NO_LABOUR);
	assert_string_equal(r.reasons, "人均纯收入 5000.00 < 监测线 8700.00");
	/* no labour: the 万元 target flag does not apply */
	assert_int_equal(r.flags & DX_FLAG_LOW_INCOME, 0);
}

static void test_no_income_row(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	hh_init(&h, DX_HH_TUOPIN, 2, 0);
	h.m[0].serious = 1;
	h.in.has_income = 0;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_NONE);
	assert_int_equal(r.has_income, 0);
	assert_int_equal(r.flags, DX_FLAG_NO_INCOME);
	assert_int_equal(r.nrisks, 1); /* risks are still derived */
	assert_contains(r.reasons, "无本年度收入数据");
}

static void test_zero_counted_members(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	hh_init(&h, DX_HH_YIBAN, 2, 100000);
	h.m[0].counted = 0;
	h.m[1].counted = 0;
	run(&h, &p, &r);
	assert_int_equal(r.counted, 0);
	assert_int_equal(r.category, DX_CAT_NONE);
	assert_int_equal(r.has_income, 0);
	assert_int_equal(r.flags, DX_FLAG_NO_MEMBERS);
	/* income.members from the caller is ignored: members[] decide */
	h.in.income.members = 5;
	run(&h, &p, &r);
	assert_int_equal(r.flags, DX_FLAG_NO_MEMBERS);
	/* no members at all */
	h.in.nmembers = 0;
	h.in.members = NULL;
	run(&h, &p, &r);
	assert_int_equal(r.flags, DX_FLAG_NO_MEMBERS);
	assert_int_equal(r.nrisks, 0); /* no members: no 缺劳动力 either */
	/* a NULL array with members is refused */
	h.in.nmembers = 2;
	assert_int_equal(dx_screen(&h.in, &p, &r), DX_INVALID);
}

static void test_counted_only_for_income(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	/* 3 members, 2 counted: 15000 / 2 = 7500 */
	hh_init(&h, DX_HH_YIBAN, 3, 1500000);
	h.m[2].counted = 0;
	h.m[2].serious = 1; /* risks come from every member */
	run(&h, &p, &r);
	assert_int_equal(r.counted, 2);
	assert_int_equal(r.income.net_pc, 750000);
	assert_int_equal(r.category, DX_CAT_EDGE);
	assert_int_equal(r.risks[0], DX_RISK_ILLNESS);
}

static void test_risks_ordered_and_capped(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	hh_init(&h, DX_HH_YIBAN, 3, 600000);
	h.m[2].noncompulsory = 1;
	h.m[1].disabled = 1;
	h.m[0].serious = 1;
	h.in.extra_risks = DX_RISK_BIT(DX_RISK_INDUSTRY) |
			   DX_RISK_BIT(DX_RISK_ACCIDENT) |
			   DX_RISK_BIT(DX_RISK_DISASTER) |
			   DX_RISK_BIT(DX_RISK_OTHER);
	run(&h, &p, &r);
	assert_int_equal(r.nrisks, DX_MAX_RISKS);
	assert_int_equal(r.risks[0], DX_RISK_ILLNESS);
	assert_int_equal(r.risks[1], DX_RISK_DISABILITY);
	assert_int_equal(r.risks[2], DX_RISK_SCHOOL);
	assert_int_equal(r.risks[3], DX_RISK_DISASTER);
	assert_int_equal(r.risks[4], DX_RISK_ACCIDENT);
	{
		struct dx_buf b = DX_BUF_INIT;
		dx_screen_add_risks(&b, &r, "、");
		assert_string_equal(b.buf, "因病、因残、因学、因自然灾害、因意外事故");
		dx_buf_release(&b);
	}
	/* bits beyond the table are ignored */
	h.in.extra_risks = 1u << 30;
	h.m[0].serious = h.m[1].disabled = h.m[2].noncompulsory = 0;
	run(&h, &p, &r);
	assert_int_equal(r.nrisks, 0);
}

static void test_labour_rules(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	hh_init(&h, DX_HH_YIBAN, 2, 600000);
	h.m[0].labour = DX_LABOUR_LOST;
	h.m[1].labour = DX_LABOUR_NONE;
	run(&h, &p, &r);
	assert_int_equal(r.nrisks, 1);
	assert_int_equal(r.risks[0], DX_RISK_NO_LABOUR);
	/* 弱劳动力或半劳动力 counts as labour */
	h.m[1].labour = DX_LABOUR_WEAK;
	run(&h, &p, &r);
	assert_int_equal(r.nrisks, 0);
	/* a blank 劳动技能 is missing data, not 缺劳动力 */
	h.m[1].labour = DX_LABOUR_UNKNOWN;
	run(&h, &p, &r);
	assert_int_equal(r.nrisks, 0);
	assert_int_equal(dx_screen_has_labour(h.m, 2), 0);
	h.m[1].labour = DX_LABOUR_SKILLED;
	assert_int_equal(dx_screen_has_labour(h.m, 2), 1);
}

static void test_job_risk_consistency(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	hh_init(&h, DX_HH_YIBAN, 2, 600000);
	h.in.extra_risks = DX_RISK_BIT(DX_RISK_JOB);
	/* labour but no registered work: dropped and flagged */
	run(&h, &p, &r);
	assert_int_equal(r.nrisks, 0);
	assert_true(r.flags & DX_FLAG_JOB_NO_LABOUR);
	/* work registered, but by a member without labour */
	h.m[0].labour = DX_LABOUR_NONE;
	h.m[0].has_work = 1;
	run(&h, &p, &r);
	assert_int_equal(r.nrisks, 0);
	/* a labour member with work: kept */
	h.m[1].has_work = 1;
	run(&h, &p, &r);
	assert_int_equal(r.nrisks, 1);
	assert_int_equal(r.risks[0], DX_RISK_JOB);
	assert_int_equal(r.flags & DX_FLAG_JOB_NO_LABOUR, 0);
	assert_int_equal(r.category, DX_CAT_EDGE);
}

static void test_flags(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	struct dx_buf b = DX_BUF_INIT;
	(void)state;
	hh_init(&h, DX_HH_TUOPIN, 2, 3000000); /* 15000 per person */
	h.in.unsafe_housing = 1;
	h.in.dropout = 1;
	h.in.unsafe_water = 1;
	h.in.no_insurance = 1;
	h.in.dept_warning = 1;
	h.in.monitored = 1;
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_NONE);
	assert_int_equal(r.flags, DX_FLAG_UNSAFE_HOUSING | DX_FLAG_DROPOUT |
					  DX_FLAG_UNSAFE_WATER |
					  DX_FLAG_NO_INSURANCE |
					  DX_FLAG_DEPT_WARNING | DX_FLAG_MONITORED);
	dx_screen_add_flags(&b, DX_FLAG_UNSAFE_HOUSING | DX_FLAG_NO_INCOME, "、");
	assert_string_equal(b.buf, "住房出现安全问题、缺收入数据");
	dx_buf_release(&b);
	assert_string_equal(dx_screen_flag_name(DX_FLAG_MONITORED), "已是监测对象");
	assert_null(dx_screen_flag_name(3));
	assert_null(dx_screen_flag_name(1u << DX_FLAG_COUNT));
}

static void test_low_income_target(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	/* 9999.99 per person, 脱贫户 with labour: above the line, flagged */
	hh_init(&h, DX_HH_TUOPIN, 1, 999999);
	run(&h, &p, &r);
	assert_int_equal(r.category, DX_CAT_NONE);
	assert_int_equal(r.flags, DX_FLAG_LOW_INCOME);
	/* exactly 10000: not under the target */
	h.in.income.wage = 1000000;
	run(&h, &p, &r);
	assert_int_equal(r.flags, 0);
	/* the target is a parameter */
	dx_policy_set(&p, "low_income_target", "12000", NULL);
	run(&h, &p, &r);
	assert_int_equal(r.flags, DX_FLAG_LOW_INCOME);
}

static void test_what_if(void **state)
{
	struct hh h;
	struct dx_screen_result before, after;
	struct dx_policy p = pol(), q = pol();
	(void)state;
	/* 9000 per person with an ill member */
	hh_init(&h, DX_HH_YIBAN, 2, 1800000);
	h.m[0].chronic = 1;
	dx_policy_set(&q, "monitoring_line", "9500", NULL);
	run(&h, &p, &before);
	run(&h, &q, &after);
	assert_int_equal(before.category, DX_CAT_NONE);
	assert_int_equal(after.category, DX_CAT_EDGE);
	assert_string_equal(after.reasons, "人均纯收入 9000.00 < 监测线 9500.00");
}

static void test_dibao_line(void **state)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	(void)state;
	dx_policy_set(&p, "monitoring_line_formula", "dibao", NULL);
	dx_policy_set(&p, "dibao_standard", "815", NULL);
	hh_init(&h, DX_HH_YIBAN, 2, 3800000); /* 19000 per person */
	h.m[0].disabled = 1;
	run(&h, &p, &r);
	assert_int_equal(r.line, 1956000);
	assert_int_equal(r.category, DX_CAT_EDGE);
	assert_string_equal(r.reasons, "人均纯收入 19000.00 < 监测线 19560.00");
}

static void test_code_tables(void **state)
{
	enum dx_labour l;
	enum dx_risk k;
	int i;
	(void)state;
	assert_int_equal(dx_labour_parse("弱劳动力或半劳动力", &l), 0);
	assert_int_equal(l, DX_LABOUR_WEAK);
	assert_int_equal(dx_labour_parse("", &l), 0);
	assert_int_equal(l, DX_LABOUR_UNKNOWN);
	assert_int_equal(dx_labour_parse("劳动力", &l), DX_INVALID);
	assert_int_equal(dx_labour_parse(NULL, &l), DX_INVALID);
	assert_string_equal(dx_labour_name(DX_LABOUR_LOST), "丧失劳动力");
	assert_true(dx_labour_is_labour(DX_LABOUR_NORMAL));
	assert_false(dx_labour_is_labour(DX_LABOUR_LOST));
	assert_false(dx_labour_is_labour(DX_LABOUR_UNKNOWN));
	for (i = 0; i < DX_RISK_COUNT; i++) {
		assert_int_equal(dx_risk_parse(dx_risk_name((enum dx_risk)i), &k), 0);
		assert_int_equal(k, i);
	}
	assert_int_equal(dx_risk_parse("因穷", &k), DX_INVALID);
	assert_true(dx_risk_valid_in_year(DX_RISK_EPIDEMIC, 2021));
	assert_true(dx_risk_valid_in_year(DX_RISK_EPIDEMIC, 2022));
	assert_false(dx_risk_valid_in_year(DX_RISK_EPIDEMIC, 2023));
	assert_true(dx_risk_valid_in_year(DX_RISK_ILLNESS, 2025));
	assert_false(dx_risk_valid_in_year(DX_RISK_COUNT, 2025));
	assert_string_equal(dx_category_name(DX_CAT_NONE), "");
}

static void test_fold(void **state)
{
	struct dx_screen_member m[3];
	struct dx_screen_folded f;
	(void)state;
	memset(m, 0, sizeof(m));
	dx_screen_fold(NULL, 0, &f);
	assert_int_equal(f.any, 0);
	assert_int_equal(f.counted, 0);
	m[0].counted = 1;
	m[0].labour = DX_LABOUR_LOST;
	m[0].has_work = 1; /* work without labour is not labour with work */
	m[1].counted = 1;
	m[1].labour = DX_LABOUR_WEAK;
	m[1].chronic = 1;
	m[2].labour = DX_LABOUR_UNKNOWN;
	m[2].noncompulsory = 1;
	m[2].disabled = 1;
	dx_screen_fold(m, 3, &f);
	assert_int_equal(f.any, 1);
	assert_int_equal(f.counted, 2);
	assert_int_equal(f.ill, 1);
	assert_int_equal(f.disabled, 1);
	assert_int_equal(f.noncompulsory, 1);
	assert_int_equal(f.labour, 1);
	assert_int_equal(f.labour_work, 0);
	assert_int_equal(f.labour_unknown, 1);
	m[1].has_work = 1;
	m[1].serious = 1;
	m[1].chronic = 0;
	dx_screen_fold(m, 2, &f);
	assert_int_equal(f.labour_work, 1);
	assert_int_equal(f.ill, 1);
	assert_int_equal(f.labour_unknown, 0);
	assert_int_equal(f.disabled, 0);
}

/* ---- the rule table's edges (issue 11.7) ---- */

struct edge {
	int64_t net_d;   /* net per capita = line + net_d fen (one member) */
	int64_t oop;     /* 合规自付支出, fen */
	int64_t claims;  /* 理赔收入, fen */
	int64_t prev;    /* previous year's net, fen (0: none) */
	int risk;        /* an ill member */
	int deduct;      /* deduct_oop */
	enum dx_category want;
	unsigned no_risk; /* DX_FLAG_NO_RISK expected */
};

static const struct edge edges[] = {
	/* at, just below, just above, nothing else */
	{0, 0, 0, 0, 0, 1, DX_CAT_NONE, 0},
	{-1, 0, 0, 0, 0, 1, DX_CAT_NONE, DX_FLAG_NO_RISK},
	{1, 0, 0, 0, 0, 1, DX_CAT_NONE, 0},
	/* with a risk */
	{0, 0, 0, 0, 1, 1, DX_CAT_NONE, 0},
	{-1, 0, 0, 0, 1, 1, DX_CAT_EDGE, 0},
	{1, 0, 0, 0, 1, 1, DX_CAT_NONE, 0},
	/* one fen of 合规自付支出: takes tested from the line to below it */
	{0, 1, 0, 0, 0, 1, DX_CAT_SUDDEN, 0},
	{-1, 1, 0, 0, 0, 1, DX_CAT_SUDDEN, 0},
	{1, 1, 0, 0, 0, 1, DX_CAT_NONE, 0},
	{1, 2, 0, 0, 0, 1, DX_CAT_SUDDEN, 0},
	{-1, 1, 0, 0, 1, 1, DX_CAT_EDGE, 0},
	/* large expenses (5000.00 against about a line's net) */
	{0, 500000, 0, 0, 0, 1, DX_CAT_SUDDEN, 0},
	{-1, 500000, 0, 0, 0, 1, DX_CAT_SUDDEN, 0},
	{1, 500000, 0, 0, 0, 1, DX_CAT_SUDDEN, 0},
	{-1, 500000, 0, 0, 1, 1, DX_CAT_EDGE, 0},
	{1, 500000, 0, 0, 1, 1, DX_CAT_SUDDEN, 0},
	/* large expenses not deducted: the share rule alone (> 50% of net) */
	{-1, 600000, 0, 0, 0, 0, DX_CAT_SUDDEN, 0},
	{0, 600000, 0, 0, 0, 0, DX_CAT_SUDDEN, 0},
	{1, 600000, 0, 0, 0, 0, DX_CAT_SUDDEN, 0},
	{-1, 100000, 0, 0, 0, 0, DX_CAT_NONE, DX_FLAG_NO_RISK},
	/* a fall of more than 30% on the previous year */
	{-1, 0, 0, 2000000, 0, 1, DX_CAT_SUDDEN, 0},
	{1, 0, 0, 2000000, 0, 1, DX_CAT_SUDDEN, 0},
	{-1, 0, 0, 2000000, 1, 1, DX_CAT_EDGE, 0},
	/* 理赔收入 lifting tested income to just above */
	{-1, 0, 2, 0, 0, 1, DX_CAT_NONE, 0},
	{-1, 0, 2, 0, 1, 1, DX_CAT_NONE, 0},
};

static void check_edges(const char *line)
{
	struct hh h;
	struct dx_screen_result r;
	struct dx_policy p = pol();
	size_t i;
	dx_policy_set(&p, "monitoring_line", line, NULL);
	for (i = 0; i < DX_ARRAY_SIZE(edges); i++) {
		const struct edge *e = &edges[i];
		hh_init(&h, DX_HH_YIBAN, 1, dx_policy_line(&p) + e->net_d);
		h.m[0].serious = (unsigned char)e->risk;
		h.in.income.oop = e->oop;
		h.in.income.claims = e->claims;
		if (e->prev) {
			h.in.has_prev_income = 1;
			h.in.prev_income.wage = e->prev;
			h.in.prev_income.members = 1;
		}
		dx_policy_set(&p, "deduct_oop", e->deduct ? "yes" : "no", NULL);
		run(&h, &p, &r);
		if (r.category != e->want ||
		    (r.flags & DX_FLAG_NO_RISK) != e->no_risk)
			fail_msg("line %s, case %zu: category %d flags %#x "
				 "(want %d, no-risk %#x): %s",
				 line, i, (int)r.category, r.flags,
				 (int)e->want, e->no_risk, r.reasons);
		/* a suggestion always says why */
		if (r.category != DX_CAT_NONE && !r.reasons[0])
			fail_msg("line %s, case %zu: no reason", line, i);
	}
}

static void test_rule_edges(void **state)
{
	(void)state;
	check_edges("8700");
	check_edges("9500");
	check_edges("6000");
}

/* The household: 9000 per person, expenses take tested income to
 * 5000.  突发严重困难户 at 8700, and still suggested at 9500. */
static void test_higher_line_keeps_sudden(void **state)
{
	struct hh h;
	struct dx_screen_result a, b, c;
	struct dx_policy p = pol(), q = pol();
	(void)state;
	hh_init(&h, DX_HH_YIBAN, 2, 1800000);
	h.in.income.oop = 800000;
	dx_policy_set(&q, "monitoring_line", "9500", NULL);
	run(&h, &p, &a);
	run(&h, &q, &b);
	assert_int_equal(a.category, DX_CAT_SUDDEN);
	assert_int_equal(b.category, DX_CAT_SUDDEN);
	assert_int_equal(b.flags & DX_FLAG_NO_RISK, 0);
	assert_string_equal(b.reasons,
			    "人均收入参考值 5000.00 < 监测线 9500.00（人均纯收入 "
			    "9000.00），未发现风险类型，按突发严重困难户核实");
	/* with a risk the higher line makes it 边缘易致贫户 (still listed) */
	h.m[0].chronic = 1;
	run(&h, &q, &c);
	assert_int_equal(c.category, DX_CAT_EDGE);
	/* the share of expenses gives its reason below the line too */
	h.m[0].chronic = 0;
	h.in.income.oop = 1000000;
	run(&h, &q, &c);
	assert_int_equal(c.category, DX_CAT_SUDDEN);
	assert_contains(c.reasons, "合规自付支出 10000.00 超过家庭纯收入 18000.00 的 50%");
}

/* xorshift64*: a fixed seed, so a failure can be replayed */
static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(uint64_t n)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return (rnd_state * 0x2545f4914f6cdd1dULL) % n;
}

/* Property: for random households and policies, raising the line never
 * removes a suggestion (issue 11.7). */
static void test_higher_line_never_removes(void **state)
{
	static const char *const yn[] = {"no", "yes"};
	struct hh h;
	struct dx_screen_result lo, hi;
	struct dx_policy p, q;
	long iter, suggested = 0;
	(void)state;
	for (iter = 0; iter < 200000; iter++) {
		int n = 1 + (int)rnd(5), i;
		int64_t l1 = 300000 + (int64_t)rnd(2000000);
		int64_t l2 = l1 + 1 + (int64_t)rnd(rnd(2) ? 3 : 1500000);
		char b1[32], b2[32], share[8], drop[8];
		int64_t net = (int64_t)rnd(2400000) * n;
		hh_init(&h, rnd(2) ? DX_HH_TUOPIN : DX_HH_YIBAN, n, net);
		for (i = 0; i < n; i++) {
			h.m[i].counted = rnd(6) != 0;
			h.m[i].serious = rnd(8) == 0;
			h.m[i].disabled = rnd(12) == 0;
			h.m[i].labour = (enum dx_labour)rnd(6);
		}
		h.in.income.business_cost = rnd(4) ? 0 : (int64_t)rnd(500000);
		h.in.income.oop = rnd(3) ? 0 : (int64_t)rnd(3000000);
		h.in.income.claims = rnd(4) ? 0 : (int64_t)rnd(1000000);
		if (rnd(2)) {
			h.in.has_prev_income = 1;
			h.in.prev_income.wage = (int64_t)rnd(3000000) * n;
			h.in.prev_income.members = (int)rnd(6);
		}
		h.in.dept_warning = rnd(10) == 0;
		h.in.extra_risks = rnd(10) ? 0 : DX_RISK_BIT(DX_RISK_DISASTER);
		dx_policy_defaults(&p);
		dx_snprintf(share, sizeof(share), "%d", 20 + (int)rnd(60));
		dx_snprintf(drop, sizeof(drop), "%d", 10 + (int)rnd(50));
		assert_int_equal(dx_policy_set(&p, "deduct_oop", yn[rnd(2)], NULL), 0);
		assert_int_equal(dx_policy_set(&p, "sudden_oop_share", share, NULL), 0);
		assert_int_equal(dx_policy_set(&p, "sudden_income_drop_share", drop, NULL), 0);
		q = p;
		dx_policy_fmt_fen(b1, sizeof(b1), l1);
		dx_policy_fmt_fen(b2, sizeof(b2), l2);
		assert_int_equal(dx_policy_set(&p, "monitoring_line", b1, NULL), 0);
		assert_int_equal(dx_policy_set(&q, "monitoring_line", b2, NULL), 0);
		assert_int_equal(dx_screen(&h.in, &p, &lo), 0);
		assert_int_equal(dx_screen(&h.in, &q, &hi), 0);
		suggested += lo.category != DX_CAT_NONE;
		if (lo.category != DX_CAT_NONE && hi.category == DX_CAT_NONE)
			fail_msg("iteration %ld: %s at %s, nothing at %s (%s)",
				 iter, dx_category_name(lo.category), b1, b2,
				 lo.reasons);
	}
	/* the households are not all trivially unsuggested */
	assert_true(suggested > 20000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edge_household),
		cmocka_unit_test(test_unstable_household),
		cmocka_unit_test(test_exactly_at_line),
		cmocka_unit_test(test_below_line_no_risk),
		cmocka_unit_test(test_tested_below_net_above),
		cmocka_unit_test(test_below_with_oop_reason),
		cmocka_unit_test(test_claims_lift_above),
		cmocka_unit_test(test_sudden_oop_above_line),
		cmocka_unit_test(test_sudden_income_drop),
		cmocka_unit_test(test_both_sudden_reasons),
		cmocka_unit_test(test_one_person_no_labour),
		cmocka_unit_test(test_no_income_row),
		cmocka_unit_test(test_zero_counted_members),
		cmocka_unit_test(test_counted_only_for_income),
		cmocka_unit_test(test_risks_ordered_and_capped),
		cmocka_unit_test(test_labour_rules),
		cmocka_unit_test(test_job_risk_consistency),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_low_income_target),
		cmocka_unit_test(test_what_if),
		cmocka_unit_test(test_dibao_line),
		cmocka_unit_test(test_code_tables),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_rule_edges),
		cmocka_unit_test(test_higher_line_keeps_sudden),
		cmocka_unit_test(test_higher_line_never_removes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
