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
int dx_funds_project_list(struct dx_store *st, const char *area, int year, const char *as_of,
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
int dx_funds_towns(struct dx_store *st, const char *area, int year, const char *as_of,
		   int (*fn)(const struct dx_funds_town *, void *), void *arg);

/* One project's record; release with dx_funds_record_release(). */
struct dx_funds_record {
	struct dx_fund_project p;
	struct dx_fund_payment *pay;
	size_t npay;
	struct dx_fund_asset *assets;
	size_t nassets;
	struct ben { char hh_no[32], head[64], area[13], link[16]; long persons; } *ben;
	size_t nben;
};

/* The project 项目编号 code of county; DX_NOT_FOUND if there is none, or
 * DX_DENIED when scope (a prefix, "" = all) does not hold its area. */
int dx_funds_record(struct dx_store *st, const char *county, const char *code,
		    const char *scope, struct dx_funds_record *r);
void dx_funds_record_release(struct dx_funds_record *r);

#endif
