/*
 * sheet.h - one streaming row reader over the spreadsheets cadres bring:
 * xlsx workbooks and CSV files exported from Excel (UTF-8, UTF-8 with BOM
 * or GB18030, detected from the content, never asked).
 *
 * The reader never holds a whole file: CSV is decoded and parsed in chunks,
 * the xlsx worksheet XML is streamed out of the zip.  Only the shared
 * string table of an xlsx is held in memory (capped).
 *
 *	struct dx_sheet *sh;
 *	struct dx_row row;
 *	const char *why;
 *	int rc = dx_sheet_open(&sh, path, &why);
 *	while (!rc && !(rc = dx_sheet_next(sh, &row, &why)))
 *		use(row.rownum, row.ncells, row.cells);
 *	if (rc == DX_NOT_FOUND)
 *		rc = 0;                    (end of sheet)
 *	dx_sheet_free(sh);
 *
 * `why` always receives a static Chinese reason meant for the user
 * ("文件编码无法识别"); it is NULL on success.
 */
#ifndef DX_IO_SHEET_H
#define DX_IO_SHEET_H

#include <stddef.h>
#include <stdint.h>

struct dx_err_info;

/* Limits on what input may make the reader allocate. */
#define DX_SHEET_CELL_MAX (1u << 20)     /* bytes in one cell */
#define DX_SHEET_COLS_MAX 16384          /* cells in one row (Excel's XFD) */
#define DX_SHEET_ROW_MAX (64u << 20)     /* bytes in one row */
#define DX_SHEET_SST_MAX (256u << 20)    /* xlsx shared strings, uncompressed */

struct dx_sheet;

struct dx_row {
	/* Row number as Excel shows it (1-based).  xlsx: from <row r="N">,
	 * so rows the file leaves out keep the numbering right.  CSV: the
	 * record index (a quoted newline does not start a new row). */
	long rownum;
	/* Cells up to the last non-empty one; 0 for a blank row. */
	size_t ncells;
	/* ncells NUL-terminated UTF-8 strings ("" for an empty cell) and
	 * their lengths; owned by the reader, valid until the next
	 * dx_sheet_next() or dx_sheet_free(). */
	const char **cells;
	const size_t *lens;
};

/*
 * Open a sheet by content, not extension: a zip ("PK\3\4") is read as
 * xlsx (its first worksheet in workbook order), anything else as CSV.
 * On failure returns a DX_* code, *out is NULL and err (may be NULL) holds
 * the error as a value (core/dx.h): the code, the Chinese reason, an
 * English detail and the file.  The caller frees the reader with
 * dx_sheet_free().
 */
int dx_sheet_open(struct dx_sheet **out, const char *path, struct dx_err_info *err);

/* The same over a memory buffer, which must outlive the reader. */
int dx_sheet_open_mem(struct dx_sheet **out, const void *data, size_t len,
		      struct dx_err_info *err);

/*
 * Read the next row into *row.  Returns DX_OK, DX_NOT_FOUND at the end,
 * or another code on malformed or oversized input (DX_INVALID, DX_TOOBIG,
 * DX_IO) with err (may be NULL) holding it as a value; errors are sticky.
 * On DX_OK and at the end err->code is DX_OK.  Blank rows are returned
 * (ncells 0) so callers can count or skip them.
 */
int dx_sheet_next(struct dx_sheet *sh, struct dx_row *row, struct dx_err_info *err);

/* "xlsx", "utf-8", "utf-8-bom" or "gb18030" (a CSV that is plain ASCII
 * so far reports "utf-8"). */
const char *dx_sheet_format(const struct dx_sheet *sh);

/* Bytes consumed so far and in total, for a progress bar; *total is 0
 * when unknown.  For xlsx both count the uncompressed worksheet. */
void dx_sheet_progress(const struct dx_sheet *sh, uint64_t *done,
		       uint64_t *total);

/* Close the reader; NULL-safe. */
void dx_sheet_free(struct dx_sheet *sh);

#endif
