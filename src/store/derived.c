/*
 * derived.c - recomputing the household columns kept by triggers
 * (household.members, schema v6; msum, head_id, head_name, schema v7) for
 * every household at once: after a bulk load that dropped the triggers,
 * or to audit them.  The rules themselves are the views person_bits and
 * household_derived of schema v7, which the triggers read too.
 */
#include "core/dx.h"
#include "store/derived.h"
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
	" OR h.head_id IS NOT d.head_id"
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
	if ((rc = dx_step(s)))
		return rc == DX_NOT_FOUND ? DX_DB : rc;
	*n = dx_col_int(s, 0);
	return dx_step_done(s);
}
