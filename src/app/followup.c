/*
 * followup.c - measures and visits use cases (see followup.h).
 */
#include "core/dx.h"
#include "app/followup.h"
#include "app/clue.h"
#include "app/ctx.h"
#include "app/policy.h"
#include "core/area.h"
#include "core/date.h"
#include "core/money.h"
#include "io/template.h"
#include "store/procedure.h"

#include <cjson/cJSON.h>

/* Check the user's values with template `name`'s own cell rules on the
 * day `today`: build a header of canonical names and one row of the given
 * cells. */
static int parse_cells(const char *name, const struct dx_date *today,
		       const char *const *vals, int nfields, struct dx_rowval *rv,
		       struct dx_buf *why);

struct cell_err {
	const struct dx_template *tpl;
	const struct dx_header *h;
	struct dx_buf *why;
	int n;
};

static void cell_err(void *arg, int col, const char *msg)
{
	struct cell_err *e = arg;
	const char *name = col >= 0 && (size_t)col < e->h->ncols ? e->h->names[col] : "";
	dx_buf_addf(e->why, "%s%s: %s", e->n++ ? "；" : "", name, msg);
}

static void header_note(void *arg, int col, const char *head, const char *msg, int is_error)
{
	(void)arg;
	(void)col;
	(void)head;
	(void)msg;
	(void)is_error;
}

static int parse_cells(const char *name, const struct dx_date *today,
		       const char *const *vals, int nfields, struct dx_rowval *rv,
		       struct dx_buf *why)
{
	const struct dx_template *tpl = dx_template_find(name);
	const char *heads[DX_TPL_MAXF], *cells[DX_TPL_MAXF];
	size_t hl[DX_TPL_MAXF], cl[DX_TPL_MAXF], n = 0;
	struct dx_header h;
	struct cell_err e = {0};
	int bad;
	if (!tpl)
		return dx_error(DX_NOT_FOUND, "no template '%s'", name);
	for (size_t i = 0; i < tpl->ncols && n < DX_TPL_MAXF; i++) {
		int f = tpl->cols[i].field;
		if (f >= nfields || tpl->cols[i].kind == DX_COL_SKIP)
			continue;
		heads[n] = tpl->cols[i].name;
		hl[n] = strlen(heads[n]);
		cells[n] = vals[f] ? vals[f] : "";
		cl[n] = strlen(cells[n]);
		n++;
	}
	memset(&h, 0, sizeof(h));
	if (dx_header_map(&h, tpl, heads, hl, n, header_note, NULL)) {
		dx_header_release(&h);
		return dx_error(DX_INVALID, "template '%s' does not map its own headers", name);
	}
	e.tpl = tpl;
	e.h = &h;
	e.why = why;
	bad = dx_row_parse(&h, today, cells, cl, n, rv, cell_err, &e);
	dx_header_release(&h);
	return bad ? DX_INVALID : DX_OK;
}

/* The household by 户编号, if the actor may act on it. */
static int household(struct dx_store *st, const struct dx_actor *a, const char *hh_no,
		     int write, struct dx_hh_ref *hh, struct dx_buf *why)
{
	int rc;
	if (write && (rc = dx_actor_may_write(a, why)))
		return rc;
	if (!hh_no || !*hh_no) {
		dx_buf_adds(why, "请指定户编号");
		return DX_INVALID;
	}
	rc = dx_store_hh_by_no(st, hh_no, hh);
	if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(a, hh->area_code))) {
		/* the same answer for "no such household" and "not yours" */
		dx_buf_addf(why, "在账号 %s 的管辖范围内没有户编号 %s", a->acc.name, hh_no);
		return DX_NOT_FOUND;
	}
	return rc;
}

static char *measure_json(const struct dx_measure *m)
{
	cJSON *o = cJSON_CreateObject();
	char *s;
	cJSON_AddStringToObject(o, "category", m->category);
	cJSON_AddStringToObject(o, "detail", m->detail);
	cJSON_AddStringToObject(o, "status", m->status);
	cJSON_AddNumberToObject(o, "amount_fen", (double)m->amount);
	cJSON_AddStringToObject(o, "start_on", m->start_on);
	cJSON_AddStringToObject(o, "end_on", m->end_on);
	cJSON_AddStringToObject(o, "cadre", m->cadre);
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

int dx_measure_dates(const struct dx_date *today, const char *status, const char *start_on,
		     struct dx_buf *why)
{
	char d[11];
	/* a plan may start later; a measure in place started on a real day */
	if (!start_on || !*start_on || strcmp(status, "已落实"))
		return DX_OK;
	return dx_event_date(today, start_on, "已落实措施的开始日期", d, why);
}

/* Apply the request's given fields to m (checked first). */
static int apply_measure(const struct dx_date *today, const struct dx_measure_req *r,
			 struct dx_measure *m, struct dx_buf *why)
{
	const char *vals[DX_M_NFIELDS] = {0};
	struct dx_rowval *rv = dx_xcalloc(1, sizeof(*rv));
	char amount[32];
	int rc;
	/* unchanged fields are checked too: they must stay valid together */
	dx_money_format(m->amount, amount, sizeof(amount));
	vals[DX_M_HHNO] = "x";
	vals[DX_M_CAT] = r->category ? r->category : m->category;
	vals[DX_M_DETAIL] = r->detail ? r->detail : m->detail;
	vals[DX_M_STATUS] = r->status ? r->status : m->status;
	vals[DX_M_AMOUNT] = r->amount ? r->amount : amount;
	vals[DX_M_START] = r->start_on ? r->start_on : m->start_on;
	vals[DX_M_END] = r->end_on ? r->end_on : m->end_on;
	vals[DX_M_CADRE] = r->cadre ? r->cadre : m->cadre;
	if ((rc = parse_cells("measures", today, vals, DX_M_NFIELDS, rv, why)))
		goto out;
	dx_strlcpy(m->category, rv->text[DX_M_CAT], sizeof(m->category));
	dx_strlcpy(m->detail, rv->text[DX_M_DETAIL], sizeof(m->detail));
	dx_strlcpy(m->status, rv->text[DX_M_STATUS], sizeof(m->status));
	m->amount = rv->blank[DX_M_AMOUNT] ? 0 : rv->num[DX_M_AMOUNT];
	dx_strlcpy(m->start_on, rv->text[DX_M_START], sizeof(m->start_on));
	dx_strlcpy(m->end_on, rv->text[DX_M_END], sizeof(m->end_on));
	dx_strlcpy(m->cadre, rv->text[DX_M_CADRE], sizeof(m->cadre));
	if (m->start_on[0] && m->end_on[0] && strcmp(m->end_on, m->start_on) < 0) {
		dx_buf_addf(why, "结束日期 %s 早于开始日期 %s", m->end_on, m->start_on);
		rc = DX_INVALID;
	} else if ((rc = dx_measure_dates(today, m->status, m->start_on, why))) {
		goto out;
	}
out:
	free(rv);
	return rc;
}

struct measure_write {
	const struct dx_actor *a;
	struct dx_measure *m;
	char *before;
	char county[7];
};

static int write_measure(struct dx_store *st, void *arg)
{
	struct measure_write *w = arg;
	char key[24], *after;
	int rc = w->m->id ? dx_store_measure_update(st, w->m) : dx_store_measure_insert(st, w->m);
	if (rc)
		return rc;
	after = measure_json(w->m);
	dx_snprintf(key, sizeof(key), "%lld", (long long)w->m->id);
	rc = dx_store_audit(st, w->county, w->a->acc.name,
			    w->before ? "measure.update" : "measure.add", "measure", key, w->before,
			    after);
	cJSON_free(after);
	return rc;
}

static int measure_add(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
		       const struct dx_measure_req *r, int64_t *id, struct dx_buf *why)
{
	struct dx_hh_ref hh;
	struct dx_measure m;
	struct measure_write w = {a, &m, NULL, ""};
	int rc;
	if ((rc = household(st, a, r->hh_no, 1, &hh, why)))
		return rc;
	memset(&m, 0, sizeof(m));
	m.household_id = hh.id;
	if ((rc = apply_measure(today, r, &m, why)))
		return rc;
	if (!m.category[0] || !m.status[0]) {
		dx_buf_adds(why, "措施类别和状态必须填写");
		return DX_INVALID;
	}
	dx_area_county(hh.area_code, w.county);
	if ((rc = dx_store_txn(st, write_measure, &w)))
		return rc;
	*id = m.id;
	return DX_OK;
}

static int measure_update(struct dx_store *st, const struct dx_actor *a,
			  const struct dx_date *today, int64_t id, const struct dx_measure_req *r,
			  struct dx_buf *why)
{
	struct dx_measure m;
	struct measure_write w = {a, &m, NULL, ""};
	char area[13];
	int rc = dx_store_measure_get(st, id, &m, area);
	if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(a, area))) {
		dx_buf_addf(why, "在账号 %s 的管辖范围内没有编号为 %lld 的帮扶措施", a->acc.name,
			    (long long)id);
		return DX_NOT_FOUND;
	}
	if (rc)
		return rc;
	if ((rc = dx_actor_may_write(a, why)))
		return rc;
	w.before = measure_json(&m);
	if ((rc = apply_measure(today, r, &m, why)))
		goto out;
	dx_area_county(area, w.county);
	{
		char *after = measure_json(&m);
		int same = !strcmp(after, w.before);
		cJSON_free(after);
		if (same) {
			/* nothing would change: say so rather than "updated" (a
			 * cadre typing 已完成 onto an 已落实 measure saw 已更新 and
			 * nothing stored); nothing is written or audited */
			dx_buf_addf(why, "帮扶措施 %lld 没有变化：状态已是 %s", (long long)id,
				    m.status);
			if (r->status && strcmp(r->status, m.status))
				dx_buf_addf(why, "（%s 记作 %s）", r->status, m.status);
			dx_buf_adds(why, "，请给出要修改的值");
			rc = DX_INVALID;
			goto out;
		}
	}
	rc = dx_store_txn(st, write_measure, &w);
out:
	cJSON_free(w.before);
	return rc;
}

int dx_measure_add(struct dx_ctx *c, const struct dx_measure_req *r, int64_t *id)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, measure_add(c->st, &c->actor, &c->today, r, id, &why), &why);
}

int dx_measure_update(struct dx_ctx *c, int64_t id, const struct dx_measure_req *r)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, measure_update(c->st, &c->actor, &c->today, id, r, &why), &why);
}

int dx_measure_list(struct dx_ctx *c, const char *hh_no,
		    int (*fn)(const struct dx_measure *, void *), void *arg)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_hh_ref hh;
	int rc = household(c->st, &c->actor, hh_no, 0, &hh, &why);
	if (!rc)
		rc = dx_store_measure_list(c->st, hh.id, fn, arg);
	return dx_ctx_done(c, rc, &why);
}

struct visit_write {
	const struct dx_actor *a;
	struct dx_visit *v;
	char county[7];
};

static int write_visit(struct dx_store *st, void *arg)
{
	struct visit_write *w = arg;
	cJSON *o;
	char key[24], *after;
	int rc = dx_store_visit_insert(st, w->v);
	if (rc)
		return rc;
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "household_id", (double)w->v->household_id);
	cJSON_AddStringToObject(o, "visited_on", w->v->visited_on);
	cJSON_AddStringToObject(o, "cadre", w->v->cadre);
	cJSON_AddStringToObject(o, "content", w->v->content);
	cJSON_AddStringToObject(o, "findings", w->v->findings);
	after = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	dx_snprintf(key, sizeof(key), "%lld", (long long)w->v->id);
	rc = dx_store_audit(st, w->county, w->a->acc.name, "visit.add", "visit", key, NULL, after);
	cJSON_free(after);
	return rc;
}

static int visit_add(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
		     const struct dx_visit_req *r, int64_t *id, struct dx_buf *why)
{
	const char *vals[DX_V_NFIELDS] = {0};
	struct dx_rowval *rv = dx_xcalloc(1, sizeof(*rv));
	struct dx_hh_ref hh;
	struct dx_visit v;
	struct visit_write w = {a, &v, ""};
	char d[11];
	int rc;
	if ((rc = household(st, a, r->hh_no, 1, &hh, why)))
		goto out;
	vals[DX_V_HHNO] = r->hh_no;
	vals[DX_V_DATE] = r->date;
	vals[DX_V_CADRE] = r->cadre;
	vals[DX_V_CONTENT] = r->content;
	vals[DX_V_FINDINGS] = r->findings;
	if ((rc = parse_cells("visits", today, vals, DX_V_NFIELDS, rv, why)))
		goto out;
	memset(&v, 0, sizeof(v));
	v.household_id = hh.id;
	dx_strlcpy(v.visited_on, rv->text[DX_V_DATE], sizeof(v.visited_on));
	dx_strlcpy(v.cadre, rv->text[DX_V_CADRE], sizeof(v.cadre));
	dx_strlcpy(v.content, rv->text[DX_V_CONTENT], sizeof(v.content));
	dx_strlcpy(v.findings, rv->text[DX_V_FINDINGS], sizeof(v.findings));
	if ((rc = dx_event_date(today, v.visited_on, "走访日期", d, why)))
		goto out;
	dx_area_county(hh.area_code, w.county);
	if ((rc = dx_store_txn(st, write_visit, &w)))
		goto out;
	*id = v.id;
out:
	free(rv);
	return rc;
}

int dx_caseload(struct dx_ctx *c, const char *area, const char *as_of,
		int (*fn)(const struct dx_caseload *, void *), void *arg)
{
	struct dx_buf why = DX_BUF_INIT;
	char scope[13];
	int rc = dx_actor_area(&c->actor, area, scope, &why);
	if (!rc)
		rc = dx_store_caseload(c->st, scope, as_of, fn, arg);
	return dx_ctx_done(c, rc, &why);
}

struct due_item {
	struct dx_visit_status v;
	char hh_no[32], area[13], head[64], last[11], cadre[64];
	int required;
};

struct due_run {
	const struct dx_policy *p;
	struct due_item *items;
	size_t n, cap;
	long total;
};

static int on_status(const struct dx_visit_status *v, void *arg)
{
	struct due_run *r = arg;
	struct due_item *it;
	int required = v->eliminated ? r->p->visits_per_week_eliminated : r->p->visits_per_week_active;
	r->total++;
	if (v->visits >= required)
		return 0;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->items = dx_xrealloc(r->items, r->cap * sizeof(*r->items));
	}
	it = &r->items[r->n++];
	it->v = *v;
	dx_strlcpy(it->hh_no, v->hh_no, sizeof(it->hh_no));
	dx_strlcpy(it->area, v->area_code, sizeof(it->area));
	dx_strlcpy(it->head, v->head, sizeof(it->head));
	dx_strlcpy(it->last, v->last_visit, sizeof(it->last));
	dx_strlcpy(it->cadre, v->last_cadre, sizeof(it->cadre));
	it->required = required;
	return 0;
}

static int due_cmp(const void *x, const void *y)
{
	const struct due_item *a = x, *b = y;
	int c = strcmp(a->cadre, b->cadre);
	if (!c)
		c = strcmp(a->area, b->area);
	return c ? c : strcmp(a->hh_no, b->hh_no);
}

static int visits_overdue(struct dx_store *st, const struct dx_actor *a, const char *area,
			  const char *as_of, const struct dx_policy *p,
			  int (*fn)(const struct dx_visit_due *, void *), void *arg, long *total,
			  struct dx_buf *why)
{
	struct due_run run = {p, NULL, 0, 0, 0};
	struct dx_policy own;
	struct dx_area vil;
	struct dx_date d;
	char scope[13], from[11];
	int rc;
	if ((rc = dx_actor_area(a, area, scope, why)))
		return rc;
	if (dx_date_parse(as_of, strlen(as_of), &d)) {
		dx_buf_addf(why, "日期 \"%s\" 无效", as_of);
		return DX_INVALID;
	}
	if (!p) { /* the policy in force for the area on as_of */
		if ((rc = dx_app_policy(st, scope, d.y, as_of, &own)))
			return rc;
		run.p = &own;
	}
	dx_date_add_days(&d, -7);
	dx_date_format(&d, from);
	if ((rc = dx_store_visit_status(st, scope, from, as_of, on_status, &run)))
		goto out;
	memset(&vil, 0, sizeof(vil));
	if (run.n)
		qsort(run.items, run.n, sizeof(*run.items), due_cmp);
	for (size_t i = 0; i < run.n && !rc; i++) {
		struct dx_visit_due due;
		struct due_item *it = &run.items[i];
		/* the village's name beside its code (sorted by village: one
		 * lookup per village) */
		if (strcmp(vil.code, it->area) && dx_store_area_get(st, it->area, &vil) != DX_OK) {
			memset(&vil, 0, sizeof(vil));
			dx_strlcpy(vil.code, it->area, sizeof(vil.code));
		}
		due.village = vil.name;
		it->v.hh_no = it->hh_no;
		it->v.area_code = it->area;
		it->v.head = it->head;
		it->v.last_visit = it->last;
		it->v.last_cadre = it->cadre;
		due.v = &it->v;
		due.required = it->required;
		due.cadre = it->cadre;
		rc = fn(&due, arg);
	}
	*total = run.total;
out:
	free(run.items);
	return rc;
}

const char *const dx_visit_due_heads[DX_VISIT_DUE_COLS] = {
	"走访人", "行政村代码", "行政村", "户编号", "户主", "风险状态",
	"近7天走访次数", "每周应走访次数", "最近走访"};

void dx_visit_due_cells(const struct dx_visit_due *d, struct dx_visit_due_buf *buf,
			const char *cells[DX_VISIT_DUE_COLS])
{
	dx_snprintf(buf->visits, sizeof(buf->visits), "%ld", d->v->visits);
	dx_snprintf(buf->required, sizeof(buf->required), "%d", d->required);
	cells[0] = d->cadre[0] ? d->cadre : "（无走访记录）";
	cells[1] = d->v->area_code;
	cells[2] = d->village;
	cells[3] = d->v->hh_no;
	cells[4] = d->v->head;
	cells[5] = d->v->eliminated ? "已消除" : "未消除";
	cells[6] = buf->visits;
	cells[7] = buf->required;
	cells[8] = d->v->last_visit[0] ? d->v->last_visit : "从未走访";
}

int dx_visit_add(struct dx_ctx *c, const struct dx_visit_req *r, int64_t *id)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, visit_add(c->st, &c->actor, &c->today, r, id, &why), &why);
}

int dx_visits_overdue(struct dx_ctx *c, const char *area, const char *as_of,
		      const struct dx_policy *p, int (*fn)(const struct dx_visit_due *, void *),
		      void *arg, long *total)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, visits_overdue(c->st, &c->actor, area, as_of, p, fn, arg, total, &why),
			   &why);
}
