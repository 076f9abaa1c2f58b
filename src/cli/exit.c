/*
 * exit.c - how a command ends: error codes in Chinese for the user, exit
 * codes for scripts, and writing a result whole (core/outfile.h).
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "core/outfile.h"

const char *dx_cli_strerror(int rc)
{
	switch (rc) {
	case DX_OK: return "成功";
	case DX_NOMEM: return "内存不足";
	case DX_INVALID: return "输入有误";
	case DX_NOT_FOUND: return "没有找到";
	case DX_EXISTS: return "已存在";
	case DX_DENIED: return "无权操作";
	case DX_IO: return "文件读写失败";
	case DX_DB: return "数据库出错";
	case DX_BUSY: return "数据库正被其他程序使用，请稍后再试";
	case DX_VERSION: return "数据库版本不受支持";
	case DX_STATE: return "当前状态下不能这样操作";
	case DX_TOOBIG: return "输入过大";
	case DX_USAGE: return "用法有误";
	case DX_KEY: return "身份证号已加密，需要正确的密钥文件（--key-file 或 DIXIAN_KEY_FILE）";
	default: return "未知错误";
	}
}

int dx_cli_exit(int rc)
{
	switch (rc) {
	case DX_OK:
		return DX_EXIT_OK;
	case DX_INVALID:
		return DX_EXIT_DATA;
	case DX_USAGE:
		return DX_EXIT_USAGE;
	default:
		return DX_EXIT_FAIL;
	}
}


/* Whole or nothing: a file is written under a temporary name and renamed
 * (core/outfile.h), so a failure leaves no half file under path. */
int dx_cli_write_buf(const char *path, const struct dx_buf *b)
{
	struct dx_outfile o;
	int rc;
	if (!path) {
		if (fwrite(b->buf, 1, b->len, stdout) == b->len)
			return DX_OK;
		fprintf(stderr, "错误: 写入标准输出失败\n");
		return DX_IO;
	}
	if (!(rc = dx_outfile_open(&o, path, 0))) {
		if (fwrite(b->buf, 1, b->len, o.f) != b->len) {
			dx_outfile_abort(&o);
			rc = DX_IO;
		} else {
			rc = dx_outfile_commit(&o);
		}
	}
	if (rc)
		fprintf(stderr, "错误: 无法写入 %s：%s\n", path, dx_outfile_why(rc));
	return rc;
}

