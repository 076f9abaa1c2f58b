/*
 * cmd_account.c - `dixian account add|list`: the accounts other commands
 * act as with --as.
 */
#include "core/dx.h"
#include "app/account.h"
#include "cli/cli.h"

#include <getopt.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

static int list_cb(const struct dx_account *a, void *arg)
{
	(void)arg;
	printf("%s\t%s\t%s\t%s\n", a->name, a->level, a->scope, a->role);
	return DX_OK;
}

/* ---- account passwd|disable (issue 14) ---- */

/* Read one line of standard input into buf without its line end; with
 * echo off when it is a terminal.  -1 at end of input or if too long. */
static int read_secret(const char *prompt, char *buf, size_t size, int tty)
{
	struct termios old, quiet;
	size_t n;
	int ok;
	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		tcgetattr(0, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(0, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(0, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!ok)
		return -1;
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	else if (n + 1 >= size)
		return -1; /* longer than the buffer */
	if (n && buf[n - 1] == '\r')
		buf[--n] = 0;
	return 0;
}

/* `account passwd NAME`: the new password from standard input, once from
 * a pipe, twice on a terminal.  `account disable NAME`. */
static int account_secret(const char *sub, int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"as", required_argument, NULL, 'a'},
					     {0}};
	const char *db = NULL, *as = NULL;
	char pw[DX_PASSWORD_MAX_BYTES + 2], again[DX_PASSWORD_MAX_BYTES + 2];
	struct dx_store *st = NULL;
	struct dx_buf why = DX_BUF_INIT;
	int c, rc, tty = isatty(0);
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		default:
			return dx_cli_usage("account");
		}
	}
	if (optind + 1 != argc)
		return dx_cli_usage("account");
	if (!strcmp(sub, "passwd")) {
		if (read_secret("新密码: ", pw, sizeof(pw), tty) ||
		    (tty && read_secret("再输入一次: ", again, sizeof(again), tty))) {
			fprintf(stderr, "错误: 没有读到密码（从标准输入读一行，最多%d字节）\n",
				DX_PASSWORD_MAX_BYTES);
			return DX_EXIT_USAGE;
		}
		if (tty && strcmp(pw, again)) {
			fprintf(stderr, "错误: 两次输入的密码不一致\n");
			sodium_memzero(pw, sizeof(pw));
			sodium_memzero(again, sizeof(again));
			return DX_EXIT_USAGE;
		}
	}
	if (dx_cli_open(db, 0, &st))
		return DX_EXIT_FAIL;
	if (!strcmp(sub, "passwd")) {
		rc = dx_account_passwd(st, argv[optind], pw, as ? as : "cli", &why);
		if (!rc)
			printf("已设置账号 %s 的密码\n", argv[optind]);
	} else {
		rc = dx_account_disable(st, argv[optind], as ? as : "cli", &why);
		if (!rc)
			printf("已停用账号 %s\n", argv[optind]);
	}
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(again, sizeof(again));
	if (rc && why.len)
		fprintf(stderr, "错误: %s\n", why.buf);
	dx_buf_release(&why);
	dx_store_close(st);
	return dx_cli_exit(rc);
}

int cmd_account(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},    {"level", required_argument, NULL, 'l'},
		{"scope", required_argument, NULL, 's'}, {"role", required_argument, NULL, 'r'},
		{"as", required_argument, NULL, 'a'},    {0}};
	const char *db = NULL, *level = NULL, *scope = NULL, *role = NULL, *as = NULL, *sub;
	struct dx_store *st = NULL;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_actor actor;
	char canon[13];
	int c, rc;
	if (argc < 2)
		return dx_cli_usage("account");
	sub = argv[1];
	argc--;
	argv++;
	if (!strcmp(sub, "passwd") || !strcmp(sub, "disable"))
		return account_secret(sub, argc, argv);
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'l':
			level = optarg;
			break;
		case 's':
			scope = optarg;
			break;
		case 'r':
			role = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		default:
			return dx_cli_usage("account");
		}
	}
	if (!strcmp(sub, "add")) {
		if (optind + 1 != argc || !level || !scope)
			return dx_cli_usage("account");
		if (dx_cli_open(db, 0, &st))
			return DX_EXIT_FAIL;
		if (!(rc = dx_actor_for(st, as, &actor, &why)))
			rc = dx_account_add(st, argv[optind], level, scope, role, &actor, &why);
		if (!rc)
			printf("已创建账号 %s\n", argv[optind]);
	} else if (!strcmp(sub, "list")) {
		if (optind != argc)
			return dx_cli_usage("account");
		if (dx_cli_open(db, DX_STORE_READONLY, &st))
			return DX_EXIT_FAIL;
		/* an account lists the accounts of its own area only */
		if (!(rc = dx_actor_for(st, as, &actor, &why)) &&
		    !(rc = dx_actor_area(&actor, scope, canon, &why)))
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
