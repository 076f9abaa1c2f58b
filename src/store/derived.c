/*
 * derived.c - recomputing the household columns kept by triggers
 * (household.members, schema v6; msum, head_id, head_name, schema v7) for
 * every household at once: after a bulk load that dropped the triggers,
 * or to audit them.  The rules themselves are the views person_bits and
 * household_derived of schema v7, which the triggers read too.
 */
#include "core/dx.h"
#include "store/derived.h"
#include "store/screen_scan.h"
#include "store/store.h"
#include "store/store_int.h"

/* Households without members get zeros first: the join below only
 * reaches households that have some. */
static const char SQL_REFRESH[] =
	"UPDATE household SET members = 0, msum = 0, head_id = NULL, head_name = ''"
	" WHERE members != 0 OR msum != 0 OR head_id IS NOT NULL OR head_name != '';"
	"UPDATE household SET members = d.members, msum = d.msum, head_id = d.head_id,"
	" head_name = coalesce((SELECT name FROM person WHERE id = d.head_id), '')"
	" FROM household_derived d WHERE d.household_id = household.id;";

static const char SQL_STALE[] =
	"SELECT count(*) FROM household h LEFT JOIN household_derived d"
	" ON d.household_id = h.id"
	" WHERE h.members != coalesce(d.members, 0) OR h.msum != coalesce(d.msum, 0)"
	" OR h.head_id IS DISTINCT FROM d.head_id"
	" OR h.head_name != coalesce((SELECT name FROM person WHERE id = d.head_id), '')";

int dx_store_refresh_derived(struct dx_store *st)
{
	return st->drv->exec(st, SQL_REFRESH);
}

int dx_store_derived_stale(struct dx_store *st, int64_t *n)
{
	struct dx_stmt *s = dx_q(st, SQL_STALE);
	int rc;
	*n = 0;
	if (!s)
		return DX_DB;
	rc = dx_step_int(s, n);
	return rc == DX_NOT_FOUND ? DX_DB : rc;
}

/* The labour codes the view person_flags names. */
static int labour_able(const char *l)
{
	return !strcmp(l, "普通劳动力") || !strcmp(l, "技能劳动力") ||
	       !strcmp(l, "弱劳动力或半劳动力");
}

unsigned dx_store_member_bits(const struct dx_person *p)
{
	/* instr() in the view is a byte search, as strstr is */
	static const char *const noncompulsory[] = {"高中", "中职", "高职", "本科", "研究生",
						    "硕士"};
	unsigned b = DX_HHM_ANY;
	int able = labour_able(p->labour);
	if (strstr(p->health, "大病") || strstr(p->health, "慢性病"))
		b |= DX_HHM_ILL;
	if (strstr(p->health, "残疾"))
		b |= DX_HHM_DISABLED;
	for (size_t i = 0; i < DX_ARRAY_SIZE(noncompulsory); i++)
		if (strstr(p->school, noncompulsory[i]))
			b |= DX_HHM_NONCOMPULSORY;
	if (able)
		b |= DX_HHM_LABOUR;
	if (able && p->work_place[0])
		b |= DX_HHM_LABOUR_WORK;
	if (!able && strcmp(p->labour, "丧失劳动力") && strcmp(p->labour, "无劳动力"))
		b |= DX_HHM_LABOUR_UNKNOWN;
	if (!p->ins_resident && !p->ins_employee)
		b |= DX_HHM_NO_INSURANCE;
	return b;
}

static const char SQL_SET[] =
	"UPDATE household SET members = ?2, msum = ?3, head_id = ?4,"
	" head_name = coalesce((SELECT name FROM person WHERE id = ?4), '') WHERE id = ?1";

int dx_store_household_set_derived(struct dx_store *st, int64_t id, int64_t members,
				   unsigned msum, int64_t head_id)
{
	struct dx_stmt *s = dx_q(st, SQL_SET);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	dx_bind_int(s, 2, members);
	dx_bind_int(s, 3, msum);
	if (head_id)
		dx_bind_int(s, 4, head_id);
	return dx_step_done(s);
}

/* the view's WHERE on its GROUP BY column reaches the person_household
 * index: each subquery reads this household's members only */
#define ONE_D(col) "(SELECT " col " FROM household_derived WHERE household_id = ?1)"
static const char SQL_REFRESH_ONE[] =
	"UPDATE household SET members = coalesce(" ONE_D("members") ", 0),"
	" msum = coalesce(" ONE_D("msum") ", 0), head_id = " ONE_D("head_id") ","
	" head_name = coalesce((SELECT name FROM person WHERE id = " ONE_D("head_id") "), '')"
	" WHERE id = ?1";

int dx_store_refresh_derived_one(struct dx_store *st, int64_t id)
{
	struct dx_stmt *s = dx_q(st, SQL_REFRESH_ONE);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	return dx_step_done(s);
}

int dx_store_bulk_stale(struct dx_store *st, int64_t id)
{
	if (st->bulk_nstale == st->bulk_stale_cap) {
		st->bulk_stale_cap = st->bulk_stale_cap ? st->bulk_stale_cap * 2 : 256;
		st->bulk_stale = dx_xrealloc(st->bulk_stale,
					     st->bulk_stale_cap * sizeof(*st->bulk_stale));
	}
	st->bulk_stale[st->bulk_nstale++] = id;
	return DX_OK;
}
