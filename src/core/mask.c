/*
 * mask.c - masking ID and phone numbers inside free text (see mask.h).
 * One pass over the digit runs; each run is judged with what is around
 * it (an X after it, a '-' and a short run starting with 0 before it).
 */
#include "core/dx.h"
#include "core/mask.h"

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

static void stars(char *p, size_t n)
{
	memset(p, '*', n);
}

/* Judge the run s[a, b) (digits); mask it when it is a number to hide.
 * prev_a/prev_b is the run before it when only a '-' or ' ' lies
 * between (a fixed line's area code), else prev_a == prev_b. */
static int judge(char *s, size_t a, size_t b, size_t prev_a, size_t prev_b, int do_mask)
{
	size_t n = b - a;
	int x = s[b] == 'X' || s[b] == 'x';
	/* an ID: 18 digits, or 17 then X (15- and 16-digit runs are
	 * household numbers: 户编号 is 15 digits) */
	if ((n == 18 && !x) || (n == 17 && x)) {
		size_t len = n + (size_t)x;
		if (do_mask)
			stars(s + a + 6, len - 10);
		return 1;
	}
	/* a mobile, bare or after 86 */
	if (n == 11 && s[a] == '1') {
		if (do_mask)
			stars(s + a + 3, 4);
		return 1;
	}
	if (n == 13 && s[a] == '8' && s[a + 1] == '6' && s[a + 2] == '1') {
		if (do_mask)
			stars(s + a + 5, 4);
		return 1;
	}
	/* a fixed line: 0xx(x)-xxxxxxx(x) */
	if ((n == 7 || n == 8) && prev_b > prev_a && s[prev_a] == '0' &&
	    prev_b - prev_a >= 3 && prev_b - prev_a <= 4) {
		if (do_mask)
			stars(s + a, n - 4);
		return 1;
	}
	/* ... or written without the dash */
	if (n >= 10 && n <= 12 && s[a] == '0') {
		if (do_mask)
			stars(s + a + 4, n - 8);
		return 1;
	}
	return 0;
}

static size_t scan(char *s, int do_mask)
{
	size_t i = 0, found = 0, pa = 0, pb = 0;
	while (s[i]) {
		size_t a;
		if (!digit(s[i])) {
			i++;
			continue;
		}
		a = i;
		while (digit(s[i]))
			i++;
		/* the run before is an area code only across one '-' or ' ' */
		if (!(pb > pa && pb + 1 == a && (s[pb] == '-' || s[pb] == ' ')))
			pa = pb = 0;
		found += (size_t)judge(s, a, i, pa, pb, do_mask);
		pa = a;
		pb = i;
	}
	return found;
}

size_t dx_mask_text(char *s)
{
	return s ? scan(s, 1) : 0;
}

int dx_mask_needed(const char *s)
{
	/* scan only writes when asked to mask */
	return s && scan((char *)s, 0) > 0;
}

/* The digits of v[*i ...] (at most max), advancing *i; how many. */
static size_t digits_at(const char *v, size_t vlen, size_t *i, size_t max)
{
	size_t n = 0;
	while (*i < vlen && digit(v[*i]) && n <= max) {
		(*i)++;
		n++;
	}
	return n;
}

int dx_phone_valid(const char *v, size_t vlen)
{
	size_t i = 0, n;
	if (!v)
		return 0;
	if (vlen == 11 && v[0] == '1') {
		n = digits_at(v, vlen, &i, 11);
		return n == 11 && i == vlen;
	}
	if (vlen == 0 || v[0] != '0')
		return 0;
	/* 0 + 2-3 digits, '-', 7-8 digits; or the same without the '-' */
	n = digits_at(v, vlen, &i, 12);
	if (i < vlen && v[i] == '-') {
		if (n < 3 || n > 4)
			return 0;
		i++;
		n = digits_at(v, vlen, &i, 8);
		if (n < 7 || n > 8)
			return 0;
	} else if (n < 10 || n > 12) {
		return 0;
	}
	if (i < vlen && v[i] == '-') {
		i++;
		n = digits_at(v, vlen, &i, 6);
		if (n < 1 || n > 6)
			return 0;
	}
	return i == vlen;
}
