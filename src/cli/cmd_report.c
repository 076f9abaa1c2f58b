/*
 * cmd_report.c - `dixian report`: the work report for an area and year, as
 * text (default), html, xlsx or json; `--list KEY` prints the households
 * behind one figure (the drill-down every number links to).
 */
#include "core/dx.h"
#include "app/policy.h"
#include "app/report.h"
#include "app/report_funds.h"
#include "app/report_ledgers.h"
#include "cli/cli.h"
#include "core/area.h"
#include "core/date.h"
#include "core/outfile.h"
#include "io/outfmt.h"
#include "io/xlsx_write.h"

#include <getopt.h>

static const char *const list_heads[] = {"户编号", "户主", "乡镇", "行政村", "区划代码", "人数"};

struct list_out {
	struct dx_tw *w;
	int headed;
};

/* the header row, once, before the first row (or alone for an empty list):
 * a refused list prints nothing */
static void list_head(struct list_out *lo)
{
	if (lo->headed++)
		return;
	for (size_t i = 0; i < DX_ARRAY_SIZE(list_heads); i++)
		dx_tw_cell(lo->w, list_heads[i], DX_TW_HEADER);
	dx_tw_endrow(lo->w);
}

/* One row of a figure's list: 户编号 with the names beside it. */
static int list_row(const struct dx_report_item *it, void *arg)
{
	struct list_out *lo = arg;
	struct dx_tw *w = lo->w;
	char n[16];
	list_head(lo);
	dx_snprintf(n, sizeof(n), "%d", it->persons);
	dx_tw_cell(w, it->hh_no, DX_TW_PLAIN);
	dx_tw_cell(w, it->head_name, DX_TW_PLAIN);
	dx_tw_cell(w, it->township, DX_TW_PLAIN);
	dx_tw_cell(w, it->village, DX_TW_PLAIN);
	dx_tw_cell(w, it->area_code, DX_TW_PLAIN);
	dx_tw_cell(w, n, DX_TW_PLAIN);
	dx_tw_endrow(w);
	return 0;
}

/* The households behind figure `key`, as CSV (stdout or a file) or xlsx,
 * with a header row. */
static int write_list(struct dx_store *st, const struct dx_report_opts *o, const char *key,
		      enum dx_outfmt fmt, const char *out, struct dx_buf *why)
{
	struct list_out lo = {0};
	int rc, rc2;
	if ((rc = dx_tw_open(&lo.w, out, fmt == DX_OUT_XLSX ? DX_TW_XLSX : DX_TW_CSV, key))) {
		fprintf(stderr, "错误: 无法写入文件 %s\n", out ? out : "标准输出");
		return rc;
	}
	rc = dx_report_list(st, o, key, list_row, &lo, why);
	if (!rc)
		list_head(&lo);
	rc2 = dx_tw_close(lo.w);
	if (!rc && rc2)
		fprintf(stderr, "错误: 写入 %s 失败\n", out ? out : "标准输出");
	if ((rc || rc2) && out)
		remove(out); /* no half list under the name asked for */
	return rc ? rc : rc2;
}

/* A 衔接资金 figure's list (issue 18): its projects, assets or
 * households, with the figure's own column heads. */
struct funds_out {
	struct dx_tw *w;
	const struct dx_funds_figure *d;
	int headed;
};

static void funds_head(struct funds_out *fo)
{
	if (fo->headed++)
		return;
	for (size_t i = 0; i < DX_RF_NCOLS; i++)
		dx_tw_cell(fo->w, fo->d->heads[i], DX_TW_HEADER);
	dx_tw_endrow(fo->w);
}

static int funds_row(const char *const *cells, void *arg)
{
	struct funds_out *fo = arg;
	funds_head(fo);
	for (size_t i = 0; i < DX_RF_NCOLS; i++)
		dx_tw_cell(fo->w, cells[i], DX_TW_PLAIN);
	dx_tw_endrow(fo->w);
	return 0;
}

static int write_funds_list(struct dx_store *st, const struct dx_report_opts *o,
			    const struct dx_funds_figure *d, enum dx_outfmt fmt, const char *out,
			    struct dx_buf *why)
{
	struct funds_out fo = {.d = d};
	int rc, rc2;
	if ((rc = dx_tw_open(&fo.w, out, fmt == DX_OUT_XLSX ? DX_TW_XLSX : DX_TW_CSV, d->key))) {
		fprintf(stderr, "错误: 无法写入文件 %s\n", out ? out : "标准输出");
		return rc;
	}
	rc = dx_report_funds_list(st, o, d->key, funds_row, &fo, why);
	if (!rc)
		funds_head(&fo);
	rc2 = dx_tw_close(fo.w);
	if (!rc && rc2)
		fprintf(stderr, "错误: 写入 %s 失败\n", out ? out : "标准输出");
	if ((rc || rc2) && out)
		remove(out);
	return rc ? rc : rc2;
}

/* issue 19: a figure of the other ledgers lists its own rows
 * (app/report_ledgers.h) under its own heads */
static int lg_row(const char *const *cells, int n, void *arg)
{
	struct list_out *lo = arg;
	for (int i = 0; i < n; i++)
		dx_tw_cell(lo->w, cells[i], DX_TW_PLAIN);
	dx_tw_endrow(lo->w);
	return 0;
}

static int write_lg_list(struct dx_store *st, const struct dx_report_opts *o, const char *key,
			 enum dx_outfmt fmt, const char *out, struct dx_buf *why)
{
	const struct dx_lg_figdef *d = &dx_lg_figdefs[dx_lg_figure_index(key)];
	struct list_out lo = {0};
	int rc, rc2;
	if ((rc = dx_tw_open(&lo.w, out, fmt == DX_OUT_XLSX ? DX_TW_XLSX : DX_TW_CSV, key))) {
		fprintf(stderr, "错误: 无法写入文件 %s\n", out ? out : "标准输出");
		return rc;
	}
	for (int i = 0; d->heads[i]; i++)
		dx_tw_cell(lo.w, d->heads[i], DX_TW_HEADER);
	dx_tw_endrow(lo.w);
	rc = dx_report_ledgers_list(st, o, key, lg_row, &lo, why);
	rc2 = dx_tw_close(lo.w);
	if (!rc && rc2)
		fprintf(stderr, "错误: 写入 %s 失败\n", out ? out : "标准输出");
	if ((rc || rc2) && out)
		remove(out);
	return rc ? rc : rc2;
}

static int write_out(const char *path, const struct dx_buf *b)
{
	struct dx_outfile o;
	int rc;
	if (!path) {
		if (fwrite(b->buf, 1, b->len, stdout) == b->len)
			return DX_OK;
		fprintf(stderr, "错误: 写入标准输出失败\n");
		return DX_IO;
	}
	if (!(rc = dx_outfile_open(&o, path, 0))) {
		if (fwrite(b->buf, 1, b->len, o.f) != b->len) {
			dx_outfile_abort(&o);
			rc = DX_IO;
		} else {
			rc = dx_outfile_commit(&o);
		}
	}
	if (rc)
		fprintf(stderr, "错误: 无法写入 %s：%s\n", path, dx_outfile_why(rc));
	return rc;
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},   {"area", required_argument, NULL, 'a'},
		{"year", required_argument, NULL, 'y'}, {"as-of", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, 'f'}, {"out", required_argument, NULL, 'O'},
		{"list", required_argument, NULL, 'l'}, {0}};
	const char *db = NULL, *area = NULL, *format = NULL, *out = NULL, *list = NULL;
	char canon[13], as_of[11] = "";
	struct dx_report r;
	struct dx_report_opts o = {0};
	struct dx_policy pol;
	struct dx_store *st = NULL;
	struct dx_buf b = DX_BUF_INIT, why = DX_BUF_INIT;
	enum dx_outfmt fmt;
	int64_t year = 0;
	int c, rc;
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'a':
			area = optarg;
			break;
		case 'y':
			if (dx_parse_i64(optarg, &year) || year < 2000 || year > 2100) {
				fprintf(stderr, "错误: --year 应为四位年份\n");
				return DX_EXIT_USAGE;
			}
			break;
		case 'o':
			if (dx_cli_date(optarg, "--as-of", as_of))
				return DX_EXIT_USAGE;
			break;
		case 'f':
			format = optarg;
			break;
		case 'O':
			out = optarg;
			break;
		case 'l':
			list = optarg;
			break;
		default:
			return dx_cli_usage("report");
		}
	}
	if (optind != argc || !area || !year)
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
	if (list && !dx_report_figure_find(list) && !dx_report_funds_figure_find(list) &&
	    dx_lg_figure_index(list) < 0) {
		fprintf(stderr, "错误: 没有名为 \"%s\" 的指标；可用：", list);
		for (size_t i = 0; i < dx_report_figure_count(); i++)
			fprintf(stderr, "%s%s", i ? "、" : "", dx_report_figure(i)->key);
		for (size_t i = 0; i < dx_report_funds_figure_count(); i++)
			fprintf(stderr, "、%s", dx_report_funds_figure(i)->key);
		for (int i = 0; i < DX_LGF_N; i++)
			fprintf(stderr, "、%s", dx_lg_figdefs[i].key);
		fputc('\n', stderr);
		return DX_EXIT_USAGE;
	}
	if (dx_area_canon(area, canon) < DX_AREA_COUNTY) {
		fprintf(stderr, "错误: 区划代码 \"%s\" 无效（应为6位县、9位乡镇或12位村代码）\n", area);
		return DX_EXIT_USAGE;
	}
	if (dx_cli_open(db, DX_STORE_READONLY, &st))
		return DX_EXIT_FAIL;
	if ((rc = dx_app_policy(st, canon, (int)year, as_of, &pol)))
		goto out;
	o.area = canon;
	o.year = (int)year;
	o.as_of = as_of;
	o.label = pol.target_label;
	o.visits_active = pol.visits_per_week_active;
	o.visits_eliminated = pol.visits_per_week_eliminated;
	if (list && dx_report_funds_figure_find(list)) {
		rc = write_funds_list(st, &o, dx_report_funds_figure_find(list), fmt, out, &why);
		goto out;
	}
	if (list && dx_lg_figure_index(list) >= 0) {
		rc = write_lg_list(st, &o, list, fmt, out, &why);
		goto out;
	}
	if (list) {
		rc = write_list(st, &o, list, fmt, out, &why);
		goto out;
	}
	if ((rc = dx_report_build(st, &o, &r, &why)))
		goto out;
	if (fmt == DX_OUT_XLSX) {
		rc = dx_report_xlsx(&r, out);
		if (rc)
			fprintf(stderr, "错误: 无法写入 %s：%s\n", out, dx_outfile_why(rc) ? dx_outfile_why(rc) : dx_strerror(rc));
	} else {
		if (fmt == DX_OUT_HTML)
			dx_report_html(&r, &b);
		else if (fmt == DX_OUT_JSON)
			dx_report_json(&r, &b);
		else {
			dx_report_text(&r, &b);
			dx_buf_addch(&b, '\n');
		}
		rc = write_out(out, &b);
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
