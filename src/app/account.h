/*
 * account.h - accounts and the actor a use case runs as.  Every use case
 * of the procedure takes a `struct dx_actor`: its level decides which steps
 * it may do (casefsm.h) and its scope which households it may see or act
 * on (domain.md §2: a user's scope is a code prefix).
 *
 * Use cases report refusals as Chinese text in `why` (a dx_buf the caller
 * owns), saying what to change; the return code is the dx_err.
 *
 * Who may do what (README "账号与权限"), enforced here and in the use
 * cases, for every front end:
 *  - every use case that writes needs an account (dx_actor_may_write): a
 *    经办 account within its scope; a 查看 account never writes;
 *  - a use case given an account reads only the account's scope;
 *  - without an account a read runs as the store's local owner
 *    (dx_actor_local_owner: the person at this computer, who holds the
 *    file anyway), which reads the whole store, IDs masked, never writes,
 *    and is named 本机所有者 in the audit;
 *  - the first account of a store (a 县 account) is made by the local
 *    owner; after that accounts are made by a 县 经办 account, within its
 *    county (dx_account_add).
 */
#ifndef DX_APP_ACCOUNT_H
#define DX_APP_ACCOUNT_H

#include "policy/casefsm.h"
#include "store/account.h"

struct dx_actor {
	struct dx_account acc;
	enum dx_level level;
	int readonly;    /* role 查看, or the local owner */
	int local_owner; /* no account: see dx_actor_local_owner() */
};

/* The audit name of the local owner. */
#define DX_LOCAL_OWNER "本机所有者"

/* The actor a command runs as without an account: reads the whole store
 * (IDs masked), writes nothing. */
void dx_actor_local_owner(struct dx_actor *out);

/*
 * DX_OK if a may write (an account, role 经办); else DX_DENIED with why:
 * "该操作需要账号：请用 --as 指定账号" for NULL or the local owner, or
 * that a 查看 account only reads.  Every writing use case asks this first.
 */
int dx_actor_may_write(const struct dx_actor *a, struct dx_buf *why);

/* Parse 村 / 乡 / 乡镇 / 镇 / 县 (and village/township/county). */
int dx_app_level_parse(const char *s, enum dx_level *out);

/*
 * Create account `name` at `level` over `scope` (a 12-, 9- or 6-digit code
 * matching the level, an area the store knows), role 经办 or 查看 (NULL =
 * 经办), as c's actor: a 县 经办 account whose county holds `scope`, or,
 * while the store has no account in scope's county, the local owner
 * (dx_actor_local_owner), who makes that county's first one: a 县
 * account, whose county need not be imported yet (the first import brings
 * it).  Audited with the actor's name.  DX_EXISTS with "账号 X 已存在" in
 * c->err when taken.
 */
struct dx_ctx;
int dx_account_add(struct dx_ctx *c, const char *name, const char *level, const char *scope,
		   const char *role);

/* Load the actor `name`; DX_NOT_FOUND (with why) if there is no such
 * account. */
int dx_actor_load(struct dx_store *st, const char *name, struct dx_actor *out, struct dx_buf *why);
/* The actor of an account row already read (a session check reads it with
 * the session); DX_INVALID (with why) if its level is not one. */
int dx_actor_of(const struct dx_account *acc, struct dx_actor *out, struct dx_buf *why);

/* The actor a command runs as: account `name`, or the local owner when
 * name is NULL or "" (no --as).  DX_NOT_FOUND with why for an unknown
 * name. */
int dx_actor_for(struct dx_store *st, const char *name, struct dx_actor *out,
		 struct dx_buf *why);

/* 1 if area_code lies within the actor's scope. */
int dx_actor_sees(const struct dx_actor *a, const char *area_code);

/* Whether a may see unmasked 身份证 and phone numbers (exports, feedback
 * sheets): a county-level (县) account with role 经办.  The one rule. */
int dx_actor_may_unmask(const struct dx_actor *a);

/*
 * Narrow `area` (NULL or "" = the whole scope) to the actor: writes the
 * canonical prefix to out and returns 0, or DX_DENIED / DX_INVALID with
 * why when the area is outside the scope or not a code.
 */
int dx_actor_area(const struct dx_actor *a, const char *area, char out[13], struct dx_buf *why);
/*
 * The same for a use case that also reads a province or a city (2 or 4
 * digits: screen and report of many counties in one pass, issue 16): such
 * an area is the local owner's only (an account's scope is a county or
 * narrower, so a wider area lies outside it: DX_DENIED, in
 * dx_actor_area's words); a county or narrower one is dx_actor_area's.
 * *wide gets 1 for a province or city, else 0.
 */
int dx_actor_area_wide(const struct dx_actor *a, const char *area, char out[13], int *wide,
		       struct dx_buf *why);

/* ---- passwords (issue 14; the HTTP login reads them) ---- */

/* Bounds of a password, in characters and bytes. */
enum { DX_PASSWORD_MIN = 8, DX_PASSWORD_MAX_BYTES = 256 };

/*
 * The local path (the CLI without an account): c's actor must be the local
 * owner (dx_actor_local_owner, who holds the store anyway), else
 * DX_DENIED.  Set account `name`'s password: at least DX_PASSWORD_MIN
 * characters, not equal to or containing the account name (ASCII case
 * ignored), stored as an Argon2id string (libsodium crypto_pwhash_str,
 * interactive limits).  Ends the account's sessions.  Audited as `by`
 * (the name the operator gives), without the password.  Refusals in
 * c->err.
 */
int dx_account_passwd(struct dx_ctx *c, const char *name, const char *password, const char *by);
/* Disable account `name`: it can no longer log in, and its sessions end. */
int dx_account_disable(struct dx_ctx *c, const char *name, const char *by);

/*
 * The same two as c's actor (the HTTP API, issue 15), under the rule of
 * dx_account_add: a 县 经办 account, for accounts whose scope lies in its
 * own; an account outside it answers DX_NOT_FOUND like a missing one (its
 * existence is not told).  An account may not disable itself.  Audited
 * with by's name.
 */
int dx_account_passwd_as(struct dx_ctx *c, const char *name, const char *password);
int dx_account_disable_as(struct dx_ctx *c, const char *name);

/*
 * The account list's columns as every front end writes them (GET
 * /api/accounts?format=xlsx): the JSON list's fields in Chinese,
 * DX_ACCOUNT_COLS heads, and the cells of a in cells (pointing into a).
 * No password hash or anything else the JSON does not show.
 */
#define DX_ACCOUNT_COLS 6
extern const char *const dx_account_heads[DX_ACCOUNT_COLS];
void dx_account_cells(const struct dx_account *a, const char *cells[DX_ACCOUNT_COLS]);

#endif
