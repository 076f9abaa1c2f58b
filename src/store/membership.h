/*
 * membership.h - who was a member of which household when (issue 11,
 * schema v9): the periods `person add|leave|move` record, the current
 * state they leave on the person row, and the as-of corrections the
 * report reads.
 *
 * The rule (store_sqlite.c, schema v9): a person with no membership row
 * has been a member of person.household_id all along, as far as the store
 * knows (what every ledger import gives).  Once a person joins, leaves or
 * moves, their whole history is in membership: each period is a member
 * from from_on ("" = since before the records) up to the day before to_on
 * ("" = still a member).  person.left_on is set while a person is a member
 * of no household; the household columns derived from the members
 * (members, msum, head_*) count current members only.
 */
#ifndef DX_STORE_MEMBERSHIP_H
#define DX_STORE_MEMBERSHIP_H

#include "store/store.h"

struct dx_membership {
	int64_t id;
	int64_t person_id;
	int64_t household_id;
	char from_on[11]; /* "" = since before the records */
	char to_on[11];   /* "" = still a member */
	char reason[16];  /* why the period ended: 死亡 迁出 婚嫁 服刑 其他 户间迁移 */
	char hh_no[32];   /* read only: the household's 户编号 */
};

/* A person's periods, oldest first (none for a person whose membership
 * never changed). */
int dx_store_membership_list(struct dx_store *st, int64_t person_id,
			     int (*fn)(const struct dx_membership *, void *), void *arg);
/* Append a period (county from the household); sets m->id. */
int dx_store_membership_insert(struct dx_store *st, struct dx_membership *m);
/* End period `id` on to_on with reason. */
int dx_store_membership_close(struct dx_store *st, int64_t id, const char *to_on,
			      const char *reason);
/* Put person `id` in household_id as a current member (left_on "" ) or
 * mark them gone since left_on; the derived household columns follow
 * (triggers). */
int dx_store_person_place(struct dx_store *st, int64_t id, int64_t household_id,
			  const char *left_on);
/* The day person `id` left ("" = a current member). */
int dx_store_person_left_on(struct dx_store *st, int64_t id, char out[11]);

/*
 * As-of member counts: for every household of `county` whose members on
 * `as_of` differ from its current ones, fn(household_id, counted,
 * registered, arg) with the differences: counted members on as_of less
 * household.members, and registered members on as_of less the person rows
 * that name the household (dx_store_scan_persons' count, which keeps
 * those who left).
 * Only people with recorded history can differ, so this reads the
 * membership table alone.  `county` may also be a shorter prefix (a
 * province or city, "" = every county): the households of all its
 * counties in one pass.
 */
int dx_store_membership_delta(struct dx_store *st, const char *county, const char *as_of,
			      int (*fn)(int64_t household_id, int counted, int registered, void *),
			      void *arg);

/* The household person `id` was a member of on day `on` into
 * *household_id (0 = none). */
int dx_store_member_on(struct dx_store *st, int64_t id, const char *on, int64_t *household_id);
/*
 * The household record's counted members of each year in one query
 * instead of one dx_store_member_on per member and year: counts[k] = how
 * many of household_id's counted members (those dx_store_hh_members
 * lists with counted set) were its members on days[k] by
 * dx_store_member_on's rule.  ndays at most DX_COUNTED_DAYS_MAX.
 */
#define DX_COUNTED_DAYS_MAX 64
int dx_store_hh_counted_on(struct dx_store *st, int64_t household_id, const char (*days)[11],
			   size_t ndays, int *counts);

/*
 * The year's 自然增减 of monitored households under `area` for events
 * dated from `from` to `to` (ISO, inclusive); see report.c for how the
 * report words them.  A household is monitored on a day when an episode
 * identified on or before that day covers it (not ended by a rollback).
 *  - added: people who became members (person add, or moved in) of a
 *    household already monitored on the day they joined
 *  - left / left_households: people whose membership of a household
 *    monitored on that day ended (死亡, 迁出, ... or moved out), and the
 *    households they left
 *  - included / included_persons: households identified (a new episode)
 *    in the period, with their members on `to`
 *  - eliminated / eliminated_persons: households whose risk was marked
 *    eliminated in the period (and not rolled back by `to`), with their
 *    members on `to`
 * Persons are all registered members, counted or not (the reports count
 * registered people).  recorded is 0 when no household under area has
 * any membership change on record (ledger imports alone): the store then
 * cannot tell 自然增减, and a report should not claim it was zero.
 */
struct dx_natural_change {
	int recorded;
	long included, included_persons;
	long added;
	long left_households, left;
	long eliminated, eliminated_persons;
};
int dx_store_natural_change(struct dx_store *st, const char *area, const char *from,
			    const char *to, struct dx_natural_change *out);

/*
 * The households behind dx_store_natural_change's included (which =
 * DX_NC_INCLUDED) or eliminated (DX_NC_ELIMINATED) for the same area and
 * period, by 户编号, each with its registered members on `to` (what the
 * count adds to *_persons): the same SQL, so a list has exactly as many
 * households as the figure.  The strings are valid during the call only;
 * a non-zero return of fn stops the walk and is returned.
 */
enum dx_nc_which { DX_NC_INCLUDED, DX_NC_ELIMINATED };
struct dx_nc_household {
	const char *hh_no, *head_name, *area_code;
	const char *township, *village; /* names; "" if unknown */
	long persons;
};
int dx_store_natural_change_each(struct dx_store *st, const char *area, const char *from,
				 const char *to, enum dx_nc_which which,
				 int (*fn)(const struct dx_nc_household *, void *), void *arg);

#endif
