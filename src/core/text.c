/*
 * text.c - UTF-8 validation, cell normalisation, yes/no cells and list
 * cells (see text.h).  The parsers in idcard.c, money.c and date.c build on
 * dx_text_norm_fixed(), so a full-width digit is handled in one place.
 */
#include "core/dx.h"
#include "core/strbuf.h"
#include "core/text.h"

static int is_ascii_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

/* Whether the 8 bytes at p are all ASCII. */
static int ascii8(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return !(w & 0x8080808080808080ull);
}

int dx_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = p[i];
		unsigned lo = 0x80, hi = 0xBF;
		size_t n, k;

		if (c < 0x80) {
			/* ledgers are mostly digits and codes: skip ASCII 8 at a time */
			i++;
			while (i + 8 <= len && ascii8(p + i))
				i += 8;
			continue;
		}
		/* the common CJK case (U+1000..U+CFFF, U+E000..U+FFFF) first */
		if (c >= 0xE1 && c != 0xED && c <= 0xEF && len - i >= 3 &&
		    (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			if (c == 0xE0)
				lo = 0xA0; /* overlong */
			else if (c == 0xED)
				hi = 0x9F; /* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			if (c == 0xF0)
				lo = 0x90; /* overlong */
			else if (c == 0xF4)
				hi = 0x8F; /* above U+10FFFF */
		} else {
			return 0; /* continuation byte, C0/C1, F5..FF */
		}
		if (len - i - 1 < n)
			return 0;
		/* The first continuation byte carries the range limits. */
		if (p[i + 1] < lo || p[i + 1] > hi)
			return 0;
		for (k = 2; k <= n; k++)
			if ((p[i + k] & 0xC0) != 0x80)
				return 0;
		i += n + 1;
	}
	return 1;
}

/*
 * Length of the sequence at p[0..len) that folds to a single ASCII byte,
 * storing that byte in *c; 0 if p does not start with one.  Only three
 * shapes fold: EF BC 81..BF and EF BD 80..9E (U+FF01..U+FF5E), E3 80 80
 * (U+3000) and C2 A0 (U+00A0).
 */
static size_t fold_at(const unsigned char *p, size_t len, char *c)
{
	if (len >= 3 && p[0] == 0xEF &&
	    ((p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF) ||
	     (p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E))) {
		unsigned cp = 0xF000 | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
		*c = (char)(cp - 0xFEE0);
		return 3;
	}
	if (len >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
		*c = ' ';
		return 3;
	}
	if (len >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {
		*c = ' ';
		return 2;
	}
	return 0;
}

/* Bytes that may start a sequence fold_at() folds: C2, E3, EF. */
static int fold_lead(unsigned char c)
{
	return c == 0xC2 || c == 0xE3 || c == 0xEF;
}

/*
 * Fold src[0..len) into dst (which may be src itself: the output never
 * runs ahead of the input) and trim; returns the output length.  Runs of
 * bytes that cannot start a fold are moved in one piece, so plain ASCII
 * and most CJK text cost a scan and a copy.
 */
static size_t fold_trim(char *dst, const char *src, size_t len)
{
	const unsigned char *p = (const unsigned char *)src;
	size_t i = 0, w = 0, keep = 0;

	while (i < len) {
		size_t j = i, n;
		char c;

		while (j < len && !fold_lead(p[j]))
			j++;
		if (!w) /* leading spaces */
			while (i < j && is_ascii_space(p[i]))
				i++;
		if (j > i) {
			size_t k = w + (j - i);

			memmove(dst + w, p + i, j - i);
			while (k > w && is_ascii_space((unsigned char)dst[k - 1]))
				k--;
			if (k > w)
				keep = k;
			w += j - i;
		}
		if (j == len)
			break;
		c = (char)p[j];
		n = fold_at(p + j, len - j, &c);
		i = j + (n ? n : 1);
		if (!w && is_ascii_space((unsigned char)c))
			continue; /* leading */
		dst[w++] = c;
		if (!is_ascii_space((unsigned char)c))
			keep = w;
	}
	return keep;
}

void dx_text_norm(struct dx_buf *out, const char *s, size_t len)
{
	size_t start = out->len, n;

	dx_buf_grow(out, len);
	if (out->err)
		return;
	n = fold_trim(out->buf + start, s, len);
	out->len = start + n;
	out->buf[out->len] = '\0';
}

char *dx_text_norm_inplace(char *s)
{
	size_t n = fold_trim(s, s, strlen(s));

	s[n] = '\0';
	return s;
}

int dx_text_norm_fixed_len(char *out, size_t size, const char *s, size_t len,
			   size_t *outlen)
{
	const unsigned char *p;
	size_t i = 0, n;

	if (outlen)
		*outlen = 0;
	if (size)
		out[0] = '\0';
	while (len && is_ascii_space((unsigned char)s[0])) {
		s++;
		len--;
	}
	while (len && is_ascii_space((unsigned char)s[len - 1]))
		len--;
	/* the usual cell has nothing to fold: find out in the NUL scan */
	p = (const unsigned char *)s;
	while (i < len && p[i] && !fold_lead(p[i]))
		i++;
	if (i < len && memchr(s + i, '\0', len - i))
		return DX_INVALID;
	if (len >= size)
		return DX_TOOBIG;
	if (i == len) {
		memcpy(out, s, len); /* already trimmed, nothing to fold */
		n = len;
	} else {
		n = fold_trim(out, s, len);
	}
	out[n] = '\0';
	if (outlen)
		*outlen = n;
	return DX_OK;
}

int dx_text_norm_fixed(char *out, size_t size, const char *s, size_t len)
{
	return dx_text_norm_fixed_len(out, size, s, len, NULL);
}

static int ascii_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return 0;
	}
	return *a == *b;
}

int dx_yesno_parse(const char *s, size_t len, int *yes)
{
	static const char *const yes_words[] = {
		"是", "有", "√", "✓", "✔", "y", "yes", "true", "1",
	};
	static const char *const no_words[] = {
		"否", "无", "×", "✗", "✘", "n", "no", "false", "0",
	};
	char cell[32];
	size_t i;

	if (dx_text_norm_fixed(cell, sizeof(cell), s, len))
		return DX_INVALID;
	if (!cell[0])
		return DX_NOT_FOUND;
	for (i = 0; i < DX_ARRAY_SIZE(yes_words); i++) {
		if (ascii_ieq(cell, yes_words[i])) {
			*yes = 1;
			return DX_OK;
		}
		if (ascii_ieq(cell, no_words[i])) {
			*yes = 0;
			return DX_OK;
		}
	}
	return DX_INVALID;
}

/* Length of the list separator at p[0..len), or 0. */
static size_t sep_at(const unsigned char *p, size_t len)
{
	static const char *const wide[] = {
		"、", "，", "；", "\xE3\x80\x80" /* U+3000 */,
		"\xC2\xA0" /* U+00A0 */,
	};
	size_t i;

	if (p[0] == ',' || p[0] == ';' || is_ascii_space(p[0]))
		return 1;
	for (i = 0; i < DX_ARRAY_SIZE(wide); i++) {
		size_t n = strlen(wide[i]);

		if (n <= len && !memcmp(p, wide[i], n))
			return n;
	}
	return 0;
}

int dx_text_split(const char *s, size_t len,
		  int (*fn)(const char *item, size_t n, void *arg), void *arg)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0;
	int rc = 0;

	while (i <= len) {
		size_t n = i < len ? sep_at(p + i, len - i) : 1;

		if (!n) {
			i++;
			continue;
		}
		if (i > start) {
			rc = fn(s + start, i - start, arg);
			if (rc)
				goto out;
		}
		i += n;
		start = i;
	}
out:
	return rc;
}
