/*
 * ledger.c - queries of the ledger importer and exporter (ledger.h).
 * Portable SQL with ? placeholders; area ranges use the same
 * `code >= prefix AND code < prefix || ':'` form as scan.c.
 */
#include "core/dx.h"
#include "core/idseal.h"
#include "core/strbuf.h"
#include "store/ledger.h"
#include "store/store_int.h"

#define HH_COLS                                                                    \
	"h.id, h.hh_no, h.area_code, h.group_name, h.kind, coalesce(h.tuopin_year, 0)," \
	" h.phone, h.relocated, h.unsafe_housing, h.dropout, h.unsafe_water"

static void read_hh(struct dx_stmt *s, int i, struct dx_household *h)
{
	memset(h, 0, sizeof(*h));
	h->id = dx_col_int(s, i);
	dx_col_copy(s, i + 1, h->hh_no, sizeof(h->hh_no));
	dx_col_copy(s, i + 2, h->area_code, sizeof(h->area_code));
	dx_col_copy(s, i + 3, h->group_name, sizeof(h->group_name));
	dx_col_copy(s, i + 4, h->kind, sizeof(h->kind));
	h->tuopin_year = (int)dx_col_int(s, i + 5);
	dx_col_copy(s, i + 6, h->phone, sizeof(h->phone));
	h->relocated = (int)dx_col_int(s, i + 7);
	h->unsafe_housing = (int)dx_col_int(s, i + 8);
	h->dropout = (int)dx_col_int(s, i + 9);
	h->unsafe_water = (int)dx_col_int(s, i + 10);
}

static const char SQL_HH_ALL[] = "SELECT " HH_COLS " FROM household h";

/* An area code under scope, as a range of the area-keyed indexes: every
 * code that begins with ?1 sorts from ?1 up to ?1 || '~' ('~' after every
 * digit, bytewise on both engines). */
#define UNDER(col) " " col " >= ?1 AND " col " < ?1 || '~'"
static const char SQL_HH_IN[] = "SELECT " HH_COLS " FROM household h WHERE" UNDER("h.area_code");

int dx_ledger_household_each_in(struct dx_store *st, const char *scope,
				int (*fn)(const struct dx_household *, void *), void *arg)
{
	struct dx_household h;
	struct dx_stmt *s;
	int rc;
	if (!scope || !*scope)
		return dx_ledger_household_each(st, fn, arg);
	if (!(s = dx_q(st, SQL_HH_IN)))
		return DX_DB;
	dx_bind_text(s, 1, scope);
	while ((rc = dx_step(s)) == DX_OK) {
		read_hh(s, 0, &h);
		if ((rc = fn(&h, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

int dx_ledger_household_each(struct dx_store *st,
			     int (*fn)(const struct dx_household *, void *), void *arg)
{
	struct dx_household h;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_HH_ALL)))
		return DX_DB;
	while ((rc = dx_step(s)) == DX_OK) {
		read_hh(s, 0, &h);
		if ((rc = fn(&h, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_HH_BY_NO[] = "SELECT " HH_COLS " FROM household h WHERE h.hh_no = ?";

int dx_ledger_household_by_no(struct dx_store *st, const char *hh_no, struct dx_household *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_HH_BY_NO)))
		return DX_DB;
	dx_bind_text(s, 1, hh_no);
	if ((rc = dx_step(s)))
		return rc;
	read_hh(s, 0, out);
	return DX_OK;
}

static const char SQL_HH_UPDATE[] =
	"UPDATE household SET county_code = substr(?1, 1, 6), area_code = ?1,"
	" group_name = ?2, kind = ?3, tuopin_year = ?4, phone = ?5, relocated = ?6,"
	" unsafe_housing = ?7, dropout = ?8, unsafe_water = ?9, updated_at = ?10"
	" WHERE id = ?11";

int dx_ledger_household_update(struct dx_store *st, const struct dx_household *h)
{
	char now[21];
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_HH_UPDATE)))
		return DX_DB;
	dx_store_now(now);
	dx_bind_text(s, 1, h->area_code);
	dx_bind_static(s, dx_store_bind_household(s, 2, h), now);
	dx_bind_int(s, 11, h->id);
	return dx_step_done(s);
}

#define P_COLS                                                                         \
	"p.id, p.household_id, p.id_no, p.name, p.relation, p.sex, p.birth, p.ethnicity," \
	" p.politics, p.education, p.school, p.health, p.labour, p.work_place,"          \
	" coalesce(p.work_months, -1), p.ins_resident, p.ins_employee, p.dibao,"         \
	" p.dibao_class, p.tekun, p.disability_subsidy, p.phone, p.counted"
#define P_NCOLS 23

static void read_person(struct dx_stmt *s, int i, struct dx_person *p)
{
	memset(p, 0, sizeof(*p));
	p->id = dx_col_int(s, i++);
	p->household_id = dx_col_int(s, i++);
	dx_col_idno_copy(s, i++, p->id_no, sizeof(p->id_no));
	dx_col_copy(s, i++, p->name, sizeof(p->name));
	dx_col_copy(s, i++, p->relation, sizeof(p->relation));
	dx_col_copy(s, i++, p->sex, sizeof(p->sex));
	dx_col_copy(s, i++, p->birth, sizeof(p->birth));
	dx_col_copy(s, i++, p->ethnicity, sizeof(p->ethnicity));
	dx_col_copy(s, i++, p->politics, sizeof(p->politics));
	dx_col_copy(s, i++, p->education, sizeof(p->education));
	dx_col_copy(s, i++, p->school, sizeof(p->school));
	dx_col_copy(s, i++, p->health, sizeof(p->health));
	dx_col_copy(s, i++, p->labour, sizeof(p->labour));
	dx_col_copy(s, i++, p->work_place, sizeof(p->work_place));
	p->work_months = (int)dx_col_int(s, i++);
	p->ins_resident = (int)dx_col_int(s, i++);
	p->ins_employee = (int)dx_col_int(s, i++);
	p->dibao = (int)dx_col_int(s, i++);
	dx_col_copy(s, i++, p->dibao_class, sizeof(p->dibao_class));
	p->tekun = (int)dx_col_int(s, i++);
	p->disability_subsidy = (int)dx_col_int(s, i++);
	dx_col_copy(s, i++, p->phone, sizeof(p->phone));
	p->counted = (int)dx_col_int(s, i++);
}

static const char SQL_P_ALL[] = "SELECT " P_COLS " FROM person p";
static const char SQL_P_IN[] = "SELECT " P_COLS " FROM person p WHERE" UNDER("p.area_code");
static const char SQL_P_KEYS_OUT[] =
	"SELECT p.id, p.household_id, p.id_no FROM person p"
	" WHERE NOT (" UNDER("p.area_code") ")";

int dx_ledger_person_each_scoped(struct dx_store *st, const char *scope,
				 int (*fn)(const struct dx_person *, int whole, void *), void *arg)
{
	struct dx_person p;
	struct dx_stmt *s;
	int rc;
	if (!scope)
		scope = "";
	if (!(s = dx_q(st, *scope ? SQL_P_IN : SQL_P_ALL)))
		return DX_DB;
	if (*scope)
		dx_bind_text(s, 1, scope);
	while ((rc = dx_step(s)) == DX_OK) {
		read_person(s, 0, &p);
		if ((rc = fn(&p, 1, arg)))
			return rc;
	}
	if (rc != DX_NOT_FOUND || !*scope)
		return rc == DX_NOT_FOUND ? DX_OK : rc;
	if (!(s = dx_q(st, SQL_P_KEYS_OUT)))
		return DX_DB;
	dx_bind_text(s, 1, scope);
	while ((rc = dx_step(s)) == DX_OK) {
		memset(&p, 0, sizeof(p));
		p.id = dx_col_int(s, 0);
		p.household_id = dx_col_int(s, 1);
		dx_col_idno_copy(s, 2, p.id_no, sizeof(p.id_no));
		if ((rc = fn(&p, 0, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_P_GET[] = "SELECT " P_COLS " FROM person p WHERE p.id = ?";
static const char SQL_P_BY_IDNO[] = "SELECT " P_COLS " FROM person p WHERE p.id_no = ?";

int dx_ledger_person_get(struct dx_store *st, int64_t id, struct dx_person *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_P_GET)))
		return DX_DB;
	dx_bind_int(s, 1, id);
	if ((rc = dx_step(s)))
		return rc;
	read_person(s, 0, out);
	return DX_OK;
}

int dx_ledger_person_by_idno(struct dx_store *st, const char *id_no, struct dx_person *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_P_BY_IDNO)))
		return DX_DB;
	dx_bind_idno(s, 1, id_no);
	if ((rc = dx_step(s)))
		return rc;
	read_person(s, 0, out);
	return DX_OK;
}

static const char SQL_P_UPDATE[] =
	"UPDATE person SET household_id = ?1,"
	" county_code = (SELECT county_code FROM household WHERE id = ?1),"
	" name = ?2, relation = ?3, sex = ?4, birth = ?5, ethnicity = ?6, politics = ?7,"
	" education = ?8, school = ?9, health = ?10, labour = ?11, work_place = ?12,"
	" work_months = ?13, ins_resident = ?14, ins_employee = ?15, dibao = ?16,"
	" dibao_class = ?17, tekun = ?18, disability_subsidy = ?19, phone = ?20,"
	" counted = ?21, updated_at = ?22 WHERE id = ?23";

int dx_ledger_person_update(struct dx_store *st, const struct dx_person *p)
{
	char now[21];
	struct dx_stmt *s;
	int i = 1;
	if (!(s = dx_q(st, SQL_P_UPDATE)))
		return DX_DB;
	dx_store_now(now);
	dx_bind_int(s, i++, p->household_id);
	i = dx_store_bind_person(s, i, p);
	dx_bind_text(s, i++, now);
	dx_bind_int(s, i++, p->id);
	return dx_step_done(s);
}

#define E_COLS                                                                          \
	"e.id, e.household_id, e.category, e.risks, e.identified_on,"                      \
	" coalesce(e.eliminated_on, ''), coalesce(e.elim_kind, ''), coalesce(e.ended_on, '')," \
	" coalesce(e.end_reason, ''), e.reflag, coalesce(e.prev_id, 0)"

static void read_episode(struct dx_stmt *s, int i, struct dx_episode *e)
{
	memset(e, 0, sizeof(*e));
	if (dx_col_null(s, i))
		return;
	e->id = dx_col_int(s, i);
	e->household_id = dx_col_int(s, i + 1);
	dx_col_copy(s, i + 2, e->category, sizeof(e->category));
	dx_col_copy(s, i + 3, e->risks, sizeof(e->risks));
	dx_col_copy(s, i + 4, e->identified_on, sizeof(e->identified_on));
	dx_col_copy(s, i + 5, e->eliminated_on, sizeof(e->eliminated_on));
	dx_col_copy(s, i + 6, e->elim_kind, sizeof(e->elim_kind));
	dx_col_copy(s, i + 7, e->ended_on, sizeof(e->ended_on));
	dx_col_copy(s, i + 8, e->end_reason, sizeof(e->end_reason));
	e->reflag = (int)dx_col_int(s, i + 9);
	e->prev_id = dx_col_int(s, i + 10);
}

static const char SQL_EP_LATEST[] =
	"SELECT " E_COLS " FROM episode e WHERE e.household_id = ?"
	" ORDER BY e.identified_on DESC, e.id DESC LIMIT 1";

int dx_ledger_episode_latest(struct dx_store *st, int64_t hh, struct dx_episode *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_EP_LATEST)))
		return DX_DB;
	dx_bind_int(s, 1, hh);
	if ((rc = dx_step(s)))
		return rc;
	read_episode(s, 0, out);
	return DX_OK;
}

static const char SQL_EP_UPDATE[] =
	"UPDATE episode SET category = ?, risks = ?, identified_on = ?, eliminated_on = ?,"
	" elim_kind = ?, reflag = ? WHERE id = ?";

int dx_ledger_episode_update(struct dx_store *st, const struct dx_episode *e)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_EP_UPDATE)))
		return DX_DB;
	dx_bind_text(s, 1, e->category);
	dx_bind_text(s, 2, e->risks);
	dx_bind_text(s, 3, e->identified_on);
	dx_bind_opt(s, 4, e->eliminated_on);
	dx_bind_opt(s, 5, e->elim_kind);
	dx_bind_int(s, 6, e->reflag);
	dx_bind_int(s, 7, e->id);
	return dx_step_done(s);
}

/* An episode a procedure owns: opened by a decided 识别 case (case_id is
 * set only then) or by a 风险消除回退, or eliminated by a decided 风险消除
 * case; kept only if no later episode of its household follows it.  The
 * candidates come from the few owned rows, each checked through the
 * household indexes, never a scan of cases per episode. */
#define ROLLED_BACK                                                               \
	" EXISTS (SELECT 1 FROM episode p WHERE p.id = e.prev_id"                \
	" AND p.end_reason = '风险消除回退')"
static const char SQL_DECIDED[] =
	"WITH owned(eid) AS ("
	" SELECT id FROM episode WHERE case_id IS NOT NULL"
	" UNION SELECT episode_id FROM case_file WHERE kind = '风险消除' AND state = '已通过'"
	"  AND episode_id IS NOT NULL"
	" UNION SELECT x.id FROM episode p JOIN episode x ON x.prev_id = p.id"
	"  WHERE p.end_reason = '风险消除回退')"
	" SELECT h.hh_no, " E_COLS ", coalesce(ic.id, 0), coalesce(ic.closed_on, ''),"
	" coalesce(ec.id, 0), coalesce(ec.closed_on, ''),"
	ROLLED_BACK " AS rolled"
	" FROM owned o JOIN episode e ON e.id = o.eid JOIN household h ON h.id = e.household_id"
	" LEFT JOIN case_file ic ON ic.id = e.case_id AND ic.state = '已通过'"
	" LEFT JOIN case_file ec ON ec.id = (SELECT max(c.id) FROM case_file c"
	"  WHERE c.household_id = e.household_id AND c.episode_id = e.id"
	"  AND c.kind = '风险消除' AND c.state = '已通过')"
	" WHERE (ic.id IS NOT NULL OR ec.id IS NOT NULL OR" ROLLED_BACK ")"
	" AND NOT EXISTS (SELECT 1 FROM episode x WHERE x.household_id = e.household_id"
	"  AND (x.identified_on > e.identified_on"
	"   OR (x.identified_on = e.identified_on AND x.id > e.id)))";

/* One row of SQL_DECIDED or SQL_DECIDED_OF (the same columns) into *d. */
static void read_decided(struct dx_stmt *s, struct dx_ledger_decided *d)
{
	memset(d, 0, sizeof(*d));
	dx_col_copy(s, 0, d->hh_no, sizeof(d->hh_no));
	read_episode(s, 1, &d->e);
	d->ident_case = dx_col_int(s, 12);
	dx_col_copy(s, 13, d->ident_on, sizeof(d->ident_on));
	d->elim_case = dx_col_int(s, 14);
	dx_col_copy(s, 15, d->elim_on, sizeof(d->elim_on));
	d->rolled_back = (int)dx_col_int(s, 16);
}

int dx_ledger_decided_each(struct dx_store *st,
			   int (*fn)(const struct dx_ledger_decided *, void *), void *arg)
{
	struct dx_ledger_decided d;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_DECIDED)))
		return DX_DB;
	while ((rc = dx_step(s)) == DX_OK) {
		read_decided(s, &d);
		if ((rc = fn(&d, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_INC_GET[] =
	"SELECT household_id, year, wage, business, property, transfer, business_cost,"
	" claims, oop FROM income WHERE household_id = ? AND year = ?";

static void read_income(struct dx_stmt *s, int i, struct dx_income_row *in)
{
	in->household_id = dx_col_int(s, i);
	in->year = (int)dx_col_int(s, i + 1);
	in->wage = dx_col_int(s, i + 2);
	in->business = dx_col_int(s, i + 3);
	in->property = dx_col_int(s, i + 4);
	in->transfer = dx_col_int(s, i + 5);
	in->business_cost = dx_col_int(s, i + 6);
	in->claims = dx_col_int(s, i + 7);
	in->oop = dx_col_int(s, i + 8);
}

int dx_ledger_income_get(struct dx_store *st, int64_t hh, int year, struct dx_income_row *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_INC_GET)))
		return DX_DB;
	dx_bind_int(s, 1, hh);
	dx_bind_int(s, 2, year);
	if ((rc = dx_step(s)))
		return rc;
	read_income(s, 0, out);
	return DX_OK;
}

#define M_COLS                                                                       \
	"m.id, m.household_id, m.category, m.detail, m.status, m.amount,"               \
	" coalesce(m.start_on, ''), coalesce(m.end_on, ''), m.cadre"

static void read_measure(struct dx_stmt *s, int i, struct dx_measure *m)
{
	memset(m, 0, sizeof(*m));
	m->id = dx_col_int(s, i);
	m->household_id = dx_col_int(s, i + 1);
	dx_col_copy(s, i + 2, m->category, sizeof(m->category));
	dx_col_copy(s, i + 3, m->detail, sizeof(m->detail));
	dx_col_copy(s, i + 4, m->status, sizeof(m->status));
	m->amount = dx_col_int(s, i + 5);
	dx_col_copy(s, i + 6, m->start_on, sizeof(m->start_on));
	dx_col_copy(s, i + 7, m->end_on, sizeof(m->end_on));
	dx_col_copy(s, i + 8, m->cadre, sizeof(m->cadre));
}

static const char SQL_M_FIND[] =
	"SELECT " M_COLS " FROM measure m WHERE m.household_id = ? AND m.category = ?"
	" AND m.detail = ? AND coalesce(m.start_on, '') = ? ORDER BY m.id LIMIT 1 OFFSET ?";

int dx_ledger_measure_find(struct dx_store *st, const struct dx_measure *key, int nth,
			   struct dx_measure *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_M_FIND)))
		return DX_DB;
	dx_bind_int(s, 1, key->household_id);
	dx_bind_text(s, 2, key->category);
	dx_bind_text(s, 3, key->detail);
	dx_bind_text(s, 4, key->start_on);
	dx_bind_int(s, 5, nth);
	if ((rc = dx_step(s)))
		return rc;
	read_measure(s, 0, out);
	return DX_OK;
}

static const char SQL_M_UPDATE[] =
	"UPDATE measure SET status = ?, amount = ?, end_on = ?, cadre = ? WHERE id = ?";

int dx_ledger_measure_update(struct dx_store *st, const struct dx_measure *m)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_M_UPDATE)))
		return DX_DB;
	dx_bind_text(s, 1, m->status);
	dx_bind_int(s, 2, m->amount);
	dx_bind_opt(s, 3, m->end_on);
	dx_bind_text(s, 4, m->cadre);
	dx_bind_int(s, 5, m->id);
	return dx_step_done(s);
}

static const char SQL_V_FIND[] =
	"SELECT id, household_id, visited_on, cadre, content, findings FROM visit"
	" WHERE household_id = ? AND visited_on = ? AND cadre = ? ORDER BY id LIMIT 1 OFFSET ?";

static void read_visit(struct dx_stmt *s, int i, struct dx_visit *v)
{
	memset(v, 0, sizeof(*v));
	v->id = dx_col_int(s, i);
	v->household_id = dx_col_int(s, i + 1);
	dx_col_copy(s, i + 2, v->visited_on, sizeof(v->visited_on));
	dx_col_copy(s, i + 3, v->cadre, sizeof(v->cadre));
	dx_col_copy(s, i + 4, v->content, sizeof(v->content));
	dx_col_copy(s, i + 5, v->findings, sizeof(v->findings));
}

int dx_ledger_visit_find(struct dx_store *st, const struct dx_visit *key, int nth,
			 struct dx_visit *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_V_FIND)))
		return DX_DB;
	dx_bind_int(s, 1, key->household_id);
	dx_bind_text(s, 2, key->visited_on);
	dx_bind_text(s, 3, key->cadre);
	dx_bind_int(s, 4, nth);
	if ((rc = dx_step(s)))
		return rc;
	read_visit(s, 0, out);
	return DX_OK;
}

static const char SQL_V_UPDATE[] = "UPDATE visit SET content = ?, findings = ? WHERE id = ?";

int dx_ledger_visit_update(struct dx_store *st, const struct dx_visit *v)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_V_UPDATE)))
		return DX_DB;
	dx_bind_text(s, 1, v->content);
	dx_bind_text(s, 2, v->findings);
	dx_bind_int(s, 3, v->id);
	return dx_step_done(s);
}

static const char SQL_W_EXISTS[] =
	"SELECT 1 FROM warning WHERE id_no = ? AND department = ? AND event = ?"
	" AND coalesce(occurred_on, '') = ? LIMIT 1";

int dx_ledger_warning_exists(struct dx_store *st, const struct dx_warning *w, int *yes)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_W_EXISTS)))
		return DX_DB;
	dx_bind_idno(s, 1, w->id_no);
	dx_bind_text(s, 2, w->department);
	dx_bind_text(s, 3, w->event);
	dx_bind_text(s, 4, w->occurred_on);
	rc = dx_step(s);
	*yes = rc == DX_OK;
	return rc == DX_OK || rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_ACCOUNT[] = "SELECT role, scope FROM account WHERE name = ?";

int dx_ledger_account_get(struct dx_store *st, const char *name, char role[32], char scope[13])
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_ACCOUNT)))
		return DX_DB;
	dx_bind_text(s, 1, name);
	if ((rc = dx_step(s)))
		return rc;
	dx_col_copy(s, 0, role, 32);
	dx_col_copy(s, 1, scope, 13);
	return DX_OK;
}

static const char SQL_COUNTIES[] = "SELECT code FROM area WHERE level = 3 ORDER BY code LIMIT 2";

int dx_ledger_single_county(struct dx_store *st, char county[7])
{
	struct dx_stmt *s;
	int n = 0, rc;
	if (!(s = dx_q(st, SQL_COUNTIES)))
		return DX_DB;
	while ((rc = dx_step(s)) == DX_OK)
		if (n++ == 0)
			dx_col_copy(s, 0, county, 7);
	if (rc != DX_NOT_FOUND)
		return rc;
	return n == 1 ? DX_OK : DX_NOT_FOUND;
}

static const char SQL_EXPORT_PERSONS[] =
	"SELECT " HH_COLS ", " P_COLS ", " E_COLS ","
	" coalesce(c.name, ''), coalesce(t.name, ''), coalesce(v.name, '')"
	" FROM household h JOIN person p ON p.household_id = h.id"
	" LEFT JOIN episode e ON e.id = (SELECT x.id FROM episode x"
	"   WHERE x.household_id = h.id ORDER BY x.identified_on DESC, x.id DESC LIMIT 1)"
	" LEFT JOIN area v ON v.code = h.area_code"
	" LEFT JOIN area t ON t.code = substr(h.area_code, 1, 9)"
	" LEFT JOIN area c ON c.code = substr(h.area_code, 1, 6)"
	" WHERE h.area_code >= ?1 AND h.area_code < ?1 || ':' AND p.left_on IS NULL"
	" ORDER BY h.area_code, h.hh_no, p.relation <> '户主', p.id";

int dx_ledger_export_persons(struct dx_store *st, const char *area,
			     int (*fn)(const struct dx_ledger_prow *, void *), void *arg)
{
	struct dx_ledger_prow r;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_EXPORT_PERSONS)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	while ((rc = dx_step(s)) == DX_OK) {
		read_hh(s, 0, &r.h);
		read_person(s, 11, &r.p);
		read_episode(s, 11 + P_NCOLS, &r.e);
		r.county_name = dx_col_text(s, 11 + P_NCOLS + 11);
		r.town_name = dx_col_text(s, 11 + P_NCOLS + 12);
		r.village_name = dx_col_text(s, 11 + P_NCOLS + 13);
		if ((rc = fn(&r, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_EXPORT_INCOMES[] =
	"SELECT h.hh_no, i.household_id, i.year, i.wage, i.business, i.property,"
	" i.transfer, i.business_cost, i.claims, i.oop"
	" FROM income i JOIN household h ON h.id = i.household_id"
	" WHERE h.area_code >= ?1 AND h.area_code < ?1 || ':'"
	" ORDER BY h.area_code, h.hh_no, i.year";

int dx_ledger_export_incomes(struct dx_store *st, const char *area,
			     int (*fn)(const char *hh_no, const struct dx_income_row *, void *),
			     void *arg)
{
	struct dx_income_row in;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_EXPORT_INCOMES)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	while ((rc = dx_step(s)) == DX_OK) {
		read_income(s, 1, &in);
		if ((rc = fn(dx_col_text(s, 0), &in, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_EXPORT_MEASURES[] =
	"SELECT h.hh_no, " M_COLS " FROM measure m JOIN household h ON h.id = m.household_id"
	" WHERE h.area_code >= ?1 AND h.area_code < ?1 || ':'"
	" ORDER BY h.area_code, h.hh_no, m.id";

int dx_ledger_export_measures(struct dx_store *st, const char *area,
			      int (*fn)(const char *hh_no, const struct dx_measure *, void *),
			      void *arg)
{
	struct dx_measure m;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_EXPORT_MEASURES)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	while ((rc = dx_step(s)) == DX_OK) {
		read_measure(s, 1, &m);
		if ((rc = fn(dx_col_text(s, 0), &m, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_EXPORT_VISITS[] =
	"SELECT h.hh_no, v.id, v.household_id, v.visited_on, v.cadre, v.content, v.findings"
	" FROM visit v JOIN household h ON h.id = v.household_id"
	" WHERE h.area_code >= ?1 AND h.area_code < ?1 || ':'"
	" ORDER BY h.area_code, h.hh_no, v.visited_on, v.id";

int dx_ledger_export_visits(struct dx_store *st, const char *area,
			    int (*fn)(const char *hh_no, const struct dx_visit *, void *),
			    void *arg)
{
	struct dx_visit v;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_EXPORT_VISITS)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	while ((rc = dx_step(s)) == DX_OK) {
		read_visit(s, 1, &v);
		if ((rc = fn(dx_col_text(s, 0), &v, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_IMPORT_LOG[] =
	"INSERT INTO import_run(county_code, at, actor, kind, file, rows, added, updated,"
	" unchanged, rejected) VALUES(?,?,?,?,?,?,?,?,?,?)";

int dx_ledger_import_log(struct dx_store *st, const struct dx_import_run *r)
{
	char now[21];
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_IMPORT_LOG)))
		return DX_DB;
	dx_store_now(now);
	dx_bind_text(s, 1, r->county);
	dx_bind_text(s, 2, now);
	dx_bind_text(s, 3, r->actor);
	dx_bind_text(s, 4, r->kind);
	dx_bind_text(s, 5, r->file);
	dx_bind_int(s, 6, r->rows);
	dx_bind_int(s, 7, r->added);
	dx_bind_int(s, 8, r->updated);
	dx_bind_int(s, 9, r->unchanged);
	dx_bind_int(s, 10, r->rejected);
	return dx_step_done(s);
}

/* ---- look-ups by a file's keys (PostgreSQL) ---- */

int dx_ledger_keyed(const struct dx_store *st)
{
	return dx_store_is_pg_target(st->path);
}

/* keys as one PostgreSQL array literal, every element quoted ('"' and
 * '\' escaped): a 户编号 is whatever the file holds.  ID numbers are
 * sealed first in a protected store (the column holds the token). */
static int array_of(struct dx_store *st, const char *const *keys, size_t n, int idno,
		    struct dx_buf *b)
{
	char tok[DX_IDSEAL_TOKEN_MAX];
	int rc;
	dx_buf_reset(b);
	dx_buf_addch(b, '{');
	for (size_t i = 0; i < n; i++) {
		const char *k = keys[i];
		if (idno) {
			if ((rc = dx_store_seal_idno(st, k, tok)))
				return rc;
			k = tok;
		}
		if (i)
			dx_buf_addch(b, ',');
		dx_buf_addch(b, '"');
		for (; *k; k++) {
			if (*k == '"' || *k == '\\')
				dx_buf_addch(b, '\\');
			dx_buf_addch(b, *k);
		}
		dx_buf_addch(b, '"');
	}
	dx_buf_addch(b, '}');
	return DX_OK;
}

/* Each key through the index, whatever the planner would make of a few
 * thousand keys against the table (on a small store a scan of it): a
 * LATERAL subquery per key that OFFSET 0 keeps from being flattened
 * into a join it could hash. */
#define EACH_KEY(type, sub) \
	"SELECT x.* FROM unnest(CAST(? AS " type ")) AS k(v) CROSS JOIN LATERAL (" sub " OFFSET 0) x"
static const char SQL_HH_BY_NOS[] =
	EACH_KEY("text[]", "SELECT " HH_COLS " FROM household h WHERE h.hh_no = k.v");

int dx_ledger_households_by_no(struct dx_store *st, const char *const *nos, size_t n,
			       int (*fn)(const struct dx_household *, void *), void *arg)
{
	struct dx_buf b = DX_BUF_INIT;
	struct dx_household h;
	struct dx_stmt *s;
	int rc;
	if (!n)
		return DX_OK;
	if ((rc = array_of(st, nos, n, 0, &b)))
		goto out;
	if (!(s = dx_q(st, SQL_HH_BY_NOS))) {
		rc = DX_DB;
		goto out;
	}
	dx_bind_text(s, 1, b.buf);
	while ((rc = dx_step(s)) == DX_OK) {
		read_hh(s, 0, &h);
		if ((rc = fn(&h, arg)))
			break;
	}
	if (rc && rc != DX_NOT_FOUND)
		s->drv->reset(s);
	rc = rc == DX_NOT_FOUND ? DX_OK : rc;
out:
	dx_buf_release(&b);
	return rc;
}

#define P_KEYED(where)                                                          \
	"SELECT " P_COLS ", p.area_code, h.hh_no FROM person p JOIN household h"   \
	" ON h.id = p.household_id AND h.county_code = p.county_code WHERE " where
static const char SQL_P_BY_IDNOS[] = EACH_KEY("text[]", P_KEYED("p.id_no = k.v"));
static const char SQL_P_OF_HHS[] = EACH_KEY("bigint[]", P_KEYED("p.household_id = k.v"));

static int persons_keyed(struct dx_store *st, const char *sql, const char *array,
			 const char *scope, int (*fn)(const struct dx_person *, const char *, int, void *),
			 void *arg)
{
	struct dx_person p;
	struct dx_stmt *s;
	size_t sl = scope ? strlen(scope) : 0;
	int rc;
	if (!(s = dx_q(st, sql)))
		return DX_DB;
	dx_bind_text(s, 1, array);
	while ((rc = dx_step(s)) == DX_OK) {
		read_person(s, 0, &p);
		if ((rc = fn(&p, dx_col_text(s, P_NCOLS + 1),
			     !sl || !strncmp(dx_col_text(s, P_NCOLS), scope, sl), arg)))
			break;
	}
	if (rc && rc != DX_NOT_FOUND)
		s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

int dx_ledger_persons_by_idno(struct dx_store *st, const char *const *ids, size_t n,
			      const char *scope,
			      int (*fn)(const struct dx_person *, const char *, int, void *),
			      void *arg)
{
	struct dx_buf b = DX_BUF_INIT;
	int rc;
	if (!n)
		return DX_OK;
	if (!(rc = array_of(st, ids, n, 1, &b)))
		rc = persons_keyed(st, SQL_P_BY_IDNOS, b.buf, scope, fn, arg);
	dx_buf_release(&b);
	return rc;
}

/* household ids as one PostgreSQL bigint[] literal */
static void ids_of(const int64_t *hh, size_t n, struct dx_buf *b)
{
	dx_buf_addch(b, '{');
	for (size_t i = 0; i < n; i++)
		dx_buf_addf(b, "%s%lld", i ? "," : "", (long long)hh[i]);
	dx_buf_addch(b, '}');
}

int dx_ledger_persons_of(struct dx_store *st, const int64_t *hh, size_t n, const char *scope,
			 int (*fn)(const struct dx_person *, const char *, int, void *), void *arg)
{
	struct dx_buf b = DX_BUF_INIT;
	int rc;
	if (!n)
		return DX_OK;
	ids_of(hh, n, &b);
	rc = persons_keyed(st, SQL_P_OF_HHS, b.buf, scope, fn, arg);
	dx_buf_release(&b);
	return rc;
}

/* SQL_DECIDED for the households k.v only: each one's latest episode
 * (the index episode_household), kept if a procedure decided it. */
static const char SQL_DECIDED_OF[] = EACH_KEY(
	"bigint[]",
	"SELECT h.hh_no, " E_COLS ", coalesce(ic.id, 0), coalesce(ic.closed_on, ''),"
	" coalesce(ec.id, 0), coalesce(ec.closed_on, '')," ROLLED_BACK " AS rolled"
	" FROM (SELECT * FROM episode WHERE household_id = k.v"
	"  ORDER BY identified_on DESC, id DESC LIMIT 1) e"
	" JOIN household h ON h.id = e.household_id AND h.county_code = e.county_code"
	" LEFT JOIN case_file ic ON ic.id = e.case_id AND ic.county_code = e.county_code"
	"  AND ic.state = '已通过'"
	" LEFT JOIN case_file ec ON ec.county_code = e.county_code AND ec.id = ("
	"  SELECT max(c.id) FROM case_file c WHERE c.household_id = e.household_id"
	"  AND c.episode_id = e.id AND c.kind = '风险消除' AND c.state = '已通过')"
	" WHERE (ic.id IS NOT NULL OR ec.id IS NOT NULL OR" ROLLED_BACK ")");

int dx_ledger_decided_of(struct dx_store *st, const int64_t *hh, size_t n,
			 int (*fn)(const struct dx_ledger_decided *, void *), void *arg)
{
	struct dx_buf b = DX_BUF_INIT;
	struct dx_ledger_decided d;
	struct dx_stmt *s;
	int rc;
	if (!n)
		return DX_OK;
	ids_of(hh, n, &b);
	if (!(s = dx_q(st, SQL_DECIDED_OF))) {
		dx_buf_release(&b);
		return DX_DB;
	}
	dx_bind_text(s, 1, b.buf);
	while ((rc = dx_step(s)) == DX_OK) {
		read_decided(s, &d);
		if ((rc = fn(&d, arg)))
			break;
	}
	if (rc && rc != DX_NOT_FOUND)
		s->drv->reset(s);
	dx_buf_release(&b);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}
