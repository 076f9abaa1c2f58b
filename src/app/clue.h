/*
 * clue.h - risk clues (风险线索, domain.md §5) and the policy in force for
 * the procedure: time limits, 公示 days and the holiday calendar that
 * working-day deadlines skip.
 *
 * A clue names a household, a source (农户自主申报, 干部排查, 部门预警,
 * 热线/小程序), a reason, the day it was found and a deadline: found +
 * identify_days, in working days when working_days.  It is 待核实 until a
 * case is opened on it (已立案) or it is closed with a result (已关闭).
 */
#ifndef DX_APP_CLUE_H
#define DX_APP_CLUE_H

#include "app/account.h"
#include "core/date.h"
#include "policy/deadline.h"
#include "policy/params.h"
#include "store/procedure.h"

/* The policy a procedure step runs under (app/policy.h), holiday calendar
 * (keys holidays, extra_workdays) included. */
struct dx_proc_policy {
	struct dx_policy p;
};

/* Load the policy in force for `area` on `date` (ISO). */
int dx_proc_policy(struct dx_store *st, const char *area, const char *date,
		   struct dx_proc_policy *out);
/* The holiday view of pp for policy/deadline.h (points into pp). */
void dx_proc_holidays(const struct dx_proc_policy *pp, struct dx_holidays *h);
/* start + identify_days under pp (working days when working_days) as ISO. */
int dx_proc_deadline(const struct dx_proc_policy *pp, const char *start, char out[11]);

/* The canonical source for s (also accepts 自主申报, 排查, 预警, 热线,
 * 小程序), or NULL. */
const char *dx_clue_source(const char *s);

struct dx_clue_req {
	const char *hh_no;    /* 户编号 (or 0 with warning_id) */
	const char *source;
	const char *reason;
	const char *found_on; /* ISO date */
	int64_t warning_id;   /* a matched department warning: source, reason
				 and household come from it */
	const char *deadline; /* 核实期限 chosen (ISO); NULL or "" = the
				 policy's (dx_clue_deadline checks it) */
};

/*
 * The 核实期限 of a clue of `area` found on `found_on`: the policy's
 * (found + identify_days, in working days when working_days) into
 * policy_out, and the one in force into out: `chosen` when given (NULL or
 * "" = the policy's), which may not lie before `today` (the request's
 * day, dx_ctx.today: it would be overdue
 * at once) nor after the policy's, the longest the procedure allows
 * (domain.md §5, §8).  A county may so ask a village for a quicker check,
 * never for a slower one.  DX_INVALID with the Chinese reason in why.
 * Every clue (dx_clue_add) and dispatch (dx_warning_dispatch) goes
 * through here.
 */
int dx_clue_deadline(struct dx_store *st, const struct dx_date *today, const char *area,
		     const char *found_on, const char *chosen, char out[11], char policy_out[11],
		     struct dx_buf *why);

/* Record a clue as c's actor.  *out gets the stored row.  A refusal's
 * reason in c->err (app/ctx.h), as for every use case below. */
struct dx_ctx;
int dx_clue_add(struct dx_ctx *c, const struct dx_clue_req *r, struct dx_clue_row *out);
/* Close clue `id` without a case (e.g. 核实后不存在风险), with a result. */
int dx_clue_close(struct dx_ctx *c, int64_t id, const char *result, const char *date);
/*
 * The case `case_id` opened on clue `clue_id` ended without approval
 * (`outcome` 未通过 or 已撤销, for the reason `note`): the clue goes back to
 * 待核实, so that the cadre closes it with a result or opens a new case,
 * its result saying what came of the case.  Audited (clue.reopen) as
 * `actor`.  Inside the caller's transaction.
 */
int dx_clue_reopen(struct dx_store *st, int64_t clue_id, int64_t case_id, const char *outcome,
		   const char *note, const char *actor);

/* Clues under `area` (within the actor's scope; "" = all of it) in state
 * `state` ("" = any). */
int dx_clue_list(struct dx_ctx *c, const char *area, const char *state,
		 int (*fn)(const struct dx_clue_row *, void *), void *arg);

/* Run fn in a transaction of its own, or in the caller's when one is open
 * (the demo generator). */
int dx_proc_txn(struct dx_store *st, int (*fn)(struct dx_store *, void *), void *arg);

/* Parse an ISO date into out (also normalises it); DX_INVALID with why.
 * For query dates (--as-of), which may lie ahead. */
int dx_proc_date(const char *s, const char *what, char out[11], struct dx_buf *why);

/*
 * The same for the date of an event (a clue found or closed, a case opened,
 * stepped or rolled back, a visit, a warning, a measure put in place),
 * which cannot lie after `today` (the request's day, dx_ctx.today): a future
 * date would, among others, let an elimination pass its 6 months of
 * monitoring before they are over.  `what` names the date in the message.
 * Every entry path (CLI, import, API) calls this one rule.
 */
int dx_event_date(const struct dx_date *today, const char *s, const char *what, char out[11],
		  struct dx_buf *why);
/* The same rule for an event known by its month (a ledger's 识别监测时间,
 * "YYYY-MM…"): not after this month.  DX_INVALID with why. */
int dx_event_month(const struct dx_date *today, const char *ym, const char *what,
		   struct dx_buf *why);

#endif
