/*
 * clue_screen.h - screening suggestions become clues in one action
 * (issue 5): a village runs `dixian clue from-screen` after its weekly
 * screening and every suggested household without an open clue or case
 * gets a clue (source 干部排查) whose reason is the screening's own.
 */
#ifndef DX_APP_CLUE_SCREEN_H
#define DX_APP_CLUE_SCREEN_H

#include "app/account.h"

struct dx_from_screen {
	long suggested; /* households with a suggested category */
	long added;     /* clues recorded */
	long open;      /* skipped: a clue 待核实 or a case 办理中 already */
};

/* Screen `area` ("" = the actor's scope) for `year` and record a clue
 * found on `date` for each suggested household, in one transaction.  The
 * policy in force for each village decides, as for `dixian screen`. */
struct dx_ctx;
int dx_clue_from_screen(struct dx_ctx *c, const char *area, int year, const char *date,
			struct dx_from_screen *out);

#endif
