/*
 * route_followup.c - GET /api/visits/overdue?area=&as_of=&format=json|xlsx:
 * monitored households visited less often in the week to as_of than the
 * policy in force asks (app/followup.h dx_visits_overdue), by cadre,
 * village and 户编号, as JSON or as an xlsx download with the CLI's
 * columns.  (Logging a visit is POST /api/visits, in route_visits.c.)
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/ctx.h"
#include "app/followup.h"
#include "io/xlsx_write.h"

#include <cjson/cJSON.h>

static int add_due(const struct dx_visit_due *d, void *arg)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "hh_no", d->v->hh_no);
	cJSON_AddStringToObject(j, "area_code", d->v->area_code);
	cJSON_AddStringToObject(j, "village", d->village);
	cJSON_AddStringToObject(j, "head", d->v->head);
	cJSON_AddBoolToObject(j, "eliminated", d->v->eliminated);
	cJSON_AddNumberToObject(j, "visits", d->v->visits);
	cJSON_AddNumberToObject(j, "required", d->required);
	cJSON_AddStringToObject(j, "last_visit", d->v->last_visit);
	cJSON_AddStringToObject(j, "cadre", d->cadre);
	cJSON_AddItemToArray(arg, j);
	return DX_OK;
}

static int due_row(const struct dx_visit_due *d, void *arg)
{
	struct dx_visit_due_buf buf;
	const char *cells[DX_VISIT_DUE_COLS];
	dx_visit_due_cells(d, &buf, cells);
	dx_tw_row(arg, cells, DX_VISIT_DUE_COLS, DX_TW_PLAIN);
	return DX_OK;
}

static int due_rows(struct dx_http_req *r, struct dx_tw *w, void *arg)
{
	long total = 0;
	struct dx_ctx cx;
	return dx_http_answered(r, &cx, dx_visits_overdue(dx_http_ctx(r, &cx), dx_http_arg(r, "area"),
	                                                  arg, NULL, due_row, w, &total));
}

int dx_route_visits_overdue(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "as_of", "format", NULL};
	const char *fmt = dx_http_arg(r, "format");
	char as_of[11];
	cJSON *j, *items;
	long total = 0;
	struct dx_ctx cx;
	int rc;
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = dx_http_date(r, dx_http_arg(r, "as_of"), "as_of", as_of)))
		return rc;
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	if (fmt && !strcmp(fmt, "xlsx")) /* the columns of `visit overdue --out` */
		return dx_http_xlsx_list(r, "走访不足", "attachment; filename=\"visits-due.xlsx\"",
		                         dx_visit_due_heads, DX_VISIT_DUE_COLS, due_rows, as_of);
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "as_of", as_of);
	items = cJSON_AddArrayToObject(j, "items");
	rc = dx_visits_overdue(dx_http_ctx(r, &cx), dx_http_arg(r, "area"), as_of, NULL, add_due,
	                       items, &total);
	if ((rc = dx_http_answered(r, &cx, rc))) {
		cJSON_Delete(j);
		return rc;
	}
	cJSON_AddNumberToObject(j, "monitored", total);
	return dx_http_reply(r, j);
}
