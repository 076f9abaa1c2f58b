/*
 * followup.c - measures and visits: reads, updates and the caseload and
 * visit-status scans (see followup.h).
 */
#include "core/dx.h"
#include "store/followup.h"
#include "store/store_int.h"

static const char SQL_MEASURE_GET[] =
	"SELECT m.id, m.household_id, m.category, m.detail, m.status, m.amount,"
	" coalesce(m.start_on, ''), coalesce(m.end_on, ''), m.cadre, h.area_code"
	" FROM measure m JOIN household h ON h.id = m.household_id WHERE m.id = ?1";
static const char SQL_MEASURE_LIST[] =
	"SELECT m.id, m.household_id, m.category, m.detail, m.status, m.amount,"
	" coalesce(m.start_on, ''), coalesce(m.end_on, ''), m.cadre, ''"
	" FROM measure m WHERE m.household_id = ?1 ORDER BY coalesce(m.start_on, ''), m.id";
static const char SQL_MEASURE_UPDATE[] =
	"UPDATE measure SET category = ?2, detail = ?3, status = ?4, amount = ?5,"
	" start_on = ?6, end_on = ?7, cadre = ?8 WHERE id = ?1";

static void measure_row(struct dx_stmt *s, struct dx_measure *m)
{
	memset(m, 0, sizeof(*m));
	m->id = dx_col_int(s, 0);
	m->household_id = dx_col_int(s, 1);
	dx_col_copy(s, 2, m->category, sizeof(m->category));
	dx_col_copy(s, 3, m->detail, sizeof(m->detail));
	dx_col_copy(s, 4, m->status, sizeof(m->status));
	m->amount = dx_col_int(s, 5);
	dx_col_copy(s, 6, m->start_on, sizeof(m->start_on));
	dx_col_copy(s, 7, m->end_on, sizeof(m->end_on));
	dx_col_copy(s, 8, m->cadre, sizeof(m->cadre));
}

int dx_store_measure_get(struct dx_store *st, int64_t id, struct dx_measure *out,
			 char area_code[13])
{
	struct dx_stmt *s = dx_q(st, SQL_MEASURE_GET);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	if ((rc = dx_step(s)))
		return rc;
	measure_row(s, out);
	dx_col_copy(s, 9, area_code, 13);
	return dx_step_done(s);
}

int dx_store_measure_update(struct dx_store *st, const struct dx_measure *m)
{
	struct dx_stmt *s = dx_q(st, SQL_MEASURE_UPDATE);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, m->id);
	dx_bind_text(s, 2, m->category);
	dx_bind_text(s, 3, m->detail);
	dx_bind_text(s, 4, m->status);
	dx_bind_int(s, 5, m->amount);
	dx_bind_opt(s, 6, m->start_on);
	dx_bind_opt(s, 7, m->end_on);
	dx_bind_text(s, 8, m->cadre);
	return dx_step_done(s);
}

int dx_store_measure_list(struct dx_store *st, int64_t household_id,
			  int (*fn)(const struct dx_measure *, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_MEASURE_LIST);
	struct dx_measure m;
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	while ((rc = dx_step(s)) == DX_OK) {
		measure_row(s, &m);
		if ((rc = fn(&m, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* Measures in force on ?2: started by then (or undated) and not ended
 * before it -- fixed-term measures (loans, 公益岗位, 雨露计划) stay in
 * force after elimination until they end (domain.md §6). */
static const char SQL_CASELOAD[] =
	"SELECT h.area_code, m.cadre, count(DISTINCT m.household_id), count(*)"
	" FROM measure m JOIN household h ON h.id = m.household_id"
	" WHERE h.area_code >= ?1 AND h.area_code < ?1 || ':'"
	" AND (m.start_on IS NULL OR m.start_on <= ?2)"
	" AND (m.end_on IS NULL OR m.end_on >= ?2)"
	" GROUP BY h.area_code, m.cadre ORDER BY h.area_code, count(DISTINCT m.household_id) DESC,"
	" m.cadre";

int dx_store_caseload(struct dx_store *st, const char *area, const char *as_of,
		      int (*fn)(const struct dx_caseload *, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_CASELOAD);
	struct dx_caseload c;
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, as_of);
	while ((rc = dx_step(s)) == DX_OK) {
		c.village = dx_col_text(s, 0);
		c.cadre = dx_col_text(s, 1);
		c.households = (long)dx_col_int(s, 2);
		c.measures = (long)dx_col_int(s, 3);
		if ((rc = fn(&c, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* ?1 area, ?2 from (exclusive), ?3 to (inclusive; also the as-of date of
 * the episode state) */
static const char SQL_VISIT_STATUS[] =
	"WITH ep AS (SELECT e.household_id, e.eliminated_on IS NOT NULL AND e.eliminated_on <= ?3"
	"   AS elim, row_number() OVER (PARTITION BY e.household_id"
	"   ORDER BY e.identified_on DESC, e.id DESC) AS rn"
	"   FROM episode e JOIN household h ON h.id = e.household_id"
	"   WHERE e.identified_on <= ?3 AND h.area_code >= ?1 AND h.area_code < ?1 || ':'),"
	" v AS (SELECT household_id, " DX_SQL_COUNT_IF("visited_on > ?2") " AS n, max(visited_on) AS last"
	"   FROM visit WHERE visited_on <= ?3 GROUP BY household_id)"
	" SELECT h.id, h.hh_no, h.area_code,"
	"  coalesce((SELECT name FROM person p WHERE p.household_id = h.id AND p.relation = '户主'"
	"   AND p.left_on IS NULL LIMIT 1), ''), ep.elim, coalesce(v.n, 0), coalesce(v.last, ''),"
	"  coalesce((SELECT cadre FROM visit x WHERE x.household_id = h.id AND x.visited_on = v.last"
	"   ORDER BY x.id DESC LIMIT 1), '')"
	" FROM ep JOIN household h ON h.id = ep.household_id"
	" LEFT JOIN v ON v.household_id = h.id"
	" WHERE ep.rn = 1 ORDER BY h.area_code, h.hh_no";

int dx_store_visit_status(struct dx_store *st, const char *area, const char *from,
			  const char *to, int (*fn)(const struct dx_visit_status *, void *),
			  void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_VISIT_STATUS);
	struct dx_visit_status v;
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, from);
	dx_bind_text(s, 3, to);
	while ((rc = dx_step(s)) == DX_OK) {
		v.household_id = dx_col_int(s, 0);
		v.hh_no = dx_col_text(s, 1);
		v.area_code = dx_col_text(s, 2);
		v.head = dx_col_text(s, 3);
		v.eliminated = (int)dx_col_int(s, 4);
		v.visits = (long)dx_col_int(s, 5);
		v.last_visit = dx_col_text(s, 6);
		v.last_cadre = dx_col_text(s, 7);
		if ((rc = fn(&v, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}
