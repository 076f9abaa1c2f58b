/*
 * warnings.c - reads behind the warning dispatch and feedback sheet.
 */
#include "core/dx.h"
#include "store/warnings.h"
#include "store/store_int.h"

#define WARNING_COLS                                                                        \
	"SELECT w.id, w.department, w.event, b.period, w.id_no, w.name,"                    \
	" coalesce(w.occurred_on, ''), w.note, w.amount, coalesce(w.household_id, 0),"      \
	" coalesce(h.hh_no, ''), coalesce(h.area_code, ''), coalesce(a.name, ''),"          \
	" coalesce(w.result, ''), coalesce(w.verified_on, ''), coalesce(w.clue_id, 0),"     \
	" coalesce(c.state, ''), coalesce(c.result, ''), coalesce(c.closed_on, ''),"        \
	" coalesce(c.deadline, ''), coalesce(k.state, ''),"                                 \
	" (SELECT count(*) FROM measure m WHERE m.household_id = w.household_id"            \
	"   AND m.start_on >= coalesce(w.occurred_on, b.period))"                           \
	" FROM warning w JOIN warning_batch b ON b.id = w.batch_id"                         \
	" LEFT JOIN household h ON h.id = w.household_id"                                   \
	" LEFT JOIN area a ON a.code = h.area_code"                                         \
	" LEFT JOIN clue c ON c.id = w.clue_id"                                              \
	" LEFT JOIN case_file k ON k.id = c.case_id"

static const char SQL_PENDING[] = WARNING_COLS
	" WHERE w.household_id IS NOT NULL AND w.clue_id IS NULL AND w.result IS NULL"
	" AND h.area_code >= ?1 AND h.area_code < ?1 || ':' ORDER BY w.id";
static const char SQL_FEEDBACK[] = WARNING_COLS
	" WHERE w.county_code = ?1 AND w.department = ?2 AND (?3 = '' OR b.period = ?3)"
	" ORDER BY w.id";
static const char SQL_SET_RESULT[] = "UPDATE warning SET result = ?2, verified_on = ?3 WHERE id = ?1";

static int each(struct dx_stmt *s, int (*fn)(const struct dx_warning_view *, void *), void *arg)
{
	struct dx_warning_view v;
	int rc;
	while ((rc = dx_step(s)) == DX_OK) {
		int i = 0;
		v.id = dx_col_int(s, i++);
		v.department = dx_col_text(s, i++);
		v.event = dx_col_text(s, i++);
		v.period = dx_col_text(s, i++);
		v.id_no = dx_col_idno(s, i++);
		v.name = dx_col_text(s, i++);
		v.occurred_on = dx_col_text(s, i++);
		v.note = dx_col_text(s, i++);
		v.amount = dx_col_int(s, i++);
		v.household_id = dx_col_int(s, i++);
		v.hh_no = dx_col_text(s, i++);
		v.area_code = dx_col_text(s, i++);
		v.village = dx_col_text(s, i++);
		v.result = dx_col_text(s, i++);
		v.verified_on = dx_col_text(s, i++);
		v.clue_id = dx_col_int(s, i++);
		v.clue_state = dx_col_text(s, i++);
		v.clue_result = dx_col_text(s, i++);
		v.clue_closed_on = dx_col_text(s, i++);
		v.clue_deadline = dx_col_text(s, i++);
		v.case_state = dx_col_text(s, i++);
		v.measures_after = (long)dx_col_int(s, i++);
		if ((rc = fn(&v, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

int dx_store_warnings_pending(struct dx_store *st, const char *area,
			      int (*fn)(const struct dx_warning_view *, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_PENDING);
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	return each(s, fn, arg);
}

int dx_store_warning_set_result(struct dx_store *st, int64_t id, const char *result,
				const char *on)
{
	struct dx_stmt *s = dx_q(st, SQL_SET_RESULT);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	dx_bind_text(s, 2, result);
	dx_bind_text(s, 3, on);
	return dx_step_done(s);
}

int dx_store_warnings_feedback(struct dx_store *st, const char *county, const char *department,
			       const char *period,
			       int (*fn)(const struct dx_warning_view *, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_FEEDBACK);
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, county);
	dx_bind_text(s, 2, department);
	dx_bind_text(s, 3, period ? period : "");
	return each(s, fn, arg);
}
