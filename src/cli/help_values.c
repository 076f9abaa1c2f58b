/*
 * help_values.c - the values each coded option of `dixian help COMMAND`
 * lists.  The values are read from the
 * code tables the use cases check against (casefsm, the risk list, the
 * ledger templates, the policy keys), so help never lists a value the
 * command would refuse, nor misses one it accepts.
 */
#include "core/dx.h"
#include "app/clue.h"
#include "app/import.h"
#include "cli/cli.h"
#include "cli/help.h"
#include "io/template.h"
#include "policy/casefsm.h"
#include "policy/params.h"
#include "policy/screen.h"

/* One line "  NAME: v1、v2、…" from the strings of a NULL-ended list. */
static void line_of(const char *name, const char *const *v)
{
	printf("  %s: ", name);
	for (size_t i = 0; v[i]; i++)
		printf("%s%s", i ? "、" : "", v[i]);
	putchar('\n');
}

/* The values of a template column (a ledger code table); "alias=value"
 * entries are shown as "alias（即 value）". */
static void template_codes(const char *opt, const char *tpl, int field)
{
	const struct dx_template *t = dx_template_find(tpl);
	size_t n = 0;
	for (size_t i = 0; t && i < t->ncols; i++) {
		const struct dx_col *c = &t->cols[i];
		if (c->field != field || !c->codes)
			continue;
		printf("  %s: ", opt);
		for (const char *const *v = c->codes; *v; v++) {
			const char *eq = strchr(*v, '=');
			if (eq)
				printf("%s%.*s（即 %s）", n++ ? "、" : "", (int)(eq - *v), *v,
				       eq + 1);
			else
				printf("%s%s", n++ ? "、" : "", *v);
		}
		putchar('\n');
		return;
	}
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

void dx_cli_hv_policy_keys(void)
{
	printf("  KEY（参数名，英文或中文均可）:\n");
	for (size_t i = 0; i < dx_policy_key_count(); i++) {
		const struct dx_policy_key *k = dx_policy_key_at(i);
		printf("    %-30s %-12s %s\n", k->name, dx_policy_key_zh(k), k->desc);
	}
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

void dx_cli_hv_levels(void)
{
	printf("  --level: %s、%s、%s（乡 也可写 乡镇）\n", "村", "乡", "县");
	printf("  --role: 经办（办理）、查看（只读）\n");
}

void dx_cli_hv_import_kinds(void)
{
	printf("  台账种类:\n");
	for (size_t i = 0; dx_import_kind(i); i++) {
		const struct dx_template *t = dx_template_find(dx_import_kind(i));
		printf("    %-9s %s\n", dx_import_kind(i), t ? t->title : "");
	}
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

void dx_cli_hv_measure(void)
{
	template_codes("--category", "measures", DX_M_CAT);
	template_codes("--status", "measures", DX_M_STATUS);
}

void dx_cli_hv_notice(void)
{
	printf("  --kind: 公示、公告\n");
}

void dx_cli_hv_report(void)
{
	printf("  --format: text、html、xlsx、json\n");
}

void dx_cli_hv_screen(void)
{
	printf("  --format: csv、json、text、xlsx（xlsx 须 --out 文件）\n");
	printf(
	    "  --what-if KEY=VALUE: KEY 为政策参数名（见 dixian help policy），如 监测线=9500\n");
}

