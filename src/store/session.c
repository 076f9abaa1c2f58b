/*
 * session.c - passwords, sessions and failed-login counters (see
 * session.h).  Portable SQL: upserts with ON CONFLICT, no SQLite-isms.
 */
#include "core/dx.h"
#include "store/session.h"
#include "store/store_int.h"

static const char SQL_AUTH[] =
    "SELECT id, coalesce(pw_hash, ''), disabled FROM account WHERE name = ?";
static const char SQL_SET_PW[] = "UPDATE account SET pw_hash = ? WHERE name = ?";
static const char SQL_SET_DISABLED[] = "UPDATE account SET disabled = ? WHERE name = ?";
static const char SQL_SES_INSERT[] =
    "INSERT INTO session(token_hash, account_id, created_at, last_seen, expires_at, csrf)"
    " VALUES(?,?,?,?,?,?)";
static const char SQL_SES_GET[] =
    "SELECT s.token_hash, s.account_id, a.name, a.disabled, s.created_at, s.last_seen,"
    " s.expires_at, s.csrf, a.county_code, a.display_name, a.role, a.level, a.scope"
    " FROM session s JOIN account a ON a.id = s.account_id WHERE s.token_hash = ?";
static const char SQL_SES_TOUCH[] = "UPDATE session SET last_seen = ? WHERE token_hash = ?";
static const char SQL_SES_DELETE[] = "DELETE FROM session WHERE token_hash = ?";
static const char SQL_SES_DELETE_ACC[] =
    "DELETE FROM session WHERE account_id = (SELECT id FROM account WHERE name = ?)";
static const char SQL_SES_PURGE[] = "DELETE FROM session WHERE last_seen < ? OR expires_at <= ?";
static const char SQL_FAIL_GET[] = "SELECT failures, last_at FROM login_failure WHERE key = ?";
static const char SQL_FAIL_ADD[] =
    "INSERT INTO login_failure(key, failures, last_at) VALUES(?1, 1, ?2)"
    " ON CONFLICT(key) DO UPDATE SET"
    " failures = CASE WHEN login_failure.last_at < ?3 THEN 1"
    " ELSE login_failure.failures + 1 END, last_at = ?2";
static const char SQL_FAIL_CLEAR[] = "DELETE FROM login_failure WHERE key = ?";
static const char SQL_FAIL_PURGE[] = "DELETE FROM login_failure WHERE last_at < ?";

int dx_store_account_auth(struct dx_store *st, const char *name, int64_t *id, char *pw_hash,
                          size_t size, int *disabled)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_AUTH)))
		return DX_DB;
	dx_bind_text(s, 1, name);
	if ((rc = dx_step(s)))
		return rc;
	*id = dx_col_int(s, 0);
	dx_col_copy(s, 1, pw_hash, size);
	*disabled = (int)dx_col_int(s, 2);
	return dx_step_done(s);
}

/* Run an UPDATE or DELETE with text parameters; DX_NOT_FOUND if it
 * changed nothing and `must` is set. */
static int change(struct dx_store *st, const char *sql, const char *a, const char *b, int must)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, sql)))
		return DX_DB;
	dx_bind_text(s, 1, a);
	if (b)
		dx_bind_text(s, 2, b);
	if ((rc = dx_step_done(s)))
		return rc;
	return must && dx_changes(st) == 0 ? DX_NOT_FOUND : DX_OK;
}

int dx_store_account_set_password(struct dx_store *st, const char *name, const char *pw_hash)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_SET_PW)))
		return DX_DB;
	dx_bind_text(s, 1, pw_hash);
	dx_bind_text(s, 2, name);
	if ((rc = dx_step_done(s)))
		return rc;
	return dx_changes(st) == 0 ? DX_NOT_FOUND : DX_OK;
}

int dx_store_account_set_disabled(struct dx_store *st, const char *name, int disabled)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_SET_DISABLED)))
		return DX_DB;
	dx_bind_int(s, 1, disabled);
	dx_bind_text(s, 2, name);
	if ((rc = dx_step_done(s)))
		return rc;
	return dx_changes(st) == 0 ? DX_NOT_FOUND : DX_OK;
}

int dx_store_session_insert(struct dx_store *st, const struct dx_session_row *r)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_SES_INSERT)))
		return DX_DB;
	dx_bind_text(s, 1, r->token_hash);
	dx_bind_int(s, 2, r->account_id);
	dx_bind_int(s, 3, r->created_at);
	dx_bind_int(s, 4, r->last_seen);
	dx_bind_int(s, 5, r->expires_at);
	dx_bind_text(s, 6, r->csrf);
	return dx_step_done(s);
}

/*
 * The memo of session reads: the rows this connection read last, by
 * token hash, each with the driver's change stamp taken before its read.
 * A row is answered from here only while the stamp is still the same --
 * nothing committed since, by this connection (a renewal, a logout) or
 * any other (another worker's, `dixian account disable` in another
 * process) -- so it is always the row the statement would read now; the
 * caller still checks expiry against its own clock.  A request's session
 * check then costs a stamp (PRAGMA data_version) instead of a join.
 */
#define SES_MEMO_N 16
struct dx_session_memo {
	struct ses_memo_entry {
		int valid;
		int64_t stamp[2];
		struct dx_session_row row;
	} e[SES_MEMO_N];
};

static struct ses_memo_entry *memo_slot(struct dx_store *st, const char *token_hash)
{
	unsigned k = 0;
	if (!st->ses_memo && !(st->ses_memo = calloc(1, sizeof(*st->ses_memo))))
		return NULL;
	/* the hash is a hash: its first two hex digits spread the tokens */
	for (int i = 0; i < 2 && token_hash[i]; i++)
		k = k * 16 + (unsigned)(token_hash[i] & 0x0f);
	return &st->ses_memo->e[k % SES_MEMO_N];
}

int dx_store_session_get(struct dx_store *st, const char *token_hash, struct dx_session_row *out)
{
	struct ses_memo_entry *m = NULL;
	int64_t stamp[2];
	struct dx_stmt *s;
	int rc;
	if (!dx_store_change_stamp(st, stamp) && (m = memo_slot(st, token_hash))) {
		if (m->valid && m->stamp[0] == stamp[0] && m->stamp[1] == stamp[1] &&
		    !strcmp(m->row.token_hash, token_hash)) {
			*out = m->row;
			return DX_OK;
		}
		m->valid = 0;
	}
	memset(out, 0, sizeof(*out));
	if (!(s = dx_q(st, SQL_SES_GET)))
		return DX_DB;
	dx_bind_text(s, 1, token_hash);
	if ((rc = dx_step(s)))
		return rc;
	dx_col_copy(s, 0, out->token_hash, sizeof(out->token_hash));
	out->account_id = dx_col_int(s, 1);
	dx_col_copy(s, 2, out->account, sizeof(out->account));
	out->disabled = (int)dx_col_int(s, 3);
	out->created_at = dx_col_int(s, 4);
	out->last_seen = dx_col_int(s, 5);
	out->expires_at = dx_col_int(s, 6);
	dx_col_copy(s, 7, out->csrf, sizeof(out->csrf));
	/* the account's row too: a request's session check needs no second
	 * read of it (dx_actor_of) */
	out->acc.id = out->account_id;
	dx_strlcpy(out->acc.name, out->account, sizeof(out->acc.name));
	out->acc.disabled = out->disabled;
	dx_col_copy(s, 8, out->acc.county, sizeof(out->acc.county));
	dx_col_copy(s, 9, out->acc.display_name, sizeof(out->acc.display_name));
	dx_col_copy(s, 10, out->acc.role, sizeof(out->acc.role));
	dx_col_copy(s, 11, out->acc.level, sizeof(out->acc.level));
	dx_col_copy(s, 12, out->acc.scope, sizeof(out->acc.scope));
	if ((rc = dx_step_done(s)))
		return rc;
	if (m) {
		m->row = *out;
		m->stamp[0] = stamp[0];
		m->stamp[1] = stamp[1];
		m->valid = 1;
	}
	return DX_OK;
}

int dx_store_session_nowait(struct dx_store *st, int on)
{
	/* the driver's (store_int.h): only a store-wide write lock needs it */
	return st->drv->nowait ? st->drv->nowait(st, on) : DX_OK;
}

/*
 * Never waits for another writer.  On SQLite a writer -- an import of a
 * large ledger -- holds the store's one write lock for as long as it runs,
 * and waiting the busy timeout for it would stall every request of the
 * worker; the busy timeout is off for this one statement, which then fails
 * at once with DX_BUSY.  (PostgreSQL locks rows: a writer of other rows
 * never holds this one up.)
 */
int dx_store_session_touch(struct dx_store *st, const char *token_hash, int64_t now)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_SES_TOUCH)))
		return DX_DB;
	if ((rc = dx_store_session_nowait(st, 1)))
		return rc;
	dx_bind_int(s, 1, now);
	dx_bind_text(s, 2, token_hash);
	rc = dx_step_done(s);
	if (dx_store_session_nowait(st, 0) && !rc)
		rc = DX_DB;
	return rc;
}

int dx_store_session_delete(struct dx_store *st, const char *token_hash)
{
	return change(st, SQL_SES_DELETE, token_hash, NULL, 0);
}

int dx_store_session_delete_account(struct dx_store *st, const char *name)
{
	return change(st, SQL_SES_DELETE_ACC, name, NULL, 0);
}

int dx_store_session_purge(struct dx_store *st, int64_t idle_before, int64_t now)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_SES_PURGE)))
		return DX_DB;
	dx_bind_int(s, 1, idle_before);
	dx_bind_int(s, 2, now);
	return dx_step_done(s);
}

int dx_store_login_failures(struct dx_store *st, const char *key, int64_t *failures,
                            int64_t *last_at)
{
	struct dx_stmt *s;
	int rc;
	*failures = *last_at = 0;
	if (!(s = dx_q(st, SQL_FAIL_GET)))
		return DX_DB;
	dx_bind_text(s, 1, key);
	rc = dx_step(s);
	if (rc == DX_NOT_FOUND)
		return DX_OK;
	if (rc)
		return rc;
	*failures = dx_col_int(s, 0);
	*last_at = dx_col_int(s, 1);
	return dx_step_done(s);
}

int dx_store_login_fail(struct dx_store *st, const char *key, int64_t now, int64_t window_start)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_FAIL_ADD)))
		return DX_DB;
	dx_bind_text(s, 1, key);
	dx_bind_int(s, 2, now);
	dx_bind_int(s, 3, window_start);
	return dx_step_done(s);
}

int dx_store_login_clear(struct dx_store *st, const char *key)
{
	return change(st, SQL_FAIL_CLEAR, key, NULL, 0);
}

int dx_store_login_purge(struct dx_store *st, int64_t before)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_FAIL_PURGE)))
		return DX_DB;
	dx_bind_int(s, 1, before);
	return dx_step_done(s);
}

int dx_store_request_end(struct dx_store *st)
{
	int rc = DX_OK;
	if (st->txn_depth > 0) {
		dx_log(DX_LOG_WARN, "a request left a transaction open; rolled back");
		rc = dx_store_rollback(st);
	}
	dx_store_idle(st);
	return rc;
}
