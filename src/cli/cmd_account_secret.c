/*
 * cmd_account_secret.c - `dixian account passwd|disable NAME` (issue 14):
 * the new password read from standard input (echo off on a terminal).
 */
#include "core/dx.h"
#include "app/account.h"
#include "app/ctx.h"
#include "cli/cli.h"

#include <getopt.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

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
int dx_cli_account_secret(const char *sub, int argc, char **argv)
{
	static const struct option opts[] = {DX_CLI_OPT_DB, DX_CLI_OPT_AS, {0}};
	struct dx_cli_common co = {0}, local;
	char pw[DX_PASSWORD_MAX_BYTES + 2], again[DX_PASSWORD_MAX_BYTES + 2];
	const char *by;
	struct dx_ctx cx;
	int c, rc, tty = isatty(0);
	if ((c = dx_cli_next(argc, argv, opts, &co)) != -1)
		return dx_cli_usage("account");
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
	/* the local path: the person at this computer, --as only the name
	 * the audit gives them */
	local = co;
	local.as = NULL;
	by = co.as ? co.as : "cli";
	if (dx_cli_ctx(&local, 0, &cx) && !cx.st)
		return DX_EXIT_FAIL;
	if (!strcmp(sub, "passwd")) {
		rc = dx_account_passwd(&cx, argv[optind], pw, by);
		if (!rc)
			printf("已设置账号 %s 的密码\n", argv[optind]);
	} else {
		rc = dx_account_disable(&cx, argv[optind], by);
		if (!rc)
			printf("已停用账号 %s\n", argv[optind]);
	}
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(again, sizeof(again));
	if (rc && cx.err.msg[0])
		fprintf(stderr, "错误: %s\n", cx.err.msg);
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}

