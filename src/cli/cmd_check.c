/*
 * cmd_check.c - `dixian check`: the data-quality worklist (issue 4).
 * Findings are the output, not a failure: the exit status is 0 whenever
 * the checks ran.
 */
#include "core/dx.h"
#include "app/account.h"
#include "app/check.h"
#include "cli/cli.h"
#include "cli/list.h"
#include "io/csv_write.h"
#include "core/area.h"
#include "core/date.h"

#include <getopt.h>

static int finding(const struct dx_check_finding *f, void *arg)
{
	const char *v[DX_CHECK_COLS];
	dx_check_cells(f, v);
	dx_cli_list_row(arg, v, DX_CHECK_COLS, 0);
	return DX_OK;
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AREA, DX_CLI_OPT_ASOF, DX_CLI_OPT_AS,
		{"format", required_argument, NULL, 'f'},
		{"out", required_argument, NULL, 'O'},
		{0}};
	const char *format = NULL, *outp = NULL;
	struct dx_store *st = NULL;
	struct dx_actor actor;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_cli_list o;
	struct dx_cli_common co = {0};
	char canon[13] = "";
	long *counts = NULL, nhh = 0, total = 0;
	struct dx_date d;
	FILE *sf;
	size_t i;
	int c, rc;

	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case DX_OPT_BAD:
			return DX_EXIT_USAGE;
		case 'f':
			format = optarg;
			break;
		case 'O':
			outp = optarg;
			break;
		default:
			return dx_cli_usage("check");
		}
	}
	if (optind != argc)
		return dx_cli_usage("check");
	if (co.area && dx_area_canon(co.area, canon) == DX_AREA_INVALID) {
		fprintf(stderr, "错误: 区划代码 \"%s\" 无效（应为6位县、9位乡镇或12位村代码）\n", co.area);
		return DX_EXIT_USAGE;
	}
	if (!co.as_of[0]) {
		dx_cli_today(&d);
		dx_date_format(&d, co.as_of);
	}
	if (dx_cli_open(co.db, DX_STORE_READONLY, &st))
		return DX_EXIT_FAIL;
	/* an account reads its own area only (app/account.h) */
	if (co.as && ((rc = dx_actor_for(st, co.as, &actor, &why)) ||
		      (rc = dx_actor_area(&actor, co.area, canon, &why)))) {
		fprintf(stderr, "错误: %s\n", why.buf);
		dx_buf_release(&why);
		dx_store_close(st);
		return dx_cli_exit(rc);
	}
	if ((c = dx_cli_list_open(&o, format, outp, "text", "数据质量检查"))) {
		dx_store_close(st);
		return c;
	}
	counts = dx_xcalloc(dx_check_rule_count(), sizeof(*counts));
	dx_cli_list_row(&o, dx_check_heads, DX_CHECK_COLS, 1);
	rc = dx_app_check(st, canon, co.as_of, finding, &o, counts, &nhh);
	if (dx_cli_list_close(&o) && !rc)
		rc = DX_IO;
	if (rc) {
		fprintf(stderr, "错误: 检查失败（%s）\n", dx_cli_strerror(rc));
		goto out;
	}
	/* the summary goes after the list; with csv to stderr, so stdout
	 * stays one table */
	sf = o.fmt == DX_LIST_TEXT && !outp ? stdout : stderr;
	for (i = 0; i < dx_check_rule_count(); i++)
		total += counts[i];
	fprintf(sf, "# 检查 %s：%ld 户，发现问题 %ld 条\n", canon[0] ? canon : "全部", nhh, total);
	for (i = 0; i < dx_check_rule_count(); i++) {
		const struct dx_check_rule *r = dx_check_rule_at(i);
		fprintf(sf, "# %s %ld 条  %s\n", r->id, counts[i], r->title);
	}
out:
	free(counts);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
