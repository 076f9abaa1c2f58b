/*
 * cmd_report.c - `dixian report`: the work report for an area and year, as
 * text (default), html, xlsx or json; `--list KEY` prints the households
 * behind one figure (the drill-down every number links to).
 */
#include "core/dx.h"
#include "app/policy.h"
#include "app/report.h"
#include "cli/cli.h"
#include "core/area.h"
#include "core/date.h"

#include <getopt.h>

static int print_hh(const char *hh_no, const char *area, int persons, void *arg)
{
	FILE *f = arg;
	fprintf(f, "%s,%s,%d\n", hh_no, area, persons);
	return 0;
}

static int write_out(const char *path, const struct dx_buf *b)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	int bad;
	if (!f) {
		fprintf(stderr, "错误: 无法写入文件 %s\n", path);
		return DX_IO;
	}
	bad = fwrite(b->buf, 1, b->len, f) != b->len;
	if (f != stdout)
		bad |= fclose(f) != 0;
	if (bad) {
		fprintf(stderr, "错误: 写入 %s 失败\n", path ? path : "标准输出");
		return DX_IO;
	}
	return DX_OK;
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},   {"area", required_argument, NULL, 'a'},
		{"year", required_argument, NULL, 'y'}, {"as-of", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, 'f'}, {"out", required_argument, NULL, 'O'},
		{"list", required_argument, NULL, 'l'}, {0}};
	const char *db = NULL, *area = NULL, *format = "text", *out = NULL, *list = NULL;
	char canon[13], as_of[11] = "";
	struct dx_report r;
	struct dx_report_opts o = {0};
	struct dx_policy pol;
	struct dx_store *st = NULL;
	struct dx_buf b = DX_BUF_INIT;
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
	if (strcmp(format, "text") && strcmp(format, "html") && strcmp(format, "json") &&
	    strcmp(format, "xlsx")) {
		fprintf(stderr, "错误: --format 应为 text、html、xlsx 或 json\n");
		return DX_EXIT_USAGE;
	}
	if (!strcmp(format, "xlsx") && !out) {
		fprintf(stderr, "错误: xlsx 格式需要 --out 文件名\n");
		return DX_EXIT_USAGE;
	}
	if (list && !dx_report_figure_find(list)) {
		fprintf(stderr, "错误: 没有名为 \"%s\" 的指标；可用：", list);
		for (size_t i = 0; i < dx_report_figure_count(); i++)
			fprintf(stderr, "%s%s", i ? "、" : "", dx_report_figure(i)->key);
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
	if (list) {
		rc = dx_report_list(st, &o, list, print_hh, stdout);
		goto out;
	}
	if ((rc = dx_report_build(st, &o, &r)))
		goto out;
	if (!strcmp(format, "xlsx")) {
		rc = dx_report_xlsx(&r, out);
		if (rc)
			fprintf(stderr, "错误: 无法写入 %s\n", out);
	} else {
		if (!strcmp(format, "html"))
			dx_report_html(&r, &b);
		else if (!strcmp(format, "json"))
			dx_report_json(&r, &b);
		else {
			dx_report_text(&r, &b);
			dx_buf_addch(&b, '\n');
		}
		rc = write_out(out, &b);
	}
	dx_report_release(&r);
out:
	if (rc == DX_NOT_FOUND)
		fprintf(stderr, "错误: 数据库中没有区划 %s\n", canon);
	dx_buf_release(&b);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
