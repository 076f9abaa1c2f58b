/*
 * route_measures.c - 一户一策 measures (app/followup.h):
 * GET /api/households/{hh_no}/measures, POST the same path to add one, and
 * PATCH /api/measures/{id} to change the fields given (e.g. 计划 → 已落实).
 * Values are checked by the use case with the measure ledger's own rules;
 * a household or measure outside the actor's scope is not found.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/ctx.h"
#include "app/followup.h"

#include <cjson/cJSON.h>

static int add_measure(const struct dx_measure *m, void *arg)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", (double)m->id);
	cJSON_AddStringToObject(j, "category", m->category);
	cJSON_AddStringToObject(j, "detail", m->detail);
	cJSON_AddStringToObject(j, "status", m->status);
	cJSON_AddNumberToObject(j, "amount", (double)m->amount);
	cJSON_AddStringToObject(j, "start_on", m->start_on);
	cJSON_AddStringToObject(j, "end_on", m->end_on);
	cJSON_AddStringToObject(j, "cadre", m->cadre);
	cJSON_AddItemToArray(arg, j);
	return DX_OK;
}

int dx_route_measures(struct dx_http_req *r)
{
	cJSON *j, *items;
	struct dx_ctx cx;
	int rc;
	if ((rc = dx_http_args_only(r, NULL)))
		return rc;
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "hh_no", r->cap[0]);
	items = cJSON_AddArrayToObject(j, "items");
	rc = dx_measure_list(dx_http_ctx(r, &cx), r->cap[0], add_measure, items);
	if ((rc = dx_http_answered(r, &cx, rc))) {
		cJSON_Delete(j);
		return rc;
	}
	return dx_http_reply(r, j);
}

static const char *const measure_fields[] = {"category", "detail",   "status", "amount",
                                             "start_on", "end_on", "cadre",  NULL};

/* The request from the body: amounts travel as text in yuan, as the
 * ledger has them ("1200", "1200.50"), and are parsed by the use case. */
static void measure_req(const cJSON *body, struct dx_measure_req *q)
{
	q->category = dx_http_jstr(body, "category");
	q->detail = dx_http_jstr(body, "detail");
	q->status = dx_http_jstr(body, "status");
	q->amount = dx_http_jstr(body, "amount");
	q->start_on = dx_http_jstr(body, "start_on");
	q->end_on = dx_http_jstr(body, "end_on");
	q->cadre = dx_http_jstr(body, "cadre");
}

int dx_route_measure_add(struct dx_http_req *r)
{
	struct dx_measure_req q;
	cJSON *body = NULL, *j;
	int64_t id = 0;
	struct dx_ctx cx;
	int rc;
	memset(&q, 0, sizeof(q));
	if ((rc = dx_http_args_only(r, NULL)) ||
	    (rc = dx_http_json_body(r->body, r->body_len, measure_fields, "SsSssss", &body,
	                            &r->why)))
		return rc;
	measure_req(body, &q);
	q.hh_no = r->cap[0];
	rc = dx_measure_add(dx_http_ctx(r, &cx), &q, &id);
	if (!(rc = dx_http_answered(r, &cx, rc))) {
		j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "id", (double)id);
		r->status = 201;
		rc = dx_http_reply(r, j);
	}
	cJSON_Delete(body);
	return rc;
}

int dx_route_measure_update(struct dx_http_req *r)
{
	struct dx_measure_req q;
	cJSON *body = NULL, *j;
	int64_t id;
	struct dx_ctx cx;
	int rc;
	memset(&q, 0, sizeof(q));
	if ((rc = dx_http_args_only(r, NULL)) || (rc = dx_http_cap_id(r, 0, &id)) ||
	    (rc = dx_http_json_body(r->body, r->body_len, measure_fields, "sssssss", &body,
	                            &r->why)))
		return rc;
	measure_req(body, &q);
	rc = dx_measure_update(dx_http_ctx(r, &cx), id, &q);
	if (!(rc = dx_http_answered(r, &cx, rc))) {
		j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "id", (double)id);
		rc = dx_http_reply(r, j);
	}
	cJSON_Delete(body);
	return rc;
}
