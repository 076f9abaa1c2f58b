/*
 * cmd_screen.c - `dixian screen`: the households a village should verify,
 * as csv, json, xlsx or a text table, and `--what-if KEY=VALUE`
 * comparisons (issue 4).  Formatting only (cmd_screen_out.c); the
 * screening is dx_app_screen().
 */
#include "core/dx.h"
#include "app/account.h"
#include "app/screen.h"
#include "cli/cli.h"
#include "cli/list.h"
#include "cli/cmd_screen.h"
#include "core/area.h"

#include <getopt.h>

/* The format --format (or a file suffix) names, -1 for none. */
static int fmt_named(const char *s)
{
	static const char *const names[] = {"text", "csv", "json", "xlsx"};
	for (int i = 0; i < (int)DX_ARRAY_SIZE(names); i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

int cmd_screen(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AREA, DX_CLI_OPT_YEAR, DX_CLI_OPT_ASOF, DX_CLI_OPT_AS,
		{"format", required_argument, NULL, 'f'},
		{"what-if", required_argument, NULL, 'w'},
		{"all", no_argument, NULL, 'A'},
		{"out", required_argument, NULL, 'O'},
		{0}};
	const char *outp = NULL;
	int have_fmt = 0;
	struct dx_screen_opts so;
	struct dx_actor actor;
	struct dx_buf awhy = DX_BUF_INIT;
	struct dx_screen_summary sum;
	struct out o;
	struct dx_store *st = NULL;
	struct dx_cli_common co = {0};
	const char *why = NULL, *bad = NULL;
	char canon[13];
	int c, rc, wide;

	memset(&so, 0, sizeof(so));
	memset(&o, 0, sizeof(o));
	dx_buf_init(&o.line, 0);
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'f':
			if ((have_fmt = fmt_named(optarg)) < 0) {
				fprintf(stderr, "错误: --format 应为 csv、json、text 或 xlsx\n");
				return DX_EXIT_USAGE;
			}
			o.fmt = (enum fmt)have_fmt;
			have_fmt = 1;
			break;
		case 'O':
			outp = optarg;
			break;
		case 'w':
			if (so.nwhatif >= DX_WHATIF_MAX) {
				fprintf(stderr, "错误: --what-if 最多 %d 项\n", DX_WHATIF_MAX);
				return DX_EXIT_USAGE;
			}
			so.whatif[so.nwhatif++] = optarg;
			break;
		case 'A':
			so.all = 1;
			break;
		case DX_OPT_BAD:
			return DX_EXIT_USAGE;
		default:
			return dx_cli_usage("screen");
		}
	}
	if (optind != argc || (!co.area && !co.as) || !co.year)
		return dx_cli_usage("screen");
	/* a province or city (issue 16) is screenable too: who may is
	 * dx_actor_area_wide's rule, below */
	if (co.area && dx_area_canon(co.area, canon) == DX_AREA_INVALID) {
		fprintf(stderr, "错误: 区划代码 \"%s\" 无效（应为6位县、9位乡镇或12位村代码）\n", co.area);
		return DX_EXIT_USAGE;
	}
	/* the format is --format's, else the --out file's suffix */
	if (!have_fmt && outp && strrchr(outp, '.') && fmt_named(strrchr(outp, '.') + 1) > 0)
		o.fmt = (enum fmt)fmt_named(strrchr(outp, '.') + 1);
	if (o.fmt == FMT_XLSX && !outp) {
		fprintf(stderr, "错误: xlsx 格式须用 --out 指定文件（如 --out 筛查.xlsx）\n");
		return DX_EXIT_USAGE;
	}
	so.area = canon;
	so.year = co.year;
	so.as_of = co.as_of;
	o.whatif = so.nwhatif > 0;
	o.all = so.all;
	if (dx_cli_open(co.db, DX_STORE_READONLY, &st))
		return DX_EXIT_FAIL;
	/* an account reads its own area only (app/account.h) */
	if ((rc = dx_actor_for(st, co.as, &actor, &awhy)) ||
	    (rc = dx_actor_area_wide(&actor, co.area, canon, &wide, &awhy))) {
		fprintf(stderr, "错误: %s\n", awhy.buf);
		dx_buf_release(&awhy);
		dx_store_close(st);
		return dx_cli_exit(rc);
	}
	o.f = stdout;
	if (o.fmt == FMT_XLSX ? dx_tw_open(&o.w, outp, DX_TW_XLSX, "筛查")
			      : outp && !(o.f = fopen(outp, "w"))) {
		fprintf(stderr, "错误: 无法写入 %s\n", outp);
		dx_store_close(st);
		return DX_EXIT_FAIL;
	}
	if (o.fmt == FMT_JSON)
		fprintf(o.f, "{\"area\":\"%s\",\"year\":%d,\"households\":[\n", canon, so.year);
	else
		dx_cli_screen_header(&o);
	rc = dx_app_screen(st, &so, dx_cli_screen_row, &o, &sum, &why, &bad);
	if (rc == DX_INVALID || rc == DX_NOT_FOUND) {
		fprintf(stderr, "错误: --what-if %s 无效：%s\n", bad ? bad : "",
			why ? why : "请检查参数");
		rc = DX_USAGE;
	} else if (rc) {
		fprintf(stderr, "错误: 筛查失败（%s）\n", dx_cli_strerror(rc));
	} else if (o.fmt == FMT_JSON) {
		dx_cli_screen_json_summary(o.f, &sum);
	} else {
		dx_cli_screen_summary(o.fmt == FMT_TEXT && !outp ? stdout : stderr, &so, &sum, o.whatif);
	}
	if (o.w && dx_tw_close(o.w) && !rc) {
		fprintf(stderr, "错误: 无法写入 %s\n", outp);
		rc = DX_IO;
	}
	if (outp && o.f && o.f != stdout && fclose(o.f) && !rc) {
		fprintf(stderr, "错误: 无法写入 %s\n", outp);
		rc = DX_IO;
	}
	if (!rc && outp)
		fprintf(stderr, "已写入 %s（%ld户）\n", outp, o.n);
	dx_buf_release(&o.line);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
