/*
 * strbuf.c - growable strings (see strbuf.h for the invariants).
 */
#include "core/dx.h"
#include "core/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char dx_buf_empty[1];

void dx_buf_init(struct dx_buf *b, size_t max)
{
	b->buf = dx_buf_empty;
	b->len = b->alloc = 0;
	b->max = max;
	b->err = 0;
}

void dx_buf_release(struct dx_buf *b)
{
	size_t max = b->max;
	if (b->alloc)
		free(b->buf);
	dx_buf_init(b, max);
}

char *dx_buf_detach(struct dx_buf *b, size_t *len)
{
	char *s;
	if (len)
		*len = b->len;
	s = b->alloc ? b->buf : dx_xstrdup("");
	dx_buf_init(b, b->max);
	return s;
}

void dx_buf_reset(struct dx_buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->alloc)
		b->buf[0] = '\0';
}

void dx_buf_grow(struct dx_buf *b, size_t extra)
{
	size_t want;
	if (b->err)
		return;
	if (extra > SIZE_MAX / 2 - b->len ||
	    (b->max && b->len + extra > b->max)) {
		b->err = DX_TOOBIG;
		return;
	}
	want = b->len + extra + 1;
	if (want <= b->alloc)
		return;
	if (want < b->alloc * 2)
		want = b->alloc * 2;
	if (want < 64)
		want = 64;
	b->buf = dx_xrealloc(b->alloc ? b->buf : NULL, want);
	if (!b->alloc)
		b->buf[0] = '\0';
	b->alloc = want;
}

void dx_buf_add_slow(struct dx_buf *b, const void *p, size_t n)
{
	dx_buf_grow(b, n);
	if (b->err)
		return;
	memcpy(b->buf + b->len, p, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void dx_buf_vaddf(struct dx_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	if (b->err)
		return;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->err = DX_INVALID;
		return;
	}
	dx_buf_grow(b, (size_t)n);
	if (b->err)
		return;
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void dx_buf_addf(struct dx_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dx_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

size_t dx_i64_text(int64_t v, char out[24])
{
	char t[24], *p = t + sizeof(t);
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t n;
	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	n = (size_t)(t + sizeof(t) - 1 - p);
	memcpy(out, p, n + 1);
	return n;
}

void dx_buf_add_int(struct dx_buf *b, int64_t v)
{
	char t[24];
	dx_buf_add(b, t, dx_i64_text(v, t));
}

void dx_buf_add_fen(struct dx_buf *b, long long fen)
{
	unsigned long long a = fen < 0 ? 0ULL - (unsigned long long)fen
				       : (unsigned long long)fen;
	dx_buf_addf(b, "%s%llu.%02llu", fen < 0 ? "-" : "", a / 100, a % 100);
}

void dx_buf_setlen(struct dx_buf *b, size_t len)
{
	if (len > b->len || !b->alloc)
		return;
	b->len = len;
	b->buf[len] = '\0';
}
