/*
 * http_int.h - what server.c shares with the route files and nothing else
 * needs: header and cookie access, and errors that are not dx_errs.
 */
#ifndef DX_HTTP_INT_H
#define DX_HTTP_INT_H

#include "http/http.h"

#define DX_SESSION_COOKIE "dx_session"

/* Request header `name` (case-insensitive), or NULL. */
const char *dx_http_header(struct dx_http_req *r, const char *name);
/* Cookie `name`, or NULL. */
const char *dx_http_cookie(struct dx_http_req *r, const char *name);
/* Answer with `status` (401, 405, 429 ...) and {"code": code, "message":
 * msg}; returns a dx_err for the handler to pass on. */
int dx_http_fail_status(struct dx_http_req *r, int status, const char *code, const char *msg);

/* Members of a body checked by dx_http_json_body: the string (NULL if
 * absent), the integer (0) and the boolean (0). */
const char *dx_http_jstr(const struct cJSON *body, const char *name);
int64_t dx_http_jint(const struct cJSON *body, const char *name);
int dx_http_jbool(const struct cJSON *body, const char *name);
/* Path capture i as a positive id; otherwise 404. */
int dx_http_cap_id(struct dx_http_req *r, int i, int64_t *id);
/* A date the client may give (NULL = today) into out, ISO; not in the
 * future.  DX_INVALID with the message on r. */
int dx_http_date(struct dx_http_req *r, const char *given, const char *what, char out[11]);

/* The day the request runs on (r->today) into *d; returns d.  The day of
 * every use case the request calls (dx_http_ctx), read once per request. */
struct dx_date;
struct dx_date *dx_http_day(const struct dx_http_req *r, struct dx_date *d);
/* The request's context for a use case (app/ctx.h), built beside r (its
 * store, actor and day); the caller's, on its stack, one per call. */
struct dx_ctx;
struct dx_ctx *dx_http_ctx(struct dx_http_req *r, struct dx_ctx *c);
/* A use case's return rc: its refusal's reason (c->err) onto r->why, as
 * the other routes' reasons are; returns rc. */
int dx_http_answered(struct dx_http_req *r, const struct dx_ctx *c, int rc);

/* A list route's preamble: the optional year (0 = not given), as_of (ISO;
 * "" = not given, else not in the future) and area arguments, the area
 * narrowed to the account's scope (dx_actor_area: DX_DENIED outside it).
 * DX_INVALID or DX_DENIED with the message on r. */
int dx_http_list_args(struct dx_http_req *r, char area[13], int *year, char as_of[11]);

/* Every value of the repeated query parameter `name` (at most max) into
 * out; returns how many (more than max are dropped: pass max one larger
 * than allowed to detect them). */
int dx_http_args_all(struct dx_http_req *r, const char *name, const char **out, int max);
/* A four-digit year argument (required); DX_INVALID with the message. */
int dx_http_year(struct dx_http_req *r, const char *s, int *year);
/* Screen `area` (NULL = the actor's scope) in `year` with the what-if
 * items, as the JSON of GET /api/screen (items only if with_items);
 * shared with PUT /api/policy's preview. */
int dx_http_screen_json(struct dx_http_req *r, const char *area, int year, const char *as_of,
                        int all, const char *const *whatif, int nwhatif, int with_items,
                        struct cJSON **out);

/*
 * Downloads the use cases write as files (xlsx, csv): a private temporary
 * directory holds the one file, which dx_http_tmp_send reads into the
 * answer and removes (the use cases write through core/outfile.c).
 */
struct dx_http_tmp {
	char dir[160];
	char path[192];
};
int dx_http_tmp_open(struct dx_http_tmp *t, const char *suffix);
int dx_http_tmp_send(struct dx_http_req *r, struct dx_http_tmp *t, const char *ctype,
                     const char *disposition);
void dx_http_tmp_remove(struct dx_http_tmp *t);
/* The Content-Type of a download format (xlsx, csv, html, json). */
const char *dx_http_ctype(const char *format);

/*
 * A list as an xlsx download ("every list exports to xlsx", issue 15):
 * one sheet `sheet`, the heads in a header row, then the rows walk writes
 * through the table writer (io/xlsx_write.h), masked as the list's JSON
 * is.  disposition must outlive the request (a literal).  Returns walk's
 * error (its message on r), else the writer's.
 */
struct dx_tw;
int dx_http_xlsx_list(struct dx_http_req *r, const char *sheet, const char *disposition,
                      const char *const *heads, size_t nheads,
                      int (*walk)(struct dx_http_req *, struct dx_tw *, void *), void *arg);

#endif
