/*
 * report_ledgers.c - the other ledgers' paragraphs of the report in the
 * reports' own words (issue 19): "通过授信863户，授信评级额度3364万元…新增
 * 贷款39户193万元", "申请救助事项385件，办结341件，办结率88.57%", "累计发放
 * 农村最低生活保障金366人96.61万元…", "省后评估反馈的13个问题已全部完成整改
 * 销号", "技能培训178人", "公益性岗位聘用162人".  A figure with no data is
 * left out, never printed as zero.
 */
#include "core/dx.h"
#include "io/report_ledgers.h"

#define HH_HEADS(amount) {"户编号", "户主", "区划代码", amount, NULL}
#define APP_HEADS {"申请编号", "申请日期", "申请人", "救助事项", "区划代码", "办理状态", NULL}
#define PAY_HEADS {"证件号码", "姓名", "户编号", "区划代码", "发放金额（元）", NULL}
#define PROB_HEADS {"问题编号", "问题来源", "问题描述", "责任单位", "整改时限", "状态", NULL}
#define TR_HEADS {"证件号码", "姓名", "户编号", "区划代码", "次数", NULL}

const struct dx_lg_figdef dx_lg_figdefs[DX_LGF_N] = {
	{"loan_credit", "授信户", HH_HEADS("授信额度（元）"), 1},
	{"loan_new", "新增贷款户", HH_HEADS("贷款金额（元）"), 1},
	{"loan_balance", "贷款余额户", HH_HEADS("贷款余额（元）"), 1},
	{"loan_overdue", "逾期贷款户", HH_HEADS("逾期余额（元）"), 1},
	{"app_received", "救助申请", APP_HEADS, 0},
	{"app_closed", "救助申请已办结", APP_HEADS, 0},
	{"relief_dibao", "农村最低生活保障金", PAY_HEADS, 1},
	{"relief_tekun", "特困供养金", PAY_HEADS, 1},
	{"relief_temp", "临时救助", PAY_HEADS, 1},
	{"relief_disab", "残疾人两项补贴", PAY_HEADS, 1},
	{"relief_elderly", "高龄补贴", PAY_HEADS, 1},
	{"relief_yulu", "雨露计划补助", PAY_HEADS, 1},
	{"relief_other", "其他救助", PAY_HEADS, 1},
	{"problems", "问题", PROB_HEADS, 0},
	{"problems_closed", "已整改销号问题", PROB_HEADS, 0},
	{"problems_open", "未销号问题", PROB_HEADS, 0},
	{"training_skill", "技能培训", TR_HEADS, 0},
	{"training_guide", "引导性培训", TR_HEADS, 0},
	{"jobs", "公益性岗位", TR_HEADS, 0},
};

const char *const dx_lg_sources[DX_LG_NSRC] = {"国家考核评估", "省后评估", "巡视巡察",
					       "督查检查", "审计", "自查"};

int dx_lg_figure_index(const char *key)
{
	for (int i = 0; i < DX_LGF_N; i++)
		if (key && !strcmp(dx_lg_figdefs[i].key, key))
			return i;
	return -1;
}

static int64_t div_round(int64_t a, int64_t b)
{
	return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

void dx_lg_add_wan(struct dx_buf *b, int64_t fen)
{
	int64_t v = div_round(fen, 10000); /* hundredths of 万元 */
	int64_t a = v < 0 ? -v : v;
	dx_buf_addf(b, "%s%lld", v < 0 ? "-" : "", (long long)(a / 100));
	if (a % 100)
		dx_buf_addf(b, ".%02lld", (long long)(a % 100));
}

static void hh_amount(struct dx_buf *out, const struct dx_ledger_figs *g, int i)
{
	dx_buf_addf(out, "%ld户", g->f[i].n);
	dx_lg_add_wan(out, g->f[i].amount);
	dx_buf_adds(out, "万元");
}

static void loans(const struct dx_ledger_figs *g, struct dx_buf *out)
{
	int n = 0;
	if (!g->f[DX_LGF_CREDIT].n && !g->f[DX_LGF_LOAN_NEW].n && !g->f[DX_LGF_LOAN_BALANCE].n)
		return;
	dx_buf_adds(out, "\n\n小额信贷：");
	if (g->f[DX_LGF_CREDIT].n) {
		dx_buf_addf(out, "通过授信%ld户，授信评级额度", g->f[DX_LGF_CREDIT].n);
		dx_lg_add_wan(out, g->f[DX_LGF_CREDIT].amount);
		dx_buf_adds(out, "万元");
		n++;
	}
	if (g->f[DX_LGF_LOAN_NEW].n) {
		dx_buf_adds(out, n++ ? "；新增贷款" : "新增贷款");
		hh_amount(out, g, DX_LGF_LOAN_NEW);
	}
	if (g->f[DX_LGF_LOAN_BALANCE].n) {
		dx_buf_adds(out, n++ ? "；贷款余额" : "贷款余额");
		hh_amount(out, g, DX_LGF_LOAN_BALANCE);
		if (g->f[DX_LGF_LOAN_OVERDUE].n) {
			dx_buf_adds(out, "，其中逾期");
			hh_amount(out, g, DX_LGF_LOAN_OVERDUE);
		} else {
			dx_buf_adds(out, "，无逾期");
		}
	}
	dx_buf_adds(out, "。");
}

static void applications(const struct dx_ledger_figs *g, struct dx_buf *out)
{
	long n = g->f[DX_LGF_APP].n, k = g->f[DX_LGF_APP_CLOSED].n;
	int64_t v;
	if (!n)
		return;
	v = div_round((int64_t)k * 10000, n);
	dx_buf_addf(out, "\n\n救助申请：申请救助事项%ld件，办结%ld件，办结率%lld.%02lld%%。", n, k,
		    (long long)(v / 100), (long long)(v % 100));
}

static void payments(const struct dx_ledger_figs *g, struct dx_buf *out)
{
	int n = 0;
	for (int i = DX_LGF_PAY_DIBAO; i <= DX_LGF_PAY_OTHER; i++) {
		if (!g->f[i].n)
			continue;
		dx_buf_addf(out, "%s%s%ld人", n++ ? "、" : "\n\n救助发放：累计发放", dx_lg_figdefs[i].label,
			    g->f[i].n);
		dx_lg_add_wan(out, g->f[i].amount);
		dx_buf_adds(out, "万元");
	}
	if (n)
		dx_buf_adds(out, "。");
}

static void problems(const struct dx_ledger_figs *g, struct dx_buf *out)
{
	int n = 0;
	if (!g->f[DX_LGF_PROBLEMS].n)
		return;
	dx_buf_adds(out, "\n\n问题整改：");
	for (int s = 0; s < DX_LG_NSRC; s++) {
		const long *c = g->src[s];
		if (!c[0])
			continue;
		dx_buf_addf(out, "%s%s%s的%ld个问题", n++ ? "；" : "", dx_lg_sources[s],
			    s == DX_LG_NSRC - 1 ? "发现" : "反馈", c[0]);
		if (c[1] == c[0]) {
			dx_buf_adds(out, "已全部完成整改销号");
			continue;
		}
		dx_buf_addf(out, "，已整改销号%ld个", c[1]);
		if (c[2])
			dx_buf_addf(out, "，整改中%ld个", c[2]);
		if (c[3])
			dx_buf_addf(out, "，长期跟踪%ld个", c[3]);
	}
	dx_buf_adds(out, "。");
}

static void training(const struct dx_ledger_figs *g, struct dx_buf *out)
{
	int n = 0;
	if (g->f[DX_LGF_TRAIN_SKILL].n)
		dx_buf_addf(out, "%s技能培训%ld人", n++ ? "，" : "\n\n培训与公益性岗位：",
			    g->f[DX_LGF_TRAIN_SKILL].n);
	if (g->f[DX_LGF_TRAIN_GUIDE].n)
		dx_buf_addf(out, "%s引导性培训%ld人", n++ ? "，" : "\n\n培训与公益性岗位：",
			    g->f[DX_LGF_TRAIN_GUIDE].n);
	if (g->f[DX_LGF_JOBS].n)
		dx_buf_addf(out, "%s公益性岗位聘用%ld人", n++ ? "，" : "\n\n培训与公益性岗位：",
			    g->f[DX_LGF_JOBS].n);
	if (n)
		dx_buf_adds(out, "。");
}

void dx_report_ledgers_text(const struct dx_ledger_figs *g, struct dx_buf *out)
{
	loans(g, out);
	applications(g, out);
	payments(g, out);
	problems(g, out);
	training(g, out);
}

void dx_report_ledgers_json(const struct dx_ledger_figs *g, struct dx_buf *out)
{
	dx_buf_addch(out, '{');
	for (int i = 0; i < DX_LGF_N; i++) {
		dx_buf_addf(out, "%s\"%s\":{\"count\":%ld", i ? "," : "", dx_lg_figdefs[i].key,
			    g->f[i].n);
		if (dx_lg_figdefs[i].has_amount)
			dx_buf_addf(out, ",\"amount_fen\":%lld", (long long)g->f[i].amount);
		dx_buf_addch(out, '}');
	}
	dx_buf_addch(out, '}');
}
