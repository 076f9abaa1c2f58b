/*
 * route_clues.c - GET /api/clues?area=&state= and POST /api/clues: risk
 * clues (风险线索) through app/clue.h, which scopes them to the actor.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/clue.h"

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

int dx_route_clues(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "state", NULL};
	cJSON *j, *items;
	const char *state = dx_http_arg(r, "state");
	int rc;
	if ((rc = dx_http_args_only(r, args)))
		return rc;
	j = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(j, "items");
	rc = dx_clue_list(r->st, &r->actor, dx_http_arg(r, "area"), state ? state : "", add_clue,
	                  items, &r->why);
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
	if ((rc = dx_clue_add(r->st, &r->actor, &q, &c, &r->why)))
		goto out;
	r->status = 201;
	rc = dx_http_reply(r, clue_json(&c));
out:
	cJSON_Delete(body);
	return rc;
}
