/*
 * warning.c - dispatch of department warning signals and the feedback
 * sheet (see warning.h).
 */
#include "core/dx.h"
#include "app/warning.h"
#include "app/clue.h"
#include "app/ctx.h"
#include "app/policy.h"
#include "core/area.h"
#include "core/idcard.h"
#include "core/money.h"
#include "core/outfile.h"
#include "io/xlsx_write.h"

#include <xlsxwriter.h>

struct pending {
	int64_t id;
	char area[13];
	char department[32];
	int64_t amount;
};

struct collect {
	struct pending *p;
	size_t n, cap;
};

static int collect_one(const struct dx_warning_view *v, void *arg)
{
	struct collect *c = arg;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->p = dx_xrealloc(c->p, c->cap * sizeof(*c->p));
	}
	c->p[c->n].id = v->id;
	dx_strlcpy(c->p[c->n].area, v->area_code, sizeof(c->p[0].area));
	dx_strlcpy(c->p[c->n].department, v->department, sizeof(c->p[0].department));
	c->p[c->n].amount = v->amount;
	c->n++;
	return 0;
}

struct below_ctx {
	const struct dx_actor *a;
	const struct pending *p;
	const char *date;
	char result[128];
};

static int record_below(struct dx_store *st, void *arg)
{
	struct below_ctx *x = arg;
	char county[7], key[24], after[256];
	int rc = dx_store_warning_set_result(st, x->p->id, x->result, x->date);
	if (rc)
		return rc;
	dx_area_county(x->p->area, county);
	dx_snprintf(key, sizeof(key), "%lld", (long long)x->p->id);
	dx_snprintf(after, sizeof(after), "{\"result\":\"%s\",\"verified_on\":\"%s\"}", x->result,
		    x->date);
	return dx_store_audit(st, county, x->a->acc.name, "warning.record", "warning", key, NULL,
			      after);
}

/* A chosen deadline is checked against the policy of every village the
 * signals go to before any is dispatched: a deadline one village's policy
 * refuses stops the whole dispatch, not half of it. */
static int check_deadline(struct dx_store *st, const struct dx_date *today, const struct collect *c,
			  const char *scope, const char *day, const char *deadline,
			  struct dx_buf *why)
{
	char out[11], policy[11];
	int rc;
	if (!deadline || !*deadline)
		return DX_OK;
	if (!c->n) /* nothing to dispatch: still a date the rule accepts */
		return dx_clue_deadline(st, today, scope, day, deadline, out, policy, why);
	for (size_t i = 0; i < c->n; i++) {
		if (i && !strcmp(c->p[i].area, c->p[i - 1].area))
			continue;
		if ((rc = dx_clue_deadline(st, today, c->p[i].area, day, deadline, out, policy, why)))
			return rc;
	}
	return DX_OK;
}

static int dispatch(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
		    const char *area, const char *date, const char *deadline,
		    struct dx_dispatch_stats *stats, struct dx_buf *why)
{
	struct collect c = {0};
	char scope[13], last_area[13] = "";
	struct dx_policy pol;
	int rc;
	char day[11];
	memset(stats, 0, sizeof(*stats));
	if ((rc = dx_actor_may_write(a, why)))
		return rc;
	if ((rc = dx_event_date(today, date, "派发日期", day, why)))
		return rc;
	if ((rc = dx_actor_area(a, area, scope, why)))
		return rc;
	/* collect first: dispatching writes to the rows being read */
	if ((rc = dx_store_warnings_pending(st, scope, collect_one, &c)) ||
	    (rc = check_deadline(st, today, &c, scope, day, deadline, why)))
		goto out;
	for (size_t i = 0; i < c.n && !rc; i++) {
		const struct pending *p = &c.p[i];
		if (strcmp(last_area, p->area)) {
			/* policy of the household's village and the dispatch date */
			if ((rc = dx_app_policy(st, p->area, (int)strtol(date, NULL, 10), date, &pol)))
				break;
			dx_strlcpy(last_area, p->area, sizeof(last_area));
		}
		/* domain.md §8: a 医保 burden counts only above the threshold */
		if (!strcmp(p->department, "医保") && p->amount <= pol.warn_medical_oop) {
			struct below_ctx x = {a, p, date, ""};
			char amt[32], line[32];
			dx_snprintf(x.result, sizeof(x.result), "低于预警阈值（%s元 ≤ %s元），仅记录",
				    dx_money_format(p->amount, amt, sizeof(amt)),
				    dx_money_format(pol.warn_medical_oop, line, sizeof(line)));
			if (!(rc = dx_store_txn(st, record_below, &x)))
				stats->below++;
			continue;
		}
		{
			struct dx_clue_req req = {.warning_id = p->id, .found_on = date,
						  .deadline = deadline};
			struct dx_clue_row row;
			struct dx_buf w = DX_BUF_INIT;
			struct dx_ctx cx;
			int r2;
			dx_ctx_for(&cx, st, a, today);
			r2 = dx_ctx_why(&cx, dx_clue_add(&cx, &req, &row), &w);
			if (!r2) {
				stats->clues++;
			} else if (r2 == DX_INVALID || r2 == DX_STATE || r2 == DX_DENIED) {
				/* e.g. outside the actor's scope: leave it pending */
				stats->failed++;
				dx_log(DX_LOG_WARN, "warning %lld not dispatched (code %d)",
				       (long long)p->id, r2);
			} else {
				rc = r2;
				dx_buf_addf(why, "%s", w.buf);
			}
			dx_buf_release(&w);
		}
	}
out:
	free(c.p);
	return rc;
}

/* The sheet being written: xlsx through libxlsxwriter (numbers as
 * numbers, long texts wrapped), or CSV through the table writer. */
struct sheet {
	const struct dx_actor *a;
	lxw_worksheet *ws;
	lxw_format *wrap;
	struct dx_tw *tw;
	int unmasked;
	lxw_row_t row;
};

static const char *const feedback_heads[] = {
	"序号", "预警部门", "预警事项", "期次", "证件号码", "姓名", "金额（元）", "发生日期",
	"是否匹配", "户编号", "行政村", "核查结果", "核查日期", "核查期限", "采取措施",
};
enum { FB_NCOLS = 15, FB_RESULT = 11, FB_MEASURES = 14 };

static int feedback_row(const struct dx_warning_view *v, void *arg)
{
	struct sheet *s = arg;
	char seq[24], id[19], amt[32], measures[96];
	const char *result, *when = "", *cell[FB_NCOLS];
	lxw_row_t r;
	size_t c = 0;
	/* only the account's scope: a village sees its own households; signals
	 * that matched nobody belong to the county */
	if (v->household_id ? !dx_actor_sees(s->a, v->area_code) : s->a->level != DX_LEVEL_COUNTY)
		return 0;
	r = ++s->row;
	if (s->unmasked)
		dx_strlcpy(id, v->id_no, sizeof(id));
	else
		dx_idcard_mask(v->id_no, id);
	if (!v->household_id) {
		result = "本辖区无此人，请核对证件号码";
	} else if (v->clue_id && v->clue_state[0]) {
		result = v->clue_result[0] ? v->clue_result : v->clue_state;
		when = v->clue_closed_on;
	} else if (v->result[0]) {
		result = v->result;
		when = v->verified_on;
	} else {
		result = "待派发核实";
	}
	if (v->case_state[0])
		dx_snprintf(measures, sizeof(measures), "识别程序：%s；新增帮扶措施%ld项", v->case_state,
			    v->measures_after);
	else if (v->measures_after)
		dx_snprintf(measures, sizeof(measures), "新增帮扶措施%ld项", v->measures_after);
	else
		measures[0] = '\0';
	dx_snprintf(seq, sizeof(seq), "%lu", (unsigned long)r);
	cell[c++] = seq;
	cell[c++] = v->department;
	cell[c++] = v->event;
	cell[c++] = v->period;
	cell[c++] = id;
	cell[c++] = v->name;
	cell[c++] = dx_money_format(v->amount, amt, sizeof(amt));
	cell[c++] = v->occurred_on;
	cell[c++] = v->household_id ? "是" : "否";
	cell[c++] = v->hh_no;
	cell[c++] = v->village;
	cell[c++] = result;
	cell[c++] = when;
	cell[c++] = v->clue_deadline;
	cell[c++] = measures;
	for (c = 0; c < FB_NCOLS; c++) {
		if (s->tw)
			dx_tw_cell(s->tw, cell[c], DX_TW_PLAIN);
		else if (c == 0)
			worksheet_write_number(s->ws, r, 0, (double)r, NULL);
		else
			worksheet_write_string(s->ws, r, (lxw_col_t)c, cell[c],
					       c == FB_RESULT || c == FB_MEASURES ? s->wrap : NULL);
	}
	if (s->tw)
		dx_tw_endrow(s->tw);
	return 0;
}

static int feedback(struct dx_store *st, const struct dx_actor *a, const char *department,
		    const char *period, const char *path, enum dx_outfmt fmt, int unmasked,
		    long *rows, struct dx_buf *why)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = NULL;
	lxw_format *head;
	struct dx_outfile out;
	struct sheet s = {0};
	char county[7], title[128];
	int rc, wrc;
	if (unmasked && !dx_actor_may_unmask(a)) {
		dx_buf_addf(why, "账号 %s 无权导出完整证件号码（仅县级经办账号可以）", a->acc.name);
		return DX_DENIED;
	}
	if (a->local_owner) {
		dx_buf_adds(why, "反馈表按账号所在县出具：请用 --as 指定账号");
		return DX_USAGE;
	}
	if (fmt != DX_OUT_XLSX && fmt != DX_OUT_CSV) {
		dx_buf_adds(why, "核查反馈表只能写成 xlsx 或 csv");
		return DX_USAGE;
	}
	s.a = a;
	dx_area_county(a->acc.scope, county);
	dx_snprintf(title, sizeof(title), "%s核查反馈表", department);
	s.unmasked = unmasked;
	if (fmt == DX_OUT_CSV) {
		if ((rc = dx_tw_open(&s.tw, path, DX_TW_CSV, title))) {
			const char *w = dx_outfile_why(rc);
			dx_buf_addf(why, "无法创建文件 %s%s%s", path, w ? "：" : "", w ? w : "");
			return rc;
		}
		for (size_t i = 0; i < DX_ARRAY_SIZE(feedback_heads); i++)
			dx_tw_cell(s.tw, feedback_heads[i], DX_TW_HEADER);
		dx_tw_endrow(s.tw);
	} else {
		/* written beside path and renamed in (issue 13.3) */
		if ((rc = dx_outfile_open(&out, path, DX_OUTFILE_BY_NAME))) {
			dx_buf_addf(why, "%s：%s", path, dx_outfile_why(rc));
			return rc;
		}
		if (!(wb = workbook_new_opt(out.name, &opt))) {
			dx_outfile_abort(&out);
			dx_buf_addf(why, "无法创建文件 %s", path);
			return DX_IO;
		}
		s.ws = workbook_add_worksheet(wb, NULL);
		head = workbook_add_format(wb);
		format_set_bold(head);
		s.wrap = workbook_add_format(wb);
		format_set_text_wrap(s.wrap);
		for (size_t i = 0; i < DX_ARRAY_SIZE(feedback_heads); i++)
			worksheet_write_string(s.ws, 0, (lxw_col_t)i, feedback_heads[i], head);
		worksheet_set_column(s.ws, 4, 4, 22, NULL);
		worksheet_set_column(s.ws, 11, 11, 30, NULL);
		worksheet_set_column(s.ws, 14, 14, 30, NULL);
	}
	rc = dx_store_warnings_feedback(st, county, department, period, feedback_row, &s);
	wrc = s.tw ? dx_tw_close(s.tw) : workbook_close(wb) != LXW_NO_ERROR;
	if (!rc && wrc) {
		dx_buf_addf(why, "写入 %s 失败", path);
		rc = DX_IO;
	}
	if (wb && rc)
		dx_outfile_abort(&out);
	else if (wb && (rc = dx_outfile_commit(&out)))
		dx_buf_addf(why, "%s：%s", path, dx_outfile_why(rc));
	*rows = (long)s.row;
	if (!rc && unmasked) {
		char what[160];
		dx_snprintf(what, sizeof(what), "{\"department\":\"%s\",\"period\":\"%s\",\"rows\":%ld}",
			    department, period, *rows);
		rc = dx_store_audit(st, county, a->acc.name, "export.unmasked", "warning_feedback",
				    title, NULL, what);
	}
	return rc;
}

/* ---- pending signals, as the API lists them ---- */

struct pending_arg {
	int (*fn)(const struct dx_warning_view *, void *);
	void *arg;
};

static int pending_masked(const struct dx_warning_view *w, void *arg)
{
	struct pending_arg *p = arg;
	struct dx_warning_view c = *w;
	char m[24] = "";
	if (w->id_no && *w->id_no)
		dx_idcard_mask(w->id_no, m);
	c.id_no = m;
	return p->fn(&c, p->arg);
}

static int pending(struct dx_store *st, const struct dx_actor *a, const char *area,
		   int (*fn)(const struct dx_warning_view *, void *), void *arg, struct dx_buf *why)
{
	struct pending_arg p = {fn, arg};
	char scope[13];
	int rc;
	if ((rc = dx_actor_area(a, area, scope, why)))
		return rc;
	return dx_store_warnings_pending(st, scope, pending_masked, &p);
}

int dx_warning_dispatch(struct dx_ctx *c, const char *area, const char *date,
			const char *deadline, struct dx_dispatch_stats *stats)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, dispatch(c->st, &c->actor, &c->today, area, date, deadline, stats, &why), &why);
}

int dx_warning_feedback(struct dx_ctx *c, const char *department, const char *period,
			const char *path, enum dx_outfmt fmt, int unmasked, long *rows)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c,
			   feedback(c->st, &c->actor, department, period, path, fmt, unmasked,
				    rows, &why),
			   &why);
}

int dx_warning_pending(struct dx_ctx *c, const char *area,
		       int (*fn)(const struct dx_warning_view *, void *), void *arg)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, pending(c->st, &c->actor, area, fn, arg, &why), &why);
}

const char *const dx_warning_heads[DX_WARNING_COLS] = {
	"编号",     "部门",   "预警事项", "期间",       "身份证号", "姓名",
	"发生日期", "金额（元）", "户编号",   "行政村代码", "村",       "核实期限（政策）"};

void dx_warning_cells(const struct dx_warning_view *w, const char *policy_deadline,
		      struct dx_warning_buf *buf, const char *cells[DX_WARNING_COLS])
{
#define S(x) ((x) ? (x) : "")
	dx_snprintf(buf->id, sizeof(buf->id), "%lld", (long long)w->id);
	buf->amount[0] = 0;
	if (w->amount)
		dx_money_format(w->amount, buf->amount, sizeof(buf->amount));
	cells[0] = buf->id;
	cells[1] = S(w->department);
	cells[2] = S(w->event);
	cells[3] = S(w->period);
	cells[4] = S(w->id_no);
	cells[5] = S(w->name);
	cells[6] = S(w->occurred_on);
	cells[7] = buf->amount;
	cells[8] = S(w->hh_no);
	cells[9] = S(w->area_code);
	cells[10] = S(w->village);
	cells[11] = S(policy_deadline);
#undef S
}
