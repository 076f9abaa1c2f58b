/*
 * backup.h - `dixian backup` and `dixian restore` (issue 13, backups): a
 * township laptop's weekly copy of its store, and putting one back.  Both
 * verify what they wrote: the copy's integrity (PRAGMA integrity_check),
 * schema version and the row count of every table, against the snapshot
 * copied or the backup restored.
 *
 * Who may: a backup is a read (the local owner, who holds the file, may
 * take one); a restore replaces every record, so it needs a 县 经办 account
 * (--as).  A restore never replaces a newer store (a higher schema
 * version, or a later last audit row: work done since the backup) unless
 * forced, and always keeps the replaced store beside it as F.bak-STAMP.
 *
 * A PostgreSQL store (a connection string) is copied with pg_dump into a
 * file and restored with pg_restore (store/backup.h): the same rules, its
 * replaced store kept beside the backup as B.replaced.bak-STAMP (it is no
 * file), and into an empty database the backup's account decides as a
 * SQLite backup's does for a new file.
 */
#ifndef DX_APP_BACKUP_H
#define DX_APP_BACKUP_H

#include "core/strbuf.h"
#include "store/backup.h"

/* 1 if path names a PostgreSQL store (a URL or key=value string). */
int dx_backup_is_pg(const char *path);

/*
 * Copy the open store st (opened from db_path) into the file out, written
 * to a temporary file and renamed into place (an out that is the store is
 * refused, DX_EXISTS), then verified.  snap is the census of the snapshot
 * copied, copy that of the file written.  Errors in Chinese in why.
 */
int dx_backup(struct dx_store *st, const char *out, struct dx_census *snap,
	      struct dx_census *copy, struct dx_buf *why);

struct dx_restore_result {
	struct dx_census from;  /* the backup */
	struct dx_census now;   /* the store right after the restore */
	int existed;            /* a store was there and was replaced */
	char saved[4096];       /* where the replaced store was kept */
	int version;            /* the store's version after opening (upgraded) */
};

/*
 * Replace the store at db with the backup: verify the backup, check the
 * account `as` (a 县 经办 account of the store there, or of the backup when
 * there is none), refuse a newer store unless force (DX_STATE), keep the
 * replaced store as db.bak-STAMP, copy, verify the counts and record the
 * restore in the audit.  Errors in Chinese in why.
 */
int dx_restore(const char *backup, const char *db, const char *as, int force,
	       struct dx_restore_result *r, struct dx_buf *why);

#endif
