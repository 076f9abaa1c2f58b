/*
 * sheet_int.h - what the sheet dispatcher (sheet.c) shares with its two
 * drivers, csv_read.c and xlsx_read.c.  Not for callers: use sheet.h.
 */
#ifndef DX_IO_SHEET_INT_H
#define DX_IO_SHEET_INT_H

#include "core/strbuf.h"
#include "io/sheet.h"

#include <stdio.h>
#include <zip.h>

struct dx_sheet_ops {
	int (*next)(struct dx_sheet *sh, struct dx_row *row, const char **why);
	void (*free)(struct dx_sheet *sh);
};

/* The head of every driver's reader, which embeds it first. */
struct dx_sheet {
	const struct dx_sheet_ops *ops;
	const char *format;
	uint64_t done, total;
	int err;          /* sticky error, DX_OK while healthy */
	const char *why;  /* its reason */
};

/*
 * Open a CSV reader over the stream f (taken over and closed by the
 * reader) or, when f is NULL, over mem/len.  total is the size for
 * progress (0 if unknown).
 */
int dx_csv_open(struct dx_sheet **out, FILE *f, const void *mem, size_t len,
		uint64_t total, const char **why);

/* Open an xlsx reader over za, which the reader takes over (even on
 * failure). */
int dx_xlsx_open(struct dx_sheet **out, zip_t *za, const char **why);

/*
 * A queue of parsed rows shared by the drivers.  Cell bytes (each
 * NUL-terminated) live in `data`; complete rows from `head` on wait to be
 * popped; the row being built owns cells[cur_first..ncells).  Only
 * non-empty cells need setting: gaps read as "".
 */
struct dx_cellref {
	size_t off, len; /* off SIZE_MAX: empty */
};

struct dx_rowref {
	size_t first, n;
	long rownum;
};

struct dx_rowq {
	struct dx_buf data;
	size_t cur_data; /* where the row being built starts in data */
	struct dx_cellref *cells;
	size_t ncells, cells_alloc, cur_first;
	struct dx_rowref *rows;
	size_t nrows, rows_alloc, head;
	const char **outv; /* what dx_rowq_pop() hands out */
	size_t *outl;
};

void dx_rowq_init(struct dx_rowq *q);
void dx_rowq_release(struct dx_rowq *q);
/* Set cell col (0-based) of the row being built; DX_TOOBIG with *why past
 * the column or row-size caps.  The cell cap is the caller's. */
int dx_rowq_set(struct dx_rowq *q, size_t col, const char *s, size_t len,
		const char **why);
/*
 * dx_rowq_set() inline for the common case, a cell at or after the last
 * one set with room for it in the arrays and under the cap: the CSV
 * reader's path for every field.  Anything else goes to dx_rowq_set().
 */
static inline int dx_rowq_add(struct dx_rowq *q, size_t col, const char *s, size_t len,
			      const char **why)
{
	struct dx_buf *d = &q->data;
	size_t at = q->cur_first + col;

	if (col < DX_SHEET_COLS_MAX && at >= q->ncells && at < q->cells_alloc && !d->err &&
	    len + 2 <= d->alloc - d->len && (!d->max || len + 1 <= d->max - d->len)) {
		while (q->ncells < at) {
			q->cells[q->ncells].off = SIZE_MAX;
			q->cells[q->ncells++].len = 0;
		}
		q->cells[at].off = d->len;
		q->cells[at].len = len;
		q->ncells = at + 1;
		if (len)
			memcpy(d->buf + d->len, s, len);
		d->buf[d->len + len] = d->buf[d->len + len + 1] = '\0';
		d->len += len + 1;
		return 0;
	}
	return dx_rowq_set(q, col, s, len, why);
}
/* End the row being built, queueing it as row rownum. */
void dx_rowq_end_row(struct dx_rowq *q, long rownum);
/* Pop the oldest complete row into *row (valid until the next compact);
 * DX_NOT_FOUND when none is queued. */
int dx_rowq_pop(struct dx_rowq *q, struct dx_row *row);
/* Once every row is popped, forget them, keeping the row being built. */
void dx_rowq_compact(struct dx_rowq *q);

/* xlsx_value.c: number formats and numeric cell text. */
/* Whether a custom number format code shows a date. */
int dx_xlsx_fmt_is_date(const char *code);
/* Whether a built-in number format id shows a date. */
int dx_xlsx_builtin_is_date(long id);
/* Date serial s as "YYYY-MM-DD" into out[11]; -1 if s is not one. */
int dx_xlsx_serial_to_iso(const char *s, int date1904, char *out);
/* Scientific-notation integer s as plain digits into b; -1 to leave s. */
int dx_xlsx_sci_to_plain(const char *s, struct dx_buf *b);

/* Record err/why in sh (the first error wins) and return it. */
int dx_sheet_fail(struct dx_sheet *sh, int err, const char *why);

#endif
