/*
 * route_cases.c - identification and elimination cases (app/case.h):
 * GET /api/cases?area=&state=&format=json|xlsx (the list also as an xlsx
 * download), POST /api/cases (open), GET /api/cases/{id}
 * and POST /api/cases/{id}/steps.  The use cases check scope (a case
 * outside it is not found), the level of each step and the policy.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/case.h"
#include "app/ctx.h"
#include "io/xlsx_write.h"

#include <cjson/cJSON.h>

static cJSON *case_json(const struct dx_case_row *c)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", (double)c->id);
	cJSON_AddStringToObject(j, "hh_no", c->hh_no);
	cJSON_AddStringToObject(j, "area_code", c->area_code);
	cJSON_AddStringToObject(j, "kind", c->kind);
	cJSON_AddStringToObject(j, "state", c->state);
	cJSON_AddStringToObject(j, "opened_on", c->opened_on);
	cJSON_AddStringToObject(j, "deadline", c->deadline);
	cJSON_AddStringToObject(j, "closed_on", c->closed_on);
	cJSON_AddStringToObject(j, "reason", c->reason);
	cJSON_AddStringToObject(j, "category", c->category);
	cJSON_AddStringToObject(j, "risks", c->risks);
	cJSON_AddStringToObject(j, "elim_kind", c->elim_kind);
	cJSON_AddBoolToObject(j, "green", c->green_channel);
	cJSON_AddStringToObject(j, "opened_by", c->opened_by);
	cJSON_AddStringToObject(j, "flag", c->flag);
	return j;
}

static int add_case(const struct dx_case_row *c, void *arg)
{
	cJSON_AddItemToArray(arg, case_json(c));
	return DX_OK;
}

static int case_row(const struct dx_case_row *c, void *arg)
{
	struct dx_case_buf buf;
	const char *cells[DX_CASE_COLS];
	dx_case_cells(c, &buf, cells);
	dx_tw_row(arg, cells, DX_CASE_COLS, DX_TW_PLAIN);
	return DX_OK;
}

static int case_rows(struct dx_http_req *r, struct dx_tw *w, void *arg)
{
	struct dx_ctx cx;
	return dx_http_answered(r, &cx, dx_case_list(dx_http_ctx(r, &cx), dx_http_arg(r, "area"),
	                                             arg, case_row, w));
}

int dx_route_cases(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const args[] = {"area", "state", "format", NULL};
	const char *state = dx_http_arg(r, "state"), *fmt = dx_http_arg(r, "format");
	cJSON *j, *items;
	int rc;
	if ((rc = dx_http_args_only(r, args)))
		return rc;
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	if (fmt && !strcmp(fmt, "xlsx"))
		return dx_http_xlsx_list(r, "审核案件", "attachment; filename=\"cases.xlsx\"", dx_case_heads,
		                         DX_CASE_COLS, case_rows,
		                         (void *)(state ? state : ""));
	j = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(j, "items");
	rc = dx_case_list(dx_http_ctx(r, &cx), dx_http_arg(r, "area"), state ? state : "",
	                  add_case, items);
	rc = dx_http_answered(r, &cx, rc);
	if (rc) {
		cJSON_Delete(j);
		return rc;
	}
	return dx_http_reply(r, j);
}

int dx_route_case_open(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const fields[] = {"kind",     "hh_no",     "clue_id", "category",
	                                     "risks",    "elim_kind", "green",   "risks_unresolved",
	                                     "new_risk", "date",      NULL};
	struct dx_case_req q;
	cJSON *body = NULL, *j;
	char date[11];
	int64_t id = 0;
	int rc;
	memset(&q, 0, sizeof(q));
	if ((rc = dx_http_json_body(r->body, r->body_len, fields, "Ssisssbbbs", &body, &r->why)))
		return rc;
	if ((rc = dx_http_date(r, dx_http_jstr(body, "date"), "date", date)))
		goto out;
	q.kind = dx_http_jstr(body, "kind");
	q.hh_no = dx_http_jstr(body, "hh_no");
	q.clue_id = dx_http_jint(body, "clue_id");
	q.category = dx_http_jstr(body, "category");
	q.risks = dx_http_jstr(body, "risks");
	q.elim_kind = dx_http_jstr(body, "elim_kind");
	q.green = dx_http_jbool(body, "green");
	q.risks_unresolved = dx_http_jbool(body, "risks_unresolved");
	q.new_risk = dx_http_jbool(body, "new_risk");
	q.date = date;
	if (!q.hh_no == !q.clue_id) {
		rc = dx_http_fail(r, DX_INVALID, "应给出 hh_no 或 clue_id 之一");
		goto out;
	}
	if ((rc = dx_http_answered(r, &cx, dx_case_open(dx_http_ctx(r, &cx), &q, &id))))
		goto out;
	j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", (double)id);
	r->status = 201;
	rc = dx_http_reply(r, j);
out:
	cJSON_Delete(body);
	return rc;
}

int dx_route_case(struct dx_http_req *r)
{
	struct dx_ctx cx;
	struct dx_case_view *v = NULL;
	cJSON *j, *steps;
	int64_t id;
	int rc;
	if ((rc = dx_http_args_only(r, NULL)) || (rc = dx_http_cap_id(r, 0, &id)))
		return rc;
	if (!(v = calloc(1, sizeof(*v))))
		return DX_NOMEM;
	if ((rc = dx_http_answered(r, &cx, dx_case_get(dx_http_ctx(r, &cx), id, v))))
		goto out;
	j = case_json(&v->c);
	if (v->next_step >= 0)
		cJSON_AddStringToObject(j, "next_step", dx_step_name((enum dx_step)v->next_step));
	else
		cJSON_AddNullToObject(j, "next_step");
	cJSON_AddStringToObject(j, "notice_ends", v->notice_ends);
	steps = cJSON_AddArrayToObject(j, "steps");
	for (size_t i = 0; i < v->nsteps && i < DX_CASE_MAX_STEPS; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "step", v->steps[i].step);
		cJSON_AddStringToObject(s, "result", v->steps[i].result);
		cJSON_AddStringToObject(s, "actor", v->steps[i].actor);
		cJSON_AddStringToObject(s, "actor_level", v->steps[i].actor_level);
		cJSON_AddStringToObject(s, "done_on", v->steps[i].done_on);
		cJSON_AddStringToObject(s, "note", v->steps[i].note);
		cJSON_AddItemToArray(steps, s);
	}
	rc = dx_http_reply(r, j);
out:
	free(v);
	return rc;
}

int dx_route_case_step(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const fields[] = {"step", "action", "note", "date", NULL};
	cJSON *body = NULL;
	char date[11];
	int64_t id;
	int rc;
	if ((rc = dx_http_cap_id(r, 0, &id)))
		return rc;
	if ((rc = dx_http_json_body(r->body, r->body_len, fields, "sSss", &body, &r->why)))
		return rc;
	if ((rc = dx_http_date(r, dx_http_jstr(body, "date"), "date", date)))
		goto out;
	rc = dx_case_step(dx_http_ctx(r, &cx), id, dx_http_jstr(body, "step"),
	                  dx_http_jstr(body, "action"), dx_http_jstr(body, "note"), date);
	if ((rc = dx_http_answered(r, &cx, rc)))
		goto out;
	/* answer with the case as it is now */
	cJSON_Delete(body);
	body = NULL;
	rc = dx_route_case(r);
out:
	cJSON_Delete(body);
	return rc;
}
