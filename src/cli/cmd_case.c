/*
 * cmd_case.c - `dixian case open|step|show|list|green|rollback|check`:
 * identification and elimination cases, acting as an account
 * (--as).
 */
#include "core/dx.h"
#include "app/case.h"
#include "cli/cli.h"
#include "core/date.h"

#include <getopt.h>

static int list_cb(const struct dx_case_row *c, void *arg)
{
	(void)arg;
	printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s%s%s\n", (long long)c->id, c->hh_no, c->kind, c->state,
	       c->opened_on, c->deadline, c->closed_on, c->green_channel ? "\t绿色通道" : "",
	       c->flag[0] ? "\t" : "");
	if (c->flag[0])
		printf("\t%s\n", c->flag);
	return DX_OK;
}

/* The lowest level that does `step`. */
static enum dx_level holder(enum dx_step step)
{
	enum dx_level l = DX_LEVEL_VILLAGE;
	while (l < DX_LEVEL_COUNTY && !dx_step_level_ok(step, l))
		l++;
	return l;
}

static void show(const struct dx_case_view *v)
{
	printf("案件 %lld（%s）  户 %s  %s  %s\n", (long long)v->c.id, v->c.kind, v->c.hh_no,
	       v->hh.head, v->hh.group_name);
	printf("状态: %s", v->c.state);
	if (v->next_step >= 0)
		printf("，待办: %s（%s）", dx_step_name((enum dx_step)v->next_step),
		       dx_level_name(holder((enum dx_step)v->next_step)));
	if (v->fsm.status == DX_CASE_OPEN && !(v->fsm.done & DX_STEP_BIT(DX_STEP_COMPARE)))
		printf("，信息比对未完成");
	printf("\n立案: %s  期限: %s", v->c.opened_on, v->c.deadline);
	if (v->c.closed_on[0])
		printf("  办结: %s", v->c.closed_on);
	putchar('\n');
	if (v->c.category[0])
		printf("类别: %s  风险: %s\n", v->c.category, v->c.risks);
	if (v->c.elim_kind[0])
		printf("消除方式: %s\n", v->c.elim_kind);
	if (v->c.green_channel)
		printf("绿色通道: 是（帮扶已先行，程序仍须办完）\n");
	if (v->notice_ends[0] && !(v->fsm.done & DX_STEP_BIT(DX_STEP_TOWNSHIP)))
		printf("公示期满: %s 起可乡镇审核\n", v->notice_ends);
	if (v->c.reason[0])
		printf("理由: %s\n", v->c.reason);
	if (v->c.flag[0])
		printf("提示: %s\n", v->c.flag);
	for (size_t i = 0; i < v->nsteps; i++)
		printf("  %s  %s  %s  %s(%s)  %s\n", v->steps[i].done_on, v->steps[i].step,
		       v->steps[i].result, v->steps[i].actor, v->steps[i].actor_level,
		       v->steps[i].note);
}

int cmd_case(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},       {"as", required_argument, NULL, 'a'},
		{"kind", required_argument, NULL, 'k'},     {"clue", required_argument, NULL, 'c'},
		{"category", required_argument, NULL, 'C'}, {"risks", required_argument, NULL, 'r'},
		{"elim", required_argument, NULL, 'e'},     {"green", no_argument, NULL, 'g'},
		{"unresolved", no_argument, NULL, 'u'},     {"new-risk", no_argument, NULL, 'n'},
		{"date", required_argument, NULL, 'D'},     {"note", required_argument, NULL, 'N'},
		{"area", required_argument, NULL, 'A'},     {"state", required_argument, NULL, 'S'},
		{0}};
	const char *db = NULL, *as = NULL, *date = NULL, *note = NULL, *area = NULL;
	const char *state = NULL, *sub;
	struct dx_case_req req;
	struct dx_store *st = NULL;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_actor actor;
	struct dx_case_view *v = NULL;
	struct dx_date d;
	char today[11];
	int64_t id = 0;
	int c, rc;

	memset(&req, 0, sizeof(req));
	if (argc < 2)
		return dx_cli_usage("case");
	sub = argv[1];
	argc--;
	argv++;
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'a':
			as = optarg;
			break;
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
		case 'A':
			area = optarg;
			break;
		case 'S':
			state = optarg;
			break;
		default:
			return dx_cli_usage("case");
		}
	}
	dx_date_today(&d);
	dx_date_format(&d, today);
	if (!date)
		date = today;
	if (dx_cli_open(db, 0, &st))
		return DX_EXIT_FAIL;
	if ((rc = dx_actor_for(st, as, &actor, &why)))
		goto out;
	rc = DX_USAGE;
	if (!strcmp(sub, "open")) {
		if (optind + (req.clue_id ? 0 : 1) != argc)
			goto out;
		req.hh_no = req.clue_id ? NULL : argv[optind];
		req.date = date;
		if (!(rc = dx_case_open(st, &actor, &req, &id, &why)))
			printf("已立案 %lld（%s），下一步: 入户核实\n", (long long)id, req.kind);
	} else if (!strcmp(sub, "step")) {
		const char *act;
		if (optind + 3 != argc && !(optind + 2 == argc))
			goto out;
		if (dx_parse_i64(argv[optind], &id))
			goto out;
		/* `case step ID cancel --note R` needs no step name */
		act = optind + 3 == argc ? argv[optind + 2] : argv[optind + 1];
		rc = dx_case_step(st, &actor, id, optind + 3 == argc ? argv[optind + 1] : NULL, act,
				  note, date, &why);
		if (!rc)
			printf("案件 %lld：%s %s\n", (long long)id,
			       optind + 3 == argc ? argv[optind + 1] : "", act);
	} else if (!strcmp(sub, "show")) {
		if (optind + 1 != argc || dx_parse_i64(argv[optind], &id))
			goto out;
		v = dx_xmalloc(sizeof(*v));
		if (!(rc = dx_case_get(st, &actor, id, v, &why)))
			show(v);
	} else if (!strcmp(sub, "list")) {
		if (optind != argc)
			goto out;
		printf("编号\t户编号\t类型\t状态\t立案\t期限\t办结\n");
		rc = dx_case_list(st, &actor, area, state ? state : "", list_cb, NULL, &why);
	} else if (!strcmp(sub, "green")) {
		if (optind + 1 != argc || dx_parse_i64(argv[optind], &id))
			goto out;
		if (!(rc = dx_case_green(st, &actor, id, &why)))
			printf("案件 %lld 已开通绿色通道\n", (long long)id);
	} else if (!strcmp(sub, "rollback")) {
		int64_t ep = 0;
		if (optind + 1 != argc)
			goto out;
		if (!(rc = dx_case_rollback(st, &actor, argv[optind], date, note, &ep, &why)))
			printf("户 %s 已风险消除回退，重新纳入监测\n", argv[optind]);
	} else if (!strcmp(sub, "check")) {
		struct dx_elim_result res;
		struct dx_hh_ref hh;
		if (optind + 1 != argc)
			goto out;
		rc = dx_store_hh_by_no(st, argv[optind], &hh);
		if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(&actor, hh.area_code))) {
			dx_buf_addf(&why, "没有户编号为 %s 的农户（或不在管辖范围内）", argv[optind]);
			rc = DX_NOT_FOUND;
			goto out;
		}
		if (rc || (rc = dx_case_elim_check(st, &hh, date, req.risks_unresolved,
						   req.new_risk, &res, &why)))
			goto out;
		if (res.allowed)
			printf("户 %s 符合风险消除条件\n", hh.hh_no);
		else
			printf("户 %s 暂不符合风险消除条件：\n", hh.hh_no);
		for (int i = 0; i < res.nunmet; i++)
			printf("  %d. %s\n", i + 1, res.unmet[i].reason);
	}
out:
	if (rc == DX_USAGE && !why.len)
		dx_cli_usage("case");
	else if (rc)
		fprintf(stderr, "错误: %s\n", why.len ? why.buf : dx_cli_strerror(rc));
	free(v);
	dx_buf_release(&why);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
