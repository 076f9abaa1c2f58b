/*
 * report.h - the work report's figures as data (built by app/report.c from
 * the store) and their renderings: the 基本情况 text in the reports' own
 * style, printable HTML, xlsx with one sheet per table, and JSON for the UI
 * where every figure carries the filter that lists its households.
 */
#ifndef DX_IO_REPORT_H
#define DX_IO_REPORT_H

#include "core/dx.h"
#include "core/strbuf.h"
#include "policy/employ.h"
#include "io/report_funds.h"
#include "io/report_ledgers.h"

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
enum { DX_DIBAO_A, DX_DIBAO_B, DX_DIBAO_C, DX_NDIBAO };

struct dx_figs {
	struct dx_hp all, tuopin, monitored, cat[DX_NCAT];
	struct dx_hp tuopin_monitored; /* 脱贫户 or 监测对象, each household once (issue 19) */
	struct dx_hp eliminated, active, reflag;
	struct dx_group_income inc_tuopin, inc_monitored;
	long measures, measures_done; /* of monitored households */
	struct dx_hp dibao, dibao_class[DX_NDIBAO];
	long workers, work[DX_WORK_NDEST];
	long visits;              /* visits in the window, all households */
	long visit_due, visit_ok; /* monitored households, and those visited as often as required */
};

/* One row of the tables: a child area (township of a county, village of a
 * township) with its own figures. */
struct dx_report_row {
	char code[13];
	char name[96];
	struct dx_figs f;
};

struct dx_report {
	char area[13];
	char area_name[96];
	int year;
	char from[11];  /* the period: from (1 January of year) to as_of */
	char as_of[11];
	char label[64];    /* 监测对象, or the policy's target_label */
	int visit_weeks;   /* visits are checked over this many weeks to as_of */
	int visits_active; /* required per week while not eliminated */
	int visits_eliminated;
	/* 低保 and 务工 are member-ledger values with no history: they are the
	 * state on as_of only if no member row changed after it (app/report.c);
	 * otherwise the renderings say so instead of giving them */
	int members_known;
	struct dx_figs total;
	/* procedure figures of the period (app/report.c), whole area only */
	long warnings, warnings_clued, clues, clues_warning, clues_verified, clues_in_time;
	long clues_due, clues_overdue; /* 按期核实率 = in_time / due; overdue on as_of */
	long identified, eliminated, cases_open, cases_overdue;
	/* the year's 自然增减 to as_of, whole area only (store/membership.h
	 * dx_store_natural_change says what each counts) */
	int nc_recorded; /* 0: no membership change on record, 自然增减 unknown */
	long nc_included, nc_included_persons, nc_added, nc_left_households, nc_left,
		nc_eliminated, nc_eliminated_persons;
	/* the other ledgers (issue 19), whole area only */
	struct dx_ledger_figs ledgers;
	struct dx_report_row *rows;
	size_t nrows;
	struct dx_funds_figs funds; /* 衔接资金, whole area (app/report_funds.c) */
};

/* Per-capita income in fen of a group (0 when it has no members), and its
 * growth in basis points (1434 = 14.34 %); growth returns DX_NOT_FOUND when
 * there is no previous year to compare. */
int64_t dx_group_per_capita(const struct dx_group_income *g);
int dx_group_growth_bp(const struct dx_group_income *g, int64_t *bp);

/* The figures a drill-down can list, by key (json "key", `report --list`). */
struct dx_figure_def {
	const char *key;
	const char *label;
	/* the filter, as JSON object text, that selects the figure's households */
	const char *filter;
	size_t offset; /* of its struct dx_hp in struct dx_figs */
};
size_t dx_report_figure_count(void);
const struct dx_figure_def *dx_report_figure(size_t i);
const struct dx_figure_def *dx_report_figure_find(const char *key);
/* The figure's households and persons out of f. */
struct dx_hp dx_report_figure_value(const struct dx_figs *f, const struct dx_figure_def *d);

/* The 基本情况 paragraph, then one paragraph per further topic the data
 * supports; a figure with no data is left out, never printed as zero. */
void dx_report_text(const struct dx_report *r, struct dx_buf *out);
/* Why 低保 and 就业 are not given (when !r->members_known), one sentence. */
void dx_report_members_note(const struct dx_report *r, struct dx_buf *out);
void dx_report_html(const struct dx_report *r, struct dx_buf *out);
void dx_report_json(const struct dx_report *r, struct dx_buf *out);
/* Write the xlsx workbook to path; DX_IO with a logged reason on failure. */
int dx_report_xlsx(const struct dx_report *r, const char *path);

#endif
