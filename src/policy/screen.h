/*
 * screen.h - the screening rules of domain.md §5: which households a
 * village should verify, the suggested category, the derived risk types,
 * flags that are not categories, and the reasons with the numbers used.
 *
 * The system suggests; people decide.  dx_screen() is cheap: no allocation,
 * fixed-size output, so screening a province is a loop and a what-if is the
 * same loop run with a second policy.
 */
#ifndef DX_POLICY_SCREEN_H
#define DX_POLICY_SCREEN_H

#include "core/dx.h"
#include "core/strbuf.h"
#include "policy/income.h"
#include "policy/params.h"

/* 户类型 */
enum dx_hh_kind {
	DX_HH_YIBAN = 0, /* 一般户 */
	DX_HH_TUOPIN = 1 /* 脱贫户 */
};

/* 劳动技能 (domain.md §3) */
enum dx_labour {
	DX_LABOUR_UNKNOWN = 0, /* blank: not recorded */
	DX_LABOUR_NORMAL,      /* 普通劳动力 */
	DX_LABOUR_SKILLED,     /* 技能劳动力 */
	DX_LABOUR_WEAK,        /* 弱劳动力或半劳动力 */
	DX_LABOUR_LOST,        /* 丧失劳动力 */
	DX_LABOUR_NONE         /* 无劳动力 */
};

/* Parse a 劳动技能 cell ("" -> UNKNOWN); DX_INVALID for anything else. */
int dx_labour_parse(const char *text, enum dx_labour *out);
const char *dx_labour_name(enum dx_labour l);
/* 1 for 普通/技能/弱劳动力或半劳动力: the member counts as labour. */
int dx_labour_is_labour(enum dx_labour l);

/* 风险类型, in the order domain.md §5 lists them (the output order). */
enum dx_risk {
	DX_RISK_ILLNESS = 0, /* 因病 */
	DX_RISK_DISABILITY,  /* 因残 */
	DX_RISK_SCHOOL,      /* 因学 */
	DX_RISK_DISASTER,    /* 因自然灾害 */
	DX_RISK_ACCIDENT,    /* 因意外事故 */
	DX_RISK_INDUSTRY,    /* 因产业项目失败 */
	DX_RISK_JOB,         /* 因务工就业不稳 */
	DX_RISK_NO_LABOUR,   /* 缺劳动力 */
	DX_RISK_OTHER,       /* 其他 */
	DX_RISK_EPIDEMIC,    /* 因疫: valid 2021–2022 only */
	DX_RISK_COUNT
};
#define DX_RISK_BIT(r) (1u << (r))
#define DX_MAX_RISKS 5 /* domain.md §5: up to 5 per household */

const char *dx_risk_name(enum dx_risk r);
/* Parse a risk name ("因病", …); DX_INVALID for an unknown name. */
int dx_risk_parse(const char *name, enum dx_risk *out);
/* 1 if the code table of `year` has r (因疫 existed 2021–22 only). */
int dx_risk_valid_in_year(enum dx_risk r, int year);

/* 建议类别 */
enum dx_category {
	DX_CAT_NONE = 0,
	DX_CAT_UNSTABLE, /* 脱贫不稳定户 */
	DX_CAT_EDGE,     /* 边缘易致贫户 */
	DX_CAT_SUDDEN    /* 突发严重困难户 */
};
/* Chinese name; "" for DX_CAT_NONE. */
const char *dx_category_name(enum dx_category c);

/* Flags that are not categories (domain.md §5 "Also flag"). */
enum dx_screen_flag {
	DX_FLAG_LOW_INCOME = 1u << 0,     /* 脱贫户 with labour < low_income_target */
	DX_FLAG_UNSAFE_HOUSING = 1u << 1, /* 住房出现安全问题 */
	DX_FLAG_DROPOUT = 1u << 2,        /* 义务教育阶段适龄儿童失学辍学 */
	DX_FLAG_UNSAFE_WATER = 1u << 3,   /* 饮水出现安全问题 */
	DX_FLAG_NO_INSURANCE = 1u << 4,   /* 有成员未参加基本医保 */
	DX_FLAG_NO_INCOME = 1u << 5,      /* no income row for the year */
	DX_FLAG_NO_MEMBERS = 1u << 6,     /* no counted member */
	DX_FLAG_DEPT_WARNING = 1u << 7,   /* a department warning matched */
	DX_FLAG_NO_RISK = 1u << 8,        /* below the line, no risk found */
	DX_FLAG_MONITORED = 1u << 9,      /* already under an active episode */
	DX_FLAG_JOB_NO_LABOUR = 1u << 10  /* 因务工就业不稳 without labour+work */
};
#define DX_FLAG_COUNT 11
/* Short Chinese name of one flag bit, NULL for an unknown bit. */
const char *dx_screen_flag_name(unsigned flag);

struct dx_screen_member {
	unsigned char counted;    /* counted for per-capita income */
	unsigned char chronic;    /* 长期慢性病 */
	unsigned char serious;    /* 患有大病 */
	unsigned char disabled;   /* 残疾 */
	unsigned char compulsory; /* in compulsory school (小学 … 九年级) */
	unsigned char noncompulsory; /* 普通高中, 中职, 高职高专, 本科, 研究生 */
	unsigned char has_work;   /* registered 务工 */
	enum dx_labour labour;
};

/*
 * What screening reads of a household's members, folded: the store keeps
 * this per household (schema v7), so a province is screened without
 * reading a member row.  dx_screen_fold() makes it from members; screening
 * either gives the same result.
 */
struct dx_screen_folded {
	unsigned char any;            /* at least one member */
	unsigned char ill;            /* a member 患有大病 or 长期慢性病 */
	unsigned char disabled;       /* a member 残疾 */
	unsigned char noncompulsory;  /* a member in non-compulsory schooling */
	unsigned char labour;         /* a member counts as labour */
	unsigned char labour_work;    /* a member with labour and registered work */
	unsigned char labour_unknown; /* a member's 劳动技能 is not recorded */
	int counted;                  /* counted members */
};

/* Fold n members (NULL with n == 0 is no member). */
void dx_screen_fold(const struct dx_screen_member *m, int n,
		    struct dx_screen_folded *out);

struct dx_screen_input {
	enum dx_hh_kind kind;
	const struct dx_screen_member *members; /* the household's members */
	int nmembers;
	/* with `folded` set, members/nmembers are ignored and fold is read */
	unsigned char folded;
	struct dx_screen_folded fold;
	/* "3+1" */
	unsigned char unsafe_housing, dropout, unsafe_water, no_insurance;
	/* this year's income; income.members is ignored: the counted
	 * members are taken from members[] (or fold.counted) */
	unsigned char has_income;
	struct dx_income income;
	/* previous year, with its own counted members */
	unsigned char has_prev_income;
	struct dx_income prev_income;
	unsigned char dept_warning; /* a department warning matched */
	unsigned char monitored;    /* under an active (not eliminated) episode */
	/* DX_RISK_BIT()s known from elsewhere (a clue's reason, a matched
	 * warning: 应急管理 -> 因自然灾害, 人社 -> 因务工就业不稳) */
	unsigned extra_risks;
};

#define DX_SCREEN_REASON_MAX 640

struct dx_screen_result {
	enum dx_category category;
	int nrisks;
	enum dx_risk risks[DX_MAX_RISKS]; /* in enum order */
	unsigned flags;                   /* enum dx_screen_flag bits */
	int counted;                      /* counted members */
	int has_income;                   /* income figures below are valid */
	struct dx_income_result income;
	int64_t line;                     /* monitoring line used, fen */
	char reasons[DX_SCREEN_REASON_MAX]; /* "；"-separated Chinese text */
};

/*
 * Screen one household under policy p (domain.md §5).
 *
 * The rules are one table in screen.c (first matching row wins):
 *  - tested per-capita < line and net per-capita < line, with at least one
 *    risk: 脱贫不稳定户 (脱贫户) / 边缘易致贫户 (一般户);
 *    below on both counts without any risk found, but with a hardship (see
 *    below) or 合规自付支出 taking tested below net: 突发严重困难户;
 *    below on both counts with none of these: no category, DX_FLAG_NO_RISK
 *    (domain.md says "at least one risk"; a person has to look);
 *  - net per-capita >= line but tested per-capita < line: 突发严重困难户;
 *  - tested per-capita >= line with a hardship: 合规自付支出 >
 *    sudden_oop_share% of the household's net income, or net per-capita
 *    fell by more than sudden_income_drop_share% on the previous year:
 *    突发严重困难户.
 * Raising the line never removes a household a lower line suggests
 * (issue 11.7); it may change the category.
 * "Below" is strict: exactly at the line is not below.  Comparisons use the
 * per-capita figures rounded to the fen, as the ledgers print them.
 * Monitored households are screened as any other and get DX_FLAG_MONITORED;
 * leaving them out of a list is the caller's choice.
 *
 * Returns 0 (also when a category cannot be decided: see the flags), or
 * DX_INVALID for a NULL member array with nmembers > 0 (unless folded).
 */
int dx_screen(const struct dx_screen_input *in, const struct dx_policy *p,
	      struct dx_screen_result *out);

/* Derived household facts, shared with the elimination rules and checks. */
/* 1 if a member counts as labour (整户无劳动能力 is the opposite). */
int dx_screen_has_labour(const struct dx_screen_member *m, int n);

/* Append the names joined by sep ("因病、因残"; "住房出现安全问题、…"). */
void dx_screen_add_risks(struct dx_buf *b, const struct dx_screen_result *r,
			 const char *sep);
void dx_screen_add_flags(struct dx_buf *b, unsigned flags, const char *sep);

#endif
