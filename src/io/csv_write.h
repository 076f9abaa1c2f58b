/*
 * csv_write.h - RFC 4180 quoting for the CSV the program writes (exports,
 * screening and check worklists).  libcsv parses; writing one field needs
 * only this.
 */
#ifndef DX_IO_CSV_WRITE_H
#define DX_IO_CSV_WRITE_H

#include "core/strbuf.h"

/* Append s to b as one CSV field: quoted, with quotes doubled, when it
 * holds a comma, a quote or a line break. */
void dx_csv_field(struct dx_buf *b, const char *s);

#endif
