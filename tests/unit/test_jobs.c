/*
 * test_jobs.c - the server's import job beside the server's writers
 * (http/jobs.c; issue 14, reads during an upload).
 *
 * An import is one transaction; while no writer of the server waits for
 * the write lock it pauses between progress ticks to leave the CPU to the
 * readers, and as soon as one queues it stops pausing, so the writer
 * waits for the import's work only.  A faulty file still keeps nothing.
 */
#include "core/dx.h"
#include "app/account.h"
#include "app/demo.h"
#include "http/jobs.h"
#include "store/store.h"
#include "store/store_int.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <time.h>
#include <cmocka.h>

#define ROWS (3 * 4096) /* three progress ticks */

static char path[64];
static atomic_long readers; /* the server's requests in flight, as the test sets it */
static struct dx_actor county;
static const struct dx_date day2026 = {2026, 1, 1}; /* the uploads' day: after the visits */
static char *csv_good, *csv_good2, *csv_bad;
static size_t good_len, good2_len, bad_len;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int64_t count(const char *sql)
{
	struct dx_store *st;
	sqlite3_stmt *s;
	int64_t n = -1;
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	dx_store_close(st);
	return n;
}

/* A 走访 ledger of ROWS visits over the store's households, by visitors
 * numbered from `who` (another number, other visits); `bad` makes its
 * last row's date invalid. */
static char *ledger(struct dx_store *st, int who, int bad, size_t *len)
{
	struct dx_buf b = DX_BUF_INIT;
	char hh[8][32];
	sqlite3_stmt *s;
	int n = 0;
	assert_int_equal(sqlite3_prepare_v2(st->db, "SELECT hh_no FROM household ORDER BY id LIMIT 8",
	                                    -1, &s, NULL),
	                 SQLITE_OK);
	while (n < 8 && sqlite3_step(s) == SQLITE_ROW)
		dx_strlcpy(hh[n++], (const char *)sqlite3_column_text(s, 0), sizeof(hh[0]));
	sqlite3_finalize(s);
	assert_int_equal(n, 8);
	dx_buf_adds(&b, "户编号,走访日期,走访人,走访内容,发现问题\n");
	for (int i = 0; i < ROWS; i++)
		dx_buf_addf(&b, "%s,2025-%02d-%02d,测试员%d,测试走访,\n", hh[i % 8], 1 + i / 8 % 12,
		            bad && i == ROWS - 1 ? 32 : 1 + i / 96 % 28, who + i % 97);
	*len = b.len;
	return b.buf;
}

static int setup(void **state)
{
	struct dx_demo_opts o = {0};
	struct dx_demo_stats stats;
	struct dx_buf why = DX_BUF_INIT;
	struct dx_store *st;
	(void)state;
	tu_tmpdb(path);
	dx_log_set_level(DX_LOG_NONE);
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	o.households = 40;
	o.seed = 1;
	o.quiet = 1;
	dx_strlcpy(o.today, "2026-11-24", sizeof(o.today));
	assert_int_equal(dx_demo_generate(st, &o, &stats), DX_OK);
	assert_int_equal(dx_actor_load(st, "xian532399", &county, &why), DX_OK);
	csv_good = ledger(st, 0, 0, &good_len);
	csv_good2 = ledger(st, 100, 0, &good2_len);
	csv_bad = ledger(st, 200, 1, &bad_len);
	dx_store_close(st);
	dx_buf_release(&why);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(csv_good);
	free(csv_good2);
	free(csv_bad);
	tu_rm(path);
	return 0;
}

/* The state of job id ("running", "done", "failed"). */
static void job_state(struct dx_jobs *j, int64_t id, char *out, size_t size)
{
	cJSON *o = NULL;
	assert_int_equal(dx_jobs_get(j, &county, id, &o), DX_OK);
	dx_strlcpy(out, cJSON_GetStringValue(cJSON_GetObjectItem(o, "state")), size);
	cJSON_Delete(o);
}

/* Wait (up to 120 s) until job id is no longer running; its state. */
static void job_wait(struct dx_jobs *j, int64_t id, char *state, size_t size)
{
	for (int i = 0; i < 12000; i++) {
		job_state(j, id, state, size);
		if (strcmp(state, "running"))
			return;
		struct timespec ts = {0, 10000000};
		nanosleep(&ts, NULL);
	}
	fail_msg("import job %lld still running after 120 s", (long long)id);
}

/* A server writer: one audit row in its own write transaction, as a
 * request's write does; how long it waited for the write lock, in ms. */
static double one_write(void)
{
	struct dx_store *st;
	double t0;
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	dx_store_set_write_wait(st, 60000);
	t0 = now_ms();
	assert_int_equal(dx_store_begin(st), DX_OK);
	t0 = now_ms() - t0;
	assert_int_equal(dx_store_audit(st, "532399", "xian532399", "test.write", "test", "k",
	                                NULL, NULL),
	                 DX_OK);
	assert_int_equal(dx_store_commit(st), DX_OK);
	dx_store_close(st);
	return t0;
}

/*
 * With the import giving the readers 90 % of its time (it would run ten
 * times its work), it pauses while nobody waits; a writer that queues
 * mid-import ends the pauses and gets the lock once the import's own work
 * is done -- well inside the server's 20 s, and sooner than the rest of a
 * paused import would take.  Nothing is lost: every visit and the
 * writer's row are there.
 */
static void test_writer_during_import(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_jobs *j;
	char st[16];
	int64_t id, before = count("SELECT count(*) FROM visit");
	int64_t audit = count("SELECT count(*) FROM audit WHERE action = 'test.write'");
	double t0, waited, alone, paused, alone_paused;
	(void)state;
	setenv("DIXIAN_IMPORT_YIELD", "90", 1);
	assert_non_null(j = dx_jobs_new(path));
	atomic_store(&readers, 1); /* a reader stays in flight throughout */
	dx_jobs_watch_readers(j, &readers);
	/* alone: the import pauses for the readers */
	t0 = now_ms();
	assert_int_equal(dx_jobs_start_import(j, &county, &day2026, "visits", csv_good, good_len, 0, &id, &why),
	                 DX_OK);
	job_wait(j, id, st, sizeof(st));
	alone = now_ms() - t0;
	assert_string_equal(st, "done");
	alone_paused = paused = dx_jobs_paused_ms(j, id);
	assert_true(paused > 0);
	assert_true(paused < alone);
	assert_int_equal(count("SELECT count(*) FROM visit"), before + ROWS);
	/* another ledger, with a writer queued after its first pause */
	assert_int_equal(dx_jobs_start_import(j, &county, &day2026, "visits", csv_good2, good2_len, 0, &id, &why),
	                 DX_OK);
	for (int i = 0; i < 6000 && dx_jobs_paused_ms(j, id) <= 0; i++) {
		struct timespec ts = {0, 1000000};
		nanosleep(&ts, NULL);
	}
	assert_true(dx_jobs_paused_ms(j, id) > 0);
	job_state(j, id, st, sizeof(st));
	assert_string_equal(st, "running");
	waited = one_write();
	paused = dx_jobs_paused_ms(j, id);
	job_wait(j, id, st, sizeof(st));
	assert_string_equal(st, "done");
	/* the writer waited for the import's work, not its pauses: inside
	 * the server's 20 s */
	print_message("import alone %.0f ms (paused %.0f); writer waited %.0f ms\n", alone,
	              alone_paused, waited);
	assert_true(waited < 20000);
	/* no pause after the writer queued: what it paused is what it had
	 * paused when the writer got in (give or take one 5 ms step) */
	assert_true(dx_jobs_paused_ms(j, id) - paused < 10);
	assert_int_equal(count("SELECT count(*) FROM visit"), before + 2 * ROWS);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE action = 'test.write'"), audit + 1);
	dx_jobs_free(j);
	unsetenv("DIXIAN_IMPORT_YIELD");
	dx_buf_release(&why);
}

/* A faulty file (its last row's date is wrong) keeps nothing, pauses or
 * not, and a writer queued during it is kept. */
static void test_faulty_file_keeps_nothing(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_jobs *j;
	char st[16];
	int64_t id, before = count("SELECT count(*) FROM visit");
	int64_t audit = count("SELECT count(*) FROM audit WHERE action = 'test.write'");
	(void)state;
	setenv("DIXIAN_IMPORT_YIELD", "80", 1);
	assert_non_null(j = dx_jobs_new(path));
	atomic_store(&readers, 1);
	dx_jobs_watch_readers(j, &readers);
	assert_int_equal(dx_jobs_start_import(j, &county, &day2026, "visits", csv_bad, bad_len, 0, &id, &why),
	                 DX_OK);
	for (int i = 0; i < 6000 && dx_jobs_paused_ms(j, id) <= 0; i++) {
		struct timespec ts = {0, 1000000};
		nanosleep(&ts, NULL);
	}
	one_write();
	job_wait(j, id, st, sizeof(st));
	assert_string_equal(st, "done"); /* read to the end; its problems say why */
	assert_int_equal(count("SELECT count(*) FROM visit"), before);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE action = 'test.write'"), audit + 1);
	dx_jobs_free(j);
	unsetenv("DIXIAN_IMPORT_YIELD");
	dx_buf_release(&why);
}

/*
 * With nobody reading, an import never pauses, whatever its share: a
 * server without requests in flight (or a registry not watching any) has
 * no one to leave the CPU to, and an upload on a quiet server must not
 * take twice as long.
 */
static void test_no_pause_without_readers(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_jobs *j;
	char st[16];
	int64_t id;
	(void)state;
	setenv("DIXIAN_IMPORT_YIELD", "90", 1);
	for (int watch = 0; watch < 2; watch++) {
		assert_non_null(j = dx_jobs_new(path));
		atomic_store(&readers, 0);
		if (watch)
			dx_jobs_watch_readers(j, &readers);
		assert_int_equal(dx_jobs_start_import(j, &county, &day2026, "visits", watch ? csv_good2 : csv_good,
		                                      watch ? good2_len : good_len, 0, &id, &why),
		                 DX_OK);
		job_wait(j, id, st, sizeof(st));
		assert_string_equal(st, "done");
		assert_true(dx_jobs_paused_ms(j, id) == 0);
		dx_jobs_free(j);
	}
	unsetenv("DIXIAN_IMPORT_YIELD");
	dx_buf_release(&why);
}

/* An upload's job checks its rows on the day it was uploaded (the
 * request's, as the route passes it), not the clock's: visits of 2025
 * uploaded on 2024-06-30 lie in the future and are refused; the same file
 * on 2026-01-01 is stored. */
static void test_job_takes_the_upload_day(void **state)
{
	static const struct dx_date before = {2024, 6, 30};
	struct dx_buf why = DX_BUF_INIT;
	struct dx_jobs *j;
	struct dx_store *db;
	char st[16], *csv;
	size_t len;
	int64_t id, n0 = count("SELECT count(*) FROM visit");
	(void)state;
	assert_int_equal(dx_store_open(&db, path, 0), DX_OK);
	csv = ledger(db, 300, 0, &len); /* visits no other test stored */
	dx_store_close(db);
	assert_non_null(j = dx_jobs_new(path));
	assert_int_equal(dx_jobs_start_import(j, &county, &before, "visits", csv, len, 0, &id, &why),
	                 DX_OK);
	job_wait(j, id, st, sizeof(st));
	assert_string_equal(st, "done");
	assert_int_equal(count("SELECT count(*) FROM visit"), n0);
	assert_int_equal(dx_jobs_start_import(j, &county, &day2026, "visits", csv, len, 0, &id, &why),
	                 DX_OK);
	job_wait(j, id, st, sizeof(st));
	assert_string_equal(st, "done");
	assert_true(count("SELECT count(*) FROM visit") > n0);
	dx_jobs_free(j);
	free(csv);
	dx_buf_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer_during_import),
		cmocka_unit_test(test_faulty_file_keeps_nothing),
		cmocka_unit_test(test_no_pause_without_readers),
		cmocka_unit_test(test_job_takes_the_upload_day),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
