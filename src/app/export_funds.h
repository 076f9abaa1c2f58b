/*
 * export_funds.h - `dixian export projects|payments|assets` (issue 18):
 * the 衔接资金 ledgers of an area in their import templates.
 */
#ifndef DX_APP_EXPORT_FUNDS_H
#define DX_APP_EXPORT_FUNDS_H

#include "io/xlsx_write.h"
#include "store/store.h"

/* 1 if kind is one of the 衔接资金 ledgers this file exports. */
int dx_export_funds_kind(const char *kind);

/* Write the header and the rows of ledger kind for the projects within
 * area (every year) to w; *rows gets the data rows written. */
int dx_export_funds(struct dx_store *st, const char *kind, const char *area, struct dx_tw *w,
		    long *rows);

#endif
