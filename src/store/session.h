/*
 * session.h - what logging in keeps in the store: an account's password
 * hash and disabled flag, the sessions (by the hash of their token) and the
 * failed-login counters that throttle guessing.
 *
 * Times are Unix seconds.  The rules (lengths, expiry, how many failures)
 * are app/session.c's; these functions only read and write.
 */
#ifndef DX_STORE_SESSION_H
#define DX_STORE_SESSION_H

#include "store/store.h"
#include "store/account.h"

/* The account's id, password hash ("" = none set) and disabled flag;
 * DX_NOT_FOUND if there is no account `name`. */
int dx_store_account_auth(struct dx_store *st, const char *name, int64_t *id, char *pw_hash,
                          size_t size, int *disabled);
/* Set the password hash (NULL = none) of account `name`; DX_NOT_FOUND. */
int dx_store_account_set_password(struct dx_store *st, const char *name, const char *pw_hash);
/* Set the disabled flag of account `name`; DX_NOT_FOUND. */
int dx_store_account_set_disabled(struct dx_store *st, const char *name, int disabled);

struct dx_session_row {
	char token_hash[65]; /* hex of the token's hash */
	int64_t account_id;
	char account[64]; /* read only: the account's name */
	int disabled;     /* read only: the account's flag */
	int64_t created_at, last_seen, expires_at;
	char csrf[65];
	struct dx_account acc; /* read only: the account's row (session_get) */
};
int dx_store_session_insert(struct dx_store *st, const struct dx_session_row *s);
/* The session with this token hash, with its account; DX_NOT_FOUND. */
int dx_store_session_get(struct dx_store *st, const char *token_hash, struct dx_session_row *out);
int dx_store_session_touch(struct dx_store *st, const char *token_hash, int64_t now);
/* on = 1: writes on st fail at once with DX_BUSY while another connection
 * holds the store's write lock (SQLite; PostgreSQL locks rows, so nothing
 * to do); on = 0: they wait the busy timeout again. */
int dx_store_session_nowait(struct dx_store *st, int on);
int dx_store_session_delete(struct dx_store *st, const char *token_hash);
/* End every session of the account (password changed, disabled). */
int dx_store_session_delete_account(struct dx_store *st, const char *name);
/* Delete sessions idle since before idle_before or expired by now. */
int dx_store_session_purge(struct dx_store *st, int64_t idle_before, int64_t now);

/* Failed logins under `key`: their count and the time of the last one
 * (0 and 0 if none). */
int dx_store_login_failures(struct dx_store *st, const char *key, int64_t *failures,
                            int64_t *last_at);
/* Count one more failure under key at `now`; a count whose last failure
 * is older than `window_start` starts again at 1. */
int dx_store_login_fail(struct dx_store *st, const char *key, int64_t now, int64_t window_start);
int dx_store_login_clear(struct dx_store *st, const char *key);
/* Forget counters whose last failure is older than `before`. */
int dx_store_login_purge(struct dx_store *st, int64_t before);

/*
 * A server's connection between requests: reset every cached statement
 * (one stepped to a row but not to its end keeps a read transaction, and
 * with it an old snapshot, open: the next request on this connection would
 * not see newer writes) and roll back a transaction left open.
 */
int dx_store_request_end(struct dx_store *st);

#endif
