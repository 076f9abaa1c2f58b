/*
 * case_bulk.h - 批量审核 (issue 15): a township or county account passes
 * the next step of many cases at once.  Each case goes through
 * dx_case_step, the one use case of a step, in its own transaction, so
 * every rule (level, 公示 days, order, scope) applies case by case and each
 * case's result is reported, passed or refused with the reason.
 */
#ifndef DX_APP_CASE_BULK_H
#define DX_APP_CASE_BULK_H

#include "app/account.h"
#include "store/store.h"

#define DX_BULK_MAX 200 /* cases in one request */

struct dx_bulk_result {
	int64_t id;
	int rc;              /* DX_OK: passed */
	const char *step;    /* the step passed or tried; "" when none was pending */
	const char *state;   /* the case's state afterwards; "" if unknown */
	const char *message; /* the refusal's reason; "" when passed */
};

/*
 * Pass (通过) the pending step of each case in ids[0..n) on `date` (ISO):
 * 信息比对 while it waits and the actor's level may do it, else the next
 * step of the chain
 * as actor a on the request's day `today`.  Refused as a whole (DX_DENIED / DX_INVALID with why) for a
 * village or read-only account, no ids or more than DX_BULK_MAX; otherwise
 * fn gets one result per id in order and the call returns DX_OK (or fn's
 * or a store error), however many cases were refused.
 */
int dx_case_approve_many(struct dx_store *st, const struct dx_actor *a,
			 const struct dx_date *today, const int64_t *ids, size_t n, const char *date,
			 int (*fn)(const struct dx_bulk_result *, void *), void *arg,
			 struct dx_buf *why);

#endif
