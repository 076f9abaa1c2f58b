/*
 * household_out.c - the household record as text and as JSON (see
 * household_out.h).  The text fits one terminal screen for a usual
 * household: a heading line, then one block per kind of record, each line
 * one row; empty blocks say 无.
 */
#include "core/dx.h"
#include "app/household_out.h"
#include "core/jsonw.h"
#include "core/money.h"

#include <cjson/cJSON.h>

static const char *yn(int v)
{
	return v ? "是" : "否";
}

static const char *or_none(const char *s)
{
	return s && *s ? s : "—";
}

static void section(struct dx_buf *o, const char *title, size_t n)
{
	dx_buf_addf(o, "\n【%s】%s\n", title, n ? "" : "无");
}

static void text_members(const struct dx_household_record *r, struct dx_buf *o)
{
	section(o, "家庭成员", r->nmembers);
	for (size_t i = 0; i < r->nmembers; i++) {
		const struct dx_hh_member *m = &r->members[i];
		const struct dx_person *p = &m->p;
		dx_buf_addf(o, "  %s %s %s %s %s", p->name, p->relation, p->id_no, p->sex, p->birth);
		if (p->health[0])
			dx_buf_addf(o, " 健康:%s", p->health);
		if (p->labour[0])
			dx_buf_addf(o, " %s", p->labour);
		if (p->school[0])
			dx_buf_addf(o, " 在校:%s", p->school);
		if (p->work_place[0])
			dx_buf_addf(o, " 务工:%s", p->work_place);
		if (p->dibao)
			dx_buf_addf(o, " 低保%s", p->dibao_class);
		if (p->tekun)
			dx_buf_adds(o, " 特困");
		if (!p->counted)
			dx_buf_adds(o, " 不计入家庭人口");
		if (m->joined_on[0])
			dx_buf_addf(o, " %s加入", m->joined_on);
		if (m->moved_to[0])
			dx_buf_addf(o, " 【%s迁往户%s】", m->left_on, m->moved_to);
		else if (m->left_on[0])
			dx_buf_addf(o, " 【%s离开：%s】", m->left_on, m->reason);
		dx_buf_addch(o, '\n');
	}
}

static void text_incomes(const struct dx_household_record *r, struct dx_buf *o)
{
	section(o, "收入", r->nincomes);
	for (size_t i = 0; i < r->nincomes; i++) {
		const struct dx_hr_income *x = &r->incomes[i];
		dx_buf_addf(o, "  %d年 纯收入", x->row.year);
		dx_buf_add_fen(o, x->r.net);
		dx_buf_addf(o, "元 计入人口%d人", x->members);
		if (x->computed) {
			dx_buf_adds(o, " 人均纯收入");
			dx_buf_add_fen(o, x->r.net_pc);
			dx_buf_adds(o, "元 人均收入参考值");
			dx_buf_add_fen(o, x->r.tested_pc);
			dx_buf_adds(o, "元");
		} else {
			dx_buf_adds(o, " 无计入家庭人口的成员，不计算人均");
		}
		dx_buf_adds(o, "（监测线");
		dx_buf_add_fen(o, x->line);
		dx_buf_addf(o, "元%s）\n", x->below_line ? "，低于监测线" : "");
		dx_buf_adds(o, "    工资性");
		dx_buf_add_fen(o, x->row.wage);
		dx_buf_adds(o, " 生产经营性");
		dx_buf_add_fen(o, x->row.business);
		dx_buf_adds(o, " 财产性");
		dx_buf_add_fen(o, x->row.property);
		dx_buf_adds(o, " 转移性");
		dx_buf_add_fen(o, x->row.transfer);
		dx_buf_adds(o, " 生产经营性支出");
		dx_buf_add_fen(o, x->row.business_cost);
		dx_buf_adds(o, " 理赔收入");
		dx_buf_add_fen(o, x->row.claims);
		dx_buf_adds(o, " 合规自付支出");
		dx_buf_add_fen(o, x->row.oop);
		dx_buf_addch(o, '\n');
	}
}

static void text_monitoring(const struct dx_household_record *r, struct dx_buf *o)
{
	section(o, "监测记录", r->nepisodes);
	for (size_t i = 0; i < r->nepisodes; i++) {
		const struct dx_episode *e = &r->episodes[i];
		dx_buf_addf(o, "  %s识别 %s 风险:%s", e->identified_on, e->category, or_none(e->risks));
		if (e->reflag)
			dx_buf_adds(o, " 风险再标注");
		if (e->eliminated_on[0])
			dx_buf_addf(o, " %s%s", e->eliminated_on, or_none(e->elim_kind));
		if (e->ended_on[0])
			dx_buf_addf(o, " %s结束（%s）", e->ended_on, e->end_reason);
		dx_buf_addch(o, '\n');
	}
	section(o, "识别与风险消除案件", r->ncases);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct dx_hr_case *c = &r->cases[i];
		dx_buf_addf(o, "  案件%lld %s %s 立案%s", (long long)c->c.id, c->c.kind, c->c.state,
			    c->c.opened_on);
		if (c->c.deadline[0])
			dx_buf_addf(o, " 时限%s", c->c.deadline);
		if (c->c.closed_on[0])
			dx_buf_addf(o, " 办结%s", c->c.closed_on);
		if (c->c.category[0])
			dx_buf_addf(o, " %s", c->c.category);
		if (c->c.elim_kind[0])
			dx_buf_addf(o, " %s", c->c.elim_kind);
		if (c->c.flag[0])
			dx_buf_addf(o, " 提示:%s", c->c.flag);
		dx_buf_addch(o, '\n');
		for (size_t k = 0; k < c->nsteps; k++)
			dx_buf_addf(o, "    %s %s %s（%s%s）%s\n", c->steps[k].done_on, c->steps[k].step,
				    c->steps[k].result, c->steps[k].actor_level, c->steps[k].actor,
				    c->steps[k].note);
	}
}

static void text_help(const struct dx_household_record *r, struct dx_buf *o)
{
	section(o, "帮扶措施", r->nmeasures);
	for (size_t i = 0; i < r->nmeasures; i++) {
		const struct dx_measure *m = &r->measures[i];
		dx_buf_addf(o, "  %s %s %s ", m->category, or_none(m->detail), m->status);
		dx_buf_add_fen(o, m->amount);
		dx_buf_addf(o, "元 %s～%s 责任人:%s\n", or_none(m->start_on), or_none(m->end_on),
			    or_none(m->cadre));
	}
	section(o, "走访", r->nvisits);
	for (size_t i = 0; i < r->nvisits; i++)
		dx_buf_addf(o, "  %s %s %s %s\n", r->visits[i].visited_on, r->visits[i].cadre,
			    r->visits[i].content, r->visits[i].findings);
	section(o, "部门预警", r->nwarnings);
	for (size_t i = 0; i < r->nwarnings; i++) {
		const struct dx_hh_warning *w = &r->warnings[i];
		dx_buf_addf(o, "  %s %s %s %s ", or_none(w->occurred_on), w->department, w->name,
			    w->event);
		dx_buf_add_fen(o, w->amount);
		dx_buf_adds(o, "元");
		if (w->clue_id)
			dx_buf_addf(o, " 已转线索%lld", (long long)w->clue_id);
		if (w->result[0])
			dx_buf_addf(o, " %s", w->result);
		dx_buf_addch(o, '\n');
	}
	section(o, "风险线索", r->nclues);
	for (size_t i = 0; i < r->nclues; i++) {
		const struct dx_clue_row *c = &r->clues[i];
		dx_buf_addf(o, "  线索%lld %s %s 发现%s 时限%s %s", (long long)c->id, c->source,
			    c->reason, c->found_on, c->deadline, c->state);
		if (c->result[0])
			dx_buf_addf(o, " %s", c->result);
		dx_buf_addch(o, '\n');
	}
}

void dx_household_record_text(const struct dx_household_record *r, struct dx_buf *o)
{
	const struct dx_hh_full *h = &r->hh;
	dx_buf_addf(o, "户编号 %s  户主 %s  %s%s%s %s\n", h->h.hh_no, or_none(h->head), h->county,
		    h->township, h->village, h->h.group_name);
	dx_buf_addf(o, "户类型 %s", h->h.kind);
	if (h->h.tuopin_year)
		dx_buf_addf(o, "（%d年脱贫）", h->h.tuopin_year);
	dx_buf_addf(o, "  现有成员%d人（计入家庭人口%d人）  联系电话 %s\n", h->registered,
		    h->members, or_none(h->h.phone));
	dx_buf_addf(o, "住房安全问题 %s  饮水安全问题 %s  义务教育失学辍学 %s  易地扶贫搬迁 %s\n",
		    yn(h->h.unsafe_housing), yn(h->h.unsafe_water), yn(h->h.dropout),
		    yn(h->h.relocated));
	if (r->nepisodes) {
		/* the latest episode says where the household stands */
		const struct dx_episode *e = &r->episodes[r->nepisodes - 1];
		dx_buf_addf(o, "监测状态 %s（%s）\n", e->category,
			    e->ended_on[0]	   ? "已结束"
			    : e->eliminated_on[0] ? "已消除风险"
						  : "风险未消除");
	} else {
		dx_buf_adds(o, "监测状态 未纳入监测\n");
	}
	text_members(r, o);
	text_incomes(r, o);
	text_monitoring(r, o);
	text_help(r, o);
	section(o, "变更记录", r->naudit);
	for (size_t i = 0; i < r->naudit; i++) {
		const struct dx_hr_audit *a = &r->audit[i];
		dx_buf_addf(o, "  %s %s %s %s/%s", a->at, a->actor, a->action, a->entity, a->key);
		if (a->before && *a->before)
			dx_buf_addf(o, " 原:%s", a->before);
		if (a->after && *a->after)
			dx_buf_addf(o, " 新:%s", a->after);
		dx_buf_addch(o, '\n');
	}
}

/* ---- JSON ---- */

/* The CLI's indented JSON: the API's answer (dx_household_record_json_to)
 * parsed and printed indented by cJSON -- one renderer of the record, not
 * a second tree to keep in step with it. */
char *dx_household_record_json(const struct dx_household_record *r)
{
	struct dx_buf b = DX_BUF_INIT;
	cJSON *o;
	char *s = NULL;
	dx_household_record_json_to(r, &b);
	if (!b.err && (o = cJSON_ParseWithLength(b.buf, b.len))) {
		s = cJSON_Print(o);
		cJSON_Delete(o);
	}
	dx_buf_release(&b);
	return s;
}

/* ---- JSON straight into a buffer (the API's answer) ----
 *
 * Written by core/jsonw.h without building a cJSON tree: the household
 * route is the API's busiest, and a tree's allocations and number
 * printing were a third of its CPU.  jsonw writes what cJSON would print
 * unformatted (test_jsonw.c), so the CLI's indented print of this text
 * (dx_household_record_json) is what a tree printed indented would be. */

/* An amount in fen under key, and as yuan text under key_yuan. */
static void wmoney_k(struct dx_jw *w, const char *k, size_t n, const char *ky, size_t ny,
		     int64_t fen)
{
	char y[32];
	dx_jw_kint(w, k, n, fen);
	dx_jw_kstr(w, ky, ny, dx_money_format(fen, y, sizeof(y)));
}
#define WMONEY(w, key, fen) wmoney_k(w, DX_JW_K(key), DX_JW_K(key "_yuan"), fen)

static void w_household(struct dx_jw *w, const struct dx_hh_full *h)
{
	dx_jw_kobj(w, DX_JW_K("household"));
	dx_jw_kstr(w, DX_JW_K("hh_no"), h->h.hh_no);
	dx_jw_kstr(w, DX_JW_K("area_code"), h->h.area_code);
	dx_jw_kstr(w, DX_JW_K("county"), h->county);
	dx_jw_kstr(w, DX_JW_K("township"), h->township);
	dx_jw_kstr(w, DX_JW_K("village"), h->village);
	dx_jw_kstr(w, DX_JW_K("group"), h->h.group_name);
	dx_jw_kstr(w, DX_JW_K("kind"), h->h.kind);
	dx_jw_kint(w, DX_JW_K("tuopin_year"), h->h.tuopin_year);
	dx_jw_kstr(w, DX_JW_K("head"), h->head);
	dx_jw_kstr(w, DX_JW_K("phone"), h->h.phone);
	dx_jw_kint(w, DX_JW_K("members"), h->registered);
	dx_jw_kint(w, DX_JW_K("members_counted"), h->members);
	dx_jw_kbool(w, DX_JW_K("unsafe_housing"), h->h.unsafe_housing);
	dx_jw_kbool(w, DX_JW_K("unsafe_water"), h->h.unsafe_water);
	dx_jw_kbool(w, DX_JW_K("dropout"), h->h.dropout);
	dx_jw_kbool(w, DX_JW_K("relocated"), h->h.relocated);
	dx_jw_obj_end(w);
}

static void w_member(struct dx_jw *w, const struct dx_hh_member *m)
{
	const struct dx_person *p = &m->p;
	dx_jw_obj(w, NULL);
	dx_jw_kint(w, DX_JW_K("id"), p->id);
	dx_jw_kstr(w, DX_JW_K("name"), p->name);
	dx_jw_kstr(w, DX_JW_K("id_no"), p->id_no);
	dx_jw_kstr(w, DX_JW_K("relation"), p->relation);
	dx_jw_kstr(w, DX_JW_K("sex"), p->sex);
	dx_jw_kstr(w, DX_JW_K("birth"), p->birth);
	dx_jw_kstr(w, DX_JW_K("ethnicity"), p->ethnicity);
	dx_jw_kstr(w, DX_JW_K("education"), p->education);
	dx_jw_kstr(w, DX_JW_K("school"), p->school);
	dx_jw_kstr(w, DX_JW_K("health"), p->health);
	dx_jw_kstr(w, DX_JW_K("labour"), p->labour);
	dx_jw_kstr(w, DX_JW_K("work_place"), p->work_place);
	dx_jw_kint(w, DX_JW_K("work_months"), p->work_months);
	dx_jw_kbool(w, DX_JW_K("ins_resident"), p->ins_resident);
	dx_jw_kbool(w, DX_JW_K("ins_employee"), p->ins_employee);
	dx_jw_kbool(w, DX_JW_K("dibao"), p->dibao);
	dx_jw_kstr(w, DX_JW_K("dibao_class"), p->dibao_class);
	dx_jw_kbool(w, DX_JW_K("tekun"), p->tekun);
	dx_jw_kbool(w, DX_JW_K("disability_subsidy"), p->disability_subsidy);
	dx_jw_kstr(w, DX_JW_K("phone"), p->phone);
	dx_jw_kbool(w, DX_JW_K("counted"), p->counted);
	dx_jw_kbool(w, DX_JW_K("current"), !m->left_on[0] && !m->moved_to[0]);
	dx_jw_kstr(w, DX_JW_K("joined_on"), m->joined_on);
	dx_jw_kstr(w, DX_JW_K("left_on"), m->left_on);
	dx_jw_kstr(w, DX_JW_K("left_reason"), m->reason);
	dx_jw_kstr(w, DX_JW_K("moved_to"), m->moved_to);
	dx_jw_obj_end(w);
}

static void w_income(struct dx_jw *w, const struct dx_hr_income *x)
{
	dx_jw_obj(w, NULL);
	dx_jw_kint(w, DX_JW_K("year"), x->row.year);
	WMONEY(w, "wage", x->row.wage);
	WMONEY(w, "business", x->row.business);
	WMONEY(w, "property", x->row.property);
	WMONEY(w, "transfer", x->row.transfer);
	WMONEY(w, "business_cost", x->row.business_cost);
	WMONEY(w, "claims", x->row.claims);
	WMONEY(w, "oop", x->row.oop);
	WMONEY(w, "net", x->r.net);
	WMONEY(w, "tested", x->r.tested);
	dx_jw_kint(w, DX_JW_K("members_counted"), x->members);
	if (x->computed) {
		WMONEY(w, "net_per_capita", x->r.net_pc);
		WMONEY(w, "tested_per_capita", x->r.tested_pc);
	}
	WMONEY(w, "monitoring_line", x->line);
	dx_jw_kbool(w, DX_JW_K("below_line"), x->below_line);
	dx_jw_obj_end(w);
}

static void w_episode(struct dx_jw *w, const struct dx_episode *e)
{
	dx_jw_obj(w, NULL);
	dx_jw_kint(w, DX_JW_K("id"), e->id);
	dx_jw_kstr(w, DX_JW_K("category"), e->category);
	dx_jw_kstr(w, DX_JW_K("risks"), e->risks);
	dx_jw_kstr(w, DX_JW_K("identified_on"), e->identified_on);
	dx_jw_kstr(w, DX_JW_K("eliminated_on"), e->eliminated_on);
	dx_jw_kstr(w, DX_JW_K("elim_kind"), e->elim_kind);
	dx_jw_kstr(w, DX_JW_K("ended_on"), e->ended_on);
	dx_jw_kstr(w, DX_JW_K("end_reason"), e->end_reason);
	dx_jw_kbool(w, DX_JW_K("reflag"), e->reflag);
	dx_jw_obj_end(w);
}

static void w_case(struct dx_jw *w, const struct dx_hr_case *c)
{
	dx_jw_obj(w, NULL);
	dx_jw_kint(w, DX_JW_K("id"), c->c.id);
	dx_jw_kstr(w, DX_JW_K("kind"), c->c.kind);
	dx_jw_kstr(w, DX_JW_K("state"), c->c.state);
	dx_jw_kstr(w, DX_JW_K("opened_on"), c->c.opened_on);
	dx_jw_kstr(w, DX_JW_K("deadline"), c->c.deadline);
	dx_jw_kstr(w, DX_JW_K("closed_on"), c->c.closed_on);
	dx_jw_kstr(w, DX_JW_K("category"), c->c.category);
	dx_jw_kstr(w, DX_JW_K("risks"), c->c.risks);
	dx_jw_kstr(w, DX_JW_K("elim_kind"), c->c.elim_kind);
	dx_jw_kstr(w, DX_JW_K("reason"), c->c.reason);
	dx_jw_kbool(w, DX_JW_K("green_channel"), c->c.green_channel);
	dx_jw_kstr(w, DX_JW_K("flag"), c->c.flag);
	dx_jw_karr(w, DX_JW_K("steps"));
	for (size_t k = 0; k < c->nsteps; k++) {
		dx_jw_obj(w, NULL);
		dx_jw_kstr(w, DX_JW_K("step"), c->steps[k].step);
		dx_jw_kstr(w, DX_JW_K("result"), c->steps[k].result);
		dx_jw_kstr(w, DX_JW_K("done_on"), c->steps[k].done_on);
		dx_jw_kstr(w, DX_JW_K("actor"), c->steps[k].actor);
		dx_jw_kstr(w, DX_JW_K("actor_level"), c->steps[k].actor_level);
		dx_jw_kstr(w, DX_JW_K("note"), c->steps[k].note);
		dx_jw_obj_end(w);
	}
	dx_jw_arr_end(w);
	dx_jw_obj_end(w);
}

static void w_measure(struct dx_jw *w, const struct dx_measure *m)
{
	dx_jw_obj(w, NULL);
	dx_jw_kint(w, DX_JW_K("id"), m->id);
	dx_jw_kstr(w, DX_JW_K("category"), m->category);
	dx_jw_kstr(w, DX_JW_K("detail"), m->detail);
	dx_jw_kstr(w, DX_JW_K("status"), m->status);
	WMONEY(w, "amount", m->amount);
	dx_jw_kstr(w, DX_JW_K("start_on"), m->start_on);
	dx_jw_kstr(w, DX_JW_K("end_on"), m->end_on);
	dx_jw_kstr(w, DX_JW_K("cadre"), m->cadre);
	dx_jw_obj_end(w);
}

static void w_visit(struct dx_jw *w, const struct dx_visit *v)
{
	dx_jw_obj(w, NULL);
	dx_jw_kint(w, DX_JW_K("id"), v->id);
	dx_jw_kstr(w, DX_JW_K("visited_on"), v->visited_on);
	dx_jw_kstr(w, DX_JW_K("cadre"), v->cadre);
	dx_jw_kstr(w, DX_JW_K("content"), v->content);
	dx_jw_kstr(w, DX_JW_K("findings"), v->findings);
	dx_jw_obj_end(w);
}

static void w_warning(struct dx_jw *w, const struct dx_hh_warning *x)
{
	dx_jw_obj(w, NULL);
	dx_jw_kint(w, DX_JW_K("id"), x->id);
	dx_jw_kstr(w, DX_JW_K("department"), x->department);
	dx_jw_kstr(w, DX_JW_K("event"), x->event);
	dx_jw_kstr(w, DX_JW_K("period"), x->period);
	dx_jw_kstr(w, DX_JW_K("occurred_on"), x->occurred_on);
	dx_jw_kstr(w, DX_JW_K("name"), x->name);
	WMONEY(w, "amount", x->amount);
	dx_jw_kint(w, DX_JW_K("clue_id"), x->clue_id);
	dx_jw_kstr(w, DX_JW_K("result"), x->result);
	dx_jw_obj_end(w);
}

static void w_clue(struct dx_jw *w, const struct dx_clue_row *c)
{
	dx_jw_obj(w, NULL);
	dx_jw_kint(w, DX_JW_K("id"), c->id);
	dx_jw_kstr(w, DX_JW_K("source"), c->source);
	dx_jw_kstr(w, DX_JW_K("reason"), c->reason);
	dx_jw_kstr(w, DX_JW_K("found_on"), c->found_on);
	dx_jw_kstr(w, DX_JW_K("deadline"), c->deadline);
	dx_jw_kstr(w, DX_JW_K("state"), c->state);
	dx_jw_kstr(w, DX_JW_K("result"), c->result);
	dx_jw_kstr(w, DX_JW_K("closed_on"), c->closed_on);
	dx_jw_kint(w, DX_JW_K("case_id"), c->case_id);
	dx_jw_obj_end(w);
}

/* A stored before/after: JSON as cJSON re-prints it (parsed, then printed
 * unformatted, as the tree holds it), anything else as text.  The audit
 * rows are few; cJSON keeps the reading of arbitrary stored JSON. */
static void w_stored(struct dx_jw *w, const char *key, const char *text)
{
	cJSON *j = text && *text ? cJSON_Parse(text) : NULL;
	char *s = j ? cJSON_PrintUnformatted(j) : NULL;
	if (s)
		dx_jw_raw(w, key, s);
	else
		dx_jw_str(w, key, text ? text : "");
	cJSON_free(s);
	cJSON_Delete(j);
}

static void w_audit(struct dx_jw *w, const struct dx_hr_audit *a)
{
	dx_jw_obj(w, NULL);
	dx_jw_kint(w, DX_JW_K("id"), a->id);
	dx_jw_kstr(w, DX_JW_K("at"), a->at);
	dx_jw_kstr(w, DX_JW_K("actor"), a->actor);
	dx_jw_kstr(w, DX_JW_K("action"), a->action);
	dx_jw_kstr(w, DX_JW_K("entity"), a->entity);
	dx_jw_kstr(w, DX_JW_K("key"), a->key);
	w_stored(w, "before", a->before);
	w_stored(w, "after", a->after);
	dx_jw_obj_end(w);
}

#define W_ARRAY(w, key, arr, n, fn)                                     \
	do {                                                            \
		dx_jw_karr(w, DX_JW_K(key));                            \
		for (size_t i_ = 0; i_ < (n); i_++)                     \
			fn(w, &(arr)[i_]);                              \
		dx_jw_arr_end(w);                                       \
	} while (0)

void dx_household_record_json_to(const struct dx_household_record *r, struct dx_buf *out)
{
	struct dx_jw w;
	dx_jw_init(&w, out);
	dx_jw_obj(&w, NULL);
	w_household(&w, &r->hh);
	dx_jw_kbool(&w, DX_JW_K("unmasked"), r->unmasked);
	W_ARRAY(&w, "members", r->members, r->nmembers, w_member);
	W_ARRAY(&w, "incomes", r->incomes, r->nincomes, w_income);
	W_ARRAY(&w, "episodes", r->episodes, r->nepisodes, w_episode);
	W_ARRAY(&w, "cases", r->cases, r->ncases, w_case);
	W_ARRAY(&w, "measures", r->measures, r->nmeasures, w_measure);
	W_ARRAY(&w, "visits", r->visits, r->nvisits, w_visit);
	W_ARRAY(&w, "warnings", r->warnings, r->nwarnings, w_warning);
	W_ARRAY(&w, "clues", r->clues, r->nclues, w_clue);
	W_ARRAY(&w, "audit", r->audit, r->naudit, w_audit);
	dx_jw_obj_end(&w);
}

void dx_household_choices_text(const struct dx_household_record *r, struct dx_buf *o)
{
	dx_buf_addf(o, "找到%zu户，请用户编号指定其中一户：\n户编号,户主,乡镇,村\n", r->nchoices);
	for (size_t i = 0; i < r->nchoices; i++)
		dx_buf_addf(o, "%s,%s,%s,%s\n", r->choices[i].hh_no, r->choices[i].head,
			    r->choices[i].township, r->choices[i].village);
}

char *dx_household_choices_json(const struct dx_household_record *r)
{
	cJSON *o = cJSON_CreateObject(), *a = cJSON_AddArrayToObject(o, "choices");
	char *s;
	for (size_t i = 0; i < r->nchoices; i++) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "hh_no", r->choices[i].hh_no);
		cJSON_AddStringToObject(c, "head", r->choices[i].head);
		cJSON_AddStringToObject(c, "township", r->choices[i].township);
		cJSON_AddStringToObject(c, "village", r->choices[i].village);
		cJSON_AddStringToObject(c, "area_code", r->choices[i].area_code);
		cJSON_AddItemToArray(a, c);
	}
	s = cJSON_Print(o);
	cJSON_Delete(o);
	return s;
}
