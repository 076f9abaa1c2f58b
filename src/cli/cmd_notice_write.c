/*
 * cmd_notice_write.c - one village's 公示/公告 list written by `dixian
 * notice`: HTML on stdout, or an .html or .xlsx file written whole or not
 * at all (core/outfile.h).
 */
#include "core/dx.h"
#include "app/ctx.h"
#include "app/notice.h"
#include "cli/cli.h"
#include "core/outfile.h"

int dx_cli_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcmp(s + a - b, suffix);
}

/* Build village code's list and write it: to path (html or xlsx by its
 * suffix), or html on stdout when path is NULL. */
int dx_cli_notice_one(struct dx_ctx *c, const char *code, const char *kind, const char *as_of,
		      const char *path, struct dx_buf *why)
{
	struct dx_notice n;
	struct dx_buf html = DX_BUF_INIT;
	int rc;
	memset(&n, 0, sizeof(n));
	if ((rc = dx_ctx_why(c, dx_notice_build(c, code, kind, as_of, &n), why)))
		goto done;
	if (path && dx_cli_ends_with(path, ".xlsx")) {
		rc = dx_notice_xlsx(&n, path);
	} else if ((rc = dx_notice_html(&n, &html)) == DX_OK) {
		/* written beside path and renamed in (issue 13.3) */
		struct dx_outfile o = {0};
		if (!path)
			fwrite(html.buf, 1, html.len, stdout);
		else if (!(rc = dx_outfile_open(&o, path, 0)))
			rc = fwrite(html.buf, 1, html.len, o.f) == html.len ? dx_outfile_commit(&o)
									    : DX_IO;
		dx_outfile_abort(&o);
	}
	if (rc && path && dx_outfile_why(rc))
		dx_buf_addf(why, "无法写入 %s：%s", path, dx_outfile_why(rc));
	if (rc == DX_IO && !why->len)
		dx_buf_addf(why, "无法写入 %s", path);
	if (!rc && path)
		printf("%s%s %zu户，已写入 %s\n", n.village, n.kind, n.n, path);
done:
	dx_notice_release(&n);
	dx_buf_release(&html);
	return rc;
}

