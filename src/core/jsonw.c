/*
 * jsonw.c - the direct JSON writer (see jsonw.h).  The escaping and the
 * number forms follow cJSON 1.7's print_string_ptr and print_number so
 * that the answer is the one cJSON_PrintUnformatted gave before.
 */
#include "core/dx.h"
#include "core/jsonw.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

void dx_jw_init(struct dx_jw *w, struct dx_buf *b)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
}

static size_t plain_run(const char *s, size_t n);

/* The comma and key before a value at the current depth: the usual
 * short key that needs no escape is copied in place as it is checked, in
 * one pass (a record's answer has hundreds of keys; a strlen, a check and
 * a copy of each were a tenth of its JSON); the key's bytes land past
 * b->len and count only once the whole key turned out plain. */
static void lead(struct dx_jw *w, const char *key)
{
	struct dx_buf *b = w->b;
	int comma = w->more[w->depth];
	w->more[w->depth] = 1;
	if (!key) {
		if (comma)
			dx_buf_addch(b, ',');
		return;
	}
	if (!b->err && !b->max && b->alloc - b->len > 8) {
		char *p = b->buf + b->len, *end = b->buf + b->alloc - 3; /* room for ":\0 */
		const unsigned char *k = (const unsigned char *)key;
		if (comma)
			*p++ = ',';
		*p++ = '"';
		for (; *k && p < end; k++) {
			if (*k < 0x20 || *k == '"' || *k == '\\')
				break;
			*p++ = (char)*k;
		}
		if (!*k) {
			*p++ = '"';
			*p++ = ':';
			*p = '\0';
			b->len = (size_t)(p - b->buf);
			return;
		}
		b->buf[b->len] = '\0'; /* not plain, or no room: as below */
	}
	if (comma)
		dx_buf_addch(b, ',');
	dx_json_quote(b, key);
	dx_buf_addch(b, ':');
}

/* c opens an object or array one level deeper */
static void push(struct dx_jw *w, int c)
{
	dx_buf_addch(w->b, c);
	if (w->depth + 1 >= DX_JW_DEPTH) {
		if (!w->b->err)
			w->b->err = DX_TOOBIG;
		return;
	}
	w->more[++w->depth] = 0;
}

static void jw_open(struct dx_jw *w, const char *key, int c)
{
	lead(w, key);
	push(w, c);
}

static void jw_close(struct dx_jw *w, int c)
{
	dx_buf_addch(w->b, c);
	if (w->depth > 0)
		w->depth--;
}

void dx_jw_obj(struct dx_jw *w, const char *key)
{
	jw_open(w, key, '{');
}

void dx_jw_obj_end(struct dx_jw *w)
{
	jw_close(w, '}');
}

void dx_jw_arr(struct dx_jw *w, const char *key)
{
	jw_open(w, key, '[');
}

void dx_jw_arr_end(struct dx_jw *w)
{
	jw_close(w, ']');
}

/* How many of s[0..n) come before the first byte JSON escapes (a control
 * byte, '"' or '\'), eight at a time: a record's answer is mostly text
 * that needs none, and a byte-by-byte look was a tenth of its CPU. */
static size_t plain_run(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w, q, bs;
		memcpy(&w, s + i, 8);
		q = w ^ (ones * '"');
		bs = w ^ (ones * '\\');
		/* a byte below 0x20, or a zero byte in q or bs (SWAR; exact
		 * for bytes below 0x80, and bytes from 0x80 are never caught:
		 * ~w clears their high bit) */
		if (((w - ones * 0x20) | (q - ones) | (bs - ones)) & ~w & high)
			break;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == '"' || c == '\\')
			break;
	}
	return i;
}

void dx_json_quote(struct dx_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t n;
	if (!s)
		s = "";
	n = strlen(s);
	if (n + 3 < b->alloc - b->len && !b->err && !b->max && plain_run(s, n) == n) {
		/* the usual value: written in place */
		char *p = b->buf + b->len;
		*p++ = '"';
		memcpy(p, s, n);
		p += n;
		*p++ = '"';
		*p = '\0';
		b->len = (size_t)(p - b->buf);
		return;
	}
	dx_buf_addch(b, '"');
	/* bytes that need no escape are copied in runs: UTF-8 text is
	 * copied as it is (cJSON escapes nothing above 0x1f but " and \) */
	for (;;) {
		size_t k = plain_run(s, n);
		unsigned char c;
		char e[6];
		size_t len = 2;
		dx_buf_add(b, s, k);
		if (k == n)
			break;
		c = (unsigned char)s[k];
		e[0] = '\\';
		switch (c) {
		case '"': e[1] = '"'; break;
		case '\\': e[1] = '\\'; break;
		case '\b': e[1] = 'b'; break;
		case '\f': e[1] = 'f'; break;
		case '\n': e[1] = 'n'; break;
		case '\r': e[1] = 'r'; break;
		case '\t': e[1] = 't'; break;
		default:
			e[1] = 'u';
			e[2] = '0';
			e[3] = '0';
			e[4] = hex[c >> 4];
			e[5] = hex[c & 15];
			len = 6;
		}
		dx_buf_add(b, e, len);
		s += k + 1;
		n -= k + 1;
	}
	dx_buf_addch(b, '"');
}

void dx_jw_str(struct dx_jw *w, const char *key, const char *s)
{
	lead(w, key);
	dx_json_quote(w->b, s);
}

/* cJSON's print_number: integers (those equal to the int cJSON keeps)
 * as %d, else 15 significant digits if they read back as the same
 * double, else 17; NaN and infinities as null. */
static void number(struct dx_buf *b, double d)
{
	char t[32];
	if (isnan(d) || isinf(d)) {
		dx_buf_adds(b, "null");
	} else if (d >= -1e15 && d <= 1e15 && d == (double)(int64_t)d &&
	           d >= (double)INT32_MIN && d <= (double)INT32_MAX) {
		dx_buf_addf(b, "%d", (int)d);
	} else {
		double test, big;
		dx_snprintf(t, sizeof(t), "%1.15g", d);
		test = strtod(t, NULL);
		big = fabs(test) > fabs(d) ? fabs(test) : fabs(d);
		if (!(fabs(test - d) <= big * DBL_EPSILON))
			dx_snprintf(t, sizeof(t), "%1.17g", d);
		dx_buf_adds(b, t);
	}
}

/* v as cJSON prints the double (double)v */
static void int_value(struct dx_buf *b, int64_t v)
{
	/* below 1e15 %1.15g prints an integer's digits, as %d does */
	if (v > -1000000000000000LL && v < 1000000000000000LL)
		dx_buf_add_int(b, v);
	else
		number(b, (double)v);
}

void dx_jw_int(struct dx_jw *w, const char *key, int64_t v)
{
	lead(w, key);
	int_value(w->b, v);
}

void dx_jw_num(struct dx_jw *w, const char *key, double v)
{
	lead(w, key);
	number(w->b, v);
}

void dx_jw_bool(struct dx_jw *w, const char *key, int v)
{
	lead(w, key);
	dx_buf_adds(w->b, v ? "true" : "false");
}

void dx_jw_null(struct dx_jw *w, const char *key)
{
	lead(w, key);
	dx_buf_adds(w->b, "null");
}

void dx_jw_raw(struct dx_jw *w, const char *key, const char *json)
{
	lead(w, key);
	dx_buf_adds(w->b, json);
}

/* lead for a DX_JW_K key: k[0..n) is ,"key": -- the comma only after a
 * value at this depth. */
static void klead(struct dx_jw *w, const char *k, size_t n)
{
	if (!w->more[w->depth]) {
		k++;
		n--;
	}
	w->more[w->depth] = 1;
	dx_buf_add(w->b, k, n);
}

static void kopen(struct dx_jw *w, const char *k, size_t n, int c)
{
	klead(w, k, n);
	push(w, c);
}

void dx_jw_kobj(struct dx_jw *w, const char *k, size_t n)
{
	kopen(w, k, n, '{');
}

void dx_jw_karr(struct dx_jw *w, const char *k, size_t n)
{
	kopen(w, k, n, '[');
}

void dx_jw_kstr(struct dx_jw *w, const char *k, size_t n, const char *s)
{
	klead(w, k, n);
	dx_json_quote(w->b, s);
}

void dx_jw_kint(struct dx_jw *w, const char *k, size_t n, int64_t v)
{
	klead(w, k, n);
	int_value(w->b, v);
}

void dx_jw_kbool(struct dx_jw *w, const char *k, size_t n, int v)
{
	klead(w, k, n);
	dx_buf_add(w->b, v ? "true" : "false", v ? 4 : 5);
}
