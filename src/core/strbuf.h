/*
 * strbuf.h - growable strings with git's invariants.
 *
 * `buf` is never NULL and always NUL-terminated (it points at a static empty
 * string until the first append).  A per-instance cap (`max`, 0 = none) turns
 * oversized input into DX_TOOBIG instead of an allocation (curl's dynbuf).
 * The first error is kept in `err` and later appends are ignored, so builders
 * stay linear and check once at the end.
 */
#ifndef DX_STRBUF_H
#define DX_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct dx_buf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t max; /* 0 = unlimited */
	int err;
};

extern char dx_buf_empty[];
#define DX_BUF_INIT {dx_buf_empty, 0, 0, 0, 0}

void dx_buf_init(struct dx_buf *b, size_t max);
/* Free the contents; b is re-initialised and may be reused. */
void dx_buf_release(struct dx_buf *b);
/* Hand the string to the caller, who frees it with free(); b is reset. */
char *dx_buf_detach(struct dx_buf *b, size_t *len);
void dx_buf_reset(struct dx_buf *b);
void dx_buf_grow(struct dx_buf *b, size_t extra);
/* dx_buf_add when the room is not there yet (or an error is kept). */
void dx_buf_add_slow(struct dx_buf *b, const void *p, size_t n);

/* The appends, inline for their common case: the room is there, no cap
 * is reached and no error kept (a JSON answer is a few thousand of them,
 * most a byte or a word). */
static inline void dx_buf_add(struct dx_buf *b, const void *p, size_t n)
{
	if (n < b->alloc - b->len && !b->err && (!b->max || n <= b->max - b->len)) {
		memcpy(b->buf + b->len, p, n);
		b->len += n;
		b->buf[b->len] = '\0';
	} else {
		dx_buf_add_slow(b, p, n);
	}
}

static inline void dx_buf_adds(struct dx_buf *b, const char *s)
{
	dx_buf_add(b, s, strlen(s));
}

static inline void dx_buf_addch(struct dx_buf *b, int c)
{
	if (1 < b->alloc - b->len && !b->err && (!b->max || b->len < b->max)) {
		b->buf[b->len++] = (char)c;
		b->buf[b->len] = '\0';
	} else {
		char ch = (char)c;
		dx_buf_add_slow(b, &ch, 1);
	}
}
void dx_buf_addf(struct dx_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void dx_buf_vaddf(struct dx_buf *b, const char *fmt, va_list ap);
/* v in decimal into out, NUL-terminated, as "%lld" writes it; its length.
 * By hand rather than through printf: a bulk load, the JSON writers and
 * the access log call it millions of times. */
size_t dx_i64_text(int64_t v, char out[24]);
/* Append v in decimal (dx_i64_text). */
void dx_buf_add_int(struct dx_buf *b, int64_t v);
/* Append fen as yuan with two decimals, e.g. 123456 -> "1234.56". */
void dx_buf_add_fen(struct dx_buf *b, long long fen);
void dx_buf_setlen(struct dx_buf *b, size_t len);

#endif
