/*
 * household_list.c - scoped, masked household pages (see
 * household_list.h).
 */
#include "core/dx.h"
#include "app/household_list.h"
#include "core/idcard.h"

struct mask_arg {
	int (*page_fn)(const struct dx_hh_summary *, void *);
	void *arg;
};

static int mask_summary(const struct dx_hh_summary *h, void *arg)
{
	struct mask_arg *m = arg;
	struct dx_hh_summary c = *h;
	dx_phone_mask(h->phone, c.phone, sizeof(c.phone));
	return m->page_fn(&c, m->arg);
}

int dx_household_page(struct dx_store *st, const struct dx_actor *a, const char *area,
                      const char *q, int64_t page, int (*fn)(const struct dx_hh_summary *, void *),
                      void *arg, int64_t *total, struct dx_buf *why)
{
	struct mask_arg m = {fn, arg};
	char canon[13];
	int rc;
	*total = 0;
	if ((rc = dx_actor_area(a, area, canon, why)))
		return rc;
	if (q && strlen(q) > DX_HH_QUERY_MAX) {
		dx_buf_addf(why, "查询词过长（最多%d字节）", DX_HH_QUERY_MAX);
		return DX_INVALID;
	}
	if (page < 1 || page > 1000000) {
		dx_buf_adds(why, "页码应为 1 到 1000000 的整数");
		return DX_INVALID;
	}
	return dx_store_hh_page(st, canon, q ? q : "", (page - 1) * DX_HH_PAGE_SIZE,
	                        DX_HH_PAGE_SIZE, mask_summary, &m, total);
}
