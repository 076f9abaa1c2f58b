/*
 * policy_store.c - list and write the stored policy settings (domain.md
 * §10: per area prefix and year, with an effective date).
 *
 * Prefix tests use substr/length so the same SQL runs on PostgreSQL; the
 * table holds a few hundred rows for a province, so no index is needed
 * beyond the unique key.
 */
#include "core/dx.h"
#include "store/policy_store.h"
#include "store/store_int.h"

/* ?1 area, ?2 year, ?3 subtree (0/1).  A row applies when its prefix is a
 * prefix of the area, or (subtree) the area is a prefix of it. */
static const char SQL_ROWS[] =
	"SELECT id, area_prefix, year, key, value, effective_from, set_by, set_at"
	" FROM policy"
	" WHERE (substr(?1, 1, length(area_prefix)) = area_prefix"
	"        OR (?3 = 1 AND substr(area_prefix, 1, length(?1)) = ?1))"
	"   AND (?2 = 0 OR year = ?2 OR year = 0)"
	" ORDER BY id";

int dx_store_policy_rows(struct dx_store *st, const char *area, int year,
			 int subtree,
			 int (*fn)(const struct dx_policy_row *, void *),
			 void *arg)
{
	struct dx_policy_row r;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_ROWS)))
		return DX_DB;
	dx_bind_text(s, 1, area ? area : "");
	dx_bind_int(s, 2, year);
	dx_bind_int(s, 3, subtree ? 1 : 0);
	while ((rc = dx_step(s)) == DX_OK) {
		r.id = dx_col_int(s, 0);
		r.area_prefix = dx_col_text(s, 1);
		r.year = (int)dx_col_int(s, 2);
		r.key = dx_col_text(s, 3);
		r.value = dx_col_text(s, 4);
		r.effective_from = dx_col_text(s, 5);
		r.set_by = dx_col_text(s, 6);
		r.set_at = dx_col_text(s, 7);
		if ((rc = fn(&r, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_OLD[] =
	"SELECT value FROM policy WHERE area_prefix = ?1 AND year = ?2"
	" AND key = ?3 AND effective_from = ?4";

static const char SQL_PUT[] =
	"INSERT INTO policy(county_code, area_prefix, year, key, value,"
	" effective_from, set_by, set_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	" ON CONFLICT(area_prefix, year, key, effective_from) DO UPDATE SET"
	" value = excluded.value, set_by = excluded.set_by,"
	" set_at = excluded.set_at";

int dx_store_policy_put(struct dx_store *st, const char *area_prefix,
			int year, const char *key, const char *value,
			const char *effective_from, const char *actor,
			char *old, size_t size, int *had_old)
{
	char county[7], now[21];
	struct dx_stmt *s;
	int rc;

	*had_old = 0;
	if (size)
		old[0] = '\0';
	if (!effective_from)
		effective_from = "";
	if (!(s = dx_q(st, SQL_OLD)))
		return DX_DB;
	dx_bind_text(s, 1, area_prefix);
	dx_bind_int(s, 2, year);
	dx_bind_text(s, 3, key);
	dx_bind_text(s, 4, effective_from);
	rc = dx_step(s);
	if (rc == DX_OK) {
		*had_old = 1;
		dx_col_copy(s, 0, old, size);
		rc = dx_step_done(s);
	} else if (rc == DX_NOT_FOUND) {
		rc = DX_OK;
	}
	s->drv->reset(s);
	if (rc)
		return rc;

	/* a province or city setting has no county: its prefix stands in */
	dx_strlcpy(county, area_prefix, sizeof(county));
	dx_store_now(now);
	if (!(s = dx_q(st, SQL_PUT)))
		return DX_DB;
	dx_bind_text(s, 1, county);
	dx_bind_text(s, 2, area_prefix);
	dx_bind_int(s, 3, year);
	dx_bind_text(s, 4, key);
	dx_bind_text(s, 5, value);
	dx_bind_text(s, 6, effective_from);
	dx_bind_text(s, 7, actor);
	dx_bind_text(s, 8, now);
	return dx_step_done(s);
}
