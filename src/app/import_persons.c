/*
 * import_persons.c - the 户成员台账 handler: one row per member, household
 * fields repeated on every row.  Checks each household across its rows
 * (one 户主, identical household fields, 两头占 within the file and
 * against the store), creates missing areas from the name columns, and
 * upserts households, members and the current monitoring episode so that
 * the same file twice changes nothing.  It never deletes: members and
 * households the store holds and the file leaves out are listed as
 * warnings (list_absent), and what a decided procedure made of an episode
 * stays whatever the ledger says (check_decided, keep_decided).
 *
 * Memory: the store's households and persons are indexed once (户编号 and
 * 身份证 -> id and a hash of the stored fields), so an unchanged record
 * costs no query; changed ones are read back for the audit's old values.
 * A 身份证 is packed into one 64-bit key (17 digits and the check
 * character), so a million members cost about 45 MB of index.
 *
 * Speed: once the import has added enough members for the store's rule
 * (dx_store_bulk_worth: on SQLite about half as many as the store held,
 * on PostgreSQL from the first), it switches the store to a bulk load
 * (dx_store_bulk_begin): on SQLite the secondary indexes are rebuilt
 * once at commit instead of updated per row, and the household columns
 * derived from the members, which the store's triggers keep otherwise,
 * are folded here.  New households and
 * their members then wait in batches (pbuf_flush): the members get their
 * ids, each household goes in once with its folded columns, and the
 * members go in together (dx_store_*_insert_many).  A household whose
 * rows go on past a batch, or come back later in the file, is set again.
 * A county's first ledger also writes through a rollback journal
 * (dx_store_load_empty_begin, import.c).
 *
 * The checks are import_persons_check.c's; the state both share is
 * import_persons_int.h.
 */
#include "core/dx.h"
#include "app/import_int.h"
#include "app/import_persons_int.h"
#include "app/clue.h"
#include "core/area.h"
#include "core/idcard.h"
#include "core/strbuf.h"
#include "store/derived.h"
#include "store/ledger.h"

#include <stddef.h>

/* ---- record fields as data: hashing, diffing and audit JSON ---- */
enum { FT_TEXT, FT_INT, FT_PHONE };
struct fdesc {
	const char *name;
	size_t off, size;
	int type;
};
#define PT(n, f, t) {n, offsetof(struct dx_person, f), sizeof(((struct dx_person *)0)->f), t}
static const struct fdesc pfields[] = {
	PT("姓名", name, FT_TEXT), PT("与户主关系", relation, FT_TEXT),
	PT("性别", sex, FT_TEXT), PT("出生日期", birth, FT_TEXT),
	PT("民族", ethnicity, FT_TEXT), PT("政治面貌", politics, FT_TEXT),
	PT("文化程度", education, FT_TEXT), PT("在校生状况", school, FT_TEXT),
	PT("健康状况", health, FT_TEXT), PT("劳动技能", labour, FT_TEXT),
	PT("务工所在地", work_place, FT_TEXT), PT("务工时间（月）", work_months, FT_INT),
	PT("是否参加城乡居民基本医疗保险", ins_resident, FT_INT),
	PT("是否参加城镇职工基本医疗保险", ins_employee, FT_INT),
	PT("是否享受低保", dibao, FT_INT), PT("低保类别", dibao_class, FT_TEXT),
	PT("是否特困供养人员", tekun, FT_INT), PT("是否享受残疾人两项补贴", disability_subsidy, FT_INT),
	PT("联系电话", phone, FT_PHONE), PT("是否计入家庭人口", counted, FT_INT),
	PT("户", household_id, FT_INT),
};
#define HT(n, f, t) {n, offsetof(struct dx_household, f), sizeof(((struct dx_household *)0)->f), t}
static const struct fdesc hfields[] = {
	HT("区划代码", area_code, FT_TEXT), HT("村民小组", group_name, FT_TEXT),
	HT("户类型", kind, FT_TEXT), HT("脱贫年度", tuopin_year, FT_INT),
	HT("联系电话", phone, FT_PHONE), HT("住房出现安全问题", unsafe_housing, FT_INT),
	HT("饮水出现安全问题", unsafe_water, FT_INT),
	HT("义务教育阶段适龄儿童失学辍学", dropout, FT_INT),
};

static int64_t fint(const void *rec, const struct fdesc *d)
{
	if (d->size == sizeof(int64_t))
		return *(const int64_t *)((const char *)rec + d->off);
	return *(const int *)((const char *)rec + d->off);
}

static uint64_t rec_hash(const void *rec, const struct fdesc *fd, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < n; i++) {
		const char *p = (const char *)rec + fd[i].off;
		if (fd[i].type == FT_INT) {
			int64_t v = fint(rec, &fd[i]);
			h = dx_hash(&v, sizeof(v), h);
		} else {
			h = dx_hash(p, strlen(p) + 1, h);
		}
	}
	return h ? h : 1; /* 0: a member not read whole (load_person) */
}

static void json_val(struct dx_buf *b, const void *rec, const struct fdesc *d)
{
	const char *p = (const char *)rec + d->off;
	char m[32];
	if (d->type == FT_INT) {
		dx_json_int(b, d->name, fint(rec, d));
	} else if (d->type == FT_PHONE) {
		dx_phone_mask(p, m, sizeof(m));
		dx_json_field(b, d->name, m);
	} else {
		dx_json_field(b, d->name, p);
	}
}

/* Old and new values of the fields that differ (all of `now` if old is
 * NULL); returns the number of differing fields. */
static int rec_diff(const void *old, const void *now, const struct fdesc *fd, size_t n,
		    struct dx_buf *before, struct dx_buf *after)
{
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *a = old ? (const char *)old + fd[i].off : NULL;
		const char *b = (const char *)now + fd[i].off;
		if (a && (fd[i].type == FT_INT ? fint(old, &fd[i]) == fint(now, &fd[i])
					       : !strcmp(a, b)))
			continue;
		if (old)
			json_val(before, old, &fd[i]);
		json_val(after, now, &fd[i]);
		k++;
	}
	dx_json_close(before);
	dx_json_close(after);
	return k;
}

/* A normalised 身份证 (17 digits and a digit or X) as one number; -1 if s
 * is not one (a stored value from before the checks). */
static int id_key(const char *s, uint64_t *k)
{
	uint64_t v = 0;
	int i;
	for (i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (s[17] == 'X')
		v = v * 11 + 10;
	else if (s[17] >= '0' && s[17] <= '9')
		v = v * 11 + (uint64_t)(s[17] - '0');
	else
		return -1;
	if (s[18])
		return -1;
	*k = v;
	return 0;
}

static size_t id_home(const struct idmap *m, uint64_t k)
{
	return (size_t)((k * 0x9E3779B97F4A7C15ull) >> 32) & (m->nslots - 1);
}

/* Double the slots (the map as it was on failure). */
static int id_grow(struct idmap *m)
{
	size_t ns = m->nslots ? m->nslots * 2 : 4096;
	uint32_t *slot;
	if (ns > SIZE_MAX / sizeof(*slot) || !(slot = calloc(ns, sizeof(*slot))))
		return DX_NOMEM;
	free(m->slot);
	m->slot = slot;
	m->nslots = ns;
	for (size_t j = 0; j < m->n; j++) {
		size_t i = id_home(m, m->e[j].key);
		while (m->slot[i])
			i = (i + 1) & (ns - 1);
		m->slot[i] = (uint32_t)(j + 1);
	}
	return DX_OK;
}

DX_TESTABLE struct pst *dx_ip_idmap_put(struct idmap *m, uint64_t k, int *isnew)
{
	struct pst *e;
	size_t i;
	if ((m->n + 1) * 2 > m->nslots && (m->err = id_grow(m)))
		return NULL;
	for (i = id_home(m, k); m->slot[i]; i = (i + 1) & (m->nslots - 1)) {
		if (m->e[m->slot[i] - 1].key == k) {
			*isnew = 0;
			return &m->e[m->slot[i] - 1];
		}
	}
	if ((m->err = dx_grow(&m->e, &m->alloc, m->n + 1, sizeof(*m->e),
			      m->max ? m->max : DX_SMAP_MAX)))
		return NULL;
	e = &m->e[m->n];
	memset(e, 0, sizeof(*e));
	e->key = k;
	m->slot[i] = (uint32_t)++m->n;
	*isnew = 1;
	return e;
}

/* The member with 身份证 id in *out, added (zeroed) if new; *isnew says
 * which.  The pointer is valid until the next id_put.  DX_NOMEM or
 * DX_TOOBIG when a map cannot grow (the maps as they were). */
static int id_put(struct ps *ps, const char *id, struct pst **out, int *isnew)
{
	uint64_t k;
	int rc;
	if (id_key(id, &k))
		*out = dx_smap_put(&ps->odd_ids, id, isnew), rc = ps->odd_ids.err;
	else
		*out = dx_ip_idmap_put(&ps->ids, k, isnew), rc = ps->ids.err;
	if (*out)
		return DX_OK;
	dx_log(DX_LOG_ERROR, "import: the map of ID numbers cannot grow past %zu: %s",
	       ps->ids.n + ps->odd_ids.n, dx_strerror(rc));
	return rc;
}

static uint64_t str_hash(const char *s)
{
	return dx_hash(s, strlen(s), 14695981039346656037ull);
}

static void unit_of(const struct dx_rowval *rv, char *out, size_t size)
{
	dx_strlcpy(out, rv->text[DX_P_HHNO], size);
}

static int load_hh(const struct dx_household *h, void *arg)
{
	struct ps *ps = arg;
	struct stored_hh *s = dx_smap_put(&ps->storehh, h->hh_no, NULL);
	char key[24], *no;
	if (!s)
		return ps->storehh.err;
	s->id = h->id;
	s->hash = rec_hash(h, hfields, DX_ARRAY_SIZE(hfields));
	dx_snprintf(key, sizeof(key), "%lld", (long long)h->id);
	if (!(no = dx_smap_put(&ps->hhno_of, key, NULL)))
		return ps->hhno_of.err;
	dx_strlcpy(no, h->hh_no, 32);
	return 0;
}

/* A stored member into the 身份证 index.  One outside the actor's scope
 * is read by its keys only (dx_ledger_person_each_scoped): its hash is 0,
 * which no record hashes to, so if the import writes it (a household
 * moved into the scope) it is read whole then, as a changed one. */
static int load_person(const struct dx_person *p, int whole, void *arg)
{
	struct ps *ps = arg;
	int isnew, rc;
	struct pst *e;
	if ((rc = id_put(ps, p->id_no, &e, &isnew)))
		return rc;
	ps->stored_persons++;
	e->pid = p->id;
	e->hh = p->household_id;
	e->hash = whole ? rec_hash(p, pfields, DX_ARRAY_SIZE(pfields)) : 0;
	return 0;
}

static int load_decided(const struct dx_ledger_decided *d, void *arg)
{
	struct ps *ps = arg;
	void *v = dx_smap_put(&ps->decided, d->hh_no, NULL);
	if (!v)
		return ps->decided.err;
	memcpy(v, d, sizeof(*d));
	return 0;
}

/* ---- look-ups by the file's keys (dx_ledger_keyed) ---- */

/* The entry of 身份证 id if the maps hold it, else NULL. */
static struct pst *id_get(struct ps *ps, const char *id)
{
	const struct idmap *m = &ps->ids;
	uint64_t k;
	if (id_key(id, &k))
		return dx_smap_get(&ps->odd_ids, id);
	if (!m->nslots)
		return NULL;
	for (size_t i = id_home(m, k); m->slot[i]; i = (i + 1) & (m->nslots - 1))
		if (m->e[m->slot[i] - 1].key == k)
			return &m->e[m->slot[i] - 1];
	return NULL;
}

/* A stored household found by its 户编号: indexed, and its members read next. */
static int keyed_hh(const struct dx_household *h, void *arg)
{
	struct ps *ps = arg;
	struct keyq *q = ps->kq;
	int rc;
	if ((rc = load_hh(h, ps)))
		return rc;
	if ((rc = dx_grow(&q->mh, &q->amh, q->nmh + 1, sizeof(*q->mh), SIZE_MAX / 16)))
		return rc;
	q->mh[q->nmh++] = h->id;
	return 0;
}

/* A stored member found by its 身份证 or household: as load_person, and
 * its household's 户编号 for the 两头占 message. */
static int keyed_person(const struct dx_person *p, const char *hh_no, int whole, void *arg)
{
	struct ps *ps = arg;
	int isnew, rc;
	struct pst *e;
	char key[24], *no;
	if ((rc = id_put(ps, p->id_no, &e, &isnew)))
		return rc;
	ps->stored_persons += !e->pid;
	e->pid = p->id;
	e->hh = p->household_id;
	e->hash = whole ? rec_hash(p, pfields, DX_ARRAY_SIZE(pfields)) : 0;
	dx_snprintf(key, sizeof(key), "%lld", (long long)p->household_id);
	if (!(no = dx_smap_put(&ps->hhno_of, key, NULL)))
		return ps->hhno_of.err;
	dx_strlcpy(no, hh_no, 32);
	return 0;
}

/* Ask the store for the waiting keys; with members, the members of the
 * stored households found so far too (after the households: a household
 * found by a later batch needs its own look-up). */
static int keyed_flush(struct dx_imp *im, struct ps *ps, int members)
{
	struct keyq *q = ps->kq;
	int rc;
	if ((rc = dx_ledger_households_by_no(im->st, q->hh, q->nhh, keyed_hh, ps)))
		return rc;
	q->nhh = 0;
	if ((rc = dx_ledger_persons_by_idno(im->st, q->idp, q->nid, im->scope, keyed_person, ps)))
		return rc;
	q->nid = 0;
	for (size_t i = 0; members && i < q->nmh; i += KEYB) {
		size_t n = q->nmh - i < KEYB ? q->nmh - i : KEYB;
		if ((rc = dx_ledger_persons_of(im->st, q->mh + i, n, im->scope, keyed_person, ps)) ||
		    (rc = dx_ledger_decided_of(im->st, q->mh + i, n, load_decided, ps)))
			return rc;
	}
	if (members)
		q->nmh = 0;
	return DX_OK;
}

/* A cell as the key the row parser will most likely make of it (spaces
 * around dropped, a 身份证's x upper-case); a key it makes otherwise is
 * looked up on its row (keyed_row). */
static size_t trim_key(const char *c, size_t n, char *out, size_t size, int id)
{
	while (n && (*c == ' ' || *c == '\t'))
		c++, n--;
	while (n && (c[n - 1] == ' ' || c[n - 1] == '\t'))
		n--;
	if (!n || n >= size)
		return 0;
	memcpy(out, c, n);
	out[n] = '\0';
	if (id && (out[n - 1] == 'x'))
		out[n - 1] = 'X';
	return n;
}

struct scan {
	struct dx_imp *im;
	struct ps *ps;
	int chh, cid;
};

static int scan_row(void *arg, const char *const *cells, const size_t *lens, size_t n)
{
	struct scan *x = arg;
	struct ps *ps = x->ps;
	struct keyq *q = ps->kq;
	char k[64];
	int isnew, rc;
	struct pst *e;
	if (x->chh >= 0 && (size_t)x->chh < n &&
	    trim_key(cells[x->chh], lens[x->chh], k, sizeof(k), 0)) {
		if (!dx_smap_put(&ps->scanned_hh, k, &isnew))
			return ps->scanned_hh.err;
		if (isnew) {
			memcpy(q->hhk[q->nhh], k, sizeof(k));
			q->hh[q->nhh] = q->hhk[q->nhh];
			q->nhh++;
		}
	}
	if (x->cid >= 0 && (size_t)x->cid < n &&
	    trim_key(cells[x->cid], lens[x->cid], k, sizeof(q->id[0]), 1) && !id_get(ps, k)) {
		/* in the map from now on: asked for once */
		if ((rc = id_put(ps, k, &e, &isnew)))
			return rc;
		memcpy(q->id[q->nid], k, sizeof(q->id[0]));
		q->idp[q->nid] = q->id[q->nid];
		q->nid++;
	}
	if (q->nhh == KEYB || q->nid == KEYB)
		return keyed_flush(x->im, ps, 0);
	return 0;
}

/* Index the stored records the file names: its households by 户编号 and
 * their members, its members by 身份证. */
static int keyed_begin(struct dx_imp *im, struct ps *ps)
{
	struct scan x = {im, ps, im->hdr->col_of[DX_P_HHNO], im->hdr->col_of[DX_P_ID]};
	int rc;
	ps->kq = dx_xcalloc(1, sizeof(*ps->kq));
	if ((rc = dx_imp_scan(im, scan_row, &x)))
		return rc;
	return keyed_flush(im, ps, 1);
}

/* A key of this row the look-ahead did not ask for (the parser made
 * another key of its cell): asked for now, so that no stored record is
 * missed whatever the cell held. */
static int keyed_row(struct dx_imp *im, struct ps *ps, const struct dx_rowval *rv, int hnew)
{
	const char *no = rv->text[DX_P_HHNO], *id = rv->text[DX_P_ID];
	struct keyq *q = ps->kq;
	int isnew = 0, rc;
	if (hnew && !dx_smap_put(&ps->scanned_hh, no, &isnew))
		return ps->scanned_hh.err;
	if (isnew) {
		dx_strlcpy(q->hhk[0], no, sizeof(q->hhk[0]));
		q->hh[0] = q->hhk[0];
		q->nhh = 1;
	}
	if (id[0] && !id_get(ps, id)) {
		dx_strlcpy(q->id[0], id, sizeof(q->id[0]));
		q->idp[0] = q->id[0];
		q->nid = 1;
	}
	if (!q->nhh && !q->nid)
		return 0;
	rc = keyed_flush(im, ps, 1);
	return rc;
}


static int begin(struct dx_imp *im)
{
	struct ps *ps = dx_xcalloc(1, sizeof(*ps));
	const struct dx_template *tpl = im->hdr->tpl;
	int rc, n = 0;
	im->h = ps;
	dx_smap_init(&ps->hh, sizeof(struct hhst));
	dx_smap_init(&ps->storehh, sizeof(struct stored_hh));
	dx_smap_init(&ps->hhno_of, 32);
	dx_smap_init(&ps->odd_ids, sizeof(struct pst));
	dx_smap_init(&ps->decided, sizeof(struct dx_ledger_decided));
	dx_smap_init(&ps->areas, sizeof(struct areast));
	dx_smap_init(&ps->names, 13);
	dx_smap_init(&ps->known, sizeof(((struct dx_area *)0)->name));
	dx_buf_init(&ps->before, 0);
	dx_buf_init(&ps->after, 0);
	for (int f = 0; f < DX_P_NFIELDS; f++)
		ps->hslot[f] = -1;
	for (size_t i = 0; i < tpl->ncols; i++)
		if ((tpl->cols[i].flags & DX_COLF_HH) && n < HH_MAXF)
			ps->hslot[tpl->cols[i].field] = n++;
	if (dx_ledger_keyed(im->st)) {
		/* a store without members: no key of the file can be found,
		 * and reading the file once more to ask for them all cost a
		 * million-row load a fifth of its parsing.  A household stored
		 * without members is the one thing missed: its insert is
		 * refused as a duplicate, which on such a store makes the
		 * import run again, with the look-ups (import.c, DX_EXISTS) */
		if (im->store_empty)
			return DX_OK;
		ps->keyed = 1;
		dx_smap_init(&ps->scanned_hh, 1);
		return keyed_begin(im, ps);
	}
	if ((rc = dx_ledger_decided_each(im->st, load_decided, ps)))
		return rc;
	if ((rc = dx_ledger_household_each(im->st, load_hh, ps)))
		return rc;
	return dx_ledger_person_each_scoped(im->st, im->scope, load_person, ps);
}

static void release(struct dx_imp *im)
{
	struct ps *ps = im->h;
	if (!ps)
		return;
	dx_smap_release(&ps->hh);
	dx_smap_release(&ps->storehh);
	dx_smap_release(&ps->hhno_of);
	free(ps->ids.e);
	free(ps->ids.slot);
	dx_smap_release(&ps->odd_ids);
	dx_smap_release(&ps->decided);
	dx_buf_release(&ps->before);
	dx_buf_release(&ps->after);
	dx_smap_release(&ps->areas);
	dx_smap_release(&ps->names);
	dx_smap_release(&ps->known);
	dx_smap_release(&ps->scanned_hh);
	if (ps->kq)
		free(ps->kq->mh);
	free(ps->kq);
	free(ps);
	im->h = NULL;
}

/* ---- writing ---- */
static int yn(const struct dx_rowval *rv, int f, int dflt)
{
	return rv->num[f] < 0 ? dflt : (int)rv->num[f];
}

#define TAKE_TEXT(dst, f)                                  \
	do {                                               \
		if (rv->col[f] >= 0)                       \
			dx_strlcpy(dst, rv->text[f], sizeof(dst)); \
	} while (0)
#define TAKE_YN(dst, f, d)                       \
	do {                                     \
		if (rv->col[f] >= 0)             \
			dst = yn(rv, f, d);      \
	} while (0)

static void household_from_row(struct dx_household *h, const struct dx_rowval *rv)
{
	TAKE_TEXT(h->area_code, DX_P_AREA);
	TAKE_TEXT(h->hh_no, DX_P_HHNO);
	TAKE_TEXT(h->group_name, DX_P_GROUP);
	TAKE_TEXT(h->kind, DX_P_KIND);
	if (rv->col[DX_P_TPYEAR] >= 0)
		h->tuopin_year = rv->num[DX_P_TPYEAR] > 0 ? (int)rv->num[DX_P_TPYEAR] : 0;
	TAKE_YN(h->unsafe_housing, DX_P_HOUSING, 0);
	TAKE_YN(h->unsafe_water, DX_P_WATER, 0);
	TAKE_YN(h->dropout, DX_P_DROPOUT, 0);
	if (!strcmp(rv->text[DX_P_REL], "户主"))
		TAKE_TEXT(h->phone, DX_P_PHONE);
}

static void person_from_row(struct dx_person *p, const struct dx_rowval *rv,
			    const struct dx_date *today)
{
	struct dx_idcard id;
	dx_strlcpy(p->id_no, rv->text[DX_P_ID], sizeof(p->id_no));
	if (rv->id_sex) { /* the reader parsed it: 证件号码 is the one ID column */
		dx_strlcpy(p->birth, rv->id_birth, sizeof(p->birth));
		dx_strlcpy(p->sex, rv->id_sex == 1 ? "男" : "女", sizeof(p->sex));
	} else if (!dx_idcard_parse(p->id_no, strlen(p->id_no), today, &id, NULL)) {
		dx_strlcpy(p->birth, id.birth, sizeof(p->birth));
		dx_strlcpy(p->sex, id.sex == 1 ? "男" : "女", sizeof(p->sex));
	}
	TAKE_TEXT(p->name, DX_P_NAME);
	TAKE_TEXT(p->relation, DX_P_REL);
	TAKE_TEXT(p->ethnicity, DX_P_ETH);
	TAKE_TEXT(p->politics, DX_P_POL);
	TAKE_TEXT(p->education, DX_P_EDU);
	TAKE_TEXT(p->school, DX_P_SCHOOL);
	TAKE_TEXT(p->health, DX_P_HEALTH);
	TAKE_TEXT(p->labour, DX_P_LABOUR);
	TAKE_TEXT(p->work_place, DX_P_WPLACE);
	if (rv->col[DX_P_WMONTHS] >= 0)
		p->work_months = (int)rv->num[DX_P_WMONTHS];
	TAKE_YN(p->ins_resident, DX_P_INS_RES, 0);
	TAKE_YN(p->ins_employee, DX_P_INS_EMP, 0);
	TAKE_YN(p->dibao, DX_P_DIBAO, 0);
	TAKE_TEXT(p->dibao_class, DX_P_DIBAO_CLASS);
	TAKE_YN(p->tekun, DX_P_TEKUN, 0);
	TAKE_YN(p->disability_subsidy, DX_P_DISAB, 0);
	TAKE_TEXT(p->phone, DX_P_PHONE);
	TAKE_YN(p->counted, DX_P_COUNTED, 1);
}

static int audit_change(struct dx_imp *im, const char *area, const char *entity, const char *key,
			const void *old, const void *now, const struct fdesc *fd, size_t n,
			int *changed)
{
	struct ps *ps = im->h;
	char county[7];
	int rc = 0;
	dx_strlcpy(county, area, sizeof(county));
	dx_buf_reset(&ps->before);
	dx_buf_reset(&ps->after);
	*changed = rec_diff(old, now, fd, n, &ps->before, &ps->after) > 0;
	if (*changed)
		rc = dx_imp_audit(im, county, old ? "import.update" : "import.insert", entity, key,
				  old ? ps->before.buf : NULL, ps->after.buf);
	return rc;
}

static void month_day(const char *in, char out[11])
{
	if (strlen(in) == 7)
		dx_snprintf(out, 11, "%s-01", in);
	else
		dx_strlcpy(out, in, 11);
}

/* Keep the stored day when the ledger gives only the month. */
static void same_month_keep(const char *cell, const char *stored, char out[11])
{
	if (strlen(cell) == 7 && !strncmp(cell, stored, 7))
		dx_strlcpy(out, stored, 11);
	else
		month_day(cell, out);
}

/* The episode a row states, as of the store's latest one (old, NULL if
 * none): 0 if the row states none. */
int dx_ip_episode_of_row(const struct dx_rowval *rv, const struct dx_episode *old,
			  struct dx_episode *e)
{
	memset(e, 0, sizeof(*e));
	if (rv->col[DX_P_CAT] < 0 || !rv->text[DX_P_CAT][0])
		return 0;
	dx_strlcpy(e->category, rv->text[DX_P_CAT], sizeof(e->category));
	dx_strlcpy(e->risks, rv->text[DX_P_RISKS], sizeof(e->risks));
	same_month_keep(rv->text[DX_P_IDENT], old ? old->identified_on : "", e->identified_on);
	if (rv->num[DX_P_ELIM] == 1) {
		same_month_keep(rv->text[DX_P_ELIM_ON], old ? old->eliminated_on : "",
				e->eliminated_on);
		dx_strlcpy(e->elim_kind, rv->text[DX_P_ELIM_KIND], sizeof(e->elim_kind));
	}
	e->reflag = yn(rv, DX_P_REFLAG, 0);
	return 1;
}

/* Store episode e of household h against the store's latest (old, NULL if
 * none), audited. */
static int episode_write(struct dx_imp *im, struct hhst *h, struct dx_episode *e,
			 const struct dx_episode *old, const char *area)
{
	struct dx_buf before = DX_BUF_INIT, after = DX_BUF_INIT;
	char county[7], key[24];
	int rc;
	dx_strlcpy(county, area, sizeof(county));
	e->household_id = h->id;
	if (old && strncmp(e->identified_on, old->identified_on, 7) < 0)
		return 0; /* an older episode than the store's latest: history, leave it */
	if (old && !strncmp(e->identified_on, old->identified_on, 7)) {
		e->id = old->id;
		e->prev_id = old->prev_id;
		if (!strcmp(e->category, old->category) && !strcmp(e->risks, old->risks) &&
		    !strcmp(e->eliminated_on, old->eliminated_on) &&
		    !strcmp(e->elim_kind, old->elim_kind) && e->reflag == old->reflag)
			return 0;
		dx_json_field(&before, "监测对象类别", old->category);
		dx_json_field(&before, "致贫返贫风险", old->risks);
		dx_json_field(&before, "消除监测时间", old->eliminated_on);
		dx_json_field(&before, "风险消除方式", old->elim_kind);
		dx_json_int(&before, "风险再标注", old->reflag);
		dx_json_close(&before);
		rc = dx_ledger_episode_update(im->st, e);
	} else {
		e->prev_id = old ? old->id : 0;
		rc = dx_store_episode_insert(im->st, e);
	}
	if (rc)
		goto out;
	dx_json_field(&after, "监测对象类别", e->category);
	dx_json_field(&after, "致贫返贫风险", e->risks);
	dx_json_field(&after, "识别监测时间", e->identified_on);
	dx_json_field(&after, "消除监测时间", e->eliminated_on);
	dx_json_field(&after, "风险消除方式", e->elim_kind);
	dx_json_int(&after, "风险再标注", e->reflag);
	dx_json_close(&after);
	dx_snprintf(key, sizeof(key), "%lld", (long long)e->id);
	rc = dx_imp_audit(im, county, before.len ? "import.update" : "import.insert", "episode",
			  key, before.len ? before.buf : NULL, after.buf);
	h->changed = 1;
out:
	dx_buf_release(&before);
	dx_buf_release(&after);
	return rc;
}

/* What a decided procedure made of the household's latest episode old
 * stays as it is whatever the row says (check_decided reported it). */
static void keep_decided(struct ps *ps, const char *hh_no, const struct dx_episode *old,
			 struct dx_episode *e)
{
	const struct dx_ledger_decided *d = dx_smap_get(&ps->decided, hh_no);
	if (!d || d->e.id != old->id || strncmp(e->identified_on, old->identified_on, 7))
		return;
	if (d->ident_case || d->rolled_back) {
		dx_strlcpy(e->category, old->category, sizeof(e->category));
		dx_strlcpy(e->risks, old->risks, sizeof(e->risks));
		dx_strlcpy(e->identified_on, old->identified_on, sizeof(e->identified_on));
		e->reflag = old->reflag;
	}
	if (d->elim_case) {
		dx_strlcpy(e->eliminated_on, old->eliminated_on, sizeof(e->eliminated_on));
		dx_strlcpy(e->elim_kind, old->elim_kind, sizeof(e->elim_kind));
	}
}

static int write_episode(struct dx_imp *im, struct hhst *h, const struct dx_rowval *rv,
			 const char *area)
{
	struct dx_episode e, old;
	int rc = DX_NOT_FOUND;
	if (rv->col[DX_P_CAT] < 0 || !rv->text[DX_P_CAT][0])
		return 0;
	if (h->existed && (rc = dx_ledger_episode_latest(im->st, h->id, &old)) &&
	    rc != DX_NOT_FOUND)
		return rc;
	if (!dx_ip_episode_of_row(rv, rc ? NULL : &old, &e))
		return 0;
	if (!rc)
		keep_decided(im->h, rv->text[DX_P_HHNO], &old, &e);
	return episode_write(im, h, &e, rc ? NULL : &old, area);
}

/*
 * The households an import creates are audited as runs of ids: one row
 * per county and import, "import.insert household FIRST-LAST", instead of
 * one per household (a county's first ledger would otherwise write as
 * many audit rows as households, a quarter of the store's bytes, each
 * repeating the row it audits).  Nothing is lost: the ids of one import
 * are consecutive (one transaction, one writer), the import log names
 * the file, a household's values as imported are its row until the first
 * change, and every later change is audited with its old values.
 */
static int created_flush(struct dx_imp *im, struct ps *ps)
{
	struct dx_buf after = DX_BUF_INIT;
	char key[48];
	int rc;
	if (!ps->run.first)
		return 0;
	dx_snprintf(key, sizeof(key), "%lld-%lld", (long long)ps->run.first,
		    (long long)ps->run.last);
	dx_json_int(&after, "户数", ps->run.last - ps->run.first + 1);
	dx_json_field(&after, "文件", im->o->path);
	dx_json_close(&after);
	rc = dx_imp_audit(im, ps->run.county, "import.insert", "household", key, NULL, after.buf);
	dx_buf_release(&after);
	ps->run.first = 0;
	return rc;
}

static int created(struct dx_imp *im, struct ps *ps, const char *area, int64_t id)
{
	int rc;
	if (ps->run.first && (strncmp(ps->run.county, area, 6) || id != ps->run.last + 1) &&
	    (rc = created_flush(im, ps)))
		return rc;
	if (!ps->run.first) {
		dx_strlcpy(ps->run.county, area, sizeof(ps->run.county));
		ps->run.first = id;
	}
	ps->run.last = id;
	return 0;
}

static int write_household(struct dx_imp *im, struct ps *ps, struct hhst *h,
			   const struct dx_rowval *rv)
{
	struct dx_household old, now;
	struct stored_hh *s = dx_smap_get(&ps->storehh, rv->text[DX_P_HHNO]);
	int rc, changed;
	memset(&now, 0, sizeof(now));
	if (s) {
		if ((rc = dx_ledger_household_by_no(im->st, rv->text[DX_P_HHNO], &old)))
			return rc;
		now = old;
		h->id = old.id;
		h->existed = 1;
	}
	household_from_row(&now, rv);
	h->phone = str_hash(now.phone);
	if (s && rec_hash(&now, hfields, DX_ARRAY_SIZE(hfields)) == s->hash)
		return write_episode(im, h, rv, now.area_code);
	if (s) {
		rc = dx_ledger_household_update(im->st, &now);
	} else if (ps->bulk) { /* goes in with its members (pbuf_flush) */
		size_t k = ps->hq.n++;
		ps->hq.h[k] = now;
		ps->hq.st[k] = h;
		ps->hq.has_ep[k] = (unsigned char)dx_ip_episode_of_row(rv, NULL, &ps->hq.ep[k]);
		ps->hq.head_name[k] = NULL;
		h->queued = 1;
		h->qidx = (uint32_t)k;
		h->added = h->changed = 1;
		return 0;
	} else {
		if ((rc = dx_store_household_insert(im->st, &now)) ||
		    (rc = created(im, ps, now.area_code, now.id)))
			return rc;
		h->id = now.id;
		h->added = h->changed = 1;
		return write_episode(im, h, rv, now.area_code);
	}
	if (rc || (rc = audit_change(im, now.area_code, "household", now.hh_no, &old, &now,
				     hfields, DX_ARRAY_SIZE(hfields), &changed)))
		return rc;
	h->changed |= changed;
	return write_episode(im, h, rv, now.area_code);
}

/* A 户主 row after the first row of its household brings the phone. */
static int household_phone(struct dx_imp *im, struct hhst *h, const struct dx_rowval *rv)
{
	struct ps *ps = im->h;
	struct dx_household old, now;
	int rc, changed;
	if (rv->col[DX_P_PHONE] < 0 || h->phone == str_hash(rv->text[DX_P_PHONE]))
		return 0;
	if (h->queued) { /* not in the store yet: its insert takes the phone */
		dx_strlcpy(ps->hq.h[h->qidx].phone, rv->text[DX_P_PHONE],
			   sizeof(ps->hq.h[0].phone));
		h->phone = str_hash(rv->text[DX_P_PHONE]);
		return 0;
	}
	if ((rc = dx_ledger_household_by_no(im->st, rv->text[DX_P_HHNO], &old)))
		return rc;
	now = old;
	dx_strlcpy(now.phone, rv->text[DX_P_PHONE], sizeof(now.phone));
	h->phone = str_hash(now.phone);
	if ((rc = dx_ledger_household_update(im->st, &now)))
		return rc;
	h->changed = 1;
	return audit_change(im, now.area_code, "household", now.hh_no, &old, &now, hfields,
			    DX_ARRAY_SIZE(hfields), &changed);
}

/* A member this import wrote into household h, which it created. */
static void fold_member(struct hhst *h, const struct dx_person *p, int bulk)
{
	h->nmem += p->counted == 1;
	h->msum |= dx_store_member_bits(p);
	if (!h->head && !strcmp(p->relation, "户主"))
		h->head = p->id; /* ids grow: the first is the smallest */
	h->dirty |= (unsigned char)bulk;
}

static int flush_derived(struct dx_imp *im, struct hhst *h)
{
	h->dirty = 0;
	return dx_store_household_set_derived(im->st, h->id, h->nmem, h->msum, h->head);
}

/*
 * Insert the waiting households and members: give the members their ids
 * (dx_store_person_new_ids), fold them into their households, insert
 * the waiting households with those columns (audited, with their
 * episodes), then the members.  The households already in the store
 * whose rows in this batch have ended (all but the one being read; a
 * household that comes back later is set again) have their columns set
 * at the start of the next batch, or by finish: the members' insert is
 * the batch's last statement, which PostgreSQL then runs while the next
 * batch's rows are read (store_pg.c, copy_in).
 */
static int pbuf_flush(struct dx_imp *im, struct ps *ps)
{
	int64_t ids[PBUF];
	int rc;
	for (size_t i = 0; i < ps->pb.nended; i++)
		if (ps->pb.ended[i]->dirty && ps->pb.ended[i] != ps->last &&
		    (rc = flush_derived(im, ps->pb.ended[i])))
			return rc;
	ps->pb.nended = 0;
	if (!ps->pb.n && !ps->hq.n)
		return 0;
	if ((rc = dx_store_person_new_ids(im->st, ps->pb.n, ids)))
		return rc;
	for (size_t i = 0; i < ps->pb.n; i++) {
		struct hhst *h = ps->pb.h[i];
		int64_t had = h->head;
		ps->pb.p[i].id = ids[i];
		fold_member(h, &ps->pb.p[i], 1);
		if (h->queued && !had && h->head)
			ps->hq.head_name[h->qidx] = ps->pb.p[i].name;
	}
	for (size_t k = 0; k < ps->hq.n; k++) {
		struct hhst *h = ps->hq.st[k];
		ps->hq.hp[k] = &ps->hq.h[k];
		ps->hq.d[k] = (struct dx_derived){h->nmem, h->msum, h->head, ps->hq.head_name[k]};
	}
	if ((rc = dx_store_household_insert_many(im->st, ps->hq.hp, ps->hq.d, ps->hq.n)))
		return rc;
	for (size_t k = 0; k < ps->hq.n; k++) {
		struct hhst *h = ps->hq.st[k];
		struct dx_household *hh = &ps->hq.h[k];
		if ((rc = created(im, ps, hh->area_code, hh->id)))
			return rc;
		h->id = hh->id;
		h->queued = 0;
		h->dirty = h == ps->last; /* its rows may go on */
		if (ps->hq.has_ep[k] &&
		    (rc = episode_write(im, h, &ps->hq.ep[k], NULL, hh->area_code)))
			return rc;
	}
	ps->hq.n = 0;
	for (size_t i = 0; i < ps->pb.n; i++)
		ps->pb.p[i].household_id = ps->pb.h[i]->id;
	if ((rc = dx_store_person_insert_many(im->st, ps->pb.pp, ps->pb.area, ps->pb.n)))
		return rc;
	for (size_t i = 0; i < ps->pb.n; i++) {
		struct pst *e = &ps->ids.e[ps->pb.e[i]];
		e->pid = ps->pb.p[i].id;
		e->hh = ps->pb.p[i].household_id;
	}
	for (size_t i = 0; i < ps->pb.n; i++)
		if (ps->pb.h[i] != ps->last && ps->pb.h[i]->dirty &&
		    (!ps->pb.nended || ps->pb.ended[ps->pb.nended - 1] != ps->pb.h[i]))
			ps->pb.ended[ps->pb.nended++] = ps->pb.h[i];
	ps->pb.n = 0;
	return 0;
}

static int write_person(struct dx_imp *im, struct hhst *h, struct pst *e,
			const struct dx_rowval *rv)
{
	struct ps *ps = im->h;
	struct dx_person old, now;
	char key[24];
	int rc, changed, have_old = 0;
	memset(&now, 0, sizeof(now));
	now.work_months = -1;
	now.counted = 1;
	if (e->pid) {
		int all = rv->col[DX_P_COUNTED] >= 0;
		for (int f = DX_P_NAME; f <= DX_P_PHONE; f++)
			all &= rv->col[f] >= 0;
		if (!all) { /* absent columns keep their stored values */
			if ((rc = dx_ledger_person_get(im->st, e->pid, &old)))
				return rc;
			have_old = 1;
			now = old;
		}
		now.id = e->pid;
		now.household_id = e->hh;
		person_from_row(&now, rv, &im->today);
		if (rec_hash(&now, pfields, DX_ARRAY_SIZE(pfields)) == e->hash) {
			im->res->p_unchanged++;
			return 0;
		}
		if (!have_old && (rc = dx_ledger_person_get(im->st, e->pid, &old)))
			return rc;
		have_old = 1;
		if ((rc = dx_ledger_person_update(im->st, &now)))
			return rc;
		im->res->p_updated++;
	} else {
		char county[7];
		person_from_row(&now, rv, &im->today);
		now.household_id = h->id;
		/* write_household gave the household this row's area */
		dx_strlcpy(county, rv->text[DX_P_AREA], sizeof(county));
		if (!ps->bulk && dx_store_bulk_worth(im->st, ps->inserted, ps->stored_persons)) {
			if ((rc = dx_store_bulk_begin(im->st)))
				return rc;
			ps->bulk = 1;
		}
		if (ps->bulk && h->added && e >= ps->ids.e && e < ps->ids.e + ps->ids.n) {
			size_t k = ps->pb.n++;
			ps->pb.p[k] = now;
			ps->pb.pp[k] = &ps->pb.p[k];
			dx_strlcpy(ps->pb.area[k], rv->text[DX_P_AREA], sizeof(ps->pb.area[k]));
			ps->pb.h[k] = h;
			ps->pb.e[k] = (uint32_t)(e - ps->ids.e);
			ps->inserted++;
			im->res->p_added++;
			h->changed = 1;
			return ps->pb.n == PBUF ? pbuf_flush(im, ps) : 0;
		}
		/* a waiting household goes in before a member not queued with it */
		if (h->queued) {
			if ((rc = pbuf_flush(im, ps)))
				return rc;
			now.household_id = h->id;
		}
		if ((rc = dx_store_person_insert_county(im->st, county, &now)))
			return rc;
		ps->inserted++;
		e->pid = now.id;
		e->hh = h->id;
		im->res->p_added++;
		if (h->added)
			fold_member(h, &now, ps->bulk);
	}
	h->changed = 1;
	if (ps->bulk && !h->added && !h->stale) {
		h->stale = 1;
		if ((rc = dx_store_bulk_stale(im->st, h->id)))
			return rc;
	}
	/* the members of a household this import creates are covered by the
	 * household's insert (created_flush) */
	if (h->added)
		return 0;
	dx_snprintf(key, sizeof(key), "%lld", (long long)now.id);
	return audit_change(im, rv->text[DX_P_AREA], "person", key, have_old ? &old : NULL, &now,
			    pfields, DX_ARRAY_SIZE(pfields), &changed);
}

static int row(struct dx_imp *im, const struct dx_rowval *rv, long rownum)
{
	struct ps *ps = im->h;
	struct hhst *h;
	struct pst *e;
	int hnew, pnew = 0, rc;
	long before = im->res->errors;
	if (!rv->text[DX_P_HHNO][0])
		return 0; /* reported as a bad cell; cannot be grouped */
	if (rv->text[DX_P_AREA][0] && (rc = dx_ip_check_area(im, ps, rv, rownum)) < 0)
		return -rc;
	if (!(h = dx_imp_put(im, &ps->hh, rv->text[DX_P_HHNO], &hnew)))
		return im->fail;
	if (ps->keyed && (rc = keyed_row(im, ps, rv, hnew)))
		return rc;
	dx_ip_check_household(im, ps, h, hnew, rv, rownum);
	e = NULL;
	if (rv->text[DX_P_ID][0] && (rc = id_put(ps, rv->text[DX_P_ID], &e, &pnew)))
		return rc;
	dx_ip_check_member(im, ps, h, e, pnew, rv, rownum);
	if (!im->write || im->row_bad || im->res->errors != before)
		return 0;
	ps->last = h;
	if (hnew || (!h->id && !h->existed && !h->queued)) {
		if ((rc = write_household(im, ps, h, rv)))
			return rc;
	} else if (!strcmp(rv->text[DX_P_REL], "户主") && (rc = household_phone(im, h, rv))) {
		return rc;
	}
	if (!h->id && !h->queued)
		return 0;
	return write_person(im, h, e, rv);
}

/* ---- who the file leaves out ---- */
struct present {
	int64_t id;  /* store id of a household in the file */
	long row;    /* its first row */
};

static int cmp_present(const void *a, const void *b)
{
	const struct present *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

struct absent_ctx {
	struct dx_imp *im;
	struct ps *ps;
};

static int absent_household(const struct dx_household *h, void *arg)
{
	struct absent_ctx *x = arg;
	struct areast *a = dx_smap_get(&x->ps->areas, h->area_code);
	if (!a || a->state == 3 || dx_smap_get(&x->ps->hh, h->hh_no))
		return 0;
	x->im->res->absent_households++;
	dx_imp_report(x->im, 0, DX_P_HHNO, "#absent", 0,
		      "户 %s（%s%s）在库中登记，但不在此文件中：已保留，未删除；请核实（整户迁出或消亡由干部核实后办理）",
		      h->hh_no, a->v, h->group_name);
	return 0;
}

static int absent_member(struct dx_imp *im, const struct pst *e, const struct present *pr,
			 size_t np)
{
	struct present key = {e->hh, 0}, *hit;
	struct dx_person p;
	char masked[19];
	int rc;
	if (!e->pid || e->file_hh ||
	    !(hit = bsearch(&key, pr, np, sizeof(*pr), cmp_present)))
		return 0;
	if ((rc = dx_ledger_person_get(im->st, e->pid, &p)))
		return rc;
	dx_idcard_mask(p.id_no, masked);
	im->res->absent_persons++;
	dx_imp_report(im, hit->row, DX_P_HHNO, "#absent", 0,
		      "本户成员 %s（证件号码 %s）在库中登记，但不在此文件中：已保留，未删除；请核实（去世、迁出、婚嫁等由干部核实后办理）",
		      p.name, masked);
	return 0;
}

/*
 * Issue 11 (the household record): a re-import never deletes anyone.  The
 * members the store holds in the file's households but the file leaves
 * out are listed on their household's first row, and the households of
 * the file's villages the file leaves out on row 0; all are kept as they
 * are, for a cadre to decide.  Warnings, so the rest imports; counted in
 * absent_persons and absent_households.  Pass 1 only: it sees every row.
 */
static int list_absent(struct dx_imp *im, struct ps *ps)
{
	struct present *pr = calloc(ps->hh.n + 1, sizeof(*pr));
	struct absent_ctx x = {im, ps};
	size_t np = 0;
	int rc = 0;
	if (!pr)
		return DX_NOMEM;
	for (size_t i = 0; i < ps->hh.cap; i++) {
		struct stored_hh *s;
		if (!ps->hh.t[i].key || !(s = dx_smap_get(&ps->storehh, ps->hh.t[i].key)))
			continue;
		pr[np].id = s->id;
		pr[np++].row = ((struct hhst *)ps->hh.t[i].val)->first_row;
	}
	qsort(pr, np, sizeof(*pr), cmp_present);
	for (size_t i = 0; !rc && np && i < ps->ids.n; i++)
		rc = absent_member(im, &ps->ids.e[i], pr, np);
	for (size_t i = 0; !rc && np && i < ps->odd_ids.cap; i++)
		if (ps->odd_ids.t[i].key)
			rc = absent_member(im, ps->odd_ids.t[i].val, pr, np);
	free(pr);
	/* the file's areas are all under the actor's scope (dx_ip_check_area) */
	if (!rc && ps->storehh.n && ps->areas.n)
		rc = dx_ledger_household_each_in(im->st, im->scope, absent_household, &x);
	return rc;
}

static int finish(struct dx_imp *im)
{
	struct ps *ps = im->h;
	int rc;
	if (!ps)
		return 0;
	ps->last = NULL;
	if ((rc = pbuf_flush(im, ps)))
		return rc;
	for (size_t i = 0; i < ps->hh.cap; i++) {
		struct hhst *h;
		if (!ps->hh.t[i].key)
			continue;
		h = ps->hh.t[i].val;
		im->res->units++;
		if (h->dirty && (rc = flush_derived(im, h)))
			return rc; /* those pbuf_flush left: the last, or listed twice */
		if (!h->heads)
			dx_imp_report(im, (long)h->first_row, DX_P_REL, ps->hh.t[i].key, 1,
				      "户 %s 没有户主（应有一人的与户主关系为 户主）", ps->hh.t[i].key);
		if (h->added)
			im->res->added++;
		else if (h->changed)
			im->res->updated++;
		else
			im->res->unchanged++;
	}
	if ((rc = created_flush(im, ps)))
		return rc;
	return im->pass == 1 ? list_absent(im, ps) : 0;
}

const struct dx_imp_handler dx_imp_persons = {"persons", unit_of, begin, row, finish, release};
