/*
 * money.c - the amount parser and formatter (see money.h).  Integer
 * arithmetic only; the rounding decision reads the third decimal digit.
 */
#include "core/dx.h"
#include "core/money.h"
#include "core/text.h"

static const char why_format[] = "金额格式无效";
static const char why_big[] = "金额过大";

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int take_str(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n))
		return 0;
	*p += n;
	return 1;
}

static void skip_spaces(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

int dx_money_parse(const char *s, size_t len, int64_t *fen, int *blank,
		   const char **why)
{
	char cell[128];
	const char *p = cell, *reason = why_format;
	int neg = 0, sign = 0, cur = 0, digits = 0, big = 0, nfrac = 0;
	int up = 0;
	int64_t yuan = 0, cents = 0, v;
	int rc = DX_INVALID;

	if (blank)
		*blank = 0;
	if (dx_text_norm_fixed(cell, sizeof(cell), s, len))
		goto out;
	if (!cell[0]) {
		*fen = 0;
		if (blank)
			*blank = 1;
		rc = DX_OK;
		goto out;
	}

	/* A sign and a currency sign, in either order, at most one each. */
	for (;;) {
		if (!sign && (*p == '-' || *p == '+')) {
			neg = *p++ == '-';
			sign = 1;
		} else if (!cur && (take_str(&p, "￥") || take_str(&p, "¥"))) {
			cur = 1;
			skip_spaces(&p);
		} else {
			break;
		}
	}

	/* Integer part; a comma needs a digit on both sides. */
	while (is_digit((unsigned char)*p) ||
	       (*p == ',' && digits && is_digit((unsigned char)p[1]) &&
		is_digit((unsigned char)p[-1]))) {
		if (*p != ',') {
			digits++;
			if (yuan > DX_MONEY_MAX / 100)
				big = 1;
			else
				yuan = yuan * 10 + (*p - '0');
		}
		p++;
	}

	/* Fraction: two digits kept, the third rounds, the rest only count. */
	if (*p == '.') {
		p++;
		for (; is_digit((unsigned char)*p); p++, nfrac++) {
			digits++;
			if (nfrac < 2)
				cents = cents * 10 + (*p - '0');
			else if (nfrac == 2)
				up = *p >= '5';
		}
	}
	if (nfrac == 1)
		cents *= 10;
	cents += up;

	skip_spaces(&p);
	take_str(&p, "元");
	if (!digits || *p)
		goto out;

	reason = why_big;
	if (big)
		goto out;
	v = yuan * 100 + cents;
	if (v > DX_MONEY_MAX)
		goto out;
	*fen = neg ? -v : v;
	rc = DX_OK;
out:
	if (rc && why)
		*why = reason;
	return rc;
}

char *dx_money_format(int64_t fen, char *out, size_t size)
{
	/* "%s%llu.%02llu" by hand: the household record writes a dozen
	 * amounts a year, and printf's machinery was most of their cost */
	uint64_t a = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen, y = a / 100;
	char t[32], *p = t + sizeof(t);
	*--p = '\0';
	*--p = (char)('0' + a % 10);
	*--p = (char)('0' + a / 10 % 10);
	*--p = '.';
	do
		*--p = (char)('0' + y % 10);
	while (y /= 10);
	if (fen < 0)
		*--p = '-';
	if (size)
		dx_strlcpy(out, p, size);
	return out;
}

/* Remove suffix from the end of s (after trailing spaces) if it is there;
 * 1 if it was. */
static int strip_suffix(char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	if (n < k || memcmp(s + n - k, suffix, k))
		return 0;
	s[n - k] = '\0';
	while (n - k && (s[n - k - 1] == ' ' || s[n - k - 1] == '\t'))
		s[--n - k] = '\0';
	return 1;
}

int dx_money_parse_wan(const char *s, size_t len, int64_t *fen, int *blank,
		       const char **why)
{
	char cell[128], moved[160];
	const char *dot, *frac;
	size_t n, o = 0, k;

	if (dx_text_norm_fixed(cell, sizeof(cell), s, len)) {
		if (why)
			*why = why_format;
		return DX_INVALID;
	}
	int unit = strip_suffix(cell, "万元") || strip_suffix(cell, "万");
	if (strstr(cell, "元") || strstr(cell, "万") || (cell[0] && !strpbrk(cell, "0123456789")) ||
	    (unit && !cell[0])) {
		if (blank)
			*blank = 0;
		if (why)
			*why = why_format;
		return DX_INVALID;
	}
	n = strlen(cell);
	dot = strchr(cell, '.');
	if (dot && strspn(dot + 1, "0123456789") != strlen(dot + 1)) {
		if (blank)
			*blank = 0;
		if (why)
			*why = why_format;
		return DX_INVALID;
	}
	k = dot ? (size_t)(dot - cell) : n;
	memcpy(moved, cell, k);
	o = k;
	frac = dot ? dot + 1 : "";
	/* four decimals of 万元 are whole yuan: they join the integer part */
	for (int i = 0; i < 4; i++)
		moved[o++] = *frac ? *frac++ : '0';
	if (*frac) {
		size_t rest = strlen(frac);
		moved[o++] = '.';
		memcpy(moved + o, frac, rest);
		o += rest;
	}
	moved[o] = '\0';
	if (!n)
		o = 0; /* blank */
	return dx_money_parse(moved, o, fen, blank, why);
}

char *dx_money_format_wan(int64_t fen, char *out, size_t size)
{
	uint64_t a = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen;
	uint64_t c = (a + 5000) / 10000; /* hundredths of 万元 */

	if (c % 100 == 0)
		dx_snprintf(out, size, "%s%llu", fen < 0 && c ? "-" : "",
			    (unsigned long long)(c / 100));
	else
		dx_snprintf(out, size, "%s%llu.%02llu", fen < 0 ? "-" : "",
			    (unsigned long long)(c / 100), (unsigned long long)(c % 100));
	return out;
}
