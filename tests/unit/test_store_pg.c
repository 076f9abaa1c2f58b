/*
 * test_store_pg.c - the PostgreSQL driver's own cases (issue 16), beyond
 * the store contract every driver passes (test_store_contract.c).
 *
 * Without a server (`make unit`): the placeholder rewrite (`?`, `?N`
 * reused, a `?` inside a literal, a quoted name or a comment) and the
 * COPY text escaping.  With DIXIAN_STORE_URL naming a PostgreSQL database
 * (`make pgtest`, tests/store/pg_test.sh): the same at run time, rows
 * streamed while other statements run between them, a COPY
 * of members whose fields hold tabs, backslashes, newlines and Chinese
 * read back unchanged, the retry of a serialization failure, a bulk load
 * that keeps the triggers and locks no other writer out, and a
 * password never in a message.  The server cases are skipped otherwise.
 */
#include "testutil.h"
#include "app/audit_verify.h"
#include "app/demo.h"
#include "store/derived.h"
#include "store/store.h"
#include "store/store_int.h"

#include <fcntl.h>
#include <unistd.h>

static const char *pg_url(void)
{
	const char *url = getenv("DIXIAN_STORE_URL");
	return url && *url && dx_store_is_pg_target(url) ? url : NULL;
}

/* ---- placeholders ---- */

static void rewritten(const char *sql, const char *want, int want_n, const char *want_used)
{
	unsigned char used[512] = {0};
	int n = -1;
	char *got = dx_pg_rewrite(sql, &n, used);
	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(n, want_n);
	for (int i = 1; i <= want_n; i++)
		assert_int_equal(used[i], want_used[i - 1] == '1');
	free(got);
}

static void test_rewrite(void **state)
{
	(void)state;
	rewritten("SELECT ?, ?, ?", "SELECT $1, $2, $3", 3, "111");
	/* ?N reused, and a bare ? after it takes the largest + 1 (SQLite) */
	rewritten("SELECT ?1 || ?1 || ?2", "SELECT $1 || $1 || $2", 2, "11");
	rewritten("WHERE a = ?2 AND b = ?", "WHERE a = $2 AND b = $3", 3, "011");
	/* a number the text skips: used[] says so (declared text) */
	rewritten("SELECT ?3", "SELECT $3", 3, "001");
	/* not inside a literal, an E'' literal, a quoted name or a comment */
	rewritten("SELECT '?' || ? || 'it''s ?1'", "SELECT '?' || $1 || 'it''s ?1'", 1, "1");
	rewritten("SELECT E'\\'?' , ?", "SELECT E'\\'?' , $1", 1, "1");
	rewritten("SELECT \"a?\" FROM t WHERE x = ?", "SELECT \"a?\" FROM t WHERE x = $1", 1,
		  "1");
	rewritten("SELECT 1 -- why?\n, ? /* ?2 */", "SELECT 1 -- why?\n, $1 /* ?2 */", 1, "1");
	rewritten("SELECT 1", "SELECT 1", 0, "");
	/* Chinese text passes unchanged */
	rewritten("SELECT '户主？' || ?", "SELECT '户主？' || $1", 1, "1");
	{
		int n;
		assert_null(dx_pg_rewrite("SELECT ?0", &n, NULL));
		assert_null(dx_pg_rewrite("SELECT ?99999", &n, NULL));
	}
}

static void test_copy_escape(void **state)
{
	struct dx_buf b = DX_BUF_INIT;
	(void)state;
	dx_pg_copy_text(&b, "a\tb\\c\nd\re");
	assert_string_equal(b.buf, "a\\tb\\\\c\\nd\\re");
	dx_buf_reset(&b);
	dx_pg_copy_text(&b, "罗涛\t李芳");
	assert_string_equal(b.buf, "罗涛\\t李芳");
	dx_buf_reset(&b);
	dx_pg_copy_text(&b, NULL);
	assert_string_equal(b.buf, "\\N");
	dx_buf_reset(&b);
	dx_pg_copy_text(&b, "\\N");
	assert_string_equal(b.buf, "\\\\N"); /* the text \N, not a NULL */
	dx_buf_release(&b);
}

/* ---- against a server ---- */

static struct dx_store *open_fresh(void)
{
	struct dx_store *st = NULL;
	const char *url = pg_url();
	assert_int_equal(dx_store_open(&st, url, DX_STORE_CREATE), DX_OK);
	assert_int_equal(st->drv->exec(st, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"),
			 DX_OK);
	dx_store_close(st);
	st = NULL;
	assert_int_equal(dx_store_open(&st, url, DX_STORE_CREATE), DX_OK);
	return st;
}

static void put_village(struct dx_store *st)
{
	assert_int_equal(dx_store_area_put(st, "532326", "大姚县"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106", "示例乡"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106001", "青山村"), DX_OK);
}

static void test_placeholders_run(void **state)
{
	static const char SQL_REUSE[] = "SELECT ?1 || '-' || ?1 || '-' || ?2";
	static const char SQL_LITERAL[] = "SELECT '?' || ? || '?1'";
	struct dx_store *st;
	struct dx_stmt *s;
	(void)state;
	if (!pg_url())
		skip();
	st = open_fresh();
	assert_non_null(s = dx_q(st, SQL_REUSE));
	dx_bind_text(s, 1, "甲");
	dx_bind_text(s, 2, "乙");
	assert_int_equal(dx_step(s), DX_OK);
	assert_string_equal(dx_col_text(s, 0), "甲-甲-乙");
	assert_int_equal(dx_step(s), DX_NOT_FOUND);
	assert_non_null(s = dx_q(st, SQL_LITERAL));
	dx_bind_text(s, 1, "x");
	assert_int_equal(dx_step(s), DX_OK);
	assert_string_equal(dx_col_text(s, 0), "?x?1");
	dx_store_close(st);
}

/* Rows stream one at a time; a statement run while another is between
 * rows (a look-up inside a scan's loop) leaves the first one's rows
 * whole, and a reset in the middle leaves the connection free. */
static void test_interleave(void **state)
{
	static const char SQL_SCAN[] = "SELECT g, 'r' || g FROM generate_series(1, ?) g";
	static const char SQL_LOOK[] = "SELECT ?1 * 10";
	struct dx_store *st;
	struct dx_stmt *a, *b;
	int64_t v = 0, sum = 0;
	int rc;
	(void)state;
	if (!pg_url())
		skip();
	st = open_fresh();
	assert_non_null(a = dx_q(st, SQL_SCAN));
	dx_bind_int(a, 1, 5);
	assert_int_equal(dx_store_begin(st), DX_OK);
	while ((rc = dx_step(a)) == DX_OK) {
		int64_t g = dx_col_int(a, 0);
		char want[8];
		dx_snprintf(want, sizeof(want), "r%d", (int)g);
		assert_string_equal(dx_col_text(a, 1), want);
		assert_non_null(b = dx_q(st, SQL_LOOK));
		dx_bind_int(b, 1, g);
		assert_int_equal(dx_step_int(b, &v), DX_OK);
		assert_int_equal(v, g * 10);
		sum += g;
	}
	assert_int_equal(rc, DX_NOT_FOUND);
	assert_int_equal(sum, 15);
	/* left after its first row, then reset: the next statements run */
	assert_non_null(a = dx_q(st, SQL_SCAN));
	dx_bind_int(a, 1, 100000);
	assert_int_equal(dx_step(a), DX_OK);
	a->drv->reset(a);
	assert_non_null(b = dx_q(st, SQL_LOOK));
	dx_bind_int(b, 1, 4);
	assert_int_equal(dx_step_int(b, &v), DX_OK);
	assert_int_equal(v, 40);
	/* left on a row across a commit */
	assert_non_null(a = dx_q(st, SQL_SCAN));
	dx_bind_int(a, 1, 3);
	assert_int_equal(dx_step(a), DX_OK);
	assert_int_equal(dx_store_commit(st), DX_OK);
	assert_int_equal(dx_step(a), DX_OK);
	assert_int_equal(dx_col_int(a, 0), 2);
	dx_store_close(st);
}

static void test_copy_roundtrip(void **state)
{
	static const char SQL_READ[] =
		"SELECT name, health, work_place, phone, coalesce(work_months, -1), household_id"
		" FROM person WHERE id = ?";
	struct dx_store *st;
	struct dx_household h = {.tuopin_year = 2016}, *hp[1] = {&h};
	struct dx_derived d = {0};
	struct dx_person a = {.work_months = -1, .counted = 1}, b = a, *pp[2] = {&a, &b};
	char area[2][13] = {"532326106001", "532326106001"};
	struct dx_stmt *s;
	(void)state;
	if (!pg_url())
		skip();
	st = open_fresh();
	put_village(st);
	dx_strlcpy(h.hh_no, "532326106001000001", sizeof(h.hh_no));
	dx_strlcpy(h.area_code, "532326106001", sizeof(h.area_code));
	dx_strlcpy(h.kind, "脱贫户", sizeof(h.kind));
	dx_strlcpy(h.group_name, "第一\t组\\", sizeof(h.group_name));
	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_household_insert_many(st, hp, &d, 1), DX_OK);
	assert_true(h.id > 0);
	a.household_id = b.household_id = h.id;
	dx_strlcpy(a.id_no, "532326196810020031", sizeof(a.id_no));
	dx_strlcpy(a.name, "罗\t涛", sizeof(a.name));
	dx_strlcpy(a.relation, "户主", sizeof(a.relation));
	dx_strlcpy(a.health, "患有大病\n残疾", sizeof(a.health));
	dx_strlcpy(a.work_place, "C:\\省外\r", sizeof(a.work_place));
	dx_strlcpy(a.phone, "\\N", sizeof(a.phone));
	a.work_months = 6;
	dx_strlcpy(b.id_no, "11010519491231002X", sizeof(b.id_no));
	dx_strlcpy(b.name, "李芳", sizeof(b.name));
	dx_strlcpy(b.relation, "配偶", sizeof(b.relation));
	assert_int_equal(dx_store_person_insert_many(st, pp, (const char(*)[13])area, 2), DX_OK);
	assert_true(a.id > 0 && b.id == a.id + 1);
	assert_int_equal(dx_store_commit(st), DX_OK);
	assert_non_null(s = dx_q(st, SQL_READ));
	dx_bind_int(s, 1, a.id);
	assert_int_equal(dx_step(s), DX_OK);
	assert_string_equal(dx_col_text(s, 0), "罗\t涛");
	assert_string_equal(dx_col_text(s, 1), "患有大病\n残疾");
	assert_string_equal(dx_col_text(s, 2), "C:\\省外\r");
	assert_string_equal(dx_col_text(s, 3), "\\N");
	assert_false(dx_col_null(s, 3));
	assert_int_equal(dx_col_int(s, 4), 6);
	assert_int_equal(dx_col_int(s, 5), h.id);
	assert_non_null(s = dx_q(st, SQL_READ));
	dx_bind_int(s, 1, b.id);
	assert_int_equal(dx_step(s), DX_OK);
	assert_int_equal(dx_col_int(s, 4), -1); /* NULL went in as NULL */
	/* ids the caller chose move the sequence past them: the next
	 * ordinary insert gets a free id */
	{
		struct dx_person c = a, *cp[1] = {&c};
		struct dx_person e = a;
		c.id = b.id + 10;
		dx_strlcpy(c.id_no, "532326199001010012", sizeof(c.id_no));
		assert_int_equal(dx_store_person_insert_many(st, cp, (const char(*)[13])area, 1),
				 DX_OK);
		e.id = 0;
		dx_strlcpy(e.id_no, "532326199001010039", sizeof(e.id_no));
		assert_int_equal(dx_store_person_insert(st, &e), DX_OK);
		assert_true(e.id > c.id);
	}
	/* a duplicate 身份证 in a COPY is DX_EXISTS, from the COPY's call
	 * or the next one (the COPY's result is read then: store.h), here
	 * the commit's, and the transaction stores nothing */
	{
		struct dx_person c = a, *cp[1] = {&c};
		int64_t n = -1;
		int rc;
		c.id = 0;
		assert_int_equal(dx_store_begin(st), DX_OK);
		rc = dx_store_person_insert_many(st, cp, (const char(*)[13])area, 1);
		if (rc == DX_OK)
			rc = dx_store_commit(st);
		assert_int_equal(rc, DX_EXISTS);
		assert_int_equal(dx_store_rollback(st), DX_OK);
		assert_int_equal(dx_store_count(st, "person", "532326", &n), DX_OK);
		assert_int_equal(n, 4);
	}
	dx_store_close(st);
}

/* The retry: the first attempt reads the area, another connection then
 * renames it and commits, and the attempt's own rename is a serialization
 * failure (DX_BUSY), which dx_store_txn retries; `always` interferes on
 * every attempt, so the retries run out and DX_BUSY comes back. */
struct race {
	struct dx_store *other;
	int attempts, always;
};

static int rename_race(struct dx_store *st, void *arg)
{
	struct race *r = arg;
	struct dx_area a;
	int rc;
	r->attempts++;
	if ((rc = dx_store_area_get(st, "532326106", &a)))
		return rc;
	if (r->attempts == 1 || r->always) {
		char name[32];
		dx_snprintf(name, sizeof(name), "他人改名%d", r->attempts);
		assert_int_equal(dx_store_area_put(r->other, "532326106", name), DX_OK);
	}
	return dx_store_area_put(st, "532326106", "本次改名");
}

/* Issue 16: a transaction that appends to the audit chain of the county
 * it last appended to knows the head already: one round trip a row, not
 * two (the head's read and the insert), so an import's audit rows cost
 * half.  Another county, and a new transaction, read the head again; the
 * chains verify whole. */
static void test_audit_one_trip(void **state)
{
	struct dx_store *st;
	struct dx_audit_verdict v;
	struct dx_buf why = DX_BUF_INIT;
	int64_t before;
	(void)state;
	if (!pg_url())
		skip();
	st = open_fresh();
	for (int t = 0; t < 2; t++) {
		assert_int_equal(dx_store_begin(st), DX_OK);
		for (int i = 0; i < 4; i++) {
			before = dx_pg_round_trips(st);
			assert_int_equal(dx_store_audit(st, "532326", "t", "import.insert", "person",
							"1", NULL, "{}"),
					 DX_OK);
			/* the first of a transaction reads the head (the very
			 * first also looks for unchained rows and prepares) */
			assert_int_equal(dx_pg_round_trips(st) - before,
					 i ? 1 : t ? 2 : 6);
		}
		before = dx_pg_round_trips(st);
		assert_int_equal(dx_store_audit(st, "532399", "t", "import.insert", "person", "2",
						NULL, "{}"),
				 DX_OK);
		assert_int_equal(dx_pg_round_trips(st) - before, t ? 2 : 3);
		before = dx_pg_round_trips(st);
		assert_int_equal(dx_store_audit(st, "532326", "t", "import.insert", "person", "3",
						NULL, "{}"),
				 DX_OK);
		assert_int_equal(dx_pg_round_trips(st) - before, 2);
		assert_int_equal(dx_store_commit(st), DX_OK);
	}
	/* a rolled-back append leaves no head behind */
	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_audit(st, "532326", "t", "import.insert", "person", "4", NULL,
					"{}"),
			 DX_OK);
	assert_int_equal(dx_store_rollback(st), DX_OK);
	assert_int_equal(dx_store_audit(st, "532326", "t", "import.insert", "person", "5", NULL,
					"{}"),
			 DX_OK);
	assert_int_equal(dx_audit_verify(st, NULL, &v, &why), DX_OK);
	assert_int_equal(v.broken, 0);
	assert_int_equal(v.rows, 13);
	dx_buf_release(&why);
	dx_store_close(st);
}

/* Issue 16: a new row's id comes back with its insert (RETURNING id), so
 * an insert whose caller needs the id is one round trip to the server,
 * not two (lastval() after it); the second and third are the next ones,
 * each prepared already.  An insert into no household is still refused. */
static void test_insert_one_trip(void **state)
{
	struct dx_store *st;
	struct dx_household h = {.tuopin_year = 2016};
	struct dx_person p = {.work_months = -1, .counted = 1};
	struct dx_episode e = {0};
	int64_t before, first_id;
	(void)state;
	if (!pg_url())
		skip();
	st = open_fresh();
	put_village(st);
	dx_strlcpy(h.area_code, "532326106001", sizeof(h.area_code));
	dx_strlcpy(h.kind, "脱贫户", sizeof(h.kind));
	for (int i = 0; i < 2; i++) {
		dx_snprintf(h.hh_no, sizeof(h.hh_no), "53232610600100000%d", i + 1);
		/* the first round prepares each statement (one more trip) */
		before = dx_pg_round_trips(st);
		assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
		assert_int_equal(dx_pg_round_trips(st) - before, i ? 1 : 2);
		assert_true(h.id > 0);
		p.household_id = h.id;
		dx_snprintf(p.id_no, sizeof(p.id_no), "53232619681002003%d", i);
		dx_strlcpy(p.name, "罗涛", sizeof(p.name));
		dx_strlcpy(p.relation, "户主", sizeof(p.relation));
		before = dx_pg_round_trips(st);
		assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
		assert_int_equal(dx_pg_round_trips(st) - before, i ? 1 : 2);
		e.household_id = h.id;
		dx_strlcpy(e.category, "脱贫不稳定户", sizeof(e.category));
		dx_strlcpy(e.identified_on, "2026-01-05", sizeof(e.identified_on));
		before = dx_pg_round_trips(st);
		assert_int_equal(dx_store_episode_insert(st, &e), DX_OK);
		assert_int_equal(dx_pg_round_trips(st) - before, i ? 1 : 2);
		if (!i)
			first_id = p.id;
		else
			assert_true(p.id > first_id);
	}
	/* the ids are the rows' own */
	struct dx_stmt *s;
	static const char SQL_HEAD[] = "SELECT household_id FROM person WHERE id = ?";
	assert_non_null(s = dx_q(st, SQL_HEAD));
	dx_bind_int(s, 1, p.id);
	int64_t hid = 0;
	assert_int_equal(dx_step_int(s, &hid), DX_OK);
	assert_int_equal(hid, h.id);
	p.household_id = h.id + 1000;
	assert_int_equal(dx_store_person_insert(st, &p), DX_NOT_FOUND);
	e.household_id = h.id + 1000;
	assert_int_equal(dx_store_episode_insert(st, &e), DX_NOT_FOUND);
	dx_store_close(st);
}

static void test_serialization_retry(void **state)
{
	struct dx_store *st, *other = NULL;
	struct race r = {0};
	struct dx_area a;
	(void)state;
	if (!pg_url())
		skip();
	st = open_fresh();
	put_village(st);
	assert_int_equal(dx_store_open(&other, pg_url(), 0), DX_OK);
	r.other = other;
	assert_int_equal(dx_store_txn(st, rename_race, &r), DX_OK);
	assert_int_equal(r.attempts, 2);
	assert_int_equal(dx_store_area_get(st, "532326106", &a), DX_OK);
	assert_string_equal(a.name, "本次改名");
	memset(&r, 0, sizeof(r));
	r.other = other;
	r.always = 1;
	assert_int_equal(dx_store_txn(st, rename_race, &r), DX_BUSY);
	assert_true(r.attempts >= 2 && r.attempts <= 5);
	dx_store_close(other);
	dx_store_close(st);
}

/* The one number sql selects, as connection st sees it. */
static int64_t count_of(struct dx_store *st, const char *sql)
{
	struct dx_stmt *s = dx_q(st, sql);
	int64_t n = -1;
	assert_non_null(s);
	assert_int_equal(dx_step_int(s, &n), DX_OK);
	return n;
}

/* The member-derived triggers of person that are enabled (6 of 6 but
 * while a first load has them off). */
static const char SQL_ENABLED[] =
	"SELECT count(*) FROM pg_trigger WHERE tgrelid = 'person'::regclass"
	" AND NOT tgisinternal AND tgenabled = 'O'"
	" AND (tgname LIKE 'person_members_%' OR tgname LIKE 'person_summary_%')";

/* household.members as connection st sees it */
static int64_t members_of(struct dx_store *st, int64_t id)
{
	static const char SQL_MEMBERS[] = "SELECT members FROM household WHERE id = ?";
	struct dx_stmt *s = dx_q(st, SQL_MEMBERS);
	int64_t n = -1;
	assert_non_null(s);
	dx_bind_int(s, 1, id);
	assert_int_equal(dx_step_int(s, &n), DX_OK);
	return n;
}

/*
 * A bulk load into a store that holds members turns the member triggers
 * aside for its own transaction only (schema version 16: SET LOCAL
 * dixian.bulk_load), never with ALTER TABLE: while it is open, another
 * connection writes members at once
 * (ALTER TABLE ... DISABLE TRIGGER held a SHARE ROW EXCLUSIVE lock that
 * kept it waiting until the lock timeout) and its triggers keep its
 * household's members; the loader's own insert leaves them to the loader
 * (bulk_stale, recomputed at commit); after the commit they fire again.
 */
static void test_bulk_keeps_triggers(void **state)
{
	struct dx_store *st, *other = NULL;
	struct dx_household h = {.tuopin_year = 0}, h2;
	struct dx_person a = {.work_months = -1, .counted = 1}, b, c, d;
	(void)state;
	if (!pg_url())
		skip();
	st = open_fresh();
	put_village(st);
	dx_strlcpy(h.area_code, "532326106001", sizeof(h.area_code));
	dx_strlcpy(h.kind, "一般户", sizeof(h.kind));
	h2 = h;
	dx_strlcpy(h.hh_no, "532326106001000001", sizeof(h.hh_no));
	dx_strlcpy(h2.hh_no, "532326106001000002", sizeof(h2.hh_no));
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	assert_int_equal(dx_store_household_insert(st, &h2), DX_OK);
	dx_strlcpy(a.relation, "户主", sizeof(a.relation));
	dx_strlcpy(a.name, "罗涛", sizeof(a.name));
	b = c = a;
	a.household_id = c.household_id = h.id;
	b.household_id = h2.id;
	dx_strlcpy(a.id_no, "532326196810020031", sizeof(a.id_no));
	dx_strlcpy(b.id_no, "11010519491231002X", sizeof(b.id_no));
	dx_strlcpy(c.id_no, "532326199001010012", sizeof(c.id_no));
	/* a member already stored: not the store's first load (below) */
	d = b;
	dx_strlcpy(d.id_no, "532326198505050017", sizeof(d.id_no));
	assert_int_equal(dx_store_person_insert(st, &d), DX_OK);
	assert_int_equal(dx_store_open(&other, pg_url(), 0), DX_OK);

	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_bulk_begin(st), DX_OK);
	assert_int_equal(dx_store_person_insert(st, &a), DX_OK);
	assert_int_equal(members_of(st, h.id), 0); /* the loader keeps it */
	assert_int_equal(dx_store_bulk_stale(st, h.id), DX_OK);
	/* another connection, meanwhile: not kept waiting, triggers firing */
	assert_int_equal(dx_store_person_insert(other, &b), DX_OK);
	assert_int_equal(members_of(other, h2.id), 2);
	assert_int_equal(count_of(other, SQL_ENABLED), 6);
	assert_int_equal(dx_store_commit(st), DX_OK);
	assert_int_equal(members_of(st, h.id), 1); /* recomputed at the end */
	/* after the load, the loader's connection fires them again */
	assert_int_equal(dx_store_person_insert(st, &c), DX_OK);
	assert_int_equal(members_of(st, h.id), 2);
	dx_store_close(other);
	dx_store_close(st);
}

/* A fresh store's village with one household h, and a and b: two members
 * of it, not yet inserted (the first loads' tests). */
static void one_household(struct dx_store *st, struct dx_household *h, struct dx_person *a,
			  struct dx_person *b)
{
	memset(h, 0, sizeof(*h));
	memset(a, 0, sizeof(*a));
	put_village(st);
	dx_strlcpy(h->area_code, "532326106001", sizeof(h->area_code));
	dx_strlcpy(h->kind, "一般户", sizeof(h->kind));
	dx_strlcpy(h->hh_no, "532326106001000001", sizeof(h->hh_no));
	assert_int_equal(dx_store_household_insert(st, h), DX_OK);
	a->work_months = -1;
	a->counted = 1;
	dx_strlcpy(a->relation, "户主", sizeof(a->relation));
	dx_strlcpy(a->name, "罗涛", sizeof(a->name));
	a->household_id = h->id;
	*b = *a;
	dx_strlcpy(a->id_no, "532326196810020031", sizeof(a->id_no));
	dx_strlcpy(b->id_no, "532326199001010012", sizeof(b->id_no));
}

/*
 * The store's first load (no member yet, nobody else on the two tables)
 * drops the member and household tables' indexes that no constraint
 * owns, their references and the derived-column triggers, and makes them
 * again as it ends (store_pg.c, try_rebuild): inside the load they are
 * gone, after its commit they are back and work (the members counted,
 * the triggers firing), and a rollback brings them back as well.
 */
static void test_bulk_first_load_rebuilds(void **state)
{
	static const char SQL_GONE[] =
		"SELECT (to_regclass('person_area') IS NULL)::int + (to_regclass('household_area_cover')"
		" IS NULL)::int + (SELECT count(*) FROM pg_constraint WHERE conname ="
		" 'person_household_id_fkey') * 10";
	struct dx_store *st;
	struct dx_household h;
	struct dx_person a, b;
	(void)state;
	if (!pg_url())
		skip();
	st = open_fresh();
	one_household(st, &h, &a, &b);
	assert_int_equal(count_of(st, SQL_GONE), 10);

	/* rolled back: the schema as it was */
	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_bulk_begin(st), DX_OK);
	assert_int_equal(count_of(st, SQL_GONE), 2);
	assert_int_equal(count_of(st, SQL_ENABLED), 0);
	assert_int_equal(dx_store_rollback(st), DX_OK);
	assert_int_equal(count_of(st, SQL_GONE), 10);
	assert_int_equal(count_of(st, SQL_ENABLED), 6);

	/* committed: made again, and doing their work */
	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_bulk_begin(st), DX_OK);
	assert_int_equal(count_of(st, SQL_GONE), 2);
	assert_int_equal(dx_store_person_insert(st, &a), DX_OK);
	assert_int_equal(dx_store_bulk_stale(st, h.id), DX_OK);
	assert_int_equal(dx_store_commit(st), DX_OK);
	assert_int_equal(count_of(st, SQL_GONE), 10);
	assert_int_equal(count_of(st, SQL_ENABLED), 6);
	assert_int_equal(members_of(st, h.id), 1);
	assert_int_equal(dx_store_person_insert(st, &b), DX_OK);
	assert_int_equal(members_of(st, h.id), 2);
	/* and the next bulk load, the store holding members, keeps them */
	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_bulk_begin(st), DX_OK);
	assert_int_equal(count_of(st, SQL_GONE), 10);
	assert_int_equal(dx_store_commit(st), DX_OK);
	dx_store_close(st);
}

/*
 * Two first loads at once: the second takes its snapshot, the first
 * rebuilds and commits, then the second's bulk load begins.  Its snapshot
 * still shows the tables empty and the indexes the first one dropped; it
 * keeps the schema as it now is (it used to ask to drop an index by an
 * oid that no longer was one, a syntax error), and its members go in.
 */
static void test_bulk_first_load_after_another(void **state)
{
	static const char SQL_GONE[] =
		"SELECT (to_regclass('person_area') IS NULL)::int + (to_regclass('household_area_cover')"
		" IS NULL)::int";
	struct dx_store *st, *other = NULL;
	struct dx_household h;
	struct dx_person a, b;
	(void)state;
	if (!pg_url())
		skip();
	st = open_fresh();
	one_household(st, &h, &a, &b);
	assert_int_equal(dx_store_open(&other, pg_url(), 0), DX_OK);

	assert_int_equal(dx_store_begin(st), DX_OK);
	/* its snapshot, taken by a read of another table (in an import, a
	 * read of the member table waits for the other's lock instead) */
	assert_int_equal(count_of(st, "SELECT count(*) FROM area") > 0, 1);
	assert_int_equal(dx_store_begin(other), DX_OK);
	assert_int_equal(dx_store_bulk_begin(other), DX_OK);
	assert_int_equal(count_of(other, SQL_GONE), 2); /* the other rebuilds */
	assert_int_equal(dx_store_person_insert(other, &a), DX_OK);
	assert_int_equal(dx_store_commit(other), DX_OK);
	assert_int_equal(dx_store_bulk_begin(st), DX_OK);
	assert_int_equal(count_of(st, SQL_GONE), 0); /* this one keeps them */
	assert_int_equal(dx_store_person_insert(st, &b), DX_OK);
	assert_int_equal(dx_store_commit(st), DX_OK);
	assert_int_equal(count_of(st, "SELECT count(*) FROM person"), 2);
	assert_int_equal(count_of(st, SQL_GONE), 0);
	dx_store_close(other);
	dx_store_close(st);
}

/* The log as the front end's sink receives it (core/dx.h). */
struct logbuf {
	char *out;
	size_t size, len;
};

static void log_into(void *arg, enum dx_log_level lvl, const char *msg)
{
	struct logbuf *b = arg;
	(void)lvl;
	int n = snprintf(b->out + b->len, b->size - b->len, "%s\n", msg);
	if (n > 0)
		b->len += (size_t)n < b->size - b->len ? (size_t)n : b->size - b->len - 1;
}

/* Run open on target with the log captured into out. */
static int open_logged(const char *target, char *out, size_t size)
{
	struct logbuf b = {out, size, 0};
	struct dx_store *st = NULL;
	int rc;
	out[0] = '\0';
	dx_log_set_sink(log_into, &b);
	rc = dx_store_open(&st, target, 0);
	dx_log_set_sink(NULL, NULL);
	dx_store_close(st);
	return rc;
}

static void test_password_never_shown(void **state)
{
	char log[2048], url[512];
	const char *base = pg_url();
	(void)state;
	/* no server there: the message names the target masked */
	assert_int_equal(open_logged("postgresql://dx:Zq9SeCrEt@127.0.0.1:1/x", log, sizeof(log)),
			 DX_DB);
	assert_non_null(strstr(log, "cannot connect"));
	assert_non_null(strstr(log, "dx:***@"));
	assert_null(strstr(log, "Zq9SeCrEt"));
	assert_int_equal(open_logged("host=127.0.0.1 port=1 dbname=x password='Zq9 SeCrEt'", log,
				     sizeof(log)),
			 DX_DB);
	assert_null(strstr(log, "SeCrEt"));
	if (!base)
		return;
	/* the server answers, and refuses a role it does not know */
	dx_snprintf(url, sizeof(url), "%s%cuser=no_such_role&password=Zq9SeCrEt", base,
		    strchr(base, '?') ? '&' : '?');
	assert_int_equal(open_logged(url, log, sizeof(log)), DX_DB);
	assert_non_null(strstr(log, "no_such_role"));
	assert_null(strstr(log, "Zq9SeCrEt"));
}

/* A database the server does not have is a store that does not exist
 * (as a missing file): DX_NOT_FOUND, for `migrate` and the readers. */
static void test_missing_database(void **state)
{
	const char *base = pg_url(), *q;
	char url[512];
	struct dx_store *st = (void *)1;
	(void)state;
	if (!base || !(q = strchr(base, '?')))
		skip();
	dx_snprintf(url, sizeof(url), "postgresql:///dx_no_such_db%s", q);
	assert_int_equal(dx_store_open(&st, url, 0), DX_NOT_FOUND);
	assert_null(st);
	assert_int_equal(dx_store_upgrade(url, NULL, NULL), DX_NOT_FOUND);
}

/* Round trips and rows of a demo province of `households` per county
 * (two counties) into a fresh store: the trips into *trips. */
static void demo_into_fresh(long households, int64_t *trips, int64_t *stale)
{
	struct dx_demo_opts o = {.households = households, .seed = 7, .today = "2026-03-15",
				 .county = "530102", .counties = 2, .quiet = 1};
	struct dx_demo_stats ds;
	struct dx_store *st = open_fresh();
	int64_t before = dx_pg_round_trips(st), n = -1;
	assert_int_equal(dx_demo_generate(st, &o, &ds), DX_OK);
	*trips = dx_pg_round_trips(st) - before;
	assert_int_equal(ds.households, 2 * households);
	assert_int_equal(dx_store_count(st, "income", "", &n), DX_OK);
	assert_int_equal(n, 2 * ds.households); /* two years each */
	assert_int_equal(dx_store_count(st, "visit", "", &n), DX_OK);
	assert_int_equal(n, ds.visits);
	assert_int_equal(dx_store_count(st, "measure", "", &n), DX_OK);
	assert_int_equal(n, ds.measures);
	assert_int_equal(dx_store_derived_stale(st, stale), DX_OK);
	dx_store_close(st);
}

/* The demo generator writes a province through COPY (issue 16: 10M
 * people in minutes): its round trips to the server do not grow with the
 * households (a few per batch of 2000, and a single insert per episode),
 * where a row each made about seven per household; and the households'
 * member-derived columns, folded in memory, match their members. */
static void test_demo_copies(void **state)
{
	int64_t small, big, stale = -1;
	(void)state;
	if (!pg_url())
		skip();
	/* from about 1000 households on, a county's procedure (case files,
	 * their steps and audit rows: demo_procedure.c) is the same */
	demo_into_fresh(1200, &small, &stale);
	assert_int_equal(stale, 0);
	demo_into_fresh(3000, &big, &stale);
	assert_int_equal(stale, 0);
	/* 2 x 1800 households more: fewer than one trip per 10 (a row each
	 * made about 25,000 more) */
	print_message("demo round trips: %lld (2 x 1200 households), %lld (2 x 3000)\n",
		      (long long)small, (long long)big);
	assert_true(big - small < 360);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rewrite),
		cmocka_unit_test(test_copy_escape),
		cmocka_unit_test(test_placeholders_run),
		cmocka_unit_test(test_interleave),
		cmocka_unit_test(test_copy_roundtrip),
		cmocka_unit_test(test_serialization_retry),
		cmocka_unit_test(test_bulk_keeps_triggers),
		cmocka_unit_test(test_bulk_first_load_rebuilds),
		cmocka_unit_test(test_bulk_first_load_after_another),
		cmocka_unit_test(test_insert_one_trip),
		cmocka_unit_test(test_audit_one_trip),
		cmocka_unit_test(test_password_never_shown),
		cmocka_unit_test(test_missing_database),
		cmocka_unit_test(test_demo_copies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
