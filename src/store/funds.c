/*
 * funds.c - SQL of the 衔接资金 ledgers (funds.h).  Areas are code
 * prefixes read with the `code >= prefix AND code < prefix || ':'` range
 * of scan.c, so an index on (year, area_code) serves every report.
 */
#include "core/dx.h"
#include "store/funds.h"
#include "store/store_int.h"

const char *const dx_fund_source_names[DX_FUND_NSOURCES] = {"中央", "省级", "市级", "县级",
							     "其他"};

int dx_fund_source_index(const char *name)
{
	for (int i = 0; i < DX_FUND_NSOURCES; i++)
		if (!strcmp(dx_fund_source_names[i], name))
			return i;
	return -1;
}

/* ---- projects ---- */
#define P_COLS                                                                           \
	"p.id, p.county_code, p.code, p.name, p.year, p.area_code, p.type, p.industry,"  \
	" p.unit, p.dept, p.central, p.provincial, p.city, p.county_fund, p.other,"       \
	" coalesce(p.applied_on,''), coalesce(p.reviewed_on,''), coalesce(p.assessed_on,''),"\
	" coalesce(p.approved_on,''), coalesce(p.plan_start_on,''), coalesce(p.started_on,''),"\
	" coalesce(p.completed_on,''), coalesce(p.accepted_on,''), p.link_modes, p.goal, p.status"

static void read_project(struct dx_stmt *s, struct dx_fund_project *p)
{
	memset(p, 0, sizeof(*p));
	p->id = dx_col_int(s, 0);
	dx_col_copy(s, 1, p->county, sizeof(p->county));
	dx_col_copy(s, 2, p->code, sizeof(p->code));
	dx_col_copy(s, 3, p->name, sizeof(p->name));
	p->year = (int)dx_col_int(s, 4);
	dx_col_copy(s, 5, p->area_code, sizeof(p->area_code));
	dx_col_copy(s, 6, p->type, sizeof(p->type));
	p->industry = (int)dx_col_int(s, 7);
	dx_col_copy(s, 8, p->unit, sizeof(p->unit));
	dx_col_copy(s, 9, p->dept, sizeof(p->dept));
	for (int i = 0; i < DX_FUND_NSOURCES; i++)
		p->funds[i] = dx_col_int(s, 10 + i);
	dx_col_copy(s, 15, p->applied_on, sizeof(p->applied_on));
	dx_col_copy(s, 16, p->reviewed_on, sizeof(p->reviewed_on));
	dx_col_copy(s, 17, p->assessed_on, sizeof(p->assessed_on));
	dx_col_copy(s, 18, p->approved_on, sizeof(p->approved_on));
	dx_col_copy(s, 19, p->plan_start_on, sizeof(p->plan_start_on));
	dx_col_copy(s, 20, p->started_on, sizeof(p->started_on));
	dx_col_copy(s, 21, p->completed_on, sizeof(p->completed_on));
	dx_col_copy(s, 22, p->accepted_on, sizeof(p->accepted_on));
	dx_col_copy(s, 23, p->link_modes, sizeof(p->link_modes));
	dx_col_copy(s, 24, p->goal, sizeof(p->goal));
	dx_col_copy(s, 25, p->status, sizeof(p->status));
}

static const char SQL_P_GET[] =
	"SELECT " P_COLS " FROM fund_project p WHERE p.county_code = ? AND p.code = ?";

int dx_fund_project_get(struct dx_store *st, const char *county, const char *code,
			struct dx_fund_project *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_P_GET)))
		return DX_DB;
	dx_bind_text(s, 1, county);
	dx_bind_text(s, 2, code);
	if ((rc = dx_step(s)))
		return rc;
	read_project(s, out);
	return dx_step_done(s);
}

static const char SQL_P_INSERT[] =
	"INSERT INTO fund_project(county_code, code, name, year, area_code, type, industry, unit,"
	" dept, central, provincial, city, county_fund, other, applied_on, reviewed_on,"
	" assessed_on, approved_on, plan_start_on, started_on, completed_on, accepted_on,"
	" link_modes, goal, status, updated_at)"
	" VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,"
	"?23,?24,?25,?26) RETURNING id";
static const char SQL_P_UPDATE[] =
	"UPDATE fund_project SET county_code=?1, code=?2, name=?3, year=?4, area_code=?5, type=?6,"
	" industry=?7, unit=?8, dept=?9, central=?10, provincial=?11, city=?12, county_fund=?13,"
	" other=?14, applied_on=?15, reviewed_on=?16, assessed_on=?17, approved_on=?18,"
	" plan_start_on=?19, started_on=?20, completed_on=?21, accepted_on=?22, link_modes=?23,"
	" goal=?24, status=?25, updated_at=?26 WHERE id=?27";

int dx_fund_project_put(struct dx_store *st, struct dx_fund_project *p)
{
	char now[21];
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, p->id ? SQL_P_UPDATE : SQL_P_INSERT)))
		return DX_DB;
	dx_store_now(now);
	dx_bind_text(s, 1, p->county);
	dx_bind_text(s, 2, p->code);
	dx_bind_text(s, 3, p->name);
	dx_bind_int(s, 4, p->year);
	dx_bind_text(s, 5, p->area_code);
	dx_bind_text(s, 6, p->type);
	dx_bind_int(s, 7, p->industry);
	dx_bind_text(s, 8, p->unit);
	dx_bind_text(s, 9, p->dept);
	for (int i = 0; i < DX_FUND_NSOURCES; i++)
		dx_bind_int(s, 10 + i, p->funds[i]);
	dx_bind_opt(s, 15, p->applied_on);
	dx_bind_opt(s, 16, p->reviewed_on);
	dx_bind_opt(s, 17, p->assessed_on);
	dx_bind_opt(s, 18, p->approved_on);
	dx_bind_opt(s, 19, p->plan_start_on);
	dx_bind_opt(s, 20, p->started_on);
	dx_bind_opt(s, 21, p->completed_on);
	dx_bind_opt(s, 22, p->accepted_on);
	dx_bind_text(s, 23, p->link_modes);
	dx_bind_text(s, 24, p->goal);
	dx_bind_text(s, 25, p->status);
	dx_bind_text(s, 26, now);
	if (p->id)
		dx_bind_int(s, 27, p->id);
	if (p->id)
		return dx_step_done(s);
	rc = dx_step_int(s, &p->id);
	return rc == DX_NOT_FOUND ? dx_error(DX_DB, "no id came back from the insert") : rc;
}

#define IN_AREA(a) " " a ".area_code >= ?1 AND " a ".area_code < ?1 || ':'"
static const char SQL_P_EACH[] =
	"SELECT " P_COLS " FROM fund_project p WHERE" IN_AREA("p")
	" AND (?2 = 0 OR p.year = ?2) ORDER BY p.code";

int dx_fund_projects_each(struct dx_store *st, const char *area, int year,
			  int (*fn)(const struct dx_fund_project *, void *), void *arg)
{
	struct dx_fund_project p;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_P_EACH)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_int(s, 2, year);
	while ((rc = dx_step(s)) == DX_OK) {
		read_project(s, &p);
		if ((rc = fn(&p, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* ---- payments ---- */
#define Y_COLS "y.id, y.project_id, y.county_code, y.paid_on, y.source, y.amount, y.voucher"

static void read_payment(struct dx_stmt *s, struct dx_fund_payment *y)
{
	memset(y, 0, sizeof(*y));
	y->id = dx_col_int(s, 0);
	y->project_id = dx_col_int(s, 1);
	dx_col_copy(s, 2, y->county, sizeof(y->county));
	dx_col_copy(s, 3, y->paid_on, sizeof(y->paid_on));
	dx_col_copy(s, 4, y->source, sizeof(y->source));
	y->amount = dx_col_int(s, 5);
	dx_col_copy(s, 6, y->voucher, sizeof(y->voucher));
}

static const char SQL_Y_FIND[] =
	"SELECT " Y_COLS " FROM fund_payment y WHERE y.project_id = ? AND y.paid_on = ?"
	" AND y.source = ? AND y.voucher = ? ORDER BY y.id LIMIT 1 OFFSET ?";

int dx_fund_payment_find(struct dx_store *st, const struct dx_fund_payment *key, int nth,
			 struct dx_fund_payment *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_Y_FIND)))
		return DX_DB;
	dx_bind_int(s, 1, key->project_id);
	dx_bind_text(s, 2, key->paid_on);
	dx_bind_text(s, 3, key->source);
	dx_bind_text(s, 4, key->voucher);
	dx_bind_int(s, 5, nth);
	if ((rc = dx_step(s)))
		return rc;
	read_payment(s, out);
	return dx_step_done(s);
}

static const char SQL_Y_INSERT[] =
	"INSERT INTO fund_payment(project_id, county_code, paid_on, source, amount, voucher,"
	" updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7) RETURNING id";
static const char SQL_Y_UPDATE[] =
	"UPDATE fund_payment SET project_id=?1, county_code=?2, paid_on=?3, source=?4, amount=?5,"
	" voucher=?6, updated_at=?7 WHERE id=?8";

int dx_fund_payment_put(struct dx_store *st, struct dx_fund_payment *y)
{
	char now[21];
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, y->id ? SQL_Y_UPDATE : SQL_Y_INSERT)))
		return DX_DB;
	dx_store_now(now);
	dx_bind_int(s, 1, y->project_id);
	dx_bind_text(s, 2, y->county);
	dx_bind_text(s, 3, y->paid_on);
	dx_bind_text(s, 4, y->source);
	dx_bind_int(s, 5, y->amount);
	dx_bind_text(s, 6, y->voucher);
	dx_bind_text(s, 7, now);
	if (y->id)
		dx_bind_int(s, 8, y->id);
	if (y->id)
		return dx_step_done(s);
	rc = dx_step_int(s, &y->id);
	return rc == DX_NOT_FOUND ? dx_error(DX_DB, "no id came back from the insert") : rc;
}

static const char SQL_Y_EACH[] =
	"SELECT " Y_COLS " FROM fund_payment y JOIN fund_project p ON p.id = y.project_id"
	" WHERE" IN_AREA("p") " AND (?2 = 0 OR p.year = ?2) AND (?3 = '' OR y.paid_on <= ?3)"
	" ORDER BY y.paid_on, y.id";

int dx_fund_payments_each(struct dx_store *st, const char *area, int year, const char *as_of,
			  int (*fn)(const struct dx_fund_payment *, void *), void *arg)
{
	struct dx_fund_payment y;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_Y_EACH)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_int(s, 2, year);
	dx_bind_text(s, 3, as_of ? as_of : "");
	while ((rc = dx_step(s)) == DX_OK) {
		read_payment(s, &y);
		if ((rc = fn(&y, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* ---- beneficiaries ---- */
static const char SQL_B_GET[] =
	"SELECT id, county_code, link_mode, coalesce(persons, -1), income, coalesce(year, 0)"
	" FROM fund_beneficiary WHERE project_id = ? AND household_id = ?";

int dx_fund_beneficiary_get(struct dx_store *st, int64_t project_id, int64_t household_id,
			    struct dx_fund_beneficiary *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_B_GET)))
		return DX_DB;
	dx_bind_int(s, 1, project_id);
	dx_bind_int(s, 2, household_id);
	if ((rc = dx_step(s)))
		return rc;
	memset(out, 0, sizeof(*out));
	out->id = dx_col_int(s, 0);
	out->project_id = project_id;
	out->household_id = household_id;
	dx_col_copy(s, 1, out->county, sizeof(out->county));
	dx_col_copy(s, 2, out->link_mode, sizeof(out->link_mode));
	out->persons = (int)dx_col_int(s, 3);
	out->income = dx_col_int(s, 4);
	out->year = (int)dx_col_int(s, 5);
	return dx_step_done(s);
}

static const char SQL_B_INSERT[] =
	"INSERT INTO fund_beneficiary(project_id, household_id, county_code, link_mode, persons,"
	" income, year, updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8) RETURNING id";
static const char SQL_B_UPDATE[] =
	"UPDATE fund_beneficiary SET project_id=?1, household_id=?2, county_code=?3, link_mode=?4,"
	" persons=?5, income=?6, year=?7, updated_at=?8 WHERE id=?9";

int dx_fund_beneficiary_put(struct dx_store *st, struct dx_fund_beneficiary *b)
{
	char now[21];
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, b->id ? SQL_B_UPDATE : SQL_B_INSERT)))
		return DX_DB;
	dx_store_now(now);
	dx_bind_int(s, 1, b->project_id);
	dx_bind_int(s, 2, b->household_id);
	dx_bind_text(s, 3, b->county);
	dx_bind_text(s, 4, b->link_mode);
	if (b->persons >= 0)
		dx_bind_int(s, 5, b->persons);
	dx_bind_int(s, 6, b->income);
	if (b->year)
		dx_bind_int(s, 7, b->year);
	dx_bind_text(s, 8, now);
	if (b->id)
		dx_bind_int(s, 9, b->id);
	if (b->id)
		return dx_step_done(s);
	rc = dx_step_int(s, &b->id);
	return rc == DX_NOT_FOUND ? dx_error(DX_DB, "no id came back from the insert") : rc;
}

/* persons: every registered member, as the report's head counts count.
 * From the area's projects (few) to their beneficiaries: CROSS JOIN keeps
 * SQLite in that order, where it would otherwise walk every household of
 * the store in 户编号 order to spare the sort (a village's report paid
 * for the county's households; PostgreSQL plans the same inner join) */
static const char SQL_B_EACH[] =
	"SELECT b.project_id, h.id, h.hh_no,"
	" coalesce((SELECT name FROM person WHERE household_id = h.id AND relation = '户主'"
	" ORDER BY id LIMIT 1), ''), h.area_code, b.link_mode,"
	" (SELECT count(*) FROM person WHERE household_id = h.id)"
	" FROM fund_project p CROSS JOIN fund_beneficiary b CROSS JOIN household h"
	" WHERE b.project_id = p.id AND h.id = b.household_id AND" IN_AREA("p")
	" AND (?2 = 0 OR p.year = ?2) ORDER BY h.hh_no, p.code";

int dx_fund_beneficiaries_each(struct dx_store *st, const char *area, int year,
			       int (*fn)(const struct dx_fund_hh *, void *), void *arg)
{
	struct dx_fund_hh b;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_B_EACH)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_int(s, 2, year);
	while ((rc = dx_step(s)) == DX_OK) {
		b.project_id = dx_col_int(s, 0);
		b.household_id = dx_col_int(s, 1);
		b.hh_no = dx_col_text(s, 2);
		b.head_name = dx_col_text(s, 3);
		b.area_code = dx_col_text(s, 4);
		b.link_mode = dx_col_text(s, 5);
		b.persons = (long)dx_col_int(s, 6);
		if ((rc = fn(&b, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* ---- assets ---- */
#define A_COLS                                                                         \
	"a.id, a.project_id, a.county_code, a.asset_no, a.name, a.kind, a.value, a.owner," \
	" a.keeper, coalesce(a.handed_on, ''), a.status"

static void read_asset(struct dx_stmt *s, struct dx_fund_asset *a)
{
	memset(a, 0, sizeof(*a));
	a->id = dx_col_int(s, 0);
	a->project_id = dx_col_int(s, 1);
	dx_col_copy(s, 2, a->county, sizeof(a->county));
	dx_col_copy(s, 3, a->asset_no, sizeof(a->asset_no));
	dx_col_copy(s, 4, a->name, sizeof(a->name));
	dx_col_copy(s, 5, a->kind, sizeof(a->kind));
	a->value = dx_col_int(s, 6);
	dx_col_copy(s, 7, a->owner, sizeof(a->owner));
	dx_col_copy(s, 8, a->keeper, sizeof(a->keeper));
	dx_col_copy(s, 9, a->handed_on, sizeof(a->handed_on));
	dx_col_copy(s, 10, a->status, sizeof(a->status));
}

static const char SQL_A_GET[] =
	"SELECT " A_COLS " FROM fund_asset a WHERE a.county_code = ? AND a.asset_no = ?";

int dx_fund_asset_get(struct dx_store *st, const char *county, const char *asset_no,
		      struct dx_fund_asset *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_A_GET)))
		return DX_DB;
	dx_bind_text(s, 1, county);
	dx_bind_text(s, 2, asset_no);
	if ((rc = dx_step(s)))
		return rc;
	read_asset(s, out);
	return dx_step_done(s);
}

static const char SQL_A_INSERT[] =
	"INSERT INTO fund_asset(project_id, county_code, asset_no, name, kind, value, owner, keeper,"
	" handed_on, status, updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11) RETURNING id";
static const char SQL_A_UPDATE[] =
	"UPDATE fund_asset SET project_id=?1, county_code=?2, asset_no=?3, name=?4, kind=?5,"
	" value=?6, owner=?7, keeper=?8, handed_on=?9, status=?10, updated_at=?11 WHERE id=?12";

int dx_fund_asset_put(struct dx_store *st, struct dx_fund_asset *a)
{
	char now[21];
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, a->id ? SQL_A_UPDATE : SQL_A_INSERT)))
		return DX_DB;
	dx_store_now(now);
	dx_bind_int(s, 1, a->project_id);
	dx_bind_text(s, 2, a->county);
	dx_bind_text(s, 3, a->asset_no);
	dx_bind_text(s, 4, a->name);
	dx_bind_text(s, 5, a->kind);
	dx_bind_int(s, 6, a->value);
	dx_bind_text(s, 7, a->owner);
	dx_bind_text(s, 8, a->keeper);
	dx_bind_opt(s, 9, a->handed_on);
	dx_bind_text(s, 10, a->status);
	dx_bind_text(s, 11, now);
	if (a->id)
		dx_bind_int(s, 12, a->id);
	if (a->id)
		return dx_step_done(s);
	rc = dx_step_int(s, &a->id);
	return rc == DX_NOT_FOUND ? dx_error(DX_DB, "no id came back from the insert") : rc;
}

static const char SQL_A_EACH[] =
	"SELECT " A_COLS " FROM fund_asset a JOIN fund_project p ON p.id = a.project_id"
	" WHERE" IN_AREA("p") " AND (?2 = 0 OR p.year = ?2) ORDER BY a.asset_no";

int dx_fund_assets_each(struct dx_store *st, const char *area, int year,
			int (*fn)(const struct dx_fund_asset *, void *), void *arg)
{
	struct dx_fund_asset a;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_A_EACH)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_int(s, 2, year);
	while ((rc = dx_step(s)) == DX_OK) {
		read_asset(s, &a);
		if ((rc = fn(&a, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_HISTORY[] =
	"SELECT at, actor, after FROM audit WHERE county_code = ?1 AND entity = 'fund_project'"
	" AND entity_key = ?2 AND action = 'project.step' ORDER BY id";

int dx_fund_project_history(struct dx_store *st, const char *county, const char *code,
			    int (*fn)(const char *at, const char *actor, const char *after,
				      void *arg),
			    void *arg)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_HISTORY)))
		return DX_DB;
	dx_bind_text(s, 1, county);
	dx_bind_text(s, 2, code);
	while ((rc = dx_step(s)) == DX_OK) {
		const char *after = dx_col_null(s, 2) ? "" : dx_col_text(s, 2);
		if ((rc = fn(dx_col_text(s, 0), dx_col_text(s, 1), after, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}
