/*
 * cmd_import.c - `dixian import` (placeholder until its issue lands).
 */
#include "core/dx.h"
#include "cli/cli.h"

int cmd_import(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "dixian: 'import' is not available yet\n");
	return DX_EXIT_FAIL;
}
