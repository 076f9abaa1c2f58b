/*
 * membership.c - membership periods, the person's current placement, and
 * the as-of queries reports read (see membership.h; schema v9).
 */
#include "core/dx.h"
#include "store/membership.h"
#include "store/store_int.h"

static const char SQL_LIST[] =
	"SELECT m.id, m.person_id, m.household_id, coalesce(m.from_on, ''),"
	" coalesce(m.to_on, ''), m.reason, h.hh_no"
	" FROM membership m JOIN household h ON h.id = m.household_id"
	" WHERE m.person_id = ?1 ORDER BY m.id";
static const char SQL_INSERT[] =
	"INSERT INTO membership(county_code, person_id, household_id, from_on, to_on, reason)"
	" SELECT county_code, ?1, id, ?3, ?4, ?5 FROM household WHERE id = ?2 RETURNING id";
static const char SQL_CLOSE[] = "UPDATE membership SET to_on = ?2, reason = ?3 WHERE id = ?1";
static const char SQL_PLACE[] =
	"UPDATE person SET household_id = ?2, left_on = ?3, updated_at = ?4 WHERE id = ?1";
static const char SQL_LEFT_ON[] = "SELECT coalesce(left_on, '') FROM person WHERE id = ?1";

int dx_store_membership_list(struct dx_store *st, int64_t person_id,
			     int (*fn)(const struct dx_membership *, void *), void *arg)
{
	struct dx_stmt *s = dx_q(st, SQL_LIST);
	struct dx_membership m;
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, person_id);
	while ((rc = dx_step(s)) == DX_OK) {
		memset(&m, 0, sizeof(m));
		m.id = dx_col_int(s, 0);
		m.person_id = dx_col_int(s, 1);
		m.household_id = dx_col_int(s, 2);
		dx_col_copy(s, 3, m.from_on, sizeof(m.from_on));
		dx_col_copy(s, 4, m.to_on, sizeof(m.to_on));
		dx_col_copy(s, 5, m.reason, sizeof(m.reason));
		dx_col_copy(s, 6, m.hh_no, sizeof(m.hh_no));
		if ((rc = fn(&m, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

int dx_store_membership_insert(struct dx_store *st, struct dx_membership *m)
{
	struct dx_stmt *s = dx_q(st, SQL_INSERT);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, m->person_id);
	dx_bind_int(s, 2, m->household_id);
	dx_bind_opt(s, 3, m->from_on);
	dx_bind_opt(s, 4, m->to_on);
	dx_bind_text(s, 5, m->reason);
	rc = dx_step_int(s, &m->id);
	if (rc == DX_NOT_FOUND)
		return dx_error(DX_NOT_FOUND, "no household %lld", (long long)m->household_id);
	return rc;
}

int dx_store_membership_close(struct dx_store *st, int64_t id, const char *to_on,
			      const char *reason)
{
	struct dx_stmt *s = dx_q(st, SQL_CLOSE);
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	dx_bind_text(s, 2, to_on);
	dx_bind_text(s, 3, reason);
	return dx_step_done(s);
}

int dx_store_person_place(struct dx_store *st, int64_t id, int64_t household_id,
			  const char *left_on)
{
	struct dx_stmt *s = dx_q(st, SQL_PLACE);
	char now[21];
	if (!s)
		return DX_DB;
	dx_store_now(now);
	dx_bind_int(s, 1, id);
	dx_bind_int(s, 2, household_id);
	dx_bind_opt(s, 3, left_on);
	dx_bind_text(s, 4, now);
	return dx_step_done(s);
}

int dx_store_person_left_on(struct dx_store *st, int64_t id, char out[11])
{
	struct dx_stmt *s = dx_q(st, SQL_LEFT_ON);
	int rc;
	out[0] = '\0';
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	if ((rc = dx_step(s)))
		return rc;
	dx_col_copy(s, 0, out, 11);
	return dx_step_done(s);
}

/* A period covers day ?2 when from_on <= ?2 < to_on (NULL = open). */
#define COVERS(m, d) \
	" (" m ".from_on IS NULL OR " m ".from_on <= " d ") AND (" m ".to_on IS NULL OR " m \
	".to_on > " d ") "

/* Per household: counted members of its periods covering as_of, less
 * those of its open periods (who are among household.members); and all
 * members of its periods covering as_of, less the persons with history
 * whose row names this household (current members and those who left
 * from it), which is what a count of person rows by household holds. */
static const char SQL_DELTA[] =
	"SELECT household_id, dc, dr FROM (SELECT m.household_id,"
	" sum(CASE WHEN" COVERS("m", "?2") "AND p.counted = 1 THEN 1 ELSE 0 END)"
	" - " DX_SQL_COUNT_IF("m.to_on IS NULL AND p.counted = 1") " AS dc,"
	" sum(CASE WHEN" COVERS("m", "?2") "THEN 1 ELSE 0 END)"
	" - count(DISTINCT CASE WHEN p.household_id = m.household_id THEN p.id END) AS dr"
	" FROM membership m JOIN person p ON p.id = m.person_id"
	" WHERE m.county_code = ?1 GROUP BY m.household_id) t WHERE dc != 0 OR dr != 0";
/* the same for every county under a province or city prefix (or all, "") */
static const char SQL_DELTA_IN[] =
	"SELECT household_id, dc, dr FROM (SELECT m.household_id,"
	" sum(CASE WHEN" COVERS("m", "?2") "AND p.counted = 1 THEN 1 ELSE 0 END)"
	" - " DX_SQL_COUNT_IF("m.to_on IS NULL AND p.counted = 1") " AS dc,"
	" sum(CASE WHEN" COVERS("m", "?2") "THEN 1 ELSE 0 END)"
	" - count(DISTINCT CASE WHEN p.household_id = m.household_id THEN p.id END) AS dr"
	" FROM membership m JOIN person p ON p.id = m.person_id"
	" WHERE m.county_code >= ?1 AND m.county_code < ?1 || ':'"
	" GROUP BY m.household_id) t WHERE dc != 0 OR dr != 0";

int dx_store_membership_delta(struct dx_store *st, const char *county, const char *as_of,
			      int (*fn)(int64_t household_id, int counted, int registered, void *),
			      void *arg)
{
	struct dx_stmt *s = dx_q(st, strlen(county) == 6 ? SQL_DELTA : SQL_DELTA_IN);
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, county);
	dx_bind_text(s, 2, as_of);
	while ((rc = dx_step(s)) == DX_OK)
		if ((rc = fn(dx_col_int(s, 0), (int)dx_col_int(s, 1), (int)dx_col_int(s, 2), arg)))
			break;
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

static const char SQL_MEMBER_ON[] =
	"SELECT coalesce((SELECT m.household_id FROM membership m WHERE m.person_id = ?1 AND"
	COVERS("m", "?2") "ORDER BY m.id DESC LIMIT 1),"
	" CASE WHEN EXISTS (SELECT 1 FROM membership x WHERE x.person_id = ?1) THEN 0"
	" ELSE (SELECT household_id FROM person WHERE id = ?1) END, 0)";

int dx_store_member_on(struct dx_store *st, int64_t id, const char *on, int64_t *household_id)
{
	struct dx_stmt *s = dx_q(st, SQL_MEMBER_ON);
	int rc;
	*household_id = 0;
	if (!s)
		return DX_DB;
	dx_bind_int(s, 1, id);
	dx_bind_text(s, 2, on);
	rc = dx_step_int(s, household_id);
	return rc == DX_NOT_FOUND ? DX_DB : rc;
}

/* The household's counted members, each with their periods newest first
 * (as SQL_MEMBER_ON picks the latest covering one); a person without
 * periods comes once with period id 0.  An open end reads as '' (from)
 * and '~' (to), which compare below and above every ISO date as NULL
 * does in COVERS. */
static const char SQL_COUNTED_PERIODS[] =
	"SELECT p.id, p.household_id, coalesce(m.id, 0), coalesce(m.household_id, 0),"
	" coalesce(m.from_on, ''), coalesce(m.to_on, '~')"
	" FROM person p LEFT JOIN membership m"
	"  ON m.county_code = p.county_code AND m.person_id = p.id"
	" WHERE p.counted = 1 AND (p.household_id = ?1"
	"  OR p.id IN (SELECT person_id FROM membership WHERE household_id = ?1))"
	" ORDER BY p.id, m.id DESC";

int dx_store_hh_counted_on(struct dx_store *st, int64_t household_id, const char (*days)[11],
			   size_t ndays, int *counts)
{
	struct dx_stmt *s;
	int64_t person = 0, in[DX_COUNTED_DAYS_MAX]; /* the person's household on each day */
	unsigned char known[DX_COUNTED_DAYS_MAX];
	int rc;
	if (ndays > DX_COUNTED_DAYS_MAX)
		return DX_INVALID;
	memset(counts, 0, ndays * sizeof(*counts));
	if (!ndays)
		return DX_OK;
	if (!(s = dx_q(st, SQL_COUNTED_PERIODS)))
		return DX_DB;
	dx_bind_int(s, 1, household_id);
	for (;;) {
		int64_t pid = 0, period = 0;
		rc = dx_step(s);
		if (rc && rc != DX_NOT_FOUND)
			break;
		if (!rc)
			pid = dx_col_int(s, 0);
		if (person && pid != person) {
			/* the person's rows are done: a day no period covers is
			 * one in no household (they have periods) */
			for (size_t k = 0; k < ndays; k++)
				if (known[k] && in[k] == household_id)
					counts[k]++;
		}
		if (rc == DX_NOT_FOUND) {
			rc = DX_OK;
			break;
		}
		if (pid != person) {
			person = pid;
			memset(known, 0, ndays);
		}
		period = dx_col_int(s, 2);
		for (size_t k = 0; k < ndays; k++) {
			if (known[k])
				continue;
			if (!period) { /* no history: person.household_id all along */
				known[k] = 1;
				in[k] = dx_col_int(s, 1);
			} else if (strcmp(dx_col_text(s, 4), days[k]) <= 0 &&
			           strcmp(dx_col_text(s, 5), days[k]) > 0) {
				known[k] = 1;
				in[k] = dx_col_int(s, 3);
			}
		}
	}
	s->drv->reset(s);
	return rc;
}

/* Registered members of household h on day d: those without history who
 * are current members, and the periods covering d. */
#define MEMBERS_ON(h, d)                                                                  \
	"((SELECT count(*) FROM person p WHERE p.household_id = " h " AND p.left_on IS NULL" \
	"  AND NOT EXISTS (SELECT 1 FROM membership x WHERE x.person_id = p.id))"         \
	" + (SELECT count(*) FROM membership m WHERE m.household_id = " h " AND"          \
	COVERS("m", d) "))"
/* An episode covers household h on day d: identified by then, not ended. */
#define MONITORED_ON(h, d)                                                       \
	" EXISTS (SELECT 1 FROM episode e WHERE e.household_id = " h                \
	" AND e.identified_on <= " d " AND (e.ended_on IS NULL OR e.ended_on > " d "))"
#define IN_AREA(h) " " h ".area_code >= ?1 AND " h ".area_code < ?1 || ':' "

/* ?1 area, ?2 from, ?3 to.  Households come from the county's episodes
 * (the index episode_county), a few hundred, not from every household. */
#define COUNTY_EP " e.county_code = substr(?1, 1, 6) "
/* An area narrower than a county: its own episodes, which carry their
 * household's area (schema v15, the index episode_area). */
#define AREA_EP " episode e WHERE e.area_code >= ?1 AND e.area_code < ?1 || ':' "
/* x: the households a period's 纳入 counts (NC_INCLUDED counts them,
 * NC_EACH lists them: one definition for the figure and its list) */
#define NC_INCLUDED_X(ep)                                                        \
	"WITH x AS (SELECT DISTINCT e.household_id AS id FROM " ep                 \
	" AND e.identified_on >= ?2 AND e.identified_on <= ?3"                    \
	" AND NOT EXISTS (SELECT 1 FROM episode r WHERE r.id = e.prev_id"          \
	"  AND r.end_reason = '风险消除回退'))"
#define NC_COUNT                                                                 \
	" SELECT count(*), coalesce(sum(" MEMBERS_ON("h.id", "?3") "), 0)"         \
	" FROM x JOIN household h ON h.id = x.id WHERE" IN_AREA("h")
#define NC_INCLUDED(ep) NC_INCLUDED_X(ep) NC_COUNT
static const char SQL_NC_INCLUDED[] = NC_INCLUDED("episode e WHERE" COUNTY_EP);
static const char SQL_NC_INCLUDED_AREA[] = NC_INCLUDED(AREA_EP);
static const char SQL_NC_ADDED[] =
	"SELECT count(*) FROM membership m JOIN household h ON h.id = m.household_id"
	" WHERE" IN_AREA("h") "AND m.from_on >= ?2 AND m.from_on <= ?3 AND"
	MONITORED_ON("h.id", "m.from_on");
static const char SQL_NC_LEFT[] =
	"SELECT count(DISTINCT h.id), count(*) FROM membership m"
	" JOIN household h ON h.id = m.household_id"
	" WHERE" IN_AREA("h") "AND m.to_on >= ?2 AND m.to_on <= ?3 AND"
	MONITORED_ON("h.id", "m.to_on");
#define NC_ELIMINATED_X(ep)                                                      \
	"WITH x AS (SELECT DISTINCT e.household_id AS id FROM " ep                 \
	" AND e.eliminated_on >= ?2 AND e.eliminated_on <= ?3"                    \
	" AND NOT (coalesce(e.end_reason, '') = '风险消除回退' AND e.ended_on <= ?3))"
#define NC_ELIMINATED(ep) NC_ELIMINATED_X(ep) NC_COUNT
static const char SQL_NC_ELIMINATED[] = NC_ELIMINATED("episode e WHERE" COUNTY_EP);
static const char SQL_NC_ELIMINATED_AREA[] = NC_ELIMINATED(AREA_EP);

/* (names ?2 and ?3 only because nc_query binds them) */
static const char SQL_NC_RECORDED[] =
	"SELECT EXISTS (SELECT 1 FROM membership m JOIN household h ON h.id = m.household_id"
	" WHERE" IN_AREA("h") "AND ?2 = ?2 AND ?3 = ?3)";

static int nc_query(struct dx_store *st, const char *sql, const char *area, const char *from,
		    const char *to, long *a, long *b)
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
	*a = (long)dx_col_int(s, 0);
	if (b)
		*b = (long)dx_col_int(s, 1);
	return dx_step_done(s);
}

int dx_store_natural_change(struct dx_store *st, const char *area, const char *from,
			    const char *to, struct dx_natural_change *out)
{
	int rc;
	long recorded = 0;
	int narrow = strlen(area) > 6;
	memset(out, 0, sizeof(*out));
	if ((rc = nc_query(st, SQL_NC_RECORDED, area, from, to, &recorded, NULL)))
		return rc;
	out->recorded = recorded != 0;
	if ((rc = nc_query(st, narrow ? SQL_NC_INCLUDED_AREA : SQL_NC_INCLUDED, area, from, to,
			   &out->included,
			   &out->included_persons)) ||
	    (rc = nc_query(st, SQL_NC_ADDED, area, from, to, &out->added, NULL)) ||
	    (rc = nc_query(st, SQL_NC_LEFT, area, from, to, &out->left_households, &out->left)))
		return rc;
	return nc_query(st, narrow ? SQL_NC_ELIMINATED_AREA : SQL_NC_ELIMINATED, area, from, to,
			&out->eliminated,
			&out->eliminated_persons);
}

/* The households of x, with the names a cadre reads them by and their
 * registered members on ?3 (as NC_COUNT adds them up). */
#define NC_EACH                                                                  \
	" SELECT h.hh_no, h.head_name, h.area_code, coalesce(t.name, ''),"         \
	" coalesce(v.name, ''), " MEMBERS_ON("h.id", "?3")                         \
	" FROM x JOIN household h ON h.id = x.id"                                  \
	" LEFT JOIN area v ON v.county_code = h.county_code AND v.code = h.area_code"   \
	" LEFT JOIN area t ON t.county_code = h.county_code"                       \
	"  AND t.code = substr(h.area_code, 1, 9)"                                 \
	" WHERE" IN_AREA("h") " ORDER BY h.hh_no"
static const char SQL_NC_INCLUDED_EACH[] = NC_INCLUDED_X("episode e WHERE" COUNTY_EP) NC_EACH;
static const char SQL_NC_INCLUDED_AREA_EACH[] = NC_INCLUDED_X(AREA_EP) NC_EACH;
static const char SQL_NC_ELIMINATED_EACH[] = NC_ELIMINATED_X("episode e WHERE" COUNTY_EP) NC_EACH;
static const char SQL_NC_ELIMINATED_AREA_EACH[] = NC_ELIMINATED_X(AREA_EP) NC_EACH;

int dx_store_natural_change_each(struct dx_store *st, const char *area, const char *from,
				 const char *to, enum dx_nc_which which,
				 int (*fn)(const struct dx_nc_household *, void *), void *arg)
{
	int narrow = strlen(area) > 6;
	const char *sql = which == DX_NC_ELIMINATED
				  ? (narrow ? SQL_NC_ELIMINATED_AREA_EACH : SQL_NC_ELIMINATED_EACH)
				  : (narrow ? SQL_NC_INCLUDED_AREA_EACH : SQL_NC_INCLUDED_EACH);
	struct dx_stmt *s = dx_q(st, sql);
	struct dx_nc_household h;
	int rc;
	if (!s)
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, from);
	dx_bind_text(s, 3, to);
	while ((rc = dx_step(s)) == DX_OK) {
		h.hh_no = dx_col_text(s, 0);
		h.head_name = dx_col_text(s, 1);
		h.area_code = dx_col_text(s, 2);
		h.township = dx_col_text(s, 3);
		h.village = dx_col_text(s, 4);
		h.persons = (long)dx_col_int(s, 5);
		if ((rc = fn(&h, arg)))
			return rc;
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}
