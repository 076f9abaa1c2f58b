/*
 * report_trend.h - the dashboard's trend by month: for each month of a
 * year, the households identified as 监测对象 and those whose risk was
 * eliminated under an area, with their members (issue 15).
 */
#ifndef DX_APP_REPORT_TREND_H
#define DX_APP_REPORT_TREND_H

#include "app/account.h"
#include "app/report.h"
#include "store/store.h"

struct dx_trend_month {
	int month; /* 1..12 */
	long identified, identified_persons;
	long eliminated, eliminated_persons;
};

/*
 * The months of `year` from January to the month of as_of (ISO; NULL or
 * "" = `today`, the request's day; a later year is refused, an earlier one runs to December),
 * under `area` narrowed to the actor's scope (NULL = the whole scope; a
 * wider area is DX_DENIED with why).  Each month counts what
 * dx_store_natural_change counts for that month alone (the report's 纳入
 * and 消除 for the year, per month; an elimination rolled back in a later
 * month stays in its own month).  *n gets how many months.
 */
int dx_report_trend(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
		    const char *area, int year, const char *as_of, char area_out[13], struct dx_trend_month out[12], int *n,
		    struct dx_buf *why);

/*
 * The households behind one month's figure of dx_report_trend, for the
 * same today, area, year and as_of: key "identified" (新识别) or "eliminated"
 * (风险消除), month 1.. the trend's last month.  Each household's persons
 * are its registered members at the end of the month (or as_of), as the
 * month's *_persons adds them, and an elimination rolled back in a later
 * month is listed in its own month, as counted.  fn gets them by 户编号
 * (names and numbers, no ID); area_out as dx_report_trend.  DX_INVALID
 * for another key or a month outside 1..12, DX_USAGE for a month not yet
 * begun, with why.
 */
int dx_report_trend_list(struct dx_store *st, const struct dx_actor *a,
			 const struct dx_date *today, const char *area, int year, int month, const char *key, const char *as_of,
			 char area_out[13], int (*fn)(const struct dx_report_item *, void *),
			 void *arg, struct dx_buf *why);

#endif
