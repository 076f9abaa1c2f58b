/*
 * outfmt.h - which format an output file is written in, one rule for every
 * command that writes one (issue 11 item 10): `--format` if given, else the
 * file name's suffix, else the command's default.  A format the output
 * cannot take, a suffix that names another format than --format, or a
 * suffix that names none is refused with a Chinese reason, so a file never
 * holds one format under another's name.
 */
#ifndef DX_IO_OUTFMT_H
#define DX_IO_OUTFMT_H

#include "core/strbuf.h"

/* Formats as bits, so an output can say which it takes. */
enum dx_outfmt {
	DX_OUT_TEXT = 1,
	DX_OUT_CSV = 2,
	DX_OUT_HTML = 4,
	DX_OUT_JSON = 8,
	DX_OUT_XLSX = 16,
};

/* The format's name as --format spells it ("xlsx"). */
const char *dx_outfmt_name(enum dx_outfmt f);

/* Choose the format of an output: `format` is the --format value (NULL or
 * "" = not given), `path` the file (NULL = standard output), `allowed` the
 * formats this output takes (OR of enum dx_outfmt), `dflt` the format when
 * neither --format nor a suffix says.  A file without a suffix takes
 * --format or the default; xlsx needs a file.  Returns DX_OK with *out
 * set, or DX_USAGE with the reason in why. */
int dx_outfmt_choose(const char *format, const char *path, unsigned allowed,
		     enum dx_outfmt dflt, enum dx_outfmt *out, struct dx_buf *why);

#endif
