/*
 * backup.h - copying a whole store and counting what a copy holds
 * (issue 13, backups): the primitives `dixian backup` and `dixian restore`
 * (src/app/backup.c) are built from.  A copy is taken with the database's
 * own online backup (SQLite: sqlite3_backup_*), so a store another program
 * is writing is copied as one consistent snapshot, never torn.  The census
 * says what a store or a copy holds, to verify one against the other.
 *
 * A PostgreSQL store answers them with pg_dump, pg_restore and psql
 * (backup_pg.c): its backup is a pg_dump custom-format archive of one
 * exported snapshot, whose census is read from the archive itself.
 */
#ifndef DX_STORE_BACKUP_H
#define DX_STORE_BACKUP_H

#include "store/account.h"
#include "store/store.h"

#include <stdint.h>

#define DX_CENSUS_MAX 64

/* What a store holds: its schema version, whether it is intact, the
 * latest audit time and the rows of every table. */
struct dx_census {
	int version;          /* PRAGMA user_version */
	int checked;          /* integrity was checked */
	int intact;           /* ... and found "ok" */
	char integrity[200];  /* the first problem integrity_check named */
	char last_audit[21];  /* latest audit.at, "" when none */
	int ntables;
	struct {
		char name[64];
		int64_t rows;
	} t[DX_CENSUS_MAX];
};

/*
 * Census of the open store st (no integrity check: it is the store in use,
 * and a check of a big store is slow).  Inside one read transaction.
 */
int dx_store_census(struct dx_store *st, struct dx_census *c);

/*
 * Census of the copy at path, opened read-only and never changed: with
 * PRAGMA integrity_check (a pg_dump archive: read to its end).  DX_IO with
 * a message when it is no SQLite file or holds no dixian schema.
 */
int dx_store_census_file(const char *path, struct dx_census *c);

/* *yes = 1 if target holds a store a restore would replace: a file that
 * exists; a PostgreSQL database with a dixian schema (one that cannot be
 * reached: 0, and its open says why). */
int dx_store_holds_store(const char *target, int *yes);

/* 1 if the copy at path is a PostgreSQL store's (a pg_dump archive). */
int dx_store_backup_is_pg(const char *path);

/* The account `name` as the PostgreSQL backup at path holds it (to check
 * who may restore it into an empty database); DX_NOT_FOUND if none. */
int dx_store_backup_account(const char *path, const char *name, struct dx_account *acc);

/*
 * Copy the open store st into the file dest (which is overwritten: the
 * caller passes a temporary file it renames into place), as one snapshot
 * even while other programs write; the copy is a single file (rollback
 * journal, no -wal).  snap gets the census of exactly the snapshot copied.
 */
int dx_store_backup_file(struct dx_store *st, const char *dest, struct dx_census *snap);

/*
 * Replace the whole content of the open store st with the copy at src, in
 * one atomic step (other connections see the old store or the new one).
 * The caller closes and reopens st afterwards (its schema changed).
 */
int dx_store_restore_file(struct dx_store *st, const char *src);

/* The difference between two censuses' row counts, as text ("" when
 * equal): "表 person: 备份 10 行，数据库 9 行" lines. */
void dx_census_diff(const struct dx_census *a, const struct dx_census *b, const char *aname,
		    const char *bname, struct dx_buf *out);

#endif
