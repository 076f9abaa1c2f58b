/*
 * notice.h - the 公示 and 公告 lists of a village (domain.md §5: never
 * 身份证号, phone, bank account or health condition).
 *
 * 公示: cases whose notice is posted (公示 passed) and not yet reviewed by
 * the township, as of a date, with the notice period.  公告: cases
 * approved (公告 passed) in the 30 days up to the date.
 */
#ifndef DX_APP_NOTICE_H
#define DX_APP_NOTICE_H

#include "app/account.h"
#include "io/notice_out.h"

/* Build the list of `kind` (公示 / 公告) for `village` (12 digits) as of
 * `as_of`; the village must be in the scope of c's actor (the lists are
 * public: the local owner sees every village).  Release out with
 * dx_notice_release().  A refusal's reason in c->err (app/ctx.h). */
struct dx_ctx;
int dx_notice_build(struct dx_ctx *c, const char *village, const char *kind, const char *as_of,
		    struct dx_notice *out);

/*
 * The villages whose lists `area` asks for: the village itself (12
 * digits), or every village of a township (9 digits) or county (6), by
 * code.  The area must lie within the scope of c's actor (the local owner: any).
 * DX_NOT_FOUND with why when the store knows no village there.  Release
 * *codes with free(); each entry is a 13-byte code.
 */
int dx_notice_villages(struct dx_ctx *c, const char *area, char (**codes)[13], size_t *n);

#endif
