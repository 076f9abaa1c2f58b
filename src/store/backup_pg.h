/*
 * backup_pg.h - the PostgreSQL side of store/backup.h (backup_pg.c):
 * pg_dump, pg_restore and psql run as children, the census read from a
 * dump.  backup_sqlite.c's entry points hand a PostgreSQL store, or a
 * file that is a pg_dump archive, to these.
 */
#ifndef DX_STORE_BACKUP_PG_H
#define DX_STORE_BACKUP_PG_H

#include "store/account.h"
#include "store/backup.h"

/* 1 if the file at path is a pg_dump custom-format archive ("PGDMP"). */
int dx_pg_is_dump(const char *path);
/* Census of the open PostgreSQL store st, inside the caller's transaction. */
int dx_pg_census(struct dx_store *st, struct dx_census *c);
/* Census of the dump at path (read to its end: its integrity check). */
int dx_pg_dump_census(const char *path, struct dx_census *c);
/* The account `name` as the dump at path holds it; DX_NOT_FOUND if none. */
int dx_pg_dump_account(const char *path, const char *name, struct dx_account *acc);
/* dx_store_backup_file and dx_store_restore_file for a PostgreSQL store. */
int dx_pg_backup_file(struct dx_store *st, const char *dest, struct dx_census *snap);
int dx_pg_restore_file(struct dx_store *st, const char *src);

#endif
