/*
 * cmd_overdue.c - `dixian overdue` (placeholder until its issue lands).
 */
#include "core/dx.h"
#include "cli/cli.h"

int cmd_overdue(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "dixian: 'overdue' is not available yet\n");
	return DX_EXIT_FAIL;
}
