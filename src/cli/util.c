/*
 * util.c - what every command shares: where the store is and opening it
 * with the reason for a failure in Chinese, getopt with whole option
 * names, dates and the shared option table (--db --as --area --year
 * --as-of).
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "app/ctx.h"
#include "core/date.h"

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

int dx_cli_next(int argc, char **argv, const struct option *opts, struct dx_cli_common *co)
{
	int64_t y;
	int c;
	for (;;) {
		switch ((c = dx_cli_getopt(argc, argv, opts))) {
		case DX_OPT_DB:
			co->db = optarg;
			break;
		case DX_OPT_AS:
			co->as = optarg;
			break;
		case DX_OPT_AREA:
			co->area = optarg;
			break;
		case DX_OPT_YEAR:
		case DX_OPT_YEAR_ANY:
			if (dx_parse_i64(optarg, &y) ||
			    ((c == DX_OPT_YEAR || y != 0) && (y < 2000 || y > 2100))) {
				fprintf(stderr, "错误: --year 应为四位年份%s\n",
					c == DX_OPT_YEAR ? "" : "（0 表示各年度通用）");
				return DX_OPT_BAD;
			}
			co->year = (int)y;
			co->has_year = 1;
			break;
		case DX_OPT_ASOF:
			if (dx_cli_date(optarg, "--as-of", co->as_of))
				return DX_OPT_BAD;
			break;
		case DX_OPT_ASOF_TEXT:
			co->as_of_text = optarg;
			break;
		default:
			return c;
		}
	}
}

int dx_cli_ctx(const struct dx_cli_common *co, unsigned flags, struct dx_ctx *c)
{
	struct dx_store *st;
	int rc;
	memset(c, 0, sizeof(*c));
	if ((rc = dx_cli_open(co->db, flags, &st)))
		return rc;
	return dx_ctx_init(c, st, co->as);
}
