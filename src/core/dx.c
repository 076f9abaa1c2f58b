/*
 * dx.c - error table, logging and the checked replacements for the
 * functions banned.h forbids.
 */
#include "core/dx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum dx_log_level log_level = DX_LOG_INFO;

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

static void vlog(enum dx_log_level lvl, const char *fmt, va_list ap)
{
	static const char *const names[] = {"debug", "info", "warning", "error"};
	if (lvl < log_level)
		return;
	fprintf(stderr, "dixian: %s: ", names[lvl]);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void dx_log(enum dx_log_level lvl, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(lvl, fmt, ap);
	va_end(ap);
}

int dx_error(int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(DX_LOG_ERROR, fmt, ap);
	va_end(ap);
	return rc;
}

static void die_oom(size_t n)
{
	fprintf(stderr, "dixian: fatal: out of memory allocating %zu bytes\n", n);
	abort();
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
