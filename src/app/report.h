/*
 * report.h - build the work report's figures from the store for any area
 * and as-of date (domain.md §12, issue 7), and list the households behind
 * any figure.  Rendering lives in io/report.h.
 */
#ifndef DX_APP_REPORT_H
#define DX_APP_REPORT_H

#include "core/date.h"
#include "io/report.h"
#include "store/store.h"

struct dx_report_opts {
	const char *area; /* canonical prefix of at least a county */
	int year;
	const char *as_of; /* ISO date; "" or NULL = the end of year, or today
			    * if that is earlier */
	struct dx_date today; /* the request's day (dx_ctx.today): the report
			       * never reads the clock itself */
	const char *label; /* target-group label; NULL = 监测对象 */
	int visits_active, visits_eliminated; /* per week; 0 = 2 and 1 */
	char label_buf[64]; /* dx_report_opts_init keeps label here */
};

/* The options for a report of `area` (canonical) in `year` as of `as_of`
 * ("" = end of year) on the request's day `today`: the target-group label and visit frequencies the
 * policy in force gives (app/policy.h).  Every front end calls this, so
 * the report reads policy one way.  Errors as dx_app_policy. */
int dx_report_opts_init(struct dx_store *st, const char *area, int year, const char *as_of,
			const struct dx_date *today, struct dx_report_opts *o);

/* Compute r for the options.  r->rows holds the child areas; release with
 * dx_report_release().  A period the data cannot speak for is refused with
 * DX_USAGE and the Chinese reason in why (may be NULL): an as-of date
 * outside the year, a year not yet begun, a year before every dated
 * record. */
int dx_report_build(struct dx_store *st, const struct dx_report_opts *o, struct dx_report *r,
		    struct dx_buf *why);
void dx_report_release(struct dx_report *r);

/* A county's ledger now, as the national aggregate counts it
 * (store/cluster_pg.h): households, their members 计入家庭人口
 * (household.members), and the same of the 脱贫户 (by kind, whatever the
 * year). */
struct dx_county_ledger {
	int64_t households, persons, tuopin_households, tuopin_persons;
};

/* The figures of every county in `counties` (n canonical county codes in
 * code order, all under `prefix`: a province or city, "" = all) without
 * a report per county: each county's households grouped on the server by
 * what the figures select on (dx_store_scan_household_groups), a few
 * dozen rows a county, and each group counted at once by the predicates
 * dx_report_build counts each household by; two connections share the
 * counties.  As r->rows[i] for counties[i] (r->total their sum), with
 * r->as_of and r->members_known.  Only the household figures
 * (dx_report_figure's: households, categories, 低保) are counted: no
 * income, measures, visits, procedure counts, other ledgers or funds.  A
 * period a county's own report refuses (dx_report_build) is refused
 * here, with the first such county's reason.  With ledger non-NULL (n
 * entries), each county's ledger now too, from the same groups.  Release
 * with dx_report_release(). */
int dx_report_build_counties(struct dx_store *st, const char *prefix, int year,
			     const char *as_of, const struct dx_date *today,
			     const char *const *counties, size_t n,
			     struct dx_report *r, struct dx_county_ledger *ledger,
			     struct dx_buf *why);

/* One household of a figure's list: its number with the names a cadre
 * reads it by (户主, township and village), and the persons it adds to
 * the figure.  The strings are valid during the call only. */
struct dx_report_item {
	const char *hh_no, *head_name;
	const char *area_code, *township, *village; /* names; "" if unknown */
	int persons;
};

/* Call fn for every household counted in figure `key` (see
 * dx_report_figure_find), in the same area, year and as-of date; refused
 * as dx_report_build refuses, and for a 低保 figure the member ledger no
 * longer knows as of the date (dx_report.members_known). */
int dx_report_list(struct dx_store *st, const struct dx_report_opts *o, const char *key,
		   int (*fn)(const struct dx_report_item *it, void *), void *arg,
		   struct dx_buf *why);

#endif
