/*
 * route_households.c - GET /api/households?q=&area=&page=&format=json|xlsx
 * (a page of the list, scoped and masked by app/household_list.c; as xlsx
 * every page of it) and
 * GET /api/households/{hh_no}: the household record (户档案) built by
 * app/household_record.c and rendered by app/household_out.c, the same
 * JSON as `dixian household show --format json`.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/household_list.h"
#include "app/household_out.h"
#include "app/household_record.h"
#include "io/xlsx_write.h"

#include <cjson/cJSON.h>

static cJSON *summary_json(const struct dx_hh_summary *h)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "hh_no", h->hh_no);
	cJSON_AddStringToObject(j, "area_code", h->area_code);
	cJSON_AddStringToObject(j, "group", h->group_name);
	cJSON_AddStringToObject(j, "kind", h->kind);
	if (h->tuopin_year)
		cJSON_AddNumberToObject(j, "tuopin_year", h->tuopin_year);
	else
		cJSON_AddNullToObject(j, "tuopin_year");
	cJSON_AddStringToObject(j, "head", h->head);
	cJSON_AddNumberToObject(j, "member_count", h->members);
	cJSON_AddStringToObject(j, "phone", h->phone);
	return j;
}

static int add_summary(const struct dx_hh_summary *h, void *arg)
{
	cJSON_AddItemToArray(arg, summary_json(h));
	return DX_OK;
}

/* Parse the optional `page` argument (default 1). */
static int page_arg(struct dx_http_req *r, int64_t *page)
{
	const char *p = dx_http_arg(r, "page");
	*page = 1;
	if (p && (dx_parse_i64(p, page) || *page < 1))
		return dx_http_fail(r, DX_INVALID, "page 应为从 1 开始的整数");
	return DX_OK;
}

static int hh_row(const struct dx_hh_summary *h, void *arg)
{
	struct dx_hh_buf buf;
	const char *cells[DX_HH_COLS];
	dx_hh_cells(h, &buf, cells);
	dx_tw_row(arg, cells, DX_HH_COLS, DX_TW_PLAIN);
	return DX_OK;
}

/* The whole search result (every page), for the xlsx download. */
static int hh_rows(struct dx_http_req *r, struct dx_tw *w, void *arg)
{
	int64_t total;
	return dx_household_matches(r->st, &r->actor, dx_http_arg(r, "area"), dx_http_arg(r, "q"),
	                            hh_row, w, &total, &r->why);
}

int dx_route_households(struct dx_http_req *r)
{
	static const char *const args[] = {"q", "area", "page", "format", NULL};
	const char *fmt = dx_http_arg(r, "format");
	cJSON *j, *items;
	int64_t page, total = 0;
	int rc;
	if ((rc = dx_http_args_only(r, args)) || (rc = page_arg(r, &page)))
		return rc;
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	if (fmt && !strcmp(fmt, "xlsx"))
		return dx_http_xlsx_list(r, "农户", "attachment; filename=\"households.xlsx\"",
		                         dx_hh_heads, DX_HH_COLS, hh_rows, NULL);
	j = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(j, "items");
	rc = dx_household_page(r->st, &r->actor, dx_http_arg(r, "area"), dx_http_arg(r, "q"), page,
	                       add_summary, items, &total, &r->why);
	if (rc) {
		cJSON_Delete(j);
		return rc;
	}
	cJSON_AddNumberToObject(j, "page", (double)page);
	cJSON_AddNumberToObject(j, "page_size", DX_HH_PAGE_SIZE);
	cJSON_AddNumberToObject(j, "total", (double)total);
	return dx_http_reply(r, j);
}

int dx_route_household(struct dx_http_req *r)
{
	static const char *const args[] = {"unmasked", NULL};
	const char *um = dx_http_arg(r, "unmasked");
	struct dx_date day;
	int rc;
	if ((rc = dx_http_args_only(r, args)))
		return rc;
	if (um && strcmp(um, "0") && strcmp(um, "1"))
		return dx_http_fail(r, DX_INVALID, "unmasked 应为 0 或 1");
	/* an unmasked read writes its audit row: not inside the read
	 * snapshot the session check shared with this route */
	if (um && !strcmp(um, "1"))
		dx_http_snapshot_end(r);
	/* written straight into the answer (the API's busiest route) */
	dx_buf_reset(&r->out);
	dx_buf_grow(&r->out, 8192); /* a usual record's answer is 5 KiB */
	if ((rc = dx_household_record_json_get(r->st, &r->actor, dx_http_day(r, &day), r->cap[0],
	                                       um && !strcmp(um, "1"), &r->out, &r->why)))
		return rc;
	return r->out.err ? DX_NOMEM : DX_OK;
}
