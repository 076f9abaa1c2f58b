/*
 * csv_write.c - one CSV field, quoted when it must be (see csv_write.h).
 */
#include "core/dx.h"
#include "io/csv_write.h"

void dx_csv_field(struct dx_buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		dx_buf_adds(b, s);
		return;
	}
	dx_buf_addch(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			dx_buf_addch(b, '"');
		dx_buf_addch(b, *s);
	}
	dx_buf_addch(b, '"');
}
