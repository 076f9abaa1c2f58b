/*
 * audit_verify.c - the audit chain check (see audit_verify.h).  Per
 * county, in the order rows were appended (id): seq must run 1, 2, 3 ...
 * (a gap is a deleted row, a repeat or a missing seq an inserted one) and
 * every hash must be the hash of its row after the previous row's hash
 * (else the row was edited, or forged).  Rows from before the chain
 * existed (seq NULL while the county has no chained row) are counted as
 * not yet chained.
 */
#include "core/dx.h"
#include "app/audit_verify.h"

struct walk {
	struct dx_audit_verdict *v;
	char county[7];
	int64_t expect;  /* the next seq */
	int chained;     /* the county has a chained row so far */
	char prev[DX_AUDIT_HASH_HEX];
};

static int bad(struct walk *w, const struct dx_audit_row *r, const char *what)
{
	w->v->broken = 1;
	w->v->bad_id = r->id;
	dx_snprintf(w->v->problem, sizeof(w->v->problem),
		    "县 %s 的操作日志第 %lld 条（id %lld，%s %s %s）%s", r->county,
		    (long long)(w->expect), (long long)r->id, r->at, r->actor, r->action, what);
	return DX_STATE;
}

static int one(const struct dx_audit_row *r, void *arg)
{
	struct walk *w = arg;
	char hex[DX_AUDIT_HASH_HEX];
	if (strcmp(r->county, w->county) != 0) {
		dx_strlcpy(w->county, r->county, sizeof(w->county));
		w->expect = 1;
		w->chained = 0;
		w->prev[0] = '\0';
		w->v->counties++;
	}
	w->v->rows++;
	if (!r->seq) {
		if (!w->chained && !*r->hash) {
			w->v->unchained++;
			return 0;
		}
		return bad(w, r, "没有链序号：是绕过程序插入的记录");
	}
	if (r->seq > w->expect) {
		char what[128];
		dx_snprintf(what, sizeof(what), "之前缺少 %lld 条记录：已被删除",
			    (long long)(r->seq - w->expect));
		return bad(w, r, what);
	}
	if (r->seq < w->expect)
		return bad(w, r, "的序号重复：是插入的记录");
	dx_audit_hash(r, w->prev, hex);
	if (strcmp(hex, r->hash) != 0)
		return bad(w, r, "的内容与链上的哈希不符：已被修改（或是伪造的记录）");
	w->chained = 1;
	w->expect = r->seq + 1;
	dx_strlcpy(w->prev, r->hash, sizeof(w->prev));
	dx_strlcpy(w->v->county, r->county, sizeof(w->v->county));
	dx_strlcpy(w->v->head, r->hash, sizeof(w->v->head));
	return 0;
}

int dx_audit_verify(struct dx_store *st, const char *area, struct dx_audit_verdict *v,
		    struct dx_buf *why)
{
	struct walk w;
	int rc;
	memset(v, 0, sizeof(*v));
	memset(&w, 0, sizeof(w));
	w.v = v;
	if (area && *area) {
		size_t n = strlen(area);
		for (size_t i = 0; i < n; i++)
			if (area[i] < '0' || area[i] > '9' || n > 6) {
				dx_buf_addf(why, "区划代码应为县的 6 位代码（或其前几位）");
				return DX_INVALID;
			}
	}
	rc = dx_store_audit_walk(st, area ? area : "", one, &w);
	if (rc == DX_STATE && v->broken)
		return DX_OK;
	return rc;
}
