/*
 * route_static.c - the web UI (web/, Vue + Vite) served from the files
 * carried inside the binary (webfiles.h, generated from web/dist at build
 * time).
 *
 * Paths are never mapped to the file system: a request names an entry of
 * the embedded table or gets 404, so `..`, encoded slashes and the like
 * cannot reach anything else.  The UI's own paths (/households/…, /report
 * …; the same list as web/src/router) answer index.html so that a reload
 * or a typed URL works; hashed assets under /assets/ are cached for a year
 * (their name changes with their content), index.html is revalidated on
 * every load.  Text files are sent gzip-compressed to clients that accept
 * it.  Vite's output has no inline script, as the CSP requires; Element
 * Plus and ECharts set styles through the CSSOM, which style-src does not
 * govern, so the CSP needs no 'unsafe-inline' (tests/browser checks that
 * no CSP violation is reported).
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "http/webfiles.h"

#include <strings.h>

static const char *mime_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
	    {".html", "text/html; charset=utf-8"},
	    {".js", "text/javascript; charset=utf-8"},
	    {".css", "text/css; charset=utf-8"},
	    {".svg", "image/svg+xml"},
	    {".json", "application/json; charset=utf-8"},
	    {".txt", "text/plain; charset=utf-8"},
	    {".png", "image/png"},
	    {".ico", "image/x-icon"},
	    {".woff2", "font/woff2"},
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < DX_ARRAY_SIZE(types); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

static const struct dx_web_file *find_file(const char *path)
{
	for (size_t i = 0; i < dx_web_nfiles; i++)
		if (!strcmp(dx_web_files[i].path, path))
			return &dx_web_files[i];
	return NULL;
}

/* 1 if q (the text after "q=") is zero: "0", "0.", "0.000". */
static int q_zero(const char *q)
{
	if (*q++ != '0')
		return 0;
	if (*q == '.')
		q += 1 + strspn(q + 1, "0");
	q += strspn(q, " \t");
	return !*q || *q == ',';
}

/* 1 if the client's Accept-Encoding lists gzip, not with q=0. */
static int accepts_gzip(struct dx_http_req *r)
{
	const char *s = dx_http_header(r, "Accept-Encoding");
	while (s && *s) {
		size_t n;
		s += strspn(s, " \t,");
		n = strcspn(s, ",;");
		if (n == 4 && !strncasecmp(s, "gzip", 4)) {
			const char *q = s + n, *end = s + strcspn(s, ",");
			const char *qq = strstr(q, "q=");
			return !(qq && qq < end && q_zero(qq + 2));
		}
		s += strcspn(s, ",");
	}
	return 0;
}

/* Answer with the file f and the Cache-Control value cache. */
static int send_file(struct dx_http_req *r, const struct dx_web_file *f, const char *cache)
{
	int gz = f->gzip && accepts_gzip(r);
	if (gz)
		dx_buf_add(&r->out, f->gzip, f->gzip_len);
	else
		dx_buf_add(&r->out, f->data, f->len);
	if (r->out.err)
		return DX_NOMEM;
	r->ctype = mime_type(f->path);
	r->cache = cache;
	if (f->gzip)
		r->encoding = gz ? "gzip" : "";
	return DX_OK;
}

int dx_route_ui(struct dx_http_req *r)
{
	const struct dx_web_file *f = find_file("/index.html");
	if (!f) /* built without web/dist: say what this server is */
		return dx_route_index(r);
	return send_file(r, f, "no-cache");
}

/* 1 if name is a plain file name: letters, digits, '.', '_', '-', not
 * starting with a dot. */
static int plain_name(const char *name)
{
	return name[0] && name[0] != '.' &&
	       strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") ==
	           strlen(name);
}

int dx_route_asset(struct dx_http_req *r)
{
	char path[96];
	const struct dx_web_file *f;
	int hashed = !strcmp(r->pattern, "/assets/{file}");
	if (hashed) {
		if (!plain_name(r->cap[0]))
			return dx_http_fail(r, DX_NOT_FOUND, "没有这个文件");
		dx_snprintf(path, sizeof(path), "/assets/%s", r->cap[0]);
	} else {
		dx_strlcpy(path, r->url, sizeof(path));
	}
	if (!(f = find_file(path)))
		return dx_http_fail(r, DX_NOT_FOUND, "没有这个文件");
	return send_file(r, f, hashed ? "public, max-age=31536000, immutable" : "public, max-age=86400");
}
