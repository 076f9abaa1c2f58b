/*
 * cmd_policy.c - `dixian policy show|set`: the policy parameters in force
 * for an area and a year, where each value comes from, and setting one
 * (domain.md §10; issue 4).
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/cmd_policy.h"
#include "core/area.h"
#include "core/date.h"

#include <getopt.h>

static int parse(int argc, char **argv, struct dx_cli_popts *o)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB,
		DX_CLI_OPT_AREA,
		DX_CLI_OPT_YEAR_ANY,
		{"from", required_argument, NULL, 'f'},
		{"date", required_argument, NULL, 'f'},
		DX_CLI_OPT_AS,
		{0}};
	struct dx_cli_common co = {0};
	struct dx_date d;
	int c;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'f':
			if (dx_date_parse(optarg, strlen(optarg), &d)) {
				fprintf(stderr, "错误: 日期 \"%s\" 无效（应为 YYYY-MM-DD）\n",
					optarg);
				return DX_EXIT_USAGE;
			}
			dx_date_format(&d, o->from_iso);
			o->from = o->from_iso;
			break;
		case DX_OPT_BAD:
			return DX_EXIT_USAGE;
		default:
			return dx_cli_usage("policy");
		}
	}
	o->db = co.db;
	o->area = co.area;
	o->as = co.as;
	o->year = co.year;
	o->has_year = co.has_year;
	if (o->area && *o->area && dx_area_canon(o->area, o->canon) == DX_AREA_INVALID) {
		fprintf(stderr, "错误: 区划代码 \"%s\" 无效（应为2、4、6、9或12位区划代码）\n",
			o->area);
		return DX_EXIT_USAGE;
	}
	return DX_EXIT_OK;
}

static int set(struct dx_cli_popts *o, const char *key, const char *value)
{
	struct dx_cli_common co = {0};
	struct dx_ctx cx;
	char canon[DX_POLICY_VALUE_MAX];
	const char *why = NULL;
	int rc;
	if (!o->area || !*o->canon || !o->has_year) {
		fprintf(stderr, "错误: policy set 需要 --area 区划代码 和 --year 年份\n");
		return dx_cli_usage("policy");
	}
	if (o->from && o->year && (int)strtol(o->from, NULL, 10) != o->year) {
		fprintf(stderr, "错误: --from %s 不在 %d 年内（跨年度的参数请用 --year 0）\n",
			o->from, (int)o->year);
		return DX_EXIT_USAGE;
	}
	co.db = o->db;
	co.as = o->as;
	if ((rc = dx_cli_ctx(&co, 0, &cx)) && !cx.st)
		return DX_EXIT_FAIL;
	if (rc) /* a name that is no account */
		why = rc == DX_NOT_FOUND ? DX_POLICY_WHY_NO_ACCOUNT : cx.err.msg[0] ? cx.err.msg : NULL;
	else if ((rc = dx_app_policy_may_set(&cx, o->canon)))
		why = cx.err.msg[0] ? cx.err.msg : NULL;
	if (rc) {
		if (o->as)
			fprintf(stderr, "错误: 账号 %s 不能设置区划 %s 的参数：%s\n", o->as,
				o->canon, why ? why : dx_cli_strerror(rc));
		else
			fprintf(stderr, "错误: %s\n", why);
		dx_store_close(cx.st);
		return DX_EXIT_FAIL;
	}
	rc = dx_app_policy_set(&cx, o->canon, (int)o->year, o->from, key, value, canon);
	why = cx.err.msg[0] ? cx.err.msg : NULL;
	if (rc == DX_NOT_FOUND || rc == DX_INVALID) {
		fprintf(stderr, "错误: 参数 %s 的值 \"%s\" 无效：%s\n", key, value,
			why ? why : "请检查");
		rc = DX_INVALID;
	} else if (rc) {
		fprintf(stderr, "错误: 保存参数失败\n");
	} else {
		char y[16] = "各年度";
		if (o->year)
			dx_snprintf(y, sizeof(y), "%d年", (int)o->year);
		printf("已设置 %s = %s（区划 %s，%s%s%s）\n", key, canon, o->canon, y,
		       o->from ? "，自" : "", o->from ? o->from : "");
	}
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}

int cmd_policy(int argc, char **argv)
{
	struct dx_cli_popts o;
	const char *sub;
	int rc;
	memset(&o, 0, sizeof(o));
	if (argc < 2)
		return dx_cli_usage("policy");
	sub = argv[1];
	if (!strcmp(sub, "show")) {
		if ((rc = parse(argc - 1, argv + 1, &o)))
			return rc;
		if (optind != argc - 1)
			return dx_cli_usage("policy");
		return dx_cli_policy_show(&o);
	}
	if (!strcmp(sub, "set")) {
		if ((rc = parse(argc - 1, argv + 1, &o)))
			return rc;
		/* KEY VALUE are the operands left after the options */
		if (optind + 2 != argc - 1)
			return dx_cli_usage("policy");
		return set(&o, argv[1 + optind], argv[2 + optind]);
	}
	return dx_cli_usage("policy");
}
