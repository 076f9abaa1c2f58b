/*
 * report_trend.c - the trend by month of the dashboard (report_trend.h):
 * the store's 自然增减 count (dx_store_natural_change) asked once per
 * month, so a month's figure means exactly what the report's year figure
 * means, only for that month.
 */
#include "core/dx.h"
#include "app/report_trend.h"
#include "core/date.h"
#include "store/membership.h"

int dx_report_trend(struct dx_store *st, const struct dx_actor *a, const char *area, int year,
		    const char *as_of, char area_out[13], struct dx_trend_month out[12], int *n,
		    struct dx_buf *why)
{
	struct dx_date end;
	int last, rc;
	*n = 0;
	if ((rc = dx_actor_area(a, area, area_out, why)))
		return rc;
	if (as_of && *as_of) {
		if (dx_date_parse(as_of, strlen(as_of), &end)) {
			dx_buf_addf(why, "截至日期 %s 不是有效日期（应为 YYYY-MM-DD）", as_of);
			return DX_INVALID;
		}
	} else {
		dx_date_today(&end);
	}
	if (year > end.y) {
		dx_buf_addf(why, "%d年尚未开始，没有可统计的月份", year);
		return DX_USAGE;
	}
	last = year < end.y ? 12 : end.m;
	for (int m = 1; m <= last; m++) {
		struct dx_natural_change nc;
		struct dx_date f = {year, m, 1}, t = {year, m, 1};
		char from[11], to[11];
		dx_date_add_months(&t, 1);
		dx_date_add_days(&t, -1);
		if (m == last && year == end.y)
			t = end;
		dx_date_format(&f, from);
		dx_date_format(&t, to);
		memset(&nc, 0, sizeof(nc));
		if ((rc = dx_store_natural_change(st, area_out, from, to, &nc)))
			return rc;
		out[m - 1].month = m;
		out[m - 1].identified = nc.included;
		out[m - 1].identified_persons = nc.included_persons;
		out[m - 1].eliminated = nc.eliminated;
		out[m - 1].eliminated_persons = nc.eliminated_persons;
		*n = m;
	}
	return DX_OK;
}
