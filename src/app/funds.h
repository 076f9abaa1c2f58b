/*
 * funds.h - use cases of the 衔接资金 project library (issue 18): the
 * projects of an area with what has been paid to them by a date (the
 * 支付进度 a county ranks by), and one project's record with its
 * payments, beneficiary households and assets.  Areas are narrowed to the
 * actor by the caller (app/account.h dx_actor_area).
 */
#ifndef DX_APP_FUNDS_H
#define DX_APP_FUNDS_H

#include "store/funds.h"

/* A project with its payments by source up to the as-of date. */
struct dx_funds_row {
	const struct dx_fund_project *p;
	int64_t paid[DX_FUND_NSOURCES];
};

/* Call fn for every project of year (0 = every year) within area, in
 * 项目编号 order, with its payments made on or before as_of ("" = all). */
struct dx_ctx;
int dx_funds_project_list(struct dx_ctx *c, const char *area, int year, const char *as_of,
			  int (*fn)(const struct dx_funds_row *, void *), void *arg);

/* One township's 支付进度 (中央+省级) on a date: its projects (those of
 * the county itself under the county's code), allocation and payments. */
struct dx_funds_town {
	char code[13], name[96];
	long projects;
	int64_t allocated, paid;
	int64_t bp; /* paid / allocated in basis points, -1 with nothing allocated */
};

/* Call fn for every township of area with projects of year (0 = every
 * year), ranked by 支付进度, highest first (ties by code). */
int dx_funds_towns(struct dx_ctx *c, const char *area, int year, const char *as_of,
		   int (*fn)(const struct dx_funds_town *, void *), void *arg);

/* The step a project has reached by its dates (已验收 ... 已申报, 储备):
 * what its status column holds, for every entry path. */
const char *dx_fund_project_status(const struct dx_fund_project *p);

/*
 * The 项目库 procedure (村申报 → 乡镇审核 → 部门论证 → 县审定, then 开工,
 * 完工, 验收) as a case: step `step` of project code in county, dated
 * `date` (ISO, not after today; "" = today) by c's actor, with an optional
 * reason kept in the audit.  Each step needs the one before it, done on or
 * before date, and not itself done; it is taken at its level: 村申报 by a
 * 村 or 乡 account, 乡镇审核 by 乡, 部门论证, 县审定 and 验收 by 县,
 * 开工 and 完工 by any level; always within the actor's scope.  县审定 is
 * refused for a type on the 负面清单 in force on its date (policy key
 * project_forbidden_types for the project's area and year).  Refusals
 * are DX_INVALID / DX_DENIED / DX_NOT_FOUND with the Chinese reason in
 * c->err.
 */
int dx_funds_step(struct dx_ctx *c, const char *county, const char *code, const char *step,
		  const char *date, const char *reason);

/* 1 if project type `type` is on the 负面清单 `list` (policy key
 * project_forbidden_types: types separated by 、 ， , ; or spaces; "无" or
 * "none" = no type).  One reading for the check, the import and the step. */
int dx_fund_type_forbidden(const char *list, const char *type);

/* One project's record; release with dx_funds_record_release(). */
struct dx_funds_record {
	struct dx_fund_project p;
	struct dx_fund_payment *pay;
	size_t npay;
	struct dx_fund_asset *assets;
	size_t nassets;
	struct ben { char hh_no[32], head[64], area[13], link[16]; long persons; } *ben;
	size_t nben;
	/* the steps as audited, oldest first: 退回 and 不予立项 with their reasons */
	struct hist { char at[32], actor[64], step[16], date[11], status[16], note[256]; } *hist;
	size_t nhist;
};

/* The project 项目编号 code of county; DX_NOT_FOUND if there is none, or
 * DX_DENIED when scope (a prefix, "" = all) does not hold its area. */
int dx_funds_record(struct dx_ctx *c, const char *county, const char *code, const char *scope,
		    struct dx_funds_record *r);
void dx_funds_record_release(struct dx_funds_record *r);

/* The county a project code belongs to: `county` if given, else the
 * county of `area` (canonical, "" = none), else the store's one county;
 * with several counties and neither given, DX_USAGE with the reason in
 * c->err. */
int dx_funds_county(struct dx_ctx *c, const char *county, const char *area, char cty[7]);

/*
 * The project list's columns as every front end writes them (GET
 * /api/projects?format=xlsx): the JSON list's fields in Chinese,
 * DX_FUNDS_PROJECT_COLS heads (allocations by 资金来源, then 中央+省级
 * allocated and paid and the 支付进度), and the cells of row in cells
 * (pointing into row and buf).  Amounts in yuan.
 */
#define DX_FUNDS_PROJECT_COLS (8 + DX_FUND_NSOURCES + 3)
extern const char *const dx_funds_project_heads[DX_FUNDS_PROJECT_COLS];
struct dx_funds_project_buf {
	char year[16], funds[DX_FUND_NSOURCES][32], up[32], paid[32], rate[24];
};
void dx_funds_project_cells(const struct dx_funds_row *row, struct dx_funds_project_buf *buf,
			    const char *cells[DX_FUNDS_PROJECT_COLS]);

#endif
