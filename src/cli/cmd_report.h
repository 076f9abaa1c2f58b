/*
 * cmd_report.h - what cmd_report.c takes from cmd_report_list.c.
 */
#ifndef DX_CLI_CMD_REPORT_H
#define DX_CLI_CMD_REPORT_H

#include "app/report.h"
#include "io/outfmt.h"

/* Write figure key's rows for o as fmt (CSV or xlsx) to out (NULL =
 * stdout); nothing is left under out on failure. */
int dx_cli_report_list(struct dx_store *st, const struct dx_report_opts *o, const char *key,
		       enum dx_outfmt fmt, const char *out, struct dx_buf *why);
/* 1 if key names a figure; else print the keys there are and return 0. */
int dx_cli_report_key_known(const char *key);

#endif
