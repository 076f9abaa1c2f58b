/*
 * list.h - a command's list (list.c): what the list commands (check,
 * measure, visit, overdue, project, report and screen lists) share.
 */
#ifndef DX_CLI_LIST_H
#define DX_CLI_LIST_H

#include "io/xlsx_write.h"

#include <stdio.h>

/*
 * A command's list (list.c): tab-separated text or CSV on stdout, or to
 * --out FILE as text, CSV or xlsx.  The format is `format` (--format, may
 * be NULL), else the file's suffix (.xlsx/.csv), else `deflt`.  open
 * prints the reason and returns an exit code on a bad choice; close
 * returns 0 or DX_IO (printed) and says where a file went.
 */
enum { DX_LIST_TEXT, DX_LIST_CSV, DX_LIST_XLSX };
struct dx_cli_list {
	int fmt;
	const char *out;
	FILE *f;
	struct dx_tw *w;
	long rows;
};
int dx_cli_list_open(struct dx_cli_list *l, const char *format, const char *out,
		     const char *deflt, const char *sheet);
void dx_cli_list_row(struct dx_cli_list *l, const char *const *cells, size_t n, int header);
int dx_cli_list_close(struct dx_cli_list *l);

#endif
