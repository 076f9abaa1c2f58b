/*
 * report_html.c - the work report as one self-contained HTML page that
 * prints on A4: the text, then the table of child areas with a total row.
 * No script, no external resource.
 */
#include "core/dx.h"
#include "io/html.h"
#include "io/report.h"


static void cells(struct dx_buf *b, const struct dx_figs *f)
{
	static const char *const keys[] = {"tuopin", "monitored", "unstable", "edge", "sudden",
					   "eliminated", "active"};
	for (size_t i = 0; i < DX_ARRAY_SIZE(keys); i++) {
		struct dx_hp v = dx_report_figure_value(f, dx_report_figure_find(keys[i]));
		dx_buf_addf(b, "<td>%ld</td><td>%ld</td>", v.hh, v.persons);
	}
	dx_buf_adds(b, "<td>");
	if (f->inc_tuopin.with_income.persons)
		dx_buf_add_fen(b, dx_group_per_capita(&f->inc_tuopin));
	dx_buf_adds(b, "</td><td>");
	if (f->inc_monitored.with_income.persons)
		dx_buf_add_fen(b, dx_group_per_capita(&f->inc_monitored));
	dx_buf_addf(b, "</td><td>%ld</td><td>%ld</td>", f->measures, f->measures_done);
}

void dx_report_html(const struct dx_report *r, struct dx_buf *out)
{
	struct dx_buf text = DX_BUF_INIT;
	dx_report_text(r, &text);
	dx_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<title>");
	dx_html_escape(out, r->area_name);
	dx_buf_addf(out, "%d年防止返贫致贫监测帮扶工作情况</title>\n", r->year);
	dx_buf_adds(out,
		    "<style>@page{size:A4;margin:18mm 15mm}body{font-family:\"SimSun\",\"Songti SC\","
		    "serif;font-size:12pt;line-height:1.7;max-width:180mm;margin:auto}"
		    "h1{font-size:16pt;text-align:center}p{text-indent:2em;margin:.4em 0}"
		    "table{border-collapse:collapse;width:100%;font-size:8pt;margin-top:1em}"
		    "th,td{border:1px solid #000;padding:1px 3px;text-align:center}"
		    "tr.total{font-weight:bold}thead{display:table-header-group}"
		    "tr{page-break-inside:avoid}.meta{text-align:right;font-size:10pt}</style>\n"
		    "</head><body>\n<h1>");
	dx_html_escape(out, r->area_name);
	/* the period every figure follows (app/report.c) */
	dx_buf_addf(out,
		    "%d年防止返贫致贫监测帮扶工作情况</h1>\n"
		    "<p class=\"meta\">统计期%s至%s，数据截至%s</p>\n",
		    r->year, r->from, r->as_of, r->as_of);
	{
		char *p = text.buf, *nl;
		while (*p) {
			nl = strstr(p, "\n\n");
			if (nl)
				*nl = '\0';
			dx_buf_adds(out, "<p>");
			dx_html_escape(out, p);
			dx_buf_adds(out, "</p>\n");
			if (!nl)
				break;
			p = nl + 2;
		}
	}
	if (r->nrows) {
		dx_buf_adds(out, "<table><thead><tr><th rowspan=\"2\">区划</th><th colspan=\"2\">脱贫人口</th>"
				 "<th colspan=\"2\">");
		dx_html_escape(out, r->label);
		dx_buf_adds(out, "</th><th colspan=\"2\">脱贫不稳定户</th><th colspan=\"2\">边缘易致贫户</th>"
				 "<th colspan=\"2\">突发严重困难户</th><th colspan=\"2\">已消除风险</th>"
				 "<th colspan=\"2\">未消除风险</th><th rowspan=\"2\">脱贫户人均纯收入（元）</th>"
				 "<th rowspan=\"2\">");
		dx_html_escape(out, r->label);
		dx_buf_adds(out, "人均纯收入（元）</th><th rowspan=\"2\">措施（个）</th>"
				 "<th rowspan=\"2\">已落实（个）</th></tr><tr>");
		for (int i = 0; i < 7; i++)
			dx_buf_adds(out, "<th>户</th><th>人</th>");
		dx_buf_adds(out, "</tr></thead><tbody>\n");
		for (size_t i = 0; i < r->nrows; i++) {
			dx_buf_adds(out, "<tr><td>");
			dx_html_escape(out, r->rows[i].name);
			dx_buf_adds(out, "</td>");
			cells(out, &r->rows[i].f);
			dx_buf_adds(out, "</tr>\n");
		}
		dx_buf_adds(out, "<tr class=\"total\"><td>合计</td>");
		cells(out, &r->total);
		dx_buf_adds(out, "</tr>\n</tbody></table>\n");
	}
	dx_buf_adds(out, "</body></html>\n");
	dx_buf_release(&text);
}
