/*
 * cli_key.c - the key of sealed ID numbers for every command (issue 13,
 * a lost laptop): `--key-file 文件` anywhere after the command, else
 * $DIXIAN_KEY_FILE.  Read once here, before the command runs, and kept
 * by core/idseal.c in guarded memory; the path is consumed from argv so
 * no command's own options need to know it, and no child process or
 * log ever sees the key.
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "core/idseal.h"

#include <sys/stat.h>

int dx_cli_key_file(int *argc, char **argv)
{
	const char *path = getenv("DIXIAN_KEY_FILE"), *from = "DIXIAN_KEY_FILE";
	char why[512];
	struct stat sb;
	int i, j;
	for (i = 1; i < *argc && strcmp(argv[i], "--"); i++) {
		int n = 0;
		if (!strcmp(argv[i], "--key-file")) {
			if (i + 1 >= *argc) {
				fprintf(stderr, "错误: 选项 --key-file 需要一个值\n");
				return -1;
			}
			path = argv[i + 1];
			n = 2;
		} else if (!strncmp(argv[i], "--key-file=", 11)) {
			path = argv[i] + 11;
			n = 1;
		}
		if (!n)
			continue;
		from = "--key-file";
		for (j = i; j + n < *argc; j++)
			argv[j] = argv[j + n];
		*argc -= n;
		argv[*argc] = NULL;
		i--;
	}
	if (!path || !*path)
		return 0;
	if (dx_idsecret_load(path, why, sizeof(why))) {
		fprintf(stderr, "错误: %s：%s\n", from, why);
		return -1;
	}
	if (!stat(path, &sb) && (sb.st_mode & 077))
		fprintf(stderr, "注意: 密钥文件 %s 别人也能读，请改为只有本账号可读（chmod 600）\n",
			path);
	return 0;
}
