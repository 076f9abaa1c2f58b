/*
 * area.c - the 统计用区划代码 tree: county, townships, villages.
 */
#include "core/dx.h"
#include "core/area.h"
#include "store/store_int.h"

static const char SQL_AREA_PUT[] =
	"INSERT INTO area(code, county_code, parent, level, name) VALUES(?,?,?,?,?)"
	" ON CONFLICT(code) DO UPDATE SET name = excluded.name";
static const char SQL_AREA_GET[] = "SELECT code, name FROM area WHERE code = ?";
static const char SQL_AREA_CHILDREN[] =
	"SELECT code, name FROM area WHERE parent = ? ORDER BY code";
/* a county's codes are those from its six digits up to them followed by
 * '~', which sorts after every digit: a range of the primary key */
static const char SQL_AREA_COUNTY[] =
	"SELECT code, name FROM area WHERE code >= ? AND code < ? ORDER BY code";

int dx_store_area_put(struct dx_store *st, const char *code, const char *name)
{
	char canon[13], parent[13], county[7];
	enum dx_area_level lvl = dx_area_canon(code, canon);
	struct dx_stmt *s;
	if (lvl < DX_AREA_COUNTY)
		return dx_error(DX_INVALID, "area code '%s' is not a county, township or village", code);
	dx_area_parent(canon, parent);
	dx_area_county(canon, county);
	if (!(s = dx_q(st, SQL_AREA_PUT)))
		return DX_DB;
	dx_bind_text(s, 1, canon);
	dx_bind_text(s, 2, county);
	dx_bind_text(s, 3, lvl == DX_AREA_COUNTY ? NULL : parent);
	dx_bind_int(s, 4, lvl);
	dx_bind_text(s, 5, name);
	return dx_step_done(s);
}

int dx_store_area_get(struct dx_store *st, const char *code, struct dx_area *out)
{
	char canon[13];
	struct dx_stmt *s;
	int rc;
	if (dx_area_canon(code, canon) == DX_AREA_INVALID)
		return DX_NOT_FOUND;
	if (!(s = dx_q(st, SQL_AREA_GET)))
		return DX_DB;
	dx_bind_text(s, 1, canon);
	if ((rc = dx_step(s)))
		return rc;
	dx_col_copy(s, 0, out->code, sizeof(out->code));
	dx_col_copy(s, 1, out->name, sizeof(out->name));
	return DX_OK;
}

/* fn for each (code, name) row of the bound statement s */
static int each_area(struct dx_stmt *s, int (*fn)(const struct dx_area *, void *), void *arg)
{
	struct dx_area a;
	int rc;
	while ((rc = dx_step(s)) == DX_OK) {
		dx_col_copy(s, 0, a.code, sizeof(a.code));
		dx_col_copy(s, 1, a.name, sizeof(a.name));
		if ((rc = fn(&a, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

int dx_store_area_children(struct dx_store *st, const char *code,
			   int (*fn)(const struct dx_area *, void *), void *arg)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_AREA_CHILDREN)))
		return DX_DB;
	dx_bind_text(s, 1, code);
	return each_area(s, fn, arg);
}

int dx_store_area_county(struct dx_store *st, const char *county,
			 int (*fn)(const struct dx_area *, void *), void *arg)
{
	struct dx_stmt *s;
	char lo[7], hi[8];
	dx_strlcpy(lo, county, sizeof(lo));
	if (strlen(lo) != 6)
		return dx_error(DX_INVALID, "'%s' is not a county code", county);
	dx_snprintf(hi, sizeof(hi), "%s~", lo);
	if (!(s = dx_q(st, SQL_AREA_COUNTY)))
		return DX_DB;
	dx_bind_text(s, 1, lo);
	dx_bind_text(s, 2, hi);
	return each_area(s, fn, arg);
}
