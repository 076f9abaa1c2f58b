/*
 * import.h - `dixian import`: bring a ledger (台账) into the store.
 *
 *	struct dx_import_opts o = {.kind = "persons", .path = "台账.xlsx",
 *				   .actor = "cli", .problem = print, .arg = f};
 *	struct dx_import_result r;
 *	rc = dx_import_run(st, &o, &r);
 *	...
 *	dx_import_result_release(&r);
 *
 * Every problem goes to o.problem as it is found (the CLI prints it as
 * FILE:ROW:COLUMN: message) and is kept in the result for the error
 * workbook (dx_import_write_errors) -- up to a bound: a file of nothing
 * but bad cells must not take gigabytes of memory and of stderr (issue
 * 13.2).  Past DX_IMPORT_SHOW_MAX problems o.problem is not called, past
 * DX_IMPORT_KEEP_MAX they are not kept; all are counted (errors,
 * warnings; not_shown, not_kept say how many went unlisted).  And when
 * each of the first DX_IMPORT_PROBE_ROWS data rows has an error in a
 * required column, the file is not this template: the import stops there
 * (stopped), says so, and stores nothing, --keep-valid or not.  Returns DX_OK when the file was
 * clean (or --keep-valid kept what was valid), DX_INVALID when it had
 * errors (nothing stored unless keep_valid), another code on failure.
 *
 * Audit: every insert or change leaves one audit row per record (entity
 * household, person, episode, income, measure, visit, warning, area) with
 * the changed fields' old and new values as JSON keyed by the template's
 * column names.  联系电话 is stored masked there and 证件号码 never appears
 * (the person's row id is the key): the audit log shows what changed
 * without becoming a second copy of the ledger's personal data.
 */
#ifndef DX_APP_IMPORT_H
#define DX_APP_IMPORT_H

#include "core/strbuf.h"
#include "store/store.h"

#define DX_IMPORT_SHOW_MAX 1000
#define DX_IMPORT_KEEP_MAX 10000
#define DX_IMPORT_PROBE_ROWS 100

struct dx_problem {
	long row;    /* as Excel shows it; 0 for the file as a whole */
	int col;     /* sheet column, -1 for none */
	int error;   /* 0 = warning (unknown column, unmatched warning) */
	char *column; /* header text */
	char *msg;
};

struct dx_import_opts {
	const char *kind;  /* persons, incomes, warnings, measures, visits */
	const char *path;
	int dry_run;    /* do it all, then roll back: the counts are the real run's */
	int keep_valid; /* store the units (households, rows) without errors */
	const char *county; /* warnings: the county receiving the list ("" = the store's) */
	const char *period; /* warnings: the list's period YYYY-MM ("" = this month) */
	void (*problem)(void *arg, const struct dx_problem *p);
	void (*progress)(void *arg, uint64_t done, uint64_t total, long rows);
	void *arg;
};

struct dx_import_result {
	long rows;         /* data rows read */
	long units;        /* households (persons), else rows */
	long added, updated, unchanged, rejected; /* households or rows */
	long p_added, p_updated, p_unchanged;   /* persons template: members */
	long errors, warnings, unmatched;
	/* persons template: what the store holds and the file leaves out,
	 * kept as it is and listed as warnings (a cadre decides) */
	long absent_households, absent_persons;
	long not_shown, not_kept; /* problems past the bounds above */
	int stopped;              /* the file is not this template: nothing stored */
	struct dx_problem *problems; /* sorted by row then column */
	size_t nproblems;
	int header_row; /* the header's row number (title rows above it) */
	char format[16];
};

/* The i-th ledger kind ("persons" ...), NULL past the last: the one list
 * of what can be imported, for help and front ends. */
const char *dx_import_kind(size_t i);
/* DX_OK if kind can be imported, else DX_USAGE with the Chinese reason
 * (naming every kind) in why. */
int dx_import_kind_check(const char *kind, struct dx_buf *why);

/*
 * Import the ledger o->path of kind o->kind into c's store as c's actor
 * (who is audited, and whose scope bounds the rows; the local owner may
 * only ask for a dry run), on c's day.  The file's problems go to
 * o->problem one by one and into out; DX_INVALID when there were errors.
 * A failure of the run itself (unknown kind, the store) leaves its code
 * (and, where there is one, the reason) in c->err.
 */
struct dx_ctx;
int dx_import_run(struct dx_ctx *c, const struct dx_import_opts *o,
		  struct dx_import_result *out);
void dx_import_result_release(struct dx_import_result *r);

/*
 * Write the user's sheet back to out_xlsx: the same rows and columns as
 * read, the cells with an error filled red (warnings yellow), and a
 * 错误说明 column with the messages of the row.
 */
int dx_import_write_errors(const char *in_path, const struct dx_import_result *r,
			   const char *out_xlsx);

#endif
