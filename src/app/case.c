/*
 * case.c - identification and elimination cases (see case.h).
 *
 * Each use case runs in one transaction (or the caller's, for the demo):
 * read the case and its steps, rebuild the machine state, ask
 * policy/casefsm.c whether the action is allowed, then write the step, the
 * case and any episode change together with an audit row.
 */
#include "core/dx.h"
#include "app/case.h"
#include "app/ctx.h"
#include "core/area.h"
#include "policy/income.h"
#include "policy/screen.h"

int dx_step_parse(const char *s, enum dx_step *out)
{
	for (int i = 0; s && i < DX_STEP_COUNT; i++)
		if (!strcmp(s, dx_step_name((enum dx_step)i))) {
			*out = (enum dx_step)i;
			return DX_OK;
		}
	/* short forms people type */
	if (s && (!strcmp(s, "核实") || !strcmp(s, "verify")))
		return *out = DX_STEP_VERIFY, DX_OK;
	if (s && (!strcmp(s, "比对") || !strcmp(s, "compare")))
		return *out = DX_STEP_COMPARE, DX_OK;
	if (s && (!strcmp(s, "民主评议") || !strcmp(s, "评议") || !strcmp(s, "review")))
		return *out = DX_STEP_REVIEW, DX_OK;
	if (s && (!strcmp(s, "审核") || !strcmp(s, "township")))
		return *out = DX_STEP_TOWNSHIP, DX_OK;
	if (s && (!strcmp(s, "审定") || !strcmp(s, "county")))
		return *out = DX_STEP_COUNTY, DX_OK;
	if (s && !strcmp(s, "notice"))
		return *out = DX_STEP_NOTICE, DX_OK;
	if (s && !strcmp(s, "announce"))
		return *out = DX_STEP_ANNOUNCE, DX_OK;
	return DX_INVALID;
}

int dx_case_action_parse(const char *s, enum dx_case_action *out)
{
	if (s && (!strcmp(s, "通过") || !strcmp(s, "pass")))
		return *out = DX_ACT_PASS, DX_OK;
	if (s && (!strcmp(s, "不通过") || !strcmp(s, "reject")))
		return *out = DX_ACT_REJECT, DX_OK;
	if (s && (!strcmp(s, "撤销") || !strcmp(s, "cancel")))
		return *out = DX_ACT_CANCEL, DX_OK;
	return DX_INVALID;
}

static int status_of(const char *state)
{
	for (int s = DX_CASE_OPEN; s <= DX_CASE_CANCELLED; s++)
		if (!strcmp(state, dx_case_status_name((enum dx_case_status)s)))
			return s;
	return DX_CASE_OPEN;
}

void dx_case_fsm(const struct dx_case_row *c, const struct dx_step_row *steps, size_t n,
		 struct dx_case_state *out)
{
	enum dx_step s;
	dx_case_init(out, strcmp(c->kind, "风险消除") ? DX_CASE_IDENTIFY : DX_CASE_ELIMINATE);
	for (size_t i = 0; i < n; i++) {
		if (dx_step_parse(steps[i].step, &s))
			continue;
		if (!strcmp(steps[i].result, "通过")) {
			out->done |= DX_STEP_BIT(s);
			if (s == DX_STEP_NOTICE)
				dx_date_parse(steps[i].done_on, 10, &out->notice_from);
		} else if (!strcmp(steps[i].result, "不通过")) {
			out->closed_step = (int)s;
		}
	}
	out->status = (enum dx_case_status)status_of(c->state);
	if (out->status != DX_CASE_OPEN && c->closed_on[0])
		dx_date_parse(c->closed_on, 10, &out->closed_on);
}

/* Load case `id` as the actor sees it; out of scope reads as missing. */
static int load_view(struct dx_store *st, const struct dx_actor *a, int64_t id,
		     struct dx_case_view *v, struct dx_buf *why)
{
	int rc = dx_store_case_get(st, id, &v->c);
	if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(a, v->c.area_code))) {
		dx_buf_addf(why, "没有编号为 %lld 的案件（或不在管辖范围内）", (long long)id);
		return DX_NOT_FOUND;
	}
	if (rc || (rc = dx_store_hh_by_id(st, v->c.household_id, &v->hh)))
		return rc;
	if ((rc = dx_store_step_list(st, id, v->steps, DX_CASE_MAX_STEPS, &v->nsteps)))
		return rc;
	if (v->nsteps > DX_CASE_MAX_STEPS)
		return dx_error(DX_TOOBIG, "case %lld has too many steps", (long long)id);
	dx_case_fsm(&v->c, v->steps, v->nsteps, &v->fsm);
	v->next_step = dx_case_next_step(&v->fsm);
	v->notice_ends[0] = '\0';
	return DX_OK;
}

static int case_get(struct dx_store *st, const struct dx_actor *a, int64_t id,
		struct dx_case_view *out, struct dx_buf *why)
{
	struct dx_proc_policy *pp;
	struct dx_date end;
	int rc;
	memset(out, 0, sizeof(*out));
	if ((rc = load_view(st, a, id, out, why)))
		return rc;
	pp = dx_xmalloc(sizeof(*pp));
	rc = dx_proc_policy(st, out->c.area_code, out->c.opened_on, pp);
	if (!rc && dx_case_notice_ends(&out->fsm, &pp->p, &end) == DX_OK)
		dx_date_format(&end, out->notice_ends);
	free(pp);
	return rc;
}

static int writable(const struct dx_actor *a, struct dx_buf *why)
{
	return dx_actor_may_write(a, why);
}

/* ---- §6 elimination conditions ---- */

struct members_acc {
	int counted, labour, uninsured;
};

static int member_cb(const struct dx_member_brief *m, void *arg)
{
	struct members_acc *acc = arg;
	enum dx_labour l;
	acc->counted += m->counted;
	if (!dx_labour_parse(m->labour, &l) && dx_labour_is_labour(l))
		acc->labour++;
	if (!m->ins_resident && !m->ins_employee)
		acc->uninsured++;
	return DX_OK;
}

int dx_case_elim_check(struct dx_store *st, const struct dx_hh_ref *hh, const char *date,
		       int risks_unresolved, int new_risk, struct dx_elim_result *res,
		       struct dx_buf *why)
{
	struct dx_elim_input in;
	struct dx_proc_policy *pp = dx_xmalloc(sizeof(*pp));
	struct dx_episode ep;
	struct members_acc acc = {0};
	struct dx_income_row row;
	int64_t measures = 0;
	int year = 0, rc;

	memset(&in, 0, sizeof(in));
	memset(res, 0, sizeof(*res));
	if ((rc = dx_store_episode_current(st, hh->id, &ep)) == DX_NOT_FOUND ||
	    (!rc && ep.eliminated_on[0])) {
		dx_buf_addf(why, "户 %s 不是在监测中的对象，无需风险消除", hh->hh_no);
		rc = DX_STATE;
		goto out;
	}
	if (rc || (rc = dx_proc_policy(st, hh->area_code, date, pp)))
		goto out;
	if (dx_date_parse(date, strlen(date), &in.today) ||
	    dx_date_parse(ep.identified_on, strlen(ep.identified_on), &in.identified)) {
		rc = DX_INVALID;
		goto out;
	}
	if ((rc = dx_store_member_briefs(st, hh->id, member_cb, &acc)))
		goto out;
	/* the latest income year on or before the date's year */
	if ((rc = dx_store_income_last_year(st, hh->id, in.today.y, &year)))
		goto out;
	if (year && acc.counted > 0 && !(rc = dx_store_income_get(st, hh->id, year, &row))) {
		struct dx_income inc = {row.wage,          row.business, row.property,
					row.transfer,      row.business_cost, row.claims,
					row.oop,           acc.counted};
		struct dx_income_result ir;
		dx_income_compute(&inc, pp->p.deduct_oop, &ir);
		in.has_income = 1;
		in.tested_pc = ir.tested_pc;
	}
	if (rc)
		goto out;
	in.months_above_line = -1; /* the annual figure: no monthly income yet */
	in.unsafe_housing = (unsigned char)hh->unsafe_housing;
	in.dropout = (unsigned char)hh->dropout;
	in.unsafe_water = (unsigned char)hh->unsafe_water;
	in.no_insurance = acc.uninsured > 0;
	in.risks_unresolved = risks_unresolved;
	in.new_risk = new_risk;
	if ((rc = dx_store_measure_count(st, hh->id, "已落实", &measures)))
		goto out;
	in.measures_implemented = (int)measures;
	in.has_labour = acc.labour > 0;
	rc = dx_elim_check(&in, &pp->p, res);
out:
	free(pp);
	return rc;
}

static int case_check(struct dx_store *st, const struct dx_actor *a, const char *hh_no,
		      const char *date, int risks_unresolved, int new_risk, struct dx_hh_ref *hh,
		      struct dx_elim_result *res, struct dx_buf *why)
{
	int rc = dx_store_hh_by_no(st, hh_no, hh);
	if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(a, hh->area_code))) {
		dx_buf_addf(why, "没有户编号为 %s 的农户（或不在管辖范围内）", hh_no);
		return DX_NOT_FOUND;
	}
	if (rc)
		return rc;
	return dx_case_elim_check(st, hh, date, risks_unresolved, new_risk, res, why);
}

enum dx_level dx_case_step_holder(enum dx_step step)
{
	enum dx_level l = DX_LEVEL_VILLAGE;
	while (l < DX_LEVEL_COUNTY && !dx_step_level_ok(step, l))
		l++;
	return l;
}

/* ---- open ---- */

static int year_of(const char *iso)
{
	struct dx_date d;
	return dx_date_parse(iso, strlen(iso), &d) ? 0 : d.y;
}

static const char *const categories[] = {"脱贫不稳定户", "边缘易致贫户", "突发严重困难户"};

int dx_case_risks(const char *text, int year, char *out, size_t size, struct dx_buf *why)
{
	static const char *const seps[] = {"、", "，", ",", ";", "；", " "};
	char buf[256];
	unsigned bits = 0;
	int n = 0;
	struct dx_buf b = DX_BUF_INIT;
	dx_strlcpy(buf, text ? text : "", sizeof(buf));
	for (size_t i = 0; i < DX_ARRAY_SIZE(seps); i++) {
		char *p;
		size_t l = strlen(seps[i]);
		while ((p = strstr(buf, seps[i]))) {
			*p = '\n';
			memmove(p + 1, p + l, strlen(p + l) + 1);
		}
	}
	for (char *p = buf, *e; *p; p = e) {
		enum dx_risk r;
		e = strchr(p, '\n');
		if (e)
			*e++ = '\0';
		else
			e = p + strlen(p);
		if (!*p)
			continue;
		if (dx_risk_parse(p, &r) || !dx_risk_valid_in_year(r, year)) {
			dx_buf_addf(why, "风险类型 \"%s\" 无效（应为 因病、因残、因学、因自然灾害、"
					 "因意外事故、因产业项目失败、因务工就业不稳、缺劳动力 或 其他）",
				    p);
			return DX_INVALID;
		}
		bits |= DX_RISK_BIT(r);
	}
	for (int r = 0; r < DX_RISK_COUNT; r++)
		if (bits & DX_RISK_BIT(r)) {
			dx_buf_addf(&b, "%s%s", n ? "、" : "", dx_risk_name((enum dx_risk)r));
			n++;
		}
	if (n == 0 || n > DX_MAX_RISKS) {
		dx_buf_addf(why, "风险类型应为1至%d个（现有%d个）", DX_MAX_RISKS, n);
		dx_buf_release(&b);
		return DX_INVALID;
	}
	dx_strlcpy(out, b.buf, size);
	dx_buf_release(&b);
	return DX_OK;
}

struct open_ctx {
	const struct dx_actor *a;
	const struct dx_date *today;
	const struct dx_case_req *r;
	int64_t *id;
	struct dx_buf *why;
};

static int open_identify(struct dx_store *st, struct open_ctx *x, const struct dx_hh_ref *hh,
			 struct dx_case_row *c)
{
	struct dx_episode ep;
	size_t i;
	int rc = dx_store_episode_current(st, hh->id, &ep);
	if (!rc && !ep.eliminated_on[0]) {
		dx_buf_addf(x->why, "户 %s 已是监测对象（%s识别），无需再次识别", hh->hh_no,
			    ep.identified_on);
		return DX_STATE;
	}
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	for (i = 0; i < DX_ARRAY_SIZE(categories); i++)
		if (x->r->category && !strcmp(x->r->category, categories[i]))
			break;
	if (i == DX_ARRAY_SIZE(categories)) {
		dx_buf_addf(x->why, "监测对象类别 \"%s\" 无效（应为 脱贫不稳定户、边缘易致贫户 "
				    "或 突发严重困难户）",
			    x->r->category ? x->r->category : "");
		return DX_INVALID;
	}
	/* domain.md §1: 脱贫不稳定户 are 脱贫户, 边缘易致贫户 are 一般户 */
	if ((i == 0 && strcmp(hh->kind, "脱贫户")) || (i == 1 && strcmp(hh->kind, "一般户"))) {
		dx_buf_addf(x->why, "户 %s 是%s，不能识别为%s", hh->hh_no, hh->kind, categories[i]);
		return DX_INVALID;
	}
	dx_strlcpy(c->category, categories[i], sizeof(c->category));
	return dx_case_risks(x->r->risks, year_of(c->opened_on), c->risks, sizeof(c->risks),
			   x->why);
}

static int open_eliminate(struct dx_store *st, struct open_ctx *x, const struct dx_hh_ref *hh,
			  struct dx_case_row *c)
{
	struct dx_elim_result res;
	struct dx_episode ep;
	int rc;
	if (!x->r->elim_kind ||
	    (strcmp(x->r->elim_kind, "帮扶消除") && strcmp(x->r->elim_kind, "自然消除"))) {
		dx_buf_addf(x->why, "消除方式 \"%s\" 无效（应为 帮扶消除 或 自然消除）",
			    x->r->elim_kind ? x->r->elim_kind : "");
		return DX_INVALID;
	}
	if ((rc = dx_case_elim_check(st, hh, c->opened_on, x->r->risks_unresolved,
				     x->r->new_risk, &res, x->why)))
		return rc;
	if (!res.allowed && !x->r->unchecked) {
		/* domain.md §6: the refusal lists each unmet condition */
		dx_buf_addf(x->why, "户 %s 暂不符合风险消除条件：", hh->hh_no);
		for (int i = 0; i < res.nunmet; i++)
			dx_buf_addf(x->why, "\n  %d. %s", i + 1, res.unmet[i].reason);
		return DX_STATE;
	}
	if ((rc = dx_store_episode_current(st, hh->id, &ep)))
		return rc;
	c->episode_id = ep.id;
	dx_strlcpy(c->category, ep.category, sizeof(c->category));
	dx_strlcpy(c->risks, ep.risks, sizeof(c->risks));
	dx_strlcpy(c->elim_kind, x->r->elim_kind, sizeof(c->elim_kind));
	return DX_OK;
}

static int case_open_tx(struct dx_store *st, void *arg)
{
	struct open_ctx *x = arg;
	const struct dx_case_req *r = x->r;
	struct dx_case_row c;
	struct dx_clue_row clue;
	struct dx_hh_ref hh;
	struct dx_proc_policy *pp = NULL;
	char key[24], after[256], county[7];
	int64_t open_id = 0;
	int rc;

	memset(&c, 0, sizeof(c));
	memset(&clue, 0, sizeof(clue));
	if (!r->kind || (strcmp(r->kind, "识别") && strcmp(r->kind, "风险消除"))) {
		dx_buf_addf(x->why, "案件类型 \"%s\" 无效（应为 识别 或 风险消除）",
			    r->kind ? r->kind : "");
		return DX_INVALID;
	}
	if ((rc = dx_event_date(x->today, r->date, "立案日期", c.opened_on, x->why)))
		return rc;
	if (r->clue_id) {
		rc = dx_store_clue_get(st, r->clue_id, &clue);
		if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(x->a, clue.area_code))) {
			dx_buf_addf(x->why, "没有编号为 %lld 的线索（或不在管辖范围内）",
				    (long long)r->clue_id);
			return DX_NOT_FOUND;
		}
		if (rc)
			return rc;
		if (strcmp(clue.state, "待核实")) {
			dx_buf_addf(x->why, "线索 %lld 状态为%s，不能再立案", (long long)clue.id,
				    clue.state);
			return DX_STATE;
		}
		rc = dx_store_hh_by_id(st, clue.household_id, &hh);
	} else {
		rc = dx_store_hh_by_no(st, r->hh_no ? r->hh_no : "", &hh);
	}
	if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(x->a, hh.area_code))) {
		dx_buf_addf(x->why, "没有户编号为 %s 的农户（或不在账号 %s 的管辖范围内）",
			    r->hh_no ? r->hh_no : "", x->a->acc.name);
		return DX_NOT_FOUND;
	}
	if (rc)
		return rc;
	if ((rc = dx_store_case_open_for(st, hh.id, &open_id)))
		return rc;
	if (open_id) {
		dx_buf_addf(x->why, "户 %s 已有办理中的案件 %lld，请先办结", hh.hh_no,
			    (long long)open_id);
		return DX_STATE;
	}
	c.household_id = hh.id;
	dx_strlcpy(c.kind, r->kind, sizeof(c.kind));
	dx_strlcpy(c.state, dx_case_status_name(DX_CASE_OPEN), sizeof(c.state));
	c.green_channel = r->green != 0;
	c.clue_id = r->clue_id;
	dx_strlcpy(c.opened_by, x->a->acc.name, sizeof(c.opened_by));
	rc = !strcmp(r->kind, "识别") ? open_identify(st, x, &hh, &c)
				      : open_eliminate(st, x, &hh, &c);
	if (rc)
		return rc;
	if (clue.id && clue.deadline[0]) {
		dx_strlcpy(c.deadline, clue.deadline, sizeof(c.deadline));
	} else {
		pp = dx_xmalloc(sizeof(*pp));
		rc = dx_proc_policy(st, hh.area_code, c.opened_on, pp);
		if (!rc)
			rc = dx_proc_deadline(pp, c.opened_on, c.deadline);
		free(pp);
		if (rc)
			return rc;
	}
	if ((rc = dx_store_case_insert(st, &c)))
		return rc;
	*x->id = c.id;
	if (clue.id) {
		dx_strlcpy(clue.state, "已立案", sizeof(clue.state));
		clue.case_id = c.id;
		if ((rc = dx_store_clue_update(st, &clue)))
			return rc;
	}
	dx_snprintf(key, sizeof(key), "%lld", (long long)c.id);
	dx_snprintf(after, sizeof(after),
		    "{\"household\":\"%s\",\"kind\":\"%s\",\"state\":\"办理中\","
		    "\"opened_on\":\"%s\",\"deadline\":\"%s\",\"green\":%d,\"clue\":%lld}",
		    hh.hh_no, c.kind, c.opened_on, c.deadline, c.green_channel,
		    (long long)c.clue_id);
	dx_area_county(hh.area_code, county);
	return dx_store_audit(st, county, x->a->acc.name, "case.open", "case", key, NULL, after);
}

static int case_open(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
		     const struct dx_case_req *r, int64_t *id, struct dx_buf *why)
{
	struct open_ctx x = {a, today, r, id, why};
	int rc = writable(a, why);
	*id = 0;
	return rc ? rc : dx_proc_txn(st, case_open_tx, &x);
}

/* ---- steps ---- */

struct step_ctx {
	const struct dx_actor *a;
	const struct dx_date *today;
	int64_t id;
	const char *step, *action, *note, *date;
	struct dx_buf *why;
};

/* 公告 passed: the decision takes effect on the household's history. */
static int decide(struct dx_store *st, struct dx_case_view *v, const char *on)
{
	struct dx_episode cur, ep;
	int rc;
	if (!strcmp(v->c.kind, "风险消除")) {
		struct dx_date ident, elim;
		enum dx_elim_kind k = strcmp(v->c.elim_kind, "自然消除") ? DX_ELIM_ASSISTED
									: DX_ELIM_NATURAL;
		if ((rc = dx_store_episode_current(st, v->hh.id, &cur)))
			return rc;
		if ((rc = dx_store_episode_eliminate(st, cur.id, on, v->c.elim_kind)))
			return rc;
		v->c.episode_id = cur.id;
		/* domain.md §6: a 帮扶消除 within 2 months is suspicious */
		if (!dx_date_parse(cur.identified_on, 10, &ident) && !dx_date_parse(on, 10, &elim) &&
		    dx_elim_suspicious(&ident, &elim, k))
			dx_strlcpy(v->c.flag, "帮扶消除距识别不足2个月", sizeof(v->c.flag));
		return DX_OK;
	}
	memset(&ep, 0, sizeof(ep));
	ep.household_id = v->hh.id;
	dx_strlcpy(ep.category, v->c.category, sizeof(ep.category));
	dx_strlcpy(ep.risks, v->c.risks, sizeof(ep.risks));
	dx_strlcpy(ep.identified_on, on, sizeof(ep.identified_on));
	rc = dx_store_episode_current(st, v->hh.id, &cur);
	if (!rc && cur.eliminated_on[0]) {
		/* domain.md §6: 风险再标注 opens a new episode; the old one stays */
		if ((rc = dx_store_episode_end(st, cur.id, on, "风险再标注")))
			return rc;
		ep.reflag = 1;
		ep.prev_id = cur.id;
	} else if (!rc) {
		return dx_error(DX_STATE, "household %lld is monitored already",
				(long long)v->hh.id);
	} else if (rc != DX_NOT_FOUND) {
		return rc;
	}
	if ((rc = dx_store_episode_insert(st, &ep)) ||
	    (rc = dx_store_episode_set_case(st, ep.id, v->c.id)))
		return rc;
	v->c.episode_id = ep.id;
	return DX_OK;
}

static int case_step_tx(struct dx_store *st, void *arg)
{
	struct step_ctx *x = arg;
	struct dx_case_view *v = dx_xcalloc(1, sizeof(*v));
	struct dx_proc_policy *pp = dx_xmalloc(sizeof(*pp));
	struct dx_case_state next;
	struct dx_step_row row;
	enum dx_step step = DX_STEP_VERIFY;
	enum dx_case_action act;
	struct dx_date today;
	const char *reason = NULL;
	char key[24], before[96], after[192], county[7];
	int rc;

	if ((rc = dx_case_action_parse(x->action, &act))) {
		dx_buf_addf(x->why, "操作 \"%s\" 无效（应为 通过、不通过 或 撤销）",
			    x->action ? x->action : "");
		goto out;
	}
	if (act != DX_ACT_CANCEL && (rc = dx_step_parse(x->step, &step))) {
		dx_buf_addf(x->why, "步骤 \"%s\" 无效（应为 入户核实、信息比对、村级民主评议、"
				    "公示、乡镇审核、县级审定 或 公告）",
			    x->step ? x->step : "");
		goto out;
	}
	if (act != DX_ACT_PASS && (!x->note || !*x->note)) {
		dx_buf_adds(x->why, "不通过或撤销须用 --note 写明理由（将告知农户）");
		rc = DX_INVALID;
		goto out;
	}
	memset(&row, 0, sizeof(row));
	if ((rc = dx_event_date(x->today, x->date, "办理日期", row.done_on, x->why)))
		goto out;
	if ((rc = load_view(st, x->a, x->id, v, x->why)))
		goto out;
	if (strcmp(row.done_on, v->c.opened_on) < 0 ||
	    (v->nsteps && strcmp(row.done_on, v->steps[v->nsteps - 1].done_on) < 0)) {
		dx_buf_addf(x->why, "办理日期 %s 早于立案或上一步骤的日期", row.done_on);
		rc = DX_INVALID;
		goto out;
	}
	if ((rc = dx_proc_policy(st, v->c.area_code, row.done_on, pp)))
		goto out;
	dx_date_parse(row.done_on, 10, &today);
	rc = dx_case_apply(&v->fsm, step, act, x->a->level, &today, &pp->p, &next, &reason);
	if (rc) {
		dx_buf_addf(x->why, "案件 %lld：%s", (long long)x->id, reason ? reason : "操作不允许");
		goto out;
	}
	row.case_id = v->c.id;
	dx_strlcpy(row.step, act == DX_ACT_CANCEL ? "撤销" : dx_step_name(step), sizeof(row.step));
	dx_strlcpy(row.actor, x->a->acc.name, sizeof(row.actor));
	dx_strlcpy(row.actor_level, dx_level_name(x->a->level), sizeof(row.actor_level));
	dx_strlcpy(row.result, dx_case_action_name(act), sizeof(row.result));
	dx_strlcpy(row.note, x->note ? x->note : "", sizeof(row.note));
	if ((rc = dx_store_step_insert(st, &row)))
		goto out;
	dx_snprintf(before, sizeof(before), "{\"state\":\"%s\"}", v->c.state);
	if (next.status != DX_CASE_OPEN) {
		dx_strlcpy(v->c.state, dx_case_status_name(next.status), sizeof(v->c.state));
		dx_strlcpy(v->c.closed_on, row.done_on, sizeof(v->c.closed_on));
		if (act != DX_ACT_PASS)
			dx_strlcpy(v->c.reason, row.note, sizeof(v->c.reason));
		if (next.status == DX_CASE_APPROVED && (rc = decide(st, v, row.done_on)))
			goto out;
		if ((rc = dx_store_case_update(st, &v->c)))
			goto out;
		/* a case that fails or is withdrawn gives its clue back */
		if (next.status != DX_CASE_APPROVED && v->c.clue_id &&
		    (rc = dx_clue_reopen(st, v->c.clue_id, v->c.id, v->c.state, row.note,
					 x->a->acc.name)))
			goto out;
	}
	dx_snprintf(key, sizeof(key), "%lld", (long long)v->c.id);
	dx_snprintf(after, sizeof(after),
		    "{\"step\":\"%s\",\"result\":\"%s\",\"level\":\"%s\",\"on\":\"%s\","
		    "\"state\":\"%s\",\"episode\":%lld}",
		    row.step, row.result, row.actor_level, row.done_on, v->c.state,
		    (long long)v->c.episode_id);
	dx_area_county(v->c.area_code, county);
	rc = dx_store_audit(st, county, x->a->acc.name, "case.step", "case", key, before, after);
out:
	free(v);
	free(pp);
	return rc;
}

static int case_step(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
		     int64_t id, const char *step, const char *action, const char *note,
		     const char *date, struct dx_buf *why)
{
	struct step_ctx x = {a, today, id, step, action, note, date, why};
	int rc = writable(a, why);
	return rc ? rc : dx_proc_txn(st, case_step_tx, &x);
}

struct green_ctx {
	const struct dx_actor *a;
	int64_t id;
	struct dx_buf *why;
};

static int case_green_tx(struct dx_store *st, void *arg)
{
	struct green_ctx *x = arg;
	struct dx_case_row c;
	char key[24], county[7];
	int rc = dx_store_case_get(st, x->id, &c);
	if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(x->a, c.area_code))) {
		dx_buf_addf(x->why, "没有编号为 %lld 的案件（或不在管辖范围内）", (long long)x->id);
		return DX_NOT_FOUND;
	}
	if (rc)
		return rc;
	if (strcmp(c.state, "办理中")) {
		dx_buf_addf(x->why, "案件 %lld 已办结（%s），不能再开绿色通道", (long long)x->id,
			    c.state);
		return DX_STATE;
	}
	if (c.green_channel)
		return DX_OK;
	c.green_channel = 1;
	if ((rc = dx_store_case_update(st, &c)))
		return rc;
	dx_snprintf(key, sizeof(key), "%lld", (long long)c.id);
	dx_area_county(c.area_code, county);
	return dx_store_audit(st, county, x->a->acc.name, "case.green", "case", key,
			      "{\"green\":0}", "{\"green\":1}");
}

static int case_green(struct dx_store *st, const struct dx_actor *a, int64_t id, struct dx_buf *why)
{
	struct green_ctx x = {a, id, why};
	int rc = writable(a, why);
	return rc ? rc : dx_proc_txn(st, case_green_tx, &x);
}

static int case_list(struct dx_store *st, const struct dx_actor *a, const char *area,
		     const char *state, int (*fn)(const struct dx_case_row *, void *), void *arg,
		     struct dx_buf *why)
{
	char scope[13];
	int rc = dx_actor_area(a, area, scope, why);
	return rc ? rc : dx_store_case_list(st, scope, state, fn, arg);
}

/* ---- 风险消除回退 ---- */

struct rollback_ctx {
	const struct dx_actor *a;
	const struct dx_date *today;
	const char *hh_no, *date, *reason;
	int64_t *episode_id;
	struct dx_buf *why;
};

static int rollback_tx(struct dx_store *st, void *arg)
{
	struct rollback_ctx *x = arg;
	struct dx_hh_ref hh;
	struct dx_episode cur, ep;
	char on[11], key[24], after[160], county[7];
	int64_t open_id = 0;
	int rc;
	if ((rc = dx_event_date(x->today, x->date, "回退日期", on, x->why)))
		return rc;
	rc = dx_store_hh_by_no(st, x->hh_no ? x->hh_no : "", &hh);
	if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(x->a, hh.area_code))) {
		dx_buf_addf(x->why, "没有户编号为 %s 的农户（或不在管辖范围内）",
			    x->hh_no ? x->hh_no : "");
		return DX_NOT_FOUND;
	}
	if (rc)
		return rc;
	rc = dx_store_episode_current(st, hh.id, &cur);
	if (rc == DX_NOT_FOUND || (!rc && !cur.eliminated_on[0])) {
		dx_buf_addf(x->why, "户 %s 没有已消除的风险，无需回退", hh.hh_no);
		return DX_STATE;
	}
	if (rc)
		return rc;
	if (strcmp(on, cur.eliminated_on) < 0) {
		dx_buf_addf(x->why, "回退日期 %s 早于消除日期 %s", on, cur.eliminated_on);
		return DX_INVALID;
	}
	if ((rc = dx_store_case_open_for(st, hh.id, &open_id)))
		return rc;
	if (open_id) {
		dx_buf_addf(x->why, "户 %s 有办理中的案件 %lld，请先办结", hh.hh_no,
			    (long long)open_id);
		return DX_STATE;
	}
	/* history is never overwritten: end the old episode, open a new one */
	if ((rc = dx_store_episode_end(st, cur.id, on, "风险消除回退")))
		return rc;
	memset(&ep, 0, sizeof(ep));
	ep.household_id = hh.id;
	ep.prev_id = cur.id;
	dx_strlcpy(ep.category, cur.category, sizeof(ep.category));
	dx_strlcpy(ep.risks, cur.risks, sizeof(ep.risks));
	dx_strlcpy(ep.identified_on, on, sizeof(ep.identified_on));
	if ((rc = dx_store_episode_insert(st, &ep)))
		return rc;
	if (x->episode_id)
		*x->episode_id = ep.id;
	dx_snprintf(key, sizeof(key), "%lld", (long long)cur.id);
	dx_snprintf(after, sizeof(after),
		    "{\"household\":\"%s\",\"ended_on\":\"%s\",\"end_reason\":\"风险消除回退\","
		    "\"new_episode\":%lld}",
		    hh.hh_no, on, (long long)ep.id);
	dx_area_county(hh.area_code, county);
	return dx_store_audit(st, county, x->a->acc.name, "episode.rollback", "episode", key,
			      NULL, after);
}

static int case_rollback(struct dx_store *st, const struct dx_actor *a,
			 const struct dx_date *today, const char *hh_no, const char *date,
			 const char *reason, int64_t *episode_id, struct dx_buf *why)
{
	struct rollback_ctx x = {a, today, hh_no, date, reason, episode_id, why};
	int rc = writable(a, why);
	if (rc)
		return rc;
	if (a->level == DX_LEVEL_VILLAGE) {
		dx_buf_adds(why, "风险消除回退由乡镇或县级办理");
		return DX_DENIED;
	}
	if (!reason || !*reason) {
		dx_buf_adds(why, "请用 --note 写明回退理由");
		return DX_INVALID;
	}
	return dx_proc_txn(st, rollback_tx, &x);
}

/* ---- the use cases, on a request context (app/ctx.h) ---- */

int dx_case_open(struct dx_ctx *c, const struct dx_case_req *r, int64_t *id)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, case_open(c->st, &c->actor, &c->today, r, id, &why), &why);
}

int dx_case_step(struct dx_ctx *c, int64_t id, const char *step, const char *action,
		 const char *note, const char *date)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, case_step(c->st, &c->actor, &c->today, id, step, action, note, date, &why), &why);
}

int dx_case_green(struct dx_ctx *c, int64_t id)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, case_green(c->st, &c->actor, id, &why), &why);
}

int dx_case_get(struct dx_ctx *c, int64_t id, struct dx_case_view *out)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, case_get(c->st, &c->actor, id, out, &why), &why);
}

int dx_case_check(struct dx_ctx *c, const char *hh_no, const char *date, int risks_unresolved,
		  int new_risk, struct dx_hh_ref *hh, struct dx_elim_result *res)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, case_check(c->st, &c->actor, hh_no, date, risks_unresolved, new_risk, hh, res, &why), &why);
}

int dx_case_list(struct dx_ctx *c, const char *area, const char *state,
		 int (*fn)(const struct dx_case_row *, void *), void *arg)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, case_list(c->st, &c->actor, area, state, fn, arg, &why), &why);
}

int dx_case_rollback(struct dx_ctx *c, const char *hh_no, const char *date, const char *reason,
		     int64_t *episode_id)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, case_rollback(c->st, &c->actor, &c->today, hh_no, date, reason, episode_id, &why),
			   &why);
}

const char *const dx_case_heads[DX_CASE_COLS] = {
	"案件编号", "户编号",   "行政村代码", "类型",     "状态",     "立案日期", "办结期限", "办结日期",
	"理由",     "监测类别", "风险类型",   "消除方式", "绿色通道", "立案人",   "标记"};

void dx_case_cells(const struct dx_case_row *c, struct dx_case_buf *buf,
		   const char *cells[DX_CASE_COLS])
{
	dx_snprintf(buf->id, sizeof(buf->id), "%lld", (long long)c->id);
	cells[0] = buf->id;
	cells[1] = c->hh_no;
	cells[2] = c->area_code;
	cells[3] = c->kind;
	cells[4] = c->state;
	cells[5] = c->opened_on;
	cells[6] = c->deadline;
	cells[7] = c->closed_on;
	cells[8] = c->reason;
	cells[9] = c->category;
	cells[10] = c->risks;
	cells[11] = c->elim_kind;
	cells[12] = c->green_channel ? "绿色通道" : "";
	cells[13] = c->opened_by;
	cells[14] = c->flag;
}
