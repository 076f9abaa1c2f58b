/*
 * hh_query.c - household search pages for the API (see
 * hh_query.h).  Portable SQL: LIKE with an explicit ESCAPE, LIMIT/OFFSET.
 */
#include "core/dx.h"
#include "store/hh_query.h"
#include "store/store_int.h"

#define SUMMARY_COLS                                                                               \
	"h.id, h.hh_no, h.area_code, h.group_name, h.kind, coalesce(h.tuopin_year, 0),"            \
	" h.head_name, h.members, h.phone"
#define PAGE_WHERE                                                                                 \
	" FROM household h WHERE h.area_code >= ?1 AND h.area_code < ?1 || ':'"                    \
	" AND (?2 = '' OR h.hh_no LIKE ?2 || '%' ESCAPE '\\'"                                      \
	" OR h.head_name LIKE '%' || ?2 || '%' ESCAPE '\\')"

static const char SQL_PAGE[] =
    "SELECT " SUMMARY_COLS PAGE_WHERE " ORDER BY h.hh_no LIMIT ?3 OFFSET ?4";
static const char SQL_COUNT[] = "SELECT count(*)" PAGE_WHERE;

static void summary_row(struct dx_stmt *s, struct dx_hh_summary *h)
{
	memset(h, 0, sizeof(*h));
	h->id = dx_col_int(s, 0);
	dx_col_copy(s, 1, h->hh_no, sizeof(h->hh_no));
	dx_col_copy(s, 2, h->area_code, sizeof(h->area_code));
	dx_col_copy(s, 3, h->group_name, sizeof(h->group_name));
	dx_col_copy(s, 4, h->kind, sizeof(h->kind));
	h->tuopin_year = (int)dx_col_int(s, 5);
	dx_col_copy(s, 6, h->head, sizeof(h->head));
	h->members = (int)dx_col_int(s, 7);
	dx_col_copy(s, 8, h->phone, sizeof(h->phone));
}

/* q with \, % and _ escaped by \ for LIKE ... ESCAPE '\'. */
static int like_escape(const char *q, char *out, size_t size)
{
	size_t o = 0;
	for (; *q; q++) {
		if (o + 3 > size)
			return DX_TOOBIG;
		if (*q == '\\' || *q == '%' || *q == '_')
			out[o++] = '\\';
		out[o++] = *q;
	}
	out[o] = 0;
	return DX_OK;
}

int dx_store_hh_page(struct dx_store *st, const char *area, const char *q, int64_t offset,
                     int limit, int (*fn)(const struct dx_hh_summary *, void *), void *arg,
                     int64_t *total)
{
	struct dx_hh_summary h;
	struct dx_stmt *s;
	char pat[256];
	int rc;
	if (like_escape(q ? q : "", pat, sizeof(pat)))
		return DX_TOOBIG;
	if (!(s = dx_q(st, SQL_COUNT)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, pat);
	if ((rc = dx_step_int(s, total)))
		return rc;
	if (!(s = dx_q(st, SQL_PAGE)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	dx_bind_text(s, 2, pat);
	dx_bind_int(s, 3, limit);
	dx_bind_int(s, 4, offset);
	while ((rc = dx_step(s)) == DX_OK) {
		summary_row(s, &h);
		if ((rc = fn(&h, arg)))
			break;
	}
	s->drv->reset(s);
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}
