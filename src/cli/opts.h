/*
 * opts.h - how a command reads its options (opts.c): getopt_long with
 * whole option names and errors in Chinese, date values, and the options
 * most commands share (--db --as --area --year --as-of), declared and
 * checked once.
 */
#ifndef DX_CLI_OPTS_H
#define DX_CLI_OPTS_H

#include <getopt.h>

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
/*
 * The options most commands share, declared and checked once: a command
 * puts DX_CLI_OPT_DB ... in its option table and reads the values from a
 * struct dx_cli_common filled by dx_cli_next.
 */
enum {
	DX_OPT_DB = 0x100,
	DX_OPT_AS,
	DX_OPT_AREA,
	DX_OPT_YEAR,
	DX_OPT_YEAR_ANY,
	DX_OPT_ASOF,
	DX_OPT_ASOF_TEXT,
	DX_OPT_BAD
};
#define DX_CLI_OPT_DB {"db", required_argument, NULL, DX_OPT_DB}
#define DX_CLI_OPT_AS {"as", required_argument, NULL, DX_OPT_AS}
#define DX_CLI_OPT_AREA {"area", required_argument, NULL, DX_OPT_AREA}
#define DX_CLI_OPT_YEAR {"year", required_argument, NULL, DX_OPT_YEAR}
#define DX_CLI_OPT_ASOF {"as-of", required_argument, NULL, DX_OPT_ASOF}
/* --year where 0 means "every year" (policy parameters) */
#define DX_CLI_OPT_YEAR_ANY {"year", required_argument, NULL, DX_OPT_YEAR_ANY}
/* --as-of kept as written, for a use case that checks the date itself
 * and says why in its own words (notice, overdue) */
#define DX_CLI_OPT_ASOF_TEXT {"as-of", required_argument, NULL, DX_OPT_ASOF_TEXT}
struct dx_cli_common {
	const char *db;   /* --db; NULL = $DIXIAN_DB or dixian.db */
	const char *as;   /* --as; NULL = the local owner */
	const char *area; /* --area as written (each use case checks it) */
	int year;         /* --year, 2000..2100 (or 0 with _YEAR_ANY) */
	int has_year;     /* --year was given */
	char as_of[11];   /* --as-of in ISO form; "" = not given */
	const char *as_of_text; /* DX_CLI_OPT_ASOF_TEXT's value; NULL = not given */
};
/*
 * dx_cli_getopt that keeps the shared options in co and returns the
 * others: -1 at the end, '?' after printing why an option is wrong, and
 * DX_OPT_BAD after printing why a shared option's value is (the command
 * then returns DX_EXIT_USAGE without its usage line).
 */
int dx_cli_next(int argc, char **argv, const struct option *opts, struct dx_cli_common *co);

#endif
