/*
 * route_funds.c - the 衔接资金 project library (issue 18, app/funds.h):
 * GET /api/projects?area=&year=&as_of=&format=json|xlsx (the projects
 * with their 支付进度, also as an xlsx download),
 * GET /api/projects/{code}?county= (one project's record),
 * POST /api/projects/{code}/steps (a step of the 项目库 procedure, the use
 * case the CLI's `project step` calls) and
 * GET /api/funds/progress?area=&year=&as_of=&by=township|project&format=
 * json|xlsx (the monthly 支付进度 table a county ranks by).  The area is
 * narrowed to the account (dx_actor_area); a project outside it answers as
 * a missing one.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/ctx.h"
#include "app/funds.h"
#include "core/money.h"
#include "io/xlsx_write.h"
#include "store/ledger.h"

#include <cjson/cJSON.h>

/* 支付进度 (中央+省级) in basis points, -1 when nothing is allocated */
static int64_t rate_bp(int64_t paid, int64_t up)
{
	return up > 0 ? (paid * 10000 + up / 2) / up : -1;
}

static void rate_text(int64_t bp, char *out, size_t size)
{
	out[0] = 0;
	if (bp >= 0)
		dx_snprintf(out, size, "%lld.%02lld%%", (long long)(bp / 100), (long long)(bp % 100));
}

static cJSON *funds_json(const int64_t *f)
{
	cJSON *j = cJSON_CreateObject();
	for (int s = 0; s < DX_FUND_NSOURCES; s++)
		cJSON_AddNumberToObject(j, dx_fund_source_names[s], (double)f[s]);
	return j;
}

static cJSON *project_json(const struct dx_fund_project *p)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "code", p->code);
	cJSON_AddStringToObject(j, "county", p->county);
	cJSON_AddStringToObject(j, "name", p->name);
	cJSON_AddNumberToObject(j, "year", p->year);
	cJSON_AddStringToObject(j, "area_code", p->area_code);
	cJSON_AddStringToObject(j, "type", p->type);
	cJSON_AddBoolToObject(j, "industry", p->industry);
	cJSON_AddStringToObject(j, "status", p->status);
	cJSON_AddItemToObject(j, "funds", funds_json(p->funds));
	return j;
}

static int add_project(const struct dx_funds_row *row, void *arg)
{
	cJSON *j = project_json(row->p);
	int64_t up = row->p->funds[DX_FUND_CENTRAL] + row->p->funds[DX_FUND_PROVINCIAL];
	int64_t paid = row->paid[DX_FUND_CENTRAL] + row->paid[DX_FUND_PROVINCIAL];
	cJSON_AddItemToObject(j, "paid", funds_json(row->paid));
	cJSON_AddNumberToObject(j, "allocated_up", (double)up);
	cJSON_AddNumberToObject(j, "paid_up", (double)paid);
	cJSON_AddNumberToObject(j, "progress_bp", (double)rate_bp(paid, up));
	cJSON_AddItemToArray(arg, j);
	return 0;
}

static int project_row(const struct dx_funds_row *row, void *arg)
{
	struct dx_funds_project_buf buf;
	const char *cells[DX_FUNDS_PROJECT_COLS];
	dx_funds_project_cells(row, &buf, cells);
	dx_tw_row(arg, cells, DX_FUNDS_PROJECT_COLS, DX_TW_PLAIN);
	return DX_OK;
}

struct project_q {
	char area[13], as_of[11];
	int year;
};

static int project_rows(struct dx_http_req *r, struct dx_tw *w, void *arg)
{
	struct project_q *q = arg;
	struct dx_ctx cx;
	return dx_funds_project_list(dx_http_ctx(r, &cx), q->area, q->year, q->as_of, project_row, w);
}

int dx_route_projects(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const args[] = {"area", "year", "as_of", "format", NULL};
	const char *fmt = dx_http_arg(r, "format");
	struct project_q q;
	cJSON *j, *items;
	int rc;
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = dx_http_list_args(r, q.area, &q.year, q.as_of)))
		return rc;
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	if (fmt && !strcmp(fmt, "xlsx"))
		return dx_http_xlsx_list(r, "项目库", "attachment; filename=\"projects.xlsx\"",
					 dx_funds_project_heads, DX_FUNDS_PROJECT_COLS, project_rows,
					 &q);
	j = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(j, "items");
	if ((rc = dx_funds_project_list(dx_http_ctx(r, &cx), q.area, q.year, q.as_of, add_project,
					 items))) {
		cJSON_Delete(j);
		return rc;
	}
	return dx_http_reply(r, j);
}

/* The county a project code belongs to: ?county=, else the account's,
 * else the store's only one. */
static int county_of(struct dx_http_req *r, const char *given, char out[7])
{
	if (given && *given) {
		if (strlen(given) != 6 || strspn(given, "0123456789") != 6)
			return dx_http_fail(r, DX_INVALID, "county 应为6位县级区划代码");
		dx_strlcpy(out, given, 7);
		return DX_OK;
	}
	if (strlen(r->actor.acc.scope) >= 6) {
		dx_strlcpy(out, r->actor.acc.scope, 7);
		return DX_OK;
	}
	if (dx_ledger_single_county(r->st, out))
		return dx_http_fail(r, DX_INVALID, "库中有多个县，请用 county 指定项目所属的县");
	return DX_OK;
}

int dx_route_project(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const args[] = {"county", NULL};
	static const char *const names[] = {"村申报", "乡镇审核", "部门论证", "县审定",
					    "开工",   "完工",     "验收"};
	struct dx_funds_record rec;
	char county[7], scope[13];
	cJSON *j, *a;
	int rc;
	if ((rc = dx_http_args_only(r, args)) ||
	    (rc = county_of(r, dx_http_arg(r, "county"), county)) ||
	    (rc = dx_actor_area(&r->actor, NULL, scope, &r->why)))
		return rc;
	rc = dx_funds_record(dx_http_ctx(r, &cx), county, r->cap[0], scope, &rec);
	if (rc == DX_NOT_FOUND || rc == DX_DENIED) /* another area's: as missing */
		return dx_http_fail(r, DX_NOT_FOUND, "没有项目编号为 \"%.60s\" 的项目（或不在管辖范围内）",
				    r->cap[0]);
	if (rc)
		return rc;
	j = project_json(&rec.p);
	cJSON_AddStringToObject(j, "unit", rec.p.unit);
	cJSON_AddStringToObject(j, "dept", rec.p.dept);
	cJSON_AddStringToObject(j, "link_modes", rec.p.link_modes);
	cJSON_AddStringToObject(j, "goal", rec.p.goal);
	cJSON_AddStringToObject(j, "plan_start_on", rec.p.plan_start_on);
	{
		const char *dates[] = {rec.p.applied_on,  rec.p.reviewed_on, rec.p.assessed_on,
				       rec.p.approved_on, rec.p.started_on,  rec.p.completed_on,
				       rec.p.accepted_on};
		a = cJSON_AddArrayToObject(j, "steps");
		for (size_t i = 0; i < DX_ARRAY_SIZE(names); i++) {
			cJSON *s = cJSON_CreateObject();
			cJSON_AddStringToObject(s, "step", names[i]);
			cJSON_AddStringToObject(s, "done_on", dates[i]);
			cJSON_AddItemToArray(a, s);
		}
	}
	a = cJSON_AddArrayToObject(j, "history");
	for (size_t i = 0; i < rec.nhist; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "step", rec.hist[i].step);
		cJSON_AddStringToObject(s, "date", rec.hist[i].date);
		cJSON_AddStringToObject(s, "status", rec.hist[i].status);
		cJSON_AddStringToObject(s, "actor", rec.hist[i].actor);
		cJSON_AddStringToObject(s, "reason", rec.hist[i].note);
		cJSON_AddStringToObject(s, "at", rec.hist[i].at);
		cJSON_AddItemToArray(a, s);
	}
	a = cJSON_AddArrayToObject(j, "payments");
	for (size_t i = 0; i < rec.npay; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "paid_on", rec.pay[i].paid_on);
		cJSON_AddStringToObject(s, "source", rec.pay[i].source);
		cJSON_AddNumberToObject(s, "amount", (double)rec.pay[i].amount);
		cJSON_AddStringToObject(s, "voucher", rec.pay[i].voucher);
		cJSON_AddItemToArray(a, s);
	}
	a = cJSON_AddArrayToObject(j, "beneficiaries");
	for (size_t i = 0; i < rec.nben; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "hh_no", rec.ben[i].hh_no);
		cJSON_AddStringToObject(s, "head", rec.ben[i].head);
		cJSON_AddStringToObject(s, "area_code", rec.ben[i].area);
		cJSON_AddStringToObject(s, "link_mode", rec.ben[i].link);
		cJSON_AddNumberToObject(s, "persons", (double)rec.ben[i].persons);
		cJSON_AddItemToArray(a, s);
	}
	a = cJSON_AddArrayToObject(j, "assets");
	for (size_t i = 0; i < rec.nassets; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "asset_no", rec.assets[i].asset_no);
		cJSON_AddStringToObject(s, "name", rec.assets[i].name);
		cJSON_AddStringToObject(s, "kind", rec.assets[i].kind);
		cJSON_AddNumberToObject(s, "value", (double)rec.assets[i].value);
		cJSON_AddStringToObject(s, "owner", rec.assets[i].owner);
		cJSON_AddStringToObject(s, "handed_on", rec.assets[i].handed_on);
		cJSON_AddItemToArray(a, s);
	}
	dx_funds_record_release(&rec);
	return dx_http_reply(r, j);
}

int dx_route_project_step(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const fields[] = {"step", "date", "reason", "county", NULL};
	cJSON *body = NULL;
	char county[7];
	int rc;
	if ((rc = dx_http_args_only(r, NULL)))
		return rc;
	if ((rc = dx_http_json_body(r->body, r->body_len, fields, "Ssss", &body, &r->why)))
		return rc;
	if ((rc = county_of(r, dx_http_jstr(body, "county"), county)))
		goto out;
	{ /* another area's project answers as a missing one: no probing */
		struct dx_funds_record rec;
		char scope[13];
		if ((rc = dx_actor_area(&r->actor, NULL, scope, &r->why)))
			goto out;
		rc = dx_funds_record(dx_http_ctx(r, &cx), county, r->cap[0], scope, &rec);
		if (rc == DX_NOT_FOUND || rc == DX_DENIED) {
			rc = dx_http_fail(r, DX_NOT_FOUND,
					  "没有项目编号为 \"%.60s\" 的项目（或不在管辖范围内）", r->cap[0]);
			goto out;
		}
		if (rc)
			goto out;
		dx_funds_record_release(&rec);
	}
	rc = dx_funds_step(dx_http_ctx(r, &cx), county, r->cap[0], dx_http_jstr(body, "step"),
			   dx_http_jstr(body, "date"), dx_http_jstr(body, "reason"));
	rc = dx_http_answered(r, &cx, rc);
	if (rc)
		goto out;
	cJSON_Delete(body);
	body = NULL;
	/* answer with the project as it is now (its county as the step's) */
	r->status = 0;
	rc = dx_route_project(r);
out:
	cJSON_Delete(body);
	return rc;
}

/* ---- the 支付进度 table ---- */

struct prog {
	cJSON *items;
	struct dx_tw *w;
	int rank;
};

static void tw_row(struct dx_tw *w, const char *const *v, size_t n, int header)
{
	dx_tw_row(w, v, n, header ? DX_TW_HEADER : DX_TW_PLAIN);
}

static const char *const town_heads[] = {"排名", "乡镇代码", "乡镇", "项目数",
					 "中央和省级资金（万元）", "已拨付中央和省级（万元）",
					 "支付进度"};
static const char *const proj_heads[] = {"项目编号", "项目名称", "区划代码", "中央和省级资金（万元）",
					 "已拨付中央和省级（万元）", "支付进度", "状态"};

static int prog_town(const struct dx_funds_town *t, void *arg)
{
	struct prog *g = arg;
	char rank[12], n[24], a[32], p[32], rate[16];
	g->rank++;
	if (g->items) {
		cJSON *j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "rank", g->rank);
		cJSON_AddStringToObject(j, "code", t->code);
		cJSON_AddStringToObject(j, "name", t->name);
		cJSON_AddNumberToObject(j, "projects", (double)t->projects);
		cJSON_AddNumberToObject(j, "allocated_up", (double)t->allocated);
		cJSON_AddNumberToObject(j, "paid_up", (double)t->paid);
		cJSON_AddNumberToObject(j, "progress_bp", (double)t->bp);
		cJSON_AddItemToArray(g->items, j);
		return 0;
	}
	dx_snprintf(rank, sizeof(rank), "%d", g->rank);
	dx_snprintf(n, sizeof(n), "%ld", t->projects);
	rate_text(t->bp, rate, sizeof(rate));
	const char *v[] = {rank, t->code, t->name, n, dx_money_format_wan(t->allocated, a, sizeof(a)),
			   dx_money_format_wan(t->paid, p, sizeof(p)), rate};
	tw_row(g->w, v, DX_ARRAY_SIZE(v), 0);
	return 0;
}

static int prog_project(const struct dx_funds_row *row, void *arg)
{
	struct prog *g = arg;
	char a[32], p[32], rate[16];
	int64_t up = row->p->funds[DX_FUND_CENTRAL] + row->p->funds[DX_FUND_PROVINCIAL];
	int64_t paid = row->paid[DX_FUND_CENTRAL] + row->paid[DX_FUND_PROVINCIAL];
	if (g->items)
		return add_project(row, g->items);
	rate_text(rate_bp(paid, up), rate, sizeof(rate));
	const char *v[] = {row->p->code, row->p->name, row->p->area_code,
			   dx_money_format_wan(up, a, sizeof(a)), dx_money_format_wan(paid, p, sizeof(p)),
			   rate, row->p->status};
	tw_row(g->w, v, DX_ARRAY_SIZE(v), 0);
	return 0;
}

int dx_route_funds_progress(struct dx_http_req *r)
{
	struct dx_ctx cx;
	static const char *const args[] = {"area", "year", "as_of", "by", "format", NULL};
	const char *by = dx_http_arg(r, "by"), *fmt = dx_http_arg(r, "format");
	struct prog g = {0};
	struct dx_http_tmp t;
	char area[13], as_of[11];
	int year, rc, towns;
	if ((rc = dx_http_args_only(r, args)) || (rc = dx_http_list_args(r, area, &year, as_of)))
		return rc;
	if (by && strcmp(by, "township") && strcmp(by, "project"))
		return dx_http_fail(r, DX_INVALID, "by 应为 township 或 project");
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return dx_http_fail(r, DX_INVALID, "format 应为 json 或 xlsx");
	towns = !by || !strcmp(by, "township");
	if (!fmt || !strcmp(fmt, "json")) {
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "as_of", as_of[0] ? as_of : r->today);
		g.items = cJSON_AddArrayToObject(j, "items");
		dx_http_ctx(r, &cx);
		rc = towns ? dx_funds_towns(&cx, area, year, as_of, prog_town, &g)
			   : dx_funds_project_list(&cx, area, year, as_of, prog_project, &g);
		if (rc) {
			cJSON_Delete(j);
			return rc;
		}
		return dx_http_reply(r, j);
	}
	if ((rc = dx_http_tmp_open(&t, ".xlsx")))
		return rc;
	if ((rc = dx_tw_open(&g.w, t.path, DX_TW_XLSX, "支付进度"))) {
		dx_http_tmp_remove(&t);
		return rc;
	}
	if (towns)
		tw_row(g.w, town_heads, DX_ARRAY_SIZE(town_heads), 1);
	else
		tw_row(g.w, proj_heads, DX_ARRAY_SIZE(proj_heads), 1);
	dx_http_ctx(r, &cx);
	rc = towns ? dx_funds_towns(&cx, area, year, as_of, prog_town, &g)
		   : dx_funds_project_list(&cx, area, year, as_of, prog_project, &g);
	if (dx_tw_close(g.w) && !rc)
		rc = DX_IO;
	if (rc) {
		dx_http_tmp_remove(&t);
		return rc;
	}
	return dx_http_tmp_send(r, &t, dx_http_ctype("xlsx"),
				"attachment; filename=\"progress.xlsx\"");
}
