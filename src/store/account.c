/*
 * account.c - the account table (see account.h).
 */
#include "core/dx.h"
#include "store/account.h"
#include "store/store_int.h"

static const char SQL_ACC_INSERT[] =
	"INSERT INTO account(county_code, name, display_name, role, level, scope,"
	" created_at) VALUES(?,?,?,?,?,?,?) RETURNING id";
static const char SQL_ACC_GET[] =
	"SELECT id, county_code, name, display_name, role, level, scope, disabled FROM account"
	" WHERE name = ?";
static const char SQL_ACC_LIST[] =
	"SELECT id, county_code, name, display_name, role, level, scope, disabled FROM account"
	" WHERE scope >= ?1 AND scope < ?1 || ':' ORDER BY name";

int dx_store_account_insert(struct dx_store *st, struct dx_account *a)
{
	char now[21];
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_ACC_INSERT)))
		return DX_DB;
	dx_store_now(now);
	dx_strlcpy(a->county, a->scope, sizeof(a->county));
	dx_bind_text(s, 1, a->county);
	dx_bind_text(s, 2, a->name);
	dx_bind_text(s, 3, a->display_name);
	dx_bind_text(s, 4, a->role);
	dx_bind_text(s, 5, a->level);
	dx_bind_text(s, 6, a->scope);
	dx_bind_text(s, 7, now);
	rc = dx_step_int(s, &a->id);
	return rc == DX_NOT_FOUND ? DX_DB : rc;
}

static void row(struct dx_stmt *s, struct dx_account *a)
{
	a->id = dx_col_int(s, 0);
	dx_col_copy(s, 1, a->county, sizeof(a->county));
	dx_col_copy(s, 2, a->name, sizeof(a->name));
	dx_col_copy(s, 3, a->display_name, sizeof(a->display_name));
	dx_col_copy(s, 4, a->role, sizeof(a->role));
	dx_col_copy(s, 5, a->level, sizeof(a->level));
	dx_col_copy(s, 6, a->scope, sizeof(a->scope));
	a->disabled = dx_col_int(s, 7) != 0;
}

int dx_store_account_get(struct dx_store *st, const char *name, struct dx_account *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_ACC_GET)))
		return DX_DB;
	dx_bind_text(s, 1, name);
	if ((rc = dx_step(s)))
		return rc;
	row(s, out);
	return dx_step_done(s);
}

int dx_store_account_list(struct dx_store *st, const char *scope,
			  int (*fn)(const struct dx_account *, void *), void *arg)
{
	struct dx_account a;
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_ACC_LIST)))
		return DX_DB;
	dx_bind_text(s, 1, scope ? scope : "");
	while ((rc = dx_step(s)) == DX_OK) {
		row(s, &a);
		if ((rc = fn(&a, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}
