/*
 * funds.h - the store of 衔接资金项目 (issue 18, templates.md §6-9):
 * projects (项目库) with their allocated funds by source, payments
 * (拨付), beneficiary households (联农带农) and assets (资产), and the
 * scans the report counts them by.  All amounts are integer fen; dates
 * ISO strings, "" when not yet.
 */
#ifndef DX_STORE_FUNDS_H
#define DX_STORE_FUNDS_H

#include "store/store.h"

enum { DX_FUND_CENTRAL, DX_FUND_PROVINCIAL, DX_FUND_CITY, DX_FUND_COUNTY, DX_FUND_OTHER,
       DX_FUND_NSOURCES };
/* 中央, 省级, 市级, 县级, 其他: the 资金来源 code table */
extern const char *const dx_fund_source_names[DX_FUND_NSOURCES];
/* The index of a 资金来源 name, or -1. */
int dx_fund_source_index(const char *name);

struct dx_fund_project {
	int64_t id;
	char county[7];
	char code[64];
	char name[256];
	int year;
	char area_code[13];
	char type[32];
	int industry;
	char unit[128], dept[128];
	int64_t funds[DX_FUND_NSOURCES]; /* allocated, by source */
	/* 村申报, 乡镇审核, 部门论证, 县审定; 计划开工, 开工, 完工, 验收 */
	char applied_on[11], reviewed_on[11], assessed_on[11], approved_on[11];
	char plan_start_on[11], started_on[11], completed_on[11], accepted_on[11];
	char link_modes[128];
	char goal[256];
	char status[16];
};

struct dx_fund_payment {
	int64_t id, project_id;
	char county[7];
	char paid_on[11];
	char source[16];
	int64_t amount;
	char voucher[64];
};

struct dx_fund_beneficiary {
	int64_t id, project_id, household_id;
	char county[7];
	char link_mode[16];
	int persons; /* 带动人数 as typed, -1 blank: never what reports count */
	int64_t income;
	int year;    /* 0 blank */
};

struct dx_fund_asset {
	int64_t id, project_id;
	char county[7];
	char asset_no[64];
	char name[256];
	char kind[16];
	int64_t value;
	char owner[16];
	char keeper[128];
	char handed_on[11];
	char status[16];
};

/* The project of a county by 项目编号; DX_NOT_FOUND if none. */
int dx_fund_project_get(struct dx_store *st, const char *county, const char *code,
			struct dx_fund_project *out);
/* Insert (p->id == 0, which then sets it) or update a project. */
int dx_fund_project_put(struct dx_store *st, struct dx_fund_project *p);

/* The nth (0-based) stored payment with the key fields of key (project,
 * date, source, 凭证号); DX_NOT_FOUND if fewer. */
int dx_fund_payment_find(struct dx_store *st, const struct dx_fund_payment *key, int nth,
			 struct dx_fund_payment *out);
int dx_fund_payment_put(struct dx_store *st, struct dx_fund_payment *y);

int dx_fund_beneficiary_get(struct dx_store *st, int64_t project_id, int64_t household_id,
			    struct dx_fund_beneficiary *out);
int dx_fund_beneficiary_put(struct dx_store *st, struct dx_fund_beneficiary *b);

int dx_fund_asset_get(struct dx_store *st, const char *county, const char *asset_no,
		      struct dx_fund_asset *out);
int dx_fund_asset_put(struct dx_store *st, struct dx_fund_asset *a);

/* Every project of `year` carried out within area (a code prefix: 6, 9 or
 * 12 digits), in 项目编号 order; year 0 = every year. */
int dx_fund_projects_each(struct dx_store *st, const char *area, int year,
			  int (*fn)(const struct dx_fund_project *, void *), void *arg);

/* The payments to the projects of dx_fund_projects_each(area, year) made
 * on or before as_of ("" = all), by date. */
int dx_fund_payments_each(struct dx_store *st, const char *area, int year, const char *as_of,
			  int (*fn)(const struct dx_fund_payment *, void *), void *arg);

/* A beneficiary household of those projects, with what the registry says
 * of it: its number, 户主, area and registered members. */
struct dx_fund_hh {
	int64_t project_id, household_id;
	const char *hh_no, *head_name, *area_code, *link_mode;
	long persons;
};
int dx_fund_beneficiaries_each(struct dx_store *st, const char *area, int year,
			       int (*fn)(const struct dx_fund_hh *, void *), void *arg);

/* The 项目库 steps of project code of county as audited (action
 * project.step), oldest first: when, by whom and the audit's after JSON
 * (步骤, 日期, 状态, 说明). */
int dx_fund_project_history(struct dx_store *st, const char *county, const char *code,
			    int (*fn)(const char *at, const char *actor, const char *after,
				      void *arg),
			    void *arg);

/* The assets of those projects, by 资产编号. */
int dx_fund_assets_each(struct dx_store *st, const char *area, int year,
			int (*fn)(const struct dx_fund_asset *, void *), void *arg);

#endif
