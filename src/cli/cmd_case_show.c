/*
 * cmd_case_show.c - how `dixian case show`, `case list` and `case check` print:
 * a case with its state, what it waits for and from which level, and its
 * steps; the §6 conditions a household does not meet.
 */
#include "core/dx.h"
#include "app/case.h"
#include "cli/cli.h"

int dx_cli_case_row(const struct dx_case_row *c, void *arg)
{
	(void)arg;
	printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s%s%s\n", (long long)c->id, c->hh_no, c->kind, c->state,
	       c->opened_on, c->deadline, c->closed_on, c->green_channel ? "\t绿色通道" : "",
	       c->flag[0] ? "\t" : "");
	if (c->flag[0])
		printf("\t%s\n", c->flag);
	return DX_OK;
}

void dx_cli_case_show(const struct dx_case_view *v)
{
	printf("案件 %lld（%s）  户 %s  %s  %s\n", (long long)v->c.id, v->c.kind, v->c.hh_no,
	       v->hh.head, v->hh.group_name);
	printf("状态: %s", v->c.state);
	if (v->next_step >= 0)
		printf("，待办: %s（%s）", dx_step_name((enum dx_step)v->next_step),
		       dx_level_name(dx_case_step_holder((enum dx_step)v->next_step)));
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

void dx_cli_case_check_show(const struct dx_hh_ref *hh, const struct dx_elim_result *res)
{
	if (res->allowed)
		printf("户 %s 符合风险消除条件\n", hh->hh_no);
	else
		printf("户 %s 暂不符合风险消除条件：\n", hh->hh_no);
	for (int i = 0; i < res->nunmet; i++)
		printf("  %d. %s\n", i + 1, res->unmet[i].reason);
}
