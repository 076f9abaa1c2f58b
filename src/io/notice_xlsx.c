/*
 * notice_xlsx.c - the 公示 / 公告 list as an xlsx workbook for printing on
 * A4 (see notice_out.h), through libxlsxwriter.
 */
#include "core/dx.h"
#include "core/outfile.h"
#include "io/notice_out.h"

#include <xlsxwriter.h>

int dx_notice_xlsx(const struct dx_notice *n, const char *path)
{
	static const char *const head[] = {"序号", "户主姓名", "村民小组", "事项",
					   "监测对象类别", "风险类型", NULL};
	struct dx_outfile out;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *title, *th, *td;
	int is_notice = !strcmp(n->kind, "公示");
	lxw_row_t row = 0;
	lxw_error err;
	int rc;

	/* written beside path and renamed in (issue 13.3) */
	if ((rc = dx_outfile_open(&out, path, DX_OUTFILE_BY_NAME)))
		return rc;
	if (!(wb = workbook_new(out.name))) {
		dx_outfile_abort(&out);
		return dx_error(DX_IO, "cannot create '%s'", path);
	}
	ws = workbook_add_worksheet(wb, n->kind);
	title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 16);
	format_set_align(title, LXW_ALIGN_CENTER);
	th = workbook_add_format(wb);
	format_set_bold(th);
	format_set_border(th, LXW_BORDER_THIN);
	format_set_align(th, LXW_ALIGN_CENTER);
	td = workbook_add_format(wb);
	format_set_border(td, LXW_BORDER_THIN);
	format_set_text_wrap(td);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 1, 1);
	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 2, 14, NULL);
	worksheet_set_column(ws, 3, 4, 16, NULL);
	worksheet_set_column(ws, 5, 5, 30, NULL);
	worksheet_set_column(ws, 6, 6, 24, NULL);
	worksheet_merge_range(ws, 0, 0, 0, 6, n->title, title);
	row = 1;
	for (int c = 0; head[c]; c++)
		worksheet_write_string(ws, row, (lxw_col_t)c, head[c], th);
	worksheet_write_string(ws, row, 6, is_notice ? "公示期" : "公告日期", th);
	for (size_t i = 0; i < n->n; i++) {
		const struct dx_notice_row *r = &n->rows[i];
		char matter[48], dates[32];
		row++;
		dx_snprintf(matter, sizeof(matter), "%s%s%s%s", r->matter,
			    r->elim_kind[0] ? "（" : "", r->elim_kind, r->elim_kind[0] ? "）" : "");
		if (r->to[0])
			dx_snprintf(dates, sizeof(dates), "%s至%s", r->from, r->to);
		else
			dx_strlcpy(dates, r->from, sizeof(dates));
		worksheet_write_number(ws, row, 0, (double)(i + 1), td);
		worksheet_write_string(ws, row, 1, r->name, td);
		worksheet_write_string(ws, row, 2, r->group, td);
		worksheet_write_string(ws, row, 3, matter, td);
		worksheet_write_string(ws, row, 4, r->category, td);
		worksheet_write_string(ws, row, 5, r->risks, td);
		worksheet_write_string(ws, row, 6, dates, td);
	}
	row += 2;
	worksheet_write_string(ws, row, 5, n->issuer, NULL);
	worksheet_write_string(ws, row + 1, 5, n->as_of, NULL);
	err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		dx_outfile_abort(&out);
		return dx_error(DX_IO, "cannot write '%s': %s", path, lxw_strerror(err));
	}
	return dx_outfile_commit(&out);
}
