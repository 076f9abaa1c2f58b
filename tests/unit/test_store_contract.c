/*
 * test_store_contract.c - the store contract: what every driver behind
 * store.h must do, exercised through store.h alone (no SQL, no driver
 * header), so that the same suite judges the SQLite driver now and the
 * PostgreSQL driver of issue 16 later.
 *
 * The driver is chosen by a --db target, as the program chooses it:
 * DIXIAN_STORE_URL names a database to run against (a PostgreSQL URL:
 * `make pgtest` gives one in a throwaway cluster, tests/store/pg_test.sh),
 * which each test empties first (its schema dropped and made again, then
 * migrated by the open); unset, each test gets a fresh SQLite file.
 * `make test` runs it against both.
 */
#include "testutil.h"
#include "store/derived.h"
#include "store/store.h"
#include "store/store_int.h"

static char target[256];

/* A fresh store for one test: a new SQLite file, or the URL given. */
static struct dx_store *open_fresh(void)
{
	struct dx_store *st = NULL;
	const char *url = getenv("DIXIAN_STORE_URL");
	if (url && *url) {
		dx_strlcpy(target, url, sizeof(target));
		/* empty the database: a test starts from no schema at all */
		assert_int_equal(dx_store_open(&st, target, DX_STORE_CREATE), DX_OK);
		assert_int_equal(st->drv->exec(st, "DROP SCHEMA public CASCADE;"
						   " CREATE SCHEMA public"),
				 DX_OK);
		dx_store_close(st);
		st = NULL;
	} else {
		char path[64];
		tu_tmpdb(path);
		dx_strlcpy(target, path, sizeof(target));
	}
	assert_int_equal(dx_store_open(&st, target, DX_STORE_CREATE), DX_OK);
	assert_non_null(st);
	return st;
}

static void close_fresh(struct dx_store *st)
{
	dx_store_close(st);
	if (!strcmp(dx_store_driver_name(target), "sqlite"))
		tu_rm(target);
}

static void put_areas(struct dx_store *st)
{
	assert_int_equal(dx_store_area_put(st, "532326", "大姚县"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106", "示例乡"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106001", "青山村"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106002", "白石村"), DX_OK);
}

static struct dx_household hh(const char *no, const char *area, const char *kind)
{
	struct dx_household h = {.tuopin_year = 0};
	dx_strlcpy(h.hh_no, no, sizeof(h.hh_no));
	dx_strlcpy(h.area_code, area, sizeof(h.area_code));
	dx_strlcpy(h.kind, kind, sizeof(h.kind));
	if (!strcmp(kind, "脱贫户"))
		h.tuopin_year = 2016;
	return h;
}

static struct dx_person member(int64_t hid, const char *id_no, const char *name,
			       const char *relation)
{
	struct dx_person p = {.household_id = hid, .work_months = -1, .counted = 1};
	dx_strlcpy(p.id_no, id_no, sizeof(p.id_no));
	dx_strlcpy(p.name, name, sizeof(p.name));
	dx_strlcpy(p.relation, relation, sizeof(p.relation));
	dx_strlcpy(p.sex, "男", sizeof(p.sex));
	dx_strlcpy(p.birth, "1968-10-02", sizeof(p.birth));
	return p;
}

/* ---- open, version, target ---- */

static void test_open_and_version(void **state)
{
	struct dx_store *st = open_fresh();
	int have = -1, latest = -1;
	(void)state;
	assert_int_equal(dx_store_version(st, &have, &latest), DX_OK);
	assert_true(latest >= 1);
	assert_int_equal(have, latest);
	assert_false(dx_store_readonly(st));
	assert_string_equal(dx_store_path(st), target);
	assert_true(dx_store_driver_built(target));
	/* the upgrade of a store at the newest version changes nothing */
	{
		int from = -1, to = -1;
		dx_store_close(st);
		assert_int_equal(dx_store_upgrade(target, &from, &to), DX_OK);
		assert_int_equal(from, latest);
		assert_int_equal(to, latest);
		assert_int_equal(dx_store_open(&st, target, DX_STORE_READONLY), DX_OK);
		assert_true(dx_store_readonly(st));
	}
	close_fresh(st);
}

/* ---- areas ---- */

static int collect_area(const struct dx_area *a, void *arg)
{
	struct dx_buf *b = arg;
	dx_buf_addf(b, "%s=%s;", a->code, a->name);
	return 0;
}

static void test_areas(void **state)
{
	struct dx_store *st = open_fresh();
	struct dx_area a;
	struct dx_buf b;
	(void)state;
	put_areas(st);
	assert_int_equal(dx_store_area_get(st, "532326106001", &a), DX_OK);
	assert_string_equal(a.name, "青山村");
	assert_int_equal(dx_store_area_get(st, "532326106009", &a), DX_NOT_FOUND);
	/* renaming keeps one row */
	assert_int_equal(dx_store_area_put(st, "532326106002", "白石新村"), DX_OK);
	dx_buf_init(&b, 0);
	assert_int_equal(dx_store_area_children(st, "532326106", collect_area, &b), DX_OK);
	assert_string_equal(b.buf, "532326106001=青山村;532326106002=白石新村;");
	dx_buf_release(&b);
	/* a village whose township is unknown is refused */
	assert_int_not_equal(dx_store_area_put(st, "532326107001", "无乡村"), DX_OK);
	close_fresh(st);
}

/* ---- one snapshot, two connections (issue 12) ---- */

static int count_villages(struct dx_store *st)
{
	struct dx_buf b;
	int n = 0;
	dx_buf_init(&b, 0);
	assert_int_equal(dx_store_area_children(st, "532326106", collect_area, &b), DX_OK);
	for (const char *p = b.buf; p && (p = strchr(p, ';')); p++)
		n++;
	dx_buf_release(&b);
	return n;
}

/* A second connection opened at a reader's snapshot sees what the reader
 * sees, not a commit made after it (PostgreSQL names the snapshot; SQLite
 * holds commits off until the second connection has begun its read); a
 * read not begun for sharing, a writer's transaction or none at all is
 * not shared (DX_STATE). */
static void test_shared_snapshot(void **state)
{
	struct dx_store *st = open_fresh(), *w = NULL, *twin = NULL;
	char id[DX_SNAPSHOT_ID_SIZE];
	int began, pg = strcmp(dx_store_driver_name(target), "sqlite") != 0;
	(void)state;
	put_areas(st);
	assert_int_equal(dx_store_snapshot_export(st, id), DX_STATE); /* no transaction */
	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_snapshot_export(st, id), DX_STATE); /* a writer's */
	assert_int_equal(dx_store_rollback(st), DX_OK);
	if (!pg) { /* SQLite shares only a read begun for it */
		assert_int_equal(dx_store_read_begin(st, &began), DX_OK);
		assert_int_equal(dx_store_snapshot_export(st, id), DX_STATE);
		dx_store_read_end(st, began);
	}
	assert_int_equal(dx_store_read_begin_shared(st, &began), DX_OK);
	assert_int_equal(began, 1);
	assert_int_equal(count_villages(st), 2);
	assert_int_equal(dx_store_snapshot_export(st, id), DX_OK);
	assert_true(strlen(id) > 0);
	if (pg) {
		/* another program adds a village after the export */
		assert_int_equal(dx_store_open(&w, target, 0), DX_OK);
		assert_int_equal(dx_store_area_put(w, "532326106003", "新村"), DX_OK);
		dx_store_close(w);
	}
	assert_int_equal(dx_store_open_at(&twin, st, id), DX_OK);
	if (!pg) {
		/* the hold is gone once the twin reads: a commit goes through */
		assert_int_equal(dx_store_open(&w, target, 0), DX_OK);
		assert_int_equal(dx_store_area_put(w, "532326106003", "新村"), DX_OK);
		dx_store_close(w);
	}
	assert_int_equal(count_villages(twin), 2);
	assert_int_equal(count_villages(st), 2);
	dx_store_close(twin);
	dx_store_read_end(st, began);
	/* a name that is no snapshot id is refused before any SQL */
	assert_int_equal(dx_store_read_begin_shared(st, &began), DX_OK);
	twin = (void *)1;
	assert_int_equal(dx_store_open_at(&twin, st, "x'; DROP TABLE area; --"), DX_INVALID);
	assert_null(twin);
	dx_store_read_end(st, began);
	/* after the snapshot, the commit is seen */
	assert_int_equal(count_villages(st), 3);
	close_fresh(st);
}

/* ---- transactions ---- */

static int insert_then(struct dx_store *st, void *arg)
{
	struct dx_household *h = arg;
	int rc = dx_store_household_insert(st, h);
	return rc ? rc : (h->hh_no[0] == 'F' ? DX_INVALID : DX_OK);
}

static void test_transactions(void **state)
{
	struct dx_store *st = open_fresh();
	struct dx_household ok = hh("K1", "532326106001", "一般户");
	struct dx_household bad = hh("F1", "532326106001", "一般户");
	struct dx_household later = hh("R1", "532326106001", "一般户");
	int64_t n = -1;
	(void)state;
	put_areas(st);
	assert_int_equal(dx_store_txn(st, insert_then, &ok), DX_OK);
	assert_int_equal(dx_store_txn(st, insert_then, &bad), DX_INVALID);
	assert_int_equal(dx_store_count(st, "household", "532326", &n), DX_OK);
	assert_int_equal(n, 1);
	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_household_insert(st, &later), DX_OK);
	assert_int_equal(dx_store_rollback(st), DX_OK);
	assert_int_equal(dx_store_count(st, "household", "532326", &n), DX_OK);
	assert_int_equal(n, 1);
	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_household_insert(st, &later), DX_OK);
	assert_int_equal(dx_store_commit(st), DX_OK);
	assert_int_equal(dx_store_count(st, "household", "532326106001", &n), DX_OK);
	assert_int_equal(n, 2);
	assert_int_equal(dx_store_count(st, "household", "532326106002", &n), DX_OK);
	assert_int_equal(n, 0);
	close_fresh(st);
}

/* ---- households, members and the rest of a ledger ---- */

struct facts {
	int n, monitored, tuopin, members, has_income;
	int64_t net;
	char category[32], hh_no[32], head[64];
};

static int collect_fact(const struct dx_hh_fact *f, void *arg)
{
	struct facts *x = arg;
	x->n++;
	x->monitored += f->monitored;
	x->tuopin += f->tuopin;
	x->members += f->members;
	x->has_income += f->has_income;
	x->net += f->net;
	if (f->category)
		dx_strlcpy(x->category, f->category, sizeof(x->category));
	if (f->hh_no)
		dx_strlcpy(x->hh_no, f->hh_no, sizeof(x->hh_no));
	if (f->head_name)
		dx_strlcpy(x->head, f->head_name, sizeof(x->head));
	return 0;
}

struct pairs {
	int n;
	long a, b;
};

static int collect_pair(int64_t id, long a, long b, void *arg)
{
	struct pairs *x = arg;
	x->n++;
	x->a += a;
	x->b += b;
	return 0;
}

static int collect_member(const struct dx_member_fact *m, void *arg)
{
	struct pairs *x = arg;
	x->n++;
	x->a += m->dibao;
	x->b += m->work_months > 0 ? m->work_months : 0;
	return 0;
}

static void test_ledger_and_scans(void **state)
{
	struct dx_store *st = open_fresh();
	struct dx_household h = hh("532326106001000001", "532326106001", "脱贫户");
	struct dx_person p, q;
	struct dx_income_row in = {.year = 2025, .wage = 1200000, .business = 300000,
				   .transfer = 100000};
	struct dx_episode e = {.category = "脱贫不稳定户", .risks = "因病",
			       .identified_on = "2025-03-01"};
	struct dx_measure m1 = {.category = "产业帮扶", .status = "已落实", .amount = 50000,
				.start_on = "2025-03-10", .cadre = "张三"};
	struct dx_measure m2 = {.category = "就业帮扶", .status = "计划", .start_on = "2025-04-01",
				.cadre = "张三"};
	struct dx_visit v = {.visited_on = "2025-05-01", .cadre = "张三", .content = "走访"};
	struct facts f = {0};
	struct pairs pr = {0};
	int64_t n = -1, bound = -1, maxid = -1;
	int yes = -1, year = -1;
	(void)state;
	put_areas(st);
	assert_int_equal(dx_store_no_members(st, &yes), DX_OK);
	assert_int_equal(yes, 1);
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	assert_true(h.id > 0);
	p = member(h.id, "532326196810020031", "罗涛", "户主");
	q = member(h.id, "11010519491231002X", "李芳", "配偶");
	q.dibao = 1;
	dx_strlcpy(q.dibao_class, "B", sizeof(q.dibao_class));
	q.work_months = 6;
	dx_strlcpy(q.work_place, "省外", sizeof(q.work_place));
	assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
	assert_int_equal(dx_store_person_insert_county(st, "532326", &q), DX_OK);
	assert_true(p.id > 0 && q.id > p.id);
	/* one 身份证 is one member */
	{
		struct dx_person dup = p;
		dup.id = 0;
		assert_int_not_equal(dx_store_person_insert(st, &dup), DX_OK);
	}
	assert_int_equal(dx_store_no_members(st, &yes), DX_OK);
	assert_int_equal(yes, 0);
	assert_int_equal(dx_store_person_max_id(st, &maxid), DX_OK);
	assert_int_equal(maxid, q.id);
	in.household_id = h.id;
	assert_int_equal(dx_store_income_put(st, &in), DX_OK);
	in.wage = 1300000; /* put replaces the (household, year) row */
	assert_int_equal(dx_store_income_put(st, &in), DX_OK);
	e.household_id = h.id;
	assert_int_equal(dx_store_episode_insert(st, &e), DX_OK);
	assert_true(e.id > 0);
	m1.household_id = m2.household_id = v.household_id = h.id;
	assert_int_equal(dx_store_measure_insert(st, &m1), DX_OK);
	assert_int_equal(dx_store_measure_insert(st, &m2), DX_OK);
	assert_int_equal(dx_store_visit_insert(st, &v), DX_OK);
	assert_true(m2.id > m1.id && v.id > 0);
	assert_int_equal(dx_store_audit(st, "532326", "admin", "import.insert", "household",
					"1", NULL, "{\"hh_no\":\"x\"}"),
			 DX_OK);
	assert_int_equal(dx_store_count(st, "audit", "532326", &n), DX_OK);
	assert_int_equal(n, 1);
	assert_int_equal(dx_store_count(st, "person", "532326106001", &n), DX_OK);
	assert_int_equal(n, 2);
	assert_int_equal(dx_store_household_bound(st, &bound), DX_OK);
	assert_true(bound >= 1);

	/* the household scan: income, members, episode state as of a date */
	assert_int_equal(dx_store_scan_households(st, "532326", 2025, "2025-12-31", DX_SCAN_HH_NO,
						  collect_fact, &f),
			 DX_OK);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.tuopin, 1);
	assert_int_equal(f.members, 2);
	assert_int_equal(f.has_income, 1);
	assert_true(f.net > 0);
	assert_int_equal(f.monitored, 1);
	assert_string_equal(f.category, "脱贫不稳定户");
	assert_string_equal(f.hh_no, h.hh_no);
	assert_string_equal(f.head, "罗涛");
	memset(&f, 0, sizeof(f));
	assert_int_equal(dx_store_scan_households(st, "532326", 2025, "2025-01-01", 0,
						  collect_fact, &f),
			 DX_OK);
	assert_int_equal(f.monitored, 0); /* identified later */
	assert_string_equal(f.hh_no, "");  /* not asked for */
	memset(&f, 0, sizeof(f));
	assert_int_equal(dx_store_scan_households(st, "532326106002", 2025, "2025-12-31", 0,
						  collect_fact, &f),
			 DX_OK);
	assert_int_equal(f.n, 0);

	assert_int_equal(dx_store_scan_measures(st, "532326", "2025-12-31", collect_pair, &pr),
			 DX_OK);
	assert_int_equal(pr.n, 1);
	assert_int_equal(pr.a, 2);
	assert_int_equal(pr.b, 1);
	memset(&pr, 0, sizeof(pr));
	assert_int_equal(dx_store_scan_measures(st, "532326", "2025-03-31", collect_pair, &pr),
			 DX_OK);
	assert_int_equal(pr.a, 1);
	memset(&pr, 0, sizeof(pr));
	assert_int_equal(dx_store_scan_visits(st, "532326", "2025-04-30", "2025-05-01",
					      collect_pair, &pr),
			 DX_OK);
	assert_int_equal(pr.a, 1);
	memset(&pr, 0, sizeof(pr));
	assert_int_equal(dx_store_scan_visits(st, "532326", "2025-05-01", "2025-12-31",
					      collect_pair, &pr),
			 DX_OK);
	assert_int_equal(pr.a, 0);
	memset(&pr, 0, sizeof(pr));
	assert_int_equal(dx_store_scan_persons(st, collect_pair, &pr), DX_OK);
	assert_int_equal(pr.n, 1);
	assert_int_equal(pr.a, 2);
	memset(&pr, 0, sizeof(pr));
	assert_int_equal(dx_store_scan_members(st, "532326", collect_member, &pr), DX_OK);
	assert_int_equal(pr.n, 1); /* only 李芳 has 低保 or work */
	assert_int_equal(pr.a, 1);
	assert_int_equal(pr.b, 6);

	assert_int_equal(dx_store_members_changed_after(st, "532326", "2000-01-01", &yes), DX_OK);
	assert_int_equal(yes, 1);
	assert_int_equal(dx_store_members_changed_after(st, "532326", "2999-12-31", &yes), DX_OK);
	assert_int_equal(yes, 0);
	assert_int_equal(dx_store_first_year(st, "532326", &year), DX_OK);
	assert_int_equal(year, 2025);
	assert_int_equal(dx_store_analyze(st), DX_OK);
	close_fresh(st);
}

static void test_warnings_and_proc_counts(void **state)
{
	struct dx_store *st = open_fresh();
	struct dx_household h = hh("W1", "532326106001", "一般户");
	struct dx_person p;
	struct dx_warning w = {.department = "医保", .event = "高额医疗费用", .amount = 2000000,
			       .occurred_on = "2025-06-01"};
	struct dx_proc_counts c;
	int64_t bid = 0, n = -1;
	(void)state;
	put_areas(st);
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	p = member(h.id, "532326196810020031", "罗涛", "户主");
	assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
	assert_int_equal(dx_store_warning_batch_insert(st, "532326", "医保", "2025-06", "x.xlsx",
						       &bid),
			 DX_OK);
	assert_true(bid > 0);
	w.batch_id = bid;
	dx_strlcpy(w.id_no, p.id_no, sizeof(w.id_no));
	dx_strlcpy(w.name, p.name, sizeof(w.name));
	w.person_id = p.id;
	w.household_id = h.id;
	assert_int_equal(dx_store_warning_insert(st, &w), DX_OK);
	assert_true(w.id > 0);
	assert_int_equal(dx_store_count(st, "warning", "532326", &n), DX_OK);
	assert_int_equal(n, 1);
	assert_int_equal(dx_store_proc_counts(st, "532326", "2000-01-01", "2999-12-31", &c), DX_OK);
	assert_int_equal(c.warnings, 1);
	assert_int_equal(c.warnings_clued, 0);
	assert_int_equal(c.clues, 0);
	assert_int_equal(c.identified, 0);
	assert_int_equal(c.open, 0);
	close_fresh(st);
}

/* ---- bulk loads ---- */

static void test_bulk_load(void **state)
{
	struct dx_store *st = open_fresh();
	struct dx_household h = hh("B1", "532326106001", "一般户");
	struct dx_person a, b, *pp[2];
	char area[2][13] = {"532326106001", "532326106001"};
	struct facts f = {0};
	int switched;
	(void)state;
	put_areas(st);
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	/* begin/end around the transaction; inside one they are refused */
	switched = dx_store_load_empty_begin(st);
	assert_true(switched == 0 || switched == 1);
	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_load_empty_end(st), DX_USAGE);
	assert_int_equal(dx_store_bulk_begin(st), DX_OK);
	a = member(h.id, "532326196810020031", "罗涛", "户主");
	b = member(h.id, "11010519491231002X", "李芳", "配偶");
	pp[0] = &a;
	pp[1] = &b;
	assert_int_equal(dx_store_person_insert_many(st, pp, (const char(*)[13])area, 2), DX_OK);
	assert_true(a.id > 0 && b.id == a.id + 1);
	/* the loader names the households whose derived columns bulk_end
	 * recomputes (derived.h) */
	assert_int_equal(dx_store_bulk_stale(st, h.id), DX_OK);
	assert_int_equal(dx_store_bulk_end(st), DX_OK);
	assert_int_equal(dx_store_commit(st), DX_OK);
	assert_int_equal(dx_store_load_empty_end(st), DX_OK);
	/* the derived columns (members, head) hold after the load */
	assert_int_equal(dx_store_scan_households(st, "532326", 2025, "2025-12-31", DX_SCAN_HH_NO,
						  collect_fact, &f),
			 DX_OK);
	assert_int_equal(f.members, 2);
	assert_string_equal(f.head, "罗涛");
	/* bulk_begin outside a transaction is a usage error */
	assert_int_equal(dx_store_bulk_begin(st), DX_USAGE);
	close_fresh(st);
}

/* ---- the statement cache holds as many statements as a server has ---- */

static void test_many_statements(void **state)
{
	enum { N = 400 };
	struct dx_store *st = open_fresh();
	static char sql[N][48];
	int64_t v = -1;
	(void)state;
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < N; i++) {
			struct dx_stmt *s;
			if (!round)
				dx_snprintf(sql[i], sizeof(sql[i]), "SELECT %d + ?1", i);
			assert_non_null(s = dx_q(st, sql[i]));
			dx_bind_int(s, 1, 1000);
			assert_int_equal(dx_step_int(s, &v), DX_OK);
			assert_int_equal(v, 1000 + i);
		}
		/* the second round finds each one prepared: the same object */
		assert_ptr_equal(dx_q(st, sql[7]), dx_q(st, sql[7]));
	}
	close_fresh(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_and_version),
		cmocka_unit_test(test_areas),
		cmocka_unit_test(test_shared_snapshot),
		cmocka_unit_test(test_transactions),
		cmocka_unit_test(test_ledger_and_scans),
		cmocka_unit_test(test_warnings_and_proc_counts),
		cmocka_unit_test(test_bulk_load),
		cmocka_unit_test(test_many_statements),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
