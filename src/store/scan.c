/*
 * scan.c - read-side queries that reports and summaries aggregate over.
 *
 * Aggregation happens in C (src/app/), not in SQL: one pass over the
 * households of an area hands each one's facts to a callback, so the same
 * counting rules serve every report table and drill-down.
 */
#include "core/dx.h"
#include "store/store_int.h"

/* ?1 area prefix, ?2 year, ?3 as-of date.  Area ranges use
 * `code >= prefix AND code < prefix || ':'` (':' sorts after '9') so the
 * index on area_code serves any prefix. */
static const char SQL_SCAN[] =
	"WITH m AS (SELECT p.household_id, count(*) AS n FROM person p"
	"   JOIN household h ON h.id = p.household_id"
	"   WHERE p.counted = 1 AND h.area_code >= ?1 AND h.area_code < ?1 || ':'"
	"   GROUP BY p.household_id),"
	" ep AS (SELECT e.household_id, e.category, e.eliminated_on, e.reflag,"
	"   row_number() OVER (PARTITION BY e.household_id"
	"                      ORDER BY e.identified_on DESC, e.id DESC) AS rn"
	"   FROM episode e JOIN household h ON h.id = e.household_id"
	"   WHERE e.identified_on <= ?3 AND h.area_code >= ?1"
	"     AND h.area_code < ?1 || ':')"
	" SELECT h.id, h.hh_no, h.area_code, h.kind = '脱贫户', coalesce(m.n, 0),"
	"  i.id IS NOT NULL,"
	"  coalesce(i.wage + i.business + i.property + i.transfer - i.business_cost, 0),"
	"  p.id IS NOT NULL,"
	"  coalesce(p.wage + p.business + p.property + p.transfer - p.business_cost, 0),"
	"  ep.category, ep.eliminated_on IS NOT NULL AND ep.eliminated_on <= ?3,"
	"  coalesce(ep.reflag, 0)"
	" FROM household h"
	" LEFT JOIN m ON m.household_id = h.id"
	" LEFT JOIN income i ON i.household_id = h.id AND i.year = ?2"
	" LEFT JOIN income p ON p.household_id = h.id AND p.year = ?2 - 1"
	" LEFT JOIN ep ON ep.household_id = h.id AND ep.rn = 1"
	" WHERE h.area_code >= ?1 AND h.area_code < ?1 || ':'"
	" ORDER BY h.area_code, h.hh_no";

int dx_store_scan_households(struct dx_store *st, const char *area, int year,
			     const char *as_of,
			     int (*fn)(const struct dx_hh_fact *, void *), void *arg)
{
	struct dx_hh_fact f;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_SCAN)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_int(s, 2, year);
	dx_bind_text(s, 3, as_of);
	while ((rc = dx_step(s)) == DX_OK) {
		memset(&f, 0, sizeof(f));
		f.id = dx_col_int(s, 0);
		f.hh_no = dx_col_text(s, 1);
		f.area_code = dx_col_text(s, 2);
		f.tuopin = (int)dx_col_int(s, 3);
		f.members = (int)dx_col_int(s, 4);
		f.has_income = (int)dx_col_int(s, 5);
		f.net = dx_col_int(s, 6);
		f.has_prev = (int)dx_col_int(s, 7);
		f.prev_net = dx_col_int(s, 8);
		f.monitored = !dx_col_null(s, 9);
		f.category = dx_col_text(s, 9);
		f.eliminated = (int)dx_col_int(s, 10);
		f.reflag = (int)dx_col_int(s, 11);
		if ((rc = fn(&f, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* Tables that may be counted, with the column that places a row in an area
 * (a fixed list: the table name never comes from input into SQL). */
static const struct {
	const char *table;
	const char *sql;
} count_sql[] = {
	{"household", "SELECT count(*) FROM household WHERE area_code >= ?1"
		      " AND area_code < ?1 || ':'"},
	{"person", "SELECT count(*) FROM person p JOIN household h"
		   " ON h.id = p.household_id WHERE h.area_code >= ?1"
		   " AND h.area_code < ?1 || ':'"},
	{"episode", "SELECT count(*) FROM episode e JOIN household h"
		    " ON h.id = e.household_id WHERE h.area_code >= ?1"
		    " AND h.area_code < ?1 || ':'"},
	{"measure", "SELECT count(*) FROM measure e JOIN household h"
		    " ON h.id = e.household_id WHERE h.area_code >= ?1"
		    " AND h.area_code < ?1 || ':'"},
	{"visit", "SELECT count(*) FROM visit e JOIN household h"
		  " ON h.id = e.household_id WHERE h.area_code >= ?1"
		  " AND h.area_code < ?1 || ':'"},
	{"income", "SELECT count(*) FROM income e JOIN household h"
		   " ON h.id = e.household_id WHERE h.area_code >= ?1"
		   " AND h.area_code < ?1 || ':'"},
	{"warning", "SELECT count(*) FROM warning WHERE county_code >= substr(?1, 1, 6)"
		    " AND county_code < substr(?1, 1, 6) || ':'"},
	{"audit", "SELECT count(*) FROM audit WHERE county_code >= substr(?1, 1, 6)"
		  " AND county_code < substr(?1, 1, 6) || ':'"},
	{"area", "SELECT count(*) FROM area WHERE code >= ?1 AND code < ?1 || ':'"},
};

int dx_store_count(struct dx_store *st, const char *table, const char *area, int64_t *n)
{
	for (size_t i = 0; i < DX_ARRAY_SIZE(count_sql); i++) {
		struct dx_stmt *s;
		int rc;
		if (strcmp(count_sql[i].table, table))
			continue;
		if (!(s = dx_q(st, count_sql[i].sql)))
			return DX_DB;
		dx_bind_text(s, 1, area ? area : "");
		if ((rc = dx_step(s)))
			return rc;
		*n = dx_col_int(s, 0);
		return dx_step_done(s);
	}
	return dx_error(DX_INVALID, "cannot count table '%s'", table);
}
