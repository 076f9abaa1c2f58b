/*
 * area.c - area code prefixes (see area.h).  Codes are compared as
 * strings; nothing here knows names, which live in the store.
 */
#include "core/dx.h"
#include "core/area.h"

/* Group boundaries: a prefix of each level ends at one of these. */
static const size_t level_len[] = {0, 2, 4, 6, 9, 12};

static int all_zero(const char *p, size_t n)
{
	while (n--)
		if (*p++ != '0')
			return 0;
	return 1;
}

int dx_area_province_valid(const char *p)
{
	int v;

	if (!p || p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return 0;
	v = (p[0] - '0') * 10 + (p[1] - '0');
	return (v >= 11 && v <= 15) || (v >= 21 && v <= 23) ||
	       (v >= 31 && v <= 37) || (v >= 41 && v <= 46) ||
	       (v >= 50 && v <= 54) || (v >= 61 && v <= 65) || v == 71 ||
	       v == 81 || v == 82;
}

enum dx_area_level dx_area_canon(const char *code, char out[13])
{
	size_t len, i;
	int level = DX_AREA_INVALID, lv;

	out[0] = '\0';
	if (!code)
		goto out;
	len = strlen(code);
	if (len > 12 || strspn(code, "0123456789") != len)
		goto out;
	for (lv = DX_AREA_PROVINCE; lv <= DX_AREA_VILLAGE; lv++)
		if (level_len[lv] == len)
			break;
	if (lv > DX_AREA_VILLAGE || !dx_area_province_valid(code))
		goto out;

	/* Walk the groups: the prefix ends before the first zero group, and
	 * everything after that must be zero too. */
	for (i = DX_AREA_CITY; i <= (size_t)lv; i++) {
		size_t from = level_len[i - 1], n = level_len[i] - from;

		if (all_zero(code + from, n)) {
			if (!all_zero(code + from, len - from))
				goto out;
			break;
		}
	}
	level = (int)i - 1;
	memcpy(out, code, level_len[level]);
	out[level_len[level]] = '\0';
out:
	return (enum dx_area_level)level;
}

int dx_area_is_village(const char *code)
{
	char canon[13];

	return code && strlen(code) == 12 &&
	       dx_area_canon(code, canon) == DX_AREA_VILLAGE;
}

int dx_area_in_scope(const char *code, const char *scope)
{
	if (!code)
		return 0;
	if (!scope)
		return 1;
	return !strncmp(code, scope, strlen(scope));
}

void dx_area_county(const char *code, char out[7])
{
	out[0] = '\0';
	if (code && strnlen(code, 6) == 6) {
		memcpy(out, code, 6);
		out[6] = '\0';
	}
}

void dx_area_parent(const char *prefix, char out[13])
{
	size_t len = prefix ? strlen(prefix) : 0;
	int lv;

	out[0] = '\0';
	for (lv = DX_AREA_CITY; lv <= DX_AREA_VILLAGE; lv++) {
		if (level_len[lv] == len) {
			memcpy(out, prefix, level_len[lv - 1]);
			out[level_len[lv - 1]] = '\0';
			break;
		}
	}
}

void dx_area_pad12(const char *prefix, char out[13])
{
	size_t n = prefix ? strnlen(prefix, 12) : 0;

	memcpy(out, prefix ? prefix : "", n);
	memset(out + n, '0', 12 - n);
	out[12] = '\0';
}
