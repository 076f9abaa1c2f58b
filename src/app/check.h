/*
 * check.h - `dixian check`: the data-quality rules of domain.md §3 and §7
 * run over an area, as a worklist a township can clear (issue 4).  Each
 * rule has a stable id (C001 ...) and a plain Chinese explanation.
 */
#ifndef DX_APP_CHECK_H
#define DX_APP_CHECK_H

#include "core/dx.h"

struct dx_store;

struct dx_check_rule {
	const char *id;    /* "C001" */
	const char *title; /* what is wrong and what to change */
};

size_t dx_check_rule_count(void);
const struct dx_check_rule *dx_check_rule_at(size_t i);

/* One finding; pointers are valid during the callback only.  detail names
 * the member concerned (by name, never ID number, phone or health). */
struct dx_check_finding {
	const struct dx_check_rule *rule;
	size_t rule_index;
	const char *hh_no, *area_code, *village;
	const char *head; /* 户主 name, "" if none */
	const char *detail;
};

/*
 * Run every rule over the households of `area` (canonical prefix), ages and
 * episode states as of `as_of` (ISO date, not empty).  fn gets the findings
 * household by household, rules in id order; counts (dx_check_rule_count()
 * entries, may be NULL) gets the number of findings per rule and *nhh the
 * households checked.  Findings are not errors: returns 0 unless the store
 * fails or fn returns non-zero.
 */
int dx_app_check(struct dx_store *st, const char *area, const char *as_of,
		 int (*fn)(const struct dx_check_finding *, void *), void *arg,
		 long *counts, long *nhh);

/*
 * The worklist's columns as every front end writes them (`dixian check
 * --out`, GET /api/check?format=xlsx), so a file holds the same row
 * whoever wrote it: DX_CHECK_COLS heads, and the cells of f in cells
 * (pointing into f).  No ID or phone beyond what the JSON list shows.
 */
#define DX_CHECK_COLS 6
extern const char *const dx_check_heads[DX_CHECK_COLS];
void dx_check_cells(const struct dx_check_finding *f, const char *cells[DX_CHECK_COLS]);

#endif
