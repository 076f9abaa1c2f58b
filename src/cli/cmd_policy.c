/*
 * cmd_policy.c - `dixian policy show|set`: the policy parameters in force
 * for an area and a year, where each value comes from, and setting one
 * (domain.md §10; issue 4).
 */
#include "core/dx.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "core/area.h"
#include "core/date.h"

#include <getopt.h>

struct popts {
	const char *db, *area, *from, *as;
	int64_t year;
	int has_year;
	char canon[13], from_iso[11];
};

static int parse(int argc, char **argv, struct popts *o)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"area", required_argument, NULL, 'a'},
		{"year", required_argument, NULL, 'y'},
		{"from", required_argument, NULL, 'f'},
		{"date", required_argument, NULL, 'f'},
		{"as", required_argument, NULL, 's'},
		{0}};
	struct dx_date d;
	int c;
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case 'a':
			o->area = optarg;
			break;
		case 'y':
			if (dx_parse_i64(optarg, &o->year) ||
			    (o->year != 0 && (o->year < 2000 || o->year > 2100))) {
				fprintf(stderr, "错误: --year 应为四位年份（0 表示各年度通用）\n");
				return DX_EXIT_USAGE;
			}
			o->has_year = 1;
			break;
		case 'f':
			if (dx_date_parse(optarg, strlen(optarg), &d)) {
				fprintf(stderr, "错误: 日期 \"%s\" 无效（应为 YYYY-MM-DD）\n",
					optarg);
				return DX_EXIT_USAGE;
			}
			dx_date_format(&d, o->from_iso);
			o->from = o->from_iso;
			break;
		case 's':
			o->as = optarg;
			break;
		default:
			return dx_cli_usage("policy");
		}
	}
	if (o->area && *o->area && dx_area_canon(o->area, o->canon) == DX_AREA_INVALID) {
		fprintf(stderr, "错误: 区划代码 \"%s\" 无效（应为2、4、6、9或12位区划代码）\n",
			o->area);
		return DX_EXIT_USAGE;
	}
	return DX_EXIT_OK;
}

static void source_text(const struct dx_policy_setting *s, const char *by,
			struct dx_buf *b)
{
	if (!s) {
		dx_buf_adds(b, "默认值");
		return;
	}
	dx_buf_adds(b, *s->area_prefix ? s->area_prefix : "全国");
	if (s->year)
		dx_buf_addf(b, " %d年", s->year);
	else
		dx_buf_adds(b, " 各年度");
	if (*s->effective_from)
		dx_buf_addf(b, " 自%s起", s->effective_from);
	if (by && *by)
		dx_buf_addf(b, "（%s 设置）", by);
}

static int show(struct popts *o)
{
	struct dx_policy_rows rows = DX_POLICY_ROWS_INIT;
	const struct dx_policy_setting **src = NULL;
	struct dx_store *st = NULL;
	struct dx_policy p;
	struct dx_buf line = DX_BUF_INIT;
	const char *why = NULL;
	struct dx_date today;
	int year, rc;
	size_t i;

	dx_date_today(&today);
	year = o->has_year ? (int)o->year : today.y;
	if (dx_cli_open(o->db, DX_STORE_READONLY, &st))
		return DX_EXIT_FAIL;
	src = dx_xcalloc(dx_policy_key_count(), sizeof(*src));
	rc = dx_policy_rows_load(st, o->canon, year, 0, &rows);
	if (!rc)
		rc = dx_policy_rows_resolve(&rows, o->canon, year, o->from, &p, src, &why);
	if (rc) {
		fprintf(stderr, "错误: 已保存的参数无法读取%s%s\n", why ? "：" : "", why ? why : "");
		goto out;
	}
	printf("# 政策参数：区划 %s，%d年%s%s\n", *o->canon ? o->canon : "全国", year,
	       o->from ? "，日期 " : "", o->from ? o->from : "");
	printf("参数\t值\t来源\t说明\n");
	for (i = 0; i < dx_policy_key_count(); i++) {
		const struct dx_policy_key *k = dx_policy_key_at(i);
		dx_buf_reset(&line);
		dx_buf_addf(&line, "%s\t", k->name);
		dx_policy_get(&p, k->name, &line);
		dx_buf_addch(&line, '\t');
		source_text(src[i], dx_policy_rows_by(&rows, src[i]), &line);
		dx_buf_addf(&line, "\t%s：%s", dx_policy_key_zh(k), k->desc);
		puts(line.buf);
	}
	{
		char l[32];
		dx_policy_fmt_fen(l, sizeof(l), dx_policy_line(&p));
		printf("# 实际监测线：%s 元/人·年\n", l);
	}
out:
	free(src);
	dx_policy_rows_release(&rows);
	dx_buf_release(&line);
	dx_store_close(st);
	return dx_cli_exit(rc);
}

static int set(struct popts *o, const char *key, const char *value)
{
	struct dx_store *st = NULL;
	char canon[DX_POLICY_VALUE_MAX];
	const char *why = NULL;
	int rc;
	if (!o->area || !*o->canon || !o->has_year) {
		fprintf(stderr, "错误: policy set 需要 --area 区划代码 和 --year 年份\n");
		return dx_cli_usage("policy");
	}
	if (o->from && o->year && (int)strtol(o->from, NULL, 10) != o->year) {
		fprintf(stderr, "错误: --from %s 不在 %d 年内（跨年度的参数请用 --year 0）\n",
			o->from, (int)o->year);
		return DX_EXIT_USAGE;
	}
	if (dx_cli_open(o->db, 0, &st))
		return DX_EXIT_FAIL;
	if ((rc = dx_app_policy_may_set(st, o->as, o->canon, &why))) {
		if (o->as)
			fprintf(stderr, "错误: 账号 %s 不能设置区划 %s 的参数：%s\n", o->as,
				o->canon, why ? why : dx_cli_strerror(rc));
		else
			fprintf(stderr, "错误: %s\n", why);
		dx_store_close(st);
		return DX_EXIT_FAIL;
	}
	rc = dx_app_policy_set(st, o->canon, (int)o->year, o->from, key, value,
			       o->as, canon, &why);
	if (rc == DX_NOT_FOUND || rc == DX_INVALID) {
		fprintf(stderr, "错误: 参数 %s 的值 \"%s\" 无效：%s\n", key, value,
			why ? why : "请检查");
		rc = DX_INVALID;
	} else if (rc) {
		fprintf(stderr, "错误: 保存参数失败\n");
	} else {
		char y[16] = "各年度";
		if (o->year)
			dx_snprintf(y, sizeof(y), "%d年", (int)o->year);
		printf("已设置 %s = %s（区划 %s，%s%s%s）\n", key, canon, o->canon, y,
		       o->from ? "，自" : "", o->from ? o->from : "");
	}
	dx_store_close(st);
	return dx_cli_exit(rc);
}

int cmd_policy(int argc, char **argv)
{
	struct popts o;
	const char *sub;
	int rc;
	memset(&o, 0, sizeof(o));
	if (argc < 2)
		return dx_cli_usage("policy");
	sub = argv[1];
	if (!strcmp(sub, "show")) {
		if ((rc = parse(argc - 1, argv + 1, &o)))
			return rc;
		if (optind != argc - 1)
			return dx_cli_usage("policy");
		return show(&o);
	}
	if (!strcmp(sub, "set")) {
		if ((rc = parse(argc - 1, argv + 1, &o)))
			return rc;
		/* KEY VALUE are the operands left after the options */
		if (optind + 2 != argc - 1)
			return dx_cli_usage("policy");
		return set(&o, argv[1 + optind], argv[2 + optind]);
	}
	return dx_cli_usage("policy");
}
