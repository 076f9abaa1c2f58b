/*
 * check_funds.h - the 衔接资金 rules of `dixian check` (issue 18): the
 * share of 中央衔接资金 on 产业项目 below the policy's minimum (policy key
 * industry_central_min, 60 %), a project started without 县审定, payments
 * of a source above its allocation, a completed project without assets,
 * a project of a type on the 负面清单 (policy key project_forbidden_types).
 * check.c owns the rule table and the output; this file finds.
 */
#ifndef DX_APP_CHECK_FUNDS_H
#define DX_APP_CHECK_FUNDS_H

#include "store/store.h"

enum { DX_CF_SHARE, DX_CF_UNAPPROVED, DX_CF_OVERPAID, DX_CF_NO_ASSETS, DX_CF_FORBIDDEN,
       DX_CF_COUNT };

/* One finding: rule DX_CF_*, the project (code and name; for DX_CF_SHARE
 * the county code and "") and what was found, in Chinese. */
typedef int (*dx_check_funds_fn)(int rule, const char *code, const char *name,
				 const char *area, const char *detail, void *arg);

/* Run the rules over the projects within area (prefix, "" = all) as of
 * as_of (ISO date); the share is over the projects of as_of's year, per
 * county, against min_pct; the projects of as_of's year against the
 * 负面清单 `forbidden` (policy key project_forbidden_types in force on
 * as_of).  Returns 0 unless the store or fn fails. */
int dx_check_funds(struct dx_store *st, const char *area, const char *as_of, int min_pct,
		   const char *forbidden, dx_check_funds_fn fn, void *arg);

#endif
