/*
 * income.c - net income, the income tested against the monitoring line,
 * per-capita figures and group growth (domain.md §4).  Pure integer
 * arithmetic on fen.
 */
#include "core/dx.h"

#include "policy/income.h"

int dx_income_compute(const struct dx_income *in, int deduct_oop,
		      struct dx_income_result *out)
{
	/* domain.md §4: 家庭纯收入 = wages + business + property + transfers
	 * - business costs */
	out->net = in->wage + in->business + in->property + in->transfer -
		   in->business_cost;
	/* domain.md §4: 收入参考 = 纯收入 + 理赔收入 - 合规自付支出 */
	out->tested = deduct_oop ? out->net + in->claims - in->oop : out->net;
	if (in->members <= 0) {
		out->no_members = 1;
		out->net_pc = 0;
		out->tested_pc = 0;
		return DX_INVALID;
	}
	out->no_members = 0;
	out->net_pc = dx_policy_div_round(out->net, in->members);
	out->tested_pc = dx_policy_div_round(out->tested, in->members);
	return DX_OK;
}

void dx_income_group_init(struct dx_income_group *g)
{
	memset(g, 0, sizeof(*g));
}

void dx_income_group_add(struct dx_income_group *g, int64_t net, int members,
			 const int64_t *prev_net, int prev_members)
{
	if (members <= 0) {
		g->skipped++;
		return;
	}
	g->households++;
	g->net += net;
	g->members += members;
	/* domain.md §4: growth compares the same households' previous year */
	if (prev_net && prev_members > 0) {
		g->same_households++;
		g->same_net += net;
		g->same_members += members;
		g->prev_net += *prev_net;
		g->prev_members += prev_members;
	}
}

int dx_income_group_result(const struct dx_income_group *g,
			   struct dx_income_group_result *out)
{
	memset(out, 0, sizeof(*out));
	if (g->members > 0) {
		out->has_pc = 1;
		out->pc = dx_policy_div_round(g->net, g->members);
	}
	if (g->same_households == 0) {
		out->growth = DX_GROWTH_NO_PREV;
		return DX_OK;
	}
	out->same_pc = dx_policy_div_round(g->same_net, g->same_members);
	out->prev_pc = dx_policy_div_round(g->prev_net, g->prev_members);
	if (out->prev_pc <= 0) {
		out->growth = DX_GROWTH_PREV_ZERO;
		return DX_OK;
	}
	/* on the per-capita figures as printed, so a reader can redo it */
	out->growth = DX_GROWTH_OK;
	out->growth_bp = dx_policy_div_round((out->same_pc - out->prev_pc) *
						     10000,
					     out->prev_pc);
	return DX_OK;
}
