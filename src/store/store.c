/*
 * store.c - driver dispatch, schema migrations, transactions and the
 * prepared-statement cache shared by all drivers.
 */
#include "core/dx.h"
#include "core/outfile.h"
#include "store/derived.h"
#include "store/memo.h"
#include "store/store_int.h"
#include "store/wqueue.h"

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
	if (s->drv->col_copy)
		s->drv->col_copy(s, i, dst, size);
	else
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

static size_t stmt_hash(const char *sql, size_t cap)
{
	uintptr_t k = (uintptr_t)sql;
	k ^= k >> 17;
	k *= (uintptr_t)0x9E3779B97F4A7C15ull;
	return (size_t)(k >> 7) & (cap - 1);
}

/* The slot of sql, or the empty one where it goes (cap a power of two,
 * the table never full). */
static struct dx_stmt_slot *stmt_slot(struct dx_stmt_slot *t, size_t cap, const char *sql)
{
	size_t i = stmt_hash(sql, cap);
	while (t[i].sql && t[i].sql != sql)
		i = (i + 1) & (cap - 1);
	return &t[i];
}

static void stmts_grow(struct dx_store *st)
{
	size_t cap = st->stmt_cap ? 2 * st->stmt_cap : 256;
	struct dx_stmt_slot *t = dx_xcalloc(cap, sizeof(*t));
	for (size_t i = 0; i < st->stmt_cap; i++)
		if (st->stmts[i].sql)
			*stmt_slot(t, cap, st->stmts[i].sql) = st->stmts[i];
	free(st->stmts);
	st->stmts = t;
	st->stmt_cap = cap;
}

/* Note s as handed out (dx_store_stmts_reset resets it). */
static struct dx_stmt *stmt_used(struct dx_store *st, struct dx_stmt *s)
{
	if (st->nused < DX_ARRAY_SIZE(st->used))
		st->used[st->nused++] = s;
	else
		st->used_all = 1;
	return s;
}

struct dx_stmt *dx_q(struct dx_store *st, const char *sql)
{
	struct dx_stmt_slot *slot;
	struct dx_stmt *s = NULL;
	if (st->stmt_cap) {
		slot = stmt_slot(st->stmts, st->stmt_cap, sql);
		if (slot->sql) {
			slot->stmt->drv->reset(slot->stmt);
			slot->stmt->st = st;
			return stmt_used(st, slot->stmt);
		}
	}
	if (st->drv->prepare(st, sql, &s))
		return NULL;
	stmt_used(st, s);
	s->st = st;
	if (2 * (st->nstmts + 1) > st->stmt_cap)
		stmts_grow(st);
	slot = stmt_slot(st->stmts, st->stmt_cap, sql);
	slot->sql = sql;
	slot->stmt = s;
	st->nstmts++;
	return s;
}

void dx_store_stmts_reset(struct dx_store *st)
{
	if (st->used_all) {
		for (size_t i = 0; i < st->stmt_cap; i++)
			if (st->stmts[i].sql)
				st->drv->reset(st->stmts[i].stmt);
	} else {
		/* the others were reset when last handed back, or never ran */
		for (size_t i = 0; i < st->nused; i++)
			st->drv->reset(st->used[i]);
	}
	st->nused = 0;
	st->used_all = 0;
}

int dx_store_idle(struct dx_store *st)
{
	dx_store_stmts_reset(st);
	return st->drv->idle ? st->drv->idle(st) : 0;
}

void dx_store_stmts_release(struct dx_store *st)
{
	for (size_t i = 0; i < st->stmt_cap; i++)
		if (st->stmts[i].sql)
			st->drv->finalize(st->stmts[i].stmt);
	free(st->stmts);
	st->stmts = NULL;
	st->stmt_cap = st->nstmts = 0;
	st->nused = 0;
	st->used_all = 0;
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
				st->shown, have, st->drv->nmigrations);
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
			rc = dx_error(rc, "cannot upgrade store '%s' to version %d", st->shown,
				      have + 1);
			break;
		}
		if ((rc = dx_store_commit(st)))
			break;
		have++;
		if (start > 0)
			dx_log(DX_LOG_INFO, "store '%s' upgraded to version %d",
			       st->shown, have);
	}
	if (st->drv->fk_enforce(st, 1) && !rc)
		rc = DX_DB;
	if (!rc && start > 0 && st->drv->after_upgrade)
		rc = st->drv->after_upgrade(st);
	return rc;
}

/*
 * The drivers, in the order they are asked whether a --db target is
 * theirs; the last (SQLite: a path) takes anything.  A driver that is not
 * built yet still claims its targets, so that a connection string is never
 * taken for a file name (and a file made under that name).
 */
static const struct dx_driver *const drivers[] = {
	&dx_driver_pg,
	&dx_driver_sqlite,
};

static const struct dx_driver *driver_for(const char *target)
{
	for (size_t i = 0; i + 1 < DX_ARRAY_SIZE(drivers); i++)
		if (drivers[i]->claims(target))
			return drivers[i];
	return drivers[DX_ARRAY_SIZE(drivers) - 1];
}

const char *dx_store_driver_name(const char *target)
{
	return driver_for(target)->name;
}

int dx_store_driver_built(const char *target)
{
	return driver_for(target)->built;
}

/* Mask a URL connection string: "scheme://user:secret@host/db?password=x"
 * → "scheme://user:***@host/db?password=***". */
static void mask_url(const char *t, struct dx_buf *b)
{
	const char *auth = strstr(t, "://") + 3;
	const char *end_auth = auth + strcspn(auth, "/?#");
	const char *at = NULL, *colon;
	for (const char *p = auth; p < end_auth; p++)
		if (*p == '@')
			at = p; /* the last '@': a password may hold one unescaped */
	dx_buf_add(b, t, (size_t)(auth - t));
	if (at && (colon = memchr(auth, ':', (size_t)(at - auth)))) {
		dx_buf_add(b, auth, (size_t)(colon - auth) + 1);
		dx_buf_adds(b, "***");
		dx_buf_add(b, at, (size_t)(end_auth - at));
	} else {
		dx_buf_add(b, auth, (size_t)(end_auth - auth));
	}
	/* path and query: mask every password= parameter */
	for (const char *p = end_auth; *p;) {
		const char *q = p + strcspn(p, "?&");
		dx_buf_add(b, p, (size_t)(q - p));
		if (!*q)
			break;
		dx_buf_add(b, q, 1);
		q++;
		if (!strncasecmp(q, "password=", 9)) {
			dx_buf_add(b, q, 9);
			dx_buf_adds(b, "***");
			q += 9 + strcspn(q + 9, "&#");
		}
		p = q;
	}
}

/* Mask a libpq key=value string: the value of password= (plain or
 * 'quoted', with \' and \\ escapes) becomes ***. */
static void mask_keyvalue(const char *t, struct dx_buf *b)
{
	const char *p = t;
	while (*p) {
		const char *key = p;
		int is_pw;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		key = p;
		p += strcspn(p, "= \t\n");
		is_pw = (size_t)(p - key) == 8 && !strncasecmp(key, "password", 8);
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=') { /* not key=value: keep the rest as it is */
			dx_buf_adds(b, key);
			break;
		}
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		const char *val = p;
		if (*p == '\'') {
			for (p++; *p && *p != '\''; p++)
				if (*p == '\\' && p[1])
					p++;
			if (*p)
				p++;
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '\n')
				p++;
		}
		if (b->len)
			dx_buf_adds(b, " ");
		dx_buf_add(b, key, (size_t)(val - key));
		if (is_pw)
			dx_buf_adds(b, "***");
		else
			dx_buf_add(b, val, (size_t)(p - val));
	}
}

static int is_url(const char *target)
{
	return !strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11);
}

/* A libpq key=value string: it starts with a keyword and "=", and names a
 * host or a database.  A file name that happens to hold "=" (a.db,
 * "x=1.db") names neither at a word start. */
static int is_keyvalue(const char *target)
{
	static const char *const keys[] = {"host=", "hostaddr=", "dbname=", "user=",
					   "port=", "service=", "password="};
	int starts = 0, names = 0;
	for (size_t i = 0; i < DX_ARRAY_SIZE(keys); i++)
		if (!strncmp(target, keys[i], strlen(keys[i])))
			starts = 1;
	for (const char *p = target; *p; p++)
		if ((p == target || p[-1] == ' ') &&
		    (!strncmp(p, "host=", 5) || !strncmp(p, "dbname=", 7)))
			names = 1;
	return starts && names;
}

int dx_store_is_pg_target(const char *target)
{
	return is_url(target) || is_keyvalue(target);
}

char *dx_store_mask_target(const char *target)
{
	struct dx_buf b;
	dx_buf_init(&b, 0);
	if (is_url(target))
		mask_url(target, &b);
	else if (is_keyvalue(target))
		mask_keyvalue(target, &b);
	else
		dx_buf_adds(&b, target);
	return dx_buf_detach(&b, NULL);
}

/* Open the target's connection, without touching its schema.  The
 * version checks are dx_store_open's. */
static int open_conn(struct dx_store **out, const char *target, unsigned flags)
{
	const struct dx_driver *drv = driver_for(target);
	struct dx_store *st;
	int rc;
	*out = NULL;
	if (drv->is_file && !(flags & DX_STORE_CREATE) && access(target, F_OK) != 0)
		return dx_error(DX_NOT_FOUND,
				"store '%s' does not exist (create it with 'dixian init')",
				target);
	st = dx_xcalloc(1, sizeof(*st));
	st->drv = drv;
	st->path = dx_xstrdup(target);
	st->shown = dx_store_mask_target(target);
	dx_buf_init(&st->bulk_sql, 0);
	if ((rc = st->drv->open(st, target, flags))) {
		dx_store_close(st);
		return rc;
	}
	if (st->drv->is_file && !st->readonly)
		st->wq = dx_wqueue_get(target);
	*out = st;
	return DX_OK;
}

int dx_store_created(const struct dx_store *st)
{
	return st->created;
}

int dx_store_open(struct dx_store **out, const char *path, unsigned flags)
{
	struct dx_store *st;
	int rc, have = 0;
	*out = NULL;
	if ((rc = open_conn(&st, path, flags)))
		return rc;
	if (st->readonly && !(flags & DX_STORE_READONLY)) {
		/* issue 13.7: a read-only file still reads */
		dx_log(DX_LOG_WARN, "store '%s' is read-only: open for reading only", st->shown);
		flags |= DX_STORE_READONLY;
	}
	if ((rc = st->drv->get_version(st, &have)))
		goto fail;
	st->created = have == 0; /* no schema yet: this open makes the store */
	if (have > st->drv->nmigrations) {
		rc = dx_error(DX_VERSION,
			      "store '%s' has schema version %d, newer than this "
			      "dixian knows (%d); upgrade dixian",
			      st->shown, have, st->drv->nmigrations);
		goto fail;
	}
	/* a writer upgrades an older store as it opens it (a township laptop
	 * whose program was upgraded goes on working); a reader never
	 * writes, so it refuses: dixian migrate (or any writing command)
	 * upgrades it first */
	if (have < st->drv->nmigrations) {
		if (flags & DX_STORE_READONLY) {
			rc = dx_error(DX_STATE,
				      "store '%s' has schema version %d, this dixian needs %d: "
				      "run 'dixian migrate'",
				      st->shown, have, st->drv->nmigrations);
			goto fail;
		}
		if ((rc = dx_store_migrate(st, st->drv->nmigrations)))
			goto fail;
	}
	/* ID numbers sealed at rest: a wrong key is refused here */
	if ((rc = dx_store_idprot_load(st)))
		goto fail;
	/* no output of this run may be written over the store (issue 13.3) */
	if (st->drv->is_file)
		dx_outfile_protect(path, 1);
	*out = st;
	return DX_OK;
fail:
	dx_store_close(st);
	return rc;
}

int dx_store_upgrade(const char *path, int *from, int *to)
{
	struct dx_store *st;
	int rc, have = 0;
	if ((rc = open_conn(&st, path, 0)))
		return rc;
	if (st->readonly) {
		rc = dx_error(DX_DENIED, "store '%s' is read-only: cannot upgrade it", st->shown);
		goto out;
	}
	if ((rc = st->drv->get_version(st, &have)))
		goto out;
	if (from)
		*from = have;
	rc = dx_store_migrate(st, st->drv->nmigrations);
	if (!rc && to)
		rc = st->drv->get_version(st, to);
out:
	dx_store_close(st);
	return rc;
}

void dx_store_close(struct dx_store *st)
{
	if (!st)
		return;
	dx_store_stmts_release(st);
	dx_store_idprot_free(st);
	if (st->wq_held)
		dx_wqueue_leave(st->wq);
	dx_wqueue_put(st->wq);
	if (st->db)
		st->drv->close(st);
	dx_buf_release(&st->bulk_sql);
	free(st->bulk_stale);
	free(st->ses_memo);
	dx_store_memo_free(st);
	free(st->path);
	free(st->shown);
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

void dx_store_set_write_wait(struct dx_store *st, int ms)
{
	st->write_wait_ms = ms;
}

int dx_store_writers_waiting(struct dx_store *st)
{
	return st && st->wq ? dx_wqueue_waiting(st->wq) : 0;
}

/* This connection's write is over: the next writer of the file goes. */
static void wq_release(struct dx_store *st)
{
	if (st->wq_held) {
		st->wq_held = 0;
		dx_wqueue_leave(st->wq);
	}
}

static int begin_as(struct dx_store *st, const char *writer);

int dx_store_begin(struct dx_store *st)
{
	return begin_as(st, "BEGIN IMMEDIATE");
}

int dx_store_begin_snapshot(struct dx_store *st)
{
	return begin_as(st, dx_store_is_pg_target(st->path) ? "BEGIN IMMEDIATE SNAPSHOT"
							    : "BEGIN IMMEDIATE");
}

static int begin_as(struct dx_store *st, const char *writer)
{
	/* a writer takes the write lock at once, waiting for it up to the
	 * busy timeout: a deferred BEGIN that has read and then writes while
	 * another program writes fails at once (issue 13.7) */
	int rc;
	/* the writers of this process queue first (wqueue.c), so that
	 * SQLite's busy handler is left to other programs' writers */
	if (!st->readonly && st->wq && !st->wq_held) {
		int wait = st->write_wait_ms > 0 ? st->write_wait_ms : DX_STORE_BUSY_MS;
		if (dx_wqueue_enter(st->wq, wait))
			return dx_error(DX_BUSY, "store '%s' is busy: other writers of this "
						 "process held it for %d ms",
					st->shown, wait);
		st->wq_held = 1;
	}
	rc = st->drv->exec(st, st->readonly ? "BEGIN" : writer);
	st->txn_serial++;
	if (!rc)
		st->txn_depth = 1;
	else
		wq_release(st);
	return rc;
}

int dx_store_read_begin(struct dx_store *st, int *began)
{
	int rc;
	*began = 0;
	if (st->txn_depth)
		return DX_OK;
	if ((rc = st->drv->exec(st, "BEGIN")))
		return rc;
	st->txn_serial++;
	st->txn_depth = 1;
	st->txn_reads = 1;
	*began = 1;
	return DX_OK;
}

int dx_store_change_stamp(struct dx_store *st, int64_t stamp[2])
{
	int rc;
	if (!st->drv->change_stamp)
		return DX_STATE;
	/* a read transaction's stamp is its snapshot's; a write made in it
	 * since (a session's renewal) leaves it older than the rows, which
	 * only ever makes a later comparison miss */
	if (st->txn_depth && st->txn_reads && st->stamp_txn == st->txn_serial) {
		stamp[0] = st->stamp[0];
		stamp[1] = st->stamp[1];
		return DX_OK;
	}
	if ((rc = st->drv->change_stamp(st, stamp)))
		return rc;
	if (st->txn_depth && st->txn_reads) {
		st->stamp[0] = stamp[0];
		st->stamp[1] = stamp[1];
		st->stamp_txn = st->txn_serial;
	}
	return DX_OK;
}

int dx_store_read_begin_shared(struct dx_store *st, int *began)
{
	int rc = dx_store_read_begin(st, began);
	if (!rc && *began && st->drv->snapshot_hold)
		st->drv->snapshot_hold(st); /* none held: nothing is shared */
	return rc;
}

void dx_store_read_end(struct dx_store *st, int began)
{
	if (!began)
		return;
	if (st->snap_hold)
		st->drv->snapshot_release(st);
	/* nothing was written: a COMMIT ends the read; a failure leaves
	 * nothing to keep, so roll back */
	if (st->drv->exec(st, "COMMIT"))
		st->drv->exec(st, "ROLLBACK");
	st->txn_depth = 0;
	st->txn_reads = 0;
}

int dx_store_snapshot_export(struct dx_store *st, char id[DX_SNAPSHOT_ID_SIZE])
{
	*id = '\0';
	/* a writer's snapshot would not show a second connection the
	 * writer's own uncommitted rows: only a reader's is shared */
	if (!st->drv->snapshot_export || !st->txn_depth || !st->txn_reads)
		return DX_STATE;
	return st->drv->snapshot_export(st, id, DX_SNAPSHOT_ID_SIZE);
}

int dx_store_open_at(struct dx_store **out, struct dx_store *from, const char *id)
{
	int rc = dx_store_open(out, from->path, DX_STORE_READONLY);
	if (rc) {
		if (from->snap_hold)
			from->drv->snapshot_release(from);
		return rc;
	}
	if (!(*out)->drv->snapshot_import)
		rc = dx_error(DX_STATE, "this store cannot share a snapshot between connections");
	else if (!(rc = (*out)->drv->snapshot_import(*out, id))) {
		(*out)->txn_serial++;
		(*out)->txn_depth = 1;
		(*out)->txn_reads = 1;
	}
	/* the twin reads where `from` does: commits may come again */
	if (from->snap_hold)
		from->drv->snapshot_release(from);
	if (rc) {
		dx_store_close(*out);
		*out = NULL;
	}
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
	if (!rc) {
		st->txn_depth = 0;
		wq_release(st);
	}
	return rc;
}

int dx_store_rollback(struct dx_store *st)
{
	int rc = st->drv->exec(st, "ROLLBACK");
	st->txn_depth = 0;
	wq_release(st);
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
	dx_store_stmts_reset(st);
	for (size_t i = 0; !rc && i < DX_ARRAY_SIZE(bulk_defer); i++)
		rc = st->drv->defer_schema(st, bulk_defer[i].table, bulk_defer[i].triggers,
					   &st->bulk_sql, &n);
	if (rc) /* the caller rolls back; nothing is half-dropped after that */
		return rc;
	st->bulk = 1;
	return DX_OK;
}

int dx_store_bulk_worth(struct dx_store *st, int64_t added, int64_t held)
{
	return st->drv->bulk_worth(added, held);
}

int dx_store_bulk_end(struct dx_store *st)
{
	int rc = DX_OK;
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

static int load_empty(struct dx_store *st, int on)
{
	if (st->txn_depth)
		return dx_error(DX_USAGE, "empty-store load switched inside a transaction");
	if (!st->drv->load_empty)
		return on ? 0 : DX_OK;
	/* a cached statement left on a row (a look-up read once, or a scan a
	 * failed import left) holds a read open, and SQLite will not change
	 * the journal mode under it */
	dx_store_stmts_reset(st);
	return st->drv->load_empty(st, on);
}

int dx_store_load_empty_begin(struct dx_store *st)
{
	return load_empty(st, 1);
}

int dx_store_load_empty_end(struct dx_store *st)
{
	return load_empty(st, 0);
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
