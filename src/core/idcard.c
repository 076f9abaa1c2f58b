/*
 * idcard.c - 身份证 normalisation, validation and masking (see idcard.h).
 */
#include "core/dx.h"
#include "core/area.h"
#include "core/date.h"
#include "core/idcard.h"
#include "core/text.h"

/* Indexed by the expected check character's position in check_chars. */
static const char check_chars[] = "10X98765432";
static const char *const why_check[] = {
	"校验位错误（应为 1）", "校验位错误（应为 0）", "校验位错误（应为 X）",
	"校验位错误（应为 9）", "校验位错误（应为 8）", "校验位错误（应为 7）",
	"校验位错误（应为 6）", "校验位错误（应为 5）", "校验位错误（应为 4）",
	"校验位错误（应为 3）", "校验位错误（应为 2）",
};

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int check_index(const char *first17)
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6,
				       3, 7, 9, 10, 5, 8, 4, 2};
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		if (!is_digit((unsigned char)first17[i]))
			return -1;
		sum += (first17[i] - '0') * weight[i];
	}
	return sum % 11;
}

char dx_idcard_check_char(const char first17[17])
{
	int k = check_index(first17);

	return k < 0 ? '\0' : check_chars[k];
}

static int num(const char *p, int n)
{
	int v = 0;

	while (n--)
		v = v * 10 + (*p++ - '0');
	return v;
}

int dx_idcard_parse(const char *in, size_t len, const struct dx_date *today,
		    struct dx_idcard *out, const char **why)
{
	char cell[64], id[19];
	const char *reason = "含非法字符";
	size_t i, n = 0;
	struct dx_date birth;
	int k, nx = 0, rc = DX_INVALID;
	char last = 0;

	memset(out, 0, sizeof(*out));
	if (dx_text_norm_fixed(cell, sizeof(cell), in, len)) {
		reason = "长度应为18位";
		goto out;
	}

	/* Drop every space; keep the rest, counting past 18 for the message. */
	for (i = 0; cell[i]; i++) {
		char c = cell[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
		    c == '\f' || c == '\r')
			continue;
		if (c == 'x')
			c = 'X';
		if (!is_digit((unsigned char)c) && c != 'X')
			goto out;
		if (c == 'X')
			nx++;
		if (n < 18)
			id[n] = c;
		n++;
		last = c;
	}
	if (!n) {
		reason = "证件号码为空";
		goto out;
	}
	/* 'X' only as the check character, which 15-digit numbers lack. */
	if (nx > 1 || (nx && (last != 'X' || n == 15)))
		goto out;
	if (n == 15) {
		memmove(id + 8, id + 6, 9);
		id[6] = '1';
		id[7] = '9';
		id[17] = dx_idcard_check_char(id);
		n = 18;
	}
	if (n != 18) {
		reason = "长度应为18位";
		goto out;
	}
	id[18] = '\0';

	reason = "地区码无效";
	if (!dx_area_province_valid(id) || !memcmp(id + 2, "0000", 4))
		goto out;

	reason = "出生日期无效";
	birth.y = num(id + 6, 4);
	birth.m = num(id + 10, 2);
	birth.d = num(id + 12, 2);
	if (birth.y < 1900 || !dx_date_valid(birth.y, birth.m, birth.d) ||
	    dx_date_cmp(&birth, today) > 0)
		goto out;

	k = check_index(id);
	if (id[17] != check_chars[k]) {
		reason = why_check[k];
		goto out;
	}

	memcpy(out->id, id, sizeof(out->id));
	/* what dx_date_format() writes: the digits checked above */
	memcpy(out->birth, id + 6, 4);
	out->birth[4] = '-';
	memcpy(out->birth + 5, id + 10, 2);
	out->birth[7] = '-';
	memcpy(out->birth + 8, id + 12, 2);
	out->birth[10] = '\0';
	out->sex = (id[16] - '0') % 2 ? 1 : 2;
	rc = DX_OK;
out:
	if (rc && why)
		*why = reason;
	return rc;
}

int dx_idcard_excel_number(const char *in, size_t len)
{
	size_t i = 0, j, nd = 0;
	int64_t e = 0;

	while (len && (in[len - 1] == ' ' || in[len - 1] == '\t'))
		len--;
	while (i < len && (in[i] == ' ' || in[i] == '\t'))
		i++;
	j = i;
	while (j < len && is_digit((unsigned char)in[j]))
		j++, nd++;
	if (j == len)
		return nd == 18 && !memcmp(in + len - 3, "000", 3) ? 2 : 0;
	if (!nd)
		return 0;
	if (in[j] == '.') {
		j++;
		while (j < len && is_digit((unsigned char)in[j]))
			j++;
	}
	if (j == len || (in[j] != 'E' && in[j] != 'e'))
		return 0;
	j++;
	if (j < len && in[j] == '+')
		j++;
	if (j == len)
		return 0;
	for (; j < len; j++) {
		if (!is_digit((unsigned char)in[j]) || e > 100)
			return 0;
		e = e * 10 + (in[j] - '0');
	}
	/* an ID is 15 or 18 digits: 1.xE+14 to 9.xE+17 */
	return e >= 14 && e <= 17 ? 1 : 0;
}

void dx_idcard_mask(const char *id, char out[19])
{
	if (!id || strlen(id) != 18) {
		dx_strlcpy(out, "******", 19);
		return;
	}
	memcpy(out, id, 6);
	memset(out + 6, '*', 8);
	memcpy(out + 14, id + 14, 4);
	out[18] = '\0';
}

void dx_phone_mask(const char *phone, char *out, size_t size)
{
	size_t len, i, stars, w = 0;
	int plain = 1;

	if (!size)
		return;
	len = phone ? strlen(phone) : 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)phone[i] >= 0x80)
			plain = 0;
	if (!plain || len < 8 || size < 9) {
		stars = len < size - 1 ? len : size - 1;
		memset(out, '*', stars);
		out[stars] = '\0';
		return;
	}
	stars = len - 7 < size - 8 ? len - 7 : size - 8;
	memcpy(out, phone, 3);
	w = 3;
	memset(out + w, '*', stars);
	w += stars;
	memcpy(out + w, phone + len - 4, 4);
	w += 4;
	out[w] = '\0';
}
