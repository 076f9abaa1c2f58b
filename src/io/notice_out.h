/*
 * notice_out.h - the printable 公示 / 公告 lists of a village (domain.md
 * §5): A4 HTML and xlsx.  A row carries only what may be posted on a
 * village notice board: name, 村民小组, the matter, category, risk types
 * and dates.  There is deliberately no field for 身份证号, phone, bank
 * account or health: the writers cannot leak what they are never given.
 */
#ifndef DX_IO_NOTICE_OUT_H
#define DX_IO_NOTICE_OUT_H

#include "core/dx.h"
#include "core/strbuf.h"

struct dx_notice_row {
	char name[64];      /* 户主 */
	char group[64];     /* 村民小组 */
	char matter[16];    /* 纳入监测 / 风险消除 / 风险再标注 */
	char category[32];
	char risks[160];
	char elim_kind[16]; /* 风险消除: 帮扶消除 / 自然消除 */
	char from[11];      /* 公示: first day; 公告: the day announced */
	char to[11];        /* 公示: last day; "" for 公告 */
};

struct dx_notice {
	char kind[16];       /* 公示 / 公告 */
	char title[192];     /* e.g. "云华乡青山社区防止返贫致贫监测对象公示" */
	char village[96];
	char as_of[11];
	char issuer[128];    /* e.g. "青山社区村民委员会" */
	int notice_days;
	struct dx_notice_row *rows;
	size_t n, alloc;
};

/* Append a row (copied); the list grows as needed. */
void dx_notice_add(struct dx_notice *n, const struct dx_notice_row *r);
/* Free the rows; n may be reused after dx_notice_release(). */
void dx_notice_release(struct dx_notice *n);

/* The list as one printable A4 HTML page, appended to out. */
int dx_notice_html(const struct dx_notice *n, struct dx_buf *out);
/* The list as an xlsx workbook at `path` (A4, title row, header, rows). */
int dx_notice_xlsx(const struct dx_notice *n, const char *path);

#endif
