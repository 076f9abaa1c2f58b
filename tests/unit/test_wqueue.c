/*
 * test_wqueue.c - the writers of one store file in a process take the
 * write lock in order of arrival (store/wqueue.c), with the busy timeout
 * as the longest wait; a store's writer waits for another connection's
 * transaction of the same process in the queue, not in SQLite's polling.
 */
#include "testutil.h"
#include "store/store.h"
#include "store/session.h"
#include "store/wqueue.h"

#include <pthread.h>
#include <unistd.h>

struct arrival {
	struct dx_wqueue *q;
	int *order, *n;
	pthread_mutex_t *mu;
	int id, rc;
};

static void *enter_and_note(void *arg)
{
	struct arrival *a = arg;
	a->rc = dx_wqueue_enter(a->q, 5000);
	if (!a->rc) {
		pthread_mutex_lock(a->mu);
		a->order[(*a->n)++] = a->id;
		pthread_mutex_unlock(a->mu);
		dx_wqueue_leave(a->q);
	}
	return NULL;
}

/* Waiters go in the order they arrived, whatever the scheduler does. */
static void test_fifo(void **state)
{
	char path[64];
	struct dx_wqueue *q, *q2;
	pthread_t t[4];
	struct arrival a[4];
	pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	int order[4], n = 0;
	(void)state;
	tu_tmpdb(path);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	assert_non_null(q = dx_wqueue_get(path));
	assert_ptr_equal(q2 = dx_wqueue_get(path), q); /* one queue per file */
	dx_wqueue_put(q2);
	assert_int_equal(dx_wqueue_enter(q, 1000), DX_OK);
	for (int i = 0; i < 4; i++) {
		a[i] = (struct arrival){q, order, &n, &mu, i, -1};
		assert_int_equal(pthread_create(&t[i], NULL, enter_and_note, &a[i]), 0);
		/* it queues before the next arrives, however slow the machine */
		for (int w = 0; w < 2000 && dx_wqueue_waiting(q) < i + 1; w++)
			usleep(5000);
		assert_int_equal(dx_wqueue_waiting(q), i + 1);
	}
	assert_int_equal(n, 0); /* all wait while the first writes */
	dx_wqueue_leave(q);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(n, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(a[i].rc, DX_OK);
		assert_int_equal(order[i], i);
	}
	dx_wqueue_put(q);
	tu_rm(path);
}

/* A wait past its limit is DX_BUSY, and leaves the queue usable. */
static void test_timeout(void **state)
{
	char path[64];
	struct dx_wqueue *q;
	(void)state;
	tu_tmpdb(path);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	assert_non_null(q = dx_wqueue_get(path));
	assert_int_equal(dx_wqueue_enter(q, 100), DX_OK);
	assert_int_equal(dx_wqueue_enter(q, 100), DX_BUSY);
	dx_wqueue_leave(q);
	assert_int_equal(dx_wqueue_enter(q, 100), DX_OK);
	dx_wqueue_leave(q);
	dx_wqueue_put(q);
	assert_null(dx_wqueue_get("/nonexistent/store.db"));
	tu_rm(path);
}

struct writer {
	const char *path;
	int rc;
	volatile int began;
};

static void *begin_commit(void *arg)
{
	struct writer *w = arg;
	struct dx_store *st = NULL;
	if ((w->rc = dx_store_open(&st, w->path, 0)))
		return NULL;
	if (!(w->rc = dx_store_begin(st))) {
		w->began = 1;
		w->rc = dx_store_commit(st);
	}
	dx_store_close(st);
	return NULL;
}

/* Two connections of one process: the second writer waits in the queue
 * until the first commits, then writes; a rollback lets the next go too. */
static void test_store_writers_queue(void **state)
{
	char path[64];
	struct dx_store *a = NULL;
	struct writer w = {path, -1, 0};
	struct dx_wqueue *q;
	pthread_t t;
	(void)state;
	tu_tmpdb(path);
	assert_int_equal(dx_store_open(&a, path, DX_STORE_CREATE), DX_OK);
	assert_non_null(q = dx_wqueue_get(path));
	assert_int_equal(dx_store_begin(a), DX_OK);
	/* the store's writer holds the file's queue, and lets it go at the end */
	assert_int_equal(dx_wqueue_enter(q, 50), DX_BUSY);
	{ /* another connection's writer waits as long as it was told */
		struct dx_store *b = NULL;
		assert_int_equal(dx_store_open(&b, path, 0), DX_OK);
		dx_store_set_write_wait(b, 100);
		assert_int_equal(dx_store_begin(b), DX_BUSY);
		dx_store_close(b);
	}
	assert_int_equal(pthread_create(&t, NULL, begin_commit, &w), 0);
	usleep(300000);
	assert_int_equal(w.began, 0);
	assert_int_equal(dx_store_commit(a), DX_OK);
	pthread_join(t, NULL);
	assert_int_equal(w.rc, DX_OK);
	assert_int_equal(w.began, 1);
	assert_int_equal(dx_wqueue_enter(q, 50), DX_OK);
	dx_wqueue_leave(q);
	/* the same after a rollback */
	w.began = 0;
	w.rc = -1;
	assert_int_equal(dx_store_begin(a), DX_OK);
	assert_int_equal(pthread_create(&t, NULL, begin_commit, &w), 0);
	usleep(200000);
	assert_int_equal(w.began, 0);
	dx_store_rollback(a);
	pthread_join(t, NULL);
	assert_int_equal(w.rc, DX_OK);
	dx_store_close(a);
	dx_wqueue_put(q);
	tu_rm(path);
}

/*
 * A write that failed busy leaves no read open behind it: a session's
 * renewal (which never waits) fails while an import holds the write lock;
 * after the import commits, the same connection's next transaction must
 * start on the new snapshot, not on the one the failed statement held
 * (SQLite answers BUSY_SNAPSHOT at once to every retry: the server's 503
 * on a visit after an upload, test_load_mixed under ASan).
 */
static void test_failed_write_leaves_no_snapshot(void **state)
{
	char path[64];
	struct dx_store *a = NULL, *b = NULL;
	(void)state;
	tu_tmpdb(path);
	assert_int_equal(dx_store_open(&a, path, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_store_open(&b, path, 0), DX_OK);
	assert_int_equal(dx_store_begin(a), DX_OK);
	assert_int_equal(dx_store_session_touch(b, "0123", 1), DX_BUSY);
	assert_int_equal(dx_store_area_put(a, "532399", "县"), DX_OK);
	assert_int_equal(dx_store_commit(a), DX_OK);
	dx_store_set_write_wait(b, 200);
	assert_int_equal(dx_store_begin(b), DX_OK);
	assert_int_equal(dx_store_area_put(b, "532301", "县二"), DX_OK);
	assert_int_equal(dx_store_commit(b), DX_OK);
	dx_store_close(b);
	dx_store_close(a);
	tu_rm(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fifo),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_store_writers_queue),
		cmocka_unit_test(test_failed_write_leaves_no_snapshot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
