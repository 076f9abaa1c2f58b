/*
 * policy.h - the policy in force for an area, a year and a date, read from
 * the stored settings (domain.md §10), and `policy set` with its audit.
 *
 * Every rule elsewhere takes a struct dx_policy; this is where one comes
 * from.  The pure resolution is dx_policy_resolve() (src/policy/params.h).
 */
#ifndef DX_APP_POLICY_H
#define DX_APP_POLICY_H

#include "core/dx.h"
#include "policy/deadline.h"
#include "policy/params.h"

struct dx_store;

/*
 * The policy in force for `area` (a canonical prefix or village code) in
 * `year` on `date` (ISO; NULL or "" = the last day of the year): for each
 * key the most specific area prefix, then the exact year over "every
 * year", then the latest effective date <= date; domain.md §10 defaults
 * where nothing is set.  Returns 0, or an error (a stored value this
 * version cannot read is DX_INVALID, logged).
 */
int dx_app_policy(struct dx_store *st, const char *area, int year,
		  const char *date, struct dx_policy *out);

/* The working-day calendar of p (keys holidays, extra_workdays) for
 * src/policy/deadline.h.  h points into p: keep p alive while h is used. */
void dx_app_policy_holidays(const struct dx_policy *p, struct dx_holidays *h);

/*
 * Settings loaded once and resolved for many areas (screening a county
 * whose townships set their own lines).  Strings are owned by the set.
 */
struct dx_policy_rows {
	struct dx_policy_setting *v;
	const char **by; /* set_by of v[i] */
	size_t n, alloc;
};
#define DX_POLICY_ROWS_INIT {NULL, NULL, 0, 0}

/* Load the settings for `area`, its ancestors and (subtree) the areas under
 * it, for `year` and "every year".  Release with dx_policy_rows_release(). */
int dx_policy_rows_load(struct dx_store *st, const char *area, int year,
			int subtree, struct dx_policy_rows *rows);
void dx_policy_rows_release(struct dx_policy_rows *rows);
/* dx_policy_resolve_src() over the loaded rows; *why on a bad value. */
int dx_policy_rows_resolve(const struct dx_policy_rows *rows, const char *area,
			   int year, const char *date, struct dx_policy *out,
			   const struct dx_policy_setting **src,
			   const char **why);
/* set_by of a setting returned in src ("" if not one of rows). */
const char *dx_policy_rows_by(const struct dx_policy_rows *rows,
			      const struct dx_policy_setting *s);

/*
 * `policy set`: store key = value for areas under `prefix` (canonical) in
 * `year` (0 = every year) from `from` (ISO date or "" = from the start),
 * as c's actor.  The value is validated and stored in canonical text; the
 * audit row holds the value in force before and the new one.  On a bad key
 * or value returns DX_NOT_FOUND / DX_INVALID with the reason in c->err.
 * canon (may be NULL) gets the stored text.  The actor must be an account
 * that dx_app_policy_may_set() allows: else DX_DENIED (the local owner:
 * "该操作需要账号"), before anything is read or written.
 */
#define DX_POLICY_VALUE_MAX 1200

/*
 * May c's actor set policy for areas under `prefix`?  Policy is the
 * county's business (architecture.md: 县 sets policy parameters): the
 * account must exist, be a 县-level 经办 account, and its scope must cover
 * the prefix (a county account cannot set a province-wide value).  Returns
 * 0, or DX_DENIED with the reason in c->err; the local owner is DX_DENIED.
 * A name that is no account never gets a context: a front end that could
 * not build one says DX_POLICY_WHY_NO_ACCOUNT.
 */
#define DX_POLICY_WHY_NO_ACCOUNT "没有这个账号（先用 account add 建立县级账号）"
struct dx_ctx;
int dx_app_policy_may_set(struct dx_ctx *c, const char *prefix);
int dx_app_policy_set(struct dx_ctx *c, const char *prefix, int year, const char *from,
		      const char *key, const char *value, char canon[DX_POLICY_VALUE_MAX]);

/*
 * What `policy show` and GET /api/policy answer: the policy in force for
 * `area` in `year` (0 = the year of the context's day) on `date` (ISO;
 * NULL or "" = the year's end), and for each key, in dx_policy_key_at
 * order, the setting its value comes from (src[i]; NULL = the default;
 * dx_policy_rows_by(&rows, src[i]) who set it).  The area is read within
 * c's actor's scope (dx_actor_area; "" = the whole scope); the local owner
 * reads any canonical prefix, a province's too.  A stored value this
 * version cannot read is DX_INVALID (or the store's error), c->err.msg
 * "已保存的参数无法读取：…", the value's reason in c->err.detail.
 * Release with dx_app_policy_shown_release().
 */
struct dx_policy_shown {
	char area[13];
	int year;
	struct dx_policy p;
	const struct dx_policy_setting **src;
	struct dx_policy_rows rows;
};
int dx_app_policy_show(struct dx_ctx *c, const char *area, int year, const char *date,
		       struct dx_policy_shown *out);
void dx_app_policy_shown_release(struct dx_policy_shown *s);

#endif
