/*
 * ledgers.c - use cases on the other ledgers (issue 19) beyond import:
 * the 销号 step of a 问题整改 item by its responsible level.  Every entry
 * path (CLI now, the API later) goes through here, so the rules hold once.
 */
#include "core/dx.h"
#include "app/ledgers.h"
#include "app/clue.h"
#include "app/ctx.h"
#include "store/ledgers.h"
#include "core/idcard.h"
#include "core/mask.h"
#include "io/template.h"
#include "app/import_int.h" /* dx_json_field: audit values */
#include "core/date.h"
#include "store/ledger.h"

#include <sodium.h>

struct close_ctx {
	const struct dx_actor *a;
	const struct dx_date *today;
	const char *county, *no, *date;
	struct dx_buf *why;
};

static int close_tx(struct dx_store *st, void *arg)
{
	struct close_ctx *x = arg;
	struct dx_problem_rec p;
	enum dx_level need;
	char on[11], key[24], after[160];
	int rc;
	if ((rc = dx_lg_problem_get(st, x->county, x->no, &p)) == DX_NOT_FOUND ||
	    (!rc && !dx_actor_sees(x->a, p.area))) {
		/* another area's problem answers as a missing one */
		dx_buf_addf(x->why, "县 %s 没有编号为 %s 的问题（或不在账号 %s 的管辖范围内）",
			    x->county, x->no, x->a->acc.name);
		return DX_NOT_FOUND;
	}
	if (rc)
		return rc;
	need = strlen(p.area) == 12 ? DX_LEVEL_VILLAGE
	       : strlen(p.area) == 9 ? DX_LEVEL_TOWNSHIP : DX_LEVEL_COUNTY;
	if (x->a->level != need) {
		dx_buf_addf(x->why, "问题 %s 由%s级（区划 %s）负责整改销号，账号 %s 不是该级账号",
			    x->no, dx_level_name(need), p.area, x->a->acc.name);
		return DX_DENIED;
	}
	if (!strcmp(p.status, "已销号")) {
		dx_buf_addf(x->why, "问题 %s 已销号", x->no);
		return DX_STATE;
	}
	if ((rc = dx_event_date(x->today, x->date, "销号日期", on, x->why)))
		return rc;
	if ((rc = dx_lg_problem_close(st, p.id, on)))
		return rc;
	dx_snprintf(key, sizeof(key), "%lld", (long long)p.id);
	dx_snprintf(after, sizeof(after), "{\"问题编号\":\"%s\",\"状态\":\"已销号\",\"销号日期\":\"%s\"}",
		    x->no, on);
	return dx_store_audit(st, x->county, x->a->acc.name, "problem.close", "problem", key, NULL,
			      after);
}

static int problem_close(struct dx_store *st, const struct dx_actor *a,
			 const struct dx_date *today, const char *county, const char *problem_no,
			 const char *date, struct dx_buf *why)
{
	struct close_ctx x = {a, today, county, problem_no, date, why};
	int rc;
	if ((rc = dx_actor_may_write(a, why)))
		return rc;
	return dx_proc_txn(st, close_tx, &x);
}

/* ---- lists for the API and the web pages ---- */

static const char *const list_kinds[] = {"loans", "applications", "relief", "problems",
					 "training"};

int dx_ledger_list_kind(const char *kind)
{
	for (size_t i = 0; kind && i < DX_ARRAY_SIZE(list_kinds); i++)
		if (!strcmp(kind, list_kinds[i]))
			return 1;
	return 0;
}

struct list_ctx {
	const struct dx_template *t;
	int (*fn)(const char *const *cells, int n, int header, void *arg);
	void *arg;
};

static int list_row(const char *const *cells, int n, void *arg)
{
	struct list_ctx *x = arg;
	const char *out[DX_TPL_MAXF];
	char buf[DX_TPL_MAXF][260];
	int k = 0, m = 0;
	for (size_t i = 0; i < x->t->ncols && k < n && m < DX_TPL_MAXF; i++) {
		const struct dx_col *c = &x->t->cols[i];
		if (c->kind == DX_COL_SKIP)
			continue;
		if (c->kind == DX_COL_ID && *cells[k]) {
			dx_idcard_mask(cells[k], buf[m]);
		} else {
			dx_strlcpy(buf[m], cells[k], sizeof(buf[m]));
			dx_mask_text(buf[m]);
		}
		out[m] = buf[m];
		m++;
		k++;
	}
	return x->fn(out, m, 0, x->arg);
}

static int ledger_list(struct dx_store *st, const struct dx_actor *a, const char *kind,
		       const char *area,
		       int (*fn)(const char *const *cells, int n, int header, void *arg),
		       void *arg, struct dx_buf *why)
{
	struct list_ctx x = {dx_template_find(kind), fn, arg};
	const char *heads[DX_TPL_MAXF];
	char canon[13];
	int m = 0, rc;
	if (!dx_ledger_list_kind(kind) || !x.t) {
		dx_buf_adds(why, "没有这种台账（应为 loans、applications、relief、problems 或 training）");
		return DX_NOT_FOUND;
	}
	if ((rc = dx_actor_area(a, area, canon, why)))
		return rc;
	for (size_t i = 0; i < x.t->ncols && m < DX_TPL_MAXF; i++)
		if (x.t->cols[i].kind != DX_COL_SKIP)
			heads[m++] = x.t->cols[i].name;
	if ((rc = fn(heads, m, 1, arg)))
		return rc;
	return dx_lg_export(st, kind, canon, list_row, &x);
}

/* ---- 救助申请 as a channel into monitoring ---- */

int dx_relief_app_clue(struct dx_store *st, const struct dx_actor *actor, const char *actor_name,
		       const struct dx_date *today, const struct dx_relief_app *app,
		       struct dx_buf *why)
{
	struct dx_actor loaded;
	struct dx_ctx cx;
	struct dx_clue_row c;
	struct dx_hh_ref hh;
	struct dx_clue_req req;
	char reason[256];
	int64_t have = 0;
	int rc;
	if (!app->household_id || (strcmp(app->status, "受理") && strcmp(app->status, "办理中")))
		return 0;
	if ((rc = dx_lg_app_clue(st, app->id, &have)) || have)
		return rc;
	if ((rc = dx_store_hh_by_id(st, app->household_id, &hh)))
		return rc;
	if (!actor) {
		if ((rc = dx_actor_for(st, actor_name, &loaded, why)))
			return rc;
		actor = &loaded;
	}
	/* a clue's reason is a risk type with a note: the 救助事项's */
	dx_snprintf(reason, sizeof(reason), "%s：救助申请 %s（%s，%s）",
		    !strcmp(app->item, "医疗")   ? "因病"
		    : !strcmp(app->item, "教育") ? "因学"
		    : !strcmp(app->item, "就业") ? "因务工就业不稳"
						 : "其他",
		    app->app_no, app->mode, app->item);
	memset(&req, 0, sizeof(req));
	req.hh_no = hh.hh_no;
	req.source = "农户自主申报";
	req.reason = reason;
	req.found_on = app->applied_on;
	dx_ctx_for(&cx, st, actor, today);
	if ((rc = dx_ctx_why(&cx, dx_clue_add(&cx, &req, &c), why)))
		return rc;
	return dx_lg_app_set_clue(st, app->id, c.id);
}

static const char *const self_items[] = {"生活困难", "医疗", "教育", "住房",
					 "就业",     "临时救助", "其他"};

struct self_ctx {
	const struct dx_date *today;
	const struct dx_self_apply *q;
	char *receipt;
	struct dx_buf *why;
};

static int self_tx(struct dx_store *st, void *arg)
{
	struct self_ctx *x = arg;
	const struct dx_self_apply *q = x->q;
	struct dx_relief_app a;
	struct dx_person p;
	struct dx_idcard id;
	struct dx_area ar;
	struct dx_actor act;
	struct dx_buf after = DX_BUF_INIT;
	const char *bad;
	unsigned char rnd[4];
	size_t k;
	int rc, what;
	memset(&a, 0, sizeof(a));
	if (!q->name || !*q->name || strlen(q->name) > 60) {
		dx_buf_adds(x->why, "请填写申请人姓名（不超过20个字）");
		return DX_INVALID;
	}
	if (dx_idcard_parse(q->id_no ? q->id_no : "", q->id_no ? strlen(q->id_no) : 0, x->today,
			    &id, &bad)) {
		dx_buf_addf(x->why, "证件号码%s，请核对后重填", bad);
		return DX_INVALID;
	}
	if (!q->area || strlen(q->area) != 12 || strspn(q->area, "0123456789") != 12 ||
	    (rc = dx_store_area_get(st, q->area, &ar)) == DX_NOT_FOUND) {
		dx_buf_adds(x->why, "请选择所在的村（12位区划代码）");
		return DX_INVALID;
	}
	if (rc)
		return rc;
	for (k = 0; k < DX_ARRAY_SIZE(self_items) && strcmp(self_items[k], q->item ? q->item : "");
	     k++)
		;
	if (k == DX_ARRAY_SIZE(self_items)) {
		dx_buf_adds(x->why, "救助事项应为 生活困难、医疗、教育、住房、就业、临时救助 或 其他");
		return DX_INVALID;
	}
	if (q->mode && strcmp(q->mode, "自己举手") && strcmp(q->mode, "他人代举")) {
		dx_buf_adds(x->why, "申请方式应为 自己举手 或 他人代举");
		return DX_INVALID;
	}
	if (q->request && strlen(q->request) > 250) {
		dx_buf_adds(x->why, "诉求请不超过80个字");
		return DX_INVALID;
	}
	dx_date_format(x->today, a.applied_on);
	randombytes_buf(rnd, sizeof(rnd));
	dx_snprintf(a.app_no, sizeof(a.app_no), "ZZSB%.4s%.2s%.2s-%02X%02X%02X%02X", a.applied_on,
		    a.applied_on + 5, a.applied_on + 8, rnd[0], rnd[1], rnd[2], rnd[3]);
	dx_strlcpy(a.county, q->area, sizeof(a.county));
	dx_strlcpy(a.area, q->area, sizeof(a.area));
	dx_strlcpy(a.applicant, q->name, sizeof(a.applicant));
	dx_strlcpy(a.id_no, id.id, sizeof(a.id_no));
	dx_strlcpy(a.mode, q->mode ? q->mode : "自己举手", sizeof(a.mode));
	dx_strlcpy(a.item, q->item, sizeof(a.item));
	dx_strlcpy(a.request, q->request ? q->request : "", sizeof(a.request));
	dx_strlcpy(a.status, "受理", sizeof(a.status));
	/* a registry member's application becomes a clue of their household;
	 * one who is not stays an application for the village to look into */
	rc = dx_ledger_person_by_idno(st, id.id, &p);
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	if (!rc) {
		a.person_id = p.id;
		a.household_id = p.household_id;
	}
	if ((rc = dx_lg_app_put(st, &a, &what)))
		return rc;
	if (what != DX_LG_ADDED) { /* a receipt number drawn twice */
		dx_buf_adds(x->why, "提交未成功，请重新提交");
		return DX_BUSY;
	}
	/* the form acts as the county: its clue is the county's to hand on */
	memset(&act, 0, sizeof(act));
	dx_strlcpy(act.acc.name, DX_SELF_APPLY_ACTOR, sizeof(act.acc.name));
	dx_strlcpy(act.acc.county, a.county, sizeof(act.acc.county));
	dx_strlcpy(act.acc.scope, a.county, sizeof(act.acc.scope));
	dx_strlcpy(act.acc.role, "经办", sizeof(act.acc.role));
	dx_strlcpy(act.acc.level, "县", sizeof(act.acc.level));
	act.level = DX_LEVEL_COUNTY;
	rc = dx_relief_app_clue(st, &act, NULL, x->today, &a, x->why);
	if (rc == DX_EXISTS || rc == DX_STATE || rc == DX_INVALID || rc == DX_DENIED) {
		/* the household's clue still to verify takes it in: the
		 * application stands, its answer the same */
		dx_buf_reset(x->why);
		rc = 0;
	}
	if (rc)
		return rc;
	/* the audit names the application, not the person */
	dx_json_field(&after, "申请编号", a.app_no);
	dx_json_field(&after, "区划代码", a.area);
	dx_json_field(&after, "救助事项", a.item);
	dx_json_field(&after, "匹配在册人员", a.person_id ? "是" : "否");
	dx_json_close(&after);
	rc = dx_store_audit(st, a.county, DX_SELF_APPLY_ACTOR, "application.self",
			    "relief_application", a.app_no, NULL, after.buf);
	dx_buf_release(&after);
	if (!rc)
		dx_strlcpy(x->receipt, a.app_no, 32);
	return rc;
}

int dx_self_apply(struct dx_store *st, const struct dx_date *today, const struct dx_self_apply *q,
		  char receipt[32], struct dx_buf *why)
{
	struct self_ctx x = {today, q, receipt, why};
	receipt[0] = 0;
	return dx_proc_txn(st, self_tx, &x);
}

int dx_problem_close(struct dx_ctx *c, const char *county, const char *problem_no,
		     const char *date)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, problem_close(c->st, &c->actor, &c->today, county, problem_no, date, &why),
			   &why);
}

int dx_ledger_list(struct dx_ctx *c, const char *kind, const char *area,
		   int (*fn)(const char *const *cells, int n, int header, void *arg), void *arg)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, ledger_list(c->st, &c->actor, kind, area, fn, arg, &why), &why);
}
