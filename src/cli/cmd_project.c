/*
 * cmd_project.c - `dixian project list|show|step` (issue 18): the 衔接资金
 * project library of an area with each project's 支付进度 on a date, one
 * project's record (funds, steps, payments, beneficiary households,
 * assets), and a step of its procedure.  The work is app/funds.c; the
 * printing cmd_project_out.c.
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/account.h"
#include "app/funds.h"
#include "cli/cli.h"
#include "cli/list.h"
#include "cli/cmd_project.h"

#include <getopt.h>

int cmd_project(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AREA, DX_CLI_OPT_YEAR, DX_CLI_OPT_ASOF, DX_CLI_OPT_AS,
		{"county", required_argument, NULL, 'c'},
		{"format", required_argument, NULL, 'f'}, {"out", required_argument, NULL, 'O'},
		{"by-township", no_argument, NULL, 't'}, {"date", required_argument, NULL, 'D'},
		{"reason", required_argument, NULL, 'r'}, {0}};
	const char *date = NULL, *reason = NULL;
	int by_town = 0;
	struct dx_cli_common co = {0};
	const char *county = NULL, *format = NULL, *out = NULL, *sub;
	char canon[13] = "", cty[7] = "";
	struct dx_ctx cx;
	struct dx_buf why = DX_BUF_INIT;
	int c, rc;
	if (argc < 2)
		return dx_cli_usage("project");
	sub = argv[1];
	argc--;
	argv++;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case DX_OPT_BAD: return DX_EXIT_USAGE;
		case 'c': county = optarg; break;
		case 'f': format = optarg; break;
		case 'O': out = optarg; break;
		case 't': by_town = 1; break;
		case 'D': date = optarg; break;
		case 'r': reason = optarg; break;
		default: return dx_cli_usage("project");
		}
	}
	if (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "step"))
		return dx_cli_usage("project");
	if ((!strcmp(sub, "list") && optind != argc) || (!strcmp(sub, "show") && optind != argc - 1) ||
	    (!strcmp(sub, "step") && optind != argc - 2))
		return dx_cli_usage("project");
	rc = dx_cli_ctx(&co, strcmp(sub, "step") ? DX_STORE_READONLY : 0, &cx);
	if (rc && !cx.st)
		return DX_EXIT_FAIL;
	/* an account reads its own area only (app/account.h) */
	if ((rc = dx_ctx_why(&cx, rc, &why)) ||
	    (rc = dx_actor_area(&cx.actor, co.area, canon, &why))) {
		fprintf(stderr, "错误: %s\n", why.buf);
		goto out;
	}
	if (!strcmp(sub, "step") || !strcmp(sub, "show")) {
		if ((rc = dx_funds_county(&cx, county, canon, cty))) {
			fprintf(stderr, "错误: %s\n", cx.err.msg);
			goto out;
		}
	}
	if (!strcmp(sub, "step")) {
		const char *code = argv[optind], *step = argv[optind + 1];
		if ((rc = dx_funds_step(&cx, cty, code, step, date, reason)))
			fprintf(stderr, "错误: %s\n", cx.err.msg);
		else
			printf("项目 %s：%s 已登记\n", code, step);
	} else if (!strcmp(sub, "list")) {
		struct dx_cli_list l;
		if ((c = dx_cli_list_open(&l, format, out, "text", "项目库"))) {
			dx_store_close(cx.st);
			return c;
		}
		if (by_town) { /* the table a county ranks its townships by */
			rc = dx_cli_project_towns(&cx, &l, canon, co.year, co.as_of);
		} else {
			dx_cli_list_row(&l, dx_cli_project_heads, DX_CLI_PROJECT_NHEADS, 1);
			rc = dx_funds_project_list(&cx, canon, co.year, co.as_of, dx_cli_project_row, &l);
		}
		if (dx_cli_list_close(&l) && !rc)
			rc = DX_IO;
	} else {
		struct dx_funds_record r;
		rc = dx_funds_record(&cx, cty, argv[optind], canon, &r);
		if (rc == DX_NOT_FOUND)
			fprintf(stderr, "错误: 县 %s 的项目库中没有项目编号 \"%s\"\n", cty, argv[optind]);
		else if (rc == DX_DENIED)
			fprintf(stderr, "错误: 项目 \"%s\" 不在本账号的管辖范围（%s）内\n", argv[optind],
				canon);
		if (!rc) {
			dx_cli_project_show(&r);
			dx_funds_record_release(&r);
		}
	}
out:
	dx_buf_release(&why);
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}
