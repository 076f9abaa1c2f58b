/*
 * hhrecord.c - reads behind the household record and `household find`
 * (see hhrecord.h).  Each is one household's rows through its index, so a
 * record costs a few dozen look-ups whatever the size of the county.
 */
#include "core/dx.h"
#include "store/hhrecord.h"
#include "store/store_int.h"

/* the latest episode of h: its category and elimination */
#define LATEST_EP(col)                                                             \
	"coalesce((SELECT e." col " FROM episode e WHERE e.household_id = h.id"        \
	" ORDER BY e.identified_on DESC, e.id DESC LIMIT 1), '')"
#define BRIEF_COLS                                                                 \
	"SELECT h.id, h.hh_no, h.area_code, coalesce(v.name, ''), h.head_name,"       \
	" (SELECT count(*) FROM person p WHERE p.household_id = h.id"                  \
	"  AND p.left_on IS NULL), " LATEST_EP("category") ", " LATEST_EP("eliminated_on") \
	", coalesce(t.name, '')"                                                      \
	" FROM household h LEFT JOIN area v ON v.code = h.area_code"                  \
	" LEFT JOIN area t ON t.code = substr(h.area_code, 1, 9)"

/* ?1 area prefix, ?2 text, ?3 how (DX_FIND_* bits), ?4 the text as an ID
 * tail (NULL in a protected store, where id_no holds sealed tokens a tail
 * cannot match), ?5 the text as a whole ID (sealed in a protected store).
 * The tail pattern is the expression '%' || ?4, not a bound pattern:
 * SQLite re-prepares a statement on every new binding of a parameter that
 * stands alone on the right of LIKE (it might enable the LIKE index
 * optimisation), and this look-up runs on every household record request. */
static const char SQL_FIND[] =
	BRIEF_COLS " WHERE h.area_code >= ?1 AND h.area_code < ?1 || ':' AND h.id IN ("
	" SELECT id FROM household WHERE (?3 & 1) != 0 AND hh_no = ?2"
	" UNION SELECT household_id FROM person WHERE (?3 & 2) != 0 AND name = ?2"
	" UNION SELECT m.household_id FROM membership m JOIN person p ON p.id = m.person_id"
	"  WHERE (?3 & 2) != 0 AND p.name = ?2"
	" UNION SELECT household_id FROM person WHERE (?3 & 4) != 0 AND id_no LIKE '%' || ?4"
	" UNION SELECT household_id FROM person WHERE (?3 & 8) != 0 AND id_no = ?5"
	" UNION SELECT hv.id FROM household hv JOIN area a ON a.code = hv.area_code"
	"  WHERE (?3 & 16) != 0 AND a.level = 5 AND strpos(a.name, ?2) > 0)"
	" ORDER BY h.area_code, h.hh_no";

static void brief_row(struct dx_stmt *s, void *out)
{
	struct dx_hh_brief *b = out;
	memset(b, 0, sizeof(*b));
	b->id = dx_col_int(s, 0);
	dx_col_copy(s, 1, b->hh_no, sizeof(b->hh_no));
	dx_col_copy(s, 2, b->area_code, sizeof(b->area_code));
	dx_col_copy(s, 3, b->village, sizeof(b->village));
	dx_col_copy(s, 4, b->head, sizeof(b->head));
	b->members = (int)dx_col_int(s, 5);
	dx_col_copy(s, 6, b->category, sizeof(b->category));
	dx_col_copy(s, 7, b->eliminated_on, sizeof(b->eliminated_on));
	dx_col_copy(s, 8, b->township, sizeof(b->township));
}

/* Run s (bound) and collect its rows into *v (n of them, each `size`
 * bytes, freed by the caller), so that the caller's callback may run
 * other queries afterwards (a cached statement is reused by its SQL). */
static int collect(struct dx_stmt *s, size_t size, void (*row)(struct dx_stmt *, void *),
		   char **v, size_t *n)
{
	size_t cap = 0;
	int rc;
	*v = NULL;
	*n = 0;
	while ((rc = dx_step(s)) == DX_OK) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*v = dx_xrealloc(*v, cap * size);
		}
		row(s, *v + (*n)++ * size);
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* collect, then fn(row i) for each: the typed loop every list shares */
#define EACH(s, type, row, fn, arg)                                                   \
	do {                                                                          \
		char *v_;                                                             \
		size_t n_;                                                            \
		int rc_ = collect(s, sizeof(type), row, &v_, &n_);                    \
		for (size_t i_ = 0; !rc_ && i_ < n_; i_++)                            \
			rc_ = fn((const type *)(const void *)(v_ + i_ * sizeof(type)), arg); \
		free(v_);                                                             \
		return rc_;                                                           \
	} while (0)

int dx_store_hh_find(struct dx_store *st, const char *area, const char *text, unsigned how,
		     int (*fn)(const struct dx_hh_brief *, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_FIND);
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, text);
	dx_bind_int(s, 3, how);
	dx_bind_text(s, 4, dx_store_ids_protected(st) ? NULL : text);
	if ((how & DX_FIND_ID) && dx_bind_idno(s, 5, text))
		dx_bind_text(s, 5, NULL); /* no key: no number is found */
	else if (!(how & DX_FIND_ID))
		dx_bind_text(s, 5, text);
	EACH(s, struct dx_hh_brief, brief_row, fn, arg);
}

static const char SQL_BY_NO[] =
	"SELECT id, hh_no, area_code FROM household"
	" WHERE hh_no = ?2 AND area_code >= ?1 AND area_code < ?1 || ':'";

int dx_store_hh_in_area(struct dx_store *st, const char *area, const char *hh_no,
			struct dx_hh_brief *out)
{
	struct dx_stmt *s = dx_q(st, SQL_BY_NO);
	int rc;
	memset(out, 0, sizeof(*out));
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, hh_no);
	if ((rc = dx_step(s)))
		return rc;
	out->id = dx_col_int(s, 0);
	dx_col_copy(s, 1, out->hh_no, sizeof(out->hh_no));
	dx_col_copy(s, 2, out->area_code, sizeof(out->area_code));
	return dx_step_done(s);
}

/* h.lists: which of its lists may have rows (schema v19's triggers keep it;
 * looking at each list's index here was a quarter of the statement) */
#define FULL_COLS                                                                  \
	"SELECT h.id, h.hh_no, h.area_code, h.group_name, h.kind, coalesce(h.tuopin_year, 0),"  \
	" h.phone, h.relocated, h.unsafe_housing, h.dropout, h.unsafe_water, h.members,"  \
	" h.head_name, coalesce(v.name, ''), coalesce(t.name, ''), coalesce(c.name, ''),"  \
	" h.lists FROM household h LEFT JOIN area v ON v.code = h.area_code"                  \
	" LEFT JOIN area t ON t.code = substr(h.area_code, 1, 9)"                     \
	" LEFT JOIN area c ON c.code = substr(h.area_code, 1, 6)"
static const char SQL_FULL[] = FULL_COLS " WHERE h.id = ?1";
/* by 户编号 under an area prefix: SQL_BY_NO's look-up and the row at once */
static const char SQL_FULL_BY_NO[] =
	FULL_COLS " WHERE h.hh_no = ?2 AND h.area_code >= ?1 AND h.area_code < ?1 || ':'";

/* The row of s (FULL_COLS) into out, then the end of s. */
static int full_row(struct dx_stmt *s, struct dx_hh_full *out)
{
	int rc;
	if ((rc = dx_step(s)))
		return rc;
	out->h.id = dx_col_int(s, 0);
	dx_col_copy(s, 1, out->h.hh_no, sizeof(out->h.hh_no));
	dx_col_copy(s, 2, out->h.area_code, sizeof(out->h.area_code));
	dx_col_copy(s, 3, out->h.group_name, sizeof(out->h.group_name));
	dx_col_copy(s, 4, out->h.kind, sizeof(out->h.kind));
	out->h.tuopin_year = (int)dx_col_int(s, 5);
	dx_col_copy(s, 6, out->h.phone, sizeof(out->h.phone));
	out->h.relocated = (int)dx_col_int(s, 7);
	out->h.unsafe_housing = (int)dx_col_int(s, 8);
	out->h.dropout = (int)dx_col_int(s, 9);
	out->h.unsafe_water = (int)dx_col_int(s, 10);
	out->members = (int)dx_col_int(s, 11);
	dx_col_copy(s, 12, out->head, sizeof(out->head));
	dx_col_copy(s, 13, out->village, sizeof(out->village));
	dx_col_copy(s, 14, out->township, sizeof(out->township));
	dx_col_copy(s, 15, out->county, sizeof(out->county));
	out->has = (unsigned)dx_col_int(s, 16);
	return dx_step_done(s);
}

int dx_store_hh_full(struct dx_store *st, int64_t id, struct dx_hh_full *out)
{
	struct dx_stmt *s = dx_q(st, SQL_FULL);
	memset(out, 0, sizeof(*out));
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	return full_row(s, out);
}

int dx_store_hh_full_in_area(struct dx_store *st, const char *area, const char *hh_no,
			     struct dx_hh_full *out)
{
	struct dx_stmt *s = dx_q(st, SQL_FULL_BY_NO);
	memset(out, 0, sizeof(*out));
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, hh_no);
	return full_row(s, out);
}

/* A household's members are read in a few short statements rather than
 * one: its periods (membership rows, most often none), the persons now in
 * it, whether any of them has periods or audit rows (member_flags), and
 * one by one any former member the periods name who is elsewhere now.
 * One statement saying `household_id = ?1 OR id IN (SELECT ...)`, with
 * each period column a subquery per person, cost the household route
 * three times as much (a temporary index for the IN and three look-ups of
 * membership per member). */
#define PERSON_COLS                                                                 \
	"SELECT p.id, p.household_id, p.id_no, p.name, p.relation, p.sex, p.birth,"    \
	" p.ethnicity, p.politics, p.education, p.school, p.health, p.labour, p.work_place," \
	" coalesce(p.work_months, -1), p.ins_resident, p.ins_employee, p.dibao,"         \
	" p.dibao_class, p.tekun, p.disability_subsidy, p.phone, p.counted,"              \
	" coalesce(p.left_on, ''), CASE WHEN p.left_on IS NULL THEN 0 ELSE 1 END"
/* has_periods and has_audit of one person, in its own row */
#define PERSON_FLAGS                                                                \
	", CASE WHEN EXISTS (SELECT 1 FROM membership x WHERE x.person_id = p.id)"       \
	" THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM audit a"                     \
	" WHERE a.entity = 'person' AND a.entity_key = CAST(p.id AS TEXT)) THEN 1 ELSE 0 END"
static const char SQL_HH_PERIODS[] =
	"SELECT person_id, id, coalesce(from_on, ''), coalesce(to_on, ''), reason"
	" FROM membership WHERE household_id = ?1";
/* the flags are member_flags's, for all of them at once */
static const char SQL_MEMBERS_NOW[] = PERSON_COLS ", 0, 0 FROM person p WHERE p.household_id = ?1";
/* The persons with ids in [?1, ?2] that have membership periods (1) or
 * audit rows (2), as text; ?3 and ?4 are ?1 and ?2 as text, of the same
 * number of digits (an audit row's key is the id as text, and only
 * between two such keys does text order follow the numbers).  An id
 * may come more than once, and an audit key of another form in the
 * range (none is written) would only cost a look-up for nothing. */
static const char SQL_MEMBER_FLAGS[] =
	"SELECT 1, CAST(person_id AS TEXT) FROM membership WHERE person_id BETWEEN ?1 AND ?2"
	" UNION ALL SELECT 2, entity_key FROM audit WHERE entity = 'person'"
	" AND entity_key BETWEEN ?3 AND ?4";
/* a former member: the 户编号 they are in now, if they are in one */
static const char SQL_MEMBER_ELSEWHERE[] =
	PERSON_COLS PERSON_FLAGS ", CASE WHEN p.left_on IS NULL THEN"
	" (SELECT hh_no FROM household x WHERE x.id = p.household_id) ELSE '' END"
	" FROM person p WHERE p.id = ?1";

/* One membership period of the household. */
struct period {
	int64_t person, id;
	char from_on[11], to_on[11], reason[16];
};

static void period_row(struct dx_stmt *s, void *out)
{
	struct period *p = out;
	p->person = dx_col_int(s, 0);
	p->id = dx_col_int(s, 1);
	dx_col_copy(s, 2, p->from_on, sizeof(p->from_on));
	dx_col_copy(s, 3, p->to_on, sizeof(p->to_on));
	dx_col_copy(s, 4, p->reason, sizeof(p->reason));
}

/* A member and its place in the list: current members before former
 * ones, the 户主 first, then by person id. */
struct member_sorted {
	int former;
	struct dx_hh_member m;
};

/* The person's columns (PERSON_COLS) into ms; former = left. */
static void member_row(struct dx_stmt *s, void *out)
{
	struct member_sorted *ms = out;
	struct dx_hh_member *m = &ms->m;
	struct dx_person *p = &m->p;
	int i = 0;
	memset(m, 0, sizeof(*m));
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
	dx_col_copy(s, i++, m->left_on, sizeof(m->left_on));
	ms->former = (int)dx_col_int(s, i++);
	m->has_periods = (int)dx_col_int(s, i++);
	m->has_audit = (int)dx_col_int(s, i++);
}

/* The person's latest period in the household (the largest id), or NULL. */
static const struct period *latest_period(const struct period *v, size_t n, int64_t person)
{
	const struct period *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (v[i].person == person && (!best || v[i].id > best->id))
			best = &v[i];
	return best;
}

static int member_cmp(const void *a, const void *b)
{
	const struct member_sorted *x = a, *y = b;
	int xh = strcmp(x->m.p.relation, "户主") != 0, yh = strcmp(y->m.p.relation, "户主") != 0;
	if (x->former != y->former)
		return x->former - y->former;
	if (xh != yh)
		return xh - yh;
	return (x->m.p.id > y->m.p.id) - (x->m.p.id < y->m.p.id);
}

/* The former members the periods name who are not in the household now
 * (not among v[0..*n)), appended to *v. */
static int members_elsewhere(struct dx_store *st, const struct period *pv, size_t np,
			     struct member_sorted **v, size_t *n)
{
	struct dx_stmt *s = NULL;
	int rc = DX_OK;
	for (size_t i = 0; !rc && i < np; i++) {
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++)
			seen = pv[k].person == pv[i].person;
		for (size_t k = 0; k < *n && !seen; k++)
			seen = (*v)[k].m.p.id == pv[i].person;
		if (seen)
			continue;
		if (!s && !(s = dx_q(st, SQL_MEMBER_ELSEWHERE)))
			return DX_DB;
		dx_bind_int(s, 1, pv[i].person);
		if ((rc = dx_step(s)) == DX_NOT_FOUND) { /* no such person: as the join had it */
			rc = DX_OK;
			continue;
		}
		if (rc)
			break;
		*v = dx_xrealloc(*v, (*n + 1) * sizeof(**v));
		member_row(s, &(*v)[*n]);
		/* left this household: the period's end, where they are now */
		(*v)[*n].m.left_on[0] = '\0';
		if (!(*v)[*n].former) /* in a household now */
			dx_col_copy(s, 27, (*v)[*n].m.moved_to, sizeof((*v)[*n].m.moved_to));
		(*v)[*n].former = 1;
		(*n)++;
		rc = dx_step_done(s);
	}
	return rc;
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int digits(int64_t v)
{
	int d = 1;
	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

/* Set has_periods and has_audit of v[0..n) (the members now): one range
 * of ids a statement, not two look-ups a member inside the members' read
 * (a fifth of it).  A household's members mostly have neighbouring ids;
 * ids further apart than MEMBER_FLAGS_GAP, or of another number of
 * digits, start another range, so that a range never walks many other
 * persons' rows. */
#define MEMBER_FLAGS_GAP 64
static int member_flags(struct dx_store *st, struct member_sorted *v, size_t n)
{
	int64_t one[8], *ids = n <= 8 ? one : dx_xmalloc(n * sizeof(*ids));
	struct dx_stmt *s = NULL;
	int rc = DX_OK;
	for (size_t i = 0; i < n; i++)
		ids[i] = v[i].m.p.id;
	if (n > 1)
		qsort(ids, n, sizeof(*ids), id_cmp);
	for (size_t i = 0; !rc && i < n;) {
		size_t k = i + 1;
		char lo[24], hi[24];
		if (ids[i] < 0) { /* never written so; looked up as if flagged */
			for (size_t j = 0; j < n; j++)
				if (v[j].m.p.id == ids[i])
					v[j].m.has_periods = v[j].m.has_audit = 1;
			i++;
			continue;
		}
		while (k < n && ids[k] - ids[k - 1] <= MEMBER_FLAGS_GAP &&
		       digits(ids[k]) == digits(ids[i]))
			k++;
		if (!s && !(s = dx_q(st, SQL_MEMBER_FLAGS))) {
			rc = DX_DB;
			break;
		}
		dx_i64_text(ids[i], lo);
		dx_i64_text(ids[k - 1], hi);
		dx_bind_int(s, 1, ids[i]);
		dx_bind_int(s, 2, ids[k - 1]);
		dx_bind_text(s, 3, lo);
		dx_bind_text(s, 4, hi);
		while ((rc = dx_step(s)) == DX_OK) {
			int64_t kind = dx_col_int(s, 0), id;
			if (dx_parse_i64(dx_col_text(s, 1), &id))
				continue;
			for (size_t j = 0; j < n; j++)
				if (v[j].m.p.id == id) {
					if (kind == 1)
						v[j].m.has_periods = 1;
					else
						v[j].m.has_audit = 1;
				}
		}
		s->drv->reset(s);
		if (rc == DX_NOT_FOUND)
			rc = DX_OK;
		i = k;
	}
	if (ids != one)
		free(ids);
	return rc;
}

/* dx_store_hh_members; periods = 0 when the household has no membership
 * rows (its row's DX_HH_HAS_PERIODS said so): their statement is not run. */
static int members(struct dx_store *st, int64_t household_id, int periods,
		   int (*fn)(const struct dx_hh_member *, void *), void *arg)
{
	struct dx_stmt *s;
	struct member_sorted *v = NULL;
	struct period *pv = NULL;
	char *rows;
	size_t n = 0, np = 0;
	int rc;
	if (periods) {
		if (!(s = dx_q(st, SQL_HH_PERIODS)))
			return DX_DB;
		dx_bind_int(s, 1, household_id);
		if ((rc = collect(s, sizeof(*pv), period_row, &rows, &np)))
			return rc;
		pv = (struct period *)(void *)rows;
	}
	if (!(s = dx_q(st, SQL_MEMBERS_NOW))) {
		rc = DX_DB;
		goto out;
	}
	dx_bind_int(s, 1, household_id);
	if ((rc = collect(s, sizeof(*v), member_row, &rows, &n)))
		goto out;
	v = (struct member_sorted *)(void *)rows;
	if ((rc = member_flags(st, v, n)))
		goto out;
	if (np && (rc = members_elsewhere(st, pv, np, &v, &n)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct dx_hh_member *m = &v[i].m;
		const struct period *p = latest_period(pv, np, m->p.id);
		if (!p)
			continue;
		dx_strlcpy(m->joined_on, p->from_on, sizeof(m->joined_on));
		dx_strlcpy(m->reason, p->reason, sizeof(m->reason));
		if (m->p.household_id != household_id)
			dx_strlcpy(m->left_on, p->to_on, sizeof(m->left_on));
	}
	/* sorted here, not by an ORDER BY: a household's few rows, where
	 * SQLite's sorter (every column written out and read back) was a
	 * third of the query */
	if (n > 1)
		qsort(v, n, sizeof(*v), member_cmp);
	for (size_t i = 0; !rc && i < n; i++)
		rc = fn(&v[i].m, arg);
out:
	free(v);
	free(pv);
	return rc;
}

int dx_store_hh_members(struct dx_store *st, int64_t household_id,
			int (*fn)(const struct dx_hh_member *, void *), void *arg)
{
	return members(st, household_id, 1, fn, arg);
}

int dx_store_hh_full_members(struct dx_store *st, const struct dx_hh_full *hh,
			     int (*fn)(const struct dx_hh_member *, void *), void *arg)
{
	return members(st, hh->h.id, (hh->has & DX_HH_HAS_PERIODS) != 0, fn, arg);
}

static const char SQL_INCOMES[] =
	"SELECT household_id, year, wage, business, property, transfer, business_cost, claims, oop"
	" FROM income WHERE household_id = ?1 ORDER BY year";

static void income_row(struct dx_stmt *s, void *out)
{
	struct dx_income_row *r = out;
	r->household_id = dx_col_int(s, 0);
	r->year = (int)dx_col_int(s, 1);
	r->wage = dx_col_int(s, 2);
	r->business = dx_col_int(s, 3);
	r->property = dx_col_int(s, 4);
	r->transfer = dx_col_int(s, 5);
	r->business_cost = dx_col_int(s, 6);
	r->claims = dx_col_int(s, 7);
	r->oop = dx_col_int(s, 8);
}

int dx_store_hh_incomes(struct dx_store *st, int64_t household_id,
			int (*fn)(const struct dx_income_row *, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_INCOMES);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	EACH(s, struct dx_income_row, income_row, fn, arg);
}

static const char SQL_VISITS[] =
	"SELECT id, household_id, visited_on, cadre, content, findings FROM visit"
	" WHERE household_id = ?1 ORDER BY visited_on, id";

static void visit_row(struct dx_stmt *s, void *out)
{
	struct dx_visit *v = out;
	memset(v, 0, sizeof(*v));
	v->id = dx_col_int(s, 0);
	v->household_id = dx_col_int(s, 1);
	dx_col_copy(s, 2, v->visited_on, sizeof(v->visited_on));
	dx_col_copy(s, 3, v->cadre, sizeof(v->cadre));
	dx_col_copy(s, 4, v->content, sizeof(v->content));
	dx_col_copy(s, 5, v->findings, sizeof(v->findings));
}

int dx_store_hh_visits(struct dx_store *st, int64_t household_id,
		       int (*fn)(const struct dx_visit *, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_VISITS);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	EACH(s, struct dx_visit, visit_row, fn, arg);
}

static const char SQL_WARNINGS[] =
	"SELECT w.id, w.department, w.event, b.period, coalesce(w.occurred_on, ''), w.name,"
	" w.amount, coalesce(w.clue_id, 0), coalesce(w.result, ''), coalesce(w.verified_on, '')"
	" FROM warning w JOIN warning_batch b ON b.id = w.batch_id WHERE w.household_id = ?1"
	" ORDER BY coalesce(w.occurred_on, b.period), w.id";

static void warning_row(struct dx_stmt *s, void *out)
{
	struct dx_hh_warning *w = out;
	memset(w, 0, sizeof(*w));
	w->id = dx_col_int(s, 0);
	dx_col_copy(s, 1, w->department, sizeof(w->department));
	dx_col_copy(s, 2, w->event, sizeof(w->event));
	dx_col_copy(s, 3, w->period, sizeof(w->period));
	dx_col_copy(s, 4, w->occurred_on, sizeof(w->occurred_on));
	dx_col_copy(s, 5, w->name, sizeof(w->name));
	w->amount = dx_col_int(s, 6);
	w->clue_id = dx_col_int(s, 7);
	dx_col_copy(s, 8, w->result, sizeof(w->result));
	dx_col_copy(s, 9, w->verified_on, sizeof(w->verified_on));
}

int dx_store_hh_warnings(struct dx_store *st, int64_t household_id,
			 int (*fn)(const struct dx_hh_warning *, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_WARNINGS);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	EACH(s, struct dx_hh_warning, warning_row, fn, arg);
}

static void id_row(struct dx_stmt *s, void *out)
{
	*(int64_t *)out = dx_col_int(s, 0);
}

static const char SQL_CLUE_IDS[] = "SELECT id FROM clue WHERE household_id = ?1 ORDER BY id";
static const char SQL_CASE_IDS[] =
	"SELECT id FROM case_file WHERE household_id = ?1 ORDER BY id";

static int ids(struct dx_store *st, const char *sql, int64_t household_id,
	       int (*fn)(int64_t, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, sql);
	char *v;
	size_t n;
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	rc = collect(s, sizeof(int64_t), id_row, &v, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		int64_t id;
		memcpy(&id, v + i * sizeof(id), sizeof(id));
		rc = fn(id, arg);
	}
	free(v);
	return rc;
}

int dx_store_hh_clue_ids(struct dx_store *st, int64_t household_id,
			 int (*fn)(int64_t, void *), void *arg)
{
	return ids(st, SQL_CLUE_IDS, household_id, fn, arg);
}

int dx_store_hh_case_ids(struct dx_store *st, int64_t household_id,
			 int (*fn)(int64_t, void *), void *arg)
{
	return ids(st, SQL_CASE_IDS, household_id, fn, arg);
}

/* The household's own audit rows: by 户编号, and the id run "FIRST-LAST"
 * an import created it in (import_persons.c), found in the partial index
 * audit_import_run alone (schema v17: the import.insert rows' entity, key
 * and id), whatever the number of household edits (which each re-import
 * adds by the thousand).  Then one look-up of the audit_entity index per
 * key the caller gives (a member, an episode, a case ...): the record has
 * read those ids already, and `entity_key IN (SELECT ...)` made SQLite
 * build a temporary index per entity on every call (eight of them were a
 * sixth of the household route's CPU, most often to find nothing), while
 * a join would tie audit rows to the county of the row they are about
 * (tests/nation: joins of county_code tables say county_code).  The rows
 * are sorted by id in C (SQLite's sorter writes every column out and
 * back for a record's few rows). */
#define AUDIT_COLS                                                                 \
	"SELECT id, at, actor, action, entity, entity_key, coalesce(before, ''),"      \
	" coalesce(after, '') FROM audit WHERE "
static const char SQL_AUDIT[] =
	AUDIT_COLS "entity = 'household' AND entity_key = ?2"
	" UNION ALL " AUDIT_COLS "action = 'import.insert' AND entity = 'household'"
	"  AND strpos(entity_key, '-') > 1"
	"  AND CAST(substr(entity_key, 1, strpos(entity_key, '-') - 1) AS INTEGER) <= ?1"
	"  AND CAST(substr(entity_key, strpos(entity_key, '-') + 1) AS INTEGER) >= ?1";
static const char SQL_AUDIT_KEY[] = AUDIT_COLS "entity = ?1 AND entity_key = ?2";

/* One audit row held until the rows are sorted: the texts in one block. */
struct audit_held {
	int64_t id;
	char *text; /* at, actor, action, entity, key, before, after; each NUL-ended */
};

static int audit_held_cmp(const void *a, const void *b)
{
	const struct audit_held *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Run s (bound) and keep its rows in *v (*n of them, *cap held). */
static int audit_hold(struct dx_stmt *s, struct audit_held **v, size_t *n, size_t *cap)
{
	int rc;
	while ((rc = dx_step(s)) == DX_OK) {
		size_t len[7], total = 0;
		const char *t[7];
		char *p;
		for (int i = 0; i < 7; i++) {
			t[i] = dx_col_text(s, i + 1);
			len[i] = strlen(t[i]) + 1;
			total += len[i];
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*v = dx_xrealloc(*v, *cap * sizeof(**v));
		}
		(*v)[*n].id = dx_col_int(s, 0);
		(*v)[*n].text = p = dx_xmalloc(total);
		for (int i = 0; i < 7; i++) {
			memcpy(p, t[i], len[i]);
			p += len[i];
		}
		(*n)++;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

int dx_store_hh_audit(struct dx_store *st, int64_t household_id, const char *hh_no,
		      const struct dx_audit_key *keys, size_t nkeys,
		      int (*fn)(const struct dx_hh_audit *, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_AUDIT), *k = NULL;
	struct audit_held *v = NULL;
	size_t n = 0, cap = 0;
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	dx_bind_text(s, 2, hh_no);
	rc = audit_hold(s, &v, &n, &cap);
	if (!rc && nkeys && !(k = dx_q(st, SQL_AUDIT_KEY)))
		rc = DX_DB;
	for (size_t i = 0; !rc && i < nkeys; i++) {
		/* the key as the audit writes it: the id in decimal */
		char d[24];
		dx_i64_text(keys[i].id, d);
		dx_bind_static(k, 1, keys[i].entity);
		dx_bind_static(k, 2, d);
		rc = audit_hold(k, &v, &n, &cap);
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), audit_held_cmp);
	for (size_t i = 0; !rc && i < n; i++) {
		struct dx_hh_audit a;
		const char *p = v[i].text;
		const char **f[7] = {&a.at, &a.actor, &a.action, &a.entity, &a.key, &a.before, &a.after};
		if (i && v[i].id == v[i - 1].id)
			continue; /* a key given twice */
		a.id = v[i].id;
		for (int j = 0; j < 7; j++) {
			*f[j] = p;
			p += strlen(p) + 1;
		}
		rc = fn(&a, arg);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
	return rc;
}
