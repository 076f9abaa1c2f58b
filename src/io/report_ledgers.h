/*
 * report_ledgers.h - the report's figures from the other ledgers (issue
 * 19): 小额信贷, 救助申请, 救助发放, 问题整改, 培训与公益性岗位.  Each figure
 * is a count of rows (households, applications, persons, problems) and,
 * where it has one, an amount; app/report_ledgers.c fills them from the
 * same store query that lists the figure's rows (`report --list KEY`).
 */
#ifndef DX_IO_REPORT_LEDGERS_H
#define DX_IO_REPORT_LEDGERS_H

#include "core/dx.h"
#include "core/strbuf.h"

enum {
	DX_LGF_CREDIT, DX_LGF_LOAN_NEW, DX_LGF_LOAN_BALANCE, DX_LGF_LOAN_OVERDUE,
	DX_LGF_APP, DX_LGF_APP_CLOSED,
	DX_LGF_PAY_DIBAO, DX_LGF_PAY_TEKUN, DX_LGF_PAY_TEMP, DX_LGF_PAY_DISAB,
	DX_LGF_PAY_ELDER, DX_LGF_PAY_YULU, DX_LGF_PAY_OTHER,
	DX_LGF_PROBLEMS, DX_LGF_PROBLEMS_CLOSED, DX_LGF_PROBLEMS_OPEN,
	DX_LGF_TRAIN_SKILL, DX_LGF_TRAIN_GUIDE, DX_LGF_JOBS,
	DX_LGF_N
};

/* A figure: its key (store/ledgers.c's query, `report --list KEY`), what
 * it counts, and the heads of its list's columns (NULL-terminated; the
 * last is the amount's, in 元, when has_amount). */
struct dx_lg_figdef {
	const char *key;
	const char *label;
	const char *heads[7];
	int has_amount;
};
extern const struct dx_lg_figdef dx_lg_figdefs[DX_LGF_N];
/* The figure of key, or -1. */
int dx_lg_figure_index(const char *key);

/* 问题来源 (templates.md §13), in table order */
#define DX_LG_NSRC 6
extern const char *const dx_lg_sources[DX_LG_NSRC];

struct dx_ledger_figs {
	struct { long n; int64_t amount; } f[DX_LGF_N];
	/* problems by source: all, 已销号, 整改中, 长期跟踪 on the as-of date */
	long src[DX_LG_NSRC][4];
};

/* The paragraphs of the report, each only when its ledger has data:
 * "\n\n小额信贷：通过授信863户，授信评级额度3364万元…". */
void dx_report_ledgers_text(const struct dx_ledger_figs *g, struct dx_buf *out);
/* An amount in 万元 as the reports print it: two decimals, none when
 * whole ("2163", "1182.62", "96.61"); fen rounded half away from zero. */
void dx_lg_add_wan(struct dx_buf *b, int64_t fen);
/* The figures as a JSON object text {"loan_credit":{"count":..,"amount_fen":..},..}. */
void dx_report_ledgers_json(const struct dx_ledger_figs *g, struct dx_buf *out);

#endif
