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
	{"init", cmd_init, "init [--db 文件]", "创建空数据库"},
	{"migrate", cmd_migrate, "migrate [--db 文件]", "把数据库升级到本程序的版本"},
	{"demo", cmd_demo, "demo [--households 户数] [--seed 种子] [--today YYYY-MM-DD] [--db 文件]",
	 "生成示例县（云岭县 532399，虚构数据）"},
	{"import", cmd_import,
	 "import persons|incomes|warnings|measures|visits|projects|payments|beneficiaries|assets|"
	 "loans|applications|relief|problems|training 文件 --as 账号 [--dry-run] [--keep-valid] "
	 "[--errors 错误.xlsx] [--county 县代码] [--period YYYY-MM] [--quiet] [--db 文件]",
	 "导入台账（xlsx 或 csv）"},
	{"export", cmd_export,
	 "export persons|households|incomes|measures|visits|projects|payments|assets|"
	 "loans|applications|relief|problems|training --area 区划代码 "
	 "[--out 文件.xlsx|文件.csv] [--unmasked --as 账号] [--db 文件]",
	 "按导入模板导出台账"},
	{"policy", cmd_policy,
	 "policy show [--area 区划代码] [--year 年份] [--date 日期] | "
	 "policy set 参数名 值 --area 区划代码 --year 年份 [--from YYYY-MM-DD] --as 账号 [--db 文件]",
	 "查看或设置政策参数"},
	{"screen", cmd_screen,
	 "screen --year 年份 --area 区划代码|--as 账号 [--format csv|json|text|xlsx] [--out 文件] "
	 "[--what-if 参数名=值 ...] [--all] [--as-of 日期] [--db 文件]",
	 "筛查：建议核实的农户及依据"},
	{"check", cmd_check,
	 "check [--area 区划代码] [--as 账号] [--as-of 日期] [--format text|csv|xlsx] "
	 "[--out 文件] [--db 文件]",
	 "数据质量检查清单"},
	{"account", cmd_account,
	 "account add 账号名 --level 村|乡|县 --scope 区划代码 [--role 经办|查看] --as 账号 | "
	 "account list [--scope 区划代码] [--as 账号] | "
	 "account passwd 账号名（新密码从标准输入读） | account disable 账号名 [--db 文件]",
	 "账号管理（含登录密码）"},
	{"clue", cmd_clue,
	 "clue add 户编号 --source 来源 --reason 风险类型[：说明] [--found 日期] | "
	 "clue add --warning 预警编号 | clue from-screen --year 年份 [--area 区划代码] [--date 日期] | "
	 "clue list [--area 区划代码] [--state 状态] | clue close 线索编号 --result 结果 [--date 日期]"
	 "  （均可加 --as 账号 --db 文件）",
	 "风险线索"},
	{"case", cmd_case,
	 "case open 户编号|--clue 线索编号 --kind 识别|风险消除 [--category 类别 --risks 风险类型] "
	 "[--elim 帮扶消除|自然消除] [--green] [--date 日期] | "
	 "case step 案件编号 步骤 通过|不通过|撤销 [--note 理由] [--date 日期] | "
	 "case show|list|green 案件编号 | case rollback 户编号 --note 理由 | case check 户编号"
	 "  （均可加 --as 账号 --db 文件）",
	 "识别与风险消除程序"},
	{"overdue", cmd_overdue,
	 "overdue [--area 区划代码] [--as-of 日期] [--as 账号] [--format text|csv|xlsx] "
	 "[--out 文件] [--db 文件]",
	 "逾期未办的线索、案件和整改问题"},
	{"problem", cmd_problem,
	 "problem close 问题编号 [--county 县代码] [--date 日期] --as 账号 [--db 文件]",
	 "问题整改销号（由问题所在层级的账号办理）"},
	{"notice", cmd_notice,
	 "notice --area 村代码 --kind 公示|公告 [--as-of 日期] [--out 文件.html|文件.xlsx] "
	 "[--as 账号] [--db 文件] | notice --area 乡镇代码 --kind 公示|公告 --out 目录 "
	 "[--format html|xlsx] [--as-of 日期] [--as 账号] [--db 文件]",
	 "公示、公告名单"},
	{"measure", cmd_measure,
	 "measure add --hh 户编号 --category 类别 --status 计划|已落实 [--detail 内容] [--amount 金额] "
	 "[--start 日期] [--end 日期] [--cadre 责任人] | measure update 措施编号 [同 add 的选项] | "
	 "measure list --hh 户编号 [--format csv|xlsx] [--out 文件] | measure caseload [--area 区划代码] [--as-of 日期]"
	 "  （均可加 --as 账号 --db 文件）",
	 "一户一策帮扶措施和责任人工作量"},
	{"visit", cmd_visit,
	 "visit add --hh 户编号 --date 日期 --cadre 走访人 [--content 内容] [--findings 发现问题] | "
	 "visit overdue [--area 区划代码] [--as-of 日期] [--format csv|xlsx] [--out 文件]"
	 "  （均可加 --as 账号 --db 文件）",
	 "走访记录和逾期未走访的农户"},
	{"warning", cmd_warning,
	 "warning dispatch [--area 区划代码] [--date 日期] | warning feedback --department 部门 "
	 "[--period YYYY-MM] --out 文件.xlsx|文件.csv [--format xlsx|csv] [--unmasked]"
	 "  （均须 --as 账号，可加 --db 文件）",
	 "部门预警：派发为线索、核查反馈表"},
	{"report", cmd_report,
	 "report --area 区划代码 --year 年份 [--as-of YYYY-MM-DD] [--format text|html|xlsx|json] "
	 "[--out 文件] [--list 指标 [--format csv|xlsx]] [--db 文件]",
	 "工作报告的基本情况"},
	{"household", cmd_household,
	 "household show 户编号|身份证号|姓名 [--area 区划代码] [--format text|json] [--as 账号] | "
	 "household find 姓名|户编号|身份证号后4位以上|村名 [--area 区划代码] [--as 账号] [--db 文件]",
	 "户档案与查找农户"},
	{"person", cmd_person,
	 "person add --hh 户编号 --id 身份证号 --name 姓名 --relation 与户主关系 --date 日期 "
	 "[--ethnicity 民族] [--education 文化程度] [--school 在校生状况] [--health 健康状况] "
	 "[--labour 劳动技能] [--insurance 城乡居民|城镇职工] [--phone 电话] [--not-counted] | "
	 "person leave 身份证号 --reason 死亡|迁出|婚嫁|服刑|其他 --date 日期 | "
	 "person move 身份证号 --to 户编号 [--relation 与户主关系] --date 日期"
	 "  （均须 --as 账号，可加 --db 文件）",
	 "家庭成员的增减与迁移（保留历史）"},
	{"project", cmd_project,
	 "project list [--area 区划代码] [--year 年度] [--as-of 日期] [--by-township] [--format text|csv|xlsx] [--out 文件] | "
	 "project show 项目编号 [--county 县代码] | "
	 "project step 项目编号 村申报|乡镇审核|部门论证|县审定|开工|完工|验收 [--date 日期] "
	 "[--reason 说明] [--county 县代码]  （均可加 --as 账号 --db 文件；step 须 --as）",
	 "衔接资金项目库与项目档案（支付进度）"},
	{"serve", cmd_serve,
	 "serve [--db 文件] [--bind 127.0.0.1] [--port 8080] [--threads 线程数] "
	 "[--tls-cert 证书 --tls-key 私钥] [--upload-max 兆字节] [--routes]",
	 "网页与 JSON 接口服务（Ctrl-C 停止）"},
	{"backup", cmd_backup, "backup --out 备份文件 [--db 文件]", "备份数据库（核对完整性和各表行数）"},
	{"restore", cmd_restore, "restore 备份文件 --as 县级经办账号 [--force] [--db 文件]",
	 "从备份恢复数据库（原库另存为 .bak-时间）"},
	{"protect", cmd_protect,
	 "protect --key-file 密钥文件 [--db 文件] | protect --new-key 密钥文件",
	 "加密保护数据库里的身份证号（密钥另存，其他命令用 --key-file 或 DIXIAN_KEY_FILE 给出）"},
	{"audit", cmd_audit, "audit verify [--area 县代码] [--db 文件]", "核对操作日志是否被改动（哈希链）"},
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
	const char *target = dx_cli_db_path(opt_db);
	char *path = dx_store_mask_target(target); /* never print a password */
	int rc = dx_store_open(st, target, flags);
	if (rc == DX_USAGE && !dx_store_driver_built(target))
		fprintf(stderr, "错误: PostgreSQL 驱动尚未构建，无法打开数据库 %s；"
				"请用 --db 指定一个数据库文件\n", path);
	else if (rc == DX_STATE)
		fprintf(stderr, "错误: 数据库 %s 的版本比本程序旧，只读打开时不升级；"
				"请先运行 dixian migrate%s%s\n", path, opt_db ? " --db " : "",
			opt_db ? path : "");
	else if (rc == DX_BUSY)
		fprintf(stderr, "错误: 数据库 %s 正被另一个程序占用（如另一个 dixian 正在导入），"
				"已等待 %d 秒仍未释放；请等它结束后重试\n",
			path, DX_STORE_BUSY_MS / 1000);
	else if (rc == DX_DENIED)
		fprintf(stderr, "错误: 无法读取数据库 %s：没有读取权限\n", path);
	else if (rc == DX_KEY)
		fprintf(stderr, "错误: 密钥不对：数据库 %s 的身份证号是用另一个密钥加密的，"
			"请用 --key-file 或 DIXIAN_KEY_FILE 给出加密时用的密钥文件\n", path);
	else if (rc)
		fprintf(stderr, "错误: 无法打开数据库 %s（%s）\n", path, dx_cli_strerror(rc));
	else if (!(flags & DX_STORE_READONLY) && dx_store_readonly(*st))
		fprintf(stderr, "注意: 数据库 %s 是只读的（文件或所在目录不可写），"
				"本次只能查看，不能修改\n", path);
	free(path);
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
	case DX_KEY: return "身份证号已加密，需要正确的密钥文件（--key-file 或 DIXIAN_KEY_FILE）";
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
	dx_cli_help_more(c->name);
	return DX_EXIT_OK;
}

static void help(FILE *f)
{
	fprintf(f, "用法: dixian [--today YYYY-MM-DD] <命令> [选项]\n\n"
		   "底线 Dixian: 防止返贫致贫动态监测和帮扶\n\n命令:\n");
	for (size_t i = 0; i < DX_ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n每个命令都可用 --db FILE 指定数据库（默认 $DIXIAN_DB 或 dixian.db）。\n"
		   "写入数据的命令须用 --as 指定账号；不用 --as 时只能查看（本机所有者）。\n"
		   "dixian help <命令> 显示该命令的选项、可选值和示例。\n");
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
	if (dx_cli_key_file(&argc, argv))
		return DX_EXIT_USAGE;
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
	if (find_cmd(argv[1])) {
		/* `dixian CMD … --help`: the command's help, as `dixian help CMD` */
		for (int i = 2; i < argc; i++)
			if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
				return cmd_help(find_cmd(argv[1]));
		return find_cmd(argv[1])->fn(argc - 1, argv + 1);
	}
	return not_a_command(argv[1]);
}
