/*
 * household_list.h - households as the API lists them, within the
 * actor's scope and masked: 身份证 and phone numbers never leave here
 * in full (the full record with audited unmasked reads is the household
 * record use case's).
 */
#ifndef DX_APP_HOUSEHOLD_LIST_H
#define DX_APP_HOUSEHOLD_LIST_H

#include "app/account.h"
#include "store/hh_query.h"

enum { DX_HH_PAGE_SIZE = 50, DX_HH_QUERY_MAX = 64 };

/*
 * Page `page` (from 1) of the households under `area` (NULL or "" = the
 * actor's whole scope; outside it DX_DENIED) matching q (户编号 prefix or
 * 户主 name part), DX_HH_PAGE_SIZE a page, phones masked.  *total gets the
 * number of matches.
 */
int dx_household_page(struct dx_store *st, const struct dx_actor *a, const char *area,
                      const char *q, int64_t page, int (*fn)(const struct dx_hh_summary *, void *),
                      void *arg, int64_t *total, struct dx_buf *why);

#endif
