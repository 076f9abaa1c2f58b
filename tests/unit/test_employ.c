/*
 * test_employ.c - 务工所在地 destination classes.
 */
#include "testutil.h"
#include "policy/employ.h"

static void test_classes(void **state)
{
	(void)state;
	assert_int_equal(dx_work_dest_of("浙江省宁波市", "532399101001"), DX_WORK_OUT_PROVINCE);
	assert_int_equal(dx_work_dest_of("上海市", "532399101001"), DX_WORK_OUT_PROVINCE);
	assert_int_equal(dx_work_dest_of("广东东莞", "532399"), DX_WORK_OUT_PROVINCE);
	assert_int_equal(dx_work_dest_of("云南省昆明市", "532399101001"), DX_WORK_IN_PROVINCE);
	assert_int_equal(dx_work_dest_of("昆明市", "532399101001"), DX_WORK_IN_PROVINCE);
	/* the same place is 省内 for a Zhejiang household */
	assert_int_equal(dx_work_dest_of("浙江省宁波市", "330212"), DX_WORK_IN_PROVINCE);
	assert_int_equal(dx_work_dest_of("云岭县县城", "532399101001"), DX_WORK_IN_COUNTY);
	assert_int_equal(dx_work_dest_of("县内", "532399101001"), DX_WORK_IN_COUNTY);
	assert_int_equal(dx_work_dest_of("大姚县", "532326"), DX_WORK_IN_COUNTY);
	assert_int_equal(dx_work_dest_of("乡内", "532399101001"), DX_WORK_IN_TOWNSHIP);
	assert_int_equal(dx_work_dest_of("本村合作社", "532399101001"), DX_WORK_IN_TOWNSHIP);
	/* a district of another province's city is still 省外 */
	assert_int_equal(dx_work_dest_of("江苏省苏州市工业园区", "532399"), DX_WORK_OUT_PROVINCE);
	assert_int_equal(dx_work_dest_of("不详", "532399"), DX_WORK_IN_PROVINCE);
	assert_string_equal(dx_work_dest_name(DX_WORK_IN_COUNTY), "县内乡外");
}

/* issue 11 item 15: the class written out as the place ("省外", as the
 * ledgers often do) is that class, not the cautious 省内县外 */
static void test_class_words(void **state)
{
	(void)state;
	assert_int_equal(dx_work_dest_of("省外", "532399101001"), DX_WORK_OUT_PROVINCE);
	assert_int_equal(dx_work_dest_of("外省", "532399101001"), DX_WORK_OUT_PROVINCE);
	assert_int_equal(dx_work_dest_of("省外务工", "532399"), DX_WORK_OUT_PROVINCE);
	assert_int_equal(dx_work_dest_of("境外", "532399"), DX_WORK_OUT_PROVINCE);
	assert_int_equal(dx_work_dest_of("省内县外", "532399101001"), DX_WORK_IN_PROVINCE);
	assert_int_equal(dx_work_dest_of("省内", "532399101001"), DX_WORK_IN_PROVINCE);
	assert_int_equal(dx_work_dest_of("县外", "532399101001"), DX_WORK_IN_PROVINCE);
	assert_int_equal(dx_work_dest_of("县内乡外", "532399101001"), DX_WORK_IN_COUNTY);
	assert_int_equal(dx_work_dest_of("乡内", "532399101001"), DX_WORK_IN_TOWNSHIP);
	/* each class name the report prints classifies as itself */
	for (int d = 0; d < DX_WORK_NDEST; d++)
		assert_int_equal(dx_work_dest_of(dx_work_dest_name((enum dx_work_dest)d), "532399"),
				 d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_classes),
					   cmocka_unit_test(test_class_words)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
