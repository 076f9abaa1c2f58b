/*
 * cmd_person.c - `dixian person add|leave|move`: members who come and go
 * (app/person.h).  Every one writes, so every one needs --as.
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/person.h"
#include "cli/cli.h"

#include <getopt.h>

int cmd_person(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB,				     DX_CLI_OPT_AS,
		{"hh", required_argument, NULL, 'h'},	     {"id", required_argument, NULL, 'i'},
		{"name", required_argument, NULL, 'n'},     {"relation", required_argument, NULL, 'r'},
		{"date", required_argument, NULL, 'D'},     {"reason", required_argument, NULL, 'R'},
		{"to", required_argument, NULL, 't'},	     {"ethnicity", required_argument, NULL, 'e'},
		{"education", required_argument, NULL, 'E'}, {"school", required_argument, NULL, 's'},
		{"health", required_argument, NULL, 'H'},   {"labour", required_argument, NULL, 'l'},
		{"phone", required_argument, NULL, 'p'},    {"not-counted", no_argument, NULL, 'N'},
		{"insurance", required_argument, NULL, 'I'},
		{0}};
	struct dx_person_req req = {0};
	struct dx_cli_common co = {0};
	const char *reason = NULL, *to = NULL, *sub;
	struct dx_store *st = NULL;
	struct dx_actor actor;
	struct dx_ctx cx = {0};
	struct dx_date today;
	struct dx_buf why = DX_BUF_INIT;
	int64_t id = 0;
	int c, rc;
	if (argc < 2)
		return dx_cli_usage("person");
	sub = argv[1];
	argc--;
	argv++;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'h': req.hh_no = optarg; break;
		case 'i': req.id_no = optarg; break;
		case 'n': req.name = optarg; break;
		case 'r': req.relation = optarg; break;
		case 'D': req.date = optarg; break;
		case 'R': reason = optarg; break;
		case 't': to = optarg; break;
		case 'e': req.ethnicity = optarg; break;
		case 'E': req.education = optarg; break;
		case 's': req.school = optarg; break;
		case 'H': req.health = optarg; break;
		case 'l': req.labour = optarg; break;
		case 'p': req.phone = optarg; break;
		case 'N': req.not_counted = 1; break;
		case 'I': req.insurance = optarg; break;
		default: return dx_cli_usage("person");
		}
	}
	if (!strcmp(sub, "add")) {
		if (optind != argc)
			return dx_cli_usage("person");
	} else if (!strcmp(sub, "leave") || !strcmp(sub, "move")) {
		if (optind + 1 != argc)
			return dx_cli_usage("person");
		req.id_no = argv[optind];
	} else {
		return dx_cli_usage("person");
	}
	if (!req.date) {
		fprintf(stderr, "错误: 请用 --date 填写日期（YYYY-MM-DD）\n");
		return dx_cli_usage("person");
	}
	if (!co.as) {
		fprintf(stderr, "错误: 请用 --as 指定办理账号\n");
		return DX_EXIT_USAGE;
	}
	if (dx_cli_open(co.db, 0, &st))
		return DX_EXIT_FAIL;
	if ((rc = dx_actor_load(st, co.as, &actor, &why)))
		goto out;
	dx_ctx_for(&cx, st, &actor, dx_cli_today(&today));
	if (!strcmp(sub, "add")) {
		if (!(rc = dx_person_add(&cx, &req, &id)))
			printf("已将 %s 登记为户 %s 的成员（%s起）\n", req.name, req.hh_no, req.date);
	} else if (!strcmp(sub, "leave")) {
		if (!(rc = dx_person_leave(&cx, req.id_no, reason, req.date)))
			printf("已登记成员离开（%s，%s）\n", reason, req.date);
	} else {
		if (!(rc = dx_person_move(&cx, req.id_no, to, req.relation, req.date)))
			printf("已将成员迁入户 %s（%s起）\n", to, req.date);
	}
out:
	if (rc && !why.len && cx.err.msg[0]) /* the use case's reason */
		dx_buf_adds(&why, cx.err.msg);
	if (rc)
		fprintf(stderr, "错误: %s\n", why.len ? why.buf : dx_strerror(rc));
	dx_buf_release(&why);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
