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
 *
 * Excel's own limits hold (issue 13.7): a cell over 32,767 characters is
 * cut and says so; rows past 1,048,576 (a CSV can have them) are left out
 * with a note saying from which row; a workbook that fails anyway is
 * removed rather than left half-written.
 */
#include "core/dx.h"
#include "app/import.h"
#include "core/strbuf.h"
#include "io/sheet.h"
#include "io/xlsx_write.h"

#include <unistd.h>

#define XL_ROWS 1048576L /* rows of a worksheet */
#define XL_CELL 32767    /* characters (UTF-16 units) of a cell */

/* s, or a copy in tmp cut to fit a cell, saying so. */
static const char *fit(const char *s, struct dx_buf *tmp)
{
	static const char more[] = "……（超过 Excel 单元格 32767 字符的上限，已截断）";
	size_t units = 0, i = 0, cut = 0;
	for (; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) == 0x80)
			continue;
		units += c >= 0xF0 ? 2 : 1;
		if (units <= XL_CELL - 40)
			cut = i; /* a character starts here: cut before the next one */
	}
	if (units <= XL_CELL)
		return s;
	/* step to the end of the character at cut */
	for (cut++; s[cut] && ((unsigned char)s[cut] & 0xC0) == 0x80; cut++)
		;
	dx_buf_reset(tmp);
	dx_buf_add(tmp, s, cut);
	dx_buf_adds(tmp, more);
	return tmp->buf;
}

int dx_import_write_errors(const char *in_path, const struct dx_import_result *r,
			   const char *out_xlsx)
{
	struct dx_sheet *sh = NULL;
	struct dx_tw *w = NULL;
	struct dx_row row;
	struct dx_buf note = DX_BUF_INIT, tmp = DX_BUF_INIT;
	size_t k = 0, ncols = 0;
	long at = 1, last = XL_ROWS - 3, cut = 0, lost = 0;
	int rc;
	/* room after the data for the notes of the whole file */
	for (size_t j = 0; j < r->nproblems && r->problems[j].row <= 0; j++)
		last--;
	if ((rc = dx_sheet_open(&sh, in_path, NULL)))
		return rc;
	if ((rc = dx_tw_open(&w, out_xlsx, DX_TW_XLSX, "错误说明")))
		goto out;
	while (!(rc = dx_sheet_next(sh, &row, NULL))) {
		size_t n = row.ncells;
		if (row.rownum > last) {
			cut = row.rownum;
			break;
		}
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
			dx_tw_cell(w, c < row.ncells ? fit(row.cells[c], &tmp) : "", st);
		}
		for (size_t j = k; j < r->nproblems && r->problems[j].row == row.rownum; j++)
			dx_buf_addf(&note, "%s%s%s%s", note.len ? "；" : "", r->problems[j].column,
				    r->problems[j].column[0] ? ": " : "", r->problems[j].msg);
		if (row.rownum == r->header_row)
			dx_tw_cell(w, "错误说明", DX_TW_HEADER);
		else if (note.len)
			dx_tw_cell(w, fit(note.buf, &tmp), DX_TW_ERROR);
		dx_tw_endrow(w);
		at++;
	}
	/* a sheet that fails to read on (a bad byte, ...) ends the data: the
	 * import reported the fault, which goes with the notes below */
	rc = DX_OK;
	if (!rc) {
		int first = 1;
		if (cut) {
			for (size_t j = 0; j < r->nproblems; j++)
				lost += r->problems[j].row >= cut;
			dx_tw_endrow(w);
			first = 0;
			for (size_t c = 0; c < ncols; c++)
				dx_tw_cell(w, "", DX_TW_PLAIN);
			dx_buf_reset(&note);
			dx_buf_addf(&note,
				    "第 %ld 行及以后超出 Excel 的行数上限（1048576 行），未写入本表（其中有 %ld 个问题）；请拆分文件后分别导入",
				    cut, lost);
			dx_tw_cell(w, note.buf, DX_TW_ERROR);
			dx_tw_endrow(w);
		}
		for (size_t j = 0; j < r->nproblems; j++) {
			const struct dx_problem *p = &r->problems[j];
			if (p->row > 0 && (p->row < at || cut))
				continue; /* written on its row, or past the cut */
			if (first) { /* one blank row apart from the data */
				dx_tw_endrow(w);
				first = 0;
			}
			for (size_t c = 0; c < ncols; c++)
				dx_tw_cell(w, "", DX_TW_PLAIN);
			dx_buf_reset(&note);
			dx_buf_addf(&note, "%s%s%s%s", p->row ? "" : "全文件 — ", p->column,
				    p->column[0] ? ": " : "", p->msg);
			dx_tw_cell(w, fit(note.buf, &tmp), p->error ? DX_TW_ERROR : DX_TW_WARN);
			dx_tw_endrow(w);
		}
	}
out:
	{
		int c = w ? dx_tw_close(w) : 0;
		if (!rc)
			rc = c;
		if (rc && w)
			unlink(out_xlsx); /* never a half-written workbook */
	}
	dx_buf_release(&note);
	dx_buf_release(&tmp);
	dx_sheet_free(sh);
	return rc;
}
