/*
 * followup.h - the store side of 一户一策 measures and visits: single-row
 * reads and updates, and the scans behind cadre caseloads and the list of
 * households overdue for a visit.
 */
#ifndef DX_STORE_FOLLOWUP_H
#define DX_STORE_FOLLOWUP_H

#include "store/store.h"

/* One measure by id; DX_NOT_FOUND if none.  area_code gets the
 * household's village (for scope checks). */
int dx_store_measure_get(struct dx_store *st, int64_t id, struct dx_measure *out,
			 char area_code[13]);
/* Overwrite the measure's fields (not its household). */
int dx_store_measure_update(struct dx_store *st, const struct dx_measure *m);
/* Measures of one household, oldest first. */
int dx_store_measure_list(struct dx_store *st, int64_t household_id,
			  int (*fn)(const struct dx_measure *, void *), void *arg);

/* Cadre caseloads under an area: for each village and 帮扶责任人, the
 * households with a measure in force on as_of (started, not ended) and
 * how many such measures. */
struct dx_caseload {
	const char *village;
	const char *cadre;
	long households;
	long measures;
};
int dx_store_caseload(struct dx_store *st, const char *area, const char *as_of,
		      int (*fn)(const struct dx_caseload *, void *), void *arg);

/* Monitored households under an area as of a date (latest episode
 * identified by then), with their visits in (from, to], their last visit
 * up to `to` and who made it. */
struct dx_visit_status {
	int64_t household_id;
	const char *hh_no;
	const char *area_code;
	const char *head;       /* 户主 name */
	int eliminated;
	long visits;            /* in (from, to] */
	const char *last_visit; /* "" = never */
	const char *last_cadre;
};
int dx_store_visit_status(struct dx_store *st, const char *area, const char *from,
			  const char *to, int (*fn)(const struct dx_visit_status *, void *),
			  void *arg);

#endif
