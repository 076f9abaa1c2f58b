/*
 * policy.c - the policy in force from the stored settings, and `policy
 * set` (domain.md §10; issue 4).  Settings are few, so they are loaded into
 * memory and resolved there by the pure rules of src/policy/params.c.
 */
#include "core/dx.h"
#include "app/policy.h"
#include "app/ctx.h"
#include "app/account.h"
#include "store/policy_store.h"
#include "store/store.h"

static int add_row(const struct dx_policy_row *r, void *arg)
{
	struct dx_policy_rows *rows = arg;
	struct dx_policy_setting *s;
	if (rows->n == rows->alloc) {
		rows->alloc = rows->alloc ? rows->alloc * 2 : 32;
		rows->v = dx_xrealloc(rows->v, rows->alloc * sizeof(*rows->v));
		rows->by = dx_xrealloc(rows->by, rows->alloc * sizeof(*rows->by));
	}
	s = &rows->v[rows->n];
	s->area_prefix = dx_xstrdup(r->area_prefix);
	s->year = r->year;
	s->effective_from = dx_xstrdup(r->effective_from);
	s->key = dx_xstrdup(r->key);
	s->value = dx_xstrdup(r->value);
	rows->by[rows->n] = dx_xstrdup(r->set_by);
	rows->n++;
	return DX_OK;
}

void dx_policy_rows_release(struct dx_policy_rows *rows)
{
	size_t i;
	if (!rows)
		return;
	for (i = 0; i < rows->n; i++) {
		free((char *)rows->v[i].area_prefix);
		free((char *)rows->v[i].effective_from);
		free((char *)rows->v[i].key);
		free((char *)rows->v[i].value);
		free((char *)rows->by[i]);
	}
	free(rows->v);
	free(rows->by);
	memset(rows, 0, sizeof(*rows));
}

int dx_policy_rows_load(struct dx_store *st, const char *area, int year,
			int subtree, struct dx_policy_rows *rows)
{
	int rc = dx_store_policy_rows(st, area, year, subtree, add_row, rows);
	if (rc)
		dx_policy_rows_release(rows);
	return rc;
}

int dx_policy_rows_resolve(const struct dx_policy_rows *rows, const char *area,
			   int year, const char *date, struct dx_policy *out,
			   const struct dx_policy_setting **src,
			   const char **why)
{
	return dx_policy_resolve_src(rows->v, rows->n, area, year, date, out,
				     src, why);
}

const char *dx_policy_rows_by(const struct dx_policy_rows *rows,
			      const struct dx_policy_setting *s)
{
	if (!s || s < rows->v || s >= rows->v + rows->n)
		return "";
	return rows->by[s - rows->v];
}

int dx_app_policy(struct dx_store *st, const char *area, int year,
		  const char *date, struct dx_policy *out)
{
	struct dx_policy_rows rows = DX_POLICY_ROWS_INIT;
	const char *why = NULL;
	int rc = dx_policy_rows_load(st, area, year, 0, &rows);
	if (!rc) {
		rc = dx_policy_rows_resolve(&rows, area, year, date, out, NULL,
					    &why);
		if (rc)
			dx_error(rc, "stored policy for area '%s' year %d cannot "
				     "be read", area ? area : "", year);
	}
	dx_policy_rows_release(&rows);
	return rc;
}

void dx_app_policy_holidays(const struct dx_policy *p, struct dx_holidays *h)
{
	h->off = p->holidays.d;
	h->noff = (size_t)p->holidays.n;
	h->worked = p->extra_workdays.d;
	h->nworked = (size_t)p->extra_workdays.n;
}

/* Append s as a JSON string. */
static void json_str(struct dx_buf *b, const char *s)
{
	dx_buf_addch(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			dx_buf_addch(b, '\\');
			dx_buf_addch(b, c);
		} else if (c < 0x20) {
			dx_buf_addf(b, "\\u%04x", c);
		} else {
			dx_buf_addch(b, c);
		}
	}
	dx_buf_addch(b, '"');
}

static int may_set(struct dx_store *st, const char *actor, const char *prefix,
		   const char **why);

static int policy_set(struct dx_store *st, const char *prefix, int year, const char *from,
		      const char *key, const char *value, const char *actor,
		      char canon[DX_POLICY_VALUE_MAX], const char **why)
{
	struct dx_policy_rows rows = DX_POLICY_ROWS_INIT;
	const struct dx_policy_setting **src = NULL;
	const struct dx_policy_key *k;
	struct dx_policy p, before;
	struct dx_buf text = DX_BUF_INIT, old = DX_BUF_INIT;
	struct dx_buf ba = DX_BUF_INIT, aa = DX_BUF_INIT, ek = DX_BUF_INIT;
	char prev[DX_POLICY_VALUE_MAX], county[7];
	const char *dummy;
	size_t ki;
	int rc, had = 0, began = 0;

	if (!why)
		why = &dummy;
	*why = NULL;
	from = from ? from : "";
	/* a setting needs a county account over the area (app/account.h) */
	if ((rc = may_set(st, actor, prefix, why)))
		return rc == DX_NOT_FOUND ? DX_DENIED : rc;
	k = dx_policy_key_find(key);
	if (!k) {
		*why = "未知的参数名（可用 policy show 查看全部参数）";
		return DX_NOT_FOUND;
	}
	key = k->name; /* 监测线 is stored as monitoring_line */
	/* validate on a scratch policy, store the canonical text */
	dx_policy_defaults(&p);
	if ((rc = dx_policy_set(&p, key, value, why)))
		return rc;
	if ((rc = dx_policy_get(&p, key, &text)))
		goto out;
	if (canon)
		dx_strlcpy(canon, text.buf, DX_POLICY_VALUE_MAX);

	if ((rc = dx_store_begin(st)))
		goto out;
	began = 1;
	/* the value in force before, where the new setting will apply */
	src = dx_xcalloc(dx_policy_key_count(), sizeof(*src));
	if ((rc = dx_policy_rows_load(st, prefix, year, 0, &rows)))
		goto out;
	if (dx_policy_rows_resolve(&rows, prefix, year, from, &before, src,
				   why))
		dx_policy_defaults(&before); /* an unreadable old value */
	for (ki = 0; ki < dx_policy_key_count(); ki++)
		if (dx_policy_key_at(ki) == k)
			break;
	dx_policy_get(&before, key, &old);

	if ((rc = dx_store_policy_put(st, prefix, year, key, text.buf, from,
				      actor, prev, sizeof(prev), &had)))
		goto out;

	dx_buf_adds(&ba, "{\"value\":");
	json_str(&ba, old.buf);
	dx_buf_adds(&ba, ",\"source\":");
	if (ki < dx_policy_key_count() && src[ki]) {
		const struct dx_policy_setting *w = src[ki];
		dx_buf_addf(&ba, "{\"area_prefix\":");
		json_str(&ba, w->area_prefix);
		dx_buf_addf(&ba, ",\"year\":%d,\"effective_from\":", w->year);
		json_str(&ba, w->effective_from);
		dx_buf_addch(&ba, '}');
	} else {
		dx_buf_adds(&ba, "\"default\"");
	}
	if (had) {
		dx_buf_adds(&ba, ",\"replaced\":");
		json_str(&ba, prev);
	}
	dx_buf_addch(&ba, '}');
	dx_buf_adds(&aa, "{\"area_prefix\":");
	json_str(&aa, prefix);
	dx_buf_addf(&aa, ",\"year\":%d,\"key\":", year);
	json_str(&aa, key);
	dx_buf_adds(&aa, ",\"value\":");
	json_str(&aa, text.buf);
	dx_buf_adds(&aa, ",\"effective_from\":");
	json_str(&aa, from);
	dx_buf_addch(&aa, '}');
	dx_buf_addf(&ek, "%s/%d/%s/%s", prefix, year, key, from);
	if (ba.err || aa.err || ek.err) {
		rc = DX_NOMEM;
		goto out;
	}
	dx_strlcpy(county, prefix, sizeof(county));
	rc = dx_store_audit(st, county, actor, "policy.set", "policy", ek.buf,
			    ba.buf, aa.buf);
out:
	if (began) {
		if (rc)
			dx_store_rollback(st);
		else
			rc = dx_store_commit(st);
	}
	if (!rc)
		dx_log(DX_LOG_DEBUG, "policy %s set for area %s year %d from '%s'",
		       key, prefix, year, from);
	free(src);
	dx_policy_rows_release(&rows);
	dx_buf_release(&text);
	dx_buf_release(&old);
	dx_buf_release(&ba);
	dx_buf_release(&aa);
	dx_buf_release(&ek);
	return rc;
}

static int may_set(struct dx_store *st, const char *actor, const char *prefix,
		   const char **why)
{
	struct dx_actor a;
	struct dx_buf msg = DX_BUF_INIT;
	int rc;
	if (!actor || !*actor) {
		*why = "该操作需要账号：请用 --as 指定县级经办账号";
		return DX_DENIED;
	}
	rc = dx_actor_load(st, actor, &a, &msg);
	dx_buf_release(&msg);
	if (rc == DX_NOT_FOUND) {
		*why = DX_POLICY_WHY_NO_ACCOUNT;
		return DX_NOT_FOUND;
	}
	if (rc)
		return rc;
	if (a.level != DX_LEVEL_COUNTY || a.readonly) {
		*why = "只有县级经办账号可以设置政策参数";
		return DX_DENIED;
	}
	if (!dx_actor_sees(&a, prefix) || strlen(prefix) < strlen(a.acc.scope)) {
		*why = "区划超出账号的管辖范围（县级账号只能设置本县及以下的参数）";
		return DX_DENIED;
	}
	return DX_OK;
}

/* ---- the use cases, on the request context (app/ctx.h) ---- */

/* The account name c acts as, "" for the local owner (who sets nothing). */
static const char *setter(const struct dx_ctx *c)
{
	return c->actor.local_owner ? "" : c->actor.acc.name;
}

/* rc into c->err with the static reason why (NULL = none). */
static int done(struct dx_ctx *c, int rc, const char *why)
{
	memset(&c->err, 0, sizeof(c->err));
	c->err.code = rc;
	c->err.col = -1;
	if (rc && why)
		dx_strlcpy(c->err.msg, why, sizeof(c->err.msg));
	return rc;
}

int dx_app_policy_may_set(struct dx_ctx *c, const char *prefix)
{
	const char *why = NULL;
	int rc = may_set(c->st, setter(c), prefix, &why);
	return done(c, rc, why); /* not in one expression: why is set by the call */
}

int dx_app_policy_set(struct dx_ctx *c, const char *prefix, int year, const char *from,
		      const char *key, const char *value, char canon[DX_POLICY_VALUE_MAX])
{
	const char *why = NULL;
	int rc = policy_set(c->st, prefix, year, from, key, value, setter(c), canon, &why);
	return done(c, rc, why);
}

int dx_app_policy_show(struct dx_ctx *c, const char *area, int year, const char *date,
		       struct dx_policy_shown *out)
{
	struct dx_buf why = DX_BUF_INIT;
	const char *bad = NULL;
	int rc;
	memset(out, 0, sizeof(*out));
	out->rows = (struct dx_policy_rows)DX_POLICY_ROWS_INIT;
	out->year = year ? year : c->today.y;
	if (c->actor.local_owner)
		dx_strlcpy(out->area, area ? area : "", sizeof(out->area));
	else if ((rc = dx_actor_area(&c->actor, area, out->area, &why)))
		return dx_ctx_done(c, rc, &why);
	if (!(out->src = calloc(dx_policy_key_count(), sizeof(*out->src))))
		return dx_ctx_done(c, DX_NOMEM, &why);
	rc = dx_policy_rows_load(c->st, out->area, out->year, 0, &out->rows);
	if (!rc)
		rc = dx_policy_rows_resolve(&out->rows, out->area, out->year, date, &out->p,
					    out->src, &bad);
	if (rc)
		dx_buf_addf(&why, "已保存的参数无法读取%s%s", bad ? "：" : "", bad ? bad : "");
	rc = dx_ctx_done(c, rc, &why);
	if (rc && bad)
		dx_strlcpy(c->err.detail, bad, sizeof(c->err.detail));
	return rc;
}

void dx_app_policy_shown_release(struct dx_policy_shown *s)
{
	free(s->src);
	s->src = NULL;
	dx_policy_rows_release(&s->rows);
}
