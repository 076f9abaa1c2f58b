/*
 * idcard.h - 居民身份证号码 (resident identity numbers), GB 11643-1999.
 *
 * An 18-character number is 6 digits of region (the 县 where it was first
 * issued), 8 of birth date, 3 of sequence (odd for men, even for women) and
 * a check character, ISO 7064 MOD 11-2 over the first 17 ('0'-'9' or 'X').
 * The ID is how members are matched across ledgers and department warning
 * lists, so every ID is normalised here before it is stored or compared.
 */
#ifndef DX_IDCARD_H
#define DX_IDCARD_H

#include <stddef.h>

struct dx_date;

struct dx_idcard {
	char id[19];    /* normalised, 18 chars, check 'X' upper case */
	char birth[11]; /* YYYY-MM-DD */
	int sex;        /* 1 male (odd 17th digit), 2 female */
};

/*
 * Normalise and validate the ID in in[0..len) into *out.
 *
 * Normalisation: full-width digits and letters become ASCII, every space
 * (ASCII whitespace, U+3000, U+00A0) is removed wherever it is ("5323 26…"
 * is how people read numbers out), and a lower-case 'x' becomes 'X'.
 *
 * Validation: 17 digits and a check character that matches; a real birth
 * date from 1900-01-01 up to *today, the day the caller runs on (its
 * request context's dx_ctx.today: the core never reads the clock, so one
 * request or import sees one day and a test can choose it); a province code that exists (see
 * dx_area_province_valid()) and digits 3-6 not "0000".
 *
 * 15-digit numbers (issued before 1999, no check digit, two-digit year)
 * are upgraded, not refused: "19" goes before the year and the check
 * digit is computed, as the issuing authority did when it re-issued them.
 * Such a number then matches the same person's 18-digit form.  The 15
 * digits themselves still have to pass the region and date checks.
 *
 * Returns 0, or DX_INVALID with *out cleared and *why (if why is not
 * NULL) pointing at a static Chinese reason for the user:
 *   "证件号码为空", "含非法字符", "长度应为18位", "地区码无效",
 *   "出生日期无效", "校验位错误（应为 7）" (the expected character).
 * The checks run in that order, so a typo in the birth date is reported
 * as such rather than as a check digit error.
 */
int dx_idcard_parse(const char *in, size_t len, const struct dx_date *today,
		    struct dx_idcard *out, const char **why);

/*
 * What Excel makes of an ID typed into a cell that holds numbers: it keeps
 * 15 significant digits, so the number shows (and is saved to CSV) as
 * "5.32326196810020E+17", or with a number format as 18 digits ending in
 * "000".  Returns 1 for the scientific form (never an ID), 2 for 18 digits
 * ending in "000" (an ID that failed its check digit is then most likely
 * one Excel cut; a valid one may be real), 0 otherwise.  Spaces around
 * the value are allowed.
 */
int dx_idcard_excel_number(const char *in, size_t len);

/* The message for the user when dx_idcard_excel_number() says so. */
#define DX_IDCARD_EXCEL_MSG \
	"Excel 把证件号码存成了数字，后几位已丢失，请把该列设为文本后重新录入"

/*
 * The check character for 17 digits: '0'-'9' or 'X'.  Returns '\0' if
 * any of the 17 is not an ASCII digit.
 */
char dx_idcard_check_char(const char first17[17]);

/*
 * Mask an ID for lists and exports: the first 6 and last 4 kept, 8 '*'
 * between ("532326********0031").  An id that is not exactly 18 chars
 * (or NULL) becomes "******", so a malformed value leaks nothing.
 */
void dx_idcard_mask(const char *id, char out[19]);

/*
 * Mask a phone number: the first 3 and last 4 characters kept, the
 * middle starred ("13369140570" -> "133****0570").  Input shorter than 8
 * characters, or with non-ASCII bytes, is starred entirely (one '*' per
 * byte); "" and NULL give "".  out is always NUL-terminated and cut to
 * size; 32 bytes hold any real number.
 */
void dx_phone_mask(const char *phone, char *out, size_t size);

#endif
