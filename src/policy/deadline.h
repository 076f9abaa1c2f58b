/*
 * deadline.h - time limits counted in calendar days or in working days
 * (domain.md §5: "From clue to decision ≤ 15 days (some provinces: 20
 * working days)"; issue 5: identify_days, working_days).
 *
 * Working days skip Saturdays, Sundays and the caller's holidays, and count
 * the caller's adjusted working days (调休上班: a weekend day that is worked).
 * The holiday calendar is data the caller loads (the State Council publishes
 * it each year); nothing here knows a holiday.
 */
#ifndef DX_POLICY_DEADLINE_H
#define DX_POLICY_DEADLINE_H

#include "core/dx.h"
#include "core/date.h"

struct dx_holidays {
	const struct dx_date *off; /* 法定节假日: days off, any weekday */
	size_t noff;
	const struct dx_date *worked; /* 调休上班: weekend days worked */
	size_t nworked;
};

/* Longest time limit accepted, in days of either kind (ten years). */
#define DX_DEADLINE_MAX_DAYS 3660

/* 1 if d is a working day under h (h may be NULL: weekends only).  A date
 * in both lists is a working day. */
int dx_deadline_is_workday(const struct dx_date *d, const struct dx_holidays *h);

/*
 * The day `days` after start: calendar days when !working, else the
 * days-th working day after start (start itself does not count, so a clue
 * found on a Friday with 1 working day is due on the next working day).
 * days = 0 gives start.  Returns 0, or DX_INVALID for days < 0 or
 * > DX_DEADLINE_MAX_DAYS (out untouched).
 */
int dx_deadline_add(const struct dx_date *start, int days, int working,
		    const struct dx_holidays *h, struct dx_date *out);

/*
 * Days left from today to deadline: calendar days, or working days after
 * today up to and including the deadline.  0 on the deadline day.  When
 * today is after the deadline the result is negative: minus the calendar
 * days, or minus the working days missed but at least -1, so "overdue" is
 * always `*left < 0`.
 */
int dx_deadline_days_left(const struct dx_date *today,
			  const struct dx_date *deadline, int working,
			  const struct dx_holidays *h, long *left);

#endif
