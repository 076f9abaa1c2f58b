/*
 * funds.c - the project library's use cases (funds.h): lists and records
 * read through store/funds.h, money in fen throughout.
 */
#include "core/dx.h"
#include "app/funds.h"
#include "app/ctx.h"
#include "core/area.h"
#include "app/account.h"
#include "app/clue.h"
#include "app/import_int.h" /* dx_json_field: audit values */
#include "core/money.h"
#include "core/strbuf.h"
#include "store/ledger.h"

#include <cjson/cJSON.h>
#include "app/policy.h"

struct lctx {
	struct dx_fund_project *v;
	int64_t (*paid)[DX_FUND_NSOURCES];
	size_t n, cap;
};

static int on_project(const struct dx_fund_project *p, void *arg)
{
	struct lctx *c = arg;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = dx_xrealloc(c->v, c->cap * sizeof(*c->v));
		c->paid = dx_xrealloc(c->paid, c->cap * sizeof(*c->paid));
	}
	c->v[c->n] = *p;
	memset(c->paid[c->n], 0, sizeof(c->paid[0]));
	c->n++;
	return 0;
}

static int on_payment(const struct dx_fund_payment *y, void *arg)
{
	struct lctx *c = arg;
	int s = dx_fund_source_index(y->source);
	for (size_t i = 0; i < c->n && s >= 0; i++)
		if (c->v[i].id == y->project_id) {
			c->paid[i][s] += y->amount;
			break;
		}
	return 0;
}

static int project_list(struct dx_store *st, const char *area, int year, const char *as_of,
			int (*fn)(const struct dx_funds_row *, void *), void *arg)
{
	struct lctx c = {0};
	int rc;
	if (!(rc = dx_fund_projects_each(st, area, year, on_project, &c)))
		rc = dx_fund_payments_each(st, area, year, as_of, on_payment, &c);
	for (size_t i = 0; i < c.n && !rc; i++) {
		struct dx_funds_row row = {.p = &c.v[i]};
		memcpy(row.paid, c.paid[i], sizeof(row.paid));
		rc = fn(&row, arg);
	}
	free(c.v);
	free(c.paid);
	return rc;
}

static int rec_payment(const struct dx_fund_payment *y, void *arg)
{
	struct dx_funds_record *r = arg;
	if (y->project_id != r->p.id)
		return 0;
	r->pay = dx_xrealloc(r->pay, (r->npay + 1) * sizeof(*r->pay));
	r->pay[r->npay++] = *y;
	return 0;
}

static int rec_asset(const struct dx_fund_asset *a, void *arg)
{
	struct dx_funds_record *r = arg;
	if (a->project_id != r->p.id)
		return 0;
	r->assets = dx_xrealloc(r->assets, (r->nassets + 1) * sizeof(*r->assets));
	r->assets[r->nassets++] = *a;
	return 0;
}

static int rec_ben(const struct dx_fund_hh *b, void *arg)
{
	struct dx_funds_record *r = arg;
	struct ben *e;
	if (b->project_id != r->p.id)
		return 0;
	r->ben = dx_xrealloc(r->ben, (r->nben + 1) * sizeof(*r->ben));
	e = &r->ben[r->nben++];
	dx_strlcpy(e->hh_no, b->hh_no, sizeof(e->hh_no));
	dx_strlcpy(e->head, b->head_name, sizeof(e->head));
	dx_strlcpy(e->area, b->area_code, sizeof(e->area));
	dx_strlcpy(e->link, b->link_mode, sizeof(e->link));
	e->persons = b->persons;
	return 0;
}

static void jcopy(const cJSON *o, const char *name, char *out, size_t size)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	dx_strlcpy(out, cJSON_IsString(v) ? v->valuestring : "", size);
}

static int rec_hist(const char *at, const char *actor, const char *after, void *arg)
{
	struct dx_funds_record *r = arg;
	struct hist *h;
	cJSON *o = cJSON_Parse(after);
	r->hist = dx_xrealloc(r->hist, (r->nhist + 1) * sizeof(*r->hist));
	h = &r->hist[r->nhist++];
	memset(h, 0, sizeof(*h));
	dx_strlcpy(h->at, at, sizeof(h->at));
	dx_strlcpy(h->actor, actor, sizeof(h->actor));
	jcopy(o, "步骤", h->step, sizeof(h->step));
	jcopy(o, "日期", h->date, sizeof(h->date));
	jcopy(o, "状态", h->status, sizeof(h->status));
	jcopy(o, "说明", h->note, sizeof(h->note));
	cJSON_Delete(o);
	return 0;
}

static int record(struct dx_store *st, const char *county, const char *code, const char *scope,
		  struct dx_funds_record *r)
{
	int rc;
	memset(r, 0, sizeof(*r));
	if ((rc = dx_fund_project_get(st, county, code, &r->p)))
		return rc;
	if (scope && *scope && !dx_area_in_scope(r->p.area_code, scope))
		return DX_DENIED;
	/* the project's own area and year hold exactly its rows */
	if (!(rc = dx_fund_payments_each(st, r->p.area_code, r->p.year, "", rec_payment, r)) &&
	    !(rc = dx_fund_beneficiaries_each(st, r->p.area_code, r->p.year, rec_ben, r)) &&
	    !(rc = dx_fund_assets_each(st, r->p.area_code, r->p.year, rec_asset, r)))
		rc = dx_fund_project_history(st, r->p.county, r->p.code, rec_hist, r);
	if (rc)
		dx_funds_record_release(r);
	return rc;
}

void dx_funds_record_release(struct dx_funds_record *r)
{
	free(r->pay);
	free(r->assets);
	free(r->ben);
	free(r->hist);
	r->hist = NULL;
	r->nhist = 0;
	r->pay = NULL;
	r->assets = NULL;
	r->ben = NULL;
	r->npay = r->nassets = r->nben = 0;
}

struct tctx {
	struct dx_funds_town *v;
	size_t n;
};

static int town_add(const struct dx_funds_row *r, void *arg)
{
	struct tctx *c = arg;
	char code[13];
	size_t i;
	dx_strlcpy(code, r->p->area_code, strlen(r->p->area_code) >= 9 ? 10 : 7);
	for (i = 0; i < c->n && strcmp(c->v[i].code, code); i++)
		;
	if (i == c->n) {
		c->v = dx_xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
		memset(&c->v[c->n], 0, sizeof(c->v[0]));
		dx_strlcpy(c->v[c->n++].code, code, sizeof(c->v[0].code));
	}
	c->v[i].projects++;
	c->v[i].allocated += r->p->funds[DX_FUND_CENTRAL] + r->p->funds[DX_FUND_PROVINCIAL];
	c->v[i].paid += r->paid[DX_FUND_CENTRAL] + r->paid[DX_FUND_PROVINCIAL];
	return 0;
}

static int town_rank(const void *a, const void *b)
{
	const struct dx_funds_town *x = a, *y = b;
	if (x->bp != y->bp)
		return x->bp > y->bp ? -1 : 1;
	return strcmp(x->code, y->code);
}

static int towns(struct dx_store *st, const char *area, int year, const char *as_of,
		 int (*fn)(const struct dx_funds_town *, void *), void *arg)
{
	struct tctx c = {0};
	int rc = project_list(st, area, year, as_of, town_add, &c);
	for (size_t i = 0; i < c.n; i++) {
		struct dx_area a;
		struct dx_funds_town *t = &c.v[i];
		t->bp = t->allocated > 0 ? (t->paid * 10000 + t->allocated / 2) / t->allocated : -1;
		if (!rc && !(rc = dx_store_area_get(st, t->code, &a)))
			dx_strlcpy(t->name, a.name, sizeof(t->name));
		if (rc == DX_NOT_FOUND)
			rc = 0;
	}
	if (c.n)
		qsort(c.v, c.n, sizeof(*c.v), town_rank);
	for (size_t i = 0; i < c.n && !rc; i++)
		rc = fn(&c.v[i], arg);
	free(c.v);
	return rc;
}

const char *dx_fund_project_status(const struct dx_fund_project *p)
{
	return p->accepted_on[0]    ? "已验收"
	       : p->completed_on[0] ? "已完工"
	       : p->started_on[0]   ? "已开工"
	       : p->approved_on[0]  ? "已审定"
	       : p->assessed_on[0]  ? "已论证"
	       : p->reviewed_on[0]  ? "已审核"
	       : p->applied_on[0]   ? "已申报"
				    : "储备";
}

int dx_fund_type_forbidden(const char *list, const char *type)
{
	static const char *const seps[] = {"、", "，", ",", ";", "；", " "};
	const char *p = list;
	size_t tn = strlen(type);
	if (!list || !type || !*type)
		return 0;
	while (*p) {
		size_t n = strlen(p), cut = n, skip = 0;
		for (size_t i = 0; i < DX_ARRAY_SIZE(seps); i++) {
			const char *s = strstr(p, seps[i]);
			if (s && (size_t)(s - p) < cut) {
				cut = (size_t)(s - p);
				skip = strlen(seps[i]);
			}
		}
		if (cut == tn && !memcmp(p, type, tn))
			return 1;
		p += cut + skip;
	}
	return 0;
}

/* the procedure's steps in order, with the levels that take them */
static const struct {
	const char *name;
	size_t off;
	enum dx_level lo, hi;
} steps[] = {
	{"村申报", offsetof(struct dx_fund_project, applied_on), DX_LEVEL_VILLAGE, DX_LEVEL_TOWNSHIP},
	{"乡镇审核", offsetof(struct dx_fund_project, reviewed_on), DX_LEVEL_TOWNSHIP,
	 DX_LEVEL_TOWNSHIP},
	{"部门论证", offsetof(struct dx_fund_project, assessed_on), DX_LEVEL_COUNTY, DX_LEVEL_COUNTY},
	{"县审定", offsetof(struct dx_fund_project, approved_on), DX_LEVEL_COUNTY, DX_LEVEL_COUNTY},
	{"开工", offsetof(struct dx_fund_project, started_on), DX_LEVEL_VILLAGE, DX_LEVEL_COUNTY},
	{"完工", offsetof(struct dx_fund_project, completed_on), DX_LEVEL_VILLAGE, DX_LEVEL_COUNTY},
	{"验收", offsetof(struct dx_fund_project, accepted_on), DX_LEVEL_COUNTY, DX_LEVEL_COUNTY},
};
static const char *const level_names[] = {"", "村", "乡镇", "县"};

/*
 * 退回 and 不予立项, like the monitoring procedure's 不通过: taken by the
 * level whose step comes next (the reviewer of what was handed up), with
 * a reason, before 开工.  退回 clears the last step taken, handing the
 * project back to the level that took it; 不予立项 ends the project (its
 * status stays, the importer keeps it).  p is changed in place.
 */
static int turn_back(const struct dx_actor *a, struct dx_fund_project *p, const char *step,
		     const char *reason, struct dx_buf *why)
{
	size_t last = 0, next;
	int done = 0;
	if (!reason || !*reason) {
		dx_buf_addf(why, "%s须说明理由（--reason）", step);
		return DX_INVALID;
	}
	if (p->started_on[0]) {
		dx_buf_addf(why, "项目 \"%s\" 已于 %s 开工，不能%s", p->code, p->started_on, step);
		return DX_STATE;
	}
	for (size_t i = 0; i < 4; i++)
		if (*((char *)p + steps[i].off)) {
			last = i;
			done = 1;
		}
	if (!done && !strcmp(step, "退回")) {
		dx_buf_addf(why, "项目 \"%s\" 尚未村申报，没有可退回的步骤", p->code);
		return DX_STATE;
	}
	if (done && last == 3 && !strcmp(step, "不予立项")) {
		dx_buf_addf(why, "项目 \"%s\" 已县审定，不能不予立项（可先退回）", p->code);
		return DX_STATE;
	}
	/* the reviewer: the level of the step after the last one taken */
	next = done ? last + 1 : 0;
	if (next > 3)
		next = 3; /* 县审定 taken: the county takes it back */
	if (a->level < steps[next].lo || a->level > steps[next].hi ||
	    a->level == DX_LEVEL_VILLAGE) {
		dx_buf_addf(why, "项目 \"%s\" 待%s，%s应由%s级账号办理，本账号是%s级", p->code,
			    steps[next].name, step,
			    level_names[steps[next].lo == DX_LEVEL_VILLAGE ? DX_LEVEL_TOWNSHIP
									     : steps[next].lo],
			    level_names[a->level]);
		return DX_DENIED;
	}
	if (!strcmp(step, "退回"))
		*((char *)p + steps[last].off) = 0;
	return DX_OK;
}

struct step_write {
	const struct dx_actor *a;
	struct dx_fund_project *p;
	const char *step, *date, *reason, *before;
};

static int write_step(struct dx_store *st, void *arg)
{
	struct step_write *w = arg;
	struct dx_buf before = DX_BUF_INIT, after = DX_BUF_INIT;
	int rc = dx_fund_project_put(st, w->p);
	if (!rc) {
		dx_json_field(&before, "状态", w->before);
		dx_json_field(&after, "步骤", w->step);
		dx_json_field(&after, "日期", w->date);
		dx_json_field(&after, "状态", w->p->status);
		if (w->reason && *w->reason)
			dx_json_field(&after, "说明", w->reason);
		dx_json_close(&before);
		dx_json_close(&after);
		rc = dx_store_audit(st, w->p->county, w->a->acc.name, "project.step", "fund_project",
				    w->p->code, before.buf, after.buf);
	}
	dx_buf_release(&before);
	dx_buf_release(&after);
	return rc;
}

static int funds_step(struct dx_store *st, const struct dx_actor *a,
		      const struct dx_date *today, const char *county, const char *code,
		      const char *step, const char *date, const char *reason, struct dx_buf *why)
{
	struct dx_fund_project p;
	struct step_write w = {a, &p, step, NULL, reason, NULL};
	char on[11], old[16];
	size_t k;
	int rc;
	if ((rc = dx_actor_may_write(a, why)))
		return rc;
	for (k = 0; k < DX_ARRAY_SIZE(steps) && strcmp(steps[k].name, step); k++)
		;
	if (k == DX_ARRAY_SIZE(steps) && strcmp(step, "退回") && strcmp(step, "不予立项")) {
		dx_buf_addf(why, "步骤 \"%s\" 无效（应为 村申报、乡镇审核、部门论证、县审定、开工、完工、"
				 "验收，或 退回、不予立项）",
			    step);
		return DX_INVALID;
	}
	if (!date || !*date) {
		dx_date_format(today, on);
	} else if ((rc = dx_event_date(today, date, step, on, why))) {
		return rc;
	}
	if ((rc = dx_fund_project_get(st, county, code, &p))) {
		if (rc == DX_NOT_FOUND)
			dx_buf_addf(why, "县 %s 的项目库中没有项目编号 \"%s\"", county, code);
		return rc;
	}
	if (!dx_actor_sees(a, p.area_code)) {
		dx_buf_addf(why, "项目 \"%s\"（%s）不在本账号的管辖范围内", code, p.area_code);
		return DX_DENIED;
	}
	if (!strcmp(p.status, "不予立项")) {
		dx_buf_addf(why, "项目 \"%s\" 已不予立项，不能再办理", code);
		return DX_STATE;
	}
	if (k == DX_ARRAY_SIZE(steps)) { /* 退回 or 不予立项: before 开工 */
		if ((rc = turn_back(a, &p, step, reason, why)))
			return rc;
		dx_strlcpy(old, p.status, sizeof(old));
		if (!strcmp(step, "不予立项"))
			dx_strlcpy(p.status, "不予立项", sizeof(p.status));
		else
			dx_strlcpy(p.status, dx_fund_project_status(&p), sizeof(p.status));
		w.date = on;
		w.before = old;
		return dx_store_txn(st, write_step, &w);
	}
	if (a->level < steps[k].lo || a->level > steps[k].hi) {
		dx_buf_addf(why, "%s应由%s%s%s级账号办理，本账号是%s级", step, level_names[steps[k].lo],
			    steps[k].lo != steps[k].hi ? "或" : "",
			    steps[k].lo != steps[k].hi ? level_names[steps[k].hi] : "",
			    level_names[a->level]);
		return DX_DENIED;
	}
	if (*((char *)&p + steps[k].off)) {
		dx_buf_addf(why, "项目 \"%s\" 已于 %s %s，不能重复办理", code, (char *)&p + steps[k].off,
			    step);
		return DX_INVALID;
	}
	if (k > 0) {
		const char *prev = (char *)&p + steps[k - 1].off;
		if (!*prev) {
			dx_buf_addf(why, "项目 \"%s\" 尚未%s，须先%s再%s", code, steps[k - 1].name,
				    steps[k - 1].name, step);
			return DX_INVALID;
		}
		if (strcmp(on, prev) < 0) {
			dx_buf_addf(why, "%s日期 %s 早于%s日期 %s", step, on, steps[k - 1].name, prev);
			return DX_INVALID;
		}
	}
	if (!strcmp(steps[k].name, "县审定")) { /* the 负面清单 in force that day */
		struct dx_policy pol;
		if ((rc = dx_app_policy(st, p.area_code, p.year, on, &pol)))
			return rc;
		if (dx_fund_type_forbidden(pol.project_forbidden_types, p.type)) {
			dx_buf_addf(why, "项目 \"%s\" 的类型 %s 在负面清单内（政策参数 负面清单），"
					 "不能县审定：请调整项目类型或不予立项",
				    code, p.type);
			return DX_INVALID;
		}
	}
	dx_strlcpy(old, p.status, sizeof(old));
	dx_strlcpy((char *)&p + steps[k].off, on, 11);
	dx_strlcpy(p.status, dx_fund_project_status(&p), sizeof(p.status));
	w.date = on;
	w.before = old;
	return dx_store_txn(st, write_step, &w);
}

static int funds_county(struct dx_store *st, const char *county, const char *area, char cty[7],
			struct dx_buf *why)
{
	if (county && *county)
		dx_strlcpy(cty, county, 7);
	else if (strlen(area) >= 6)
		dx_strlcpy(cty, area, 7);
	else if (dx_ledger_single_county(st, cty)) {
		dx_buf_adds(why, "库中有多个县，请用 --county 指定项目所属的县");
		return DX_USAGE;
	}
	return DX_OK;
}

const char *const dx_funds_project_heads[DX_FUNDS_PROJECT_COLS] = {
	"项目编号",       "所属县",         "项目名称",       "年度",
	"实施地点代码",   "项目类型",       "产业项目",       "状态",
	"中央资金（元）", "省级资金（元）", "市级资金（元）", "县级资金（元）",
	"其他资金（元）", "中央和省级（元）", "已拨付（元）",   "支付进度"};

void dx_funds_project_cells(const struct dx_funds_row *row, struct dx_funds_project_buf *buf,
			    const char *cells[DX_FUNDS_PROJECT_COLS])
{
	const struct dx_fund_project *p = row->p;
	int64_t up = p->funds[DX_FUND_CENTRAL] + p->funds[DX_FUND_PROVINCIAL];
	int64_t paid = row->paid[DX_FUND_CENTRAL] + row->paid[DX_FUND_PROVINCIAL];
	size_t n = 0;
	dx_snprintf(buf->year, sizeof(buf->year), "%d", p->year);
	cells[n++] = p->code;
	cells[n++] = p->county;
	cells[n++] = p->name;
	cells[n++] = buf->year;
	cells[n++] = p->area_code;
	cells[n++] = p->type;
	cells[n++] = p->industry ? "是" : "否";
	cells[n++] = p->status;
	for (int s = 0; s < DX_FUND_NSOURCES; s++)
		cells[n++] = dx_money_format(p->funds[s], buf->funds[s], sizeof(buf->funds[s]));
	cells[n++] = dx_money_format(up, buf->up, sizeof(buf->up));
	cells[n++] = dx_money_format(paid, buf->paid, sizeof(buf->paid));
	/* 支付进度 (中央+省级), as GET /api/projects's progress_bp; blank when
	 * nothing is allocated */
	buf->rate[0] = 0;
	if (up > 0) {
		int64_t bp = (paid * 10000 + up / 2) / up;
		dx_snprintf(buf->rate, sizeof(buf->rate), "%lld.%02lld%%", (long long)(bp / 100),
			    (long long)(bp % 100));
	}
	cells[n++] = buf->rate;
}

/* ---- the use cases, on the request context (app/ctx.h) ---- */

int dx_funds_project_list(struct dx_ctx *c, const char *area, int year, const char *as_of,
			  int (*fn)(const struct dx_funds_row *, void *), void *arg)
{
	return dx_ctx_done(c, project_list(c->st, area, year, as_of, fn, arg), NULL);
}

int dx_funds_towns(struct dx_ctx *c, const char *area, int year, const char *as_of,
		   int (*fn)(const struct dx_funds_town *, void *), void *arg)
{
	return dx_ctx_done(c, towns(c->st, area, year, as_of, fn, arg), NULL);
}

int dx_funds_record(struct dx_ctx *c, const char *county, const char *code, const char *scope,
		    struct dx_funds_record *r)
{
	return dx_ctx_done(c, record(c->st, county, code, scope, r), NULL);
}

int dx_funds_step(struct dx_ctx *c, const char *county, const char *code, const char *step,
		  const char *date, const char *reason)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c,
			   funds_step(c->st, &c->actor, &c->today, county, code, step, date,
				      reason, &why),
			   &why);
}

int dx_funds_county(struct dx_ctx *c, const char *county, const char *area, char cty[7])
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, funds_county(c->st, county, area, cty, &why), &why);
}
