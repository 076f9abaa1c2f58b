/*
 * cmd_export.c - `dixian export` (placeholder until its issue lands).
 */
#include "core/dx.h"
#include "cli/cli.h"

int cmd_export(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "dixian: 'export' is not available yet\n");
	return DX_EXIT_FAIL;
}
