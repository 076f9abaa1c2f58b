/*
 * route_clues.c - GET /api/clues?area=&state=&format=json|xlsx and POST
 * /api/clues: risk clues (风险线索) through app/clue.h, which scopes them
 * to the actor; the list also as an xlsx download.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/clue.h"
#include "app/ctx.h"
#include "core/date.h"
#include "io/xlsx_write.h"

#include <cjson/cJSON.h>

static cJSON *clue_json(const struct dx_clue_row *c)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", (double)c->id);
	cJSON_AddStringToObject(j, "hh_no", c->hh_no);
	cJSON_AddStringToObject(j, "area_code", c->area_code);
	cJSON_AddStringToObject(j, "source", c->source);
	cJSON_AddStringToObject(j, "reason", c->reason);
	cJSON_AddStringToObject(j, "found_on", c->found_on);
	cJSON_AddStringToObject(j, "deadline", c->deadline);
	cJSON_AddStringToObject(j, "state", c->state);
	cJSON_AddStringToObject(j, "result", c->result);
	cJSON_AddStringToObject(j, "closed_on", c->closed_on);
	if (c->case_id)
		cJSON_AddNumberToObject(j, "case_id", (double)c->case_id);
	else
		cJSON_AddNullToObject(j, "case_id");
	cJSON_AddStringToObject(j, "created_by", c->created_by);
	return j;
}

static int add_clue(const struct dx_clue_row *c, void *arg)
{
	cJSON_AddItemToArray(arg, clue_json(c));
	return DX_OK;
}

/* The xlsx columns: the JSON's fields, in Chinese (no ID numbers: a
 * clue names its household by 户编号). */
static const char *const clue_heads[] = {"线索编号", "户编号",   "行政村代码", "来源",
                                         "风险情况", "发现日期", "核实期限",   "状态",
                                         "核实结果", "关闭日期", "案件编号",   "登记人"};

struct clue_sheet {
	struct dx_tw *w;
	char today[11];
};

/* one row; a 待核实 clue past its deadline has that cell red, as the
 * inbox shows it */
static int clue_row(const struct dx_clue_row *c, void *arg)
{
	struct clue_sheet *x = arg;
	char id[24], case_id[24] = "";
	int late = !strcmp(c->state, "待核实") && strcmp(c->deadline, x->today) < 0;
	dx_snprintf(id, sizeof(id), "%lld", (long long)c->id);
	if (c->case_id)
		dx_snprintf(case_id, sizeof(case_id), "%lld", (long long)c->case_id);
	dx_tw_cell(x->w, id, DX_TW_PLAIN);
	dx_tw_cell(x->w, c->hh_no, DX_TW_PLAIN);
	dx_tw_cell(x->w, c->area_code, DX_TW_PLAIN);
	dx_tw_cell(x->w, c->source, DX_TW_PLAIN);
	dx_tw_cell(x->w, c->reason, DX_TW_PLAIN);
	dx_tw_cell(x->w, c->found_on, DX_TW_PLAIN);
	dx_tw_cell(x->w, c->deadline, late ? DX_TW_ERROR : DX_TW_PLAIN);
	dx_tw_cell(x->w, c->state, DX_TW_PLAIN);
	dx_tw_cell(x->w, c->result, DX_TW_PLAIN);
	dx_tw_cell(x->w, c->closed_on, DX_TW_PLAIN);
	dx_tw_cell(x->w, case_id, DX_TW_PLAIN);
	dx_tw_cell(x->w, c->created_by, DX_TW_PLAIN);
	dx_tw_endrow(x->w);
	return DX_OK;
}

static int clue_rows(struct dx_http_req *r, struct dx_tw *w, void *arg)
{
	const char *state = arg;
	struct clue_sheet x;
	struct dx_date d;
	struct dx_ctx cx;
	x.w = w;
	dx_http_day(r, &d);
	dx_date_format(&d, x.today);
	return dx_http_answered(r, &cx, dx_clue_list(dx_http_ctx(r, &cx), dx_http_arg(r, "area"),
	                                             state, clue_row, &x));
}

int dx_route_clues(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "state", "format", NULL};
	cJSON *j, *items;
	const char *state = dx_http_arg(r, "state"), *fmt = dx_http_arg(r, "format");
	struct dx_ctx cx;
	int rc;
	if ((rc = dx_http_args_only(r, args)))
		return rc;
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	if (fmt && !strcmp(fmt, "xlsx"))
		return dx_http_xlsx_list(r, "风险线索", "attachment; filename=\"clues.xlsx\"", clue_heads,
		                         DX_ARRAY_SIZE(clue_heads), clue_rows,
		                         (void *)(state ? state : ""));
	j = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(j, "items");
	rc = dx_clue_list(dx_http_ctx(r, &cx), dx_http_arg(r, "area"), state ? state : "", add_clue,
	                  items);
	rc = dx_http_answered(r, &cx, rc);
	if (rc) {
		cJSON_Delete(j);
		return rc;
	}
	return dx_http_reply(r, j);
}

int dx_route_clue_add(struct dx_http_req *r)
{
	static const char *const fields[] = {"hh_no", "source", "reason", "found_on", NULL};
	struct dx_clue_req q;
	struct dx_clue_row c;
	char found[11];
	cJSON *body = NULL;
	struct dx_ctx cx;
	int rc;
	memset(&q, 0, sizeof(q));
	if ((rc = dx_http_json_body(r->body, r->body_len, fields, "SSSs", &body, &r->why)))
		return rc;
	if ((rc = dx_http_date(r, dx_http_jstr(body, "found_on"), "found_on", found)))
		goto out;
	q.hh_no = dx_http_jstr(body, "hh_no");
	q.source = dx_http_jstr(body, "source");
	q.reason = dx_http_jstr(body, "reason");
	q.found_on = found;
	if ((rc = dx_http_answered(r, &cx, dx_clue_add(dx_http_ctx(r, &cx), &q, &c))))
		goto out;
	r->status = 201;
	rc = dx_http_reply(r, clue_json(&c));
out:
	cJSON_Delete(body);
	return rc;
}
