/*
 * notice_html.c - the 公示 / 公告 list as a printable A4 HTML page (see
 * notice_out.h).  Text is escaped; the page has no script and no external
 * resource, so it prints the same offline.
 */
#include "core/dx.h"
#include "io/html.h"
#include "io/notice_out.h"

void dx_notice_add(struct dx_notice *n, const struct dx_notice_row *r)
{
	if (n->n == n->alloc) {
		n->alloc = n->alloc ? 2 * n->alloc : 16;
		n->rows = dx_xrealloc(n->rows, n->alloc * sizeof(*n->rows));
	}
	n->rows[n->n++] = *r;
}

void dx_notice_release(struct dx_notice *n)
{
	free(n->rows);
	n->rows = NULL;
	n->n = n->alloc = 0;
}


static void cell(struct dx_buf *b, const char *s)
{
	dx_buf_adds(b, "<td>");
	dx_html_escape(b, s);
	dx_buf_adds(b, "</td>");
}

int dx_notice_html(const struct dx_notice *n, struct dx_buf *b)
{
	int is_notice = !strcmp(n->kind, "公示");
	dx_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
		       "<title>");
	dx_html_escape(b, n->title);
	dx_buf_adds(b, "</title>\n<style>@page{size:A4;margin:18mm 15mm}"
		       "body{font-family:\"SimSun\",\"Songti SC\",serif;font-size:12pt}"
		       "h1{text-align:center;font-size:18pt}"
		       "table{width:100%;border-collapse:collapse}"
		       "th,td{border:1px solid #000;padding:4px;text-align:center}"
		       "thead{display:table-header-group}tr{page-break-inside:avoid}"
		       ".foot{margin-top:2em;text-align:right}</style></head><body>\n<h1>");
	dx_html_escape(b, n->title);
	dx_buf_adds(b, "</h1>\n<p>");
	if (is_notice)
		dx_buf_addf(b, "根据防止返贫致贫动态监测和帮扶工作程序，经入户核实、村级民主评议，"
			       "现将以下农户予以公示，公示期%d天。如有异议，请在公示期内向村民委员会"
			       "或乡镇人民政府反映。",
			    n->notice_days);
	else
		dx_buf_adds(b, "经村级民主评议、公示、乡镇审核和县级审定，现将以下结果予以公告。");
	dx_buf_addf(b, "</p>\n<table><thead><tr><th>序号</th><th>户主姓名</th><th>村民小组</th>"
		       "<th>事项</th><th>监测对象类别</th><th>风险类型</th><th>%s</th></tr>"
		       "</thead><tbody>\n",
		    is_notice ? "公示期" : "公告日期");
	for (size_t i = 0; i < n->n; i++) {
		const struct dx_notice_row *r = &n->rows[i];
		char matter[48], dates[32];
		dx_snprintf(matter, sizeof(matter), "%s%s%s%s", r->matter,
			    r->elim_kind[0] ? "（" : "", r->elim_kind, r->elim_kind[0] ? "）" : "");
		if (r->to[0])
			dx_snprintf(dates, sizeof(dates), "%s至%s", r->from, r->to);
		else
			dx_strlcpy(dates, r->from, sizeof(dates));
		dx_buf_addf(b, "<tr><td>%zu</td>", i + 1);
		cell(b, r->name);
		cell(b, r->group);
		cell(b, matter);
		cell(b, r->category);
		cell(b, r->risks);
		cell(b, dates);
		dx_buf_adds(b, "</tr>\n");
	}
	if (!n->n)
		dx_buf_adds(b, "<tr><td colspan=\"7\">（无）</td></tr>\n");
	dx_buf_adds(b, "</tbody></table>\n<p class=\"foot\">");
	dx_html_escape(b, n->issuer);
	dx_buf_adds(b, "<br>");
	dx_html_escape(b, n->as_of);
	dx_buf_adds(b, "</p>\n</body></html>\n");
	return b->err;
}
