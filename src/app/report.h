/*
 * report.h - the figures of the work report's 基本情况 paragraph, computed
 * from the store for any area and as-of date (domain.md §12).
 */
#ifndef DX_REPORT_H
#define DX_REPORT_H

#include "store/store.h"

/* Households and their counted members. */
struct dx_hp {
	long hh, persons;
};

/* A group's income: totals over households with an income row for the
 * year, and over those that also have one for the year before (growth
 * compares the same households). */
struct dx_group_income {
	struct dx_hp with_income;
	int64_t net;
	struct dx_hp both;
	int64_t both_net, both_prev_net;
};

enum { DX_CAT_UNSTABLE, DX_CAT_EDGE, DX_CAT_SUDDEN, DX_NCAT };
extern const char *const dx_category_names[DX_NCAT];

struct dx_report {
	char area[13];
	char area_name[96];
	int year;
	char as_of[11];
	struct dx_hp all, tuopin, monitored, cat[DX_NCAT];
	struct dx_hp eliminated, active, reflag;
	struct dx_group_income inc_tuopin, inc_monitored;
};

/* Compute the figures for `area` (a canonical prefix), `year` and the
 * as-of date (ISO; "" = the end of `year`). */
int dx_report_build(struct dx_store *st, const char *area, int year, const char *as_of,
		    struct dx_report *r);

/* Per-capita income in fen of a group (0 when it has no members), and its
 * growth in basis points (1434 = 14.34 %); growth returns DX_NOT_FOUND when
 * there is no previous year to compare. */
int64_t dx_group_per_capita(const struct dx_group_income *g);
int dx_group_growth_bp(const struct dx_group_income *g, int64_t *bp);

/* The 基本情况 paragraph in the reports' own style; figures with no data
 * are left out, never printed as zero.  `label` is the target-group label
 * of the policy in force (监测对象, from 2026 防止返贫致贫对象). */
void dx_report_text(const struct dx_report *r, const char *label, struct dx_buf *out);

#endif
