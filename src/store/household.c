/*
 * household.c - households, members, income, episodes, measures, visits,
 * warnings and the audit log: the inserts the importer and the demo
 * generator write through.  Each insert takes the record's county from its
 * area code, so the distribution key is never typed twice.
 */
#include "core/dx.h"
#include "store/derived.h"
#include "store/store_int.h"

static const char SQL_HH_INSERT[] =
	"INSERT INTO household(county_code, hh_no, area_code, group_name, kind,"
	" tuopin_year, phone, relocated, unsafe_housing, dropout, unsafe_water,"
	" updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id";

static void county_of(const char *area, char county[7])
{
	dx_strlcpy(county, area, 7);
}

/* Finish an INSERT ... SELECT ... FROM household WHERE id = ? RETURNING
 * id: no row means no such household; else the new row's id into *id. */
static int inserted_row(struct dx_store *st, struct dx_stmt *s, int64_t *id)
{
	(void)st;
	return dx_step_int(s, id);
}

/* The inserts bind text without copying (the record outlives the step) and
 * read the new id in the same statement (RETURNING id): one round trip to
 * a PostgreSQL server, where asking lastval() after it was a second. */
int dx_store_bind_household(struct dx_stmt *s, int i, const struct dx_household *h)
{
	dx_bind_static(s, i++, h->group_name);
	dx_bind_static(s, i++, h->kind);
	if (h->tuopin_year)
		dx_bind_int(s, i, h->tuopin_year);
	i++;
	dx_bind_static(s, i++, h->phone);
	dx_bind_int(s, i++, h->relocated);
	dx_bind_int(s, i++, h->unsafe_housing);
	dx_bind_int(s, i++, h->dropout);
	dx_bind_int(s, i++, h->unsafe_water);
	return i;
}

int dx_store_household_insert_many(struct dx_store *st, struct dx_household *const *h,
				   const struct dx_derived *d, size_t n)
{
	return n ? st->drv->household_insert_many(st, h, d, n) : DX_OK;
}

int dx_store_household_insert(struct dx_store *st, struct dx_household *h)
{
	char county[7], now[21];
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_HH_INSERT)))
		return DX_DB;
	county_of(h->area_code, county);
	dx_store_now(now);
	dx_bind_static(s, 1, county);
	dx_bind_static(s, 2, h->hh_no);
	dx_bind_static(s, 3, h->area_code);
	dx_bind_static(s, dx_store_bind_household(s, 4, h), now);
	rc = dx_step_int(s, &h->id);
	return rc == DX_NOT_FOUND ? dx_error(DX_DB, "household insert returned no id") : rc;
}

static const char SQL_PERSON_INSERT[] =
	"INSERT INTO person(county_code, household_id, id_no, name, relation, sex,"
	" birth, ethnicity, politics, education, school, health, labour, work_place,"
	" work_months, ins_resident, ins_employee, dibao, dibao_class, tekun,"
	" disability_subsidy, phone, counted, updated_at, area_code)"
	" SELECT county_code, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	" ?, ?, ?, ?, ?, area_code FROM household WHERE id = ? RETURNING id";
/* the same with the county given: the household's row is read only for
 * its area (schema v15; its existence is the foreign key's to check) */
static const char SQL_PERSON_INSERT_COUNTY[] =
	"INSERT INTO person(id_no, name, relation, sex,"
	" birth, ethnicity, politics, education, school, health, labour, work_place,"
	" work_months, ins_resident, ins_employee, dibao, dibao_class, tekun,"
	" disability_subsidy, phone, counted, updated_at, household_id, county_code, area_code)"
	" VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
	" coalesce((SELECT area_code FROM household WHERE id = ?23), '')) RETURNING id";

int dx_store_bind_person(struct dx_stmt *s, int i, const struct dx_person *p)
{
	dx_bind_static(s, i++, p->name);
	dx_bind_static(s, i++, p->relation);
	dx_bind_static(s, i++, p->sex);
	dx_bind_static(s, i++, p->birth);
	dx_bind_static(s, i++, p->ethnicity);
	dx_bind_static(s, i++, p->politics);
	dx_bind_static(s, i++, p->education);
	dx_bind_static(s, i++, p->school);
	dx_bind_static(s, i++, p->health);
	dx_bind_static(s, i++, p->labour);
	dx_bind_static(s, i++, p->work_place);
	if (p->work_months >= 0)
		dx_bind_int(s, i, p->work_months);
	i++;
	dx_bind_int(s, i++, p->ins_resident);
	dx_bind_int(s, i++, p->ins_employee);
	dx_bind_int(s, i++, p->dibao);
	dx_bind_static(s, i++, p->dibao_class);
	dx_bind_int(s, i++, p->tekun);
	dx_bind_int(s, i++, p->disability_subsidy);
	dx_bind_static(s, i++, p->phone);
	dx_bind_int(s, i++, p->counted);
	return i;
}

static int person_insert(struct dx_store *st, const char *county, struct dx_person *p)
{
	char now[21];
	struct dx_stmt *s;
	int rc, i = 1;
	if (!(s = dx_q(st, county ? SQL_PERSON_INSERT_COUNTY : SQL_PERSON_INSERT)))
		return DX_DB;
	dx_store_now(now);
	dx_bind_idno(s, i++, p->id_no);
	i = dx_store_bind_person(s, i, p);
	dx_bind_static(s, i++, now);
	dx_bind_int(s, i++, p->household_id);
	if (county)
		dx_bind_static(s, i++, county);
	rc = dx_step_int(s, &p->id);
	if (rc == DX_NOT_FOUND)
		return dx_error(DX_NOT_FOUND, "no household %lld", (long long)p->household_id);
	return rc;
}

int dx_store_person_insert(struct dx_store *st, struct dx_person *p)
{
	return person_insert(st, NULL, p);
}

int dx_store_person_insert_county(struct dx_store *st, const char *county, struct dx_person *p)
{
	return person_insert(st, county, p);
}

static const char SQL_NO_MEMBERS[] = "SELECT NOT EXISTS (SELECT 1 FROM person)";

int dx_store_no_members(struct dx_store *st, int *yes)
{
	struct dx_stmt *s = dx_q(st, SQL_NO_MEMBERS);
	int64_t v = 0;
	int rc;
	*yes = 0;
	if (!s)
		return DX_DB;
	rc = dx_step_int(s, &v);
	*yes = v != 0;
	return rc == DX_NOT_FOUND ? DX_DB : rc;
}

static const char SQL_PERSON_MAX_ID[] = "SELECT coalesce(max(id), 0) FROM person";

int dx_store_person_max_id(struct dx_store *st, int64_t *id)
{
	struct dx_stmt *s = dx_q(st, SQL_PERSON_MAX_ID);
	int rc;
	*id = 0;
	if (!s)
		return DX_DB;
	rc = dx_step_int(s, id);
	return rc == DX_NOT_FOUND ? DX_DB : rc;
}

int dx_store_person_new_ids(struct dx_store *st, size_t n, int64_t *ids)
{
	int64_t max;
	int rc;
	if (st->drv->person_new_ids)
		return n ? st->drv->person_new_ids(st, n, ids) : DX_OK;
	if ((rc = dx_store_person_max_id(st, &max)))
		return rc;
	for (size_t i = 0; i < n; i++)
		ids[i] = max + 1 + (int64_t)i;
	return DX_OK;
}

int dx_store_person_insert_many(struct dx_store *st, struct dx_person *const *p,
				const char (*area)[13], size_t n)
{
	char county[7];
	int rc;
	if (!dx_store_ids_protected(st) || st->drv->seals_ids)
		return n ? st->drv->person_insert_many(st, p, area, n) : DX_OK;
	/* a protected store whose driver does not seal numbers in its bulk
	 * insert: row by row, each number sealed as it is bound */
	for (size_t i = 0; i < n; i++) {
		dx_strlcpy(county, area[i], sizeof(county));
		if ((rc = person_insert(st, county, p[i])))
			return rc;
	}
	return DX_OK;
}

static const char SQL_INCOME_PUT[] =
	"INSERT INTO income(county_code, household_id, year, wage, business,"
	" property, transfer, business_cost, claims, oop, area_code)"
	" SELECT county_code, id, ?, ?, ?, ?, ?, ?, ?, ?, area_code FROM household WHERE id = ?"
	" ON CONFLICT(household_id, year) DO UPDATE SET wage = excluded.wage,"
	" business = excluded.business, property = excluded.property,"
	" transfer = excluded.transfer, business_cost = excluded.business_cost,"
	" claims = excluded.claims, oop = excluded.oop";

int dx_store_income_put(struct dx_store *st, const struct dx_income_row *in)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_INCOME_PUT)))
		return DX_DB;
	dx_bind_int(s, 1, in->year);
	dx_bind_int(s, 2, in->wage);
	dx_bind_int(s, 3, in->business);
	dx_bind_int(s, 4, in->property);
	dx_bind_int(s, 5, in->transfer);
	dx_bind_int(s, 6, in->business_cost);
	dx_bind_int(s, 7, in->claims);
	dx_bind_int(s, 8, in->oop);
	dx_bind_int(s, 9, in->household_id);
	return dx_step_done(s);
}

static const char SQL_EPISODE_INSERT[] =
	"INSERT INTO episode(county_code, household_id, category, risks,"
	" identified_on, eliminated_on, elim_kind, ended_on, end_reason, reflag,"
	" prev_id, area_code) SELECT county_code, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, area_code"
	" FROM household WHERE id = ? RETURNING id";

int dx_store_episode_insert(struct dx_store *st, struct dx_episode *e)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_EPISODE_INSERT)))
		return DX_DB;
	dx_bind_text(s, 1, e->category);
	dx_bind_text(s, 2, e->risks);
	dx_bind_text(s, 3, e->identified_on);
	dx_bind_opt(s, 4, e->eliminated_on);
	dx_bind_opt(s, 5, e->elim_kind);
	dx_bind_opt(s, 6, e->ended_on);
	dx_bind_opt(s, 7, e->end_reason);
	dx_bind_int(s, 8, e->reflag);
	if (e->prev_id)
		dx_bind_int(s, 9, e->prev_id);
	dx_bind_int(s, 10, e->household_id);
	return inserted_row(st, s, &e->id);
}

static const char SQL_MEASURE_INSERT[] =
	"INSERT INTO measure(county_code, household_id, category, detail, status,"
	" amount, start_on, end_on, cadre, area_code) SELECT county_code, id, ?, ?, ?, ?, ?,"
	" ?, ?, area_code FROM household WHERE id = ? RETURNING id";

int dx_store_measure_insert(struct dx_store *st, struct dx_measure *m)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_MEASURE_INSERT)))
		return DX_DB;
	dx_bind_text(s, 1, m->category);
	dx_bind_text(s, 2, m->detail);
	dx_bind_text(s, 3, m->status);
	dx_bind_int(s, 4, m->amount);
	dx_bind_opt(s, 5, m->start_on);
	dx_bind_opt(s, 6, m->end_on);
	dx_bind_text(s, 7, m->cadre);
	dx_bind_int(s, 8, m->household_id);
	return inserted_row(st, s, &m->id);
}

static const char SQL_VISIT_INSERT[] =
	"INSERT INTO visit(county_code, household_id, visited_on, cadre, content,"
	" findings, area_code) SELECT county_code, id, ?, ?, ?, ?, area_code FROM household"
	" WHERE id = ? RETURNING id";

int dx_store_visit_insert(struct dx_store *st, struct dx_visit *v)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_VISIT_INSERT)))
		return DX_DB;
	dx_bind_text(s, 1, v->visited_on);
	dx_bind_text(s, 2, v->cadre);
	dx_bind_text(s, 3, v->content);
	dx_bind_text(s, 4, v->findings);
	dx_bind_int(s, 5, v->household_id);
	return inserted_row(st, s, &v->id);
}

int dx_store_income_insert_many(struct dx_store *st, const struct dx_income_row *in,
				const char (*area)[13], size_t n)
{
	int rc = DX_OK;
	if (n && st->drv->income_insert_many)
		return st->drv->income_insert_many(st, in, area, n);
	for (size_t i = 0; i < n && !rc; i++)
		rc = dx_store_income_put(st, &in[i]);
	return rc;
}

int dx_store_measure_insert_many(struct dx_store *st, const struct dx_measure *m,
				 const char (*area)[13], size_t n)
{
	int rc = DX_OK;
	if (n && st->drv->measure_insert_many)
		return st->drv->measure_insert_many(st, m, area, n);
	for (size_t i = 0; i < n && !rc; i++) {
		struct dx_measure one = m[i];
		rc = dx_store_measure_insert(st, &one);
	}
	return rc;
}

int dx_store_visit_insert_many(struct dx_store *st, const struct dx_visit *v,
			       const char (*area)[13], size_t n)
{
	int rc = DX_OK;
	if (n && st->drv->visit_insert_many)
		return st->drv->visit_insert_many(st, v, area, n);
	for (size_t i = 0; i < n && !rc; i++) {
		struct dx_visit one = v[i];
		rc = dx_store_visit_insert(st, &one);
	}
	return rc;
}

static const char SQL_WBATCH_INSERT[] =
	"INSERT INTO warning_batch(county_code, department, period, source,"
	" imported_at) VALUES(?,?,?,?,?) RETURNING id";

int dx_store_warning_batch_insert(struct dx_store *st, const char *county,
				  const char *department, const char *period,
				  const char *source, int64_t *id)
{
	char now[21];
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_WBATCH_INSERT)))
		return DX_DB;
	dx_store_now(now);
	dx_bind_text(s, 1, county);
	dx_bind_text(s, 2, department);
	dx_bind_text(s, 3, period);
	dx_bind_text(s, 4, source);
	dx_bind_text(s, 5, now);
	rc = dx_step_int(s, id);
	return rc == DX_NOT_FOUND ? dx_error(DX_DB, "batch insert returned no id") : rc;
}

static const char SQL_WARNING_INSERT[] =
	"INSERT INTO warning(county_code, batch_id, id_no, name, department, event,"
	" amount, occurred_on, note, person_id, household_id)"
	" SELECT county_code, id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM warning_batch"
	" WHERE id = ? RETURNING id";

int dx_store_warning_insert(struct dx_store *st, struct dx_warning *w)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_WARNING_INSERT)))
		return DX_DB;
	dx_bind_idno(s, 1, w->id_no);
	dx_bind_text(s, 2, w->name);
	dx_bind_text(s, 3, w->department);
	dx_bind_text(s, 4, w->event);
	dx_bind_int(s, 5, w->amount);
	dx_bind_opt(s, 6, w->occurred_on);
	dx_bind_text(s, 7, w->note);
	if (w->person_id)
		dx_bind_int(s, 8, w->person_id);
	if (w->household_id)
		dx_bind_int(s, 9, w->household_id);
	dx_bind_int(s, 10, w->batch_id);
	return inserted_row(st, s, &w->id);
}

/* dx_store_audit lives in audit.c (the chain per county). */
