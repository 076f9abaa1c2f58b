/*
 * hh_query.h - households as the API lists them: a page of a search under
 * an area.  The caller (app/household_list.c)
 * has narrowed the area to the actor's scope and masks what it returns.
 */
#ifndef DX_STORE_HH_QUERY_H
#define DX_STORE_HH_QUERY_H

#include "store/store.h"

struct dx_hh_summary {
	int64_t id;
	char hh_no[32];
	char area_code[13];
	char group_name[64];
	char kind[16];   /* 脱贫户 / 一般户 */
	int tuopin_year; /* 0 = none */
	char head[64];   /* 户主 name */
	int members;     /* counted members */
	char phone[24];  /* unmasked: the caller masks */
};

/*
 * Households under `area` (a canonical prefix) whose 户编号 starts with q
 * or whose 户主 name contains q (q "" = all), by 户编号: up to `limit`
 * from `offset`; *total gets the number that match.  q is matched
 * literally (% and _ are not wildcards).
 */
int dx_store_hh_page(struct dx_store *st, const char *area, const char *q, int64_t offset,
                     int limit, int (*fn)(const struct dx_hh_summary *, void *), void *arg,
                     int64_t *total);
#endif
