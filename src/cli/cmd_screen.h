/*
 * cmd_screen.h - the screening list's writer (cmd_screen_out.c) that
 * cmd_screen.c drives: one row per household in text, CSV, JSON or xlsx.
 */
#ifndef DX_CLI_CMD_SCREEN_H
#define DX_CLI_CMD_SCREEN_H

#include "app/screen.h"
#include "io/xlsx_write.h"

#include <cjson/cJSON.h>

enum fmt { FMT_TEXT, FMT_CSV, FMT_JSON, FMT_XLSX };

struct out {
	enum fmt fmt;
	int whatif, all;
	long n;
	struct dx_buf line;
	FILE *f;         /* stdout, or --out for text, csv and json */
	struct dx_tw *w; /* xlsx */
	size_t off[16];  /* xlsx: the row's cells in line, each ending in NUL */
	int nf;
	cJSON *row;      /* json: the row being built */
};

/* The column heads (none for JSON). */
void dx_cli_screen_header(struct out *o);
/* One household (dx_app_screen's callback; arg is the struct out). */
int dx_cli_screen_row(const struct dx_screen_row *r, void *arg);
/* The counts after the list, as "# ..." lines on f, or as the JSON
 * document's closing "summary" object (cmd_screen_sum.c). */
void dx_cli_screen_summary(FILE *f, const struct dx_screen_opts *so,
			   const struct dx_screen_summary *s, int whatif);
void dx_cli_screen_json_summary(FILE *f, const struct dx_screen_summary *s);

#endif
