/*
 * route_downloads.c - files as downloads: GET /api/exports/{kind}?area=
 * &format=xlsx|csv&unmasked= (a ledger in the import template,
 * app/export.h: masked unless a county 经办 account asks, audited) and
 * GET /api/notices?area=&kind=公示|公告&as_of=&format=html|xlsx (the
 * village lists of app/notice.h; html may cover several villages, one page
 * each; xlsx one village).
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/ctx.h"
#include "app/export.h"
#include "app/notice.h"

static int format_arg(struct dx_http_req *r, const char *a, const char *b, const char **out)
{
	const char *f = dx_http_arg(r, "format");
	if (!f)
		f = a;
	if (strcmp(f, a) && strcmp(f, b))
		return dx_http_fail(r, DX_INVALID, "format 应为 %s 或 %s", a, b);
	*out = f;
	return DX_OK;
}

int dx_route_export(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "format", "unmasked", NULL};
	static const char *const kinds[] = {"persons",  "households", "incomes",  "measures",
	                                    "visits",   "projects",   "payments", "assets",
	                                    "loans",    "applications", "relief", "problems",
	                                    "training", NULL};
	const char *um = dx_http_arg(r, "unmasked"), *fmt;
	struct dx_export_opts o;
	struct dx_http_tmp t;
	char area[13];
	long rows = 0;
	size_t k;
	int rc;
	memset(&o, 0, sizeof(o));
	for (k = 0; kinds[k] && strcmp(kinds[k], r->cap[0]); k++)
		;
	if (!kinds[k])
		return dx_http_fail(r, DX_NOT_FOUND,
		                    "没有这种台账（应为 persons、households、incomes、measures、visits、"
		                    "projects、payments、assets、loans、applications、relief、problems 或 "
		                    "training）");
	if ((rc = dx_http_args_only(r, args)) || (rc = format_arg(r, "xlsx", "csv", &fmt)))
		return rc;
	if (um && strcmp(um, "0") && strcmp(um, "1"))
		return dx_http_fail(r, DX_INVALID, "unmasked 应为 0 或 1");
	if ((rc = dx_actor_area(&r->actor, dx_http_arg(r, "area"), area, &r->why)))
		return rc;
	if ((rc = dx_http_tmp_open(&t, !strcmp(fmt, "xlsx") ? ".xlsx" : ".csv")))
		return rc;
	o.kind = kinds[k];
	o.area = area;
	o.out = t.path;
	o.unmasked = um && !strcmp(um, "1");
	o.as = r->actor.acc.name;
	if ((rc = dx_export_run(r->st, &o, &rows, &r->why))) {
		dx_http_tmp_remove(&t);
		return rc;
	}
	return dx_http_tmp_send(r, &t, dx_http_ctype(fmt),
	                        !strcmp(fmt, "xlsx") ? "attachment; filename=\"export.xlsx\""
	                                             : "attachment; filename=\"export.csv\"");
}

int dx_route_notices(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "kind", "as_of", "format", NULL};
	const char *kind = dx_http_arg(r, "kind"), *fmt;
	char(*codes)[13] = NULL;
	struct dx_notice n;
	struct dx_http_tmp t;
	char as_of[11];
	size_t ncodes = 0;
	struct dx_ctx cx;
	int rc;
	if ((rc = dx_http_args_only(r, args)) || (rc = format_arg(r, "html", "xlsx", &fmt)) ||
	    (rc = dx_http_date(r, dx_http_arg(r, "as_of"), "as_of", as_of)))
		return rc;
	if (!kind)
		return dx_http_fail(r, DX_INVALID, "请给出 kind（公示 或 公告）");
	rc = dx_notice_villages(dx_http_ctx(r, &cx),
	                        dx_http_arg(r, "area") ? dx_http_arg(r, "area") : r->actor.acc.scope,
	                        &codes, &ncodes);
	if ((rc = dx_http_answered(r, &cx, rc)))
		return rc;
	if (!strcmp(fmt, "xlsx") && ncodes != 1) {
		free(codes);
		return dx_http_fail(r, DX_INVALID, "xlsx 每次一个村：请用 area 给出12位村代码");
	}
	dx_buf_reset(&r->out);
	for (size_t i = 0; i < ncodes && !rc; i++) {
		memset(&n, 0, sizeof(n));
		if ((rc = dx_http_answered(r, &cx, dx_notice_build(&cx, codes[i], kind, as_of, &n))))
			break;
		if (!strcmp(fmt, "html")) {
			rc = dx_notice_html(&n, &r->out);
		} else if (!(rc = dx_http_tmp_open(&t, ".xlsx"))) {
			if ((rc = dx_notice_xlsx(&n, t.path)))
				dx_http_tmp_remove(&t);
			else
				rc = dx_http_tmp_send(r, &t, dx_http_ctype("xlsx"),
				                      "attachment; filename=\"notice.xlsx\"");
		}
		dx_notice_release(&n);
	}
	free(codes);
	if (rc) {
		dx_buf_reset(&r->out);
		return rc;
	}
	if (!strcmp(fmt, "html")) {
		r->ctype = dx_http_ctype("html");
		r->disposition = "inline; filename=\"notice.html\"";
	}
	return r->out.err ? DX_NOMEM : DX_OK;
}
