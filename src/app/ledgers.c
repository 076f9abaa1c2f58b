/*
 * ledgers.c - use cases on the other ledgers (issue 19) beyond import:
 * the 销号 step of a 问题整改 item by its responsible level.  Every entry
 * path (CLI now, the API later) goes through here, so the rules hold once.
 */
#include "core/dx.h"
#include "app/ledgers.h"
#include "app/clue.h"
#include "store/ledgers.h"

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
