/*
 * ctx.h - the request context every converted use case takes: the store
 * connection, the acting account (mandatory: a front end without an
 * account says so by acting as the local owner, dx_actor_local_owner), the
 * day the request runs on, the log level it asks for, and the error the
 * use case hands back as a value (core/dx.h, struct dx_err_info).
 *
 * A front end builds one per command (the CLI, src/cli/open.c) or per
 * request (the HTTP layer, beside its struct dx_http_req) and owns it;
 * nothing in it is shared between threads.  Use cases never print: they
 * fill err and return its code; the front end turns err into text.
 *
 *	struct dx_ctx c;
 *	if ((rc = dx_ctx_init(&c, st, "cun1", &today)) == DX_OK)
 *		rc = dx_case_green(&c, 7);
 *	if (rc)
 *		fprintf(stderr, "错误: %s\n", c.err.msg);
 */
#ifndef DX_APP_CTX_H
#define DX_APP_CTX_H

#include "app/account.h"
#include "core/date.h"
#include "core/strbuf.h"

struct dx_ctx {
	struct dx_store *st;
	struct dx_actor actor;
	struct dx_date today;
	enum dx_log_level level;
	struct dx_err_info err;
};

/* c for store st acting as account `as` (NULL or "" = the local owner) on
 * the day `today`, which the front end gives (main()'s --today or the
 * clock, the HTTP request's day): no use case reads the clock itself, so
 * one request sees one day.  An unknown account is DX_NOT_FOUND with the
 * reason in c->err. */
int dx_ctx_init(struct dx_ctx *c, struct dx_store *st, const char *as,
		const struct dx_date *today);
/* c for st acting as actor a on `today`: the HTTP layer's logged-in
 * account, or a use case acting for another actor inside its own request
 * (it passes its own context's day, never reads today again). */
void dx_ctx_for(struct dx_ctx *c, struct dx_store *st, const struct dx_actor *a,
		const struct dx_date *today);
/* End a use case: rc into c->err with the Chinese reason collected in
 * why (released; NULL for a use case that gives none); returns rc.  A failure without a reason gets none: the
 * front end names the code. */
int dx_ctx_done(struct dx_ctx *c, int rc, struct dx_buf *why);
/* The other way, for a use case called inside another that still collects
 * its reason in a buffer: when rc fails, append c's message to why (may be
 * NULL); returns rc. */
int dx_ctx_why(const struct dx_ctx *c, int rc, struct dx_buf *why);

#endif
