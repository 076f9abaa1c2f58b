/*
 * route_policy.c - GET /api/policy?area=&year=&date= (the parameters in
 * force and where each comes from, as `dixian policy show`) and
 * PUT /api/policy (set one, as `dixian policy set`; with "preview": true
 * nothing is stored and the answer is the screening of the area under the
 * changed value, the what-if of GET /api/screen).  Who may set what is
 * dx_app_policy_may_set's rule: a county 经办 account, within its scope.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/ctx.h"
#include "app/policy.h"
#include "policy/params.h"

#include <cjson/cJSON.h>

int dx_route_policy(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "year", "date", NULL};
	const char *date_arg = dx_http_arg(r, "date");
	struct dx_policy_shown sh;
	struct dx_ctx cx;
	struct dx_buf v = DX_BUF_INIT;
	char date[11] = "";
	const char *area = sh.area;
	cJSON *j, *params;
	int year, rc;
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = dx_http_year(r, dx_http_arg(r, "year"), &year)) ||
	    (date_arg && (rc = dx_http_date(r, date_arg, "date", date))))
		return rc;
	rc = dx_app_policy_show(dx_http_ctx(r, &cx), dx_http_arg(r, "area"), year, date, &sh);
	if (rc && sh.src) {
		/* the area was allowed, the stored settings could not be read:
		 * the server's fault, not the request's */
		if (cx.err.detail[0])
			dx_log(DX_LOG_ERROR, "stored policy unreadable: %s", cx.err.detail);
		rc = rc == DX_INVALID || rc == DX_NOT_FOUND ? DX_DB : rc;
		goto out;
	}
	if (dx_http_answered(r, &cx, rc))
		goto out;
	year = sh.year;
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "area", area);
	cJSON_AddNumberToObject(j, "year", year);
	cJSON_AddStringToObject(j, "date", date);
	cJSON_AddNumberToObject(j, "monitoring_line_in_force", (double)dx_policy_line(&sh.p));
	params = cJSON_AddArrayToObject(j, "params");
	for (size_t i = 0; i < dx_policy_key_count(); i++) {
		const struct dx_policy_key *k = dx_policy_key_at(i);
		cJSON *x = cJSON_CreateObject();
		dx_buf_reset(&v);
		dx_policy_get(&sh.p, k->name, &v);
		cJSON_AddStringToObject(x, "key", k->name);
		cJSON_AddStringToObject(x, "name", dx_policy_key_zh(k));
		cJSON_AddStringToObject(x, "type", dx_policy_type_name(k->type));
		cJSON_AddStringToObject(x, "value", v.len ? v.buf : "");
		cJSON_AddStringToObject(x, "description", k->desc);
		if (sh.src[i]) {
			cJSON *s = cJSON_AddObjectToObject(x, "source");
			cJSON_AddStringToObject(s, "area", sh.src[i]->area_prefix);
			cJSON_AddNumberToObject(s, "year", sh.src[i]->year);
			cJSON_AddStringToObject(s, "effective_from", sh.src[i]->effective_from);
			cJSON_AddStringToObject(s, "set_by", dx_policy_rows_by(&sh.rows, sh.src[i]));
		} else {
			cJSON_AddNullToObject(x, "source"); /* the default */
		}
		cJSON_AddItemToArray(params, x);
	}
	rc = v.err ? DX_NOMEM : dx_http_reply(r, j);
	if (v.err)
		cJSON_Delete(j);
out:
	dx_app_policy_shown_release(&sh);
	dx_buf_release(&v);
	return rc;
}

int dx_route_policy_set(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const fields[] = {"area", "year", "from", "key", "value", "preview",
	                                     NULL};
	char area[13], from[11] = "", canon[DX_POLICY_VALUE_MAX], item[DX_POLICY_VALUE_MAX + 64];
	const char *why = NULL, *key, *value, *from_s;
	cJSON *body = NULL, *j;
	int64_t year;
	int rc;
	if ((rc = dx_http_args_only(r, NULL)) ||
	    (rc = dx_http_json_body(r->body, r->body_len, fields, "sIsSSb", &body, &r->why)))
		return rc;
	key = dx_http_jstr(body, "key");
	value = dx_http_jstr(body, "value");
	from_s = dx_http_jstr(body, "from");
	year = dx_http_jint(body, "year");
	if (year && (year < 2000 || year > 2100)) {
		rc = dx_http_fail(r, DX_INVALID, "year 应为四位年份（0 = 各年度）");
		goto out;
	}
	if ((rc = dx_actor_area(&r->actor, dx_http_jstr(body, "area"), area, &r->why)) ||
	    (from_s && (rc = dx_http_date(r, from_s, "from", from))))
		goto out;
	if (from[0] && year && (int)strtol(from, NULL, 10) != year) {
		rc = dx_http_fail(r, DX_INVALID, "from %s 不在 %d 年内（跨年度的参数请用 year 0）",
		                  from, (int)year);
		goto out;
	}
	if ((rc = dx_app_policy_may_set(dx_http_ctx(r, &cx), area))) {
		why = cx.err.msg[0] ? cx.err.msg : NULL;
		rc = dx_http_fail(r, rc == DX_NOT_FOUND ? DX_DENIED : rc,
		                  "账号 %s 不能设置区划 %s 的参数：%s", r->actor.acc.name, area,
		                  why ? why : "没有权限");
		goto out;
	}
	if (dx_http_jbool(body, "preview")) {
		const char *w[1] = {item};
		if (!year) {
			rc = dx_http_fail(r, DX_INVALID, "预览需要给出年份 year");
			goto out;
		}
		dx_snprintf(item, sizeof(item), "%s=%s", key, value);
		if (!(rc = dx_http_screen_json(r, area, (int)year, "", 0, w, 1, 1, &j)))
			rc = dx_http_reply(r, j);
		goto out;
	}
	rc = dx_app_policy_set(&cx, area, (int)year, from, key, value, canon);
	why = cx.err.msg[0] ? cx.err.msg : NULL;
	if (rc == DX_NOT_FOUND || rc == DX_INVALID) {
		rc = dx_http_fail(r, DX_INVALID, "参数 %s 的值 \"%s\" 无效：%s", key, value,
		                  why ? why : "请检查");
		goto out;
	}
	if (rc)
		goto out;
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "area", area);
	cJSON_AddNumberToObject(j, "year", (double)year);
	cJSON_AddStringToObject(j, "from", from);
	cJSON_AddStringToObject(j, "key", key);
	cJSON_AddStringToObject(j, "value", canon);
	rc = dx_http_reply(r, j);
out:
	cJSON_Delete(body);
	return rc;
}
