/*
 * help_procedure.c - the values of the procedure's coded options that
 * `dixian help case` and `dixian help clue` list: steps and their results,
 * risk types, monitoring categories, case states and clue sources, read
 * from the code tables the use cases check against (casefsm, the risk
 * list, the clue's sources), so help never lists a value the command
 * would refuse, nor misses one it accepts.
 */
#include "core/dx.h"
#include "app/clue.h"
#include "cli/cli.h"
#include "cli/help.h"
#include "policy/casefsm.h"
#include "policy/screen.h"

/* One line "  NAME: v1、v2、…" from the strings of a NULL-ended list. */
static void line_of(const char *name, const char *const *v)
{
	printf("  %s: ", name);
	for (size_t i = 0; v[i]; i++)
		printf("%s%s", i ? "、" : "", v[i]);
	putchar('\n');
}

static void steps(void)
{
	printf("  STEP（步骤，按顺序）: ");
	for (int s = 0; s < DX_STEP_COUNT; s++)
		printf("%s%s", s ? " → " : "", dx_step_name((enum dx_step)s));
	printf("\n  结果: ");
	for (int a = DX_ACT_PASS; a <= DX_ACT_CANCEL; a++)
		printf("%s%s", a ? "、" : "", dx_case_action_name((enum dx_case_action)a));
	printf("（不通过、撤销须加 --note 理由；撤销不写步骤）\n");
}

static void risks(const char *opt)
{
	printf("  %s: ", opt);
	for (int r = 0; r < DX_RISK_COUNT; r++)
		printf("%s%s", r ? "、" : "", dx_risk_name((enum dx_risk)r));
	printf("（1至%d个，以、分隔；因疫 仅2021–2022年）\n", DX_MAX_RISKS);
}

static void categories(void)
{
	printf("  --category: %s、%s、%s\n", dx_category_name(DX_CAT_UNSTABLE),
	       dx_category_name(DX_CAT_EDGE), dx_category_name(DX_CAT_SUDDEN));
}

static void case_states(void)
{
	printf("  --state（案件）: ");
	for (int s = DX_CASE_OPEN; s <= DX_CASE_CANCELLED; s++)
		printf("%s%s", s ? "、" : "", dx_case_status_name((enum dx_case_status)s));
	putchar('\n');
}

static void sources(void)
{
	static const char *const names[] = {"农户自主申报", "干部排查", "部门预警", "热线/小程序",
	                                    NULL};
	/* checked against the use case's own table */
	for (size_t i = 0; names[i]; i++)
		if (!dx_clue_source(names[i]))
			return;
	line_of("--source", names);
}

void dx_cli_hv_case(void)
{
	printf("  --kind: 识别、风险消除\n");
	categories();
	risks("--risks");
	printf("  --elim: 帮扶消除、自然消除\n");
	steps();
	case_states();
}

void dx_cli_hv_clue(void)
{
	sources();
	risks("--reason（风险类型[：说明]）");
	printf("  --state（线索）: 待核实、已立案、已关闭\n");
}
