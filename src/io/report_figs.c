/*
 * report_figs.c - the report's figures a drill-down can list: key, label,
 * the filter selecting their households and where struct dx_figs holds
 * them.  Part of the report model (io/report.h), read by the renderers and
 * the front ends; app/report.c counts each into the same field.
 */
#include "core/dx.h"
#include "io/report.h"

#include <stddef.h>

static const struct dx_figure_def figures[] = {
#define FIG(key, label, filter, field) {key, label, filter, offsetof(struct dx_figs, field)}
	FIG("all", "农户", "{}", all),
	FIG("tuopin", "脱贫人口", "{\"kind\":\"脱贫户\"}", tuopin),
	FIG("monitored", "监测对象", "{\"monitored\":true}", monitored),
	FIG("tuopin_monitored", "脱贫人口和监测对象", "{\"tuopin_or_monitored\":true}",
	    tuopin_monitored),
	FIG("unstable", "脱贫不稳定户", "{\"monitored\":true,\"category\":\"脱贫不稳定户\"}", cat[0]),
	FIG("edge", "边缘易致贫户", "{\"monitored\":true,\"category\":\"边缘易致贫户\"}", cat[1]),
	FIG("sudden", "突发严重困难户", "{\"monitored\":true,\"category\":\"突发严重困难户\"}", cat[2]),
	FIG("eliminated", "已消除风险", "{\"monitored\":true,\"eliminated\":true}", eliminated),
	FIG("active", "未消除风险", "{\"monitored\":true,\"eliminated\":false}", active),
	FIG("reflag", "风险再标注", "{\"monitored\":true,\"eliminated\":false,\"reflag\":true}", reflag),
	FIG("dibao", "享受低保", "{\"dibao\":true}", dibao),
	FIG("dibao_a", "A类低保", "{\"dibao\":\"A\"}", dibao_class[0]),
	FIG("dibao_b", "B类低保", "{\"dibao\":\"B\"}", dibao_class[1]),
	FIG("dibao_c", "C类低保", "{\"dibao\":\"C\"}", dibao_class[2]),
#undef FIG
};

size_t dx_report_figure_count(void)
{
	return DX_ARRAY_SIZE(figures);
}

const struct dx_figure_def *dx_report_figure(size_t i)
{
	return i < DX_ARRAY_SIZE(figures) ? &figures[i] : NULL;
}

const struct dx_figure_def *dx_report_figure_find(const char *key)
{
	for (size_t i = 0; i < DX_ARRAY_SIZE(figures); i++)
		if (!strcmp(figures[i].key, key))
			return &figures[i];
	return NULL;
}

struct dx_hp dx_report_figure_value(const struct dx_figs *f, const struct dx_figure_def *d)
{
	return *(const struct dx_hp *)((const char *)f + d->offset);
}
