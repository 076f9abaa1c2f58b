/*
 * test_text.c - UTF-8 validation, cell normalisation, yes/no and list
 * cells (src/core/text.c).
 */
#include "core/dx.h"
#include "core/strbuf.h"
#include "core/text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define VALID(lit) dx_utf8_valid(lit, sizeof(lit) - 1)

/* dx_strlcpy: copies what fits, always terminates, returns strlen(src). */
static void test_strlcpy(void **state)
{
	char b[5];
	(void)state;
	memset(b, 'x', sizeof(b));
	assert_int_equal(dx_strlcpy(b, "abc", sizeof(b)), 3);
	assert_string_equal(b, "abc");
	assert_int_equal(dx_strlcpy(b, "abcd", sizeof(b)), 4); /* exactly fits */
	assert_string_equal(b, "abcd");
	assert_int_equal(dx_strlcpy(b, "abcdefgh", sizeof(b)), 8); /* cut */
	assert_string_equal(b, "abcd");
	assert_int_equal(dx_strlcpy(b, "", sizeof(b)), 0);
	assert_string_equal(b, "");
	b[0] = 'q';
	assert_int_equal(dx_strlcpy(b, "abc", 0), 3); /* nothing written */
	assert_int_equal(b[0], 'q');
}

static void test_utf8_valid(void **state)
{
	assert_true(VALID(""));
	assert_true(VALID("abc"));
	assert_true(VALID("罗涛 532326"));
	assert_true(VALID("a\0b"));
	assert_true(VALID("\xF0\x9F\x98\x80"));	     /* U+1F600 */
	assert_true(VALID("\xF4\x8F\xBF\xBF"));	     /* U+10FFFF */
	assert_true(VALID("\xED\x9F\xBF"));	     /* U+D7FF */
	assert_true(VALID("\xEE\x80\x80"));	     /* U+E000 */

	assert_false(VALID("\x80"));		     /* lone continuation */
	assert_false(VALID("\xC0\xAF"));	     /* overlong '/' */
	assert_false(VALID("\xC1\xBF"));	     /* overlong */
	assert_false(VALID("\xE0\x80\xAF"));	     /* overlong 3-byte */
	assert_false(VALID("\xF0\x80\x80\xAF"));     /* overlong 4-byte */
	assert_false(VALID("\xED\xA0\x80"));	     /* U+D800 surrogate */
	assert_false(VALID("\xED\xBF\xBF"));	     /* U+DFFF surrogate */
	assert_false(VALID("\xF4\x90\x80\x80"));     /* U+110000 */
	assert_false(VALID("\xF5\x80\x80\x80"));
	assert_false(VALID("\xFF"));
	assert_false(VALID("\xE7\xBD"));	     /* truncated 罗 */
	assert_false(VALID("ab\xE7"));
	assert_false(VALID("\xE7\x41\x41"));	     /* bad continuation */
	/* GB18030 bytes for 罗 are not UTF-8 */
	assert_false(VALID("\xC2\xDE"));
}

static void check_norm(const char *in, const char *want)
{
	struct dx_buf b = DX_BUF_INIT;
	char copy[128];

	dx_buf_adds(&b, "<");
	dx_text_norm(&b, in, strlen(in));
	assert_int_equal(b.err, 0);
	assert_string_equal(b.buf + 1, want);
	assert_int_equal(b.len, 1 + strlen(want));
	assert_true(b.buf[0] == '<');
	dx_buf_release(&b);

	dx_strlcpy(copy, in, sizeof(copy));
	assert_ptr_equal(dx_text_norm_inplace(copy), copy);
	assert_string_equal(copy, want);

	assert_int_equal(dx_text_norm_fixed(copy, sizeof(copy), in,
					    strlen(in)), 0);
	assert_string_equal(copy, want);
}

static void test_norm(void **state)
{
	check_norm("", "");
	check_norm("abc", "abc");
	check_norm("  abc \r\n", "abc");
	check_norm("\t a b \t", "a b");		/* inner space kept */
	check_norm("\v\fa\f\v", "a");
	check_norm("５３２３２６", "532326");
	check_norm("ＡＢＣｘｙｚ！～", "ABCxyz!~");
	check_norm("　５３２３２６　", "532326");	/* U+3000 both ends */
	check_norm("\xC2\xA0" "12" "\xC2\xA0", "12");	/* NBSP */
	check_norm("1　2", "1 2");			/* inner U+3000 -> ' ' */
	check_norm("罗涛", "罗涛");			/* CJK untouched */
	check_norm("２０２３年５月", "2023年5月");
	check_norm("￥１２", "￥12");			/* U+FFE5 not folded */
	check_norm("ｰ", "ｰ");			/* U+FF70 outside block */
	check_norm("　　　", "");
	check_norm(" \xFF x \xE7 ", "\xFF x \xE7");	/* bad bytes pass */
	check_norm("\xEF\xBC", "\xEF\xBC");		/* truncated, kept */
	check_norm("，；", ",;");
}

static void test_norm_fixed_limits(void **state)
{
	char out[8];

	assert_int_equal(dx_text_norm_fixed(out, sizeof(out), "  1234567  ",
					    11), 0);
	assert_string_equal(out, "1234567");
	assert_int_equal(dx_text_norm_fixed(out, sizeof(out), "12345678", 8),
			 DX_TOOBIG);
	assert_string_equal(out, "");
	/* folding shrinks, but the raw length decides */
	assert_int_equal(dx_text_norm_fixed(out, sizeof(out), "１２３", 9),
			 DX_TOOBIG);
	assert_int_equal(dx_text_norm_fixed(out, sizeof(out), "1\0002", 3),
			 DX_INVALID);
	/* len bounds the input: no NUL needed */
	assert_int_equal(dx_text_norm_fixed(out, sizeof(out), "12345", 2), 0);
	assert_string_equal(out, "12");
}

static void test_norm_buf_cap(void **state)
{
	struct dx_buf b;

	dx_buf_init(&b, 4);
	dx_text_norm(&b, "123456", 6);
	assert_int_equal(b.err, DX_TOOBIG);
	dx_buf_release(&b);
}

static int yn(const char *s, int *yes)
{
	*yes = -1;
	return dx_yesno_parse(s, strlen(s), yes);
}

static void test_yesno(void **state)
{
	static const char *const yes_cells[] = {
		"是", " 是 ", "　是", "有", "√", "✓", "✔", "Y", "y", "ｙ",
		"YES", "Yes", "yes", "TRUE", "true", "1", "１",
	};
	static const char *const no_cells[] = {
		"否", "否\r\n", "无", "×", "✗", "✘", "N", "n", "NO", "no",
		"FALSE", "False", "0", "０",
	};
	static const char *const bad_cells[] = {
		"是否", "2", "yess", "x", "X", "不是", "ok", "-", "01",
		"是 是", "\xE6\x98",
	};
	size_t i;
	int yes;

	for (i = 0; i < DX_ARRAY_SIZE(yes_cells); i++) {
		assert_int_equal(yn(yes_cells[i], &yes), 0);
		assert_int_equal(yes, 1);
	}
	for (i = 0; i < DX_ARRAY_SIZE(no_cells); i++) {
		assert_int_equal(yn(no_cells[i], &yes), 0);
		assert_int_equal(yes, 0);
	}
	for (i = 0; i < DX_ARRAY_SIZE(bad_cells); i++) {
		assert_int_equal(yn(bad_cells[i], &yes), DX_INVALID);
		assert_int_equal(yes, -1);
	}
	assert_int_equal(yn("", &yes), DX_NOT_FOUND);
	assert_int_equal(yn("  　 ", &yes), DX_NOT_FOUND);
	assert_int_equal(yes, -1);
	/* far too long for a yes/no */
	assert_int_equal(yn("是是是是是是是是是是是是是是是是是是", &yes),
			 DX_INVALID);
}

struct items {
	char joined[256];
	int count;
	int stop_at;
};

static int collect(const char *item, size_t n, void *arg)
{
	struct items *it = arg;
	size_t used = strlen(it->joined);

	assert_true(n > 0);
	if (used)
		it->joined[used++] = '|';
	assert_true(used + n < sizeof(it->joined));
	memcpy(it->joined + used, item, n);
	it->joined[used + n] = '\0';
	if (++it->count == it->stop_at)
		return 42;
	return 0;
}

static void check_split(const char *in, const char *want, int count)
{
	struct items it = {"", 0, 0};

	assert_int_equal(dx_text_split(in, strlen(in), collect, &it), 0);
	assert_string_equal(it.joined, want);
	assert_int_equal(it.count, count);
}

static void test_split(void **state)
{
	struct items it = {"", 0, 2};

	check_split("因病、因残", "因病|因残", 2);
	check_split("因病,因学；缺劳力;因灾，因残", "因病|因学|缺劳力|因灾|因残",
		    5);
	check_split(" 因病 、、 因残 ", "因病|因残", 2);
	check_split("因病　因残", "因病|因残", 2);
	check_split("因病\xC2\xA0因残\r\n", "因病|因残", 2);
	check_split("", "", 0);
	check_split("、，; ", "", 0);
	check_split("因病", "因病", 1);
	check_split("a,b", "a|b", 2);

	/* fn's non-zero return stops the split and is returned */
	assert_int_equal(dx_text_split("a、b、c", strlen("a、b、c"), collect,
				       &it),
			 42);
	assert_string_equal(it.joined, "a|b");

	/* len bounds the input */
	memset(&it, 0, sizeof(it));
	assert_int_equal(dx_text_split("ab,cd", 4, collect, &it), 0);
	assert_string_equal(it.joined, "ab|c");
}

/* ---- the fast paths against the plain byte-at-a-time definitions ---- */

static int ref_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* UTF-8 validity, one byte at a time (text.h's contract). */
static int ref_valid(const unsigned char *p, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = p[i], lo = 0x80, hi = 0xBF;
		size_t n;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
		else
			return 0;
		if (len - i - 1 < n || p[i + 1] < lo || p[i + 1] > hi)
			return 0;
		for (size_t k = 2; k <= n; k++)
			if ((p[i + k] & 0xC0) != 0x80)
				return 0;
		i += n + 1;
	}
	return 1;
}

/* Normalisation, one byte at a time: fold, then trim. */
static size_t ref_norm(char *dst, const unsigned char *p, size_t len)
{
	size_t i = 0, w = 0, keep = 0;
	while (i < len) {
		char c = (char)p[i];
		size_t n = 1;
		if (len - i >= 3 && p[i] == 0xEF &&
		    ((p[i + 1] == 0xBC && p[i + 2] >= 0x81 && p[i + 2] <= 0xBF) ||
		     (p[i + 1] == 0xBD && p[i + 2] >= 0x80 && p[i + 2] <= 0x9E)))
			c = (char)((((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F)) - 0xEE0), n = 3;
		else if (len - i >= 3 && p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x80)
			c = ' ', n = 3;
		else if (len - i >= 2 && p[i] == 0xC2 && p[i + 1] == 0xA0)
			c = ' ', n = 2;
		i += n;
		if (!w && ref_space((unsigned char)c))
			continue;
		dst[w++] = c;
		if (!ref_space((unsigned char)c))
			keep = w;
	}
	return keep;
}

static void test_random_cells(void **state)
{
	/* pieces that meet every branch: ASCII, spaces, folds, their cut
	 * forms, CJK, bad bytes, NUL */
	static const char *const piece[] = {
		"a", "7", " ", "\t", "\r", "\xC2\xA0", "\xC2", "\xC2\xA1", "\xE3\x80\x80",
		"\xE3\x80", "\xE3", "\xE3\x81\x81", "\xEF\xBC\x81", "\xEF\xBD\x9E",
		"\xEF\xBD\x9F", "\xEF\xBC", "\xEF", "\xE4\xB8\xAD", "\xED\xA0\x80",
		"\xF0\x9F\x98\x80", "\xF4\x90\x80\x80", "\x80", "\xFF", "abcdefgh", "",
	};
	unsigned seed = 12345;
	(void)state;
	for (int round = 0; round < 200000; round++) {
		char in[128], out[64], want[128], inplace[128];
		size_t len = 0, n, wn;
		int np, rc;
		seed = seed * 1103515245u + 12345u;
		np = (int)((seed >> 16) % 12);
		for (int k = 0; k < np; k++) {
			const char *pc;
			seed = seed * 1103515245u + 12345u;
			pc = piece[(seed >> 16) % DX_ARRAY_SIZE(piece)];
			memcpy(in + len, pc, strlen(pc));
			len += strlen(pc);
		}
		if (round % 97 == 0 && len)
			in[(seed >> 8) % len] = '\0';
		assert_int_equal(dx_utf8_valid(in, len),
				 ref_valid((const unsigned char *)in, len));
		rc = dx_text_norm_fixed_len(out, sizeof(out), in, len, &n);
		if (memchr(in, '\0', len)) {
			assert_int_equal(rc, DX_INVALID);
			continue;
		}
		wn = ref_norm(want, (const unsigned char *)in, len);
		want[wn] = '\0';
		/* the raw length after trimming ASCII spaces decides DX_TOOBIG */
		{
			size_t s = 0, e = len;
			while (s < e && ref_space((unsigned char)in[s]))
				s++;
			while (e > s && ref_space((unsigned char)in[e - 1]))
				e--;
			if (e - s >= sizeof(out)) {
				assert_int_equal(rc, DX_TOOBIG);
				assert_int_equal(n, 0);
				continue;
			}
		}
		assert_int_equal(rc, 0);
		assert_int_equal(n, wn);
		assert_memory_equal(out, want, wn + 1);
		memcpy(inplace, in, len);
		inplace[len] = '\0';
		dx_text_norm_inplace(inplace);
		assert_string_equal(inplace, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strlcpy),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_norm),
		cmocka_unit_test(test_norm_fixed_limits),
		cmocka_unit_test(test_norm_buf_cap),
		cmocka_unit_test(test_yesno),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_random_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
