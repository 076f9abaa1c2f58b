/*
 * ctx.c - building the request context and ending a use case with its
 * error as a value (see ctx.h).
 */
#include "core/dx.h"
#include "app/ctx.h"

void dx_ctx_for(struct dx_ctx *c, struct dx_store *st, const struct dx_actor *a,
		const struct dx_date *today)
{
	memset(c, 0, sizeof(*c));
	c->st = st;
	c->actor = *a;
	c->level = DX_LOG_INFO;
	c->err.col = -1;
	c->today = *today;
}

int dx_ctx_init(struct dx_ctx *c, struct dx_store *st, const char *as,
		const struct dx_date *today)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_actor a;
	int rc;
	dx_actor_local_owner(&a);
	dx_ctx_for(c, st, &a, today);
	if ((rc = dx_actor_for(st, as, &c->actor, &why)))
		return dx_ctx_done(c, rc, &why);
	dx_buf_release(&why);
	return DX_OK;
}

int dx_ctx_done(struct dx_ctx *c, int rc, struct dx_buf *why)
{
	c->err.code = rc;
	c->err.msg[0] = '\0';
	c->err.detail[0] = '\0';
	if (rc && why && why->len)
		dx_strlcpy(c->err.msg, why->buf, sizeof(c->err.msg));
	if (why)
		dx_buf_release(why);
	return rc;
}

int dx_ctx_why(const struct dx_ctx *c, int rc, struct dx_buf *why)
{
	if (rc && why && c->err.msg[0])
		dx_buf_adds(why, c->err.msg);
	return rc;
}
