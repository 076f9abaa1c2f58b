/*
 * household_out.c - the household record as text and as JSON (see
 * household_out.h).  The text fits one terminal screen for a usual
 * household: a heading line, then one block per kind of record, each line
 * one row; empty blocks say 无.
 */
#include "core/dx.h"
#include "app/household_out.h"
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

static void jmoney(cJSON *o, const char *key, int64_t fen)
{
	char y[32], k[48];
	cJSON_AddNumberToObject(o, key, (double)fen);
	dx_snprintf(k, sizeof(k), "%s_yuan", key);
	cJSON_AddStringToObject(o, k, dx_money_format(fen, y, sizeof(y)));
}

static cJSON *j_household(const struct dx_hh_full *h)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "hh_no", h->h.hh_no);
	cJSON_AddStringToObject(o, "area_code", h->h.area_code);
	cJSON_AddStringToObject(o, "county", h->county);
	cJSON_AddStringToObject(o, "township", h->township);
	cJSON_AddStringToObject(o, "village", h->village);
	cJSON_AddStringToObject(o, "group", h->h.group_name);
	cJSON_AddStringToObject(o, "kind", h->h.kind);
	cJSON_AddNumberToObject(o, "tuopin_year", h->h.tuopin_year);
	cJSON_AddStringToObject(o, "head", h->head);
	cJSON_AddStringToObject(o, "phone", h->h.phone);
	cJSON_AddNumberToObject(o, "members", h->registered);
	cJSON_AddNumberToObject(o, "members_counted", h->members);
	cJSON_AddBoolToObject(o, "unsafe_housing", h->h.unsafe_housing);
	cJSON_AddBoolToObject(o, "unsafe_water", h->h.unsafe_water);
	cJSON_AddBoolToObject(o, "dropout", h->h.dropout);
	cJSON_AddBoolToObject(o, "relocated", h->h.relocated);
	return o;
}

static cJSON *j_member(const struct dx_hh_member *m)
{
	const struct dx_person *p = &m->p;
	cJSON *o = cJSON_CreateObject();
	/* the member's key for changes over the API (never the 身份证号,
	 * which must not travel in URLs) */
	cJSON_AddNumberToObject(o, "id", (double)p->id);
	cJSON_AddStringToObject(o, "name", p->name);
	cJSON_AddStringToObject(o, "id_no", p->id_no);
	cJSON_AddStringToObject(o, "relation", p->relation);
	cJSON_AddStringToObject(o, "sex", p->sex);
	cJSON_AddStringToObject(o, "birth", p->birth);
	cJSON_AddStringToObject(o, "ethnicity", p->ethnicity);
	cJSON_AddStringToObject(o, "education", p->education);
	cJSON_AddStringToObject(o, "school", p->school);
	cJSON_AddStringToObject(o, "health", p->health);
	cJSON_AddStringToObject(o, "labour", p->labour);
	cJSON_AddStringToObject(o, "work_place", p->work_place);
	cJSON_AddNumberToObject(o, "work_months", p->work_months);
	cJSON_AddBoolToObject(o, "ins_resident", p->ins_resident);
	cJSON_AddBoolToObject(o, "ins_employee", p->ins_employee);
	cJSON_AddBoolToObject(o, "dibao", p->dibao);
	cJSON_AddStringToObject(o, "dibao_class", p->dibao_class);
	cJSON_AddBoolToObject(o, "tekun", p->tekun);
	cJSON_AddBoolToObject(o, "disability_subsidy", p->disability_subsidy);
	cJSON_AddStringToObject(o, "phone", p->phone);
	cJSON_AddBoolToObject(o, "counted", p->counted);
	cJSON_AddBoolToObject(o, "current", !m->left_on[0] && !m->moved_to[0]);
	cJSON_AddStringToObject(o, "joined_on", m->joined_on);
	cJSON_AddStringToObject(o, "left_on", m->left_on);
	cJSON_AddStringToObject(o, "left_reason", m->reason);
	cJSON_AddStringToObject(o, "moved_to", m->moved_to);
	return o;
}

static cJSON *j_income(const struct dx_hr_income *x)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "year", x->row.year);
	jmoney(o, "wage", x->row.wage);
	jmoney(o, "business", x->row.business);
	jmoney(o, "property", x->row.property);
	jmoney(o, "transfer", x->row.transfer);
	jmoney(o, "business_cost", x->row.business_cost);
	jmoney(o, "claims", x->row.claims);
	jmoney(o, "oop", x->row.oop);
	jmoney(o, "net", x->r.net);
	jmoney(o, "tested", x->r.tested);
	cJSON_AddNumberToObject(o, "members_counted", x->members);
	if (x->computed) {
		jmoney(o, "net_per_capita", x->r.net_pc);
		jmoney(o, "tested_per_capita", x->r.tested_pc);
	}
	jmoney(o, "monitoring_line", x->line);
	cJSON_AddBoolToObject(o, "below_line", x->below_line);
	return o;
}

static cJSON *j_episode(const struct dx_episode *e)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)e->id);
	cJSON_AddStringToObject(o, "category", e->category);
	cJSON_AddStringToObject(o, "risks", e->risks);
	cJSON_AddStringToObject(o, "identified_on", e->identified_on);
	cJSON_AddStringToObject(o, "eliminated_on", e->eliminated_on);
	cJSON_AddStringToObject(o, "elim_kind", e->elim_kind);
	cJSON_AddStringToObject(o, "ended_on", e->ended_on);
	cJSON_AddStringToObject(o, "end_reason", e->end_reason);
	cJSON_AddBoolToObject(o, "reflag", e->reflag);
	return o;
}

static cJSON *j_case(const struct dx_hr_case *c)
{
	cJSON *o = cJSON_CreateObject(), *steps = cJSON_CreateArray();
	cJSON_AddNumberToObject(o, "id", (double)c->c.id);
	cJSON_AddStringToObject(o, "kind", c->c.kind);
	cJSON_AddStringToObject(o, "state", c->c.state);
	cJSON_AddStringToObject(o, "opened_on", c->c.opened_on);
	cJSON_AddStringToObject(o, "deadline", c->c.deadline);
	cJSON_AddStringToObject(o, "closed_on", c->c.closed_on);
	cJSON_AddStringToObject(o, "category", c->c.category);
	cJSON_AddStringToObject(o, "risks", c->c.risks);
	cJSON_AddStringToObject(o, "elim_kind", c->c.elim_kind);
	cJSON_AddStringToObject(o, "reason", c->c.reason);
	cJSON_AddBoolToObject(o, "green_channel", c->c.green_channel);
	cJSON_AddStringToObject(o, "flag", c->c.flag);
	for (size_t k = 0; k < c->nsteps; k++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "step", c->steps[k].step);
		cJSON_AddStringToObject(s, "result", c->steps[k].result);
		cJSON_AddStringToObject(s, "done_on", c->steps[k].done_on);
		cJSON_AddStringToObject(s, "actor", c->steps[k].actor);
		cJSON_AddStringToObject(s, "actor_level", c->steps[k].actor_level);
		cJSON_AddStringToObject(s, "note", c->steps[k].note);
		cJSON_AddItemToArray(steps, s);
	}
	cJSON_AddItemToObject(o, "steps", steps);
	return o;
}

static cJSON *j_measure(const struct dx_measure *m)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)m->id);
	cJSON_AddStringToObject(o, "category", m->category);
	cJSON_AddStringToObject(o, "detail", m->detail);
	cJSON_AddStringToObject(o, "status", m->status);
	jmoney(o, "amount", m->amount);
	cJSON_AddStringToObject(o, "start_on", m->start_on);
	cJSON_AddStringToObject(o, "end_on", m->end_on);
	cJSON_AddStringToObject(o, "cadre", m->cadre);
	return o;
}

static cJSON *j_visit(const struct dx_visit *v)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)v->id);
	cJSON_AddStringToObject(o, "visited_on", v->visited_on);
	cJSON_AddStringToObject(o, "cadre", v->cadre);
	cJSON_AddStringToObject(o, "content", v->content);
	cJSON_AddStringToObject(o, "findings", v->findings);
	return o;
}

static cJSON *j_warning(const struct dx_hh_warning *w)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)w->id);
	cJSON_AddStringToObject(o, "department", w->department);
	cJSON_AddStringToObject(o, "event", w->event);
	cJSON_AddStringToObject(o, "period", w->period);
	cJSON_AddStringToObject(o, "occurred_on", w->occurred_on);
	cJSON_AddStringToObject(o, "name", w->name);
	jmoney(o, "amount", w->amount);
	cJSON_AddNumberToObject(o, "clue_id", (double)w->clue_id);
	cJSON_AddStringToObject(o, "result", w->result);
	return o;
}

static cJSON *j_clue(const struct dx_clue_row *c)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)c->id);
	cJSON_AddStringToObject(o, "source", c->source);
	cJSON_AddStringToObject(o, "reason", c->reason);
	cJSON_AddStringToObject(o, "found_on", c->found_on);
	cJSON_AddStringToObject(o, "deadline", c->deadline);
	cJSON_AddStringToObject(o, "state", c->state);
	cJSON_AddStringToObject(o, "result", c->result);
	cJSON_AddStringToObject(o, "closed_on", c->closed_on);
	cJSON_AddNumberToObject(o, "case_id", (double)c->case_id);
	return o;
}

static cJSON *j_audit(const struct dx_hr_audit *a)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *b = a->before && *a->before ? cJSON_Parse(a->before) : NULL;
	cJSON *f = a->after && *a->after ? cJSON_Parse(a->after) : NULL;
	cJSON_AddNumberToObject(o, "id", (double)a->id);
	cJSON_AddStringToObject(o, "at", a->at);
	cJSON_AddStringToObject(o, "actor", a->actor);
	cJSON_AddStringToObject(o, "action", a->action);
	cJSON_AddStringToObject(o, "entity", a->entity);
	cJSON_AddStringToObject(o, "key", a->key);
	/* stored JSON as JSON; anything else (never expected) as text */
	if (b)
		cJSON_AddItemToObject(o, "before", b);
	else
		cJSON_AddStringToObject(o, "before", a->before ? a->before : "");
	if (f)
		cJSON_AddItemToObject(o, "after", f);
	else
		cJSON_AddStringToObject(o, "after", a->after ? a->after : "");
	return o;
}

#define J_ARRAY(root, key, arr, n, fn)                                  \
	do {                                                            \
		cJSON *a_ = cJSON_AddArrayToObject(root, key);          \
		for (size_t i_ = 0; i_ < (n); i_++)                     \
			cJSON_AddItemToArray(a_, fn(&(arr)[i_]));       \
	} while (0)

cJSON *dx_household_record_cjson(const struct dx_household_record *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "household", j_household(&r->hh));
	cJSON_AddBoolToObject(o, "unmasked", r->unmasked);
	J_ARRAY(o, "members", r->members, r->nmembers, j_member);
	J_ARRAY(o, "incomes", r->incomes, r->nincomes, j_income);
	J_ARRAY(o, "episodes", r->episodes, r->nepisodes, j_episode);
	J_ARRAY(o, "cases", r->cases, r->ncases, j_case);
	J_ARRAY(o, "measures", r->measures, r->nmeasures, j_measure);
	J_ARRAY(o, "visits", r->visits, r->nvisits, j_visit);
	J_ARRAY(o, "warnings", r->warnings, r->nwarnings, j_warning);
	J_ARRAY(o, "clues", r->clues, r->nclues, j_clue);
	J_ARRAY(o, "audit", r->audit, r->naudit, j_audit);
	return o;
}

char *dx_household_record_json(const struct dx_household_record *r)
{
	cJSON *o = dx_household_record_cjson(r);
	char *s = cJSON_Print(o);
	cJSON_Delete(o);
	return s;
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
