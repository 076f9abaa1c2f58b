/*
 * report_funds_text.c - the 衔接资金 paragraph in the reports' words and
 * its JSON (report_funds.h).  万元 as templates.md prints them: two
 * decimals, dropped only when whole (core/money.h dx_money_format_wan).
 */
#include "core/dx.h"
#include "io/report_funds.h"
#include "core/money.h"

const char *const dx_rf_kind_names[DX_RF_NKIND] = {"经营性", "公益性", "到户类"};

int64_t dx_rf_bp(int64_t num, int64_t den)
{
	return num >= 0 ? (num * 10000 + den / 2) / den : -((-num * 10000 + den / 2) / den);
}

static void add_wan(struct dx_buf *b, int64_t fen)
{
	char v[40];
	dx_buf_addf(b, "%s万元", dx_money_format_wan(fen, v, sizeof(v)));
}

static void add_pct(struct dx_buf *b, int64_t num, int64_t den)
{
	int64_t bp = dx_rf_bp(num, den), a = bp < 0 ? -bp : bp;
	dx_buf_addf(b, "%s%lld.%02lld%%", bp < 0 ? "-" : "", (long long)(a / 100),
		    (long long)(a % 100));
}

void dx_report_funds_text(const struct dx_funds_figs *f, int year, const char *as_of,
			  struct dx_buf *out)
{
	int64_t up = f->alloc[0] + f->alloc[1], paid = f->paid[0] + f->paid[1];
	if (!f->projects)
		return;
	if (out->len)
		dx_buf_adds(out, "\n\n");
	dx_buf_addf(out, "%d年，争取上级财政衔接推进乡村振兴补助资金", year);
	add_wan(out, up);
	dx_buf_adds(out, "（中央");
	add_wan(out, f->alloc[0]);
	dx_buf_adds(out, "，省级");
	add_wan(out, f->alloc[1]);
	dx_buf_addf(out, "），已安排到%ld个乡村振兴项目上，开工项目%ld个，开工率", f->projects,
		    f->started);
	add_pct(out, f->started, f->projects);
	dx_buf_addf(out, "。产业项目%ld个", f->industry);
	if (f->alloc[0] > 0) {
		dx_buf_adds(out, "，中央衔接资金用于产业");
		add_wan(out, f->industry_alloc[0]);
		dx_buf_adds(out, "，比例达");
		add_pct(out, f->industry_alloc[0], f->alloc[0]);
	}
	if (f->alloc[1] > 0) {
		dx_buf_adds(out, "，省级衔接资金用于产业");
		add_wan(out, f->industry_alloc[1]);
		dx_buf_adds(out, "，比例达");
		add_pct(out, f->industry_alloc[1], f->alloc[1]);
	}
	dx_buf_addf(out, "。截至%s，拨付中央和省级资金", as_of);
	add_wan(out, paid);
	if (up > 0) {
		dx_buf_adds(out, "，支付进度");
		add_pct(out, paid, up);
	}
	dx_buf_adds(out, "。");
	if (f->hh)
		dx_buf_addf(out, "产业项目联农带农户数共%ld户%ld人。", f->hh, f->persons);
	if (f->assets) {
		int first = 1;
		dx_buf_addf(out, "项目形成资产%ld项", f->assets);
		add_wan(out, f->asset_value);
		for (int k = 0; k < DX_RF_NKIND; k++) {
			if (!f->kind_assets[k])
				continue;
			dx_buf_addf(out, "%s%s资产%ld项", first ? "，其中" : "、", dx_rf_kind_names[k],
				    f->kind_assets[k]);
			add_wan(out, f->kind_value[k]);
			first = 0;
		}
		dx_buf_adds(out, "。");
	}
}

void dx_report_funds_json(const struct dx_funds_figs *f, struct dx_buf *out)
{
	static const char *const src[DX_RF_NSRC] = {"central", "provincial", "city", "county",
						    "other"};
	int64_t up = f->alloc[0] + f->alloc[1], paid = f->paid[0] + f->paid[1];
	dx_buf_addf(out, "{\"projects\":%ld,\"started\":%ld,\"industry\":%ld,"
			 "\"households\":%ld,\"persons\":%ld,\"assets\":%ld,\"asset_value\":%lld",
		    f->projects, f->started, f->industry, f->hh, f->persons, f->assets,
		    (long long)f->asset_value);
	dx_buf_adds(out, ",\"allocated\":{");
	for (int i = 0; i < DX_RF_NSRC; i++)
		dx_buf_addf(out, "%s\"%s\":%lld", i ? "," : "", src[i], (long long)f->alloc[i]);
	dx_buf_adds(out, "},\"industry_allocated\":{");
	for (int i = 0; i < DX_RF_NSRC; i++)
		dx_buf_addf(out, "%s\"%s\":%lld", i ? "," : "", src[i],
			    (long long)f->industry_alloc[i]);
	dx_buf_adds(out, "},\"paid\":{");
	for (int i = 0; i < DX_RF_NSRC; i++)
		dx_buf_addf(out, "%s\"%s\":%lld", i ? "," : "", src[i], (long long)f->paid[i]);
	dx_buf_adds(out, "},\"assets_by_kind\":{");
	for (int k = 0; k < DX_RF_NKIND; k++)
		dx_buf_addf(out, "%s\"%s\":{\"count\":%ld,\"value\":%lld}", k ? "," : "",
			    dx_rf_kind_names[k], f->kind_assets[k], (long long)f->kind_value[k]);
	dx_buf_adds(out, "}");
	if (up > 0)
		dx_buf_addf(out, ",\"payment_progress_bp\":%lld", (long long)dx_rf_bp(paid, up));
	if (f->projects)
		dx_buf_addf(out, ",\"start_rate_bp\":%lld",
			    (long long)dx_rf_bp(f->started, f->projects));
	if (f->alloc[0] > 0)
		dx_buf_addf(out, ",\"industry_central_share_bp\":%lld",
			    (long long)dx_rf_bp(f->industry_alloc[0], f->alloc[0]));
	if (f->alloc[1] > 0)
		dx_buf_addf(out, ",\"industry_provincial_share_bp\":%lld",
			    (long long)dx_rf_bp(f->industry_alloc[1], f->alloc[1]));
	dx_buf_adds(out, "}");
}
