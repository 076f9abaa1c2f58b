/*
 * route_accounts.c - GET /api/accounts?area= lists the accounts within the
 * actor's area (as `dixian account list --as`); POST /api/accounts creates
 * one through dx_account_add, whose rules decide who may (a county 经办
 * account, for areas of its county).  An account made here has no
 * password yet: POST /api/accounts/{name}/password (or `dixian account
 * passwd`) gives it one; POST /api/accounts/{name}/disable stops it
 * (issue 15; app/account.h dx_account_*_as decide who may).
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/account.h"
#include "io/xlsx_write.h"
#include "app/ctx.h"
#include "store/account.h"

#include <cjson/cJSON.h>

static int add_account(const struct dx_account *a, void *arg)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "name", a->name);
	cJSON_AddStringToObject(j, "display_name", a->display_name);
	cJSON_AddStringToObject(j, "level", a->level);
	cJSON_AddStringToObject(j, "scope", a->scope);
	cJSON_AddStringToObject(j, "role", a->role);
	cJSON_AddBoolToObject(j, "disabled", a->disabled);
	cJSON_AddItemToArray(arg, j);
	return DX_OK;
}

static int account_row(const struct dx_account *a, void *arg)
{
	const char *cells[DX_ACCOUNT_COLS];
	dx_account_cells(a, cells);
	dx_tw_row(arg, cells, DX_ACCOUNT_COLS, DX_TW_PLAIN);
	return DX_OK;
}

static int account_rows(struct dx_http_req *r, struct dx_tw *w, void *area)
{
	return dx_store_account_list(r->st, area, account_row, w);
}

int dx_route_accounts(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "format", NULL};
	const char *fmt = dx_http_arg(r, "format");
	char area[13];
	cJSON *j, *items;
	int rc;
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = dx_actor_area(&r->actor, dx_http_arg(r, "area"), area, &r->why)))
		return rc;
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	if (fmt && !strcmp(fmt, "xlsx"))
		return dx_http_xlsx_list(r, "账号", "attachment; filename=\"accounts.xlsx\"",
		                         dx_account_heads, DX_ACCOUNT_COLS, account_rows, area);
	j = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(j, "items");
	if ((rc = dx_store_account_list(r->st, area, add_account, items))) {
		cJSON_Delete(j);
		return rc;
	}
	return dx_http_reply(r, j);
}

int dx_route_account_add(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const fields[] = {"name", "level", "scope", "role", NULL};
	struct dx_account a;
	cJSON *body = NULL;
	int rc;
	if ((rc = dx_http_args_only(r, NULL)) ||
	    (rc = dx_http_json_body(r->body, r->body_len, fields, "SSSs", &body, &r->why)))
		return rc;
	if (!(rc = dx_http_answered(r, &cx, dx_account_add(dx_http_ctx(r, &cx),
	                                                   dx_http_jstr(body, "name"),
	                                                   dx_http_jstr(body, "level"),
	                                                   dx_http_jstr(body, "scope"),
	                                                   dx_http_jstr(body, "role")))) &&
	    !(rc = dx_store_account_get(r->st, dx_http_jstr(body, "name"), &a))) {
		cJSON *j = cJSON_CreateArray();
		add_account(&a, j);
		r->status = 201;
		rc = dx_http_reply(r, cJSON_DetachItemFromArray(j, 0));
		cJSON_Delete(j);
	}
	cJSON_Delete(body);
	return rc;
}

/* The account's row as answered after a change. */
static int reply_account(struct dx_http_req *r, const char *name)
{
	struct dx_account a;
	cJSON *j;
	int rc;
	if ((rc = dx_store_account_get(r->st, name, &a)))
		return rc;
	j = cJSON_CreateArray();
	add_account(&a, j);
	rc = dx_http_reply(r, cJSON_DetachItemFromArray(j, 0));
	cJSON_Delete(j);
	return rc;
}

int dx_route_account_password(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const fields[] = {"password", NULL};
	cJSON *body = NULL;
	int rc;
	if ((rc = dx_http_args_only(r, NULL)) ||
	    (rc = dx_http_json_body(r->body, r->body_len, fields, "S", &body, &r->why)))
		return rc;
	if (!(rc = dx_http_answered(r, &cx, dx_account_passwd_as(dx_http_ctx(r, &cx), r->cap[0],
	                                                         dx_http_jstr(body, "password")))))
		rc = reply_account(r, r->cap[0]);
	cJSON_Delete(body);
	return rc;
}

int dx_route_account_disable(struct dx_http_req *r)
{
	struct dx_ctx cx;
	int rc;
	if ((rc = dx_http_args_only(r, NULL)))
		return rc;
	if (!(rc = dx_http_answered(r, &cx, dx_account_disable_as(dx_http_ctx(r, &cx), r->cap[0]))))
		rc = reply_account(r, r->cap[0]);
	return rc;
}
