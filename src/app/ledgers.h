/*
 * ledgers.h - use cases on the other ledgers (issue 19) beyond import:
 * the 销号 step of a 问题整改 item.
 */
#ifndef DX_APP_LEDGERS_H
#define DX_APP_LEDGERS_H

#include "app/account.h"

/*
 * 销号: problem `problem_no` of `county` (整改中 or 长期跟踪) becomes 已销号
 * on `date` (ISO; app/clue.h dx_event_date: not after today).
 * Only the responsible level may: an account of the problem's own level
 * (county, township or village by the length of its area code) whose
 * scope covers it.  Audited (problem.close).  DX_NOT_FOUND, DX_DENIED,
 * DX_STATE, DX_INVALID with the Chinese reason in why.
 */
int dx_problem_close(struct dx_store *st, const struct dx_actor *a, const char *county,
		     const char *problem_no, const char *date, struct dx_buf *why);

/*
 * The rows of ledger kind (loans, applications, relief, problems, training)
 * under area (NULL or "" = the actor's scope; outside it DX_DENIED) for a
 * list page: fn gets the template's headers once (header = 1), then each
 * row's cells in the same order, 证件号码 masked and free text through
 * dx_mask_text (a list never shows a full ID number or phone, whoever
 * asks: the unmasked copy is the audited export's).  Amounts are whole fen
 * as texts.  DX_NOT_FOUND for another kind.
 */
int dx_ledger_list(struct dx_store *st, const struct dx_actor *a, const char *kind,
		   const char *area,
		   int (*fn)(const char *const *cells, int n, int header, void *arg), void *arg,
		   struct dx_buf *why);

/* 1 if kind is one of the ledgers dx_ledger_list reads. */
int dx_ledger_list_kind(const char *kind);

#endif
