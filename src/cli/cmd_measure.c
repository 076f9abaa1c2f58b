/*
 * cmd_measure.c - `dixian measure add|update|list|caseload`: 一户一策.
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/followup.h"
#include "cli/cli.h"
#include "cli/list.h"
#include "core/date.h"
#include "core/money.h"

#include <getopt.h>

static const char *const measure_heads[] = {"编号",   "措施类别", "具体措施", "状态",
					    "金额",   "开始日期", "结束日期", "帮扶责任人"};

static int print_measure(const struct dx_measure *m, void *arg)
{
	char amount[32], id[24];
	const char *cells[] = {id,	   m->category, m->detail, m->status,
			       amount, m->start_on, m->end_on, m->cadre};
	dx_snprintf(id, sizeof(id), "%lld", (long long)m->id);
	dx_money_format(m->amount, amount, sizeof(amount));
	dx_cli_list_row(arg, cells, DX_ARRAY_SIZE(cells), 0);
	return 0;
}

static int print_caseload(const struct dx_caseload *c, void *arg)
{
	(void)arg;
	printf("%s,%s,%ld,%ld\n", c->village, c->cadre[0] ? c->cadre : "（未指定）", c->households,
	       c->measures);
	return 0;
}

int cmd_measure(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AS, DX_CLI_OPT_AREA, DX_CLI_OPT_ASOF,
		{"hh", required_argument, NULL, 'h'},	    {"category", required_argument, NULL, 'c'},
		{"detail", required_argument, NULL, 'D'},  {"status", required_argument, NULL, 's'},
		{"amount", required_argument, NULL, 'm'},  {"start", required_argument, NULL, 'S'},
		{"end", required_argument, NULL, 'E'},	    {"cadre", required_argument, NULL, 'r'},
		{"format", required_argument, NULL, 'F'},  {"out", required_argument, NULL, 'O'},
		{0}};
	const char *format = NULL, *outp = NULL;
	struct dx_cli_list list;
	struct dx_measure_req req = {0};
	struct dx_cli_common co = {0};
	const char *area, *as_of, *sub;
	struct dx_date today;
	struct dx_ctx cx;
	int64_t id = 0;
	int c, rc;
	if (argc < 2)
		return dx_cli_usage("measure");
	sub = argv[1];
	argc--;
	argv++;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case DX_OPT_BAD: return DX_EXIT_USAGE;
		case 'h': req.hh_no = optarg; break;
		case 'c': req.category = optarg; break;
		case 'D': req.detail = optarg; break;
		case 's': req.status = optarg; break;
		case 'm': req.amount = optarg; break;
		case 'S': req.start_on = optarg; break;
		case 'E': req.end_on = optarg; break;
		case 'r': req.cadre = optarg; break;
		case 'F': format = optarg; break;
		case 'O': outp = optarg; break;
		default: return dx_cli_usage("measure");
		}
	}
	if (!strcmp(sub, "update")) {
		if (optind + 1 != argc || dx_parse_i64(argv[optind], &id) || id <= 0)
			return dx_cli_usage("measure");
	} else if (optind != argc || (strcmp(sub, "add") && strcmp(sub, "list") &&
				      strcmp(sub, "caseload"))) {
		return dx_cli_usage("measure");
	}
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
		if (!(rc = dx_measure_add(&cx, &req, &id)))
			printf("已登记帮扶措施 %lld\n", (long long)id);
	} else if (!strcmp(sub, "update")) {
		if (!(rc = dx_measure_update(&cx, id, &req)))
			printf("已更新帮扶措施 %lld\n", (long long)id);
	} else if (!strcmp(sub, "list")) {
		if ((c = dx_cli_list_open(&list, format, outp, "csv", "帮扶措施"))) {
			dx_store_close(cx.st);
			return c;
		}
		dx_cli_list_row(&list, measure_heads, DX_ARRAY_SIZE(measure_heads), 1);
		rc = dx_measure_list(&cx, req.hh_no, print_measure, &list);
		if (dx_cli_list_close(&list) && !rc)
			rc = DX_IO;
	} else {
		puts("行政村,帮扶责任人,帮扶户数,措施数");
		rc = dx_caseload(&cx, area, as_of, print_caseload, NULL);
	}
out:
	if (rc)
		fprintf(stderr, "错误: %s\n", cx.err.msg[0] ? cx.err.msg : dx_cli_strerror(rc));
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}
