/*
 * testutil.h - small helpers shared by the unit tests (header-only, so each
 * test binary stays one file).
 */
#ifndef DX_TESTUTIL_H
#define DX_TESTUTIL_H

#include "core/dx.h"
#include "app/ctx.h"
#include "app/policy.h"

#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>

/* A fresh temporary store path; remove it (and -wal/-shm) with tu_rm(). */
static inline void tu_tmpdb(char path[64])
{
	int fd;
	dx_strlcpy(path, "/tmp/dixian-test-XXXXXX", 64);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
}

static inline void tu_rm(const char *path)
{
	char p[80];
	unlink(path);
	dx_snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	dx_snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

/* The day a test's request contexts run on: main()'s day as a front end
 * would give it (core/date.h dx_date_today, the clock or --today). */
static inline const struct dx_date *tu_today(void)
{
	static struct dx_date d;
	dx_date_today(&d);
	return &d;
}

/* Make account name as actor by (NULL = the local owner, who makes a
 * county's first account) through the use case's request context
 * (app/ctx.h), its refusal's reason appended to why. */
static inline int tu_account_add(struct dx_store *st, const char *name, const char *level,
				 const char *scope, const char *role,
				 const struct dx_actor *by, struct dx_buf *why)
{
	struct dx_ctx c;
	struct dx_actor owner;
	dx_actor_local_owner(&owner);
	dx_ctx_for(&c, st, by ? by : &owner, tu_today());
	return dx_ctx_why(&c, dx_account_add(&c, name, level, scope, role), why);
}

/* dx_account_passwd / dx_account_disable on the local path (a context
 * acting as the local owner), audited as by, the reason of a refusal
 * appended to why. */
static inline int tu_passwd(struct dx_store *st, const char *name, const char *password,
			    const char *by, struct dx_buf *why)
{
	struct dx_ctx c;
	struct dx_actor owner;
	dx_actor_local_owner(&owner);
	dx_ctx_for(&c, st, &owner, tu_today());
	return dx_ctx_why(&c, dx_account_passwd(&c, name, password, by), why);
}

static inline int tu_disable(struct dx_store *st, const char *name, const char *by,
			     struct dx_buf *why)
{
	struct dx_ctx c;
	struct dx_actor owner;
	dx_actor_local_owner(&owner);
	dx_ctx_for(&c, st, &owner, tu_today());
	return dx_ctx_why(&c, dx_account_disable(&c, name, by), why);
}

/* dx_app_policy_set acting as account `as` (its request context), the
 * reason of a refusal in *why (valid until the next call). */
static inline int tu_policy_set(struct dx_store *st, const char *prefix, int year,
				const char *from, const char *key, const char *value,
				const char *as, char *canon, const char **why)
{
	static struct dx_ctx c;
	int rc = dx_ctx_init(&c, st, as, tu_today());
	if (!rc)
		rc = dx_app_policy_set(&c, prefix, year, from, key, value, canon);
	if (why)
		*why = rc && c.err.msg[0] ? c.err.msg : NULL;
	return rc;
}

#endif
