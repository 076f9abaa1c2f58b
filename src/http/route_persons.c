/*
 * route_persons.c - member changes (app/person.h): POST /api/persons adds
 * a member, POST /api/persons/{id}/leave and /move end or move one.  The
 * member is named by its id (the household record's members[].id), never
 * by its 身份证号: ID numbers do not travel in URLs.  Scope, dates and the
 * rules of membership are the use case's.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/ctx.h"
#include "app/person.h"

#include <cjson/cJSON.h>

/* Answer {"id": id} with status. */
static int reply_id(struct dx_http_req *r, int status, int64_t id)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", (double)id);
	r->status = status;
	return dx_http_reply(r, j);
}

int dx_route_person_add(struct dx_http_req *r)
{
	static const char *const fields[] = {
	    "hh_no",  "id_no",  "name",  "relation", "date",      "ethnicity",   "education",
	    "school", "health", "labour", "phone",   "insurance", "not_counted", NULL};
	struct dx_person_req q;
	cJSON *body = NULL;
	char date[11];
	int64_t id = 0;
	struct dx_ctx cx;
	int rc;
	memset(&q, 0, sizeof(q));
	if ((rc = dx_http_args_only(r, NULL)) ||
	    (rc = dx_http_json_body(r->body, r->body_len, fields, "SSSSssssssssb", &body,
	                            &r->why)))
		return rc;
	if ((rc = dx_http_date(r, dx_http_jstr(body, "date"), "date", date)))
		goto out;
	q.hh_no = dx_http_jstr(body, "hh_no");
	q.id_no = dx_http_jstr(body, "id_no");
	q.name = dx_http_jstr(body, "name");
	q.relation = dx_http_jstr(body, "relation");
	q.date = date;
	q.ethnicity = dx_http_jstr(body, "ethnicity");
	q.education = dx_http_jstr(body, "education");
	q.school = dx_http_jstr(body, "school");
	q.health = dx_http_jstr(body, "health");
	q.labour = dx_http_jstr(body, "labour");
	q.phone = dx_http_jstr(body, "phone");
	q.insurance = dx_http_jstr(body, "insurance");
	q.not_counted = dx_http_jbool(body, "not_counted");
	if (!(rc = dx_http_answered(r, &cx, dx_person_add(dx_http_ctx(r, &cx), &q, &id))))
		rc = reply_id(r, 201, id);
out:
	cJSON_Delete(body);
	return rc;
}

int dx_route_person_leave(struct dx_http_req *r)
{
	static const char *const fields[] = {"reason", "date", NULL};
	cJSON *body = NULL;
	char date[11];
	int64_t id;
	struct dx_ctx cx;
	int rc;
	if ((rc = dx_http_args_only(r, NULL)) || (rc = dx_http_cap_id(r, 0, &id)) ||
	    (rc = dx_http_json_body(r->body, r->body_len, fields, "Ss", &body, &r->why)))
		return rc;
	if (!(rc = dx_http_date(r, dx_http_jstr(body, "date"), "date", date)) &&
	    !(rc = dx_http_answered(r, &cx, dx_person_leave_id(dx_http_ctx(r, &cx), id,
	                                                       dx_http_jstr(body, "reason"), date))))
		rc = reply_id(r, 200, id);
	cJSON_Delete(body);
	return rc;
}

int dx_route_person_move(struct dx_http_req *r)
{
	static const char *const fields[] = {"to_hh", "relation", "date", NULL};
	cJSON *body = NULL;
	char date[11];
	int64_t id;
	struct dx_ctx cx;
	int rc;
	if ((rc = dx_http_args_only(r, NULL)) || (rc = dx_http_cap_id(r, 0, &id)) ||
	    (rc = dx_http_json_body(r->body, r->body_len, fields, "Sss", &body, &r->why)))
		return rc;
	if (!(rc = dx_http_date(r, dx_http_jstr(body, "date"), "date", date)) &&
	    !(rc = dx_http_answered(r, &cx, dx_person_move_id(dx_http_ctx(r, &cx), id,
	                                                      dx_http_jstr(body, "to_hh"),
	                                                      dx_http_jstr(body, "relation"),
	                                                      date))))
		rc = reply_id(r, 200, id);
	cJSON_Delete(body);
	return rc;
}
