/*
 * report_trend.h - the dashboard's trend by month: for each month of a
 * year, the households identified as 监测对象 and those whose risk was
 * eliminated under an area, with their members (issue 15).
 */
#ifndef DX_APP_REPORT_TREND_H
#define DX_APP_REPORT_TREND_H

#include "app/account.h"
#include "store/store.h"

struct dx_trend_month {
	int month; /* 1..12 */
	long identified, identified_persons;
	long eliminated, eliminated_persons;
};

/*
 * The months of `year` from January to the month of as_of (ISO; NULL or
 * "" = today; a later year is refused, an earlier one runs to December),
 * under `area` narrowed to the actor's scope (NULL = the whole scope; a
 * wider area is DX_DENIED with why).  Each month counts what
 * dx_store_natural_change counts for that month alone (the report's 纳入
 * and 消除 for the year, per month; an elimination rolled back in a later
 * month stays in its own month).  *n gets how many months.
 */
int dx_report_trend(struct dx_store *st, const struct dx_actor *a, const char *area, int year,
		    const char *as_of, char area_out[13], struct dx_trend_month out[12], int *n,
		    struct dx_buf *why);

#endif
