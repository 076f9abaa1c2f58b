/*
 * ledgers.h - use cases on the other ledgers (issue 19) beyond import:
 * the 销号 step of a 问题整改 item, the lists the API and the pages show,
 * and 救助申请 as a channel into monitoring (the clue an application
 * becomes, and the public 自主申报 form).
 */
#ifndef DX_APP_LEDGERS_H
#define DX_APP_LEDGERS_H

#include "app/account.h"
#include "core/date.h"

/*
 * 销号: problem `problem_no` of `county` (整改中 or 长期跟踪) becomes 已销号
 * on `date` (ISO; app/clue.h dx_event_date: not after today).
 * Only the responsible level may: an account of the problem's own level
 * (county, township or village by the length of its area code) whose
 * scope covers it.  Audited (problem.close).  DX_NOT_FOUND, DX_DENIED,
 * DX_STATE, DX_INVALID with the Chinese reason in c->err (app/ctx.h).
 */
struct dx_ctx;
int dx_problem_close(struct dx_ctx *c, const char *county, const char *problem_no,
		     const char *date);

/*
 * The rows of ledger kind (loans, applications, relief, problems, training)
 * under area (NULL or "" = c's actor's scope; outside it DX_DENIED) for a
 * list page: fn gets the template's headers once (header = 1), then each
 * row's cells in the same order, 证件号码 masked and free text through
 * dx_mask_text (a list never shows a full ID number or phone, whoever
 * asks: the unmasked copy is the audited export's).  Amounts are whole fen
 * as texts.  DX_NOT_FOUND for another kind.
 */
int dx_ledger_list(struct dx_ctx *c, const char *kind, const char *area,
		   int (*fn)(const char *const *cells, int n, int header, void *arg), void *arg);

/* 1 if kind is one of the ledgers dx_ledger_list reads. */
int dx_ledger_list_kind(const char *kind);

/*
 * The clue an open (受理, 办理中) application of a registry household
 * becomes: source 农户自主申报, found on the 申请日期, the procedure's
 * deadline, once (the application keeps the clue's id).  Taken as actor,
 * or when NULL as the account actor_name (loaded only when a clue is
 * due), on the request's day `today` (the clue's rules: dx_event_date).  0 without a clue to make; the clue use case's refusals with why.
 * One rule for the importer and the public form.
 */
struct dx_relief_app;
int dx_relief_app_clue(struct dx_store *st, const struct dx_actor *actor, const char *actor_name,
		       const struct dx_date *today, const struct dx_relief_app *app,
		       struct dx_buf *why);

/* The name the public form's writes are audited under. */
#define DX_SELF_APPLY_ACTOR "农户自主申报表单"

/*
 * The public, login-free 自主申报 (issue 19): an application (申请方式
 * 自己举手 or 他人代举, 办理状态 受理, dated `today`, the request's day: the
 * form has no account, so no context; the front end passes its day) with
 * its minimal fields:
 * applicant's name and 证件号码, the village (12-digit code in the store),
 * 救助事项 and an optional short 诉求.  A registry member's application
 * becomes a clue of their household (dx_relief_app_clue).  The receipt
 * number (申请编号, random) goes to receipt; nothing else is answered, so
 * that the form tells no one who is in the registry.  DX_INVALID with the
 * Chinese reason (never echoing the values) in why.
 */
struct dx_self_apply {
	const char *name, *id_no, *area, *mode, *item, *request;
};
int dx_self_apply(struct dx_store *st, const struct dx_date *today, const struct dx_self_apply *q,
		  char receipt[32], struct dx_buf *why);

#endif
