/*
 * audit.c - appending to the audit trail and walking it (see audit.h):
 * the chain per county, sealing rows from before the chain, and the hash.
 */
#include "core/dx.h"
#include "store/audit.h"
#include "store/store_int.h"

#include <sodium.h>

static void put_field(crypto_generichash_state *h, const char *v)
{
	unsigned char head[5];
	size_t n = v ? strlen(v) : 0;
	head[0] = v ? 'T' : 'N';
	head[1] = (unsigned char)(n >> 24);
	head[2] = (unsigned char)(n >> 16);
	head[3] = (unsigned char)(n >> 8);
	head[4] = (unsigned char)n;
	crypto_generichash_update(h, head, sizeof(head));
	if (n)
		crypto_generichash_update(h, (const unsigned char *)v, n);
}

void dx_audit_hash(const struct dx_audit_row *r, const char *prev, char hex[DX_AUDIT_HASH_HEX])
{
	crypto_generichash_state h;
	unsigned char out[32];
	char seq[24];
	dx_snprintf(seq, sizeof(seq), "%lld", (long long)r->seq);
	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	put_field(&h, r->county);
	put_field(&h, seq);
	put_field(&h, r->at);
	put_field(&h, r->actor);
	put_field(&h, r->action);
	put_field(&h, r->entity);
	put_field(&h, r->key);
	put_field(&h, r->before);
	put_field(&h, r->after);
	put_field(&h, prev ? prev : "");
	crypto_generichash_final(&h, out, sizeof(out));
	sodium_bin2hex(hex, DX_AUDIT_HASH_HEX, out, sizeof(out));
}

static const char SQL_AUDIT_HEAD[] =
	"SELECT seq, hash FROM audit WHERE county_code = ? AND seq IS NOT NULL"
	" ORDER BY seq DESC LIMIT 1";
static const char SQL_AUDIT_UNSEALED[] =
	"SELECT id FROM audit WHERE county_code = ? AND seq IS NULL ORDER BY id";
static const char SQL_AUDIT_ROW[] =
	"SELECT id, county_code, seq, at, actor, action, entity, entity_key, before, after,"
	" coalesce(hash, '') FROM audit WHERE id = ?";
static const char SQL_AUDIT_SEAL[] = "UPDATE audit SET seq = ?, hash = ? WHERE id = ?";
static const char SQL_AUDIT[] =
	"INSERT INTO audit(county_code, at, actor, action, entity, entity_key,"
	" before, after, seq, hash) VALUES(?,?,?,?,?,?,?,?,?,?)";
static const char SQL_AUDIT_WALK[] =
	"SELECT id, county_code, seq, at, actor, action, entity, entity_key, before, after,"
	" coalesce(hash, '') FROM audit"
	" WHERE county_code >= substr(?1, 1, 6) AND county_code < substr(?1, 1, 6) || ':'"
	" ORDER BY county_code, id";

static const char *opt_text(struct dx_stmt *s, int i)
{
	return dx_col_null(s, i) ? NULL : dx_col_text(s, i);
}

/* Fill r from a row of SQL_AUDIT_ROW / SQL_AUDIT_WALK. */
static void read_row(struct dx_stmt *s, struct dx_audit_row *r)
{
	r->id = dx_col_int(s, 0);
	r->county = dx_col_text(s, 1);
	r->seq = dx_col_null(s, 2) ? 0 : dx_col_int(s, 2);
	r->at = dx_col_text(s, 3);
	r->actor = dx_col_text(s, 4);
	r->action = dx_col_text(s, 5);
	r->entity = dx_col_text(s, 6);
	r->key = dx_col_text(s, 7);
	r->before = opt_text(s, 8);
	r->after = opt_text(s, 9);
	r->hash = dx_col_text(s, 10);
}

/*
 * The head of county's chain (its last seq and hash) into *seq and head,
 * chaining first the rows from before the chain existed when the county
 * has no chained row yet.  Rows without a seq in a county that has a chain
 * are left alone: they were inserted by hand, and `audit verify` names
 * them.  Runs inside the caller's write transaction.
 */
static int chain_head(struct dx_store *st, const char *county, int64_t *seq,
		      char head[DX_AUDIT_HASH_HEX])
{
	struct dx_stmt *s;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;
	*seq = 0;
	head[0] = '\0';
	if (!(s = dx_q(st, SQL_AUDIT_HEAD)))
		return DX_DB;
	dx_bind_text(s, 1, county);
	if ((rc = dx_step(s)) == DX_OK) {
		*seq = dx_col_int(s, 0);
		dx_strlcpy(head, dx_col_text(s, 1), DX_AUDIT_HASH_HEX);
	}
	s->drv->reset(s);
	if (rc != DX_NOT_FOUND)
		return rc;
	/* no chain yet: seal the county's earlier rows, oldest first */
	if (!(s = dx_q(st, SQL_AUDIT_UNSEALED)))
		return DX_DB;
	dx_bind_text(s, 1, county);
	while ((rc = dx_step(s)) == DX_OK) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = dx_xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = dx_col_int(s, 0);
	}
	s->drv->reset(s);
	if (rc != DX_NOT_FOUND) {
		free(ids);
		return rc;
	}
	rc = DX_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		struct dx_audit_row r;
		char hex[DX_AUDIT_HASH_HEX];
		struct dx_stmt *u;
		if (!(s = dx_q(st, SQL_AUDIT_ROW))) {
			rc = DX_DB;
			break;
		}
		dx_bind_int(s, 1, ids[i]);
		if ((rc = dx_step(s)))
			break;
		read_row(s, &r);
		r.seq = *seq + 1;
		dx_audit_hash(&r, head, hex);
		s->drv->reset(s);
		if (!(u = dx_q(st, SQL_AUDIT_SEAL))) {
			rc = DX_DB;
			break;
		}
		dx_bind_int(u, 1, r.seq);
		dx_bind_text(u, 2, hex);
		dx_bind_int(u, 3, ids[i]);
		if ((rc = dx_step_done(u)))
			break;
		*seq = r.seq;
		memcpy(head, hex, DX_AUDIT_HASH_HEX);
	}
	free(ids);
	return rc;
}

int dx_audit_action_valid(const char *action)
{
	size_t subject = strspn(action, "abcdefghijklmnopqrstuvwxyz_"), verb;
	if (!subject || action[subject] != '.')
		return 0;
	verb = strspn(action + subject + 1, "abcdefghijklmnopqrstuvwxyz_");
	return verb && !action[subject + 1 + verb];
}

const char *dx_audit_action_current(const char *entity, const char *action)
{
	static const struct {
		const char *entity, *old, *now;
	} legacy[] = {
		{"measure", "insert", "measure.add"},
		{"measure", "update", "measure.update"},
		{"visit", "insert", "visit.add"},
		{"warning", "threshold", "warning.record"},
		{"warning_feedback", "export_unmasked", "export.unmasked"},
		{"county", "generate", "demo.generate"},
	};
	for (size_t i = 0; entity && action && i < DX_ARRAY_SIZE(legacy); i++)
		if (!strcmp(entity, legacy[i].entity) && !strcmp(action, legacy[i].old))
			return legacy[i].now;
	return action;
}

/* The read of the chain's head and the insert share one write
 * transaction, so two writers appending to one county queue on the write
 * lock and never fork the chain (the unique index audit_chain would
 * refuse a second row with the same seq anyway).  A transaction that
 * appends again to the county it last appended to knows the head already
 * (the row it wrote: no other writer's row can come between, as above),
 * so an import's hundreds of audit rows cost one statement each, not two
 * (issue 16). */
static int append(struct dx_store *st, const char *county, const char *actor,
		  const char *action, const char *entity, const char *key, const char *before,
		  const char *after)
{
	char now[21], hex[DX_AUDIT_HASH_HEX], head[DX_AUDIT_HASH_HEX];
	struct dx_audit_row r;
	struct dx_stmt *s;
	int64_t seq;
	int rc;
	if (!action || !dx_audit_action_valid(action)) {
		dx_log(DX_LOG_ERROR, "audit action '%s' is not subject.verb", action ? action : "");
		return DX_USAGE;
	}
	if (st->audit_txn == st->txn_serial && st->txn_depth &&
	    !strcmp(st->audit_county, county)) {
		seq = st->audit_seq;
		memcpy(head, st->audit_hash, DX_AUDIT_HASH_HEX);
	} else if ((rc = chain_head(st, county, &seq, head))) {
		return rc;
	}
	dx_store_now(now);
	r = (struct dx_audit_row){.county = county, .seq = seq + 1, .at = now,
				  .actor = actor, .action = action, .entity = entity,
				  .key = key, .before = before, .after = after};
	dx_audit_hash(&r, head, hex);
	if (!(s = dx_q(st, SQL_AUDIT)))
		return DX_DB;
	dx_bind_static(s, 1, county);
	dx_bind_static(s, 2, now);
	dx_bind_static(s, 3, actor);
	dx_bind_static(s, 4, action);
	dx_bind_static(s, 5, entity);
	dx_bind_static(s, 6, key);
	dx_bind_static(s, 7, before);
	dx_bind_static(s, 8, after);
	dx_bind_int(s, 9, r.seq);
	dx_bind_static(s, 10, hex);
	if ((rc = dx_step_done(s))) {
		st->audit_txn = 0;
		return rc;
	}
	st->audit_txn = st->txn_serial;
	dx_strlcpy(st->audit_county, county, sizeof(st->audit_county));
	st->audit_seq = r.seq;
	memcpy(st->audit_hash, hex, DX_AUDIT_HASH_HEX);
	return DX_OK;
}

int dx_store_audit(struct dx_store *st, const char *county, const char *actor,
		   const char *action, const char *entity, const char *key,
		   const char *before, const char *after)
{
	int rc;
	if (st->txn_depth)
		return append(st, county, actor, action, entity, key, before, after);
	if ((rc = dx_store_begin(st)))
		return rc;
	if ((rc = append(st, county, actor, action, entity, key, before, after))) {
		dx_store_rollback(st);
		return rc;
	}
	return dx_store_commit(st);
}

int dx_store_audit_walk(struct dx_store *st, const char *area,
			int (*fn)(const struct dx_audit_row *, void *), void *arg)
{
	struct dx_stmt *s;
	struct dx_audit_row r;
	int rc;
	if (!(s = dx_q(st, SQL_AUDIT_WALK)))
		return DX_DB;
	dx_bind_text(s, 1, area ? area : "");
	while ((rc = dx_step(s)) == DX_OK) {
		read_row(s, &r);
		if ((rc = fn(&r, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}
