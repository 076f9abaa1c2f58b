/*
 * cmd_migrate.c - `dixian migrate`: bring a store to this program's schema
 * version.  Writing commands upgrade an older store as they open it (a
 * township laptop whose program was upgraded is never stuck); reading
 * commands never write, so they refuse an older store and point here.
 */
#include "core/dx.h"
#include "cli/cli.h"

#include <getopt.h>

int cmd_migrate(int argc, char **argv)
{
	static const struct option opts[] = {DX_CLI_OPT_DB, {0}};
	struct dx_cli_common co = {0};
	char *shown;
	int c, rc, from = 0, to = 0;
	if ((c = dx_cli_next(argc, argv, opts, &co)) != -1)
		return dx_cli_usage("migrate");
	if (optind != argc)
		return dx_cli_usage("migrate");
	shown = dx_store_mask_target(dx_cli_db_path(co.db));
	rc = dx_store_upgrade(dx_cli_db_path(co.db), &from, &to);
	if (rc == DX_USAGE && !dx_store_driver_built(dx_cli_db_path(co.db)))
		fprintf(stderr, "错误: PostgreSQL 驱动尚未构建，无法升级数据库 %s\n", shown);
	else if (rc == DX_NOT_FOUND)
		fprintf(stderr, "错误: 数据库 %s 不存在（用 dixian init 创建）\n", shown);
	else if (rc == DX_DENIED)
		fprintf(stderr, "错误: 数据库 %s 是只读的（文件或所在目录不可写），无法升级\n", shown);
	else if (rc == DX_VERSION)
		fprintf(stderr, "错误: 数据库 %s 的版本比本程序新，请升级 dixian\n", shown);
	else if (rc)
		fprintf(stderr, "错误: 无法升级数据库 %s（%s）\n", shown, dx_cli_strerror(rc));
	else if (from == to)
		printf("数据库 %s 已是最新版本 %d，无需升级\n", shown, to);
	else
		printf("数据库 %s 已从版本 %d 升级到 %d\n", shown, from, to);
	free(shown);
	return rc ? DX_EXIT_FAIL : DX_EXIT_OK;
}
