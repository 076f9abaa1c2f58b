/*
 * cmd_screen_sum.c - the counts `dixian screen` writes after its list: as
 * "# ..." lines (text, and beside a CSV or xlsx file on stderr), or as the
 * JSON document's "summary" object, which closes it.
 */
#include "core/dx.h"
#include "cli/cli.h"
#include "cli/cmd_screen.h"

void dx_cli_screen_summary(FILE *f, const struct dx_screen_opts *so, const struct dx_screen_summary *s,
		    int whatif)
{
	fprintf(f, "# 筛查 %s %d年：共 %ld 户，筛查 %ld 户", so->area, so->year, s->households,
		s->screened);
	if (s->skipped)
		fprintf(f, "（已是监测对象未消除风险的 %ld 户未列入，加 --all 可列入）", s->skipped);
	fprintf(f, "；建议脱贫不稳定户 %ld 户，边缘易致贫户 %ld 户，突发严重困难户 %ld 户，"
		   "仅有提示 %ld 户\n",
		s->cat[DX_CAT_UNSTABLE], s->cat[DX_CAT_EDGE], s->cat[DX_CAT_SUDDEN], s->flagged);
	if (whatif)
		fprintf(f, "# 假设情形：脱贫不稳定户 %ld 户，边缘易致贫户 %ld 户，突发严重困难户 %ld "
			   "户；新纳入 %ld 户，移出 %ld 户，类别变化 %ld 户\n",
			s->alt_cat[DX_CAT_UNSTABLE], s->alt_cat[DX_CAT_EDGE],
			s->alt_cat[DX_CAT_SUDDEN], s->whatif_in, s->whatif_out, s->whatif_changed);
}


void dx_cli_screen_json_summary(FILE *f, const struct dx_screen_summary *s)
{
	fprintf(f, "\n],\"summary\":{\"households\":%ld,\"skipped_monitored\":%ld,"
		   "\"screened\":%ld,\"listed\":%ld,\"脱贫不稳定户\":%ld,\"边缘易致贫户\":%ld,"
		   "\"突发严重困难户\":%ld,\"flagged_only\":%ld,\"whatif_in\":%ld,"
		   "\"whatif_out\":%ld,\"whatif_changed\":%ld}}\n",
		s->households, s->skipped, s->screened, s->listed, s->cat[DX_CAT_UNSTABLE],
		s->cat[DX_CAT_EDGE], s->cat[DX_CAT_SUDDEN], s->flagged, s->whatif_in, s->whatif_out,
		s->whatif_changed);
}
