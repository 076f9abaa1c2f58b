/*
 * check.c - data-quality rules over households, members, episodes and
 * measures (domain.md §3 "Known data-quality rules", §5 consistency, §7
 * measure rules).  One pass of the screening scan with the measure summary;
 * each rule looks at one household.
 *
 * Not here: 两头占 (the same 身份证 in two households) cannot be stored
 * (person.id_no is unique), so the importer reports it.
 */
#include "core/dx.h"
#include "app/check.h"
#include "app/check_funds.h"
#include "app/policy.h"
#include "app/screen.h"
#include "core/date.h"
#include "core/strbuf.h"
#include "store/screen_scan.h"

enum {
	R_HEAD, R_EDU_SCHOOL, R_INSURANCE, R_SUBSIDY, R_AGE_SCHOOL, R_WORK_PAIR,
	R_JOB_RISK, R_NO_MEASURE, R_NO_DEV, R_ILL_MEASURE, R_SCHOOL_MEASURE,
	R_NO_COUNTED, R_TUOPIN_YEAR, R_LABOUR, R_DROPOUT,
	R_FUNDS, /* 衔接资金 (check_funds.h), DX_CF_COUNT rules in its order */
	R_COUNT = R_FUNDS + DX_CF_COUNT
};

static const struct dx_check_rule rules[R_COUNT] = {
	{"C001", "户主人数不是1人：每户应有且只有一名与户主关系为“户主”的成员"},
	{"C002", "文化程度与在校生状况同时填写：在校生只填在校生状况，非在校生只填文化程度"},
	{"C003", "基本医保登记有误：城乡居民基本医保与城镇职工基本医保应参加且只参加一种"},
	{"C004", "享受残疾人两项补贴但健康状况未登记残疾：核实补贴或补登残疾"},
	{"C005", "在校生状况与年龄不符：核对出生日期（身份证号）或在校生状况"},
	{"C006", "务工所在地与务工时间（月）应同时填写或同时不填"},
	{"C007", "风险类型有“因务工就业不稳”，但户内没有有劳动能力且登记务工的成员"},
	{"C008", "监测对象（风险未消除）没有任何帮扶措施：应至少制定一项帮扶措施"},
	{"C009", "有劳动能力的监测对象未落实开发式帮扶措施（产业、就业、金融或公益岗位），不能只靠综合保障"},
	{"C010", "因病风险户没有健康帮扶、社会帮扶或综合保障措施"},
	{"C011", "因学风险户没有教育帮扶措施（义务教育保障或其他教育帮扶）"},
	{"C012", "户内没有计入家庭人口的成员，无法计算人均纯收入"},
	{"C013", "户类型与脱贫年度不符：脱贫户应填脱贫年度（2014–2020），一般户不填"},
	{"C014", "劳动技能为空或不是代码表中的值（普通劳动力、技能劳动力、弱劳动力或半劳动力、丧失劳动力、无劳动力）"},
	{"C015", "义务教育阶段适龄（7–14周岁）但在校生状况为空：核实是否失学辍学"},
	/* 衔接资金 (issue 18): the 户编号 column holds the 项目编号, 户主 the project's name */
	{"C016", "中央衔接资金用于产业项目的比例低于政策规定的最低比例（政策项 industry_central_min）"},
	{"C017", "项目未经县审定即开工：开工日期应在县审定日期之后"},
	{"C018", "项目某一来源的拨付资金超过该来源的安排资金：核对拨付台账或项目库"},
	{"C019", "项目已完工但没有登记资产：补录项目资产台账"},
	{"C020", "项目类型在负面清单内（政策项 project_forbidden_types）：调整项目类型或不予立项"},
};

size_t dx_check_rule_count(void)
{
	return R_COUNT;
}

const struct dx_check_rule *dx_check_rule_at(size_t i)
{
	return i < R_COUNT ? &rules[i] : NULL;
}

struct run {
	struct dx_date as_of;
	long *counts, nhh;
	int (*fn)(const struct dx_check_finding *, void *);
	void *arg;
	const struct dx_scan_hh *h;
	const char *head; /* the household's first 户主, "" if none */
	struct dx_buf detail;
	struct dx_screen_member m[DX_SCAN_MAX_MEMBERS];
};

static int report(struct run *r, int rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int report(struct run *r, int rule, const char *fmt, ...)
{
	struct dx_check_finding f;
	va_list ap;
	dx_buf_reset(&r->detail);
	va_start(ap, fmt);
	dx_buf_vaddf(&r->detail, fmt, ap);
	va_end(ap);
	if (r->counts)
		r->counts[rule]++;
	f.rule = &rules[rule];
	f.rule_index = (size_t)rule;
	f.hh_no = r->h->hh_no;
	f.area_code = r->h->area_code;
	f.village = r->h->village;
	f.head = r->head;
	f.detail = r->detail.buf;
	return r->fn(&f, r->arg);
}

/* Whole years from birth (ISO) to d; -1 when birth is not a date. */
static int age_on(const char *birth, const struct dx_date *d)
{
	struct dx_date b;
	int a;
	if (dx_date_parse(birth, strlen(birth), &b))
		return -1;
	a = d->y - b.y;
	if (d->m < b.m || (d->m == b.m && d->d < b.d))
		a--;
	return a;
}

/* domain.md §3 "age vs school grade": generous ranges, to catch typing
 * errors and not repeaters. */
static int school_age_ok(const char *s, int age)
{
	static const struct {
		const char *prefix;
		int lo, hi;
	} t[] = {
		{"学龄前儿童", 0, 7}, {"学前教育", 2, 7}, {"小学", 5, 15},
		{"七年级", 10, 18}, {"八年级", 10, 18}, {"九年级", 10, 18},
		{"普通高中", 13, 22}, {"中职", 13, 22}, {"高职高专", 15, 30},
		{"本科", 15, 35}, {"硕士研究生", 18, 60},
	};
	size_t i;
	if (age < 0)
		return 1;
	for (i = 0; i < DX_ARRAY_SIZE(t); i++)
		if (!strncmp(s, t[i].prefix, strlen(t[i].prefix)))
			return age >= t[i].lo && age <= t[i].hi;
	return 1;
}

static int member_rules(struct run *r, const struct dx_scan_member *p, int *heads)
{
	enum dx_labour l;
	int rc = 0, age;
	if (!strcmp(p->relation, "户主"))
		(*heads)++;
	if (p->education[0] && p->school[0] &&
	    (rc = report(r, R_EDU_SCHOOL, "成员 %s：文化程度“%s”，在校生状况“%s”", p->name,
			 p->education, p->school)))
		return rc;
	if (p->ins_resident + p->ins_employee != 1 &&
	    (rc = report(r, R_INSURANCE, "成员 %s：%s", p->name,
			 p->ins_resident ? "两种医保都登记为参加" : "两种医保都未参加")))
		return rc;
	if (p->disability_subsidy && !strstr(p->health, "残疾") &&
	    (rc = report(r, R_SUBSIDY, "成员 %s", p->name)))
		return rc;
	age = age_on(p->birth, &r->as_of);
	if (p->school[0] && !school_age_ok(p->school, age) &&
	    (rc = report(r, R_AGE_SCHOOL, "成员 %s：%d周岁，在校生状况“%s”", p->name, age,
			 p->school)))
		return rc;
	if ((p->work_place[0] != '\0') != (p->work_months >= 0) &&
	    (rc = report(r, R_WORK_PAIR, "成员 %s：%s", p->name,
			 p->work_place[0] ? "有务工所在地，缺务工时间" : "有务工时间，缺务工所在地")))
		return rc;
	if ((!p->labour[0] || dx_labour_parse(p->labour, &l)) &&
	    (rc = report(r, R_LABOUR, "成员 %s：劳动技能“%s”", p->name, p->labour)))
		return rc;
	/* 义务教育 runs about 6–15; at the edges (学前 at 6, finished 九年级
	 * at 15) a blank is normal, so only 7–14 is flagged */
	if (!p->school[0] && age >= 7 && age <= 14 &&
	    (rc = report(r, R_DROPOUT, "成员 %s：%d周岁", p->name, age)))
		return rc;
	return 0;
}

static int one(const struct dx_scan_hh *h, void *arg)
{
	struct run *r = arg;
	struct dx_screen_input in;
	int i, n, rc, heads = 0, counted = 0, labour_work = 0, labour;

	r->nhh++;
	r->h = h;
	n = h->nmembers < DX_SCAN_MAX_MEMBERS ? h->nmembers : DX_SCAN_MAX_MEMBERS;
	/* the name printed beside the 户编号 */
	r->head = h->head ? h->head : "";
	for (i = 0; i < n && !*r->head; i++)
		if (!strcmp(h->m[i].relation, "户主"))
			r->head = h->m[i].name;
	for (i = 0; i < n; i++) {
		if ((rc = member_rules(r, &h->m[i], &heads)))
			return rc;
		counted += h->m[i].counted != 0;
	}
	if (heads != 1 && (rc = report(r, R_HEAD, "户主 %d 人", heads)))
		return rc;
	if (counted == 0 && (rc = report(r, R_NO_COUNTED, "成员 %d 人，计入 0 人", h->nmembers)))
		return rc;
	if ((h->tuopin ? (h->tuopin_year < 2014 || h->tuopin_year > 2020) : h->tuopin_year != 0) &&
	    (rc = report(r, R_TUOPIN_YEAR, "%s，脱贫年度%s", h->tuopin ? "脱贫户" : "一般户",
			 h->tuopin_year ? "已填" : "未填")))
		return rc;
	if (!h->active)
		return DX_OK;

	/* monitored households: domain.md §5 consistency and §7 measures */
	dx_app_screen_input(h, r->m, &in);
	labour = dx_screen_has_labour(r->m, in.nmembers);
	for (i = 0; i < in.nmembers; i++)
		if (dx_labour_is_labour(r->m[i].labour) && r->m[i].has_work)
			labour_work = 1;
	if (strstr(h->risks, "因务工就业不稳") && !labour_work &&
	    (rc = report(r, R_JOB_RISK, "风险类型：%s", h->risks)))
		return rc;
	if (h->measures == 0 && (rc = report(r, R_NO_MEASURE, "%s，%s识别", h->category,
					     h->identified_on)))
		return rc;
	if (h->measures > 0 && labour && h->dev_done == 0 &&
	    (rc = report(r, R_NO_DEV, "措施 %d 项，已落实 %d 项，其中开发式 0 项", h->measures,
			 h->measures_done)))
		return rc;
	if (strstr(h->risks, "因病") && h->health_measures == 0 &&
	    (rc = report(r, R_ILL_MEASURE, "风险类型：%s", h->risks)))
		return rc;
	if (strstr(h->risks, "因学") && h->edu_measures == 0 &&
	    (rc = report(r, R_SCHOOL_MEASURE, "风险类型：%s", h->risks)))
		return rc;
	return DX_OK;
}

/* A 衔接资金 finding as a check finding: the project stands where the
 * household does. */
static int funds_finding(int rule, const char *code, const char *name, const char *area,
			 const char *detail, void *arg)
{
	struct run *r = arg;
	struct dx_check_finding f = {.rule = &rules[R_FUNDS + rule],
				     .rule_index = (size_t)(R_FUNDS + rule),
				     .hh_no = code,
				     .area_code = area,
				     .village = area,
				     .head = name,
				     .detail = detail};
	if (r->counts)
		r->counts[R_FUNDS + rule]++;
	return r->fn(&f, r->arg);
}

int dx_app_check(struct dx_store *st, const char *area, const char *as_of,
		 int (*fn)(const struct dx_check_finding *, void *), void *arg,
		 long *counts, long *nhh)
{
	struct run *r = dx_xcalloc(1, sizeof(*r));
	int rc;
	if (counts)
		memset(counts, 0, R_COUNT * sizeof(*counts));
	if (!as_of || dx_date_parse(as_of, strlen(as_of), &r->as_of)) {
		free(r);
		return dx_error(DX_INVALID, "check needs an as-of date");
	}
	r->counts = counts;
	r->fn = fn;
	r->arg = arg;
	dx_buf_init(&r->detail, 0);
	rc = dx_store_screen_scan(st, area, r->as_of.y, as_of, DX_SCAN_MEASURES, one, r);
	if (!rc) { /* 衔接资金 rules (issue 18) */
		struct dx_policy pol;
		if (!(rc = dx_app_policy(st, area, r->as_of.y, as_of, &pol)))
			rc = dx_check_funds(st, area ? area : "", as_of, pol.industry_central_min,
					    pol.project_forbidden_types, funds_finding, r);
	}
	if (nhh)
		*nhh = r->nhh;
	dx_buf_release(&r->detail);
	free(r);
	return rc;
}

const char *const dx_check_heads[DX_CHECK_COLS] = {"户编号", "户主", "村", "规则", "问题", "说明"};

void dx_check_cells(const struct dx_check_finding *f, const char *cells[DX_CHECK_COLS])
{
	cells[0] = f->hh_no;
	cells[1] = f->head;
	cells[2] = f->village;
	cells[3] = f->rule->id;
	cells[4] = f->rule->title;
	cells[5] = f->detail;
}
