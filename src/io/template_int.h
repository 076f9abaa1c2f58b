/*
 * template_int.h - what the template files share (template.c,
 * template_header.c, template_cell.c): the templates by index and the memo
 * of a field's last good cell that a header carries.
 */
#ifndef DX_IO_TEMPLATE_INT_H
#define DX_IO_TEMPLATE_INT_H

#include "io/template.h"

/* The templates in table order. */
size_t dx_template_count(void);
const struct dx_template *dx_template_at(size_t i);

/*
 * A field's last good cell: its bytes as the sheet gave them, and what
 * parse_cell() made of them.  Parsing is a function of the column and
 * those bytes alone (身份证 aside: it depends on the day and sets the birth
 * date, so it is never remembered), so the same bytes again can take the
 * result without being normalised, checked and looked up again.
 */
#define MEMO_RAW 48 /* longer cells are not remembered */

struct dx_cell_memo {
	size_t rawlen; /* 0: nothing remembered */
	char raw[MEMO_RAW];
	int64_t num;
	unsigned char blank;
	uint32_t hash; /* text_hash(text), for DX_COLF_HH fields */
	size_t tlen;
	char text[DX_TPL_CELL];
};

#endif
