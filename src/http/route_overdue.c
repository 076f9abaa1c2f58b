/*
 * route_overdue.c - GET /api/overdue?area=&as_of=&format=json|xlsx: clues
 * and cases past their deadlines under the actor's scope (app/overdue.h),
 * as JSON or as an xlsx download with the CLI's columns.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/ctx.h"
#include "app/overdue.h"
#include "io/xlsx_write.h"

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

static int item_row(const struct dx_overdue_item *it, void *arg)
{
	struct dx_overdue_buf buf;
	const char *cells[DX_OVERDUE_COLS];
	dx_overdue_cells(it, &buf, cells);
	dx_tw_row(arg, cells, DX_OVERDUE_COLS, DX_TW_PLAIN);
	return DX_OK;
}

static int item_rows(struct dx_http_req *r, struct dx_tw *w, void *arg)
{
	struct dx_ctx cx;
	return dx_http_answered(r, &cx, dx_overdue_list(dx_http_ctx(r, &cx),
							dx_http_arg(r, "area"), arg, item_row, w));
}

int dx_route_overdue(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "as_of", "format", NULL};
	const char *as_of_arg = dx_http_arg(r, "as_of");
	const char *fmt = dx_http_arg(r, "format");
	char as_of[11];
	cJSON *j, *items;
	struct dx_ctx cx;
	int rc;
	if ((rc = dx_http_args_only(r, args)) || (rc = dx_http_date(r, as_of_arg, "as_of", as_of)))
		return rc;
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	if (fmt && !strcmp(fmt, "xlsx")) /* the columns of `dixian overdue --out` */
		return dx_http_xlsx_list(r, "逾期清单", "attachment; filename=\"overdue.xlsx\"",
					 dx_overdue_heads, DX_OVERDUE_COLS, item_rows, as_of);
	j = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(j, "items");
	rc = dx_overdue_list(dx_http_ctx(r, &cx), dx_http_arg(r, "area"), as_of, add_item, items);
	rc = dx_http_answered(r, &cx, rc);
	if (rc) {
		cJSON_Delete(j);
		return rc;
	}
	return dx_http_reply(r, j);
}
