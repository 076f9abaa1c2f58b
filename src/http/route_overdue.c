/*
 * route_overdue.c - GET /api/overdue?area=&as_of=: clues and cases past
 * their deadlines under the actor's scope (app/overdue.h).
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/overdue.h"

#include <cjson/cJSON.h>

static int add_item(const struct dx_overdue_item *it, void *arg)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "what", it->what);
	cJSON_AddNumberToObject(j, "id", (double)it->id);
	cJSON_AddStringToObject(j, "hh_no", it->hh_no);
	cJSON_AddStringToObject(j, "area_code", it->area_code);
	cJSON_AddStringToObject(j, "kind", it->kind);
	cJSON_AddStringToObject(j, "pending", it->pending);
	cJSON_AddStringToObject(j, "level", dx_level_name(it->level));
	cJSON_AddStringToObject(j, "deadline", it->deadline);
	cJSON_AddNumberToObject(j, "days_over", (double)it->days_over);
	cJSON_AddBoolToObject(j, "green", it->green);
	cJSON_AddItemToArray(arg, j);
	return DX_OK;
}

int dx_route_overdue(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "as_of", NULL};
	const char *as_of_arg = dx_http_arg(r, "as_of");
	char as_of[11];
	cJSON *j, *items;
	int rc;
	if ((rc = dx_http_args_only(r, args)) || (rc = dx_http_date(r, as_of_arg, "as_of", as_of)))
		return rc;
	j = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(j, "items");
	rc = dx_overdue_list(r->st, &r->actor, dx_http_arg(r, "area"), as_of, add_item, items,
	                     &r->why);
	if (rc) {
		cJSON_Delete(j);
		return rc;
	}
	return dx_http_reply(r, j);
}
