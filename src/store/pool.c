/*
 * pool.c - a pool of store connections on one target (pool.h).
 *
 * The free connections are a stack (the most recently released goes out
 * first: its statements are prepared and its pages warm), except that a
 * thread gets back the one it released last when that one is free (a
 * server's workers each keep to their own); waiting is a
 * condition variable with a deadline on CLOCK_MONOTONIC, so a clock
 * change never stretches or cuts a wait.
 */
#include "core/dx.h"
#include "store/pool.h"
#include "store/store_int.h"
#include "store/monotonic.h"

#include <errno.h>
#include <pthread.h>

struct dx_store_pool {
	pthread_mutex_t mu;
	pthread_cond_t freed;
	int n, nfree;
	struct dx_store **all;  /* every connection, to close them */
	struct dx_store **free; /* the free ones, a stack */
	pthread_t *last;        /* free[i]'s last holder */
};

int dx_store_pool_open(struct dx_store_pool **out, const char *target, unsigned flags, int n)
{
	struct dx_store_pool *p;
	int rc = DX_OK;
	*out = NULL;
	if (n < 1 || n > DX_STORE_POOL_MAX)
		return dx_error(DX_USAGE, "a pool of %d connections", n);
	p = dx_xcalloc(1, sizeof(*p));
	p->all = dx_xcalloc((size_t)n, sizeof(*p->all));
	p->free = dx_xcalloc((size_t)n, sizeof(*p->free));
	p->last = dx_xcalloc((size_t)n, sizeof(*p->last));
	for (int i = 0; i < n && !rc; i++) {
		/* the first open upgrades the schema; the others find it done */
		if (!(rc = dx_store_open(&p->all[i], target, i ? flags & ~DX_STORE_CREATE : flags))) {
			p->free[p->nfree++] = p->all[i];
			p->n++;
		}
		/* a private in-memory SQLite database: a second connection
		 * would open another, empty one */
		if (!rc && !i && n > 1 && !p->all[0]->drv->shareable(p->all[0]))
			rc = dx_error(DX_USAGE, "store '%s' cannot be shared by a pool",
				      p->all[0]->shown);
	}
	if (rc) {
		for (int i = 0; i < p->n; i++)
			dx_store_close(p->all[i]);
		free(p->all);
		free(p->free);
		free(p->last);
		free(p);
		return rc;
	}
	pthread_mutex_init(&p->mu, NULL);
	dx_cond_init_monotonic(&p->freed);
	*out = p;
	return DX_OK;
}

int dx_store_pool_acquire(struct dx_store_pool *p, struct dx_store **st, int wait_ms)
{
	struct timespec until;
	int rc = DX_OK;
	*st = NULL;
	dx_deadline_after_ms(&until, wait_ms);
	pthread_mutex_lock(&p->mu);
	while (!p->nfree && rc == DX_OK)
		if (wait_ms <= 0 || pthread_cond_timedwait(&p->freed, &p->mu, &until) == ETIMEDOUT)
			rc = p->nfree ? DX_OK : DX_BUSY;
	if (p->nfree) {
		/* the one this thread held last, if it is free: its memory
		 * came from this thread's malloc arena and its pages are in
		 * this core's cache (a server's workers each keep theirs) */
		int i = p->nfree - 1;
		pthread_t self = pthread_self();
		for (int k = 0; k < p->nfree; k++)
			if (pthread_equal(p->last[k], self)) {
				i = k;
				break;
			}
		*st = p->free[i];
		p->nfree--;
		p->free[i] = p->free[p->nfree];
		p->last[i] = p->last[p->nfree];
	}
	pthread_mutex_unlock(&p->mu);
	return *st ? DX_OK : DX_BUSY;
}

void dx_store_pool_release(struct dx_store_pool *p, struct dx_store *st)
{
	if (!st)
		return;
	/* the next holder starts outside any transaction, with no statement
	 * left on a row (a read held open) */
	if (st->txn_depth) {
		dx_log(DX_LOG_WARN, "store connection released inside a transaction: rolled back");
		dx_store_rollback(st);
	}
	dx_store_idle(st);
	pthread_mutex_lock(&p->mu);
	p->last[p->nfree] = pthread_self();
	p->free[p->nfree++] = st;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->mu);
}

int dx_store_pool_size(const struct dx_store_pool *p)
{
	return p->n;
}

int dx_store_pool_free(struct dx_store_pool *p)
{
	int n;
	pthread_mutex_lock(&p->mu);
	n = p->nfree;
	pthread_mutex_unlock(&p->mu);
	return n;
}

void dx_store_pool_close(struct dx_store_pool *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		dx_store_close(p->all[i]);
	pthread_cond_destroy(&p->freed);
	pthread_mutex_destroy(&p->mu);
	free(p->all);
	free(p->free);
	free(p->last);
	free(p);
}
