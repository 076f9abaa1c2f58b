/*
 * ledger.h - the store queries behind ledger import and export (issue 3):
 * look-ups by 户编号 and 身份证, field-by-field updates the importer's
 * upserts need, the streams export reads, and the import log.
 *
 * Inserts of new records go through store.h (dx_store_household_insert…);
 * this module adds what an idempotent upsert needs on top.
 */
#ifndef DX_STORE_LEDGER_H
#define DX_STORE_LEDGER_H

#include "store/store.h"

/* Every household (for the importer's in-memory index). */
/* The households whose area is under scope (every one if scope is NULL
 * or ""), through an area-keyed index. */
int dx_ledger_household_each_in(struct dx_store *st, const char *scope,
				int (*fn)(const struct dx_household *, void *), void *arg);
int dx_ledger_household_each(struct dx_store *st,
			     int (*fn)(const struct dx_household *, void *), void *arg);
/* The household with 户编号 hh_no; DX_NOT_FOUND if none. */
int dx_ledger_household_by_no(struct dx_store *st, const char *hh_no, struct dx_household *out);
/* Rewrite every field of household h->id (area, group, kind, ...). */
int dx_ledger_household_update(struct dx_store *st, const struct dx_household *h);

/*
 * Every person, for the importer's 身份证 index: those of the areas under
 * scope (every one if scope is NULL or "") whole, for its change
 * detection, through fn with whole = 1; the others with id, household_id
 * and id_no only (the rest zeroed), whole = 0: an import scoped to one
 * county of a province only needs to know that they exist and where,
 * and reading a province's members whole for it cost each county's
 * import more than its own writes.
 */
int dx_ledger_person_each_scoped(struct dx_store *st, const char *scope,
				 int (*fn)(const struct dx_person *, int whole, void *), void *arg);
/*
 * Look-ups by a file's keys instead of reading the store (issue 16): on
 * PostgreSQL (dx_ledger_keyed) an import asks for the households with its
 * 户编号 and the members with its 身份证, a few thousand keys a
 * statement, so its cost follows the file, not the store, and it reads
 * only the index entries of its own keys (a province's other counties are
 * never scanned).  SQLite reads its store in-process, faster than as many
 * look-ups, and keeps dx_ledger_household_each / person_each_scoped.
 */
int dx_ledger_keyed(const struct dx_store *st);
/* The households among nos[0..n) (those the store has). */
int dx_ledger_households_by_no(struct dx_store *st, const char *const *nos, size_t n,
			       int (*fn)(const struct dx_household *, void *), void *arg);
/* The members with the (normalised) 身份证 ids[0..n), or of the
 * households hh[0..n), each with its household's 户编号, whole = 1 if its
 * area is under scope (every one if scope is NULL or ""). */
int dx_ledger_persons_by_idno(struct dx_store *st, const char *const *ids, size_t n,
			      const char *scope,
			      int (*fn)(const struct dx_person *, const char *hh_no, int whole,
					void *),
			      void *arg);
int dx_ledger_persons_of(struct dx_store *st, const int64_t *hh, size_t n, const char *scope,
			 int (*fn)(const struct dx_person *, const char *hh_no, int whole, void *),
			 void *arg);
int dx_ledger_person_get(struct dx_store *st, int64_t id, struct dx_person *out);
/* The person with normalised 身份证 id_no; DX_NOT_FOUND if none. */
int dx_ledger_person_by_idno(struct dx_store *st, const char *id_no, struct dx_person *out);
/* Rewrite every field of person p->id, its household included. */
int dx_ledger_person_update(struct dx_store *st, const struct dx_person *p);

/* The household's latest episode (by identified_on, then id); DX_NOT_FOUND. */
int dx_ledger_episode_latest(struct dx_store *st, int64_t hh, struct dx_episode *out);
int dx_ledger_episode_update(struct dx_store *st, const struct dx_episode *e);

/* A household's latest episode as far as a decided procedure made it: a
 * ledger import may not undo it (issue 11.2). */
struct dx_ledger_decided {
	char hh_no[32];
	struct dx_episode e;
	int64_t ident_case; /* the 已通过 识别 case that opened it, 0 = none */
	int64_t elim_case;  /* the 已通过 风险消除 case that eliminated it, 0 = none */
	char ident_on[11], elim_on[11]; /* those cases' closing (公告) dates */
	int rolled_back;    /* opened by a 风险消除回退 (its prev episode ended so) */
};
/* Every household whose latest episode (dx_ledger_episode_latest's order)
 * a procedure opened or eliminated. */
int dx_ledger_decided_each(struct dx_store *st,
			   int (*fn)(const struct dx_ledger_decided *, void *), void *arg);
/* The same for the households hh[0..n) only (dx_ledger_keyed). */
int dx_ledger_decided_of(struct dx_store *st, const int64_t *hh, size_t n,
			 int (*fn)(const struct dx_ledger_decided *, void *), void *arg);

/* The (household, year) income row; DX_NOT_FOUND if none. */
int dx_ledger_income_get(struct dx_store *st, int64_t hh, int year, struct dx_income_row *out);

/* The nth (from 0, by id) measure with the natural key (household,
 * category, detail, start_on): a ledger may list the same measure twice. */
int dx_ledger_measure_find(struct dx_store *st, const struct dx_measure *key, int nth,
			   struct dx_measure *out);
int dx_ledger_measure_update(struct dx_store *st, const struct dx_measure *m);
/* The nth (from 0, by id) visit with the natural key (household, visited_on, cadre). */
int dx_ledger_visit_find(struct dx_store *st, const struct dx_visit *key, int nth,
			 struct dx_visit *out);
int dx_ledger_visit_update(struct dx_store *st, const struct dx_visit *v);
/* 1 in *yes if the same signal (id_no, department, event, date) is stored. */
int dx_ledger_warning_exists(struct dx_store *st, const struct dx_warning *w, int *yes);

/* Role and scope of account `name`; DX_NOT_FOUND if no such account. */
int dx_ledger_account_get(struct dx_store *st, const char *name, char role[32], char scope[13]);
/* The store's county if it holds exactly one; DX_NOT_FOUND otherwise. */
int dx_ledger_single_county(struct dx_store *st, char county[7]);

/* One row of the persons export: member, household, latest episode. */
struct dx_ledger_prow {
	struct dx_household h;
	struct dx_person p;
	struct dx_episode e; /* e.id == 0: never monitored */
	const char *county_name, *town_name, *village_name;
};
/* Persons of households under area, by area, 户编号, 户主 first. */
int dx_ledger_export_persons(struct dx_store *st, const char *area,
			     int (*fn)(const struct dx_ledger_prow *, void *), void *arg);
int dx_ledger_export_incomes(struct dx_store *st, const char *area,
			     int (*fn)(const char *hh_no, const struct dx_income_row *, void *),
			     void *arg);
int dx_ledger_export_measures(struct dx_store *st, const char *area,
			      int (*fn)(const char *hh_no, const struct dx_measure *, void *),
			      void *arg);
int dx_ledger_export_visits(struct dx_store *st, const char *area,
			    int (*fn)(const char *hh_no, const struct dx_visit *, void *),
			    void *arg);

/* Record one import run (schema v3 table import_run). */
struct dx_import_run {
	const char *county, *actor, *kind, *file;
	long rows, added, updated, unchanged, rejected;
};
int dx_ledger_import_log(struct dx_store *st, const struct dx_import_run *r);

#endif
