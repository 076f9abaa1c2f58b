/*
 * help_values.c - the values each coded option of `dixian help COMMAND`
 * lists, for the ledgers, accounts, policy and outputs (the procedure's,
 * case and clue, are help_procedure.c's).  The values are read from the
 * code tables the use cases check against (the ledger templates, the
 * policy keys, the import kinds), so help never lists a value the command
 * would refuse, nor misses one it accepts.
 */
#include "core/dx.h"
#include "app/import.h"
#include "cli/cli.h"
#include "cli/help.h"
#include "io/template.h"
#include "policy/params.h"

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

void dx_cli_hv_policy_keys(void)
{
	printf("  KEY（参数名，英文或中文均可）:\n");
	for (size_t i = 0; i < dx_policy_key_count(); i++) {
		const struct dx_policy_key *k = dx_policy_key_at(i);
		printf("    %-30s %-12s %s\n", k->name, dx_policy_key_zh(k), k->desc);
	}
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

