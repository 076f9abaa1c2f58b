/*
 * memo.c - a connection's memo of built answers (see memo.h).
 *
 * Every entry was read under one stamp, the memo's own: the first call
 * that finds the store's stamp moved empties the memo, so nothing stale
 * is ever kept, let alone given.  Entries sit in a table of slots by the
 * key's hash; a key landing on a taken slot replaces its entry, and an
 * answer that would take the memo over DX_MEMO_BYTES empties it first.
 *
 * An answer is kept only when its key is asked for a second time while
 * the last key seen on its slot (a door-keeper, as in TinyLFU): a stream
 * of keys each asked once -- a list walked household by household --
 * then costs a hash each instead of a copy each, and does not push out
 * the answers that are asked again.
 */
#include "core/dx.h"
#include "store/memo.h"
#include "store/store_int.h"

#define MEMO_SLOTS 4096 /* a power of two */
#define MEMO_KEY_MAX 96
#define MEMO_TAG_MAX 16

struct dx_memo {
	int64_t stamp[2]; /* what every entry was read under */
	size_t bytes;     /* of data, all entries */
	size_t count;     /* entries: an empty memo is not walked to empty it */
	struct memo_entry {
		char key[MEMO_KEY_MAX];
		char tag[MEMO_TAG_MAX];
		char *data; /* NULL: the slot is free */
		size_t n;
	} e[MEMO_SLOTS];
	uint32_t seen[MEMO_SLOTS]; /* the hash of the key last missed on each slot */
};

static void memo_empty(struct dx_memo *m)
{
	for (size_t i = 0; m->count && i < MEMO_SLOTS; i++)
		if (m->e[i].data) {
			free(m->e[i].data);
			m->e[i].data = NULL;
			m->count--;
		}
	m->bytes = 0;
}

void dx_store_memo_free(struct dx_store *st)
{
	if (!st->memo)
		return;
	memo_empty(st->memo);
	free(st->memo);
	st->memo = NULL;
}

/* FNV-1a: the keys are short and chosen by the store's own callers */
static uint32_t hash_of(const char *key)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

int dx_store_memo_get(struct dx_store *st, const char *key, struct dx_memo_ticket *t,
		      const char **data, size_t *n, const char **tag)
{
	struct dx_memo *m = st->memo;
	struct memo_entry *e;
	uint32_t h;
	memset(t, 0, sizeof(*t));
	if (strlen(key) >= MEMO_KEY_MAX || dx_store_change_stamp(st, t->stamp))
		return DX_NOT_FOUND;
	if (!m && !(m = st->memo = calloc(1, sizeof(*m))))
		return DX_NOT_FOUND;
	if (m->stamp[0] != t->stamp[0] || m->stamp[1] != t->stamp[1]) {
		memo_empty(m);
		m->stamp[0] = t->stamp[0];
		m->stamp[1] = t->stamp[1];
	}
	h = hash_of(key);
	e = &m->e[h & (MEMO_SLOTS - 1)];
	if (!e->data || strcmp(e->key, key)) {
		/* asked before: kept once read; else remembered as asked */
		uint32_t *seen = &m->seen[h & (MEMO_SLOTS - 1)];
		t->ok = *seen == h;
		*seen = h;
		return DX_NOT_FOUND;
	}
	*data = e->data;
	*n = e->n;
	*tag = e->tag;
	return DX_OK;
}

void dx_store_memo_put(struct dx_store *st, const struct dx_memo_ticket *t, const char *key,
		       const char *tag, const void *data, size_t n)
{
	struct dx_memo *m = st->memo;
	struct memo_entry *e;
	char *copy;
	/* an answer over a sixty-fourth of the memo is not kept: it would
	 * push out dozens of usual ones */
	if (!t->ok || !m || m->stamp[0] != t->stamp[0] || m->stamp[1] != t->stamp[1] ||
	    strlen(key) >= MEMO_KEY_MAX || strlen(tag) >= MEMO_TAG_MAX || n > DX_MEMO_BYTES / 64)
		return;
	e = &m->e[hash_of(key) & (MEMO_SLOTS - 1)];
	if (e->data) {
		m->bytes -= e->n;
		m->count--;
		free(e->data);
		e->data = NULL;
	}
	if (m->bytes + n > DX_MEMO_BYTES)
		memo_empty(m);
	if (!(copy = malloc(n ? n : 1)))
		return;
	memcpy(copy, data, n);
	dx_strlcpy(e->key, key, sizeof(e->key));
	dx_strlcpy(e->tag, tag, sizeof(e->tag));
	e->data = copy;
	e->n = n;
	m->bytes += n;
	m->count++;
}
