/*
 * case_bulk.c - 批量审核 (case_bulk.h): the pending step of each case, read
 * with dx_case_get, passed with dx_case_step; the results one by one.
 */
#include "core/dx.h"
#include "app/case_bulk.h"
#include "app/case.h"
#include "app/ctx.h"
#include "policy/casefsm.h"

#include <stdlib.h>

/* The step a bulk approval passes for level lv: 信息比对 while it waits
 * beside the chain (入户核实 done) and lv may do it, else the next step of
 * the chain (dx_case_step refuses it when it is not lv's). */
static int step_for(const struct dx_case_view *v, enum dx_level lv)
{
	unsigned done = v->fsm.done;
	if ((done & DX_STEP_BIT(DX_STEP_VERIFY)) && !(done & DX_STEP_BIT(DX_STEP_COMPARE)) &&
	    dx_step_level_ok(DX_STEP_COMPARE, lv) && v->next_step >= 0)
		return DX_STEP_COMPARE;
	return v->next_step;
}

int dx_case_approve_many(struct dx_store *st, const struct dx_actor *a,
			 const struct dx_date *today, const int64_t *ids, size_t n, const char *date,
			 int (*fn)(const struct dx_bulk_result *, void *), void *arg,
			 struct dx_buf *why)
{
	struct dx_case_view *v;
	struct dx_buf w = DX_BUF_INIT;
	int rc;
	if ((rc = dx_actor_may_write(a, why)))
		return rc;
	if (a->local_owner || (a->level != DX_LEVEL_TOWNSHIP && a->level != DX_LEVEL_COUNTY)) {
		dx_buf_adds(why, "批量审核只供乡镇级和县级经办账号使用（村级的入户核实、民主评议和公示须逐户办理）");
		return DX_DENIED;
	}
	if (!n || n > DX_BULK_MAX) {
		dx_buf_addf(why, "一次批量审核应有 1 到 %d 件案件", DX_BULK_MAX);
		return DX_INVALID;
	}
	if (!(v = malloc(sizeof(*v))))
		return DX_NOMEM;
	struct dx_ctx c;
	dx_ctx_for(&c, st, a, today);
	for (size_t i = 0; i < n && rc == DX_OK; i++) {
		struct dx_bulk_result res = {ids[i], DX_OK, "", "", ""};
		char step[32] = "", state[32] = "";
		dx_buf_reset(&w);
		res.rc = dx_case_get(&c, ids[i], v);
		if (res.rc)
			dx_buf_adds(&w, c.err.msg);
		if (!res.rc && v->next_step < 0) {
			dx_buf_addf(&w, "案件 %lld 没有待办步骤（%s）", (long long)ids[i], v->c.state);
			res.rc = DX_STATE;
		}
		if (!res.rc) {
			dx_strlcpy(step, dx_step_name((enum dx_step)step_for(v, a->level)), sizeof(step));
			res.rc = dx_case_step(&c, ids[i], step, "通过", NULL, date);
			if (res.rc)
				dx_buf_adds(&w, c.err.msg);
		}
		if (dx_case_get(&c, ids[i], v) == DX_OK)
			dx_strlcpy(state, v->c.state, sizeof(state));
		if (res.rc == DX_NOMEM || res.rc == DX_DB || res.rc == DX_IO || res.rc == DX_BUSY) {
			rc = res.rc; /* the store failed: stop, not a refusal */
			break;
		}
		res.step = step;
		res.state = state;
		res.message = res.rc ? (w.len && !w.err ? w.buf : "未能办理") : "";
		rc = fn(&res, arg);
	}
	free(v);
	dx_buf_release(&w);
	return rc;
}
