/*
 * cmd_check.c - `dixian check` (placeholder until its issue lands).
 */
#include "core/dx.h"
#include "cli/cli.h"

int cmd_check(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "dixian: 'check' is not available yet\n");
	return DX_EXIT_FAIL;
}
