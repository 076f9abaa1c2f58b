/*
 * commands.c - the table of commands: name, function (one cmd_*.c file
 * each, as git's builtin/), usage line and one-line help.
 */
#include "core/dx.h"
#include "cli/cli.h"

static const struct dx_cmd commands[] = {
	{"init", cmd_init, "init [--db 文件]", "创建空数据库"},
	{"migrate", cmd_migrate, "migrate [--db 文件]", "把数据库升级到本程序的版本"},
	{"demo", cmd_demo, "demo [--households 户数] [--county 县代码] [--counties 县数] [--seed 种子] [--today YYYY-MM-DD] [--db 文件]",
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
	 "warning dispatch [--area 区划代码] [--date 日期] [--deadline 核实期限] | warning feedback --department 部门 "
	 "[--period YYYY-MM] --out 文件.xlsx|文件.csv [--format xlsx|csv] [--unmasked]"
	 "  （均须 --as 账号，可加 --db 文件）",
	 "部门预警：派发为线索、核查反馈表"},
	{"report", cmd_report,
	 "report --area 区划代码 --year 年份 [--as-of YYYY-MM-DD] [--format text|html|xlsx|json] "
	 "[--out 文件] [--list 指标 [--format csv|xlsx]] [--db 文件]",
	 "工作报告的基本情况"},
	{"household", cmd_household,
	 "household show 户编号|身份证号|姓名 [--area 区划代码] [--format text|json] [--as 账号] "
	 "[--unmasked] | "
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
	 "project step 项目编号 村申报|乡镇审核|部门论证|县审定|开工|完工|验收|退回|不予立项 [--date 日期] "
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
	{"cluster", cmd_cluster,
	 "cluster init --coordinator 协调库 --shard 省代码=分片库 ... | cluster check [--db 协调库] | "
	 "cluster report [--area 全国|省代码] --year 年份 [--as-of 日期] [--format text|json] [--explain] "
	 "[--db 协调库]",
	 "全国分省部署（PostgreSQL 分区表 + postgres_fdw）：建立、检查、全国报告"},
	{"audit", cmd_audit, "audit verify [--area 县代码] [--db 文件]", "核对操作日志是否被改动（哈希链）"},
};

const struct dx_cmd *dx_cli_find(const char *name)
{
	for (size_t i = 0; i < DX_ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

const struct dx_cmd *dx_cli_command(size_t i)
{
	return i < DX_ARRAY_SIZE(commands) ? &commands[i] : NULL;
}
