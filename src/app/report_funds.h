/*
 * report_funds.h - the 衔接资金 figures of the work report (issue 18):
 * counted from the project ledgers for an area, year and as-of date
 * (io/report_funds.h says which projects count), and the drill-down that
 * lists the projects, assets or households behind each figure.
 */
#ifndef DX_APP_REPORT_FUNDS_H
#define DX_APP_REPORT_FUNDS_H

#include "app/report.h"
#include "io/report_funds.h"

/* Fill *f for the projects of `year` within area; payments and 开工 count
 * up to as_of (an ISO date, never blank: the report's resolved date). */
int dx_report_funds_build(struct dx_store *st, const char *area, int year, const char *as_of,
			  struct dx_funds_figs *f);

#define DX_RF_NCOLS 6

/* A figure that lists: its key (`report --list funds.xxx`), the label
 * and the heads of its list's columns. */
struct dx_funds_figure {
	const char *key, *label;
	const char *heads[DX_RF_NCOLS];
};
const struct dx_funds_figure *dx_report_funds_figure_find(const char *key);
size_t dx_report_funds_figure_count(void);
const struct dx_funds_figure *dx_report_funds_figure(size_t i);

/* Call fn with the cells of every row of figure key's list, for the area,
 * year and as-of date of o (resolved as dx_report_build resolves them):
 * the rows are exactly what the figure counts, one per project, asset or
 * household.  Refused as dx_report_build refuses. */
int dx_report_funds_list(struct dx_store *st, const struct dx_report_opts *o, const char *key,
			 int (*fn)(const char *const *cells, void *), void *arg,
			 struct dx_buf *why);

#endif
