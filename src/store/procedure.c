/*
 * procedure.c - clues, cases, case steps, episode updates and the
 * household facts of the monitoring procedure (see
 * procedure.h).  Area filters use `area_code >= ?1 AND area_code < ?1 ||
 * ':'`, as scan.c does, so any prefix is served by the area index.
 */
#include "core/dx.h"
#include "store/procedure.h"
#include "store/store_int.h"

/* ---- households ---- */

#define HH_COLS                                                                  \
	"SELECT h.id, h.hh_no, h.area_code, h.group_name, h.kind,"               \
	" coalesce((SELECT p.name FROM person p WHERE p.household_id = h.id"     \
	" AND p.relation = '户主' AND p.left_on IS NULL ORDER BY p.id LIMIT 1), ''),"\
	" h.unsafe_housing, h.dropout, h.unsafe_water FROM household h"

static const char SQL_HH_BY_NO[] = HH_COLS " WHERE h.hh_no = ?";
static const char SQL_HH_BY_ID[] = HH_COLS " WHERE h.id = ?";

static int hh_row(struct dx_stmt *s, struct dx_hh_ref *o)
{
	int rc = dx_step(s);
	if (rc)
		return rc;
	memset(o, 0, sizeof(*o));
	o->id = dx_col_int(s, 0);
	dx_col_copy(s, 1, o->hh_no, sizeof(o->hh_no));
	dx_col_copy(s, 2, o->area_code, sizeof(o->area_code));
	dx_col_copy(s, 3, o->group_name, sizeof(o->group_name));
	dx_col_copy(s, 4, o->kind, sizeof(o->kind));
	dx_col_copy(s, 5, o->head, sizeof(o->head));
	o->unsafe_housing = (int)dx_col_int(s, 6);
	o->dropout = (int)dx_col_int(s, 7);
	o->unsafe_water = (int)dx_col_int(s, 8);
	return dx_step_done(s);
}

int dx_store_hh_by_no(struct dx_store *st, const char *hh_no, struct dx_hh_ref *out)
{
	struct dx_stmt *s = dx_q(st, SQL_HH_BY_NO);
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, hh_no);
	return hh_row(s, out);
}

int dx_store_hh_by_id(struct dx_store *st, int64_t id, struct dx_hh_ref *out)
{
	struct dx_stmt *s = dx_q(st, SQL_HH_BY_ID);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	return hh_row(s, out);
}

static const char SQL_MEMBERS[] =
	"SELECT labour, ins_resident, ins_employee, counted FROM person"
	" WHERE household_id = ? AND left_on IS NULL ORDER BY id";

int dx_store_member_briefs(struct dx_store *st, int64_t household_id,
			   int (*fn)(const struct dx_member_brief *, void *), void *arg)
{
	struct dx_member_brief m;
	struct dx_stmt *s = dx_q(st, SQL_MEMBERS);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	while ((rc = dx_step(s)) == DX_OK) {
		dx_col_copy(s, 0, m.labour, sizeof(m.labour));
		m.ins_resident = (int)dx_col_int(s, 1);
		m.ins_employee = (int)dx_col_int(s, 2);
		m.counted = (int)dx_col_int(s, 3);
		if ((rc = fn(&m, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_INCOME_GET[] =
	"SELECT wage, business, property, transfer, business_cost, claims, oop"
	" FROM income WHERE household_id = ? AND year = ?";
static const char SQL_INCOME_LAST[] =
	"SELECT coalesce(max(year), 0) FROM income WHERE household_id = ? AND year <= ?";

int dx_store_income_get(struct dx_store *st, int64_t household_id, int year,
			struct dx_income_row *out)
{
	struct dx_stmt *s = dx_q(st, SQL_INCOME_GET);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	dx_bind_int(s, 2, year);
	if ((rc = dx_step(s)))
		return rc;
	memset(out, 0, sizeof(*out));
	out->household_id = household_id;
	out->year = year;
	out->wage = dx_col_int(s, 0);
	out->business = dx_col_int(s, 1);
	out->property = dx_col_int(s, 2);
	out->transfer = dx_col_int(s, 3);
	out->business_cost = dx_col_int(s, 4);
	out->claims = dx_col_int(s, 5);
	out->oop = dx_col_int(s, 6);
	return dx_step_done(s);
}

int dx_store_income_last_year(struct dx_store *st, int64_t household_id, int year, int *out)
{
	struct dx_stmt *s = dx_q(st, SQL_INCOME_LAST);
	int64_t v = 0;
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	dx_bind_int(s, 2, year);
	rc = dx_step_int(s, &v);
	*out = (int)v;
	return rc;
}

static const char SQL_MEASURE_COUNT[] =
	"SELECT count(*) FROM measure WHERE household_id = ? AND status = ?";

int dx_store_measure_count(struct dx_store *st, int64_t household_id, const char *status,
			   int64_t *n)
{
	struct dx_stmt *s = dx_q(st, SQL_MEASURE_COUNT);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	dx_bind_text(s, 2, status);
	return dx_step_int(s, n);
}

/* ---- clues ---- */

static const char SQL_CLUE_INSERT[] =
	"INSERT INTO clue(county_code, household_id, source, reason, found_on, deadline,"
	" state, result, closed_on, case_id, warning_id, created_by)"
	" SELECT county_code, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM household WHERE id = ?"
	" RETURNING id";

#define CLUE_COLS                                                                \
	"SELECT c.id, c.household_id, h.hh_no, h.area_code, c.source, c.reason,"  \
	" c.found_on, c.deadline, c.state, coalesce(c.result, ''),"              \
	" coalesce(c.closed_on, ''), coalesce(c.case_id, 0),"                    \
	" coalesce(c.warning_id, 0), c.created_by"                               \
	" FROM clue c JOIN household h ON h.id = c.household_id"

static const char SQL_CLUE_GET[] = CLUE_COLS " WHERE c.id = ?";
static const char SQL_CLUE_LIST[] =
	CLUE_COLS " WHERE h.area_code >= ?1 AND h.area_code < ?1 || ':'"
	" AND (?2 = '' OR c.state = ?2) ORDER BY c.id";
static const char SQL_CLUE_UPDATE[] =
	"UPDATE clue SET state = ?, result = ?, closed_on = ?, case_id = ? WHERE id = ?";

int dx_store_clue_insert(struct dx_store *st, struct dx_clue_row *c)
{
	struct dx_stmt *s = dx_q(st, SQL_CLUE_INSERT);
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, c->source);
	dx_bind_text(s, 2, c->reason);
	dx_bind_text(s, 3, c->found_on);
	dx_bind_text(s, 4, c->deadline);
	dx_bind_text(s, 5, c->state);
	dx_bind_opt(s, 6, c->result);
	dx_bind_opt(s, 7, c->closed_on);
	if (c->case_id)
		dx_bind_int(s, 8, c->case_id);
	if (c->warning_id)
		dx_bind_int(s, 9, c->warning_id);
	dx_bind_text(s, 10, c->created_by);
	dx_bind_int(s, 11, c->household_id);
	return dx_step_int(s, &c->id);
}

static void clue_cols(struct dx_stmt *s, struct dx_clue_row *c)
{
	memset(c, 0, sizeof(*c));
	c->id = dx_col_int(s, 0);
	c->household_id = dx_col_int(s, 1);
	dx_col_copy(s, 2, c->hh_no, sizeof(c->hh_no));
	dx_col_copy(s, 3, c->area_code, sizeof(c->area_code));
	dx_col_copy(s, 4, c->source, sizeof(c->source));
	dx_col_copy(s, 5, c->reason, sizeof(c->reason));
	dx_col_copy(s, 6, c->found_on, sizeof(c->found_on));
	dx_col_copy(s, 7, c->deadline, sizeof(c->deadline));
	dx_col_copy(s, 8, c->state, sizeof(c->state));
	dx_col_copy(s, 9, c->result, sizeof(c->result));
	dx_col_copy(s, 10, c->closed_on, sizeof(c->closed_on));
	c->case_id = dx_col_int(s, 11);
	c->warning_id = dx_col_int(s, 12);
	dx_col_copy(s, 13, c->created_by, sizeof(c->created_by));
}

int dx_store_clue_get(struct dx_store *st, int64_t id, struct dx_clue_row *out)
{
	struct dx_stmt *s = dx_q(st, SQL_CLUE_GET);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	if ((rc = dx_step(s)))
		return rc;
	clue_cols(s, out);
	return dx_step_done(s);
}

int dx_store_clue_update(struct dx_store *st, const struct dx_clue_row *c)
{
	struct dx_stmt *s = dx_q(st, SQL_CLUE_UPDATE);
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, c->state);
	dx_bind_opt(s, 2, c->result);
	dx_bind_opt(s, 3, c->closed_on);
	if (c->case_id)
		dx_bind_int(s, 4, c->case_id);
	dx_bind_int(s, 5, c->id);
	return dx_step_done(s);
}

int dx_store_clue_list(struct dx_store *st, const char *area, const char *state,
		       int (*fn)(const struct dx_clue_row *, void *), void *arg)
{
	struct dx_clue_row c;
	struct dx_stmt *s = dx_q(st, SQL_CLUE_LIST);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area ? area : "");
	dx_bind_text(s, 2, state ? state : "");
	while ((rc = dx_step(s)) == DX_OK) {
		clue_cols(s, &c);
		if ((rc = fn(&c, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* ---- cases ---- */

static const char SQL_CASE_INSERT[] =
	"INSERT INTO case_file(county_code, household_id, kind, state, opened_on,"
	" deadline, category, risks, elim_kind, green_channel, clue_id, opened_by)"
	" SELECT county_code, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM household WHERE id = ?"
	" RETURNING id";

#define CASE_COLS                                                                \
	"SELECT c.id, c.household_id, h.hh_no, h.area_code, c.kind, c.state,"     \
	" c.opened_on, coalesce(c.deadline, ''), coalesce(c.closed_on, ''),"      \
	" coalesce(c.reason, ''), coalesce(c.category, ''), coalesce(c.risks, ''),"\
	" coalesce(c.elim_kind, ''), c.green_channel, coalesce(c.clue_id, 0),"    \
	" coalesce(c.episode_id, 0), c.opened_by, c.flag"                         \
	" FROM case_file c JOIN household h ON h.id = c.household_id"

static const char SQL_CASE_GET[] = CASE_COLS " WHERE c.id = ?";
static const char SQL_CASE_LIST[] =
	CASE_COLS " WHERE h.area_code >= ?1 AND h.area_code < ?1 || ':'"
	" AND (?2 = '' OR c.state = ?2) ORDER BY c.id";
static const char SQL_CASE_UPDATE[] =
	"UPDATE case_file SET state = ?, closed_on = ?, reason = ?, green_channel = ?,"
	" episode_id = ?, flag = ? WHERE id = ?";
static const char SQL_CASE_OPEN_FOR[] =
	"SELECT coalesce(max(id), 0) FROM case_file WHERE household_id = ? AND state = '办理中'";

int dx_store_case_insert(struct dx_store *st, struct dx_case_row *c)
{
	struct dx_stmt *s = dx_q(st, SQL_CASE_INSERT);
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, c->kind);
	dx_bind_text(s, 2, c->state);
	dx_bind_text(s, 3, c->opened_on);
	dx_bind_opt(s, 4, c->deadline);
	dx_bind_opt(s, 5, c->category);
	dx_bind_opt(s, 6, c->risks);
	dx_bind_opt(s, 7, c->elim_kind);
	dx_bind_int(s, 8, c->green_channel);
	if (c->clue_id)
		dx_bind_int(s, 9, c->clue_id);
	dx_bind_text(s, 10, c->opened_by);
	dx_bind_int(s, 11, c->household_id);
	return dx_step_int(s, &c->id);
}

static void case_cols(struct dx_stmt *s, struct dx_case_row *c)
{
	memset(c, 0, sizeof(*c));
	c->id = dx_col_int(s, 0);
	c->household_id = dx_col_int(s, 1);
	dx_col_copy(s, 2, c->hh_no, sizeof(c->hh_no));
	dx_col_copy(s, 3, c->area_code, sizeof(c->area_code));
	dx_col_copy(s, 4, c->kind, sizeof(c->kind));
	dx_col_copy(s, 5, c->state, sizeof(c->state));
	dx_col_copy(s, 6, c->opened_on, sizeof(c->opened_on));
	dx_col_copy(s, 7, c->deadline, sizeof(c->deadline));
	dx_col_copy(s, 8, c->closed_on, sizeof(c->closed_on));
	dx_col_copy(s, 9, c->reason, sizeof(c->reason));
	dx_col_copy(s, 10, c->category, sizeof(c->category));
	dx_col_copy(s, 11, c->risks, sizeof(c->risks));
	dx_col_copy(s, 12, c->elim_kind, sizeof(c->elim_kind));
	c->green_channel = (int)dx_col_int(s, 13);
	c->clue_id = dx_col_int(s, 14);
	c->episode_id = dx_col_int(s, 15);
	dx_col_copy(s, 16, c->opened_by, sizeof(c->opened_by));
	dx_col_copy(s, 17, c->flag, sizeof(c->flag));
}

int dx_store_case_get(struct dx_store *st, int64_t id, struct dx_case_row *out)
{
	struct dx_stmt *s = dx_q(st, SQL_CASE_GET);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	if ((rc = dx_step(s)))
		return rc;
	case_cols(s, out);
	return dx_step_done(s);
}

int dx_store_case_update(struct dx_store *st, const struct dx_case_row *c)
{
	struct dx_stmt *s = dx_q(st, SQL_CASE_UPDATE);
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, c->state);
	dx_bind_opt(s, 2, c->closed_on);
	dx_bind_opt(s, 3, c->reason);
	dx_bind_int(s, 4, c->green_channel);
	if (c->episode_id)
		dx_bind_int(s, 5, c->episode_id);
	dx_bind_text(s, 6, c->flag);
	dx_bind_int(s, 7, c->id);
	return dx_step_done(s);
}

int dx_store_case_list(struct dx_store *st, const char *area, const char *state,
		       int (*fn)(const struct dx_case_row *, void *), void *arg)
{
	struct dx_case_row c;
	struct dx_stmt *s = dx_q(st, SQL_CASE_LIST);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area ? area : "");
	dx_bind_text(s, 2, state ? state : "");
	while ((rc = dx_step(s)) == DX_OK) {
		case_cols(s, &c);
		if ((rc = fn(&c, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

int dx_store_case_open_for(struct dx_store *st, int64_t household_id, int64_t *id)
{
	struct dx_stmt *s = dx_q(st, SQL_CASE_OPEN_FOR);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	return dx_step_int(s, id);
}

static const char SQL_STEP_INSERT[] =
	"INSERT INTO case_step(county_code, case_id, step, actor, actor_level, done_on,"
	" result, note) SELECT county_code, id, ?, ?, ?, ?, ?, ? FROM case_file WHERE id = ?"
	" RETURNING id";
static const char SQL_STEP_LIST[] =
	"SELECT id, step, actor, actor_level, done_on, result, note FROM case_step"
	" WHERE case_id = ? ORDER BY id";

int dx_store_step_insert(struct dx_store *st, struct dx_step_row *r)
{
	struct dx_stmt *s = dx_q(st, SQL_STEP_INSERT);
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, r->step);
	dx_bind_text(s, 2, r->actor);
	dx_bind_text(s, 3, r->actor_level);
	dx_bind_text(s, 4, r->done_on);
	dx_bind_text(s, 5, r->result);
	dx_bind_text(s, 6, r->note);
	dx_bind_int(s, 7, r->case_id);
	return dx_step_int(s, &r->id);
}

int dx_store_step_list(struct dx_store *st, int64_t case_id, struct dx_step_row *out,
		       size_t max, size_t *n)
{
	struct dx_stmt *s = dx_q(st, SQL_STEP_LIST);
	int rc;
	*n = 0;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, case_id);
	while ((rc = dx_step(s)) == DX_OK) {
		if (*n < max) {
			struct dx_step_row *r = &out[*n];
			memset(r, 0, sizeof(*r));
			r->case_id = case_id;
			r->id = dx_col_int(s, 0);
			dx_col_copy(s, 1, r->step, sizeof(r->step));
			dx_col_copy(s, 2, r->actor, sizeof(r->actor));
			dx_col_copy(s, 3, r->actor_level, sizeof(r->actor_level));
			dx_col_copy(s, 4, r->done_on, sizeof(r->done_on));
			dx_col_copy(s, 5, r->result, sizeof(r->result));
			dx_col_copy(s, 6, r->note, sizeof(r->note));
		}
		(*n)++;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* ---- episodes ---- */

#define EP_COLS                                                                  \
	"SELECT id, household_id, category, risks, identified_on,"               \
	" coalesce(eliminated_on, ''), coalesce(elim_kind, ''),"                 \
	" coalesce(ended_on, ''), coalesce(end_reason, ''), reflag,"             \
	" coalesce(prev_id, 0) FROM episode"

static const char SQL_EP_CURRENT[] =
	EP_COLS " WHERE household_id = ? AND ended_on IS NULL"
	" ORDER BY identified_on DESC, id DESC LIMIT 1";
static const char SQL_EP_LIST[] = EP_COLS " WHERE household_id = ? ORDER BY identified_on, id";
static const char SQL_EP_ELIM[] =
	"UPDATE episode SET eliminated_on = ?, elim_kind = ? WHERE id = ?"
	" AND eliminated_on IS NULL";
static const char SQL_EP_END[] =
	"UPDATE episode SET ended_on = ?, end_reason = ? WHERE id = ? AND ended_on IS NULL";
static const char SQL_EP_CASE[] = "UPDATE episode SET case_id = ? WHERE id = ?";

static void ep_cols(struct dx_stmt *s, struct dx_episode *e)
{
	memset(e, 0, sizeof(*e));
	e->id = dx_col_int(s, 0);
	e->household_id = dx_col_int(s, 1);
	dx_col_copy(s, 2, e->category, sizeof(e->category));
	dx_col_copy(s, 3, e->risks, sizeof(e->risks));
	dx_col_copy(s, 4, e->identified_on, sizeof(e->identified_on));
	dx_col_copy(s, 5, e->eliminated_on, sizeof(e->eliminated_on));
	dx_col_copy(s, 6, e->elim_kind, sizeof(e->elim_kind));
	dx_col_copy(s, 7, e->ended_on, sizeof(e->ended_on));
	dx_col_copy(s, 8, e->end_reason, sizeof(e->end_reason));
	e->reflag = (int)dx_col_int(s, 9);
	e->prev_id = dx_col_int(s, 10);
}

int dx_store_episode_current(struct dx_store *st, int64_t household_id, struct dx_episode *out)
{
	struct dx_stmt *s = dx_q(st, SQL_EP_CURRENT);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	if ((rc = dx_step(s)))
		return rc;
	ep_cols(s, out);
	return dx_step_done(s);
}

int dx_store_episode_list(struct dx_store *st, int64_t household_id,
			  int (*fn)(const struct dx_episode *, void *), void *arg)
{
	struct dx_episode e;
	struct dx_stmt *s = dx_q(st, SQL_EP_LIST);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	while ((rc = dx_step(s)) == DX_OK) {
		ep_cols(s, &e);
		if ((rc = fn(&e, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static int update_one(struct dx_store *st, const char *sql, const char *a, const char *b,
		      int64_t id)
{
	struct dx_stmt *s = dx_q(st, sql);
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, a);
	dx_bind_text(s, 2, b);
	dx_bind_int(s, 3, id);
	return dx_step_done(s);
}

int dx_store_episode_eliminate(struct dx_store *st, int64_t id, const char *on,
			       const char *kind)
{
	return update_one(st, SQL_EP_ELIM, on, kind, id);
}

int dx_store_episode_end(struct dx_store *st, int64_t id, const char *on, const char *reason)
{
	return update_one(st, SQL_EP_END, on, reason, id);
}

int dx_store_episode_set_case(struct dx_store *st, int64_t id, int64_t case_id)
{
	struct dx_stmt *s = dx_q(st, SQL_EP_CASE);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, case_id);
	dx_bind_int(s, 2, id);
	return dx_step_done(s);
}

/* ---- helpers for the use cases ---- */

int dx_store_in_txn(struct dx_store *st)
{
	return st->txn_depth > 0;
}

static const char SQL_WARN_GET[] =
	"SELECT coalesce(household_id, 0), department, event, coalesce(occurred_on, ''),"
	" coalesce(clue_id, 0) FROM warning WHERE id = ?";
static const char SQL_WARN_CLUE[] = "UPDATE warning SET clue_id = ? WHERE id = ?";

int dx_store_warning_for_clue(struct dx_store *st, int64_t id, int64_t *household_id,
			      char *what, size_t size, char occurred[11], int64_t *clue_id)
{
	struct dx_stmt *s = dx_q(st, SQL_WARN_GET);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	if ((rc = dx_step(s)))
		return rc;
	*household_id = dx_col_int(s, 0);
	dx_snprintf(what, size, "%s预警：%s", dx_col_text(s, 1), dx_col_text(s, 2));
	dx_col_copy(s, 3, occurred, 11);
	*clue_id = dx_col_int(s, 4);
	return dx_step_done(s);
}

int dx_store_warning_set_clue(struct dx_store *st, int64_t id, int64_t clue_id)
{
	struct dx_stmt *s = dx_q(st, SQL_WARN_CLUE);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, clue_id);
	dx_bind_int(s, 2, id);
	return dx_step_done(s);
}

/* Households never identified and without a case, for the demo to start
 * procedures on. */
static const char SQL_HH_FREE[] =
	"SELECT h.id FROM household h WHERE h.area_code >= ?1 AND h.area_code < ?1 || ':'"
	" AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.household_id = h.id)"
	" AND NOT EXISTS (SELECT 1 FROM case_file c WHERE c.household_id = h.id)"
	" AND NOT EXISTS (SELECT 1 FROM clue c WHERE c.household_id = h.id)"
	" ORDER BY h.id LIMIT ?2";

int dx_store_hh_free(struct dx_store *st, const char *area, int64_t *ids, size_t max, size_t *n)
{
	struct dx_stmt *s = dx_q(st, SQL_HH_FREE);
	int rc;
	*n = 0;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_int(s, 2, (int64_t)max);
	while ((rc = dx_step(s)) == DX_OK)
		ids[(*n)++] = dx_col_int(s, 0);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* The first department signal under ?1 still waiting for dispatch (no
 * clue, no recorded result) whose household is free as SQL_HH_FREE says,
 * if another signal under ?1 waits after it. */
#define WAITING_IN_AREA(w)                                                       \
	w ".household_id IS NOT NULL AND " w ".clue_id IS NULL AND " w ".result IS NULL" \
	" AND EXISTS (SELECT 1 FROM household h WHERE h.id = " w ".household_id"       \
	" AND h.area_code >= ?1 AND h.area_code < ?1 || ':')"
static const char SQL_HH_FREE_WARNED[] =
	"SELECT w.id, w.household_id FROM warning w WHERE " WAITING_IN_AREA("w")
	" AND EXISTS (SELECT 1 FROM warning x WHERE x.id > w.id AND " WAITING_IN_AREA("x") ")"
	" AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.household_id = w.household_id)"
	" AND NOT EXISTS (SELECT 1 FROM case_file c WHERE c.household_id = w.household_id)"
	" AND NOT EXISTS (SELECT 1 FROM clue c WHERE c.household_id = w.household_id)"
	" ORDER BY w.id LIMIT 1";

int dx_store_hh_free_warned(struct dx_store *st, const char *area, int64_t *warning_id,
			    int64_t *household_id)
{
	struct dx_stmt *s = dx_q(st, SQL_HH_FREE_WARNED);
	int rc;
	*warning_id = *household_id = 0;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	if ((rc = dx_step(s)))
		return rc;
	*warning_id = dx_col_int(s, 0);
	*household_id = dx_col_int(s, 1);
	return dx_step_done(s);
}
