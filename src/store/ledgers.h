/*
 * ledgers.h - the store side of the other ledgers the reports quote
 * (issue 19; templates.md §10-14): 小额信贷 (loan), 救助申请
 * (relief_application), 救助发放 (relief_payment), 问题整改 (problem) and
 * 培训与公益性岗位 (training).
 *
 * Each record is upserted by its natural key, so a re-import changes
 * nothing; dx_lg_*_put says whether it added, changed or left a row.  The
 * report's figures are queries that return the rows behind a figure
 * (dx_lg_figure_rows): a figure is their count and the sum of their
 * amounts, and its drill-down list is the same rows, so they cannot
 * disagree.
 */
#ifndef DX_STORE_LEDGERS_H
#define DX_STORE_LEDGERS_H

#include "store/store.h"

enum { DX_LG_UNCHANGED, DX_LG_ADDED, DX_LG_UPDATED };

struct dx_loan {
	int64_t id, household_id, person_id; /* person_id 0: not matched */
	char county[7], area[13];
	char id_no[19];
	char credit_on[11];
	int64_t credit_amount; /* fen */
	char contract_no[64];
	char loan_on[11], due_on[11];
	int64_t amount; /* fen */
	char bank[96], purpose[16];
	int64_t repaid;
	char settled_on[11];
	int64_t overdue_days, subsidy;
};

struct dx_relief_app {
	int64_t id, person_id, household_id; /* 0: none */
	char county[7], area[13];
	char app_no[64], applied_on[11], applicant[64], id_no[19];
	char mode[16], item[16], request[256], status[16], closed_on[11], result[256];
};

struct dx_relief_pay {
	int64_t id, person_id, household_id;
	char county[7], area[13];
	char id_no[19], name[64], kind[24], month[8];
	int64_t amount;
};

struct dx_problem_rec {
	int64_t id;
	char county[7], area[13];
	char problem_no[64], source[24], category[64], description[256];
	char households[256], measure[256], unit[96], person[64];
	char deadline[11], status[16], closed_on[11];
};

struct dx_training {
	int64_t id, person_id, household_id;
	char county[7], area[13];
	char id_no[19], name[64], kind[24], title[96], start_on[11], end_on[11];
	int64_t subsidy;
};

/* Upsert by natural key: loan (household, 证件号码, 贷款合同号, and 授信日期
 * when there is no contract); application (county, 申请编号); payment
 * (county, 证件号码, 类别, 月份); problem (county, 问题编号); training
 * (county, 证件号码, 类型, 名称, 开始日期).  Sets ->id; *what is one of
 * DX_LG_*.  A changed row is rewritten whole. */
int dx_lg_loan_put(struct dx_store *st, struct dx_loan *l, int *what);
int dx_lg_app_put(struct dx_store *st, struct dx_relief_app *a, int *what);
int dx_lg_pay_put(struct dx_store *st, struct dx_relief_pay *p, int *what);
int dx_lg_problem_put(struct dx_store *st, struct dx_problem_rec *p, int *what);
int dx_lg_training_put(struct dx_store *st, struct dx_training *t, int *what);

/* Problems 整改中 under area (prefix), by id: fn gets id, 问题编号, area,
 * 整改时限 and 问题来源 (overdue lists those past their 整改时限). */
int dx_lg_problem_open_each(struct dx_store *st, const char *area,
			    int (*fn)(int64_t id, const char *no, const char *area,
				      const char *deadline, const char *source, void *arg),
			    void *arg);

/* Problem problem_no of county: its id, area, status; DX_NOT_FOUND. */
int dx_lg_problem_get(struct dx_store *st, const char *county, const char *problem_no,
		      struct dx_problem_rec *out);
/* Set its status 已销号 and 销号日期 on. */
int dx_lg_problem_close(struct dx_store *st, int64_t id, const char *on);

/* The records of ledger kind (loans, applications, relief, problems,
 * training) under area, as the template's columns in table order (序号
 * left out): texts, "" for none, amounts as whole fen ("" when zero for
 * the optional ones).  DX_NOT_FOUND for another kind. */
int dx_lg_export(struct dx_store *st, const char *kind, const char *area,
		 int (*fn)(const char *const *cells, int n, void *arg), void *arg);

/* The clue application id became (0 = none yet), and linking one. */
int dx_lg_app_clue(struct dx_store *st, int64_t app_id, int64_t *clue_id);
int dx_lg_app_set_clue(struct dx_store *st, int64_t app_id, int64_t clue_id);

/* One row behind a figure: up to DX_LG_NCOLS texts (what the figure's
 * list shows, in the order app/report_ledgers.c heads them) and the
 * row's amount in fen (0 for a figure without one).  Valid during the
 * call only. */
#define DX_LG_NCOLS 6
struct dx_lg_row {
	const char *col[DX_LG_NCOLS];
	int64_t amount;
};

/* The rows behind figure `key` (store/ledgers.c names them) for the
 * records of county whose area is under area, over the period from..as_of
 * (both ISO dates, included).  DX_NOT_FOUND for an unknown key. */
int dx_lg_figure_rows(struct dx_store *st, const char *key, const char *area,
		      const char *from, const char *as_of,
		      int (*fn)(const struct dx_lg_row *row, void *arg), void *arg);

#endif
