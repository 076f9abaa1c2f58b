/*
 * route_households.c - GET /api/households?q=&area=&page= and
 * GET /api/households/{hh_no}: scoped and masked by app/household_list.c.
 */
#include "core/dx.h"
#include "http/http.h"
#include "app/household_list.h"

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

int dx_route_households(struct dx_http_req *r)
{
	static const char *const args[] = {"q", "area", "page", NULL};
	cJSON *j, *items;
	int64_t page, total = 0;
	int rc;
	if ((rc = dx_http_args_only(r, args)) || (rc = page_arg(r, &page)))
		return rc;
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

static int add_member(const struct dx_person *p, void *arg)
{
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "name", p->name);
	cJSON_AddStringToObject(m, "relation", p->relation);
	cJSON_AddStringToObject(m, "id_no", p->id_no);
	cJSON_AddStringToObject(m, "sex", p->sex);
	cJSON_AddStringToObject(m, "birth", p->birth);
	cJSON_AddStringToObject(m, "health", p->health);
	cJSON_AddStringToObject(m, "labour", p->labour);
	cJSON_AddStringToObject(m, "school", p->school);
	cJSON_AddStringToObject(m, "phone", p->phone);
	cJSON_AddBoolToObject(m, "counted", p->counted);
	cJSON_AddBoolToObject(m, "dibao", p->dibao);
	cJSON_AddBoolToObject(m, "tekun", p->tekun);
	cJSON_AddItemToArray(arg, m);
	return DX_OK;
}

int dx_route_household(struct dx_http_req *r)
{
	static const char *const args[] = {"unmasked", NULL};
	const char *um = dx_http_arg(r, "unmasked");
	struct dx_hh_summary h;
	cJSON *members = cJSON_CreateArray(), *j;
	int rc;
	if ((rc = dx_http_args_only(r, args)))
		goto fail;
	if (um && strcmp(um, "0") && strcmp(um, "1")) {
		rc = dx_http_fail(r, DX_INVALID, "unmasked 应为 0 或 1");
		goto fail;
	}
	if ((rc = dx_household_detail(r->st, &r->actor, r->cap[0], um && !strcmp(um, "1"), &h,
	                              add_member, members, &r->why)))
		goto fail;
	j = summary_json(&h);
	cJSON_AddItemToObject(j, "members", members);
	return dx_http_reply(r, j);
fail:
	cJSON_Delete(members);
	return rc;
}
