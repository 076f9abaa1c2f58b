/*
 * deadline.c - adding calendar or working days to a date, and counting
 * the days left, over a caller-supplied holiday calendar (see deadline.h).
 */
#include "core/dx.h"

#include "policy/deadline.h"

static int in_list(const struct dx_date *d, const struct dx_date *list,
		   size_t n)
{
	size_t i;
	for (i = 0; list && i < n; i++)
		if (list[i].y == d->y && list[i].m == d->m && list[i].d == d->d)
			return 1;
	return 0;
}

int dx_deadline_is_workday(const struct dx_date *d, const struct dx_holidays *h)
{
	int wd;
	if (h && in_list(d, h->worked, h->nworked))
		return 1; /* 调休上班 */
	if (h && in_list(d, h->off, h->noff))
		return 0;
	wd = dx_date_weekday(d);
	return wd != 6 && wd != 7;
}

int dx_deadline_add(const struct dx_date *start, int days, int working,
		    const struct dx_holidays *h, struct dx_date *out)
{
	struct dx_date d = *start;
	int left = days;

	if (days < 0 || days > DX_DEADLINE_MAX_DAYS)
		return DX_INVALID;
	if (!working) {
		dx_date_add_days(&d, days);
		*out = d;
		return DX_OK;
	}
	/* issue 5: identify_days in working days when working_days */
	while (left > 0) {
		dx_date_add_days(&d, 1);
		if (dx_deadline_is_workday(&d, h))
			left--;
	}
	*out = d;
	return DX_OK;
}

/* Working days d with from < d <= to (from <= to). */
static long count_workdays(const struct dx_date *from, const struct dx_date *to,
			   const struct dx_holidays *h)
{
	struct dx_date d = *from;
	long n = 0, end = dx_date_to_days(to);
	while (dx_date_to_days(&d) < end) {
		dx_date_add_days(&d, 1);
		n += dx_deadline_is_workday(&d, h);
	}
	return n;
}

int dx_deadline_days_left(const struct dx_date *today,
			  const struct dx_date *deadline, int working,
			  const struct dx_holidays *h, long *left)
{
	long t = dx_date_to_days(today), e = dx_date_to_days(deadline);
	long n;

	if (e - t > 100L * 366 || t - e > 100L * 366)
		return DX_INVALID; /* not a real time limit; avoid long loops */
	if (!working) {
		*left = e - t;
		return DX_OK;
	}
	if (e >= t) {
		*left = count_workdays(today, deadline, h);
		return DX_OK;
	}
	n = count_workdays(deadline, today, h);
	*left = n > 0 ? -n : -1;
	return DX_OK;
}
