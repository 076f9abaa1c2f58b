/*
 * import.c - the ledger import engine: read a sheet row by row, find the
 * header under any title rows, parse each row through the template's
 * column table, hand it to the template's handler, and decide at the end
 * whether the one transaction commits (import_int.h explains the modes).
 *
 * Below the header, reading and parsing cells run on a second thread
 * (struct reader) while this one validates households and writes: the
 * reader hands over batches of parsed rows in file order, so problems,
 * writes and their order are exactly those of a single thread.
 */
#include "core/dx.h"
#include "core/mask.h"
#include "app/import_int.h"
#include "app/ctx.h"
#include "app/account.h"
#include "core/area.h"
#include "core/strbuf.h"
#include "io/sheet.h"
#include "store/ledger.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>

/* ---- string map ---- */

uint64_t dx_hash(const void *p, size_t n, uint64_t h)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ull;
	}
	return h;
}

void dx_smap_init(struct dx_smap *m, size_t vsize)
{
	memset(m, 0, sizeof(*m));
	m->vsize = (vsize + 7) & ~(size_t)7;
	m->blocksz = 1 << 20;
	m->max = DX_SMAP_MAX;
}

void dx_smap_release(struct dx_smap *m)
{
	for (size_t i = 0; i < m->nblocks; i++)
		free(m->blocks[i]);
	free(m->blocks);
	free(m->t);
	memset(m, 0, sizeof(*m));
}

/* n bytes from the arena, or NULL (out of memory, the arena as it was). */
static void *arena(struct dx_smap *m, size_t n)
{
	void *p;
	n = (n + 7) & ~(size_t)7;
	if (!m->nblocks || m->used + n > m->blocksz) {
		size_t bs = n > m->blocksz ? n : m->blocksz;
		char **nb = realloc(m->blocks, (m->nblocks + 1) * sizeof(char *));
		char *b;
		if (!nb)
			return NULL;
		m->blocks = nb;
		if (!(b = malloc(bs)))
			return NULL;
		m->blocks[m->nblocks++] = b;
		m->used = 0;
	}
	p = m->blocks[m->nblocks - 1] + m->used;
	m->used += n;
	return p;
}

static struct dx_smap_ent *slot(struct dx_smap *m, const char *key, uint64_t h)
{
	size_t i = h & (m->cap - 1);
	while (m->t[i].key && (m->t[i].h != h || strcmp(m->t[i].key, key)))
		i = (i + 1) & (m->cap - 1);
	return &m->t[i];
}

void *dx_smap_get(struct dx_smap *m, const char *key)
{
	uint64_t h = dx_hash(key, strlen(key), 14695981039346656037ull);
	struct dx_smap_ent *e;
	if (!m->cap)
		return NULL;
	e = slot(m, key, h);
	return e->key ? e->val : NULL;
}

/* Double the table (the map as it was on failure). */
static int smap_grow(struct dx_smap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 1024;
	struct dx_smap_ent *old = m->t, *t;
	size_t ocap = m->cap;
	if (ncap > SIZE_MAX / sizeof(*t) || !(t = calloc(ncap, sizeof(*t))))
		return DX_NOMEM;
	m->t = t;
	m->cap = ncap;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].key)
			*slot(m, old[i].key, old[i].h) = old[i];
	free(old);
	return DX_OK;
}

void *dx_smap_put(struct dx_smap *m, const char *key, int *isnew)
{
	size_t klen = strlen(key);
	uint64_t h = dx_hash(key, klen, 14695981039346656037ull);
	struct dx_smap_ent *e;
	void *val;
	if (m->n * 2 >= m->cap && (m->err = smap_grow(m)))
		return NULL;
	e = slot(m, key, h);
	if (isnew)
		*isnew = !e->key;
	if (e->key)
		return e->val;
	if (m->n >= m->max) {
		m->err = DX_TOOBIG;
		return NULL;
	}
	if (!(val = arena(m, m->vsize + klen + 1))) {
		m->err = DX_NOMEM;
		return NULL;
	}
	e->h = h;
	e->val = val;
	memset(e->val, 0, m->vsize);
	e->key = (char *)e->val + m->vsize;
	memcpy(e->key, key, klen + 1);
	m->n++;
	return e->val;
}

void *dx_imp_put(struct dx_imp *im, struct dx_smap *m, const char *key, int *isnew)
{
	void *v = dx_smap_put(m, key, isnew);
	if (!v && !im->fail) {
		im->fail = m->err;
		dx_log(DX_LOG_ERROR, "import: a map of the file's keys cannot grow past %zu entries: %s",
		       m->n, dx_strerror(m->err));
	}
	return v;
}

/* ---- JSON for audit values ---- */

/* Runs of plain bytes go in one append: an audit row per new household
 * is built a hundred thousand times in a county's first import. */
static void json_str(struct dx_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;
	dx_buf_addch(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		dx_buf_add(b, run, (size_t)(s - run));
		if (c < 0x20) {
			char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			dx_buf_add(b, u, sizeof(u));
		} else {
			char e[2] = {'\\', (char)c};
			dx_buf_add(b, e, sizeof(e));
		}
		run = s + 1;
	}
	dx_buf_add(b, run, (size_t)(s - run));
	dx_buf_addch(b, '"');
}

void dx_json_field(struct dx_buf *b, const char *key, const char *val)
{
	dx_buf_addch(b, b->len ? ',' : '{');
	json_str(b, key);
	dx_buf_addch(b, ':');
	json_str(b, val);
}

void dx_json_int(struct dx_buf *b, const char *key, int64_t v)
{
	dx_buf_addch(b, b->len ? ',' : '{');
	json_str(b, key);
	dx_buf_addch(b, ':');
	dx_buf_add_int(b, v);
}

void dx_json_close(struct dx_buf *b)
{
	if (b->len)
		dx_buf_addch(b, '}');
}

int dx_imp_county_check(struct dx_imp *im, long row, int f, const char *area)
{
	const char *c = im->o->county;
	if (!c || !*c || !strncmp(area, c, 6))
		return 0;
	dx_imp_report(im, row, f, NULL, 1,
		      "区划代码 %.12s 属于县 %.6s，不是导入时指定的县（--county %s），请核对文件或 --county",
		      area, area, c);
	return 1;
}

int dx_imp_audit(struct dx_imp *im, const char *county, const char *action,
		 const char *entity, const char *key, const char *before, const char *after)
{
	return dx_store_audit(im->st, county, im->actor, action,
			      entity, key, before, after);
}

int dx_imp_scan(struct dx_imp *im,
		int (*fn)(void *arg, const char *const *cells, const size_t *lens, size_t n),
		void *arg)
{
	struct dx_sheet *sh = NULL;
	struct dx_err_info err;
	struct dx_row row;
	int rc;
	if (dx_sheet_open(&sh, im->o->path, &err))
		return DX_OK;
	while (!(rc = dx_sheet_next(sh, &row, &err)) && row.rownum <= im->res->header_row)
		;
	for (; !rc; rc = dx_sheet_next(sh, &row, &err)) {
		if (!row.ncells || dx_row_blank(im->hdr, row.cells, row.lens, row.ncells))
			continue;
		if ((rc = fn(arg, row.cells, row.lens, row.ncells))) {
			dx_sheet_free(sh);
			return rc;
		}
	}
	dx_sheet_free(sh);
	return DX_OK; /* the end, or the sheet's failure: the pass reports it */
}

/* ---- the reader thread ---- */

#define RD_BATCH 64 /* rows handed over at a time */
#define RD_NBATCH 4 /* batches in flight: about 3 MB of parsed rows */
/* A thread that found nothing to do sleeps until this many batches can be
 * read (or written), not one: waking a thread costs more than a batch of
 * rows takes to parse, and the side that waits is the faster one. */
#define RD_WAKE 2
#define RD_MAXPEND 48

/* A cell problem, held until the row's unit is known. */
struct pend {
	int col;
	char msg[400];
};

struct rd_row {
	struct dx_rowval rv;
	long rownum;
	int npend;
	struct pend *pend; /* RD_MAXPEND, allocated on a row's first problem */
};

struct rd_batch {
	struct rd_row rows[RD_BATCH];
	int n;
	int end;            /* the sheet ended (or failed) after these rows */
	int rc;             /* dx_sheet_next's last code, DX_NOT_FOUND at the end */
	struct dx_err_info err; /* the reader's failure (rc), as a value */
	long lastrow;       /* the last row read, blank ones included */
	uint64_t done, total; /* progress after the batch */
};

struct reader {
	struct dx_sheet *sh;
	const struct dx_header *hdr;
	const struct dx_date *today; /* the import's day (its 身份证 checks) */
	struct rd_batch *b; /* RD_NBATCH, a ring */
	unsigned head, tail; /* batches filled, and consumed */
	int threaded, stop;
	int ended;           /* the reader filled its last batch */
	int rsleep, wsleep;  /* the reader (ring full), the writer (ring empty) waits */
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void rd_cell_problem(void *arg, int col, const char *msg)
{
	struct rd_row *x = arg;
	if (x->npend == RD_MAXPEND)
		return;
	if (!x->pend)
		x->pend = dx_xmalloc(RD_MAXPEND * sizeof(*x->pend));
	x->pend[x->npend].col = col;
	dx_strlcpy(x->pend[x->npend].msg, msg, sizeof(x->pend[0].msg));
	x->npend++;
}

/* Read and parse the next rows of the sheet into b. */
static void rd_fill(struct reader *rd, struct rd_batch *b)
{
	struct dx_row row;
	b->n = 0;
	b->end = 0;
	b->lastrow = 0;
	while (b->n < RD_BATCH) {
		struct rd_row *x = &b->rows[b->n];
		if ((b->rc = dx_sheet_next(rd->sh, &row, &b->err))) {
			b->end = 1;
			break;
		}
		b->lastrow = row.rownum;
		if (!row.ncells || dx_row_blank(rd->hdr, row.cells, row.lens, row.ncells))
			continue;
		x->rownum = row.rownum;
		x->npend = 0;
		dx_row_parse(rd->hdr, rd->today, row.cells, row.lens, row.ncells, &x->rv,
			     rd_cell_problem, x);
		b->n++;
	}
	dx_sheet_progress(rd->sh, &b->done, &b->total);
}

static void *rd_main(void *arg)
{
	struct reader *rd = arg;
	int end = 0;
	pthread_mutex_lock(&rd->mu);
	while (!end && !rd->stop) {
		struct rd_batch *b;
		if (rd->head - rd->tail == RD_NBATCH) {
			rd->rsleep = 1;
			while (rd->head - rd->tail > RD_NBATCH - RD_WAKE && !rd->stop)
				pthread_cond_wait(&rd->cv, &rd->mu);
			rd->rsleep = 0;
		}
		if (rd->stop)
			break;
		b = &rd->b[rd->head % RD_NBATCH];
		pthread_mutex_unlock(&rd->mu);
		rd_fill(rd, b);
		end = b->end;
		pthread_mutex_lock(&rd->mu);
		rd->head++;
		rd->ended = end;
		if (rd->wsleep && (rd->head - rd->tail >= RD_WAKE || end))
			pthread_cond_broadcast(&rd->cv);
	}
	pthread_mutex_unlock(&rd->mu);
	return NULL;
}

/* Start reading below the header; without a thread, batches are read when
 * asked for. */
static void rd_start(struct reader *rd, struct dx_sheet *sh, const struct dx_header *hdr,
		     const struct dx_date *today)
{
	memset(rd, 0, sizeof(*rd));
	rd->sh = sh;
	rd->hdr = hdr;
	rd->today = today;
	rd->b = dx_xcalloc(RD_NBATCH, sizeof(*rd->b));
	pthread_mutex_init(&rd->mu, NULL);
	pthread_cond_init(&rd->cv, NULL);
	rd->threaded = !pthread_create(&rd->th, NULL, rd_main, rd);
}

/* The next batch in file order; release it with rd_done(). */
static struct rd_batch *rd_next(struct reader *rd)
{
	struct rd_batch *b = &rd->b[rd->tail % RD_NBATCH];
	if (!rd->threaded) {
		rd_fill(rd, b);
		return b;
	}
	pthread_mutex_lock(&rd->mu);
	if (rd->head == rd->tail) {
		rd->wsleep = 1;
		while (rd->head - rd->tail < RD_WAKE && !rd->ended)
			pthread_cond_wait(&rd->cv, &rd->mu);
		rd->wsleep = 0;
	}
	pthread_mutex_unlock(&rd->mu);
	return b;
}

static void rd_done(struct reader *rd)
{
	if (!rd->threaded)
		return;
	pthread_mutex_lock(&rd->mu);
	rd->tail++;
	if (rd->rsleep && rd->head - rd->tail <= RD_NBATCH - RD_WAKE)
		pthread_cond_broadcast(&rd->cv);
	pthread_mutex_unlock(&rd->mu);
}

/* Stop the thread (it may be ahead of us) and free the batches. */
static void rd_stop(struct reader *rd)
{
	if (!rd->b)
		return;
	if (rd->threaded) {
		pthread_mutex_lock(&rd->mu);
		rd->stop = 1;
		pthread_cond_broadcast(&rd->cv);
		pthread_mutex_unlock(&rd->mu);
		pthread_join(rd->th, NULL);
	}
	pthread_mutex_destroy(&rd->mu);
	pthread_cond_destroy(&rd->cv);
	for (int i = 0; i < RD_NBATCH; i++)
		for (int j = 0; j < RD_BATCH; j++)
			free(rd->b[i].rows[j].pend);
	free(rd->b);
	rd->b = NULL;
}

/* ---- problems ---- */

struct run {
	struct dx_imp im;
	const struct dx_imp_handler *hd;
	struct dx_header hdr;
	size_t pcap;
	long row;
	char unit[64];
	int npend; /* cell problems of the current row, held until its unit is known */
	struct pend *pend;
	uint64_t row_req; /* the required fields (below 64) of this row with an error */
	long probe_bad;  /* of the first DX_IMPORT_PROBE_ROWS rows, those with one */
	int stopped;     /* not this template: stop reading */
	long nshown;     /* problems passed to o->problem */
	/* a retried transaction (import_txn) reads the file again: the
	 * first `skip` calls of o->problem were made by an earlier attempt */
	long ncalled, skip;
};

static void add_problem_x(struct run *r, long row, int col, const char *column, int is_error,
			  const char *msg, int force);

static void add_problem(struct run *r, long row, int col, const char *column, int is_error,
			const char *msg)
{
	add_problem_x(r, row, col, column, is_error, msg, 0);
}

/* A problem, shown and kept within the bounds of import.h unless force
 * (the engine's word on the file as a whole, which always goes out). */
static void add_problem_x(struct run *r, long row, int col, const char *column, int is_error,
			  const char *msg, int force)
{
	struct dx_import_result *res = r->im.res;
	struct dx_problem p = {row, col, is_error, (char *)column, (char *)msg};
	char *masked = NULL;
	if (r->im.pass == 2)
		return; /* pass 1 reported it already */
	/* a message echoes cells: an ID or phone typed where a code was
	 * expected goes out masked (issue 13.5) */
	if (dx_mask_needed(msg)) {
		masked = dx_xstrdup(msg);
		dx_mask_text(masked);
		p.msg = masked;
		msg = masked;
	}
	if (is_error)
		res->errors++;
	else
		res->warnings++;
	if (force || r->nshown < DX_IMPORT_SHOW_MAX) {
		r->nshown += !force;
		if (r->im.o->problem && r->ncalled++ >= r->skip)
			r->im.o->problem(r->im.o->arg, &p);
	} else {
		res->not_shown++;
	}
	if (!force && res->nproblems >= DX_IMPORT_KEEP_MAX) {
		res->not_kept++;
		free(masked);
		return;
	}
	if (res->nproblems == r->pcap) {
		r->pcap = r->pcap ? r->pcap * 2 : 64;
		res->problems = dx_xrealloc(res->problems, r->pcap * sizeof(*res->problems));
	}
	p.column = dx_xstrdup(column ? column : "");
	p.msg = masked ? masked : dx_xstrdup(msg);
	res->problems[res->nproblems++] = p;
}

int dx_imp_duplicate(struct dx_imp *im, struct dx_smap *keys, const char *key, long row, int f)
{
	int isnew;
	long *first = dx_imp_put(im, keys, key, &isnew);
	if (!first)
		return 1;
	if (isnew) {
		*first = row;
		return 0;
	}
	dx_imp_report(im, row, f, NULL, 1, "与第 %ld 行重复（同一记录只应填一行），请删除或合并", *first);
	return 1;
}

struct dx_imp_keyed *dx_imp_keyed_begin(struct dx_imp *im)
{
	struct dx_imp_keyed *s = dx_xcalloc(1, sizeof(*s));
	dx_smap_init(&s->keys, sizeof(long));
	im->h = s;
	return s;
}

void dx_imp_keyed_release(struct dx_imp *im)
{
	struct dx_imp_keyed *s = im->h;
	if (s) {
		dx_smap_release(&s->keys);
		free(s);
	}
	im->h = NULL;
}

int dx_imp_keyed_duplicate(struct dx_imp *im, const char *key, long row, int f)
{
	return dx_imp_duplicate(im, &((struct dx_imp_keyed *)im->h)->keys, key, row, f);
}

int dx_imp_finish_rows(struct dx_imp *im)
{
	im->res->units = im->res->rows;
	return 0;
}

void dx_imp_report(struct dx_imp *im, long row, int f, const char *unit, int is_error,
		   const char *fmt, ...)
{
	struct run *r = (struct run *)im;
	char msg[1024], key[80];
	const char *column = "";
	int col = -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (f >= 0 && im->hdr) {
		col = im->hdr->col_of[f];
		if (col >= 0)
			column = im->hdr->names[col];
		else if (dx_template_col(im->hdr->tpl, f))
			column = dx_template_col(im->hdr->tpl, f)->name;
	}
	if (is_error) {
		im->any_error = 1;
		if (f >= 0 && f < 64 && im->hdr && dx_template_col(im->hdr->tpl, f) &&
		    (dx_template_col(im->hdr->tpl, f)->flags & DX_COLF_REQ))
			r->row_req |= (uint64_t)1 << f;
		if (!unit || !*unit) {
			if (r->unit[0] && !unit)
				unit = r->unit;
			else {
				dx_snprintf(key, sizeof(key), "#%ld", row);
				unit = key;
			}
		}
		dx_imp_put(im, &im->reject, unit, NULL);
		if (!im->o->keep_valid)
			im->write = 0; /* everything rolls back: stop writing */
	}
	add_problem(r, row, col, column, is_error, msg);
}

static void header_problem(void *arg, int col, const char *header, const char *msg, int err)
{
	struct run *r = arg;
	add_problem(r, r->row, col, header, err, msg);
	if (err)
		r->im.any_error = 1;
}

static void report_pending(struct run *r)
{
	for (int i = 0; i < r->npend; i++) {
		int col = r->pend[i].col;
		int f = col >= 0 && (size_t)col < r->hdr.ncols ? r->hdr.field_of[col] : -1;
		dx_imp_report(&r->im, r->row, f, NULL, 1, "%s", r->pend[i].msg);
	}
}

static int cmp_problem(const void *a, const void *b)
{
	const struct dx_problem *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

void dx_import_result_release(struct dx_import_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nproblems; i++) {
		free(r->problems[i].column);
		free(r->problems[i].msg);
	}
	free(r->problems);
	memset(r, 0, sizeof(*r));
}

/* --county names a county (issue 11.16): six digits of a real province;
 * one in the store unless a 户成员台账 brings it in. */
static int county_option_bad(struct dx_store *st, const char *kind, const char *c, char *msg,
			     size_t size)
{
	struct dx_area a;
	if (strlen(c) != 6 || strspn(c, "0123456789") != 6 || !dx_area_province_valid(c)) {
		dx_snprintf(msg, size, "--county \"%.20s\" 无效（应为6位县级区划代码，如 532326）", c);
		return 1;
	}
	if (strcmp(kind, "persons") && dx_store_area_get(st, c, &a)) {
		dx_snprintf(msg, size, "库中没有县 %s（--county），请核对代码", c);
		return 1;
	}
	return 0;
}

/* The ledgers there are, in the order help and messages list them. */
static const struct dx_imp_handler *const handlers[] = {
	&dx_imp_persons, &dx_imp_incomes, &dx_imp_warnings, &dx_imp_measures, &dx_imp_visits,
	&dx_imp_projects, &dx_imp_payments, &dx_imp_beneficiaries, &dx_imp_assets,
	&dx_imp_loans, &dx_imp_applications, &dx_imp_relief, &dx_imp_problems,
	&dx_imp_training};

static const struct dx_imp_handler *handler_for(const char *kind)
{
	for (size_t i = 0; i < DX_ARRAY_SIZE(handlers); i++)
		if (kind && !strcmp(handlers[i]->kind, kind))
			return handlers[i];
	return NULL;
}

const char *dx_import_kind(size_t i)
{
	return i < DX_ARRAY_SIZE(handlers) ? handlers[i]->kind : NULL;
}

int dx_import_kind_check(const char *kind, struct dx_buf *why)
{
	if (handler_for(kind))
		return DX_OK;
	dx_buf_addf(why, "不能导入 \"%s\"（应为 ", kind ? kind : "");
	for (size_t i = 0; i < DX_ARRAY_SIZE(handlers); i++)
		dx_buf_addf(why, "%s%s", i == 0 ? "" : i + 1 == DX_ARRAY_SIZE(handlers) ? " 或 " : "、",
			    handlers[i]->kind);
	dx_buf_adds(why, "）");
	return DX_USAGE;
}

/* Hand one parsed row to the handler. */
static int one_row(struct run *r, struct rd_row *x)
{
	int rc;
	r->row = x->rownum;
	r->unit[0] = '\0';
	r->npend = x->npend;
	r->pend = x->pend;
	if (r->hd->unit)
		r->hd->unit(&x->rv, r->unit, sizeof(r->unit));
	if (!r->unit[0])
		dx_snprintf(r->unit, sizeof(r->unit), "#%ld", x->rownum);
	if (r->im.pass == 2 && dx_smap_get(&r->im.reject, r->unit))
		return 0;
	r->im.res->rows++;
	/* the handler still sees a row with bad cells (their fields
	 * blank) so household checks count it, but writes nothing */
	r->row_req = 0;
	report_pending(r);
	r->npend = 0;
	r->im.row_bad = x->npend;
	if ((rc = r->hd->row(&r->im, &x->rv, x->rownum)) || (rc = r->im.fail))
		return rc;
	/* issue 13.2: the wrong template (or sheet) fails every row in most
	 * required columns (one column failing throughout is a fault of that
	 * column, say IDs Excel kept as numbers); a hundred such rows from
	 * the start are enough to say so and stop, before a million rows of
	 * noise */
	if (r->im.pass == 1 && r->im.res->rows <= DX_IMPORT_PROBE_ROWS) {
		int nreq = 0, nbad = 0;
		const struct dx_template *tpl = r->hdr.tpl;
		for (size_t i = 0; i < tpl->ncols; i++)
			nreq += (tpl->cols[i].flags & DX_COLF_REQ) != 0;
		for (uint64_t m = r->row_req; m; m &= m - 1)
			nbad++;
		r->probe_bad += nbad >= 2 && nbad * 2 >= nreq;
		if (r->im.res->rows == DX_IMPORT_PROBE_ROWS && r->probe_bad == DX_IMPORT_PROBE_ROWS)
			r->stopped = 1;
	}
	return 0;
}

/* One pass over the file.  Returns DX_OK or a failure code (data errors
 * are in im.any_error). */
static int one_pass(struct run *r)
{
	const struct dx_template *tpl = dx_template_find(r->hd->kind);
	struct dx_sheet *sh = NULL;
	struct reader rd = {0};
	struct dx_row row;
	struct dx_err_info err; /* the sheet's failure, as a value */
	int rc, have_header = 0, scanned = 0, end = 0;
	long nrows = 0;
	uint64_t done = 0, total = 0;
	err.msg[0] = '\0';
	if ((rc = dx_sheet_open(&sh, r->im.o->path, &err))) {
		add_problem(r, 0, -1, "", 1, err.msg[0] ? err.msg : "无法打开文件");
		r->im.any_error = 1;
		rc = DX_OK;
		goto out;
	}
	dx_strlcpy(r->im.res->format, dx_sheet_format(sh), sizeof(r->im.res->format));
	while (!have_header && !(rc = dx_sheet_next(sh, &row, &err))) {
		r->row = row.rownum;
		if (!row.ncells)
			continue;
		if (dx_header_score(tpl, row.cells, row.lens, row.ncells) < 2) {
			if (++scanned < 20)
				continue;
			break;
		}
		have_header = 1;
		r->im.res->header_row = (int)row.rownum;
		dx_header_map(&r->hdr, tpl, row.cells, row.lens, row.ncells, header_problem, r);
		r->im.hdr = &r->hdr;
		if (r->im.any_error)
			goto out;
		if ((rc = r->hd->begin(&r->im)))
			goto out;
	}
	if (!have_header) {
		char msg[256];
		if (rc && rc != DX_NOT_FOUND)
			goto bad_read;
		dx_snprintf(msg, sizeof(msg), "找不到%s的表头（应有“%s”等列），请检查导入类型和文件",
			    tpl->title, tpl->cols[0].name);
		add_problem(r, 0, -1, "", 1, msg);
		r->im.any_error = 1;
		rc = DX_OK;
		goto out;
	}
	rd_start(&rd, sh, &r->hdr, &r->im.today);
	while (!end) {
		struct rd_batch *b = rd_next(&rd);
		for (int i = 0; i < b->n; i++) {
			if ((rc = one_row(r, &b->rows[i])))
				goto out;
			if (r->stopped)
				goto stop;
			if (r->im.o->progress && !(++nrows & 4095))
				r->im.o->progress(r->im.o->arg, b->done, b->total, r->im.res->rows);
		}
		end = b->end;
		rc = b->rc;
		if (rc && rc != DX_NOT_FOUND)
			err = b->err;
		if (b->lastrow)
			r->row = b->lastrow;
		done = b->done;
		total = b->total;
		rd_done(&rd);
	}
	if (rc != DX_NOT_FOUND)
		goto bad_read;
	rc = DX_OK;
	r->unit[0] = '\0';
	if (!(rc = r->hd->finish(&r->im)))
		rc = r->im.fail;
	if (r->im.o->progress)
		r->im.o->progress(r->im.o->arg, total ? total : done, total, r->im.res->rows);
	goto out;
stop: {
	char msg[400];
	dx_snprintf(msg, sizeof(msg),
		    "前 %d 行数据的必填列都有错误，看起来不是%s模板（应有“%s”等列的数据）；已停止检查，未导入任何数据，请检查导入类型、文件和工作表",
		    DX_IMPORT_PROBE_ROWS, tpl->title, tpl->cols[0].name);
	add_problem_x(r, 0, -1, "", 1, msg, 1);
	r->im.any_error = 1;
	r->im.res->stopped = 1;
	rc = DX_OK;
	goto out;
}
bad_read: /* the engine's word on the file: always shown */
	add_problem_x(r, r->row + 1, -1, "", 1, err.msg[0] ? err.msg : "文件读取出错", 1);
	r->im.any_error = 1;
	rc = DX_OK;
out:
	rd_stop(&rd);
	dx_sheet_free(sh);
	return rc;
}

static void reset_counts(struct dx_import_result *res)
{
	res->rows = res->units = res->added = res->updated = res->unchanged = 0;
	res->p_added = res->p_updated = res->p_unchanged = res->unmatched = 0;
}

/* A run's state before its first pass (and again before a retry). */
static void run_init(struct run *r, const struct dx_ctx *c, const struct dx_import_opts *o,
		     struct dx_import_result *out, const struct dx_imp_handler *hd)
{
	r->hd = hd;
	r->im.st = c->st;
	r->im.o = o;
	/* the local owner only reads (a dry run): audited as the CLI */
	r->im.actor = c->actor.local_owner ? "cli" : c->actor.acc.name;
	r->im.scope = c->actor.acc.scope;
	r->im.today = c->today;
	r->im.res = out;
	r->im.pass = 1;
	/* a dry run does everything a real run does, in the same transaction,
	 * and rolls it back: its counts are the real run's (issue 11.16) */
	r->im.write = !o->keep_valid;
	dx_smap_init(&r->im.reject, 1);
}

/*
 * The import's one transaction: the passes over the file, the import's
 * log line and the commit (a dry run, a faulty file or one that is not
 * the template rolls back).  Rolled back on any error; DX_BUSY is a
 * serialization failure or deadlock with another writer (PostgreSQL), or
 * a write lock waited for too long (SQLite), which dx_import_run retries.
 */
static int import_txn(struct run *r)
{
	const struct dx_import_opts *o = r->im.o;
	struct dx_import_result *out = r->im.res;
	struct dx_store *st = r->im.st;
	int rc;
	if ((rc = dx_store_begin_snapshot(st)))
		return rc;
	rc = one_pass(r);
	if (r->hd->release)
		r->hd->release(&r->im);
	dx_header_release(&r->hdr);
	r->im.hdr = NULL;
	if (rc)
		goto fail;
	if (out->header_row && !out->rows && !out->errors) {
		/* issue 11.16: a header and nothing under it is a wrong file or
		 * sheet far more often than an empty ledger: an error */
		add_problem(r, 0, -1, "", 1,
			    "文件没有数据行（表头下面是空的），未导入任何数据；请检查是否选错了文件或工作表");
		r->im.any_error = 1;
	}
	if (o->keep_valid && out->header_row && out->rows && !out->stopped) {
		long rejected = (long)r->im.reject.n;
		reset_counts(out);
		r->im.pass = 2;
		r->im.write = 1;
		r->im.any_error = 0;
		rc = one_pass(r);
		if (r->hd->release)
			r->hd->release(&r->im);
		dx_header_release(&r->hdr);
		r->im.hdr = NULL;
		out->rejected = rejected;
		if (rc)
			goto fail;
	} else if (o->keep_valid) {
		out->rejected = (long)r->im.reject.n;
	}
	if (!o->dry_run && (!out->errors || o->keep_valid) && out->rows && !out->stopped) {
		struct dx_import_run log = {r->im.county, r->im.actor, o->kind,
					    o->path,     out->rows, out->added,
					    out->updated, out->unchanged, out->rejected};
		if ((rc = dx_ledger_import_log(st, &log)))
			goto fail;
	}
	if (o->dry_run || (out->errors && !o->keep_valid) || out->stopped)
		return dx_store_rollback(st);
	if ((rc = dx_store_commit(st)))
		goto fail;
	return DX_OK;
fail:
	dx_store_rollback(st);
	return rc;
}

/* Attempts at an import's transaction: a serialization failure is
 * retried from the start of the file, after a growing, jittered pause
 * (two imports into the same households: the later one runs again
 * after the first has committed, never mixed with it). */
enum { DX_IMPORT_TRIES = 8 };

static int import_run(struct dx_ctx *c, const struct dx_import_opts *o,
		      struct dx_import_result *out)
{
	struct dx_store *st = c->st;
	struct run *r = dx_xcalloc(1, sizeof(*r));
	int rc = DX_OK, first_load = 0;
	memset(out, 0, sizeof(*out));
	const struct dx_imp_handler *hd = handler_for(o->kind);
	if (!hd) {
		struct dx_buf why = DX_BUF_INIT;
		free(r);
		dx_import_kind_check(o->kind ? o->kind : "", &why);
		dx_err_set(&c->err, DX_USAGE, "%s", why.len ? why.buf : "");
		dx_buf_release(&why);
		return dx_err_detail(&c->err, "unknown ledger kind '%s'", o->kind ? o->kind : "");
	}
	run_init(r, c, o, out, hd);
	/* an import writes: it needs a 经办 account (app/account.h); a dry
	 * run only reads */
	if (!o->dry_run) {
		struct dx_buf why = DX_BUF_INIT;
		rc = dx_actor_may_write(&c->actor, &why);
		if (rc)
			dx_imp_report(&r->im, 0, -1, "#file", 1, "%s", why.len ? why.buf : "账号无效");
		dx_buf_release(&why);
		if (rc)
			goto out;
	}
	/* a store whose ID numbers are sealed (issue 13) takes ledgers that
	 * hold them only from a program given its key */
	if (dx_store_ids_protected(st) == 2 && strstr(" persons warnings loans applications relief "
						       "training ", r->hd->kind)) {
		dx_imp_report(&r->im, 0, -1, "#file", 1, "%s",
			      "数据库里的身份证号已加密保护，导入这个台账需要密钥："
			      "请用 --key-file 或环境变量 DIXIAN_KEY_FILE 给出加密时用的密钥文件");
		rc = DX_KEY;
		goto out;
	}
	if (o->county && *o->county) {
		char msg[200];
		if (county_option_bad(st, r->hd->kind, o->county, msg, sizeof(msg))) {
			add_problem(r, 0, -1, "", 1, msg);
			goto out;
		}
	}
	/* a county's first 户成员台账: every page is new (store.h) */
	if (!o->dry_run && !strcmp(r->hd->kind, "persons")) {
		int empty = 0;
		if ((rc = dx_store_no_members(st, &empty)) ||
		    (empty && (rc = dx_store_load_empty_begin(st)) < 0))
			goto out;
		r->im.store_empty = empty;
		first_load = rc == 1;
		rc = 0;
	}
	for (int attempt = 1;; attempt++) {
		long skip;
		unsigned pause;
		struct timespec t;
		rc = import_txn(r);
		/* dx_store_begin_snapshot: on PostgreSQL a duplicate key is
		 * another import's insert of the same key, committed after
		 * this one's snapshot (the checks refuse every other) */
		if (rc == DX_EXISTS && dx_ledger_keyed(st))
			rc = DX_BUSY;
		if (rc != DX_BUSY || attempt == DX_IMPORT_TRIES)
			break;
		dx_log(DX_LOG_INFO, "import %s: another writer conflicted, attempt %d of %d",
		       o->kind, attempt + 1, DX_IMPORT_TRIES);
		skip = r->ncalled > r->skip ? r->ncalled : r->skip;
		dx_smap_release(&r->im.reject);
		dx_import_result_release(out);
		memset(r, 0, sizeof(*r));
		run_init(r, c, o, out, hd);
		r->skip = skip;
		pause = (50000u << (attempt < 6 ? attempt : 6)) / 2;
		clock_gettime(CLOCK_MONOTONIC, &t);
		usleep(pause + ((unsigned)getpid() * 2654435761u ^ (unsigned)t.tv_nsec) % pause);
	}
out:
	if (first_load) {
		int rc2 = dx_store_load_empty_end(st);
		if (!rc)
			rc = rc2;
	}
	if (out->nproblems)
		qsort(out->problems, out->nproblems, sizeof(*out->problems), cmp_problem);
	dx_smap_release(&r->im.reject);
	free(r);
	if (!rc && out->errors)
		rc = DX_INVALID;
	return rc;
}

int dx_import_run(struct dx_ctx *c, const struct dx_import_opts *o, struct dx_import_result *out)
{
	int rc;
	memset(&c->err, 0, sizeof(c->err));
	c->err.col = -1;
	if ((rc = import_run(c, o, out)) && !c->err.code)
		c->err.code = rc;
	return rc;
}
