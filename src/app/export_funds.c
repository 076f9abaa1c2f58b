/*
 * export_funds.c - the 衔接资金 ledgers out of the store (issue 18):
 * 项目库 (projects), 资金拨付台账 (payments) and 项目资产 (assets) in
 * their import templates, amounts in 元 under headers without a unit, so
 * that importing the file again changes nothing (templates.md "Amounts in
 * 万元": a header without a unit holds 元).
 */
#include "core/dx.h"
#include "app/export_funds.h"
#include "core/money.h"
#include "io/template.h"
#include "store/funds.h"

struct fx {
	struct dx_tw *w;
	long rows;
	/* project ids and codes of the area, for payments and assets */
	int64_t *ids;
	char (*codes)[64];
	size_t n, cap;
};

static void header(struct dx_tw *w, const char *kind)
{
	const struct dx_template *t = dx_template_find(kind);
	for (size_t i = 0; i < t->ncols; i++)
		if (t->cols[i].kind != DX_COL_SKIP) {
			dx_tw_width(w, (int)i, 12);
			dx_tw_cell(w, t->cols[i].name, DX_TW_HEADER);
		}
	dx_tw_endrow(w);
}

static void cell(struct fx *x, const char *s)
{
	dx_tw_cell(x->w, s, DX_TW_PLAIN);
}

static void money(struct fx *x, int64_t fen)
{
	char v[32];
	cell(x, dx_money_format(fen, v, sizeof(v)));
}

static int project_row(const struct dx_fund_project *p, void *arg)
{
	struct fx *x = arg;
	char y[12];
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->ids = dx_xrealloc(x->ids, x->cap * sizeof(*x->ids));
		x->codes = dx_xrealloc(x->codes, x->cap * sizeof(*x->codes));
	}
	x->ids[x->n] = p->id;
	dx_strlcpy(x->codes[x->n++], p->code, sizeof(x->codes[0]));
	if (!x->w)
		return 0;
	dx_snprintf(y, sizeof(y), "%d", p->year);
	cell(x, p->code);
	cell(x, p->name);
	cell(x, y);
	cell(x, p->area_code);
	cell(x, p->type);
	cell(x, p->industry ? "是" : "否");
	cell(x, p->unit);
	cell(x, p->dept);
	for (int i = 0; i < DX_FUND_NSOURCES; i++)
		money(x, p->funds[i]);
	cell(x, p->applied_on);
	cell(x, p->reviewed_on);
	cell(x, p->assessed_on);
	cell(x, p->approved_on);
	cell(x, p->plan_start_on);
	cell(x, p->started_on);
	cell(x, p->completed_on);
	cell(x, p->accepted_on);
	cell(x, p->link_modes);
	cell(x, p->goal);
	dx_tw_endrow(x->w);
	x->rows++;
	return 0;
}

static const char *code_of(const struct fx *x, int64_t id)
{
	for (size_t i = 0; i < x->n; i++)
		if (x->ids[i] == id)
			return x->codes[i];
	return "";
}

static int payment_row(const struct dx_fund_payment *y, void *arg)
{
	struct fx *x = arg;
	cell(x, code_of(x, y->project_id));
	cell(x, y->paid_on);
	cell(x, y->source);
	money(x, y->amount);
	cell(x, y->voucher);
	dx_tw_endrow(x->w);
	x->rows++;
	return 0;
}

static int asset_row(const struct dx_fund_asset *a, void *arg)
{
	struct fx *x = arg;
	cell(x, a->asset_no);
	cell(x, code_of(x, a->project_id));
	cell(x, a->name);
	cell(x, a->kind);
	money(x, a->value);
	cell(x, a->owner);
	cell(x, a->keeper);
	cell(x, a->handed_on);
	cell(x, a->status);
	dx_tw_endrow(x->w);
	x->rows++;
	return 0;
}

int dx_export_funds_kind(const char *kind)
{
	return !strcmp(kind, "projects") || !strcmp(kind, "payments") || !strcmp(kind, "assets");
}

int dx_export_funds(struct dx_store *st, const char *kind, const char *area, struct dx_tw *w,
		    long *rows)
{
	struct fx x = {0};
	int rc;
	header(w, kind);
	if (!strcmp(kind, "projects"))
		x.w = w;
	rc = dx_fund_projects_each(st, area, 0, project_row, &x);
	x.w = w;
	if (!rc && !strcmp(kind, "payments"))
		rc = dx_fund_payments_each(st, area, 0, "", payment_row, &x);
	else if (!rc && !strcmp(kind, "assets"))
		rc = dx_fund_assets_each(st, area, 0, asset_row, &x);
	*rows = x.rows;
	free(x.ids);
	free(x.codes);
	return rc;
}
