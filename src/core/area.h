/*
 * area.h - 统计用区划代码, the 12-digit statistical area codes.
 *
 * A code is 2 digits of province, 2 of city (地级), 2 of county (县级),
 * 3 of township (乡/镇/街道) and 3 of village (村/社区): 532326106001 is
 * 云南省 楚雄州 大姚县 示例乡 青山村.  Records carry the full 12 digits of
 * their village; a user's scope and a policy's reach are prefixes of it
 * (domain.md §2): 6 digits a county, 9 a township, 12 a village.
 *
 * A prefix is *canonical* when it has 2, 4, 6, 9 or 12 digits and its
 * last group is not all zeros.  Zero groups are padding: "532326000000",
 * "532326000" and "532326" are the same county, and "530000" (the GB/T
 * 2260 way of writing a province) is "53".
 */
#ifndef DX_AREA_H
#define DX_AREA_H

enum dx_area_level {
	DX_AREA_INVALID = 0,
	DX_AREA_PROVINCE = 1, /* 2 digits */
	DX_AREA_CITY,         /* 4 digits */
	DX_AREA_COUNTY,       /* 6 digits */
	DX_AREA_TOWNSHIP,     /* 9 digits */
	DX_AREA_VILLAGE,      /* 12 digits */
};

/*
 * 1 if the two characters at p are a province code in use: 11-15, 21-23,
 * 31-37, 41-46, 50-54, 61-65, 71 (台湾), 81 (香港), 82 (澳门).  Shared
 * with the 身份证 check.
 */
int dx_area_province_valid(const char *p);

/*
 * Canonical prefix of code: accepts 2, 4, 6, 9 or 12 digits and strips
 * trailing all-zero groups ("532326106000" -> "532326106").  A zero group
 * followed by a non-zero one ("530026106001") is refused, as are
 * non-digits, other lengths, an invalid province and NULL.  Writes the
 * prefix into out (at least 13 bytes; "" on failure) and returns its
 * level, or DX_AREA_INVALID.
 */
enum dx_area_level dx_area_canon(const char *code, char out[13]);

/* 1 if code is a full village code: 12 digits, no zero group. */
int dx_area_is_village(const char *code);

/*
 * 1 if code lies within scope, a canonical prefix: code starts with it.
 * The empty scope (and NULL) is everything; a NULL code is in nothing.
 * Neither argument is canonicalised here: do it once on the way in.
 */
int dx_area_in_scope(const char *code, const char *scope);

/* The county prefix, the first 6 digits; "" if code is shorter. */
void dx_area_county(const char *code, char out[7]);

/*
 * Parent of a canonical prefix: 12 digits -> 9, 9 -> 6, 6 -> 4, 4 -> 2,
 * 2 -> "".  Any other length gives "".
 */
void dx_area_parent(const char *prefix, char out[13]);

/*
 * A canonical prefix padded with zeros to the 12-digit form:
 * "532326" -> "532326000000".  Longer input is cut at 12.
 */
void dx_area_pad12(const char *prefix, char out[13]);

#endif
