/*
 * cmd_policy.h - the options of `dixian policy` and its show (cmd_policy_show.c).
 */
#ifndef DX_CLI_CMD_POLICY_H
#define DX_CLI_CMD_POLICY_H

#include <stdint.h>

struct dx_cli_popts {
	const char *db, *area, *from, *as;
	int64_t year;
	int has_year;
	char canon[13], from_iso[11];
};

int dx_cli_policy_show(const struct dx_cli_popts *o);

#endif
