/*
 * html.c - HTML escaping for the writers in src/io/.
 */
#include "core/dx.h"
#include "io/html.h"

void dx_html_escape(struct dx_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			dx_buf_adds(b, "&lt;");
			break;
		case '>':
			dx_buf_adds(b, "&gt;");
			break;
		case '&':
			dx_buf_adds(b, "&amp;");
			break;
		case '"':
			dx_buf_adds(b, "&quot;");
			break;
		default:
			dx_buf_addch(b, *s);
		}
	}
}
