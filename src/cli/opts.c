/*
 * opts.c - how every command reads its options (cli/opts.h): getopt with
 * whole option names and its errors in Chinese, date values, and the
 * shared option table (--db --as --area --year --as-of).
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "core/date.h"

/* The option word argv held, "--name" or "--name=value", up to its '='. */
static size_t opt_word(const char *el, const char **name)
{
	*name = el + 2;
	return strcspn(el + 2, "=");
}

int dx_cli_getopt(int argc, char **argv, const struct option *opts)
{
	const char *el, *name;
	size_t len;
	int c, li = -1;
	opterr = 0;
	c = getopt_long(argc, argv, ":", opts, &li);
	if (c == -1)
		return c;
	/* the element just read: the option, or its value when given apart */
	el = optind >= 2 && optarg && optarg == argv[optind - 1] ? argv[optind - 2]
								   : argv[optind - 1];
	if (c == ':') {
		fprintf(stderr, "错误: 选项 %s 需要一个值\n", el);
		return '?';
	}
	if (c == '?') {
		if (optopt && !strncmp(el, "--", 2) && strchr(el, '=')) {
			len = opt_word(el, &name);
			fprintf(stderr, "错误: 选项 --%.*s 不带值\n", (int)len, name);
			return '?';
		}
		fprintf(stderr, "错误: 没有选项 %s（选项名须写全，不接受缩写）\n", el);
		return '?';
	}
	if (li >= 0 && !strncmp(el, "--", 2)) {
		len = opt_word(el, &name);
		if (len != strlen(opts[li].name) || strncmp(name, opts[li].name, len)) {
			fprintf(stderr, "错误: 没有选项 --%.*s（选项名须写全，不接受缩写；"
					"是否要用 --%s？）\n",
				(int)len, name, opts[li].name);
			return '?';
		}
	}
	return c;
}

int dx_cli_date(const char *arg, const char *opt, char out[11])
{
	struct dx_date d;
	if (dx_date_parse(arg, strlen(arg), &d)) {
		fprintf(stderr, "错误: %s 应为日期 YYYY-MM-DD\n", opt);
		return DX_EXIT_USAGE;
	}
	dx_date_format(&d, out);
	return 0;
}

int dx_cli_next(int argc, char **argv, const struct option *opts, struct dx_cli_common *co)
{
	int64_t y;
	int c;
	for (;;) {
		switch ((c = dx_cli_getopt(argc, argv, opts))) {
		case DX_OPT_DB:
			co->db = optarg;
			break;
		case DX_OPT_AS:
			co->as = optarg;
			break;
		case DX_OPT_AREA:
			co->area = optarg;
			break;
		case DX_OPT_YEAR:
		case DX_OPT_YEAR_ANY:
			if (dx_parse_i64(optarg, &y) ||
			    ((c == DX_OPT_YEAR || y != 0) && (y < 2000 || y > 2100))) {
				fprintf(stderr, "错误: --year 应为四位年份%s\n",
					c == DX_OPT_YEAR ? "" : "（0 表示各年度通用）");
				return DX_OPT_BAD;
			}
			co->year = (int)y;
			co->has_year = 1;
			break;
		case DX_OPT_ASOF:
			if (dx_cli_date(optarg, "--as-of", co->as_of))
				return DX_OPT_BAD;
			break;
		case DX_OPT_ASOF_TEXT:
			co->as_of_text = optarg;
			break;
		default:
			return c;
		}
	}
}
