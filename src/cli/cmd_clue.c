/*
 * cmd_clue.c - `dixian clue` (placeholder until its issue lands).
 */
#include "core/dx.h"
#include "cli/cli.h"

int cmd_clue(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "dixian: 'clue' is not available yet\n");
	return DX_EXIT_FAIL;
}
