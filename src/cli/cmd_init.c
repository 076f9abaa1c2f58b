/*
 * cmd_init.c - `dixian init`: create an empty store (or upgrade an old one;
 * an existing store is never emptied, and init says it was there: exit 0).
 */
#include "core/dx.h"
#include "cli/cli.h"

#include <getopt.h>

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {DX_CLI_OPT_DB, {0}};
	struct dx_cli_common co = {0};
	struct dx_store *st = NULL;
	int c, have = 0, latest = 0, existed;
	if ((c = dx_cli_next(argc, argv, opts, &co)) != -1)
		return dx_cli_usage("init");
	if (optind != argc)
		return dx_cli_usage("init");
	/* a store that is there already is left as it is (or upgraded) */
	if (dx_cli_open(co.db, DX_STORE_CREATE, &st))
		return DX_EXIT_FAIL;
	existed = !dx_store_created(st);
	dx_store_version(st, &have, &latest);
	if (existed)
		printf("数据库 %s 已存在（版本 %d），未重新创建\n", dx_cli_db_path(co.db), have);
	else
		printf("已创建数据库 %s（版本 %d）\n", dx_cli_db_path(co.db), have);
	dx_store_close(st);
	return DX_EXIT_OK;
}
