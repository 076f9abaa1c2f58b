/*
 * mask.h - masking what looks like an ID number or a phone number inside
 * free text (issue 13.5).  People type a 身份证号 into 民族 or 务工所在地,
 * a mobile into 备注: the columns meant for them are masked by their own
 * rule (idcard.h), these are not, so every masked export cell of free text
 * and every import problem message that echoes a cell goes through here.
 *
 * What is masked (runs of ASCII digits, maximal, so part of a longer
 * number never matches):
 *  - 18 digits, or 17 digits then X/x (an ID): all but the first 6 and
 *    the last 4 characters (15-digit runs are left: 户编号 has 15 digits,
 *    and 15-digit IDs have not been issued since 2004);
 *  - 11 digits starting with 1, or 13 starting with 861 (a mobile): all
 *    but the first 3 and the last 4 digits of the 11;
 *  - a fixed line, 0 and 2-3 digits then '-' or ' ' and 7-8 digits, or
 *    10-12 digits starting with 0: all of the number but its last 4 digits
 *    (the area code stays).
 * 12-digit area codes, 15-digit 户编号, years, amounts and counts are left
 * as they are.
 * Masking keeps the text's length and its bytes other than the digits.
 */
#ifndef DX_CORE_MASK_H
#define DX_CORE_MASK_H

#include <stddef.h>

/* Mask s in place; returns how many numbers were masked. */
size_t dx_mask_text(char *s);

/* 1 if dx_mask_text would change s (to copy only texts that need it). */
int dx_mask_needed(const char *s);

/*
 * 1 if v (vlen bytes) is one phone number as a ledger should hold it: a
 * mobile (11 digits starting with 1) or a fixed line (area code 0 and 2-3
 * digits, an optional '-', 7-8 digits, an optional '-' and extension of up
 * to 6 digits), e.g. 13812345678, 0878-1234567.
 */
int dx_phone_valid(const char *v, size_t vlen);

#endif
