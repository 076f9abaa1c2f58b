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

/*
 * Every household dx_household_page would page through (the same scope,
 * area, q and masking), in one walk, for the search result as an xlsx
 * download; *total gets their number.
 */
int dx_household_matches(struct dx_store *st, const struct dx_actor *a, const char *area,
                         const char *q, int (*fn)(const struct dx_hh_summary *, void *),
                         void *arg, int64_t *total, struct dx_buf *why);

/*
 * The list's columns as every front end writes them (GET
 * /api/households?format=xlsx): the JSON list's fields in Chinese,
 * DX_HH_COLS heads, and the cells of h (phone already masked) in cells
 * (pointing into h and buf).
 */
#define DX_HH_COLS 8
extern const char *const dx_hh_heads[DX_HH_COLS];
struct dx_hh_buf {
	char year[16], members[16];
};
void dx_hh_cells(const struct dx_hh_summary *h, struct dx_hh_buf *buf,
                 const char *cells[DX_HH_COLS]);

#endif
