/*
 * cmd_report.c - `dixian report`: the work report for an area and year, as
 * text (default), html, xlsx or json; `--list KEY` prints the rows behind
 * one figure (cmd_report_list.c, the drill-down every number links to).
 */
#include "core/dx.h"
#include "app/cluster.h"
#include "app/report.h"
#include "cli/cli.h"
#include "cli/cmd_report.h"
#include "core/area.h"
#include "core/outfile.h"
#include "io/outfmt.h"

#include <getopt.h>
#include <stdlib.h>

/* The rendered report (text, html or json) in r, per fmt. */
static void render(const struct dx_report *r, enum dx_outfmt fmt, struct dx_buf *b)
{
	if (fmt == DX_OUT_HTML)
		dx_report_html(r, b);
	else if (fmt == DX_OUT_JSON)
		dx_report_json(r, b);
	else {
		dx_report_text(r, b);
		dx_buf_addch(b, '\n');
	}
}

/* The report of the nation or of a province, summed over its counties
 * through a coordinator (app/cluster.h). */
static int nation(const struct dx_cli_common *co, enum dx_outfmt fmt, const char *out)
{
	struct dx_buf b = DX_BUF_INIT, why = DX_BUF_INIT;
	struct dx_date today;
	cJSON *json = NULL;
	int rc = dx_cluster_report(dx_cli_db_path(co->db), co->area, co->year, co->as_of,
				   dx_cli_today(&today), &json, fmt == DX_OUT_JSON ? NULL : &b, NULL,
				   &why);
	if (!rc && fmt == DX_OUT_JSON) {
		char *s = cJSON_Print(json);
		dx_buf_addf(&b, "%s\n", s ? s : "null");
		free(s);
	}
	if (!rc)
		rc = dx_cli_write_buf(out, &b);
	if (why.len)
		fprintf(stderr, "错误: %s\n", why.buf);
	cJSON_Delete(json);
	dx_buf_release(&b);
	dx_buf_release(&why);
	return rc == DX_USAGE ? DX_EXIT_USAGE : dx_cli_exit(rc);
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AREA, DX_CLI_OPT_YEAR, DX_CLI_OPT_ASOF,
		{"format", required_argument, NULL, 'f'}, {"out", required_argument, NULL, 'O'},
		{"list", required_argument, NULL, 'l'}, {0}};
	struct dx_cli_common co = {0};
	const char *format = NULL, *out = NULL, *list = NULL;
	char canon[13];
	struct dx_report r;
	struct dx_report_opts o;
	struct dx_date today;
	struct dx_store *st = NULL;
	struct dx_buf b = DX_BUF_INIT, why = DX_BUF_INIT;
	enum dx_outfmt fmt;
	int c, rc;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 'O')
			out = optarg;
		else if (c == 'l')
			list = optarg;
		else
			return c == DX_OPT_BAD ? DX_EXIT_USAGE : dx_cli_usage("report");
	}
	if (optind != argc || !co.area || !co.year)
		return dx_cli_usage("report");
	/* the report as text, html, json or xlsx; a figure's list as a table
	 * (csv or xlsx); --format, else the --out suffix, decides */
	if (dx_outfmt_choose(format, out,
			     list ? DX_OUT_CSV | DX_OUT_XLSX
				  : DX_OUT_TEXT | DX_OUT_HTML | DX_OUT_JSON | DX_OUT_XLSX,
			     list ? DX_OUT_CSV : DX_OUT_TEXT, &fmt, &b)) {
		fprintf(stderr, "错误: %s\n", b.buf);
		dx_buf_release(&b);
		return DX_EXIT_USAGE;
	}
	if (list && !dx_cli_report_key_known(list))
		return DX_EXIT_USAGE;
	/* the nation or a province: through a coordinator (issue 17) */
	if (!list && (fmt == DX_OUT_TEXT || fmt == DX_OUT_JSON) &&
	    (!strcmp(co.area, "全国") || (dx_area_canon(co.area, canon) != DX_AREA_INVALID &&
					   dx_area_canon(co.area, canon) < DX_AREA_COUNTY)))
		return nation(&co, fmt, out);
	if (dx_area_canon(co.area, canon) < DX_AREA_COUNTY) {
		fprintf(stderr, "错误: 区划代码 \"%s\" 无效（应为6位县、9位乡镇或12位村代码）\n", co.area);
		return DX_EXIT_USAGE;
	}
	if (dx_cli_open(co.db, DX_STORE_READONLY, &st))
		return DX_EXIT_FAIL;
	if ((rc = dx_report_opts_init(st, canon, co.year, co.as_of, dx_cli_today(&today), &o)))
		goto out;
	if (list) {
		rc = dx_cli_report_list(st, &o, list, fmt, out, &why);
		goto out;
	}
	if ((rc = dx_report_build(st, &o, &r, &why)))
		goto out;
	if (fmt == DX_OUT_XLSX) {
		rc = dx_report_xlsx(&r, out);
		if (rc)
			fprintf(stderr, "错误: 无法写入 %s：%s\n", out, dx_outfile_why(rc) ? dx_outfile_why(rc) : dx_strerror(rc));
	} else {
		render(&r, fmt, &b);
		rc = dx_cli_write_buf(out, &b);
	}
	dx_report_release(&r);
out:
	if (why.len)
		fprintf(stderr, "错误: %s\n", why.buf);
	else if (rc == DX_NOT_FOUND)
		fprintf(stderr, "错误: 数据库中没有区划 %s\n", canon);
	dx_buf_release(&why);
	dx_buf_release(&b);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
