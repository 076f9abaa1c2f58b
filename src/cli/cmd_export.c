/*
 * cmd_export.c - `dixian export KIND --area CODE [--out FILE]`: options
 * and messages; the work is dx_export_run() in src/app/export.c.
 */
#include "core/dx.h"
#include "app/export.h"
#include "cli/cli.h"
#include "core/area.h"

#include <getopt.h>

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AREA, {"out", required_argument, NULL, 'o'},
		{"unmasked", no_argument, NULL, 'u'}, DX_CLI_OPT_AS, {0}};
	struct dx_cli_common co = {0};
	struct dx_export_opts o = {0};
	struct dx_store *st = NULL;
	struct dx_buf why = DX_BUF_INIT;
	char canon[13];
	long rows = 0;
	int c, rc;
	optind = 1;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'o': o.out = optarg; break;
		case 'u': o.unmasked = 1; break;
		default: return dx_cli_usage("export");
		}
	}
	o.as = co.as;
	if (argc - optind != 1 || !co.area)
		return dx_cli_usage("export");
	o.kind = argv[optind];
	if (dx_area_canon(co.area, canon) < DX_AREA_COUNTY) {
		fprintf(stderr, "错误: 区划代码 \"%s\" 无效（应为6位县、9位乡镇或12位村代码）\n", co.area);
		return DX_EXIT_USAGE;
	}
	o.area = canon;
	if (dx_cli_open(co.db, o.unmasked ? 0 : DX_STORE_READONLY, &st))
		return DX_EXIT_FAIL;
	rc = dx_export_run(st, &o, &rows, &why);
	if (why.len)
		fprintf(stderr, "错误: %s\n", why.buf);
	else if (rc)
		fprintf(stderr, "错误: 导出失败（%s）\n", dx_cli_strerror(rc));
	else if (o.out)
		fprintf(stderr, "已导出 %ld 行到 %s\n", rows, o.out);
	dx_buf_release(&why);
	dx_store_close(st);
	return rc == DX_DENIED ? DX_EXIT_USAGE : dx_cli_exit(rc);
}
