/*
 * import_misc.c - handlers of the one-row-per-record ledgers: 收入台账
 * (incomes), 部门预警名单 (warnings), 帮扶措施台账 (measures) and 走访记录
 * (visits).  Each row names its household by 户编号 (warnings by 身份证)
 * and is upserted by its natural key, so a re-import changes nothing:
 * income (household, year); measure (household, 措施类别, 具体措施,
 * 开始日期); visit (household, 走访日期, 走访人); warning (身份证, 部门,
 * 事项, 发生日期).  Matched warnings stay warnings here: turning them into
 * clues is the monitoring procedure's job.
 */
#include "core/dx.h"
#include "app/import_int.h"
#include "app/clue.h"
#include "app/followup.h"
#include "core/area.h"
#include "core/date.h"
#include "core/idcard.h"
#include "core/money.h"
#include "core/strbuf.h"
#include "store/ledger.h"
#include "store/procedure.h"

/* The household of 户编号 in field f, in the actor's scope; 0 or reported. */
static int household(struct dx_imp *im, const struct dx_rowval *rv, int f, long row,
		     struct dx_household *h)
{
	int rc = dx_ledger_household_by_no(im->st, rv->text[f], h);
	if (rc == DX_NOT_FOUND) {
		dx_imp_report(im, row, f, NULL, 1,
			      "户编号 \"%s\" 在库中不存在，请核对户编号或先导入户成员台账", rv->text[f]);
		return DX_NOT_FOUND;
	}
	if (rc)
		return rc;
	if (im->scope && *im->scope && !dx_area_in_scope(h->area_code, im->scope)) {
		dx_imp_report(im, row, f, NULL, 1, "户编号 \"%s\" 不在本账号的管辖范围（%s）内",
			      rv->text[f], im->scope);
		return DX_DENIED;
	}
	if (dx_imp_county_check(im, row, f, h->area_code))
		return DX_DENIED;
	if (!im->county[0])
		dx_strlcpy(im->county, h->area_code, sizeof(im->county));
	return 0;
}

/* A data error (reported) is 0 for the engine; a store failure is not. */
static int soft(int rc)
{
	return rc == DX_NOT_FOUND || rc == DX_DENIED ? 0 : rc;
}

static int audit_rec(struct dx_imp *im, const char *area, const char *entity, int64_t id,
		     struct dx_buf *before, struct dx_buf *after)
{
	char county[7], key[24];
	dx_strlcpy(county, area, sizeof(county));
	dx_snprintf(key, sizeof(key), "%lld", (long long)id);
	dx_json_close(before);
	dx_json_close(after);
	return dx_imp_audit(im, county, before->len ? "import.update" : "import.insert", entity,
			    key, before->len ? before->buf : NULL, after->buf);
}

struct seen {
	struct dx_smap keys; /* natural keys seen in this file */
};

static int seen_begin(struct dx_imp *im)
{
	struct seen *s = dx_xcalloc(1, sizeof(*s));
	dx_smap_init(&s->keys, sizeof(long));
	im->h = s;
	return 0;
}

static void seen_release(struct dx_imp *im)
{
	struct seen *s = im->h;
	if (s) {
		dx_smap_release(&s->keys);
		free(s);
	}
	im->h = NULL;
}

/* How many earlier rows of this file had the same natural key: the nth
 * row of a key is matched to the nth stored record of it. */
static int occurrence(struct dx_imp *im, const char *key)
{
	struct seen *s = im->h;
	long *n = dx_imp_put(im, &s->keys, key, NULL);
	return n ? (int)(*n)++ : 0; /* else im->fail stops the import */
}

static int duplicate(struct dx_imp *im, const char *key, long row, int f)
{
	return dx_imp_duplicate(im, &((struct seen *)im->h)->keys, key, row, f);
}

/* ---- 收入台账 ---- */
static const struct {
	int f;
	const char *name;
	size_t off;
} income_fields[] = {
	{DX_I_WAGE, "工资性收入", offsetof(struct dx_income_row, wage)},
	{DX_I_BUSINESS, "生产经营性收入", offsetof(struct dx_income_row, business)},
	{DX_I_PROPERTY, "财产性收入", offsetof(struct dx_income_row, property)},
	{DX_I_TRANSFER, "转移性收入", offsetof(struct dx_income_row, transfer)},
	{DX_I_COST, "生产经营性支出", offsetof(struct dx_income_row, business_cost)},
	{DX_I_CLAIMS, "理赔收入", offsetof(struct dx_income_row, claims)},
	{DX_I_OOP, "合规自付支出", offsetof(struct dx_income_row, oop)},
};

static int income_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct dx_household h;
	struct dx_income_row old, now;
	struct dx_buf before = DX_BUF_INIT, after = DX_BUF_INIT;
	char key[64], v[32];
	int rc, have;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	dx_snprintf(key, sizeof(key), "%s|%lld", rv->text[DX_I_HHNO], (long long)rv->num[DX_I_YEAR]);
	duplicate(im, key, row, DX_I_YEAR);
	if ((rc = household(im, rv, DX_I_HHNO, row, &h)) || !im->write || im->res->errors != errs)
		return soft(rc);
	memset(&old, 0, sizeof(old));
	if ((rc = dx_ledger_income_get(im->st, h.id, (int)rv->num[DX_I_YEAR], &old)) &&
	    rc != DX_NOT_FOUND)
		return rc;
	have = !rc;
	now = old;
	now.household_id = h.id;
	now.year = (int)rv->num[DX_I_YEAR];
	for (size_t i = 0; i < DX_ARRAY_SIZE(income_fields); i++) {
		int64_t *o = (int64_t *)((char *)&old + income_fields[i].off);
		int64_t *n = (int64_t *)((char *)&now + income_fields[i].off);
		if (rv->col[income_fields[i].f] >= 0)
			*n = rv->num[income_fields[i].f]; /* blank is 0 (templates.md §2) */
		if (have && *o == *n)
			continue;
		if (have)
			dx_json_field(&before, income_fields[i].name, dx_money_format(*o, v, sizeof(v)));
		dx_json_field(&after, income_fields[i].name, dx_money_format(*n, v, sizeof(v)));
	}
	if (have && !after.len) {
		im->res->unchanged++;
		goto out;
	}
	if ((rc = dx_store_income_put(im->st, &now)))
		goto out;
	dx_json_int(&after, "年度", now.year);
	dx_snprintf(key, sizeof(key), "%s/%d", h.hh_no, now.year);
	dx_json_close(&before);
	dx_json_close(&after);
	{
		char county[7];
		dx_strlcpy(county, h.area_code, sizeof(county));
		rc = dx_imp_audit(im, county, have ? "import.update" : "import.insert", "income", key,
				  have ? before.buf : NULL, after.buf);
	}
	if (have)
		im->res->updated++;
	else
		im->res->added++;
out:
	dx_buf_release(&before);
	dx_buf_release(&after);
	return rc;
}

const struct dx_imp_handler dx_imp_incomes = {"incomes", NULL, seen_begin, income_row,
					      dx_imp_finish_rows, seen_release};

/* ---- 帮扶措施台账 ---- */
/* The date rule of every entry path (app/clue.h dx_event_date: no event
 * after today; for measures followup.h dx_measure_dates), as an error on
 * cell f of the row.  status: the measure's, or NULL for an event date. */
static void date_rule(struct dx_imp *im, long row, int f, const char *what, const char *iso,
		      const char *status)
{
	struct dx_buf why = DX_BUF_INIT;
	char d[11];
	if (*iso && (status ? dx_measure_dates(&im->today, status, iso, &why)
			    : dx_event_date(&im->today, iso, what, d, &why)))
		dx_imp_report(im, row, f, NULL, 1, "%s", why.buf);
	dx_buf_release(&why);
}

static int measure_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct dx_household h;
	struct dx_measure now, old;
	struct dx_buf before = DX_BUF_INIT, after = DX_BUF_INIT;
	char v[32];
	int rc;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	if (rv->text[DX_M_START][0] && rv->text[DX_M_END][0] &&
	    strcmp(rv->text[DX_M_END], rv->text[DX_M_START]) < 0)
		dx_imp_report(im, row, DX_M_END, NULL, 1, "结束日期早于开始日期，请改正");
	date_rule(im, row, DX_M_START, NULL, rv->text[DX_M_START], rv->text[DX_M_STATUS]);
	if ((rc = household(im, rv, DX_M_HHNO, row, &h)) || !im->write || im->res->errors != errs)
		return soft(rc);
	memset(&now, 0, sizeof(now));
	now.household_id = h.id;
	dx_strlcpy(now.category, rv->text[DX_M_CAT], sizeof(now.category));
	dx_strlcpy(now.detail, rv->text[DX_M_DETAIL], sizeof(now.detail));
	dx_strlcpy(now.status, rv->text[DX_M_STATUS], sizeof(now.status));
	now.amount = rv->num[DX_M_AMOUNT];
	dx_strlcpy(now.start_on, rv->text[DX_M_START], sizeof(now.start_on));
	dx_strlcpy(now.end_on, rv->text[DX_M_END], sizeof(now.end_on));
	dx_strlcpy(now.cadre, rv->text[DX_M_CADRE], sizeof(now.cadre));
	{
		char key[300];
		dx_snprintf(key, sizeof(key), "%lld|%s|%s|%s", (long long)h.id, now.category,
			    now.detail, now.start_on);
		rc = dx_ledger_measure_find(im->st, &now, occurrence(im, key), &old);
	}
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	if (!rc) {
		now.id = old.id;
		if (rv->col[DX_M_AMOUNT] < 0)
			now.amount = old.amount;
		if (rv->col[DX_M_END] < 0)
			dx_strlcpy(now.end_on, old.end_on, sizeof(now.end_on));
		if (rv->col[DX_M_CADRE] < 0)
			dx_strlcpy(now.cadre, old.cadre, sizeof(now.cadre));
		if (!strcmp(now.status, old.status) && now.amount == old.amount &&
		    !strcmp(now.end_on, old.end_on) && !strcmp(now.cadre, old.cadre)) {
			im->res->unchanged++;
			return 0;
		}
		dx_json_field(&before, "状态", old.status);
		dx_json_field(&before, "金额", dx_money_format(old.amount, v, sizeof(v)));
		dx_json_field(&before, "结束日期", old.end_on);
		dx_json_field(&before, "帮扶责任人", old.cadre);
		rc = dx_ledger_measure_update(im->st, &now);
		im->res->updated++;
	} else {
		rc = dx_store_measure_insert(im->st, &now);
		im->res->added++;
	}
	if (!rc) {
		dx_json_field(&after, "户编号", h.hh_no);
		dx_json_field(&after, "措施类别", now.category);
		dx_json_field(&after, "具体措施", now.detail);
		dx_json_field(&after, "状态", now.status);
		dx_json_field(&after, "金额", dx_money_format(now.amount, v, sizeof(v)));
		dx_json_field(&after, "开始日期", now.start_on);
		dx_json_field(&after, "结束日期", now.end_on);
		dx_json_field(&after, "帮扶责任人", now.cadre);
		rc = audit_rec(im, h.area_code, "measure", now.id, &before, &after);
	}
	dx_buf_release(&before);
	dx_buf_release(&after);
	return rc;
}

const struct dx_imp_handler dx_imp_measures = {"measures", NULL, seen_begin, measure_row,
					       dx_imp_finish_rows, seen_release};

/* ---- 走访记录 ---- */
static int visit_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct dx_household h;
	struct dx_visit now, old;
	struct dx_buf before = DX_BUF_INIT, after = DX_BUF_INIT;
	int rc;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	date_rule(im, row, DX_V_DATE, "走访日期", rv->text[DX_V_DATE], NULL);
	if ((rc = household(im, rv, DX_V_HHNO, row, &h)) || !im->write || im->res->errors != errs)
		return soft(rc);
	memset(&now, 0, sizeof(now));
	now.household_id = h.id;
	dx_strlcpy(now.visited_on, rv->text[DX_V_DATE], sizeof(now.visited_on));
	dx_strlcpy(now.cadre, rv->text[DX_V_CADRE], sizeof(now.cadre));
	dx_strlcpy(now.content, rv->text[DX_V_CONTENT], sizeof(now.content));
	dx_strlcpy(now.findings, rv->text[DX_V_FINDINGS], sizeof(now.findings));
	{
		char key[200];
		dx_snprintf(key, sizeof(key), "%lld|%s|%s", (long long)h.id, now.visited_on,
			    now.cadre);
		rc = dx_ledger_visit_find(im->st, &now, occurrence(im, key), &old);
	}
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	if (!rc) {
		now.id = old.id;
		if (!strcmp(now.content, old.content) && !strcmp(now.findings, old.findings)) {
			im->res->unchanged++;
			return 0;
		}
		dx_json_field(&before, "走访内容", old.content);
		dx_json_field(&before, "发现问题", old.findings);
		rc = dx_ledger_visit_update(im->st, &now);
		im->res->updated++;
	} else {
		rc = dx_store_visit_insert(im->st, &now);
		im->res->added++;
	}
	if (!rc) {
		dx_json_field(&after, "户编号", h.hh_no);
		dx_json_field(&after, "走访日期", now.visited_on);
		dx_json_field(&after, "走访人", now.cadre);
		dx_json_field(&after, "走访内容", now.content);
		dx_json_field(&after, "发现问题", now.findings);
		rc = audit_rec(im, h.area_code, "visit", now.id, &before, &after);
	}
	dx_buf_release(&before);
	dx_buf_release(&after);
	return rc;
}

const struct dx_imp_handler dx_imp_visits = {"visits", NULL, seen_begin, visit_row, dx_imp_finish_rows,
					     seen_release};

/* ---- 部门预警名单 ---- */
struct wstate {
	struct seen seen; /* first member: seen_release frees it */
	struct dx_smap batches; /* department -> batch id */
};

static int warning_begin(struct dx_imp *im)
{
	struct wstate *w = dx_xcalloc(1, sizeof(*w));
	dx_smap_init(&w->seen.keys, sizeof(long));
	dx_smap_init(&w->batches, sizeof(int64_t));
	im->h = w;
	if (im->o->county && *im->o->county)
		dx_strlcpy(im->county, im->o->county, sizeof(im->county));
	else if (dx_ledger_single_county(im->st, im->county))
		dx_imp_report(im, 0, -1, "#file", 1,
			      "无法确定接收名单的县：库中有多个县或没有县，请用 --county 指定");
	return 0;
}

static void warning_release(struct dx_imp *im)
{
	struct wstate *w = im->h;
	if (w)
		dx_smap_release(&w->batches);
	seen_release(im);
}

static int warning_row(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	struct wstate *ws = im->h;
	struct dx_person p;
	struct dx_warning w;
	struct dx_buf before = DX_BUF_INIT, after = DX_BUF_INIT;
	char key[200], v[32];
	int rc, yes, isnew, matched;
	long errs = im->res->errors;
	if (im->row_bad)
		return 0;
	int64_t *batch;
	date_rule(im, row, DX_W_DATE, "发生日期", rv->text[DX_W_DATE], NULL);
	dx_snprintf(key, sizeof(key), "%s|%s|%s|%s", rv->text[DX_W_ID], rv->text[DX_W_DEPT],
		    rv->text[DX_W_EVENT], rv->text[DX_W_DATE]);
	duplicate(im, key, row, DX_W_ID);
	rc = rv->num[DX_W_ID] ? DX_NOT_FOUND : dx_ledger_person_by_idno(im->st, rv->text[DX_W_ID], &p);
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	matched = !rc;
	if (matched && im->o->county && *im->o->county) { /* the list's county (issue 11.16) */
		struct dx_hh_ref hh;
		if ((rc = dx_store_hh_by_id(im->st, p.household_id, &hh)))
			return rc;
		if (dx_imp_county_check(im, row, DX_W_ID, hh.area_code))
			return 0;
	}
	if (!matched) {
		const char *why = NULL;
		struct dx_idcard id;
		if (rv->num[DX_W_ID])
			dx_idcard_parse(rv->text[DX_W_ID], strlen(rv->text[DX_W_ID]), &im->today,
					&id, &why);
		im->res->unmatched++;
		dx_imp_report(im, row, DX_W_ID, NULL, 0,
			      "未匹配到库中任何人员%s%s%s（已保存为未匹配预警），请核实后反馈%s",
			      why ? "（证件号码无效: " : "", why ? why : "", why ? "）" : "",
			      rv->text[DX_W_DEPT]);
	}
	if (!im->write || im->res->errors != errs)
		return 0;
	memset(&w, 0, sizeof(w));
	dx_strlcpy(w.id_no, rv->text[DX_W_ID], sizeof(w.id_no));
	dx_strlcpy(w.name, rv->text[DX_W_NAME], sizeof(w.name));
	dx_strlcpy(w.department, rv->text[DX_W_DEPT], sizeof(w.department));
	dx_strlcpy(w.event, rv->text[DX_W_EVENT], sizeof(w.event));
	w.amount = rv->num[DX_W_AMOUNT];
	dx_strlcpy(w.occurred_on, rv->text[DX_W_DATE], sizeof(w.occurred_on));
	dx_strlcpy(w.note, rv->text[DX_W_NOTE], sizeof(w.note));
	if (matched) {
		w.person_id = p.id;
		w.household_id = p.household_id;
	}
	if ((rc = dx_ledger_warning_exists(im->st, &w, &yes)))
		return rc;
	if (yes) {
		im->res->unchanged++;
		return 0;
	}
	if (!(batch = dx_imp_put(im, &ws->batches, w.department, &isnew)))
		return im->fail;
	if (isnew) {
		char period[8];
		dx_snprintf(period, sizeof(period), "%04d-%02d", im->today.y, im->today.m);
		if (im->o->period && *im->o->period)
			dx_strlcpy(period, im->o->period, sizeof(period));
		if ((rc = dx_store_warning_batch_insert(im->st, im->county, w.department, period,
							im->o->path, batch)))
			return rc;
	}
	w.batch_id = *batch;
	if ((rc = dx_store_warning_insert(im->st, &w)))
		return rc;
	im->res->added++;
	dx_json_field(&after, "预警部门", w.department);
	dx_json_field(&after, "预警事项", w.event);
	dx_json_field(&after, "金额", dx_money_format(w.amount, v, sizeof(v)));
	dx_json_field(&after, "发生日期", w.occurred_on);
	dx_json_int(&after, "匹配人员", w.person_id);
	rc = audit_rec(im, im->county, "warning", w.id, &before, &after);
	dx_buf_release(&before);
	dx_buf_release(&after);
	return rc;
}

const struct dx_imp_handler dx_imp_warnings = {"warnings", NULL, warning_begin, warning_row,
					       dx_imp_finish_rows, warning_release};
