/*
 * report_funds.c - counting the 衔接资金 paragraph (report_funds.h).
 *
 * One pass collects the counted projects of the area and year (those
 * with 中央 or 省级 funds), then payments up to the as-of date, the
 * beneficiary households of their 产业项目 and their assets are counted
 * against them.  The figures and the drill-down lists go through the same
 * predicates (counted, started, paid...), so a figure and the length of
 * its list cannot disagree.
 */
#include "core/dx.h"
#include "app/report_funds.h"
#include "core/money.h"
#include "store/funds.h"

_Static_assert(DX_RF_NSRC == DX_FUND_NSOURCES, "资金来源 of the report and the store");

struct proj {
	struct dx_fund_project p;
	int64_t paid[DX_FUND_NSOURCES];
};

struct fctx {
	const char *as_of;
	struct proj *v;
	size_t n, cap;
	struct dx_funds_figs *f;
	/* listing */
	const char *key;
	int (*fn)(const char *const *cells, void *);
	void *arg;
	int64_t last_hh; /* households are listed once (rows come by 户编号) */
};

static int counted(const struct dx_fund_project *p)
{
	return p->funds[DX_FUND_CENTRAL] > 0 || p->funds[DX_FUND_PROVINCIAL] > 0;
}

static int started(const struct dx_fund_project *p, const char *as_of)
{
	return p->started_on[0] && strcmp(p->started_on, as_of) <= 0;
}

static struct proj *find_proj(struct fctx *c, int64_t id)
{
	for (size_t i = 0; i < c->n; i++) /* projects of a county-year: tens to hundreds */
		if (c->v[i].p.id == id)
			return &c->v[i];
	return NULL;
}

static int on_project(const struct dx_fund_project *p, void *arg)
{
	struct fctx *c = arg;
	if (!counted(p))
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->v = dx_xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	memset(&c->v[c->n], 0, sizeof(c->v[c->n]));
	c->v[c->n++].p = *p;
	return 0;
}

static int on_payment(const struct dx_fund_payment *y, void *arg)
{
	struct fctx *c = arg;
	struct proj *p = find_proj(c, y->project_id);
	int s = dx_fund_source_index(y->source);
	if (p && s >= 0)
		p->paid[s] += y->amount;
	return 0;
}

static int kind_index(const char *kind)
{
	for (int k = 0; k < DX_RF_NKIND; k++)
		if (!strcmp(dx_rf_kind_names[k], kind))
			return k;
	return -1;
}

static int on_asset(const struct dx_fund_asset *a, void *arg)
{
	struct fctx *c = arg;
	struct proj *p = find_proj(c, a->project_id);
	int k = kind_index(a->kind);
	char v[40];
	if (!p || k < 0)
		return 0;
	if (c->fn) {
		if (strcmp(c->key, "funds.assets"))
			return 0;
		const char *cells[DX_RF_NCOLS] = {a->asset_no, a->name, p->p.code, a->kind, a->owner,
						  dx_money_format_wan(a->value, v, sizeof(v))};
		return c->fn(cells, c->arg);
	}
	c->f->assets++;
	c->f->asset_value += a->value;
	c->f->kind_assets[k]++;
	c->f->kind_value[k] += a->value;
	return 0;
}

static int on_beneficiary(const struct dx_fund_hh *b, void *arg)
{
	struct fctx *c = arg;
	struct proj *p = find_proj(c, b->project_id);
	char n[24], town[10];
	if (!p || !p->p.industry || b->household_id == c->last_hh)
		return 0;
	c->last_hh = b->household_id;
	if (c->fn) {
		if (strcmp(c->key, "funds.households"))
			return 0;
		dx_strlcpy(town, b->area_code, sizeof(town));
		dx_snprintf(n, sizeof(n), "%ld", b->persons);
		const char *cells[DX_RF_NCOLS] = {b->hh_no, b->head_name, town, b->area_code,
						  b->link_mode, n};
		return c->fn(cells, c->arg);
	}
	c->f->hh++;
	c->f->persons += b->persons;
	return 0;
}

static int collect(struct dx_store *st, const char *area, int year, struct fctx *c)
{
	int rc;
	if ((rc = dx_fund_projects_each(st, area, year, on_project, c)) ||
	    (rc = dx_fund_payments_each(st, area, year, c->as_of, on_payment, c)))
		return rc;
	return DX_OK;
}

int dx_report_funds_build(struct dx_store *st, const char *area, int year, const char *as_of,
			  struct dx_funds_figs *f)
{
	struct fctx c = {.as_of = as_of, .f = f, .last_hh = -1};
	int rc;
	memset(f, 0, sizeof(*f));
	if ((rc = collect(st, area, year, &c)))
		goto out;
	for (size_t i = 0; i < c.n; i++) {
		const struct proj *p = &c.v[i];
		f->projects++;
		f->started += started(&p->p, as_of);
		f->industry += p->p.industry != 0;
		for (int s = 0; s < DX_FUND_NSOURCES; s++) {
			f->alloc[s] += p->p.funds[s];
			if (p->p.industry)
				f->industry_alloc[s] += p->p.funds[s];
			f->paid[s] += p->paid[s];
		}
	}
	if ((rc = dx_fund_beneficiaries_each(st, area, year, on_beneficiary, &c)) ||
	    (rc = dx_fund_assets_each(st, area, year, on_asset, &c)))
		goto out;
out:
	free(c.v);
	return rc;
}

/* ---- drill-down ---- */
#define PROJ_HEADS "项目编号", "项目名称", "区划代码", "项目类型", "是否产业项目"
static const struct dx_funds_figure figures[] = {
	{"funds.projects", "衔接资金项目", {PROJ_HEADS, "中央和省级资金（万元）"}},
	{"funds.started", "开工项目", {PROJ_HEADS, "开工日期"}},
	{"funds.industry", "产业项目", {PROJ_HEADS, "中央衔接资金（万元）"}},
	{"funds.paid", "已拨付中央和省级资金的项目", {PROJ_HEADS, "已拨付中央和省级资金（万元）"}},
	{"funds.households", "产业项目联农带农户",
	 {"户编号", "户主", "乡镇代码", "区划代码", "联结方式", "人数"}},
	{"funds.assets", "项目资产", {"资产编号", "资产名称", "项目编号", "资产类别", "权属", "金额（万元）"}},
};

const struct dx_funds_figure *dx_report_funds_figure_find(const char *key)
{
	for (size_t i = 0; key && i < DX_ARRAY_SIZE(figures); i++)
		if (!strcmp(figures[i].key, key))
			return &figures[i];
	return NULL;
}

size_t dx_report_funds_figure_count(void)
{
	return DX_ARRAY_SIZE(figures);
}

const struct dx_funds_figure *dx_report_funds_figure(size_t i)
{
	return i < DX_ARRAY_SIZE(figures) ? &figures[i] : NULL;
}

/* One project row of a list, if the figure counts it. */
static int list_project(struct fctx *c, const struct proj *p)
{
	char v[40];
	int64_t up = p->p.funds[0] + p->p.funds[1];
	const char *last;
	if (!strcmp(c->key, "funds.projects"))
		last = dx_money_format_wan(up, v, sizeof(v));
	else if (!strcmp(c->key, "funds.started"))
		last = started(&p->p, c->as_of) ? p->p.started_on : NULL;
	else if (!strcmp(c->key, "funds.industry"))
		last = p->p.industry ? dx_money_format_wan(p->p.funds[0], v, sizeof(v)) : NULL;
	else if (!strcmp(c->key, "funds.paid"))
		last = p->paid[0] + p->paid[1]
			       ? dx_money_format_wan(p->paid[0] + p->paid[1], v, sizeof(v))
			       : NULL;
	else
		return 0;
	if (!last)
		return 0;
	const char *cells[DX_RF_NCOLS] = {p->p.code, p->p.name, p->p.area_code, p->p.type,
					  p->p.industry ? "是" : "否", last};
	return c->fn(cells, c->arg);
}

int dx_report_funds_list(struct dx_store *st, const struct dx_report_opts *o, const char *key,
			 int (*fn)(const char *const *cells, void *), void *arg,
			 struct dx_buf *why)
{
	struct dx_report r;
	struct fctx c = {.key = key, .fn = fn, .arg = arg, .last_hh = -1};
	int rc;
	if (!dx_report_funds_figure_find(key))
		return dx_error(DX_NOT_FOUND, "no figure '%s'", key);
	/* the period as the report resolves it */
	if ((rc = dx_report_build(st, o, &r, why)))
		return rc;
	c.as_of = r.as_of;
	if ((rc = collect(st, r.area, r.year, &c)))
		goto out;
	for (size_t i = 0; i < c.n && !rc; i++)
		rc = list_project(&c, &c.v[i]);
	if (!rc)
		rc = dx_fund_beneficiaries_each(st, r.area, r.year, on_beneficiary, &c);
	if (!rc)
		rc = dx_fund_assets_each(st, r.area, r.year, on_asset, &c);
out:
	free(c.v);
	dx_report_release(&r);
	return rc;
}
