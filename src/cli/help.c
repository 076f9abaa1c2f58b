/*
 * help.c - `dixian help COMMAND`: after the usage line, the values each
 * coded option takes and a few examples.  The values are read from the
 * code tables the use cases check against (casefsm, the risk list, the
 * ledger templates, the policy keys), so help never lists a value the
 * command would refuse, nor misses one it accepts.
 */
#include "core/dx.h"
#include "app/clue.h"
#include "cli/cli.h"
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

static void policy_keys(void)
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

static void levels(void)
{
	printf("  --level: %s、%s、%s（乡 也可写 乡镇）\n", "村", "乡", "县");
	printf("  --role: 经办（办理）、查看（只读）\n");
}

static void import_kinds(void)
{
	static const char *const kinds[] = {"persons",  "incomes", "warnings",
	                                    "measures", "visits",
	                                    /* 衔接资金 ledgers (issue 18) */
	                                    "projects", "payments", "beneficiaries", "assets",
	                                    /* issue 19 */
	                                    "loans", "applications", "relief", "problems", "training",
	                                    NULL};
	printf("  台账种类:\n");
	for (size_t i = 0; kinds[i]; i++) {
		const struct dx_template *t = dx_template_find(kinds[i]);
		printf("    %-9s %s\n", kinds[i], t ? t->title : "");
	}
}

static void v_case(void)
{
	printf("  --kind: 识别、风险消除\n");
	categories();
	risks("--risks");
	printf("  --elim: 帮扶消除、自然消除\n");
	steps();
	case_states();
}

static void v_clue(void)
{
	sources();
	risks("--reason（风险类型[：说明]）");
	printf("  --state（线索）: 待核实、已立案、已关闭\n");
}

static void v_measure(void)
{
	template_codes("--category", "measures", DX_M_CAT);
	template_codes("--status", "measures", DX_M_STATUS);
}

static void v_notice(void)
{
	printf("  --kind: 公示、公告\n");
}

static void v_report(void)
{
	printf("  --format: text、html、xlsx、json\n");
}

static void v_screen(void)
{
	printf("  --format: csv、json、text、xlsx（xlsx 须 --out 文件）\n");
	printf(
	    "  --what-if KEY=VALUE: KEY 为政策参数名（见 dixian help policy），如 监测线=9500\n");
}

static const struct {
	const char *name;
	void (*values)(void);
	const char *examples;
} more[] = {
    {"init", NULL, "dixian init --db county.db\n"},
    {"demo", NULL, "dixian demo --households 3000 --db demo.db   # 只生成到空数据库\n"},
    {"import", import_kinds,
     "dixian import persons 户成员台账.xlsx --as xian --db county.db --errors 错误.xlsx\n"
     "dixian import incomes 收入台账.csv --as xian --dry-run --db county.db\n"},
    {"export", NULL, "dixian export persons --area 532326106 --out 台账.xlsx --db county.db\n"},
    {"policy", policy_keys,
     "dixian policy show --area 532326 --year 2025 --db county.db\n"
     "dixian policy set 监测线 9500 --area 532326 --year 2025 --as xian --db county.db\n"},
    {"screen", v_screen,
     "dixian screen --area 532326 --year 2025 --db county.db\n"
     "dixian screen --area 532326 --year 2025 --what-if 监测线=9500 --db county.db\n"},
    {"check", NULL,
     "dixian check --area 532326106 --db county.db\n"
     "dixian check --area 532326106 --out 检查清单.xlsx --db county.db\n"},
    {"account", levels,
     "dixian account add xian --level 县 --scope 532326 --db county.db   # 第一个账号\n"
     "dixian account add cun1 --level 村 --scope 532326106001 --as xian --db county.db\n"},
    {"clue", v_clue,
     "dixian clue add 532326106000001 --source 干部排查 --reason 因病：住院 --as cun1\n"
     "dixian clue list --state 待核实 --as cun1\n"
     "dixian clue close 12 --result 核实后不存在风险 --as cun1\n"},
    {"case", v_case,
     "dixian case open --clue 12 --kind 识别 --category 边缘易致贫户 --risks 因病 --as cun1\n"
     "dixian case step 7 入户核实 通过 --as cun1\n"
     "dixian case step 7 撤销 --note 农户申请撤回 --as cun1\n"},
    {"overdue", NULL,
     "dixian overdue --area 532326 --as xian\n"
     "dixian overdue --area 532326 --out 逾期清单.xlsx   # 也可 --format xlsx|csv\n"},
    {"notice", v_notice,
     "dixian notice --area 532326106001 --kind 公示 --out 公示.html\n"
     "dixian notice --area 532326106 --kind 公示 --out 示例乡公示 --format xlsx   # "
     "每村一个文件\n"},
    {"measure", v_measure,
     "dixian measure add --hh 532326106000001 --category 产业帮扶 --status 已落实 "
     "--start 2025-03-01 --as cun1\n"
     "dixian measure update 5 --status 已落实 --as cun1\n"},
    {"visit", NULL,
     "dixian visit add --hh 532326106000001 --date 2025-03-01 --cadre 张三 --as cun1\n"
     "dixian visit overdue --as cun1\n"},
    {"warning", NULL,
     "dixian warning dispatch --as xian\n"
     "dixian warning feedback --department 医保 --out 反馈.xlsx --as xian\n"},
    {"report", v_report,
     "dixian report --area 532326 --year 2025 --db county.db\n"
     "dixian report --area 532326 --year 2025 --format xlsx --out 报告.xlsx\n"},
};

void dx_cli_help_more(const char *name)
{
	for (size_t i = 0; i < DX_ARRAY_SIZE(more); i++) {
		if (strcmp(more[i].name, name))
			continue;
		if (more[i].values) {
			printf("\n可选值:\n");
			more[i].values();
		}
		printf("\n示例:\n%s", more[i].examples);
	}
	printf("\n所有命令都可用 --db FILE 指定数据库（默认 $DIXIAN_DB 或 "
	       "dixian.db）；写入数据的命令须用 "
	       "--as 指定账号；选项名须写全。身份证号加密保护的数据库（dixian protect）"
	       "用 --key-file 文件 或 $DIXIAN_KEY_FILE 给出密钥。\n");
}
