/*
 * backup_sqlite.c - whole-store copies and censuses for the SQLite driver (see
 * backup.h).  The copy is SQLite's online backup (sqlite3_backup_*): it
 * copies pages under a read transaction, so a writer in another process
 * goes on (WAL) and the copy is the snapshot the read began with.  The
 * census is read in the same transaction, so its counts are the copy's.
 * A PostgreSQL store, and a file that is a pg_dump archive, go to
 * backup_pg.c instead.
 */
#include "core/dx.h"
#include "store/backup.h"
#include "store/backup_pg.h"
#include "store/store_int.h"

#include <sqlite3.h>

/* How many times a busy step of a backup is retried, 50 ms apart. */
#define BACKUP_TRIES (DX_STORE_BUSY_MS / 50)

static int db_err(sqlite3 *db, int src, const char *what)
{
	if (src == SQLITE_BUSY || src == SQLITE_LOCKED)
		return DX_BUSY;
	return dx_error(DX_DB, "%s: %s", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
}

static int sqlite_only(struct dx_store *st)
{
	if (st->drv != &dx_driver_sqlite)
		return dx_error(DX_STATE, "backup: only SQLite and PostgreSQL stores can be copied");
	return DX_OK;
}

/* One integer from a query without parameters (0 when no row). */
static int one_int(sqlite3 *db, const char *sql, int64_t *v)
{
	sqlite3_stmt *q = NULL;
	int src = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
	*v = 0;
	if (src == SQLITE_OK && (src = sqlite3_step(q)) == SQLITE_ROW) {
		*v = sqlite3_column_int64(q, 0);
		src = SQLITE_OK;
	} else if (src == SQLITE_DONE) {
		src = SQLITE_OK;
	}
	sqlite3_finalize(q);
	return src == SQLITE_OK ? DX_OK : db_err(db, src, "census");
}

/* The census on connection db, inside whatever transaction is open. */
static int census(sqlite3 *db, struct dx_census *c, int check)
{
	sqlite3_stmt *q = NULL;
	int64_t v;
	int rc, src;
	memset(c, 0, sizeof(*c));
	if ((rc = one_int(db, "PRAGMA user_version", &v)))
		return rc;
	c->version = (int)v;
	if (check) {
		c->checked = 1;
		src = sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &q, NULL);
		if (src == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(q, 0);
			dx_strlcpy(c->integrity, t ? t : "", sizeof(c->integrity));
			c->intact = t && strcmp(t, "ok") == 0;
		} else {
			dx_strlcpy(c->integrity, sqlite3_errmsg(db), sizeof(c->integrity));
		}
		sqlite3_finalize(q);
		q = NULL;
	}
	src = sqlite3_prepare_v2(db,
				 "SELECT name FROM sqlite_schema WHERE type = 'table'"
				 " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
				 " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
				 -1, &q, NULL);
	if (src != SQLITE_OK)
		return db_err(db, src, "census");
	while ((src = sqlite3_step(q)) == SQLITE_ROW && c->ntables < DX_CENSUS_MAX) {
		const char *name = (const char *)sqlite3_column_text(q, 0);
		dx_strlcpy(c->t[c->ntables].name, name ? name : "", sizeof(c->t[0].name));
		c->ntables++;
	}
	sqlite3_finalize(q);
	if (src != SQLITE_DONE && src != SQLITE_ROW)
		return db_err(db, src, "census");
	for (int i = 0; i < c->ntables; i++) {
		char sql[128];
		/* names come from the schema: quote them all the same */
		if (strchr(c->t[i].name, '"'))
			continue;
		dx_snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%s\"", c->t[i].name);
		if ((rc = one_int(db, sql, &c->t[i].rows)))
			return rc;
		if (strcmp(c->t[i].name, "audit") == 0) {
			src = sqlite3_prepare_v2(db, "SELECT max(at) FROM audit", -1, &q, NULL);
			if (src == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW &&
			    sqlite3_column_type(q, 0) == SQLITE_TEXT)
				dx_strlcpy(c->last_audit, (const char *)sqlite3_column_text(q, 0),
					   sizeof(c->last_audit));
			sqlite3_finalize(q);
			q = NULL;
		}
	}
	return DX_OK;
}

int dx_store_census(struct dx_store *st, struct dx_census *c)
{
	sqlite3 *db;
	int rc;
	if (st->drv == &dx_driver_pg) { /* one snapshot (REPEATABLE READ) */
		if ((rc = st->drv->exec(st, "BEGIN")))
			return rc;
		rc = dx_pg_census(st, c);
		st->drv->exec(st, rc ? "ROLLBACK" : "COMMIT");
		return rc;
	}
	if ((rc = sqlite_only(st)))
		return rc;
	db = st->db;
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_err(db, sqlite3_errcode(db), "census");
	rc = census(db, c, 0);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

int dx_store_census_file(const char *path, struct dx_census *c)
{
	sqlite3 *db = NULL;
	int rc, src;
	if (dx_pg_is_dump(path))
		return dx_pg_dump_census(path, c);
	src = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	if (src != SQLITE_OK) {
		rc = dx_error(DX_IO, "cannot open '%s': %s", path,
			      db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
		sqlite3_close(db);
		return rc;
	}
	sqlite3_busy_timeout(db, DX_STORE_BUSY_MS);
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		rc = dx_error(DX_IO, "'%s' is not a dixian store: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return rc;
	}
	rc = census(db, c, 1);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	if (rc == DX_DB || (!rc && c->version == 0))
		return dx_error(DX_IO, "'%s' is not a dixian store", path);
	return rc;
}

/* Copy database `from` into `to` with the online backup, retrying while
 * either is busy. */
static int copy_db(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int src, tries = 0;
	if (!b)
		return db_err(to, sqlite3_errcode(to), "backup");
	do {
		src = sqlite3_backup_step(b, -1);
		if (src == SQLITE_BUSY || src == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while ((src == SQLITE_BUSY || src == SQLITE_LOCKED) && ++tries < BACKUP_TRIES);
	sqlite3_backup_finish(b);
	if (src != SQLITE_DONE)
		return db_err(to, src, "backup");
	src = sqlite3_errcode(to);
	return src == SQLITE_OK || src == SQLITE_DONE ? DX_OK : db_err(to, src, "backup");
}

int dx_store_backup_file(struct dx_store *st, const char *dest, struct dx_census *snap)
{
	sqlite3 *src = NULL, *dst = NULL;
	int rc;
	if (st->drv == &dx_driver_pg)
		return dx_pg_backup_file(st, dest, snap);
	if ((rc = sqlite_only(st)))
		return rc;
	src = st->db;
	if (sqlite3_open_v2(dest, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
						SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = dx_error(DX_IO, "cannot create '%s': %s", dest,
			      dst ? sqlite3_errmsg(dst) : "out of memory");
		sqlite3_close(dst);
		return rc;
	}
	/* the census's read transaction is the snapshot the backup copies */
	if (sqlite3_exec(src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		rc = db_err(src, sqlite3_errcode(src), "backup");
		sqlite3_close(dst);
		return rc;
	}
	if (!(rc = census(src, snap, 0)))
		rc = copy_db(dst, src);
	sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
	/* one self-contained file: no -wal beside it */
	if (!rc && sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = db_err(dst, sqlite3_errcode(dst), "backup");
	if (sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = dx_error(DX_IO, "cannot close '%s'", dest);
	return rc;
}

int dx_store_restore_file(struct dx_store *st, const char *path)
{
	sqlite3 *from = NULL;
	int rc;
	if (st->drv == &dx_driver_pg)
		return dx_pg_restore_file(st, path);
	if (dx_pg_is_dump(path))
		return dx_error(DX_STATE, "restore: a PostgreSQL dump cannot go into a SQLite store");
	if ((rc = sqlite_only(st)))
		return rc;
	if (st->txn_depth)
		return dx_error(DX_STATE, "restore: inside a transaction");
	if (sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		rc = dx_error(DX_IO, "cannot open '%s': %s", path,
			      from ? sqlite3_errmsg(from) : "out of memory");
		sqlite3_close(from);
		return rc;
	}
	rc = copy_db(st->db, from);
	sqlite3_close(from);
	return rc;
}

void dx_census_diff(const struct dx_census *a, const struct dx_census *b, const char *aname,
		    const char *bname, struct dx_buf *out)
{
	for (int i = 0; i < a->ntables; i++) {
		int64_t other = -1;
		for (int j = 0; j < b->ntables; j++)
			if (strcmp(a->t[i].name, b->t[j].name) == 0)
				other = b->t[j].rows;
		if (other != a->t[i].rows)
			dx_buf_addf(out, "表 %s: %s %lld 行，%s %lld 行\n", a->t[i].name, aname,
				    (long long)a->t[i].rows, bname, (long long)(other < 0 ? 0 : other));
	}
	for (int j = 0; j < b->ntables; j++) {
		int found = 0;
		for (int i = 0; i < a->ntables; i++)
			found |= strcmp(a->t[i].name, b->t[j].name) == 0;
		if (!found)
			dx_buf_addf(out, "表 %s: %s 没有，%s %lld 行\n", b->t[j].name, aname, bname,
				    (long long)b->t[j].rows);
	}
}
