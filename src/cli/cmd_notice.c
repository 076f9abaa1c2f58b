/*
 * cmd_notice.c - `dixian notice --area VILLAGE --kind 公示|公告 [--out
 * FILE.html|FILE.xlsx] [--as-of DATE] [--as ACCOUNT]`: the printable
 * village lists; HTML on stdout without --out.
 */
#include "core/dx.h"
#include "app/notice.h"
#include "cli/cli.h"
#include "core/date.h"

#include <getopt.h>

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcmp(s + a - b, suffix);
}

int cmd_notice(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},    {"area", required_argument, NULL, 'A'},
		{"kind", required_argument, NULL, 'k'},  {"out", required_argument, NULL, 'O'},
		{"as-of", required_argument, NULL, 'o'}, {"as", required_argument, NULL, 'a'},
		{0}};
	const char *db = NULL, *area = NULL, *kind = NULL, *out = NULL, *as_of = NULL, *as = NULL;
	struct dx_store *st = NULL;
	struct dx_buf why = DX_BUF_INIT, html = DX_BUF_INIT;
	struct dx_notice n;
	struct dx_actor actor;
	struct dx_date d;
	char today[11];
	int c, rc;
	memset(&n, 0, sizeof(n));
	while ((c = dx_cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'A':
			area = optarg;
			break;
		case 'k':
			kind = optarg;
			break;
		case 'O':
			out = optarg;
			break;
		case 'o':
			as_of = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		default:
			return dx_cli_usage("notice");
		}
	}
	if (optind != argc || !area || !kind)
		return dx_cli_usage("notice");
	if (out && !ends_with(out, ".html") && !ends_with(out, ".htm") && !ends_with(out, ".xlsx")) {
		fprintf(stderr, "错误: --out 应以 .html 或 .xlsx 结尾\n");
		return DX_EXIT_USAGE;
	}
	dx_date_today(&d);
	dx_date_format(&d, today);
	if (dx_cli_open(db, 0, &st))
		return DX_EXIT_FAIL;
	if ((rc = dx_actor_for(st, as, &actor, &why)))
		goto done;
	if ((rc = dx_notice_build(st, &actor, area, kind, as_of ? as_of : today, &n,
				  &why)))
		goto done;
	if (out && ends_with(out, ".xlsx")) {
		rc = dx_notice_xlsx(&n, out);
	} else if ((rc = dx_notice_html(&n, &html)) == DX_OK) {
		FILE *f = out ? fopen(out, "w") : stdout;
		if (!f) {
			dx_buf_addf(&why, "无法写入 %s", out);
			rc = DX_IO;
			goto done;
		}
		fwrite(html.buf, 1, html.len, f);
		if (out && fclose(f)) {
			dx_buf_addf(&why, "无法写入 %s", out);
			rc = DX_IO;
		}
	}
	if (!rc && out)
		printf("%s%s %zu户，已写入 %s\n", n.village, n.kind, n.n, out);
done:
	if (rc)
		fprintf(stderr, "错误: %s\n", why.len ? why.buf : dx_cli_strerror(rc));
	dx_notice_release(&n);
	dx_buf_release(&html);
	dx_buf_release(&why);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
