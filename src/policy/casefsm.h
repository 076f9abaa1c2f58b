/*
 * casefsm.h - the procedure of an identification (识别) or elimination
 * (风险消除) case as a pure state machine (domain.md §5, §6; issue 5).
 *
 * Steps, in order, and who does them:
 *
 *   入户核实 (village, with 农户承诺授权)
 *   信息比对 (village or township; beside the others: any time after
 *            入户核实, whose authorisation allows the data queries, and
 *            before 乡镇审核)
 *   村级民主评议 (village)
 *   公示     (village; passing it records the day the notice is posted)
 *   乡镇审核 (township; may pass only once the notice has been up for
 *            notice_days calendar days)
 *   县级审定 (county)
 *   公告     (county; passing it approves and closes the case)
 *
 * Any step may be rejected by the level that does it, which closes the
 * case; while the notice is up (公示 passed, 乡镇审核 not yet) the village
 * may still reject at 公示 when an objection is upheld.  A case may be
 * cancelled (撤销) by the level of its next step or a higher one.  Closed
 * cases accept nothing.  The 绿色通道 (help before the end) is not a
 * state: the case must finish all the same.
 *
 * The caller stores the state (and who/when/note of each step) and passes
 * it back in; nothing here allocates or keeps state.
 */
#ifndef DX_POLICY_CASEFSM_H
#define DX_POLICY_CASEFSM_H

#include "core/dx.h"
#include "core/date.h"
#include "policy/params.h"

enum dx_case_kind {
	DX_CASE_IDENTIFY = 0, /* 识别 */
	DX_CASE_ELIMINATE = 1 /* 风险消除 */
};

enum dx_step {
	DX_STEP_VERIFY = 0, /* 入户核实 */
	DX_STEP_COMPARE,    /* 信息比对 */
	DX_STEP_REVIEW,     /* 村级民主评议 */
	DX_STEP_NOTICE,     /* 公示 */
	DX_STEP_TOWNSHIP,   /* 乡镇审核 */
	DX_STEP_COUNTY,     /* 县级审定 */
	DX_STEP_ANNOUNCE,   /* 公告 */
	DX_STEP_COUNT
};
#define DX_STEP_BIT(s) (1u << (s))

enum dx_case_action {
	DX_ACT_PASS = 0, /* 通过 */
	DX_ACT_REJECT,   /* 不通过: closes the case, reason kept by caller */
	DX_ACT_CANCEL    /* 撤销 */
};

/* The level of the acting account. */
enum dx_level {
	DX_LEVEL_VILLAGE = 1, /* 村 */
	DX_LEVEL_TOWNSHIP,    /* 乡镇 */
	DX_LEVEL_COUNTY       /* 县 */
};

enum dx_case_status {
	DX_CASE_OPEN = 0,  /* 办理中 */
	DX_CASE_APPROVED,  /* 已通过 (公告 done) */
	DX_CASE_REJECTED,  /* 未通过 */
	DX_CASE_CANCELLED  /* 已撤销 */
};

struct dx_case_state {
	enum dx_case_kind kind;
	enum dx_case_status status;
	unsigned done;              /* DX_STEP_BIT() of every step passed */
	struct dx_date notice_from; /* day 公示 was posted (公示 done) */
	int closed_step;            /* step rejected at, -1 otherwise */
	struct dx_date closed_on;   /* day closed (not OPEN) */
};

/* A new open case of `kind` with no step done. */
void dx_case_init(struct dx_case_state *st, enum dx_case_kind kind);

/*
 * Apply `act` on `step` by an account of `actor_level` on `today` under
 * policy p.  On success returns 0 and writes the new state to *next (which
 * may be st itself).  On refusal returns DX_INVALID (bad argument or
 * date), DX_DENIED (wrong level) or DX_STATE (closed case, step done
 * already, step out of order, notice not yet up long enough), leaves *next
 * untouched and points *why (if not NULL) at a static Chinese reason.
 * For DX_ACT_CANCEL `step` is ignored.
 */
int dx_case_apply(const struct dx_case_state *st, enum dx_step step,
		  enum dx_case_action act, enum dx_level actor_level,
		  const struct dx_date *today, const struct dx_policy *p,
		  struct dx_case_state *next, const char **why);

/* The next step of the main chain (信息比对 aside), or -1 if closed or
 * all done. */
int dx_case_next_step(const struct dx_case_state *st);

/* 1 if `level` may act on `step`. */
int dx_step_level_ok(enum dx_step step, enum dx_level level);

/* The first day 乡镇审核 may pass: notice_from + notice_days.  DX_STATE
 * when 公示 is not done. */
int dx_case_notice_ends(const struct dx_case_state *st,
			const struct dx_policy *p, struct dx_date *out);

/* Chinese names ("入户核实", "识别", "通过", "村", "办理中"); "" if out of
 * range. */
const char *dx_step_name(enum dx_step s);
const char *dx_case_kind_name(enum dx_case_kind k);
const char *dx_case_action_name(enum dx_case_action a);
const char *dx_level_name(enum dx_level l);
const char *dx_case_status_name(enum dx_case_status s);

#endif
