/*
 * import_int.h - what the import engine (import.c) shares with the
 * per-template handlers (import_persons.c, import_misc.c).
 *
 * The engine reads rows, finds the header, parses cells through the
 * template's column table and hands each row to the handler.  Modes:
 *  - normal: one pass inside one transaction; any error rolls it back;
 *  - dry_run: the same passes, writes and all, rolled back at the end;
 *  - keep_valid: pass 1 validates (writes off) and collects the rejected
 *    units (households, or rows); pass 2 writes everything else.
 */
#ifndef DX_APP_IMPORT_INT_H
#define DX_APP_IMPORT_INT_H

#include "app/import.h"
#include "core/date.h"
#include "io/template.h"

/* A string-keyed hash map with keys and values in one arena (no per-entry
 * malloc): values are fixed-size blobs of vsize bytes, zeroed on insert.
 * Its size follows the input (a file's households, IDs, keys), so growing
 * it fails as a value: at most `max` entries (DX_SMAP_MAX; a test may
 * lower it) else DX_TOOBIG, DX_NOMEM when memory runs out; err says which
 * for the put that returned NULL, and the map stays as it was. */
#define DX_SMAP_MAX ((size_t)1 << 26)
struct dx_smap {
	size_t vsize, n, cap;
	struct dx_smap_ent { uint64_t h; char *key; void *val; } *t;
	char **blocks;
	size_t nblocks, used, blocksz;
	size_t max;
	int err;
};
void dx_smap_init(struct dx_smap *m, size_t vsize);
void dx_smap_release(struct dx_smap *m);
/* The value of key or NULL. */
void *dx_smap_get(struct dx_smap *m, const char *key);
/* The value of key, inserted (zeroed) if new; *isnew says which.  NULL
 * when the map cannot grow, with m->err DX_TOOBIG or DX_NOMEM. */
void *dx_smap_put(struct dx_smap *m, const char *key, int *isnew);
struct dx_imp;
/* dx_smap_put for an import: a failure is also kept in im->fail, which
 * stops the import after the row with that code. */
void *dx_imp_put(struct dx_imp *im, struct dx_smap *m, const char *key, int *isnew);
uint64_t dx_hash(const void *p, size_t n, uint64_t h);

struct dx_imp {
	struct dx_store *st;
	const struct dx_import_opts *o;
	const struct dx_header *hdr;
	struct dx_import_result *res;
	int write;            /* write to the store in this pass */
	int pass;             /* 1, or 2 for keep_valid's writing pass */
	int any_error;
	int row_bad;          /* cells of this row failed to parse (left blank) */
	struct dx_smap reject; /* units rejected in pass 1 */
	int fail;             /* a map could not grow (DX_NOMEM/DX_TOOBIG): stop */
	/* from the request context (app/ctx.h): who imports (the audit's
	 * name), the area they may write ("" = all) and the day it runs on */
	const char *actor, *scope;
	struct dx_date today;
	/* the store held no member when the import began (import.c, read
	 * before its transaction; 0 again on a retry): nothing to look up */
	int store_empty;
	void *h;              /* the handler's state */
	char county[7];       /* for records without an area (warning batches) */
};

struct dx_imp_handler {
	const char *kind;
	/* The unit (household) a row belongs to, for keep_valid; "" = the row. */
	void (*unit)(const struct dx_rowval *rv, char *out, size_t size);
	int (*begin)(struct dx_imp *im);
	int (*row)(struct dx_imp *im, const struct dx_rowval *rv, long rownum);
	int (*finish)(struct dx_imp *im);
	void (*release)(struct dx_imp *im);
};

extern const struct dx_imp_handler dx_imp_persons, dx_imp_incomes, dx_imp_warnings,
	dx_imp_measures, dx_imp_visits;
/* 衔接资金 ledgers (import_funds.c) */
extern const struct dx_imp_handler dx_imp_projects, dx_imp_payments, dx_imp_beneficiaries,
	dx_imp_assets;
/* issue 19 (import_ledgers.c) */
extern const struct dx_imp_handler dx_imp_loans, dx_imp_applications, dx_imp_relief,
	dx_imp_problems, dx_imp_training;

/* A second row of this file with the same natural key: report it on row
 * (column f) naming the first, and return 1; else remember row under key
 * in keys (values: long) and return 0.  One rule for every ledger. */
int dx_imp_duplicate(struct dx_imp *im, struct dx_smap *keys, const char *key, long row, int f);
/*
 * What a ledger keyed by a natural key keeps for one file (the other
 * ledgers, import_ledgers.c; the funds, import_funds.c), in im->h between
 * a handler's begin and release: the keys seen (values: long, the first
 * row, or a count) and, for ledgers that need it, whether the county of
 * rows the store cannot place is known.
 */
struct dx_imp_keyed {
	struct dx_smap keys;
	int county_known;
};
/* Set it up in im->h (a handler's begin calls this first) / release it
 * (a handler's release). */
struct dx_imp_keyed *dx_imp_keyed_begin(struct dx_imp *im);
void dx_imp_keyed_release(struct dx_imp *im);
/* dx_imp_duplicate on the keys of im->h. */
int dx_imp_keyed_duplicate(struct dx_imp *im, const char *key, long row, int f);
/* Report a problem at (row, field f of the template, or -1).  unit is the
 * unit the error rejects (NULL = the row's own).  is_error 0 = warning. */
/* A handler's finish for ledgers whose unit is the row: units = rows. */
int dx_imp_finish_rows(struct dx_imp *im);
void dx_imp_report(struct dx_imp *im, long row, int f, const char *unit, int is_error,
		   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Issue 11.16: with --county given, a record of another county is an
 * error on its row (field f); returns 1 then, else 0. */
int dx_imp_county_check(struct dx_imp *im, long row, int f, const char *area);

/* Audit one change as the import's actor. */
/* The file read again from below its header, each non-blank row's raw
 * cells to fn (a non-zero return stops and is returned): a handler's
 * look-ahead of the keys it will meet, so that it asks the store for
 * those only (import_persons.c).  Only reads: a file that fails here
 * fails again in the pass, which reports it. */
int dx_imp_scan(struct dx_imp *im,
		int (*fn)(void *arg, const char *const *cells, const size_t *lens, size_t n),
		void *arg);
int dx_imp_audit(struct dx_imp *im, const char *county, const char *action,
		 const char *entity, const char *key, const char *before, const char *after);

/* JSON builders for audit values: {"列名":"值",...}. */
void dx_json_field(struct dx_buf *b, const char *key, const char *val);
void dx_json_int(struct dx_buf *b, const char *key, int64_t v);
void dx_json_close(struct dx_buf *b);

#endif
