/*
 * import_ledgers.c - handlers of the other ledgers the reports quote
 * (issue 19; templates.md §10-14): 小额信贷 (loans), 救助申请
 * (applications), 救助发放 (relief), 问题整改台账 (problems) and 培训与公益性
 * 岗位 (training).  They run in the one import engine (import.c), so they
 * have its guarantees: Excel row numbers, one transaction, --keep-valid,
 * --errors, GB18030, and amounts in 元 or 万元 by header (io/template.c).
 *
 * Persons are matched to the registry by 身份证.  A 救助申请, 救助发放 or
 * 培训 row of a person the registry does not know is kept (counted at the
 * county, unmatched) and listed as a warning, never dropped; a loan's
 * borrower must be a member of the household it names, of an age the
 * policy allows (loan_min_age..loan_max_age), and the loan within
 * loan_max and loan_max_years (policy keys, per area and year).
 */
#include "core/dx.h"
#include "app/import_int.h"
#include "app/account.h"
#include "app/clue.h"
#include "app/ledgers.h"
#include "app/policy.h"
#include "core/area.h"
#include "core/date.h"
#include "core/money.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "store/ledger.h"
#include "store/ledgers.h"
#include "store/procedure.h"

/* im->h: the keys seen and county_known (im->county names the county
 * of rows the registry cannot place) */
static int l_begin(struct dx_imp *im)
{
	struct dx_imp_keyed *s = dx_imp_keyed_begin(im);
	if (im->o->county && *im->o->county)
		dx_strlcpy(im->county, im->o->county, sizeof(im->county));
	s->county_known = im->county[0] || !dx_ledger_single_county(im->st, im->county);
	return 0;
}

/* The event-date rule of every entry path (app/clue.h dx_event_date). */
static void event_date(struct dx_imp *im, long row, int f, const char *what, const char *iso)
{
	struct dx_buf why = DX_BUF_INIT;
	char d[11];
	if (*iso && dx_event_date(&im->today, iso, what, d, &why))
		dx_imp_report(im, row, f, NULL, 1, "%s", why.buf);
	dx_buf_release(&why);
}

/* An area code of the row (field f) the actor may write, of the import's
 * county; 0 or reported (DX_DENIED). */
static int area_ok(struct dx_imp *im, long row, int f, const char *area)
{
	if (im->scope && *im->scope && !dx_area_in_scope(area, im->scope)) {
		dx_imp_report(im, row, f, NULL, 1, "区划代码 %s 不在本账号的管辖范围（%s）内", area,
			      im->scope);
		return DX_DENIED;
	}
	if (dx_imp_county_check(im, row, f, area))
		return DX_DENIED;
	if (!im->county[0]) /* the import log's county */
		dx_strlcpy(im->county, area, sizeof(im->county));
	return 0;
}

/*
 * The registry's person with the 身份证 of field f, and the area the row
 * counts in: the person's household's village, or for a person the
 * registry does not know the import's county (a warning says so).
 * Returns 0 (*matched says which), DX_DENIED (reported) or a failure.
 */
static int person_of(struct dx_imp *im, const struct dx_rowval *rv, int f, long row,
		     struct dx_person *p, char area[13], int *matched)
{
	struct dx_imp_keyed *s = im->h;
	struct dx_hh_ref hh;
	int rc = dx_ledger_person_by_idno(im->st, rv->text[f], p);
	*matched = 0;
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	if (!rc) {
		if ((rc = dx_store_hh_by_id(im->st, p->household_id, &hh)))
			return rc;
		if ((rc = area_ok(im, row, f, hh.area_code)))
			return rc;
		dx_strlcpy(area, hh.area_code, 13);
		*matched = 1;
		return 0;
	}
	if (!s->county_known) {
		dx_imp_report(im, row, f, NULL, 1,
			      "库中未找到此证件号码的人员，且无法确定其所属县（库中有多个县），请用 --county 指定");
		return DX_DENIED;
	}
	im->res->unmatched++;
	dx_imp_report(im, row, f, NULL, 0,
		      "未匹配到库中任何人员（已按县 %s 保存为未匹配记录），请核实身份证号或先导入户成员台账",
		      im->county);
	dx_strlcpy(area, im->county, 13);
	return 0;
}

static int soft(int rc)
{
	return rc == DX_NOT_FOUND || rc == DX_DENIED ? 0 : rc;
}

/* Count the upsert's outcome and audit it (after: the record's fields as
 * JSON, 证件号码 never among them). */
static int outcome(struct dx_imp *im, int what, const char *area, const char *entity, int64_t id,
		   struct dx_buf *after)
{
	char county[7], key[24];
	int rc = 0;
	if (what == DX_LG_UNCHANGED) {
		im->res->unchanged++;
	} else {
		if (what == DX_LG_ADDED)
			im->res->added++;
		else
			im->res->updated++;
		dx_strlcpy(county, area, sizeof(county));
		dx_snprintf(key, sizeof(key), "%lld", (long long)id);
		dx_json_close(after);
		rc = dx_imp_audit(im, county, what == DX_LG_ADDED ? "import.insert" : "import.update",
				  entity, key, NULL, after->buf);
	}
	dx_buf_release(after);
	return rc;
}

/* Whole years from birth to on (both valid ISO dates: the 身份证's and
 * a parsed cell). */
static int age_on(const char *birth, const char *on)
{
	struct dx_date b, d;
	if (dx_date_parse(birth, strlen(birth), &b) || dx_date_parse(on, strlen(on), &d))
		return -1;
	return d.y - b.y - (d.m < b.m || (d.m == b.m && d.d < b.d));
}

/* ---- 小额信贷 ---- */
static int loan_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct dx_household h;
	struct dx_person p;
	struct dx_policy pol;
	struct dx_loan l;
	struct dx_buf after = DX_BUF_INIT;
	char key[200], v[32], today[11];
	const char *on;
	int rc, what;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	dx_snprintf(key, sizeof(key), "%s|%s|%s|%s", rv->text[DX_LN_HHNO], rv->text[DX_LN_ID],
		    rv->text[DX_LN_CONTRACT], rv->text[DX_LN_CONTRACT][0] ? "" : rv->text[DX_LN_CREDIT_ON]);
	dx_imp_keyed_duplicate(im, key, row, DX_LN_ID);
	event_date(im, row, DX_LN_CREDIT_ON, "授信日期", rv->text[DX_LN_CREDIT_ON]);
	event_date(im, row, DX_LN_LOAN_ON, "放款日期", rv->text[DX_LN_LOAN_ON]);
	event_date(im, row, DX_LN_SETTLED_ON, "结清日期", rv->text[DX_LN_SETTLED_ON]);
	if (rv->blank[DX_LN_CREDIT] && rv->blank[DX_LN_AMOUNT])
		dx_imp_report(im, row, DX_LN_CREDIT, NULL, 1, "授信额度和贷款金额都为空，请至少填写一项");
	if (!rv->blank[DX_LN_AMOUNT] && !rv->text[DX_LN_LOAN_ON][0])
		dx_imp_report(im, row, DX_LN_LOAN_ON, NULL, 1, "填写了贷款金额，请填写放款日期");
	if (rv->num[DX_LN_AMOUNT] < 0 || rv->num[DX_LN_CREDIT] < 0 || rv->num[DX_LN_REPAID] < 0)
		dx_imp_report(im, row, DX_LN_AMOUNT, NULL, 1, "金额不能为负数，请改正");
	if (rv->num[DX_LN_REPAID] > rv->num[DX_LN_AMOUNT])
		dx_imp_report(im, row, DX_LN_REPAID, NULL, 1, "已还本金 %s 元超过贷款金额，请核对",
			      dx_money_format(rv->num[DX_LN_REPAID], v, sizeof(v)));
	if (rv->text[DX_LN_DUE_ON][0] && rv->text[DX_LN_LOAN_ON][0] &&
	    strcmp(rv->text[DX_LN_DUE_ON], rv->text[DX_LN_LOAN_ON]) <= 0)
		dx_imp_report(im, row, DX_LN_DUE_ON, NULL, 1, "到期日期应晚于放款日期，请改正");
	if ((rc = dx_ledger_household_by_no(im->st, rv->text[DX_LN_HHNO], &h))) {
		if (rc != DX_NOT_FOUND)
			return rc;
		dx_imp_report(im, row, DX_LN_HHNO, NULL, 1,
			      "户编号 \"%s\" 在库中不存在，请核对户编号或先导入户成员台账",
			      rv->text[DX_LN_HHNO]);
		return 0;
	}
	if ((rc = area_ok(im, row, DX_LN_HHNO, h.area_code)))
		return soft(rc);
	if ((rc = dx_ledger_person_by_idno(im->st, rv->text[DX_LN_ID], &p)) && rc != DX_NOT_FOUND)
		return rc;
	if (rc || p.household_id != h.id) {
		im->res->unmatched += rc != 0;
		dx_imp_report(im, row, DX_LN_ID, NULL, 1,
			      "借款人%s不是户编号 %s 的家庭成员，请核对证件号码和户编号",
			      rc ? "（库中无此证件号码）" : "", h.hh_no);
		return 0;
	}
	/* the policy in force where and when the loan was made */
	dx_date_format(&im->today, today);
	on = rv->text[DX_LN_LOAN_ON][0] ? rv->text[DX_LN_LOAN_ON]
	     : rv->text[DX_LN_CREDIT_ON][0] ? rv->text[DX_LN_CREDIT_ON] : today;
	{
		struct dx_date d;
		if (dx_date_parse(on, strlen(on), &d))
			return dx_error(DX_INVALID, "bad loan date '%s'", on);
		rc = dx_app_policy(im->st, h.area_code, d.y, on, &pol);
	}
	if (rc)
		return rc;
	if (rv->num[DX_LN_AMOUNT] > pol.loan_max) {
		char max[32];
		dx_imp_report(im, row, DX_LN_AMOUNT, NULL, 1,
			      "贷款金额 %s 元超过上限 %s 元（政策参数 贷款上限），请核对",
			      dx_money_format(rv->num[DX_LN_AMOUNT], v, sizeof(v)),
			      dx_money_format(pol.loan_max, max, sizeof(max)));
	}
	if (rv->text[DX_LN_DUE_ON][0] && rv->text[DX_LN_LOAN_ON][0]) {
		struct dx_date d;
		char limit[11];
		dx_date_parse(rv->text[DX_LN_LOAN_ON], 10, &d);
		dx_date_add_months(&d, 12 * pol.loan_max_years);
		dx_date_format(&d, limit);
		if (strcmp(rv->text[DX_LN_DUE_ON], limit) > 0)
			dx_imp_report(im, row, DX_LN_DUE_ON, NULL, 1,
				      "贷款期限超过 %d 年（到期日期应不晚于 %s，政策参数 贷款期限），请核对",
				      pol.loan_max_years, limit);
	}
	if (p.birth[0]) {
		int age = age_on(p.birth, on);
		if (age < pol.loan_min_age || age > pol.loan_max_age)
			dx_imp_report(im, row, DX_LN_ID, NULL, 1,
				      "借款人在 %s 时 %d 岁，不在 %d 至 %d 岁之间（政策参数 借款人最低年龄、借款人最高年龄）",
				      on, age, pol.loan_min_age, pol.loan_max_age);
	}
	if (!im->write || im->res->errors != errs)
		return 0;
	memset(&l, 0, sizeof(l));
	dx_strlcpy(l.county, h.area_code, sizeof(l.county));
	dx_strlcpy(l.area, h.area_code, sizeof(l.area));
	l.household_id = h.id;
	l.person_id = p.id;
	dx_strlcpy(l.id_no, p.id_no, sizeof(l.id_no));
	dx_strlcpy(l.credit_on, rv->text[DX_LN_CREDIT_ON], sizeof(l.credit_on));
	l.credit_amount = rv->num[DX_LN_CREDIT];
	dx_strlcpy(l.contract_no, rv->text[DX_LN_CONTRACT], sizeof(l.contract_no));
	dx_strlcpy(l.loan_on, rv->text[DX_LN_LOAN_ON], sizeof(l.loan_on));
	dx_strlcpy(l.due_on, rv->text[DX_LN_DUE_ON], sizeof(l.due_on));
	l.amount = rv->num[DX_LN_AMOUNT];
	dx_strlcpy(l.bank, rv->text[DX_LN_BANK], sizeof(l.bank));
	dx_strlcpy(l.purpose, rv->text[DX_LN_PURPOSE], sizeof(l.purpose));
	l.repaid = rv->num[DX_LN_REPAID];
	dx_strlcpy(l.settled_on, rv->text[DX_LN_SETTLED_ON], sizeof(l.settled_on));
	l.overdue_days = rv->num[DX_LN_OVERDUE] > 0 ? rv->num[DX_LN_OVERDUE] : 0;
	l.subsidy = rv->num[DX_LN_SUBSIDY];
	if ((rc = dx_lg_loan_put(im->st, &l, &what)))
		return rc;
	dx_json_field(&after, "户编号", h.hh_no);
	dx_json_field(&after, "授信日期", l.credit_on);
	dx_json_field(&after, "授信额度", dx_money_format(l.credit_amount, v, sizeof(v)));
	dx_json_field(&after, "贷款合同号", l.contract_no);
	dx_json_field(&after, "放款日期", l.loan_on);
	dx_json_field(&after, "贷款金额", dx_money_format(l.amount, v, sizeof(v)));
	dx_json_field(&after, "已还本金", dx_money_format(l.repaid, v, sizeof(v)));
	dx_json_field(&after, "结清日期", l.settled_on);
	return outcome(im, what, h.area_code, "loan", l.id, &after);
}

const struct dx_imp_handler dx_imp_loans = {"loans", NULL, l_begin, loan_row, dx_imp_finish_rows,
					    dx_imp_keyed_release};

/* ---- 救助申请 ---- */
/*
 * 救助申请 as a channel into monitoring (domain.md §8, 政府救助平台): an
 * open application (受理, 办理中) of a registry household becomes a clue
 * with source 农户自主申报, found on the 申请日期 and with the procedure's
 * deadline, once (the application keeps the clue's id).  The clue's end
 * flows back: the report counts the application 已办结 when its clue is
 * closed or its case decided (store/ledgers.c).  A household with a clue
 * still to verify keeps that one: a warning says the application joins it.
 */
static int app_clue(struct dx_imp *im, const struct dx_relief_app *a, long row)
{
	struct dx_buf why = DX_BUF_INIT;
	int rc;
	if (im->o->dry_run)
		return 0;
	rc = dx_relief_app_clue(im->st, NULL, im->actor, &im->today, a, &why);
	if (rc && rc != DX_NOMEM && rc != DX_DB && rc != DX_IO && rc != DX_BUSY) {
		dx_imp_report(im, row, DX_AP_NO, NULL, 0, "申请已保存，但未生成监测线索：%s",
			      why.len ? why.buf : dx_strerror(rc));
		rc = 0;
	}
	dx_buf_release(&why);
	return rc;
}

static int app_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct dx_relief_app a;
	struct dx_person p;
	struct dx_area ar;
	struct dx_buf after = DX_BUF_INIT;
	char key[100];
	int rc, what;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	dx_snprintf(key, sizeof(key), "%.6s|%s", rv->text[DX_AP_AREA], rv->text[DX_AP_NO]);
	dx_imp_keyed_duplicate(im, key, row, DX_AP_NO);
	event_date(im, row, DX_AP_DATE, "申请日期", rv->text[DX_AP_DATE]);
	event_date(im, row, DX_AP_CLOSED_ON, "办结日期", rv->text[DX_AP_CLOSED_ON]);
	if (!strcmp(rv->text[DX_AP_STATUS], "已办结") && !rv->text[DX_AP_CLOSED_ON][0])
		dx_imp_report(im, row, DX_AP_CLOSED_ON, NULL, 1, "办理状态为已办结，请填写办结日期");
	if (rv->text[DX_AP_CLOSED_ON][0] && strcmp(rv->text[DX_AP_STATUS], "已办结"))
		dx_imp_report(im, row, DX_AP_CLOSED_ON, NULL, 1,
			      "办理状态为%s，不应有办结日期：请改办理状态为已办结或清空办结日期",
			      rv->text[DX_AP_STATUS]);
	if (rv->text[DX_AP_CLOSED_ON][0] &&
	    strcmp(rv->text[DX_AP_CLOSED_ON], rv->text[DX_AP_DATE]) < 0)
		dx_imp_report(im, row, DX_AP_CLOSED_ON, NULL, 1, "办结日期早于申请日期，请改正");
	if ((rc = dx_store_area_get(im->st, rv->text[DX_AP_AREA], &ar))) {
		if (rc != DX_NOT_FOUND)
			return rc;
		dx_imp_report(im, row, DX_AP_AREA, NULL, 1,
			      "区划代码 %s 在库中不存在，请核对或先导入该村的户成员台账",
			      rv->text[DX_AP_AREA]);
		return 0;
	}
	if ((rc = area_ok(im, row, DX_AP_AREA, rv->text[DX_AP_AREA])))
		return soft(rc);
	memset(&a, 0, sizeof(a));
	if (rv->text[DX_AP_ID][0]) {
		int matched;
		if ((rc = dx_ledger_person_by_idno(im->st, rv->text[DX_AP_ID], &p)) &&
		    rc != DX_NOT_FOUND)
			return rc;
		matched = !rc;
		if (matched) {
			a.person_id = p.id;
			a.household_id = p.household_id;
		} else {
			im->res->unmatched++;
			dx_imp_report(im, row, DX_AP_ID, NULL, 0,
				      "申请人未匹配到库中任何人员（申请已保存），请核实是否为新增对象");
		}
	}
	if (!im->write || im->res->errors != errs)
		return 0;
	dx_strlcpy(a.county, rv->text[DX_AP_AREA], sizeof(a.county));
	dx_strlcpy(a.area, rv->text[DX_AP_AREA], sizeof(a.area));
	dx_strlcpy(a.app_no, rv->text[DX_AP_NO], sizeof(a.app_no));
	dx_strlcpy(a.applied_on, rv->text[DX_AP_DATE], sizeof(a.applied_on));
	dx_strlcpy(a.applicant, rv->text[DX_AP_NAME], sizeof(a.applicant));
	dx_strlcpy(a.id_no, rv->text[DX_AP_ID], sizeof(a.id_no));
	dx_strlcpy(a.mode, rv->text[DX_AP_MODE], sizeof(a.mode));
	dx_strlcpy(a.item, rv->text[DX_AP_ITEM], sizeof(a.item));
	dx_strlcpy(a.request, rv->text[DX_AP_REQUEST], sizeof(a.request));
	dx_strlcpy(a.status, rv->text[DX_AP_STATUS], sizeof(a.status));
	dx_strlcpy(a.closed_on, rv->text[DX_AP_CLOSED_ON], sizeof(a.closed_on));
	dx_strlcpy(a.result, rv->text[DX_AP_RESULT], sizeof(a.result));
	if ((rc = dx_lg_app_put(im->st, &a, &what)))
		return rc;
	if ((rc = app_clue(im, &a, row)))
		return rc;
	dx_json_field(&after, "申请编号", a.app_no);
	dx_json_field(&after, "申请日期", a.applied_on);
	dx_json_field(&after, "申请方式", a.mode);
	dx_json_field(&after, "救助事项", a.item);
	dx_json_field(&after, "办理状态", a.status);
	dx_json_field(&after, "办结日期", a.closed_on);
	return outcome(im, what, a.area, "relief_application", a.id, &after);
}

const struct dx_imp_handler dx_imp_applications = {"applications", NULL, l_begin, app_row,
						   dx_imp_finish_rows, dx_imp_keyed_release};

/* ---- 救助发放 ---- */
static int pay_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct dx_relief_pay r;
	struct dx_person p;
	struct dx_buf after = DX_BUF_INIT;
	char key[100], area[13], v[32], month[8];
	int rc, what, matched;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	dx_strlcpy(month, rv->text[DX_RP_MONTH], sizeof(month));
	dx_snprintf(key, sizeof(key), "%s|%s|%s", rv->text[DX_RP_ID], rv->text[DX_RP_KIND], month);
	dx_imp_keyed_duplicate(im, key, row, DX_RP_MONTH);
	if (rv->num[DX_RP_AMOUNT] <= 0)
		dx_imp_report(im, row, DX_RP_AMOUNT, NULL, 1, "发放金额应大于 0，请改正");
	{
		char first[11];
		dx_snprintf(first, sizeof(first), "%s-01", month);
		event_date(im, row, DX_RP_MONTH, "发放月份", first);
	}
	if ((rc = person_of(im, rv, DX_RP_ID, row, &p, area, &matched)))
		return soft(rc);
	if (!im->write || im->res->errors != errs)
		return 0;
	memset(&r, 0, sizeof(r));
	dx_strlcpy(r.county, area, sizeof(r.county));
	dx_strlcpy(r.area, area, sizeof(r.area));
	dx_strlcpy(r.id_no, rv->text[DX_RP_ID], sizeof(r.id_no));
	dx_strlcpy(r.name, rv->text[DX_RP_NAME][0] || !matched ? rv->text[DX_RP_NAME] : p.name,
		   sizeof(r.name));
	if (matched) {
		r.person_id = p.id;
		r.household_id = p.household_id;
	}
	dx_strlcpy(r.kind, rv->text[DX_RP_KIND], sizeof(r.kind));
	dx_strlcpy(r.month, month, sizeof(r.month));
	r.amount = rv->num[DX_RP_AMOUNT];
	if ((rc = dx_lg_pay_put(im->st, &r, &what)))
		return rc;
	dx_json_int(&after, "人员", r.person_id);
	dx_json_field(&after, "救助类别", r.kind);
	dx_json_field(&after, "发放月份", r.month);
	dx_json_field(&after, "金额", dx_money_format(r.amount, v, sizeof(v)));
	return outcome(im, what, area, "relief_payment", r.id, &after);
}

const struct dx_imp_handler dx_imp_relief = {"relief", NULL, l_begin, pay_row, dx_imp_finish_rows,
					     dx_imp_keyed_release};

/* ---- 问题整改台账 ---- */
struct hhs {
	struct dx_imp *im;
	long row;
	int rc;
};

/* Each 涉及户编号 should be a registry household: a warning if not. */
static int check_hh(const char *item, size_t n, void *arg)
{
	struct hhs *x = arg;
	struct dx_household h;
	char no[64];
	int rc;
	if (!n || n >= sizeof(no))
		return 0;
	memcpy(no, item, n);
	no[n] = '\0';
	if ((rc = dx_ledger_household_by_no(x->im->st, no, &h)) == DX_NOT_FOUND)
		dx_imp_report(x->im, x->row, DX_PB_HHS, NULL, 0, "涉及户编号 \"%s\" 在库中不存在，请核对",
			      no);
	else if (rc)
		x->rc = rc;
	return 0;
}

static int problem_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct dx_problem_rec p;
	struct dx_area ar;
	struct dx_buf after = DX_BUF_INIT;
	char key[100], area[13];
	int rc, what;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	if (dx_area_canon(rv->text[DX_PB_AREA], area) < DX_AREA_COUNTY) {
		dx_imp_report(im, row, DX_PB_AREA, NULL, 1,
			      "区划代码 \"%s\" 无效（应为6位县、9位乡镇或12位村代码）",
			      rv->text[DX_PB_AREA]);
		return 0;
	}
	dx_snprintf(key, sizeof(key), "%.6s|%s", area, rv->text[DX_PB_NO]);
	dx_imp_keyed_duplicate(im, key, row, DX_PB_NO);
	if (!strcmp(rv->text[DX_PB_STATUS], "已销号") && !rv->text[DX_PB_CLOSED_ON][0])
		dx_imp_report(im, row, DX_PB_CLOSED_ON, NULL, 1, "状态为已销号的问题须填写销号日期");
	if (rv->text[DX_PB_CLOSED_ON][0] && strcmp(rv->text[DX_PB_STATUS], "已销号"))
		dx_imp_report(im, row, DX_PB_CLOSED_ON, NULL, 1,
			      "状态为%s，不应有销号日期：请改状态为已销号或清空销号日期",
			      rv->text[DX_PB_STATUS]);
	event_date(im, row, DX_PB_CLOSED_ON, "销号日期", rv->text[DX_PB_CLOSED_ON]);
	if ((rc = dx_store_area_get(im->st, area, &ar))) {
		if (rc != DX_NOT_FOUND)
			return rc;
		dx_imp_report(im, row, DX_PB_AREA, NULL, 1, "区划代码 %s 在库中不存在，请核对", area);
		return 0;
	}
	if ((rc = area_ok(im, row, DX_PB_AREA, area)))
		return soft(rc);
	{
		struct hhs x = {im, row, 0};
		dx_text_split(rv->text[DX_PB_HHS], strlen(rv->text[DX_PB_HHS]), check_hh, &x);
		if (x.rc)
			return x.rc;
	}
	if (!im->write || im->res->errors != errs)
		return 0;
	memset(&p, 0, sizeof(p));
	dx_strlcpy(p.county, area, sizeof(p.county));
	dx_strlcpy(p.area, area, sizeof(p.area));
	dx_strlcpy(p.problem_no, rv->text[DX_PB_NO], sizeof(p.problem_no));
	dx_strlcpy(p.source, rv->text[DX_PB_SOURCE], sizeof(p.source));
	dx_strlcpy(p.category, rv->text[DX_PB_CAT], sizeof(p.category));
	dx_strlcpy(p.description, rv->text[DX_PB_DESC], sizeof(p.description));
	dx_strlcpy(p.households, rv->text[DX_PB_HHS], sizeof(p.households));
	dx_strlcpy(p.measure, rv->text[DX_PB_MEASURE], sizeof(p.measure));
	dx_strlcpy(p.unit, rv->text[DX_PB_UNIT], sizeof(p.unit));
	dx_strlcpy(p.person, rv->text[DX_PB_PERSON], sizeof(p.person));
	dx_strlcpy(p.deadline, rv->text[DX_PB_DEADLINE], sizeof(p.deadline));
	dx_strlcpy(p.status, rv->text[DX_PB_STATUS], sizeof(p.status));
	dx_strlcpy(p.closed_on, rv->text[DX_PB_CLOSED_ON], sizeof(p.closed_on));
	if ((rc = dx_lg_problem_put(im->st, &p, &what)))
		return rc;
	dx_json_field(&after, "问题编号", p.problem_no);
	dx_json_field(&after, "问题来源", p.source);
	dx_json_field(&after, "责任单位", p.unit);
	dx_json_field(&after, "整改时限", p.deadline);
	dx_json_field(&after, "状态", p.status);
	dx_json_field(&after, "销号日期", p.closed_on);
	return outcome(im, what, area, "problem", p.id, &after);
}

const struct dx_imp_handler dx_imp_problems = {"problems", NULL, l_begin, problem_row, dx_imp_finish_rows,
					       dx_imp_keyed_release};

/* ---- 培训与公益性岗位 ---- */
static int training_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct dx_training t;
	struct dx_person p;
	struct dx_buf after = DX_BUF_INIT;
	char key[300], area[13];
	int rc, what, matched;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	dx_snprintf(key, sizeof(key), "%s|%s|%s|%s", rv->text[DX_TR_ID], rv->text[DX_TR_KIND],
		    rv->text[DX_TR_TITLE], rv->text[DX_TR_START]);
	dx_imp_keyed_duplicate(im, key, row, DX_TR_START);
	event_date(im, row, DX_TR_START, "开始日期", rv->text[DX_TR_START]);
	if (rv->text[DX_TR_END][0] && strcmp(rv->text[DX_TR_END], rv->text[DX_TR_START]) < 0)
		dx_imp_report(im, row, DX_TR_END, NULL, 1, "结束日期早于开始日期，请改正");
	if ((rc = person_of(im, rv, DX_TR_ID, row, &p, area, &matched)))
		return soft(rc);
	if (!im->write || im->res->errors != errs)
		return 0;
	memset(&t, 0, sizeof(t));
	dx_strlcpy(t.county, area, sizeof(t.county));
	dx_strlcpy(t.area, area, sizeof(t.area));
	dx_strlcpy(t.id_no, rv->text[DX_TR_ID], sizeof(t.id_no));
	dx_strlcpy(t.name, rv->text[DX_TR_NAME][0] || !matched ? rv->text[DX_TR_NAME] : p.name,
		   sizeof(t.name));
	if (matched) {
		t.person_id = p.id;
		t.household_id = p.household_id;
	}
	dx_strlcpy(t.kind, rv->text[DX_TR_KIND], sizeof(t.kind));
	dx_strlcpy(t.title, rv->text[DX_TR_TITLE], sizeof(t.title));
	dx_strlcpy(t.start_on, rv->text[DX_TR_START], sizeof(t.start_on));
	dx_strlcpy(t.end_on, rv->text[DX_TR_END], sizeof(t.end_on));
	t.subsidy = rv->num[DX_TR_SUBSIDY];
	if ((rc = dx_lg_training_put(im->st, &t, &what)))
		return rc;
	dx_json_int(&after, "人员", t.person_id);
	dx_json_field(&after, "类型", t.kind);
	dx_json_field(&after, "项目或岗位名称", t.title);
	dx_json_field(&after, "开始日期", t.start_on);
	dx_json_field(&after, "结束日期", t.end_on);
	return outcome(im, what, area, "training", t.id, &after);
}

const struct dx_imp_handler dx_imp_training = {"training", NULL, l_begin, training_row,
					       dx_imp_finish_rows, dx_imp_keyed_release};
