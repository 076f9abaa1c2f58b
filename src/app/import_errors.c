/*
 * import_errors.c - the error workbook of `dixian import --errors OUT.xlsx`:
 * the user's own sheet, read again and written back row for row (rows keep
 * their numbers, so "第 15 行" is row 15 in Excel too), the cells with a
 * problem filled (red for errors, yellow for warnings) and the messages of
 * each row in a 错误说明 column, ready to fix and import again.  Problems of
 * the file as a whole (row 0: no header, the households the store holds
 * and the file leaves out, ...) and any past its last row follow the data,
 * one a row, with only the 错误说明 cell filled: a re-import of the fixed
 * sheet takes those rows as blank.
 */
#include "core/dx.h"
#include "app/import.h"
#include "core/strbuf.h"
#include "io/sheet.h"
#include "io/xlsx_write.h"

int dx_import_write_errors(const char *in_path, const struct dx_import_result *r,
			   const char *out_xlsx)
{
	struct dx_sheet *sh = NULL;
	struct dx_tw *w = NULL;
	struct dx_row row;
	struct dx_buf note = DX_BUF_INIT;
	const char *why = NULL;
	size_t k = 0, ncols = 0;
	long at = 1;
	int rc;
	if ((rc = dx_sheet_open(&sh, in_path, &why)))
		return rc;
	if ((rc = dx_tw_open(&w, out_xlsx, DX_TW_XLSX, "错误说明")))
		goto out;
	while (!(rc = dx_sheet_next(sh, &row, &why))) {
		size_t n = row.ncells;
		if (row.rownum == r->header_row)
			ncols = n;
		if (row.rownum >= r->header_row && n < ncols)
			n = ncols;
		while (at < row.rownum) {
			dx_tw_endrow(w);
			at++;
		}
		while (k < r->nproblems && r->problems[k].row < row.rownum)
			k++;
		dx_buf_reset(&note);
		for (size_t c = 0; c < n || (ncols && c < ncols); c++) {
			enum dx_tw_style st = row.rownum == r->header_row ? DX_TW_HEADER : DX_TW_PLAIN;
			for (size_t j = k; j < r->nproblems && r->problems[j].row == row.rownum; j++)
				if (r->problems[j].col == (int)c)
					st = r->problems[j].error ? DX_TW_ERROR
					     : st == DX_TW_ERROR ? DX_TW_ERROR
								 : DX_TW_WARN;
			if (ncols && c >= ncols)
				break;
			dx_tw_cell(w, c < row.ncells ? row.cells[c] : "", st);
		}
		for (size_t j = k; j < r->nproblems && r->problems[j].row == row.rownum; j++)
			dx_buf_addf(&note, "%s%s%s%s", note.len ? "；" : "", r->problems[j].column,
				    r->problems[j].column[0] ? ": " : "", r->problems[j].msg);
		if (row.rownum == r->header_row)
			dx_tw_cell(w, "错误说明", DX_TW_HEADER);
		else if (note.len)
			dx_tw_cell(w, note.buf, DX_TW_ERROR);
		dx_tw_endrow(w);
		at++;
	}
	rc = rc == DX_NOT_FOUND ? DX_OK : rc;
	if (!rc) {
		int first = 1;
		for (size_t j = 0; j < r->nproblems; j++) {
			const struct dx_problem *p = &r->problems[j];
			if (p->row > 0 && p->row < at)
				continue; /* written on its row */
			if (first) { /* one blank row apart from the data */
				dx_tw_endrow(w);
				first = 0;
			}
			for (size_t c = 0; c < ncols; c++)
				dx_tw_cell(w, "", DX_TW_PLAIN);
			dx_buf_reset(&note);
			dx_buf_addf(&note, "%s%s%s%s", p->row ? "" : "全文件 — ", p->column,
				    p->column[0] ? ": " : "", p->msg);
			dx_tw_cell(w, note.buf, p->error ? DX_TW_ERROR : DX_TW_WARN);
			dx_tw_endrow(w);
		}
	}
out:
	{
		int c = dx_tw_close(w);
		if (!rc)
			rc = c;
	}
	dx_buf_release(&note);
	dx_sheet_free(sh);
	return rc;
}
