/*
 * cmd_account.c - `dixian account add|list`: the accounts other commands
 * act as with --as; passwd and disable are cmd_account_secret.c's.
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/account.h"
#include "cli/cli.h"

#include <getopt.h>

static int list_cb(const struct dx_account *a, void *arg)
{
	(void)arg;
	printf("%s\t%s\t%s\t%s\n", a->name, a->level, a->scope, a->role);
	return DX_OK;
}

int cmd_account(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AS, {"level", required_argument, NULL, 'l'},
		{"scope", required_argument, NULL, 's'}, {"role", required_argument, NULL, 'r'},
		{0}};
	struct dx_cli_common co = {0};
	const char *level = NULL, *scope = NULL, *role = NULL, *sub;
	struct dx_store *st = NULL;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_ctx cx;
	char canon[13];
	int c, rc;
	if (argc < 2)
		return dx_cli_usage("account");
	sub = argv[1];
	argc--;
	argv++;
	if (!strcmp(sub, "passwd") || !strcmp(sub, "disable"))
		return dx_cli_account_secret(sub, argc, argv);
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'l':
			level = optarg;
			break;
		case 's':
			scope = optarg;
			break;
		case 'r':
			role = optarg;
			break;
		default:
			return dx_cli_usage("account");
		}
	}
	if (!strcmp(sub, "add")) {
		if (optind + 1 != argc || !level || !scope)
			return dx_cli_usage("account");
		if ((rc = dx_cli_ctx(&co, 0, &cx)) && !cx.st)
			return DX_EXIT_FAIL;
		st = cx.st;
		if (!(rc = dx_ctx_why(&cx, rc, &why)))
			rc = dx_ctx_why(&cx, dx_account_add(&cx, argv[optind], level, scope, role),
					&why);
		if (!rc)
			printf("已创建账号 %s\n", argv[optind]);
	} else if (!strcmp(sub, "list")) {
		if (optind != argc)
			return dx_cli_usage("account");
		if ((rc = dx_cli_ctx(&co, DX_STORE_READONLY, &cx)) && !cx.st)
			return DX_EXIT_FAIL;
		st = cx.st;
		/* an account lists the accounts of its own area only */
		if (!(rc = dx_ctx_why(&cx, rc, &why)) &&
		    !(rc = dx_actor_area(&cx.actor, scope, canon, &why)))
			rc = dx_store_account_list(st, canon, list_cb, NULL);
	} else {
		return dx_cli_usage("account");
	}
	if (rc)
		fprintf(stderr, "错误: %s\n", why.len ? why.buf : dx_cli_strerror(rc));
	dx_buf_release(&why);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
