/*
 * report_ledgers.c - counting the other ledgers' figures (issue 19) for
 * the report and listing the rows behind each.  The counting rules live
 * in the store's queries (store/ledgers.c): a figure here is the number
 * of rows a query gives and the sum of their amounts, and the list is the
 * same rows.  Problems are also counted by source and by their state on
 * the as-of date for the 问题整改 sentence.
 */
#include "core/dx.h"
#include "app/report_ledgers.h"
#include "core/idcard.h"
#include "core/money.h"
#include "store/ledgers.h"

struct counter {
	struct dx_ledger_figs *g;
	int i;
};

static int count_row(const struct dx_lg_row *row, void *arg)
{
	struct counter *c = arg;
	c->g->f[c->i].n++;
	c->g->f[c->i].amount += row->amount;
	if (c->i == DX_LGF_PROBLEMS) {
		for (int s = 0; s < DX_LG_NSRC; s++) {
			if (strcmp(row->col[1], dx_lg_sources[s]))
				continue;
			c->g->src[s][0]++;
			if (!strcmp(row->col[5], "已销号"))
				c->g->src[s][1]++;
			else if (!strcmp(row->col[5], "长期跟踪"))
				c->g->src[s][3]++;
			else
				c->g->src[s][2]++;
		}
	}
	return 0;
}

int dx_report_ledgers_build(struct dx_store *st, const char *area, const char *from,
			    const char *as_of, struct dx_ledger_figs *g)
{
	int rc;
	memset(g, 0, sizeof(*g));
	for (int i = 0; i < DX_LGF_N; i++) {
		struct counter c = {g, i};
		if ((rc = dx_lg_figure_rows(st, dx_lg_figdefs[i].key, area, from, as_of, count_row,
					    &c)))
			return rc;
	}
	return DX_OK;
}

struct lister {
	int i;
	int (*fn)(const char *const *cells, int n, void *arg);
	void *arg;
};

/* A row as its list shows it: person lists mask the 证件号码 (column 0),
 * an amount in 元 last. */
static int list_row(const struct dx_lg_row *row, void *arg)
{
	struct lister *l = arg;
	const struct dx_lg_figdef *d = &dx_lg_figdefs[l->i];
	const char *cells[DX_LG_NCOLS + 1];
	char masked[19], money[32];
	int n = 0;
	while (d->heads[n])
		n++;
	for (int k = 0; k < n && k < DX_LG_NCOLS; k++)
		cells[k] = row->col[k];
	if (!strcmp(d->heads[0], "证件号码")) {
		dx_idcard_mask(row->col[0], masked);
		cells[0] = masked;
	}
	if (d->has_amount)
		cells[n - 1] = dx_money_format(row->amount, money, sizeof(money));
	return l->fn(cells, n, l->arg);
}

int dx_report_ledgers_list(struct dx_store *st, const struct dx_report_opts *o, const char *key,
			   int (*fn)(const char *const *cells, int n, void *arg), void *arg,
			   struct dx_buf *why)
{
	struct dx_report r;
	struct lister l = {dx_lg_figure_index(key), fn, arg};
	int rc;
	if (l.i < 0)
		return dx_error(DX_NOT_FOUND, "no figure '%s'", key);
	/* the period as the report has it, refused as the report refuses */
	if ((rc = dx_report_build(st, o, &r, why)))
		return rc;
	rc = dx_lg_figure_rows(st, key, r.area, r.from, r.as_of, list_row, &l);
	dx_report_release(&r);
	return rc;
}
