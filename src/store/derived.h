/*
 * derived.h - household columns the store derives from the members and
 * keeps with triggers: household.members (schema v6, counted members) and
 * household.msum, head_id, head_name (schema v7, what screening reads of
 * the members; bits in store/screen_scan.h).
 *
 * During a bulk load the triggers are dropped (dx_store_bulk_begin) and
 * the loader keeps these columns itself: for a household whose members it
 * all wrote, it sets them from what it wrote (dx_store_member_bits,
 * dx_store_household_set_derived); any other household whose members it
 * touched it marks stale (dx_store_bulk_stale), and dx_store_bulk_end
 * recomputes those from the members.
 */
#ifndef DX_STORE_DERIVED_H
#define DX_STORE_DERIVED_H

#include "core/dx.h"

struct dx_store;
struct dx_person;

/*
 * One member's DX_HHM_* bits (store/screen_scan.h): the C twin of the
 * view person_bits (schema v7), for loaders that fold members in memory.
 * A household's msum is the OR of its members' bits; members counts the
 * members with counted = 1; head_id is the 户主 with the smallest id.
 * test_store checks the twin against the view.
 */
unsigned dx_store_member_bits(const struct dx_person *p);

/* Set household id's derived columns (head_name is read from head_id;
 * head_id 0 = none). */
int dx_store_household_set_derived(struct dx_store *st, int64_t id, int64_t members,
				   unsigned msum, int64_t head_id);

/* A household's derived columns as a loader folded them from the members
 * it is about to insert (head_name = the 户主's name, head_id 0 = none). */
struct dx_derived {
	int64_t members;
	unsigned msum;
	int64_t head_id;
	const char *head_name;
};

/* Insert n households at once with their derived columns d[i] (one
 * statement, like dx_store_person_insert_many); sets each h[i]->id. */
struct dx_household;
int dx_store_household_insert_many(struct dx_store *st, struct dx_household *const *h,
				   const struct dx_derived *d, size_t n);

/* During a bulk load: recompute household id's derived columns from its
 * members when the load ends. */
int dx_store_bulk_stale(struct dx_store *st, int64_t id);

/* Recompute household id's derived columns from its members now. */
int dx_store_refresh_derived_one(struct dx_store *st, int64_t id);

/*
 * Recompute every household's derived columns from its members (about a
 * second per 100k households).  Run inside the caller's transaction when
 * there is one.
 */
int dx_store_refresh_derived(struct dx_store *st);

/*
 * Count the households whose stored derived columns differ from what
 * their members give (0 when the triggers did their work); for tests and
 * `check`-style audits.
 */
int dx_store_derived_stale(struct dx_store *st, int64_t *n);

#endif
