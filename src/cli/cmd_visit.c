/*
 * cmd_visit.c - `dixian visit add|overdue`: 走访 records and the list of
 * monitored households visited less often than the policy asks.
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/followup.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/list.h"
#include "core/date.h"

#include <getopt.h>

struct due_out {
	struct dx_cli_list list;
	long n;
};

static int print_due(const struct dx_visit_due *d, void *arg)
{
	struct due_out *o = arg;
	struct dx_visit_due_buf buf;
	const char *cells[DX_VISIT_DUE_COLS];
	dx_visit_due_cells(d, &buf, cells);
	dx_cli_list_row(&o->list, cells, DX_VISIT_DUE_COLS, 0);
	o->n++;
	return 0;
}

int cmd_visit(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AS, DX_CLI_OPT_AREA, DX_CLI_OPT_ASOF,
		{"hh", required_argument, NULL, 'h'},	   {"date", required_argument, NULL, 'D'},
		{"cadre", required_argument, NULL, 'c'},  {"content", required_argument, NULL, 'C'},
		{"findings", required_argument, NULL, 'f'}, {"format", required_argument, NULL, 'F'},
		{"out", required_argument, NULL, 'O'},    {0}};
	const char *format = NULL, *outp = NULL;
	struct due_out due;
	struct dx_visit_req req = {0};
	struct dx_cli_common co = {0};
	const char *area, *as_of, *sub;
	struct dx_date today, d;
	struct dx_ctx cx;
	struct dx_policy pol;
	int64_t id = 0;
	long total = 0, overdue = 0;
	int c, rc;
	if (argc < 2)
		return dx_cli_usage("visit");
	sub = argv[1];
	argc--;
	argv++;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case DX_OPT_BAD: return DX_EXIT_USAGE;
		case 'h': req.hh_no = optarg; break;
		case 'D': req.date = optarg; break;
		case 'c': req.cadre = optarg; break;
		case 'C': req.content = optarg; break;
		case 'f': req.findings = optarg; break;
		case 'F': format = optarg; break;
		case 'O': outp = optarg; break;
		default: return dx_cli_usage("visit");
		}
	}
	if (optind != argc || (strcmp(sub, "add") && strcmp(sub, "overdue")))
		return dx_cli_usage("visit");
	if (!co.as_of[0]) {
		dx_cli_today(&today);
		dx_date_format(&today, co.as_of);
	}
	area = co.area ? co.area : "";
	as_of = co.as_of;
	if ((rc = dx_cli_ctx(&co, 0, &cx)) && !cx.st)
		return DX_EXIT_FAIL;
	if (rc)
		goto out;
	if (!strcmp(sub, "add")) {
		if (!(rc = dx_visit_add(&cx, &req, &id)))
			printf("已登记走访 %lld\n", (long long)id);
		goto out;
	}
	dx_date_parse(as_of, strlen(as_of), &d);
	if ((rc = dx_app_policy(cx.st, area[0] ? area : cx.actor.acc.scope, d.y, as_of, &pol)))
		goto out;
	memset(&due, 0, sizeof(due));
	if ((c = dx_cli_list_open(&due.list, format, outp, "csv", "走访不足"))) {
		dx_store_close(cx.st);
		return c;
	}
	dx_cli_list_row(&due.list, dx_visit_due_heads, DX_VISIT_DUE_COLS, 1);
	rc = dx_visits_overdue(&cx, area, as_of, &pol, print_due, &due, &total);
	overdue = due.n;
	if (dx_cli_list_close(&due.list) && !rc)
		rc = DX_IO;
	if (!rc)
		fprintf(stderr, "截至%s，监测户%ld户，近7天走访次数不足%ld户\n", as_of, total, overdue);
out:
	if (rc)
		fprintf(stderr, "错误: %s\n", cx.err.msg[0] ? cx.err.msg : dx_cli_strerror(rc));
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}
