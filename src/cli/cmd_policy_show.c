/*
 * cmd_policy_show.c - `dixian policy show`: every policy parameter in
 * force for an area, year and date, with where its value comes from.
 */
#include "core/dx.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/cmd_policy.h"
#include "core/date.h"

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

int dx_cli_policy_show(const struct dx_cli_popts *o)
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

