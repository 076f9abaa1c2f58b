/*
 * case.h - identification (识别) and elimination (风险消除) cases: open,
 * advance step by step, reject, 绿色通道, and the episodes a decided case
 * opens or closes (domain.md §5, §6; issue 5).
 *
 * The order and the level of each step are policy/casefsm.h's; this layer
 * adds the store, the actor's scope, dates, the §6 elimination conditions
 * (policy/elim.h) and the audit trail.  A case's machine state is rebuilt
 * from its recorded steps, so the steps are the one source of truth.
 *
 * Every use case takes the request context (app/ctx.h): the store, the
 * acting account -- a household outside its scope is reported as not
 * found -- and the error handed back: a refusal returns its code with the
 * Chinese reason in c->err.msg.  (dx_case_risks and dx_case_elim_check,
 * building blocks the clue and demo code share, still take a `why`.)
 */
#ifndef DX_APP_CASE_H
#define DX_APP_CASE_H

#include "app/clue.h"
#include "app/ctx.h"
#include "policy/elim.h"

#define DX_CASE_MAX_STEPS 32

struct dx_case_req {
	const char *kind;      /* 识别 / 风险消除 */
	const char *hh_no;     /* 户编号, or */
	int64_t clue_id;       /* the clue the case comes from */
	const char *category;  /* 识别: 脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户 */
	const char *risks;     /* 识别: 1-5 risk types, separated by 、 , ， ; */
	const char *elim_kind; /* 风险消除: 帮扶消除 / 自然消除 */
	int green;             /* 绿色通道: help starts before the end */
	int risks_unresolved;  /* 风险消除: the original risks are not resolved */
	int new_risk;          /* 风险消除: a new risk has appeared */
	const char *date;      /* ISO date opened */
	int unchecked;         /* demo generator only: skip the §6 check */
};

/*
 * The one list of 风险类型 (policy/screen.h: 因病 … 其他, 因疫 in 2021–22
 * only), for cases (--risks) and clues (--reason): text like "因病、因学"
 * (separators 、，,;； or space) to out in code-table order; 1..5 of them,
 * else DX_INVALID with why naming the valid values.
 */
int dx_case_risks(const char *text, int year, char *out, size_t size, struct dx_buf *why);

/* Open a case; *id gets its number.  An 风险消除 case refused under §6
 * lists every unmet condition in why, one per line. */
int dx_case_open(struct dx_ctx *c, const struct dx_case_req *r, int64_t *id);

/* Do `step` (入户核实 ... 公告) with `action` (通过 / 不通过 / 撤销, or
 * pass / reject / cancel) on `date`; a note is required to reject or
 * cancel (the reason given to the household). */
int dx_case_step(struct dx_ctx *c, int64_t id, const char *step, const char *action,
		 const char *note, const char *date);

/* Mark an open case 绿色通道. */
int dx_case_green(struct dx_ctx *c, int64_t id);

struct dx_case_view {
	struct dx_case_row c;
	struct dx_hh_ref hh;
	struct dx_step_row steps[DX_CASE_MAX_STEPS];
	size_t nsteps;
	struct dx_case_state fsm;
	int next_step;        /* enum dx_step pending on the main chain, -1 */
	char notice_ends[11]; /* first day 乡镇审核 may pass; "" before 公示 */
};
int dx_case_get(struct dx_ctx *c, int64_t id, struct dx_case_view *out);
/* Rebuild the machine state of case c from its steps (pure). */
void dx_case_fsm(const struct dx_case_row *c, const struct dx_step_row *steps, size_t n,
		 struct dx_case_state *out);

/* Cases under `area` (within scope, "" = all of it) in `state` ("" = any). */
int dx_case_list(struct dx_ctx *c, const char *area, const char *state,
		 int (*fn)(const struct dx_case_row *, void *), void *arg);

/*
 * 风险消除回退: the household's elimination was wrong.  The eliminated
 * episode is ended (kept, with end_reason 风险消除回退) and a new one opens
 * on `date` with the same category and risks.  County or township level.
 */
int dx_case_rollback(struct dx_ctx *c, const char *hh_no, const char *date, const char *reason,
		     int64_t *episode_id);

/* The §6 conditions for household hh on `date` (the case's inputs as in
 * dx_case_req); res lists each unmet one. */
int dx_case_elim_check(struct dx_store *st, const struct dx_hh_ref *hh, const char *date,
		       int risks_unresolved, int new_risk, struct dx_elim_result *res,
		       struct dx_buf *why);

/* `case check`: the §6 conditions for the household numbered hh_no,
 * which the actor must see (else DX_NOT_FOUND with the reason in why);
 * hh gets the household. */
int dx_case_check(struct dx_ctx *c, const char *hh_no, const char *date, int risks_unresolved,
		  int new_risk, struct dx_hh_ref *hh, struct dx_elim_result *res);

/* The lowest level that may do `step` (who a pending step waits for). */
enum dx_level dx_case_step_holder(enum dx_step step);

/* Parse a step name / an action; DX_INVALID if unknown. */
int dx_step_parse(const char *s, enum dx_step *out);
int dx_case_action_parse(const char *s, enum dx_case_action *out);

/*
 * The case list's columns as every front end writes them (GET
 * /api/cases?format=xlsx): the JSON list's fields in Chinese,
 * DX_CASE_COLS heads, and the cells of c in cells (pointing into c and
 * into buf, valid while both are).  No ID number: a case names its
 * household by 户编号.
 */
#define DX_CASE_COLS 15
extern const char *const dx_case_heads[DX_CASE_COLS];
struct dx_case_buf {
	char id[24];
};
void dx_case_cells(const struct dx_case_row *c, struct dx_case_buf *buf,
		   const char *cells[DX_CASE_COLS]);

#endif
