/*
 * route_auth.c - POST /api/login, POST /api/logout, GET /api/me.
 *
 * The session token travels only in an HttpOnly, SameSite=Strict cookie
 * (Secure under TLS); the CSRF token in the login's answer, for the
 * client to send back as X-CSRF-Token on every write.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/session.h"

#include <cjson/cJSON.h>
#include <sodium.h>

static cJSON *whoami(const struct dx_actor *a, const char *csrf)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "username", a->acc.name);
	cJSON_AddStringToObject(j, "level", a->acc.level);
	cJSON_AddStringToObject(j, "scope", a->acc.scope);
	cJSON_AddStringToObject(j, "role", a->acc.role);
	cJSON_AddStringToObject(j, "csrf", csrf);
	return j;
}

int dx_route_login(struct dx_http_req *r)
{
	static const char *const fields[] = {"username", "password", NULL};
	struct dx_login lg;
	struct dx_actor a;
	cJSON *body = NULL, *j;
	const char *name, *pw;
	int rc;
	if ((rc = dx_http_json_body(r->body, r->body_len, fields, "SS", &body, &r->why)))
		return rc;
	name = cJSON_GetObjectItemCaseSensitive(body, "username")->valuestring;
	pw = cJSON_GetObjectItemCaseSensitive(body, "password")->valuestring;
	rc = dx_session_login(r->st, name, pw, dx_http_addr(r), time(NULL), &lg, &r->why);
	if (rc == DX_DENIED) {
		dx_log(DX_LOG_INFO, "login failed");
		rc = dx_http_fail_status(r, 401, "BAD_LOGIN", r->why.buf);
		goto out;
	}
	if (rc)
		goto out;
	if ((rc = dx_actor_load(r->st, name, &a, &r->why)))
		goto out;
	dx_snprintf(r->set_cookie, sizeof(r->set_cookie),
	            DX_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
	            lg.token, DX_SESSION_MAX, r->tls ? "; Secure" : "");
	j = whoami(&a, lg.csrf);
	cJSON_AddNumberToObject(j, "idle_timeout", DX_SESSION_IDLE);
	cJSON_AddNumberToObject(j, "expires_at", (double)lg.expires_at);
	rc = dx_http_reply(r, j);
out:
	sodium_memzero(lg.token, sizeof(lg.token));
	if (body) {
		cJSON *p = cJSON_GetObjectItemCaseSensitive(body, "password");
		if (p && p->valuestring)
			sodium_memzero(p->valuestring, strlen(p->valuestring));
	}
	cJSON_Delete(body);
	return rc;
}

int dx_route_logout(struct dx_http_req *r)
{
	int rc;
	if (r->body_len)
		return dx_http_fail(r, DX_INVALID, "退出登录不需要请求体");
	if ((rc = dx_session_logout(r->st, r->session_hash)))
		return rc;
	dx_snprintf(r->set_cookie, sizeof(r->set_cookie),
	            DX_SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
	            r->tls ? "; Secure" : "");
	return dx_http_reply(r, cJSON_CreateObject());
}

int dx_route_me(struct dx_http_req *r)
{
	int rc;
	if ((rc = dx_http_args_only(r, NULL)))
		return rc;
	return dx_http_reply(r, whoami(&r->actor, r->csrf));
}
