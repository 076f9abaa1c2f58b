/*
 * route_ledgers.c - the other ledgers (issue 19, app/ledgers.h):
 * GET /api/ledgers/{kind}?area= lists 小额信贷 (loans), 救助申请
 * (applications), 救助发放 (relief), 问题整改 (problems) and 培训与公益性岗位
 * (training) of the account's area with their template's headers, 证件号码
 * masked; POST /api/problems/{no}/close is the 销号 step by the
 * responsible level.  Exports and imports go through /api/exports/{kind}
 * and /api/imports like the persons ledger.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/ctx.h"
#include "app/ledgers.h"
#include "store/ledger.h"

#include <cjson/cJSON.h>

struct lj {
	cJSON *heads, *items;
};

/* the headers once into columns, then each row as an array of texts */
static int add_head(const char *const *cells, int n, int header, void *arg)
{
	struct lj *l = arg;
	cJSON *a = header ? l->heads : cJSON_CreateArray();
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(cells[i]));
	if (!header)
		cJSON_AddItemToArray(l->items, a);
	return 0;
}

int dx_route_ledger_list(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const args[] = {"area", NULL};
	struct lj l;
	cJSON *j;
	int rc;
	if ((rc = dx_http_args_only(r, args)))
		return rc;
	if (!dx_ledger_list_kind(r->cap[0]))
		return dx_http_fail(r, DX_NOT_FOUND,
				    "没有这种台账（应为 loans、applications、relief、problems 或 training）");
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "kind", r->cap[0]);
	l.heads = cJSON_AddArrayToObject(j, "columns");
	l.items = cJSON_AddArrayToObject(j, "items");
	rc = dx_ledger_list(dx_http_ctx(r, &cx), r->cap[0], dx_http_arg(r, "area"), add_head, &l);
	if ((rc = dx_http_answered(r, &cx, rc))) {
		cJSON_Delete(j);
		return rc;
	}
	cJSON_AddNumberToObject(j, "total", cJSON_GetArraySize(l.items));
	return dx_http_reply(r, j);
}

int dx_route_problem_close(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const fields[] = {"date", "county", NULL};
	cJSON *body = NULL, *j;
	const char *cty;
	char county[7], date[11];
	int rc;
	if ((rc = dx_http_args_only(r, NULL)))
		return rc;
	if ((rc = dx_http_json_body(r->body, r->body_len, fields, "ss", &body, &r->why)))
		return rc;
	cty = dx_http_jstr(body, "county");
	if (cty && *cty)
		dx_strlcpy(county, cty, sizeof(county));
	else if (strlen(r->actor.acc.scope) >= 6)
		dx_strlcpy(county, r->actor.acc.scope, sizeof(county));
	else if (dx_ledger_single_county(r->st, county)) {
		rc = dx_http_fail(r, DX_INVALID, "库中有多个县，请用 county 指定问题所属的县");
		goto out;
	}
	if ((rc = dx_http_date(r, dx_http_jstr(body, "date"), "date", date)))
		goto out;
	rc = dx_problem_close(dx_http_ctx(r, &cx), county, r->cap[0], date);
	if ((rc = dx_http_answered(r, &cx, rc)))
		goto out;
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "problem_no", r->cap[0]);
	cJSON_AddStringToObject(j, "status", "已销号");
	cJSON_AddStringToObject(j, "closed_on", date);
	rc = dx_http_reply(r, j);
out:
	cJSON_Delete(body);
	return rc;
}
