/*
 * route_screen.c - GET /api/screen?area=&year=&as_of=&all=&what_if=KEY=VALUE
 * (app/screen.h: which households to verify, and with what_if the
 * households whose category a changed policy would change) and
 * GET /api/check?area=&as_of=&format=json|xlsx (app/check.h: the
 * data-quality worklist, also as an xlsx download with the CLI's columns).
 * The area is narrowed to the actor's scope by dx_actor_area (a wider one
 * is refused); the rules are the use cases'.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/check.h"
#include "app/screen.h"
#include "io/xlsx_write.h"

#include <cjson/cJSON.h>

struct screen_out {
	cJSON *items;
	int all;
};

static int add_row(const struct dx_screen_row *r, void *arg)
{
	struct screen_out *o = arg;
	const struct dx_screen_result *s = r->alt ? r->alt : r->res;
	struct dx_buf b = DX_BUF_INIT;
	unsigned fl = s->flags;
	cJSON *j = cJSON_CreateObject();
	if (!o->all)
		fl &= ~(unsigned)DX_FLAG_MONITORED;
	cJSON_AddStringToObject(j, "hh_no", r->hh_no);
	cJSON_AddStringToObject(j, "area_code", r->area_code);
	cJSON_AddStringToObject(j, "village", r->village);
	cJSON_AddStringToObject(j, "head", r->head);
	cJSON_AddStringToObject(j, "kind", r->kind);
	cJSON_AddBoolToObject(j, "monitored", r->monitored);
	if (r->res->has_income) {
		cJSON_AddNumberToObject(j, "net_per_capita", (double)r->res->income.net_pc);
		cJSON_AddNumberToObject(j, "tested_per_capita", (double)r->res->income.tested_pc);
	} else {
		cJSON_AddNullToObject(j, "net_per_capita");
		cJSON_AddNullToObject(j, "tested_per_capita");
	}
	cJSON_AddStringToObject(j, "category", dx_category_name(r->res->category));
	dx_screen_add_risks(&b, r->res, "、");
	cJSON_AddStringToObject(j, "risks", b.len ? b.buf : "");
	if (r->alt) {
		cJSON_AddStringToObject(j, "what_if_category", dx_category_name(r->alt->category));
		cJSON_AddStringToObject(j, "change", dx_whatif_change_name(r->change));
	}
	cJSON_AddStringToObject(j, "reasons", s->reasons);
	dx_buf_reset(&b);
	dx_screen_add_flags(&b, fl, "、");
	cJSON_AddStringToObject(j, "flags", b.len ? b.buf : "");
	dx_buf_release(&b);
	cJSON_AddItemToArray(o->items, j);
	return DX_OK;
}

static cJSON *summary_json(const struct dx_screen_summary *s, int whatif)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "households", s->households);
	cJSON_AddNumberToObject(j, "skipped_monitored", s->skipped);
	cJSON_AddNumberToObject(j, "screened", s->screened);
	cJSON_AddNumberToObject(j, "listed", s->listed);
	cJSON_AddNumberToObject(j, "unstable", s->cat[DX_CAT_UNSTABLE]);
	cJSON_AddNumberToObject(j, "edge", s->cat[DX_CAT_EDGE]);
	cJSON_AddNumberToObject(j, "sudden", s->cat[DX_CAT_SUDDEN]);
	cJSON_AddNumberToObject(j, "flagged_only", s->flagged);
	if (whatif) {
		cJSON *w = cJSON_AddObjectToObject(j, "what_if");
		cJSON_AddNumberToObject(w, "unstable", s->alt_cat[DX_CAT_UNSTABLE]);
		cJSON_AddNumberToObject(w, "edge", s->alt_cat[DX_CAT_EDGE]);
		cJSON_AddNumberToObject(w, "sudden", s->alt_cat[DX_CAT_SUDDEN]);
		cJSON_AddNumberToObject(w, "in", s->whatif_in);
		cJSON_AddNumberToObject(w, "out", s->whatif_out);
		cJSON_AddNumberToObject(w, "changed", s->whatif_changed);
	}
	return j;
}

int dx_http_screen_json(struct dx_http_req *r, const char *area, int year, const char *as_of,
                        int all, const char *const *whatif, int nwhatif, int with_items,
                        struct cJSON **out)
{
	struct dx_screen_opts so;
	struct dx_screen_summary sum;
	struct screen_out o = {NULL, all};
	const char *why = NULL, *bad = NULL;
	char canon[13];
	cJSON *j;
	int rc;
	memset(&so, 0, sizeof(so));
	*out = NULL;
	if (nwhatif > DX_WHATIF_MAX)
		return dx_http_fail(r, DX_INVALID, "what_if 最多 %d 项", DX_WHATIF_MAX);
	if ((rc = dx_actor_area(&r->actor, area, canon, &r->why)))
		return rc;
	so.area = canon;
	so.year = year;
	so.as_of = as_of;
	so.all = all;
	for (int i = 0; i < nwhatif; i++)
		so.whatif[so.nwhatif++] = whatif[i];
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "area", canon);
	cJSON_AddNumberToObject(j, "year", year);
	o.items = cJSON_CreateArray();
	rc = dx_app_screen(r->st, &so, add_row, &o, &sum, &why, &bad);
	if (rc == DX_INVALID || rc == DX_NOT_FOUND) {
		cJSON_Delete(o.items);
		cJSON_Delete(j);
		return dx_http_fail(r, DX_INVALID, "what_if %s 无效：%s", bad ? bad : "",
		                    why ? why : "请检查参数");
	}
	if (rc) {
		cJSON_Delete(o.items);
		cJSON_Delete(j);
		return rc;
	}
	cJSON_AddItemToObject(j, "summary", summary_json(&sum, nwhatif > 0));
	if (with_items)
		cJSON_AddItemToObject(j, "items", o.items);
	else
		cJSON_Delete(o.items);
	*out = j;
	return DX_OK;
}

/* The integer year argument (required). */
int dx_http_year(struct dx_http_req *r, const char *s, int *year)
{
	int64_t y = 0;
	if (!s || dx_parse_i64(s, &y) || y < 2000 || y > 2100)
		return dx_http_fail(r, DX_INVALID, "year 应为四位年份");
	*year = (int)y;
	return DX_OK;
}

int dx_route_screen(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "year", "as_of", "all", "what_if", NULL};
	const char *whatif[DX_WHATIF_MAX + 1];
	const char *all = dx_http_arg(r, "all"), *as_of_arg = dx_http_arg(r, "as_of");
	char as_of[11] = "";
	cJSON *j;
	int year, n, rc;
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = dx_http_year(r, dx_http_arg(r, "year"), &year)))
		return rc;
	if (all && strcmp(all, "0") && strcmp(all, "1"))
		return dx_http_fail(r, DX_INVALID, "all 应为 0 或 1");
	if (as_of_arg && (rc = dx_http_date(r, as_of_arg, "as_of", as_of)))
		return rc;
	n = dx_http_args_all(r, "what_if", whatif, DX_ARRAY_SIZE(whatif));
	if ((rc = dx_http_screen_json(r, dx_http_arg(r, "area"), year, as_of,
	                              all && !strcmp(all, "1"), whatif, n, 1, &j)))
		return rc;
	return dx_http_reply(r, j);
}

struct check_out {
	cJSON *items;
};

static int add_finding(const struct dx_check_finding *f, void *arg)
{
	struct check_out *o = arg;
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "rule", f->rule->id);
	cJSON_AddStringToObject(j, "title", f->rule->title);
	cJSON_AddStringToObject(j, "hh_no", f->hh_no);
	cJSON_AddStringToObject(j, "area_code", f->area_code);
	cJSON_AddStringToObject(j, "village", f->village);
	cJSON_AddStringToObject(j, "head", f->head);
	cJSON_AddStringToObject(j, "detail", f->detail);
	cJSON_AddItemToArray(o->items, j);
	return DX_OK;
}

static int finding_row(const struct dx_check_finding *f, void *arg)
{
	const char *cells[DX_CHECK_COLS];
	dx_check_cells(f, cells);
	dx_tw_row(arg, cells, DX_CHECK_COLS, DX_TW_PLAIN);
	return DX_OK;
}

struct check_walk {
	const char *area, *as_of;
	long *counts;
};

static int finding_rows(struct dx_http_req *r, struct dx_tw *w, void *arg)
{
	struct check_walk *c = arg;
	long nhh = 0;
	return dx_app_check(r->st, c->area, c->as_of, finding_row, w, c->counts, &nhh);
}

int dx_route_check(struct dx_http_req *r)
{
	static const char *const args[] = {"area", "as_of", "format", NULL};
	const char *fmt = dx_http_arg(r, "format");
	size_t nr = dx_check_rule_count();
	char canon[13], as_of[11];
	struct check_out o;
	long *counts, nhh = 0;
	cJSON *j, *rules;
	int rc;
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = dx_http_date(r, dx_http_arg(r, "as_of"), "as_of", as_of)) ||
	    (rc = dx_actor_area(&r->actor, dx_http_arg(r, "area"), canon, &r->why)))
		return rc;
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	if (!(counts = calloc(nr ? nr : 1, sizeof(*counts))))
		return DX_NOMEM;
	if (fmt && !strcmp(fmt, "xlsx")) { /* the columns of `dixian check --out` */
		struct check_walk cw = {canon, as_of, counts};
		rc = dx_http_xlsx_list(r, "数据质量检查", "attachment; filename=\"check.xlsx\"",
		                       dx_check_heads, DX_CHECK_COLS, finding_rows, &cw);
		free(counts);
		return rc;
	}
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "area", canon);
	cJSON_AddStringToObject(j, "as_of", as_of);
	o.items = cJSON_CreateArray();
	if ((rc = dx_app_check(r->st, canon, as_of, add_finding, &o, counts, &nhh))) {
		cJSON_Delete(o.items);
		cJSON_Delete(j);
		free(counts);
		return rc;
	}
	cJSON_AddNumberToObject(j, "households", nhh);
	rules = cJSON_AddArrayToObject(j, "rules");
	for (size_t i = 0; i < nr; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "id", dx_check_rule_at(i)->id);
		cJSON_AddStringToObject(x, "title", dx_check_rule_at(i)->title);
		cJSON_AddNumberToObject(x, "count", counts[i]);
		cJSON_AddItemToArray(rules, x);
	}
	free(counts);
	cJSON_AddItemToObject(j, "items", o.items);
	return dx_http_reply(r, j);
}
