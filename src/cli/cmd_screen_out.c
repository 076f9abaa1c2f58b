/*
 * cmd_screen_out.c - the rows of `dixian screen` in the format asked for:
 * tab-separated text, CSV, JSON (objects built with cJSON) or xlsx.
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "cli/list.h"
#include "cli/cmd_screen.h"
#include "io/csv_write.h"

static void csv_field(struct dx_buf *b, const char *s, int last)
{
	dx_csv_field(b, s);
	dx_buf_addch(b, last ? '\n' : ',');
}

/* A JSON row is one object built with cJSON (o->row), printed at its last
 * field. */
static void json_field(struct out *o, const char *name, const char *s, int last)
{
	char *t;
	if (!o->row)
		o->row = cJSON_CreateObject();
	cJSON_AddStringToObject(o->row, name, s);
	if (!last)
		return;
	if ((t = cJSON_PrintUnformatted(o->row))) {
		dx_buf_adds(&o->line, t);
		cJSON_free(t);
	} else {
		o->line.err = DX_NOMEM;
	}
	cJSON_Delete(o->row);
	o->row = NULL;
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
		json_field(o, name, s, last);
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

void dx_cli_screen_header(struct out *o)
{
	const char *const *c = o->whatif ? cols_whatif : cols_plain;
	size_t i, n = DX_ARRAY_SIZE(cols_plain);
	if (o->fmt == FMT_JSON)
		return;
	if (o->fmt == FMT_XLSX) {
		dx_tw_row(o->w, c, n, DX_TW_HEADER);
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

int dx_cli_screen_row(const struct dx_screen_row *r, void *arg)
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
	if (o->fmt == FMT_JSON && o->n)
		dx_buf_adds(&o->line, ",\n");
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
