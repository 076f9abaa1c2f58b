/*
 * cmd_backup.c - `dixian backup --db F --out B` and `dixian restore B --db F
 * --as 账号 [--force]`: parse, call the use cases (app/backup.h), print the
 * verification (version, integrity, rows per table).  F may be a
 * PostgreSQL store (B is then a pg_dump archive); its password is never
 * printed.
 */
#include "core/dx.h"
#include "app/backup.h"
#include "cli/cli.h"

#include <getopt.h>

static void print_census(const char *what, const struct dx_census *c)
{
	printf("%s: 版本 %d", what, c->version);
	if (c->checked)
		printf("，完整性检查 %s", c->intact ? "通过" : c->integrity);
	if (*c->last_audit)
		printf("，最后修改 %s", c->last_audit);
	printf("\n");
	for (int i = 0; i < c->ntables; i++)
		printf("  %-20s %lld\n", c->t[i].name, (long long)c->t[i].rows);
}

int cmd_backup(int argc, char **argv)
{
	static const struct option opts[] = {DX_CLI_OPT_DB, {"out", required_argument, NULL, 'o'},
					     {0}};
	struct dx_cli_common co = {0};
	const char *out = NULL;
	struct dx_store *st = NULL;
	struct dx_census snap, copy;
	struct dx_buf why = DX_BUF_INIT;
	char *shown;
	int c, rc;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		if (c == 'o')
			out = optarg;
		else
			return dx_cli_usage("backup");
	}
	if (optind != argc || !out || !*out)
		return dx_cli_usage("backup");
	if (dx_cli_open(co.db, DX_STORE_READONLY, &st))
		return DX_EXIT_FAIL;
	rc = dx_backup(st, out, &snap, &copy, &why);
	dx_store_close(st);
	if (rc) {
		fprintf(stderr, "错误: %s\n", why.len ? why.buf : dx_cli_strerror(rc));
		dx_buf_release(&why);
		return rc == DX_INVALID ? DX_EXIT_DATA : dx_cli_exit(rc);
	}
	print_census("备份", &copy);
	shown = dx_store_mask_target(dx_cli_db_path(co.db)); /* a connection string's password */
	printf("已备份 %s 到 %s，行数与数据库一致\n", shown, out);
	free(shown);
	dx_buf_release(&why);
	return DX_EXIT_OK;
}

int cmd_restore(int argc, char **argv)
{
	static const struct option opts[] = {DX_CLI_OPT_DB, DX_CLI_OPT_AS,
					     {"force", no_argument, NULL, 'f'}, {0}};
	struct dx_cli_common co = {0};
	struct dx_restore_result r;
	struct dx_buf why = DX_BUF_INIT;
	char *shown;
	int c, rc, force = 0;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		if (c == 'f')
			force = 1;
		else
			return dx_cli_usage("restore");
	}
	if (optind + 1 != argc)
		return dx_cli_usage("restore");
	rc = dx_restore(argv[optind], dx_cli_db_path(co.db), co.as, force, &r, &why);
	if (rc) {
		fprintf(stderr, "错误: %s\n", why.len ? why.buf : dx_cli_strerror(rc));
		if (*r.saved)
			fprintf(stderr, "原数据库已保存为 %s\n", r.saved);
		dx_buf_release(&why);
		return rc == DX_STATE || rc == DX_INVALID ? DX_EXIT_DATA : dx_cli_exit(rc);
	}
	print_census("备份", &r.from);
	if (r.existed)
		printf("原数据库已保存为 %s\n", r.saved);
	shown = dx_store_mask_target(dx_cli_db_path(co.db));
	printf("已从 %s 恢复 %s，行数与备份一致", argv[optind], shown);
	free(shown);
	if (r.version != r.from.version)
		printf("（已升级到版本 %d）", r.version);
	printf("\n");
	dx_buf_release(&why);
	return DX_EXIT_OK;
}
