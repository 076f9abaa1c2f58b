/*
 * help.c - `dixian help`, usage lines, and `dixian help COMMAND`: after the usage line, the values each
 * coded option takes (help_values.c, read from the code tables the use
 * cases check against) and a few examples.
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "cli/help.h"

static const struct {
	const char *name;
	void (*values)(void);
	const char *examples;
} more[] = {
    {"init", NULL, "dixian init --db county.db\n"},
    {"demo", NULL, "dixian demo --households 3000 --db demo.db   # 只生成到空数据库\n"},
    {"import", dx_cli_hv_import_kinds,
     "dixian import persons 户成员台账.xlsx --as xian --db county.db --errors 错误.xlsx\n"
     "dixian import incomes 收入台账.csv --as xian --dry-run --db county.db\n"},
    {"export", NULL, "dixian export persons --area 532326106 --out 台账.xlsx --db county.db\n"},
    {"policy", dx_cli_hv_policy_keys,
     "dixian policy show --area 532326 --year 2025 --db county.db\n"
     "dixian policy set 监测线 9500 --area 532326 --year 2025 --as xian --db county.db\n"},
    {"screen", dx_cli_hv_screen,
     "dixian screen --area 532326 --year 2025 --db county.db\n"
     "dixian screen --area 532326 --year 2025 --what-if 监测线=9500 --db county.db\n"},
    {"check", NULL,
     "dixian check --area 532326106 --db county.db\n"
     "dixian check --area 532326106 --out 检查清单.xlsx --db county.db\n"},
    {"account", dx_cli_hv_levels,
     "dixian account add xian --level 县 --scope 532326 --db county.db   # 第一个账号\n"
     "dixian account add cun1 --level 村 --scope 532326106001 --as xian --db county.db\n"},
    {"clue", dx_cli_hv_clue,
     "dixian clue add 532326106000001 --source 干部排查 --reason 因病：住院 --as cun1\n"
     "dixian clue list --state 待核实 --as cun1\n"
     "dixian clue close 12 --result 核实后不存在风险 --as cun1\n"},
    {"case", dx_cli_hv_case,
     "dixian case open --clue 12 --kind 识别 --category 边缘易致贫户 --risks 因病 --as cun1\n"
     "dixian case step 7 入户核实 通过 --as cun1\n"
     "dixian case step 7 撤销 --note 农户申请撤回 --as cun1\n"},
    {"overdue", NULL,
     "dixian overdue --area 532326 --as xian\n"
     "dixian overdue --area 532326 --out 逾期清单.xlsx   # 也可 --format xlsx|csv\n"},
    {"notice", dx_cli_hv_notice,
     "dixian notice --area 532326106001 --kind 公示 --out 公示.html\n"
     "dixian notice --area 532326106 --kind 公示 --out 示例乡公示 --format xlsx   # "
     "每村一个文件\n"},
    {"measure", dx_cli_hv_measure,
     "dixian measure add --hh 532326106000001 --category 产业帮扶 --status 已落实 "
     "--start 2025-03-01 --as cun1\n"
     "dixian measure update 5 --status 已落实 --as cun1\n"},
    {"visit", NULL,
     "dixian visit add --hh 532326106000001 --date 2025-03-01 --cadre 张三 --as cun1\n"
     "dixian visit overdue --as cun1\n"},
    {"warning", NULL,
     "dixian warning dispatch --as xian\n"
     "dixian warning dispatch --area 532326106001 --deadline 2025-03-10 --as xian   # "
     "核实期限不晚于政策期限\n"
     "dixian warning feedback --department 医保 --out 反馈.xlsx --as xian\n"},
    {"report", dx_cli_hv_report,
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

int dx_cli_usage(const char *name)
{
	const struct dx_cmd *c = dx_cli_find(name);
	if (c)
		fprintf(stderr, "用法: dixian %s\n（详见 dixian help %s）\n", c->usage, c->name);
	return DX_EXIT_USAGE;
}

int dx_cli_not_a_command(const char *name)
{
	fprintf(stderr, "错误: 没有命令 \"%s\"（dixian --help 列出全部命令）\n", name);
	return DX_EXIT_USAGE;
}

/* `dixian help CMD`: usage, what each option's coded values may be, and
 * examples. */
int dx_cli_cmd_help(const struct dx_cmd *c)
{
	printf("用法: dixian %s\n\n%s\n", c->usage, c->help);
	dx_cli_help_more(c->name);
	return DX_EXIT_OK;
}

void dx_cli_help(FILE *f)
{
	fprintf(f, "用法: dixian [--today YYYY-MM-DD] <命令> [选项]\n\n"
		   "底线 Dixian: 防止返贫致贫动态监测和帮扶\n\n命令:\n");
	for (size_t i = 0; dx_cli_command(i); i++)
		fprintf(f, "  %-10s %s\n", dx_cli_command(i)->name, dx_cli_command(i)->help);
	fprintf(f, "\n每个命令都可用 --db FILE 指定数据库（默认 $DIXIAN_DB 或 dixian.db）。\n"
		   "写入数据的命令须用 --as 指定账号；不用 --as 时只能查看（本机所有者）。\n"
		   "dixian help <命令> 显示该命令的选项、可选值和示例。\n");
}
