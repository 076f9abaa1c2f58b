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
	uint64_t a = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen;

	dx_snprintf(out, size, "%s%llu.%02llu", fen < 0 ? "-" : "",
		    (unsigned long long)(a / 100),
		    (unsigned long long)(a % 100));
	return out;
}

int dx_money_parse_wan(const char *s, size_t len, int64_t *fen, int *blank,
		       const char **why)
{
	char cell[128], out[160];
	size_t n, dot, o = 0, k;
	if (dx_text_norm_fixed(cell, sizeof(cell), s, len)) {
		if (why)
			*why = why_format;
		return DX_INVALID;
	}
	n = strlen(cell);
	while (n && cell[n - 1] == ' ')
		n--;
	if (n >= strlen("万元") && !memcmp(cell + n - strlen("万元"), "万元", strlen("万元")))
		n -= strlen("万元");
	else if (n >= strlen("万") && !memcmp(cell + n - strlen("万"), "万", strlen("万")))
		n -= strlen("万");
	while (n && cell[n - 1] == ' ')
		n--;
	cell[n] = '\0';
	if (!n)
		return dx_money_parse(cell, 0, fen, blank, why);
	/* what is left ends in the number: a unit of 元 here is a mistake */
	if (!is_digit((unsigned char)cell[n - 1]) && cell[n - 1] != '.') {
		if (why)
			*why = why_format;
		return DX_INVALID;
	}
	for (dot = 0; dot < n && cell[dot] != '.'; dot++)
		;
	memcpy(out, cell, dot);
	o = dot;
	k = dot < n ? dot + 1 : n; /* the fraction's first digit */
	for (int i = 0; i < 4; i++)
		out[o++] = k < n && is_digit((unsigned char)cell[k]) ? cell[k++] : '0';
	if (k < n) {
		out[o++] = '.';
		memcpy(out + o, cell + k, n - k);
		o += n - k;
	}
	out[o] = '\0';
	return dx_money_parse(out, o, fen, blank, why);
}
