/*
 * cmd_import_summary.c - the lines `dixian import` ends with: what was
 * read, added, updated and refused, and what to do about the errors.
 */
#include "core/dx.h"
#include "app/import.h"
#include "cli/cli.h"

int dx_cli_import_summary(const struct dx_import_opts *o, const struct dx_import_result *res,
			  const char *errors, int rc)
{
	const struct dx_import_result r = *res;
	const char *what = !strcmp(o->kind, "persons") ? "户" : "条";
	FILE *f = rc ? stderr : stdout;
	if (rc && !o->keep_valid)
		fprintf(f, "%s: %ld 行", o->path, r.rows);
	else if (!strcmp(o->kind, "persons"))
		fprintf(f, "%s%s: %ld 行，%ld 户（新增 %ld，更新 %ld，未变 %ld），成员 新增 %ld，更新 %ld，未变 %ld",
			o->dry_run ? "试导入（未保存）" : "导入", o->path, r.rows, r.units, r.added,
			r.updated, r.unchanged, r.p_added, r.p_updated, r.p_unchanged);
	else
		fprintf(f, "%s%s: %ld 行（新增 %ld，更新 %ld，未变 %ld）",
			o->dry_run ? "试导入（未保存）" : "导入", o->path, r.rows, r.added, r.updated,
			r.unchanged);
	if (o->keep_valid)
		fprintf(f, "，拒绝 %ld %s", r.rejected, what);
	if (r.unmatched)
		fprintf(f, "，未匹配 %ld 条", r.unmatched);
	fprintf(f, "；错误 %ld，警告 %ld\n", r.errors, r.warnings);
	if (r.not_shown)
		fprintf(f, "共 %ld 个问题，上面只列出前 %d 个%s\n", r.errors + r.warnings,
			DX_IMPORT_SHOW_MAX, errors ? "" : "（用 --errors 文件.xlsx 可得到标注了问题的表格）");
	if (errors && r.not_kept)
		fprintf(f, "错误报告 %s 只标注了前 %d 个问题，另有 %ld 个未标注\n", errors,
			DX_IMPORT_KEEP_MAX, r.not_kept);
	if (r.absent_households || r.absent_persons)
		fprintf(f, "不在此文件中（库中已有，已保留，未删除，请核实）: %ld 户，另有 %ld 名成员（明细见警告）\n",
			r.absent_households, r.absent_persons);
	if (r.stopped && !o->dry_run)
		fputs("已停止检查，未保存任何数据\n", stderr);
	else if (rc && !o->keep_valid && !o->dry_run)
		fprintf(stderr, "文件有错误，未保存任何数据；请改正后重新导入（或用 --keep-valid 只导入无错误的%s）\n",
			!strcmp(o->kind, "persons") ? "户" : "行");
	if (o->keep_valid && r.rejected == 0 && rc == DX_INVALID)
		rc = DX_INVALID;
	return rc;
}
