/*
 * cmd_notice.c - `dixian notice --area VILLAGE --kind 公示|公告 [--out
 * FILE.html|FILE.xlsx] [--as-of DATE] [--as ACCOUNT]`: the printable
 * village lists; HTML on stdout without --out.  For a township (or county)
 * --out names a directory and every village gets its own file there
 * (村代码村名公示.html, or .xlsx with --format xlsx), in one run.  A
 * village's file is cmd_notice_write.c's.
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/notice.h"
#include "cli/cli.h"
#include "core/area.h"
#include "core/date.h"

#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>

int cmd_notice(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AREA, DX_CLI_OPT_AS,
		{"kind", required_argument, NULL, 'k'},  {"out", required_argument, NULL, 'O'},
		DX_CLI_OPT_ASOF_TEXT,
		{"format", required_argument, NULL, 'f'}, {0}};
	const char *format = "html";
	char (*codes)[13] = NULL;
	size_t ncodes = 0;
	struct dx_cli_common co = {0};
	const char *kind = NULL, *out = NULL, *as_of;
	struct dx_ctx cx;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_date d;
	char today[11], one_code[13];
	int c, rc;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'k':
			kind = optarg;
			break;
		case 'O':
			out = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "html") && strcmp(optarg, "xlsx")) {
				fprintf(stderr, "错误: --format 应为 html 或 xlsx\n");
				return DX_EXIT_USAGE;
			}
			format = optarg;
			break;
		default:
			return dx_cli_usage("notice");
		}
	}
	as_of = co.as_of_text;
	if (optind != argc || !co.area || !kind)
		return dx_cli_usage("notice");
	dx_cli_today(&d);
	dx_date_format(&d, today);
	if ((rc = dx_cli_ctx(&co, 0, &cx)) && !cx.st)
		return DX_EXIT_FAIL;
	if ((rc = dx_ctx_why(&cx, rc, &why)) ||
	    (rc = dx_ctx_why(&cx, dx_notice_villages(&cx, co.area, &codes, &ncodes), &why)))
		goto done;
	if (dx_area_canon(co.area, one_code) == DX_AREA_VILLAGE) {
		/* one village: --out FILE.html|FILE.xlsx, or html on stdout */
		if (out && !dx_cli_ends_with(out, ".html") && !dx_cli_ends_with(out, ".htm") &&
		    !dx_cli_ends_with(out, ".xlsx")) {
			fprintf(stderr, "错误: --out 应以 .html 或 .xlsx 结尾\n");
			rc = DX_USAGE;
			goto done;
		}
		rc = dx_cli_notice_one(&cx, codes[0], kind, as_of ? as_of : today, out, &why);
		goto done;
	}
	/* a township or county: one file per village in the directory --out */
	if (!out) {
		dx_buf_adds(&why, "乡镇（或县）的公示公告按村分文件：请用 --out 指定保存的目录");
		rc = DX_USAGE;
		goto done;
	}
	if (mkdir(out, 0777) && errno != EEXIST) {
		dx_buf_addf(&why, "无法创建目录 %s", out);
		rc = DX_IO;
		goto done;
	}
	for (size_t i = 0; i < ncodes && !rc; i++) {
		struct dx_area vil;
		char path[1024];
		if (dx_store_area_get(cx.st, codes[i], &vil))
			vil.name[0] = '\0';
		if (dx_snprintf(path, sizeof(path), "%s/%s%s%s.%s", out, codes[i], vil.name, kind,
				format)) {
			dx_buf_addf(&why, "目录名太长：%s", out);
			rc = DX_USAGE;
			break;
		}
		rc = dx_cli_notice_one(&cx, codes[i], kind, as_of ? as_of : today, path, &why);
	}
	if (!rc)
		printf("共 %zu 个村的%s，已写入目录 %s\n", ncodes, kind, out);
done:
	if (rc == DX_USAGE && !why.len)
		return dx_cli_usage("notice");
	if (rc)
		fprintf(stderr, "错误: %s\n", why.len ? why.buf : dx_cli_strerror(rc));
	free(codes);
	dx_buf_release(&why);
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}
