/*
 * cmd_import.c - `dixian import KIND FILE`: options, the problem lines
 * (FILE:ROW:COLUMN: message), the progress bar and the summary.  The work
 * is dx_import_run() in src/app/import.c.
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/export.h"
#include "app/import.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/outfile.h"

#include <getopt.h>
#include <time.h>
#include <unistd.h>

struct out {
	const char *file; /* as the user typed it */
	int tty;
	struct timespec t0;
};

static void problem(void *arg, const struct dx_problem *p)
{
	struct out *o = arg;
	if (o->tty)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "%s:%ld:%s: %s%s\n", o->file, p->row, p->column, p->error ? "" : "警告: ",
		p->msg);
}

static void progress(void *arg, uint64_t done, uint64_t total, long rows)
{
	struct out *o = arg;
	struct timespec t;
	double s;
	if (!o->tty)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t);
	s = (double)(t.tv_sec - o->t0.tv_sec) + (double)(t.tv_nsec - o->t0.tv_nsec) / 1e9;
	fprintf(stderr, "\r导入中: %3d%%  %ld 行  %.0f 行/秒", total ? (int)(done * 100 / total) : 0,
		rows, s > 0 ? (double)rows / s : 0.0);
}

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, {"dry-run", no_argument, NULL, 'n'},
		{"keep-valid", no_argument, NULL, 'k'}, {"errors", required_argument, NULL, 'e'},
		DX_CLI_OPT_AS,                          {"county", required_argument, NULL, 'c'},
		{"quiet", no_argument, NULL, 'q'},      {"period", required_argument, NULL, 'p'},
		{0}};
	struct dx_import_opts o = {0};
	struct dx_import_result r;
	struct dx_ctx cx;
	struct dx_buf why = DX_BUF_INIT;
	struct out out = {0};
	struct dx_cli_common co = {0};
	const char *errors = NULL;
	char period[8] = "";
	int c, rc, quiet = 0;
	optind = 1;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'n': o.dry_run = 1; break;
		case 'k': o.keep_valid = 1; break;
		case 'e': errors = optarg; break;
		case 'c': o.county = optarg; break;
		case 'p': {
			int y, m;
			if (dx_month_parse(optarg, strlen(optarg), &y, &m)) {
				fprintf(stderr, "错误: --period 应为月份，如 2023-08\n");
				return DX_EXIT_USAGE;
			}
			dx_snprintf(period, sizeof(period), "%04d-%02d", y, m);
			o.period = period;
			break;
		}
		case 'q': quiet = 1; break;
		default: return dx_cli_usage("import");
		}
	}
	if (argc - optind != 2)
		return dx_cli_usage("import");
	o.kind = argv[optind];
	o.path = argv[optind + 1];
	if (dx_import_kind_check(o.kind, &why)) {
		fprintf(stderr, "错误: %s\n", why.buf);
		dx_buf_release(&why);
		return DX_EXIT_USAGE;
	}
	if (access(o.path, R_OK)) {
		fprintf(stderr, "错误: 无法读取文件 %s\n", o.path);
		return DX_EXIT_FAIL;
	}
	if ((rc = dx_cli_ctx(&co, DX_STORE_CREATE, &cx)) && !cx.st)
		return DX_EXIT_FAIL;
	if (rc) { /* an account that does not exist may not import */
		fprintf(stderr, "错误: %s\n", cx.err.msg);
		dx_store_close(cx.st);
		return dx_cli_exit(rc == DX_NOT_FOUND || rc == DX_INVALID ? DX_DENIED : rc);
	}
	out.file = o.path;
	out.tty = !quiet && isatty(2);
	clock_gettime(CLOCK_MONOTONIC, &out.t0);
	o.problem = problem;
	o.progress = progress;
	o.arg = &out;
	rc = dx_import_run(&cx, &o, &r);
	if (out.tty)
		fputs("\r\033[K", stderr);
	if (errors && (r.nproblems || !rc)) {
		int wrc = dx_import_write_errors(o.path, &r, errors);
		if (wrc)
			fprintf(stderr, "错误: 无法写出错误报告 %s：%s\n", errors,
				dx_outfile_why(wrc) ? dx_outfile_why(wrc) : dx_strerror(wrc));
		else if (!quiet)
			fprintf(stderr, "错误报告已写入 %s\n", errors);
	}
	if (rc == DX_OK || rc == DX_INVALID) {
		rc = dx_cli_import_summary(&o, &r, errors, rc);
	} else {
		fprintf(stderr, "错误: 导入失败（%s）\n", dx_cli_strerror(rc));
	}
	dx_import_result_release(&r);
	dx_buf_release(&why);
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}
