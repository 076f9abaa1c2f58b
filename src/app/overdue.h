/*
 * overdue.h - clues and cases past their deadlines (domain.md §5: clue to
 * decision ≤ identify_days; §9: the system lists who is overdue).
 *
 * Three kinds of item, each held by the level that must act next:
 *   线索逾期   a clue still 待核实 after its deadline (village);
 *   整体逾期   an open case past its whole deadline (the level of its next
 *              step);
 *   公示逾期   an open case whose 公示 has not been posted although it must
 *              start by deadline − notice_days to end in time (village);
 *   整改逾期   a problem (问题整改台账) 整改中 past its 整改时限 (the level
 *              of its area; id is the problem's, kind 问题整改, pending its
 *              问题来源).
 * Days over count working days when the policy does.
 */
#ifndef DX_APP_OVERDUE_H
#define DX_APP_OVERDUE_H

#include "app/case.h"

struct dx_overdue_item {
	const char *what;     /* 线索逾期 / 整体逾期 / 公示逾期 / 整改逾期 */
	int64_t id;           /* clue or case number */
	const char *hh_no;
	const char *area_code;
	const char *kind;     /* 线索 / 识别 / 风险消除 */
	const char *pending;  /* step waiting, "" for clues */
	enum dx_level level;  /* who holds it */
	const char *deadline; /* the deadline missed */
	long days_over;       /* > 0 */
	int green;            /* 绿色通道 */
	const char *head;     /* 户主 name, "" if none recorded */
	const char *village;  /* village name ("" if unknown) */
	const char *township; /* township name ("" if unknown) */
};

/* Call fn for every overdue item under area (within the scope of c's
 * actor) as of `as_of` (ISO), clues first, then cases, by id. */
struct dx_ctx;
int dx_overdue_list(struct dx_ctx *c, const char *area, const char *as_of,
		    int (*fn)(const struct dx_overdue_item *, void *), void *arg);

/*
 * The list's columns as every front end writes them (`dixian overdue
 * --out`, GET /api/overdue?format=xlsx), so a file holds the same row
 * whoever wrote it: DX_OVERDUE_COLS heads, and the cells of it in cells
 * (pointing into it and into buf, valid while both are).  No ID or phone:
 * the list names households by 户编号 and 户主.
 */
#define DX_OVERDUE_COLS 13
extern const char *const dx_overdue_heads[DX_OVERDUE_COLS];
struct dx_overdue_buf {
	char id[24], days[24];
};
void dx_overdue_cells(const struct dx_overdue_item *it, struct dx_overdue_buf *buf,
		      const char *cells[DX_OVERDUE_COLS]);

#endif
