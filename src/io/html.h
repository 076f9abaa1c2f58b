/*
 * html.h - what the HTML writers (reports, 公示/公告 lists) share.
 */
#ifndef DX_IO_HTML_H
#define DX_IO_HTML_H

#include "core/strbuf.h"

/* Append s to b with <, >, & and " escaped, for element text and
 * double-quoted attribute values. */
void dx_html_escape(struct dx_buf *b, const char *s);

#endif
