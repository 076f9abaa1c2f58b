/*
 * income.h - household and group income figures (domain.md §4).
 *
 * All amounts are int64 fen.  Per-capita figures divide by the members
 * counted in the household (the per-member "counted" flag), rounding half
 * away from zero to the fen; a household with no counted member has no
 * per-capita figure (never a division by zero).
 */
#ifndef DX_POLICY_INCOME_H
#define DX_POLICY_INCOME_H

#include "core/dx.h"
#include "policy/params.h"

/* One household's income for one year (or the 12 months before a clue). */
struct dx_income {
	int64_t wage;          /* 工资性收入 */
	int64_t business;      /* 生产经营性收入 */
	int64_t property;      /* 财产性收入 */
	int64_t transfer;      /* 转移性收入 */
	int64_t business_cost; /* 生产经营性支出 */
	int64_t claims;        /* 理赔收入 */
	int64_t oop;           /* 合规自付支出 */
	int members;           /* members counted in the household */
};

struct dx_income_result {
	int64_t net;       /* 家庭纯收入 */
	int64_t tested;    /* 收入参考值: net + claims - oop (deduct_oop) */
	int64_t net_pc;    /* 人均纯收入; 0 when no_members */
	int64_t tested_pc; /* 人均收入参考值; 0 when no_members */
	int no_members;    /* 1: members <= 0, per-capita figures undefined */
};

/*
 * Compute the household figures (domain.md §4).  `deduct_oop` is the
 * policy's flag: when 0, tested income equals net income.  Returns 0, or
 * DX_INVALID when members is 0 or negative (out is filled all the same,
 * with no_members set and per-capita figures 0).
 */
int dx_income_compute(const struct dx_income *in, int deduct_oop,
		      struct dx_income_result *out);

/*
 * A group's per-capita net income and its growth (domain.md §4: "脱贫户人均
 * 收入14187.61元，同比增14.34%").  Add households one by one; the per-capita
 * figure is total net income ÷ total counted members over every household
 * added with members > 0.  Growth compares the same households: only those
 * with a previous-year figure (and members > 0 in both years) enter the
 * comparison, on both sides.
 */
struct dx_income_group {
	int64_t households;   /* added with members > 0 */
	int64_t skipped;      /* added with no counted member */
	int64_t net;          /* sum of net income, this year */
	int64_t members;      /* sum of counted members, this year */
	int64_t same_households; /* with data in both years */
	int64_t same_net, same_members; /* those, this year */
	int64_t prev_net, prev_members; /* those, previous year */
};

#define DX_INCOME_GROUP_INIT {0, 0, 0, 0, 0, 0, 0, 0, 0}

void dx_income_group_init(struct dx_income_group *g);

/* Add one household: this year's net income and counted members, and
 * (prev != NULL) the same household's previous year. */
void dx_income_group_add(struct dx_income_group *g, int64_t net, int members,
			 const int64_t *prev_net, int prev_members);

enum dx_growth {
	DX_GROWTH_OK = 0,   /* growth_bp is set */
	DX_GROWTH_NO_PREV,  /* no household of the group has a previous year */
	DX_GROWTH_PREV_ZERO /* previous per-capita income is 0 or negative */
};

struct dx_income_group_result {
	int has_pc;          /* 0 when no counted member at all */
	int64_t pc;          /* 人均纯收入, fen */
	enum dx_growth growth;
	int64_t same_pc;     /* the compared households, this year */
	int64_t prev_pc;     /* the compared households, previous year */
	int64_t growth_bp;   /* (same_pc - prev_pc) / prev_pc in basis points,
				rounded half away from zero: 1434 = 14.34% */
};

/* Compute the figures of g.  Returns 0. */
int dx_income_group_result(const struct dx_income_group *g,
			   struct dx_income_group_result *out);

#endif
