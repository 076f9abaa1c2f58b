/*
 * http.h - the HTTP front end of `dixian serve`: a libmicrohttpd daemon with
 * a thread pool, one store connection per worker thread, a table of routes
 * (routes.c) and one route_<resource>.c per resource.
 *
 * Each request gets a `struct dx_http_req`: the request context.  It holds
 * what issue 12's `struct dx_ctx` will hold (the store connection, the
 * actor, today, an error sink) plus the HTTP parts (method, path captures,
 * body, the response being built).  Handlers read it, call one use case in
 * src/app/ and leave JSON in `out`, or return a dx_err with a Chinese
 * message in `why`; server.c turns that into {"code","message"} with the
 * status of the DX_ERRORS table.  No SQL and no policy here.
 */
#ifndef DX_HTTP_H
#define DX_HTTP_H

#include "core/dx.h"
#include "app/account.h"
#include "core/strbuf.h"

struct cJSON;

enum dx_http_method { DX_GET = 1, DX_POST = 2, DX_PUT = 3, DX_PATCH = 4 };

/* "GET", "POST", "PUT", "PATCH"; "OTHER" for anything else. */
const char *dx_http_method_name(int method);
/* The method named `name`, 0 if not one of them. */
int dx_http_method_of(const char *name);

enum {
	DX_ROUTE_PUBLIC = 1 << 0,                /* no session needed */
	DX_ROUTE_CSRF = 1 << 1,                  /* needs the X-CSRF-Token header */
	DX_ROUTE_WRITE = 1 << 2 | DX_ROUTE_CSRF, /* changes data: CSRF, not 查看 */
	DX_ROUTE_UPLOAD = 1 << 3,                /* body is a file up to --upload-max, not JSON */
	/* a read: the session check and the handler share one read snapshot
	 * (one read lock, not one per look-up); a handler that writes ends
	 * it first with dx_http_snapshot_end */
	DX_ROUTE_SNAPSHOT = 1 << 4,
};

#define DX_HTTP_MAX_CAPTURES       2
#define DX_HTTP_JSON_MAX           (64 * 1024)
#define DX_HTTP_UPLOAD_MAX_DEFAULT (32 * 1024 * 1024)

struct dx_jobs;

struct dx_http_req {
	/* --- the request context (issue 12's dx_ctx-to-be) --- */
	struct dx_store *st;   /* this worker thread's connection */
	struct dx_actor actor; /* loaded from the session; valid if has_actor */
	int has_actor;
	char today[11];    /* ISO date the request runs on */
	int err;           /* the error sink: first code ... */
	struct dx_buf why; /* ... and its Chinese message */

	/* --- the request --- */
	int method;
	const char *url;                    /* path without the query string */
	const char *pattern;                /* the route matched (for the access log) */
	char cap[DX_HTTP_MAX_CAPTURES][64]; /* {x} parts of the path, decoded */
	const char *body;
	size_t body_len;
	char addr[64]; /* client address, for throttling: dx_http_addr() */
	int tls;
	char session_hash[65]; /* hex hash of the session token, "" if none */
	char csrf[65];         /* the session's CSRF token */
	int snapshot;          /* in the read snapshot of a DX_ROUTE_SNAPSHOT route */
	void *conn;            /* struct MHD_Connection */
	struct dx_jobs *jobs;  /* the server's background jobs */

	/* --- the response --- */
	int status;              /* 0 = from err */
	struct dx_buf out;       /* the body */
	const char *ctype;       /* NULL = application/json */
	const char *disposition; /* Content-Disposition, NULL = none */
	const char *cache;       /* Cache-Control, NULL = none (no-store under /api/) */
	const char *encoding;    /* Content-Encoding; non-NULL adds Vary: Accept-Encoding */
	char set_cookie[256];    /* a Set-Cookie header value, "" = none */
};

struct dx_route {
	int method;
	const char *pattern; /* "/api/cases/{id}/steps" */
	int (*handler)(struct dx_http_req *r);
	unsigned flags;
};

/* The routes table (routes.c) and its size. */
extern const struct dx_route dx_routes[];
extern const size_t dx_nroutes;

/*
 * Find the route for method and path.  Fills r->cap with the {x} parts
 * (percent-decoded).  Returns the route (and *path_known = 0), or NULL
 * with *path_known = 1 when the path exists for another method (405) and
 * 0 otherwise (404).
 */
const struct dx_route *dx_route_find(int method, const char *path, struct dx_http_req *r,
                                     int *path_known);

/* Percent-decode src[0..n) into out (size bytes); DX_INVALID on a bad
 * escape, a NUL, or when it does not fit. */
int dx_http_urldecode(const char *src, size_t n, char *out, size_t size);

/* Record an error on the request: code rc and the Chinese message; returns
 * rc so handlers read `return dx_http_fail(r, DX_NOT_FOUND, "…");`.  The
 * first error is kept. */
int dx_http_fail(struct dx_http_req *r, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* End the read snapshot of a DX_ROUTE_SNAPSHOT route (no-op outside one):
 * before the handler writes, which it must not do inside a read. */
void dx_http_snapshot_end(struct dx_http_req *r);

/* The query parameter `name`, or NULL. */
const char *dx_http_arg(struct dx_http_req *r, const char *name);
/* The client's address as text (r->addr), looked up on first use: only
 * the throttled routes need it. */
const char *dx_http_addr(struct dx_http_req *r);
/* Refuse (DX_INVALID) any query parameter not in the NULL-terminated list. */
int dx_http_args_only(struct dx_http_req *r, const char *const *names);

/*
 * Parse the body as a JSON object whose members are all in `fields` (a
 * NULL-terminated list) and of the type given by the matching character of
 * `types` ('s' string, 'i' integer, 'b' boolean, 'a' array whose elements
 * the caller checks); required ones are marked
 * by an upper-case letter.  Unknown members, wrong types, duplicates or a
 * body that is not one object are DX_INVALID with a Chinese message.  The
 * caller frees *out with cJSON_Delete.  Exposed for the fuzz target.
 */
int dx_http_json_body(const char *body, size_t len, const char *const *fields, const char *types,
                      struct cJSON **out, struct dx_buf *why);

/* Set r->out to the JSON text of j (consumed). */
int dx_http_reply(struct dx_http_req *r, struct cJSON *j);

/* Server start/stop (server.c). */
struct dx_http_opts {
	const char *db;
	const char *bind;
	int port;
	int threads;        /* 0 = number of CPUs */
	int64_t upload_max; /* bytes; 0 = DX_HTTP_UPLOAD_MAX_DEFAULT */
	const char *tls_cert, *tls_key;
	/* called once listening, with the base URL (the CLI prints it) */
	void (*ready)(void *arg, const char *url);
	void *arg;
};
/* Run the server until SIGINT or SIGTERM; finishes requests in flight and
 * closes the stores.  A failure to start is returned in err (the front
 * end prints it); the server itself never prints, it logs. */
int dx_http_serve(const struct dx_http_opts *o, struct dx_err_info *err);

/* Route handlers (route_*.c). */
int dx_route_index(struct dx_http_req *r);
int dx_route_openapi(struct dx_http_req *r);
int dx_route_login(struct dx_http_req *r);
int dx_route_logout(struct dx_http_req *r);
int dx_route_me(struct dx_http_req *r);
int dx_route_households(struct dx_http_req *r);
int dx_route_household(struct dx_http_req *r);
int dx_route_person_add(struct dx_http_req *r);
int dx_route_person_leave(struct dx_http_req *r);
int dx_route_person_move(struct dx_http_req *r);
int dx_route_measures(struct dx_http_req *r);
int dx_route_measure_add(struct dx_http_req *r);
int dx_route_measure_update(struct dx_http_req *r);
int dx_route_visits_overdue(struct dx_http_req *r);
int dx_route_accounts(struct dx_http_req *r);
int dx_route_account_add(struct dx_http_req *r);
int dx_route_account_password(struct dx_http_req *r);
int dx_route_account_disable(struct dx_http_req *r);
int dx_route_warnings(struct dx_http_req *r);
int dx_route_warnings_dispatch(struct dx_http_req *r);
int dx_route_warnings_feedback(struct dx_http_req *r);
int dx_route_export(struct dx_http_req *r);
int dx_route_notices(struct dx_http_req *r);
int dx_route_clues(struct dx_http_req *r);
int dx_route_clue_add(struct dx_http_req *r);
int dx_route_cases(struct dx_http_req *r);
int dx_route_case_open(struct dx_http_req *r);
int dx_route_case(struct dx_http_req *r);
int dx_route_case_step(struct dx_http_req *r);
int dx_route_cases_approve(struct dx_http_req *r);
int dx_route_report(struct dx_http_req *r);
int dx_route_report_list(struct dx_http_req *r);
int dx_route_report_trend(struct dx_http_req *r);
int dx_route_report_trend_list(struct dx_http_req *r);
int dx_route_screen(struct dx_http_req *r);
int dx_route_check(struct dx_http_req *r);
int dx_route_policy(struct dx_http_req *r);
int dx_route_policy_set(struct dx_http_req *r);
int dx_route_overdue(struct dx_http_req *r);
int dx_route_projects(struct dx_http_req *r);
int dx_route_project(struct dx_http_req *r);
int dx_route_project_step(struct dx_http_req *r);
int dx_route_funds_progress(struct dx_http_req *r);
int dx_route_ledger_list(struct dx_http_req *r);
int dx_route_problem_close(struct dx_http_req *r);
int dx_route_self_apply(struct dx_http_req *r);
int dx_route_import(struct dx_http_req *r);
int dx_route_job(struct dx_http_req *r);
int dx_route_job_errors(struct dx_http_req *r);
int dx_route_visit_add(struct dx_http_req *r);
int dx_route_ui(struct dx_http_req *r);
int dx_route_asset(struct dx_http_req *r);

#endif
