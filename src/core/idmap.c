/*
 * idmap.c - int64 -> uint32 hash with linear probing, load factor <= 1/2.
 */
#include "core/dx.h"
#include "core/idmap.h"

/* Row ids are dense and mostly arrive in order: the identity hash keeps
 * neighbouring ids in neighbouring slots (cache-friendly), and linear
 * probing absorbs gaps and collisions. */
static size_t slot_of(int64_t id, size_t cap)
{
	return (size_t)id & (cap - 1);
}

static void grow_to(struct dx_idmap *m, size_t cap)
{
	struct dx_idmap t;
	t.cap = cap;
	t.n = 0;
	t.keys = dx_xcalloc(t.cap, sizeof(int64_t));
	t.vals = dx_xcalloc(t.cap, sizeof(uint32_t));
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			dx_idmap_put(&t, m->keys[i], m->vals[i]);
	dx_idmap_release(m);
	*m = t;
}

static void grow(struct dx_idmap *m)
{
	grow_to(m, m->cap ? m->cap * 2 : 1024);
}

void dx_idmap_reserve(struct dx_idmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 1024;
	while (cap < n * 2 + 2)
		cap *= 2;
	if (cap > m->cap)
		grow_to(m, cap);
}

void dx_idmap_put(struct dx_idmap *m, int64_t id, uint32_t val)
{
	size_t i;
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	for (i = slot_of(id, m->cap); m->keys[i] && m->keys[i] != id; i = (i + 1) & (m->cap - 1))
		;
	if (!m->keys[i]) {
		m->keys[i] = id;
		m->n++;
	}
	m->vals[i] = val;
}

int dx_idmap_get(const struct dx_idmap *m, int64_t id, uint32_t *val)
{
	if (!m->cap)
		return 0;
	for (size_t i = slot_of(id, m->cap); m->keys[i]; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == id) {
			*val = m->vals[i];
			return 1;
		}
	}
	return 0;
}

void dx_idmap_release(struct dx_idmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->n = 0;
}
