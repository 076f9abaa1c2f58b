/*
 * store.c - driver dispatch, schema migrations, transactions and the
 * prepared-statement cache shared by all drivers.
 */
#include "core/dx.h"
#include "core/outfile.h"
#include "store/derived.h"
#include "store/store_int.h"

#include <unistd.h>

int dx_step_done(struct dx_stmt *s)
{
	int rc;
	while ((rc = dx_step(s)) == DX_OK)
		;
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

int dx_step_int(struct dx_stmt *s, int64_t *v)
{
	int rc;
	if ((rc = dx_step(s)))
		return rc;
	*v = dx_col_int(s, 0);
	return dx_step_done(s);
}

void dx_col_copy(struct dx_stmt *s, int i, char *dst, size_t size)
{
	dx_strlcpy(dst, dx_col_text(s, i), size);
}

/* Every insert stamps updated_at: format once per second and thread. */
void dx_store_now(char out[21])
{
	static _Thread_local time_t last = -1;
	static _Thread_local char text[21];
	time_t t = time(NULL);
	if (t != last) {
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
		last = t;
	}
	memcpy(out, text, sizeof(text));
}

struct dx_stmt *dx_q(struct dx_store *st, const char *sql)
{
	struct dx_stmt *s = NULL;
	for (size_t i = 0; i < st->nstmts; i++) {
		if (st->stmts[i].sql == sql) {
			s = st->stmts[i].stmt;
			s->drv->reset(s);
			return s;
		}
	}
	if (st->nstmts == DX_STORE_MAX_STMTS) {
		dx_error(DX_DB, "statement cache full");
		return NULL;
	}
	if (st->drv->prepare(st, sql, &s))
		return NULL;
	st->stmts[st->nstmts].sql = sql;
	st->stmts[st->nstmts].stmt = s;
	st->nstmts++;
	return s;
}

/* Bring the schema up to `target` one migration at a time, each in its own
 * transaction so that a failure leaves the previous version intact. */
DX_TESTABLE int dx_store_migrate(struct dx_store *st, int target)
{
	int have = 0, start, rc;
	if ((rc = st->drv->get_version(st, &have)))
		return rc;
	start = have;
	if (have > st->drv->nmigrations)
		return dx_error(DX_VERSION,
				"store '%s' has schema version %d, newer than this "
				"dixian knows (%d); upgrade dixian",
				st->path, have, st->drv->nmigrations);
	if (have >= target)
		return DX_OK;
	/* a migration may rebuild a table others refer to */
	if ((rc = st->drv->fk_enforce(st, 0)))
		return rc;
	while (have < target) {
		if ((rc = dx_store_begin(st)))
			break;
		rc = st->drv->exec(st, st->drv->migrations[have]);
		if (!rc)
			rc = st->drv->fk_check(st);
		if (!rc)
			rc = st->drv->set_version(st, have + 1);
		if (rc) {
			dx_store_rollback(st);
			rc = dx_error(rc, "cannot upgrade store '%s' to version %d", st->path,
				      have + 1);
			break;
		}
		if ((rc = dx_store_commit(st)))
			break;
		have++;
		if (start > 0)
			dx_log(DX_LOG_INFO, "store '%s' upgraded to version %d",
			       st->path, have);
	}
	if (st->drv->fk_enforce(st, 1) && !rc)
		rc = DX_DB;
	return rc;
}

int dx_store_open(struct dx_store **out, const char *path, unsigned flags)
{
	struct dx_store *st;
	int rc, fallback = 0;
	*out = NULL;
	if (!(flags & DX_STORE_CREATE) && access(path, F_OK) != 0)
		return dx_error(DX_NOT_FOUND,
				"store '%s' does not exist (create it with 'dixian init')",
				path);
	st = dx_xcalloc(1, sizeof(*st));
	st->drv = &dx_driver_sqlite;
	st->path = dx_xstrdup(path);
	dx_buf_init(&st->bulk_sql, 0);
	if ((rc = st->drv->open(st, path, flags)))
		goto fail;
	if (st->readonly && !(flags & DX_STORE_READONLY)) {
		/* issue 13.7: a read-only file still reads */
		dx_log(DX_LOG_WARN, "store '%s' is read-only: open for reading only", path);
		fallback = 1;
		flags |= DX_STORE_READONLY;
	}
	if (!(flags & DX_STORE_READONLY) &&
	    (rc = dx_store_migrate(st, st->drv->nmigrations)))
		goto fail;
	if (flags & DX_STORE_READONLY) {
		int have = 0;
		if ((rc = st->drv->get_version(st, &have)))
			goto fail;
		if (have < st->drv->nmigrations && fallback) {
			rc = dx_error(DX_VERSION, "store '%s' has schema version %d and needs "
				      "an upgrade, but it is read-only", path, have);
			goto fail;
		}
		if (have < st->drv->nmigrations) {
			/* an older store is upgraded when opened, even by a reader:
			 * once, through a writable connection, then read as asked */
			struct dx_store *w = NULL;
			dx_store_close(st);
			if ((rc = dx_store_open(&w, path, flags & ~(unsigned)DX_STORE_READONLY)))
				return rc;
			dx_store_close(w);
			return dx_store_open(out, path, flags);
		}
		if (have != st->drv->nmigrations) {
			rc = dx_error(DX_VERSION,
				      "store '%s' has schema version %d, this dixian "
				      "needs %d",
				      path, have, st->drv->nmigrations);
			goto fail;
		}
	}
	/* no output of this run may be written over the store (issue 13.3) */
	dx_outfile_protect(path, 1);
	*out = st;
	return DX_OK;
fail:
	dx_store_close(st);
	return rc;
}

void dx_store_close(struct dx_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->nstmts; i++)
		st->drv->finalize(st->stmts[i].stmt);
	if (st->db)
		st->drv->close(st);
	dx_buf_release(&st->bulk_sql);
	free(st->bulk_stale);
	free(st->path);
	free(st);
}

const char *dx_store_path(const struct dx_store *st)
{
	return st->path;
}

int dx_store_readonly(const struct dx_store *st)
{
	return st->readonly;
}

int dx_store_version(struct dx_store *st, int *have, int *latest)
{
	*latest = st->drv->nmigrations;
	return st->drv->get_version(st, have);
}

int dx_store_begin(struct dx_store *st)
{
	/* a writer takes the write lock at once, waiting for it up to the
	 * busy timeout: a deferred BEGIN that has read and then writes while
	 * another program writes fails at once (issue 13.7) */
	int rc = st->drv->exec(st, st->readonly ? "BEGIN" : "BEGIN IMMEDIATE");
	if (!rc)
		st->txn_depth = 1;
	return rc;
}

int dx_store_commit(struct dx_store *st)
{
	int rc;
	/* never commit a store without the indexes and triggers a bulk load
	 * deferred */
	if ((rc = dx_store_bulk_end(st)))
		return rc;
	rc = st->drv->exec(st, "COMMIT");
	if (!rc)
		st->txn_depth = 0;
	return rc;
}

int dx_store_rollback(struct dx_store *st)
{
	int rc = st->drv->exec(st, "ROLLBACK");
	st->txn_depth = 0;
	st->bulk = 0; /* the rollback brought back what bulk_begin dropped */
	dx_buf_reset(&st->bulk_sql);
	st->bulk_nstale = 0;
	return rc;
}

/* What a bulk load defers: the secondary indexes of these tables, and the
 * triggers whose only effect is the household columns derived from the
 * members (store/derived.h), which dx_store_bulk_end recomputes at once.
 * Triggers with any other effect are never dropped. */
static const struct {
	const char *table, *triggers;
} bulk_defer[] = {
	{"person", "person_members_%"}, /* schema v6: household.members */
	{"person", "person_summary_%"}, /* schema v7: msum, head_id, head_name */
	{"household", ""},
};

int dx_store_bulk_begin(struct dx_store *st)
{
	int rc = 0, n = 0;
	if (st->bulk)
		return DX_OK;
	if (!st->txn_depth)
		return dx_error(DX_USAGE, "bulk load outside a transaction");
	/* a cached statement left on a row (a look-up read once) keeps its
	 * table open, and SQLite will not drop an index of an open table */
	for (size_t i = 0; i < st->nstmts; i++)
		st->drv->reset(st->stmts[i].stmt);
	for (size_t i = 0; !rc && i < DX_ARRAY_SIZE(bulk_defer); i++)
		rc = st->drv->defer_schema(st, bulk_defer[i].table, bulk_defer[i].triggers,
					   &st->bulk_sql, &n);
	if (rc) /* the caller rolls back; nothing is half-dropped after that */
		return rc;
	st->bulk = 1;
	return DX_OK;
}

int dx_store_bulk_end(struct dx_store *st)
{
	int rc;
	if (!st->bulk)
		return DX_OK;
	st->bulk = 0;
	if (st->bulk_sql.len && (rc = st->drv->exec(st, st->bulk_sql.buf)))
		goto out;
	/* with the indexes back, each is a look-up of its members */
	for (size_t i = 0; !rc && i < st->bulk_nstale; i++)
		rc = dx_store_refresh_derived_one(st, st->bulk_stale[i]);
out:
	dx_buf_reset(&st->bulk_sql);
	st->bulk_nstale = 0;
	return rc;
}

int dx_store_first_load(struct dx_store *st, int on)
{
	if (st->txn_depth)
		return dx_error(DX_USAGE, "first load switched inside a transaction");
	/* a cached statement left on a row (a look-up read once, or a scan a
	 * failed import left) holds a read open, and SQLite will not change
	 * the journal mode under it */
	for (size_t i = 0; i < st->nstmts; i++)
		st->drv->reset(st->stmts[i].stmt);
	return st->drv->first_load(st, on);
}

int dx_store_analyze(struct dx_store *st)
{
	return st->drv->exec(st, "ANALYZE");
}

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A busy store is retried a few times (a snapshot that cannot be upgraded
 * fails at once), but the waits, each up to the driver's busy timeout, add
 * up to no more than DX_STORE_BUSY_MS in all: a user is told after about
 * that long, not after five of them. */
int dx_store_txn(struct dx_store *st, int (*fn)(struct dx_store *, void *), void *arg)
{
	long long start = now_ms();
	int rc = DX_BUSY;
	for (int attempt = 0; attempt < 5 && rc == DX_BUSY; attempt++) {
		if (attempt && now_ms() - start >= DX_STORE_BUSY_MS)
			break;
		if (attempt)
			usleep(20000u << attempt);
		if ((rc = dx_store_begin(st)))
			continue;
		rc = fn(st, arg);
		if (rc) {
			dx_store_rollback(st);
			continue;
		}
		if ((rc = dx_store_commit(st)))
			dx_store_rollback(st);
	}
	return rc;
}
