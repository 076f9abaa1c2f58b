/*
 * params.c - the policy key table, parsing and canonical text of each
 * parameter, and the resolution of stored settings into the policy in force
 * for an area, a year and a date (domain.md §10).
 *
 * The table is the single place a parameter is declared: adding a key means
 * adding a field to struct dx_policy and a row here.
 */
#include "core/dx.h"

#include <ctype.h>
#include <pthread.h>
#include <stddef.h>
#include <strings.h>

#include "core/text.h"
#include "policy/params.h"

#define OFF(field) offsetof(struct dx_policy, field)

/* Money keys accept at most this many yuan (a sanity cap, not a policy). */
#define MONEY_MAX_YUAN 1000000000LL

/*
 * domain.md §10 lists the keys; the defaults come from the values quoted
 * there and in §1/§5/§6/§9.  monitoring_line has no national value in 2025:
 * the default is 8700 yuan, Yunnan's line for 2024–25 (domain.md §1), since
 * the demo county (532399) is in Yunnan; every other province sets its own.
 */
static const struct dx_policy_key keys[] = {
	{"monitoring_line", DX_PT_MONEY, OFF(monitoring_line), "8700",
	 "监测标准线（元/人·年，公式为 fixed 时使用）", 0, 0, NULL, NULL},
	{"monitoring_line_formula", DX_PT_ENUM, OFF(line_formula), "fixed",
	 "监测线确定方式：fixed 固定值，dibao 为 k × 低保标准 × 12", 0, 0,
	 "fixed|dibao", "固定|低保"},
	{"monitoring_line_k", DX_PT_DECIMAL2, OFF(line_k), "2",
	 "监测线为低保标准的倍数 k（公式为 dibao 时使用）", 1, 100000, NULL,
	 NULL},
	{"dibao_standard", DX_PT_MONEY, OFF(dibao_standard), "0",
	 "农村低保标准（元/人·月，公式为 dibao 时使用）", 0, 0, NULL, NULL},
	{"low_income_target", DX_PT_MONEY, OFF(low_income_target), "10000",
	 "有劳动力脱贫户人均纯收入目标（万元以下动态清零）", 0, 0, NULL, NULL},
	{"deduct_oop", DX_PT_BOOL, OFF(deduct_oop), "yes",
	 "收入参考值是否加理赔收入、扣除合规自付支出", 0, 0, NULL, NULL},
	{"sudden_oop_share", DX_PT_PERCENT, OFF(sudden_oop_share), "50",
	 "突发严重困难：合规自付支出超过家庭纯收入的百分比", 0, 100, NULL,
	 NULL},
	{"sudden_income_drop_share", DX_PT_PERCENT,
	 OFF(sudden_income_drop_share), "30",
	 "突发严重困难：人均纯收入同比下降超过的百分比", 0, 100, NULL, NULL},
	{"identify_days", DX_PT_INT, OFF(identify_days), "15",
	 "从发现线索到识别认定的时限（天）", 1, 365, NULL, NULL},
	{"working_days", DX_PT_BOOL, OFF(working_days), "no",
	 "识别时限是否按工作日计算", 0, 0, NULL, NULL},
	{"notice_days", DX_PT_INT, OFF(notice_days), "5",
	 "公示天数（至少）", 1, 60, NULL, NULL},
	{"eliminate_min_months", DX_PT_INT, OFF(eliminate_min_months), "6",
	 "风险消除：识别后至少满几个月、收入稳定至少几个月", 0, 120, NULL,
	 NULL},
	{"eliminate_min_measures", DX_PT_INT, OFF(eliminate_min_measures), "1",
	 "风险消除：至少落实的帮扶措施个数", 0, 100, NULL, NULL},
	{"no_labour_blocks_elimination", DX_PT_BOOL,
	 OFF(no_labour_blocks_elimination), "yes",
	 "整户无劳动能力的不标注风险消除", 0, 0, NULL, NULL},
	{"visits_per_week_active", DX_PT_INT, OFF(visits_per_week_active), "2",
	 "未消除风险户每周至少走访次数", 0, 14, NULL, NULL},
	{"visits_per_week_eliminated", DX_PT_INT,
	 OFF(visits_per_week_eliminated), "1",
	 "已消除风险户每周至少走访次数", 0, 14, NULL, NULL},
	{"warn_medical_oop", DX_PT_MONEY, OFF(warn_medical_oop), "10000",
	 "医保预警：个人自付医疗费用超过（元）", 0, 0, NULL, NULL},
	{"industry_central_min", DX_PT_PERCENT, OFF(industry_central_min), "60",
	 "中央衔接资金用于产业项目的最低比例（%）", 0, 100, NULL, NULL},
	{"target_label", DX_PT_TEXT, OFF(target_label), "监测对象",
	 "监测对象的称谓（2026年起为 防止返贫致贫对象）", 0, 0, NULL, NULL},
	{"holidays", DX_PT_DATES, OFF(holidays), "",
	 "法定节假日（按工作日计算时限时不计），日期以逗号分隔", 0, 0, NULL,
	 NULL},
	{"extra_workdays", DX_PT_DATES, OFF(extra_workdays), "",
	 "调休上班的周末日期（按工作日计算时限时计入），日期以逗号分隔", 0, 0,
	 NULL, NULL},
	{"loan_max", DX_PT_MONEY, OFF(loan_max), "50000",
	 "小额信贷：单笔贷款金额上限（元）", 0, 0, NULL, NULL},
	{"loan_max_years", DX_PT_INT, OFF(loan_max_years), "3",
	 "小额信贷：贷款期限上限（年）", 1, 30, NULL, NULL},
	{"loan_min_age", DX_PT_INT, OFF(loan_min_age), "18",
	 "小额信贷：借款人最低年龄（周岁）", 16, 100, NULL, NULL},
	{"loan_max_age", DX_PT_INT, OFF(loan_max_age), "65",
	 "小额信贷：借款人最高年龄（周岁）", 16, 100, NULL, NULL},
	{"project_forbidden_types", DX_PT_TEXT, OFF(project_forbidden_types), "无",
	 "负面清单：不得安排衔接资金的项目类型，以顿号或逗号分隔（无 表示没有）", 0, 0, NULL,
	 NULL},
};

/* The keys' Chinese names, which every place that takes a key name also
 * takes (policy set/show, screen --what-if): 监测线=9500. */
static const struct {
	const char *name, *zh;
} zh_names[] = {
	{"monitoring_line", "监测线"},
	{"monitoring_line_formula", "监测线方式"},
	{"monitoring_line_k", "监测线倍数"},
	{"dibao_standard", "低保标准"},
	{"low_income_target", "收入目标"},
	{"deduct_oop", "扣除自付支出"},
	{"sudden_oop_share", "自付支出占比"},
	{"sudden_income_drop_share", "收入降幅"},
	{"identify_days", "识别时限"},
	{"working_days", "按工作日"},
	{"notice_days", "公示天数"},
	{"eliminate_min_months", "消除月数"},
	{"eliminate_min_measures", "消除措施数"},
	{"no_labour_blocks_elimination", "无劳力不消除"},
	{"visits_per_week_active", "未消除户走访次数"},
	{"industry_central_min", "产业资金比例"},
	{"visits_per_week_eliminated", "已消除户走访次数"},
	{"warn_medical_oop", "医保预警线"},
	{"target_label", "对象称谓"},
	{"holidays", "节假日"},
	{"extra_workdays", "调休上班日"},
	{"loan_max", "贷款上限"},
	{"loan_max_years", "贷款期限"},
	{"loan_min_age", "借款人最低年龄"},
	{"loan_max_age", "借款人最高年龄"},
	{"project_forbidden_types", "负面清单"},
};

const char *dx_policy_key_zh(const struct dx_policy_key *k)
{
	for (size_t i = 0; k && i < DX_ARRAY_SIZE(zh_names); i++)
		if (!strcmp(zh_names[i].name, k->name))
			return zh_names[i].zh;
	return "";
}

size_t dx_policy_key_count(void)
{
	return DX_ARRAY_SIZE(keys);
}

const struct dx_policy_key *dx_policy_key_at(size_t i)
{
	return i < DX_ARRAY_SIZE(keys) ? &keys[i] : NULL;
}

const struct dx_policy_key *dx_policy_key_find(const char *name)
{
	size_t i;
	if (!name)
		return NULL;
	for (i = 0; i < DX_ARRAY_SIZE(zh_names); i++)
		if (!strcmp(zh_names[i].zh, name)) {
			name = zh_names[i].name;
			break;
		}
	for (i = 0; i < DX_ARRAY_SIZE(keys); i++)
		if (!strcmp(keys[i].name, name))
			return &keys[i];
	return NULL;
}

const char *dx_policy_type_name(enum dx_policy_type t)
{
	switch (t) {
	case DX_PT_MONEY:
		return "money";
	case DX_PT_INT:
		return "int";
	case DX_PT_BOOL:
		return "bool";
	case DX_PT_PERCENT:
		return "percent";
	case DX_PT_TEXT:
		return "text";
	case DX_PT_ENUM:
		return "enum";
	case DX_PT_DECIMAL2:
		return "decimal";
	case DX_PT_DATES:
		return "dates";
	}
	return "?";
}

int64_t dx_policy_div_round(int64_t num, int64_t den)
{
	int64_t q, r;
	if (den == 0)
		return 0;
	if (den < 0) {
		num = -num;
		den = -den;
	}
	q = num / den;
	r = num % den;
	/* |r| * 2 >= den rounds away from zero; r has num's sign in C99+. */
	if (r > 0 && r >= den - r)
		q++;
	else if (r < 0 && -r >= den + r)
		q--;
	return q;
}

void dx_policy_fmt_fen(char *buf, size_t size, int64_t fen)
{
	uint64_t a = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen;
	(void)dx_snprintf(buf, size, "%s%llu.%02llu", fen < 0 ? "-" : "",
			  (unsigned long long)(a / 100),
			  (unsigned long long)(a % 100));
}

/*
 * Parse "123", "123.4", "123.45" into hundredths; `suffix` (may be NULL) is
 * an optional unit accepted at the end ("元", "%").  No sign, no spaces.
 */
static int parse_hundredths(const char *s, const char *suffix, int64_t cap,
			    int64_t *out)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, fdigits = 0;
	const char *p = s;

	while (isdigit((unsigned char)*p)) {
		whole = whole * 10 + (*p - '0');
		if (whole > cap)
			return DX_INVALID;
		digits++;
		p++;
	}
	if (!digits)
		return DX_INVALID;
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			if (++fdigits > 2)
				return DX_INVALID;
			frac = frac * 10 + (*p - '0');
			p++;
		}
		if (!fdigits)
			return DX_INVALID;
		if (fdigits == 1)
			frac *= 10;
	}
	if (*p && !(suffix && !strcmp(p, suffix)))
		return DX_INVALID;
	*out = whole * 100 + frac;
	return DX_OK;
}

static int parse_bool(const char *v, int *out)
{
	static const char *const yes[] = {"yes", "是", "1", "true", "y"};
	static const char *const no[] = {"no", "否", "0", "false", "n"};
	size_t i;
	for (i = 0; i < DX_ARRAY_SIZE(yes); i++)
		if (!strcasecmp(v, yes[i])) {
			*out = 1;
			return DX_OK;
		}
	for (i = 0; i < DX_ARRAY_SIZE(no); i++)
		if (!strcasecmp(v, no[i])) {
			*out = 0;
			return DX_OK;
		}
	return DX_INVALID;
}

/* Index of `v` in a '|'-separated list, or -1. */
static int choice_index(const char *list, const char *v)
{
	size_t len = strlen(v);
	int i = 0;
	const char *p = list;
	while (list && *p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == len && !strncmp(p, v, n))
			return i;
		if (!bar)
			break;
		p = bar + 1;
		i++;
	}
	return -1;
}

static int add_date(const char *item, size_t n, void *arg)
{
	struct dx_policy_dates *l = arg;
	struct dx_date d;
	int i, c = 1;
	if (dx_date_parse(item, n, &d))
		return DX_INVALID;
	/* insertion keeps the list sorted and without repeats */
	for (i = 0; i < l->n && (c = dx_date_cmp(&l->d[i], &d)) < 0; i++)
		;
	if (i < l->n && c == 0)
		return DX_OK;
	if (l->n >= DX_POLICY_DATES_MAX)
		return DX_TOOBIG;
	memmove(&l->d[i + 1], &l->d[i], (size_t)(l->n - i) * sizeof(d));
	l->d[i] = d;
	l->n++;
	return DX_OK;
}

static int parse_dates(const char *v, struct dx_policy_dates *out,
		       const char **why)
{
	int rc;
	memset(out, 0, sizeof(*out));
	if (!strcasecmp(v, "none") || !strcmp(v, "无"))
		return DX_OK;
	rc = dx_text_split(v, strlen(v), add_date, out);
	if (rc == DX_TOOBIG)
		*why = "日期太多（每项最多96个日期）";
	else if (rc)
		*why = "日期格式不对（应为 YYYY-MM-DD，多个日期以逗号分隔，"
		       "如 2026-10-01,2026-10-02；清空写 none）";
	return rc ? DX_INVALID : DX_OK;
}

static int set_value(struct dx_policy *p, const struct dx_policy_key *k,
		     const char *v, const char **why)
{
	char *field = (char *)p + k->offset;
	int64_t n = 0;
	int b = 0, idx;
	const unsigned char *c;

	switch (k->type) {
	case DX_PT_MONEY:
		if (parse_hundredths(v, "元", MONEY_MAX_YUAN, &n)) {
			*why = "金额格式不对（应为元，最多两位小数，如 8700 或 "
			       "8700.00）";
			return DX_INVALID;
		}
		memcpy(field, &n, sizeof(n));
		return DX_OK;
	case DX_PT_DECIMAL2:
		if (parse_hundredths(v, NULL, 1000000, &n) || n < k->min ||
		    n > k->max) {
			*why = "倍数格式不对（应为正数，最多两位小数，如 2 或 "
			       "1.5）";
			return DX_INVALID;
		}
		b = (int)n;
		memcpy(field, &b, sizeof(b));
		return DX_OK;
	case DX_PT_INT:
		if (dx_parse_i64(v, &n) || n < k->min || n > k->max) {
			*why = "应为范围内的整数（见 policy show 的说明）";
			return DX_INVALID;
		}
		b = (int)n;
		memcpy(field, &b, sizeof(b));
		return DX_OK;
	case DX_PT_PERCENT:
		/* whole percent: hundredths must be a multiple of 100 */
		if (parse_hundredths(v, "%", 1000, &n) || n % 100 ||
		    n / 100 > 100) {
			*why = "百分比应为 0 到 100 的整数，如 50 或 50%";
			return DX_INVALID;
		}
		b = (int)(n / 100);
		memcpy(field, &b, sizeof(b));
		return DX_OK;
	case DX_PT_BOOL:
		if (parse_bool(v, &b)) {
			*why = "应为 yes 或 no（也可写 是/否、1/0）";
			return DX_INVALID;
		}
		memcpy(field, &b, sizeof(b));
		return DX_OK;
	case DX_PT_ENUM:
		idx = choice_index(k->choices, v);
		if (idx < 0)
			idx = choice_index(k->choices_zh, v);
		if (idx < 0) {
			*why = "取值无效（monitoring_line_formula 应为 fixed "
			       "或 dibao）";
			return DX_INVALID;
		}
		memcpy(field, &idx, sizeof(idx));
		return DX_OK;
	case DX_PT_DATES: {
		struct dx_policy_dates tmp;
		if (parse_dates(v, &tmp, why))
			return DX_INVALID;
		memcpy(field, &tmp, sizeof(tmp));
		return DX_OK;
	}
	case DX_PT_TEXT:
		if (!*v || strlen(v) >= DX_POLICY_TEXT_MAX) {
			*why = "文字不能为空，且不超过21个汉字（63字节）";
			return DX_INVALID;
		}
		for (c = (const unsigned char *)v; *c; c++)
			if (*c < 0x20 || *c == 0x7f) {
				*why = "文字中不能有控制字符或换行";
				return DX_INVALID;
			}
		dx_strlcpy(field, v, DX_POLICY_TEXT_MAX);
		return DX_OK;
	}
	*why = "参数类型未知";
	return DX_INVALID;
}

int dx_policy_set(struct dx_policy *p, const char *key, const char *value,
		  const char **why)
{
	const char *dummy;
	const struct dx_policy_key *k = dx_policy_key_find(key);
	if (!why)
		why = &dummy;
	if (!k) {
		*why = "未知的参数名（可用 policy show 查看全部参数）";
		return DX_NOT_FOUND;
	}
	if (!value) {
		*why = "缺少参数值";
		return DX_INVALID;
	}
	return set_value(p, k, value, why);
}

/* The defaults parsed once per process: they are constants, and every
 * resolution of a policy starts from them (twice per household record:
 * parsing them each time was a twentieth of its CPU). */
static struct dx_policy defaults;
static int defaults_rc;
static const char *defaults_bad;
static pthread_once_t defaults_once = PTHREAD_ONCE_INIT;

static void defaults_parse(void)
{
	const char *why = NULL;
	memset(&defaults, 0, sizeof(defaults));
	for (size_t i = 0; i < DX_ARRAY_SIZE(keys) && !defaults_rc; i++)
		if ((defaults_rc = set_value(&defaults, &keys[i], keys[i].def, &why)))
			defaults_bad = keys[i].name;
}

int dx_policy_defaults(struct dx_policy *p)
{
	pthread_once(&defaults_once, defaults_parse);
	if (defaults_rc)
		return dx_error(defaults_rc, "bad default for policy key '%s'", defaults_bad);
	*p = defaults;
	return DX_OK;
}

static void add_hundredths(struct dx_buf *out, int64_t v)
{
	char tmp[32];
	dx_policy_fmt_fen(tmp, sizeof(tmp), v);
	dx_buf_adds(out, tmp);
}

int dx_policy_get(const struct dx_policy *p, const char *key,
		  struct dx_buf *out)
{
	const struct dx_policy_key *k = dx_policy_key_find(key);
	const char *field;
	int64_t n;
	int i;
	size_t len;
	const char *c;

	if (!k)
		return DX_NOT_FOUND;
	field = (const char *)p + k->offset;
	switch (k->type) {
	case DX_PT_MONEY:
		memcpy(&n, field, sizeof(n));
		add_hundredths(out, n);
		break;
	case DX_PT_DECIMAL2:
		memcpy(&i, field, sizeof(i));
		add_hundredths(out, i);
		break;
	case DX_PT_INT:
	case DX_PT_PERCENT:
		memcpy(&i, field, sizeof(i));
		dx_buf_addf(out, "%d", i);
		break;
	case DX_PT_BOOL:
		memcpy(&i, field, sizeof(i));
		dx_buf_adds(out, i ? "yes" : "no");
		break;
	case DX_PT_ENUM:
		memcpy(&i, field, sizeof(i));
		for (c = k->choices; i > 0 && c; i--) {
			c = strchr(c, '|');
			if (c)
				c++;
		}
		if (!c)
			return DX_INVALID;
		len = strcspn(c, "|");
		dx_buf_add(out, c, len);
		break;
	case DX_PT_TEXT:
		dx_buf_adds(out, field);
		break;
	case DX_PT_DATES: {
		const struct dx_policy_dates *l =
			(const struct dx_policy_dates *)(const void *)field;
		char day[16];
		for (i = 0; i < l->n; i++) {
			if (i)
				dx_buf_addch(out, ',');
			dx_buf_adds(out, dx_date_format(&l->d[i], day));
		}
		break;
	}
	}
	return out->err ? out->err : DX_OK;
}

int64_t dx_policy_line(const struct dx_policy *p)
{
	/* domain.md §10: fixed, or k × 低保 standard × 12 */
	if (p->line_formula == DX_LINE_DIBAO)
		return dx_policy_div_round((int64_t)p->line_k *
						   p->dibao_standard * 12,
					   100);
	return p->monitoring_line;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static int applies(const struct dx_policy_setting *s, const char *area,
		   int year, const char *date)
{
	const char *pre = nz(s->area_prefix);
	size_t plen = strlen(pre);
	const char *from = nz(s->effective_from);

	if (strncmp(area, pre, plen))
		return 0;
	if (s->year != 0 && s->year != year)
		return 0;
	/* ISO dates compare as strings */
	if (*from && *date && strcmp(from, date) > 0)
		return 0;
	return 1;
}

/* Does candidate a beat the current best b (a comes later in the array)? */
static int beats(const struct dx_policy_setting *a,
		 const struct dx_policy_setting *b)
{
	size_t la = strlen(nz(a->area_prefix)), lb = strlen(nz(b->area_prefix));
	int c;
	if (la != lb)
		return la > lb;
	if ((a->year != 0) != (b->year != 0))
		return a->year != 0;
	c = strcmp(nz(a->effective_from), nz(b->effective_from));
	if (c)
		return c > 0;
	return 1; /* later in the array wins */
}

int dx_policy_resolve(const struct dx_policy_setting *s, size_t n,
		      const char *area, int year, const char *date,
		      struct dx_policy *out, const char **why)
{
	return dx_policy_resolve_src(s, n, area, year, date, out, NULL, why);
}

int dx_policy_resolve_src(const struct dx_policy_setting *s, size_t n,
			  const char *area, int year, const char *date,
			  struct dx_policy *out,
			  const struct dx_policy_setting **src,
			  const char **why)
{
	char eoy[16] = "";
	const char *dummy;
	size_t k, i;
	int rc;

	if (!why)
		why = &dummy;
	*why = NULL;
	rc = dx_policy_defaults(out);
	if (rc)
		return rc;
	area = nz(area);
	date = nz(date);
	if (!*date && year > 0 && year <= 9999) {
		(void)dx_snprintf(eoy, sizeof(eoy), "%04d-12-31", year);
		date = eoy;
	}
	for (k = 0; k < DX_ARRAY_SIZE(keys); k++) {
		const struct dx_policy_setting *best = NULL;
		for (i = 0; i < n; i++) {
			if (!s[i].key || strcmp(s[i].key, keys[k].name))
				continue;
			if (!applies(&s[i], area, year, date))
				continue;
			if (!best || beats(&s[i], best))
				best = &s[i];
		}
		if (src)
			src[k] = best;
		if (!best)
			continue;
		rc = set_value(out, &keys[k], nz(best->value), why);
		if (rc)
			return rc;
	}
	return DX_OK;
}
