/*
 * cmd_account.c - `dixian account` (placeholder until its issue lands).
 */
#include "core/dx.h"
#include "cli/cli.h"

int cmd_account(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "dixian: 'account' is not available yet\n");
	return DX_EXIT_FAIL;
}
