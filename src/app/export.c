/*
 * export.c - ledgers out of the store in the import templates; see
 * export.h for the masking rule.  Rows stream from the store to the table
 * writer one at a time (xlsx in constant-memory mode).
 */
#include "core/dx.h"
#include "app/export.h"
#include "store/ledgers.h"
#include "app/account.h"
#include "app/export_funds.h"
#include "core/area.h"
#include "core/idcard.h"
#include "core/mask.h"
#include "core/money.h"
#include "core/outfile.h"
#include "io/template.h"
#include "io/xlsx_write.h"
#include "store/ledger.h"

/* Scope and unmasking right of an account (dx_actor_may_unmask, the rule
 * every unmasked output shares). */
int dx_ledger_actor(struct dx_store *st, const char *name, char scope[13], int *unmask,
		    struct dx_buf *why)
{
	struct dx_actor a;
	int rc = dx_actor_load(st, name, &a, why);
	*unmask = 0;
	if (rc)
		return rc == DX_NOT_FOUND || rc == DX_INVALID ? DX_DENIED : rc;
	dx_strlcpy(scope, a.acc.scope, 13);
	*unmask = dx_actor_may_unmask(&a);
	return DX_OK;
}

struct ex {
	struct dx_tw *w;
	int unmasked;
	long rows;
	/* households export: the household being gathered */
	struct dx_ledger_prow cur;
	char head_name[64], head_id[19], names[3][96];
	int members, have;
	const char *kind; /* the other ledgers' exports (issue 19) */
};

static void header(struct ex *x, const char *kind)
{
	const struct dx_template *t = dx_template_find(kind);
	for (size_t i = 0; i < t->ncols; i++)
		if (t->cols[i].kind != DX_COL_SKIP) {
			dx_tw_width(x->w, (int)i, t->cols[i].kind == DX_COL_ID ? 21 : 12);
			dx_tw_cell(x->w, t->cols[i].name, DX_TW_HEADER);
		}
	dx_tw_endrow(x->w);
}

/* A cell as stored: codes, numbers, dates, and the masked ID and phone
 * columns. */
static void raw(struct ex *x, const char *s)
{
	dx_tw_cell(x->w, s, DX_TW_PLAIN);
}

/* A cell of text somebody typed: in a masked export, an ID or phone number
 * typed into it (民族, 务工所在地, 走访内容 ...) is masked too (issue 13.5). */
static void cell(struct ex *x, const char *s)
{
	char *m;
	if (x->unmasked || !dx_mask_needed(s))
		return raw(x, s);
	m = dx_xstrdup(s);
	dx_mask_text(m);
	raw(x, m);
	free(m);
}

static void yesno(struct ex *x, int v)
{
	raw(x, v ? "是" : "否");
}

static void num(struct ex *x, long long v, int blank_below_zero)
{
	char b[24] = "";
	if (!(blank_below_zero && v <= 0))
		dx_snprintf(b, sizeof(b), "%lld", v);
	raw(x, b);
}

static void id_cell(struct ex *x, const char *id)
{
	char m[19];
	if (x->unmasked)
		return raw(x, id);
	dx_idcard_mask(id, m);
	raw(x, m);
}

static void phone_cell(struct ex *x, const char *p)
{
	char m[32];
	if (x->unmasked)
		return raw(x, p);
	dx_phone_mask(p, m, sizeof(m));
	raw(x, m);
}

static void money(struct ex *x, int64_t fen)
{
	char b[32];
	raw(x, dx_money_format(fen, b, sizeof(b)));
}

static void area_cells(struct ex *x, const struct dx_ledger_prow *r)
{
	raw(x, r->h.area_code);
	cell(x, r->county_name);
	cell(x, r->town_name);
	cell(x, r->village_name);
	cell(x, r->h.group_name);
	raw(x, r->h.hh_no);
	cell(x, r->h.kind);
	num(x, r->h.tuopin_year, 1);
}

static void episode_cells(struct ex *x, const struct dx_episode *e)
{
	int on = e->id != 0;
	cell(x, e->category);
	cell(x, e->risks);
	cell(x, e->identified_on);
	cell(x, on ? (e->eliminated_on[0] ? "是" : "否") : "");
	cell(x, e->elim_kind);
	cell(x, e->eliminated_on);
	cell(x, on ? (e->reflag ? "是" : "否") : "");
}

static int person_row(const struct dx_ledger_prow *r, void *arg)
{
	struct ex *x = arg;
	const struct dx_person *p = &r->p;
	area_cells(x, r);
	cell(x, p->name);
	id_cell(x, p->id_no);
	cell(x, p->relation);
	cell(x, p->ethnicity);
	cell(x, p->politics);
	cell(x, p->education);
	cell(x, p->school);
	cell(x, p->health);
	cell(x, p->labour);
	cell(x, p->work_place);
	if (p->work_months < 0)
		cell(x, "");
	else
		num(x, p->work_months, 0);
	yesno(x, p->ins_resident);
	yesno(x, p->ins_employee);
	yesno(x, p->dibao);
	cell(x, p->dibao_class);
	yesno(x, p->tekun);
	yesno(x, p->disability_subsidy);
	phone_cell(x, p->phone);
	episode_cells(x, &r->e);
	yesno(x, r->h.unsafe_housing);
	yesno(x, r->h.unsafe_water);
	yesno(x, r->h.dropout);
	yesno(x, p->counted);
	dx_tw_endrow(x->w);
	x->rows++;
	return 0;
}

static const char *const hh_header[] = {
	"区划代码", "县(市、区)", "乡(镇)", "行政村", "村民小组", "户编号", "户类型", "脱贫年度",
	"户主姓名", "户主证件号码", "联系电话", "家庭人口", "监测对象类别", "致贫返贫风险",
	"识别监测时间", "风险是否已消除", "风险消除方式", "消除监测时间", "风险再标注",
	"住房出现安全问题", "饮水出现安全问题", "义务教育阶段适龄儿童失学辍学"};

static void flush_household(struct ex *x)
{
	struct dx_ledger_prow r = x->cur;
	if (!x->have)
		return;
	r.county_name = x->names[0];
	r.town_name = x->names[1];
	r.village_name = x->names[2];
	area_cells(x, &r);
	cell(x, x->head_name);
	if (x->head_id[0])
		id_cell(x, x->head_id);
	else
		cell(x, "");
	phone_cell(x, r.h.phone);
	num(x, x->members, 0);
	episode_cells(x, &r.e);
	yesno(x, r.h.unsafe_housing);
	yesno(x, r.h.unsafe_water);
	yesno(x, r.h.dropout);
	dx_tw_endrow(x->w);
	x->rows++;
	x->have = 0;
}

static int household_row(const struct dx_ledger_prow *r, void *arg)
{
	struct ex *x = arg;
	if (x->have && x->cur.h.id != r->h.id)
		flush_household(x);
	if (!x->have) {
		x->cur = *r;
		dx_strlcpy(x->names[0], r->county_name, sizeof(x->names[0]));
		dx_strlcpy(x->names[1], r->town_name, sizeof(x->names[1]));
		dx_strlcpy(x->names[2], r->village_name, sizeof(x->names[2]));
		x->head_name[0] = x->head_id[0] = '\0';
		x->members = 0;
		x->have = 1;
	}
	if (!strcmp(r->p.relation, "户主")) {
		dx_strlcpy(x->head_name, r->p.name, sizeof(x->head_name));
		dx_strlcpy(x->head_id, r->p.id_no, sizeof(x->head_id));
	}
	x->members += r->p.counted;
	return 0;
}

static int income_row(const char *hh_no, const struct dx_income_row *in, void *arg)
{
	struct ex *x = arg;
	raw(x, hh_no);
	num(x, in->year, 0);
	money(x, in->wage);
	money(x, in->business);
	money(x, in->property);
	money(x, in->transfer);
	money(x, in->business_cost);
	money(x, in->claims);
	money(x, in->oop);
	dx_tw_endrow(x->w);
	x->rows++;
	return 0;
}

static int measure_row(const char *hh_no, const struct dx_measure *m, void *arg)
{
	struct ex *x = arg;
	raw(x, hh_no);
	cell(x, m->category);
	cell(x, m->detail);
	cell(x, m->status);
	money(x, m->amount);
	cell(x, m->start_on);
	cell(x, m->end_on);
	cell(x, m->cadre);
	dx_tw_endrow(x->w);
	x->rows++;
	return 0;
}

static int visit_row(const char *hh_no, const struct dx_visit *v, void *arg)
{
	struct ex *x = arg;
	raw(x, hh_no);
	cell(x, v->visited_on);
	cell(x, v->cadre);
	cell(x, v->content);
	cell(x, v->findings);
	dx_tw_endrow(x->w);
	x->rows++;
	return 0;
}

/* issue 19: a row of the other ledgers (store/ledgers.h dx_lg_export):
 * 证件号码 masked unless asked, amounts from fen to 元 (so a 万元 ledger
 * comes back exact, in 元) */
static int lg_export_row(const char *const *cells, int n, void *arg)
{
	struct ex *x = arg;
	const struct dx_template *t = dx_template_find(x->kind);
	int k = 0;
	for (size_t i = 0; i < t->ncols && k < n; i++) {
		const struct dx_col *c = &t->cols[i];
		int64_t fen;
		if (c->kind == DX_COL_SKIP)
			continue;
		if (c->kind == DX_COL_ID && *cells[k])
			id_cell(x, cells[k]);
		else if (c->kind == DX_COL_MONEY && *cells[k] && !dx_parse_i64(cells[k], &fen))
			money(x, fen);
		else
			cell(x, cells[k]);
		k++;
	}
	dx_tw_endrow(x->w);
	x->rows++;
	return 0;
}

int dx_export_run(struct dx_store *st, const struct dx_export_opts *o, long *rows,
		  struct dx_buf *why)
{
	struct ex *x = dx_xcalloc(1, sizeof(*x));
	char scope[13] = "";
	const char *sheet;
	int rc, may_unmask = 0, c;
	*rows = 0;
	if (o->as && (rc = dx_ledger_actor(st, o->as, scope, &may_unmask, why)))
		goto out;
	if (o->unmasked && (!o->as || !may_unmask)) {
		dx_buf_addf(why, "%s",
			    o->as ? "本账号无权导出未打码的证件号码和电话（需县级或管理员账号）"
				  : "--unmasked 需要用 --as 指定有权限的账号（县级或管理员）");
		rc = DX_DENIED;
		goto out;
	}
	if (scope[0] && !dx_area_in_scope(o->area, scope)) {
		dx_buf_addf(why, "区划 %s 不在账号 %s 的管辖范围（%s）内", o->area, o->as, scope);
		rc = DX_DENIED;
		goto out;
	}
	x->unmasked = o->unmasked;
	sheet = !strcmp(o->kind, "households") ? "户信息" : dx_template_find(o->kind)
								   ? dx_template_find(o->kind)->title
								   : NULL;
	if (!sheet || !strcmp(o->kind, "warnings") || !strcmp(o->kind, "beneficiaries")) {
		dx_buf_addf(why, "不能导出 \"%s\"（可导出 persons、households、incomes、measures、visits、"
			    "projects、payments、assets、"
			    "loans、applications、relief、problems、training）",
			    o->kind);
		rc = DX_USAGE;
		goto out;
	}
	if ((rc = dx_tw_open(&x->w, o->out, o->out ? dx_tw_format_of(o->out) : DX_TW_CSV, sheet))) {
		if (dx_outfile_why(rc))
			dx_buf_addf(why, "无法写入 %s：%s", o->out, dx_outfile_why(rc));
		goto out;
	}
	if (!strcmp(o->kind, "persons")) {
		header(x, "persons");
		rc = dx_ledger_export_persons(st, o->area, person_row, x);
	} else if (!strcmp(o->kind, "households")) {
		for (size_t i = 0; i < DX_ARRAY_SIZE(hh_header); i++)
			dx_tw_cell(x->w, hh_header[i], DX_TW_HEADER);
		dx_tw_endrow(x->w);
		rc = dx_ledger_export_persons(st, o->area, household_row, x);
		flush_household(x);
	} else if (!strcmp(o->kind, "incomes")) {
		header(x, "incomes");
		rc = dx_ledger_export_incomes(st, o->area, income_row, x);
	} else if (!strcmp(o->kind, "measures")) {
		header(x, "measures");
		rc = dx_ledger_export_measures(st, o->area, measure_row, x);
	} else if (dx_export_funds_kind(o->kind)) { /* 衔接资金 (issue 18) */
		rc = dx_export_funds(st, o->kind, o->area, x->w, &x->rows);
	} else if (strcmp(o->kind, "visits")) { /* issue 19: loans, applications, ... */
		x->kind = o->kind;
		header(x, o->kind);
		rc = dx_lg_export(st, o->kind, o->area, lg_export_row, x);
	} else {
		header(x, "visits");
		rc = dx_ledger_export_visits(st, o->area, visit_row, x);
	}
	c = dx_tw_close(x->w);
	if (!rc)
		rc = c;
	*rows = x->rows;
	if (!rc && o->unmasked) {
		struct dx_buf after = DX_BUF_INIT;
		char county[7];
		dx_area_county(o->area, county);
		dx_buf_addf(&after, "{\"rows\":%ld,\"out\":\"%s\"}", x->rows,
			    o->out ? "file" : "stdout");
		rc = dx_store_audit(st, county, o->as, "export.unmasked", o->kind, o->area, NULL,
				    after.buf);
		dx_buf_release(&after);
	}
out:
	free(x);
	return rc;
}
