/*
 * cmd_overdue.c - `dixian overdue --area A [--as-of DATE] [--as ACCOUNT]`:
 * clues and cases past their deadlines, with a count per level.
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/overdue.h"
#include "cli/cli.h"
#include "cli/list.h"
#include "core/date.h"

#include <getopt.h>

struct counts {
	long by_level[4];
	long total;
	struct dx_cli_list list;
};

static int item_cb(const struct dx_overdue_item *it, void *arg)
{
	struct counts *n = arg;
	struct dx_overdue_buf buf;
	const char *cells[DX_OVERDUE_COLS];
	size_t k = DX_OVERDUE_COLS;
	dx_overdue_cells(it, &buf, cells);
	/* as text, the mark only where it applies */
	if (n->list.fmt == DX_LIST_TEXT && !it->green)
		k--;
	dx_cli_list_row(&n->list, cells, k, 0);
	n->by_level[it->level]++;
	n->total++;
	return DX_OK;
}

int cmd_overdue(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AREA, DX_CLI_OPT_AS,
		DX_CLI_OPT_ASOF_TEXT,
		{"format", required_argument, NULL, 'f'}, {"out", required_argument, NULL, 'O'},
		{0}};
	struct dx_cli_common co = {0};
	const char *as_of, *format = NULL, *outp = NULL;
	FILE *sum;
	struct dx_ctx cx;
	struct counts n;
	struct dx_date d;
	char today[11];
	int c, rc;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'O':
			outp = optarg;
			break;
		default:
			return dx_cli_usage("overdue");
		}
	}
	as_of = co.as_of_text;
	if (optind != argc)
		return dx_cli_usage("overdue");
	dx_cli_today(&d);
	dx_date_format(&d, today);
	memset(&n, 0, sizeof(n));
	if ((rc = dx_cli_ctx(&co, 0, &cx)) && !cx.st)
		return DX_EXIT_FAIL;
	if (rc)
		goto out;
	if ((c = dx_cli_list_open(&n.list, format, outp, "text", "逾期清单"))) {
		dx_store_close(cx.st);
		return c;
	}
	dx_cli_list_row(&n.list, dx_overdue_heads, DX_OVERDUE_COLS - (n.list.fmt == DX_LIST_TEXT), 1);
	rc = dx_overdue_list(&cx, co.area, as_of ? as_of : today, item_cb, &n);
	if (dx_cli_list_close(&n.list) && !rc)
		rc = DX_IO;
	/* the total after a text list on the screen; else beside the file */
	sum = n.list.fmt == DX_LIST_TEXT && !outp ? stdout : stderr;
	if (!rc)
		fprintf(sum, "合计逾期 %ld 件：村级 %ld 件，乡镇 %ld 件，县级 %ld 件\n", n.total,
			n.by_level[DX_LEVEL_VILLAGE], n.by_level[DX_LEVEL_TOWNSHIP],
			n.by_level[DX_LEVEL_COUNTY]);
out:
	if (rc)
		fprintf(stderr, "错误: %s\n", cx.err.msg[0] ? cx.err.msg : dx_cli_strerror(rc));
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}
