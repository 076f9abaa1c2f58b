/*
 * text.h - UTF-8 checks and the normalisation every imported cell gets.
 *
 * Ledgers arrive from Excel typed by hand on Chinese input methods, so a
 * cell may hold full-width digits ("２０２３"), ideographic spaces (U+3000),
 * no-break spaces copied from web pages, and trailing blanks.  Everything
 * that compares or stores a cell first passes it through dx_text_norm(), so
 * "５３２３２６　" and "532326" are the same value.
 *
 * The normalisation is deliberately small: it folds the full-width ASCII
 * block and the two odd spaces, trims, and changes nothing else (no case
 * folding, no collapsing of inner spaces, no Unicode NFC).  The output is
 * never longer than the input.
 */
#ifndef DX_TEXT_H
#define DX_TEXT_H

#include <stddef.h>

struct dx_buf;

/*
 * 1 if s[0..len) is valid UTF-8: shortest-form sequences only, no UTF-16
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF.  NUL bytes are valid.
 */
int dx_utf8_valid(const char *s, size_t len);

/*
 * Append the normalised form of s[0..len) to out: full-width ASCII variants
 * U+FF01..U+FF5E become ASCII, U+3000 and U+00A0 become ' ', then ASCII
 * whitespace (space, \t, \n, \v, \f, \r) is trimmed at both ends.  Inner
 * whitespace is kept as it is.  Bytes that are not valid UTF-8 are copied
 * unchanged; callers that care check with dx_utf8_valid() first.
 * Errors (DX_TOOBIG from out's cap) are left in out->err.
 */
void dx_text_norm(struct dx_buf *out, const char *s, size_t len);

/*
 * dx_text_norm() in place on the NUL-terminated string s; returns s.
 */
char *dx_text_norm_inplace(char *s);

/*
 * dx_text_norm() into a caller's fixed buffer of `size` bytes, for the
 * parsers of short cells (ID numbers, amounts, dates) that should not
 * allocate.  Returns 0, DX_INVALID if s[0..len) contains a NUL byte, or
 * DX_TOOBIG if the trimmed input does not fit (out is then "").
 */
int dx_text_norm_fixed(char *out, size_t size, const char *s, size_t len);

/*
 * dx_text_norm_fixed() that also stores the length of the result in
 * *outlen (when not NULL; 0 on failure), for callers that go on with the
 * cell and should not strlen() it again.
 */
int dx_text_norm_fixed_len(char *out, size_t size, const char *s, size_t len,
			   size_t *outlen);

/*
 * Parse a yes/no cell, after normalisation: 是/否, 有/无, √/×, ✓/✗
 * (and the heavy ✔/✘), Y/N, YES/NO, TRUE/FALSE (any case), 1/0.
 * Sets *yes to 1 or 0 and returns 0.  A blank cell returns DX_NOT_FOUND
 * and leaves *yes alone: the default differs by column, so the caller
 * decides.  Anything else is DX_INVALID.
 */
int dx_yesno_parse(const char *s, size_t len, int *yes);

/*
 * Split a list cell ("因病、因残", "因病,因学；缺劳力") on 、 , ， ; ；
 * and whitespace (ASCII, U+3000, U+00A0), calling fn(item, n, arg) for
 * each non-empty item in order.  Items point into s and are not
 * NUL-terminated nor otherwise normalised.  If fn returns non-zero the
 * split stops and that value is returned; otherwise 0.
 */
int dx_text_split(const char *s, size_t len,
		  int (*fn)(const char *item, size_t n, void *arg), void *arg);

#endif
