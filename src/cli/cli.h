/*
 * cli.h - what the command files of src/cli/ share: the command table's
 * shape, the store option and exit codes.  Front ends parse and format;
 * behaviour lives in src/app/.
 */
#ifndef DX_CLI_H
#define DX_CLI_H

#include "io/xlsx_write.h"
#include "store/store.h"

#include <getopt.h>

/* Exit codes: 0 success, 1 the data had errors, 2 usage, 3 failure. */
enum { DX_EXIT_OK = 0, DX_EXIT_DATA = 1, DX_EXIT_USAGE = 2, DX_EXIT_FAIL = 3 };

struct dx_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
	const char *help;
};

/* The store path: --db if given, else $DIXIAN_DB, else "dixian.db". */
const char *dx_cli_db_path(const char *opt);
/* Open the store for a command; prints the error and returns non-zero. */
int dx_cli_open(const char *opt_db, unsigned flags, struct dx_store **st);
/* Print "usage: dixian <usage>" for cmd to stderr and return DX_EXIT_USAGE. */
int dx_cli_usage(const char *name);
/* Parse a date option's value into ISO form in out; on a bad value print
 * the Chinese reason naming `opt` and return DX_EXIT_USAGE, else 0. */
int dx_cli_date(const char *arg, const char *opt, char out[11]);
/*
 * getopt_long for every command, with two differences: an option's name
 * must be written in full (getopt_long would take `--as` for `--as-of`
 * when a command has no --as, and act on the wrong option), and errors
 * are printed in Chinese.  Returns what getopt_long returns; '?' after
 * printing the reason for an unknown, abbreviated or ambiguous option, a
 * missing value or a value given to a flag.
 */
int dx_cli_getopt(int argc, char **argv, const struct option *opts);
/* What error code rc means, in Chinese, for a user (dx_strerror is the
 * English one, for logs). */
const char *dx_cli_strerror(int rc);
/* After a command's usage line: its options' valid values (from the code
 * tables) and examples (help.c). */
void dx_cli_help_more(const char *name);
/*
 * A command's list (list.c): tab-separated text or CSV on stdout, or to
 * --out FILE as text, CSV or xlsx.  The format is `format` (--format, may
 * be NULL), else the file's suffix (.xlsx/.csv), else `deflt`.  open
 * prints the reason and returns an exit code on a bad choice; close
 * returns 0 or DX_IO (printed) and says where a file went.
 */
enum { DX_LIST_TEXT, DX_LIST_CSV, DX_LIST_XLSX };
struct dx_cli_list {
	int fmt;
	const char *out;
	FILE *f;
	struct dx_tw *w;
	long rows;
};
int dx_cli_list_open(struct dx_cli_list *l, const char *format, const char *out,
		     const char *deflt, const char *sheet);
void dx_cli_list_row(struct dx_cli_list *l, const char *const *cells, size_t n, int header);
int dx_cli_list_close(struct dx_cli_list *l);

/* Map an error code to an exit code. */
int dx_cli_exit(int rc);

/* One per command file; registered in main.c's table. */
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
int cmd_household(int argc, char **argv);
int cmd_person(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_project(int argc, char **argv); /* 衔接资金项目库 (issue 18) */

#endif
