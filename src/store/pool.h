/*
 * pool.h - a pool of store connections on one target, for a server whose
 * requests run on many threads (issue 12 "a connection pool object the
 * server will use", issue 16 "the server's pool on PostgreSQL").
 *
 * The pool opens its connections at once (the first one upgrades the
 * schema as dx_store_open does, the others find it done), hands one
 * connection to one thread at a time (acquire), and takes it back
 * (release) rolled back if a transaction was left open and with its
 * statements reset, so the next holder starts clean.  A connection is
 * never used by two threads at once, which is all either driver needs
 * (SQLite's connections are opened without their own mutexes; a libpq
 * connection is one session).  Thread-safe: one mutex and a condition.
 */
#ifndef DX_STORE_POOL_H
#define DX_STORE_POOL_H

#include "store/store.h"

struct dx_store_pool;

/* Open n (1..DX_STORE_POOL_MAX) connections on target, with the flags of
 * dx_store_open; *out is NULL on error (every connection opened is
 * closed again). */
enum { DX_STORE_POOL_MAX = 256 };
int dx_store_pool_open(struct dx_store_pool **out, const char *target, unsigned flags, int n);

/* A connection for the calling thread's sole use until it releases it,
 * waiting up to wait_ms for one (0 = do not wait); DX_BUSY when none came
 * free in time. */
int dx_store_pool_acquire(struct dx_store_pool *p, struct dx_store **st, int wait_ms);

/* Give st back (a transaction left open is rolled back). */
void dx_store_pool_release(struct dx_store_pool *p, struct dx_store *st);

/* How many connections the pool holds, and how many are free now. */
int dx_store_pool_size(const struct dx_store_pool *p);
int dx_store_pool_free(struct dx_store_pool *p);

/* Close every connection (all must have been released); NULL-safe. */
void dx_store_pool_close(struct dx_store_pool *p);

#endif
