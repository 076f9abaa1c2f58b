/*
 * audit.h - the tamper-evident audit trail (issue 13): every audit row
 * carries its place in its county's chain (seq 1, 2, 3 ...) and a hash of
 * itself and of the previous row's hash (libsodium crypto_generichash,
 * BLAKE2b-256, over dx_audit_hash's canonical serialisation).  Editing a
 * row breaks its hash, deleting one leaves a gap in seq, inserting one
 * (by hand, without the program) has no valid hash: `dixian audit verify`
 * (app/audit_verify.c) walks the chains and names the first such row.
 *
 * The hash has no key: it shows a careless or casual edit, not one by
 * somebody who recomputes every later hash; and deleting the newest rows
 * leaves a shorter chain that is still valid.  The chain head hash that
 * `audit verify` prints, written down or kept in a backup, catches both.
 *
 * Rows written before the chain existed (schema before the migration that
 * added seq and hash) are chained on first use: the first audit row a
 * county appends after the upgrade first numbers and hashes the county's
 * earlier rows, in the same transaction (dx_store_audit).  Until then they
 * are reported as not yet chained, not as tampered.
 */
#ifndef DX_STORE_AUDIT_H
#define DX_STORE_AUDIT_H

#include "store/store.h"

#include <stdint.h>

#define DX_AUDIT_HASH_HEX 65 /* 64 hex digits and NUL */

/* One audit row as the chain sees it (the strings belong to the store and
 * last until the callback returns; before/after may be NULL). */
struct dx_audit_row {
	int64_t id;
	const char *county;
	int64_t seq;  /* 0 = not chained (NULL) */
	const char *at, *actor, *action, *entity, *key;
	const char *before, *after;
	const char *hash; /* hex, "" when not chained */
};

/*
 * The hash of row r after the previous row's hash prev (hex; "" for the
 * first row of a chain) into hex: BLAKE2b-256 of the fields county, seq,
 * at, actor, action, entity, key, before, after and prev, each written as
 * one tag byte ('N' NULL, 'T' text), a 4-byte big-endian length and the
 * bytes.  The id is not hashed: a copy renumbered by a restore still
 * verifies.
 */
void dx_audit_hash(const struct dx_audit_row *r, const char *prev, char hex[DX_AUDIT_HASH_HEX]);

/*
 * The audit vocabulary: an action is `subject.verb`, both lower-case
 * ASCII words ([a-z_]+), the subject naming what changed (`case`,
 * `measure`) or the kind of act (`import`, `export`, `demo`).  1 if action
 * is such a word.  dx_store_audit refuses others.
 */
int dx_audit_action_valid(const char *action);
/*
 * Rows are never rewritten (the chain hashes the action), so rows written
 * before the vocabulary keep their old words.  A reader that selects or
 * shows actions passes a row's (entity, action) through this: the
 * current word for an old one (measure insert/update -> measure.add /
 * measure.update, visit insert -> visit.add, warning threshold ->
 * warning.record, warning_feedback export_unmasked -> export.unmasked,
 * county generate -> demo.generate), else action itself.
 */
const char *dx_audit_action_current(const char *entity, const char *action);

/* Every audit row of the counties under `area` (a code prefix, "" = all),
 * by county, then id (the order rows were appended).  fn's non-zero
 * return stops the walk and is returned. */
int dx_store_audit_walk(struct dx_store *st, const char *area,
			int (*fn)(const struct dx_audit_row *, void *), void *arg);

#endif
