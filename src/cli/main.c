/*
 * main.c - `dixian <command> [options]`: the table of commands and the
 * shared option handling.  One file per command (cmd_*.c), as git's
 * builtin/.
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "core/date.h"

#include <locale.h>

static const struct dx_cmd commands[] = {
	{"init", cmd_init, "init [--db FILE]", "create an empty store"},
	{"demo", cmd_demo, "demo [--households N] [--seed N] [--today YYYY-MM-DD] [--db FILE]",
	 "create a synthetic demo county (云岭县 532399)"},
	{"import", cmd_import,
	 "import persons|incomes|warnings|measures|visits FILE [--dry-run] [--keep-valid] "
	 "[--errors OUT.xlsx] [--as ACCOUNT] [--county CODE] [--period YYYY-MM] [--quiet] [--db FILE]",
	 "import a ledger (台账) from xlsx or csv"},
	{"export", cmd_export,
	 "export persons|households|incomes|measures|visits --area CODE [--out FILE.xlsx|FILE.csv] "
	 "[--unmasked --as ACCOUNT] [--db FILE]",
	 "export a ledger in the import templates"},
	{"policy", cmd_policy,
	 "policy show [--area PREFIX] [--year Y] [--date D] | policy set KEY VALUE --area PREFIX --year Y "
	 "[--from YYYY-MM-DD] [--as ACCOUNT] [--db FILE]",
	 "show or set policy parameters"},
	{"screen", cmd_screen,
	 "screen --year Y --area A [--format csv|json|text] [--what-if KEY=VALUE ...] [--all] "
	 "[--as-of D] [--db FILE]",
	 "suggest households to verify, with reasons"},
	{"check", cmd_check, "check [--area A] [--as-of D] [--format csv|text] [--db FILE]",
	 "data-quality worklist"},
	{"account", cmd_account,
	 "account add NAME --level 村|乡|县 --scope CODE [--role 经办|查看] --as ACCOUNT | "
	 "account list [--db FILE]",
	 "manage the accounts commands act as"},
	{"clue", cmd_clue,
	 "clue add HH --source S --reason R [--found DATE] | clue add --warning ID | "
	 "clue from-screen --year Y [--area A] [--date DATE] | "
	 "clue list [--area A] [--state S] | clue close ID --result R [--date DATE]  "
	 "(all --as ACCOUNT [--db FILE])",
	 "risk clues (风险线索)"},
	{"case", cmd_case,
	 "case open HH|--clue ID --kind 识别|风险消除 [--category C --risks R] [--elim 帮扶消除|自然消除] "
	 "[--green] [--date DATE] | case step ID STEP 通过|不通过|撤销 [--note N] [--date DATE] | "
	 "case show|list|green ID | case rollback HH --note N | case check HH  "
	 "(all --as ACCOUNT [--db FILE])",
	 "identification and elimination cases"},
	{"overdue", cmd_overdue, "overdue --area A [--as-of DATE] [--as ACCOUNT] [--db FILE]",
	 "clues and cases past their deadlines"},
	{"notice", cmd_notice,
	 "notice --area VILLAGE --kind 公示|公告 [--as-of DATE] [--out FILE.html|FILE.xlsx] "
	 "[--as ACCOUNT] [--db FILE]",
	 "printable 公示/公告 lists"},
	{"measure", cmd_measure,
	 "measure add --hh NO --category C --status 计划|已落实 [--detail D] [--amount A] "
	 "[--start DATE] [--end DATE] [--cadre NAME] | measure update ID [same options] | "
	 "measure list --hh NO | measure caseload [--area A] [--as-of DATE]  (all --as ACCOUNT)",
	 "一户一策 assistance measures and cadre caseloads"},
	{"visit", cmd_visit,
	 "visit add --hh NO --date DATE --cadre NAME [--content T] [--findings T] | "
	 "visit overdue [--area A] [--as-of DATE]  (all --as ACCOUNT)",
	 "走访 records and households overdue for a visit"},
	{"warning", cmd_warning,
	 "warning dispatch [--area A] [--date DATE] | warning feedback --department D "
	 "[--period YYYY-MM] --out FILE.xlsx [--unmasked]  (all --as ACCOUNT)",
	 "department warnings: dispatch as clues, feedback sheets"},
	{"report", cmd_report,
	 "report --area CODE --year Y [--as-of YYYY-MM-DD] [--format text|html|xlsx|json] "
	 "[--out FILE] [--db FILE]",
	 "the work report's 基本情况 for an area"},
};

const char *dx_cli_db_path(const char *opt)
{
	const char *env;
	if (opt && *opt)
		return opt;
	env = getenv("DIXIAN_DB");
	return env && *env ? env : "dixian.db";
}

int dx_cli_open(const char *opt_db, unsigned flags, struct dx_store **st)
{
	const char *path = dx_cli_db_path(opt_db);
	int rc = dx_store_open(st, path, flags);
	if (rc)
		fprintf(stderr, "错误: 无法打开数据库 %s（%s）\n", path, dx_cli_strerror(rc));
	return rc;
}

static const struct dx_cmd *find_cmd(const char *name)
{
	for (size_t i = 0; i < DX_ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int dx_cli_usage(const char *name)
{
	const struct dx_cmd *c = find_cmd(name);
	if (c)
		fprintf(stderr, "用法: dixian %s\n（详见 dixian help %s）\n", c->usage, c->name);
	return DX_EXIT_USAGE;
}

static int not_a_command(const char *name)
{
	fprintf(stderr, "错误: 没有命令 \"%s\"（dixian --help 列出全部命令）\n", name);
	return DX_EXIT_USAGE;
}

/* The option word argv held, "--name" or "--name=value", up to its '='. */
static size_t opt_word(const char *el, const char **name)
{
	*name = el + 2;
	return strcspn(el + 2, "=");
}

int dx_cli_getopt(int argc, char **argv, const struct option *opts)
{
	const char *el, *name;
	size_t len;
	int c, li = -1;
	opterr = 0;
	c = getopt_long(argc, argv, ":", opts, &li);
	if (c == -1)
		return c;
	/* the element just read: the option, or its value when given apart */
	el = optind >= 2 && optarg && optarg == argv[optind - 1] ? argv[optind - 2]
								   : argv[optind - 1];
	if (c == ':') {
		fprintf(stderr, "错误: 选项 %s 需要一个值\n", el);
		return '?';
	}
	if (c == '?') {
		if (optopt && !strncmp(el, "--", 2) && strchr(el, '=')) {
			len = opt_word(el, &name);
			fprintf(stderr, "错误: 选项 --%.*s 不带值\n", (int)len, name);
			return '?';
		}
		fprintf(stderr, "错误: 没有选项 %s（选项名须写全，不接受缩写）\n", el);
		return '?';
	}
	if (li >= 0 && !strncmp(el, "--", 2)) {
		len = opt_word(el, &name);
		if (len != strlen(opts[li].name) || strncmp(name, opts[li].name, len)) {
			fprintf(stderr, "错误: 没有选项 --%.*s（选项名须写全，不接受缩写；"
					"是否要用 --%s？）\n",
				(int)len, name, opts[li].name);
			return '?';
		}
	}
	return c;
}

int dx_cli_date(const char *arg, const char *opt, char out[11])
{
	struct dx_date d;
	if (dx_date_parse(arg, strlen(arg), &d)) {
		fprintf(stderr, "错误: %s 应为日期 YYYY-MM-DD\n", opt);
		return DX_EXIT_USAGE;
	}
	dx_date_format(&d, out);
	return 0;
}

const char *dx_cli_strerror(int rc)
{
	switch (rc) {
	case DX_OK: return "成功";
	case DX_NOMEM: return "内存不足";
	case DX_INVALID: return "输入有误";
	case DX_NOT_FOUND: return "没有找到";
	case DX_EXISTS: return "已存在";
	case DX_DENIED: return "无权操作";
	case DX_IO: return "文件读写失败";
	case DX_DB: return "数据库出错";
	case DX_BUSY: return "数据库正被其他程序使用，请稍后再试";
	case DX_VERSION: return "数据库版本不受支持";
	case DX_STATE: return "当前状态下不能这样操作";
	case DX_TOOBIG: return "输入过大";
	case DX_USAGE: return "用法有误";
	default: return "未知错误";
	}
}

int dx_cli_exit(int rc)
{
	switch (rc) {
	case DX_OK:
		return DX_EXIT_OK;
	case DX_INVALID:
		return DX_EXIT_DATA;
	case DX_USAGE:
		return DX_EXIT_USAGE;
	default:
		return DX_EXIT_FAIL;
	}
}

/* `dixian help CMD`: usage, what each option's coded values may be, and
 * examples. */
static int cmd_help(const struct dx_cmd *c)
{
	printf("用法: dixian %s\n\n%s\n", c->usage, c->help);
	return DX_EXIT_OK;
}

static void help(FILE *f)
{
	fprintf(f, "usage: dixian <command> [options]\n\n"
		   "底线 Dixian: 防止返贫致贫动态监测和帮扶\n\ncommands:\n");
	for (size_t i = 0; i < DX_ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\nEvery command takes --db FILE (default $DIXIAN_DB or dixian.db).\n"
		   "'dixian help <command>' shows a command's options.\n");
}

/*
 * The day the program runs on: `dixian --today YYYY-MM-DD <command> ...`,
 * else $DIXIAN_TODAY, else the clock.  Read here only and handed to
 * core/date.h, from where every "today" (default dates, the rule that no
 * event lies after today) is taken.  Returns the arguments consumed (0 or
 * 2), or -1 after printing why the date is bad.
 */
static int set_today(int argc, char **argv)
{
	const char *t = getenv("DIXIAN_TODAY");
	struct dx_date d;
	int used = 0;
	if (argc > 1 && !strcmp(argv[1], "--today")) {
		if (argc < 3) {
			fprintf(stderr, "错误: 选项 --today 需要一个值\n");
			return -1;
		}
		t = argv[2];
		used = 2;
	}
	if (!t || !*t)
		return used;
	if (dx_date_parse(t, strlen(t), &d)) {
		fprintf(stderr, "错误: %s \"%s\" 不是有效日期（应为 YYYY-MM-DD）\n",
			used ? "--today" : "DIXIAN_TODAY", t);
		return -1;
	}
	dx_date_set_today(&d);
	return used;
}

int main(int argc, char **argv)
{
	int used;
	setlocale(LC_CTYPE, "C.UTF-8");
	if ((used = set_today(argc, argv)) < 0)
		return DX_EXIT_USAGE;
	argc -= used;
	argv += used;
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		help(argc < 2 ? stderr : stdout);
		return argc < 2 ? DX_EXIT_USAGE : DX_EXIT_OK;
	}
	if (!strcmp(argv[1], "help")) {
		if (argc > 2)
			return find_cmd(argv[2]) ? cmd_help(find_cmd(argv[2])) : not_a_command(argv[2]);
		help(stdout);
		return DX_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		puts("dixian 0.1");
		return DX_EXIT_OK;
	}
	if (find_cmd(argv[1]))
		return find_cmd(argv[1])->fn(argc - 1, argv + 1);
	return not_a_command(argv[1]);
}
