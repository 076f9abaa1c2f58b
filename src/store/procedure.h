/*
 * procedure.h - the records of the monitoring procedure (issue 5): risk
 * clues (风险线索), case files (识别 / 风险消除) with their steps, the
 * episode updates a decided case makes, and the household facts the use cases in src/app/ read.
 *
 * Lists take an area prefix and return only rows of households under it:
 * the caller passes the acting account's scope (or a narrower area).
 * Text columns hold the Chinese code-table values (识别, 办理中, 公示 ...).
 */
#ifndef DX_STORE_PROCEDURE_H
#define DX_STORE_PROCEDURE_H

#include "store/store.h"

/* A household as the procedure sees it: where it is and who heads it. */
struct dx_hh_ref {
	int64_t id;
	char hh_no[32];
	char area_code[13];
	char group_name[64];
	char kind[16];
	char head[64]; /* 户主 name, "" if none recorded */
	int unsafe_housing, dropout, unsafe_water;
};
int dx_store_hh_by_no(struct dx_store *st, const char *hh_no, struct dx_hh_ref *out);
int dx_store_hh_by_id(struct dx_store *st, int64_t id, struct dx_hh_ref *out);

/* One member's fields the elimination rules read (no ID number). */
struct dx_member_brief {
	char labour[48];
	int ins_resident, ins_employee, counted;
};
int dx_store_member_briefs(struct dx_store *st, int64_t household_id,
			   int (*fn)(const struct dx_member_brief *, void *), void *arg);
/* The (household, year) income row; DX_NOT_FOUND if none. */
int dx_store_income_get(struct dx_store *st, int64_t household_id, int year,
			struct dx_income_row *out);
/* The latest year with an income row on or before `year`; 0 if none. */
int dx_store_income_last_year(struct dx_store *st, int64_t household_id, int year, int *out);
/* Measures of the household with status `status` (计划 / 已落实). */
int dx_store_measure_count(struct dx_store *st, int64_t household_id, const char *status,
			   int64_t *n);

/* ---- clues ---- */
struct dx_clue_row {
	int64_t id;
	int64_t household_id;
	char hh_no[32];     /* read only: from the household */
	char area_code[13]; /* read only */
	char source[32];    /* 农户自主申报 / 干部排查 / 部门预警 / 热线/小程序 */
	char reason[256];
	char found_on[11];
	char deadline[11];
	char state[16];     /* 待核实 / 已立案 / 已关闭 */
	char result[256];
	char closed_on[11];
	int64_t case_id;
	int64_t warning_id;
	char created_by[64];
};
int dx_store_clue_insert(struct dx_store *st, struct dx_clue_row *c);
int dx_store_clue_get(struct dx_store *st, int64_t id, struct dx_clue_row *out);
/* Write state, result, closed_on and case_id of clue c->id. */
int dx_store_clue_update(struct dx_store *st, const struct dx_clue_row *c);
/* Clues of households under `area`, with state `state` ("" = any), by id. */
int dx_store_clue_list(struct dx_store *st, const char *area, const char *state,
		       int (*fn)(const struct dx_clue_row *, void *), void *arg);

/* ---- cases ---- */
struct dx_case_row {
	int64_t id;
	int64_t household_id;
	char hh_no[32];     /* read only */
	char area_code[13]; /* read only */
	char kind[16];      /* 识别 / 风险消除 */
	char state[16];     /* 办理中 / 已通过 / 未通过 / 已撤销 */
	char opened_on[11];
	char deadline[11];
	char closed_on[11];
	char reason[256];   /* rejection or cancellation reason */
	char category[32];  /* 识别: the category decided */
	char risks[160];    /* 识别: up to 5 risk types joined with 、 */
	char elim_kind[16]; /* 风险消除: 帮扶消除 / 自然消除 */
	int green_channel;  /* 绿色通道 */
	int64_t clue_id;
	int64_t episode_id;
	char opened_by[64];
	char flag[64];      /* e.g. 帮扶消除距识别不足2个月 */
};
int dx_store_case_insert(struct dx_store *st, struct dx_case_row *c);
int dx_store_case_get(struct dx_store *st, int64_t id, struct dx_case_row *out);
/* Write state, closed_on, reason, green_channel, episode_id and flag. */
int dx_store_case_update(struct dx_store *st, const struct dx_case_row *c);
/* Cases under `area` with state `state` ("" = any), by id. */
int dx_store_case_list(struct dx_store *st, const char *area, const char *state,
		       int (*fn)(const struct dx_case_row *, void *), void *arg);
/* The id of the household's open case (办理中), 0 if none. */
int dx_store_case_open_for(struct dx_store *st, int64_t household_id, int64_t *id);

struct dx_step_row {
	int64_t id;
	int64_t case_id;
	char step[32];
	char actor[64];
	char actor_level[16];
	char done_on[11];
	char result[16]; /* 通过 / 不通过 / 撤销 */
	char note[256];
};
int dx_store_step_insert(struct dx_store *st, struct dx_step_row *s);
/* Steps of a case in the order they were recorded.  Up to `max` rows are
 * copied into out; *n is the number of rows there are. */
int dx_store_step_list(struct dx_store *st, int64_t case_id, struct dx_step_row *out,
		       size_t max, size_t *n);

/* ---- episodes ---- */
/* The household's current episode: the latest not ended by a rollback or
 * re-flag (it may be eliminated); DX_NOT_FOUND if it was never identified. */
int dx_store_episode_current(struct dx_store *st, int64_t household_id, struct dx_episode *out);
/* Every episode of the household, oldest first. */
int dx_store_episode_list(struct dx_store *st, int64_t household_id,
			  int (*fn)(const struct dx_episode *, void *), void *arg);
/* Mark episode `id` eliminated (on, kind); it must not be eliminated yet. */
int dx_store_episode_eliminate(struct dx_store *st, int64_t id, const char *on,
			       const char *kind);
/* Close episode `id` (ended_on, end_reason), kept as history. */
int dx_store_episode_end(struct dx_store *st, int64_t id, const char *on, const char *reason);
/* Link episode `id` to the case that opened it. */
int dx_store_episode_set_case(struct dx_store *st, int64_t id, int64_t case_id);

/* ---- helpers for the use cases ---- */
/* 1 inside dx_store_begin()/dx_store_txn(): a use case called from another
 * transaction (the demo generator) runs in it instead of starting one. */
int dx_store_in_txn(struct dx_store *st);
/* A department warning as a clue: its household (0 = matched nobody), a
 * reason "医保预警：...", its date and the clue already made from it (0). */
int dx_store_warning_for_clue(struct dx_store *st, int64_t id, int64_t *household_id,
			      char *what, size_t size, char occurred[11], int64_t *clue_id);
int dx_store_warning_set_clue(struct dx_store *st, int64_t id, int64_t clue_id);
/* Up to max households under area with no episode, case or clue, by id. */
int dx_store_hh_free(struct dx_store *st, const char *area, int64_t *ids, size_t max, size_t *n);
/* A department signal under area waiting for dispatch whose household is
 * free as dx_store_hh_free says (the first by id), while another under
 * area waits after it (the demo keeps one for the township's cadre to
 * dispatch); DX_NOT_FOUND if none. */
int dx_store_hh_free_warned(struct dx_store *st, const char *area, int64_t *warning_id,
			    int64_t *household_id);

#endif
