/*
 * import_persons_int.h - what the 户成员台账 handler's files share: the
 * import's state (households, members, areas, the bulk-load batches) and
 * the checks (import_persons_check.c) the row writer (import_persons.c)
 * calls.
 */
#ifndef DX_APP_IMPORT_PERSONS_INT_H
#define DX_APP_IMPORT_PERSONS_INT_H

#include "app/import_int.h"
#include "store/derived.h"
#include "store/ledger.h"

/* ---- state ---- */
#define HH_MAXF 24 /* household-level columns of the template */
/* members inserted together in a bulk load: half of what the reading
 * thread holds ahead (import.c, 4 x 64 rows), so that it reads on while
 * they go in (at 256 the two threads took turns: 0.3 s slower) */
#define PBUF 1024
struct hhst {
	int64_t id;     /* store id; 0 while not in the store */
	uint64_t phone; /* hash of the phone written (a 户主 row's) */
	int32_t first_row, head_row;
	uint32_t idx; /* order of first appearance, from 1 */
	int32_t heads;
	unsigned char existed, changed, added;
	/* during a bulk load (no triggers): the members this import wrote,
	 * folded as the store's derived columns (store/derived.h), for a
	 * household it created; dirty = folded values not yet in the store;
	 * stale = a stored household the store must recompute */
	unsigned char dirty, stale;
	unsigned char queued; /* created in a bulk load, waiting in ps->hq[qidx] */
	uint32_t qidx;
	int32_t nmem;
	uint32_t msum;
	int64_t head;
	uint32_t fh[HH_MAXF]; /* hashes of the household-level cells of its first row */
};
/* A member: in the store, in the file, or both. */
struct pst {
	uint64_t key;    /* the packed 身份证 (id_key) */
	int64_t pid, hh; /* in the store (0 = not) */
	uint64_t hash;
	uint32_t file_hh; /* idx of the household of its first row in the file, 0 = none */
	int32_t file_row;
};
/* 身份证 -> pst: entries in one array, open addressing over their indexes. */
struct idmap {
	struct pst *e;
	size_t n, alloc;
	uint32_t *slot; /* entry index + 1, 0 = empty */
	size_t nslots;
	size_t max; /* entries at most (0 = DX_SMAP_MAX; a test lowers it) */
	int err;    /* why the last put failed: DX_TOOBIG or DX_NOMEM */
};
/* The entry of packed 身份证 k, added (zeroed) if new; *isnew says which.
 * NULL when the map cannot grow, with m->err (the map as it was). */
struct pst *dx_ip_idmap_put(struct idmap *m, uint64_t k, int *isnew);
struct stored_hh {
	int64_t id;
	uint64_t hash;
};
struct areast {
	int state; /* 1 known, 2 new and consistent, 3 bad */
	char c[96], t[96], v[96];
	char why[256];
};
/* The file's keys waiting for their look-up (dx_ledger_keyed), KEYB a
 * statement */
#define KEYB 4096
struct keyq {
	char hhk[KEYB][64]; /* 户编号 */
	const char *hh[KEYB];
	size_t nhh;
	char id[KEYB][20];
	const char *idp[KEYB];
	size_t nid;
	int64_t *mh; /* stored households found: their members are read next */
	size_t nmh, amh;
};
struct ps {
	struct dx_smap hh, storehh, hhno_of, areas, names;
	/* the store's areas, a county at a time as first asked (stored_area):
	 * code -> name; "#" and the county's six digits once it is read */
	struct dx_smap known;
	/* look-ups by the file's keys (dx_ledger_keyed): the 户编号 asked
	 * for, and those waiting */
	int keyed;
	struct dx_smap scanned_hh;
	struct keyq *kq;
	struct idmap ids;
	struct dx_smap odd_ids; /* stored 身份证 that do not pack (never valid ones) */
	struct dx_smap decided; /* 户编号 -> dx_ledger_decided: procedure-owned episodes */
	int hslot[DX_P_NFIELDS]; /* household-level field -> index in fh, else -1 */
	uint32_t nhh;
	long stored_persons, inserted;
	int bulk;
	struct hhst *last; /* the household of the last row written */
	/* during a bulk load, the members of households this import creates
	 * wait here and go in together (pbuf_flush) */
	struct {
		struct dx_person p[PBUF];
		struct dx_person *pp[PBUF];
		char area[PBUF][13]; /* each member's household's */
		struct hhst *h[PBUF];
		uint32_t e[PBUF]; /* index into ids.e */
		size_t n;
		/* households whose members the last batch ended, whose
		 * columns the next one sets first (pbuf_flush) */
		struct hhst *ended[PBUF];
		size_t nended;
	} pb;
	/* and the households they go into, with their episodes: inserted
	 * first, with the columns folded from those members */
	struct {
		struct dx_household h[PBUF];
		struct hhst *st[PBUF];
		struct dx_episode ep[PBUF];
		unsigned char has_ep[PBUF];
		const char *head_name[PBUF];
		struct dx_household *hp[PBUF];
		struct dx_derived d[PBUF];
		size_t n;
	} hq;
	struct {           /* households created, not yet audited (created_run) */
		char county[7];
		int64_t first, last;
	} run;
	struct dx_buf before, after; /* audit JSON, reused */
};

/* import_persons_check.c: a row's area (created from the name columns
 * when new), its household's fields across rows, a member (两头占, one
 * 户主, the procedure's decided episodes). */
int dx_ip_check_area(struct dx_imp *im, struct ps *ps, const struct dx_rowval *rv, long row);
void dx_ip_check_household(struct dx_imp *im, struct ps *ps, struct hhst *h, int isnew,
			    const struct dx_rowval *rv, long row);
void dx_ip_check_member(struct dx_imp *im, struct ps *ps, struct hhst *h, struct pst *e,
			 int isnew, const struct dx_rowval *rv, long row);
/* import_persons.c: the row's monitoring episode (0 if none), old's
 * procedure-owned fields kept. */
int dx_ip_episode_of_row(const struct dx_rowval *rv, const struct dx_episode *old,
			  struct dx_episode *e);

#endif
