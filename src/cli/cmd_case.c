/*
 * cmd_case.c - `dixian case open|step|show|list|green|rollback|check`:
 * identification and elimination cases, acting as an account (--as).
 * Printing a case is cmd_case_show.c's.
 */
#include "core/dx.h"
#include "app/case.h"
#include "app/ctx.h"
#include "cli/cli.h"

#include <getopt.h>

int cmd_case(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AS, DX_CLI_OPT_AREA,
		{"kind", required_argument, NULL, 'k'},     {"clue", required_argument, NULL, 'c'},
		{"category", required_argument, NULL, 'C'}, {"risks", required_argument, NULL, 'r'},
		{"elim", required_argument, NULL, 'e'},     {"green", no_argument, NULL, 'g'},
		{"unresolved", no_argument, NULL, 'u'},     {"new-risk", no_argument, NULL, 'n'},
		{"date", required_argument, NULL, 'D'},     {"note", required_argument, NULL, 'N'},
		{"state", required_argument, NULL, 'S'},
		{0}};
	struct dx_cli_common co = {0};
	const char *date = NULL, *note = NULL;
	const char *state = NULL, *sub;
	struct dx_case_req req;
	struct dx_ctx c = {0};
	struct dx_case_view *v = NULL;
	char today[11];
	int64_t id = 0;
	int ch, rc;

	memset(&req, 0, sizeof(req));
	if (argc < 2)
		return dx_cli_usage("case");
	sub = argv[1];
	argc--;
	argv++;
	while ((ch = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (ch) {
		case 'k':
			req.kind = optarg;
			break;
		case 'c':
			if (dx_parse_i64(optarg, &req.clue_id) || req.clue_id <= 0) {
				fprintf(stderr, "错误: --clue 应为线索编号\n");
				return DX_EXIT_USAGE;
			}
			break;
		case 'C':
			req.category = optarg;
			break;
		case 'r':
			req.risks = optarg;
			break;
		case 'e':
			req.elim_kind = optarg;
			break;
		case 'g':
			req.green = 1;
			break;
		case 'u':
			req.risks_unresolved = 1;
			break;
		case 'n':
			req.new_risk = 1;
			break;
		case 'D':
			date = optarg;
			break;
		case 'N':
			note = optarg;
			break;
		case 'S':
			state = optarg;
			break;
		default:
			return dx_cli_usage("case");
		}
	}
	if ((rc = dx_cli_ctx(&co, 0, &c)))
		goto out;
	dx_date_format(&c.today, today);
	if (!date)
		date = today;
	rc = DX_USAGE;
	if (!strcmp(sub, "open")) {
		if (optind + (req.clue_id ? 0 : 1) != argc)
			goto out;
		req.hh_no = req.clue_id ? NULL : argv[optind];
		req.date = date;
		if (!(rc = dx_case_open(&c, &req, &id)))
			printf("已立案 %lld（%s），下一步: 入户核实\n", (long long)id, req.kind);
	} else if (!strcmp(sub, "step")) {
		const char *act;
		if (optind + 3 != argc && !(optind + 2 == argc))
			goto out;
		if (dx_parse_i64(argv[optind], &id))
			goto out;
		/* `case step ID cancel --note R` needs no step name */
		act = optind + 3 == argc ? argv[optind + 2] : argv[optind + 1];
		rc = dx_case_step(&c, id, optind + 3 == argc ? argv[optind + 1] : NULL, act, note,
				  date);
		if (!rc)
			printf("案件 %lld：%s %s\n", (long long)id,
			       optind + 3 == argc ? argv[optind + 1] : "", act);
	} else if (!strcmp(sub, "show")) {
		if (optind + 1 != argc || dx_parse_i64(argv[optind], &id))
			goto out;
		v = dx_xmalloc(sizeof(*v));
		if (!(rc = dx_case_get(&c, id, v)))
			dx_cli_case_show(v);
	} else if (!strcmp(sub, "list")) {
		if (optind != argc)
			goto out;
		printf("编号\t户编号\t类型\t状态\t立案\t期限\t办结\n");
		rc = dx_case_list(&c, co.area, state ? state : "", dx_cli_case_row, NULL);
	} else if (!strcmp(sub, "green")) {
		if (optind + 1 != argc || dx_parse_i64(argv[optind], &id))
			goto out;
		if (!(rc = dx_case_green(&c, id)))
			printf("案件 %lld 已开通绿色通道\n", (long long)id);
	} else if (!strcmp(sub, "rollback")) {
		int64_t ep = 0;
		if (optind + 1 != argc)
			goto out;
		if (!(rc = dx_case_rollback(&c, argv[optind], date, note, &ep)))
			printf("户 %s 已风险消除回退，重新纳入监测\n", argv[optind]);
	} else if (!strcmp(sub, "check")) {
		struct dx_elim_result res;
		struct dx_hh_ref hh;
		if (optind + 1 != argc)
			goto out;
		if ((rc = dx_case_check(&c, argv[optind], date, req.risks_unresolved, req.new_risk,
					&hh, &res)))
			goto out;
		dx_cli_case_check_show(&hh, &res);
	}
out:
	if (rc == DX_USAGE && !c.err.msg[0])
		dx_cli_usage("case");
	else if (rc && c.st)
		fprintf(stderr, "错误: %s\n", c.err.msg[0] ? c.err.msg : dx_cli_strerror(rc));
	free(v);
	dx_store_close(c.st);
	return dx_cli_exit(rc);
}
