/*
 * params.h - the policy parameters as data (domain.md §10).
 *
 * Every threshold the rules use lives in `struct dx_policy`; nothing in
 * src/policy/ hard-codes a line, a share or a number of days.  One key table
 * describes every field (name, type, default, Chinese description) and drives
 * the defaults, parsing a user's text (`policy set`), the canonical text form
 * (`policy show`) and the resolution of stored settings by area prefix, year
 * and effective date.
 *
 * Money is int64 fen.  Percentages are whole percent.  Nothing here allocates.
 */
#ifndef DX_POLICY_PARAMS_H
#define DX_POLICY_PARAMS_H

#include "core/dx.h"
#include "core/date.h"
#include "core/strbuf.h"

/* How the monitoring line is set (monitoring_line_formula). */
enum dx_line_formula {
	DX_LINE_FIXED = 0, /* "fixed": monitoring_line as typed */
	DX_LINE_DIBAO = 1  /* "dibao": k × 低保 standard (per month) × 12 */
};

#define DX_POLICY_TEXT_MAX 64
/* Dates one list key holds: a year's 法定节假日 are about 30 days. */
#define DX_POLICY_DATES_MAX 96

/* A sorted list of distinct dates (holidays, extra_workdays). */
struct dx_policy_dates {
	int n;
	struct dx_date d[DX_POLICY_DATES_MAX];
};

struct dx_policy {
	int64_t monitoring_line;   /* 监测标准线, fen per person per year */
	int line_formula;          /* enum dx_line_formula */
	int line_k;                /* k in hundredths (200 = 2.00) */
	int64_t dibao_standard;    /* 低保标准, fen per person per month */
	int64_t low_income_target; /* 脱贫户 万元以下 target, fen per person */
	int deduct_oop;            /* tested income deducts 合规自付支出 */
	int sudden_oop_share;      /* % of net income (突发严重困难) */
	int sudden_income_drop_share; /* % fall year on year */
	int identify_days;         /* clue to decision */
	int working_days;          /* identify_days counts working days */
	int notice_days;           /* 公示 length */
	int eliminate_min_months;
	int eliminate_min_measures;
	int no_labour_blocks_elimination;
	int visits_per_week_active;
	int visits_per_week_eliminated;
	int64_t warn_medical_oop;  /* 医保 warning threshold, fen */
	int industry_central_min;  /* % of 中央衔接资金 on 产业项目, at least (issue 18) */
	char target_label[DX_POLICY_TEXT_MAX]; /* 监测对象 / 防止返贫致贫对象 */
	struct dx_policy_dates holidays;       /* 法定节假日 (days off) */
	struct dx_policy_dates extra_workdays; /* 调休上班 (weekend days worked) */
	/* issue 19: 小额信贷 (templates.md §10) */
	int64_t loan_max;      /* fen */
	int loan_max_years;
	int loan_min_age, loan_max_age;
	/* 负面清单 (issue 18): project types no 衔接资金 may go to, as set
	 * ("产业发展、其他"); "无" = none (app/funds.h dx_fund_type_forbidden) */
	char project_forbidden_types[DX_POLICY_TEXT_MAX];
};

enum dx_policy_type {
	DX_PT_MONEY,    /* yuan in text ("8700", "8700.5", "8700.00"), fen inside */
	DX_PT_INT,      /* whole number within [min, max] */
	DX_PT_BOOL,     /* yes/no, 是/否, 1/0, true/false */
	DX_PT_PERCENT,  /* whole percent 0..100, "50" or "50%" */
	DX_PT_TEXT,     /* non-empty text, < DX_POLICY_TEXT_MAX bytes */
	DX_PT_ENUM,     /* one of `choices` ("fixed|dibao") */
	DX_PT_DECIMAL2, /* decimal with up to 2 places, stored in hundredths */
	DX_PT_DATES     /* ISO dates separated by ',' '，' ';' or spaces; "" or
			   "none" = no date; kept sorted without repeats */
};

struct dx_policy_key {
	const char *name;
	enum dx_policy_type type;
	size_t offset; /* into struct dx_policy */
	const char *def; /* default, in the text form `policy set` accepts */
	const char *desc; /* Chinese description for `policy show` */
	int64_t min, max; /* INT and DECIMAL2 (hundredths) ranges */
	const char *choices; /* ENUM: '|'-separated canonical values */
	const char *choices_zh; /* ENUM: Chinese aliases, same order */
};

/* The key table, for `policy show`: dx_policy_key_at(i) for i < count. */
size_t dx_policy_key_count(void);
const struct dx_policy_key *dx_policy_key_at(size_t i);
/* The key named `name` (its English name or its Chinese one, 监测线 for
 * monitoring_line), or NULL. */
const struct dx_policy_key *dx_policy_key_find(const char *name);
/* The key's Chinese name (监测线), "" if it has none. */
const char *dx_policy_key_zh(const struct dx_policy_key *k);
/* Type name for display: "money", "int", "bool", "percent", "text", ... */
const char *dx_policy_type_name(enum dx_policy_type t);

/* Fill p with every key's default (domain.md §10).  Returns 0. */
int dx_policy_defaults(struct dx_policy *p);

/*
 * Parse `value` (a user's text) for `key` and store it in p.  On failure p
 * is unchanged, DX_INVALID (bad value) or DX_NOT_FOUND (unknown key) is
 * returned and *why (if why is not NULL) points at a static Chinese
 * explanation that says what to type instead.
 */
int dx_policy_set(struct dx_policy *p, const char *key, const char *value,
		  const char **why);

/* Append key's value in canonical text form to out ("8700.00", "yes", "50",
 * "fixed", "2.00", "监测对象").  DX_NOT_FOUND for an unknown key. */
int dx_policy_get(const struct dx_policy *p, const char *key,
		  struct dx_buf *out);

/*
 * The monitoring line in force, fen per person per year: monitoring_line
 * when the formula is fixed, else k × dibao_standard × 12 rounded half away
 * from zero to the fen (domain.md §10; e.g. 2 × 815 × 12 = 19560).
 */
int64_t dx_policy_line(const struct dx_policy *p);

/*
 * One stored setting: the value of `key` for areas under `area_prefix`
 * ("" = everywhere), for `year` (0 = every year, a fallback below any
 * exact-year setting), in force from `effective_from` (ISO date, "" = from
 * the start).
 */
struct dx_policy_setting {
	const char *area_prefix;
	int year;
	const char *effective_from;
	const char *key;
	const char *value;
};

/*
 * Build the policy in force for (area, year, date) from the defaults and
 * the settings s[0..n).  For each key, among the settings that apply (the
 * prefix is a prefix of area, year equal or 0, effective_from "" or <= date):
 *   1. the longest area prefix wins;
 *   2. then an exact-year setting beats a year-0 one;
 *   3. then the latest effective_from;
 *   4. then the later element of s (the caller passes them in the order
 *      they were written).
 * `date` NULL or "" means the last day of `year` (no date filter when year
 * is 0 too).  A winning setting with an unknown key or a bad value fails the
 * whole resolution with DX_INVALID / DX_NOT_FOUND and *why; a losing one is
 * not examined.  Settings whose key this version does not know are
 * ignored, so a store written by a newer version still resolves.
 */
int dx_policy_resolve(const struct dx_policy_setting *s, size_t n,
		      const char *area, int year, const char *date,
		      struct dx_policy *out, const char **why);

/*
 * dx_policy_resolve(), also telling where each value comes from: src (NULL
 * or an array of dx_policy_key_count() pointers) gets, for key i of the
 * table, the winning element of s, or NULL when the default is in force.
 */
int dx_policy_resolve_src(const struct dx_policy_setting *s, size_t n,
			  const char *area, int year, const char *date,
			  struct dx_policy *out,
			  const struct dx_policy_setting **src,
			  const char **why);

/*
 * Shared helpers for the other policy modules.
 *
 * dx_policy_div_round(): num / den rounded half away from zero; 0 when
 * den is 0 (callers check for zero members before dividing).
 * dx_policy_fmt_fen(): fen as yuan with two decimals into buf ("-12.30").
 */
int64_t dx_policy_div_round(int64_t num, int64_t den);
void dx_policy_fmt_fen(char *buf, size_t size, int64_t fen);

#endif
