/*
 * funds.c - the project library's use cases (funds.h): lists and records
 * read through store/funds.h, money in fen throughout.
 */
#include "core/dx.h"
#include "app/funds.h"
#include "core/area.h"

struct lctx {
	struct dx_fund_project *v;
	int64_t (*paid)[DX_FUND_NSOURCES];
	size_t n, cap;
};

static int on_project(const struct dx_fund_project *p, void *arg)
{
	struct lctx *c = arg;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = dx_xrealloc(c->v, c->cap * sizeof(*c->v));
		c->paid = dx_xrealloc(c->paid, c->cap * sizeof(*c->paid));
	}
	c->v[c->n] = *p;
	memset(c->paid[c->n], 0, sizeof(c->paid[0]));
	c->n++;
	return 0;
}

static int on_payment(const struct dx_fund_payment *y, void *arg)
{
	struct lctx *c = arg;
	int s = dx_fund_source_index(y->source);
	for (size_t i = 0; i < c->n && s >= 0; i++)
		if (c->v[i].id == y->project_id) {
			c->paid[i][s] += y->amount;
			break;
		}
	return 0;
}

int dx_funds_project_list(struct dx_store *st, const char *area, int year, const char *as_of,
			  int (*fn)(const struct dx_funds_row *, void *), void *arg)
{
	struct lctx c = {0};
	int rc;
	if (!(rc = dx_fund_projects_each(st, area, year, on_project, &c)))
		rc = dx_fund_payments_each(st, area, year, as_of, on_payment, &c);
	for (size_t i = 0; i < c.n && !rc; i++) {
		struct dx_funds_row row = {.p = &c.v[i]};
		memcpy(row.paid, c.paid[i], sizeof(row.paid));
		rc = fn(&row, arg);
	}
	free(c.v);
	free(c.paid);
	return rc;
}

static int rec_payment(const struct dx_fund_payment *y, void *arg)
{
	struct dx_funds_record *r = arg;
	if (y->project_id != r->p.id)
		return 0;
	r->pay = dx_xrealloc(r->pay, (r->npay + 1) * sizeof(*r->pay));
	r->pay[r->npay++] = *y;
	return 0;
}

static int rec_asset(const struct dx_fund_asset *a, void *arg)
{
	struct dx_funds_record *r = arg;
	if (a->project_id != r->p.id)
		return 0;
	r->assets = dx_xrealloc(r->assets, (r->nassets + 1) * sizeof(*r->assets));
	r->assets[r->nassets++] = *a;
	return 0;
}

static int rec_ben(const struct dx_fund_hh *b, void *arg)
{
	struct dx_funds_record *r = arg;
	struct ben *e;
	if (b->project_id != r->p.id)
		return 0;
	r->ben = dx_xrealloc(r->ben, (r->nben + 1) * sizeof(*r->ben));
	e = &r->ben[r->nben++];
	dx_strlcpy(e->hh_no, b->hh_no, sizeof(e->hh_no));
	dx_strlcpy(e->head, b->head_name, sizeof(e->head));
	dx_strlcpy(e->area, b->area_code, sizeof(e->area));
	dx_strlcpy(e->link, b->link_mode, sizeof(e->link));
	e->persons = b->persons;
	return 0;
}

int dx_funds_record(struct dx_store *st, const char *county, const char *code,
		    const char *scope, struct dx_funds_record *r)
{
	int rc;
	memset(r, 0, sizeof(*r));
	if ((rc = dx_fund_project_get(st, county, code, &r->p)))
		return rc;
	if (scope && *scope && !dx_area_in_scope(r->p.area_code, scope))
		return DX_DENIED;
	/* the project's own area and year hold exactly its rows */
	if (!(rc = dx_fund_payments_each(st, r->p.area_code, r->p.year, "", rec_payment, r)) &&
	    !(rc = dx_fund_beneficiaries_each(st, r->p.area_code, r->p.year, rec_ben, r)))
		rc = dx_fund_assets_each(st, r->p.area_code, r->p.year, rec_asset, r);
	if (rc)
		dx_funds_record_release(r);
	return rc;
}

void dx_funds_record_release(struct dx_funds_record *r)
{
	free(r->pay);
	free(r->assets);
	free(r->ben);
	r->pay = NULL;
	r->assets = NULL;
	r->ben = NULL;
	r->npay = r->nassets = r->nben = 0;
}

struct tctx {
	struct dx_funds_town *v;
	size_t n;
};

static int town_add(const struct dx_funds_row *r, void *arg)
{
	struct tctx *c = arg;
	char code[13];
	size_t i;
	dx_strlcpy(code, r->p->area_code, strlen(r->p->area_code) >= 9 ? 10 : 7);
	for (i = 0; i < c->n && strcmp(c->v[i].code, code); i++)
		;
	if (i == c->n) {
		c->v = dx_xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
		memset(&c->v[c->n], 0, sizeof(c->v[0]));
		dx_strlcpy(c->v[c->n++].code, code, sizeof(c->v[0].code));
	}
	c->v[i].projects++;
	c->v[i].allocated += r->p->funds[DX_FUND_CENTRAL] + r->p->funds[DX_FUND_PROVINCIAL];
	c->v[i].paid += r->paid[DX_FUND_CENTRAL] + r->paid[DX_FUND_PROVINCIAL];
	return 0;
}

static int town_rank(const void *a, const void *b)
{
	const struct dx_funds_town *x = a, *y = b;
	if (x->bp != y->bp)
		return x->bp > y->bp ? -1 : 1;
	return strcmp(x->code, y->code);
}

int dx_funds_towns(struct dx_store *st, const char *area, int year, const char *as_of,
		   int (*fn)(const struct dx_funds_town *, void *), void *arg)
{
	struct tctx c = {0};
	int rc = dx_funds_project_list(st, area, year, as_of, town_add, &c);
	for (size_t i = 0; i < c.n; i++) {
		struct dx_area a;
		struct dx_funds_town *t = &c.v[i];
		t->bp = t->allocated > 0 ? (t->paid * 10000 + t->allocated / 2) / t->allocated : -1;
		if (!rc && !(rc = dx_store_area_get(st, t->code, &a)))
			dx_strlcpy(t->name, a.name, sizeof(t->name));
		if (rc == DX_NOT_FOUND)
			rc = 0;
	}
	if (c.n)
		qsort(c.v, c.n, sizeof(*c.v), town_rank);
	for (size_t i = 0; i < c.n && !rc; i++)
		rc = fn(&c.v[i], arg);
	free(c.v);
	return rc;
}
