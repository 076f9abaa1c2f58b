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

#endif
