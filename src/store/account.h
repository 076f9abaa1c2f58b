/*
 * account.h - the accounts commands act as (`--as NAME`): a level (村,
 * 乡镇, 县), an area scope (a canonical prefix of that level) and a role.
 * Passwords come with the HTTP layer; pw_hash stays NULL until then.
 */
#ifndef DX_STORE_ACCOUNT_H
#define DX_STORE_ACCOUNT_H

#include "store/store.h"

struct dx_account {
	int64_t id;
	char county[7];
	char name[64];
	char display_name[64];
	char role[16];  /* 经办 (acts) / 查看 (reads only) */
	char level[16]; /* 村 / 乡镇 / 县 */
	char scope[13]; /* canonical prefix: 12, 9 or 6 digits */
	int disabled;   /* 1: may no longer log in (dx_account_disable) */
};

/* Insert a new account; DX_EXISTS when the name is taken.  The caller has
 * checked level and scope. */
int dx_store_account_insert(struct dx_store *st, struct dx_account *a);
/* The account named `name`; DX_NOT_FOUND if none. */
int dx_store_account_get(struct dx_store *st, const char *name, struct dx_account *out);
/* Every account whose scope lies within `scope` ("" = all), by name. */
int dx_store_account_list(struct dx_store *st, const char *scope,
			  int (*fn)(const struct dx_account *, void *), void *arg);

#endif
