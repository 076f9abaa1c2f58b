/*
 * cmd_audit.c - `dixian audit verify [--area 县代码]`: check the audit
 * chains (app/audit_verify.h); exit 1 naming the first tampered row.
 */
#include "core/dx.h"
#include "app/audit_verify.h"
#include "cli/cli.h"

#include <getopt.h>

int cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {DX_CLI_OPT_DB, DX_CLI_OPT_AREA, {0}};
	struct dx_cli_common co = {0};
	struct dx_store *st = NULL;
	struct dx_audit_verdict v;
	struct dx_buf why = DX_BUF_INIT;
	int c, rc;
	if (argc < 2 || strcmp(argv[1], "verify") != 0)
		return dx_cli_usage("audit");
	argc--;
	argv++;
	if ((c = dx_cli_next(argc, argv, opts, &co)) != -1)
		return dx_cli_usage("audit");
	if (optind != argc)
		return dx_cli_usage("audit");
	if (dx_cli_open(co.db, DX_STORE_READONLY, &st))
		return DX_EXIT_FAIL;
	rc = dx_audit_verify(st, co.area, &v, &why);
	dx_store_close(st);
	if (rc) {
		fprintf(stderr, "错误: %s\n", why.len ? why.buf : dx_cli_strerror(rc));
		dx_buf_release(&why);
		return dx_cli_exit(rc);
	}
	dx_buf_release(&why);
	if (v.broken) {
		printf("操作日志被改动: %s\n", v.problem);
		return DX_EXIT_DATA;
	}
	printf("操作日志完好: %d 个县，%lld 条记录", v.counties, (long long)v.rows);
	if (v.unchained)
		printf("（其中 %lld 条为升级前的记录，尚未加链：该县下次记录操作时加链）",
		       (long long)v.unchained);
	printf("\n");
	if (*v.head)
		printf("链尾哈希（县 %s）: %s\n", v.county, v.head);
	return DX_EXIT_OK;
}
