/*
 * test_mask.c - masking ID and phone numbers inside free text
 * (core/mask.c, issue 13.5): what is masked, what is left alone.
 */
#include "testutil.h"
#include "core/mask.h"

static void check(const char *in, const char *want)
{
	char b[256];
	dx_strlcpy(b, in, sizeof(b));
	dx_mask_text(b);
	assert_string_equal(b, want);
	assert_int_equal(dx_mask_needed(in), strcmp(in, want) != 0);
}

static void test_ids(void **state)
{
	(void)state;
	check("532326196501010019", "532326********0019");
	check("汉族532326196501010017X", "汉族532326196501010017X"); /* 19 chars: not an ID */
	check("汉 53232619650101001X 族", "汉 532326********001X 族");
	check("昆明53232619650101001x", "昆明532326********001x");
}

static void test_phones(void **state)
{
	(void)state;
	check("13812345678", "138****5678");
	check("电话：13812345678，找张三", "电话：138****5678，找张三");
	check("+8613812345678", "+86138****5678");
	check("0878-1234567", "0878-***4567");
	check("010 12345678", "010 ****5678");
	check("08781234567", "0878***4567");
}

static void test_left_alone(void **state)
{
	(void)state;
	check("", "");
	check("汉族", "汉族");
	check("532326106201", "532326106201");      /* a village code */
	check("户 532326106000001", "户 532326106000001"); /* a 户编号 */
	check("2023-05-06 务工 6 个月", "2023-05-06 务工 6 个月");
	check("收入 12345.67 元", "收入 12345.67 元");
	check("23812345678", "23812345678");        /* 11 digits, not a mobile */
	check("1381234567890123456789", "1381234567890123456789"); /* too long */
	assert_int_equal(dx_mask_text(NULL), 0);
	assert_false(dx_mask_needed(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_phones),
		cmocka_unit_test(test_left_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
