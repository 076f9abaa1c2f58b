/*
 * household_record.h - the household record (户档案, issue 11) as one
 * model, built once for every front end: `dixian household show` renders
 * it as text or JSON (io/household_out.h), the HTTP API will serve the
 * same JSON.  And `household find`, the search a cadre starts from.
 *
 * What a reader sees follows the actor: households in the actor's scope
 * only; 身份证号 and phone numbers masked unless dx_actor_may_unmask().
 * Without an actor (NULL) the read acts as the store's local owner: the
 * whole store, masked.
 */
#ifndef DX_APP_HOUSEHOLD_RECORD_H
#define DX_APP_HOUSEHOLD_RECORD_H

#include "app/account.h"
#include "core/date.h"
#include "policy/income.h"
#include "store/hhrecord.h"
#include "store/procedure.h"

/* One year of income with the figures policy/income.c computes. */
struct dx_hr_income {
	struct dx_income_row row;
	int members;     /* counted members on the year's last day */
	int computed;    /* 0: no counted member, no per-capita figures */
	struct dx_income_result r;
	int64_t line;    /* the monitoring line in force that year (fen) */
	int below_line;  /* tested per-capita income below it */
};

struct dx_hr_case {
	struct dx_case_row c;
	struct dx_step_row steps[16];
	size_t nsteps; /* steps held (a case has at most a dozen) */
};

struct dx_hr_audit {
	int64_t id;
	char at[24], actor[64], action[32], entity[16], key[48];
	char *before, *after; /* JSON text or "" */
};

struct dx_household_record {
	struct dx_date today; /* the day it was read on (the request's): the
				 running year's income counts to it */
	/* set when the key matched several households: choose one (no
	 * record is built then) */
	struct dx_hh_brief *choices;
	size_t nchoices;

	struct dx_hh_full hh;
	int unmasked; /* IDs and phones shown in full */
	struct dx_hh_member *members;
	size_t nmembers;
	struct dx_hr_income *incomes;
	size_t nincomes;
	struct dx_episode *episodes;
	size_t nepisodes;
	struct dx_hr_case *cases;
	size_t ncases;
	struct dx_measure *measures;
	size_t nmeasures;
	struct dx_visit *visits;
	size_t nvisits;
	struct dx_hh_warning *warnings;
	size_t nwarnings;
	struct dx_clue_row *clues;
	size_t nclues;
	struct dx_hr_audit *audit;
	size_t naudit;
};

/*
 * Build the record of the household `key` names: its 户编号, a member's
 * 身份证号 (a former member's finds the household they were in last), or a
 * member's name, within `area` (NULL/"" = the actor's scope).  When a
 * name matches several households, out->choices lists them and nothing
 * else is filled.  `today` is the request's day.  DX_NOT_FOUND (with why)
 * when nothing matches.  Masked unless `unmasked`, as
 * dx_household_record_get: full numbers only for an account allowed them,
 * the read audited (household.read_unmasked) before anything is built;
 * anyone else, the local owner included, is DX_DENIED.  Release with
 * dx_household_record_release().
 */
int dx_household_record(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
			const char *key, const char *area, int unmasked,
			struct dx_household_record *out, struct dx_buf *why);
void dx_household_record_release(struct dx_household_record *r);

/*
 * The record of the household with 户编号 hh_no exactly (the API's read:
 * no ID numbers or names as keys, since keys travel in URLs), within the
 * actor's scope; one outside it is DX_NOT_FOUND with the same message as
 * one that does not exist.  Masked unless `unmasked`: then an actor allowed
 * to see full numbers (dx_actor_may_unmask) gets them and the read is
 * audited (household.read_unmasked) before anything is built; anyone else
 * is DX_DENIED.
 */
int dx_household_record_get(struct dx_store *st, const struct dx_actor *a,
			    const struct dx_date *today, const char *hh_no, int unmasked,
			    struct dx_household_record *out, struct dx_buf *why);

/*
 * dx_household_record_get's record as the API's JSON
 * (dx_household_record_json_to), appended to out.  A masked record is
 * remembered on st's connection (store/memo.h) under its 户编号 and today,
 * and given again while nothing has been committed since it was read; the
 * actor's scope is checked against the household's area on every use, and
 * one outside it is read again for its answer.  An unmasked one, audited,
 * is always read.
 */
int dx_household_record_json_get(struct dx_store *st, const struct dx_actor *a,
				 const struct dx_date *today, const char *hh_no, int unmasked,
				 struct dx_buf *out, struct dx_buf *why);

/*
 * `household find`: households within `area` (NULL/"" = the actor's
 * scope; actor NULL = the whole store) matching text by 户编号, a member's
 * name, the last 4 or more digits of an ID, or a village's name.  fn gets
 * each, by area and 户编号.
 */
int dx_household_find(struct dx_store *st, const struct dx_actor *a, const char *text,
		      const char *area, int (*fn)(const struct dx_hh_brief *, void *), void *arg,
		      struct dx_buf *why);

/* The monitoring state a list shows for a household: 未纳入监测, or the
 * category with 风险未消除 / 已消除风险. */
void dx_hh_brief_state(const struct dx_hh_brief *b, char *out, size_t size);

#endif
