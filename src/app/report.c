/*
 * report.c - counting rules of the work report (domain.md §12, issue 7).
 *
 * A household counts in a category by its latest episode identified on or
 * before the as-of date; people are the household's counted members; a
 * group's per-capita income is total net income ÷ members, and its growth
 * compares the same households' previous year.  Everything is integer fen.
 */
#include "core/dx.h"
#include "app/report.h"

const char *const dx_category_names[DX_NCAT] = {"脱贫不稳定户", "边缘易致贫户", "突发严重困难户"};

static void hp_add(struct dx_hp *a, int persons)
{
	a->hh++;
	a->persons += persons;
}

static void income_add(struct dx_group_income *g, const struct dx_hh_fact *f)
{
	if (!f->has_income)
		return;
	hp_add(&g->with_income, f->members);
	g->net += f->net;
	if (f->has_prev) {
		hp_add(&g->both, f->members);
		g->both_net += f->net;
		g->both_prev_net += f->prev_net;
	}
}

static int scan_one(const struct dx_hh_fact *f, void *arg)
{
	struct dx_report *r = arg;
	hp_add(&r->all, f->members);
	if (f->tuopin) {
		hp_add(&r->tuopin, f->members);
		income_add(&r->inc_tuopin, f);
	}
	if (f->monitored) {
		hp_add(&r->monitored, f->members);
		income_add(&r->inc_monitored, f);
		for (int c = 0; c < DX_NCAT; c++)
			if (!strcmp(f->category, dx_category_names[c]))
				hp_add(&r->cat[c], f->members);
		if (f->eliminated) {
			hp_add(&r->eliminated, f->members);
		} else {
			hp_add(&r->active, f->members);
			if (f->reflag)
				hp_add(&r->reflag, f->members);
		}
	}
	return 0;
}

int dx_report_build(struct dx_store *st, const char *area, int year, const char *as_of,
		    struct dx_report *r)
{
	struct dx_area a;
	int rc;
	memset(r, 0, sizeof(*r));
	if ((rc = dx_store_area_get(st, area, &a)))
		return rc == DX_NOT_FOUND ? dx_error(DX_NOT_FOUND, "unknown area '%s'", area) : rc;
	dx_strlcpy(r->area, a.code, sizeof(r->area));
	dx_strlcpy(r->area_name, a.name, sizeof(r->area_name));
	r->year = year;
	if (as_of && *as_of)
		dx_strlcpy(r->as_of, as_of, sizeof(r->as_of));
	else
		dx_snprintf(r->as_of, sizeof(r->as_of), "%04d-12-31", year);
	return dx_store_scan_households(st, r->area, year, r->as_of, scan_one, r);
}

/* a / b rounded half away from zero; b > 0 */
static int64_t div_round(int64_t a, int64_t b)
{
	return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

int64_t dx_group_per_capita(const struct dx_group_income *g)
{
	return g->with_income.persons ? div_round(g->net, g->with_income.persons) : 0;
}

int dx_group_growth_bp(const struct dx_group_income *g, int64_t *bp)
{
	int64_t cur, prev;
	if (!g->both.persons || g->both_prev_net <= 0)
		return DX_NOT_FOUND;
	/* per-capita over the same members both years, so members cancel */
	cur = g->both_net;
	prev = g->both_prev_net;
	*bp = div_round((cur - prev) * 10000, prev);
	return DX_OK;
}

static void add_bp(struct dx_buf *b, int64_t bp)
{
	int64_t a = bp < 0 ? -bp : bp;
	dx_buf_addf(b, "%s%lld.%02lld%%", bp < 0 ? "-" : "", (long long)(a / 100),
		    (long long)(a % 100));
}

static void add_income(struct dx_buf *b, const char *who, const struct dx_group_income *g)
{
	int64_t bp;
	if (!g->with_income.persons)
		return;
	dx_buf_addf(b, "%s人均纯收入", who);
	dx_buf_add_fen(b, dx_group_per_capita(g));
	dx_buf_adds(b, "元");
	if (dx_group_growth_bp(g, &bp) == DX_OK) {
		dx_buf_adds(b, bp >= 0 ? "，同比增长" : "，同比下降");
		add_bp(b, bp < 0 ? -bp : bp);
	}
}

void dx_report_text(const struct dx_report *r, const char *label, struct dx_buf *out)
{
	int first = 1;
	dx_buf_addf(out, "%d年%s", r->year, r->area_name);
	if (r->tuopin.hh) {
		dx_buf_addf(out, "脱贫人口为%ld户%ld人", r->tuopin.hh, r->tuopin.persons);
		first = 0;
	}
	if (r->monitored.hh) {
		dx_buf_addf(out, "%s%s为%ld户%ld人", first ? "" : "，", label, r->monitored.hh,
			    r->monitored.persons);
		first = 0;
		dx_buf_adds(out, "，其中：");
		for (int c = 0, n = 0; c < DX_NCAT; c++) {
			if (!r->cat[c].hh)
				continue;
			dx_buf_addf(out, "%s%s%ld户%ld人", n++ ? "、" : "", dx_category_names[c],
				    r->cat[c].hh, r->cat[c].persons);
		}
		dx_buf_adds(out, "。");
		if (r->eliminated.hh)
			dx_buf_addf(out, "已消除风险%ld户%ld人，", r->eliminated.hh,
				    r->eliminated.persons);
		if (r->active.hh) {
			dx_buf_addf(out, "未消除风险%ld户%ld人", r->active.hh, r->active.persons);
			if (r->reflag.hh)
				dx_buf_addf(out, "（风险再标注%ld户%ld人）", r->reflag.hh,
					    r->reflag.persons);
		} else {
			dx_buf_setlen(out, out->len - strlen("，"));
		}
		dx_buf_adds(out, "。");
	} else if (!first) {
		dx_buf_adds(out, "。");
	}
	if (first && !r->monitored.hh) {
		dx_buf_addf(out, "共有农户%ld户%ld人。", r->all.hh, r->all.persons);
	}
	if (r->inc_tuopin.with_income.persons || r->inc_monitored.with_income.persons) {
		add_income(out, "脱贫户", &r->inc_tuopin);
		if (r->inc_tuopin.with_income.persons && r->inc_monitored.with_income.persons)
			dx_buf_adds(out, "；");
		add_income(out, label, &r->inc_monitored);
		dx_buf_adds(out, "。");
	}
}
