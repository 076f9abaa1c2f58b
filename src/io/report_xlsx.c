/*
 * report_xlsx.c - the work report as a workbook: one sheet per table, a
 * row per child area and a 合计 row.  Counts in the 合计 row are written
 * as the sum of the rows above (and equal it, since child areas partition
 * the area); per-capita incomes are the group figure of the whole area, not
 * a sum, and say so in their header.
 */
#include "core/dx.h"
#include "core/outfile.h"
#include "io/report.h"

#include <xlsxwriter.h>

/* A column: its header, where a leading '*' stands for the report's name
 * of the monitored group (监测对象, or 防止返贫致贫对象 from 2026). */
struct col {
	const char *head;
	long (*get)(const struct dx_figs *f);
};

#define HP(name, field)                                          \
	static long name##_hh(const struct dx_figs *f)           \
	{                                                        \
		return f->field.hh;                              \
	}                                                        \
	static long name##_p(const struct dx_figs *f)            \
	{                                                        \
		return f->field.persons;                         \
	}
HP(tuopin, tuopin)
HP(mon, monitored)
HP(c0, cat[0])
HP(c1, cat[1])
HP(c2, cat[2])
HP(elim, eliminated)
HP(act, active)
HP(refl, reflag)
HP(db, dibao)
HP(dba, dibao_class[0])
HP(dbb, dibao_class[1])
HP(dbc, dibao_class[2])
#undef HP

static long m_all(const struct dx_figs *f)
{
	return f->measures;
}
static long m_done(const struct dx_figs *f)
{
	return f->measures_done;
}
static long w_all(const struct dx_figs *f)
{
	return f->workers;
}
static long w0(const struct dx_figs *f)
{
	return f->work[0];
}
static long w1(const struct dx_figs *f)
{
	return f->work[1];
}
static long w2(const struct dx_figs *f)
{
	return f->work[2];
}
static long w3(const struct dx_figs *f)
{
	return f->work[3];
}
static long v_due(const struct dx_figs *f)
{
	return f->visit_due;
}
static long v_ok(const struct dx_figs *f)
{
	return f->visit_ok;
}

static const struct col basic_cols[] = {
	{"脱贫户（户）", tuopin_hh}, {"脱贫人口（人）", tuopin_p},  {"*（户）", mon_hh},
	{"*（人）", mon_p},   {"脱贫不稳定户（户）", c0_hh}, {"脱贫不稳定户（人）", c0_p},
	{"边缘易致贫户（户）", c1_hh}, {"边缘易致贫户（人）", c1_p}, {"突发严重困难户（户）", c2_hh},
	{"突发严重困难户（人）", c2_p}, {"已消除风险（户）", elim_hh}, {"已消除风险（人）", elim_p},
	{"未消除风险（户）", act_hh}, {"未消除风险（人）", act_p},  {"风险再标注（户）", refl_hh},
	{"风险再标注（人）", refl_p},
};
static const struct col measure_cols[] = {{"帮扶措施（个）", m_all}, {"已落实（个）", m_done}};
static const struct col dibao_cols[] = {
	{"低保（户）", db_hh},  {"低保（人）", db_p},  {"A类（户）", dba_hh}, {"A类（人）", dba_p},
	{"B类（户）", dbb_hh}, {"B类（人）", dbb_p}, {"C类（户）", dbc_hh}, {"C类（人）", dbc_p},
};
static const struct col work_cols[] = {
	{"务工就业（人）", w_all}, {"省外（人）", w0}, {"省内县外（人）", w1}, {"县内乡外（人）", w2},
	{"乡内（人）", w3},
};
static const struct col visit_cols[] = {{"应走访（户）", v_due}, {"达到频次要求（户）", v_ok}};

struct book {
	lxw_workbook *wb;
	lxw_format *head, *total;
	const struct dx_report *r;
};

static void col_name(int c, char *out)
{
	if (c < 26) {
		out[0] = (char)('A' + c);
		out[1] = '\0';
	} else {
		out[0] = (char)('A' + c / 26 - 1);
		out[1] = (char)('A' + c % 26);
		out[2] = '\0';
	}
}

/* Area rows, then a 合计 row whose counts are SUM formulas with the value
 * cached, so the file reads right even where formulas are not evaluated. */
static void sheet(struct book *bk, const char *name, const struct col *cols, size_t ncols,
		  int income)
{
	const struct dx_report *r = bk->r;
	lxw_worksheet *ws = workbook_add_worksheet(bk->wb, name);
	size_t nrows = r->nrows ? r->nrows : 1;
	/* area rows are sheet rows 2 .. nrows + 1 (row 1 is the header) */
	lxw_row_t last = (lxw_row_t)nrows + 1;
	worksheet_set_column(ws, 0, 1, 14, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)(ncols + 3), 12, NULL);
	worksheet_write_string(ws, 0, 0, "区划代码", bk->head);
	worksheet_write_string(ws, 0, 1, "名称", bk->head);
	for (size_t c = 0; c < ncols; c++) {
		char head[160];
		const char *h = cols[c].head;
		dx_snprintf(head, sizeof(head), "%s%s", *h == '*' ? r->label : "", h + (*h == '*'));
		worksheet_write_string(ws, 0, (lxw_col_t)(c + 2), head, bk->head);
	}
	if (income) {
		char head[160];
		dx_snprintf(head, sizeof(head), "%s人均纯收入（元，合计为全域）", r->label);
		worksheet_write_string(ws, 0, (lxw_col_t)(ncols + 2), "脱贫户人均纯收入（元，合计为全域）", bk->head);
		worksheet_write_string(ws, 0, (lxw_col_t)(ncols + 3), head, bk->head);
	}
	for (size_t i = 0; i <= nrows; i++) {
		int is_total = i == nrows;
		const struct dx_figs *f = is_total || !r->nrows ? &r->total : &r->rows[i].f;
		lxw_row_t row = (lxw_row_t)(i + 1);
		lxw_format *fmt = is_total ? bk->total : NULL;
		if (is_total) {
			worksheet_write_string(ws, row, 0, "", fmt);
			worksheet_write_string(ws, row, 1, "合计", fmt);
		} else {
			worksheet_write_string(ws, row, 0, r->nrows ? r->rows[i].code : r->area, NULL);
			worksheet_write_string(ws, row, 1, r->nrows ? r->rows[i].name : r->area_name, NULL);
		}
		for (size_t c = 0; c < ncols; c++) {
			lxw_col_t col = (lxw_col_t)(c + 2);
			if (is_total) {
				char a[3], formula[48];
				col_name((int)col, a);
				dx_snprintf(formula, sizeof(formula), "=SUM(%s2:%s%u)", a, a, (unsigned)last);
				worksheet_write_formula_num(ws, row, col, formula, fmt,
							    (double)cols[c].get(f));
			} else {
				worksheet_write_number(ws, row, col, (double)cols[c].get(f), NULL);
			}
		}
		if (income) {
			const struct dx_group_income *g[2] = {&f->inc_tuopin, &f->inc_monitored};
			for (int k = 0; k < 2; k++)
				if (g[k]->with_income.persons)
					worksheet_write_number(ws, row, (lxw_col_t)(ncols + 2 + (size_t)k),
							       (double)dx_group_per_capita(g[k]) / 100.0, fmt);
		}
	}
}

/* issue 19: the other ledgers' figures of the whole area, one row each
 * (those with data), with the key `report --list` takes; no sheet when
 * the store has none of them */
static void ledgers_sheet(struct book *bk)
{
	const struct dx_ledger_figs *g = &bk->r->ledgers;
	static const char *const heads[] = {"指标", "明细代码（report --list）", "数量",
					    "金额（万元）"};
	lxw_worksheet *ws;
	lxw_row_t row = 1;
	int any = 0;
	for (int i = 0; i < DX_LGF_N; i++)
		any |= g->f[i].n != 0;
	if (!any)
		return; /* a store without these ledgers: no empty sheet */
	ws = workbook_add_worksheet(bk->wb, "其他台账");
	worksheet_set_column(ws, 0, 1, 22, NULL);
	worksheet_set_column(ws, 2, 3, 14, NULL);
	for (int c = 0; c < 4; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], bk->head);
	for (int i = 0; i < DX_LGF_N; i++) {
		if (!g->f[i].n)
			continue;
		worksheet_write_string(ws, row, 0, dx_lg_figdefs[i].label, NULL);
		worksheet_write_string(ws, row, 1, dx_lg_figdefs[i].key, NULL);
		worksheet_write_number(ws, row, 2, (double)g->f[i].n, NULL);
		if (dx_lg_figdefs[i].has_amount)
			worksheet_write_number(ws, row, 3, (double)g->f[i].amount / 1000000.0, NULL);
		row++;
	}
}

/* issue 18: the 衔接资金 figures of the whole area (the paragraph's, as
 * numbers: money in 万元, rates in %) with the `report --list` key of
 * each; no sheet when the area has no project of the year */
static void funds_sheet(struct book *bk)
{
	const struct dx_funds_figs *f = &bk->r->funds;
	static const char *const heads[] = {"指标", "明细代码（report --list）", "数值"};
	int64_t up = f->alloc[0] + f->alloc[1], paid = f->paid[0] + f->paid[1];
	const struct {
		const char *label, *key;
		double v;
	} rows[] = {
		{"衔接资金项目（个）", "funds.projects", (double)f->projects},
		{"中央衔接资金（万元）", "funds.projects", (double)f->alloc[0] / 1000000.0},
		{"省级衔接资金（万元）", "funds.projects", (double)f->alloc[1] / 1000000.0},
		{"开工项目（个）", "funds.started", (double)f->started},
		{"开工率（%）", "funds.started",
		 f->projects ? (double)dx_rf_bp(f->started, f->projects) / 100.0 : 0},
		{"产业项目（个）", "funds.industry", (double)f->industry},
		{"中央衔接资金用于产业（万元）", "funds.industry",
		 (double)f->industry_alloc[0] / 1000000.0},
		{"中央资金产业占比（%）", "funds.industry",
		 f->alloc[0] ? (double)dx_rf_bp(f->industry_alloc[0], f->alloc[0]) / 100.0 : 0},
		{"已拨付中央和省级资金（万元）", "funds.paid", (double)paid / 1000000.0},
		{"支付进度（%）", "funds.paid", up ? (double)dx_rf_bp(paid, up) / 100.0 : 0},
		{"产业项目联农带农（户）", "funds.households", (double)f->hh},
		{"产业项目联农带农（人）", "funds.households", (double)f->persons},
		{"项目资产（项）", "funds.assets", (double)f->assets},
		{"项目资产金额（万元）", "funds.assets", (double)f->asset_value / 1000000.0},
	};
	lxw_worksheet *ws;
	if (!f->projects)
		return;
	ws = workbook_add_worksheet(bk->wb, "衔接资金");
	worksheet_set_column(ws, 0, 1, 26, NULL);
	worksheet_set_column(ws, 2, 2, 14, NULL);
	for (int c = 0; c < 3; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], bk->head);
	for (size_t i = 0; i < DX_ARRAY_SIZE(rows); i++) {
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, rows[i].label, NULL);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 1, rows[i].key, NULL);
		worksheet_write_number(ws, (lxw_row_t)(i + 1), 2, rows[i].v, NULL);
	}
}

int dx_report_xlsx(const struct dx_report *r, const char *path)
{
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	struct book bk = {0};
	struct dx_outfile out;
	lxw_error err;
	int rc;
	bk.r = r;
	/* written beside path and renamed in (issue 13.3) */
	if ((rc = dx_outfile_open(&out, path, DX_OUTFILE_BY_NAME)))
		return rc;
	bk.wb = workbook_new_opt(out.name, &opt);
	if (!bk.wb) {
		dx_outfile_abort(&out);
		return dx_error(DX_IO, "cannot create workbook '%s'", path);
	}
	bk.head = workbook_add_format(bk.wb);
	format_set_bold(bk.head);
	format_set_text_wrap(bk.head);
	format_set_align(bk.head, LXW_ALIGN_CENTER);
	bk.total = workbook_add_format(bk.wb);
	format_set_bold(bk.total);
	sheet(&bk, "基本情况", basic_cols, DX_ARRAY_SIZE(basic_cols), 1);
	sheet(&bk, "帮扶措施", measure_cols, DX_ARRAY_SIZE(measure_cols), 0);
	if (r->members_known) {
		sheet(&bk, "低保", dibao_cols, DX_ARRAY_SIZE(dibao_cols), 0);
		sheet(&bk, "就业", work_cols, DX_ARRAY_SIZE(work_cols), 0);
	} else {
		/* the sheets stay, saying why they hold no figures */
		struct dx_buf note = DX_BUF_INIT;
		const char *names[] = {"低保", "就业"};
		dx_report_members_note(r, &note);
		for (int k = 0; k < 2; k++) {
			lxw_worksheet *ws = workbook_add_worksheet(bk.wb, names[k]);
			worksheet_set_column(ws, 0, 0, 100, NULL);
			worksheet_write_string(ws, 0, 0, note.buf ? note.buf : "", NULL);
		}
		dx_buf_release(&note);
	}
	sheet(&bk, "走访", visit_cols, DX_ARRAY_SIZE(visit_cols), 0);
	funds_sheet(&bk);
	ledgers_sheet(&bk);
	err = workbook_close(bk.wb);
	if (err != LXW_NO_ERROR) {
		dx_outfile_abort(&out);
		return dx_error(DX_IO, "cannot write workbook '%s': %s", path, lxw_strerror(err));
	}
	return dx_outfile_commit(&out);
}
