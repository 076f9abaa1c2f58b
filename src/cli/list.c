/*
 * list.c - how a command's list goes out (`--format text|csv|xlsx
 * [--out FILE]`): tab-separated text or CSV on stdout, or a file, CSV or
 * xlsx, through io/xlsx_write.h's table writer.  The format is --format's,
 * else the --out file's suffix (.xlsx, .csv), else the command's default.
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "cli/list.h"

#include <errno.h>

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcmp(s + a - b, suffix);
}

int dx_cli_list_open(struct dx_cli_list *l, const char *format, const char *out, const char *deflt,
                     const char *sheet)
{
	memset(l, 0, sizeof(*l));
	l->out = out;
	if (!format)
		format = out && ends_with(out, ".xlsx")  ? "xlsx"
		         : out && ends_with(out, ".csv") ? "csv"
		                                         : deflt;
	if (!strcmp(format, "text")) {
		l->fmt = DX_LIST_TEXT;
	} else if (!strcmp(format, "csv")) {
		l->fmt = DX_LIST_CSV;
	} else if (!strcmp(format, "xlsx")) {
		l->fmt = DX_LIST_XLSX;
	} else {
		fprintf(stderr, "错误: --format 应为 text、csv 或 xlsx\n");
		return DX_EXIT_USAGE;
	}
	if (l->fmt == DX_LIST_XLSX && !out) {
		fprintf(stderr, "错误: xlsx 格式须用 --out 指定文件（如 --out 清单.xlsx）\n");
		return DX_EXIT_USAGE;
	}
	if (l->fmt == DX_LIST_TEXT) {
		l->f = out ? fopen(out, "w") : stdout;
		if (!l->f) {
			fprintf(stderr, "错误: 无法写入 %s（%s）\n", out, strerror(errno));
			return DX_EXIT_FAIL;
		}
		return DX_EXIT_OK;
	}
	if (dx_tw_open(&l->w, out, l->fmt == DX_LIST_XLSX ? DX_TW_XLSX : DX_TW_CSV, sheet)) {
		fprintf(stderr, "错误: 无法写入 %s\n", out ? out : "标准输出");
		return DX_EXIT_FAIL;
	}
	return DX_EXIT_OK;
}

void dx_cli_list_row(struct dx_cli_list *l, const char *const *cells, size_t n, int header)
{
	if (l->fmt == DX_LIST_TEXT) {
		for (size_t i = 0; i < n; i++)
			fprintf(l->f, "%s%s", i ? "\t" : "", cells[i] ? cells[i] : "");
		fputc('\n', l->f);
	} else {
		dx_tw_row(l->w, cells, n, header ? DX_TW_HEADER : DX_TW_PLAIN);
	}
	if (!header)
		l->rows++;
}

int dx_cli_list_close(struct dx_cli_list *l)
{
	int rc = 0;
	if (l->fmt == DX_LIST_TEXT) {
		if (l->out && l->f && fclose(l->f))
			rc = DX_IO;
		else if (!l->out)
			fflush(stdout);
	} else if (l->w) {
		rc = dx_tw_close(l->w);
	}
	l->f = NULL;
	l->w = NULL;
	if (rc)
		fprintf(stderr, "错误: 无法写入 %s\n", l->out ? l->out : "标准输出");
	else if (l->out)
		fprintf(stderr, "已写入 %s（%ld行）\n", l->out, l->rows);
	return rc;
}
