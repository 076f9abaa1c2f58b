/*
 * cmd_problem.c - `dixian problem close 问题编号 --county 县代码 [--date D]
 * --as 账号`: the 销号 step of a 问题整改 item (issue 19), taken by the level
 * responsible for it; the rules are app/ledgers.c's.
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/ledgers.h"
#include "cli/cli.h"
#include "core/date.h"

#include <getopt.h>

int cmd_problem(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AS,
		{"county", required_argument, NULL, 'c'}, {"date", required_argument, NULL, 'D'},
		{0}};
	struct dx_cli_common co = {0};
	const char *county = NULL, *date = NULL, *sub;
	struct dx_ctx cx;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_date d;
	char today[11], cty[7];
	int c, rc;
	if (argc < 2)
		return dx_cli_usage("problem");
	sub = argv[1];
	argc--;
	argv++;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'c':
			county = optarg;
			break;
		case 'D':
			date = optarg;
			break;
		default:
			return dx_cli_usage("problem");
		}
	}
	if (strcmp(sub, "close") || optind + 1 != argc)
		return dx_cli_usage("problem");
	dx_cli_today(&d);
	dx_date_format(&d, today);
	if ((rc = dx_cli_ctx(&co, 0, &cx)) && !cx.st)
		return DX_EXIT_FAIL;
	if ((rc = dx_ctx_why(&cx, rc, &why)))
		goto out;
	/* the county: --county, else the account's */
	dx_strlcpy(cty, county ? county : cx.actor.acc.scope, sizeof(cty));
	if (strlen(cty) != 6) {
		dx_buf_adds(&why, "请用 --county 指定问题所属的县（6位代码）");
		rc = DX_USAGE;
		goto out;
	}
	rc = dx_problem_close(&cx, cty, argv[optind], date ? date : today);
	if (!dx_ctx_why(&cx, rc, &why))
		printf("问题 %s 已销号\n", argv[optind]);
out:
	if (rc)
		fprintf(stderr, "错误: %s\n", why.len ? why.buf : dx_cli_strerror(rc));
	dx_buf_release(&why);
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}
