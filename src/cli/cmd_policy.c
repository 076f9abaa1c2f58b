/*
 * cmd_policy.c - `dixian policy` (placeholder until its issue lands).
 */
#include "core/dx.h"
#include "cli/cli.h"

int cmd_policy(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "dixian: 'policy' is not available yet\n");
	return DX_EXIT_FAIL;
}
