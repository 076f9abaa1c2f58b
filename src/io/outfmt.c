/*
 * outfmt.c - the output format rule of outfmt.h.
 */
#include "core/dx.h"
#include "io/outfmt.h"

#include <strings.h>

static const struct {
	enum dx_outfmt f;
	const char *name;
	const char *suffix, *suffix2; /* with the dot; matched ignoring case */
} fmts[] = {
	{DX_OUT_TEXT, "text", ".txt", NULL},	{DX_OUT_CSV, "csv", ".csv", NULL},
	{DX_OUT_HTML, "html", ".html", ".htm"}, {DX_OUT_JSON, "json", ".json", NULL},
	{DX_OUT_XLSX, "xlsx", ".xlsx", NULL},
};

const char *dx_outfmt_name(enum dx_outfmt f)
{
	for (size_t i = 0; i < DX_ARRAY_SIZE(fmts); i++)
		if (fmts[i].f == f)
			return fmts[i].name;
	return "";
}

/* "text、html" and ".txt、.html": what the output takes, for messages */
static void list_allowed(struct dx_buf *why, unsigned allowed, int suffixes)
{
	int n = 0;
	for (size_t i = 0; i < DX_ARRAY_SIZE(fmts); i++)
		if (allowed & (unsigned)fmts[i].f)
			dx_buf_addf(why, "%s%s", n++ ? "、" : "",
				    suffixes ? fmts[i].suffix : fmts[i].name);
}

static const char *suffix_for(enum dx_outfmt f)
{
	for (size_t i = 0; i < DX_ARRAY_SIZE(fmts); i++)
		if (fmts[i].f == f)
			return fmts[i].suffix;
	return "";
}

/* The suffix of path's last component ("" when it has none), dot included. */
static const char *suffix_of(const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	return dot && dot != base ? dot : "";
}

int dx_outfmt_choose(const char *format, const char *path, unsigned allowed,
		     enum dx_outfmt dflt, enum dx_outfmt *out, struct dx_buf *why)
{
	enum dx_outfmt by_name = 0, by_suffix = 0;
	const char *suffix = path ? suffix_of(path) : "";
	if (format && *format) {
		for (size_t i = 0; i < DX_ARRAY_SIZE(fmts); i++)
			if (!strcmp(format, fmts[i].name))
				by_name = fmts[i].f;
		if (!(allowed & (unsigned)by_name)) {
			dx_buf_addf(why, "--format %s 无效，这里可用：", format);
			list_allowed(why, allowed, 0);
			return DX_USAGE;
		}
	}
	if (*suffix) {
		for (size_t i = 0; i < DX_ARRAY_SIZE(fmts); i++)
			if (!strcasecmp(suffix, fmts[i].suffix) ||
			    (fmts[i].suffix2 && !strcasecmp(suffix, fmts[i].suffix2)))
				by_suffix = fmts[i].f;
		if (!(allowed & (unsigned)by_suffix)) {
			dx_buf_addf(why, "文件名 %s 的后缀 %s 不是这里可写的格式，请改用后缀 ",
				    path, suffix);
			list_allowed(why, allowed, 1);
			return DX_USAGE;
		}
		if (by_name && by_name != by_suffix) {
			dx_buf_addf(why,
				    "--format %s 与文件名 %s 的后缀 %s 不符：请把后缀改为 %s，"
				    "或改用 --format %s",
				    format, path, suffix, suffix_for(by_name),
				    dx_outfmt_name(by_suffix));
			return DX_USAGE;
		}
	}
	*out = by_name ? by_name : by_suffix ? by_suffix : dflt;
	if (*out == DX_OUT_XLSX && !path) {
		dx_buf_adds(why, "xlsx 格式需要用 --out 指定文件名");
		return DX_USAGE;
	}
	return DX_OK;
}
