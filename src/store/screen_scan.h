/*
 * screen_scan.h - one pass over an area's households with everything the
 * screening rules and the data-quality checks read: the household record,
 * its members' attributes, the year's and the previous year's income, the
 * latest monitoring episode, unverified department warnings and (on
 * request) a summary of its assistance measures.
 *
 * Two statements ordered the same way (household id) are merged in
 * C, so a county of 300k people is two index walks and no per-household
 * query; members go into a fixed array that is reused for every household.
 */
#ifndef DX_STORE_SCREEN_SCAN_H
#define DX_STORE_SCREEN_SCAN_H

#include "core/dx.h"

struct dx_store;

/* Members beyond this are counted in nmembers but not copied. */
#define DX_SCAN_MAX_MEMBERS 32

struct dx_scan_member {
	char name[64];
	char relation[32];  /* 与户主关系 */
	char birth[11];
	char education[32]; /* 文化程度 */
	char school[48];    /* 在校生状况 */
	char health[64];    /* 健康状况, e.g. "患有大病,残疾" */
	char labour[48];    /* 劳动技能 */
	char work_place[64];
	int work_months;    /* -1 = not recorded */
	int ins_resident, ins_employee;
	int disability_subsidy; /* 残疾人两项补贴 */
	int counted;        /* 是否计入家庭人口 */
};

struct dx_scan_income {
	int64_t wage, business, property, transfer, business_cost, claims, oop;
};

/* Department-warning bits (unverified warnings matched to the household). */
enum {
	DX_WARN_MEDICAL = 1 << 0,    /* 医保 */
	DX_WARN_DISABILITY = 1 << 1, /* 残联 */
	DX_WARN_SCHOOL = 1 << 2,     /* 教育 */
	DX_WARN_DISASTER = 1 << 3,   /* 应急管理 */
	DX_WARN_JOB = 1 << 4,        /* 人社 */
	DX_WARN_POLICE = 1 << 5,     /* 公安 */
	DX_WARN_OTHER = 1 << 6       /* any other department */
};

struct dx_scan_hh {
	int64_t id;
	const char *hh_no, *area_code, *village; /* valid during the callback */
	int tuopin;       /* 1 脱贫户, 0 一般户 */
	int tuopin_year;  /* 0 = none */
	int unsafe_housing, dropout, unsafe_water;
	int has_income, has_prev;
	struct dx_scan_income cur, prev; /* zero when absent */
	/* the latest episode identified on or before as_of */
	int has_episode;
	int active;       /* neither eliminated nor ended as of the date */
	const char *category, *risks, *identified_on; /* "" without episode */
	int warnings;     /* unverified warnings matched */
	unsigned warn_bits;
	/* measures (only with DX_SCAN_MEASURES; else all 0) */
	int measures, measures_done;
	int dev_done;     /* 产业/就业/金融/公益岗位 implemented */
	int health_measures; /* 健康帮扶, 社会帮扶 or 综合保障 */
	int edu_measures; /* 义务教育保障 or 其他教育帮扶 */
	int nmembers;     /* all members (may exceed DX_SCAN_MAX_MEMBERS) */
	const struct dx_scan_member *m; /* min(nmembers, MAX) of them */
};

enum {
	DX_SCAN_MEASURES = 1 << 0, /* fill the measure summary */
	/* members with only what screening reads: name and relation of the
	 * 户主 (others have ""), school, health, labour, work place,
	 * insurance, counted; birth, education, work_months, subsidy empty */
	DX_SCAN_NARROW = 1 << 1
};

/*
 * Call fn for every household whose village code starts with `area`, in
 * household id order (the order they were entered), with `year`'s and `year - 1`'s income and
 * the episode state as of `as_of` (ISO date).  A non-zero return from fn
 * stops the scan and is returned.
 */
int dx_store_screen_scan(struct dx_store *st, const char *area, int year,
			 const char *as_of, unsigned what,
			 int (*fn)(const struct dx_scan_hh *, void *), void *arg);

#endif
