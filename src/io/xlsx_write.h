/*
 * xlsx_write.h - one row-at-a-time table writer for exports and error
 * workbooks: xlsx through libxlsxwriter in constant-memory mode (a
 * million-row export holds one row in memory), or CSV in UTF-8 (with a BOM
 * when written to a file, so Excel opens it right).
 *
 *	struct dx_tw *w;
 *	dx_tw_open(&w, "out.xlsx", DX_TW_XLSX, "户成员台账");
 *	dx_tw_cell(w, "区划代码", DX_TW_HEADER);
 *	dx_tw_endrow(w);
 *	dx_tw_row(w, cells, n, DX_TW_PLAIN);  (a whole row at once)
 *	rc = dx_tw_close(w);       (the first error, if any)
 *
 * Builders keep the first error and report it at close (style.md).
 */
#ifndef DX_IO_XLSX_WRITE_H
#define DX_IO_XLSX_WRITE_H

#include <stddef.h>

enum dx_tw_format { DX_TW_CSV, DX_TW_XLSX };
enum dx_tw_style { DX_TW_PLAIN, DX_TW_HEADER, DX_TW_ERROR, DX_TW_WARN };

struct dx_tw;

/* Open path (NULL or "-" = stdout, CSV only).  *out is NULL on error.
 * A file goes through core/outfile.h: DX_EXISTS when it is the store or an
 * input; written beside and renamed in by a successful dx_tw_close(). */
int dx_tw_open(struct dx_tw **out, const char *path, enum dx_tw_format fmt, const char *sheet);
/* The format a file name asks for: .xlsx -> XLSX, anything else CSV. */
enum dx_tw_format dx_tw_format_of(const char *path);
void dx_tw_cell(struct dx_tw *w, const char *s, enum dx_tw_style style);
/* Set a column's width in characters (xlsx only; before the first row). */
void dx_tw_width(struct dx_tw *w, int col, double width);
void dx_tw_endrow(struct dx_tw *w);
/* A whole row: cells[0..n) in one style, then its end -- what every list
 * writer does per item (a NULL cell is an empty one, as in dx_tw_cell). */
void dx_tw_row(struct dx_tw *w, const char *const *cells, size_t n, enum dx_tw_style style);
/* Finish and free; returns 0 or the first error (DX_IO). */
int dx_tw_close(struct dx_tw *w);

#endif
