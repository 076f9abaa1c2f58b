/*
 * backup.c - backup and restore use cases (see backup.h).  The copying is
 * the store's (store/backup.h; PostgreSQL through pg_dump and pg_restore);
 * here are the rules, the same on both engines: where a copy may go, who
 * may restore, when a restore is refused, and the verification that the
 * file written holds what was meant.
 */
#include "core/dx.h"
#include "app/backup.h"
#include "app/account.h"
#include "core/outfile.h"

#include <sys/stat.h>
#include <unistd.h>

int dx_backup_is_pg(const char *path)
{
	return path && !strcmp(dx_store_driver_name(path), "postgresql");
}

/* why gets the Chinese verdict on a copy whose census is `copy`, meant to
 * hold what `want` counts; DX_OK when it does. */
static int verify(const struct dx_census *want, const struct dx_census *copy, const char *name,
		  const char *wname, struct dx_buf *why)
{
	struct dx_buf diff = DX_BUF_INIT;
	int rc = DX_OK;
	if (copy->checked && !copy->intact) {
		dx_buf_addf(why, "%s 未通过完整性检查（%s）", name, copy->integrity);
		return DX_INVALID;
	}
	if (want->version != copy->version) {
		dx_buf_addf(why, "%s 的版本 %d 与%s的版本 %d 不同", name, copy->version, wname,
			    want->version);
		return DX_INVALID;
	}
	dx_census_diff(want, copy, wname, name, &diff);
	if (diff.len) {
		dx_buf_addf(why, "%s 的行数与%s不同：\n%s", name, wname, diff.buf);
		rc = DX_INVALID;
	}
	dx_buf_release(&diff);
	return rc;
}

/* Copy st into out through a temporary file; snap and copy as dx_backup. */
static int copy_out(struct dx_store *st, const char *out, struct dx_census *snap,
		    struct dx_census *copy, struct dx_buf *why)
{
	struct dx_outfile o;
	int rc = dx_outfile_open(&o, out, DX_OUTFILE_BY_NAME);
	if (rc) {
		const char *w = dx_outfile_why(rc);
		dx_buf_addf(why, "%s", w ? w : "无法写入备份文件");
		return rc;
	}
	/* a copy holds ID numbers like the store: its owner's only */
	if (o.tmp)
		(void)chmod(o.name, 0600);
	if ((rc = dx_store_backup_file(st, o.name, snap))) {
		dx_buf_addf(why, "复制数据库失败（%s）", dx_strerror(rc));
		dx_outfile_abort(&o);
		return rc;
	}
	if ((rc = dx_store_census_file(o.name, copy))) {
		dx_buf_addf(why, "无法读取刚写入的备份（%s）", dx_strerror(rc));
		dx_outfile_abort(&o);
		return rc;
	}
	if ((rc = verify(snap, copy, "备份", "数据库", why))) {
		dx_outfile_abort(&o);
		return rc;
	}
	if ((rc = dx_outfile_commit(&o))) {
		const char *w = dx_outfile_why(rc);
		dx_buf_addf(why, "%s", w ? w : "无法写入备份文件");
	}
	return rc;
}

int dx_backup(struct dx_store *st, const char *out, struct dx_census *snap,
	      struct dx_census *copy, struct dx_buf *why)
{
	if (dx_backup_is_pg(out)) {
		dx_buf_adds(why, "--out 应为备份文件的路径，不能是数据库连接串");
		return DX_USAGE;
	}
	return copy_out(st, out, snap, copy, why);
}

/* The account `as` in st must be a 县 经办 account. */
static int may_restore(struct dx_store *st, const char *as, struct dx_buf *why)
{
	struct dx_actor a;
	int rc;
	if (!as || !*as) {
		dx_buf_adds(why, "恢复数据库需要县级经办账号：请用 --as 指定账号");
		return DX_DENIED;
	}
	if ((rc = dx_actor_load(st, as, &a, why)))
		return rc;
	if ((rc = dx_actor_may_write(&a, why)))
		return rc;
	if (a.level != DX_LEVEL_COUNTY) {
		dx_buf_addf(why, "账号 %s 不能恢复数据库：只有县级经办账号可以恢复", as);
		return DX_DENIED;
	}
	return DX_OK;
}

/* db.bak-YYYYMMDDTHHMMSSZ, with -2, -3 ... when taken.  A PostgreSQL store
 * is no file: its copy goes beside the backup restored, as
 * BACKUP.replaced.bak-STAMP. */
static void saved_name(const char *db, char *out, size_t n)
{
	char stamp[24];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	dx_snprintf(out, n, "%s.bak-%s", db, stamp);
	for (int k = 2; access(out, F_OK) == 0 && k < 1000; k++)
		dx_snprintf(out, n, "%s.bak-%s-%d", db, stamp, k);
}

/* The account `as` as the PostgreSQL backup holds it, checked by the same
 * rule in a scratch store: restoring into an empty database, there is no
 * store to ask, and a dump cannot be opened as SQLite's copy can. */
static int may_restore_from_dump(const char *backup, const char *as, struct dx_buf *why)
{
	struct dx_store *m = NULL;
	struct dx_account acc;
	int rc;
	if (!as || !*as)
		return may_restore(NULL, as, why);
	if ((rc = dx_store_open(&m, ":memory:", DX_STORE_CREATE)))
		return rc;
	/* an account the backup lacks is refused by may_restore as missing */
	if (!(rc = dx_store_backup_account(backup, as, &acc)))
		rc = dx_store_account_insert(m, &acc);
	if (!rc || rc == DX_NOT_FOUND)
		rc = may_restore(m, as, why);
	else
		dx_buf_addf(why, "无法读取备份 %s 中的账号", backup);
	dx_store_close(m);
	return rc;
}

int dx_restore(const char *backup, const char *db, const char *as, int force,
	       struct dx_restore_result *r, struct dx_buf *why)
{
	struct dx_store *st = NULL;
	struct dx_census there, snap, keep;
	int rc, have = 0, latest = 0, pg = dx_backup_is_pg(db);
	char *shown = dx_store_mask_target(db);
	memset(r, 0, sizeof(*r));
	if (dx_backup_is_pg(backup)) {
		dx_buf_adds(why, "要恢复的备份应为备份文件的路径，不能是数据库连接串");
		rc = DX_USAGE;
		goto out;
	}
	if ((rc = dx_store_census_file(backup, &r->from))) {
		dx_buf_addf(why, "%s 不是可用的备份（不是 dixian 数据库或无法读取）", backup);
		goto out;
	}
	if (!r->from.intact) {
		dx_buf_addf(why, "备份 %s 已损坏，未通过完整性检查（%s）", backup, r->from.integrity);
		rc = DX_INVALID;
		goto out;
	}
	if (pg != dx_store_backup_is_pg(backup)) {
		dx_buf_addf(why, "备份 %s 是 %s 数据库的备份，不能恢复到 %s 数据库", backup,
			    pg ? "SQLite" : "PostgreSQL", pg ? "PostgreSQL" : "SQLite");
		rc = DX_STATE;
		goto out;
	}
	/* an empty database, like a missing file, is nothing to replace */
	if ((rc = dx_store_holds_store(db, &r->existed))) {
		dx_buf_addf(why, "无法打开数据库 %s（%s）", shown, dx_strerror(rc));
		goto out;
	}
	if (!r->existed && pg) {
		if ((rc = may_restore_from_dump(backup, as, why)))
			goto out;
	} else if (!r->existed) {
		/* nothing to replace: the account is the backup's */
		struct dx_store *b = NULL;
		if ((rc = dx_store_open(&b, backup, DX_STORE_READONLY))) {
			dx_buf_addf(why, "无法打开备份 %s", backup);
			goto out;
		}
		rc = may_restore(b, as, why);
		dx_store_close(b);
		if (rc)
			goto out;
	}
	if ((rc = dx_store_open(&st, db, DX_STORE_CREATE))) {
		dx_buf_addf(why, "无法打开数据库 %s（%s）", shown, dx_strerror(rc));
		goto out;
	}
	dx_store_version(st, &have, &latest);
	if (r->from.version > latest) {
		dx_buf_addf(why, "备份 %s 的版本 %d 比本程序（%d）新：请先升级 dixian", backup,
			    r->from.version, latest);
		rc = DX_VERSION;
		goto out;
	}
	if (r->existed) {
		if ((rc = may_restore(st, as, why)))
			goto out;
		if ((rc = dx_store_census(st, &there))) {
			dx_buf_addf(why, "无法读取数据库 %s", shown);
			goto out;
		}
		if (!force && there.version > r->from.version) {
			dx_buf_addf(why, "数据库 %s 的版本 %d 比备份的版本 %d 新，未恢复；"
					 "确要用旧备份覆盖请加 --force",
				    shown, there.version, r->from.version);
			rc = DX_STATE;
			goto out;
		}
		if (!force && strcmp(there.last_audit, r->from.last_audit) > 0) {
			dx_buf_addf(why, "数据库 %s 在备份之后还有修改（最后修改 %s，备份的最后修改 %s），"
					 "未恢复；确要丢弃这些修改请加 --force",
				    shown, there.last_audit, *r->from.last_audit ? r->from.last_audit : "无");
			rc = DX_STATE;
			goto out;
		}
		/* keep what is replaced, verified like any backup */
		if (pg) {
			char base[4096];
			dx_snprintf(base, sizeof(base), "%s.replaced", backup);
			saved_name(base, r->saved, sizeof(r->saved));
		} else {
			saved_name(db, r->saved, sizeof(r->saved));
		}
		if ((rc = copy_out(st, r->saved, &snap, &keep, why))) {
			dx_buf_addf(why, "；无法保存原数据库，未恢复");
			r->saved[0] = '\0';
			goto out;
		}
	}
	if ((rc = dx_store_restore_file(st, backup))) {
		dx_buf_addf(why, "恢复失败（%s），数据库未改变", dx_strerror(rc));
		goto out;
	}
	if ((rc = dx_store_census(st, &r->now)) ||
	    (rc = verify(&r->from, &r->now, "恢复后的数据库", "备份", why)))
		goto out;
	/* reopen: upgrades a backup of an older version; record who restored */
	dx_store_close(st);
	st = NULL;
	if ((rc = dx_store_open(&st, db, 0))) {
		dx_buf_addf(why, "恢复后无法打开数据库 %s（%s）", shown, dx_strerror(rc));
		goto out;
	}
	dx_store_version(st, &r->version, &latest);
	{
		struct dx_actor a;
		struct dx_buf ignore = DX_BUF_INIT;
		char after[512];
		if (!dx_actor_load(st, as, &a, &ignore)) {
			dx_snprintf(after, sizeof(after), "{\"version\":%d,\"forced\":%s}",
				    r->from.version, force ? "true" : "false");
			if (!(rc = dx_store_begin(st))) {
				rc = dx_store_audit(st, a.acc.county, a.acc.name, "store.restore",
						    "store", "", NULL, after);
				rc = rc ? (dx_store_rollback(st), rc) : dx_store_commit(st);
			}
		}
		dx_buf_release(&ignore);
		if (rc)
			dx_buf_addf(why, "恢复已完成，但无法记录到操作日志（%s）", dx_strerror(rc));
	}
out:
	dx_store_close(st);
	free(shown);
	return rc;
}
