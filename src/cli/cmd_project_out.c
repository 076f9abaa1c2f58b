/*
 * cmd_project_out.c - how `dixian project` prints: the project list with
 * 支付进度, townships ranked by it, and one project's record.
 */
#include "core/dx.h"
#include "app/funds.h"
#include "cli/cli.h"
#include "cli/list.h"
#include "cli/cmd_project.h"
#include "core/money.h"

const char *const dx_cli_project_heads[DX_CLI_PROJECT_NHEADS] = {"项目编号", "项目名称", "年度", "区划代码", "项目类型",
					 "产业项目", "中央和省级资金（万元）",
					 "已拨付中央和省级（万元）", "支付进度", "状态"};

int dx_cli_project_row(const struct dx_funds_row *r, void *arg)
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

int dx_cli_project_towns(struct dx_ctx *c, struct dx_cli_list *l, const char *area, int year,
			 const char *as_of)
{
	struct town_out to = {.l = l};
	dx_cli_list_row(l, town_heads, DX_ARRAY_SIZE(town_heads), 1);
	return dx_funds_towns(c, area, year, as_of, town_row, &to);
}

void dx_cli_project_show(const struct dx_funds_record *r)
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

