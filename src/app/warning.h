/*
 * warning.h - department warnings after they are imported (domain.md §8,
 * issue 6): dispatch matched signals as clues with a verification
 * deadline, or record them without a clue when under the policy's
 * threshold; and the 核查反馈表 a department gets back.
 */
#ifndef DX_APP_WARNING_H
#define DX_APP_WARNING_H

#include "app/account.h"
#include "io/outfmt.h"
#include "store/warnings.h"

struct dx_dispatch_stats {
	long clues;       /* signals that became clues */
	long below;       /* recorded only: under the threshold */
	long failed;      /* refused by the clue rules (reason logged per signal) */
};

/* Turn every pending matched signal under `area` ("" = the actor's scope)
 * into a clue found on `date`, except 医保 signals whose amount is not above
 * the policy's warn_medical_oop, which are recorded with the reason.  Each
 * signal is handled once: running it again dispatches only new signals.
 * The clues' 核实期限 is `deadline` when given (NULL or "" = each
 * village's policy deadline), checked by dx_clue_deadline against the
 * policy of every village before anything is dispatched (DX_INVALID with
 * why); each clue's audit row names it beside the policy's. */
struct dx_ctx;
int dx_warning_dispatch(struct dx_ctx *c, const char *area, const char *date,
			const char *deadline, struct dx_dispatch_stats *stats);

/* Write the feedback sheet for `department` and `period` ("" = all) to
 * path as xlsx or CSV (fmt, chosen by dx_outfmt_choose).  ID numbers are
 * masked unless `unmasked`, which only a county-level 经办 account may ask
 * for, and which is audited.  Rows are those of the account's scope
 * (signals that matched nobody: county accounts only); the local owner is
 * refused (the sheet is a county's). */
int dx_warning_feedback(struct dx_ctx *c, const char *department, const char *period,
			const char *path, enum dx_outfmt fmt, int unmasked, long *rows);

/* The matched signals under `area` (NULL/"" = the actor's scope; wider:
 * DX_DENIED) that wait for dispatch, oldest first, 身份证号 masked (a
 * list never shows them in full). */
int dx_warning_pending(struct dx_ctx *c, const char *area,
		       int (*fn)(const struct dx_warning_view *, void *), void *arg);

/*
 * The pending list's columns as every front end writes them (GET
 * /api/warnings?format=xlsx): the JSON list's fields in Chinese,
 * DX_WARNING_COLS heads, and the cells of w (already masked by
 * dx_warning_pending) with policy_deadline, the 核实期限 the list gives
 * it, in cells (pointing into w, policy_deadline and buf).  Amounts in
 * yuan, blank when none.
 */
#define DX_WARNING_COLS 12
extern const char *const dx_warning_heads[DX_WARNING_COLS];
struct dx_warning_buf {
	char id[24], amount[32];
};
void dx_warning_cells(const struct dx_warning_view *w, const char *policy_deadline,
		      struct dx_warning_buf *buf, const char *cells[DX_WARNING_COLS]);

#endif
