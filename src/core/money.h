/*
 * money.h - amounts of money as integer fen (分, 1/100 yuan).
 *
 * Every amount in Dixian is an int64_t count of fen: incomes, thresholds,
 * assistance.  Floating point never touches money, not even in the parser,
 * because a per-capita income of 6999.995 yuan against a 7000 line must
 * round the same way everywhere.
 */
#ifndef DX_MONEY_H
#define DX_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* Largest magnitude accepted: 9e15 fen (90 trillion yuan). */
#define DX_MONEY_MAX INT64_C(9000000000000000)

/*
 * Parse an amount in yuan from a cell into *fen.  Accepted, after
 * full-width folding and trimming:
 *
 *   1234   1234.5   1,234.50   +12   -12.3   .5   12.
 *   ￥1,234   ¥ 1234   -￥12   ￥-12   1234.5元   1234.50 元
 *
 * Commas may sit anywhere between two digits of the integer part, since
 * hand-typed ledgers put them in odd places ("12,34,567"), but never in
 * the fraction.  More than two decimals round half away from zero at the
 * fen: "1234.565" is 123457, "-0.005" is -1.  Exponents ("1.2e3"),
 * inner spaces, a second sign or point, and anything else are refused.
 *
 * A blank cell (empty or only spaces) gives 0 and sets *blank to 1; any
 * other success sets *blank to 0.  blank may be NULL.
 *
 * Returns 0, or DX_INVALID with *why (if why is not NULL) set to a static
 * Chinese reason: "金额格式无效", or "金额过大" beyond ±DX_MONEY_MAX.
 * *fen is only written on success.
 */
int dx_money_parse(const char *s, size_t len, int64_t *fen, int *blank,
		   const char **why);

/*
 * Format fen as yuan with exactly two decimals into out (size bytes, 32 is
 * always enough): 123456 -> "1234.56", -5 -> "-0.05".  No thousands
 * separators.  Returns out.
 */
char *dx_money_format(int64_t fen, char *out, size_t size);

/*
 * Parse an amount in 万元 (templates.md "Amounts in 万元": a header that
 * names 万元 decides it) into *fen, exactly: the point moves four places
 * and the result is read as yuan by dx_money_parse(), so up to six
 * decimals are exact ("1464.6" is 1464600000 fen, "0.000001" is 1 fen) and
 * a seventh rounds at the fen.  A trailing 万元 or 万 in the cell is
 * accepted; 元 alone is refused (the header says 万元).  Same returns,
 * blank and why as dx_money_parse().
 */
int dx_money_parse_wan(const char *s, size_t len, int64_t *fen, int *blank,
		       const char **why);

/*
 * Format fen as 万元 the way the reports print it (templates.md): two
 * decimals, rounded half away from zero at 0.01万元, dropped only when the
 * rounded amount is whole: 2163000000 -> "2163", 1182620000 -> "1182.62",
 * 1464600000 -> "1464.60".  No unit is appended.  Returns out.
 */
char *dx_money_format_wan(int64_t fen, char *out, size_t size);

#endif
