/*
 * import_funds.c - handlers of the 衔接资金 ledgers (templates.md §6-9,
 * issue 18): 项目库 (projects), 资金拨付台账 (payments), 项目受益户
 * (beneficiaries) and 项目资产 (assets), run by the import engine like
 * every ledger (Excel rows in errors, atomic, --keep-valid, error sheet).
 *
 * Natural keys make a re-import change nothing: a project is (county,
 * 项目编号); a payment (project, 拨付日期, 资金来源, 凭证号), the nth row
 * of a key matched to the nth stored payment of it; a beneficiary
 * (project, household); an asset (county, 资产编号).  A project's county is
 * that of its 区划代码; the other ledgers name projects by 项目编号 only,
 * so they read it in the county of --county, else of the account, else
 * the store's only county.  A beneficiary household must be in the
 * registry: one that is not is an error on its row, never dropped.
 */
#include "core/dx.h"
#include "app/policy.h"
#include "app/funds.h"
#include "core/date.h"
#include "app/import_int.h"
#include "app/clue.h"
#include "app/funds.h"
#include "core/area.h"
#include "core/money.h"
#include "core/strbuf.h"
#include "store/funds.h"
#include "store/ledger.h"

/* The county the file's 项目编号 are read in (see the head comment);
 * reported as a file error when none can be told. */
static int fund_begin(struct dx_imp *im)
{
	dx_imp_keyed_begin(im); /* the keys seen in this file */
	if (im->o->county && *im->o->county)
		dx_strlcpy(im->county, im->o->county, sizeof(im->county));
	else if (im->scope && strlen(im->scope) >= 6)
		dx_strlcpy(im->county, im->scope, sizeof(im->county));
	else if (dx_ledger_single_county(im->st, im->county))
		dx_imp_report(im, 0, -1, "#file", 1,
			      "无法确定项目所属的县：库中有多个县或没有县，请用 --county 指定");
	return 0;
}

static int project_begin(struct dx_imp *im)
{
	dx_imp_keyed_begin(im);
	return 0;
}

/* How many earlier rows of this file had the same key. */
static int occurrence(struct dx_imp *im, const char *key)
{
	struct dx_imp_keyed *s = im->h;
	long *n = dx_imp_put(im, &s->keys, key, NULL);
	return n ? (int)(*n)++ : 0; /* else im->fail stops the import */
}

/* The date rule of every entry path (app/clue.h dx_event_date): an event
 * (开工, 拨付, 移交...) cannot lie after today. */
static void event_date(struct dx_imp *im, long row, int f, const char *what, const char *iso)
{
	struct dx_buf why = DX_BUF_INIT;
	char d[11];
	if (*iso && dx_event_date(&im->today, iso, what, d, &why))
		dx_imp_report(im, row, f, NULL, 1, "%s", why.buf);
	dx_buf_release(&why);
}

/* The project of 项目编号 in field f, in the file's county; 0 or reported
 * (DX_NOT_FOUND). */
static int project(struct dx_imp *im, const struct dx_rowval *rv, int f, long row,
		   struct dx_fund_project *p)
{
	int rc;
	if (!im->county[0])
		return DX_NOT_FOUND; /* reported once, by fund_begin */
	rc = dx_fund_project_get(im->st, im->county, rv->text[f], p);
	if (rc == DX_NOT_FOUND)
		dx_imp_report(im, row, f, NULL, 1,
			      "项目编号 \"%s\" 在县 %s 的项目库中不存在，请核对项目编号或先导入项目库",
			      rv->text[f], im->county);
	else if (!rc && im->scope && *im->scope &&
		 !dx_area_in_scope(p->area_code, im->scope)) {
		dx_imp_report(im, row, f, NULL, 1, "项目 \"%s\" 不在本账号的管辖范围（%s）内",
			      rv->text[f], im->scope);
		rc = DX_DENIED;
	}
	return rc;
}

/* A data error (reported) is 0 for the engine; a store failure is not. */
static int soft(int rc)
{
	return rc == DX_NOT_FOUND || rc == DX_DENIED ? 0 : rc;
}

static int audit(struct dx_imp *im, const char *county, const char *entity, const char *key,
		 struct dx_buf *before, struct dx_buf *after)
{
	dx_json_close(before);
	dx_json_close(after);
	return dx_imp_audit(im, county, before->len ? "import.update" : "import.insert", entity,
			    key, before->len ? before->buf : NULL, after->buf);
}

/* ---- 衔接资金项目库 ---- */

/* A project's stored fields as audit JSON, keyed by the template's names;
 * two projects are the same when their JSON is. */
static void project_json(const struct dx_fund_project *p, struct dx_buf *b)
{
	static const char *const fund_cols[DX_FUND_NSOURCES] = {
		"中央衔接资金", "省级衔接资金", "市级衔接资金", "县级衔接资金", "其他资金"};
	char v[32];
	dx_json_field(b, "项目名称", p->name);
	dx_json_int(b, "年度", p->year);
	dx_json_field(b, "区划代码", p->area_code);
	dx_json_field(b, "项目类型", p->type);
	dx_json_field(b, "是否产业项目", p->industry ? "是" : "否");
	dx_json_field(b, "实施单位", p->unit);
	dx_json_field(b, "主管部门", p->dept);
	for (int i = 0; i < DX_FUND_NSOURCES; i++)
		dx_json_field(b, fund_cols[i], dx_money_format(p->funds[i], v, sizeof(v)));
	dx_json_field(b, "村申报日期", p->applied_on);
	dx_json_field(b, "乡镇审核日期", p->reviewed_on);
	dx_json_field(b, "部门论证日期", p->assessed_on);
	dx_json_field(b, "县审定日期", p->approved_on);
	dx_json_field(b, "计划开工日期", p->plan_start_on);
	dx_json_field(b, "开工日期", p->started_on);
	dx_json_field(b, "完工日期", p->completed_on);
	dx_json_field(b, "验收日期", p->accepted_on);
	dx_json_field(b, "联农带农方式", p->link_modes);
	dx_json_field(b, "绩效目标", p->goal);
	dx_json_field(b, "状态", p->status);
}

/* Dates that must come in the template's order: each one present must not
 * be before the last present one before it. */
static void date_order(struct dx_imp *im, const struct dx_rowval *rv, long row, const int *fs,
		       const char *const *names, size_t n)
{
	int last = -1;
	for (size_t i = 0; i < n; i++) {
		if (!rv->text[fs[i]][0])
			continue;
		if (last >= 0 && strcmp(rv->text[fs[i]], rv->text[fs[last]]) < 0)
			dx_imp_report(im, row, fs[i], NULL, 1, "%s %s 早于%s %s，请改正",
				      names[i], rv->text[fs[i]], names[last], rv->text[fs[last]]);
		last = (int)i;
	}
}

#define SETTXT(dst, f)                                      \
	do {                                                \
		if (rv->col[f] >= 0)                        \
			dx_strlcpy(dst, rv->text[f], sizeof(dst)); \
	} while (0)

static int project_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	static const int steps[] = {DX_FP_APPLIED, DX_FP_REVIEWED, DX_FP_ASSESSED, DX_FP_APPROVED,
				    DX_FP_STARTED, DX_FP_COMPLETED, DX_FP_ACCEPTED};
	static const char *const step_names[] = {"村申报日期", "乡镇审核日期", "部门论证日期",
						 "县审定日期", "开工日期", "完工日期", "验收日期"};
	static const int fund_f[DX_FUND_NSOURCES] = {DX_FP_CENTRAL, DX_FP_PROVINCIAL, DX_FP_CITY,
						     DX_FP_COUNTY, DX_FP_OTHER};
	struct dx_fund_project old, now;
	struct dx_area a;
	struct dx_buf before = DX_BUF_INIT, after = DX_BUF_INIT;
	char area[13], county[7], key[96];
	int rc, have;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	if (dx_area_canon(rv->text[DX_FP_AREA], area) < DX_AREA_COUNTY) {
		dx_imp_report(im, row, DX_FP_AREA, NULL, 1,
			      "\"%s\" 不是有效的区划代码（应为6位县、9位乡镇或12位村代码）",
			      rv->text[DX_FP_AREA]);
		return 0;
	}
	if ((rc = dx_store_area_get(im->st, area, &a)) == DX_NOT_FOUND) {
		dx_imp_report(im, row, DX_FP_AREA, NULL, 1,
			      "区划代码 %s 在库中不存在，请核对代码或先导入户成员台账", area);
		return 0;
	}
	if (rc)
		return rc;
	if (im->scope && *im->scope && !dx_area_in_scope(area, im->scope)) {
		dx_imp_report(im, row, DX_FP_AREA, NULL, 1, "区划代码 %s 不在本账号的管辖范围（%s）内",
			      area, im->scope);
		return 0;
	}
	if (dx_imp_county_check(im, row, DX_FP_AREA, area))
		return 0;
	dx_strlcpy(county, area, sizeof(county));
	if (!im->county[0])
		dx_strlcpy(im->county, county, sizeof(im->county));
	dx_snprintf(key, sizeof(key), "%s|%s", county, rv->text[DX_FP_CODE]);
	dx_imp_keyed_duplicate(im, key, row, DX_FP_CODE);
	date_order(im, rv, row, steps, step_names, 4);
	date_order(im, rv, row, steps + 4, step_names + 4, 3);
	for (size_t i = 4; i < DX_ARRAY_SIZE(steps); i++)
		event_date(im, row, steps[i], step_names[i], rv->text[steps[i]]);
	for (int i = 0; i < DX_FUND_NSOURCES; i++)
		if (rv->num[fund_f[i]] < 0)
			dx_imp_report(im, row, fund_f[i], NULL, 1, "资金不能为负数，请改正");
	{ /* 负面清单: a warning here, a refusal at 县审定 (dx_funds_step) */
		struct dx_policy pol;
		char on[11];
		dx_date_format(&im->today, on);
		if (rv->text[DX_FP_APPROVED][0])
			dx_strlcpy(on, rv->text[DX_FP_APPROVED], sizeof(on));
		if ((rc = dx_app_policy(im->st, area, (int)rv->num[DX_FP_YEAR], on, &pol)))
			return rc;
		if (dx_fund_type_forbidden(pol.project_forbidden_types, rv->text[DX_FP_TYPE]))
			dx_imp_report(im, row, DX_FP_TYPE, NULL, 0,
				      "项目类型 %s 在负面清单内（政策参数 负面清单）：项目可登记，"
				      "但不能县审定，请调整项目类型或不予立项",
				      rv->text[DX_FP_TYPE]);
	}
	if (!im->write || im->res->errors != errs)
		return 0;
	memset(&old, 0, sizeof(old));
	rc = dx_fund_project_get(im->st, county, rv->text[DX_FP_CODE], &old);
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	have = !rc;
	now = old; /* a column the file lacks keeps its stored value */
	dx_strlcpy(now.county, county, sizeof(now.county));
	dx_strlcpy(now.code, rv->text[DX_FP_CODE], sizeof(now.code));
	dx_strlcpy(now.name, rv->text[DX_FP_NAME], sizeof(now.name));
	now.year = (int)rv->num[DX_FP_YEAR];
	dx_strlcpy(now.area_code, area, sizeof(now.area_code));
	dx_strlcpy(now.type, rv->text[DX_FP_TYPE], sizeof(now.type));
	/* blank = 是 for 产业发展, 否 otherwise (templates.md §6) */
	now.industry = rv->num[DX_FP_INDUSTRY] >= 0 && rv->col[DX_FP_INDUSTRY] >= 0
			       ? (int)rv->num[DX_FP_INDUSTRY]
			       : !strcmp(now.type, "产业发展");
	SETTXT(now.unit, DX_FP_UNIT);
	SETTXT(now.dept, DX_FP_DEPT);
	for (int i = 0; i < DX_FUND_NSOURCES; i++)
		if (rv->col[fund_f[i]] >= 0)
			now.funds[i] = rv->num[fund_f[i]];
	SETTXT(now.applied_on, DX_FP_APPLIED);
	SETTXT(now.reviewed_on, DX_FP_REVIEWED);
	SETTXT(now.assessed_on, DX_FP_ASSESSED);
	SETTXT(now.approved_on, DX_FP_APPROVED);
	SETTXT(now.plan_start_on, DX_FP_PLAN_START);
	SETTXT(now.started_on, DX_FP_STARTED);
	SETTXT(now.completed_on, DX_FP_COMPLETED);
	SETTXT(now.accepted_on, DX_FP_ACCEPTED);
	SETTXT(now.link_modes, DX_FP_LINK);
	SETTXT(now.goal, DX_FP_GOAL);
	/* 不予立项 is a decision (dx_funds_step), not a date: a re-import keeps it */
	if (!have || strcmp(old.status, "不予立项"))
		dx_strlcpy(now.status, dx_fund_project_status(&now), sizeof(now.status));
	if (have)
		project_json(&old, &before);
	project_json(&now, &after);
	if (have && before.len == after.len && !memcmp(before.buf, after.buf, after.len)) {
		im->res->unchanged++;
		goto out;
	}
	if ((rc = dx_fund_project_put(im->st, &now)))
		goto out;
	if (have)
		im->res->updated++;
	else
		im->res->added++;
	dx_snprintf(key, sizeof(key), "%s", now.code);
	rc = audit(im, county, "fund_project", key, &before, &after);
out:
	dx_buf_release(&before);
	dx_buf_release(&after);
	return rc;
}

const struct dx_imp_handler dx_imp_projects = {"projects", NULL, project_begin, project_row,
					       dx_imp_finish_rows, dx_imp_keyed_release};

/* ---- 资金拨付台账 ---- */
static int payment_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct dx_fund_project p;
	struct dx_fund_payment now, old;
	struct dx_buf before = DX_BUF_INIT, after = DX_BUF_INIT;
	char key[200], v[32];
	int rc;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	event_date(im, row, DX_FY_DATE, "拨付日期", rv->text[DX_FY_DATE]);
	if (rv->num[DX_FY_AMOUNT] <= 0)
		dx_imp_report(im, row, DX_FY_AMOUNT, NULL, 1, "拨付金额应大于 0，请改正");
	if ((rc = project(im, rv, DX_FY_CODE, row, &p)) || !im->write || im->res->errors != errs)
		return soft(rc);
	memset(&now, 0, sizeof(now));
	now.project_id = p.id;
	dx_strlcpy(now.county, p.county, sizeof(now.county));
	dx_strlcpy(now.paid_on, rv->text[DX_FY_DATE], sizeof(now.paid_on));
	dx_strlcpy(now.source, rv->text[DX_FY_SOURCE], sizeof(now.source));
	now.amount = rv->num[DX_FY_AMOUNT];
	dx_strlcpy(now.voucher, rv->text[DX_FY_VOUCHER], sizeof(now.voucher));
	dx_snprintf(key, sizeof(key), "%lld|%s|%s|%s", (long long)p.id, now.paid_on, now.source,
		    now.voucher);
	rc = dx_fund_payment_find(im->st, &now, occurrence(im, key), &old);
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	if (!rc) {
		if (old.amount == now.amount) {
			im->res->unchanged++;
			return 0;
		}
		now.id = old.id;
		dx_json_field(&before, "金额", dx_money_format(old.amount, v, sizeof(v)));
		im->res->updated++;
	} else {
		im->res->added++;
	}
	if (!(rc = dx_fund_payment_put(im->st, &now))) {
		dx_json_field(&after, "项目编号", p.code);
		dx_json_field(&after, "拨付日期", now.paid_on);
		dx_json_field(&after, "资金来源", now.source);
		dx_json_field(&after, "金额", dx_money_format(now.amount, v, sizeof(v)));
		dx_json_field(&after, "凭证号", now.voucher);
		dx_snprintf(key, sizeof(key), "%lld", (long long)now.id);
		rc = audit(im, p.county, "fund_payment", key, &before, &after);
	}
	dx_buf_release(&before);
	dx_buf_release(&after);
	return rc;
}

const struct dx_imp_handler dx_imp_payments = {"payments", NULL, fund_begin, payment_row,
					       dx_imp_finish_rows, dx_imp_keyed_release};

/* ---- 项目受益户 ---- */
static int beneficiary_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct dx_fund_project p;
	struct dx_household h;
	struct dx_fund_beneficiary now, old;
	struct dx_buf before = DX_BUF_INIT, after = DX_BUF_INIT;
	char key[200], v[32];
	int rc, prc;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	dx_snprintf(key, sizeof(key), "%s|%s", rv->text[DX_FB_CODE], rv->text[DX_FB_HHNO]);
	dx_imp_keyed_duplicate(im, key, row, DX_FB_HHNO);
	prc = project(im, rv, DX_FB_CODE, row, &p);
	if (prc && soft(prc))
		return prc;
	/* the household is the registry's: one not in it is this row's error */
	rc = dx_ledger_household_by_no(im->st, rv->text[DX_FB_HHNO], &h);
	if (rc == DX_NOT_FOUND) {
		dx_imp_report(im, row, DX_FB_HHNO, NULL, 1,
			      "户编号 \"%s\" 不在户成员台账中（受益户须是库中的农户），请核对户编号",
			      rv->text[DX_FB_HHNO]);
		return 0;
	}
	if (rc)
		return rc;
	if (!prc && strncmp(h.area_code, p.county, 6)) {
		dx_imp_report(im, row, DX_FB_HHNO, NULL, 1, "户编号 \"%s\" 属于县 %.6s，不是项目所在的县 %s",
			      rv->text[DX_FB_HHNO], h.area_code, p.county);
		return 0;
	}
	if (im->scope && *im->scope && !dx_area_in_scope(h.area_code, im->scope)) {
		dx_imp_report(im, row, DX_FB_HHNO, NULL, 1, "户编号 \"%s\" 不在本账号的管辖范围（%s）内",
			      rv->text[DX_FB_HHNO], im->scope);
		return 0;
	}
	if (prc || !im->write || im->res->errors != errs)
		return 0;
	memset(&old, 0, sizeof(old));
	rc = dx_fund_beneficiary_get(im->st, p.id, h.id, &old);
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	memset(&now, 0, sizeof(now));
	now.id = rc ? 0 : old.id;
	now.project_id = p.id;
	now.household_id = h.id;
	dx_strlcpy(now.county, p.county, sizeof(now.county));
	dx_strlcpy(now.link_mode, rv->text[DX_FB_LINK], sizeof(now.link_mode));
	now.persons = rv->blank[DX_FB_PERSONS] ? -1 : (int)rv->num[DX_FB_PERSONS];
	now.income = rv->num[DX_FB_INCOME];
	now.year = rv->blank[DX_FB_YEAR] ? 0 : (int)rv->num[DX_FB_YEAR];
	if (now.id) {
		if (!strcmp(old.link_mode, now.link_mode) && old.persons == now.persons &&
		    old.income == now.income && old.year == now.year) {
			im->res->unchanged++;
			return 0;
		}
		dx_json_field(&before, "联结方式", old.link_mode);
		dx_json_int(&before, "带动人数", old.persons);
		dx_json_field(&before, "收益金额", dx_money_format(old.income, v, sizeof(v)));
		dx_json_int(&before, "年度", old.year);
		im->res->updated++;
	} else {
		im->res->added++;
	}
	if (!(rc = dx_fund_beneficiary_put(im->st, &now))) {
		dx_json_field(&after, "项目编号", p.code);
		dx_json_field(&after, "户编号", h.hh_no);
		dx_json_field(&after, "联结方式", now.link_mode);
		dx_json_int(&after, "带动人数", now.persons);
		dx_json_field(&after, "收益金额", dx_money_format(now.income, v, sizeof(v)));
		dx_json_int(&after, "年度", now.year);
		dx_snprintf(key, sizeof(key), "%lld", (long long)now.id);
		rc = audit(im, p.county, "fund_beneficiary", key, &before, &after);
	}
	dx_buf_release(&before);
	dx_buf_release(&after);
	return rc;
}

const struct dx_imp_handler dx_imp_beneficiaries = {"beneficiaries", NULL, fund_begin,
						    beneficiary_row, dx_imp_finish_rows, dx_imp_keyed_release};

/* ---- 项目资产 ---- */
static void asset_json(const struct dx_fund_asset *a, const char *code, struct dx_buf *b)
{
	char v[32];
	dx_json_field(b, "项目编号", code);
	dx_json_field(b, "资产名称", a->name);
	dx_json_field(b, "资产类别", a->kind);
	dx_json_field(b, "金额", dx_money_format(a->value, v, sizeof(v)));
	dx_json_field(b, "权属", a->owner);
	dx_json_field(b, "管护主体", a->keeper);
	dx_json_field(b, "移交日期", a->handed_on);
	dx_json_field(b, "状态", a->status);
}

static int asset_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct dx_fund_project p;
	struct dx_fund_asset old, now;
	struct dx_buf before = DX_BUF_INIT, after = DX_BUF_INIT;
	char key[200];
	int rc, have;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	dx_snprintf(key, sizeof(key), "%s", rv->text[DX_FA_NO]);
	dx_imp_keyed_duplicate(im, key, row, DX_FA_NO);
	event_date(im, row, DX_FA_HANDED, "移交日期", rv->text[DX_FA_HANDED]);
	if (rv->num[DX_FA_VALUE] < 0)
		dx_imp_report(im, row, DX_FA_VALUE, NULL, 1, "资产金额不能为负数，请改正");
	if ((rc = project(im, rv, DX_FA_CODE, row, &p)) || !im->write || im->res->errors != errs)
		return soft(rc);
	memset(&old, 0, sizeof(old));
	rc = dx_fund_asset_get(im->st, p.county, rv->text[DX_FA_NO], &old);
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	have = !rc;
	now = old;
	now.project_id = p.id;
	dx_strlcpy(now.county, p.county, sizeof(now.county));
	dx_strlcpy(now.asset_no, rv->text[DX_FA_NO], sizeof(now.asset_no));
	dx_strlcpy(now.name, rv->text[DX_FA_NAME], sizeof(now.name));
	dx_strlcpy(now.kind, rv->text[DX_FA_KIND], sizeof(now.kind));
	now.value = rv->num[DX_FA_VALUE];
	dx_strlcpy(now.owner, rv->text[DX_FA_OWNER], sizeof(now.owner));
	SETTXT(now.keeper, DX_FA_KEEPER);
	SETTXT(now.handed_on, DX_FA_HANDED);
	SETTXT(now.status, DX_FA_STATUS);
	if (have) {
		struct dx_fund_project op = p;
		/* the old project's code, for the audit */
		if (old.project_id != p.id)
			dx_snprintf(op.code, sizeof(op.code), "#%lld", (long long)old.project_id);
		asset_json(&old, op.code, &before);
	}
	asset_json(&now, p.code, &after);
	if (have && before.len == after.len && !memcmp(before.buf, after.buf, after.len)) {
		im->res->unchanged++;
		goto out;
	}
	if ((rc = dx_fund_asset_put(im->st, &now)))
		goto out;
	if (have)
		im->res->updated++;
	else
		im->res->added++;
	rc = audit(im, p.county, "fund_asset", now.asset_no, &before, &after);
out:
	dx_buf_release(&before);
	dx_buf_release(&after);
	return rc;
}

const struct dx_imp_handler dx_imp_assets = {"assets", NULL, fund_begin, asset_row, dx_imp_finish_rows,
					     dx_imp_keyed_release};
