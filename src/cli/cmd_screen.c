/*
 * cmd_screen.c - `dixian screen` (placeholder until its issue lands).
 */
#include "core/dx.h"
#include "cli/cli.h"

int cmd_screen(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "dixian: 'screen' is not available yet\n");
	return DX_EXIT_FAIL;
}
