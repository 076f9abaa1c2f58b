/*
 * open.c - where a command's store is and opening it, with the reason for
 * a failure in Chinese (never the password of a PostgreSQL target), and
 * the request context a command's use cases run on: the store, the
 * account of --as (or the local owner) and main()'s day.
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

int dx_cli_ctx(const struct dx_cli_common *co, unsigned flags, struct dx_ctx *c)
{
	struct dx_store *st;
	struct dx_date today;
	int rc;
	memset(c, 0, sizeof(*c));
	if ((rc = dx_cli_open(co->db, flags, &st)))
		return rc;
	return dx_ctx_init(c, st, co->as, dx_cli_today(&today));
}

struct dx_date *dx_cli_today(struct dx_date *d)
{
	dx_date_today(d);
	return d;
}
