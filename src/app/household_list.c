/*
 * household_list.c - scoped, masked household pages (see
 * household_list.h).
 */
#include "core/dx.h"
#include "app/household_list.h"
#include "core/idcard.h"

#include <limits.h>

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

/* The list's rules, one for the page and the whole list: the area within
 * the actor's scope (into canon), a query of at most DX_HH_QUERY_MAX
 * bytes; DX_DENIED / DX_INVALID with why. */
static int checked(const struct dx_actor *a, const char *area, const char *q, char canon[13],
                   struct dx_buf *why)
{
	int rc;
	if ((rc = dx_actor_area(a, area, canon, why)))
		return rc;
	if (q && strlen(q) > DX_HH_QUERY_MAX) {
		dx_buf_addf(why, "查询词过长（最多%d字节）", DX_HH_QUERY_MAX);
		return DX_INVALID;
	}
	return DX_OK;
}

int dx_household_page(struct dx_store *st, const struct dx_actor *a, const char *area,
                      const char *q, int64_t page, int (*fn)(const struct dx_hh_summary *, void *),
                      void *arg, int64_t *total, struct dx_buf *why)
{
	struct mask_arg m = {fn, arg};
	char canon[13];
	int rc;
	*total = 0;
	if ((rc = checked(a, area, q, canon, why)))
		return rc;
	if (page < 1 || page > 1000000) {
		dx_buf_adds(why, "页码应为 1 到 1000000 的整数");
		return DX_INVALID;
	}
	return dx_store_hh_page(st, canon, q ? q : "", (page - 1) * DX_HH_PAGE_SIZE,
	                        DX_HH_PAGE_SIZE, mask_summary, &m, total);
}

int dx_household_matches(struct dx_store *st, const struct dx_actor *a, const char *area,
                         const char *q, int (*fn)(const struct dx_hh_summary *, void *),
                         void *arg, int64_t *total, struct dx_buf *why)
{
	struct mask_arg m = {fn, arg};
	char canon[13];
	int rc;
	*total = 0;
	if ((rc = checked(a, area, q, canon, why)))
		return rc;
	return dx_store_hh_page(st, canon, q ? q : "", 0, INT_MAX, mask_summary, &m, total);
}

const char *const dx_hh_heads[DX_HH_COLS] = {"户编号", "行政村代码", "村民小组", "户类型",
                                             "脱贫年度", "户主",     "人数",     "联系电话"};

void dx_hh_cells(const struct dx_hh_summary *h, struct dx_hh_buf *buf,
                 const char *cells[DX_HH_COLS])
{
	buf->year[0] = 0;
	if (h->tuopin_year)
		dx_snprintf(buf->year, sizeof(buf->year), "%d", h->tuopin_year);
	dx_snprintf(buf->members, sizeof(buf->members), "%d", h->members);
	cells[0] = h->hh_no;
	cells[1] = h->area_code;
	cells[2] = h->group_name;
	cells[3] = h->kind;
	cells[4] = buf->year;
	cells[5] = h->head;
	cells[6] = buf->members;
	cells[7] = h->phone;
}
