/*
 * clue_screen.c - suggestions of a screening run as clues (see
 * clue_screen.h).  The screening pass is read to the end first and the
 * clues written after it, so no write happens under an open read.
 */
#include "core/dx.h"
#include "app/clue_screen.h"
#include "app/clue.h"
#include "app/ctx.h"
#include "app/screen.h"
#include "store/procedure.h"

struct suggestion {
	char hh_no[32];
	char reason[256];
};

struct collect {
	struct suggestion *v;
	size_t n, cap;
};

static int on_row(const struct dx_screen_row *r, void *arg)
{
	struct collect *c = arg;
	struct suggestion *s;
	int rc;
	if (r->res->category == DX_CAT_NONE)
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = dx_xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	s = &c->v[c->n++];
	dx_strlcpy(s->hh_no, r->hh_no, sizeof(s->hh_no));
	/* the reason a cadre reads: what screening suggests and why, cut to
	 * the record's size at a character boundary */
	/* 风险类型 first, as every clue reason (clue.h) */
	{
		struct dx_buf risks = DX_BUF_INIT;
		if (r->res->nrisks)
			dx_screen_add_risks(&risks, r->res, "、");
		else
			dx_buf_adds(&risks, "其他");
		rc = dx_snprintf(s->reason, sizeof(s->reason), "%s：筛查建议%s：%s",
				 risks.buf ? risks.buf : "其他", dx_category_name(r->res->category),
				 r->res->reasons);
		dx_buf_release(&risks);
	}
	if (rc) {
		/* truncated: back off to the last complete UTF-8 character */
		size_t n = strlen(s->reason);
		while (n && ((unsigned char)s->reason[n - 1] & 0xC0) == 0x80)
			n--;
		if (n && (unsigned char)s->reason[n - 1] >= 0xC0)
			n--;
		s->reason[n] = '\0';
	}
	return 0;
}

struct open_set {
	struct collect *c;
	unsigned char *open; /* per suggestion */
};

static int on_open_clue(const struct dx_clue_row *row, void *arg)
{
	struct open_set *o = arg;
	for (size_t i = 0; i < o->c->n; i++)
		if (!strcmp(o->c->v[i].hh_no, row->hh_no))
			o->open[i] = 1;
	return 0;
}

struct add_all {
	const struct dx_actor *a;
	const struct dx_date *today;
	const struct collect *c;
	unsigned char *open;
	const char *date;
	struct dx_from_screen *out;
	struct dx_buf *why;
};

/* All the clues in one transaction: a refusal leaves none behind. */
static int add_all(struct dx_store *st, void *arg)
{
	struct add_all *x = arg;
	struct dx_ctx cx;
	int rc = DX_OK;
	x->out->added = x->out->open = 0;
	for (size_t i = 0; i < x->c->n && !rc; i++) {
		const struct suggestion *s = &x->c->v[i];
		struct dx_clue_req req = {s->hh_no, "干部排查", s->reason, x->date, 0, NULL};
		struct dx_hh_ref hh;
		struct dx_clue_row row;
		int64_t open_case = 0;
		if (!x->open[i] && !dx_store_hh_by_no(st, s->hh_no, &hh) &&
		    !dx_store_case_open_for(st, hh.id, &open_case) && open_case)
			x->open[i] = 1;
		if (x->open[i]) {
			x->out->open++;
			continue;
		}
		dx_ctx_for(&cx, st, x->a, x->today);
		if (!(rc = dx_ctx_why(&cx, dx_clue_add(&cx, &req, &row), x->why)))
			x->out->added++;
	}
	return rc;
}

static int from_screen(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
		       const char *area, int year, const char *date, struct dx_from_screen *out,
		       struct dx_buf *why)
{
	struct dx_screen_opts o = {0};
	struct dx_screen_summary sum;
	struct collect c = {0};
	struct open_set os = {&c, NULL};
	char scope[13], fixed[11];
	const char *ywhy = NULL, *bad = NULL;
	int rc;
	memset(out, 0, sizeof(*out));
	if ((rc = dx_actor_may_write(a, why)))
		return rc;
	if ((rc = dx_actor_area(a, area, scope, why)))
		return rc;
	if ((rc = dx_event_date(today, date, "发现日期", fixed, why)))
		return rc;
	o.area = scope;
	o.year = year;
	o.as_of = fixed;
	if ((rc = dx_app_screen(st, &o, on_row, &c, &sum, &ywhy, &bad))) {
		dx_buf_addf(why, "筛查失败%s%s", ywhy ? "：" : "", ywhy ? ywhy : "");
		goto done;
	}
	out->suggested = (long)c.n;
	os.open = dx_xcalloc(c.n + 1, 1);
	if ((rc = dx_store_clue_list(st, scope, "待核实", on_open_clue, &os)))
		goto done;
	{
		struct add_all x = {a, today, &c, os.open, fixed, out, why};
		rc = dx_store_txn(st, add_all, &x);
		if (rc)
			out->added = out->open = 0;
	}
done:
	free(os.open);
	free(c.v);
	return rc;
}

int dx_clue_from_screen(struct dx_ctx *c, const char *area, int year, const char *date,
			struct dx_from_screen *out)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, from_screen(c->st, &c->actor, &c->today, area, year, date, out, &why), &why);
}
