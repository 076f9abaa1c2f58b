/*
 * cmd_screen.c - `dixian screen`: the households a village should verify,
 * as csv, json or a text table, and `--what-if KEY=VALUE` comparisons
 * (issue 4).  Formatting only; the screening is dx_app_screen().
 */
#include "core/dx.h"
#include "app/account.h"
#include "app/screen.h"
#include "cli/cli.h"
#include "io/csv_write.h"
#include "core/area.h"
#include "core/date.h"

#include <getopt.h>

enum fmt { FMT_TEXT, FMT_CSV, FMT_JSON, FMT_XLSX };

struct out {
	enum fmt fmt;
	int whatif, all;
	long n;
	struct dx_buf line;
	FILE *f;         /* stdout, or --out for text, csv and json */
	struct dx_tw *w; /* xlsx */
	size_t off[16];  /* xlsx: the row's cells in line, each ending in NUL */
	int nf;
};

static void csv_field(struct dx_buf *b, const char *s, int last)
{
	dx_csv_field(b, s);
	dx_buf_addch(b, last ? '\n' : ',');
}

static void json_field(struct dx_buf *b, const char *name, const char *s, int last)
{
	dx_buf_addf(b, "\"%s\":\"", name);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			dx_buf_addf(b, "\\%c", c);
		else if (c < 0x20)
			dx_buf_addf(b, "\\u%04x", c);
		else
			dx_buf_addch(b, c);
	}
	dx_buf_adds(b, last ? "\"}" : "\",");
}

static void field(struct out *o, const char *name, const char *s, int last)
{
	if (o->fmt == FMT_XLSX) {
		o->off[o->nf++] = o->line.len;
		dx_buf_adds(&o->line, s);
		dx_buf_addch(&o->line, '\0');
		if (last) {
			for (int i = 0; i < o->nf; i++)
				dx_tw_cell(o->w, o->line.buf + o->off[i], DX_TW_PLAIN);
			dx_tw_endrow(o->w);
			o->nf = 0;
		}
	} else if (o->fmt == FMT_JSON)
		json_field(&o->line, name, s, last);
	else if (o->fmt == FMT_CSV)
		csv_field(&o->line, s, last);
	else {
		dx_buf_adds(&o->line, s);
		dx_buf_addch(&o->line, last ? '\n' : '\t');
	}
}

static const char *const cols_plain[] = {"户编号", "村", "户主", "户类型", "人均纯收入",
					 "人均收入参考值", "建议类别", "风险类型", "依据", "提示"};
static const char *const cols_whatif[] = {"户编号", "村", "户主", "户类型", "人均纯收入",
					  "现建议类别", "假设建议类别", "变化", "依据", "提示"};

static void header(struct out *o)
{
	const char *const *c = o->whatif ? cols_whatif : cols_plain;
	size_t i, n = DX_ARRAY_SIZE(cols_plain);
	if (o->fmt == FMT_JSON)
		return;
	if (o->fmt == FMT_XLSX) {
		for (i = 0; i < n; i++)
			dx_tw_cell(o->w, c[i], DX_TW_HEADER);
		dx_tw_endrow(o->w);
		return;
	}
	for (i = 0; i < n; i++) {
		if (o->fmt == FMT_CSV)
			csv_field(&o->line, c[i], i + 1 == n);
		else {
			dx_buf_adds(&o->line, c[i]);
			dx_buf_addch(&o->line, i + 1 == n ? '\n' : '\t');
		}
	}
	fputs(o->line.buf, o->f);
	dx_buf_reset(&o->line);
}

static int row(const struct dx_screen_row *r, void *arg)
{
	struct out *o = arg;
	const struct dx_screen_result *s = r->alt ? r->alt : r->res;
	const char *const *c = o->whatif ? cols_whatif : cols_plain;
	char pc[32] = "", tpc[32] = "";
	struct dx_buf tmp = DX_BUF_INIT;
	unsigned fl = s->flags;

	if (!o->all)
		fl &= ~(unsigned)DX_FLAG_MONITORED;
	if (r->res->has_income) {
		dx_policy_fmt_fen(pc, sizeof(pc), r->res->income.net_pc);
		dx_policy_fmt_fen(tpc, sizeof(tpc), r->res->income.tested_pc);
	}
	dx_buf_reset(&o->line);
	if (o->fmt == FMT_JSON)
		dx_buf_adds(&o->line, o->n ? ",\n{" : "{");
	field(o, c[0], r->hh_no, 0);
	field(o, c[1], r->village, 0);
	field(o, c[2], r->head, 0);
	field(o, c[3], r->kind, 0);
	field(o, c[4], pc, 0);
	if (o->whatif) {
		field(o, c[5], dx_category_name(r->res->category), 0);
		field(o, c[6], dx_category_name(r->alt->category), 0);
		field(o, c[7], dx_whatif_change_name(r->change), 0);
	} else {
		field(o, c[5], tpc, 0);
		field(o, c[6], dx_category_name(r->res->category), 0);
		dx_screen_add_risks(&tmp, r->res, "、");
		field(o, c[7], tmp.buf, 0);
	}
	field(o, c[8], s->reasons, 0);
	dx_buf_reset(&tmp);
	dx_screen_add_flags(&tmp, fl, "、");
	field(o, c[9], tmp.buf, 1);
	dx_buf_release(&tmp);
	o->n++;
	if (o->line.err)
		return o->line.err;
	if (o->fmt == FMT_XLSX)
		return DX_OK;
	return fputs(o->line.buf, o->f) < 0 ? DX_IO : DX_OK;
}

static void summary(FILE *f, const struct dx_screen_opts *so, const struct dx_screen_summary *s,
		    int whatif)
{
	fprintf(f, "# 筛查 %s %d年：共 %ld 户，筛查 %ld 户", so->area, so->year, s->households,
		s->screened);
	if (s->skipped)
		fprintf(f, "（已是监测对象未消除风险的 %ld 户未列入，加 --all 可列入）", s->skipped);
	fprintf(f, "；建议脱贫不稳定户 %ld 户，边缘易致贫户 %ld 户，突发严重困难户 %ld 户，"
		   "仅有提示 %ld 户\n",
		s->cat[DX_CAT_UNSTABLE], s->cat[DX_CAT_EDGE], s->cat[DX_CAT_SUDDEN], s->flagged);
	if (whatif)
		fprintf(f, "# 假设情形：脱贫不稳定户 %ld 户，边缘易致贫户 %ld 户，突发严重困难户 %ld "
			   "户；新纳入 %ld 户，移出 %ld 户，类别变化 %ld 户\n",
			s->alt_cat[DX_CAT_UNSTABLE], s->alt_cat[DX_CAT_EDGE],
			s->alt_cat[DX_CAT_SUDDEN], s->whatif_in, s->whatif_out, s->whatif_changed);
}

int cmd_screen(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"area", required_argument, NULL, 'a'},
		{"year", required_argument, NULL, 'y'},
		{"format", required_argument, NULL, 'f'},
		{"what-if", required_argument, NULL, 'w'},
		{"all", no_argument, NULL, 'A'},
		{"as-of", required_argument, NULL, 'o'},
		{"as", required_argument, NULL, 's'},
		{"out", required_argument, NULL, 'O'},
		{0}};
	const char *outp = NULL;
	int have_fmt = 0;
	struct dx_screen_opts so;
	struct dx_actor actor;
	struct dx_buf awhy = DX_BUF_INIT;
	const char *as = NULL;
	struct dx_screen_summary sum;
	struct out o;
	struct dx_store *st = NULL;
	const char *db = NULL, *area = NULL, *why = NULL, *bad = NULL;
	char canon[13], as_of[11] = "";
	int64_t year = 0;
	int c, rc;

	memset(&so, 0, sizeof(so));
	memset(&o, 0, sizeof(o));
	dx_buf_init(&o.line, 0);
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'a':
			area = optarg;
			break;
		case 'y':
			if (dx_parse_i64(optarg, &year) || year < 2000 || year > 2100) {
				fprintf(stderr, "错误: --year 应为四位年份\n");
				return DX_EXIT_USAGE;
			}
			break;
		case 'f':
			if (!strcmp(optarg, "csv"))
				o.fmt = FMT_CSV;
			else if (!strcmp(optarg, "json"))
				o.fmt = FMT_JSON;
			else if (!strcmp(optarg, "text"))
				o.fmt = FMT_TEXT;
			else if (!strcmp(optarg, "xlsx"))
				o.fmt = FMT_XLSX;
			else {
				fprintf(stderr, "错误: --format 应为 csv、json、text 或 xlsx\n");
				return DX_EXIT_USAGE;
			}
			have_fmt = 1;
			break;
		case 'O':
			outp = optarg;
			break;
		case 'w':
			if (so.nwhatif >= DX_WHATIF_MAX) {
				fprintf(stderr, "错误: --what-if 最多 %d 项\n", DX_WHATIF_MAX);
				return DX_EXIT_USAGE;
			}
			so.whatif[so.nwhatif++] = optarg;
			break;
		case 'A':
			so.all = 1;
			break;
		case 'o':
			if (dx_cli_date(optarg, "--as-of", as_of))
				return DX_EXIT_USAGE;
			break;
		case 's':
			as = optarg;
			break;
		default:
			return dx_cli_usage("screen");
		}
	}
	if (optind != argc || (!area && !as) || !year)
		return dx_cli_usage("screen");
	if (area && dx_area_canon(area, canon) < DX_AREA_COUNTY) {
		fprintf(stderr, "错误: 区划代码 \"%s\" 无效（应为6位县、9位乡镇或12位村代码）\n", area);
		return DX_EXIT_USAGE;
	}
	/* the format is --format's, else the --out file's suffix */
	if (!have_fmt && outp) {
		size_t l = strlen(outp);
		if (l > 5 && !strcmp(outp + l - 5, ".xlsx"))
			o.fmt = FMT_XLSX;
		else if (l > 4 && !strcmp(outp + l - 4, ".csv"))
			o.fmt = FMT_CSV;
		else if (l > 5 && !strcmp(outp + l - 5, ".json"))
			o.fmt = FMT_JSON;
	}
	if (o.fmt == FMT_XLSX && !outp) {
		fprintf(stderr, "错误: xlsx 格式须用 --out 指定文件（如 --out 筛查.xlsx）\n");
		return DX_EXIT_USAGE;
	}
	so.area = canon;
	so.year = (int)year;
	so.as_of = as_of;
	o.whatif = so.nwhatif > 0;
	o.all = so.all;
	if (dx_cli_open(db, DX_STORE_READONLY, &st))
		return DX_EXIT_FAIL;
	/* an account reads its own area only (app/account.h) */
	if ((rc = dx_actor_for(st, as, &actor, &awhy)) ||
	    (rc = dx_actor_area(&actor, area, canon, &awhy))) {
		fprintf(stderr, "错误: %s\n", awhy.buf);
		dx_buf_release(&awhy);
		dx_store_close(st);
		return dx_cli_exit(rc);
	}
	o.f = stdout;
	if (o.fmt == FMT_XLSX ? dx_tw_open(&o.w, outp, DX_TW_XLSX, "筛查")
			      : outp && !(o.f = fopen(outp, "w"))) {
		fprintf(stderr, "错误: 无法写入 %s\n", outp);
		dx_store_close(st);
		return DX_EXIT_FAIL;
	}
	if (o.fmt == FMT_JSON)
		fprintf(o.f, "{\"area\":\"%s\",\"year\":%d,\"households\":[\n", canon, so.year);
	else
		header(&o);
	rc = dx_app_screen(st, &so, row, &o, &sum, &why, &bad);
	if (rc == DX_INVALID || rc == DX_NOT_FOUND) {
		fprintf(stderr, "错误: --what-if %s 无效：%s\n", bad ? bad : "",
			why ? why : "请检查参数");
		rc = DX_USAGE;
	} else if (rc) {
		fprintf(stderr, "错误: 筛查失败（%s）\n", dx_cli_strerror(rc));
	} else if (o.fmt == FMT_JSON) {
		fprintf(o.f, "\n],\"summary\":{\"households\":%ld,\"skipped_monitored\":%ld,"
		       "\"screened\":%ld,\"listed\":%ld,\"脱贫不稳定户\":%ld,\"边缘易致贫户\":%ld,"
		       "\"突发严重困难户\":%ld,\"flagged_only\":%ld,\"whatif_in\":%ld,"
		       "\"whatif_out\":%ld,\"whatif_changed\":%ld}}\n",
		       sum.households, sum.skipped, sum.screened, sum.listed,
		       sum.cat[DX_CAT_UNSTABLE], sum.cat[DX_CAT_EDGE], sum.cat[DX_CAT_SUDDEN],
		       sum.flagged, sum.whatif_in, sum.whatif_out, sum.whatif_changed);
	} else {
		summary(o.fmt == FMT_TEXT && !outp ? stdout : stderr, &so, &sum, o.whatif);
	}
	if (o.w && dx_tw_close(o.w) && !rc) {
		fprintf(stderr, "错误: 无法写入 %s\n", outp);
		rc = DX_IO;
	}
	if (outp && o.f && o.f != stdout && fclose(o.f) && !rc) {
		fprintf(stderr, "错误: 无法写入 %s\n", outp);
		rc = DX_IO;
	}
	if (!rc && outp)
		fprintf(stderr, "已写入 %s（%ld户）\n", outp, o.n);
	dx_buf_release(&o.line);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
