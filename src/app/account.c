/*
 * account.c - creating accounts and loading the actor use cases run as
 * (see account.h).
 */
#include "core/dx.h"
#include "app/account.h"
#include "app/ctx.h"
#include "core/area.h"
#include "store/procedure.h"
#include "app/clue.h"
#include "core/text.h"
#include "store/session.h"

#include <sodium.h>
#include <strings.h>

int dx_app_level_parse(const char *s, enum dx_level *out)
{
	static const struct {
		const char *name;
		enum dx_level level;
	} names[] = {
		{"村", DX_LEVEL_VILLAGE},   {"village", DX_LEVEL_VILLAGE},
		{"乡", DX_LEVEL_TOWNSHIP},  {"乡镇", DX_LEVEL_TOWNSHIP},
		{"镇", DX_LEVEL_TOWNSHIP},  {"township", DX_LEVEL_TOWNSHIP},
		{"县", DX_LEVEL_COUNTY},    {"county", DX_LEVEL_COUNTY},
	};
	for (size_t i = 0; s && i < DX_ARRAY_SIZE(names); i++)
		if (!strcmp(s, names[i].name)) {
			*out = names[i].level;
			return DX_OK;
		}
	return DX_INVALID;
}

static enum dx_area_level area_level_of(enum dx_level l)
{
	return l == DX_LEVEL_VILLAGE ? DX_AREA_VILLAGE
	       : l == DX_LEVEL_TOWNSHIP ? DX_AREA_TOWNSHIP
					: DX_AREA_COUNTY;
}

void dx_actor_local_owner(struct dx_actor *out)
{
	memset(out, 0, sizeof(*out));
	dx_strlcpy(out->acc.name, DX_LOCAL_OWNER, sizeof(out->acc.name));
	dx_strlcpy(out->acc.level, "县", sizeof(out->acc.level));
	dx_strlcpy(out->acc.role, "查看", sizeof(out->acc.role));
	out->level = DX_LEVEL_COUNTY;
	out->readonly = 1;
	out->local_owner = 1;
}

int dx_actor_may_write(const struct dx_actor *a, struct dx_buf *why)
{
	if (!a || a->local_owner) {
		dx_buf_adds(why, "该操作需要账号：请用 --as 指定账号");
		return DX_DENIED;
	}
	if (a->readonly) {
		dx_buf_addf(why, "账号 %s 为查看角色，只能查看，不能修改", a->acc.name);
		return DX_DENIED;
	}
	return DX_OK;
}

static int any_account(const struct dx_account *a, void *arg)
{
	(void)a;
	(void)arg;
	return DX_EXISTS;
}

/* Whether `by` may create an account over `scope` at level lv (see
 * dx_account_add); DX_DENIED with why if not. *first: the store has no
 * account in scope's county yet (a store may hold several counties, and
 * each county's first account comes from the local owner). */
static int may_add(struct dx_store *st, const struct dx_actor *by, const char *scope,
		   enum dx_level lv, int *first, struct dx_buf *why)
{
	char county[7];
	int rc;
	dx_area_county(scope, county);
	rc = dx_store_account_list(st, county, any_account, NULL);
	if (rc && rc != DX_EXISTS)
		return rc;
	*first = rc == DX_OK;
	if (*first && (!by || by->local_owner)) {
		if (lv != DX_LEVEL_COUNTY) {
			dx_buf_adds(why, "库中还没有本县的账号：第一个账号应为县级（--level 县 "
					 "--scope 6位县代码），再由它建立乡、村账号");
			return DX_DENIED;
		}
		return DX_OK;
	}
	if (!by || by->local_owner) {
		dx_buf_adds(why, "该操作需要账号：请用 --as 指定县级经办账号（只有库中还没有"
				 "本县账号时，才可不用 --as 建立本县第一个县级账号）");
		return DX_DENIED;
	}
	if ((rc = dx_actor_may_write(by, why)))
		return rc;
	if (by->level != DX_LEVEL_COUNTY || !dx_area_in_scope(scope, by->acc.scope)) {
		dx_buf_addf(why, "账号 %s 不能建立账号：只有县级经办账号可在本县（%s）内建立账号",
			    by->acc.name, by->acc.scope);
		return DX_DENIED;
	}
	return DX_OK;
}

static int account_add(struct dx_store *st, const char *name, const char *level,
		       const char *scope, const char *role, const struct dx_actor *by,
		       struct dx_buf *why)
{
	struct dx_account a, old;
	struct dx_area area;
	enum dx_level lv;
	char after[160];
	int rc, in_txn, first = 0;

	memset(&a, 0, sizeof(a));
	if (!name || !*name || strlen(name) >= sizeof(a.name) || strpbrk(name, " \t\"\\")) {
		dx_buf_addf(why, "账号名无效（应为不含空格和引号、少于%zu字节的名称）",
			    sizeof(a.name));
		return DX_INVALID;
	}
	if (dx_app_level_parse(level, &lv)) {
		dx_buf_addf(why, "层级 \"%s\" 无效（应为 村、乡 或 县）", level ? level : "");
		return DX_INVALID;
	}
	if (dx_area_canon(scope ? scope : "", a.scope) != area_level_of(lv)) {
		dx_buf_addf(why, "管辖范围 \"%s\" 与层级 %s 不符（村级应为12位村代码，"
				 "乡级9位乡镇代码，县级6位县代码）",
			    scope ? scope : "", dx_level_name(lv));
		return DX_INVALID;
	}
	if (dx_store_account_get(st, name, &old) == DX_OK) {
		dx_buf_addf(why, "账号 %s 已存在（%s级，管辖 %s）", name, old.level, old.scope);
		return DX_EXISTS;
	}
	if ((rc = may_add(st, by, a.scope, lv, &first, why)))
		return rc;
	/* the first (county) account may come before its county's ledger */
	if (!first && dx_store_area_get(st, a.scope, &area) == DX_NOT_FOUND) {
		dx_buf_addf(why, "数据库中没有区划 %s，请先导入或生成该地区", a.scope);
		return DX_NOT_FOUND;
	}
	if (!role || !*role)
		role = "经办";
	if (strcmp(role, "经办") && strcmp(role, "查看")) {
		dx_buf_addf(why, "角色 \"%s\" 无效（应为 经办 或 查看）", role);
		return DX_INVALID;
	}
	dx_strlcpy(a.name, name, sizeof(a.name));
	dx_strlcpy(a.role, role, sizeof(a.role));
	dx_strlcpy(a.level, dx_level_name(lv), sizeof(a.level));
	/* inside the demo generator's transaction, or one of its own */
	if (!(in_txn = dx_store_in_txn(st)) && (rc = dx_store_begin(st)))
		return rc;
	rc = dx_store_account_get(st, a.name, &old);
	if (rc == DX_OK) {
		dx_buf_addf(why, "账号 %s 已存在（%s级，管辖 %s）", name, old.level, old.scope);
		rc = DX_EXISTS;
	} else if (rc == DX_NOT_FOUND) {
		rc = dx_store_account_insert(st, &a);
	}
	if (!rc) {
		dx_snprintf(after, sizeof(after), "{\"level\":\"%s\",\"scope\":\"%s\",\"role\":\"%s\"}",
			    a.level, a.scope, a.role);
		rc = dx_store_audit(st, a.county, by ? by->acc.name : DX_LOCAL_OWNER,
				    "account.add", "account", a.name, NULL, after);
	}
	if (in_txn)
		return rc;
	if (rc) {
		dx_store_rollback(st);
		return rc;
	}
	return dx_store_commit(st);
}

int dx_actor_load(struct dx_store *st, const char *name, struct dx_actor *out, struct dx_buf *why)
{
	int rc;
	memset(out, 0, sizeof(*out));
	if (!name || !*name) {
		dx_buf_adds(why, "请用 --as 指定办理账号");
		return DX_USAGE;
	}
	rc = dx_store_account_get(st, name, &out->acc);
	if (rc == DX_NOT_FOUND) {
		dx_buf_addf(why, "没有账号 %s（用 dixian account add 创建）", name);
		return rc;
	}
	if (rc)
		return rc;
	return dx_actor_of(&out->acc, out, why);
}

int dx_actor_of(const struct dx_account *acc, struct dx_actor *out, struct dx_buf *why)
{
	if (acc != &out->acc) {
		memset(out, 0, sizeof(*out));
		out->acc = *acc;
	}
	if (dx_app_level_parse(out->acc.level, &out->level)) {
		dx_buf_addf(why, "账号 %s 的层级无效", out->acc.name);
		return DX_INVALID;
	}
	out->readonly = !strcmp(out->acc.role, "查看");
	return DX_OK;
}

int dx_actor_for(struct dx_store *st, const char *name, struct dx_actor *out,
		 struct dx_buf *why)
{
	if (!name || !*name) {
		dx_actor_local_owner(out);
		return DX_OK;
	}
	return dx_actor_load(st, name, out, why);
}

int dx_actor_sees(const struct dx_actor *a, const char *area_code)
{
	if (a->local_owner)
		return 1;
	return a->acc.scope[0] && dx_area_in_scope(area_code, a->acc.scope);
}

int dx_actor_may_unmask(const struct dx_actor *a)
{
	return !a->readonly && a->level == DX_LEVEL_COUNTY;
}

int dx_actor_area(const struct dx_actor *a, const char *area, char out[13], struct dx_buf *why)
{
	if (!area || !*area) {
		dx_strlcpy(out, a->acc.scope, 13);
		return DX_OK;
	}
	if (dx_area_canon(area, out) < DX_AREA_COUNTY) {
		dx_buf_addf(why, "区划代码 \"%s\" 无效（应为6位县、9位乡镇或12位村代码）", area);
		return DX_INVALID;
	}
	if (a->local_owner)
		return DX_OK;
	if (!dx_area_in_scope(out, a->acc.scope)) {
		dx_buf_addf(why, "区划 %s 不在账号 %s 的管辖范围（%s）内", out, a->acc.name,
			    a->acc.scope);
		return DX_DENIED;
	}
	return DX_OK;
}

int dx_actor_area_wide(const struct dx_actor *a, const char *area, char out[13], int *wide,
		       struct dx_buf *why)
{
	enum dx_area_level lv = area && *area ? dx_area_canon(area, out) : DX_AREA_INVALID;
	*wide = lv != DX_AREA_INVALID && lv < DX_AREA_COUNTY;
	if (!*wide)
		return dx_actor_area(a, area, out, why);
	if (a->local_owner)
		return DX_OK;
	dx_buf_addf(why, "区划 %s 不在账号 %s 的管辖范围（%s）内", out, a->acc.name, a->acc.scope);
	return DX_DENIED;
}

/* ---- passwords (issue 14) ---- */

/* 1 if hay contains needle, ASCII letters compared without case. */
static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return 0;
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return 1;
	return 0;
}

/* Characters (UTF-8 code points) in s. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

struct passwd_arg {
	const char *name, *hash, *by;
	int disable;
};

static int passwd_txn(struct dx_store *st, void *arg)
{
	struct passwd_arg *p = arg;
	struct dx_account a;
	int rc;
	if ((rc = dx_store_account_get(st, p->name, &a)))
		return rc;
	rc = p->disable ? dx_store_account_set_disabled(st, p->name, 1)
			: dx_store_account_set_password(st, p->name, p->hash);
	if (!rc)
		rc = dx_store_session_delete_account(st, p->name);
	if (!rc)
		rc = dx_store_audit(st, a.county, p->by ? p->by : "cli",
				    p->disable ? "account.disable" : "account.passwd", "account",
				    p->name, NULL, NULL);
	return rc;
}

/* Set the password and end the sessions, audited as by: the two paths'
 * shared part, after each has checked who may. */
static int set_passwd(struct dx_store *st, const char *name, const char *password,
		      const char *by, struct dx_buf *why)
{
	char hash[crypto_pwhash_STRBYTES];
	struct passwd_arg p = {name, hash, by, 0};
	int rc;
	if (!name || !password)
		return DX_USAGE;
	if (strlen(password) > DX_PASSWORD_MAX_BYTES || !dx_utf8_valid(password, strlen(password))) {
		dx_buf_addf(why, "密码过长或不是有效文本（最多%d字节）", DX_PASSWORD_MAX_BYTES);
		return DX_INVALID;
	}
	if (utf8_chars(password) < DX_PASSWORD_MIN) {
		dx_buf_addf(why, "密码太短（至少%d个字符）", DX_PASSWORD_MIN);
		return DX_INVALID;
	}
	if (contains_nocase(password, name)) {
		dx_buf_addf(why, "密码不能包含账号名 %s", name);
		return DX_INVALID;
	}
	if (sodium_init() < 0)
		return DX_IO;
	if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return DX_NOMEM; /* libsodium could not get the memory */
	rc = dx_proc_txn(st, passwd_txn, &p);
	if (rc == DX_NOT_FOUND)
		dx_buf_addf(why, "没有账号 %s（用 dixian account add 创建）", name);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

static int set_disabled(struct dx_store *st, const char *name, const char *by,
			struct dx_buf *why)
{
	struct passwd_arg p = {name, NULL, by, 1};
	int rc = dx_proc_txn(st, passwd_txn, &p);
	if (rc == DX_NOT_FOUND)
		dx_buf_addf(why, "没有账号 %s", name ? name : "");
	return rc;
}

/* dx_account_*_as's rule: by is a 县 经办 account and `name` an account
 * within its scope. */
static int may_manage(struct dx_store *st, const struct dx_actor *by, const char *name,
		      struct dx_buf *why)
{
	struct dx_account a;
	int rc;
	if (!by || by->local_owner) {
		dx_buf_adds(why, "该操作需要县级经办账号");
		return DX_DENIED;
	}
	if ((rc = dx_actor_may_write(by, why)))
		return rc;
	if (by->level != DX_LEVEL_COUNTY) {
		dx_buf_addf(why, "账号 %s 不能管理账号：只有县级经办账号可管理本县（及所辖乡村）的账号",
			    by->acc.name);
		return DX_DENIED;
	}
	rc = name && *name ? dx_store_account_get(st, name, &a) : DX_NOT_FOUND;
	if (rc == DX_OK && !dx_area_in_scope(a.scope, by->acc.scope))
		rc = DX_NOT_FOUND;
	if (rc == DX_NOT_FOUND)
		dx_buf_addf(why, "没有账号 %s（或不在账号 %s 的管辖范围内）", name ? name : "",
			    by->acc.name);
	return rc;
}

static int passwd_as(struct dx_store *st, const struct dx_actor *by, const char *name,
		     const char *password, struct dx_buf *why)
{
	int rc = may_manage(st, by, name, why);
	return rc ? rc : set_passwd(st, name, password, by->acc.name, why);
}

static int disable_as(struct dx_store *st, const struct dx_actor *by, const char *name,
		      struct dx_buf *why)
{
	int rc = may_manage(st, by, name, why);
	if (rc)
		return rc;
	if (!strcmp(name, by->acc.name)) {
		dx_buf_adds(why, "不能停用自己正在使用的账号");
		return DX_DENIED;
	}
	return set_disabled(st, name, by->acc.name, why);
}

const char *const dx_account_heads[DX_ACCOUNT_COLS] = {"账号", "姓名", "层级",
						       "管辖范围", "角色", "状态"};

void dx_account_cells(const struct dx_account *a, const char *cells[DX_ACCOUNT_COLS])
{
	cells[0] = a->name;
	cells[1] = a->display_name;
	cells[2] = a->level;
	cells[3] = a->scope;
	cells[4] = a->role;
	cells[5] = a->disabled ? "已停用" : "正常";
}

/* ---- the use cases, on the request context (app/ctx.h) ---- */

int dx_account_add(struct dx_ctx *c, const char *name, const char *level, const char *scope,
		   const char *role)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, account_add(c->st, name, level, scope, role, &c->actor, &why), &why);
}

/* The local path's rule: only the person at this computer, who holds the
 * store anyway (the CLI without an account). */
static int local_only(const struct dx_actor *a, struct dx_buf *why)
{
	if (a->local_owner)
		return DX_OK;
	dx_buf_adds(why, "本机操作只供本机所有者使用：账号请改用县级经办账号的账号管理");
	return DX_DENIED;
}

int dx_account_passwd(struct dx_ctx *c, const char *name, const char *password, const char *by)
{
	struct dx_buf why = DX_BUF_INIT;
	int rc = local_only(&c->actor, &why);
	return dx_ctx_done(c, rc ? rc : set_passwd(c->st, name, password, by, &why), &why);
}

int dx_account_disable(struct dx_ctx *c, const char *name, const char *by)
{
	struct dx_buf why = DX_BUF_INIT;
	int rc = local_only(&c->actor, &why);
	return dx_ctx_done(c, rc ? rc : set_disabled(c->st, name, by, &why), &why);
}

int dx_account_passwd_as(struct dx_ctx *c, const char *name, const char *password)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, passwd_as(c->st, &c->actor, name, password, &why), &why);
}

int dx_account_disable_as(struct dx_ctx *c, const char *name)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, disable_as(c->st, &c->actor, name, &why), &why);
}
