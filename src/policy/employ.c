/*
 * employ.c - classify 务工所在地 into the reports' destination classes.
 * Pure: text in, class out.
 */
#include "core/dx.h"
#include "policy/employ.h"

/* Province-level divisions by the first two digits of the area code. */
static const struct {
	const char code[3];
	const char *name; /* as written in addresses, without 省/市/自治区 */
} provinces[] = {
	{"11", "北京"}, {"12", "天津"}, {"13", "河北"}, {"14", "山西"}, {"15", "内蒙古"},
	{"21", "辽宁"}, {"22", "吉林"}, {"23", "黑龙江"}, {"31", "上海"}, {"32", "江苏"},
	{"33", "浙江"}, {"34", "安徽"}, {"35", "福建"}, {"36", "江西"}, {"37", "山东"},
	{"41", "河南"}, {"42", "湖北"}, {"43", "湖南"}, {"44", "广东"}, {"45", "广西"},
	{"46", "海南"}, {"50", "重庆"}, {"51", "四川"}, {"52", "贵州"}, {"53", "云南"},
	{"54", "西藏"}, {"61", "陕西"}, {"62", "甘肃"}, {"63", "青海"}, {"64", "宁夏"},
	{"65", "新疆"}, {"71", "台湾"}, {"81", "香港"}, {"82", "澳门"},
};

static const char *const dest_names[DX_WORK_NDEST] = {"省外", "省内县外", "县内乡外", "乡内"};

const char *dx_work_dest_name(enum dx_work_dest d)
{
	return d < DX_WORK_NDEST ? dest_names[d] : "";
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !memcmp(s + n - m, suffix, m);
}

enum dx_work_dest dx_work_dest_of(const char *place, const char *area)
{
	static const char *const township_words[] = {"乡内", "本乡", "村内", "镇内", "本镇", "本村"};
	static const char *const county_words[] = {"县内", "本县", "县城", "区内", "本区"};
	/* the class itself written as the place: 省外 must not fall through
	 * to the "names a 省" rule below, which would make it 省内县外 */
	static const char *const out_words[] = {"省外", "外省", "境外", "国外"};
	const char *home = NULL;
	int names_city;
	for (size_t i = 0; i < DX_ARRAY_SIZE(out_words); i++)
		if (strstr(place, out_words[i]))
			return DX_WORK_OUT_PROVINCE;
	for (size_t i = 0; i < DX_ARRAY_SIZE(township_words); i++)
		if (strstr(place, township_words[i]))
			return DX_WORK_IN_TOWNSHIP;
	for (size_t i = 0; i < DX_ARRAY_SIZE(county_words); i++)
		if (strstr(place, county_words[i]))
			return DX_WORK_IN_COUNTY;
	for (size_t i = 0; i < DX_ARRAY_SIZE(provinces); i++)
		if (area && !strncmp(area, provinces[i].code, 2))
			home = provinces[i].name;
	for (size_t i = 0; i < DX_ARRAY_SIZE(provinces); i++) {
		if (!strstr(place, provinces[i].name))
			continue;
		return home && !strcmp(home, provinces[i].name) ? DX_WORK_IN_PROVINCE
								 : DX_WORK_OUT_PROVINCE;
	}
	names_city = strstr(place, "市") || strstr(place, "州") || strstr(place, "省");
	if (!names_city && (ends_with(place, "县") || ends_with(place, "区")))
		return DX_WORK_IN_COUNTY;
	return DX_WORK_IN_PROVINCE;
}
