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
 * Screening (DX_SCAN_FOLDED) reads no member row at all: the store keeps
 * a summary of the members on the household row (schema v7).
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

/*
 * household.msum bits (schema v7): what screening reads of the members,
 * kept by the store (views person_flags, household_derived).
 */
enum {
	DX_HHM_ANY = 1 << 0,            /* at least one member */
	DX_HHM_ILL = 1 << 1,            /* 患有大病 or 长期慢性病 */
	DX_HHM_DISABLED = 1 << 2,       /* 残疾 */
	DX_HHM_NONCOMPULSORY = 1 << 3,  /* 高中, 中职, 高职, 本科, 研究生, 硕士 */
	DX_HHM_LABOUR = 1 << 4,         /* 普通, 技能 or 弱劳动力或半劳动力 */
	DX_HHM_LABOUR_WORK = 1 << 5,    /* such a member with a work place */
	DX_HHM_LABOUR_UNKNOWN = 1 << 6, /* 劳动技能 blank or not a code */
	DX_HHM_NO_INSURANCE = 1 << 7    /* neither resident nor employee 医保 */
};

struct dx_scan_hh {
	int64_t id;
	const char *hh_no, *area_code, *village; /* valid during the callback */
	int tuopin;       /* 1 脱贫户, 0 一般户 */
	int tuopin_year;  /* 0 = none */
	int unsafe_housing, dropout, unsafe_water;
	int has_income, has_prev;
	/* zero when absent; with DX_SCAN_FOLDED, wage holds the net income
	 * (wage + business + property + transfer - business_cost) and those
	 * parts are 0: screening reads only the net, claims and oop */
	struct dx_scan_income cur, prev;
	/* the latest episode identified on or before as_of */
	int has_episode;
	int active;       /* neither eliminated nor ended as of the date */
	/* "" without episode, and always "" with DX_SCAN_FOLDED */
	const char *category, *risks, *identified_on;
	int warnings;     /* unverified warnings matched */
	unsigned warn_bits;
	/* measures (only with DX_SCAN_MEASURES; else all 0) */
	int measures, measures_done;
	int dev_done;     /* 产业/就业/金融/公益岗位 implemented */
	int health_measures; /* 健康帮扶, 社会帮扶 or 综合保障 */
	int edu_measures; /* 义务教育保障 or 其他教育帮扶 */
	int nmembers;     /* all members (may exceed DX_SCAN_MAX_MEMBERS) */
	const struct dx_scan_member *m; /* min(nmembers, MAX) of them */
	/* with DX_SCAN_FOLDED: no member rows (nmembers 0, m NULL) but the
	 * household's own summary of them */
	int folded;
	unsigned msum;    /* DX_HHM_* bits */
	int counted;      /* counted members (household.members) */
	const char *head; /* name of the first 户主, "" if none */
};

enum {
	DX_SCAN_MEASURES = 1 << 0, /* fill the measure summary */
	/* screening: the members' summary instead of member rows, income,
	 * episodes and warnings read by area in one pass each and joined in
	 * C; not with DX_SCAN_MEASURES */
	DX_SCAN_FOLDED = 1 << 1
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
