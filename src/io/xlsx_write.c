/*
 * xlsx_write.c - the table writer of xlsx_write.h.
 */
#include "core/dx.h"
#include "io/xlsx_write.h"
#include "io/csv_write.h"
#include "core/outfile.h"
#include "core/strbuf.h"

#include <xlsxwriter.h>

struct dx_tw {
	enum dx_tw_format fmt;
	FILE *f;
	int own;
	struct dx_outfile out; /* a file: written beside, renamed at close */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *style[4];
	unsigned row;
	unsigned short col;
	struct dx_buf line;
	int err;
};

enum dx_tw_format dx_tw_format_of(const char *path)
{
	size_t n = path ? strlen(path) : 0;
	return n > 5 && !strcasecmp(path + n - 5, ".xlsx") ? DX_TW_XLSX : DX_TW_CSV;
}

int dx_tw_open(struct dx_tw **out, const char *path, enum dx_tw_format fmt, const char *sheet)
{
	struct dx_tw *w = dx_xcalloc(1, sizeof(*w));
	int to_stdout = !path || !strcmp(path, "-");
	*out = NULL;
	w->fmt = fmt;
	dx_buf_init(&w->line, 0);
	if (fmt == DX_TW_XLSX) {
		lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
		if (to_stdout) {
			free(w);
			return dx_error(DX_USAGE, "xlsx output needs a file name");
		}
		int rc;
		if ((rc = dx_outfile_open(&w->out, path, DX_OUTFILE_BY_NAME))) {
			free(w);
			return rc;
		}
		if (!(w->wb = workbook_new_opt(w->out.name, &o)) ||
		    !(w->ws = workbook_add_worksheet(w->wb, sheet))) {
			if (w->wb)
				workbook_close(w->wb);
			dx_outfile_abort(&w->out);
			free(w);
			return dx_error(DX_IO, "cannot create '%s'", path);
		}
		w->style[DX_TW_HEADER] = workbook_add_format(w->wb);
		format_set_bold(w->style[DX_TW_HEADER]);
		w->style[DX_TW_ERROR] = workbook_add_format(w->wb);
		format_set_bg_color(w->style[DX_TW_ERROR], 0xFFC7CE);
		format_set_pattern(w->style[DX_TW_ERROR], LXW_PATTERN_SOLID);
		w->style[DX_TW_WARN] = workbook_add_format(w->wb);
		format_set_bg_color(w->style[DX_TW_WARN], 0xFFEB9C);
		format_set_pattern(w->style[DX_TW_WARN], LXW_PATTERN_SOLID);
	} else if (to_stdout) {
		w->f = stdout;
	} else {
		int rc;
		if ((rc = dx_outfile_open(&w->out, path, 0))) {
			free(w);
			return rc;
		}
		w->f = w->out.f;
		w->own = 1;
		fputs("\xEF\xBB\xBF", w->f);
	}
	*out = w;
	return DX_OK;
}

void dx_tw_width(struct dx_tw *w, int col, double width)
{
	if (w && w->ws)
		worksheet_set_column(w->ws, (lxw_col_t)col, (lxw_col_t)col, width, NULL);
}

void dx_tw_cell(struct dx_tw *w, const char *s, enum dx_tw_style style)
{
	if (!w || w->err)
		return;
	if (!s)
		s = "";
	if (w->fmt == DX_TW_XLSX) {
		lxw_error e = LXW_NO_ERROR;
		if (*s || style != DX_TW_PLAIN)
			e = *s ? worksheet_write_string(w->ws, w->row, w->col, s, w->style[style])
			       : worksheet_write_blank(w->ws, w->row, w->col, w->style[style]);
		if (e != LXW_NO_ERROR)
			w->err = dx_error(DX_IO, "xlsx: %s", lxw_strerror(e));
	} else {
		if (w->col)
			dx_buf_addch(&w->line, ',');
		dx_csv_field(&w->line, s);
	}
	w->col++;
}

void dx_tw_endrow(struct dx_tw *w)
{
	if (!w || w->err)
		return;
	if (w->fmt == DX_TW_CSV) {
		dx_buf_addch(&w->line, '\n');
		if (fwrite(w->line.buf, 1, w->line.len, w->f) != w->line.len)
			w->err = dx_error(DX_IO, "write failed");
		dx_buf_reset(&w->line);
	}
	w->row++;
	w->col = 0;
}

void dx_tw_row(struct dx_tw *w, const char *const *cells, size_t n, enum dx_tw_style style)
{
	for (size_t i = 0; i < n; i++)
		dx_tw_cell(w, cells[i], style);
	dx_tw_endrow(w);
}

int dx_tw_close(struct dx_tw *w)
{
	int rc;
	if (!w)
		return DX_OK;
	rc = w->err;
	if (w->wb) {
		lxw_error e = workbook_close(w->wb);
		if (!rc && e != LXW_NO_ERROR)
			rc = dx_error(DX_IO, "xlsx: %s", lxw_strerror(e));
	}
	if (w->f && !w->own && fflush(w->f) && !rc)
		rc = dx_error(DX_IO, "write failed");
	/* a file replaces the target only when all of it was written */
	if (w->out.path) {
		if (rc)
			dx_outfile_abort(&w->out);
		else
			rc = dx_outfile_commit(&w->out);
	}
	dx_buf_release(&w->line);
	free(w);
	return rc;
}
