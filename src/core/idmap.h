/*
 * idmap.h - an open-addressing hash from row ids (int64, non-zero) to a
 * 32-bit value: how app/ joins the streams the store hands it without a
 * per-row allocation.
 */
#ifndef DX_IDMAP_H
#define DX_IDMAP_H

#include "core/dx.h"

struct dx_idmap {
	int64_t *keys;
	uint32_t *vals;
	size_t cap, n;
};
#define DX_IDMAP_INIT {NULL, NULL, 0, 0}

/* Make room for n entries without growing again. */
void dx_idmap_reserve(struct dx_idmap *m, size_t n);
/* Set id -> val (id must not be 0). */
void dx_idmap_put(struct dx_idmap *m, int64_t id, uint32_t val);
/* 1 and *val when present, else 0. */
int dx_idmap_get(const struct dx_idmap *m, int64_t id, uint32_t *val);
void dx_idmap_release(struct dx_idmap *m);

#endif
