/*
 * ledgers.c - use cases on the other ledgers (issue 19) beyond import:
 * the 销号 step of a 问题整改 item by its responsible level.  Every entry
 * path (CLI now, the API later) goes through here, so the rules hold once.
 */
#include "core/dx.h"
#include "app/ledgers.h"
#include "app/clue.h"
#include "store/ledgers.h"
#include "core/idcard.h"
#include "core/mask.h"
#include "io/template.h"

struct close_ctx {
	const struct dx_actor *a;
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
	if ((rc = dx_event_date(x->date, "销号日期", on, x->why)))
		return rc;
	if ((rc = dx_lg_problem_close(st, p.id, on)))
		return rc;
	dx_snprintf(key, sizeof(key), "%lld", (long long)p.id);
	dx_snprintf(after, sizeof(after), "{\"问题编号\":\"%s\",\"状态\":\"已销号\",\"销号日期\":\"%s\"}",
		    x->no, on);
	return dx_store_audit(st, x->county, x->a->acc.name, "problem.close", "problem", key, NULL,
			      after);
}

int dx_problem_close(struct dx_store *st, const struct dx_actor *a, const char *county,
		     const char *problem_no, const char *date, struct dx_buf *why)
{
	struct close_ctx x = {a, county, problem_no, date, why};
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

int dx_ledger_list(struct dx_store *st, const struct dx_actor *a, const char *kind,
		   const char *area,
		   int (*fn)(const char *const *cells, int n, int header, void *arg), void *arg,
		   struct dx_buf *why)
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
