/*
 * employ.h - where a migrant worker works, as the reports count it
 * (domain.md §11: "省外转移就业882人，县外省内549人…").
 */
#ifndef DX_EMPLOY_H
#define DX_EMPLOY_H

enum dx_work_dest {
	DX_WORK_OUT_PROVINCE, /* 省外 */
	DX_WORK_IN_PROVINCE,  /* 省内县外 */
	DX_WORK_IN_COUNTY,    /* 县内乡外 */
	DX_WORK_IN_TOWNSHIP,  /* 乡内 */
	DX_WORK_NDEST
};

/* Chinese label of a destination class. */
const char *dx_work_dest_name(enum dx_work_dest d);

/* Classify a 务工所在地 text for a household living in `area` (a code of
 * at least 2 digits: its province decides 省外).  Rules, most specific
 * first: the words 省外/外省/境外/国外 -> 省外;
 * 乡内/本乡/村内/镇内 -> 乡内; 县内/本县/县城/the text ends in 县 or
 * 区 without naming a province or city -> 县内乡外; a province name other
 * than the household's, or a municipality (北京, 上海, 天津, 重庆) that is
 * not its own -> 省外; anything else naming a city or the home province ->
 * 省内县外.  An unrecognisable text counts as 省内县外, the cautious middle. */
enum dx_work_dest dx_work_dest_of(const char *place, const char *area);

#endif
