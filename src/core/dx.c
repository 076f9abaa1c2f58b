/*
 * dx.c - error table, logging and the checked replacements for the
 * functions banned.h forbids.
 */
#include "core/dx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Process-wide configuration set once by main() before any thread: the
 * level and the sink (dx.h). */
static enum dx_log_level log_level = DX_LOG_INFO;
static dx_log_sink *log_sink;
static void *log_sink_arg;

const char *dx_strerror(int rc)
{
	switch (rc) {
#define DX_ERR_STR(name, code, http, desc) \
	case code:                         \
		return desc;
		DX_ERRORS(DX_ERR_STR)
#undef DX_ERR_STR
	}
	return "unknown error";
}

int dx_http_status(int rc)
{
	switch (rc) {
#define DX_ERR_HTTP(name, code, http, desc) \
	case code:                          \
		return http;
		DX_ERRORS(DX_ERR_HTTP)
#undef DX_ERR_HTTP
	}
	return 500;
}

void dx_log_set_level(enum dx_log_level lvl)
{
	log_level = lvl;
}

void dx_log_set_sink(dx_log_sink *fn, void *arg)
{
	log_sink = fn;
	log_sink_arg = arg;
}

const char *dx_log_level_name(enum dx_log_level lvl)
{
	static const char *const names[] = {"debug", "info", "warning", "error"};
	return lvl >= DX_LOG_DEBUG && lvl <= DX_LOG_ERROR ? names[lvl] : "none";
}

/* Format into a bounded buffer (a longer message is cut, never lost) and
 * hand it to the sink. */
static void vlog(enum dx_log_level lvl, const char *fmt, va_list ap)
{
	char msg[1024];
	if (lvl < log_level || !log_sink)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	log_sink(log_sink_arg, lvl, msg);
}

void dx_log(enum dx_log_level lvl, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(lvl, fmt, ap);
	va_end(ap);
}

void dx_log_str(enum dx_log_level lvl, const char *msg)
{
	if (lvl >= log_level && log_sink)
		log_sink(log_sink_arg, lvl, msg);
}

int dx_error(int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(DX_LOG_ERROR, fmt, ap);
	va_end(ap);
	return rc;
}

int dx_err_set(struct dx_err_info *e, int code, const char *fmt, ...)
{
	va_list ap;
	if (!e)
		return code;
	memset(e, 0, sizeof(*e));
	e->code = code;
	e->col = -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int dx_err_detail(struct dx_err_info *e, const char *fmt, ...)
{
	va_list ap;
	if (!e)
		return DX_OK;
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
	va_end(ap);
	return e->code;
}

static void die_oom(size_t n)
{
	dx_log(DX_LOG_ERROR, "fatal: out of memory allocating %zu bytes", n);
	abort();
}

int dx_grow(void *pp, size_t *alloc, size_t need, size_t elem, size_t cap)
{
	void **p = pp, *q;
	size_t n;
	if (need <= *alloc)
		return DX_OK;
	if (need > cap)
		return DX_TOOBIG;
	n = *alloc > cap / 2 ? cap : *alloc ? 2 * *alloc : 16;
	if (n < need)
		n = need;
	if (n > cap)
		n = cap;
	if (!elem || n > SIZE_MAX / elem || !(q = realloc(*p, n * elem)))
		return DX_NOMEM;
	*p = q;
	*alloc = n;
	return DX_OK;
}

void *dx_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom(n);
	return p;
}

void *dx_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom(n * size);
	return p;
}

void *dx_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom(n);
	return q;
}

char *dx_xstrdup(const char *s)
{
	return dx_xstrndup(s, strlen(s));
}

char *dx_xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = dx_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* One pass when src fits (memccpy stops at the NUL): the import copies a
 * few million short cells this way. */
size_t dx_strlcpy(char *dst, const char *src, size_t size)
{
	char *end;
	if (!size)
		return strlen(src);
	if ((end = memccpy(dst, src, '\0', size)))
		return (size_t)(end - dst) - 1;
	dst[size - 1] = '\0';
	return size - 1 + strlen(src + size - 1);
}

int dx_snprintf(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(dst, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size)
		return DX_TOOBIG;
	return DX_OK;
}

int dx_parse_i64(const char *s, int64_t *out)
{
	char *end;
	long long v;
	if (!s || !*s)
		return DX_INVALID;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || end == s)
		return DX_INVALID;
	*out = v;
	return DX_OK;
}
