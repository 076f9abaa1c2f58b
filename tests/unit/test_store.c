/*
 * test_store.c - the store: creation, migrations (old stores upgraded,
 * newer ones refused), inserts carrying county_code, transactions.
 */
#include "testutil.h"
#include "store/derived.h"
#include "store/ledger.h"
#include "store/memo.h"
#include "store/store_int.h"

#include <sqlite3.h>

static struct dx_store *fresh(char path[64])
{
	struct dx_store *st = NULL;
	tu_tmpdb(path);
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	return st;
}

static void put_village(struct dx_store *st)
{
	assert_int_equal(dx_store_area_put(st, "532326", "大姚县"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106", "示例乡"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106001", "青山村"), DX_OK);
}

static void test_missing_store_not_created(void **state)
{
	struct dx_store *st = (void *)1;
	char path[64];
	(void)state;
	tu_tmpdb(path);
	assert_int_equal(dx_store_open(&st, path, 0), DX_NOT_FOUND);
	assert_null(st);
	assert_int_equal(access(path, F_OK), -1);
}

static void test_create_is_latest_version(void **state)
{
	char path[64];
	struct dx_store *st = fresh(path);
	int have = -1, latest = -1;
	(void)state;
	assert_int_equal(dx_store_version(st, &have, &latest), DX_OK);
	assert_true(latest >= 2);
	assert_int_equal(have, latest);
	dx_store_close(st);
	tu_rm(path);
}

static int has_index(const char *path, const char *name)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int found;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type='index' AND name=?", -1, &s, NULL);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	sqlite3_close(db);
	return found;
}

static void test_old_store_is_upgraded(void **state)
{
	char path[64];
	struct dx_store *st = NULL;
	int have, latest;
	(void)state;
	tu_tmpdb(path);
	/* build a version-1 store by hand, with data in it */
	{
		struct dx_store raw = {.drv = &dx_driver_sqlite, .path = path};
		assert_int_equal(raw.drv->open(&raw, path, DX_STORE_CREATE), DX_OK);
		assert_int_equal(dx_store_migrate(&raw, 1), DX_OK);
		put_village(&raw);
		dx_store_stmts_release(&raw);
		raw.drv->close(&raw);
	}
	assert_false(has_index(path, "episode_household"));
	/* a reader never writes: it refuses the old store and leaves it as
	 * it is (issue 12: opening and migrating are separate) */
	st = (void *)1;
	assert_int_equal(dx_store_open(&st, path, DX_STORE_READONLY), DX_STATE);
	assert_null(st);
	assert_false(has_index(path, "episode_household"));
	/* dixian migrate (or any writer) upgrades it */
	{
		int from = -1, to = -1;
		assert_int_equal(dx_store_upgrade(path, &from, &to), DX_OK);
		assert_int_equal(from, 1);
		assert_true(to > 1);
		assert_int_equal(dx_store_upgrade(path, &from, &to), DX_OK);
		assert_int_equal(from, to);
	}
	assert_int_equal(dx_store_open(&st, path, DX_STORE_READONLY), DX_OK);
	assert_int_equal(dx_store_version(st, &have, &latest), DX_OK);
	assert_int_equal(have, latest);
	{
		struct dx_area a;
		assert_int_equal(dx_store_area_get(st, "532326106001", &a), DX_OK);
		assert_string_equal(a.name, "青山村");
	}
	dx_store_close(st);
	assert_true(has_index(path, "episode_household"));
	tu_rm(path);
}

static int64_t one_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v = -1;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* An upgrade gives the indexes it adds planner statistics when the store
 * had them (migration 18's household_county_id made an upgraded county's
 * report 14 % slower without them), and leaves a never-analyzed store as
 * it was. */
static void test_upgrade_refreshes_statistics(void **state)
{
	char path[64];
	(void)state;
	for (int analyzed = 0; analyzed < 2; analyzed++) {
		struct dx_store raw = {.drv = &dx_driver_sqlite};
		struct dx_household h = {.hh_no = "532326106000001", .area_code = "532326106001",
					 .group_name = "青山一组", .kind = "一般户"};
		tu_tmpdb(path);
		raw.path = path;
		assert_int_equal(raw.drv->open(&raw, path, DX_STORE_CREATE), DX_OK);
		assert_int_equal(dx_store_migrate(&raw, 17), DX_OK);
		put_village(&raw);
		assert_int_equal(dx_store_household_insert(&raw, &h), DX_OK);
		if (analyzed)
			assert_int_equal(raw.drv->exec(&raw, "ANALYZE"), DX_OK);
		dx_store_stmts_release(&raw);
		raw.drv->close(&raw);
		assert_false(has_index(path, "household_county_id"));
		assert_int_equal(dx_store_upgrade(path, NULL, NULL), DX_OK);
		assert_true(has_index(path, "household_county_id"));
		if (analyzed)
			assert_int_equal(one_int(path, "SELECT count(*) FROM sqlite_stat1"
						       " WHERE idx = 'household_county_id'"),
					 1);
		else
			assert_int_equal(one_int(path, "SELECT count(*) FROM sqlite_schema"
						       " WHERE name = 'sqlite_stat1'"),
					 0);
		tu_rm(path);
	}
}

/* Version 8 rebuilds the person table (身份证 uniqueness becomes a named
 * index): a version-7 store keeps its members, the references to them,
 * the derived household columns and the triggers that keep them. */
static void test_v7_store_rebuilt_by_v8(void **state)
{
	char path[64];
	struct dx_store *st = NULL;
	struct dx_household h = {.hh_no = "532326106000001", .area_code = "532326106001",
				 .group_name = "青山一组", .kind = "一般户"};
	struct dx_person p = {.id_no = "532326196810020031", .name = "罗涛", .relation = "户主",
			      .sex = "男", .birth = "1968-10-02", .health = "长期慢性病",
			      .work_months = -1, .counted = 1};
	struct dx_person q = p, dup = p;
	(void)state;
	tu_tmpdb(path);
	{
		struct dx_store raw = {.drv = &dx_driver_sqlite, .path = path};
		assert_int_equal(raw.drv->open(&raw, path, DX_STORE_CREATE), DX_OK);
		assert_int_equal(dx_store_migrate(&raw, 7), DX_OK);
		put_village(&raw);
		assert_int_equal(dx_store_household_insert(&raw, &h), DX_OK);
		p.household_id = q.household_id = h.id;
		dx_strlcpy(q.id_no, "11010519491231002X", sizeof(q.id_no));
		dx_strlcpy(q.name, "李芳", sizeof(q.name));
		dx_strlcpy(q.relation, "配偶", sizeof(q.relation));
		q.health[0] = '\0';
		/* the members as a version-7 store holds them (today's insert
		 * names columns of later versions) */
		assert_int_equal(raw.drv->exec(&raw, "INSERT INTO person(county_code, household_id,"
						      " id_no, name, relation, sex, birth, health,"
						      " counted, updated_at) VALUES"
						      " ('532326', 1, '532326196810020031', '罗涛', '户主',"
						      " '男', '1968-10-02', '长期慢性病', 1, 'x'),"
						      " ('532326', 1, '11010519491231002X', '李芳', '配偶',"
						      " '男', '1968-10-02', '', 1, 'x')"),
				 DX_OK);
		p.id = 1;
		q.id = 2;
		assert_int_equal(raw.drv->exec(&raw, "INSERT INTO warning_batch VALUES"
						      " (1, '532326', '医保', '2026-10', 'x', 'x');"
						      "INSERT INTO warning(county_code, batch_id, id_no,"
						      " department, event, person_id, household_id)"
						      " VALUES ('532326', 1, '11010519491231002X', '医保',"
						      " '高额医疗费用', 2, 1)"),
				 DX_OK);
		dx_store_stmts_release(&raw);
		raw.drv->close(&raw);
	}
	assert_int_equal(one_int(path, "PRAGMA user_version"), 7);
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	{ /* upgraded through 8 to the newest */
		int have = 0, latest = 0;
		assert_int_equal(dx_store_version(st, &have, &latest), DX_OK);
		assert_true(latest >= 8);
		assert_int_equal(one_int(path, "PRAGMA user_version"), latest);
	}
	assert_int_equal(one_int(path, "SELECT count(*) FROM person"), 2);
	assert_int_equal(one_int(path, "SELECT person_id FROM warning"), q.id);
	assert_int_equal(one_int(path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_true(has_index(path, "person_id_no"));
	assert_false(has_index(path, "sqlite_autoindex_person_1"));
	assert_int_equal(one_int(path, "SELECT members FROM household"), 2);
	assert_int_equal(one_int(path, "SELECT head_id FROM household"), p.id);
	/* the rule still holds, and the triggers still keep the household */
	dup.household_id = h.id;
	assert_int_equal(dx_store_person_insert(st, &dup), DX_EXISTS);
	dx_strlcpy(dup.id_no, "532326200501010017", sizeof(dup.id_no));
	dx_strlcpy(dup.relation, "之子", sizeof(dup.relation));
	assert_int_equal(dx_store_person_insert(st, &dup), DX_OK);
	dx_store_close(st);
	assert_int_equal(one_int(path, "SELECT members FROM household"), 3);
	assert_int_equal(one_int(path, "SELECT msum & 2 FROM household"), 2); /* 慢性病 */
	tu_rm(path);
}

/* dx_store_member_bits, which a bulk load folds households with, is the
 * twin of the view person_bits the triggers read: every combination of
 * the facts they look at gives the same bits both ways. */
static void test_member_bits_twin_of_view(void **state)
{
	static const char *const health[] = {"", "健康", "患有大病", "长期慢性病", "残疾",
					     "长期慢性病,残疾"};
	static const char *const school[] = {"", "小学", "普通高中", "中职", "高职",
					     "本科", "研究生", "硕士"};
	static const char *const labour[] = {"", "普通劳动力", "技能劳动力", "弱劳动力或半劳动力",
					     "丧失劳动力", "无劳动力", "其他"};
	char path[64];
	struct dx_store *st = fresh(path);
	struct dx_household h = {.hh_no = "T1", .area_code = "532326106001", .kind = "一般户"};
	unsigned seen = 0, want[6 * 8 * 7 * 8 + 1];
	int n = 0;
	(void)state;
	put_village(st);
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	for (size_t a = 0; a < DX_ARRAY_SIZE(health); a++)
		for (size_t b = 0; b < DX_ARRAY_SIZE(school); b++)
			for (size_t c = 0; c < DX_ARRAY_SIZE(labour); c++)
				for (int k = 0; k < 8; k++) {
					struct dx_person p = {.household_id = h.id, .relation = "之子",
							      .sex = "男", .birth = "2000-01-01",
							      .work_months = -1, .counted = 1};
					dx_snprintf(p.id_no, sizeof(p.id_no), "T%017d", n++);
					dx_strlcpy(p.name, "某", sizeof(p.name));
					dx_strlcpy(p.health, health[a], sizeof(p.health));
					dx_strlcpy(p.school, school[b], sizeof(p.school));
					dx_strlcpy(p.labour, labour[c], sizeof(p.labour));
					dx_strlcpy(p.work_place, k & 1 ? "省外" : "",
						   sizeof(p.work_place));
					p.ins_resident = (k >> 1) & 1;
					p.ins_employee = (k >> 2) & 1;
					assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
					want[p.id] = dx_store_member_bits(&p);
					seen |= want[p.id];
				}
	dx_store_close(st);
	{
		sqlite3 *db;
		sqlite3_stmt *q;
		int rows = 0;
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT id, bits FROM person_bits", -1, &q,
						    NULL),
				 SQLITE_OK);
		while (sqlite3_step(q) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(q, 0);
			assert_true(id > 0 && id <= n);
			assert_int_equal(sqlite3_column_int(q, 1), want[id]);
			rows++;
		}
		assert_int_equal(rows, n);
		sqlite3_finalize(q);
		sqlite3_close(db);
	}
	assert_int_equal(seen, 0xFF); /* every bit was exercised */
	tu_rm(path);
}

/* Many members in one statement: the same rows as one by one, ids in
 * order, and a missing household refused like a single insert's. */
static void test_person_insert_many(void **state)
{
	char path[64];
	struct dx_store *st = fresh(path);
	struct dx_household h = {.hh_no = "M1", .area_code = "532326106001", .kind = "一般户"};
	struct dx_person one = {.id_no = "532326196810020031", .name = "罗涛", .relation = "户主",
				.sex = "男", .birth = "1968-10-02", .ethnicity = "彝族",
				.politics = "群众", .education = "小学", .school = "",
				.health = "长期慢性病", .labour = "普通劳动力", .work_place = "省外",
				.work_months = 6, .ins_resident = 1, .dibao = 1,
				.dibao_class = "B", .tekun = 0, .disability_subsidy = 1,
				.phone = "13369140570", .counted = 1};
	struct dx_person many[3], *pp[3], a, b;
	char area[3][13] = {"532326106001", "532326106001", "532326106001"};
	(void)state;
	put_village(st);
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	one.household_id = h.id;
	for (int i = 0; i < 3; i++) {
		many[i] = one;
		many[i].id = 0; /* new ids from the store */
		many[i].id_no[17] = (char)('5' + i); /* the store does not check digits */
		pp[i] = &many[i];
	}
	many[2].work_months = -1;
	assert_int_equal(dx_store_person_insert(st, &one), DX_OK);
	assert_int_equal(dx_store_person_insert_many(st, pp, (const char(*)[13])area, 3), DX_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(many[i].id, one.id + 1 + i);
	assert_int_equal(dx_ledger_person_get(st, one.id, &a), DX_OK);
	assert_int_equal(dx_ledger_person_get(st, many[1].id, &b), DX_OK);
	assert_string_equal(b.id_no, many[1].id_no);
	b.id = a.id;
	memcpy(b.id_no, a.id_no, sizeof(a.id_no));
	assert_memory_equal(&a, &b, sizeof(a));
	assert_int_equal(dx_ledger_person_get(st, many[2].id, &b), DX_OK);
	assert_int_equal(b.work_months, -1);
	/* a household that does not exist: nothing inserted */
	many[0].household_id = 9999;
	many[0].id_no[16] = '9';
	assert_int_not_equal(dx_store_person_insert_many(st, pp, (const char(*)[13])area, 1),
			     DX_OK);
	dx_store_close(st);
	assert_int_equal(one_int(path, "SELECT count(*) FROM person"), 4);
	tu_rm(path);
}

/* The store connection's journal mode. */
static const char *journal(struct dx_store *st)
{
	static char mode[16];
	sqlite3_stmt *s;
	mode[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(st->db, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		dx_strlcpy(mode, (const char *)sqlite3_column_text(s, 0), sizeof(mode));
	sqlite3_finalize(s);
	return mode;
}

static int64_t pragma_int(struct dx_store *st, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v = -1;
	assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* A first load writes through a rollback journal when it has the store to
 * itself, stays in WAL mode when another connection has it open, and
 * always leaves the store in WAL mode. */
static void test_load_empty_journal(void **state)
{
	char path[64];
	struct dx_store *st = fresh(path);
	struct dx_household h = {.hh_no = "F1", .area_code = "532326106001", .kind = "一般户"};
	sqlite3 *other;
	int yes = -1;
	(void)state;
	put_village(st);
	assert_int_equal(dx_store_no_members(st, &yes), DX_OK);
	assert_int_equal(yes, 1);
	assert_int_equal(dx_store_load_empty_begin(st), 1);
	assert_string_equal(journal(st), "delete");
	assert_int_equal(pragma_int(st, "PRAGMA mmap_size"), 0);
	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_load_empty_end(st), DX_USAGE); /* not inside a transaction */
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	assert_int_equal(dx_store_commit(st), DX_OK);
	/* a reader still in the store after the load: it stays committed, in
	 * rollback-journal mode, until the next writer opens it */
	{
		sqlite3_stmt *q;
		assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(other, "SELECT code FROM area", -1, &q, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW); /* holds its read lock */
		sqlite3_busy_timeout(st->db, 0);
		assert_int_equal(dx_store_load_empty_end(st), DX_OK);
		assert_string_equal(journal(st), "delete");
		sqlite3_finalize(q);
		sqlite3_close(other);
		dx_store_close(st);
		assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
		assert_string_equal(journal(st), "wal");
	}
	assert_int_equal(dx_store_load_empty_begin(st), 1);
	assert_int_equal(dx_store_load_empty_end(st), DX_OK);
	assert_string_equal(journal(st), "wal");
	assert_true(pragma_int(st, "PRAGMA mmap_size") > 0);
	/* another connection with the store open: no switch, no wait */
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "SELECT count(*) FROM household", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(dx_store_load_empty_begin(st), 0);
	assert_string_equal(journal(st), "wal");
	sqlite3_close(other);
	dx_store_close(st);
	assert_int_equal(one_int(path, "SELECT count(*) FROM household"), 1);
	tu_rm(path);
}

/* Households in one statement, with the columns a loader folded. */
static void test_household_insert_many(void **state)
{
	char path[64];
	struct dx_store *st = fresh(path);
	struct dx_household a = {.hh_no = "H1", .area_code = "532326106001", .kind = "脱贫户",
				 .tuopin_year = 2016, .group_name = "青山一组", .phone = "13369140570"};
	struct dx_household b = {.hh_no = "H2", .area_code = "532326106001", .kind = "一般户"};
	struct dx_household *hp[2] = {&a, &b};
	struct dx_derived d[2] = {{3, 0x13, 42, "罗涛"}, {0, 0, 0, NULL}};
	(void)state;
	put_village(st);
	assert_int_equal(dx_store_household_insert_many(st, hp, d, 2), DX_OK);
	assert_true(a.id > 0);
	assert_int_equal(b.id, a.id + 1);
	dx_store_close(st);
	assert_int_equal(one_int(path, "SELECT count(*) FROM household WHERE hh_no = 'H1'"
				       " AND county_code = '532326' AND tuopin_year = 2016"
				       " AND group_name = '青山一组' AND phone = '13369140570'"
				       " AND members = 3 AND msum = 19 AND head_id = 42"
				       " AND head_name = '罗涛'"),
			 1);
	assert_int_equal(one_int(path, "SELECT count(*) FROM household WHERE hh_no = 'H2'"
				       " AND tuopin_year IS NULL AND members = 0"
				       " AND head_id IS NULL AND head_name = ''"),
			 1);
	tu_rm(path);
}

static void test_newer_store_refused(void **state)
{
	char path[64];
	struct dx_store *st = fresh(path);
	sqlite3 *db;
	(void)state;
	dx_store_close(st);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=999", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	st = (void *)1;
	assert_int_equal(dx_store_open(&st, path, 0), DX_VERSION);
	assert_null(st);
	assert_int_equal(dx_store_open(&st, path, DX_STORE_READONLY), DX_VERSION);
	tu_rm(path);
}

static void test_not_a_store(void **state)
{
	char path[64];
	struct dx_store *st = NULL;
	FILE *f;
	(void)state;
	tu_tmpdb(path);
	f = fopen(path, "w");
	fputs("户编号,姓名\nthis is a csv file, not a database\n", f);
	fclose(f);
	assert_int_equal(dx_store_open(&st, path, 0), DX_IO);
	assert_null(st);
	tu_rm(path);
}

static void test_household_person_county_code(void **state)
{
	char path[64];
	struct dx_store *st = fresh(path);
	struct dx_household h = {.hh_no = "532326106000001", .area_code = "532326106001",
				 .group_name = "青山一组", .kind = "一般户"};
	struct dx_person p = {.id_no = "532326196810020031", .name = "罗涛", .relation = "户主",
			      .sex = "男", .birth = "1968-10-02", .work_months = -1, .counted = 1};
	struct dx_person dup = p;
	int64_t n = 0;
	(void)state;
	put_village(st);
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	assert_true(h.id > 0);
	p.household_id = h.id;
	assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
	assert_true(p.id > 0);
	/* 身份证 unique across the store */
	dup.household_id = h.id;
	assert_int_equal(dx_store_person_insert(st, &dup), DX_EXISTS);
	/* unknown household */
	dup.household_id = 9999;
	dx_strlcpy(dup.id_no, "11010519491231002X", sizeof(dup.id_no));
	assert_int_equal(dx_store_person_insert(st, &dup), DX_NOT_FOUND);
	assert_int_equal(dx_store_count(st, "person", "532326", &n), DX_OK);
	assert_int_equal(n, 1);
	assert_int_equal(dx_store_count(st, "person", "532399", &n), DX_OK);
	assert_int_equal(n, 0);
	/* a household's area must exist */
	{
		struct dx_household bad = h;
		dx_strlcpy(bad.hh_no, "x2", sizeof(bad.hh_no));
		dx_strlcpy(bad.area_code, "532326106999", sizeof(bad.area_code));
		assert_int_not_equal(dx_store_household_insert(st, &bad), DX_OK);
	}
	dx_store_close(st);
	{
		sqlite3 *db;
		sqlite3_stmt *s;
		sqlite3_open(path, &db);
		sqlite3_prepare_v2(db, "SELECT p.county_code, h.county_code FROM person p JOIN household h ON h.id = p.household_id", -1, &s, NULL);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(s, 0), "532326");
		assert_string_equal((const char *)sqlite3_column_text(s, 1), "532326");
		sqlite3_finalize(s);
		sqlite3_close(db);
	}
	tu_rm(path);
}

static int insert_then_fail(struct dx_store *st, void *arg)
{
	struct dx_household *h = arg;
	int rc = dx_store_household_insert(st, h);
	return rc ? rc : DX_INVALID;
}

static void test_txn_rolls_back(void **state)
{
	char path[64];
	struct dx_store *st = fresh(path);
	struct dx_household h = {.hh_no = "1", .area_code = "532326106001", .kind = "脱贫户",
				 .tuopin_year = 2016};
	int64_t n = -1;
	(void)state;
	put_village(st);
	assert_int_equal(dx_store_txn(st, insert_then_fail, &h), DX_INVALID);
	assert_int_equal(dx_store_count(st, "household", "", &n), DX_OK);
	assert_int_equal(n, 0);
	dx_store_close(st);
	tu_rm(path);
}

static void test_area_tree(void **state)
{
	char path[64];
	struct dx_store *st = fresh(path);
	(void)state;
	/* a village whose township is unknown is refused */
	assert_int_equal(dx_store_area_put(st, "532326", "大姚县"), DX_OK);
	assert_int_not_equal(dx_store_area_put(st, "532326107001", "无乡之村"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "53", "云南省"), DX_INVALID);
	/* the 12-digit padded form is the same area */
	assert_int_equal(dx_store_area_put(st, "532326107000", "石羊镇"), DX_OK);
	{
		struct dx_area a;
		assert_int_equal(dx_store_area_get(st, "532326107", &a), DX_OK);
		assert_string_equal(a.code, "532326107");
		assert_string_equal(a.name, "石羊镇");
	}
	dx_store_close(st);
	tu_rm(path);
}

/* 1 if key is remembered on st now, with data (and tag "t") */
static int memo_has(struct dx_store *st, const char *key, const char *data,
		    struct dx_memo_ticket *t)
{
	const char *d, *tag;
	size_t n;
	if (dx_store_memo_get(st, key, t, &d, &n, &tag))
		return 0;
	assert_int_equal(n, strlen(data));
	assert_memory_equal(d, data, n);
	assert_string_equal(tag, "t");
	return 1;
}

/* The memo (store/memo.h) gives back what was put only while nothing was
 * committed since, by this connection or another, and remembers nothing
 * read beside uncommitted writes. */
static void test_memo_ends_with_any_commit(void **state)
{
	char path[64];
	struct dx_store *a = fresh(path), *b = NULL;
	struct dx_memo_ticket t;
	int began;
	(void)state;
	assert_int_equal(dx_store_open(&b, path, 0), DX_OK);
	put_village(a);
	/* a key's first ask is not kept; its second is */
	assert_false(memo_has(a, "k", "", &t));
	assert_false(t.ok);
	dx_store_memo_put(a, &t, "k", "t", "one", 3);
	assert_false(memo_has(a, "k", "", &t));
	assert_true(t.ok);
	dx_store_memo_put(a, &t, "k", "t", "one", 3);
	assert_true(memo_has(a, "k", "one", &t));
	assert_false(memo_has(a, "other", "", &t));
	/* another connection's commit */
	assert_int_equal(dx_store_area_put(b, "532326106002", "绿水村"), DX_OK);
	assert_false(memo_has(a, "k", "", &t));
	dx_store_memo_put(a, &t, "k", "t", "two", 3);
	assert_true(memo_has(a, "k", "two", &t));
	/* this connection's own */
	assert_int_equal(dx_store_area_put(a, "532326106003", "白云村"), DX_OK);
	assert_false(memo_has(a, "k", "", &t));
	/* a ticket from before a commit puts nothing */
	{
		struct dx_memo_ticket old = t;
		assert_int_equal(dx_store_area_put(b, "532326106004", "红土村"), DX_OK);
		assert_false(memo_has(a, "k", "", &t));
		dx_store_memo_put(a, &old, "k", "t", "old", 3);
		assert_false(memo_has(a, "k", "", &t));
	}
	/* beside uncommitted writes nothing is remembered, and what was put
	 * before them is not given */
	dx_store_memo_put(a, &t, "k", "t", "three", 5);
	assert_int_equal(dx_store_begin(a), DX_OK);
	assert_int_equal(dx_store_area_put(a, "532326106005", "蓝天村"), DX_OK);
	assert_false(memo_has(a, "k", "", &t));
	assert_false(t.ok);
	dx_store_memo_put(a, &t, "k", "t", "rolled back", 11);
	assert_int_equal(dx_store_rollback(a), DX_OK);
	assert_false(memo_has(a, "k", "", &t));
	assert_true(t.ok);
	/* a read transaction's snapshot: a commit made meanwhile is not in
	 * it, so what it remembered holds inside it, and not after it */
	dx_store_memo_put(a, &t, "k", "t", "four", 4);
	assert_int_equal(dx_store_read_begin(a, &began), DX_OK);
	assert_true(memo_has(a, "k", "four", &t));
	assert_int_equal(dx_store_area_put(b, "532326106006", "金沙村"), DX_OK);
	assert_true(memo_has(a, "k", "four", &t));
	dx_store_read_end(a, began);
	assert_false(memo_has(a, "k", "", &t));
	dx_store_close(b);
	dx_store_close(a);
	tu_rm(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_store_not_created),
		cmocka_unit_test(test_create_is_latest_version),
		cmocka_unit_test(test_old_store_is_upgraded),
		cmocka_unit_test(test_v7_store_rebuilt_by_v8),
		cmocka_unit_test(test_upgrade_refreshes_statistics),
		cmocka_unit_test(test_member_bits_twin_of_view),
		cmocka_unit_test(test_person_insert_many),
		cmocka_unit_test(test_load_empty_journal),
		cmocka_unit_test(test_household_insert_many),
		cmocka_unit_test(test_newer_store_refused),
		cmocka_unit_test(test_not_a_store),
		cmocka_unit_test(test_household_person_county_code),
		cmocka_unit_test(test_txn_rolls_back),
		cmocka_unit_test(test_area_tree),
		cmocka_unit_test(test_memo_ends_with_any_commit),
	};
	dx_log_set_level(DX_LOG_NONE);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
