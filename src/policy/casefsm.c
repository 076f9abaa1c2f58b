/*
 * casefsm.c - the identification / elimination procedure as a pure state
 * machine (see casefsm.h; domain.md §5, §6; issue 5).  Refusals carry a
 * static Chinese reason the village, township or county can act on.
 */
#include "core/dx.h"

#include "policy/casefsm.h"

static const char *const step_names[DX_STEP_COUNT] = {
	"入户核实", "信息比对", "村级民主评议", "公示",
	"乡镇审核", "县级审定", "公告",
};

/* issue 5: village: 核实, 评议, 公示; township: 审核; county: 审定, 公告;
 * 信息比对 by the village or the township */
static const unsigned step_levels[DX_STEP_COUNT] = {
	1u << DX_LEVEL_VILLAGE,
	(1u << DX_LEVEL_VILLAGE) | (1u << DX_LEVEL_TOWNSHIP),
	1u << DX_LEVEL_VILLAGE,
	1u << DX_LEVEL_VILLAGE,
	1u << DX_LEVEL_TOWNSHIP,
	1u << DX_LEVEL_COUNTY,
	1u << DX_LEVEL_COUNTY,
};

static const char *const wrong_level[DX_STEP_COUNT] = {
	"入户核实应由村级办理",
	"信息比对应由村级或乡镇办理",
	"村级民主评议应由村级办理",
	"公示应由村级办理",
	"乡镇审核应由乡镇办理",
	"县级审定应由县级办理",
	"公告应由县级办理",
};

static const char *const already_done[DX_STEP_COUNT] = {
	"入户核实已完成",     "信息比对已完成", "村级民主评议已完成",
	"公示已完成",         "乡镇审核已完成", "县级审定已完成",
	"公告已完成",
};

/* The main chain: the step each one needs (信息比对 is not on it). */
static const int prev_main[DX_STEP_COUNT] = {
	-1,               /* 入户核实 */
	DX_STEP_VERIFY,   /* 信息比对: after the authorisation */
	DX_STEP_VERIFY,   /* 村级民主评议 */
	DX_STEP_REVIEW,   /* 公示 */
	DX_STEP_NOTICE,   /* 乡镇审核 (and 信息比对) */
	DX_STEP_TOWNSHIP, /* 县级审定 */
	DX_STEP_COUNTY,   /* 公告 */
};

static const char *const needs_prev[DX_STEP_COUNT] = {
	"",
	"须先完成入户核实（含农户承诺授权）才能进行信息比对",
	"须先完成入户核实",
	"须先完成村级民主评议",
	"须先完成公示",
	"须先完成乡镇审核",
	"须先完成县级审定",
};

const char *dx_step_name(enum dx_step s)
{
	return (unsigned)s < DX_STEP_COUNT ? step_names[s] : "";
}

const char *dx_case_kind_name(enum dx_case_kind k)
{
	switch (k) {
	case DX_CASE_IDENTIFY:
		return "识别";
	case DX_CASE_ELIMINATE:
		return "风险消除";
	}
	return "";
}

const char *dx_case_action_name(enum dx_case_action a)
{
	switch (a) {
	case DX_ACT_PASS:
		return "通过";
	case DX_ACT_REJECT:
		return "不通过";
	case DX_ACT_CANCEL:
		return "撤销";
	}
	return "";
}

const char *dx_level_name(enum dx_level l)
{
	switch (l) {
	case DX_LEVEL_VILLAGE:
		return "村";
	case DX_LEVEL_TOWNSHIP:
		return "乡镇";
	case DX_LEVEL_COUNTY:
		return "县";
	}
	return "";
}

const char *dx_case_status_name(enum dx_case_status s)
{
	switch (s) {
	case DX_CASE_OPEN:
		return "办理中";
	case DX_CASE_APPROVED:
		return "已通过";
	case DX_CASE_REJECTED:
		return "未通过";
	case DX_CASE_CANCELLED:
		return "已撤销";
	}
	return "";
}

void dx_case_init(struct dx_case_state *st, enum dx_case_kind kind)
{
	memset(st, 0, sizeof(*st));
	st->kind = kind;
	st->status = DX_CASE_OPEN;
	st->closed_step = -1;
}

int dx_step_level_ok(enum dx_step step, enum dx_level level)
{
	if ((unsigned)step >= DX_STEP_COUNT || level < DX_LEVEL_VILLAGE ||
	    level > DX_LEVEL_COUNTY)
		return 0;
	return (step_levels[step] >> level) & 1u;
}

int dx_case_next_step(const struct dx_case_state *st)
{
	static const enum dx_step chain[] = {
		DX_STEP_VERIFY,   DX_STEP_REVIEW, DX_STEP_NOTICE,
		DX_STEP_TOWNSHIP, DX_STEP_COUNTY, DX_STEP_ANNOUNCE,
	};
	size_t i;
	if (st->status != DX_CASE_OPEN)
		return -1;
	for (i = 0; i < DX_ARRAY_SIZE(chain); i++)
		if (!(st->done & DX_STEP_BIT(chain[i])))
			return chain[i];
	return -1;
}

int dx_case_notice_ends(const struct dx_case_state *st,
			const struct dx_policy *p, struct dx_date *out)
{
	if (!(st->done & DX_STEP_BIT(DX_STEP_NOTICE)))
		return DX_STATE;
	*out = st->notice_from;
	/* domain.md §5: 公示 in the village for ≥ 5 days (notice_days) */
	dx_date_add_days(out, p->notice_days);
	return DX_OK;
}

/* The lowest level that may act on `step` (for cancelling). */
static enum dx_level owner_level(enum dx_step step)
{
	enum dx_level l;
	for (l = DX_LEVEL_VILLAGE; l <= DX_LEVEL_COUNTY; l++)
		if (dx_step_level_ok(step, l))
			return l;
	return DX_LEVEL_COUNTY;
}

static int closed_reason(const struct dx_case_state *st, const char **why)
{
	switch (st->status) {
	case DX_CASE_APPROVED:
		*why = "案件已办结（已通过），不能再操作";
		break;
	case DX_CASE_REJECTED:
		*why = "案件已办结（未通过），不能再操作";
		break;
	case DX_CASE_CANCELLED:
		*why = "案件已撤销，不能再操作";
		break;
	default:
		*why = "案件状态无效";
		return DX_INVALID;
	}
	return DX_STATE;
}

/* Order rules for acting on `step` (pass or reject). */
static int check_order(const struct dx_case_state *st, enum dx_step step,
		       enum dx_case_action act, const char **why)
{
	unsigned done = st->done;

	if (done & DX_STEP_BIT(step)) {
		/* an objection upheld while the notice is up */
		if (step == DX_STEP_NOTICE && act == DX_ACT_REJECT &&
		    !(done & DX_STEP_BIT(DX_STEP_TOWNSHIP)))
			return DX_OK;
		*why = already_done[step];
		return DX_STATE;
	}
	if (prev_main[step] >= 0 && !(done & DX_STEP_BIT(prev_main[step]))) {
		*why = needs_prev[step];
		return DX_STATE;
	}
	/* 信息比对 may run beside the others, but before 乡镇审核 */
	if (step == DX_STEP_TOWNSHIP && !(done & DX_STEP_BIT(DX_STEP_COMPARE))) {
		*why = "须先完成信息比对";
		return DX_STATE;
	}
	return DX_OK;
}

int dx_case_apply(const struct dx_case_state *st, enum dx_step step,
		  enum dx_case_action act, enum dx_level actor_level,
		  const struct dx_date *today, const struct dx_policy *p,
		  struct dx_case_state *next, const char **why)
{
	struct dx_case_state n;
	const char *dummy;
	int rc, pending;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (actor_level < DX_LEVEL_VILLAGE || actor_level > DX_LEVEL_COUNTY) {
		*why = "操作人层级无效";
		return DX_INVALID;
	}
	if (act != DX_ACT_PASS && act != DX_ACT_REJECT && act != DX_ACT_CANCEL) {
		*why = "操作无效（应为 通过、不通过 或 撤销）";
		return DX_INVALID;
	}
	if (act != DX_ACT_CANCEL && (unsigned)step >= DX_STEP_COUNT) {
		*why = "步骤无效";
		return DX_INVALID;
	}
	if (!today || !dx_date_valid(today->y, today->m, today->d)) {
		*why = "日期无效";
		return DX_INVALID;
	}
	if (st->status != DX_CASE_OPEN)
		return closed_reason(st, why);

	n = *st;
	if (act == DX_ACT_CANCEL) {
		pending = dx_case_next_step(st);
		if (pending >= 0 && actor_level < owner_level(pending)) {
			*why = "案件已报上级办理，只能由当前办理层级或上级撤销";
			return DX_DENIED;
		}
		n.status = DX_CASE_CANCELLED;
		n.closed_on = *today;
		n.closed_step = -1;
		goto out;
	}

	if (!dx_step_level_ok(step, actor_level)) {
		*why = wrong_level[step];
		return DX_DENIED;
	}
	rc = check_order(st, step, act, why);
	if (rc)
		return rc;

	if (act == DX_ACT_REJECT) {
		/* domain.md §5: any step may reject, with a reason */
		n.status = DX_CASE_REJECTED;
		n.closed_step = (int)step;
		n.closed_on = *today;
		goto out;
	}

	if (step == DX_STEP_TOWNSHIP) {
		struct dx_date ends;
		dx_case_notice_ends(st, p, &ends);
		if (dx_date_cmp(today, &ends) < 0) {
			*why = "公示期未满规定天数（notice_days），暂不能通过"
			       "乡镇审核";
			return DX_STATE;
		}
	}
	n.done |= DX_STEP_BIT(step);
	if (step == DX_STEP_NOTICE)
		n.notice_from = *today;
	if (step == DX_STEP_ANNOUNCE) {
		n.status = DX_CASE_APPROVED;
		n.closed_on = *today;
	}
out:
	*next = n;
	return DX_OK;
}
