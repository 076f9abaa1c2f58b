/*
 * cmd_cluster.c - `dixian cluster init|check|report`: the nation across
 * servers (issue 17).  Parse, call the use cases (app/cluster.h), print.
 * A target string is never printed: it may hold a password.
 */
#include "core/dx.h"
#include "app/cluster.h"
#include "cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* init --coordinator URL --shard PREFIX=URL ... */
static int cluster_init(int argc, char **argv)
{
	static const struct option opts[] = {{"coordinator", required_argument, NULL, 'c'},
					     {"shard", required_argument, NULL, 's'},
					     {0}};
	const char *coord = NULL;
	char **specs = dx_xcalloc((size_t)argc, sizeof(*specs));
	struct dx_buf out = DX_BUF_INIT, why = DX_BUF_INIT;
	size_t n = 0;
	int c, rc = DX_EXIT_USAGE;
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		if (c == 'c')
			coord = optarg;
		else if (c == 's')
			specs[n++] = optarg;
		else
			goto out;
	}
	if (optind != argc || !coord || !n) {
		rc = dx_cli_usage("cluster");
		goto out;
	}
	rc = dx_cluster_init(coord, specs, n, &out, &why);
	if (out.len)
		fputs(out.buf, stdout);
	if (why.len)
		fprintf(stderr, "错误: %s\n", why.buf);
	rc = rc == DX_USAGE ? DX_EXIT_USAGE : dx_cli_exit(rc);
out:
	free(specs);
	dx_buf_release(&out);
	dx_buf_release(&why);
	return rc;
}

/* check [--db COORD] and report [--area 全国|省] --year Y [--as-of D]
 * [--format text|json] [--explain] [--db COORD] */
static int cluster_read(int argc, char **argv, int report)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},	  {"area", required_argument, NULL, 'a'},
		{"year", required_argument, NULL, 'y'},	  {"as-of", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, 'f'}, {"explain", no_argument, NULL, 'e'},
		{0}};
	const char *db = NULL, *area = NULL, *format = "text";
	char as_of[11] = "";
	struct dx_buf out = DX_BUF_INIT, why = DX_BUF_INIT;
	int64_t year = 0;
	int c, rc, explain = 0;
	cJSON *json = NULL;
	struct dx_date today;
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		if (c == 'd')
			db = optarg;
		else if (c == 'a' && report)
			area = optarg;
		else if (c == 'y' && report && !dx_parse_i64(optarg, &year) && year > 1900 && year < 3000)
			continue;
		else if (c == 'o' && report) {
			if (dx_cli_date(optarg, "--as-of", as_of))
				return DX_EXIT_USAGE;
		} else if (c == 'f' && report && (!strcmp(optarg, "text") || !strcmp(optarg, "json")))
			format = optarg;
		else if (c == 'e' && report)
			explain = 1;
		else
			return dx_cli_usage("cluster");
	}
	if (optind != argc || (report && !year && !explain))
		return dx_cli_usage("cluster");
	if (!report)
		rc = dx_cluster_check(dx_cli_db_path(db), &out, &why);
	else if (explain)
		rc = dx_cluster_report(dx_cli_db_path(db), area, (int)year, as_of, dx_cli_today(&today),
				       &json, NULL, &out, &why);
	else {
		int js = !strcmp(format, "json");
		rc = dx_cluster_report(dx_cli_db_path(db), area, (int)year, as_of, dx_cli_today(&today),
				       &json, js ? NULL : &out, NULL, &why);
		if (!rc && js) {
			char *s = cJSON_Print(json);
			dx_buf_addf(&out, "%s\n", s ? s : "null");
			free(s);
		}
	}
	if (out.len)
		fputs(out.buf, stdout);
	if (why.len)
		fprintf(stderr, "错误: %s\n", why.buf);
	cJSON_Delete(json);
	dx_buf_release(&out);
	dx_buf_release(&why);
	return rc == DX_USAGE ? DX_EXIT_USAGE : rc == DX_STATE ? DX_EXIT_DATA : dx_cli_exit(rc);
}

int cmd_cluster(int argc, char **argv)
{
	if (argc < 2)
		return dx_cli_usage("cluster");
	if (!strcmp(argv[1], "init"))
		return cluster_init(argc - 1, argv + 1);
	if (!strcmp(argv[1], "check"))
		return cluster_read(argc - 1, argv + 1, 0);
	if (!strcmp(argv[1], "report"))
		return cluster_read(argc - 1, argv + 1, 1);
	return dx_cli_usage("cluster");
}
