/*
 * cmd_report_list.c - `dixian report --list KEY`: the rows behind one
 * figure of the report (households, or a 衔接资金 / other ledger figure's
 * own rows) as CSV or xlsx with a header row.
 */
#include "core/dx.h"
#include "app/report.h"
#include "app/report_funds.h"
#include "app/report_ledgers.h"
#include "cli/cli.h"
#include "cli/list.h"
#include "cli/cmd_report.h"
#include "io/xlsx_write.h"

static const char *const list_heads[] = {"户编号", "户主", "乡镇", "行政村", "区划代码", "人数", NULL};

/* The table being written: its column heads and whether they are out. */
struct list_out {
	struct dx_tw *w;
	const char *const *heads; /* NULL-ended */
	int headed;
};

/* the header row, once, before the first row (or alone for an empty list):
 * a refused list prints nothing */
static void head(struct list_out *lo)
{
	if (lo->headed++)
		return;
	for (size_t i = 0; lo->heads[i]; i++)
		dx_tw_cell(lo->w, lo->heads[i], DX_TW_HEADER);
	dx_tw_endrow(lo->w);
}

static int cells_row(const char *const *cells, int n, void *arg)
{
	struct list_out *lo = arg;
	head(lo);
	dx_tw_row(lo->w, cells, (size_t)n, DX_TW_PLAIN);
	return 0;
}

/* One household of a figure: 户编号 with the names beside it. */
static int item_row(const struct dx_report_item *it, void *arg)
{
	char n[16];
	const char *cells[6] = {it->hh_no, it->head_name, it->township,
				it->village, it->area_code, n};
	dx_snprintf(n, sizeof(n), "%d", it->persons);
	return cells_row(cells, 6, arg);
}

static int funds_row(const char *const *cells, void *arg)
{
	return cells_row(cells, DX_RF_NCOLS, arg);
}

int dx_cli_report_list(struct dx_store *st, const struct dx_report_opts *o, const char *key,
		       enum dx_outfmt fmt, const char *out, struct dx_buf *why)
{
	const struct dx_funds_figure *fd = dx_report_funds_figure_find(key);
	const char *fheads[DX_RF_NCOLS + 1] = {0};
	struct list_out lo = {.heads = list_heads};
	int lg = !fd && dx_lg_figure_index(key) >= 0, rc, rc2;
	if ((rc = dx_tw_open(&lo.w, out, fmt == DX_OUT_XLSX ? DX_TW_XLSX : DX_TW_CSV, key))) {
		fprintf(stderr, "错误: 无法写入文件 %s\n", out ? out : "标准输出");
		return rc;
	}
	if (fd) {
		for (size_t i = 0; i < DX_RF_NCOLS; i++)
			fheads[i] = fd->heads[i];
		lo.heads = fheads;
		rc = dx_report_funds_list(st, o, key, funds_row, &lo, why);
	} else if (lg) {
		/* issue 19: a figure of the other ledgers lists its own rows
		 * (app/report_ledgers.h) under its own heads, given first */
		lo.heads = dx_lg_figdefs[dx_lg_figure_index(key)].heads;
		head(&lo);
		rc = dx_report_ledgers_list(st, o, key, cells_row, &lo, why);
	} else {
		rc = dx_report_list(st, o, key, item_row, &lo, why);
	}
	if (!rc)
		head(&lo);
	rc2 = dx_tw_close(lo.w);
	if (!rc && rc2)
		fprintf(stderr, "错误: 写入 %s 失败\n", out ? out : "标准输出");
	if ((rc || rc2) && out)
		remove(out); /* no half list under the name asked for */
	return rc ? rc : rc2;
}

int dx_cli_report_key_known(const char *key)
{
	if (dx_report_figure_find(key) || dx_report_funds_figure_find(key) ||
	    dx_lg_figure_index(key) >= 0)
		return 1;
	fprintf(stderr, "错误: 没有名为 \"%s\" 的指标；可用：", key);
	for (size_t i = 0; i < dx_report_figure_count(); i++)
		fprintf(stderr, "%s%s", i ? "、" : "", dx_report_figure(i)->key);
	for (size_t i = 0; i < dx_report_funds_figure_count(); i++)
		fprintf(stderr, "、%s", dx_report_funds_figure(i)->key);
	for (int i = 0; i < DX_LGF_N; i++)
		fprintf(stderr, "、%s", dx_lg_figdefs[i].key);
	fputc('\n', stderr);
	return 0;
}
