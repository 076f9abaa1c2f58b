/*
 * clue.c - risk clues and the procedure's policy (see clue.h).
 *
 * Policy values, the holiday calendar included, come from app/policy.h:
 * the settings in force for the household's area on the day of the step.
 */
#include "core/dx.h"
#include "app/clue.h"
#include "app/case.h"
#include "app/ctx.h"
#include "app/policy.h"
#include "core/area.h"

int dx_proc_policy(struct dx_store *st, const char *area, const char *date,
		   struct dx_proc_policy *out)
{
	struct dx_date d;
	memset(out, 0, sizeof(*out));
	if (dx_date_parse(date, strlen(date), &d))
		return dx_error(DX_INVALID, "bad procedure date '%s'", date);
	return dx_app_policy(st, area, d.y, date, &out->p);
}

void dx_proc_holidays(const struct dx_proc_policy *pp, struct dx_holidays *h)
{
	dx_app_policy_holidays(&pp->p, h);
}

int dx_proc_deadline(const struct dx_proc_policy *pp, const char *start, char out[11])
{
	struct dx_holidays h;
	struct dx_date d, due;
	int rc;
	if (dx_date_parse(start, strlen(start), &d))
		return DX_INVALID;
	dx_proc_holidays(pp, &h);
	/* domain.md §5: clue to decision ≤ identify_days (working days in some
	 * provinces) */
	if ((rc = dx_deadline_add(&d, pp->p.identify_days, pp->p.working_days, &h, &due)))
		return rc;
	dx_date_format(&due, out);
	return DX_OK;
}

int dx_clue_deadline(struct dx_store *st, const struct dx_date *today, const char *area,
		     const char *found_on, const char *chosen, char out[11], char policy_out[11],
		     struct dx_buf *why)
{
	struct dx_proc_policy pp;
	char t[11], d[11];
	int rc;
	if ((rc = dx_proc_policy(st, area, found_on, &pp)) ||
	    (rc = dx_proc_deadline(&pp, found_on, policy_out)))
		return rc;
	if (!chosen || !*chosen) {
		dx_strlcpy(out, policy_out, 11);
		return DX_OK;
	}
	if ((rc = dx_proc_date(chosen, "核实期限", d, why)))
		return rc;
	dx_date_format(today, t);
	/* a deadline already passed would make the clue overdue at birth */
	if (strcmp(d, t) < 0) {
		dx_buf_addf(why, "核实期限 %s 早于今天（%s）：请选今天或以后的日期", d, t);
		return DX_INVALID;
	}
	/* domain.md §5, §8: the policy's time limit is the longest allowed */
	if (strcmp(d, policy_out) > 0) {
		dx_buf_addf(why,
			    "核实期限 %s 晚于政策规定的期限 %s（%s 发现，%d 个%s日内核实）："
			    "请选 %s 或更早的日期",
			    d, policy_out, found_on, pp.p.identify_days,
			    pp.p.working_days ? "工作" : "自然", policy_out);
		return DX_INVALID;
	}
	dx_strlcpy(out, d, 11);
	return DX_OK;
}

int dx_proc_txn(struct dx_store *st, int (*fn)(struct dx_store *, void *), void *arg)
{
	if (dx_store_in_txn(st))
		return fn(st, arg);
	return dx_store_txn(st, fn, arg);
}

int dx_proc_date(const char *s, const char *what, char out[11], struct dx_buf *why)
{
	struct dx_date d;
	if (!s || dx_date_parse(s, strlen(s), &d)) {
		dx_buf_addf(why, "%s \"%s\" 不是有效日期（应为 YYYY-MM-DD）", what, s ? s : "");
		return DX_INVALID;
	}
	dx_date_format(&d, out);
	return DX_OK;
}

int dx_event_date(const struct dx_date *today, const char *s, const char *what, char out[11],
		  struct dx_buf *why)
{
	struct dx_date d;
	char t[11];
	int rc = dx_proc_date(s, what, out, why);
	if (rc)
		return rc;
	dx_date_parse(out, strlen(out), &d);
	if (dx_date_cmp(&d, today) > 0) {
		dx_buf_addf(why, "%s %s 晚于今天（%s），不能登记尚未发生的事", what, out,
			    dx_date_format(today, t));
		return DX_INVALID;
	}
	return DX_OK;
}

int dx_event_month(const struct dx_date *today, const char *ym, const char *what,
		   struct dx_buf *why)
{
	char now[11];
	dx_date_format(today, now);
	if (strlen(ym) >= 7 && strncmp(ym, now, 7) > 0) {
		dx_buf_addf(why, "%s %.7s 晚于本月（%.7s），不能登记尚未发生的事", what, ym, now);
		return DX_INVALID;
	}
	return DX_OK;
}

static int writable(const struct dx_actor *a, struct dx_buf *why)
{
	return dx_actor_may_write(a, why);
}

const char *dx_clue_source(const char *s)
{
	static const struct {
		const char *alias, *canon;
	} src[] = {
		{"农户自主申报", "农户自主申报"}, {"自主申报", "农户自主申报"},
		{"干部排查", "干部排查"},         {"排查", "干部排查"},
		{"部门预警", "部门预警"},         {"预警", "部门预警"},
		{"热线/小程序", "热线/小程序"},   {"热线", "热线/小程序"},
		{"小程序", "热线/小程序"},
	};
	for (size_t i = 0; s && i < DX_ARRAY_SIZE(src); i++)
		if (!strcmp(s, src[i].alias))
			return src[i].canon;
	return NULL;
}

/*
 * A cadre's clue reason: 风险类型 from the one list cases use (dx_case_risks),
 * then, after "：", what was seen: "因病：住院" (stored as written, the risks
 * in code-table order).  A department warning's reason is its own.
 */
static int clue_reason(const char *text, const char *found_on, const struct dx_date *today,
		       char *out, size_t size, struct dx_buf *why)
{
	char head[256], risks[128];
	const char *rest = NULL, *p;
	struct dx_date d;
	size_t n;
	if (!text || !*text) {
		dx_buf_adds(why, "请填写线索原因（--reason 风险类型[：说明]，例如 因病：住院）");
		return DX_INVALID;
	}
	p = strstr(text, "：");
	if (p) {
		rest = p + strlen("：");
	} else if ((p = strchr(text, ':'))) {
		rest = p + 1;
	} else {
		p = text + strlen(text);
	}
	n = (size_t)(p - text) < sizeof(head) ? (size_t)(p - text) : sizeof(head) - 1;
	memcpy(head, text, n);
	head[n] = '\0';
	if (!found_on || dx_date_parse(found_on, strlen(found_on), &d))
		d = *today;
	if (dx_case_risks(head, d.y, risks, sizeof(risks), why)) {
		dx_buf_adds(why, "；线索原因写作 风险类型[：说明]，例如 因病：住院");
		return DX_INVALID;
	}
	if (dx_snprintf(out, size, "%s%s%s", risks, rest && *rest ? "：" : "",
			rest ? rest : "")) {
		/* cut to the record's size at a character boundary */
		n = strlen(out);
		while (n && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
			n--;
		if (n && (unsigned char)out[n - 1] >= 0xC0)
			n--;
		out[n] = '\0';
	}
	return DX_OK;
}

struct open_find {
	int64_t household_id;
	struct dx_clue_row found;
};

static int open_clue_cb(const struct dx_clue_row *c, void *arg)
{
	struct open_find *f = arg;
	if (c->household_id != f->household_id)
		return 0;
	f->found = *c;
	return DX_EXISTS;
}

/* One clue 待核实 per household: a second is refused, naming the first. */
static int no_open_clue(struct dx_store *st, const struct dx_hh_ref *hh, struct dx_buf *why)
{
	struct open_find f;
	int rc;
	memset(&f, 0, sizeof(f));
	f.household_id = hh->id;
	rc = dx_store_clue_list(st, hh->area_code, "待核实", open_clue_cb, &f);
	if (rc == DX_EXISTS)
		dx_buf_addf(why, "户 %s 已有待核实的线索 %lld（%s发现，核实期限 %s）：请先核实，"
				 "立案或关闭后再登记新线索",
			    hh->hh_no, (long long)f.found.id, f.found.found_on, f.found.deadline);
	return rc;
}

struct add_ctx {
	const struct dx_actor *a;
	const struct dx_date *today;
	const struct dx_clue_req *r;
	struct dx_clue_row *out;
	struct dx_buf *why;
};

static int clue_add_tx(struct dx_store *st, void *arg)
{
	struct add_ctx *x = arg;
	const struct dx_clue_req *r = x->r;
	struct dx_clue_row *c = x->out;
	struct dx_hh_ref hh;
	char after[256], key[24], occurred[11] = "", county[7], policy_deadline[11];
	int64_t prior = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	if (r->warning_id) {
		rc = dx_store_warning_for_clue(st, r->warning_id, &c->household_id, c->reason,
					       sizeof(c->reason), occurred, &prior);
		if (rc == DX_NOT_FOUND)
			dx_buf_addf(x->why, "没有编号为 %lld 的部门预警", (long long)r->warning_id);
		if (rc)
			return rc;
		if (!c->household_id) {
			dx_buf_adds(x->why, "该预警未匹配到本地农户，无法生成线索");
			return DX_STATE;
		}
		if (prior) {
			dx_buf_addf(x->why, "该预警已生成线索 %lld", (long long)prior);
			return DX_EXISTS;
		}
		dx_strlcpy(c->source, "部门预警", sizeof(c->source));
		if ((rc = dx_store_hh_by_id(st, c->household_id, &hh)))
			return rc;
	} else {
		const char *src = dx_clue_source(r->source);
		if (!src) {
			dx_buf_addf(x->why, "线索来源 \"%s\" 无效（应为 农户自主申报、干部排查、"
					    "部门预警 或 热线/小程序）",
				    r->source ? r->source : "");
			return DX_INVALID;
		}
		if ((rc = clue_reason(r->reason, r->found_on, x->today, c->reason,
				      sizeof(c->reason), x->why)))
			return rc;
		dx_strlcpy(c->source, src, sizeof(c->source));
		rc = dx_store_hh_by_no(st, r->hh_no ? r->hh_no : "", &hh);
		/* another area's household answers as a missing one, so that
		 * an account cannot probe which 户编号 exist elsewhere */
		if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(x->a, hh.area_code))) {
			dx_buf_addf(x->why, "没有户编号为 %s 的农户（或不在账号 %s 的管辖范围内）",
				    r->hh_no ? r->hh_no : "", x->a->acc.name);
			return DX_NOT_FOUND;
		}
		if (rc)
			return rc;
	}
	if (!dx_actor_sees(x->a, hh.area_code)) {
		dx_buf_addf(x->why, "户 %s 不在账号 %s 的管辖范围内", hh.hh_no, x->a->acc.name);
		return DX_DENIED;
	}
	/* a department's signal keeps its own clue (its feedback row) */
	if (!r->warning_id && (rc = no_open_clue(st, &hh, x->why)))
		return rc;
	if ((rc = dx_event_date(x->today, r->found_on ? r->found_on : occurred, "发现日期",
			       c->found_on, x->why)))
		return rc;
	if ((rc = dx_clue_deadline(st, x->today, hh.area_code, c->found_on, r->deadline, c->deadline,
				   policy_deadline, x->why)))
		return rc;
	c->household_id = hh.id;
	c->warning_id = r->warning_id;
	dx_strlcpy(c->state, "待核实", sizeof(c->state));
	dx_strlcpy(c->created_by, x->a->acc.name, sizeof(c->created_by));
	if ((rc = dx_store_clue_insert(st, c)))
		return rc;
	dx_strlcpy(c->hh_no, hh.hh_no, sizeof(c->hh_no));
	dx_strlcpy(c->area_code, hh.area_code, sizeof(c->area_code));
	if (r->warning_id && (rc = dx_store_warning_set_clue(st, r->warning_id, c->id)))
		return rc;
	dx_snprintf(key, sizeof(key), "%lld", (long long)c->id);
	/* no reason text: it may describe health (domain.md: never in logs) */
	/* a chosen deadline names the policy's beside it */
	dx_snprintf(after, sizeof(after),
		    "{\"household\":\"%s\",\"source\":\"%s\",\"found_on\":\"%s\","
		    "\"deadline\":\"%s\",%s%s%s\"state\":\"待核实\"}",
		    hh.hh_no, c->source, c->found_on, c->deadline,
		    r->deadline && *r->deadline ? "\"policy_deadline\":\"" : "",
		    r->deadline && *r->deadline ? policy_deadline : "",
		    r->deadline && *r->deadline ? "\"," : "");
	dx_area_county(hh.area_code, county);
	return dx_store_audit(st, county, x->a->acc.name, "clue.add", "clue", key, NULL, after);
}

static int clue_add(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
		    const struct dx_clue_req *r, struct dx_clue_row *out, struct dx_buf *why)
{
	struct add_ctx x = {a, today, r, out, why};
	int rc = writable(a, why);
	return rc ? rc : dx_proc_txn(st, clue_add_tx, &x);
}

struct close_ctx {
	const struct dx_actor *a;
	const struct dx_date *today;
	int64_t id;
	const char *result, *date;
	struct dx_buf *why;
};

static int clue_close_tx(struct dx_store *st, void *arg)
{
	struct close_ctx *x = arg;
	struct dx_clue_row c;
	char key[24], after[96], county[7];
	int rc = dx_store_clue_get(st, x->id, &c);
	if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(x->a, c.area_code))) {
		/* out of scope looks the same as missing: no probing */
		dx_buf_addf(x->why, "没有编号为 %lld 的线索（或不在管辖范围内）", (long long)x->id);
		return DX_NOT_FOUND;
	}
	if (rc)
		return rc;
	if (strcmp(c.state, "待核实")) {
		dx_buf_addf(x->why, "线索 %lld 已是%s状态，不能关闭", (long long)x->id, c.state);
		return DX_STATE;
	}
	if (!x->result || !*x->result) {
		dx_buf_adds(x->why, "请填写核实结果（--result），例如 核实无风险");
		return DX_INVALID;
	}
	if ((rc = dx_event_date(x->today, x->date, "关闭日期", c.closed_on, x->why)))
		return rc;
	if (strcmp(c.closed_on, c.found_on) < 0) {
		dx_buf_addf(x->why, "关闭日期 %s 早于发现日期 %s", c.closed_on, c.found_on);
		return DX_INVALID;
	}
	dx_strlcpy(c.state, "已关闭", sizeof(c.state));
	dx_strlcpy(c.result, x->result, sizeof(c.result));
	if ((rc = dx_store_clue_update(st, &c)))
		return rc;
	dx_snprintf(key, sizeof(key), "%lld", (long long)c.id);
	dx_snprintf(after, sizeof(after), "{\"state\":\"已关闭\",\"closed_on\":\"%s\"}", c.closed_on);
	dx_area_county(c.area_code, county);
	return dx_store_audit(st, county, x->a->acc.name, "clue.close", "clue", key,
			      "{\"state\":\"待核实\"}", after);
}

static int clue_close(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
		      int64_t id, const char *result, const char *date, struct dx_buf *why)
{
	struct close_ctx x = {a, today, id, result, date, why};
	int rc = writable(a, why);
	return rc ? rc : dx_proc_txn(st, clue_close_tx, &x);
}

static const char *next_state_json(const char *outcome)
{
	return !strcmp(outcome, "未通过") ? "{\"state\":\"待核实\",\"case_outcome\":\"未通过\"}"
					  : "{\"state\":\"待核实\",\"case_outcome\":\"已撤销\"}";
}

int dx_clue_reopen(struct dx_store *st, int64_t clue_id, int64_t case_id, const char *outcome,
		   const char *note, const char *actor)
{
	struct dx_clue_row c;
	char key[24], before[64], county[7];
	int rc = dx_store_clue_get(st, clue_id, &c);
	if (rc)
		return rc;
	if (strcmp(c.state, "已立案") || c.case_id != case_id)
		return DX_OK; /* not this case's clue any more */
	dx_strlcpy(c.state, "待核实", sizeof(c.state));
	dx_snprintf(c.result, sizeof(c.result), "案件%lld%s：%s", (long long)case_id, outcome,
		    note ? note : "");
	c.case_id = 0;
	if ((rc = dx_store_clue_update(st, &c)))
		return rc;
	dx_snprintf(key, sizeof(key), "%lld", (long long)c.id);
	dx_snprintf(before, sizeof(before), "{\"state\":\"已立案\",\"case\":%lld}",
		    (long long)case_id);
	dx_area_county(c.area_code, county);
	/* the note may describe health: the audit names the outcome only */
	return dx_store_audit(st, county, actor, "clue.reopen", "clue", key, before,
			      next_state_json(outcome));
}

int dx_clue_list(struct dx_ctx *c, const char *area, const char *state,
		 int (*fn)(const struct dx_clue_row *, void *), void *arg)
{
	struct dx_buf why = DX_BUF_INIT;
	char scope[13];
	int rc = dx_actor_area(&c->actor, area, scope, &why);
	if (!rc)
		rc = dx_store_clue_list(c->st, scope, state, fn, arg);
	return dx_ctx_done(c, rc, &why);
}

int dx_clue_add(struct dx_ctx *c, const struct dx_clue_req *r, struct dx_clue_row *out)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, clue_add(c->st, &c->actor, &c->today, r, out, &why), &why);
}

int dx_clue_close(struct dx_ctx *c, int64_t id, const char *result, const char *date)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, clue_close(c->st, &c->actor, &c->today, id, result, date, &why), &why);
}
