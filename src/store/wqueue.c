/*
 * wqueue.c - one queue, in this process, for the writers of a store file.
 *
 * SQLite lets one connection write at a time and makes the others wait in
 * its busy handler, which sleeps and polls: it is not a queue.  A server
 * holds one connection per worker thread on the same file, and under load
 * (16 writers beside an import, tests/http/test_faults.py) a writer could
 * lose the race for the lock again and again until its busy timeout ran
 * out, and its request answered 503 though the store was never stuck.
 * So the connections of this process to the same file (same device and
 * inode) take the write lock in the order they asked for it: a waiter
 * list under a mutex, FIFO, with the busy timeout as the longest wait.
 * Other programs (a CLI import beside the server) still meet in SQLite's
 * busy handler; a queue cannot span processes without a lock file, and
 * SQLite's own lock is the one that protects the data.
 *
 * Hand-written: no maintained library offers a fair timed lock keyed by
 * file; it is a mutex, a condition variable and a list.
 */
#include "core/dx.h"
#include "store/wqueue.h"
#include "store/monotonic.h"

#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>

struct waiter {
	struct waiter *next;
};

struct dx_wqueue {
	dev_t dev;
	ino_t ino;
	int refs;
	int held;                    /* a connection of this process writes */
	struct waiter *head, **tail; /* who waits, in order of arrival */
	pthread_cond_t cv;
	struct dx_wqueue *link;
};

/* One mutex guards the registry and every queue's state: the critical
 * sections are a few pointer moves. */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct dx_wqueue *queues;

struct dx_wqueue *dx_wqueue_get(const char *path)
{
	struct stat sb;
	struct dx_wqueue *q;
	if (stat(path, &sb) || !S_ISREG(sb.st_mode))
		return NULL; /* no file (an in-memory store): nothing to share */
	pthread_mutex_lock(&mu);
	for (q = queues; q; q = q->link)
		if (q->dev == sb.st_dev && q->ino == sb.st_ino)
			break;
	if (!q && (q = calloc(1, sizeof(*q)))) {
		q->dev = sb.st_dev;
		q->ino = sb.st_ino;
		q->tail = &q->head;
		dx_cond_init_monotonic(&q->cv);
		q->link = queues;
		queues = q;
	}
	if (q)
		q->refs++;
	pthread_mutex_unlock(&mu);
	return q; /* NULL when out of memory: writers then meet in SQLite only */
}

void dx_wqueue_put(struct dx_wqueue *q)
{
	struct dx_wqueue **p;
	if (!q)
		return;
	pthread_mutex_lock(&mu);
	if (--q->refs == 0) {
		for (p = &queues; *p != q; p = &(*p)->link)
			;
		*p = q->link;
		pthread_cond_destroy(&q->cv);
		free(q);
	}
	pthread_mutex_unlock(&mu);
}

/* Take w off q's list (wherever it is). */
static void unlink_waiter(struct dx_wqueue *q, struct waiter *w)
{
	struct waiter **p;
	for (p = &q->head; *p != w; p = &(*p)->next)
		;
	*p = w->next;
	if (q->tail == &w->next)
		q->tail = p;
}

int dx_wqueue_enter(struct dx_wqueue *q, int wait_ms)
{
	struct waiter me = {NULL};
	struct timespec until;
	int rc = DX_OK;
	if (!q)
		return DX_OK;
	dx_deadline_after_ms(&until, wait_ms);
	pthread_mutex_lock(&mu);
	*q->tail = &me;
	q->tail = &me.next;
	while (q->held || q->head != &me) {
		if (pthread_cond_timedwait(&q->cv, &mu, &until) == ETIMEDOUT &&
		    (q->held || q->head != &me)) {
			rc = DX_BUSY;
			break;
		}
	}
	unlink_waiter(q, &me);
	if (!rc)
		q->held = 1;
	else
		pthread_cond_broadcast(&q->cv); /* the next in line may be first now */
	pthread_mutex_unlock(&mu);
	return rc;
}

void dx_wqueue_leave(struct dx_wqueue *q)
{
	if (!q)
		return;
	pthread_mutex_lock(&mu);
	q->held = 0;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&mu);
}

int dx_wqueue_waiting(struct dx_wqueue *q)
{
	int n = 0;
	if (!q)
		return 0;
	pthread_mutex_lock(&mu);
	for (struct waiter *w = q->head; w; w = w->next)
		n++;
	pthread_mutex_unlock(&mu);
	return n;
}
