/*
 * check_funds.c - the 衔接资金 rules of `dixian check` (check_funds.h).
 * Projects of an area are few (hundreds a county), so they are held in
 * memory with their payments and asset counts and each rule looks at one
 * project, or at one county's year for the industry share.
 */
#include "core/dx.h"
#include "app/check_funds.h"
#include "core/money.h"
#include "core/strbuf.h"
#include "store/funds.h"
#include "app/funds.h"

struct cproj {
	struct dx_fund_project p;
	int64_t paid[DX_FUND_NSOURCES];
	long assets;
};

struct cctx {
	struct cproj *v;
	size_t n, cap;
};

static struct cproj *find(struct cctx *c, int64_t id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].p.id == id)
			return &c->v[i];
	return NULL;
}

static int on_project(const struct dx_fund_project *p, void *arg)
{
	struct cctx *c = arg;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = dx_xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	memset(&c->v[c->n], 0, sizeof(c->v[0]));
	c->v[c->n++].p = *p;
	return 0;
}

static int on_payment(const struct dx_fund_payment *y, void *arg)
{
	struct cproj *p = find(arg, y->project_id);
	int s = dx_fund_source_index(y->source);
	if (p && s >= 0)
		p->paid[s] += y->amount;
	return 0;
}

static int on_asset(const struct dx_fund_asset *a, void *arg)
{
	struct cproj *p = find(arg, a->project_id);
	if (p)
		p->assets++;
	return 0;
}

/* The industry share of one county's year (projects are by code, not by
 * county: the counties are gathered first). */
static int share_rule(struct cctx *c, int year, int min_pct, dx_check_funds_fn fn, void *arg)
{
	int rc = 0;
	for (size_t i = 0; i < c->n && !rc; i++) {
		int64_t all = 0, ind = 0;
		int seen = 0;
		char a[32], b[32];
		struct dx_buf d = DX_BUF_INIT;
		if (c->v[i].p.year != year)
			continue;
		for (size_t k = 0; k < i && !seen; k++) /* the county's first project only */
			seen = c->v[k].p.year == year && !strcmp(c->v[k].p.county, c->v[i].p.county);
		if (seen)
			continue;
		for (size_t k = i; k < c->n; k++)
			if (c->v[k].p.year == year && !strcmp(c->v[k].p.county, c->v[i].p.county)) {
				all += c->v[k].p.funds[DX_FUND_CENTRAL];
				if (c->v[k].p.industry)
					ind += c->v[k].p.funds[DX_FUND_CENTRAL];
			}
		if (all <= 0 || ind * 100 >= (int64_t)min_pct * all)
			continue;
		dx_buf_addf(&d, "%d年中央衔接资金%s万元，用于产业项目%s万元，占%lld.%02lld%%，低于%d%%",
			    year, dx_money_format_wan(all, a, sizeof(a)),
			    dx_money_format_wan(ind, b, sizeof(b)),
			    (long long)((ind * 10000 + all / 2) / all / 100),
			    (long long)((ind * 10000 + all / 2) / all % 100), min_pct);
		rc = fn(DX_CF_SHARE, c->v[i].p.county, "", c->v[i].p.county, d.buf, arg);
		dx_buf_release(&d);
	}
	return rc;
}

static int project_rules(const struct cproj *p, const char *as_of, dx_check_funds_fn fn,
			 void *arg)
{
	struct dx_buf d = DX_BUF_INIT;
	int rc = 0;
	if (p->p.started_on[0] && strcmp(p->p.started_on, as_of) <= 0 &&
	    (!p->p.approved_on[0] || strcmp(p->p.approved_on, p->p.started_on) > 0)) {
		if (p->p.approved_on[0])
			dx_buf_addf(&d, "开工日期 %s 早于县审定日期 %s", p->p.started_on,
				    p->p.approved_on);
		else
			dx_buf_addf(&d, "开工日期 %s，未填县审定日期", p->p.started_on);
		rc = fn(DX_CF_UNAPPROVED, p->p.code, p->p.name, p->p.area_code, d.buf, arg);
	}
	for (int s = 0; s < DX_FUND_NSOURCES && !rc; s++) {
		char a[32], b[32];
		if (p->paid[s] <= p->p.funds[s])
			continue;
		d.len = 0;
		dx_buf_addf(&d, "%s资金已拨付%s万元，超过安排的%s万元", dx_fund_source_names[s],
			    dx_money_format_wan(p->paid[s], a, sizeof(a)),
			    dx_money_format_wan(p->p.funds[s], b, sizeof(b)));
		rc = fn(DX_CF_OVERPAID, p->p.code, p->p.name, p->p.area_code, d.buf, arg);
	}
	if (!rc && p->p.completed_on[0] && strcmp(p->p.completed_on, as_of) <= 0 && !p->assets &&
	    strcmp(p->p.type, "项目管理费")) {
		d.len = 0;
		dx_buf_addf(&d, "完工日期 %s，项目资产台账中没有该项目的资产", p->p.completed_on);
		rc = fn(DX_CF_NO_ASSETS, p->p.code, p->p.name, p->p.area_code, d.buf, arg);
	}
	dx_buf_release(&d);
	return rc;
}

int dx_check_funds(struct dx_store *st, const char *area, const char *as_of, int min_pct,
		   const char *forbidden, dx_check_funds_fn fn, void *arg)
{
	struct cctx c = {0};
	int rc, year = 0;
	for (int i = 0; i < 4; i++)
		year = year * 10 + (as_of[i] - '0');
	if (!(rc = dx_fund_projects_each(st, area, 0, on_project, &c)) &&
	    !(rc = dx_fund_payments_each(st, area, 0, as_of, on_payment, &c)) &&
	    !(rc = dx_fund_assets_each(st, area, 0, on_asset, &c)))
		rc = share_rule(&c, year, min_pct, fn, arg);
	for (size_t i = 0; i < c.n && !rc; i++) {
		const struct dx_fund_project *p = &c.v[i].p;
		rc = project_rules(&c.v[i], as_of, fn, arg);
		if (!rc && p->year == year && dx_fund_type_forbidden(forbidden, p->type)) {
			struct dx_buf d = DX_BUF_INIT;
			dx_buf_addf(&d, "项目类型 %s 在%d年的负面清单内", p->type, year);
			rc = fn(DX_CF_FORBIDDEN, p->code, p->name, p->area_code, d.buf, arg);
			dx_buf_release(&d);
		}
	}
	free(c.v);
	return rc;
}
