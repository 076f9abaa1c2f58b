/*
 * elim.h - when a risk may be proposed as eliminated (风险消除,
 * domain.md §6), and the 帮扶消除 that look too quick.
 *
 * dx_elim_check() lists every unmet condition with a Chinese reason, not
 * only the first, so a village sees all it still has to do.
 */
#ifndef DX_POLICY_ELIM_H
#define DX_POLICY_ELIM_H

#include "core/dx.h"
#include "core/date.h"
#include "policy/params.h"

/* 帮扶消除 / 自然消除 */
enum dx_elim_kind {
	DX_ELIM_ASSISTED = 0, /* 帮扶消除 */
	DX_ELIM_NATURAL = 1   /* 自然消除 */
};
const char *dx_elim_kind_name(enum dx_elim_kind k);

struct dx_elim_input {
	int has_income;        /* a tested income figure exists */
	int64_t tested_pc;     /* 人均收入参考值 of the last year, fen */
	int months_above_line; /* months tested income has stayed at or above
				  the line; -1 = not tracked (the annual
				  figure alone is used) */
	/* "3+1" problems still open */
	unsigned char unsafe_housing, dropout, unsafe_water, no_insurance;
	int risks_unresolved;  /* original risk types not yet resolved */
	int new_risk;          /* a new risk has appeared */
	int measures_implemented; /* 帮扶措施 落实 */
	struct dx_date identified; /* date the household was identified */
	struct dx_date today;
	int has_labour;        /* some member counts as labour */
};

/* Each condition of domain.md §6, in the order reasons are listed. */
enum dx_elim_cond {
	DX_ELIM_COND_NO_INCOME = 0, /* no income figure */
	DX_ELIM_COND_INCOME,        /* tested income below the line */
	DX_ELIM_COND_STABLE,        /* not yet stable for min months */
	DX_ELIM_COND_HOUSING,       /* 住房安全 not secure */
	DX_ELIM_COND_EDUCATION,     /* 义务教育 not secure */
	DX_ELIM_COND_WATER,         /* 饮水安全 not secure */
	DX_ELIM_COND_MEDICAL,       /* 基本医疗 not secure */
	DX_ELIM_COND_RISKS,         /* original risks not resolved */
	DX_ELIM_COND_NEW_RISK,      /* new risk */
	DX_ELIM_COND_TOO_SOON,      /* identified less than min months ago */
	DX_ELIM_COND_MEASURES,      /* fewer measures than required */
	DX_ELIM_COND_NO_LABOUR,     /* no labour at all: stays monitored */
	DX_ELIM_COND_COUNT
};

#define DX_ELIM_REASON_MAX 160

struct dx_elim_result {
	int allowed; /* 1 when every condition holds */
	int nunmet;
	struct {
		enum dx_elim_cond cond;
		char reason[DX_ELIM_REASON_MAX]; /* Chinese, with the numbers */
	} unmet[DX_ELIM_COND_COUNT];
};

/*
 * Check the conditions of domain.md §6 under policy p:
 *   tested per-capita income at or above the line (at the line is not
 *   below it, as in screening) and, when tracked, for at least
 *   eliminate_min_months; "3+1" all secure; original risks resolved and no
 *   new one; identified at least eliminate_min_months ago (by calendar
 *   month: identified 2025-03-01 may be eliminated from 2025-09-01); at
 *   least eliminate_min_measures measures implemented; and, when
 *   no_labour_blocks_elimination, some member with labour.
 * Returns 0 (the answer is in out->allowed), DX_INVALID for an invalid
 * date.
 */
int dx_elim_check(const struct dx_elim_input *in, const struct dx_policy *p,
		  struct dx_elim_result *out);

/*
 * 1 if an elimination on `eliminated` of a household identified on
 * `identified` is suspicious: a 帮扶消除 less than 2 months after
 * identification (domain.md §6).  Exactly two months later is not.
 * 自然消除 is never flagged.
 */
int dx_elim_suspicious(const struct dx_date *identified,
		       const struct dx_date *eliminated, enum dx_elim_kind kind);

#endif
