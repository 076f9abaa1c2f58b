/*
 * cmd_serve.c - `dixian serve`: the HTTP server (src/http/) on a store.
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "http/http.h"

#include <getopt.h>

/* Once listening: the address on stdout, where scripts wait for it. */
static void ready(void *arg, const char *url)
{
	(void)arg;
	printf("Dixian 服务已启动: %s  （Ctrl-C 停止）\n", url);
	fflush(stdout);
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {DX_CLI_OPT_DB,
	                                     {"bind", required_argument, NULL, 'b'},
	                                     {"port", required_argument, NULL, 'p'},
	                                     {"threads", required_argument, NULL, 't'},
	                                     {"tls-cert", required_argument, NULL, 'c'},
	                                     {"tls-key", required_argument, NULL, 'k'},
	                                     {"routes", no_argument, NULL, 'r'},
	                                     {"upload-max", required_argument, NULL, 'u'},
	                                     {0}};
	struct dx_http_opts o;
	struct dx_cli_common co = {0};
	struct dx_err_info err = {0};
	int rc;
	int64_t n;
	int c;
	memset(&o, 0, sizeof(o));
	o.bind = "127.0.0.1";
	o.port = 8080;
	while ((c = dx_cli_next(argc, argv, opts, &co)) != -1) {
		switch (c) {
		case 'b': o.bind = optarg; break;
		case 'p':
			if (dx_parse_i64(optarg, &n) || n < 0 || n > 65535) {
				fprintf(stderr, "错误: --port 应为 0 到 65535 的整数\n");
				return DX_EXIT_USAGE;
			}
			o.port = (int)n;
			break;
		case 't':
			if (dx_parse_i64(optarg, &n) || n < 1 || n > 64) {
				fprintf(stderr, "错误: --threads 应为 1 到 64 的整数\n");
				return DX_EXIT_USAGE;
			}
			o.threads = (int)n;
			break;
		case 'u': /* in MiB */
			if (dx_parse_i64(optarg, &n) || n < 1 || n > 4096) {
				fprintf(stderr,
				        "错误: --upload-max 应为 1 到 4096 之间的 MiB 数\n");
				return DX_EXIT_USAGE;
			}
			o.upload_max = n * 1024 * 1024;
			break;
		case 'c': o.tls_cert = optarg; break;
		case 'k': o.tls_key = optarg; break;
		case 'r': /* the routes table, for tests/http's check against openapi.json */
			for (size_t i = 0; i < dx_nroutes; i++)
				printf("%s %s%s%s\n",
				       dx_http_method_name(dx_routes[i].method),
				       dx_routes[i].pattern,
				       dx_routes[i].flags & DX_ROUTE_PUBLIC ? " public" : "",
				       (dx_routes[i].flags & DX_ROUTE_WRITE) == DX_ROUTE_WRITE
				           ? " write"
				       : dx_routes[i].flags & DX_ROUTE_CSRF ? " csrf"
				                                            : "");
			return DX_EXIT_OK;
		default: return dx_cli_usage("serve");
		}
	}
	if (optind != argc)
		return dx_cli_usage("serve");
	o.db = dx_cli_db_path(co.db);
	o.ready = ready;
	if ((rc = dx_http_serve(&o, &err)) == DX_KEY) /* sealed with another key (issue 13) */
		fprintf(stderr, "错误: 密钥不对：身份证号是用另一个密钥加密的，请用 --key-file 或 "
				"DIXIAN_KEY_FILE 给出加密时用的密钥文件\n");
	else if (rc && err.msg[0])
		fprintf(stderr, "错误: %s\n", err.msg);
	return dx_cli_exit(rc);
}
