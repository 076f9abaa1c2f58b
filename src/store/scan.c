/*
 * scan.c - read-side queries that reports and summaries aggregate over.
 *
 * Aggregation happens in C (src/app/), not in SQL: one pass over the
 * households of an area hands each one's facts to a callback, so the same
 * counting rules serve every report table and drill-down.
 */
#include "core/dx.h"
#include "store/membership.h"
#include "store/store_int.h"

/*
 * The household scan reads three narrow streams of one county -- incomes of
 * two years, episodes up to the as-of date, then the households of the
 * area -- and joins them in C through a hash on household id.  Sequential
 * scans beat per-household index lookups several times over on a county
 * (see bench/b_report.sh); the member count comes from household.members,
 * which triggers keep (schema v6).
 */
/* an upper bound of the households to hold, found in the index at once
 * (a count would read every entry) */
/* the span of household ids, not the largest: a shard's ids start far
 * from 1 (issue 17, store/cluster_pg.h) */
static const char SQL_MAX_HH[] =
	"SELECT coalesce((SELECT max(id) FROM household) - (SELECT min(id) FROM household) + 1, 0)";
static const char SQL_SCAN_INCOME[] =
	"SELECT household_id, year, wage + business + property + transfer - business_cost"
	" FROM income WHERE county_code = ?1"
	" AND year IN (CAST(?2 AS INTEGER), CAST(?2 AS INTEGER) - 1)";
/* ordered so that the last row seen per household is its latest episode */
/* an episode counts as eliminated on ?2 (the as-of date) when its
 * elimination is dated on or before it */
#define EP_ELIMINATED "eliminated_on IS NOT NULL AND eliminated_on <= ?2"
static const char SQL_SCAN_EPISODE[] =
	"SELECT household_id, category, " EP_ELIMINATED ","
	" reflag FROM episode WHERE county_code = ?1 AND identified_on <= ?2"
	" ORDER BY household_id, identified_on, id";
/*
 * An area narrower than a county (a township, a village) reads the same
 * streams from its own rows instead: households, incomes, episodes,
 * members, measures and visits carry their household's area (schema v15),
 * and an index keyed by area gives an area's rows as one contiguous run,
 * so a village costs its own rows, not a pass over the county nor a probe
 * per household into indexes that hold the county in household order
 * (issue 14; the demo spreads a village over the whole id range).  ?1 area
 * prefix.
 */
#define HH_IN_AREA " h.area_code >= ?1 AND h.area_code < ?1 || ':' "
/* incomes carry their household's area (schema v15): an area's incomes
 * are one run of the covering index income_area.  `+year` keeps SQLite
 * off the index income_year, whose two years are the whole county's. */
static const char SQL_SCAN_INCOME_AREA[] =
	"SELECT household_id, year, wage + business + property + transfer - business_cost"
	" FROM income WHERE area_code >= ?1 AND area_code < ?1 || ':'"
	" AND +year IN (CAST(?2 AS INTEGER), CAST(?2 AS INTEGER) - 1)";
/* sizes the map for an area: its households, in the area index */
static const char SQL_COUNT_HH_AREA[] =
	"SELECT count(*) FROM household h WHERE" HH_IN_AREA;
/* and for a county: its households, in its run of the county index (not
 * the span of ids, which in a province on one server holds the other
 * counties' households too: issue 16) */
static const char SQL_COUNT_HH_COUNTY[] = "SELECT count(*) FROM household WHERE county_code = ?1";
/* episodes carry their household's area (schema v15): the index
 * episode_area gives an area's in household order within each village,
 * all that the scan needs (a household's rows together, by date) */
static const char SQL_SCAN_EPISODE_AREA[] =
	"SELECT household_id, category, " EP_ELIMINATED ","
	" reflag FROM episode WHERE area_code >= ?1 AND area_code < ?1 || ':'"
	" AND identified_on <= ?2 ORDER BY area_code, household_id, identified_on, id";
/* ?1 area prefix: `code >= prefix AND code < prefix || ':'`
 * (':' sorts after '9') selects an area and everything under it; read
 * from the covering index household_area_cover (schema v15) */
static const char SQL_SCAN_HH[] =
	"SELECT id, hh_no, area_code, kind = '脱贫户', members, head_name,"
	" coalesce(tuopin_year, 0) FROM household"
	" WHERE area_code >= ?1 AND area_code < ?1 || ':'";
/* a whole county: no range, so the planner scans the table in order
 * instead of visiting every row through the area index */
static const char SQL_SCAN_HH_COUNTY[] =
	"SELECT id, hh_no, area_code, kind = '脱贫户', members, head_name,"
	" coalesce(tuopin_year, 0) FROM household WHERE county_code = ?1";

struct fact_slot {
	int64_t id; /* 0 = empty */
	int64_t net, prev_net;
	unsigned char has_income, has_prev, monitored, eliminated, reflag;
	unsigned char cat; /* index into fact_map.cats */
	/* members on as_of less those now, counted and registered
	 * (membership.h); a household's changes stay far inside int8 */
	int8_t dmembers, dpersons;
};

/* Category texts are few (a dated code table); slots refer to them by
 * index so a slot stays 32 bytes. */
enum { MAX_CATS = 32, CAT_LEN = 64 };

struct fact_map {
	struct fact_slot *slot;
	size_t cap, n;
	char cats[MAX_CATS][CAT_LEN];
	int ncats;
};

/* Row ids are dense and arrive in order, so the identity hash keeps probes
 * sequential in memory; linear probing absorbs the gaps. */
static size_t fact_hash(const struct fact_map *m, int64_t id)
{
	return (size_t)id & (m->cap - 1);
}

static struct fact_slot *fact_get(struct fact_map *m, int64_t id, int create)
{
	size_t i;
	if (create && (m->n + 1) * 2 > m->cap) {
		struct fact_map t = *m;
		t.cap = m->cap ? m->cap * 2 : 4096;
		t.slot = dx_xcalloc(t.cap, sizeof(struct fact_slot));
		t.n = 0;
		for (size_t k = 0; k < m->cap; k++)
			if (m->slot[k].id)
				*fact_get(&t, m->slot[k].id, 1) = m->slot[k];
		free(m->slot);
		*m = t;
	}
	if (!m->cap)
		return NULL;
	for (i = fact_hash(m, id); m->slot[i].id; i = (i + 1) & (m->cap - 1))
		if (m->slot[i].id == id)
			return &m->slot[i];
	if (!create)
		return NULL;
	m->slot[i].id = id;
	m->n++;
	return &m->slot[i];
}

static unsigned char fact_cat(struct fact_map *m, const char *text)
{
	for (int i = 0; i < m->ncats; i++)
		if (!strcmp(m->cats[i], text))
			return (unsigned char)i;
	if (m->ncats == MAX_CATS)
		return MAX_CATS - 1;
	dx_strlcpy(m->cats[m->ncats], text, CAT_LEN);
	return (unsigned char)m->ncats++;
}

static int on_delta(int64_t household_id, int counted, int registered, void *arg)
{
	struct fact_slot *x = fact_get(arg, household_id, 1);
	x->dmembers = (int8_t)counted;
	x->dpersons = (int8_t)registered;
	return 0;
}

int dx_store_household_bound(struct dx_store *st, int64_t *n)
{
	struct dx_stmt *s = dx_q(st, SQL_MAX_HH);
	int rc;
	if (!s)
		return DX_DB;
	rc = dx_step_int(s, n);
	return rc == DX_NOT_FOUND ? DX_DB : rc;
}

static int by_area(struct dx_store *st, const char *area, int *yes);

int dx_store_household_size(struct dx_store *st, const char *area, int64_t *n)
{
	struct dx_stmt *s;
	int wide = 1, rc;
	/* a county alone in its store (a county's or township's own store,
	 * the usual case) is the whole table: its span of ids is read at
	 * once, where counting it walks its run of the county index (2 ms
	 * of a 30,000-household county report's 60) */
	if (strlen(area) == 6 && (rc = by_area(st, area, &wide)))
		return rc;
	if (strlen(area) < 6 || !wide)
		return dx_store_household_bound(st, n);
	if (!(s = dx_q(st, strlen(area) > 6 ? SQL_COUNT_HH_AREA : SQL_COUNT_HH_COUNTY)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	rc = dx_step_int(s, n);
	return rc == DX_NOT_FOUND ? DX_DB : rc;
}

int dx_store_scan_households(struct dx_store *st, const char *area, int year,
			     const char *as_of, unsigned flags,
			     int (*fn)(const struct dx_hh_fact *, void *), void *arg)
{
	struct fact_map *map = dx_xcalloc(1, sizeof(*map));
	int64_t nhh = 0;
	struct dx_hh_fact f;
	struct dx_stmt *s;
	char county[7];
	/* a county reads by county_code; any other prefix (a township or
	 * village, or a province or city: dx_report_build_counties) by area */
	int narrow = strlen(area) != 6, rc;
	dx_strlcpy(county, area, sizeof(county));
	/* size the map once: no rehashing on the way (capped for stores of
	 * many counties, where it grows as needed) */
	if ((rc = dx_store_household_size(st, area, &nhh)))
		goto out;
	if (nhh > (1 << 22))
		nhh = 1 << 22;
	for (map->cap = 4096; map->cap < (size_t)nhh * 2; map->cap *= 2)
		;
	map->slot = dx_xcalloc(map->cap, sizeof(struct fact_slot));
	/* the size chosen, for tests (test_scan_sizing.c) and profiling */
	dx_log(DX_LOG_DEBUG, "household scan: hash of %zu slots for %lld households", map->cap,
	       (long long)nhh);
	if (!(s = dx_q(st, narrow ? SQL_SCAN_INCOME_AREA : SQL_SCAN_INCOME))) {
		rc = DX_DB;
		goto out;
	}
	dx_bind_text(s, 1, narrow ? area : county);
	dx_bind_int(s, 2, year);
	while ((rc = dx_step(s)) == DX_OK) {
		struct fact_slot *x = fact_get(map, dx_col_int(s, 0), 1);
		if (dx_col_int(s, 1) == year) {
			x->has_income = 1;
			x->net = dx_col_int(s, 2);
		} else {
			x->has_prev = 1;
			x->prev_net = dx_col_int(s, 2);
		}
	}
	if (rc != DX_NOT_FOUND)
		goto out;
	if (!(s = dx_q(st, narrow ? SQL_SCAN_EPISODE_AREA : SQL_SCAN_EPISODE))) {
		rc = DX_DB;
		goto out;
	}
	dx_bind_text(s, 1, narrow ? area : county);
	dx_bind_text(s, 2, as_of);
	while ((rc = dx_step(s)) == DX_OK) {
		struct fact_slot *x = fact_get(map, dx_col_int(s, 0), 1);
		x->monitored = 1;
		x->cat = fact_cat(map, dx_col_text(s, 1));
		x->eliminated = (unsigned char)dx_col_int(s, 2);
		x->reflag = (unsigned char)dx_col_int(s, 3);
	}
	if (rc != DX_NOT_FOUND)
		goto out;
	/* who was a member on as_of: household.members counts who is one
	 * now; the few households whose members came or went since differ */
	if ((rc = dx_store_membership_delta(st, narrow && strlen(area) < 6 ? area : county, as_of,
					    on_delta, map)))
		goto out;
	if (!(s = dx_q(st, narrow ? SQL_SCAN_HH : SQL_SCAN_HH_COUNTY))) {
		rc = DX_DB;
		goto out;
	}
	/* the area alone: with a county condition too, a planner without
	 * statistics may walk the whole county's index */
	dx_bind_text(s, 1, narrow ? area : county);
	while ((rc = dx_step(s)) == DX_OK) {
		struct fact_slot *x;
		memset(&f, 0, sizeof(f));
		f.id = dx_col_int(s, 0);
		f.hh_no = flags & DX_SCAN_HH_NO ? dx_col_text(s, 1) : NULL;
		f.head_name = flags & DX_SCAN_HH_NO ? dx_col_text(s, 5) : NULL;
		f.area_code = dx_col_text(s, 2);
		f.tuopin = (int)dx_col_int(s, 3);
		f.members = (int)dx_col_int(s, 4);
		f.tuopin_year = (int)dx_col_int(s, 6);
		f.category = "";
		if ((x = fact_get(map, f.id, 0))) {
			f.has_income = x->has_income;
			f.net = x->net;
			f.has_prev = x->has_prev;
			f.prev_net = x->prev_net;
			f.monitored = x->monitored;
			f.category = map->cats[x->cat];
			f.eliminated = x->eliminated;
			f.reflag = x->reflag;
			f.members += x->dmembers;
			f.dpersons = x->dpersons;
		}
		if ((rc = fn(&f, arg)))
			break;
	}
	s->drv->reset(s);
	if (rc == DX_NOT_FOUND)
		rc = DX_OK;
out:
	free(map->slot);
	free(map);
	return rc;
}

/*
 * A county's households grouped instead of streamed (issue 16: a
 * province's report, county by county): one row per
 * combination of every fact dx_hh_fact gives that the report's figures
 * select on -- kind, 脱贫年度, the latest episode as of ?2 (identified,
 * category, eliminated, reflag) and whether the household has 低保
 * members at all and of each class -- with the households counted and
 * their registered members and 低保 members summed.  The facts are those
 * of the household scan above: the latest episode by (identified_on, id),
 * the registered members as person rows naming the household plus the
 * as-of difference (dx_store_membership_delta, added in C to the
 * households with membership history, each a group of its own), 低保
 * members as the member scan reads them.  A province is a few thousand rows this way where the
 * scan moves one per household (or person) to the client.  By county:
 * each statement's groups are few enough for the server to hash them,
 * where one statement over a province would sort all its households.
 *
 * The person rows are counted from the narrow index person_household (its
 * entries alone, in household order), bounded by the prefix's household
 * ids ?3 .. ?4, read first (SQL_HH_ID_SPAN) and given as values: an area
 * filter would read the wide rows.  The households are bounded by the
 * same ids, so that the planner reads them in id order too and merges
 * the two instead of hashing them (a county: 90 -> 45 ms), and by them
 * alone, grouped by county too: with the county's condition beside the
 * ids the planner expects 1 % of the rows and sorts them where it hashes
 * the right count (-30 %); a neighbour's groups are skipped.  A county's
 * households are usually imported together, so its ids are one run; when
 * its span holds more than twice its households (counties imported in
 * turns), the county's members are counted from its run of person_area
 * instead (SQL_SCAN_HH_GROUPS_AREA), whose cost is the county's own.  ?1
 * county code, ?2 as-of date; the span is two probes of
 * household_county_id (county_span).
 */
static const char SQL_HH_ID_SPAN[] =
	"SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM household"
	" WHERE county_code = ?1";

/* The span of ids of `county`'s households into lo .. hi, and *tight =
 * 1 when reading by it costs about the county's own rows: a span of fewer
 * than SPAN_FREE ids reads at most that many households' entries, what
 * a county's run of person_area would cost or less, and needs no count
 * (counting walks the county's run of the index: 5 ms a county, 10 % of
 * a province's report); a wider one when it holds less than twice the
 * county's households. */
enum { SPAN_FREE = 65536 };
static int county_span(struct dx_store *st, const char *county, int64_t *lo, int64_t *hi,
		       int *tight)
{
	struct dx_stmt *s = dx_q(st, SQL_HH_ID_SPAN);
	int64_t n = 0;
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, county);
	if ((rc = dx_step(s)))
		return rc == DX_NOT_FOUND ? DX_DB : rc;
	*lo = dx_col_int(s, 0);
	*hi = dx_col_int(s, 1);
	if ((rc = dx_step_done(s)))
		return rc;
	*tight = 1;
	if (*hi - *lo < SPAN_FREE)
		return DX_OK;
	if (!(s = dx_q(st, SQL_COUNT_HH_COUNTY)))
		return DX_DB;
	dx_bind_text(s, 1, county);
	if ((rc = dx_step_int(s, &n)))
		return rc == DX_NOT_FOUND ? DX_DB : rc;
	*tight = *hi - *lo < 2 * n + 1024;
	return DX_OK;
}
#define IN_GROUP_COUNTY(c) " " c " = ?1 "
/* the group's flags, one integer (a few narrow sort keys, integer sums:
 * the grouping costs little beside the reads): 1 脱贫户, 2 identified as
 * of ?2 (the latest episode's) 4 eliminated, 8 reflag; 16 any 低保
 * member, 32, 64, 128 any of class A, B, C */
#define HH_GROUPS(persons, bound) \
	"SELECT h.county_code, coalesce(h.tuopin_year, 0), coalesce(e.category, '')," \
	" CASE WHEN h.kind = '脱贫户' THEN 1 ELSE 0 END + coalesce(e.bits, 0)" \
	" + coalesce(d.bits, 0)," \
	" CASE WHEN h.id IN (SELECT household_id FROM membership WHERE county_code = ?1)" \
	" THEN h.id ELSE 0 END," \
	" count(*), sum(CAST(coalesce(p.n, 0) AS INTEGER)), sum(h.members)," \
	" sum(coalesce(d.n, 0)), sum(coalesce(d.a, 0)), sum(coalesce(d.b, 0))," \
	" sum(coalesce(d.c, 0))" \
	" FROM household h" \
	" LEFT JOIN (SELECT household_id, category," \
	"  2 + CASE WHEN " EP_ELIMINATED " THEN 4 ELSE 0 END" \
	"  + CASE WHEN reflag != 0 THEN 8 ELSE 0 END AS bits, row_number() OVER" \
	"  (PARTITION BY household_id ORDER BY identified_on DESC, id DESC) AS k" \
	"  FROM episode WHERE" IN_GROUP_COUNTY("county_code") "AND identified_on <= ?2) e" \
	"  ON e.household_id = h.id AND e.k = 1" \
	" LEFT JOIN (" persons ") p ON p.household_id = h.id" \
	" LEFT JOIN (SELECT household_id, n, a, b, c, 16 + CASE WHEN a > 0 THEN 32 ELSE 0 END" \
	"  + CASE WHEN b > 0 THEN 64 ELSE 0 END + CASE WHEN c > 0 THEN 128 ELSE 0 END AS bits" \
	"  FROM (SELECT household_id, CAST(count(*) AS INTEGER) AS n," \
	"  CAST(" DX_SQL_COUNT_IF("substr(dibao_class, 1, 1) = 'A'") " AS INTEGER) AS a," \
	"  CAST(" DX_SQL_COUNT_IF("substr(dibao_class, 1, 1) = 'B'") " AS INTEGER) AS b," \
	"  CAST(" DX_SQL_COUNT_IF("substr(dibao_class, 1, 1) = 'C'") " AS INTEGER) AS c" \
	"  FROM person WHERE" IN_GROUP_COUNTY("county_code") "AND dibao = 1 AND left_on IS NULL" \
	"  GROUP BY household_id) t) d ON d.household_id = h.id" \
	" WHERE " bound " GROUP BY 1, 2, 3, 4, 5"
static const char SQL_SCAN_HH_GROUPS[] =
	HH_GROUPS("SELECT household_id, count(*) AS n FROM person"
		  " WHERE household_id >= ?3 AND household_id <= ?4 GROUP BY household_id",
		  "h.id >= ?3 AND h.id <= ?4");
static const char SQL_SCAN_HH_GROUPS_AREA[] =
	HH_GROUPS("SELECT household_id, count(*) AS n FROM person"
		  " WHERE area_code >= ?1 AND area_code < ?1 || ':' GROUP BY area_code, household_id",
		  "h.county_code = ?1");

int dx_store_scan_household_groups(struct dx_store *st, const char *county, const char *as_of,
				   int (*fn)(const struct dx_hh_group *, void *), void *arg)
{
	struct dx_hh_group g;
	struct fact_map *delta = dx_xcalloc(1, sizeof(*delta));
	struct dx_stmt *s;
	int64_t lo, hi;
	int tight, rc;
	if ((rc = county_span(st, county, &lo, &hi, &tight)))
		goto out;
	/* who was a member on as_of, as the household scan reads it: the
	 * households with membership history are groups of their own (the
	 * statement's fifth column, their id), to which their difference is
	 * added here */
	if ((rc = dx_store_membership_delta(st, county, as_of, on_delta, delta)))
		goto out;
	if (!(s = dx_q(st, tight ? SQL_SCAN_HH_GROUPS : SQL_SCAN_HH_GROUPS_AREA))) {
		rc = DX_DB;
		goto out;
	}
	dx_bind_text(s, 1, county);
	dx_bind_text(s, 2, as_of);
	if (tight) {
		dx_bind_int(s, 3, lo);
		dx_bind_int(s, 4, hi);
	}
	while ((rc = dx_step(s)) == DX_OK) {
		int64_t bits = dx_col_int(s, 3), one = dx_col_int(s, 4);
		struct fact_slot *x = one ? fact_get(delta, one, 0) : NULL;
		memset(&g, 0, sizeof(g));
		/* a neighbour's households in the span: not the county's */
		if (strcmp(dx_col_text(s, 0), county))
			continue;
		g.county = county;
		g.tuopin_year = (int)dx_col_int(s, 1);
		g.category = dx_col_text(s, 2);
		g.tuopin = (bits & 1) != 0;
		g.monitored = (bits & 2) != 0;
		g.eliminated = (bits & 4) != 0;
		g.reflag = (bits & 8) != 0;
		g.households = (long)dx_col_int(s, 5);
		g.persons = (long)dx_col_int(s, 6) + (x ? x->dpersons : 0);
		g.members = (long)dx_col_int(s, 7);
		g.dibao_persons = (long)dx_col_int(s, 8);
		for (int k = 0; k < 3; k++)
			g.dibao_class_persons[k] = (long)dx_col_int(s, 9 + k);
		if ((rc = fn(&g, arg)))
			break;
	}
	s->drv->reset(s);
	if (rc == DX_NOT_FOUND)
		rc = DX_OK;
out:
	free(delta->slot);
	free(delta);
	return rc;
}

/* The counties under ?1 that have households, in code order: one probe
 * of household_county_id per county (a loose index scan), not a walk of
 * its entries. */
static const char SQL_COUNTIES[] =
	"WITH RECURSIVE c(code) AS ("
	" SELECT min(county_code) FROM household WHERE county_code >= ?1 AND county_code < ?1 || ':'"
	" UNION ALL SELECT (SELECT min(county_code) FROM household"
	"  WHERE county_code > c.code AND county_code < ?1 || ':') FROM c WHERE c.code IS NOT NULL)"
	" SELECT code FROM c WHERE code IS NOT NULL";

int dx_store_counties(struct dx_store *st, const char *prefix,
		      int (*fn)(const char *county, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_COUNTIES);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, prefix);
	while ((rc = dx_step(s)) == DX_OK)
		if ((rc = fn(dx_col_text(s, 0), arg)))
			break;
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_SCAN_MEASURES[] =
	"SELECT household_id, count(*), sum(CASE WHEN status = '已落实' THEN 1 ELSE 0 END)"
	" FROM measure WHERE county_code = ?1 AND (start_on IS NULL OR start_on <= ?2)"
	" GROUP BY household_id";
static const char SQL_SCAN_VISITS[] =
	"SELECT household_id, count(*), 0 FROM visit WHERE county_code = ?1"
	" AND visited_on > ?2 AND visited_on <= ?3 GROUP BY household_id";
/* the same under an area narrower than a county: its run of the covering
 * indexes measure_area and visit_area (schema v15), grouped in their
 * order (a household has one area) */
static const char SQL_SCAN_MEASURES_AREA[] =
	"SELECT household_id, count(*), sum(CASE WHEN status = '已落实' THEN 1 ELSE 0 END)"
	" FROM measure WHERE area_code >= ?1 AND area_code < ?1 || ':'"
	" AND (start_on IS NULL OR start_on <= ?2) GROUP BY area_code, household_id";
static const char SQL_SCAN_VISITS_AREA[] =
	"SELECT household_id, count(*), 0 FROM visit WHERE area_code >= ?1 AND area_code < ?1 || ':'"
	" AND visited_on > ?2 AND visited_on <= ?3 GROUP BY area_code, household_id";

/* 1 when every household is of county ?1 (two probes of household_county) */
static const char SQL_ONE_COUNTY[] =
	"SELECT CASE WHEN (SELECT min(county_code) FROM household) = ?1"
	" AND (SELECT max(county_code) FROM household) = ?1 THEN 1 ELSE 0 END";

/*
 * *yes = 1 when `area`'s rows are read by its run of an area index: an
 * area narrower than a county, or a county of a store that holds other
 * counties too (a province on one server).  A county's own store reads
 * by county_code, which there is the whole table: measure and visit have
 * no county index, so in a province that filter would read every
 * county's rows for one (issue 16: 1.7 s of a county report at 4M
 * people).
 */
static int by_area(struct dx_store *st, const char *area, int *yes)
{
	struct dx_stmt *s;
	int64_t alone = 0;
	int rc;
	*yes = 1;
	if (strlen(area) != 6)
		return DX_OK;
	if (!(s = dx_q(st, SQL_ONE_COUNTY)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	if ((rc = dx_step_int(s, &alone)))
		return rc == DX_NOT_FOUND ? DX_DB : rc;
	*yes = !alone;
	return DX_OK;
}

static int scan_counts(struct dx_stmt *s, int (*fn)(int64_t, long, long, void *), void *arg)
{
	int rc;
	while ((rc = dx_step(s)) == DX_OK)
		if ((rc = fn(dx_col_int(s, 0), (long)dx_col_int(s, 1), (long)dx_col_int(s, 2), arg)))
			break;
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

int dx_store_scan_measures(struct dx_store *st, const char *area, const char *as_of,
			   int (*fn)(int64_t, long, long, void *), void *arg)
{
	struct dx_stmt *s;
	int wide, rc;
	if ((rc = by_area(st, area, &wide)))
		return rc;
	if (!(s = dx_q(st, wide ? SQL_SCAN_MEASURES_AREA : SQL_SCAN_MEASURES)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, as_of);
	return scan_counts(s, fn, arg);
}

int dx_store_scan_visits(struct dx_store *st, const char *area, const char *from,
			 const char *to, int (*fn)(int64_t, long, long, void *), void *arg)
{
	struct dx_stmt *s;
	int wide, rc;
	if ((rc = by_area(st, area, &wide)))
		return rc;
	if (!(s = dx_q(st, wide ? SQL_SCAN_VISITS_AREA : SQL_SCAN_VISITS)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, from);
	dx_bind_text(s, 3, to);
	return scan_counts(s, fn, arg);
}

/* stops at the first row changed after the date; the time stamp sorts
 * after the bare date of the same day, hence the 'T' bound */
static const char SQL_MEMBERS_CHANGED[] =
	"SELECT EXISTS (SELECT 1 FROM person WHERE county_code = ?1 AND updated_at > ?2 || 'T99')";
/* an area's members: their run of the covering index person_area (v15) */
static const char SQL_MEMBERS_CHANGED_AREA[] =
	"SELECT EXISTS (SELECT 1 FROM person"
	" WHERE area_code >= ?1 AND area_code < ?1 || ':' AND updated_at > ?2 || 'T99')";

int dx_store_members_changed_after(struct dx_store *st, const char *area, const char *as_of,
				   int *yes)
{
	struct dx_stmt *s;
	int64_t v = 0;
	int wide, rc;
	/* a county of a province on one server too reads its run of
	 * person_area: person has no other index by county, and the county
	 * filter alone scans the table until a row matches -- all of it,
	 * 10M rows, when none changed (issue 16) */
	if ((rc = by_area(st, area, &wide)))
		return rc;
	if (!(s = dx_q(st, wide ? SQL_MEMBERS_CHANGED_AREA : SQL_MEMBERS_CHANGED)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, as_of);
	rc = dx_step_int(s, &v);
	*yes = v != 0;
	return rc == DX_NOT_FOUND ? DX_DB : rc;
}

/* income by the year index (every county: a bound, read at once) and the
 * identifications of the county (few rows) */
static const char SQL_FIRST_YEAR[] =
	"SELECT coalesce(min(y), 0) FROM ("
	" SELECT min(year) AS y FROM income"
	" UNION ALL SELECT CAST(substr(min(identified_on), 1, 4) AS INTEGER) FROM episode"
	"  WHERE county_code = ?1) t";

int dx_store_first_year(struct dx_store *st, const char *county, int *year)
{
	struct dx_stmt *s = dx_q(st, SQL_FIRST_YEAR);
	int64_t v = 0;
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, county);
	rc = dx_step_int(s, &v);
	*year = (int)v;
	return rc == DX_NOT_FOUND ? DX_DB : rc;
}

/* the same for every county under a prefix at once: the store's first
 * income year (?2 = 1) or each county's first identification year */
static const char SQL_FIRST_INCOME_YEAR[] = "SELECT coalesce(min(year), 0) FROM income";
static const char SQL_FIRST_EPISODE_YEARS[] =
	"SELECT county_code, CAST(substr(min(identified_on), 1, 4) AS INTEGER) FROM episode"
	" WHERE county_code >= ?1 AND county_code < ?1 || ':' GROUP BY county_code"
	" ORDER BY county_code";

int dx_store_first_years(struct dx_store *st, const char *prefix, int *income_year,
			 int (*fn)(const char *county, int year, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_FIRST_INCOME_YEAR);
	int64_t v = 0;
	int rc;
	if (!s)
		return DX_DB;
	if ((rc = dx_step_int(s, &v)))
		return rc == DX_NOT_FOUND ? DX_DB : rc;
	*income_year = (int)v;
	if (!(s = dx_q(st, SQL_FIRST_EPISODE_YEARS)))
		return DX_DB;
	dx_bind_text(s, 1, prefix);
	while ((rc = dx_step(s)) == DX_OK)
		if ((rc = fn(dx_col_text(s, 0), (int)dx_col_int(s, 1), arg)))
			break;
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* every household's registered members, read from the household index
 * alone (a few bytes an entry, against the wide person rows a county
 * filter would read); households of other counties are the caller's to
 * skip */
static const char SQL_SCAN_PERSONS[] =
	"SELECT household_id, count(*), 0 FROM person GROUP BY household_id";
/* an area (a county or narrower): its run of the covering index
 * person_area (schema v15), grouped in the index's order (a household
 * has one area) so that no sort is needed.  A county too when the store
 * holds others: a province on one server must not read every county's
 * members for one */
static const char SQL_SCAN_PERSONS_AREA[] =
	"SELECT household_id, count(*), 0 FROM person"
	" WHERE area_code >= ?1 AND area_code < ?1 || ':' GROUP BY area_code, household_id";

int dx_store_scan_persons(struct dx_store *st, int (*fn)(int64_t, long, long, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_SCAN_PERSONS);
	if (!s)
		return DX_DB;
	return scan_counts(s, fn, arg);
}

/* a county of a province on one server: the entries of person_household
 * in its households' id span (county_span), half as wide as its run of
 * person_area and read without a sort, when the span is about its own;
 * other counties' households in the span are the caller's to skip, as
 * dx_store_scan_persons' */
static const char SQL_SCAN_PERSONS_SPAN[] =
	"SELECT household_id, count(*), 0 FROM person"
	" WHERE household_id >= ?1 AND household_id <= ?2 GROUP BY household_id";

int dx_store_scan_persons_in(struct dx_store *st, const char *area,
			     int (*fn)(int64_t, long, long, void *), void *arg)
{
	struct dx_stmt *s;
	int64_t lo, hi;
	int wide, tight, rc;
	/* the county is the whole store (a county's own store): the narrow
	 * household index beats the area index, twice as wide */
	if ((rc = by_area(st, area, &wide)))
		return rc;
	if (!wide)
		return dx_store_scan_persons(st, fn, arg);
	if (strlen(area) == 6) {
		if ((rc = county_span(st, area, &lo, &hi, &tight)))
			return rc;
		if (tight) {
			if (!(s = dx_q(st, SQL_SCAN_PERSONS_SPAN)))
				return DX_DB;
			dx_bind_int(s, 1, lo);
			dx_bind_int(s, 2, hi);
			return scan_counts(s, fn, arg);
		}
	}
	if (!(s = dx_q(st, SQL_SCAN_PERSONS_AREA)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	return scan_counts(s, fn, arg);
}

/* The current members (not left) in 低保 or at work: served by the partial
 * covering index person_report (schema v6; v21 its members not left) */
static const char SQL_SCAN_MEMBERS[] =
	"SELECT household_id, counted, dibao, dibao_class, work_place, coalesce(work_months, -1)"
	" FROM person WHERE county_code = ?1 AND (dibao = 1 OR work_place != '')"
	" AND left_on IS NULL";
/* an area narrower than a county: its run of the partial covering index
 * person_area_report (schema v15, v21) */
static const char SQL_SCAN_MEMBERS_AREA[] =
	"SELECT household_id, counted, dibao, dibao_class, work_place, coalesce(work_months, -1)"
	" FROM person WHERE area_code >= ?1 AND area_code < ?1 || ':'"
	" AND (dibao = 1 OR work_place != '') AND left_on IS NULL";

int dx_store_scan_members(struct dx_store *st, const char *area,
			  int (*fn)(const struct dx_member_fact *, void *), void *arg)
{
	struct dx_member_fact m;
	struct dx_stmt *s = dx_q(st, strlen(area) != 6 ? SQL_SCAN_MEMBERS_AREA : SQL_SCAN_MEMBERS);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	while ((rc = dx_step(s)) == DX_OK) {
		m.household_id = dx_col_int(s, 0);
		m.counted = (int)dx_col_int(s, 1);
		m.dibao = (int)dx_col_int(s, 2);
		m.dibao_class = dx_col_text(s, 3);
		m.work_place = dx_col_text(s, 4);
		m.work_months = (int)dx_col_int(s, 5);
		if ((rc = fn(&m, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

#define IN_AREA " h.area_code >= ?1 AND h.area_code < ?1 || ':' "
/* The dates below follow the report's period rule (app/report.c, "the
 * period"): ?2 .. ?3 is the period, ?3 the as-of date.  A warning is dated
 * by the day the county dealt with it -- dispatched as a clue (the clue's
 * found_on) or recorded under the threshold (verified_on) -- and, until
 * then, by the day it was received (its batch's import). */
#define PROC_WARNINGS(from, link, in)                                                        \
	"SELECT count(*), coalesce(" DX_SQL_COUNT_IF("c.id IS NOT NULL") ", 0) FROM " from      \
	" JOIN warning_batch b ON b.id = w.batch_id"                                            \
	" LEFT JOIN clue c ON c.id = w.clue_id AND c.found_on <= ?3 WHERE" link in             \
	" AND coalesce(c.found_on, CASE WHEN w.verified_on <= ?3 THEN w.verified_on END,"      \
	"  substr(b.imported_at, 1, 10)) BETWEEN ?2 AND ?3"
/* A county reads its rows in one pass over the (small) table; an area
 * narrower than a county goes from its households by the household index
 * (CROSS JOIN keeps them outside in SQLite; the same inner join
 * elsewhere), so that a village's counts cost its own rows. */
#define NARROW(t) "household h CROSS JOIN " t
/* A county's households by county_code: the index household_county_id
 * (schema v18) holds the ids a join needs, so PostgreSQL reads the
 * county's run of it alone, not each household's row through the area
 * index (issue 16).  The household's county_code is its area's first six
 * digits (store/ledger.c keeps them together), so this selects the same
 * households as IN_AREA does for a county code. */
#define IN_COUNTY " h.county_code = ?1 "
static const char SQL_PROC_WARNINGS[] =
	PROC_WARNINGS("warning w JOIN household h ON h.id = w.household_id", "", IN_AREA);
static const char SQL_PROC_WARNINGS_COUNTY[] =
	PROC_WARNINGS("warning w JOIN household h ON h.id = w.household_id", "", IN_COUNTY);
static const char SQL_PROC_WARNINGS_AREA[] =
	PROC_WARNINGS(NARROW("warning w"), " w.household_id = h.id AND", IN_AREA);
/* Clues found in the period, in their state on the as-of date: verified
 * once closed or filed as a case by then, in time when that was by the
 * deadline, due when verified or past the deadline.  Overdue is a state,
 * not a flow: every clue found by the as-of date and still unverified past
 * its deadline, whatever its year (as `dixian overdue` lists them). */
#define CLUE_VERIFIED_BY(d)                                                      \
	"((c.state = '已关闭' AND c.closed_on <= " d ") OR"                        \
	" (c.state = '已立案' AND k.opened_on <= " d "))"
#define IN_PERIOD " c.found_on >= ?2 AND "
#define PROC_CLUES(from, link, in) \
	"SELECT coalesce(" DX_SQL_COUNT_IF("c.found_on >= ?2") ", 0)," \
	" coalesce(" DX_SQL_COUNT_IF("c.found_on >= ?2 AND c.source = '部门预警'") ", 0)," \
	" coalesce(" DX_SQL_COUNT_IF(IN_PERIOD CLUE_VERIFIED_BY("?3")) ", 0)," \
	" coalesce(" DX_SQL_COUNT_IF(IN_PERIOD CLUE_VERIFIED_BY("?3") " AND " \
				     CLUE_VERIFIED_BY("c.deadline")) ", 0)," \
	" coalesce(" DX_SQL_COUNT_IF(IN_PERIOD "(" CLUE_VERIFIED_BY("?3") " OR c.deadline < ?3)") \
	", 0)," \
	" coalesce(" DX_SQL_COUNT_IF("NOT " CLUE_VERIFIED_BY("?3") " AND c.deadline < ?3") ", 0)" \
	" FROM " from " LEFT JOIN case_file k ON k.id = c.case_id WHERE" link in \
	" AND c.found_on <= ?3"
static const char SQL_PROC_CLUES[] =
	PROC_CLUES("clue c JOIN household h ON h.id = c.household_id", "", IN_AREA);
static const char SQL_PROC_CLUES_COUNTY[] =
	PROC_CLUES("clue c JOIN household h ON h.id = c.household_id", "", IN_COUNTY);
static const char SQL_PROC_CLUES_AREA[] =
	PROC_CLUES(NARROW("clue c"), " c.household_id = h.id AND", IN_AREA);
#define PROC_CASES(from, link, in) \
	"SELECT coalesce(" DX_SQL_COUNT_IF("k.kind = '识别' AND k.state = '已通过'" \
	"  AND k.closed_on >= ?2 AND k.closed_on <= ?3") ", 0)," \
	" coalesce(" DX_SQL_COUNT_IF("k.kind = '风险消除' AND k.state = '已通过'" \
	"  AND k.closed_on >= ?2 AND k.closed_on <= ?3") ", 0)," \
	" coalesce(" DX_SQL_COUNT_IF("k.opened_on <= ?3 AND (k.state = '办理中' OR k.closed_on > ?3)") \
	", 0)," \
	" coalesce(" DX_SQL_COUNT_IF("k.opened_on <= ?3 AND (k.state = '办理中' OR k.closed_on > ?3)" \
	"  AND k.deadline < ?3") ", 0)" \
	" FROM " from " WHERE" link in
static const char SQL_PROC_CASES[] =
	PROC_CASES("case_file k JOIN household h ON h.id = k.household_id", "", IN_AREA);
static const char SQL_PROC_CASES_COUNTY[] =
	PROC_CASES("case_file k JOIN household h ON h.id = k.household_id", "", IN_COUNTY);
static const char SQL_PROC_CASES_AREA[] =
	PROC_CASES(NARROW("case_file k"), " k.household_id = h.id AND", IN_AREA);

/* [narrow, county, wider]: the statement of each kind of area */
enum { PROC_NARROW, PROC_COUNTY, PROC_WIDE };
static const char *const proc_sql[3][3] = {
	{SQL_PROC_WARNINGS_AREA, SQL_PROC_CLUES_AREA, SQL_PROC_CASES_AREA},
	{SQL_PROC_WARNINGS_COUNTY, SQL_PROC_CLUES_COUNTY, SQL_PROC_CASES_COUNTY},
	{SQL_PROC_WARNINGS, SQL_PROC_CLUES, SQL_PROC_CASES},
};

static int proc_query(struct dx_store *st, const char *sql, const char *area, const char *from,
		      const char *to, long *out, int n)
{
	struct dx_stmt *s = dx_q(st, sql);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, from);
	dx_bind_text(s, 3, to);
	if ((rc = dx_step(s)))
		return rc == DX_NOT_FOUND ? DX_DB : rc;
	for (int i = 0; i < n; i++)
		out[i] = (long)dx_col_int(s, i);
	return dx_step_done(s);
}

int dx_store_proc_counts(struct dx_store *st, const char *area, const char *from,
			 const char *to, struct dx_proc_counts *out)
{
	long v[6];
	size_t len = strlen(area);
	const char *const *sql = proc_sql[len > 6 ? PROC_NARROW : len == 6 ? PROC_COUNTY : PROC_WIDE];
	int rc;
	memset(out, 0, sizeof(*out));
	if ((rc = proc_query(st, sql[0], area, from, to, v, 2)))
		return rc;
	out->warnings = v[0];
	out->warnings_clued = v[1];
	if ((rc = proc_query(st, sql[1], area, from, to, v, 6)))
		return rc;
	out->clues = v[0];
	out->clues_warning = v[1];
	out->clues_verified = v[2];
	out->clues_in_time = v[3];
	out->clues_due = v[4];
	out->clues_overdue = v[5];
	if ((rc = proc_query(st, sql[2], area, from, to, v, 4)))
		return rc;
	out->identified = v[0];
	out->eliminated = v[1];
	out->open = v[2];
	out->overdue = v[3];
	return DX_OK;
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
		if (strcmp(count_sql[i].table, table))
			continue;
		if (!(s = dx_q(st, count_sql[i].sql)))
			return DX_DB;
		dx_bind_text(s, 1, area ? area : "");
		return dx_step_int(s, n);
	}
	return dx_error(DX_INVALID, "cannot count table '%s'", table);
}
