/*
 * cmd_project.h - what cmd_project.c takes from cmd_project_out.c.
 */
#ifndef DX_CLI_CMD_PROJECT_H
#define DX_CLI_CMD_PROJECT_H

#include "app/funds.h"
#include "cli/cli.h"

#define DX_CLI_PROJECT_NHEADS 10
extern const char *const dx_cli_project_heads[DX_CLI_PROJECT_NHEADS];
/* One project of the list (dx_funds_project_list's callback; arg is the
 * struct dx_cli_list). */
int dx_cli_project_row(const struct dx_funds_row *r, void *arg);
/* `--by-township`: the heads, then the townships of area ranked. */
struct dx_ctx;
int dx_cli_project_towns(struct dx_ctx *c, struct dx_cli_list *l, const char *area, int year,
			 const char *as_of);
/* `project show`: the record as text. */
void dx_cli_project_show(const struct dx_funds_record *r);

#endif
