/*
 * main.c - `dixian [--today YYYY-MM-DD] <command> [options]`: the process's
 * configuration (the day it runs on, the log sink), then the command
 * (commands.c).
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "core/date.h"

#include <locale.h>

/*
 * The day the program runs on: `dixian --today YYYY-MM-DD <command> ...`,
 * else $DIXIAN_TODAY, else the clock.  Read here only and handed to
 * core/date.h, from where every "today" (default dates, the rule that no
 * event lies after today) is taken.  Returns the arguments consumed (0 or
 * 2), or -1 after printing why the date is bad.
 */
static int set_today(int argc, char **argv)
{
	const char *t = getenv("DIXIAN_TODAY");
	struct dx_date d;
	int used = 0;
	if (argc > 1 && !strcmp(argv[1], "--today")) {
		if (argc < 3) {
			fprintf(stderr, "错误: 选项 --today 需要一个值\n");
			return -1;
		}
		t = argv[2];
		used = 2;
	}
	if (!t || !*t)
		return used;
	if (dx_date_parse(t, strlen(t), &d)) {
		fprintf(stderr, "错误: %s \"%s\" 不是有效日期（应为 YYYY-MM-DD）\n",
			used ? "--today" : "DIXIAN_TODAY", t);
		return -1;
	}
	dx_date_set_today(&d);
	return used;
}

/* The CLI's log sink (core/dx.h): one line on stderr per message, in one
 * call so that the server's threads do not interleave their lines. */
static void log_to_stderr(void *arg, enum dx_log_level lvl, const char *msg)
{
	(void)arg;
	fprintf(stderr, "dixian: %s: %s\n", dx_log_level_name(lvl), msg);
}

/* `dixian CMD ...` to the command (commands.c), or help (help.c). */
static int run(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		dx_cli_help(argc < 2 ? stderr : stdout);
		return argc < 2 ? DX_EXIT_USAGE : DX_EXIT_OK;
	}
	if (!strcmp(argv[1], "help")) {
		if (argc > 2)
			return dx_cli_find(argv[2]) ? dx_cli_cmd_help(dx_cli_find(argv[2])) : dx_cli_not_a_command(argv[2]);
		dx_cli_help(stdout);
		return DX_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		puts("dixian 0.1");
		return DX_EXIT_OK;
	}
	if (dx_cli_find(argv[1])) {
		/* `dixian CMD … --help`: the command's help, as `dixian help CMD` */
		for (int i = 2; i < argc; i++)
			if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
				return dx_cli_cmd_help(dx_cli_find(argv[1]));
		return dx_cli_find(argv[1])->fn(argc - 1, argv + 1);
	}
	return dx_cli_not_a_command(argv[1]);
}

int main(int argc, char **argv)
{
	int used;
	setlocale(LC_CTYPE, "C.UTF-8");
	dx_log_set_sink(log_to_stderr, NULL);
	if ((used = set_today(argc, argv)) < 0)
		return DX_EXIT_USAGE;
	argc -= used;
	argv += used;
	if (dx_cli_key_file(&argc, argv))
		return DX_EXIT_USAGE;
	return run(argc, argv);
}
