/*
 * followup.h - 一户一策 measures and visits (domain.md §7, §9; issue 6):
 * add and update measures, log visits, cadre caseloads, and the list of
 * monitored households overdue for a visit.  Every write is audited and
 * every read and write is limited to the acting account's area.
 */
#ifndef DX_APP_FOLLOWUP_H
#define DX_APP_FOLLOWUP_H

#include "app/account.h"
#include "core/date.h"
#include "policy/params.h"
#include "store/followup.h"

/* A measure as the user types it (the 帮扶措施台账 columns); NULL fields
 * are left as they are by an update.  Values are checked with the import
 * template's own rules, so the CLI and a ledger accept the same things. */
struct dx_measure_req {
	const char *hh_no, *category, *detail, *status, *amount, *start_on, *end_on, *cadre;
};
/* The date rule for a measure (also for its import): a measure 已落实
 * cannot have started after `today`, the request's day (clue.h
 * dx_event_date); a 计划 may.
 * DX_INVALID with why. */
int dx_measure_dates(const struct dx_date *today, const char *status, const char *start_on,
		     struct dx_buf *why);
struct dx_ctx;
/* Add measure r for c's actor (a writer whose scope holds the household);
 * its id in *id. */
int dx_measure_add(struct dx_ctx *c, const struct dx_measure_req *r, int64_t *id);
/* Change measure `id`'s given fields (checked as add checks them).  An
 * update that would change nothing (e.g. 已完成, which is 已落实, onto an
 * 已落实 measure) is refused with DX_INVALID and says what is stored. */
int dx_measure_update(struct dx_ctx *c, int64_t id, const struct dx_measure_req *r);
/* Measures of one household, oldest first. */
int dx_measure_list(struct dx_ctx *c, const char *hh_no,
		    int (*fn)(const struct dx_measure *, void *), void *arg);

struct dx_visit_req {
	const char *hh_no, *date, *cadre, *content, *findings;
};
/* Record visit r for c's actor (a writer whose scope holds the
 * household); its id in *id. */
int dx_visit_add(struct dx_ctx *c, const struct dx_visit_req *r, int64_t *id);

/* Caseloads under `area` ("" = the actor's scope) on as_of. */
int dx_caseload(struct dx_ctx *c, const char *area, const char *as_of,
		int (*fn)(const struct dx_caseload *, void *), void *arg);

/* A monitored household visited less often than the policy asks in the
 * week to as_of: visits_per_week_active while the risk is not eliminated,
 * visits_per_week_eliminated after (domain.md §9). */
struct dx_visit_due {
	const struct dx_visit_status *v;
	int required; /* per week */
	const char *cadre; /* the last visitor, the one the list is sorted by */
	const char *village; /* the village's name, "" if unknown */
};
/* Calls fn for each overdue household, sorted by cadre, village, 户编号.
 * *total gets the monitored households looked at.  p NULL = the policy in
 * force for the area (narrowed to the actor's scope) on as_of. */
int dx_visits_overdue(struct dx_ctx *c, const char *area, const char *as_of,
		      const struct dx_policy *p, int (*fn)(const struct dx_visit_due *, void *),
		      void *arg, long *total);

/*
 * The list's columns as every front end writes them (`visit overdue
 * --out`, GET /api/visits/overdue?format=xlsx), so a file holds the same
 * row whoever wrote it: DX_VISIT_DUE_COLS heads, and the cells of d in
 * cells (pointing into d and into buf, valid while both are).  No ID or
 * phone: the list names households by 户编号 and 户主.
 */
#define DX_VISIT_DUE_COLS 9
extern const char *const dx_visit_due_heads[DX_VISIT_DUE_COLS];
struct dx_visit_due_buf {
	char visits[24], required[24];
};
void dx_visit_due_cells(const struct dx_visit_due *d, struct dx_visit_due_buf *buf,
			const char *cells[DX_VISIT_DUE_COLS]);

#endif
