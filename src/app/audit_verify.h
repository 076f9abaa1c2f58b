/*
 * audit_verify.h - `dixian audit verify`: walk each county's audit chain
 * (store/audit.h) and name the first row that was edited, inserted or
 * deleted behind the program's back.
 */
#ifndef DX_APP_AUDIT_VERIFY_H
#define DX_APP_AUDIT_VERIFY_H

#include "core/strbuf.h"
#include "store/audit.h"

struct dx_audit_verdict {
	int64_t rows;       /* rows walked */
	int64_t unchained;  /* rows from before the chain, not yet chained */
	int counties;
	int broken;         /* 1 when a problem was found (problem says which) */
	int64_t bad_id;     /* the first problem row's id */
	char problem[512];  /* Chinese: which row and what happened */
	char county[7];     /* the last county walked ... */
	char head[DX_AUDIT_HASH_HEX]; /* ... and its chain head hash */
};

/*
 * Verify the chains of the counties under area (NULL or "" = all; else a
 * 6-digit county code or a prefix of one).  DX_OK with v filled; the
 * verdict is v->broken, not the return code (which is for errors).
 */
int dx_audit_verify(struct dx_store *st, const char *area, struct dx_audit_verdict *v,
		    struct dx_buf *why);

#endif
