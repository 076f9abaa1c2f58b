/*
 * route_report_list.c - the dashboard's drill-downs and trend (issue 15):
 * GET /api/report/list?key=&area=&year=&as_of=&format=json|xlsx, the
 * households behind one figure of GET /api/report (app/report.h
 * dx_report_list, as `dixian report --list KEY`), as JSON or as an xlsx
 * download with the CLI's columns; and GET /api/report/trend?area=&year=
 * &as_of=, the households identified and eliminated per month
 * (app/report_trend.h); and GET /api/report/trend/list?key=identified|
 * eliminated&month=&area=&year=&as_of=&format=json|xlsx, the households
 * behind one month of the trend.  Areas are narrowed to the actor's
 * scope; a wider one is refused.  The lists carry names and numbers, no
 * ID or phone.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/report.h"
#include "app/report_trend.h"
#include "io/xlsx_write.h"

#include <cjson/cJSON.h>

static const char *const list_heads[] = {"户编号", "户主", "乡镇", "行政村", "区划代码", "人数"};

static int item_json(const struct dx_report_item *it, void *arg)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "hh_no", it->hh_no);
	cJSON_AddStringToObject(j, "head", it->head_name);
	cJSON_AddStringToObject(j, "area_code", it->area_code);
	cJSON_AddStringToObject(j, "township", it->township);
	cJSON_AddStringToObject(j, "village", it->village);
	cJSON_AddNumberToObject(j, "persons", it->persons);
	cJSON_AddItemToArray(arg, j);
	return DX_OK;
}

static int item_row(const struct dx_report_item *it, void *arg)
{
	char n[16];
	const char *cells[] = {it->hh_no, it->head_name, it->township, it->village, it->area_code, n};
	dx_snprintf(n, sizeof(n), "%d", it->persons);
	dx_tw_row(arg, cells, DX_ARRAY_SIZE(cells), DX_TW_PLAIN);
	return DX_OK;
}

/* A figure key the report does not have: say so (the list itself gives
 * no message for it). */
static int list_fail(struct dx_http_req *r, int rc, const char *key)
{
	if (rc == DX_NOT_FOUND && !r->why.len)
		return dx_http_fail(r, rc, "报告中没有数字 %s（见 GET /api/report 的 figures[].key）", key);
	return rc;
}

/* How a route walks its households: dx_report_list, or a month of the
 * trend (dx_report_trend_list), with what it needs in arg. */
typedef int (*list_walk)(struct dx_http_req *r, void *q,
                         int (*fn)(const struct dx_report_item *, void *), void *arg);

struct xlsx_walk {
	list_walk walk;
	void *q;
	const char *key;
};

static int xlsx_rows(struct dx_http_req *r, struct dx_tw *w, void *arg)
{
	struct xlsx_walk *x = arg;
	int rc = x->walk(r, x->q, item_row, w);
	return rc ? list_fail(r, rc, x->key) : DX_OK;
}

/* The list as an xlsx download: header row, then the households. */
static int list_xlsx(struct dx_http_req *r, list_walk walk, void *q, const char *key)
{
	struct xlsx_walk x = {walk, q, key};
	return dx_http_xlsx_list(r, "农户清单", "attachment; filename=\"households.xlsx\"",
	                         list_heads, DX_ARRAY_SIZE(list_heads), xlsx_rows, &x);
}

/* a figure of the report: its options and key */
struct figure_q {
	struct dx_report_opts o;
	const char *key;
};

static int walk_figure(struct dx_http_req *r, void *q,
                       int (*fn)(const struct dx_report_item *, void *), void *arg)
{
	const struct figure_q *f = q;
	return dx_report_list(r->st, &f->o, f->key, fn, arg, &r->why);
}

/* a month of the trend: the area (already narrowed), year, month, key */
struct trend_q {
	const char *area, *key, *as_of;
	int year, month;
	char area_out[13];
};

static int walk_month(struct dx_http_req *r, void *q,
                      int (*fn)(const struct dx_report_item *, void *), void *arg)
{
	struct trend_q *t = q;
	struct dx_date day;
	return dx_report_trend_list(r->st, &r->actor, dx_http_day(r, &day), t->area, t->year, t->month, t->key, t->as_of,
	                            t->area_out, fn, arg, &r->why);
}

int dx_route_report_list(struct dx_http_req *r)
{
	static const char *const args[] = {"key", "area", "year", "as_of", "format", NULL};
	const char *key = dx_http_arg(r, "key"), *fmt = dx_http_arg(r, "format");
	const char *as_of_arg = dx_http_arg(r, "as_of");
	struct figure_q q;
	struct dx_date day;
	char area[13], as_of[11] = "";
	cJSON *j, *items;
	int year, rc;
	memset(&q, 0, sizeof(q));
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = dx_http_year(r, dx_http_arg(r, "year"), &year)))
		return rc;
	if (!key || !*key)
		return dx_http_fail(r, DX_INVALID, "key 应为报告中一个数字的键（如 monitored、eliminated）");
	if (!fmt)
		fmt = "json";
	if (strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	if (as_of_arg && (rc = dx_http_date(r, as_of_arg, "as_of", as_of)))
		return rc;
	/* the report's own options (label, visit frequencies from the policy
	 * in force), so a list counts what its report shows */
	if ((rc = dx_actor_area(&r->actor, dx_http_arg(r, "area"), area, &r->why)) ||
	    (rc = dx_report_opts_init(r->st, area, year, as_of, dx_http_day(r, &day), &q.o)))
		return rc;
	q.key = key;
	if (!strcmp(fmt, "xlsx"))
		return list_xlsx(r, walk_figure, &q, key);
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "key", key);
	cJSON_AddStringToObject(j, "area", area);
	cJSON_AddNumberToObject(j, "year", year);
	items = cJSON_AddArrayToObject(j, "items");
	if ((rc = walk_figure(r, &q, item_json, items))) {
		cJSON_Delete(j);
		return list_fail(r, rc, key);
	}
	cJSON_AddNumberToObject(j, "total", cJSON_GetArraySize(items));
	return dx_http_reply(r, j);
}

/* GET /api/report/trend/list?key=identified|eliminated&month=&area=&year=
 * &as_of=&format=json|xlsx: the households behind one point of the trend
 * (the month's figure, from the same SQL). */
int dx_route_report_trend_list(struct dx_http_req *r)
{
	static const char *const args[] = {"key", "month", "area", "year", "as_of", "format", NULL};
	const char *fmt = dx_http_arg(r, "format"), *ms = dx_http_arg(r, "month");
	const char *as_of_arg = dx_http_arg(r, "as_of");
	struct trend_q q;
	char as_of[11] = "";
	int64_t month = 0;
	cJSON *j, *items;
	int year, rc;
	memset(&q, 0, sizeof(q));
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = dx_http_year(r, dx_http_arg(r, "year"), &year)))
		return rc;
	if (!ms || dx_parse_i64(ms, &month) || month < 1 || month > 12)
		return dx_http_fail(r, DX_INVALID, "month 应为 1 至 12 的月份");
	if (!fmt)
		fmt = "json";
	if (strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	if (as_of_arg && (rc = dx_http_date(r, as_of_arg, "as_of", as_of)))
		return rc;
	q.area = dx_http_arg(r, "area");
	q.key = dx_http_arg(r, "key");
	q.as_of = as_of;
	q.year = year;
	q.month = (int)month;
	if (!strcmp(fmt, "xlsx"))
		return list_xlsx(r, walk_month, &q, q.key);
	j = cJSON_CreateObject();
	items = cJSON_CreateArray();
	if ((rc = walk_month(r, &q, item_json, items))) {
		cJSON_Delete(items);
		cJSON_Delete(j);
		return rc;
	}
	cJSON_AddStringToObject(j, "key", q.key);
	cJSON_AddStringToObject(j, "area", q.area_out);
	cJSON_AddNumberToObject(j, "year", year);
	cJSON_AddNumberToObject(j, "month", q.month);
	cJSON_AddItemToObject(j, "items", items);
	cJSON_AddNumberToObject(j, "total", cJSON_GetArraySize(items));
	return dx_http_reply(r, j);
}

int dx_route_report_trend(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "year", "as_of", NULL};
	const char *as_of_arg = dx_http_arg(r, "as_of");
	struct dx_trend_month m[12];
	struct dx_date day;
	char area[13], as_of[11] = "";
	cJSON *j, *months;
	int year, n, rc;
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = dx_http_year(r, dx_http_arg(r, "year"), &year)))
		return rc;
	if (as_of_arg && (rc = dx_http_date(r, as_of_arg, "as_of", as_of)))
		return rc;
	if ((rc = dx_report_trend(r->st, &r->actor, dx_http_day(r, &day), dx_http_arg(r, "area"),
	                          year, as_of, area, m, &n, &r->why)))
		return rc;
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "area", area);
	cJSON_AddNumberToObject(j, "year", year);
	months = cJSON_AddArrayToObject(j, "months");
	for (int i = 0; i < n; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "month", m[i].month);
		cJSON_AddNumberToObject(x, "identified", (double)m[i].identified);
		cJSON_AddNumberToObject(x, "identified_persons", (double)m[i].identified_persons);
		cJSON_AddNumberToObject(x, "eliminated", (double)m[i].eliminated);
		cJSON_AddNumberToObject(x, "eliminated_persons", (double)m[i].eliminated_persons);
		cJSON_AddItemToArray(months, x);
	}
	return dx_http_reply(r, j);
}
