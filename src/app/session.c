/*
 * session.c - login, session check and logout (see session.h).
 *
 * A login while another program writes the store -- on SQLite an import
 * holds the one write lock for as long as it runs, often longer than the
 * busy timeout -- does not wait for it: the new session's row (and the
 * clean-up a login does) is tried without waiting, and if the store is
 * busy the session is kept in this process's short list of pending
 * sessions, answered from there, and written by the next login or session
 * check that finds the store free.  A server killed before then loses
 * only those sessions (their users log in again).  Failed logins still
 * wait and are counted in the store: throttling is never skipped.
 */
#include "core/dx.h"
#include "app/session.h"
#include "store/session.h"

#include <pthread.h>
#include <sodium.h>

#define PENDING_MAX 256

/* Sessions not yet in the store, oldest first. */
static pthread_mutex_t pending_mu = PTHREAD_MUTEX_INITIALIZER;
static struct dx_session_row pending[PENDING_MAX];
static size_t npending;

/* Write the pending sessions the store takes now, without waiting;
 * pending_mu held.  Stops at the first busy answer. */
static void pending_flush(struct dx_store *st)
{
	size_t k = 0, i;
	int rc = DX_OK;
	if (!npending || dx_store_session_nowait(st, 1))
		return;
	for (i = 0; i < npending; i++) {
		rc = dx_store_session_insert(st, &pending[i]);
		if (rc == DX_BUSY)
			break;
		if (rc && rc != DX_EXISTS)
			dx_log(DX_LOG_WARN, "a pending session could not be stored: %s",
			       dx_strerror(rc));
		k++;
	}
	dx_store_session_nowait(st, 0);
	memmove(pending, pending + k, (npending - k) * sizeof(pending[0]));
	npending -= k;
}

/* Keep s until the store takes it; DX_BUSY when the list is full. */
static int pending_add(struct dx_store *st, const struct dx_session_row *s)
{
	int rc = DX_OK;
	pthread_mutex_lock(&pending_mu);
	pending_flush(st);
	if (npending < PENDING_MAX)
		pending[npending++] = *s;
	else
		rc = DX_BUSY;
	pthread_mutex_unlock(&pending_mu);
	return rc;
}

/* The pending session with this hash into out (1; 0 when none), then
 * write those the store takes. */
static int pending_get(struct dx_store *st, const char *token_hash, struct dx_session_row *out)
{
	int found = 0;
	pthread_mutex_lock(&pending_mu);
	for (size_t i = 0; i < npending && !found; i++)
		if (!strcmp(pending[i].token_hash, token_hash)) {
			*out = pending[i];
			found = 1;
		}
	pending_flush(st); /* this one too, if the store is free now */
	pthread_mutex_unlock(&pending_mu);
	return found;
}

static void pending_drop(const char *token_hash)
{
	pthread_mutex_lock(&pending_mu);
	for (size_t i = 0; i < npending; i++)
		if (!strcmp(pending[i].token_hash, token_hash)) {
			memmove(pending + i, pending + i + 1, (npending - i - 1) * sizeof(pending[0]));
			npending--;
			break;
		}
	pthread_mutex_unlock(&pending_mu);
}

static const char wrong[] = "账号或密码错误";

void dx_session_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static void random_hex(char out[65])
{
	unsigned char b[32];
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, 65, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
}

/* 1 if key is locked at now. */
static int locked(struct dx_store *st, const char *key, int64_t max, int64_t now, int *rc)
{
	int64_t n, last;
	if ((*rc = dx_store_login_failures(st, key, &n, &last)))
		return 0;
	return n >= max && now - last < DX_LOGIN_LOCK;
}

static int fail(struct dx_store *st, const char *akey, const char *ikey, int64_t now)
{
	int rc = dx_store_login_fail(st, akey, now, now - DX_LOGIN_LOCK);
	if (!rc)
		rc = dx_store_login_fail(st, ikey, now, now - DX_LOGIN_LOCK);
	return rc;
}

int dx_session_login(struct dx_store *st, const char *name, const char *password, const char *addr,
                     int64_t now, struct dx_login *out, struct dx_buf *why)
{
	char akey[80], ikey[80], hash[crypto_pwhash_STRBYTES];
	struct dx_session_row s;
	int64_t id = 0;
	int disabled = 0, rc = DX_OK, ok;

	memset(out, 0, sizeof(*out));
	memset(&s, 0, sizeof(s));
	hash[0] = 0;
	if (sodium_init() < 0)
		return DX_IO;
	if (strlen(name) >= 64 || strlen(password) > DX_PASSWORD_MAX_BYTES) {
		dx_buf_adds(why, wrong);
		return DX_DENIED;
	}
	dx_snprintf(akey, sizeof(akey), "a:%s", name);
	dx_snprintf(ikey, sizeof(ikey), "i:%s", addr ? addr : "");
	if (locked(st, akey, DX_LOGIN_MAX_FAILS, now, &rc) ||
	    locked(st, ikey, DX_LOGIN_MAX_ADDR_FAILS, now, &rc)) {
		dx_buf_addf(why, "登录失败次数过多，请%d秒后再试", DX_LOGIN_LOCK);
		return DX_LIMITED;
	}
	if (rc)
		return rc;
	rc = dx_store_account_auth(st, name, &id, hash, sizeof(hash), &disabled);
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	if (rc == DX_NOT_FOUND || !hash[0]) {
		/* as slow as a real check, so that timing does not tell
		 * which names exist */
		char dummy[crypto_pwhash_STRBYTES];
		if (crypto_pwhash_str(dummy, password, strlen(password),
		                      crypto_pwhash_OPSLIMIT_INTERACTIVE,
		                      crypto_pwhash_MEMLIMIT_INTERACTIVE))
			dx_log(DX_LOG_WARN, "password hashing failed");
		ok = 0;
	} else {
		ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 && !disabled;
	}
	if (!ok) {
		if ((rc = fail(st, akey, ikey, now)))
			return rc;
		dx_buf_adds(why, wrong);
		return DX_DENIED;
	}
	random_hex(out->token);
	random_hex(out->csrf);
	dx_session_hash(out->token, s.token_hash);
	s.account_id = id;
	s.created_at = s.last_seen = now;
	s.expires_at = out->expires_at = now + DX_SESSION_MAX;
	dx_strlcpy(s.csrf, out->csrf, sizeof(s.csrf));
	dx_strlcpy(s.account, name, sizeof(s.account));
	/* the writes of a login never wait for another writer (see the top) */
	if ((rc = dx_store_session_nowait(st, 1)))
		return rc;
	/* now and then, clear out the sessions that have ended */
	if (!(rc = dx_store_login_clear(st, akey)) &&
	    !(rc = dx_store_session_purge(st, now - DX_SESSION_IDLE, now)) &&
	    !(rc = dx_store_login_purge(st, now - 24 * 3600)))
		rc = dx_store_session_insert(st, &s);
	if (dx_store_session_nowait(st, 0) && !rc)
		rc = DX_DB;
	if (rc == DX_BUSY)
		rc = pending_add(st, &s);
	return rc;
}

int dx_session_check(struct dx_store *st, const char *token, int64_t now,
                     struct dx_session_info *out)
{
	struct dx_session_row s;
	int rc;
	memset(out, 0, sizeof(*out));
	if (strlen(token) != 64)
		return DX_NOT_FOUND;
	dx_session_hash(token, out->token_hash);
	rc = dx_store_session_get(st, out->token_hash, &s);
	if (rc == DX_NOT_FOUND && pending_get(st, out->token_hash, &s)) {
		/* not yet in the store: the account as it is now */
		if ((rc = dx_store_account_get(st, s.account, &s.acc)))
			return rc;
		s.disabled = s.acc.disabled;
		s.last_seen = now; /* nothing to renew */
	}
	if (rc)
		return rc;
	if (s.disabled || now >= s.expires_at || now - s.last_seen >= DX_SESSION_IDLE)
		return DX_NOT_FOUND;
	/* renew the idle time at most once a minute: one write, not one per
	 * request.  A store busy with another writer (an import holds the
	 * write lock while it runs) is not waited for: the session is valid
	 * now, and a later request renews it. */
	if (now - s.last_seen >= 60 && (rc = dx_store_session_touch(st, s.token_hash, now)) &&
	    rc != DX_BUSY)
		return rc;
	dx_strlcpy(out->account, s.account, sizeof(out->account));
	dx_strlcpy(out->csrf, s.csrf, sizeof(out->csrf));
	out->expires_at = s.expires_at;
	out->acc = s.acc;
	return DX_OK;
}

int dx_session_logout(struct dx_store *st, const char *token_hash)
{
	pending_drop(token_hash);
	return dx_store_session_delete(st, token_hash);
}

int dx_request_end(struct dx_store *st)
{
	return dx_store_request_end(st);
}
