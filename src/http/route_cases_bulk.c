/*
 * route_cases_bulk.c - POST /api/cases/approve {"ids": [...], "date": ...}:
 * 批量审核 (issue 15).  app/case_bulk.c passes each case's pending step
 * through the step use case; the answer lists every case's result (passed,
 * or refused with the reason and its code), in the order given.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/case_bulk.h"

#include <cjson/cJSON.h>

static const char *code_of(int rc)
{
	switch (rc) {
#define DX_BULK_CODE(name, code, http, desc) \
	case DX_##name: return #name;
		DX_ERRORS(DX_BULK_CODE)
#undef DX_BULK_CODE
	}
	return "ERROR";
}

struct bulk_out {
	cJSON *items;
	int passed, refused;
};

static int add_result(const struct dx_bulk_result *res, void *arg)
{
	struct bulk_out *o = arg;
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", (double)res->id);
	cJSON_AddBoolToObject(j, "ok", res->rc == DX_OK);
	cJSON_AddStringToObject(j, "step", res->step);
	cJSON_AddStringToObject(j, "state", res->state);
	if (res->rc) {
		cJSON_AddStringToObject(j, "code", code_of(res->rc));
		cJSON_AddStringToObject(j, "message", res->message);
		o->refused++;
	} else {
		o->passed++;
	}
	cJSON_AddItemToArray(o->items, j);
	return DX_OK;
}

int dx_route_cases_approve(struct dx_http_req *r)
{
	static const char *const fields[] = {"ids", "date", NULL};
	int64_t ids[DX_BULK_MAX];
	struct bulk_out o = {NULL, 0, 0};
	struct dx_date day;
	cJSON *body = NULL, *arr, *e, *j;
	char date[11];
	size_t n = 0;
	int rc;
	if ((rc = dx_http_args_only(r, NULL)) ||
	    (rc = dx_http_json_body(r->body, r->body_len, fields, "As", &body, &r->why)))
		return rc;
	arr = cJSON_GetObjectItemCaseSensitive(body, "ids");
	cJSON_ArrayForEach(e, arr)
	{
		if (n >= DX_BULK_MAX) {
			rc = dx_http_fail(r, DX_INVALID, "一次批量审核最多 %d 件案件", DX_BULK_MAX);
			goto out;
		}
		if (!cJSON_IsNumber(e) || e->valuedouble < 1 || e->valuedouble > 9e15 ||
		    e->valuedouble != (double)(int64_t)e->valuedouble) {
			rc = dx_http_fail(r, DX_INVALID, "ids 应为案件编号（正整数）的数组");
			goto out;
		}
		for (size_t k = 0; k < n; k++)
			if (ids[k] == (int64_t)e->valuedouble) {
				rc = dx_http_fail(r, DX_INVALID, "案件 %lld 重复", (long long)ids[k]);
				goto out;
			}
		ids[n++] = (int64_t)e->valuedouble;
	}
	if ((rc = dx_http_date(r, dx_http_jstr(body, "date"), "date", date)))
		goto out;
	o.items = cJSON_CreateArray();
	if ((rc = dx_case_approve_many(r->st, &r->actor, dx_http_day(r, &day), ids, n, date,
					add_result, &o, &r->why))) {
		cJSON_Delete(o.items);
		goto out;
	}
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "date", date);
	cJSON_AddNumberToObject(j, "passed", o.passed);
	cJSON_AddNumberToObject(j, "refused", o.refused);
	cJSON_AddItemToObject(j, "items", o.items);
	rc = dx_http_reply(r, j);
out:
	cJSON_Delete(body);
	return rc;
}
