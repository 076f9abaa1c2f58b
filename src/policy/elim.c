/*
 * elim.c - the conditions for proposing 风险消除 (domain.md §6) and the
 * quick-elimination flag.  Each unmet condition gets its own reason.
 */
#include "core/dx.h"

#include "policy/elim.h"

#include <stdarg.h>

const char *dx_elim_kind_name(enum dx_elim_kind k)
{
	return k == DX_ELIM_NATURAL ? "自然消除" : "帮扶消除";
}

static void unmet(struct dx_elim_result *r, enum dx_elim_cond c,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void unmet(struct dx_elim_result *r, enum dx_elim_cond c,
		  const char *fmt, ...)
{
	va_list ap;
	if (r->nunmet >= DX_ELIM_COND_COUNT)
		return;
	r->unmet[r->nunmet].cond = c;
	va_start(ap, fmt);
	vsnprintf(r->unmet[r->nunmet].reason, DX_ELIM_REASON_MAX, fmt, ap);
	va_end(ap);
	r->nunmet++;
}

static int date_ok(const struct dx_date *d)
{
	return dx_date_valid(d->y, d->m, d->d);
}

int dx_elim_check(const struct dx_elim_input *in, const struct dx_policy *p,
		  struct dx_elim_result *out)
{
	int64_t line = dx_policy_line(p);
	int months = p->eliminate_min_months;
	char a[32], b[32];
	struct dx_date earliest;

	memset(out, 0, sizeof(*out));
	if (!date_ok(&in->identified) || !date_ok(&in->today))
		return DX_INVALID;

	/* domain.md §6: tested income above the line, stable ≥ 6 months */
	if (!in->has_income) {
		unmet(out, DX_ELIM_COND_NO_INCOME,
		      "无收入数据，无法判断收入是否稳定高于监测线");
	} else if (in->tested_pc < line) {
		dx_policy_fmt_fen(a, sizeof(a), in->tested_pc);
		dx_policy_fmt_fen(b, sizeof(b), line);
		unmet(out, DX_ELIM_COND_INCOME,
		      "人均收入参考值 %s 低于监测线 %s", a, b);
	} else if (in->months_above_line >= 0 &&
		   in->months_above_line < months) {
		unmet(out, DX_ELIM_COND_STABLE,
		      "收入高于监测线仅%d个月，未稳定满%d个月",
		      in->months_above_line, months);
	}
	/* domain.md §6: "3+1" all secure */
	if (in->unsafe_housing)
		unmet(out, DX_ELIM_COND_HOUSING,
		      "住房安全未保障（住房出现安全问题）");
	if (in->dropout)
		unmet(out, DX_ELIM_COND_EDUCATION,
		      "义务教育未保障（有适龄儿童失学辍学）");
	if (in->unsafe_water)
		unmet(out, DX_ELIM_COND_WATER, "饮水安全未保障");
	if (in->no_insurance)
		unmet(out, DX_ELIM_COND_MEDICAL,
		      "基本医疗未保障（有成员未参加基本医保）");
	/* domain.md §6: the original risks resolved and no new risk */
	if (in->risks_unresolved)
		unmet(out, DX_ELIM_COND_RISKS, "原有风险尚未消除");
	if (in->new_risk)
		unmet(out, DX_ELIM_COND_NEW_RISK, "出现新的风险");
	/* domain.md §6: identified ≥ 6 months ago */
	earliest = in->identified;
	dx_date_add_months(&earliest, months);
	if (dx_date_cmp(&in->today, &earliest) < 0) {
		char id[16], e[16];
		unmet(out, DX_ELIM_COND_TOO_SOON,
		      "识别未满%d个月（识别于%s，%s起方可消除）",
		      months, dx_date_format(&in->identified, id),
		      dx_date_format(&earliest, e));
	}
	/* domain.md §6: ≥ 1 measure implemented */
	if (in->measures_implemented < p->eliminate_min_measures)
		unmet(out, DX_ELIM_COND_MEASURES,
		      "已落实帮扶措施%d个，少于%d个",
		      in->measures_implemented, p->eliminate_min_measures);
	/* domain.md §6: no-labour households stay monitored */
	if (p->no_labour_blocks_elimination && !in->has_labour)
		unmet(out, DX_ELIM_COND_NO_LABOUR,
		      "整户无劳动能力，按政策不标注风险消除，继续监测");

	out->allowed = out->nunmet == 0;
	return DX_OK;
}

int dx_elim_suspicious(const struct dx_date *identified,
		       const struct dx_date *eliminated, enum dx_elim_kind kind)
{
	struct dx_date limit = *identified;
	/* domain.md §6: 帮扶消除 within 2 months of identification */
	if (kind != DX_ELIM_ASSISTED)
		return 0;
	dx_date_add_months(&limit, 2);
	return dx_date_cmp(eliminated, &limit) < 0;
}
