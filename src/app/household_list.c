/*
 * household_list.c - scoped, masked household pages and details (see
 * household_list.h).
 */
#include "core/dx.h"
#include "app/household_list.h"
#include "core/idcard.h"

struct mask_arg {
	int (*page_fn)(const struct dx_hh_summary *, void *);
	int (*member_fn)(const struct dx_person *, void *);
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
	struct mask_arg m = {fn, NULL, arg};
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

static int mask_member(const struct dx_person *p, void *arg)
{
	struct mask_arg *m = arg;
	struct dx_person c = *p;
	dx_idcard_mask(p->id_no, c.id_no);
	dx_phone_mask(p->phone, c.phone, sizeof(c.phone));
	return m->member_fn(&c, m->arg);
}

static int plain_member(const struct dx_person *p, void *arg)
{
	struct mask_arg *m = arg;
	return m->member_fn(p, m->arg);
}

int dx_household_detail(struct dx_store *st, const struct dx_actor *a, const char *hh_no,
                        int unmasked, struct dx_hh_summary *out,
                        int (*fn)(const struct dx_person *, void *), void *arg, struct dx_buf *why)
{
	struct mask_arg m = {NULL, fn, arg};
	int rc = dx_store_hh_summary(st, hh_no, out);
	if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(a, out->area_code))) {
		memset(out, 0, sizeof(*out));
		dx_buf_adds(why, "没有该户编号的农户（或不在管辖范围内）");
		return DX_NOT_FOUND;
	}
	if (rc)
		return rc;
	if (unmasked) {
		char county[7];
		if (!dx_actor_may_unmask(a)) {
			dx_buf_addf(why,
			            "账号 %s 无权查看完整的身份证号和电话（仅县级经办账号可以）",
			            a->acc.name);
			return DX_DENIED;
		}
		/* the read is recorded before anything is shown */
		dx_strlcpy(county, out->area_code, sizeof(county));
		if ((rc = dx_store_audit(st, county, a->acc.name, "household.read_unmasked",
		                         "household", out->hh_no, NULL, NULL)))
			return rc;
		return dx_store_hh_list_members(st, out->id, plain_member, &m);
	}
	{
		char ph[sizeof(out->phone)];
		dx_phone_mask(out->phone, ph, sizeof(ph));
		dx_strlcpy(out->phone, ph, sizeof(out->phone));
	}
	return dx_store_hh_list_members(st, out->id, mask_member, &m);
}
