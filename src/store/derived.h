/*
 * derived.h - household columns the store derives from the members and
 * keeps with triggers: household.members (schema v6, counted members) and
 * household.msum, head_id, head_name (schema v7, what screening reads of
 * the members; bits in store/screen_scan.h).
 *
 * A bulk load that drops the triggers (dx_store_bulk_begin) must call
 * dx_store_refresh_derived() once the rows are in and the triggers back.
 */
#ifndef DX_STORE_DERIVED_H
#define DX_STORE_DERIVED_H

#include "core/dx.h"

struct dx_store;

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
