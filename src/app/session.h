/*
 * session.h - logging in over HTTP: password check with throttling, the
 * session a login opens and the check each request makes (issue 14).
 *
 * A session is a random 256-bit token the client holds in a cookie; the
 * store keeps only its hash (BLAKE2b, crypto_generichash), so a copy of
 * the store gives no one a way in.  Each session has a CSRF token the
 * client sends back in a header on writes.  It ends after DX_SESSION_IDLE
 * seconds without a request or DX_SESSION_MAX after the login.
 *
 * Failed logins count per account and per client address: after
 * DX_LOGIN_MAX_FAILS failures (DX_LOGIN_MAX_ADDR_FAILS from one address),
 * each less than DX_LOGIN_LOCK seconds after the one before, logins answer
 * DX_LIMITED until DX_LOGIN_LOCK seconds have passed since the last.
 */
#ifndef DX_APP_SESSION_H
#define DX_APP_SESSION_H

#include "app/account.h"

enum {
	DX_SESSION_IDLE = 30 * 60,
	DX_SESSION_MAX = 12 * 3600,
	DX_LOGIN_MAX_FAILS = 5,
	DX_LOGIN_MAX_ADDR_FAILS = 20,
	DX_LOGIN_LOCK = 60,
};

struct dx_login {
	char token[65]; /* hex; goes to the client only */
	char csrf[65];
	int64_t expires_at; /* absolute end */
};

/*
 * Log `name` in with `password` from client address `addr` at `now`.
 * Wrong name, wrong password, no password set and a disabled account all
 * answer DX_DENIED with the same message (and take the same time); too
 * many failures DX_LIMITED.
 */
int dx_session_login(struct dx_store *st, const char *name, const char *password, const char *addr,
                     int64_t now, struct dx_login *out, struct dx_buf *why);

struct dx_session_info {
	char account[64];
	char token_hash[65];
	char csrf[65];
	int64_t expires_at;
	struct dx_account acc; /* the account's row, as it is now */
};
/* The live session of `token` at `now` (its idle time renewed);
 * DX_NOT_FOUND if unknown, expired or its account disabled. */
int dx_session_check(struct dx_store *st, const char *token, int64_t now,
                     struct dx_session_info *out);
/* End the session whose token hash is `token_hash`. */
int dx_session_logout(struct dx_store *st, const char *token_hash);

/* Hex of the token's hash into out (65 bytes). */
void dx_session_hash(const char *token, char out[65]);

/* After each request on a server's connection: no statement or
 * transaction stays open into the next (store/session.h). */
int dx_request_end(struct dx_store *st);

#endif
