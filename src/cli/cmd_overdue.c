/*
 * cmd_overdue.c - `dixian overdue --area A [--as-of DATE] [--as ACCOUNT]`:
 * clues and cases past their deadlines, with a count per level.
 */
#include "core/dx.h"
#include "app/overdue.h"
#include "cli/cli.h"
#include "core/date.h"

#include <getopt.h>

struct counts {
	long by_level[4];
	long total;
};

static int item_cb(const struct dx_overdue_item *it, void *arg)
{
	struct counts *n = arg;
	printf("%s\t%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%ld%s\n", it->what,
	       (long long)it->id, it->hh_no, it->head, it->area_code, it->township, it->village,
	       it->kind, it->pending, dx_level_name(it->level), it->deadline, it->days_over,
	       it->green ? "\t绿色通道" : "");
	n->by_level[it->level]++;
	n->total++;
	return DX_OK;
}

int cmd_overdue(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},    {"area", required_argument, NULL, 'A'},
		{"as-of", required_argument, NULL, 'o'}, {"as", required_argument, NULL, 'a'},
		{0}};
	const char *db = NULL, *area = NULL, *as_of = NULL, *as = NULL;
	struct dx_store *st = NULL;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_actor actor;
	struct counts n;
	struct dx_date d;
	char today[11];
	int c, rc;
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'A':
			area = optarg;
			break;
		case 'o':
			as_of = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		default:
			return dx_cli_usage("overdue");
		}
	}
	if (optind != argc)
		return dx_cli_usage("overdue");
	dx_date_today(&d);
	dx_date_format(&d, today);
	memset(&n, 0, sizeof(n));
	if (dx_cli_open(db, 0, &st))
		return DX_EXIT_FAIL;
	if ((rc = dx_actor_for(st, as, &actor, &why)))
		goto out;
	printf("类型\t编号\t户编号\t户主\t区划\t乡镇\t村\t事项\t待办步骤\t责任层级\t期限\t逾期天数\n");
	rc = dx_overdue_list(st, &actor, area, as_of ? as_of : today, item_cb, &n,
			     &why);
	if (!rc)
		printf("合计逾期 %ld 件：村级 %ld 件，乡镇 %ld 件，县级 %ld 件\n", n.total,
		       n.by_level[DX_LEVEL_VILLAGE], n.by_level[DX_LEVEL_TOWNSHIP],
		       n.by_level[DX_LEVEL_COUNTY]);
out:
	if (rc)
		fprintf(stderr, "错误: %s\n", why.len ? why.buf : dx_cli_strerror(rc));
	dx_buf_release(&why);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
