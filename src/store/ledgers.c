/*
 * ledgers.c - SQL of the other ledgers (store/ledgers.h): natural-key
 * upserts for the importer and the queries behind the report's figures.
 *
 * An upsert finds the row by its natural key, inserts it when there is
 * none, and otherwise rewrites it only when some column differs (the
 * UPDATE's row-value IS DISTINCT FROM), so that DX_LG_UNCHANGED really means the
 * ledger said nothing new.
 */
#include "core/dx.h"
#include "store/ledgers.h"
#include "store/store_int.h"

typedef int (*bind_fn)(struct dx_stmt *s, const void *obj);

/* Find by key (bind_key binds it), insert or rewrite (bind binds the
 * columns as ?1..?n, the update's id is ?(n+1)). */
static int put(struct dx_store *st, const char *find, const char *ins, const char *upd, int n,
	       bind_fn bind_key, bind_fn bind, const void *obj, int64_t *id, int *what)
{
	struct dx_stmt *s;
	int64_t old = 0;
	int rc;
	if (!(s = dx_q(st, find)))
		return DX_DB;
	bind_key(s, obj);
	rc = dx_step_int(s, &old);
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	if (rc == DX_NOT_FOUND) {
		if (!(s = dx_q(st, ins)))
			return DX_DB;
		bind(s, obj);
		if ((rc = dx_step_int(s, id)))
			return rc == DX_NOT_FOUND ? dx_error(DX_DB, "no id came back from the insert") : rc;
		*what = DX_LG_ADDED;
		return DX_OK;
	}
	if (!(s = dx_q(st, upd)))
		return DX_DB;
	bind(s, obj);
	dx_bind_int(s, n + 1, old);
	if ((rc = dx_step_done(s)))
		return rc;
	*id = old;
	*what = dx_changes(st) ? DX_LG_UPDATED : DX_LG_UNCHANGED;
	return DX_OK;
}

static void bind_id(struct dx_stmt *s, int i, int64_t v)
{
	if (v)
		dx_bind_int(s, i, v);
	else
		dx_bind_text(s, i, NULL);
}

/* ---- 小额信贷 ---- */
#define LOAN_COLS                                                                          \
	"county_code, area_code, household_id, person_id, id_no, credit_on, credit_amount,"  \
	" contract_no, loan_on, due_on, amount, bank, purpose, repaid, settled_on,"          \
	" overdue_days, subsidy"
#define P17 "?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17"

static int loan_key(struct dx_stmt *s, const void *obj)
{
	const struct dx_loan *l = obj;
	dx_bind_int(s, 1, l->household_id);
	dx_bind_idno(s, 2, l->id_no);
	dx_bind_text(s, 3, l->contract_no);
	dx_bind_text(s, 4, l->credit_on);
	return 0;
}

static int loan_bind(struct dx_stmt *s, const void *obj)
{
	const struct dx_loan *l = obj;
	dx_bind_text(s, 1, l->county);
	dx_bind_text(s, 2, l->area);
	dx_bind_int(s, 3, l->household_id);
	bind_id(s, 4, l->person_id);
	dx_bind_idno(s, 5, l->id_no);
	dx_bind_opt(s, 6, l->credit_on);
	dx_bind_int(s, 7, l->credit_amount);
	dx_bind_text(s, 8, l->contract_no);
	dx_bind_opt(s, 9, l->loan_on);
	dx_bind_opt(s, 10, l->due_on);
	dx_bind_int(s, 11, l->amount);
	dx_bind_text(s, 12, l->bank);
	dx_bind_text(s, 13, l->purpose);
	dx_bind_int(s, 14, l->repaid);
	dx_bind_opt(s, 15, l->settled_on);
	dx_bind_int(s, 16, l->overdue_days);
	dx_bind_int(s, 17, l->subsidy);
	return 0;
}

static const char SQL_LOAN_FIND[] =
	"SELECT id FROM loan WHERE household_id = ?1 AND id_no = ?2 AND contract_no = ?3"
	" AND (?3 <> '' OR coalesce(credit_on, '') = ?4) ORDER BY id LIMIT 1";
static const char SQL_LOAN_INS[] = "INSERT INTO loan(" LOAN_COLS ") VALUES(" P17 ")" " RETURNING id";
static const char SQL_LOAN_UPD[] = "UPDATE loan SET (" LOAN_COLS ") = (" P17 ") WHERE id = ?18"
				   " AND (" LOAN_COLS ") IS DISTINCT FROM (" P17 ")";

int dx_lg_loan_put(struct dx_store *st, struct dx_loan *l, int *what)
{
	return put(st, SQL_LOAN_FIND, SQL_LOAN_INS, SQL_LOAN_UPD, 17, loan_key, loan_bind, l,
		   &l->id, what);
}

/* ---- 救助申请 ---- */
#define APP_COLS                                                                          \
	"county_code, area_code, app_no, applied_on, applicant, id_no, person_id,"          \
	" household_id, mode, item, request, status, closed_on, result"
#define P14 "?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14"

static int app_key(struct dx_stmt *s, const void *obj)
{
	const struct dx_relief_app *a = obj;
	dx_bind_text(s, 1, a->county);
	dx_bind_text(s, 2, a->app_no);
	return 0;
}

static int app_bind(struct dx_stmt *s, const void *obj)
{
	const struct dx_relief_app *a = obj;
	dx_bind_text(s, 1, a->county);
	dx_bind_text(s, 2, a->area);
	dx_bind_text(s, 3, a->app_no);
	dx_bind_text(s, 4, a->applied_on);
	dx_bind_text(s, 5, a->applicant);
	dx_bind_idno(s, 6, a->id_no);
	bind_id(s, 7, a->person_id);
	bind_id(s, 8, a->household_id);
	dx_bind_text(s, 9, a->mode);
	dx_bind_text(s, 10, a->item);
	dx_bind_text(s, 11, a->request);
	dx_bind_text(s, 12, a->status);
	dx_bind_opt(s, 13, a->closed_on);
	dx_bind_text(s, 14, a->result);
	return 0;
}

static const char SQL_APP_FIND[] =
	"SELECT id FROM relief_application WHERE county_code = ?1 AND app_no = ?2";
static const char SQL_APP_INS[] = "INSERT INTO relief_application(" APP_COLS ") VALUES(" P14 ")" " RETURNING id";
static const char SQL_APP_UPD[] = "UPDATE relief_application SET (" APP_COLS ") = (" P14
				  ") WHERE id = ?15 AND (" APP_COLS ") IS DISTINCT FROM (" P14 ")";

int dx_lg_app_put(struct dx_store *st, struct dx_relief_app *a, int *what)
{
	return put(st, SQL_APP_FIND, SQL_APP_INS, SQL_APP_UPD, 14, app_key, app_bind, a, &a->id,
		   what);
}

static const char SQL_APP_CLUE[] =
	"SELECT coalesce(clue_id, 0) FROM relief_application WHERE id = ?1";
static const char SQL_APP_SET_CLUE[] = "UPDATE relief_application SET clue_id = ?2 WHERE id = ?1";

int dx_lg_app_clue(struct dx_store *st, int64_t app_id, int64_t *clue_id)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_APP_CLUE)))
		return DX_DB;
	dx_bind_int(s, 1, app_id);
	return dx_step_int(s, clue_id);
}

int dx_lg_app_set_clue(struct dx_store *st, int64_t app_id, int64_t clue_id)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_APP_SET_CLUE)))
		return DX_DB;
	dx_bind_int(s, 1, app_id);
	dx_bind_int(s, 2, clue_id);
	return dx_step_done(s);
}

static const char SQL_PROB_GET[] =
	"SELECT id, area_code, status, deadline, source FROM problem"
	" WHERE county_code = ?1 AND problem_no = ?2";
static const char SQL_PROB_CLOSE[] =
	"UPDATE problem SET status = '已销号', closed_on = ?2 WHERE id = ?1";

int dx_lg_problem_get(struct dx_store *st, const char *county, const char *problem_no,
		      struct dx_problem_rec *out)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_PROB_GET)))
		return DX_DB;
	dx_bind_text(s, 1, county);
	dx_bind_text(s, 2, problem_no);
	if ((rc = dx_step(s)))
		return rc;
	memset(out, 0, sizeof(*out));
	out->id = dx_col_int(s, 0);
	dx_col_copy(s, 1, out->area, sizeof(out->area));
	dx_col_copy(s, 2, out->status, sizeof(out->status));
	dx_col_copy(s, 3, out->deadline, sizeof(out->deadline));
	dx_col_copy(s, 4, out->source, sizeof(out->source));
	dx_strlcpy(out->county, county, sizeof(out->county));
	dx_strlcpy(out->problem_no, problem_no, sizeof(out->problem_no));
	return dx_step_done(s);
}

int dx_lg_problem_close(struct dx_store *st, int64_t id, const char *on)
{
	struct dx_stmt *s;
	if (!(s = dx_q(st, SQL_PROB_CLOSE)))
		return DX_DB;
	dx_bind_int(s, 1, id);
	dx_bind_text(s, 2, on);
	return dx_step_done(s);
}

static const char SQL_PROB_OPEN[] =
	"SELECT id, problem_no, area_code, deadline, source FROM problem"
	" WHERE area_code LIKE ?1 || '%' AND status = '整改中' ORDER BY id";

int dx_lg_problem_open_each(struct dx_store *st, const char *area,
			    int (*fn)(int64_t id, const char *no, const char *area,
				      const char *deadline, const char *source, void *arg),
			    void *arg)
{
	struct dx_stmt *s;
	int rc;
	if (!(s = dx_q(st, SQL_PROB_OPEN)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	while (!(rc = dx_step(s))) {
		if ((rc = fn(dx_col_int(s, 0), dx_col_text(s, 1), dx_col_text(s, 2),
			     dx_col_text(s, 3), dx_col_text(s, 4), arg))) {
			s->drv->reset(s);
			return rc;
		}
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* ---- 救助发放 ---- */
#define PAY_COLS "county_code, area_code, id_no, name, person_id, household_id, kind, month, amount"
#define P9 "?1,?2,?3,?4,?5,?6,?7,?8,?9"

static int pay_key(struct dx_stmt *s, const void *obj)
{
	const struct dx_relief_pay *p = obj;
	dx_bind_text(s, 1, p->county);
	dx_bind_idno(s, 2, p->id_no);
	dx_bind_text(s, 3, p->kind);
	dx_bind_text(s, 4, p->month);
	return 0;
}

static int pay_bind(struct dx_stmt *s, const void *obj)
{
	const struct dx_relief_pay *p = obj;
	dx_bind_text(s, 1, p->county);
	dx_bind_text(s, 2, p->area);
	dx_bind_idno(s, 3, p->id_no);
	dx_bind_text(s, 4, p->name);
	bind_id(s, 5, p->person_id);
	bind_id(s, 6, p->household_id);
	dx_bind_text(s, 7, p->kind);
	dx_bind_text(s, 8, p->month);
	dx_bind_int(s, 9, p->amount);
	return 0;
}

static const char SQL_PAY_FIND[] = "SELECT id FROM relief_payment WHERE county_code = ?1"
				   " AND id_no = ?2 AND kind = ?3 AND month = ?4";
static const char SQL_PAY_INS[] = "INSERT INTO relief_payment(" PAY_COLS ") VALUES(" P9 ")" " RETURNING id";
static const char SQL_PAY_UPD[] = "UPDATE relief_payment SET (" PAY_COLS ") = (" P9
				  ") WHERE id = ?10 AND (" PAY_COLS ") IS DISTINCT FROM (" P9 ")";

int dx_lg_pay_put(struct dx_store *st, struct dx_relief_pay *p, int *what)
{
	return put(st, SQL_PAY_FIND, SQL_PAY_INS, SQL_PAY_UPD, 9, pay_key, pay_bind, p, &p->id,
		   what);
}

/* ---- 问题整改 ---- */
#define PROB_COLS                                                                         \
	"county_code, area_code, problem_no, source, category, description, households,"    \
	" measure, unit, person, deadline, status, closed_on"
#define P13 "?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13"

static int prob_key(struct dx_stmt *s, const void *obj)
{
	const struct dx_problem_rec *p = obj;
	dx_bind_text(s, 1, p->county);
	dx_bind_text(s, 2, p->problem_no);
	return 0;
}

static int prob_bind(struct dx_stmt *s, const void *obj)
{
	const struct dx_problem_rec *p = obj;
	dx_bind_text(s, 1, p->county);
	dx_bind_text(s, 2, p->area);
	dx_bind_text(s, 3, p->problem_no);
	dx_bind_text(s, 4, p->source);
	dx_bind_text(s, 5, p->category);
	dx_bind_text(s, 6, p->description);
	dx_bind_text(s, 7, p->households);
	dx_bind_text(s, 8, p->measure);
	dx_bind_text(s, 9, p->unit);
	dx_bind_text(s, 10, p->person);
	dx_bind_text(s, 11, p->deadline);
	dx_bind_text(s, 12, p->status);
	dx_bind_opt(s, 13, p->closed_on);
	return 0;
}

static const char SQL_PROB_FIND[] =
	"SELECT id FROM problem WHERE county_code = ?1 AND problem_no = ?2";
static const char SQL_PROB_INS[] = "INSERT INTO problem(" PROB_COLS ") VALUES(" P13 ")" " RETURNING id";
static const char SQL_PROB_UPD[] = "UPDATE problem SET (" PROB_COLS ") = (" P13
				   ") WHERE id = ?14 AND (" PROB_COLS ") IS DISTINCT FROM (" P13 ")";

int dx_lg_problem_put(struct dx_store *st, struct dx_problem_rec *p, int *what)
{
	return put(st, SQL_PROB_FIND, SQL_PROB_INS, SQL_PROB_UPD, 13, prob_key, prob_bind, p,
		   &p->id, what);
}

/* ---- 培训与公益性岗位 ---- */
#define TR_COLS                                                                           \
	"county_code, area_code, id_no, name, person_id, household_id, kind, title,"        \
	" start_on, end_on, subsidy"
#define P11 "?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11"

static int tr_key(struct dx_stmt *s, const void *obj)
{
	const struct dx_training *t = obj;
	dx_bind_text(s, 1, t->county);
	dx_bind_idno(s, 2, t->id_no);
	dx_bind_text(s, 3, t->kind);
	dx_bind_text(s, 4, t->title);
	dx_bind_text(s, 5, t->start_on);
	return 0;
}

static int tr_bind(struct dx_stmt *s, const void *obj)
{
	const struct dx_training *t = obj;
	dx_bind_text(s, 1, t->county);
	dx_bind_text(s, 2, t->area);
	dx_bind_idno(s, 3, t->id_no);
	dx_bind_text(s, 4, t->name);
	bind_id(s, 5, t->person_id);
	bind_id(s, 6, t->household_id);
	dx_bind_text(s, 7, t->kind);
	dx_bind_text(s, 8, t->title);
	dx_bind_text(s, 9, t->start_on);
	dx_bind_opt(s, 10, t->end_on);
	dx_bind_int(s, 11, t->subsidy);
	return 0;
}

static const char SQL_TR_FIND[] = "SELECT id FROM training WHERE county_code = ?1 AND id_no = ?2"
				  " AND kind = ?3 AND title = ?4 AND start_on = ?5";
static const char SQL_TR_INS[] = "INSERT INTO training(" TR_COLS ") VALUES(" P11 ")" " RETURNING id";
static const char SQL_TR_UPD[] = "UPDATE training SET (" TR_COLS ") = (" P11
				 ") WHERE id = ?12 AND (" TR_COLS ") IS DISTINCT FROM (" P11 ")";

int dx_lg_training_put(struct dx_store *st, struct dx_training *t, int *what)
{
	return put(st, SQL_TR_FIND, SQL_TR_INS, SQL_TR_UPD, 11, tr_key, tr_bind, t, &t->id, what);
}

/* ---- the report's figures ----
 * Parameters: ?1 county, ?2 area prefix, ?3 from, ?4 as_of.  Columns: the
 * list's texts, then the amount (fen) last.  A household's 户主 is its
 * current head (names only: no 身份证 leaves the store here unmasked --
 * app/report_ledgers.c masks the person lists' numbers). */
#define HEAD_OF(h)                                                                         \
	"coalesce((SELECT name FROM person WHERE household_id = " h                          \
	" AND relation = '户主' ORDER BY id LIMIT 1), '')"
#define IN_AREA(t) t ".county_code = ?1 AND " t ".area_code LIKE ?2 || '%'"

/* 授信: a household's credit line in force on as_of is its latest one
 * granted on or before as_of (each loan row repeats the household's line) */
static const char SQL_F_CREDIT[] =
	"WITH c AS (SELECT l.household_id, l.credit_amount, row_number() OVER"
	" (PARTITION BY l.household_id ORDER BY l.credit_on DESC, l.id DESC) AS rn"
	" FROM loan l WHERE " IN_AREA("l") " AND l.credit_on IS NOT NULL AND l.credit_on <= ?4)"
	" SELECT h.hh_no, " HEAD_OF("h.id") ", h.area_code, c.credit_amount FROM c"
	" JOIN household h ON h.id = c.household_id WHERE c.rn = 1 AND c.credit_amount > 0"
	" ORDER BY h.area_code, h.hh_no";
/* new loans: made in the period, by household */
static const char SQL_F_LOAN_NEW[] =
	"SELECT h.hh_no, " HEAD_OF("h.id") ", h.area_code, sum(l.amount) FROM loan l"
	" JOIN household h ON h.id = l.household_id WHERE " IN_AREA("l")
	" AND l.loan_on BETWEEN ?3 AND ?4 AND l.amount > 0"
	" GROUP BY h.id, h.hh_no, h.area_code ORDER BY h.area_code, h.hh_no";
/* balance: made by as_of and not settled by then; 已还本金 is the
 * ledger's latest word (no repayment history) */
#define OUTSTANDING                                                                         \
	" l.loan_on <= ?4 AND (l.settled_on IS NULL OR l.settled_on > ?4)"                 \
	" AND l.amount - l.repaid > 0"
static const char SQL_F_LOAN_BAL[] =
	"SELECT h.hh_no, " HEAD_OF("h.id") ", h.area_code, sum(l.amount - l.repaid) FROM loan l"
	" JOIN household h ON h.id = l.household_id WHERE " IN_AREA("l") " AND" OUTSTANDING
	" GROUP BY h.id, h.hh_no, h.area_code ORDER BY h.area_code, h.hh_no";
/* overdue: outstanding past its 到期日期, or with 逾期天数 */
static const char SQL_F_LOAN_OVERDUE[] =
	"SELECT h.hh_no, " HEAD_OF("h.id") ", h.area_code, sum(l.amount - l.repaid) FROM loan l"
	" JOIN household h ON h.id = l.household_id WHERE " IN_AREA("l") " AND" OUTSTANDING
	" AND (l.due_on < ?4 OR l.overdue_days > 0)"
	" GROUP BY h.id, h.hh_no, h.area_code ORDER BY h.area_code, h.hh_no";
/* applications received in the period, with their 办理状态 on as_of: the
 * ledger's, or what the monitoring made of the clue an application
 * became (closed, or its case decided, by as_of: 已办结) -- the result
 * flowing back from the procedure */
#define APP_ROW                                                                             \
	"SELECT * FROM (SELECT a.app_no, a.applied_on, a.applicant, a.item, a.area_code,"    \
	" CASE WHEN a.status = '已办结' AND a.closed_on <= ?4 THEN '已办结'"                    \
	" WHEN cl.state = '已关闭' AND cl.closed_on <= ?4 THEN '已办结'"                        \
	" WHEN cf.closed_on <= ?4 THEN '已办结'"                                                \
	" WHEN a.status = '已办结' OR cl.id IS NOT NULL THEN '办理中' ELSE a.status END AS st," \
	" 0 FROM relief_application a LEFT JOIN clue cl ON cl.id = a.clue_id"                 \
	" LEFT JOIN case_file cf ON cf.id = cl.case_id"                                        \
	" WHERE " IN_AREA("a") " AND a.applied_on BETWEEN ?3 AND ?4) AS app"
static const char SQL_F_APP[] = APP_ROW " ORDER BY 2, 1";
static const char SQL_F_APP_CLOSED[] = APP_ROW " WHERE st = '已办结' ORDER BY 2, 1";
/* payments: months of the period, distinct persons (by 证件号码) */
#define PAY_ROWS(kind)                                                                      \
	"SELECT p.id_no, max(p.name), coalesce(max(h.hh_no), ''), max(p.area_code), '', '',"  \
	" sum(p.amount) FROM relief_payment p LEFT JOIN household h ON h.id = p.household_id" \
	" WHERE " IN_AREA("p") " AND p.kind = '" kind "'"                                      \
	" AND p.month BETWEEN substr(?3, 1, 7) AND substr(?4, 1, 7)"                           \
	" GROUP BY p.id_no ORDER BY max(p.area_code), p.id_no"
static const char SQL_F_PAY_DIBAO[] = PAY_ROWS("城乡低保");
static const char SQL_F_PAY_TEKUN[] = PAY_ROWS("特困供养");
static const char SQL_F_PAY_TEMP[] = PAY_ROWS("临时救助");
static const char SQL_F_PAY_DISAB[] = PAY_ROWS("残疾人两项补贴");
static const char SQL_F_PAY_ELDER[] = PAY_ROWS("高龄补贴");
static const char SQL_F_PAY_YULU[] = PAY_ROWS("雨露计划");
static const char SQL_F_PAY_OTHER[] = PAY_ROWS("其他");
/* problems: every one of the area, with its state on as_of (a 销号 after
 * as_of was still being rectified then) */
#define PROB_ROW                                                                            \
	"SELECT p.problem_no, p.source, p.description, p.unit, p.deadline,"                 \
	" CASE WHEN p.status = '已销号' AND p.closed_on > ?4 THEN '整改中' ELSE p.status END AS st," \
	" 0 FROM problem p WHERE " IN_AREA("p")
static const char SQL_F_PROB[] = PROB_ROW " ORDER BY p.source, p.problem_no";
static const char SQL_F_PROB_CLOSED[] =
	"SELECT * FROM (" PROB_ROW ") AS prob WHERE st = '已销号' ORDER BY 2, 1";
static const char SQL_F_PROB_OPEN[] =
	"SELECT * FROM (" PROB_ROW ") AS prob WHERE st <> '已销号' ORDER BY 2, 1";
/* training: trained in the period; a job held at some time in it */
#define TR_ROWS(cond)                                                                        \
	"SELECT t.id_no, max(t.name), coalesce(max(h.hh_no), ''), max(t.area_code),"         \
	" CAST(count(*) AS TEXT), '', 0 FROM training t"                                      \
	" LEFT JOIN household h ON h.id = t.household_id WHERE " IN_AREA("t") " AND " cond   \
	" GROUP BY t.id_no ORDER BY max(t.area_code), t.id_no"
static const char SQL_F_TR_SKILL[] =
	TR_ROWS("t.kind = '技能培训' AND t.start_on BETWEEN ?3 AND ?4");
static const char SQL_F_TR_GUIDE[] =
	TR_ROWS("t.kind = '引导性培训' AND t.start_on BETWEEN ?3 AND ?4");
static const char SQL_F_JOBS[] = TR_ROWS(
	"t.kind = '公益性岗位' AND t.start_on <= ?4 AND (t.end_on IS NULL OR t.end_on >= ?3)");

static const struct {
	const char *key, *sql;
	int ncols; /* a list of persons (relief_*, training_*, jobs) has the 身份证 first */
} figure_sql[] = {
	{"loan_credit", SQL_F_CREDIT, 3},
	{"loan_new", SQL_F_LOAN_NEW, 3},
	{"loan_balance", SQL_F_LOAN_BAL, 3},
	{"loan_overdue", SQL_F_LOAN_OVERDUE, 3},
	{"app_received", SQL_F_APP, 6},
	{"app_closed", SQL_F_APP_CLOSED, 6},
	{"relief_dibao", SQL_F_PAY_DIBAO, 6},
	{"relief_tekun", SQL_F_PAY_TEKUN, 6},
	{"relief_temp", SQL_F_PAY_TEMP, 6},
	{"relief_disab", SQL_F_PAY_DISAB, 6},
	{"relief_elderly", SQL_F_PAY_ELDER, 6},
	{"relief_yulu", SQL_F_PAY_YULU, 6},
	{"relief_other", SQL_F_PAY_OTHER, 6},
	{"problems", SQL_F_PROB, 6},
	{"problems_closed", SQL_F_PROB_CLOSED, 6},
	{"problems_open", SQL_F_PROB_OPEN, 6},
	{"training_skill", SQL_F_TR_SKILL, 6},
	{"training_guide", SQL_F_TR_GUIDE, 6},
	{"jobs", SQL_F_JOBS, 6},
};

int dx_lg_figure_rows(struct dx_store *st, const char *key, const char *area,
		      const char *from, const char *as_of,
		      int (*fn)(const struct dx_lg_row *row, void *arg), void *arg)
{
	struct dx_stmt *s;
	char county[7];
	size_t k;
	int rc;
	for (k = 0; k < DX_ARRAY_SIZE(figure_sql); k++)
		if (!strcmp(figure_sql[k].key, key))
			break;
	if (k == DX_ARRAY_SIZE(figure_sql))
		return DX_NOT_FOUND;
	if (!(s = dx_q(st, figure_sql[k].sql)))
		return DX_DB;
	dx_strlcpy(county, area, sizeof(county));
	dx_bind_text(s, 1, county);
	dx_bind_text(s, 2, area);
	dx_bind_text(s, 3, from);
	dx_bind_text(s, 4, as_of);
	while (!(rc = dx_step(s))) {
		struct dx_lg_row r;
		int n = figure_sql[k].ncols;
		memset(&r, 0, sizeof(r));
		int ids = !strncmp(key, "relief_", 7) || !strncmp(key, "training_", 9) ||
			  !strcmp(key, "jobs");
		for (int i = 0; i < DX_LG_NCOLS; i++)
			r.col[i] = i >= n ? "" : i == 0 && ids ? dx_col_idno(s, i) : dx_col_text(s, i);
		r.amount = dx_col_int(s, n);
		if ((rc = fn(&r, arg))) {
			s->drv->reset(s);
			return rc;
		}
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}

/* ---- exports: the template's columns (io/template.c), in its order ---- */
static const char SQL_X_LOANS[] =
	"SELECT h.hh_no, l.id_no, coalesce(l.credit_on, ''), nullif(l.credit_amount, 0),"
	" l.contract_no, coalesce(l.loan_on, ''), coalesce(l.due_on, ''), nullif(l.amount, 0),"
	" l.bank, l.purpose, nullif(l.repaid, 0), coalesce(l.settled_on, ''),"
	" nullif(l.overdue_days, 0), nullif(l.subsidy, 0)"
	" FROM loan l JOIN household h ON h.id = l.household_id"
	" WHERE l.area_code LIKE ?1 || '%' ORDER BY l.area_code, h.hh_no, l.id";
static const char SQL_X_APPS[] =
	"SELECT app_no, applied_on, applicant, id_no, area_code, mode, item, request, status,"
	" coalesce(closed_on, ''), result FROM relief_application"
	" WHERE area_code LIKE ?1 || '%' ORDER BY applied_on, app_no";
static const char SQL_X_RELIEF[] =
	"SELECT id_no, name, kind, month, amount FROM relief_payment"
	" WHERE area_code LIKE ?1 || '%' ORDER BY area_code, id_no, kind, month";
static const char SQL_X_PROBLEMS[] =
	"SELECT problem_no, source, category, description, area_code, households, measure, unit,"
	" person, deadline, status, coalesce(closed_on, '') FROM problem"
	" WHERE area_code LIKE ?1 || '%' ORDER BY problem_no";
static const char SQL_X_TRAINING[] =
	"SELECT id_no, name, kind, title, start_on, coalesce(end_on, ''), nullif(subsidy, 0)"
	" FROM training WHERE area_code LIKE ?1 || '%' ORDER BY area_code, id_no, start_on";

int dx_lg_export(struct dx_store *st, const char *kind, const char *area,
		 int (*fn)(const char *const *cells, int n, void *arg), void *arg)
{
	static const struct {
		const char *kind, *sql;
		int n, idcol; /* idcol: the 身份证 column (sealed in a protected store), -1 none */
	} x[] = {{"loans", SQL_X_LOANS, 14, 1},     {"applications", SQL_X_APPS, 11, 3},
		 {"relief", SQL_X_RELIEF, 5, 0},    {"problems", SQL_X_PROBLEMS, 12, -1},
		 {"training", SQL_X_TRAINING, 7, 0}};
	struct dx_stmt *s;
	size_t k;
	int rc;
	for (k = 0; k < DX_ARRAY_SIZE(x); k++)
		if (!strcmp(x[k].kind, kind))
			break;
	if (k == DX_ARRAY_SIZE(x))
		return DX_NOT_FOUND;
	if (!(s = dx_q(st, x[k].sql)))
		return DX_DB;
	dx_bind_text(s, 1, area);
	while (!(rc = dx_step(s))) {
		const char *cells[16];
		for (int i = 0; i < x[k].n; i++)
			cells[i] = i == x[k].idcol ? dx_col_idno(s, i) : dx_col_text(s, i);
		if ((rc = fn(cells, x[k].n, arg))) {
			s->drv->reset(s);
			return rc;
		}
	}
	return rc == DX_NOT_FOUND ? DX_OK : rc;
}
