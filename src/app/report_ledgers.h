/*
 * report_ledgers.h - the report's figures from the other ledgers (issue
 * 19) and their drill-down lists.  A figure is the count (and amount) of
 * the rows its store query returns; its list is those rows, so `report
 * --list KEY` always has as many rows as the figure says.
 */
#ifndef DX_APP_REPORT_LEDGERS_H
#define DX_APP_REPORT_LEDGERS_H

#include "app/report.h"
#include "io/report_ledgers.h"

/* Fill g for the records under area over from..as_of (the report's
 * period, app/report.c). */
int dx_report_ledgers_build(struct dx_store *st, const char *area, const char *from,
			    const char *as_of, struct dx_ledger_figs *g);

/* The rows of figure key (dx_lg_figure_index) for the report o would
 * give (refused as dx_report_build refuses): fn gets the cells under
 * dx_lg_figdefs[].heads, 证件号码 masked, amounts in 元. */
int dx_report_ledgers_list(struct dx_store *st, const struct dx_report_opts *o, const char *key,
			   int (*fn)(const char *const *cells, int n, void *arg), void *arg,
			   struct dx_buf *why);

#endif
