/*
 * route_report.c - GET /api/report?area=&year=&as_of=&format=: the work
 * report's figures (app/report.c builds, io/report*.c render) as JSON, or
 * as the HTML page or the xlsx workbook the CLI writes (a download), for
 * an area within the actor's scope (a wider one is refused).
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/report.h"
#include "io/report.h"

int dx_route_report(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "year", "as_of", "format", NULL};
	const char *ys = dx_http_arg(r, "year"), *as_of_arg = dx_http_arg(r, "as_of");
	const char *fmt = dx_http_arg(r, "format");
	struct dx_report_opts o;
	struct dx_report rep;
	struct dx_date day;
	char area[13], as_of[11] = "";
	int64_t year = 0;
	int rc;
	memset(&o, 0, sizeof(o));
	memset(&rep, 0, sizeof(rep));
	if ((rc = dx_http_args_only(r, args)))
		return rc;
	if (!ys || dx_parse_i64(ys, &year) || year < 2000 || year > 2100)
		return dx_http_fail(r, DX_INVALID, "year 应为四位年份");
	if (!fmt)
		fmt = "json";
	if (strcmp(fmt, "json") && strcmp(fmt, "html") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json、html 或 xlsx");
	if (as_of_arg && (rc = dx_http_date(r, as_of_arg, "as_of", as_of)))
		return rc;
	if ((rc = dx_actor_area(&r->actor, dx_http_arg(r, "area"), area, &r->why)))
		return rc;
	if ((rc = dx_report_opts_init(r->st, area, (int)year, as_of, dx_http_day(r, &day), &o)))
		return rc;
	if ((rc = dx_report_build(r->st, &o, &rep, &r->why)))
		return rc;
	if (!strcmp(fmt, "xlsx")) {
		struct dx_http_tmp t;
		if (!(rc = dx_http_tmp_open(&t, ".xlsx"))) {
			if ((rc = dx_report_xlsx(&rep, t.path)))
				dx_http_tmp_remove(&t);
			else
				rc = dx_http_tmp_send(r, &t, dx_http_ctype("xlsx"),
				                      "attachment; filename=\"report.xlsx\"");
		}
		dx_report_release(&rep);
		return rc;
	}
	if (!strcmp(fmt, "html")) {
		dx_report_html(&rep, &r->out);
		r->ctype = dx_http_ctype("html");
	} else {
		dx_report_json(&rep, &r->out);
	}
	dx_report_release(&rep);
	return r->out.err ? DX_NOMEM : DX_OK;
}
