/*
 * cmd_warning.c - `dixian warning dispatch|feedback`: department warning
 * signals become clues; the department gets its 核查反馈表 back.
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/warning.h"
#include "cli/cli.h"
#include "core/date.h"

#include <getopt.h>

int cmd_warning(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB,				      DX_CLI_OPT_AS,
		DX_CLI_OPT_AREA,			      {"date", required_argument, NULL, 'D'},
		{"department", required_argument, NULL, 'p'}, {"period", required_argument, NULL, 'P'},
		{"out", required_argument, NULL, 'o'},	      {"unmasked", no_argument, NULL, 'u'},
		{"format", required_argument, NULL, 'f'},     {"deadline", required_argument, NULL, 'L'},
		{0}};
	struct dx_cli_common co = {0};
	const char *area, *dept = NULL, *period = "", *out = NULL;
	const char *format = NULL, *deadline = NULL;
	enum dx_outfmt fmt = DX_OUT_XLSX;
	const char *sub;
	char date[11];
	struct dx_date d;
	struct dx_ctx cx;
	struct dx_buf why = DX_BUF_INIT;
	int c, rc, unmasked = 0;
	if (argc < 2)
		return dx_cli_usage("warning");
	sub = argv[1];
	argc--;
	argv++;
	dx_cli_today(&d);
	dx_date_format(&d, date);
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'D':
			if (dx_cli_date(optarg, "--date", date))
				return DX_EXIT_USAGE;
			break;
		case 'p': dept = optarg; break;
		case 'P': period = optarg; break;
		case 'o': out = optarg; break;
		case 'u': unmasked = 1; break;
		case 'f': format = optarg; break;
		case 'L': deadline = optarg; break;
		default: return dx_cli_usage("warning");
		}
	}
	area = co.area ? co.area : "";
	if (optind != argc || (strcmp(sub, "dispatch") && strcmp(sub, "feedback")) ||
	    (!strcmp(sub, "feedback") && (!dept || !out)))
		return dx_cli_usage("warning");
	/* the feedback sheet: xlsx unless --format or the file's suffix says csv */
	if (!strcmp(sub, "feedback") &&
	    dx_outfmt_choose(format, out, DX_OUT_CSV | DX_OUT_XLSX, DX_OUT_XLSX, &fmt, &why)) {
		fprintf(stderr, "错误: %s\n", why.buf);
		dx_buf_release(&why);
		return DX_EXIT_USAGE;
	}
	if ((rc = dx_cli_ctx(&co, 0, &cx)) && !cx.st)
		return DX_EXIT_FAIL;
	if (rc)
		goto done;
	if (!strcmp(sub, "dispatch")) {
		struct dx_dispatch_stats s;
		if (!(rc = dx_warning_dispatch(&cx, area, date, deadline, &s)))
			printf("已派发核实线索%ld条，低于预警阈值仅记录%ld条，未能派发%ld条\n", s.clues,
			       s.below, s.failed);
	} else {
		long rows = 0;
		if (!(rc = dx_warning_feedback(&cx, dept, period, out, fmt, unmasked, &rows)))
			printf("已生成%s核查反馈表 %s（%ld条）\n", dept, out, rows);
	}
done:
	if (rc)
		fprintf(stderr, "错误: %s\n", cx.err.msg[0] ? cx.err.msg : dx_cli_strerror(rc));
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}
