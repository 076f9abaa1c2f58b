/*
 * idprotect.c - ID numbers sealed at rest in the store (issue 13, a lost
 * laptop; the construction is core/idseal.h's).
 *
 * A store is protected once `dixian protect` has sealed every ID column
 * and written the id_protection row (schema version 14).  From then on
 * the entity modules bind and read those columns through dx_bind_idno
 * and dx_col_idno, which seal and open with the key the process was
 * given (--key-file or DIXIAN_KEY_FILE).  Nothing here depends on the
 * engine: the SQL is the entity modules' portable kind, the key lives in
 * the process, never in the store.
 */
#include "core/dx.h"
#include "core/idseal.h"
#include "store/store_int.h"

#include <sodium.h>

/* the columns that hold an ID number, with the reads and writes that
 * seal them in place (one statement string per table: dx_q caches by
 * address) */
static const struct id_table {
	const char *table, *sql_read, *sql_write;
} id_tables[] = {
	{"person", "SELECT id, id_no FROM person WHERE id_no <> '' ORDER BY id",
	 "UPDATE person SET id_no = ?2 WHERE id = ?1"},
	{"warning", "SELECT id, id_no FROM warning WHERE id_no <> '' ORDER BY id",
	 "UPDATE warning SET id_no = ?2 WHERE id = ?1"},
	{"loan", "SELECT id, id_no FROM loan WHERE id_no <> '' ORDER BY id",
	 "UPDATE loan SET id_no = ?2 WHERE id = ?1"},
	{"relief_application",
	 "SELECT id, id_no FROM relief_application WHERE id_no <> '' ORDER BY id",
	 "UPDATE relief_application SET id_no = ?2 WHERE id = ?1"},
	{"relief_payment", "SELECT id, id_no FROM relief_payment WHERE id_no <> '' ORDER BY id",
	 "UPDATE relief_payment SET id_no = ?2 WHERE id = ?1"},
	{"training", "SELECT id, id_no FROM training WHERE id_no <> '' ORDER BY id",
	 "UPDATE training SET id_no = ?2 WHERE id = ?1"},
};

#define SCHEME "siv-blake2b128-xchacha20/1"

static const char SQL_IDP_GET[] =
	"SELECT kdf, salt, opslimit, memlimit, key_check FROM id_protection WHERE id = 1";
static const char SQL_IDP_PUT[] =
	"INSERT INTO id_protection(id, scheme, kdf, salt, opslimit, memlimit, key_check,"
	" protected_at) VALUES(1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)";

void dx_store_idprot_free(struct dx_store *st)
{
	if (st->idkey)
		sodium_free(st->idkey); /* wipes it */
	st->idkey = NULL;
	sodium_memzero(st->idring, sizeof(st->idring));
	st->idprot = 0;
}

/* The key of the loaded secret for the parameters given, and its check
 * value; DX_KEY if the secret is of the other kind than kdf names. */
static int key_for(const char *kdf, const char *salt, int64_t ops, int64_t mem,
		   struct dx_idkey **out, char check[DX_IDCHECK_LEN])
{
	unsigned char master[DX_IDKEY_BYTES];
	struct dx_idkey *k;
	int rc;
	*out = NULL;
	if ((strcmp(kdf, "argon2id") == 0) != dx_idsecret_is_passphrase())
		return dx_error(DX_KEY, "the key file holds a %s, the store was protected with a %s",
				dx_idsecret_is_passphrase() ? "passphrase" : "key",
				strcmp(kdf, "argon2id") ? "key" : "passphrase");
	if (sodium_init() < 0 || !(k = sodium_malloc(sizeof(*k))))
		return DX_NOMEM;
	if (!(rc = dx_idsecret_master(salt, (unsigned long long)ops, (size_t)mem, master)))
		rc = dx_idkey_derive(master, k);
	sodium_memzero(master, sizeof(master));
	if (rc) {
		sodium_free(k);
		return rc;
	}
	dx_idkey_check(k, check);
	*out = k;
	return DX_OK;
}

int dx_store_idprot_load(struct dx_store *st)
{
	char kdf[16], salt[DX_IDSALT_HEX], want[DX_IDCHECK_LEN], have[DX_IDCHECK_LEN];
	int64_t ops, mem;
	struct dx_stmt *s;
	int rc;
	dx_store_idprot_free(st);
	if (!(s = dx_q(st, SQL_IDP_GET)))
		return DX_DB;
	if ((rc = dx_step(s))) {
		return rc == DX_NOT_FOUND ? DX_OK : rc; /* a plain store */
	}
	dx_col_copy(s, 0, kdf, sizeof(kdf));
	dx_col_copy(s, 1, salt, sizeof(salt));
	ops = dx_col_int(s, 2);
	mem = dx_col_int(s, 3);
	dx_col_copy(s, 4, want, sizeof(want));
	s->drv->reset(s); /* a statement left on a row holds a read open */
	st->idprot = 2;
	if (!dx_idsecret_loaded())
		return DX_OK; /* reads show DX_IDNO_HIDDEN, writes are refused */
	if ((rc = key_for(kdf, salt, ops, mem, &st->idkey, have)))
		return rc;
	if (sodium_memcmp(have, want, DX_IDCHECK_LEN - 1)) {
		dx_store_idprot_free(st);
		return dx_error(DX_KEY, "the key does not match the store's key check value");
	}
	st->idprot = 1;
	return DX_OK;
}

int dx_store_ids_protected(const struct dx_store *st)
{
	return st->idprot;
}

int dx_bind_idno(struct dx_stmt *s, int i, const char *v)
{
	struct dx_store *st = s->st;
	char tok[DX_IDSEAL_TOKEN_MAX];
	int rc;
	if (!st || !st->idprot || !v || !*v)
		return dx_bind_text(s, i, v);
	if (st->idprot != 1) {
		dx_bind_text(s, i, NULL);
		return dx_error(DX_KEY, "ID numbers in this store are sealed: a key file is needed");
	}
	if ((rc = dx_idseal(st->idkey, v, tok))) {
		dx_bind_text(s, i, NULL);
		return rc;
	}
	return dx_bind_text(s, i, tok);
}

int dx_store_seal_idno(struct dx_store *st, const char *v, char *out)
{
	if (!st->idprot || !*v) {
		dx_strlcpy(out, v, DX_IDSEAL_TOKEN_MAX);
		return DX_OK;
	}
	if (st->idprot != 1)
		return dx_error(DX_KEY, "ID numbers in this store are sealed: a key file is needed");
	return dx_idseal(st->idkey, v, out);
}

const char *dx_col_idno(struct dx_stmt *s, int i)
{
	const char *t = dx_col_text(s, i);
	struct dx_store *st = s->st;
	char *out;
	if (!dx_idseal_is_token(t))
		return t;
	if (!st || st->idprot != 1)
		return DX_IDNO_HIDDEN;
	out = st->idring[st->idnext++ % DX_ARRAY_SIZE(st->idring)];
	if (dx_idopen(st->idkey, t, out, sizeof(st->idring[0]))) {
		dx_log(DX_LOG_WARN, "a sealed ID number does not open with this key (altered?)");
		return DX_IDNO_HIDDEN;
	}
	return out;
}

void dx_col_idno_copy(struct dx_stmt *s, int i, char *dst, size_t size)
{
	dx_strlcpy(dst, dx_col_idno(s, i), size);
}

/* ---- dixian protect ---- */

struct idrow {
	int64_t id;
	char id_no[DX_IDSEAL_MAX_PLAIN + 1];
};

/* Seal table t's ID column in place with k; rows sealed added to *n. */
static int seal_table(struct dx_store *st, const struct id_table *t,
		      const struct dx_idkey *k, int64_t *n)
{
	struct idrow *v = NULL;
	size_t len = 0, cap = 0;
	char tok[DX_IDSEAL_TOKEN_MAX];
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, t->sql_read)))
		return DX_DB;
	while ((rc = dx_step(s)) == DX_OK) {
		const char *id_no = dx_col_text(s, 1);
		if (dx_idseal_is_token(id_no))
			continue;
		if (len == cap) {
			cap = cap ? 2 * cap : 1024;
			v = dx_xrealloc(v, cap * sizeof(*v));
		}
		v[len].id = dx_col_int(s, 0);
		if (dx_strlcpy(v[len].id_no, id_no, sizeof(v[len].id_no)) >= sizeof(v[len].id_no)) {
			rc = dx_error(DX_TOOBIG, "%s row %lld: the ID column is too long to seal",
				      t->table, (long long)v[len].id);
			break;
		}
		len++;
	}
	if (rc == DX_NOT_FOUND)
		rc = DX_OK;
	for (size_t j = 0; !rc && j < len; j++) {
		if (!(s = dx_q(st, t->sql_write))) {
			rc = DX_DB;
			break;
		}
		if ((rc = dx_idseal(k, v[j].id_no, tok)))
			break;
		dx_bind_int(s, 1, v[j].id);
		dx_bind_text(s, 2, tok);
		rc = dx_step_done(s);
	}
	*n += (int64_t)len;
	if (v)
		sodium_memzero(v, cap * sizeof(*v));
	free(v);
	return rc;
}

struct protect_ctx {
	const char *kdf, *salt;
	int64_t ops, mem, rows;
	struct dx_idkey *k;
	char check[DX_IDCHECK_LEN];
};

static int protect_txn(struct dx_store *st, void *arg)
{
	struct protect_ctx *c = arg;
	char now[21];
	struct dx_stmt *s;
	int rc;
	c->rows = 0;
	for (size_t i = 0; i < DX_ARRAY_SIZE(id_tables); i++)
		if ((rc = seal_table(st, &id_tables[i], c->k, &c->rows)))
			return rc;
	if (!(s = dx_q(st, SQL_IDP_PUT)))
		return DX_DB;
	dx_store_now(now);
	dx_bind_text(s, 1, SCHEME);
	dx_bind_text(s, 2, c->kdf);
	dx_bind_text(s, 3, c->salt);
	dx_bind_int(s, 4, c->ops);
	dx_bind_int(s, 5, c->mem);
	dx_bind_text(s, 6, c->check);
	dx_bind_text(s, 7, now);
	return dx_step_done(s);
}

int dx_store_protect(struct dx_store *st, int64_t *rows)
{
	char salt[DX_IDSALT_HEX] = "";
	struct protect_ctx c = {0};
	int rc;
	*rows = 0;
	if (st->idprot)
		return dx_error(DX_EXISTS, "the store's ID numbers are already sealed");
	if (!dx_idsecret_loaded())
		return dx_error(DX_KEY, "no key file given");
	if (dx_idsecret_is_passphrase()) {
		dx_idsecret_new_salt(salt);
		c.kdf = "argon2id";
		c.ops = (int64_t)dx_idsecret_default_ops();
		c.mem = (int64_t)dx_idsecret_default_mem();
	} else {
		c.kdf = "raw";
	}
	c.salt = salt;
	if ((rc = key_for(c.kdf, c.salt, c.ops, c.mem, &c.k, c.check)))
		return rc;
	rc = dx_store_txn(st, protect_txn, &c);
	sodium_free(c.k);
	if (rc)
		return rc;
	*rows = c.rows;
	/* the numbers were in pages now free, and in the write-ahead log:
	 * rewrite the file without them */
	if ((rc = st->drv->compact(st))) /* the driver's: store_int.h */
		return rc;
	return dx_store_idprot_load(st);
}
