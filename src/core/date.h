/*
 * date.h - calendar dates and months, and the many ways a ledger writes
 * them.
 *
 * Dates are proleptic Gregorian with no time zone and no time of day: a
 * visit happened on a day, a household was identified in a month.  The
 * arithmetic is pure integer code (no mktime, no TZ surprises); only
 * dx_date_today() asks the system clock.
 *
 * Valid years are 1..9999 (Excel's last day is 9999-12-31).
 */
#ifndef DX_DATE_H
#define DX_DATE_H

#include <stddef.h>

struct dx_date {
	int y, m, d;
};

/* 1 if y-m-d is a real day, years 1..9999. */
int dx_date_valid(int y, int m, int d);

/*
 * Days since 1970-01-01 (negative before it), and back.  Defined for any
 * date, also outside 1..9999, so loops may step past the ends safely.
 */
long dx_date_to_days(const struct dx_date *dt);
void dx_date_from_days(long days, struct dx_date *dt);

/* ISO weekday: 1 = Monday .. 7 = Sunday. */
int dx_date_weekday(const struct dx_date *dt);

/* Move dt by n days (n may be negative). */
void dx_date_add_days(struct dx_date *dt, long n);

/*
 * Move dt by n calendar months, clamping the day to the end of the target
 * month: 2024-01-31 + 1 month is 2024-02-29, 2023-03-31 - 1 is 2023-02-28.
 */
void dx_date_add_months(struct dx_date *dt, int n);

/* <0, 0, >0 as a is before, equal to, after b. */
int dx_date_cmp(const struct dx_date *a, const struct dx_date *b);

/* Write "YYYY-MM-DD" into out (at least 11 bytes); returns out. */
char *dx_date_format(const struct dx_date *dt, char *out);

/*
 * Parse a date cell.  Accepted, after full-width folding and trimming:
 *
 *   2023-05-06   2023/5/6   2023.5.6   2023年5月6日 (日 optional)
 *   20230506     2023-05-06 00:00:00 (a time after a space or 'T' is
 *                ignored; only digits, ':' and '.' may follow)
 *   45052        an Excel serial day number, 1900 date system, 1..2958465;
 *   45052.5      a fractional serial (a date-time) gives its day
 *
 * A bare four-digit number is refused: "2023" in a date column is a year
 * with the rest missing, not serial 2023.  Serials 1000..9999
 * (1902-09-26..1927-05-17) therefore cannot come in as text; use
 * dx_date_from_excel_serial() on a cell known to be numeric.
 *
 * The separators of one date must agree ("2023-05/06" is refused), the
 * year has four digits and the month and day one or two.  Day-first and
 * month-first forms ("6/5/2023") are refused: they are ambiguous.
 *
 * Excel serial 60 is the 1900-02-29 that Excel invents (Lotus 1-2-3
 * compatibility); no such day exists, so it is DX_INVALID.  Serials 1..59
 * are 1900-01-01..1900-02-28 and 61 onwards 1900-03-01 onwards, as Excel
 * displays them.
 *
 * Returns 0 and fills *out, or DX_INVALID (out untouched).
 */
int dx_date_parse(const char *s, size_t len, struct dx_date *out);

/*
 * Parse a month cell into *y, *m.  Accepted, after folding and trimming:
 *
 *   202305   2023-05   2023-5   2023/05   2023年5月   2023年05月
 *   2023.5   2023.05  (May)     2023.10 (October)     2023.1 (January)
 *
 * and any full date dx_date_parse() accepts, but an Excel serial only
 * with five or more digits (from 1927-05-18 on): "2023" is a year with
 * the month missing, and "23.5" is not a month anyone meant.
 *
 * "2023.1" meaning January follows what the user typed; a cell Excel
 * stored as the number 2023.10 and exported as "2023.1" cannot be told
 * apart, and is read as January.
 *
 * Returns 0, or DX_INVALID (y and m untouched).
 */
int dx_month_parse(const char *s, size_t len, int *y, int *m);

/* Excel serial day number (1900 system) -> date; DX_INVALID out of range. */
int dx_date_from_excel_serial(long serial, struct dx_date *out);

/*
 * Today: the day set by dx_date_set_today(), else the system clock's day in
 * the local time zone.  Every "today" of the program comes from here, but
 * only through the front ends' day functions (the CLI's dx_cli_today, the
 * HTTP request's day): the core, io, store and use cases take the day from
 * the request context or their caller (tests/cli/t0002-layers.sh).
 */
void dx_date_today(struct dx_date *out);

/*
 * Fix the day dx_date_today() answers (NULL: the clock again).  Only
 * main() calls it, from `dixian --today YYYY-MM-DD` or $DIXIAN_TODAY, so
 * that tests and demos can run on a chosen day; not thread-safe, set it
 * before any work starts.
 */
void dx_date_set_today(const struct dx_date *d);


#endif
