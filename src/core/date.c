/*
 * date.c - civil-date arithmetic and the date and month cell parsers (see
 * date.h).  The day-number conversions are Howard Hinnant's
 * days_from_civil / civil_from_days, in integers only.
 */
#include "core/dx.h"
#include "core/date.h"
#include "core/text.h"

/* Excel's serial for 1970-01-01, valid from serial 61 on. */
#define EXCEL_EPOCH_1970 25569L
#define EXCEL_SERIAL_MAX 2958465L /* 9999-12-31 */

static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(long y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int dx_date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= month_days(y, m);
}

long dx_date_to_days(const struct dx_date *dt)
{
	long y = (long)dt->y - (dt->m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (dt->m + 9) % 12; /* March = 0 */
	long doy = (153 * mp + 2) / 5 + dt->d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void dx_date_from_days(long days, struct dx_date *dt)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long m = mp < 10 ? mp + 3 : mp - 9;

	dt->y = (int)(yoe + era * 400 + (m <= 2));
	dt->m = (int)m;
	dt->d = (int)(doy - (153 * mp + 2) / 5 + 1);
}

int dx_date_weekday(const struct dx_date *dt)
{
	long days = dx_date_to_days(dt);

	/* 1970-01-01 was a Thursday. */
	return (int)(((days % 7) + 7 + 3) % 7) + 1;
}

void dx_date_add_days(struct dx_date *dt, long n)
{
	dx_date_from_days(dx_date_to_days(dt) + n, dt);
}

void dx_date_add_months(struct dx_date *dt, int n)
{
	long total = (long)dt->y * 12 + (dt->m - 1) + n;
	long y = total >= 0 ? total / 12 : -((-total + 11) / 12);
	int m = (int)(total - y * 12) + 1;
	int last = month_days(y, m);

	dt->y = (int)y;
	dt->m = m;
	if (dt->d > last)
		dt->d = last;
}

int dx_date_cmp(const struct dx_date *a, const struct dx_date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

char *dx_date_format(const struct dx_date *dt, char *out)
{
	/* the usual date by hand: every request formats today, and the
	 * household record a day per income year (printf was a sixth of
	 * the income figures) */
	if (dt->y >= 0 && dt->y <= 9999 && dt->m >= 0 && dt->m <= 99 && dt->d >= 0 &&
	    dt->d <= 99) {
		out[0] = (char)('0' + dt->y / 1000);
		out[1] = (char)('0' + dt->y / 100 % 10);
		out[2] = (char)('0' + dt->y / 10 % 10);
		out[3] = (char)('0' + dt->y % 10);
		out[4] = '-';
		out[5] = (char)('0' + dt->m / 10);
		out[6] = (char)('0' + dt->m % 10);
		out[7] = '-';
		out[8] = (char)('0' + dt->d / 10);
		out[9] = (char)('0' + dt->d % 10);
		out[10] = '\0';
		return out;
	}
	dx_snprintf(out, 11, "%04d-%02d-%02d", dt->y, dt->m, dt->d);
	return out;
}

int dx_date_from_excel_serial(long serial, struct dx_date *out)
{
	if (serial < 1 || serial > EXCEL_SERIAL_MAX || serial == 60)
		return DX_INVALID;
	/* Below 60 Excel is one day ahead: it counts a 1900-02-29. */
	dx_date_from_days(serial - EXCEL_EPOCH_1970 + (serial < 60), out);
	return DX_OK;
}

/* The day main() says it is (--today, $DIXIAN_TODAY), or none.  Set once
 * before any work; issue 12's request context will carry it instead. */
static struct dx_date today_fixed;
static int today_is_fixed;

void dx_date_set_today(const struct dx_date *d)
{
	if (d)
		today_fixed = *d;
	today_is_fixed = d != NULL;
}

void dx_date_today(struct dx_date *out)
{
	/* one localtime_r per second and thread: it takes glibc's time
	 * zone lock, which a server's workers fought over once a request */
	static _Thread_local time_t last = -1;
	static _Thread_local struct dx_date day;
	time_t now = time(NULL);
	struct tm tm;

	if (today_is_fixed) {
		*out = today_fixed;
		return;
	}
	if (now == last) {
		*out = day;
		return;
	}
	if (!localtime_r(&now, &tm)) {
		out->y = 1970;
		out->m = out->d = 1;
		return;
	}
	out->y = tm.tm_year + 1900;
	out->m = tm.tm_mon + 1;
	out->d = tm.tm_mday;
	day = *out;
	last = now;
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/*
 * Read min..max digits at *p into *val and advance; more than max digits
 * in a row fails, so "20235" is never year 2023 followed by junk.
 */
static int take_num(const char **p, int min, int max, long *val)
{
	const char *s = *p;
	long v = 0;
	int n = 0;

	while (is_digit((unsigned char)*s)) {
		if (++n > max)
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	if (n < min)
		return -1;
	*p = s;
	*val = v;
	return 0;
}

static int take_str(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n))
		return -1;
	*p += n;
	return 0;
}

/* A time of day after a date: ' ' or 'T', then only digits, ':' and '.'. */
static int skip_time(const char *s)
{
	if (!*s)
		return 0;
	if (*s != ' ' && *s != 'T')
		return -1;
	s++;
	while (*s == ' ')
		s++;
	if (!*s)
		return -1;
	for (; *s; s++)
		if (!is_digit((unsigned char)*s) && *s != ':' && *s != '.')
			return -1;
	return 0;
}

/* An Excel serial "45052" or "45052.5"; the fraction is the time of day. */
static int parse_serial(const char *s, struct dx_date *out)
{
	long serial;

	if (take_num(&s, 1, 7, &serial))
		return DX_INVALID;
	if (*s == '.') {
		s++;
		if (!is_digit((unsigned char)*s))
			return DX_INVALID;
		while (is_digit((unsigned char)*s))
			s++;
	}
	if (*s)
		return DX_INVALID;
	return dx_date_from_excel_serial(serial, out);
}

static int parse_date_cell(const char *s, struct dx_date *out)
{
	const char *p = s;
	long y = 0, m = 0, d = 0;
	size_t ndig = strspn(s, "0123456789");

	if (ndig == 8 && !s[8]) {
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		    (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[4] - '0') * 10 + (s[5] - '0');
		d = (s[6] - '0') * 10 + (s[7] - '0');
		goto check;
	}
	if (ndig != 4)
		return parse_serial(s, out);

	take_num(&p, 4, 4, &y);
	if (*p == '-' || *p == '/' || *p == '.') {
		char sep = *p++;

		if (take_num(&p, 1, 2, &m) || *p++ != sep ||
		    take_num(&p, 1, 2, &d))
			return DX_INVALID;
	} else {
		if (take_str(&p, "年") || take_num(&p, 1, 2, &m) ||
		    take_str(&p, "月") || take_num(&p, 1, 2, &d))
			return DX_INVALID;
		take_str(&p, "日");
	}
	if (skip_time(p))
		return DX_INVALID;
check:
	if (!dx_date_valid((int)y, (int)m, (int)d))
		return DX_INVALID;
	out->y = (int)y;
	out->m = (int)m;
	out->d = (int)d;
	return DX_OK;
}

int dx_date_parse(const char *s, size_t len, struct dx_date *out)
{
	char cell[64];

	if (dx_text_norm_fixed(cell, sizeof(cell), s, len))
		return DX_INVALID;
	return parse_date_cell(cell, out);
}

int dx_month_parse(const char *s, size_t len, int *y, int *m)
{
	char cell[64];
	const char *p = cell;
	long yy = 0, mm = 0;
	size_t ndig;
	struct dx_date dt;

	if (dx_text_norm_fixed(cell, sizeof(cell), s, len))
		return DX_INVALID;
	ndig = strspn(cell, "0123456789");
	if (ndig == 6 && !cell[6]) {
		yy = (cell[0] - '0') * 1000 + (cell[1] - '0') * 100 +
		     (cell[2] - '0') * 10 + (cell[3] - '0');
		mm = (cell[4] - '0') * 10 + (cell[5] - '0');
		goto check;
	}
	if (ndig == 4) {
		take_num(&p, 4, 4, &yy);
		if (!*p)
			return DX_INVALID; /* a year alone */
		if (*p == '-' || *p == '/' || *p == '.') {
			p++;
			if (!take_num(&p, 1, 2, &mm) && !*p)
				goto check;
		} else if (!take_str(&p, "年") && !take_num(&p, 1, 2, &mm) &&
			   !take_str(&p, "月") && !*p) {
			goto check;
		}
	}
	/* Serials of 1900 are not months anyone records: "23.5" is junk. */
	if (ndig < 5 &&
	    (!cell[ndig] ||
	     (cell[ndig] == '.' &&
	      !cell[ndig + 1 + strspn(cell + ndig + 1, "0123456789")])))
		return DX_INVALID;
	if (parse_date_cell(cell, &dt))
		return DX_INVALID;
	*y = dt.y;
	*m = dt.m;
	return DX_OK;
check:
	if (!dx_date_valid((int)yy, (int)mm, 1))
		return DX_INVALID;
	*y = (int)yy;
	*m = (int)mm;
	return DX_OK;
}
