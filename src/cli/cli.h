/*
 * cli.h - what the command files of src/cli/ share: the command table's
 * shape, exit codes, opening the store and the request context (open.c),
 * help, and the commands' entry points.  Every command reads its options
 * through cli/opts.h, included here; the list writer is cli/list.h.
 * Front ends parse and format; behaviour lives in src/app/.
 */
#ifndef DX_CLI_H
#define DX_CLI_H

#include "cli/opts.h"
#include "store/store.h"

#include <stdio.h>

/* Exit codes: 0 success, 1 the data had errors, 2 usage, 3 failure. */
enum { DX_EXIT_OK = 0, DX_EXIT_DATA = 1, DX_EXIT_USAGE = 2, DX_EXIT_FAIL = 3 };

struct dx_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
	const char *help;
};

/* The store path: --db if given, else $DIXIAN_DB, else "dixian.db"
 * (open.c, as the next three). */
const char *dx_cli_db_path(const char *opt);
/* Open the store for a command; prints the error and returns non-zero. */
int dx_cli_open(const char *opt_db, unsigned flags, struct dx_store **st);
/* Print "usage: dixian <usage>" for cmd to stderr and return DX_EXIT_USAGE. */
int dx_cli_usage(const char *name);
/* The command's request context (app/ctx.h): the store opened as
 * dx_cli_open does (a failure printed, c->st NULL), acting as co->as (the
 * local owner without --as; an unknown account's reason in c->err, for
 * the caller to print), today as main() set it.  The caller closes
 * c->st. */
struct dx_ctx;
int dx_cli_ctx(const struct dx_cli_common *co, unsigned flags, struct dx_ctx *c);
/* The day the command runs on into *d (main()'s --today, $DIXIAN_TODAY or
 * the clock): the day every use case it calls is given; returns d. */
struct dx_date *dx_cli_today(struct dx_date *d);

/* What error code rc means, in Chinese, for a user (dx_strerror is the
 * English one, for logs). */
const char *dx_cli_strerror(int rc);
/* After a command's usage line: its options' valid values (from the code
 * tables) and examples (help.c). */
void dx_cli_help_more(const char *name);
/* The command called name / the i-th command, NULL if none (commands.c). */
const struct dx_cmd *dx_cli_find(const char *name);
const struct dx_cmd *dx_cli_command(size_t i);
/* help.c: the command list on f; a command's help; "no such command". */
void dx_cli_help(FILE *f);
int dx_cli_cmd_help(const struct dx_cmd *c);
int dx_cli_not_a_command(const char *name);

/* Write b to path (NULL = stdout); prints the reason on failure. */
int dx_cli_write_buf(const char *path, const struct dx_buf *b);

/* Map an error code to an exit code. */
int dx_cli_exit(int rc);

/* import's closing lines for result r of o (cmd_import_summary.c);
 * returns rc. */
struct dx_import_opts;
struct dx_import_result;
int dx_cli_import_summary(const struct dx_import_opts *o, const struct dx_import_result *r,
			  const char *errors, int rc);

/* 1 if s ends with suffix (util of cmd_notice_write.c). */
int dx_cli_ends_with(const char *s, const char *suffix);
/* notice: village code's list to path (.html or .xlsx; NULL = html on
 * stdout); the reason in why (cmd_notice_write.c). */
int dx_cli_notice_one(struct dx_ctx *c, const char *code, const char *kind, const char *as_of,
		      const char *path, struct dx_buf *why);

/* `account passwd|disable` (cmd_account_secret.c). */
int dx_cli_account_secret(const char *sub, int argc, char **argv);

/* case list's row and case show's page (cmd_case_show.c). */
struct dx_case_row;
struct dx_case_view;
int dx_cli_case_row(const struct dx_case_row *c, void *arg);
void dx_cli_case_show(const struct dx_case_view *v);
struct dx_hh_ref;
struct dx_elim_result;
void dx_cli_case_check_show(const struct dx_hh_ref *hh, const struct dx_elim_result *res);

/* One per command file; registered in commands.c's table. */
int cmd_init(int argc, char **argv);
int cmd_protect(int argc, char **argv);
/* Consume --key-file 文件 from argv (else $DIXIAN_KEY_FILE) and load the
 * key of sealed ID numbers (cli_key.c); -1 after printing why not. */
int dx_cli_key_file(int *argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_policy(int argc, char **argv);
int cmd_screen(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_account(int argc, char **argv);
int cmd_clue(int argc, char **argv);
int cmd_case(int argc, char **argv);
int cmd_overdue(int argc, char **argv);
int cmd_problem(int argc, char **argv); /* issue 19 */
int cmd_notice(int argc, char **argv);
int cmd_measure(int argc, char **argv);
int cmd_visit(int argc, char **argv);
int cmd_warning(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_cluster(int argc, char **argv);
int cmd_household(int argc, char **argv);
int cmd_person(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_project(int argc, char **argv); /* 衔接资金项目库 (issue 18) */

#endif
