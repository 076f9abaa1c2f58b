/*
 * warnings.h - department warning signals (部门预警) as the dispatch and
 * the feedback sheet read them: pending matched signals of an area, and
 * every signal of a department's list for a period with what came of it.
 */
#ifndef DX_STORE_WARNINGS_H
#define DX_STORE_WARNINGS_H

#include "store/store.h"

struct dx_warning_view {
	int64_t id;
	const char *department, *event, *period;
	const char *id_no, *name, *occurred_on, *note;
	int64_t amount;
	int64_t household_id; /* 0 = matched nobody */
	const char *hh_no, *area_code, *village;
	const char *result, *verified_on; /* the warning's own (below threshold) */
	int64_t clue_id;
	const char *clue_state, *clue_result, *clue_closed_on, *clue_deadline;
	const char *case_state; /* the identification case the clue led to, "" = none */
	long measures_after;    /* measures the household got on or after the signal */
};

/* Matched signals of households under `area` that have neither a clue nor a
 * recorded result yet, oldest first. */
int dx_store_warnings_pending(struct dx_store *st, const char *area,
			      int (*fn)(const struct dx_warning_view *, void *), void *arg);
/* Record the outcome of a signal that raises no clue (under threshold). */
int dx_store_warning_set_result(struct dx_store *st, int64_t id, const char *result,
				const char *on);
/* Every signal of `department`'s lists for `period` in county `county`
 * ("" period = all periods), matched or not, by id. */
int dx_store_warnings_feedback(struct dx_store *st, const char *county, const char *department,
			       const char *period,
			       int (*fn)(const struct dx_warning_view *, void *), void *arg);

#endif
