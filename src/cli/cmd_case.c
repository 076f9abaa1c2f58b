/*
 * cmd_case.c - `dixian case` (placeholder until its issue lands).
 */
#include "core/dx.h"
#include "cli/cli.h"

int cmd_case(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "dixian: 'case' is not available yet\n");
	return DX_EXIT_FAIL;
}
