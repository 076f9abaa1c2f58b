/*
 * route_followup.c - GET /api/visits/overdue?area=&as_of=: monitored
 * households visited less often in the week to as_of than the policy in
 * force asks (app/followup.h dx_visits_overdue), by cadre, village and
 * 户编号.  (Logging a visit is POST /api/visits, in route_visits.c.)
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/ctx.h"
#include "app/followup.h"

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

int dx_route_visits_overdue(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "as_of", NULL};
	char as_of[11];
	cJSON *j, *items;
	long total = 0;
	struct dx_ctx cx;
	int rc;
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = dx_http_date(r, dx_http_arg(r, "as_of"), "as_of", as_of)))
		return rc;
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
