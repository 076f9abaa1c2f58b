/*
 * policy_store.h - the stored policy settings (table `policy`): one row per
 * key, area prefix, year and effective date, as `policy set` writes them.
 *
 * Resolution (which row is in force) is the pure dx_policy_resolve() of
 * src/policy/params.h; the store only lists candidates and writes rows.
 */
#ifndef DX_STORE_POLICY_STORE_H
#define DX_STORE_POLICY_STORE_H

#include "core/dx.h"

struct dx_store;

/* One stored setting.  Strings are valid only during the callback. */
struct dx_policy_row {
	int64_t id;
	const char *area_prefix; /* "" = everywhere */
	int year;                /* 0 = every year */
	const char *key;
	const char *value;
	const char *effective_from; /* "" = from the start */
	const char *set_by;
	const char *set_at;
};

/*
 * Call fn for every setting that may matter for `area` (a canonical
 * prefix, "" = everywhere) in `year`: the settings of the area's own
 * prefixes (the area itself and its ancestors) and, when `subtree` is
 * set, of areas under it, for `year` or year 0 (`year` 0: every year).
 * Rows come in the order they were first written (id order), which is the
 * tie-break order dx_policy_resolve() expects.  A non-zero return from fn
 * stops the scan and is returned.
 */
int dx_store_policy_rows(struct dx_store *st, const char *area, int year,
			 int subtree,
			 int (*fn)(const struct dx_policy_row *, void *),
			 void *arg);

/*
 * Write the setting (area_prefix, year, key, effective_from) = value, set
 * by `actor`, replacing the value of an existing row with the same four
 * coordinates.  The previous value of that row (if any) is copied into
 * old (size bytes) and *had_old set to 1; else old is "" and *had_old 0.
 * The caller validates the value and writes the audit row in the same
 * transaction.
 */
int dx_store_policy_put(struct dx_store *st, const char *area_prefix,
			int year, const char *key, const char *value,
			const char *effective_from, const char *actor,
			char *old, size_t size, int *had_old);

#endif
