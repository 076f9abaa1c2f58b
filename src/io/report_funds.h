/*
 * report_funds.h - the 衔接资金 paragraph of the work report (issue 18) as
 * data, built by app/report_funds.c, and its renderings: text in the
 * reports' words ("争取上级财政衔接推进乡村振兴补助资金2163万元，已安排
 * 到15个乡村振兴项目上，开工项目13个，开工率86.67%…") and JSON.
 */
#ifndef DX_IO_REPORT_FUNDS_H
#define DX_IO_REPORT_FUNDS_H

#include "core/dx.h"
#include "core/strbuf.h"

/* 资金来源 in the store's order (store/funds.h): 中央, 省级, 市级, 县级, 其他 */
#define DX_RF_NSRC 5
enum { DX_RF_OPERATING, DX_RF_PUBLIC, DX_RF_HOUSEHOLD, DX_RF_NKIND }; /* 经营性, 公益性, 到户类 */

/*
 * The figures of one area, year and as-of date.  A project counts when it
 * is of the year, carried out within the area, and has 中央 or 省级 funds
 * (the money "争取上级" speaks of); every other figure is over those
 * projects.  Money is fen.
 */
struct dx_funds_figs {
	long projects, started, industry; /* started: 开工日期 on or before as_of */
	int64_t alloc[DX_RF_NSRC];          /* allocated, by source */
	int64_t industry_alloc[DX_RF_NSRC]; /* of 产业项目 */
	int64_t paid[DX_RF_NSRC];           /* paid on or before as_of */
	long hh, persons;                   /* 产业项目联农带农: registry households, members */
	long assets, kind_assets[DX_RF_NKIND];
	int64_t asset_value, kind_value[DX_RF_NKIND];
};

extern const char *const dx_rf_kind_names[DX_RF_NKIND];

/* The paragraph, or nothing when the area has no project of the year. */
void dx_report_funds_text(const struct dx_funds_figs *f, int year, const char *as_of,
			  struct dx_buf *out);
/* The figures as a JSON object (amounts in fen, rates in basis points). */
void dx_report_funds_json(const struct dx_funds_figs *f, struct dx_buf *out);
/* value in basis points of num/den rounded half away from zero; den > 0 */
int64_t dx_rf_bp(int64_t num, int64_t den);

#endif
