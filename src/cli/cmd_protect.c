/*
 * cmd_protect.c - `dixian protect`: seal the store's ID numbers with a
 * key kept outside it (issue 13, a lost laptop; store/idprotect.c), and
 * `dixian protect --new-key 文件` to make a key file.  The key itself
 * comes from --key-file or DIXIAN_KEY_FILE, read once by main
 * (cli_key.c); it is never printed.
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "core/idseal.h"

int cmd_protect(int argc, char **argv)
{
	static const struct option opts[] = {
		DX_CLI_OPT_DB,
		{"new-key", required_argument, NULL, 'n'},
		{NULL, 0, NULL, 0},
	};
	struct dx_cli_common co = {0};
	const char *newkey = NULL;
	struct dx_store *st;
	int64_t rows = 0;
	int c, rc;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'n': newkey = optarg; break;
		default: return dx_cli_usage("protect");
		}
	}
	if (optind != argc)
		return dx_cli_usage("protect");
	if (newkey) {
		rc = dx_idsecret_new_file(newkey);
		if (rc == DX_EXISTS)
			fprintf(stderr, "错误: %s 已存在：不覆盖已有的密钥文件\n", newkey);
		else if (rc)
			fprintf(stderr, "错误: 无法写入密钥文件 %s\n", newkey);
		else
			printf("已生成密钥文件 %s（只有本账号可读）。请另行备份保管："
			       "丢失后加密的身份证号无法恢复。\n", newkey);
		return dx_cli_exit(rc);
	}
	if (!dx_idsecret_loaded()) {
		fprintf(stderr, "错误: 请用 --key-file 文件 或环境变量 DIXIAN_KEY_FILE 给出密钥文件"
				"（dixian protect --new-key 文件 可生成一个）\n");
		return DX_EXIT_USAGE;
	}
	if ((rc = dx_cli_open(co.db, 0, &st)))
		return dx_cli_exit(rc);
	rc = dx_store_protect(st, &rows);
	if (rc == DX_EXISTS)
		fprintf(stderr, "错误: 数据库 %s 的身份证号已经加密保护过了\n", dx_cli_db_path(co.db));
	else if (rc)
		fprintf(stderr, "错误: 加密身份证号失败（%s），数据库未改动\n", dx_cli_strerror(rc));
	else
		printf("已加密 %lld 个身份证号。今后读出完整身份证号、导入或按身份证号查找，"
		       "都要用 --key-file 或 DIXIAN_KEY_FILE 给出同一个密钥文件；"
		       "密钥文件请勿与数据库放在一起。\n",
		       (long long)rows);
	dx_store_close(st);
	return dx_cli_exit(rc);
}
