/*
 * cmd_demo.c - `dixian demo`: fill a store with the synthetic demo county,
 * or with a province of them (--counties N: --county's code and the valid
 * codes after it, --households each).
 */
#include "core/dx.h"
#include "app/demo.h"
#include "cli/cli.h"
#include "core/date.h"

#include <getopt.h>
#include <unistd.h>

/* The generator's progress on a terminal's stderr, redrawn in place. */
static void progress(void *arg, long done, long total)
{
	(void)arg;
	fprintf(stderr, "\r生成示例县: %3ld%% (%ld/%ld 户)", done * 100 / (total ? total : 1),
		done, total);
	if (done == total)
		fputc('\n', stderr);
}

/* A province's progress: one line per county done. */
static void county_done(void *arg, const char *code, long k, long n)
{
	(void)arg;
	fprintf(stderr, "示例县 %s 已生成（%ld/%ld）\n", code, k, n);
}

int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"households", required_argument, NULL, 'n'},
		{"seed", required_argument, NULL, 's'},
		{"today", required_argument, NULL, 't'},
		{"county", required_argument, NULL, 'c'},
		{"counties", required_argument, NULL, 'k'},
		{"quiet", no_argument, NULL, 'q'},
		{0}};
	struct dx_demo_opts o = {.households = 3000, .seed = 20211};
	struct dx_demo_stats s;
	struct dx_store *st = NULL;
	const char *db = NULL;
	int64_t v;
	int c, rc;
	struct dx_date today;
	char name[32];
	dx_cli_today(&today);
	dx_date_format(&today, o.today);
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'n':
			if (dx_parse_i64(optarg, &v) || v < 1 || v > 10000000) {
				fprintf(stderr, "错误: --households 应为 1 到 10000000 之间的整数\n");
				return DX_EXIT_USAGE;
			}
			o.households = (long)v;
			break;
		case 's':
			if (dx_parse_i64(optarg, &v) || v < 0)
				return dx_cli_usage("demo");
			o.seed = (uint64_t)v;
			break;
		case 't':
			if (dx_date_parse(optarg, strlen(optarg), &today) ||
			    today.y < 2022 || today.y > 2100) {
				fprintf(stderr, "错误: --today 应为 2022 年以后的日期 YYYY-MM-DD\n");
				return DX_EXIT_USAGE;
			}
			dx_date_format(&today, o.today);
			/* the demo's today is the program's today: its events
			 * lie up to it, not after (core/date.h) */
			dx_date_set_today(&today);
			break;
		case 'c':
			dx_strlcpy(o.county, optarg, sizeof(o.county));
			if (strlen(optarg) >= sizeof(o.county))
				o.county[0] = 'x'; /* too long: refused below */
			break;
		case 'k':
			if (dx_parse_i64(optarg, &v) || v < 1 || v > DX_DEMO_COUNTIES_MAX) {
				fprintf(stderr, "错误: --counties 应为 1 到 %d 之间的整数\n",
					DX_DEMO_COUNTIES_MAX);
				return DX_EXIT_USAGE;
			}
			o.counties = (long)v;
			break;
		case 'q':
			o.quiet = 1;
			break;
		default:
			return dx_cli_usage("demo");
		}
	}
	if (optind != argc)
		return dx_cli_usage("demo");
	if (dx_cli_open(db, DX_STORE_CREATE, &st))
		return DX_EXIT_FAIL;
	if (isatty(2)) {
		o.progress = progress;
		o.county_done = county_done;
	}
	rc = dx_demo_generate(st, &o, &s);
	dx_store_close(st);
	if (rc == DX_EXISTS) {
		fprintf(stderr, "错误: 数据库 %s 已有数据：示例县只生成到空数据库，以免与真实台账"
				"混在一起（请用 --db 指定一个新文件）\n",
			dx_cli_db_path(db));
		return dx_cli_exit(rc);
	}
	if (rc == DX_INVALID && o.counties > 1 && s.households == 0) {
		fprintf(stderr, "错误: --county 应为6位县级区划代码（如 532399），且其后有 %ld 个"
				"有效县级代码\n", o.counties);
		return DX_EXIT_USAGE;
	}
	if (rc == DX_INVALID) {
		fprintf(stderr, "错误: --county 应为6位县级区划代码（如 532399）\n");
		return DX_EXIT_USAGE;
	}
	if (rc && s.households) {
		fprintf(stderr, "错误: 生成示例县失败（%s）；此前的 %ld 户已保存\n",
			dx_cli_strerror(rc), s.households);
		return dx_cli_exit(rc);
	}
	if (rc) {
		fprintf(stderr, "错误: 生成示例县失败（%s），数据库未改变\n", dx_cli_strerror(rc));
		return dx_cli_exit(rc);
	}
	if (o.counties > 1) {
		printf("已生成示例县 %ld 个（从 %s 起）：%ld户%ld人，监测记录%ld条，帮扶措施%ld条，"
		       "走访%ld次，部门预警%ld条\n",
		       o.counties, o.county[0] ? o.county : DX_DEMO_COUNTY, s.households, s.persons,
		       s.episodes, s.measures, s.visits, s.warnings);
		return DX_EXIT_OK;
	}
	dx_demo_county_name(o.county[0] ? o.county : DX_DEMO_COUNTY, name, sizeof(name));
	printf("已生成示例县 %s（%s）：%ld户%ld人，监测记录%ld条，帮扶措施%ld条，走访%ld次，"
	       "部门预警%ld条\n",
	       name, o.county[0] ? o.county : DX_DEMO_COUNTY, s.households, s.persons, s.episodes, s.measures,
	       s.visits, s.warnings);
	return DX_EXIT_OK;
}
