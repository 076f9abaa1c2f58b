/*
 * xlsx_value.c - how the xlsx driver (xlsx_read.c) renders numeric cells
 * as the user sees them: which number formats are dates, date serials as
 * ISO dates, and big integers Excel stores in scientific notation as
 * plain digits.
 */
#include "core/dx.h"
#include "io/sheet_int.h"

#include <math.h>

/*
 * Whether a number format code shows a date: a y, d or m (m not beside an
 * h or s, where it means minutes) outside quoted text, [..] brackets and
 * escaped characters.
 */
int dx_xlsx_fmt_is_date(const char *code)
{
	int y = 0, m = 0, hs = 0;

	for (const char *p = code; *p; p++) {
		char c = *p;

		if (c == '"') {
			p = strchr(p + 1, '"');
			if (!p)
				break;
		} else if (c == '[') {
			p = strchr(p + 1, ']');
			if (!p)
				break;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (!*++p)
				break;
		} else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') {
			y = 1;
		} else if (c == 'm' || c == 'M') {
			m = 1;
		} else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
			hs = 1;
		}
	}
	return y || (m && !hs);
}

/* Built-in formats that show dates: 14-22 and 45-47, plus the CJK
 * locale's 27-36 and 50-58 (yyyy"年"m"月"d"日" and kin). */
int dx_xlsx_builtin_is_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	       (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/*
 * Render an Excel date serial as "YYYY-MM-DD" into out (11 bytes); the
 * fraction (time of day) is dropped.  In the 1900 system serial 60 is
 * Excel's fictitious 1900-02-29.  -1 when s is not a date serial.
 */
int dx_xlsx_serial_to_iso(const char *s, int date1904, char *out)
{
	char *end;
	double v = strtod(s, &end);
	long days, y, m, d;

	if (end == s || *end || !(v >= 1 && v < 2958466))
		return -1;
	days = (long)floor(v);
	if (date1904) {
		days += days_from_civil(1904, 1, 1);
	} else if (days == 60) {
		memcpy(out, "1900-02-29", 11);
		return 0;
	} else {
		days += days_from_civil(1899, 12, days < 60 ? 31 : 30);
	}
	civil_from_days(days, &y, &m, &d);
	if (y > 9999)
		return -1;
	return dx_snprintf(out, 11, "%04ld-%02ld-%02ld", y, m, d) ? -1 : 0;
}

/*
 * Excel stores big integers typed as numbers in scientific notation
 * ("1.234567890123E+15"); write those as plain digits into b.  Anything
 * else (fractions, small exponents, text) is left alone: -1.  So is a
 * number of 17 digits or more: a double cannot hold it, Excel kept 15
 * significant digits, and plain digits would pass an ID cut to its first
 * 15 digits off as whole (issue 11.6; the ID column says what happened).
 */
int dx_xlsx_sci_to_plain(const char *s, struct dx_buf *b)
{
	const char *p = s, *ip, *fp = NULL;
	size_t ilen, flen = 0;
	int64_t e;
	char exp[8];
	size_t elen = 0;
	int neg = 0;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	ip = p;
	while (*p >= '0' && *p <= '9')
		p++;
	ilen = (size_t)(p - ip);
	if (!ilen)
		return -1;
	if (*p == '.') {
		fp = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		flen = (size_t)(p - fp);
	}
	if (*p != 'E' && *p != 'e')
		return -1;
	p++;
	if (*p == '+')
		p++;
	while (*p >= '0' && *p <= '9' && elen < sizeof(exp) - 1)
		exp[elen++] = *p++;
	exp[elen] = '\0';
	if (*p || !elen || dx_parse_i64(exp, &e) || e < (int64_t)flen || e > 30)
		return -1;
	if (e >= 16 && !(ilen == 1 && *ip == '0'))
		return -1; /* 17 digits or more */
	dx_buf_reset(b);
	if (neg)
		dx_buf_addch(b, '-');
	while (ilen > 1 && *ip == '0') {
		ip++;
		ilen--;
	}
	if (ilen == 1 && *ip == '0') {
		/* 0.xxxE+n: drop the leading zero, then the fraction's */
		ilen = 0;
		while (flen && *fp == '0') {
			fp++;
			flen--;
		}
	}
	dx_buf_add(b, ip, ilen);
	if (flen)
		dx_buf_add(b, fp, flen);
	for (int64_t i = (int64_t)flen; i < e; i++)
		dx_buf_addch(b, '0');
	if (!ilen && !flen)
		dx_buf_addch(b, '0');
	return b->err ? -1 : 0;
}
