/*
 * test_store_pool.c - the connection pool (store/pool.h): one holder per
 * connection, waiting bounded, a released connection clean, many threads
 * writing through it.  On a fresh SQLite file, or on the PostgreSQL
 * database DIXIAN_STORE_URL names (`make pgtest`), emptied first.
 */
#include "testutil.h"
#include "store/pool.h"
#include "store/procedure.h"
#include "store/store.h"
#include "store/store_int.h"

#include <pthread.h>

static char target[256];

static void fresh_target(void)
{
	const char *url = getenv("DIXIAN_STORE_URL");
	struct dx_store *st = NULL;
	if (url && *url) {
		dx_strlcpy(target, url, sizeof(target));
		assert_int_equal(dx_store_open(&st, target, DX_STORE_CREATE), DX_OK);
		assert_int_equal(st->drv->exec(st, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"),
				 DX_OK);
		dx_store_close(st);
	} else {
		char path[64];
		tu_tmpdb(path);
		dx_strlcpy(target, path, sizeof(target));
	}
}

static void done_target(void)
{
	if (!strcmp(dx_store_driver_name(target), "sqlite"))
		tu_rm(target);
}

static long long ms_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void test_acquire_release(void **state)
{
	struct dx_store_pool *p = NULL;
	struct dx_store *a, *b, *c, *d;
	long long t0;
	int64_t n = -1;
	(void)state;
	fresh_target();
	assert_int_equal(dx_store_pool_open(&p, target, DX_STORE_CREATE, 3), DX_OK);
	assert_int_equal(dx_store_pool_size(p), 3);
	assert_int_equal(dx_store_pool_acquire(p, &a, 0), DX_OK);
	assert_int_equal(dx_store_pool_acquire(p, &b, 0), DX_OK);
	assert_int_equal(dx_store_pool_acquire(p, &c, 0), DX_OK);
	assert_true(a != b && b != c && a != c);
	assert_int_equal(dx_store_pool_free(p), 0);
	/* none free: at once, or after the wait */
	assert_int_equal(dx_store_pool_acquire(p, &d, 0), DX_BUSY);
	assert_null(d);
	t0 = ms_now();
	assert_int_equal(dx_store_pool_acquire(p, &d, 80), DX_BUSY);
	assert_true(ms_now() - t0 >= 70);
	/* a connection given back inside a transaction comes back rolled
	 * back: what it wrote is gone */
	assert_int_equal(dx_store_begin(b), DX_OK);
	assert_int_equal(dx_store_area_put(b, "532326", "大姚县"), DX_OK);
	dx_store_pool_release(p, b);
	assert_int_equal(dx_store_pool_acquire(p, &d, 0), DX_OK);
	assert_ptr_equal(d, b);
	assert_false(dx_store_in_txn(d));
	assert_int_equal(dx_store_count(d, "area", "532326", &n), DX_OK);
	assert_int_equal(n, 0);
	dx_store_pool_release(p, a);
	dx_store_pool_release(p, c);
	dx_store_pool_release(p, d);
	assert_int_equal(dx_store_pool_free(p), 3);
	dx_store_pool_close(p);
	assert_int_equal(dx_store_pool_open(&p, target, 0, 0), DX_USAGE);
	/* a private database (SQLite's "" or :memory:) is one connection's */
	assert_int_equal(dx_store_pool_open(&p, "", DX_STORE_CREATE, 2), DX_USAGE);
	assert_null(p);
	done_target();
}

/* A statement left on a row (here one outside the statement cache, as a
 * use case's own query would be) keeps a SQLite connection's read
 * snapshot open: given back and taken again, the connection must see
 * what another wrote since, not the store as it was. */
static void test_release_ends_a_stale_read(void **state)
{
	struct dx_store_pool *p = NULL;
	struct dx_store *a, *b, *again;
	struct dx_stmt *q = NULL;
	int64_t n = -1;
	(void)state;
	fresh_target();
	assert_int_equal(dx_store_pool_open(&p, target, DX_STORE_CREATE, 2), DX_OK);
	assert_int_equal(dx_store_pool_acquire(p, &a, 0), DX_OK);
	assert_int_equal(dx_store_pool_acquire(p, &b, 0), DX_OK);
	assert_int_equal(dx_store_area_put(b, "532326", "大姚县"), DX_OK);
	assert_int_equal(a->drv->prepare(a, "SELECT code FROM area", &q), DX_OK);
	assert_int_equal(a->drv->step(q), DX_OK); /* on a row: a read open */
	assert_int_equal(dx_store_area_put(b, "532326106", "示例乡"), DX_OK);
	dx_store_pool_release(p, a);
	assert_int_equal(dx_store_pool_acquire(p, &again, 0), DX_OK);
	assert_ptr_equal(again, a);
	assert_int_equal(dx_store_count(again, "area", "532326", &n), DX_OK);
	assert_int_equal(n, 2);
	/* nothing left to end on a connection that ended its reads; a
	 * transaction begun behind the store's count is ended */
	assert_int_equal(dx_store_idle(b), 0);
	assert_int_equal(b->drv->exec(b, "BEGIN"), DX_OK);
	assert_int_equal(dx_store_count(b, "area", "532326", &n), DX_OK);
	assert_int_equal(dx_store_idle(b), 1);
	assert_int_equal(b->drv->exec(b, "BEGIN"), DX_OK); /* not nested: ended */
	assert_int_equal(b->drv->exec(b, "ROLLBACK"), DX_OK);
	again->drv->finalize(q);
	dx_store_pool_release(p, again);
	dx_store_pool_release(p, b);
	dx_store_pool_close(p);
	done_target();
}

/* Threads more than connections, each writing its own households through
 * whatever connection it gets. */
enum { THREADS = 6, ROUNDS = 15 };
struct worker {
	struct dx_store_pool *p;
	int k, failed;
};

static int add_one(struct dx_store *st, void *arg)
{
	struct dx_household *h = arg;
	return dx_store_household_insert(st, h);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	for (int i = 0; i < ROUNDS; i++) {
		struct dx_store *st;
		struct dx_household h = {.tuopin_year = 0};
		if (dx_store_pool_acquire(w->p, &st, 20000)) {
			w->failed++;
			continue;
		}
		dx_snprintf(h.hh_no, sizeof(h.hh_no), "T%d-%d", w->k, i);
		dx_strlcpy(h.area_code, "532326106001", sizeof(h.area_code));
		dx_strlcpy(h.kind, "一般户", sizeof(h.kind));
		if (dx_store_txn(st, add_one, &h))
			w->failed++;
		dx_store_pool_release(w->p, st);
	}
	return NULL;
}

static void test_threads(void **state)
{
	struct dx_store_pool *p = NULL;
	struct worker w[THREADS];
	pthread_t t[THREADS];
	struct dx_store *st;
	int64_t n = -1;
	(void)state;
	fresh_target();
	assert_int_equal(dx_store_pool_open(&p, target, DX_STORE_CREATE, 3), DX_OK);
	assert_int_equal(dx_store_pool_acquire(p, &st, 0), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326", "大姚县"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106", "示例乡"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106001", "青山村"), DX_OK);
	dx_store_pool_release(p, st);
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){p, i, 0};
		assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].failed, 0);
	}
	assert_int_equal(dx_store_pool_free(p), 3);
	assert_int_equal(dx_store_pool_acquire(p, &st, 0), DX_OK);
	assert_int_equal(dx_store_count(st, "household", "532326", &n), DX_OK);
	assert_int_equal(n, THREADS * ROUNDS);
	dx_store_pool_release(p, st);
	dx_store_pool_close(p);
	done_target();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_acquire_release),
		cmocka_unit_test(test_release_ends_a_stale_read),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
