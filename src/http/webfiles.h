/*
 * webfiles.h - the web UI's built files (web/dist), carried inside the
 * binary.  The table is generated at build time by web/embed.sh into
 * build/gen/webfiles.c (generated, not committed); route_static.c serves
 * it.  A build without web/dist gets an empty table and the placeholder
 * page of route_index.c.
 */
#ifndef DX_HTTP_WEBFILES_H
#define DX_HTTP_WEBFILES_H

#include <stddef.h>

struct dx_web_file {
	const char *path;  /* "/index.html", "/assets/index-3f2a.js" */
	const char *data;  /* the bytes, NUL-terminated */
	size_t len;
	const char *gzip;  /* gzip -9 of the bytes for text types, or NULL */
	size_t gzip_len;
};

extern const struct dx_web_file dx_web_files[];
extern const size_t dx_web_nfiles;

#endif
