/*
 * cmd_policy_show.c - `dixian policy show`: every policy parameter in
 * force for an area, year and date, with where its value comes from.
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/policy.h"
#include "cli/cli.h"
#include "cli/cmd_policy.h"

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
	/* a read of the local owner's: --as names only who sets */
	struct dx_cli_common co = {.db = o->db};
	struct dx_policy_shown sh;
	struct dx_buf line = DX_BUF_INIT;
	struct dx_ctx cx;
	int rc;
	size_t i;

	if (dx_cli_ctx(&co, DX_STORE_READONLY, &cx) && !cx.st)
		return DX_EXIT_FAIL;
	if ((rc = dx_app_policy_show(&cx, o->canon, o->has_year ? (int)o->year : 0, o->from, &sh))) {
		fprintf(stderr, "错误: %s\n", cx.err.msg[0] ? cx.err.msg : dx_cli_strerror(rc));
		goto out;
	}
	printf("# 政策参数：区划 %s，%d年%s%s\n", *o->canon ? o->canon : "全国", sh.year,
	       o->from ? "，日期 " : "", o->from ? o->from : "");
	printf("参数\t值\t来源\t说明\n");
	for (i = 0; i < dx_policy_key_count(); i++) {
		const struct dx_policy_key *k = dx_policy_key_at(i);
		dx_buf_reset(&line);
		dx_buf_addf(&line, "%s\t", k->name);
		dx_policy_get(&sh.p, k->name, &line);
		dx_buf_addch(&line, '\t');
		source_text(sh.src[i], dx_policy_rows_by(&sh.rows, sh.src[i]), &line);
		dx_buf_addf(&line, "\t%s：%s", dx_policy_key_zh(k), k->desc);
		puts(line.buf);
	}
	{
		char l[32];
		dx_policy_fmt_fen(l, sizeof(l), dx_policy_line(&sh.p));
		printf("# 实际监测线：%s 元/人·年\n", l);
	}
out:
	dx_app_policy_shown_release(&sh);
	dx_buf_release(&line);
	dx_store_close(cx.st);
	return dx_cli_exit(rc);
}
