/*
 * hhrecord.h - the store side of the household record (户档案, issue 11):
 * finding households by what a cadre knows of them (户编号, a name, the
 * last digits of an ID, a village), and reading everything recorded about
 * one: members past and present, incomes, visits, warnings, clues, cases
 * and the audit trail.  Episodes and measures come from procedure.h and
 * followup.h; the use case (app/household_record.h) puts it together.
 */
#ifndef DX_STORE_HHRECORD_H
#define DX_STORE_HHRECORD_H

#include "store/store.h"

/* One household as a list names it. */
struct dx_hh_brief {
	int64_t id;
	char hh_no[32];
	char area_code[13];
	char village[96]; /* the village's name */
	char township[96];
	char head[64];    /* current 户主 */
	int members;      /* current registered members */
	char category[32]; /* the latest episode's, "" = never monitored */
	char eliminated_on[11];
};

/* How dx_store_hh_find matches `text`. */
enum {
	DX_FIND_HH_NO = 1 << 0,   /* 户编号, exactly */
	DX_FIND_NAME = 1 << 1,    /* a member's name (current or former), exactly */
	DX_FIND_ID_TAIL = 1 << 2, /* the last digits of a member's 身份证 */
	DX_FIND_ID = 1 << 3,      /* a whole 身份证 (normalised) */
	DX_FIND_VILLAGE = 1 << 4, /* a village's name, or a part of it */
};
/* Households under `area` (a canonical prefix) matching text in any of
 * the ways in `how`, by area and 户编号. */
int dx_store_hh_find(struct dx_store *st, const char *area, const char *text, unsigned how,
		     int (*fn)(const struct dx_hh_brief *, void *), void *arg);

/* The household with 户编号 hh_no under the area prefix `area` ('' for
 * every area): its id, hh_no and area_code only (the rest of *out zero) --
 * one look-up of the hh_no index, for the record's route, which has the
 * exact key; DX_NOT_FOUND when there is none there. */
int dx_store_hh_in_area(struct dx_store *st, const char *area, const char *hh_no,
			struct dx_hh_brief *out);

/* The household's own row with its derived columns; DX_NOT_FOUND. */
struct dx_hh_full {
	struct dx_household h;
	int members;        /* counted members (household.members) */
	int registered;     /* current registered members: not read here (0); the
			       record counts them among the members it reads */
	char head[64];
	char village[96], township[96], county[96];
	unsigned has; /* DX_HH_HAS_* bits: which of its lists may have rows
			 (household.lists, schema v19: a bit is set when a
			 row is given, and stays) */
};
/* The household's lists that may have rows (household.lists: most
 * households have none of them, and the record reads only those whose
 * bit is set; the values are the schema's, never renumbered). */
enum {
	DX_HH_HAS_EPISODES = 1 << 0,
	DX_HH_HAS_CASES = 1 << 1,
	DX_HH_HAS_MEASURES = 1 << 2,
	DX_HH_HAS_VISITS = 1 << 3,
	DX_HH_HAS_WARNINGS = 1 << 4,
	DX_HH_HAS_CLUES = 1 << 5,
	DX_HH_HAS_PERIODS = 1 << 6, /* membership periods in the household */
};
int dx_store_hh_full(struct dx_store *st, int64_t id, struct dx_hh_full *out);
/* The same row found by 户编号 under the area prefix `area` ('' for every
 * area), as dx_store_hh_in_area finds it: one statement for both, on the
 * record's route; DX_NOT_FOUND when there is none there. */
int dx_store_hh_full_in_area(struct dx_store *st, const char *area, const char *hh_no,
			     struct dx_hh_full *out);

/* A member of the household, past or present, with their time in it. */
struct dx_hh_member {
	struct dx_person p;
	char joined_on[11]; /* "" = since before the records */
	char left_on[11];   /* "" = a member now */
	char reason[16];    /* why they left */
	char moved_to[32];  /* 户编号 they moved to, if they did */
	int has_periods;    /* membership periods recorded for them, in any
			       household (0: in person.household_id all along) */
	int has_audit;      /* audit rows about them (entity person) */
};
/* Current members first (户主 first), then former ones. */
int dx_store_hh_members(struct dx_store *st, int64_t household_id,
			int (*fn)(const struct dx_hh_member *, void *), void *arg);
/* The same for the household whose row is hh (dx_store_hh_full): its
 * periods are not looked for when the row says it has none. */
int dx_store_hh_full_members(struct dx_store *st, const struct dx_hh_full *hh,
			     int (*fn)(const struct dx_hh_member *, void *), void *arg);

/* Income rows of the household, by year. */
int dx_store_hh_incomes(struct dx_store *st, int64_t household_id,
			int (*fn)(const struct dx_income_row *, void *), void *arg);
/* Visits of the household, by date. */
int dx_store_hh_visits(struct dx_store *st, int64_t household_id,
		       int (*fn)(const struct dx_visit *, void *), void *arg);

/* A department warning matched to the household. */
struct dx_hh_warning {
	int64_t id;
	char department[32], event[96], period[16], occurred_on[11];
	char name[64];
	int64_t amount;
	int64_t clue_id;
	char result[64], verified_on[11];
};
int dx_store_hh_warnings(struct dx_store *st, int64_t household_id,
			 int (*fn)(const struct dx_hh_warning *, void *), void *arg);

/* Ids of the household's clues and cases, oldest first (read each with
 * dx_store_clue_get / dx_store_case_get). */
int dx_store_hh_clue_ids(struct dx_store *st, int64_t household_id,
			 int (*fn)(int64_t, void *), void *arg);
int dx_store_hh_case_ids(struct dx_store *st, int64_t household_id,
			 int (*fn)(int64_t, void *), void *arg);

/* An audit row about the household or anything of it: the household
 * itself (by 户编号, or the id run an import created it in) and each of
 * `keys` (entity "person", "episode", "clue", "case", "measure" or
 * "visit" and its id: the record gives its members past and present,
 * episodes, clues, cases, measures and visits), to fn in id order, each
 * row once. */
struct dx_hh_audit {
	int64_t id;
	const char *at, *actor, *action, *entity, *key, *before, *after; /* during the call */
};
struct dx_audit_key {
	const char *entity; /* a literal */
	int64_t id;
};
int dx_store_hh_audit(struct dx_store *st, int64_t household_id, const char *hh_no,
		      const struct dx_audit_key *keys, size_t nkeys,
		      int (*fn)(const struct dx_hh_audit *, void *), void *arg);

#endif
