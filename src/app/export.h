/*
 * export.h - `dixian export`: a ledger out of the store in the import
 * templates (templates.md), so that exporting and importing again changes
 * nothing.
 *
 * 证件号码 and 联系电话 are masked (532326********0031, 133****0570) unless
 * `unmasked` is asked by an account allowed to see them: a county-level
 * (县) account with role 经办, and only within its scope.  Village and
 * township accounts, and 查看 accounts, may export their own area, masked.  Every unmasked export is
 * audited (action export.unmasked).  A masked file is refused by the
 * importer, so it cannot overwrite real numbers with stars.
 */
#ifndef DX_APP_EXPORT_H
#define DX_APP_EXPORT_H

#include "core/strbuf.h"
#include "store/store.h"

struct dx_export_opts {
	const char *kind; /* persons, households, incomes, measures, visits */
	const char *area; /* canonical prefix */
	const char *out;  /* NULL = stdout (CSV); *.xlsx = xlsx; else CSV */
	int unmasked;
	const char *as;   /* account name, NULL = local operator */
};

/*
 * Write the export; *rows gets the data rows written.  Refusals (unknown
 * account, no right to unmask, area outside the scope) are DX_DENIED with a
 * Chinese reason in why.
 */
int dx_export_run(struct dx_store *st, const struct dx_export_opts *o, long *rows,
		  struct dx_buf *why);

/*
 * Resolve account `name` for import or export: its scope into scope (13
 * bytes) and whether it may see unmasked numbers into *unmask: only a
 * county-level (县) account with role 经办 may.  DX_DENIED with why when
 * there is no such account.
 */
int dx_ledger_actor(struct dx_store *st, const char *name, char scope[13], int *unmask,
		    struct dx_buf *why);

#endif
