/*
 * report_text.c - the work report as text, in the style of the reports it
 * replaces ("2023年昙华乡脱贫人口为663户2597人，监测对象为118户298人，
 * 其中：…").  Also the group-income arithmetic every rendering shares.
 */
#include "core/dx.h"
#include "io/report.h"

/* a / b rounded half away from zero; b > 0 */
static int64_t div_round(int64_t a, int64_t b)
{
	return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

int64_t dx_group_per_capita(const struct dx_group_income *g)
{
	return g->with_income.persons ? div_round(g->net, g->with_income.persons) : 0;
}

int dx_group_growth_bp(const struct dx_group_income *g, int64_t *bp)
{
	if (!g->both.persons || g->both_prev_net <= 0)
		return DX_NOT_FOUND;
	/* per capita over the same members both years, so members cancel */
	*bp = div_round((g->both_net - g->both_prev_net) * 10000, g->both_prev_net);
	return DX_OK;
}

/* Two decimals of a ratio num/den (den > 0), e.g. 户均 7.13. */
static void add_ratio2(struct dx_buf *b, int64_t num, int64_t den)
{
	int64_t v = div_round(num * 100, den);
	dx_buf_addf(b, "%lld.%02lld", (long long)(v / 100), (long long)(v % 100));
}

static void add_bp(struct dx_buf *b, int64_t bp)
{
	int64_t a = bp < 0 ? -bp : bp;
	dx_buf_addf(b, "%lld.%02lld%%", (long long)(a / 100), (long long)(a % 100));
}

static void add_income(struct dx_buf *b, const char *who, const struct dx_group_income *g)
{
	int64_t bp;
	dx_buf_addf(b, "%s人均纯收入", who);
	dx_buf_add_fen(b, dx_group_per_capita(g));
	dx_buf_adds(b, "元");
	if (dx_group_growth_bp(g, &bp) == DX_OK) {
		dx_buf_adds(b, bp >= 0 ? "，同比增长" : "，同比下降");
		add_bp(b, bp);
	}
}

static void basic(const struct dx_report *r, const struct dx_figs *f, struct dx_buf *out)
{
	int any = 0;
	dx_buf_addf(out, "%d年%s", r->year, r->area_name);
	if (f->tuopin.hh) {
		dx_buf_addf(out, "脱贫人口为%ld户%ld人", f->tuopin.hh, f->tuopin.persons);
		any = 1;
	}
	if (f->monitored.hh) {
		dx_buf_addf(out, "%s%s为%ld户%ld人，其中：", any ? "，" : "", r->label,
			    f->monitored.hh, f->monitored.persons);
		for (int c = 0, n = 0; c < DX_NCAT; c++)
			if (f->cat[c].hh)
				dx_buf_addf(out, "%s%s%ld户%ld人", n++ ? "、" : "", dx_category_names[c],
					    f->cat[c].hh, f->cat[c].persons);
		dx_buf_adds(out, "。");
		if (f->eliminated.hh)
			dx_buf_addf(out, "已消除风险%ld户%ld人", f->eliminated.hh, f->eliminated.persons);
		if (f->active.hh) {
			dx_buf_addf(out, "%s未消除风险%ld户%ld人", f->eliminated.hh ? "，" : "",
				    f->active.hh, f->active.persons);
			if (f->reflag.hh)
				dx_buf_addf(out, "（风险再标注%ld户%ld人）", f->reflag.hh, f->reflag.persons);
		}
		dx_buf_adds(out, "。");
	} else if (any) {
		dx_buf_adds(out, "。");
	} else {
		dx_buf_addf(out, "共有农户%ld户%ld人。", f->all.hh, f->all.persons);
	}
	if (f->inc_tuopin.with_income.persons)
		add_income(out, "脱贫户", &f->inc_tuopin);
	if (f->inc_monitored.with_income.persons) {
		if (f->inc_tuopin.with_income.persons)
			dx_buf_adds(out, "；");
		add_income(out, r->label, &f->inc_monitored);
	}
	if (f->inc_tuopin.with_income.persons || f->inc_monitored.with_income.persons)
		dx_buf_adds(out, "。");
}

static void measures(const struct dx_figs *f, struct dx_buf *out)
{
	if (!f->measures || !f->monitored.hh)
		return;
	dx_buf_addf(out, "\n\n帮扶措施：共采取帮扶措施%ld个，户均", f->measures);
	add_ratio2(out, f->measures, f->monitored.hh);
	dx_buf_adds(out, "个");
	if (f->measures_done)
		dx_buf_addf(out, "，已落实%ld个", f->measures_done);
	dx_buf_adds(out, "。");
}

static void dibao(const struct dx_figs *f, struct dx_buf *out)
{
	static const char *const cls[DX_NDIBAO] = {"A类", "B类", "C类"};
	int n = 0;
	if (!f->dibao.hh)
		return;
	dx_buf_addf(out, "\n\n低保：享受低保%ld户%ld人", f->dibao.hh, f->dibao.persons);
	for (int c = 0; c < DX_NDIBAO; c++) {
		if (!f->dibao_class[c].hh)
			continue;
		dx_buf_addf(out, "%s%s%ld户%ld人", n++ ? "、" : "，其中", cls[c],
			    f->dibao_class[c].hh, f->dibao_class[c].persons);
	}
	dx_buf_adds(out, "。");
}

static void employment(const struct dx_figs *f, struct dx_buf *out)
{
	int n = 0;
	if (!f->workers)
		return;
	dx_buf_addf(out, "\n\n就业：务工就业%ld人", f->workers);
	for (int d = 0; d < DX_WORK_NDEST; d++) {
		if (!f->work[d])
			continue;
		dx_buf_addf(out, "%s%s%ld人", n++ ? "、" : "，其中", dx_work_dest_name(d), f->work[d]);
	}
	dx_buf_adds(out, "。");
}

static void visits(const struct dx_report *r, const struct dx_figs *f, struct dx_buf *out)
{
	/* no visit recorded in the window: no data, not a 0 % rate */
	if (!f->visit_due || !f->visits)
		return;
	dx_buf_addf(out,
		    "\n\n走访：近%d周应按频次走访%s%ld户（未消除风险每周%d次、已消除风险每周%d次），"
		    "达到要求%ld户，达标率",
		    r->visit_weeks, r->label, f->visit_due, r->visits_active, r->visits_eliminated,
		    f->visit_ok);
	add_bp(out, div_round((int64_t)f->visit_ok * 10000, f->visit_due));
	dx_buf_adds(out, "。");
}

static void procedure(const struct dx_report *r, struct dx_buf *out)
{
	int any = 0;
	if (r->warnings) {
		dx_buf_addf(out, "\n\n预警核查：接收部门预警信息（匹配到户）%ld条，派发核实线索%ld条",
			    r->warnings, r->warnings_clued);
		any = 1;
	}
	if (r->clues) {
		dx_buf_addf(out, "%s发现风险线索%ld条", any ? "；" : "\n\n预警核查：", r->clues);
		if (r->clues_warning)
			dx_buf_addf(out, "（其中部门预警%ld条）", r->clues_warning);
		dx_buf_addf(out, "，已核实%ld条（按期核实%ld条）", r->clues_verified,
			    r->clues_in_time);
		/* the rate is over the clues due: a clue past its deadline and
		 * not verified counts against it, as `overdue` lists it */
		if (r->clues_due) {
			dx_buf_addf(out, "，到期应核实%ld条，按期核实率", r->clues_due);
			add_bp(out, div_round((int64_t)r->clues_in_time * 10000, r->clues_due));
		}
		any = 1;
	}
	if (r->clues_overdue) {
		dx_buf_addf(out, "%s截至%s逾期未核实线索%ld条", any ? "；" : "\n\n预警核查：",
			    r->as_of, r->clues_overdue);
		any = 1;
	}
	if (any)
		dx_buf_adds(out, "。");
	if (r->identified || r->eliminated || r->cases_open) {
		int n = 0;
		dx_buf_adds(out, "\n\n识别与消除：");
		if (r->identified)
			dx_buf_addf(out, "%s新识别纳入监测%ld户", n++ ? "，" : "", r->identified);
		if (r->eliminated)
			dx_buf_addf(out, "%s经程序标注风险消除%ld户", n++ ? "，" : "", r->eliminated);
		if (r->cases_open) {
			dx_buf_addf(out, "%s正在办理%ld件", n++ ? "，" : "", r->cases_open);
			if (r->cases_overdue)
				dx_buf_addf(out, "（其中超期%ld件）", r->cases_overdue);
		}
		dx_buf_adds(out, "。");
	}
}

/* The year's 自然增减 in the reports' words: "纳入监测户18户44人，自然增加6人，
 * 自然减少18户40人，消除风险4户9人" (seed 004); only where the store records
 * members coming and going (person add|leave|move): a store of imported
 * ledgers alone cannot tell, and says nothing rather than "0人". */
static void natural(const struct dx_report *r, struct dx_buf *out)
{
	if (!r->nc_recorded)
		return;
	dx_buf_addf(out, "\n\n动态调整：纳入监测户%ld户%ld人，自然增加%ld人，自然减少%ld户%ld人，"
			 "消除风险%ld户%ld人。",
		    r->nc_included, r->nc_included_persons, r->nc_added, r->nc_left_households,
		    r->nc_left, r->nc_eliminated, r->nc_eliminated_persons);
}

void dx_report_members_note(const struct dx_report *r, struct dx_buf *out)
{
	dx_buf_addf(out, "成员台账在%s之后有过更新，而台账只保存低保、务工的现状，不保存历史，"
			 "故不列截至%s的低保和务工就业人数（以当前台账出报告时可列）。",
		    r->as_of, r->as_of);
}

void dx_report_text(const struct dx_report *r, struct dx_buf *out)
{
	basic(r, &r->total, out);
	measures(&r->total, out);
	if (r->members_known) {
		dibao(&r->total, out);
		employment(&r->total, out);
	} else {
		dx_buf_adds(out, "\n\n低保、就业：");
		dx_report_members_note(r, out);
	}
	procedure(r, out);
	natural(r, out);
	visits(r, &r->total, out);
	dx_report_funds_text(&r->funds, r->year, r->as_of, out);
	/* the combined line the other ledgers' paragraphs are measured by
	 * (issue 19; report --list tuopin_monitored): a household that is
	 * both counts once */
	if (r->total.tuopin.hh && r->total.monitored.hh)
		dx_buf_addf(out, "\n\n脱贫人口和%s%ld户%ld人。", r->label, r->total.tuopin_monitored.hh,
			    r->total.tuopin_monitored.persons);
	dx_report_ledgers_text(&r->ledgers, out);
}
