/*
 * test_scan_sizing.c - the county scans size their hash on household id
 * from the county's household count, not from the span of its ids.
 *
 * A county's ids need not be dense: in a province on one server they
 * interleave with other counties' (each import takes the next ids), and a
 * shard's start far from 1.  A hash sized from max(id) - min(id) then
 * takes memory for the whole span (and, on PostgreSQL, reading max(id) of
 * one county walked the primary key through every later county: issue
 * 16).  The scans say the size they chose in a debug log line, which is
 * what these tests read; the households still all come out.  (The
 * screen's sizing was fixed first; the report's household scan took the
 * span of the whole store's ids until issue 16's county work.)
 */
#include "testutil.h"
#include "app/report.h"
#include "store/screen_scan.h"
#include "store/store.h"

#include <sqlite3.h>

/* far above any county's household count: the span of the ids below */
#define FAR_ID 40000000

static size_t logged_slots;

/* the sink: remember the size a scan logs ("... hash of N slots ...") */
static void sink(void *arg, enum dx_log_level lvl, const char *msg)
{
	const char *p = strstr(msg, "hash of ");
	(void)arg;
	(void)lvl;
	if (p)
		logged_slots = (size_t)strtoull(p + strlen("hash of "), NULL, 10);
}

static int on_hh(const struct dx_scan_hh *h, void *arg)
{
	(void)h;
	(*(int *)arg)++;
	return 0;
}

/* A county of two households whose ids are FAR_ID apart, and one
 * household of another county between them (as in a province). */
static void far_apart(const char *path)
{
	struct dx_store *st;
	sqlite3 *db;
	const char *vil[3] = {"532399101001", "532301101001", "532399101001"};
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399", "云岭县"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399101", "云华乡"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399101001", "青山村"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532301", "另一县"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532301101", "另一乡"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532301101001", "另一村"), DX_OK);
	for (int i = 0; i < 3; i++) {
		struct dx_household h = {0};
		dx_snprintf(h.hh_no, sizeof(h.hh_no), "H%d", i);
		dx_strlcpy(h.area_code, vil[i], sizeof(h.area_code));
		dx_strlcpy(h.kind, "一般户", sizeof(h.kind));
		assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	}
	dx_store_close(st);
	/* the last household's id far from the first (no rows refer to it) */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "UPDATE household SET id = 40000000"
				      " WHERE id = (SELECT max(id) FROM household)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
}

static void test_screen_sized_by_count(void **state)
{
	char path[64];
	struct dx_store *st;
	int n = 0;
	(void)state;
	tu_tmpdb(path);
	far_apart(path);
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	logged_slots = 0;
	dx_log_set_sink(sink, NULL);
	dx_log_set_level(DX_LOG_DEBUG);
	assert_int_equal(dx_store_screen_scan(st, "532399", 2025, "2025-12-31", DX_SCAN_FOLDED,
					      on_hh, &n),
			 DX_OK);
	dx_log_set_level(DX_LOG_NONE);
	dx_log_set_sink(NULL, NULL);
	/* both households of the county, none of the other */
	assert_int_equal(n, 2);
	/* sized for two households, not for the FAR_ID span */
	assert_true(logged_slots > 0);
	assert_true(logged_slots <= 4096);
	dx_store_close(st);
	tu_rm(path);
}

/* The county report's household scan: sized for the county's two
 * households, not for the store's id span; its figures count both. */
static void test_report_sized_by_count(void **state)
{
	char path[64];
	struct dx_store *st;
	struct dx_report_opts o;
	struct dx_report r;
	struct dx_buf why = DX_BUF_INIT;
	(void)state;
	tu_tmpdb(path);
	far_apart(path);
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	memset(&o, 0, sizeof(o));
	o.area = "532399";
	o.year = 2025;
	o.as_of = "2025-12-31";
	assert_int_equal(dx_date_parse("2026-01-10", 10, &o.today), 0);
	logged_slots = 0;
	dx_log_set_sink(sink, NULL);
	dx_log_set_level(DX_LOG_DEBUG);
	assert_int_equal(dx_report_build(st, &o, &r, &why), DX_OK);
	dx_log_set_level(DX_LOG_NONE);
	dx_log_set_sink(NULL, NULL);
	assert_int_equal(r.total.all.hh, 2);
	assert_true(logged_slots > 0);
	assert_true(logged_slots <= 4096);
	dx_report_release(&r);
	dx_buf_release(&why);
	dx_store_close(st);
	tu_rm(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_screen_sized_by_count),
		cmocka_unit_test(test_report_sized_by_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
