/*
 * cmd_clue.c - `dixian clue add|from-screen|list|close`: risk clues
 * (风险线索), acting as an account (--as).
 */
#include "core/dx.h"
#include "app/clue.h"
#include "app/ctx.h"
#include "app/clue_screen.h"
#include "cli/cli.h"
#include "core/date.h"

#include <getopt.h>

static int list_cb(const struct dx_clue_row *c, void *arg)
{
	(void)arg;
	printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s", (long long)c->id, c->hh_no, c->source, c->found_on,
	       c->deadline, c->state, c->reason);
	if (c->case_id)
		printf("\t案件%lld", (long long)c->case_id);
	else if (c->result[0])
		printf("\t%s", c->result);
	putchar('\n');
	return DX_OK;
}

int cmd_clue(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AS, DX_CLI_OPT_AREA, DX_CLI_OPT_YEAR,
		{"source", required_argument, NULL, 's'},  {"reason", required_argument, NULL, 'r'},
		{"found", required_argument, NULL, 'f'},   {"date", required_argument, NULL, 'f'},
		{"warning", required_argument, NULL, 'w'},
		{"state", required_argument, NULL, 'S'},   {"result", required_argument, NULL, 'R'},
		{0}};
	struct dx_cli_common co = {0};
	const char *source = NULL, *reason = NULL, *date = NULL;
	const char *state = NULL, *result = NULL, *sub;
	struct dx_ctx cx;
	struct dx_date d;
	char today[11];
	int64_t warning = 0, id = 0;
	int c, rc;
	if (argc < 2)
		return dx_cli_usage("clue");
	sub = argv[1];
	argc--;
	argv++;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case DX_OPT_BAD:
			return DX_EXIT_USAGE;
		case 's':
			source = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'f':
			date = optarg;
			break;
		case 'w':
			if (dx_parse_i64(optarg, &warning) || warning <= 0) {
				fprintf(stderr, "错误: --warning 应为预警编号\n");
				return DX_EXIT_USAGE;
			}
			break;
		case 'S':
			state = optarg;
			break;
		case 'R':
			result = optarg;
			break;
		default:
			return dx_cli_usage("clue");
		}
	}
	dx_cli_today(&d);
	dx_date_format(&d, today);
	if ((rc = dx_cli_ctx(&co, 0, &cx)) && !cx.st)
		return DX_EXIT_FAIL;
	if (rc)
		goto out;
	if (!strcmp(sub, "add")) {
		struct dx_clue_req r = {NULL, source, reason, date, warning, NULL};
		struct dx_clue_row row;
		if (optind + (warning ? 0 : 1) != argc) {
			rc = DX_USAGE;
			goto out;
		}
		r.hh_no = warning ? NULL : argv[optind];
		if (!warning && !date)
			r.found_on = today;
		if (!(rc = dx_clue_add(&cx, &r, &row)))
			printf("已登记线索 %lld：户 %s，%s，核实期限 %s\n", (long long)row.id, row.hh_no,
			       row.source, row.deadline);
	} else if (!strcmp(sub, "from-screen")) {
		struct dx_from_screen fs;
		if (optind != argc || !co.year) {
			rc = DX_USAGE;
			goto out;
		}
		if (!(rc = dx_clue_from_screen(&cx, co.area, co.year, date ? date : today, &fs)))
			printf("筛查建议%ld户：已登记线索%ld条，已有待核实线索或办理中案件%ld户\n",
			       fs.suggested, fs.added, fs.open);
	} else if (!strcmp(sub, "list")) {
		if (optind != argc) {
			rc = DX_USAGE;
			goto out;
		}
		printf("编号\t户编号\t来源\t发现日期\t期限\t状态\t原因\n");
		rc = dx_clue_list(&cx, co.area, state ? state : "", list_cb, NULL);
	} else if (!strcmp(sub, "close")) {
		if (optind + 1 != argc || dx_parse_i64(argv[optind], &id)) {
			rc = DX_USAGE;
			goto out;
		}
		if (!(rc = dx_clue_close(&cx, id, result, date ? date : today)))
			printf("已关闭线索 %lld\n", (long long)id);
	} else {
		rc = DX_USAGE;
	}
out:
	if (rc == DX_USAGE && !cx.err.msg[0])
		dx_cli_usage("clue");
	else if (rc)
		fprintf(stderr, "错误: %s\n", cx.err.msg[0] ? cx.err.msg : dx_cli_strerror(rc));
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}
