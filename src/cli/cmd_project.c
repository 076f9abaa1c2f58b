/*
 * cmd_project.c - `dixian project list|show` (issue 18): the 衔接资金
 * project library of an area with each project's 支付进度 on a date, and
 * one project's record (funds, steps, payments, beneficiary households,
 * assets).  The work is app/funds.c.
 */
#include "core/dx.h"
#include "app/account.h"
#include "app/funds.h"
#include "cli/cli.h"
#include "core/area.h"
#include "core/money.h"
#include "store/ledger.h"

#include <getopt.h>

static const char *const list_heads[] = {"项目编号", "项目名称", "年度", "区划代码", "项目类型",
					 "产业项目", "中央和省级资金（万元）",
					 "已拨付中央和省级（万元）", "支付进度", "状态"};

static int list_row(const struct dx_funds_row *r, void *arg)
{
	char y[12], a[32], p[32], rate[16] = "";
	int64_t up = r->p->funds[DX_FUND_CENTRAL] + r->p->funds[DX_FUND_PROVINCIAL];
	int64_t paid = r->paid[DX_FUND_CENTRAL] + r->paid[DX_FUND_PROVINCIAL];
	dx_snprintf(y, sizeof(y), "%d", r->p->year);
	if (up > 0) {
		int64_t bp = (paid * 10000 + up / 2) / up;
		dx_snprintf(rate, sizeof(rate), "%lld.%02lld%%", (long long)(bp / 100),
			    (long long)(bp % 100));
	}
	const char *v[] = {r->p->code, r->p->name, y, r->p->area_code, r->p->type,
			   r->p->industry ? "是" : "否", dx_money_format_wan(up, a, sizeof(a)),
			   dx_money_format_wan(paid, p, sizeof(p)), rate, r->p->status};
	dx_cli_list_row(arg, v, DX_ARRAY_SIZE(v), 0);
	return 0;
}

static const char *const town_heads[] = {"排名", "乡镇代码", "乡镇", "项目数",
					 "中央和省级资金（万元）", "已拨付中央和省级（万元）",
					 "支付进度"};

struct town_out {
	struct dx_cli_list *l;
	int rank;
};

static int town_row(const struct dx_funds_town *t, void *arg)
{
	struct town_out *o = arg;
	char rank[12], n[24], a[32], p[32], rate[16] = "";
	dx_snprintf(rank, sizeof(rank), "%d", ++o->rank);
	dx_snprintf(n, sizeof(n), "%ld", t->projects);
	if (t->bp >= 0)
		dx_snprintf(rate, sizeof(rate), "%lld.%02lld%%", (long long)(t->bp / 100),
			    (long long)(t->bp % 100));
	const char *v[] = {rank, t->code, t->name, n, dx_money_format_wan(t->allocated, a, sizeof(a)),
			   dx_money_format_wan(t->paid, p, sizeof(p)), rate};
	dx_cli_list_row(o->l, v, DX_ARRAY_SIZE(v), 0);
	return 0;
}

static void show(const struct dx_funds_record *r)
{
	static const char *const steps[][2] = {{"村申报", NULL}, {"乡镇审核", NULL},
					       {"部门论证", NULL}, {"县审定", NULL},
					       {"开工", NULL}, {"完工", NULL}, {"验收", NULL}};
	const char *dates[] = {r->p.applied_on, r->p.reviewed_on, r->p.assessed_on,
			       r->p.approved_on, r->p.started_on, r->p.completed_on,
			       r->p.accepted_on};
	char v[32];
	printf("项目 %s %s（%d年，%s，%s%s，%s）\n", r->p.code, r->p.name, r->p.year, r->p.area_code,
	       r->p.type, r->p.industry ? "，产业项目" : "", r->p.status);
	printf("安排资金：");
	for (int s = 0; s < DX_FUND_NSOURCES; s++)
		printf("%s%s%s万元", s ? "，" : "", dx_fund_source_names[s],
		       dx_money_format_wan(r->p.funds[s], v, sizeof(v)));
	printf("\n进度：");
	for (size_t i = 0; i < DX_ARRAY_SIZE(steps); i++)
		printf("%s%s %s", i ? "，" : "", steps[i][0], dates[i][0] ? dates[i] : "—");
	for (size_t i = 0; i < r->nhist; i++)
		if (!strcmp(r->hist[i].step, "退回") || !strcmp(r->hist[i].step, "不予立项"))
			printf("\n%s %s（%s）：%s", r->hist[i].date, r->hist[i].step, r->hist[i].actor,
			       r->hist[i].note);
	printf("\n拨付 %zu 笔\n", r->npay);
	for (size_t i = 0; i < r->npay; i++)
		printf("  %s %s %s万元 %s\n", r->pay[i].paid_on, r->pay[i].source,
		       dx_money_format_wan(r->pay[i].amount, v, sizeof(v)), r->pay[i].voucher);
	printf("联农带农 %zu 户\n", r->nben);
	for (size_t i = 0; i < r->nben; i++)
		printf("  %s %s %s %ld人 %s\n", r->ben[i].hh_no, r->ben[i].head, r->ben[i].area,
		       r->ben[i].persons, r->ben[i].link);
	printf("资产 %zu 项\n", r->nassets);
	for (size_t i = 0; i < r->nassets; i++)
		printf("  %s %s %s %s万元 %s%s%s\n", r->assets[i].asset_no, r->assets[i].name,
		       r->assets[i].kind, dx_money_format_wan(r->assets[i].value, v, sizeof(v)),
		       r->assets[i].owner, r->assets[i].handed_on[0] ? " 移交 " : "",
		       r->assets[i].handed_on);
}

int cmd_project(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},     {"area", required_argument, NULL, 'a'},
		{"year", required_argument, NULL, 'y'},   {"as-of", required_argument, NULL, 'o'},
		{"county", required_argument, NULL, 'c'}, {"as", required_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'}, {"out", required_argument, NULL, 'O'},
		{"by-township", no_argument, NULL, 't'}, {"date", required_argument, NULL, 'D'},
		{"reason", required_argument, NULL, 'r'}, {0}};
	const char *date = NULL, *reason = NULL;
	int by_town = 0;
	const char *db = NULL, *area = NULL, *county = NULL, *as = NULL, *format = NULL,
		   *out = NULL, *sub;
	char canon[13] = "", as_of[11] = "", cty[7] = "";
	int64_t year = 0;
	struct dx_store *st = NULL;
	struct dx_actor actor;
	struct dx_buf why = DX_BUF_INIT;
	int c, rc;
	if (argc < 2)
		return dx_cli_usage("project");
	sub = argv[1];
	argc--;
	argv++;
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'a': area = optarg; break;
		case 'y':
			if (dx_parse_i64(optarg, &year) || year < 2000 || year > 2100) {
				fprintf(stderr, "错误: --year 应为四位年份\n");
				return DX_EXIT_USAGE;
			}
			break;
		case 'o':
			if (dx_cli_date(optarg, "--as-of", as_of))
				return DX_EXIT_USAGE;
			break;
		case 'c': county = optarg; break;
		case 's': as = optarg; break;
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
	if (dx_cli_open(db, strcmp(sub, "step") ? DX_STORE_READONLY : 0, &st))
		return DX_EXIT_FAIL;
	/* an account reads its own area only (app/account.h) */
	if ((rc = dx_actor_for(st, as, &actor, &why)) ||
	    (rc = dx_actor_area(&actor, area, canon, &why))) {
		fprintf(stderr, "错误: %s\n", why.buf);
		goto out;
	}
	if (!strcmp(sub, "step") || !strcmp(sub, "show")) {
		if (county && *county)
			dx_strlcpy(cty, county, sizeof(cty));
		else if (strlen(canon) >= 6)
			dx_strlcpy(cty, canon, sizeof(cty));
		else if (dx_ledger_single_county(st, cty)) {
			fprintf(stderr, "错误: 库中有多个县，请用 --county 指定项目所属的县\n");
			rc = DX_USAGE;
			goto out;
		}
	}
	if (!strcmp(sub, "step")) {
		const char *code = argv[optind], *step = argv[optind + 1];
		if ((rc = dx_funds_step(st, &actor, cty, code, step, date, reason, &why)))
			fprintf(stderr, "错误: %s\n", why.buf);
		else
			printf("项目 %s：%s 已登记\n", code, step);
	} else if (!strcmp(sub, "list")) {
		struct dx_cli_list l;
		if ((c = dx_cli_list_open(&l, format, out, "text", "项目库"))) {
			dx_store_close(st);
			return c;
		}
		if (by_town) { /* the table a county ranks its townships by */
			struct town_out to = {.l = &l};
			dx_cli_list_row(&l, town_heads, DX_ARRAY_SIZE(town_heads), 1);
			rc = dx_funds_towns(st, canon, (int)year, as_of, town_row, &to);
		} else {
			dx_cli_list_row(&l, list_heads, DX_ARRAY_SIZE(list_heads), 1);
			rc = dx_funds_project_list(st, canon, (int)year, as_of, list_row, &l);
		}
		if (dx_cli_list_close(&l) && !rc)
			rc = DX_IO;
	} else {
		struct dx_funds_record r;
		rc = dx_funds_record(st, cty, argv[optind], canon, &r);
		if (rc == DX_NOT_FOUND)
			fprintf(stderr, "错误: 县 %s 的项目库中没有项目编号 \"%s\"\n", cty, argv[optind]);
		else if (rc == DX_DENIED)
			fprintf(stderr, "错误: 项目 \"%s\" 不在本账号的管辖范围（%s）内\n", argv[optind],
				canon);
		if (!rc) {
			show(&r);
			dx_funds_record_release(&r);
		}
	}
out:
	dx_buf_release(&why);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
