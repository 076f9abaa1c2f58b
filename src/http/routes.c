/*
 * routes.c - the one table of HTTP routes `{method, pattern, handler,
 * flags}` (as git's commands[] table) and the matcher that picks a route
 * and captures the {x} parts of the path.  /api/openapi.json documents
 * every route here; tests/http checks the two agree both ways.
 */
#include "core/dx.h"
#include "http/http.h"

const struct dx_route dx_routes[] = {
    {DX_GET, "/", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_POST, "/api/login", dx_route_login, DX_ROUTE_PUBLIC},
    {DX_POST, "/api/logout", dx_route_logout, DX_ROUTE_CSRF},
    {DX_GET, "/api/me", dx_route_me, 0},
    {DX_GET, "/api/openapi.json", dx_route_openapi, DX_ROUTE_PUBLIC},
    {DX_GET, "/api/households", dx_route_households, 0},
    {DX_GET, "/api/households/{hh_no}", dx_route_household, DX_ROUTE_SNAPSHOT},
    {DX_POST, "/api/persons", dx_route_person_add, DX_ROUTE_WRITE},
    {DX_POST, "/api/persons/{id}/leave", dx_route_person_leave, DX_ROUTE_WRITE},
    {DX_POST, "/api/persons/{id}/move", dx_route_person_move, DX_ROUTE_WRITE},
    {DX_GET, "/api/households/{hh_no}/measures", dx_route_measures, 0},
    {DX_POST, "/api/households/{hh_no}/measures", dx_route_measure_add, DX_ROUTE_WRITE},
    {DX_PATCH, "/api/measures/{id}", dx_route_measure_update, DX_ROUTE_WRITE},
    {DX_GET, "/api/visits/overdue", dx_route_visits_overdue, 0},
    {DX_GET, "/api/accounts", dx_route_accounts, 0},
    {DX_POST, "/api/accounts", dx_route_account_add, DX_ROUTE_WRITE},
    {DX_POST, "/api/accounts/{name}/password", dx_route_account_password, DX_ROUTE_WRITE},
    {DX_POST, "/api/accounts/{name}/disable", dx_route_account_disable, DX_ROUTE_WRITE},
    {DX_GET, "/api/warnings", dx_route_warnings, 0},
    {DX_POST, "/api/warnings/dispatch", dx_route_warnings_dispatch, DX_ROUTE_WRITE},
    {DX_GET, "/api/warnings/feedback", dx_route_warnings_feedback, 0},
    {DX_GET, "/api/exports/{kind}", dx_route_export, 0},
    {DX_GET, "/api/notices", dx_route_notices, 0},
    {DX_GET, "/api/clues", dx_route_clues, 0},
    {DX_POST, "/api/clues", dx_route_clue_add, DX_ROUTE_WRITE},
    {DX_GET, "/api/cases", dx_route_cases, 0},
    {DX_POST, "/api/cases", dx_route_case_open, DX_ROUTE_WRITE},
    {DX_POST, "/api/cases/approve", dx_route_cases_approve, DX_ROUTE_WRITE},
    {DX_GET, "/api/cases/{id}", dx_route_case, 0},
    {DX_POST, "/api/cases/{id}/steps", dx_route_case_step, DX_ROUTE_WRITE},
    {DX_GET, "/api/report", dx_route_report, 0},
    {DX_GET, "/api/report/list", dx_route_report_list, 0},
    {DX_GET, "/api/report/trend", dx_route_report_trend, 0},
    {DX_GET, "/api/report/trend/list", dx_route_report_trend_list, 0},
    {DX_GET, "/api/screen", dx_route_screen, 0},
    {DX_GET, "/api/check", dx_route_check, 0},
    {DX_GET, "/api/policy", dx_route_policy, 0},
    {DX_PUT, "/api/policy", dx_route_policy_set, DX_ROUTE_WRITE},
    {DX_GET, "/api/overdue", dx_route_overdue, 0},
    {DX_POST, "/api/imports", dx_route_import, DX_ROUTE_WRITE | DX_ROUTE_UPLOAD},
    {DX_GET, "/api/jobs/{id}", dx_route_job, 0},
    {DX_GET, "/api/jobs/{id}/errors", dx_route_job_errors, 0},
    {DX_POST, "/api/visits", dx_route_visit_add, DX_ROUTE_WRITE},
    /* 衔接资金 projects and the other ledgers (issues 18, 19) */
    {DX_GET, "/api/projects", dx_route_projects, 0},
    {DX_GET, "/api/projects/{code}", dx_route_project, 0},
    {DX_POST, "/api/projects/{code}/steps", dx_route_project_step, DX_ROUTE_WRITE},
    {DX_GET, "/api/funds/progress", dx_route_funds_progress, 0},
    {DX_GET, "/api/ledgers/{kind}", dx_route_ledger_list, 0},
    {DX_POST, "/api/problems/{no}/close", dx_route_problem_close, DX_ROUTE_WRITE},
    {DX_POST, "/api/public/applications", dx_route_self_apply, DX_ROUTE_PUBLIC},
    /* the web UI (route_static.c): its pages, as in web/src/router, and files */
    {DX_GET, "/login", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/households", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/households/{hh_no}", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/clues", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/review", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/cases/{id}", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/help", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/visits", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/imports", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/report", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/settings", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/accounts", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/projects", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/projects/{code}", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/ledgers", dx_route_ui, DX_ROUTE_PUBLIC},
    {DX_GET, "/assets/{file}", dx_route_asset, DX_ROUTE_PUBLIC},
    {DX_GET, "/favicon.svg", dx_route_asset, DX_ROUTE_PUBLIC},
};
const size_t dx_nroutes = DX_ARRAY_SIZE(dx_routes);

static const char *const method_names[] = {NULL, "GET", "POST", "PUT", "PATCH"};

const char *dx_http_method_name(int method)
{
	if (method > 0 && (size_t)method < DX_ARRAY_SIZE(method_names))
		return method_names[method];
	return "OTHER";
}

int dx_http_method_of(const char *name)
{
	for (size_t i = 1; i < DX_ARRAY_SIZE(method_names); i++)
		if (!strcmp(name, method_names[i]))
			return (int)i;
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int dx_http_urldecode(const char *src, size_t n, char *out, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)src[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= n)
				return DX_INVALID;
			hi = hexval((unsigned char)src[i + 1]);
			lo = hexval((unsigned char)src[i + 2]);
			if (hi < 0 || lo < 0)
				return DX_INVALID;
			c = hi * 16 + lo;
			i += 2;
		}
		if (c == 0 || o + 1 >= size)
			return DX_INVALID;
		out[o++] = (char)c;
	}
	if (size == 0)
		return DX_INVALID;
	out[o] = 0;
	return DX_OK;
}

/* Match path against pattern, capturing {x} segments into cap; 1 if it
 * matches.  A capture is one non-empty segment. */
static int match(const char *pattern, const char *path, char cap[][64])
{
	int ncap = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *e = strchr(s, '/');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			if (!n || ncap >= DX_HTTP_MAX_CAPTURES ||
			    dx_http_urldecode(s, n, cap[ncap], 64))
				return 0;
			ncap++;
			s += n;
			p = strchr(p, '}');
			if (!p)
				return 0;
			p++;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return !*p && !*s;
}

const struct dx_route *dx_route_find(int method, const char *path, struct dx_http_req *r,
                                     int *path_known)
{
	char cap[DX_HTTP_MAX_CAPTURES][64] = {{0}};
	*path_known = 0;
	for (size_t i = 0; i < dx_nroutes; i++) {
		if (!match(dx_routes[i].pattern, path, cap))
			continue;
		if (dx_routes[i].method != method) {
			*path_known = 1;
			continue;
		}
		memcpy(r->cap, cap, sizeof(cap));
		*path_known = 0; /* an earlier route of the path had another method */
		return &dx_routes[i];
	}
	return NULL;
}
