/*
 * cmd_household.c - `dixian household show|find`: the household record
 * (户档案) and the search a cadre starts from.  The record is built by
 * app/household_record.c and printed by app/household_out.c.
 */
#include "core/dx.h"
#include "app/household_out.h"
#include "app/household_record.h"
#include "cli/cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>

static int print_brief(const struct dx_hh_brief *b, void *arg)
{
	char state[96];
	long *n = arg;
	if (!(*n)++)
		puts("户编号,户主,乡镇,村,现有人口,监测状态");
	dx_hh_brief_state(b, state, sizeof(state));
	printf("%s,%s,%s,%s,%d,%s\n", b->hh_no, b->head, b->township, b->village, b->members,
	       state);
	return 0;
}

int cmd_household(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB, DX_CLI_OPT_AS, DX_CLI_OPT_AREA, {"format", required_argument, NULL, 'f'},
		{"unmasked", no_argument, NULL, 'u'}, {0}};
	struct dx_cli_common co = {0};
	const char *area, *format = "text", *sub, *key;
	struct dx_store *st = NULL;
	struct dx_actor actor, *a = NULL;
	struct dx_buf why = DX_BUF_INIT, out = DX_BUF_INIT;
	int c, rc, unmasked = 0;
	if (argc < 2)
		return dx_cli_usage("household");
	sub = argv[1];
	argc--;
	argv++;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'f': format = optarg; break;
		case 'u': unmasked = 1; break;
		default: return dx_cli_usage("household");
		}
	}
	area = co.area ? co.area : "";
	if (optind + 1 != argc || (strcmp(sub, "show") && strcmp(sub, "find")) ||
	    (unmasked && strcmp(sub, "show")))
		return dx_cli_usage("household");
	if (strcmp(format, "text") && strcmp(format, "json")) {
		fprintf(stderr, "错误: --format 应为 text 或 json\n");
		return DX_EXIT_USAGE;
	}
	key = argv[optind];
	/* an unmasked record writes its audit row */
	if (dx_cli_open(co.db, unmasked ? 0 : DX_STORE_READONLY, &st))
		return DX_EXIT_FAIL;
	/* without --as: the store's local owner (every area, numbers masked) */
	if (co.as && (rc = dx_actor_load(st, co.as, &actor, &why)))
		goto out;
	if (co.as)
		a = &actor;
	if (!strcmp(sub, "find")) {
		long n = 0;
		rc = dx_household_find(st, a, key, area, print_brief, &n, &why);
		if (!rc && !n) {
			dx_buf_addf(&why, "没有找到与 \"%s\" 相符的农户", key);
			rc = DX_NOT_FOUND;
		}
	} else {
		struct dx_household_record r;
		struct dx_date today;
		if (!(rc = dx_household_record(st, a, dx_cli_today(&today), key, area, unmasked, &r,
					      &why))) {
			int json = !strcmp(format, "json");
			char *s = NULL;
			if (r.nchoices) {
				if (json)
					s = dx_household_choices_json(&r);
				else
					dx_household_choices_text(&r, &out);
				rc = DX_USAGE; /* choose one: exit 2 */
			} else if (json) {
				s = dx_household_record_json(&r);
			} else {
				dx_household_record_text(&r, &out);
			}
			fputs(s ? s : out.buf, stdout);
			if (s)
				putchar('\n');
			cJSON_free(s);
			dx_household_record_release(&r);
		}
	}
out:
	if (rc && why.len)
		fprintf(stderr, "错误: %s\n", why.buf);
	else if (rc && rc != DX_USAGE)
		fprintf(stderr, "错误: %s\n", dx_strerror(rc));
	dx_buf_release(&why);
	dx_buf_release(&out);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
