/*
 * cmd_report.c - `dixian report`: the work report's 基本情况 for an area.
 */
#include "core/dx.h"
#include "app/report.h"
#include "cli/cli.h"
#include "core/area.h"
#include "core/date.h"

#include <getopt.h>

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"area", required_argument, NULL, 'a'},
		{"year", required_argument, NULL, 'y'},
		{"as-of", required_argument, NULL, 'o'},
		{0}};
	const char *db = NULL, *area = NULL;
	char canon[13], as_of[11] = "";
	struct dx_report r;
	struct dx_store *st = NULL;
	struct dx_buf out = DX_BUF_INIT;
	struct dx_date d;
	int64_t year = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
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
			if (dx_date_parse(optarg, strlen(optarg), &d)) {
				fprintf(stderr, "错误: --as-of 应为日期 YYYY-MM-DD\n");
				return DX_EXIT_USAGE;
			}
			dx_date_format(&d, as_of);
			break;
		default:
			return dx_cli_usage("report");
		}
	}
	if (optind != argc || !area || !year)
		return dx_cli_usage("report");
	if (dx_area_canon(area, canon) < DX_AREA_COUNTY) {
		fprintf(stderr, "错误: 区划代码 \"%s\" 无效（应为6位县、9位乡镇或12位村代码）\n", area);
		return DX_EXIT_USAGE;
	}
	if (dx_cli_open(db, DX_STORE_READONLY, &st))
		return DX_EXIT_FAIL;
	rc = dx_report_build(st, canon, (int)year, as_of, &r);
	if (!rc) {
		dx_report_text(&r, "监测对象", &out);
		puts(out.buf);
	} else if (rc == DX_NOT_FOUND) {
		fprintf(stderr, "错误: 数据库中没有区划 %s\n", canon);
	}
	dx_buf_release(&out);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
