/*
 * demo_procedure.h - accounts, clues and cases in every state for the
 * demo county, so the procedure's lists (cases, overdue, 公示, 公告) are
 * not empty.
 */
#ifndef DX_APP_DEMO_PROCEDURE_H
#define DX_APP_DEMO_PROCEDURE_H

#include "store/store.h"

/*
 * Add to a freshly generated demo county (532399): one account per village
 * (cun<code>), township (xiang<code>) and the county (xian532399); and in
 * each township clues (open, overdue, closed) and cases of
 * both kinds at every step, approved, rejected, cancelled, 绿色通道, a
 * 风险消除回退 and a 风险再标注, dated around `today`.  Runs inside the
 * caller's transaction when one is open.  Deterministic in seed and today.
 * Households are taken among those never identified; a tiny county gets
 * fewer cases, not an error.
 */
int dx_demo_procedure(struct dx_store *st, const char *county, uint64_t seed,
		      const char *today);

#endif
