/*
 * screen_scan.c - the household pass behind screening and the data-quality
 * checks (issue 4).  A household statement and a member statement, both in
 * household id order, are stepped side by side; each household's members
 * are copied into one reused array before the callback runs.  Id order
 * keeps the reads near-sequential: households, members and income rows are
 * written household by household, so a county is read front to back
 * instead of one random page per row as (village, 户编号) order would.
 * Screening (DX_SCAN_FOLDED, below) reads no member row: the store keeps a
 * summary of the members on the household row (schema v7).
 */
#include "core/dx.h"
#include "store/screen_scan.h"
#include "store/store_int.h"

#include <pthread.h>
#include <stdatomic.h>

#define IN_AREA(t) t ".area_code >= ?1 AND " t ".area_code < ?1 || ':'"

/* ?1 area prefix, ?2 year, ?3 as-of date */
#define SQL_HH_HEAD                                                          \
	"SELECT h.id, h.hh_no, h.area_code, coalesce(a.name, ''),"           \
	"  h.kind = '脱贫户', coalesce(h.tuopin_year, 0), h.unsafe_housing,"  \
	"  h.dropout, h.unsafe_water,"                                       \
	"  i.id IS NOT NULL, coalesce(i.wage, 0), coalesce(i.business, 0),"  \
	"  coalesce(i.property, 0), coalesce(i.transfer, 0),"                \
	"  coalesce(i.business_cost, 0), coalesce(i.claims, 0),"             \
	"  coalesce(i.oop, 0),"                                              \
	"  p.id IS NOT NULL, coalesce(p.wage, 0), coalesce(p.business, 0),"  \
	"  coalesce(p.property, 0), coalesce(p.transfer, 0),"                \
	"  coalesce(p.business_cost, 0), coalesce(p.claims, 0),"             \
	"  coalesce(p.oop, 0),"                                              \
	"  e.id IS NOT NULL,"                                                \
	"  e.id IS NOT NULL AND (e.eliminated_on IS NULL OR e.eliminated_on > ?3)" \
	"   AND (e.ended_on IS NULL OR e.ended_on > ?3),"                    \
	"  coalesce(e.category, ''), coalesce(e.risks, ''),"                 \
	"  coalesce(e.identified_on, ''),"                                   \
	"  coalesce(w.n, 0), coalesce(w.bits, 0),"

#define SQL_HH_JOINS                                                         \
	" FROM household h"                                                  \
	" LEFT JOIN area a ON a.code = h.area_code"                          \
	" LEFT JOIN income i ON i.household_id = h.id AND i.year = ?2"       \
	" LEFT JOIN income p ON p.household_id = h.id AND p.year = ?2 - 1"   \
	" LEFT JOIN episode e ON e.id = (SELECT e2.id FROM episode e2"       \
	"   WHERE e2.household_id = h.id AND e2.identified_on <= ?3"         \
	"   ORDER BY e2.identified_on DESC, e2.id DESC LIMIT 1)"             \
	" LEFT JOIN (SELECT household_id, count(*) AS n,"                    \
	"   max(CASE department WHEN '医保' THEN 1 ELSE 0 END)"               \
	"   + max(CASE department WHEN '残联' THEN 2 ELSE 0 END)"             \
	"   + max(CASE department WHEN '教育' THEN 4 ELSE 0 END)"             \
	"   + max(CASE department WHEN '应急管理' THEN 8 ELSE 0 END)"         \
	"   + max(CASE department WHEN '人社' THEN 16 ELSE 0 END)"            \
	"   + max(CASE department WHEN '公安' THEN 32 ELSE 0 END)"            \
	"   + max(CASE WHEN department IN ('医保','残联','教育','应急管理',"   \
	"       '人社','公安') THEN 0 ELSE 64 END) AS bits"                   \
	"   FROM warning WHERE household_id IS NOT NULL AND result IS NULL"  \
	"   AND county_code >= substr(?1, 1, 6)"                             \
	"   AND county_code < substr(?1, 1, 6) || ':'"                       \
	"   GROUP BY household_id) w ON w.household_id = h.id"

/* Households in id order: a county or wider is read as a table scan (an
 * expression of area_code, not the column, keeps the planner off the area
 * index, whose order would turn every row into a random read: SQLite's
 * unary + hint, written so that PostgreSQL runs it too); a township or
 * village through the index, then sorted. */
#define SQL_HH_TAIL " WHERE " IN_AREA("h") " ORDER BY h.id"
#define SQL_HH_TAIL_SCAN                                                     \
	" WHERE h.area_code || '' >= ?1 AND h.area_code || '' < ?1 || ':' ORDER BY h.id"

#define SQL_NO_MEASURES " 0, 0, 0, 0, 0" SQL_HH_JOINS

/* domain.md §7: development measures, health, education */
#define SQL_MEASURES                                                         \
	" coalesce(ms.n, 0), coalesce(ms.done, 0), coalesce(ms.dev, 0),"     \
	" coalesce(ms.health, 0), coalesce(ms.edu, 0)" SQL_HH_JOINS          \
	" LEFT JOIN (SELECT m.household_id, count(*) AS n,"                  \
	"   sum(CASE WHEN m.status = '已落实' THEN 1 ELSE 0 END) AS done,"     \
	"   sum(CASE WHEN m.status = '已落实' AND m.category IN ('产业帮扶',"  \
	"     '就业帮扶','金融帮扶','公益岗位帮扶') THEN 1 ELSE 0 END) AS dev,"  \
	"   sum(CASE WHEN m.category IN ('健康帮扶','社会帮扶','综合保障')"    \
	"     THEN 1 ELSE 0 END) AS health,"                                 \
	"   sum(CASE WHEN m.category IN ('义务教育保障','其他教育帮扶')"       \
	"     THEN 1 ELSE 0 END) AS edu"                                     \
	"   FROM measure m JOIN household hm ON hm.id = m.household_id"      \
	"   WHERE " IN_AREA("hm") " GROUP BY m.household_id) ms"             \
	"   ON ms.household_id = h.id"

static const char *const sql_hh[2][2] = {
	/* [measures][scan] */
	{SQL_HH_HEAD SQL_NO_MEASURES SQL_HH_TAIL,
	 SQL_HH_HEAD SQL_NO_MEASURES SQL_HH_TAIL_SCAN},
	{SQL_HH_HEAD SQL_MEASURES SQL_HH_TAIL,
	 SQL_HH_HEAD SQL_MEASURES SQL_HH_TAIL_SCAN},
};

#define SQL_MEMBERS_FROM                                                     \
	" FROM person p WHERE p.left_on IS NULL AND p.household_id IN"          \
	" (SELECT h.id FROM household h"                                       \
	"  WHERE " IN_AREA("h") ") ORDER BY p.household_id, p.id"

static const char SQL_MEMBERS[] =
	"SELECT p.household_id, p.name, p.relation, p.birth, p.education,"
	" p.school, p.health, p.labour, p.work_place, coalesce(p.work_months, -1),"
	" p.ins_resident, p.ins_employee, p.disability_subsidy, p.counted"
	SQL_MEMBERS_FROM;

static void read_member(struct dx_stmt *s, struct dx_scan_member *m)
{
	dx_col_copy(s, 1, m->name, sizeof(m->name));
	dx_col_copy(s, 2, m->relation, sizeof(m->relation));
	dx_col_copy(s, 3, m->birth, sizeof(m->birth));
	dx_col_copy(s, 4, m->education, sizeof(m->education));
	dx_col_copy(s, 5, m->school, sizeof(m->school));
	dx_col_copy(s, 6, m->health, sizeof(m->health));
	dx_col_copy(s, 7, m->labour, sizeof(m->labour));
	dx_col_copy(s, 8, m->work_place, sizeof(m->work_place));
	m->work_months = (int)dx_col_int(s, 9);
	m->ins_resident = (int)dx_col_int(s, 10);
	m->ins_employee = (int)dx_col_int(s, 11);
	m->disability_subsidy = (int)dx_col_int(s, 12);
	m->counted = (int)dx_col_int(s, 13);
}

static void read_income(struct dx_stmt *s, int c, struct dx_scan_income *in)
{
	in->wage = dx_col_int(s, c);
	in->business = dx_col_int(s, c + 1);
	in->property = dx_col_int(s, c + 2);
	in->transfer = dx_col_int(s, c + 3);
	in->business_cost = dx_col_int(s, c + 4);
	in->claims = dx_col_int(s, c + 5);
	in->oop = dx_col_int(s, c + 6);
}

/* ---- screening: members folded on the household row (schema v7) ----
 *
 * Income of both years, the latest episode and the warnings are each read
 * in one pass over the area (a county: a sequential scan of its rows) into
 * a hash on household id; the household pass then joins them in C.  On a
 * county this is several times faster than the per-household index
 * look-ups of the joined statement above (bench/b_screen.sh).
 */

/* ?1 county or area prefix, ?2 year, ?3 as-of date.  A county reads its
 * rows by county_code; a township or village reads its own (warnings
 * through its households). */

/* the parts summed: screening reads the net, claims and oop only */
#define SQL_INC_COLS                                                         \
	"SELECT i.household_id, i.year, i.wage + i.business + i.property"     \
	" + i.transfer - i.business_cost, i.claims, i.oop"
/* ordered so that the last row seen per household is its latest episode */
#define SQL_EP_COLS                                                          \
	"SELECT e.household_id, (e.eliminated_on IS NULL OR e.eliminated_on > ?3)" \
	" AND (e.ended_on IS NULL OR e.ended_on > ?3)"
#define SQL_EP_TAIL                                                          \
	" AND e.identified_on <= ?3 ORDER BY e.household_id, e.identified_on, e.id"
#define SQL_WARN_COLS "SELECT w.household_id, w.department"
#define SQL_WARN_TAIL " AND w.household_id IS NOT NULL AND w.result IS NULL"

static const char *const sql_folded[2][4] = {
	/* [county][income, episode, warning, households] */
	{
		/* incomes and episodes carry their household's area (schema
		 * v15): an area's are one run of income_area, episode_area
		 * (`+year`: not the index income_year, the whole county's);
		 * a household's episodes stay together, by date */
		SQL_INC_COLS " FROM income i WHERE " IN_AREA("i")
		" AND +i.year IN (CAST(?2 AS INTEGER), CAST(?2 AS INTEGER) - 1)",
		SQL_EP_COLS " FROM episode e WHERE " IN_AREA("e") " AND e.identified_on <= ?3"
		" ORDER BY e.area_code, e.household_id, e.identified_on, e.id",
		/* warnings (few) from the area's households: not a pass over
		 * every warning, each looking its household up */
		SQL_WARN_COLS " FROM household h CROSS JOIN warning w"
		" WHERE w.household_id = h.id AND " IN_AREA("h") SQL_WARN_TAIL,
		"SELECT h.id, h.hh_no, h.area_code, h.kind = '脱贫户',"
		" coalesce(h.tuopin_year, 0), h.unsafe_housing, h.dropout,"
		" h.unsafe_water, h.members, h.msum, h.head_name FROM household h"
		" WHERE " IN_AREA("h") " ORDER BY h.id",
	},
	{
		SQL_INC_COLS " FROM income i WHERE i.county_code = ?1"
		" AND i.year IN (CAST(?2 AS INTEGER), CAST(?2 AS INTEGER) - 1)",
		SQL_EP_COLS " FROM episode e WHERE e.county_code = ?1" SQL_EP_TAIL,
		SQL_WARN_COLS " FROM warning w WHERE w.county_code = ?1" SQL_WARN_TAIL,
		"SELECT h.id, h.hh_no, h.area_code, h.kind = '脱贫户',"
		" coalesce(h.tuopin_year, 0), h.unsafe_housing, h.dropout,"
		" h.unsafe_water, h.members, h.msum, h.head_name FROM household h"
		" WHERE h.county_code = ?1 ORDER BY h.id",
	},
};

static const char SQL_AREAS[] =
	"SELECT code, name FROM area WHERE code >= ?1 AND code < ?1 || ':' ORDER BY code";

/* What the side passes found for one household. */
struct fslot {
	int64_t id; /* 0 = empty */
	int64_t net[2], claims[2], oop[2]; /* [0] this year, [1] the previous */
	int32_t warnings;
	uint16_t warn_bits;
	unsigned char has[2], has_episode, active;
};

struct farea {
	int64_t key; /* the code as a number, 0 = empty slot */
	char code[16];
	char name[64];
};

struct fmap {
	struct fslot *slot;
	size_t cap, n;
	struct farea *areas; /* open addressing on key, acap slots */
	size_t acap;
};

/* Household ids are dense and the side tables are written household by
 * household, so the identity hash keeps probes near-sequential; it is
 * sized once from the household count (grown only if that was wrong). */
static struct fslot *fget(struct fmap *m, int64_t id)
{
	size_t i;
	if ((m->n + 1) * 4 > m->cap * 3) {
		struct fmap t = *m;
		t.cap = m->cap * 2;
		t.slot = dx_xcalloc(t.cap, sizeof(*t.slot));
		t.n = 0;
		for (size_t k = 0; k < m->cap; k++)
			if (m->slot[k].id)
				*fget(&t, m->slot[k].id) = m->slot[k];
		free(m->slot);
		m->slot = t.slot;
		m->cap = t.cap;
		m->n = t.n;
	}
	for (i = (size_t)id & (m->cap - 1); m->slot[i].id; i = (i + 1) & (m->cap - 1))
		if (m->slot[i].id == id)
			return &m->slot[i];
	m->slot[i].id = id;
	m->n++;
	return &m->slot[i];
}

static const struct fslot *flook(const struct fmap *m, int64_t id)
{
	size_t i;
	for (i = (size_t)id & (m->cap - 1); m->slot[i].id; i = (i + 1) & (m->cap - 1))
		if (m->slot[i].id == id)
			return &m->slot[i];
	return NULL;
}

/* The hash sized for the area's households (dx_store_household_size: not
 * max(id) - min(id) of the county, which in a province PostgreSQL answers
 * by walking the primary key down from the store's last id until it meets
 * the county, every later county's households: 14 s for the first county
 * of 10M people). */
static int size_map(struct dx_store *st, const char *area, struct fmap *m)
{
	int64_t n;
	int rc;
	if ((rc = dx_store_household_size(st, area, &n)))
		return rc;
	/* load at most 3/4; a span far wider than a county is grown into */
	n = n < 0 ? 0 : n > 1 << 24 ? 1 << 24 : n;
	for (m->cap = 1024; (int64_t)m->cap * 3 < n * 4 + 4; m->cap *= 2)
		;
	m->slot = dx_xcalloc(m->cap, sizeof(*m->slot));
	/* the size chosen, for tests (test_scan_sizing.c) and profiling */
	dx_log(DX_LOG_DEBUG, "screen scan: hash of %zu slots for %lld households", m->cap,
	       (long long)n);
	return DX_OK;
}

static unsigned warn_bit(const char *dept)
{
	static const struct {
		const char *name;
		unsigned bit;
	} d[] = {
		{"医保", DX_WARN_MEDICAL},  {"残联", DX_WARN_DISABILITY},
		{"教育", DX_WARN_SCHOOL},   {"应急管理", DX_WARN_DISASTER},
		{"人社", DX_WARN_JOB},      {"公安", DX_WARN_POLICE},
	};
	for (size_t i = 0; i < DX_ARRAY_SIZE(d); i++)
		if (!strcmp(dept, d[i].name))
			return d[i].bit;
	return DX_WARN_OTHER;
}

/* Run one side pass: bind, step every row into the map. */
static int side_pass(struct dx_store *st, const char *sql, const char *key, int year,
		     const char *as_of, struct fmap *m, int which)
{
	struct dx_stmt *s = dx_q(st, sql);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, key);
	if (which == 0)
		dx_bind_int(s, 2, year);
	if (which == 1)
		dx_bind_text(s, 3, as_of);
	while ((rc = dx_step(s)) == DX_OK) {
		struct fslot *x = fget(m, dx_col_int(s, 0));
		if (which == 0) {
			int k = dx_col_int(s, 1) != year;
			x->has[k] = 1;
			x->net[k] = dx_col_int(s, 2);
			x->claims[k] = dx_col_int(s, 3);
			x->oop[k] = dx_col_int(s, 4);
		} else if (which == 1) {
			x->has_episode = 1;
			x->active = (unsigned char)dx_col_int(s, 1);
		} else {
			x->warnings++;
			x->warn_bits |= (uint16_t)warn_bit(dx_col_text(s, 1));
		}
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* An area code (digits only, at most 15) as a number; 0 if it is not. */
static int64_t area_key(const char *code)
{
	int64_t k = 0;
	int i;
	for (i = 0; code[i]; i++) {
		if (i == 15 || code[i] < '0' || code[i] > '9')
			return 0;
		k = k * 10 + (code[i] - '0');
	}
	/* a leading length digit keeps "01" and "1" apart */
	return i ? k * 16 + i : 0;
}

static struct farea *area_slot(const struct fmap *m, int64_t key)
{
	size_t i = (size_t)(key ^ (key >> 17)) * 0x9E3779B1u & (m->acap - 1);
	while (m->areas[i].key && m->areas[i].key != key)
		i = (i + 1) & (m->acap - 1);
	return &m->areas[i];
}

static int load_areas(struct dx_store *st, const char *area, struct fmap *m)
{
	struct dx_stmt *s = dx_q(st, SQL_AREAS);
	int64_t n = 0;
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	m->acap = 256;
	m->areas = dx_xcalloc(m->acap, sizeof(*m->areas));
	while ((rc = dx_step(s)) == DX_OK) {
		int64_t key = area_key(dx_col_text(s, 0));
		struct farea *a;
		if (!key)
			continue;
		if ((size_t)(n + 1) * 2 > m->acap) {
			struct fmap t = *m;
			t.acap = m->acap * 2;
			t.areas = dx_xcalloc(t.acap, sizeof(*t.areas));
			for (size_t k = 0; k < m->acap; k++)
				if (m->areas[k].key)
					*area_slot(&t, m->areas[k].key) = m->areas[k];
			free(m->areas);
			m->areas = t.areas;
			m->acap = t.acap;
		}
		a = area_slot(m, key);
		if (!a->key)
			n++;
		a->key = key;
		dx_col_copy(s, 0, a->code, sizeof(a->code));
		dx_col_copy(s, 1, a->name, sizeof(a->name));
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* The area's name, "" for an area the table does not hold. */
static const char *area_name(const struct fmap *m, const char *code)
{
	int64_t key = area_key(code);
	const struct farea *a = key ? area_slot(m, key) : NULL;
	return a && a->key == key ? a->name : "";
}

/*
 * The income pass is the longest; on a county it runs on a second
 * connection in a thread of its own while this one reads the households,
 * holding up to HOLD_MAX of them until the income is in.  (Not inside a
 * transaction, whose writes a second connection would not see.)
 */
#define HOLD_MAX (1 << 17)

struct income_job {
	struct dx_store *st; /* the household pass's connection */
	const char *sql, *key;
	char snap[DX_SNAPSHOT_ID_SIZE]; /* the household pass's snapshot */
	int year;
	struct fmap m;
	int rc;
	atomic_int done;
};

static void *income_thread(void *arg)
{
	struct income_job *j = arg;
	struct dx_store *st2 = NULL;
	if (!(j->rc = dx_store_open_at(&st2, j->st, j->snap)))
		j->rc = side_pass(st2, j->sql, j->key, j->year, "", &j->m, 0);
	dx_store_close(st2);
	atomic_store(&j->done, 1);
	return NULL;
}

/* A household read before the income was in; strings in the hold's
 * arena, by offset. */
struct held {
	int64_t id;
	int tuopin, tuopin_year, unsafe_housing, dropout, unsafe_water, counted;
	unsigned msum;
	size_t hh_no, area_code, head;
};

struct hold {
	struct held *v;
	size_t n, cap;
	struct dx_buf strs;
};

static size_t hold_str(struct hold *hd, const char *s)
{
	size_t at = hd->strs.len;
	dx_buf_add(&hd->strs, s, strlen(s) + 1);
	return at;
}

/* Fill f from the current household row. */
static void read_hh(struct dx_stmt *h, const struct fmap *m, struct dx_scan_hh *f)
{
	memset(f, 0, sizeof(*f));
	f->id = dx_col_int(h, 0);
	f->hh_no = dx_col_text(h, 1);
	f->area_code = dx_col_text(h, 2);
	f->village = area_name(m, f->area_code);
	f->tuopin = (int)dx_col_int(h, 3);
	f->tuopin_year = (int)dx_col_int(h, 4);
	f->unsafe_housing = (int)dx_col_int(h, 5);
	f->dropout = (int)dx_col_int(h, 6);
	f->unsafe_water = (int)dx_col_int(h, 7);
	f->counted = (int)dx_col_int(h, 8);
	f->msum = (unsigned)dx_col_int(h, 9);
	f->head = dx_col_text(h, 10);
	f->folded = 1;
	f->category = f->risks = f->identified_on = "";
}

/* Join the side passes' findings (income in mi) into f and hand it on. */
static int emit(const struct fmap *m, const struct fmap *mi, struct dx_scan_hh *f,
		int (*fn)(const struct dx_scan_hh *, void *), void *arg)
{
	const struct fslot *x;
	if ((x = flook(mi, f->id))) {
		f->has_income = x->has[0];
		f->cur.wage = x->net[0];
		f->cur.claims = x->claims[0];
		f->cur.oop = x->oop[0];
		f->has_prev = x->has[1];
		f->prev.wage = x->net[1];
		f->prev.claims = x->claims[1];
		f->prev.oop = x->oop[1];
	}
	if ((x = flook(m, f->id))) {
		f->has_episode = x->has_episode;
		f->active = x->active;
		f->warnings = x->warnings;
		f->warn_bits = x->warn_bits;
	}
	return fn(f, arg);
}

static int flush_hold(struct hold *hd, const struct fmap *m, const struct fmap *mi,
		      int (*fn)(const struct dx_scan_hh *, void *), void *arg)
{
	struct dx_scan_hh f;
	int rc = DX_OK;
	for (size_t i = 0; !rc && i < hd->n; i++) {
		const struct held *e = &hd->v[i];
		memset(&f, 0, sizeof(f));
		f.id = e->id;
		f.hh_no = hd->strs.buf + e->hh_no;
		f.area_code = hd->strs.buf + e->area_code;
		f.village = area_name(m, f.area_code);
		f.tuopin = e->tuopin;
		f.tuopin_year = e->tuopin_year;
		f.unsafe_housing = e->unsafe_housing;
		f.dropout = e->dropout;
		f.unsafe_water = e->unsafe_water;
		f.counted = e->counted;
		f.msum = e->msum;
		f.head = hd->strs.buf + e->head;
		f.folded = 1;
		f.category = f.risks = f.identified_on = "";
		rc = emit(m, mi, &f, fn, arg);
	}
	hd->n = 0;
	dx_buf_reset(&hd->strs);
	return rc;
}

static void hold_add(struct hold *hd, const struct dx_scan_hh *f)
{
	struct held *e;
	if (hd->n == hd->cap) {
		hd->cap = hd->cap ? hd->cap * 2 : 4096;
		hd->v = dx_xrealloc(hd->v, hd->cap * sizeof(*hd->v));
	}
	e = &hd->v[hd->n++];
	e->id = f->id;
	e->tuopin = f->tuopin;
	e->tuopin_year = f->tuopin_year;
	e->unsafe_housing = f->unsafe_housing;
	e->dropout = f->dropout;
	e->unsafe_water = f->unsafe_water;
	e->counted = f->counted;
	e->msum = f->msum;
	e->hh_no = hold_str(hd, f->hh_no);
	e->area_code = hold_str(hd, f->area_code);
	e->head = hold_str(hd, f->head);
}

static int scan_folded(struct dx_store *st, const char *area, int year, const char *as_of,
		       int (*fn)(const struct dx_scan_hh *, void *), void *arg)
{
	struct fmap *m = dx_xcalloc(1, sizeof(*m));
	struct income_job *job = dx_xcalloc(1, sizeof(*job));
	struct hold hd = {0};
	struct dx_scan_hh f;
	struct dx_stmt *h = NULL;
	pthread_t th;
	/* a county by county_code; a province or city (issue 16), a
	 * township or village by area; the income on a thread for a county
	 * or wider */
	int county = strlen(area) == 6, wide = strlen(area) <= 6, rc, which, running = 0;

	dx_buf_init(&hd.strs, 0);
	if ((rc = size_map(st, area, m)))
		goto out;
	job->st = st;
	job->sql = sql_folded[county][0];
	job->key = area;
	job->year = year;
	job->m.cap = m->cap;
	job->m.slot = dx_xcalloc(m->cap, sizeof(*m->slot));
	atomic_init(&job->done, 0);
	if ((rc = load_areas(st, area, m)))
		goto out;
	for (which = 1; which < 3; which++)
		if ((rc = side_pass(st, sql_folded[county][which], area, year, as_of, m,
				    which)))
			goto out;
	/* the income on a second connection only where it reads this
	 * one's snapshot (dx_store_read_begin_shared) */
	if (wide && !dx_store_snapshot_export(st, job->snap) &&
	    !pthread_create(&th, NULL, income_thread, job)) {
		running = 1;
		hd.cap = m->cap < HOLD_MAX ? m->cap : HOLD_MAX;
		hd.v = dx_xmalloc(hd.cap * sizeof(*hd.v));
		dx_buf_grow(&hd.strs, hd.cap * 48);
	}
	else if ((rc = side_pass(st, job->sql, area, year, as_of, &job->m, 0)))
		goto out;
	if (!(h = dx_q(st, sql_folded[county][3]))) {
		rc = DX_DB;
		goto out;
	}
	dx_bind_text(h, 1, area);
	while ((rc = dx_step(h)) == DX_OK) {
		read_hh(h, m, &f);
		if (running && hd.n < HOLD_MAX && !atomic_load(&job->done)) {
			hold_add(&hd, &f);
			continue;
		}
		if (running) {
			pthread_join(th, NULL);
			running = 0;
			if ((rc = job->rc) || (rc = flush_hold(&hd, m, &job->m, fn, arg)))
				break;
		}
		if ((rc = emit(m, &job->m, &f, fn, arg)))
			break;
	}
	if (rc == DX_NOT_FOUND) {
		rc = DX_OK;
		if (running) {
			pthread_join(th, NULL);
			running = 0;
			if (!(rc = job->rc))
				rc = flush_hold(&hd, m, &job->m, fn, arg);
		}
	}
out:
	if (running)
		pthread_join(th, NULL);
	if (h)
		h->drv->reset(h);
	free(hd.v);
	dx_buf_release(&hd.strs);
	free(job->m.slot);
	free(job);
	free(m->slot);
	free(m->areas);
	free(m);
	return rc;
}

static int screen_scan(struct dx_store *st, const char *area, int year, const char *as_of,
		       unsigned what, int (*fn)(const struct dx_scan_hh *, void *), void *arg)
{
	struct dx_scan_member *mem = NULL;
	struct dx_stmt *h = NULL, *p = NULL;
	struct dx_scan_hh f;
	int rc, prc;

	area = area ? area : "";
	if (what & DX_SCAN_FOLDED) {
		if (what & DX_SCAN_MEASURES)
			return dx_error(DX_USAGE, "screen scan: folded members and measures");
		return scan_folded(st, area, year, as_of, fn, arg);
	}
	if (!(h = dx_q(st, sql_hh[(what & DX_SCAN_MEASURES) != 0][strlen(area) <= 6])) ||
	    !(p = dx_q(st, SQL_MEMBERS))) {
		rc = DX_DB;
		goto out;
	}
	mem = dx_xcalloc(DX_SCAN_MAX_MEMBERS, sizeof(*mem));
	dx_bind_text(h, 1, area);
	dx_bind_int(h, 2, year);
	dx_bind_text(h, 3, as_of);
	dx_bind_text(p, 1, area);
	prc = dx_step(p);
	while ((rc = dx_step(h)) == DX_OK) {
		memset(&f, 0, sizeof(f));
		f.id = dx_col_int(h, 0);
		f.hh_no = dx_col_text(h, 1);
		f.area_code = dx_col_text(h, 2);
		f.village = dx_col_text(h, 3);
		f.tuopin = (int)dx_col_int(h, 4);
		f.tuopin_year = (int)dx_col_int(h, 5);
		f.unsafe_housing = (int)dx_col_int(h, 6);
		f.dropout = (int)dx_col_int(h, 7);
		f.unsafe_water = (int)dx_col_int(h, 8);
		f.has_income = (int)dx_col_int(h, 9);
		read_income(h, 10, &f.cur);
		f.has_prev = (int)dx_col_int(h, 17);
		read_income(h, 18, &f.prev);
		f.has_episode = (int)dx_col_int(h, 25);
		f.active = (int)dx_col_int(h, 26);
		f.category = dx_col_text(h, 27);
		f.risks = dx_col_text(h, 28);
		f.identified_on = dx_col_text(h, 29);
		f.warnings = (int)dx_col_int(h, 30);
		f.warn_bits = (unsigned)dx_col_int(h, 31);
		f.measures = (int)dx_col_int(h, 32);
		f.measures_done = (int)dx_col_int(h, 33);
		f.dev_done = (int)dx_col_int(h, 34);
		f.health_measures = (int)dx_col_int(h, 35);
		f.edu_measures = (int)dx_col_int(h, 36);
		/* both statements walk households in id order; members of a
		 * household the area does not hold are skipped */
		while (prc == DX_OK && dx_col_int(p, 0) < f.id)
			prc = dx_step(p);
		while (prc == DX_OK && dx_col_int(p, 0) == f.id) {
			if (f.nmembers < DX_SCAN_MAX_MEMBERS)
				read_member(p, &mem[f.nmembers]);
			f.nmembers++;
			prc = dx_step(p);
		}
		if (prc != DX_OK && prc != DX_NOT_FOUND) {
			rc = prc;
			break;
		}
		f.m = mem;
		if ((rc = fn(&f, arg)))
			break;
	}
	if (rc == DX_NOT_FOUND)
		rc = DX_OK;
out:
	if (h)
		h->drv->reset(h);
	if (p)
		p->drv->reset(p);
	free(mem);
	return rc;
}

/* One snapshot for the whole scan, on every connection it uses (issue 12);
 * inside a caller's transaction, that one. */
int dx_store_screen_scan(struct dx_store *st, const char *area, int year,
			 const char *as_of, unsigned what,
			 int (*fn)(const struct dx_scan_hh *, void *), void *arg)
{
	int began, rc;
	/* a county or wider reads its incomes on a second connection */
	if ((rc = (what & DX_SCAN_FOLDED) && strlen(area ? area : "") <= 6
			  ? dx_store_read_begin_shared(st, &began)
			  : dx_store_read_begin(st, &began)))
		return rc;
	rc = screen_scan(st, area, year, as_of, what, fn, arg);
	dx_store_read_end(st, began);
	return rc;
}
