/*
 * report_trend.c - the trend by month of the dashboard (report_trend.h):
 * the store's 自然增减 count (dx_store_natural_change) asked once per
 * month, so a month's figure means exactly what the report's year figure
 * means, only for that month; and the households behind a month's
 * figure, from the same SQL (dx_store_natural_change_each).
 */
#include "core/dx.h"
#include "app/report_trend.h"
#include "core/date.h"
#include "store/membership.h"

/* The last day the trend of `year` reaches (as_of, NULL/"" = today, the
 * request's day) into *end and its last month into *last; a year not
 * begun is refused. */
static int trend_end(const char *as_of, const struct dx_date *today, int year,
		     struct dx_date *end, int *last, struct dx_buf *why)
{
	if (as_of && *as_of) {
		if (dx_date_parse(as_of, strlen(as_of), end)) {
			dx_buf_addf(why, "截至日期 %s 不是有效日期（应为 YYYY-MM-DD）", as_of);
			return DX_INVALID;
		}
	} else {
		*end = *today;
	}
	if (year > end->y) {
		dx_buf_addf(why, "%d年尚未开始，没有可统计的月份", year);
		return DX_USAGE;
	}
	*last = year < end->y ? 12 : end->m;
	return DX_OK;
}

/* Month m's period: its first day to its last, or to end in end's month
 * (the month still running counts to the as-of date). */
static void month_period(int year, int m, const struct dx_date *end, char from[11], char to[11])
{
	struct dx_date f = {year, m, 1}, t = {year, m, 1};
	dx_date_add_months(&t, 1);
	dx_date_add_days(&t, -1);
	if (year == end->y && m == end->m)
		t = *end;
	dx_date_format(&f, from);
	dx_date_format(&t, to);
}

int dx_report_trend(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
		    const char *area, int year, const char *as_of, char area_out[13], struct dx_trend_month out[12], int *n,
		    struct dx_buf *why)
{
	struct dx_date end;
	int last, rc;
	*n = 0;
	if ((rc = dx_actor_area(a, area, area_out, why)) ||
	    (rc = trend_end(as_of, today, year, &end, &last, why)))
		return rc;
	for (int m = 1; m <= last; m++) {
		struct dx_natural_change nc;
		char from[11], to[11];
		month_period(year, m, &end, from, to);
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

struct each {
	int (*fn)(const struct dx_report_item *, void *);
	void *arg;
};

static int each_household(const struct dx_nc_household *h, void *arg)
{
	struct each *e = arg;
	struct dx_report_item it;
	it.hh_no = h->hh_no;
	it.head_name = h->head_name;
	it.area_code = h->area_code;
	it.township = strlen(h->area_code) >= 9 ? h->township : "";
	it.village = strlen(h->area_code) == 12 ? h->village : "";
	it.persons = (int)h->persons;
	return e->fn(&it, e->arg);
}

int dx_report_trend_list(struct dx_store *st, const struct dx_actor *a,
			 const struct dx_date *today, const char *area, int year, int month, const char *key, const char *as_of,
			 char area_out[13], int (*fn)(const struct dx_report_item *, void *),
			 void *arg, struct dx_buf *why)
{
	struct each e = {fn, arg};
	struct dx_date end;
	enum dx_nc_which which;
	char from[11], to[11];
	int last, rc;
	if (key && !strcmp(key, "identified")) {
		which = DX_NC_INCLUDED;
	} else if (key && !strcmp(key, "eliminated")) {
		which = DX_NC_ELIMINATED;
	} else {
		dx_buf_addf(why, "趋势中没有数字 \"%s\"（应为 identified 新识别 或 eliminated 风险消除）",
			    key ? key : "");
		return DX_INVALID;
	}
	if ((rc = dx_actor_area(a, area, area_out, why)) ||
	    (rc = trend_end(as_of, today, year, &end, &last, why)))
		return rc;
	if (month < 1 || month > last) {
		if (month >= 1 && month <= 12)
			dx_buf_addf(why, "%d年%d月尚未开始（趋势到%d月为止）", year, month, last);
		else
			dx_buf_addf(why, "月份 %d 无效（应为 1 至 12）", month);
		return month >= 1 && month <= 12 ? DX_USAGE : DX_INVALID;
	}
	month_period(year, month, &end, from, to);
	return dx_store_natural_change_each(st, area_out, from, to, which, each_household, &e);
}
