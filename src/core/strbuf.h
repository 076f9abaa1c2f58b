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
void dx_buf_add(struct dx_buf *b, const void *p, size_t n);
void dx_buf_adds(struct dx_buf *b, const char *s);
void dx_buf_addch(struct dx_buf *b, int c);
void dx_buf_addf(struct dx_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void dx_buf_vaddf(struct dx_buf *b, const char *fmt, va_list ap);
/* Append fen as yuan with two decimals, e.g. 123456 -> "1234.56". */
void dx_buf_add_fen(struct dx_buf *b, long long fen);
void dx_buf_setlen(struct dx_buf *b, size_t len);

#endif
