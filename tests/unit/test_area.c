/*
 * test_area.c - area code prefixes (src/core/area.c).
 */
#include "core/dx.h"
#include "core/area.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void canon(const char *code, const char *want, enum dx_area_level lv)
{
	char out[13];

	memset(out, 'z', sizeof(out));
	assert_int_equal(dx_area_canon(code, out), lv);
	assert_string_equal(out, want);
}

static void test_canon(void **state)
{
	canon("532326106001", "532326106001", DX_AREA_VILLAGE);
	canon("532326106000", "532326106", DX_AREA_TOWNSHIP);
	canon("532326000000", "532326", DX_AREA_COUNTY);
	canon("532300000000", "5323", DX_AREA_CITY);
	canon("530000000000", "53", DX_AREA_PROVINCE);
	canon("532326106", "532326106", DX_AREA_TOWNSHIP);
	canon("532326000", "532326", DX_AREA_COUNTY);
	canon("532326", "532326", DX_AREA_COUNTY);
	canon("530000", "53", DX_AREA_PROVINCE);	/* GB/T 2260 style */
	canon("5323", "5323", DX_AREA_CITY);
	canon("53", "53", DX_AREA_PROVINCE);
	canon("110101001001", "110101001001", DX_AREA_VILLAGE);
	canon("820000", "82", DX_AREA_PROVINCE);
	canon("532326106201", "532326106201", DX_AREA_VILLAGE);

	canon("", "", DX_AREA_INVALID);
	canon(NULL, "", DX_AREA_INVALID);
	canon("5", "", DX_AREA_INVALID);
	canon("532", "", DX_AREA_INVALID);
	canon("53232", "", DX_AREA_INVALID);
	canon("5323261", "", DX_AREA_INVALID);
	canon("53232610", "", DX_AREA_INVALID);
	canon("5323261060", "", DX_AREA_INVALID);
	canon("53232610600", "", DX_AREA_INVALID);
	canon("5323261060011", "", DX_AREA_INVALID);
	canon("53232610600a", "", DX_AREA_INVALID);
	canon(" 532326", "", DX_AREA_INVALID);
	canon("-53232", "", DX_AREA_INVALID);
	canon("000000000000", "", DX_AREA_INVALID);
	canon("992326106001", "", DX_AREA_INVALID);	/* no province 99 */
	canon("10", "", DX_AREA_INVALID);
	canon("16", "", DX_AREA_INVALID);
	canon("55", "", DX_AREA_INVALID);
	canon("72", "", DX_AREA_INVALID);
	/* a zero group above a non-zero one is not padding */
	canon("530026106001", "", DX_AREA_INVALID);
	canon("532326000001", "", DX_AREA_INVALID);
	canon("530000106000", "", DX_AREA_INVALID);
	canon("5300261", "", DX_AREA_INVALID);
}

static void test_province(void **state)
{
	static const char *const ok[] = {"11", "15", "21", "23", "31", "37",
					  "41", "46", "50", "54", "61", "65",
					  "71", "81", "82"};
	static const char *const no[] = {"00", "10", "16", "20", "24", "30",
					 "38", "40", "47", "49", "55", "60",
					 "66", "70", "72", "80", "83", "99",
					 "1",  "a1", ""};
	size_t i;

	for (i = 0; i < DX_ARRAY_SIZE(ok); i++)
		assert_true(dx_area_province_valid(ok[i]));
	for (i = 0; i < DX_ARRAY_SIZE(no); i++)
		assert_false(dx_area_province_valid(no[i]));
	assert_false(dx_area_province_valid(NULL));
}

static void test_is_village(void **state)
{
	assert_true(dx_area_is_village("532326106001"));
	assert_true(dx_area_is_village("110101001001"));
	assert_false(dx_area_is_village("532326106000"));
	assert_false(dx_area_is_village("532326000001"));
	assert_false(dx_area_is_village("532326106"));
	assert_false(dx_area_is_village("5323261060011"));
	assert_false(dx_area_is_village("53232610600x"));
	assert_false(dx_area_is_village("992326106001"));
	assert_false(dx_area_is_village(""));
	assert_false(dx_area_is_village(NULL));
}

static void test_in_scope(void **state)
{
	assert_true(dx_area_in_scope("532326106001", ""));
	assert_true(dx_area_in_scope("532326106001", NULL));
	assert_true(dx_area_in_scope("532326106001", "53"));
	assert_true(dx_area_in_scope("532326106001", "532326"));
	assert_true(dx_area_in_scope("532326106001", "532326106"));
	assert_true(dx_area_in_scope("532326106001", "532326106001"));
	assert_false(dx_area_in_scope("532326106001", "532326107"));
	assert_false(dx_area_in_scope("532326106001", "532327"));
	assert_false(dx_area_in_scope("532326106001", "5323261060011"));
	assert_false(dx_area_in_scope("532326", "532326106"));
	assert_false(dx_area_in_scope(NULL, ""));
}

static void test_county(void **state)
{
	char out[7];

	dx_area_county("532326106001", out);
	assert_string_equal(out, "532326");
	dx_area_county("532326", out);
	assert_string_equal(out, "532326");
	dx_area_county("53232", out);
	assert_string_equal(out, "");
	dx_area_county(NULL, out);
	assert_string_equal(out, "");
}

static void parent(const char *in, const char *want)
{
	char out[13];

	memset(out, 'z', sizeof(out));
	dx_area_parent(in, out);
	assert_string_equal(out, want);
}

static void test_parent(void **state)
{
	parent("532326106001", "532326106");
	parent("532326106", "532326");
	parent("532326", "5323");
	parent("5323", "53");
	parent("53", "");
	parent("", "");
	parent(NULL, "");
	parent("5323261", "");
	parent("5323261060011", "");
}

static void pad(const char *in, const char *want)
{
	char out[13];

	memset(out, 'z', sizeof(out));
	dx_area_pad12(in, out);
	assert_string_equal(out, want);
}

static void test_pad12(void **state)
{
	pad("532326", "532326000000");
	pad("532326106", "532326106000");
	pad("532326106001", "532326106001");
	pad("53", "530000000000");
	pad("", "000000000000");
	pad(NULL, "000000000000");
	pad("5323261060019", "532326106001");
}

static void test_round_trip(void **state)
{
	static const char *const prefixes[] = {"53", "5323", "532326",
					       "532326106", "532326106001"};
	char padded[13], back[13];
	size_t i;

	for (i = 0; i < DX_ARRAY_SIZE(prefixes); i++) {
		dx_area_pad12(prefixes[i], padded);
		assert_int_equal(dx_area_canon(padded, back),
				 (enum dx_area_level)(i + 1));
		assert_string_equal(back, prefixes[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canon),
		cmocka_unit_test(test_province),
		cmocka_unit_test(test_is_village),
		cmocka_unit_test(test_in_scope),
		cmocka_unit_test(test_county),
		cmocka_unit_test(test_parent),
		cmocka_unit_test(test_pad12),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
