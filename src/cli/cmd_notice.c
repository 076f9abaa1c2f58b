/*
 * cmd_notice.c - `dixian notice` (placeholder until its issue lands).
 */
#include "core/dx.h"
#include "cli/cli.h"

int cmd_notice(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "dixian: 'notice' is not available yet\n");
	return DX_EXIT_FAIL;
}
