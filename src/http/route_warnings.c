/*
 * route_warnings.c - department warnings (app/warning.h):
 * GET /api/warnings?area=&format=json|xlsx lists the matched signals waiting for dispatch
 * (身份证号 masked), each with the 核实期限 its village's policy gives, POST /api/warnings/dispatch turns them into clues (or
 * records those under the threshold) with the policy's 核实期限 or an
 * earlier one the dispatcher chooses (the use case checks it), and GET /api/warnings/feedback
 * downloads a department's 核查反馈表 (xlsx or csv; full numbers only for
 * a county 经办 account, audited - the use case's rule).
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/clue.h"
#include "app/ctx.h"
#include "app/warning.h"
#include "core/date.h"
#include "io/xlsx_write.h"

#include <cjson/cJSON.h>

static int add_signal(const struct dx_warning_view *w, void *arg)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", (double)w->id);
	cJSON_AddStringToObject(j, "department", w->department ? w->department : "");
	cJSON_AddStringToObject(j, "event", w->event ? w->event : "");
	cJSON_AddStringToObject(j, "period", w->period ? w->period : "");
	cJSON_AddStringToObject(j, "id_no", w->id_no ? w->id_no : "");
	cJSON_AddStringToObject(j, "name", w->name ? w->name : "");
	cJSON_AddStringToObject(j, "occurred_on", w->occurred_on ? w->occurred_on : "");
	cJSON_AddNumberToObject(j, "amount", (double)w->amount);
	cJSON_AddStringToObject(j, "hh_no", w->hh_no ? w->hh_no : "");
	cJSON_AddStringToObject(j, "area_code", w->area_code ? w->area_code : "");
	cJSON_AddStringToObject(j, "village", w->village ? w->village : "");
	cJSON_AddItemToArray(arg, j);
	return DX_OK;
}

/* Each signal's policy_deadline: the 核实期限 its clue would get if
 * dispatched today under its village's policy (dx_clue_deadline), the
 * default and the latest date a dispatcher may choose.  After the list,
 * not while the store is reading it. */
static int add_deadlines(struct dx_http_req *r, cJSON *items)
{
	struct dx_date d;
	char today[11], last[13] = "", due[11] = "", policy[11];
	cJSON *w;
	int rc;
	dx_http_day(r, &d);
	dx_date_format(&d, today);
	cJSON_ArrayForEach(w, items)
	{
		const char *area = cJSON_GetStringValue(cJSON_GetObjectItem(w, "area_code"));
		if (!area)
			continue;
		if (strcmp(area, last)) {
			if ((rc = dx_clue_deadline(r->st, &d, area, today, NULL, due, policy, &r->why)))
				return rc;
			dx_strlcpy(last, area, sizeof(last));
		}
		cJSON_AddStringToObject(w, "policy_deadline", due);
	}
	return DX_OK;
}

/* The list as xlsx rows: each item of the JSON list (arg), masked as it
 * is, with its policy_deadline, in the columns of app/warning.h. */
static int signal_rows(struct dx_http_req *r, struct dx_tw *w, void *arg)
{
	cJSON *it;
	cJSON_ArrayForEach(it, (cJSON *)arg)
	{
#define J(k) cJSON_GetStringValue(cJSON_GetObjectItem(it, k))
		struct dx_warning_view v;
		struct dx_warning_buf buf;
		const char *cells[DX_WARNING_COLS];
		memset(&v, 0, sizeof(v));
		v.id = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(it, "id"));
		v.amount = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(it, "amount"));
		v.department = J("department");
		v.event = J("event");
		v.period = J("period");
		v.id_no = J("id_no");
		v.name = J("name");
		v.occurred_on = J("occurred_on");
		v.hh_no = J("hh_no");
		v.area_code = J("area_code");
		v.village = J("village");
		dx_warning_cells(&v, J("policy_deadline"), &buf, cells);
#undef J
		dx_tw_row(w, cells, DX_WARNING_COLS, DX_TW_PLAIN);
	}
	return DX_OK;
}

int dx_route_warnings(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "format", NULL};
	const char *fmt = dx_http_arg(r, "format");
	cJSON *j, *items;
	struct dx_ctx cx;
	int rc;
	if ((rc = dx_http_args_only(r, args)))
		return rc;
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	j = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(j, "items");
	rc = dx_warning_pending(dx_http_ctx(r, &cx), dx_http_arg(r, "area"), add_signal, items);
	if ((rc = dx_http_answered(r, &cx, rc)) || (rc = add_deadlines(r, items))) {
		cJSON_Delete(j);
		return rc;
	}
	if (fmt && !strcmp(fmt, "xlsx")) { /* the same items, policy deadlines and all */
		rc = dx_http_xlsx_list(r, "待派发预警", "attachment; filename=\"warnings.xlsx\"",
				       dx_warning_heads, DX_WARNING_COLS, signal_rows, items);
		cJSON_Delete(j);
		return rc;
	}
	return dx_http_reply(r, j);
}

int dx_route_warnings_dispatch(struct dx_http_req *r)
{
	static const char *const fields[] = {"area", "date", "deadline", NULL};
	struct dx_dispatch_stats s;
	cJSON *body = NULL, *j;
	char date[11];
	struct dx_ctx cx;
	int rc;
	memset(&s, 0, sizeof(s));
	if ((rc = dx_http_args_only(r, NULL)) ||
	    (rc = dx_http_json_body(r->body, r->body_len, fields, "sss", &body, &r->why)))
		return rc;
	if (!(rc = dx_http_date(r, dx_http_jstr(body, "date"), "date", date)) &&
	    !(rc = dx_http_answered(r, &cx, dx_warning_dispatch(dx_http_ctx(r, &cx),
	                                                        dx_http_jstr(body, "area"), date,
	                                                        dx_http_jstr(body, "deadline"),
	                                                        &s)))) {
		j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "clues", s.clues);
		cJSON_AddNumberToObject(j, "below_threshold", s.below);
		cJSON_AddNumberToObject(j, "failed", s.failed);
		rc = dx_http_reply(r, j);
	}
	cJSON_Delete(body);
	return rc;
}

int dx_route_warnings_feedback(struct dx_http_req *r)
{
	static const char *const args[] = {"department", "period", "format", "unmasked", NULL};
	const char *dept = dx_http_arg(r, "department"), *period = dx_http_arg(r, "period");
	const char *fmt = dx_http_arg(r, "format"), *um = dx_http_arg(r, "unmasked");
	struct dx_http_tmp t;
	long rows = 0;
	struct dx_ctx cx;
	int rc, csv;
	if ((rc = dx_http_args_only(r, args)))
		return rc;
	if (!dept || !*dept)
		return dx_http_fail(r, DX_INVALID, "请给出部门 department（如 医保局）");
	if (fmt && strcmp(fmt, "xlsx") && strcmp(fmt, "csv"))
		return dx_http_fail(r, DX_INVALID, "format 应为 xlsx 或 csv");
	if (um && strcmp(um, "0") && strcmp(um, "1"))
		return dx_http_fail(r, DX_INVALID, "unmasked 应为 0 或 1");
	csv = fmt && !strcmp(fmt, "csv");
	if ((rc = dx_http_tmp_open(&t, csv ? ".csv" : ".xlsx")))
		return rc;
	rc = dx_warning_feedback(dx_http_ctx(r, &cx), dept, period ? period : "", t.path,
	                         csv ? DX_OUT_CSV : DX_OUT_XLSX, um && !strcmp(um, "1"), &rows);
	rc = dx_http_answered(r, &cx, rc);
	if (rc) {
		dx_http_tmp_remove(&t);
		return rc;
	}
	return dx_http_tmp_send(r, &t, dx_http_ctype(csv ? "csv" : "xlsx"),
	                        csv ? "attachment; filename=\"feedback.csv\""
	                            : "attachment; filename=\"feedback.xlsx\"");
}
