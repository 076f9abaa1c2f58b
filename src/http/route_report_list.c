/*
 * route_report_list.c - the dashboard's drill-downs and trend (issue 15):
 * GET /api/report/list?key=&area=&year=&as_of=&format=json|xlsx, the
 * households behind one figure of GET /api/report (app/report.h
 * dx_report_list, as `dixian report --list KEY`), as JSON or as an xlsx
 * download with the CLI's columns; and GET /api/report/trend?area=&year=
 * &as_of=, the households identified and eliminated per month
 * (app/report_trend.h).  Areas are narrowed to the actor's scope; a wider
 * one is refused.  The lists carry names and numbers, no ID or phone.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/policy.h"
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
	struct dx_tw *w = arg;
	char n[16];
	dx_snprintf(n, sizeof(n), "%d", it->persons);
	dx_tw_cell(w, it->hh_no, DX_TW_PLAIN);
	dx_tw_cell(w, it->head_name, DX_TW_PLAIN);
	dx_tw_cell(w, it->township, DX_TW_PLAIN);
	dx_tw_cell(w, it->village, DX_TW_PLAIN);
	dx_tw_cell(w, it->area_code, DX_TW_PLAIN);
	dx_tw_cell(w, n, DX_TW_PLAIN);
	dx_tw_endrow(w);
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

/* The list as an xlsx download: header row, then the households. */
static int list_xlsx(struct dx_http_req *r, const struct dx_report_opts *o, const char *key)
{
	struct dx_http_tmp t;
	struct dx_tw *w = NULL;
	int rc, rc2;
	if ((rc = dx_http_tmp_open(&t, ".xlsx")))
		return rc;
	if ((rc = dx_tw_open(&w, t.path, DX_TW_XLSX, "农户清单"))) {
		dx_http_tmp_remove(&t);
		return rc;
	}
	for (size_t i = 0; i < DX_ARRAY_SIZE(list_heads); i++)
		dx_tw_cell(w, list_heads[i], DX_TW_HEADER);
	dx_tw_endrow(w);
	rc = dx_report_list(r->st, o, key, item_row, w, &r->why);
	rc2 = dx_tw_close(w);
	if (rc || rc2) {
		dx_http_tmp_remove(&t);
		return rc ? list_fail(r, rc, key) : rc2;
	}
	return dx_http_tmp_send(r, &t, dx_http_ctype("xlsx"),
	                        "attachment; filename=\"households.xlsx\"");
}

int dx_route_report_list(struct dx_http_req *r)
{
	static const char *const args[] = {"key", "area", "year", "as_of", "format", NULL};
	const char *key = dx_http_arg(r, "key"), *fmt = dx_http_arg(r, "format");
	const char *as_of_arg = dx_http_arg(r, "as_of");
	struct dx_report_opts o;
	struct dx_policy pol;
	char area[13], as_of[11] = "";
	cJSON *j, *items;
	int year, rc;
	memset(&o, 0, sizeof(o));
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
	if ((rc = dx_actor_area(&r->actor, dx_http_arg(r, "area"), area, &r->why)) ||
	    (rc = dx_app_policy(r->st, area, year, as_of, &pol)))
		return rc;
	o.area = area;
	o.year = year;
	o.as_of = as_of;
	o.label = pol.target_label;
	o.visits_active = pol.visits_per_week_active;
	o.visits_eliminated = pol.visits_per_week_eliminated;
	if (!strcmp(fmt, "xlsx"))
		return list_xlsx(r, &o, key);
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "key", key);
	cJSON_AddStringToObject(j, "area", area);
	cJSON_AddNumberToObject(j, "year", year);
	items = cJSON_AddArrayToObject(j, "items");
	if ((rc = dx_report_list(r->st, &o, key, item_json, items, &r->why))) {
		cJSON_Delete(j);
		return list_fail(r, rc, key);
	}
	cJSON_AddNumberToObject(j, "total", cJSON_GetArraySize(items));
	return dx_http_reply(r, j);
}

int dx_route_report_trend(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "year", "as_of", NULL};
	const char *as_of_arg = dx_http_arg(r, "as_of");
	struct dx_trend_month m[12];
	char area[13], as_of[11] = "";
	cJSON *j, *months;
	int year, n, rc;
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = dx_http_year(r, dx_http_arg(r, "year"), &year)))
		return rc;
	if (as_of_arg && (rc = dx_http_date(r, as_of_arg, "as_of", as_of)))
		return rc;
	if ((rc = dx_report_trend(r->st, &r->actor, dx_http_arg(r, "area"), year, as_of, area, m, &n,
	                          &r->why)))
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
