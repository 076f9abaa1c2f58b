/*
 * route_visits.c - POST /api/visits: log one 走访 (domain.md §9), the web
 * UI's quick visit form on a phone.  The use case dx_visit_add checks the
 * household is in the account's scope, the fields and the date, and
 * audits the write; the visitor defaults to the account.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/ctx.h"
#include "app/followup.h"

#include <cjson/cJSON.h>

int dx_route_visit_add(struct dx_http_req *r)
{
	static const char *const fields[] = {"hh_no", "date", "cadre", "content", "findings", NULL};
	struct dx_visit_req q;
	char date[11];
	int64_t id = 0;
	cJSON *body = NULL, *j;
	struct dx_ctx cx;
	int rc;
	memset(&q, 0, sizeof(q));
	if ((rc = dx_http_json_body(r->body, r->body_len, fields, "SssSs", &body, &r->why)))
		return rc;
	if ((rc = dx_http_date(r, dx_http_jstr(body, "date"), "date", date)))
		goto out;
	q.hh_no = dx_http_jstr(body, "hh_no");
	q.date = date;
	q.cadre = dx_http_jstr(body, "cadre");
	if (!q.cadre || !q.cadre[0])
		q.cadre = r->actor.acc.name;
	q.content = dx_http_jstr(body, "content");
	q.findings = dx_http_jstr(body, "findings");
	if ((rc = dx_http_answered(r, &cx, dx_visit_add(dx_http_ctx(r, &cx), &q, &id))))
		goto out;
	j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", (double)id);
	cJSON_AddStringToObject(j, "hh_no", q.hh_no);
	cJSON_AddStringToObject(j, "date", date);
	cJSON_AddStringToObject(j, "cadre", q.cadre);
	r->status = 201;
	rc = dx_http_reply(r, j);
out:
	cJSON_Delete(body);
	return rc;
}
