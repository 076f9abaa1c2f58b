/*
 * screen.c - screening one household against the policy in force
 * (domain.md §5): income against the monitoring line, the sudden-hardship
 * rules, risk types derived from the members, and the flags a village must
 * look at even when no category is suggested.
 *
 * Everything is computed on the stack; reasons go into a fixed buffer.
 */
#include "core/dx.h"

#include "policy/screen.h"

static const char *const labour_names[] = {
	"", "普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力",
	"无劳动力",
};

int dx_labour_parse(const char *text, enum dx_labour *out)
{
	size_t i;
	if (!text)
		return DX_INVALID;
	for (i = 0; i < DX_ARRAY_SIZE(labour_names); i++)
		if (!strcmp(text, labour_names[i])) {
			*out = (enum dx_labour)i;
			return DX_OK;
		}
	return DX_INVALID;
}

const char *dx_labour_name(enum dx_labour l)
{
	if ((size_t)l < DX_ARRAY_SIZE(labour_names))
		return labour_names[l];
	return "";
}

int dx_labour_is_labour(enum dx_labour l)
{
	/* domain.md §3: 普通, 技能, 弱劳动力或半劳动力 are labour */
	return l == DX_LABOUR_NORMAL || l == DX_LABOUR_SKILLED ||
	       l == DX_LABOUR_WEAK;
}

static const char *const risk_names[DX_RISK_COUNT] = {
	"因病", "因残", "因学", "因自然灾害", "因意外事故", "因产业项目失败",
	"因务工就业不稳", "缺劳动力", "其他", "因疫",
};

const char *dx_risk_name(enum dx_risk r)
{
	if ((unsigned)r < DX_RISK_COUNT)
		return risk_names[r];
	return "";
}

int dx_risk_parse(const char *name, enum dx_risk *out)
{
	int i;
	if (!name)
		return DX_INVALID;
	for (i = 0; i < DX_RISK_COUNT; i++)
		if (!strcmp(name, risk_names[i])) {
			*out = (enum dx_risk)i;
			return DX_OK;
		}
	return DX_INVALID;
}

int dx_risk_valid_in_year(enum dx_risk r, int year)
{
	if ((unsigned)r >= DX_RISK_COUNT)
		return 0;
	/* domain.md §5: 因疫 existed 2021–22; code tables are dated */
	if (r == DX_RISK_EPIDEMIC)
		return year >= 2021 && year <= 2022;
	return 1;
}

const char *dx_category_name(enum dx_category c)
{
	switch (c) {
	case DX_CAT_NONE:
		return "";
	case DX_CAT_UNSTABLE:
		return "脱贫不稳定户";
	case DX_CAT_EDGE:
		return "边缘易致贫户";
	case DX_CAT_SUDDEN:
		return "突发严重困难户";
	}
	return "";
}

static const char *const flag_names[DX_FLAG_COUNT] = {
	"有劳动力脱贫户收入低于目标", "住房出现安全问题",
	"义务教育阶段适龄儿童失学辍学", "饮水出现安全问题",
	"有成员未参加基本医保", "缺收入数据", "无计入人口", "部门预警",
	"低于监测线但未发现风险", "已是监测对象",
	"因务工就业不稳但无劳动力或务工登记",
};

const char *dx_screen_flag_name(unsigned flag)
{
	int i;
	for (i = 0; i < DX_FLAG_COUNT; i++)
		if (flag == 1u << i)
			return flag_names[i];
	return NULL;
}

int dx_screen_has_labour(const struct dx_screen_member *m, int n)
{
	int i;
	for (i = 0; i < n; i++)
		if (dx_labour_is_labour(m[i].labour))
			return 1;
	return 0;
}

void dx_screen_add_risks(struct dx_buf *b, const struct dx_screen_result *r,
			 const char *sep)
{
	int i;
	for (i = 0; i < r->nrisks; i++) {
		if (i)
			dx_buf_adds(b, sep);
		dx_buf_adds(b, dx_risk_name(r->risks[i]));
	}
}

void dx_screen_add_flags(struct dx_buf *b, unsigned flags, const char *sep)
{
	int i, first = 1;
	for (i = 0; i < DX_FLAG_COUNT; i++) {
		if (!(flags & (1u << i)))
			continue;
		if (!first)
			dx_buf_adds(b, sep);
		dx_buf_adds(b, flag_names[i]);
		first = 0;
	}
}

/* Append one reason to r->reasons, "；"-separated; text that does not fit
 * is dropped whole rather than cut inside a UTF-8 sequence. */
static void add_reason(struct dx_screen_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add_reason(struct dx_screen_result *r, const char *fmt, ...)
{
	char tmp[DX_SCREEN_REASON_MAX];
	size_t len = strlen(r->reasons), n;
	const char *sep = len ? "；" : "";
	va_list ap;
	int w;

	va_start(ap, fmt);
	w = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (w < 0 || (size_t)w >= sizeof(tmp))
		return;
	n = strlen(sep) + (size_t)w;
	if (len + n >= sizeof(r->reasons))
		return;
	memcpy(r->reasons + len, sep, strlen(sep));
	memcpy(r->reasons + len + strlen(sep), tmp, (size_t)w + 1);
}

void dx_screen_fold(const struct dx_screen_member *m, int n,
		    struct dx_screen_folded *out)
{
	int i;
	memset(out, 0, sizeof(*out));
	out->any = n > 0;
	for (i = 0; i < n; i++) {
		int labour = dx_labour_is_labour(m[i].labour);
		/* domain.md §5 / issue 4: 因病 from 患有大病 or 长期慢性病 */
		out->ill |= m[i].serious || m[i].chronic;
		out->disabled |= m[i].disabled != 0;
		out->noncompulsory |= m[i].noncompulsory != 0;
		out->labour |= labour;
		out->labour_work |= labour && m[i].has_work;
		out->labour_unknown |= m[i].labour == DX_LABOUR_UNKNOWN;
		out->counted += m[i].counted != 0;
	}
}

/* Risk types derivable from the members (domain.md §5), as bits. */
static unsigned derive_risks(const struct dx_screen_folded *f)
{
	unsigned bits = 0;
	if (f->ill)
		bits |= DX_RISK_BIT(DX_RISK_ILLNESS);
	if (f->disabled)
		bits |= DX_RISK_BIT(DX_RISK_DISABILITY);
	/*
	 * 因学: a member in non-compulsory schooling (高中, 中职, 高职,
	 * 本科, 研究生), whose costs are the household's to carry;
	 * compulsory schooling is free and a dropout is a "3+1" flag,
	 * not a risk type.
	 */
	if (f->noncompulsory)
		bits |= DX_RISK_BIT(DX_RISK_SCHOOL);
	/* 缺劳动力: no member is labour, and every member's 劳动技能 is
	 * recorded (a blank cell is missing data, not a risk) */
	if (f->any && !f->labour && !f->labour_unknown)
		bits |= DX_RISK_BIT(DX_RISK_NO_LABOUR);
	return bits;
}

/* "人均纯收入 6000.00" or, when claims/oop change it, "人均收入参考值 …" */
static void below_line_reason(struct dx_screen_result *r, const char *tail)
{
	char pc[32], line[32], net[32];
	dx_policy_fmt_fen(line, sizeof(line), r->line);
	if (r->income.tested_pc == r->income.net_pc) {
		dx_policy_fmt_fen(pc, sizeof(pc), r->income.net_pc);
		add_reason(r, "人均纯收入 %s < 监测线 %s%s", pc, line, tail);
	} else {
		dx_policy_fmt_fen(pc, sizeof(pc), r->income.tested_pc);
		dx_policy_fmt_fen(net, sizeof(net), r->income.net_pc);
		add_reason(r, "人均收入参考值 %s < 监测线 %s（人均纯收入 %s）%s",
			   pc, line, net, tail);
	}
}

/*
 * The rule table of domain.md §5 (Identification), first matching row wins.
 * Each column is a fact about the household under one policy:
 *
 *   tested  收入参考 (纯收入 + 理赔收入 − 合规自付支出, per capita, §4) is
 *           below the 监测范围 line (§1: e.g. 8700, or 9500 in 嵩明);
 *   net     人均纯收入 is below the line;
 *   risk    at least one risk type was found (§5);
 *   hard    a sudden hardship is seen (§5, 突发严重困难户: "large rigid
 *           spending or a sharp income fall"): 合规自付支出 above the
 *           policy's share of net income, or income fell by more than the
 *           policy's share on the previous year;
 *   cut     合规自付支出 takes tested income below net income.
 *
 * ANY matches both values.  The outcome "by kind" is 脱贫不稳定户 for a 脱贫户
 * and 边缘易致贫户 for an 一般户.
 *
 * Why rows 2 and 3 (issue 11.7): a higher line only turns "at or above"
 * into "below", never the reverse, and risk, hardship and cut do not
 * depend on the line.  A household the rows 5 or 6 suggest at a lower line
 * has a cut or a hardship; at a higher line it may be below on both counts
 * and, without a risk type, it then meets row 2 or 3 instead of row 4.  So
 * raising the line never removes a household that a lower line suggests
 * (the category may change: below the line with a risk is by kind).
 * test_screen.c checks the edges and this property on random households.
 */
enum { NO = 0, YES = 1, ANY = 2 };

enum rule_outcome {
	OUT_NONE = 0,     /* no category */
	OUT_NO_RISK,      /* no category, DX_FLAG_NO_RISK: a person must look */
	OUT_BY_KIND,      /* 脱贫不稳定户 / 边缘易致贫户 */
	OUT_SUDDEN_BELOW, /* 突发严重困难户, below the line on both counts */
	OUT_SUDDEN_OOP,   /* 突发严重困难户, net at or above, tested below */
	OUT_SUDDEN_ABOVE  /* 突发严重困难户, above the line */
};

struct screen_rule {
	unsigned char tested, net, risk, hard, cut;
	enum rule_outcome out;
};

static const struct screen_rule screen_rules[] = {
	/* tested net  risk hard cut */
	{ YES, YES, YES, ANY, ANY, OUT_BY_KIND },
	{ YES, YES, NO,  YES, ANY, OUT_SUDDEN_BELOW },
	{ YES, YES, NO,  NO,  YES, OUT_SUDDEN_BELOW },
	{ YES, YES, NO,  NO,  NO,  OUT_NO_RISK },
	{ YES, NO,  ANY, ANY, ANY, OUT_SUDDEN_OOP },
	{ NO,  ANY, ANY, YES, ANY, OUT_SUDDEN_ABOVE },
	{ NO,  ANY, ANY, NO,  ANY, OUT_NONE },
};

static int rule_col(unsigned char col, int fact)
{
	return col == ANY || col == (fact != 0);
}

static enum rule_outcome screen_rule_match(int tested, int net, int risk,
					   int hard, int cut)
{
	size_t i;
	for (i = 0; i < DX_ARRAY_SIZE(screen_rules); i++) {
		const struct screen_rule *r = &screen_rules[i];
		if (rule_col(r->tested, tested) && rule_col(r->net, net) &&
		    rule_col(r->risk, risk) && rule_col(r->hard, hard) &&
		    rule_col(r->cut, cut))
			return r->out;
	}
	return OUT_NONE; /* not reached: the table covers every case */
}

/* The hardship reasons (share of 合规自付支出, fall in income). */
static void hardship_reasons(struct dx_screen_result *out,
			     const struct dx_screen_input *in,
			     const struct dx_policy *p, int oop_share,
			     int drop, int64_t prev_pc)
{
	int64_t net_pc = out->income.net_pc;
	if (oop_share) {
		char a[32], b[32];
		dx_policy_fmt_fen(a, sizeof(a), in->income.oop);
		dx_policy_fmt_fen(b, sizeof(b), out->income.net);
		add_reason(out, "合规自付支出 %s 超过家庭纯收入 %s 的 %d%%", a, b,
			   p->sudden_oop_share);
	}
	if (drop) {
		char a[32], b[32];
		int64_t bp = dx_policy_div_round((prev_pc - net_pc) * 10000,
						 prev_pc);
		dx_policy_fmt_fen(a, sizeof(a), net_pc);
		dx_policy_fmt_fen(b, sizeof(b), prev_pc);
		add_reason(out,
			   "人均纯收入 %s 比上年 %s 下降 %lld.%02lld%%，超过 %d%%",
			   a, b, (long long)(bp / 100), (long long)(bp % 100),
			   p->sudden_income_drop_share);
	}
}

int dx_screen(const struct dx_screen_input *in, const struct dx_policy *p,
	      struct dx_screen_result *out)
{
	struct dx_screen_folded fold;
	const struct dx_screen_folded *f = &in->fold;
	struct dx_income cur;
	unsigned bits;
	int i;
	int64_t net_pc, tested_pc, prev_pc = 0;
	int oop_share, drop = 0;

	/* reasons[] is built from its first byte: no need to clear it all */
	memset(out, 0, offsetof(struct dx_screen_result, reasons) + 1);
	if (!in->folded) {
		if (in->nmembers < 0 || (in->nmembers > 0 && !in->members))
			return DX_INVALID;
		dx_screen_fold(in->members, in->nmembers, &fold);
		f = &fold;
	}
	out->line = dx_policy_line(p);

	/* domain.md §5: "3+1" problems, department warnings are flagged */
	if (in->unsafe_housing)
		out->flags |= DX_FLAG_UNSAFE_HOUSING;
	if (in->dropout)
		out->flags |= DX_FLAG_DROPOUT;
	if (in->unsafe_water)
		out->flags |= DX_FLAG_UNSAFE_WATER;
	if (in->no_insurance)
		out->flags |= DX_FLAG_NO_INSURANCE;
	if (in->dept_warning)
		out->flags |= DX_FLAG_DEPT_WARNING;
	if (in->monitored)
		out->flags |= DX_FLAG_MONITORED;

	bits = derive_risks(f) | (in->extra_risks & (DX_RISK_BIT(DX_RISK_COUNT) - 1));
	/* domain.md §5: 因务工就业不稳 needs a member with labour and work */
	if ((bits & DX_RISK_BIT(DX_RISK_JOB)) && !f->labour_work) {
		bits &= ~DX_RISK_BIT(DX_RISK_JOB);
		out->flags |= DX_FLAG_JOB_NO_LABOUR;
	}
	for (i = 0; i < DX_RISK_COUNT && out->nrisks < DX_MAX_RISKS; i++)
		if (bits & DX_RISK_BIT(i))
			out->risks[out->nrisks++] = (enum dx_risk)i;

	out->counted = f->counted;

	if (!in->has_income) {
		out->flags |= DX_FLAG_NO_INCOME;
		add_reason(out, "无本年度收入数据，无法按收入判断");
		return DX_OK;
	}
	cur = in->income;
	cur.members = out->counted;
	if (dx_income_compute(&cur, p->deduct_oop, &out->income)) {
		out->flags |= DX_FLAG_NO_MEMBERS;
		add_reason(out, "无计入人口，无法计算人均收入");
		return DX_OK;
	}
	out->has_income = 1;
	net_pc = out->income.net_pc;
	tested_pc = out->income.tested_pc;

	/* domain.md §5: 脱贫户 with labour under the 万元 target (seed 001) */
	if (in->kind == DX_HH_TUOPIN && f->labour && net_pc < p->low_income_target)
		out->flags |= DX_FLAG_LOW_INCOME;

	/* domain.md §5: above the line, large rigid spending */
	oop_share = in->income.oop > 0 &&
		    (out->income.net <= 0 ||
		     in->income.oop * 100 >
			     (int64_t)p->sudden_oop_share * out->income.net);
	/* domain.md §5: income fell sharply year on year (per capita, so a
	 * member moving out is not a fall) */
	if (in->has_prev_income && in->prev_income.members > 0) {
		struct dx_income_result prev;
		dx_income_compute(&in->prev_income, p->deduct_oop, &prev);
		prev_pc = prev.net_pc;
		drop = prev_pc > 0 &&
		       (prev_pc - net_pc) * 100 >
			       (int64_t)p->sudden_income_drop_share * prev_pc;
	}

	switch (screen_rule_match(tested_pc < out->line, net_pc < out->line,
				  out->nrisks > 0,
				  oop_share || drop, tested_pc < net_pc)) {
	case OUT_BY_KIND:
		out->category = in->kind == DX_HH_TUOPIN ? DX_CAT_UNSTABLE
							 : DX_CAT_EDGE;
		below_line_reason(out, "");
		break;
	case OUT_SUDDEN_BELOW:
		out->category = DX_CAT_SUDDEN;
		below_line_reason(out, "，未发现风险类型，按突发严重困难户核实");
		hardship_reasons(out, in, p, oop_share, drop, prev_pc);
		break;
	case OUT_NO_RISK:
		out->flags |= DX_FLAG_NO_RISK;
		below_line_reason(out, "，但未发现风险类型，请入户核实");
		break;
	case OUT_SUDDEN_OOP: {
		/* issue 4: net at or above the line, tested income below it */
		char a[32], b[32], c[32];
		dx_policy_fmt_fen(a, sizeof(a), net_pc);
		dx_policy_fmt_fen(b, sizeof(b), out->line);
		dx_policy_fmt_fen(c, sizeof(c), tested_pc);
		out->category = DX_CAT_SUDDEN;
		add_reason(out,
			   "人均纯收入 %s ≥ 监测线 %s，但扣除合规自付支出后"
			   "人均收入参考值 %s < 监测线",
			   a, b, c);
		break;
	}
	case OUT_SUDDEN_ABOVE:
		out->category = DX_CAT_SUDDEN;
		hardship_reasons(out, in, p, oop_share, drop, prev_pc);
		break;
	case OUT_NONE:
		break;
	}
	return DX_OK;
}
