/*
 * template.c - the five ledger templates of templates.md as column tables,
 * the code tables of domain.md §3 and §5 they check against, header
 * matching and the per-cell parsers.  Adding a column is adding a line to
 * a table; nothing here knows what a household is.
 */
#include "core/dx.h"
#include "io/template.h"
#include "core/area.h"
#include "core/date.h"
#include "core/idcard.h"
#include "core/mask.h"
#include "core/money.h"
#include "core/strbuf.h"
#include "core/text.h"

#include <pthread.h>

/* ---- code tables (domain.md §3, §5; templates.md) ---- */
static const char *const c_kind[] = {"脱贫户", "一般户", "一般农户=一般户", "非脱贫户=一般户", NULL};
static const char *const c_rel[] = {
	"户主", "配偶", "之子", "之女", "之儿媳", "之女婿", "之孙子", "之孙女",
	"之外孙子", "之外孙女", "之父", "之母", "之岳父", "之岳母", "之公公", "之婆婆",
	"之祖父", "之祖母", "之外祖父", "之外祖母", "之兄弟姐妹", "之侄儿", "之侄女", "其他",
	NULL};
static const char *const c_labour[] = {"普通劳动力", "技能劳动力", "弱劳动力或半劳动力",
				       "丧失劳动力", "无劳动力", NULL};
static const char *const c_health[] = {"健康", "长期慢性病", "患有大病", "残疾", NULL};
static const char *const c_school[] = {
	"学龄前儿童", "学前教育", "小学", "七年级", "八年级", "九年级",
	"普通高中一年级", "普通高中二年级", "普通高中三年级", "中职一年级", "中职二年级",
	"中职三年级", "高职高专一年级", "高职高专二年级", "高职高专三年级", "本科",
	"硕士研究生及以上", NULL};
static const char *const c_edu[] = {"文盲或半文盲", "小学", "初中", "高中", "大专", "本科及以上", NULL};
static const char *const c_dibao[] = {"A", "B", "C", "A类=A", "B类=B", "C类=C", NULL};
static const char *const c_cat[] = {"脱贫不稳定户", "边缘易致贫户", "突发严重困难户", NULL};
static const char *const c_risk[] = {
	"因病", "因残", "因学", "因自然灾害", "因意外事故", "因产业项目失败", "因务工就业不稳",
	"缺劳动力", "其他", "因疫", "缺劳力=缺劳动力", NULL};
static const char *const c_elim[] = {"帮扶消除", "自然消除", NULL};
static const char *const c_dept[] = {"医保", "民政", "残联", "教育", "住建", "水利", "应急管理",
				     "人社", "公安", "救助平台", "政府救助平台=救助平台", NULL};
static const char *const c_mcat[] = {
	"产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶", "健康帮扶", "义务教育保障",
	"其他教育帮扶", "综合保障", "住房安全保障", "饮水安全保障", "社会帮扶", "搬迁", "其他",
	NULL};
static const char *const c_mstatus[] = {"计划", "已落实", "计划中=计划", "已完成=已落实", NULL};

#define REQ DX_COLF_REQ
#define HH DX_COLF_HH
#define TXT(n) DX_COL_TEXT, NULL, (n), 0
/* 户编号: an identifier, full-width digits folded like every code */
#define TXTN(n) DX_COL_TEXT, NULL, (n), 1
#define CODE(t) DX_COL_CODE, (t), 0, 0
#define YN DX_COL_YESNO, NULL, 0, 0

/* 1. 户成员台账 */
static const struct dx_col persons_cols[] = {
	{"区划代码", "行政区划代码|村代码", DX_P_AREA, REQ | HH, DX_COL_AREA, NULL, 0, 0},
	{"县(市、区)", "县|县(市区)|县（市、区）", DX_P_COUNTY, HH, TXT(95)},
	{"乡(镇)", "乡|乡镇|乡（镇）", DX_P_TOWN, HH, TXT(95)},
	{"行政村", "村", DX_P_VILLAGE, HH, TXT(95)},
	{"村民小组", "自然村|组", DX_P_GROUP, HH, TXT(63)},
	{"户编号", NULL, DX_P_HHNO, REQ | HH, TXTN(31)},
	{"户类型", NULL, DX_P_KIND, REQ | HH, CODE(c_kind)},
	{"脱贫年度", NULL, DX_P_TPYEAR, HH, DX_COL_INT, NULL, 2014, 2020},
	{"姓名", NULL, DX_P_NAME, REQ, TXT(63)},
	{"证件号码", "身份证号|身份证号码", DX_P_ID, REQ, DX_COL_ID, NULL, 0, 0},
	{"与户主关系", NULL, DX_P_REL, REQ, CODE(c_rel)},
	{"民族", NULL, DX_P_ETH, 0, TXT(31)},
	{"政治面貌", NULL, DX_P_POL, 0, TXT(31)},
	{"文化程度", NULL, DX_P_EDU, 0, CODE(c_edu)},
	{"在校生状况", NULL, DX_P_SCHOOL, 0, CODE(c_school)},
	{"健康状况", NULL, DX_P_HEALTH, 0, DX_COL_MULTI, c_health, 1, 4},
	{"劳动技能", NULL, DX_P_LABOUR, 0, CODE(c_labour)},
	{"务工所在地", NULL, DX_P_WPLACE, 0, TXT(63)},
	{"务工时间（月）", "务工时间|务工时间(月)", DX_P_WMONTHS, 0, DX_COL_INT, NULL, 0, 12},
	{"是否参加城乡居民基本医疗保险", NULL, DX_P_INS_RES, 0, YN},
	{"是否参加城镇职工基本医疗保险", NULL, DX_P_INS_EMP, 0, YN},
	{"是否享受低保", NULL, DX_P_DIBAO, 0, YN},
	{"低保类别", NULL, DX_P_DIBAO_CLASS, 0, CODE(c_dibao)},
	{"是否特困供养人员", NULL, DX_P_TEKUN, 0, YN},
	{"是否享受残疾人两项补贴", NULL, DX_P_DISAB, 0, YN},
	{"联系电话", "电话|手机号码", DX_P_PHONE, 0, DX_COL_PHONE, NULL, 0, 0},
	{"监测对象类别", NULL, DX_P_CAT, HH, CODE(c_cat)},
	{"致贫返贫风险", "风险类型|致贫返贫风险类型", DX_P_RISKS, HH, DX_COL_MULTI, c_risk, 0, 5},
	{"识别监测时间", NULL, DX_P_IDENT, HH, DX_COL_MONTH, NULL, 0, 0},
	{"风险是否已消除", NULL, DX_P_ELIM, HH, YN},
	{"风险消除方式", NULL, DX_P_ELIM_KIND, HH, CODE(c_elim)},
	{"消除监测时间", "风险消除时间", DX_P_ELIM_ON, HH, DX_COL_MONTH, NULL, 0, 0},
	{"风险再标注", NULL, DX_P_REFLAG, HH, YN},
	{"住房出现安全问题", NULL, DX_P_HOUSING, HH, YN},
	{"饮水出现安全问题", NULL, DX_P_WATER, HH, YN},
	{"义务教育阶段适龄儿童失学辍学", NULL, DX_P_DROPOUT, HH, YN},
	{"是否计入家庭人口", NULL, DX_P_COUNTED, 0, YN},
	{"序号", NULL, DX_P_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

#define MONEY DX_COL_MONEY, NULL, 0, 0
/* 2. 收入台账 */
static const struct dx_col incomes_cols[] = {
	{"户编号", NULL, DX_I_HHNO, REQ, TXTN(31)},
	{"年度", "年份", DX_I_YEAR, REQ, DX_COL_INT, NULL, 2000, 2100},
	{"工资性收入", NULL, DX_I_WAGE, 0, MONEY},
	{"生产经营性收入", NULL, DX_I_BUSINESS, 0, MONEY},
	{"财产性收入", NULL, DX_I_PROPERTY, 0, MONEY},
	{"转移性收入", NULL, DX_I_TRANSFER, 0, MONEY},
	{"生产经营性支出", NULL, DX_I_COST, 0, MONEY},
	{"理赔收入", NULL, DX_I_CLAIMS, 0, MONEY},
	{"合规自付支出", NULL, DX_I_OOP, 0, MONEY},
	{"序号", NULL, DX_I_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

/* 3. 部门预警名单 */
static const struct dx_col warnings_cols[] = {
	{"证件号码", "身份证号|身份证号码", DX_W_ID, REQ, DX_COL_IDLAX, NULL, 0, 0},
	{"姓名", NULL, DX_W_NAME, 0, TXT(63)},
	{"预警部门", "部门", DX_W_DEPT, REQ, CODE(c_dept)},
	{"预警事项", "事项", DX_W_EVENT, REQ, TXT(95)},
	{"金额", NULL, DX_W_AMOUNT, 0, MONEY},
	{"发生日期", "日期", DX_W_DATE, 0, DX_COL_DATE, NULL, 0, 0},
	{"说明", "备注", DX_W_NOTE, 0, TXT(255)},
	{"序号", NULL, DX_W_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

/* 4. 帮扶措施台账 */
static const struct dx_col measures_cols[] = {
	{"户编号", NULL, DX_M_HHNO, REQ, TXTN(31)},
	{"措施类别", "帮扶措施类别", DX_M_CAT, REQ, CODE(c_mcat)},
	{"具体措施", NULL, DX_M_DETAIL, 0, TXT(95)},
	{"状态", "落实状态", DX_M_STATUS, REQ, CODE(c_mstatus)},
	{"金额", NULL, DX_M_AMOUNT, 0, MONEY},
	{"开始日期", NULL, DX_M_START, 0, DX_COL_DATE, NULL, 0, 0},
	{"结束日期", NULL, DX_M_END, 0, DX_COL_DATE, NULL, 0, 0},
	{"帮扶责任人", NULL, DX_M_CADRE, 0, TXT(63)},
	{"序号", NULL, DX_M_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

/* 5. 走访记录 */
static const struct dx_col visits_cols[] = {
	{"户编号", NULL, DX_V_HHNO, REQ, TXTN(31)},
	{"走访日期", NULL, DX_V_DATE, REQ, DX_COL_DATE, NULL, 0, 0},
	{"走访人", NULL, DX_V_CADRE, REQ, TXT(63)},
	{"走访内容", NULL, DX_V_CONTENT, 0, TXT(255)},
	{"发现问题", NULL, DX_V_FINDINGS, 0, TXT(255)},
	{"序号", NULL, DX_V_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

/* 6-9. 衔接资金 ledgers (templates.md §6-9; amounts 万元 or 元 by header) */
static const char *const c_ptype[] = {"产业发展", "就业项目", "乡村建设", "易地搬迁后扶",
				      "巩固三保障成果", "乡村治理和精神文明", "项目管理费", "其他",
				      NULL};
static const char *const c_plink[] = {"就业带动", "土地流转", "入股分红", "订单收购",
				      "产业带动", "资产收益", "其他", NULL};
static const char *const c_fsource[] = {"中央", "省级", "市级", "县级", "其他", "省=省级",
					"市=市级", "县=县级", "中央资金=中央", NULL};
static const char *const c_akind[] = {"经营性", "公益性", "到户类", NULL};
static const char *const c_aowner[] = {"村集体", "乡镇", "县级", "农户", NULL};
static const char *const c_astatus[] = {"在用", "闲置", "处置", NULL};
#define DATE DX_COL_DATE, NULL, 0, 0

static const struct dx_col projects_cols[] = {
	{"项目编号", NULL, DX_FP_CODE, REQ, TXTN(63)},
	{"项目名称", NULL, DX_FP_NAME, REQ, TXT(255)},
	{"年度", "年份|资金年度", DX_FP_YEAR, REQ, DX_COL_INT, NULL, 2000, 2100},
	{"区划代码", "行政区划代码|实施地点代码", DX_FP_AREA, REQ, TXTN(15)},
	{"项目类型", NULL, DX_FP_TYPE, REQ, CODE(c_ptype)},
	{"是否产业项目", NULL, DX_FP_INDUSTRY, 0, YN},
	{"实施单位", NULL, DX_FP_UNIT, 0, TXT(127)},
	{"主管部门", NULL, DX_FP_DEPT, 0, TXT(127)},
	{"中央衔接资金", NULL, DX_FP_CENTRAL, 0, MONEY},
	{"省级衔接资金", NULL, DX_FP_PROVINCIAL, 0, MONEY},
	{"市级衔接资金", NULL, DX_FP_CITY, 0, MONEY},
	{"县级衔接资金", NULL, DX_FP_COUNTY, 0, MONEY},
	{"其他资金", NULL, DX_FP_OTHER, 0, MONEY},
	{"村申报日期", NULL, DX_FP_APPLIED, 0, DATE},
	{"乡镇审核日期", NULL, DX_FP_REVIEWED, 0, DATE},
	{"部门论证日期", NULL, DX_FP_ASSESSED, 0, DATE},
	{"县审定日期", NULL, DX_FP_APPROVED, 0, DATE},
	{"计划开工日期", NULL, DX_FP_PLAN_START, 0, DATE},
	{"开工日期", NULL, DX_FP_STARTED, 0, DATE},
	{"完工日期", NULL, DX_FP_COMPLETED, 0, DATE},
	{"验收日期", NULL, DX_FP_ACCEPTED, 0, DATE},
	{"联农带农方式", NULL, DX_FP_LINK, 0, DX_COL_MULTI, c_plink, 1, 0},
	{"绩效目标", NULL, DX_FP_GOAL, 0, TXT(255)},
	{"序号", NULL, DX_FP_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

static const struct dx_col payments_cols[] = {
	{"项目编号", NULL, DX_FY_CODE, REQ, TXTN(63)},
	{"拨付日期", "支付日期", DX_FY_DATE, REQ, DATE},
	{"资金来源", NULL, DX_FY_SOURCE, REQ, CODE(c_fsource)},
	{"金额", "拨付金额|支付金额", DX_FY_AMOUNT, REQ, MONEY},
	{"凭证号", NULL, DX_FY_VOUCHER, 0, TXT(63)},
	{"序号", NULL, DX_FY_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

static const struct dx_col beneficiaries_cols[] = {
	{"项目编号", NULL, DX_FB_CODE, REQ, TXTN(63)},
	{"户编号", NULL, DX_FB_HHNO, REQ, TXTN(31)},
	{"联结方式", "联农带农方式", DX_FB_LINK, REQ, CODE(c_plink)},
	{"带动人数", NULL, DX_FB_PERSONS, 0, DX_COL_INT, NULL, 0, 99},
	{"收益金额", NULL, DX_FB_INCOME, 0, MONEY},
	{"年度", "年份", DX_FB_YEAR, 0, DX_COL_INT, NULL, 2000, 2100},
	{"序号", NULL, DX_FB_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

static const struct dx_col assets_cols[] = {
	{"资产编号", NULL, DX_FA_NO, REQ, TXTN(63)},
	{"项目编号", NULL, DX_FA_CODE, REQ, TXTN(63)},
	{"资产名称", NULL, DX_FA_NAME, REQ, TXT(255)},
	{"资产类别", NULL, DX_FA_KIND, REQ, CODE(c_akind)},
	{"金额", "资产金额|资产价值", DX_FA_VALUE, REQ, MONEY},
	{"权属", NULL, DX_FA_OWNER, REQ, CODE(c_aowner)},
	{"管护主体", NULL, DX_FA_KEEPER, 0, TXT(127)},
	{"移交日期", NULL, DX_FA_HANDED, 0, DATE},
	{"状态", NULL, DX_FA_STATUS, 0, CODE(c_astatus)},
	{"序号", NULL, DX_FA_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

/* ---- issue 19: the other ledgers (templates.md §10-14) ---- */
static const char *const c_purpose[] = {"种植", "养殖", "加工", "商贸", "其他", NULL};
static const char *const c_apmode[] = {"自己举手", "他人代举", "干部代办", NULL};
static const char *const c_apitem[] = {"生活困难", "医疗", "教育", "住房", "就业", "临时救助",
				       "其他", NULL};
static const char *const c_apstatus[] = {"受理", "办理中", "已办结", "不予受理", NULL};
static const char *const c_rpkind[] = {"城乡低保", "特困供养", "临时救助", "残疾人两项补贴",
				       "高龄补贴", "雨露计划", "其他", "低保=城乡低保",
				       "农村低保=城乡低保", "特困=特困供养", NULL};
static const char *const c_pbsource[] = {"国家考核评估", "省后评估", "巡视巡察", "督查检查",
					 "审计", "自查", NULL};
static const char *const c_pbstatus[] = {"整改中", "已销号", "长期跟踪", NULL};
static const char *const c_trkind[] = {"技能培训", "引导性培训", "公益性岗位", NULL};

/* 10. 小额信贷 (money columns: 元, or 万元 when the header says so) */
static const struct dx_col loans_cols[] = {
	{"户编号", NULL, DX_LN_HHNO, REQ, TXTN(31)},
	{"借款人证件号码", "借款人身份证号|证件号码|身份证号", DX_LN_ID, REQ, DX_COL_ID, NULL, 0, 0},
	{"授信日期", NULL, DX_LN_CREDIT_ON, 0, DATE},
	{"授信额度", "授信评级额度", DX_LN_CREDIT, 0, MONEY},
	{"贷款合同号", "合同号", DX_LN_CONTRACT, 0, TXTN(63)},
	{"放款日期", "发放日期", DX_LN_LOAN_ON, 0, DATE},
	{"到期日期", NULL, DX_LN_DUE_ON, 0, DATE},
	{"贷款金额", "发放金额", DX_LN_AMOUNT, 0, MONEY},
	{"贷款银行", NULL, DX_LN_BANK, 0, TXT(95)},
	{"贷款用途", NULL, DX_LN_PURPOSE, 0, CODE(c_purpose)},
	{"已还本金", NULL, DX_LN_REPAID, 0, MONEY},
	{"结清日期", NULL, DX_LN_SETTLED_ON, 0, DATE},
	{"逾期天数", NULL, DX_LN_OVERDUE, 0, DX_COL_INT, NULL, 0, 100000},
	{"贴息金额", NULL, DX_LN_SUBSIDY, 0, MONEY},
	{"序号", NULL, DX_LN_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

/* 11. 救助申请 */
static const struct dx_col applications_cols[] = {
	{"申请编号", NULL, DX_AP_NO, REQ, TXTN(63)},
	{"申请日期", NULL, DX_AP_DATE, REQ, DATE},
	{"申请人姓名", "申请人", DX_AP_NAME, REQ, TXT(63)},
	{"证件号码", "身份证号|身份证号码", DX_AP_ID, 0, DX_COL_ID, NULL, 0, 0},
	{"区划代码", "行政区划代码|村代码", DX_AP_AREA, REQ, DX_COL_AREA, NULL, 0, 0},
	{"申请方式", NULL, DX_AP_MODE, REQ, CODE(c_apmode)},
	{"救助事项", NULL, DX_AP_ITEM, REQ, CODE(c_apitem)},
	{"诉求", NULL, DX_AP_REQUEST, 0, TXT(255)},
	{"办理状态", NULL, DX_AP_STATUS, REQ, CODE(c_apstatus)},
	{"办结日期", NULL, DX_AP_CLOSED_ON, 0, DATE},
	{"办理结果", NULL, DX_AP_RESULT, 0, TXT(255)},
	{"序号", NULL, DX_AP_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

/* 12. 救助发放 */
static const struct dx_col relief_cols[] = {
	{"证件号码", "身份证号|身份证号码", DX_RP_ID, REQ, DX_COL_ID, NULL, 0, 0},
	{"姓名", NULL, DX_RP_NAME, 0, TXT(63)},
	{"救助类别", NULL, DX_RP_KIND, REQ, CODE(c_rpkind)},
	{"发放月份", NULL, DX_RP_MONTH, REQ, DX_COL_MONTH, NULL, 0, 0},
	{"金额", "发放金额", DX_RP_AMOUNT, REQ, MONEY},
	{"序号", NULL, DX_RP_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

/* 13. 问题整改台账 (区划代码: the county, a township or a village) */
static const struct dx_col problems_cols[] = {
	{"问题编号", NULL, DX_PB_NO, REQ, TXTN(63)},
	{"问题来源", NULL, DX_PB_SOURCE, REQ, CODE(c_pbsource)},
	{"问题类别", NULL, DX_PB_CAT, 0, TXT(63)},
	{"问题描述", NULL, DX_PB_DESC, REQ, TXT(255)},
	{"区划代码", "行政区划代码", DX_PB_AREA, REQ, TXTN(12)},
	{"涉及户编号", NULL, DX_PB_HHS, 0, TXT(255)},
	{"整改措施", NULL, DX_PB_MEASURE, 0, TXT(255)},
	{"责任单位", NULL, DX_PB_UNIT, REQ, TXT(95)},
	{"责任人", NULL, DX_PB_PERSON, 0, TXT(63)},
	{"整改时限", NULL, DX_PB_DEADLINE, REQ, DATE},
	{"状态", "整改状态", DX_PB_STATUS, REQ, CODE(c_pbstatus)},
	{"销号日期", NULL, DX_PB_CLOSED_ON, 0, DATE},
	{"序号", NULL, DX_PB_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

/* 14. 培训与公益性岗位 */
static const struct dx_col training_cols[] = {
	{"证件号码", "身份证号|身份证号码", DX_TR_ID, REQ, DX_COL_ID, NULL, 0, 0},
	{"姓名", NULL, DX_TR_NAME, 0, TXT(63)},
	{"类型", NULL, DX_TR_KIND, REQ, CODE(c_trkind)},
	{"项目或岗位名称", "项目名称|岗位名称", DX_TR_TITLE, 0, TXT(95)},
	{"开始日期", NULL, DX_TR_START, REQ, DATE},
	{"结束日期", NULL, DX_TR_END, 0, DATE},
	{"补贴金额", NULL, DX_TR_SUBSIDY, 0, MONEY},
	{"序号", NULL, DX_TR_SEQ, 0, DX_COL_SKIP, NULL, 0, 0},
};

static const struct dx_template templates[] = {
	{"persons", "户成员台账", persons_cols, DX_ARRAY_SIZE(persons_cols), DX_P_NFIELDS},
	{"incomes", "收入台账", incomes_cols, DX_ARRAY_SIZE(incomes_cols), DX_I_NFIELDS},
	{"warnings", "部门预警名单", warnings_cols, DX_ARRAY_SIZE(warnings_cols), DX_W_NFIELDS},
	{"measures", "帮扶措施台账", measures_cols, DX_ARRAY_SIZE(measures_cols), DX_M_NFIELDS},
	{"visits", "走访记录", visits_cols, DX_ARRAY_SIZE(visits_cols), DX_V_NFIELDS},
	{"projects", "衔接资金项目库", projects_cols, DX_ARRAY_SIZE(projects_cols), DX_FP_NFIELDS},
	{"payments", "资金拨付台账", payments_cols, DX_ARRAY_SIZE(payments_cols), DX_FY_NFIELDS},
	{"beneficiaries", "项目受益户", beneficiaries_cols, DX_ARRAY_SIZE(beneficiaries_cols),
	 DX_FB_NFIELDS},
	{"assets", "项目资产", assets_cols, DX_ARRAY_SIZE(assets_cols), DX_FA_NFIELDS},
	{"loans", "小额信贷台账", loans_cols, DX_ARRAY_SIZE(loans_cols), DX_LN_NFIELDS},
	{"applications", "救助申请台账", applications_cols, DX_ARRAY_SIZE(applications_cols),
	 DX_AP_NFIELDS},
	{"relief", "救助发放台账", relief_cols, DX_ARRAY_SIZE(relief_cols), DX_RP_NFIELDS},
	{"problems", "问题整改台账", problems_cols, DX_ARRAY_SIZE(problems_cols), DX_PB_NFIELDS},
	{"training", "培训与公益性岗位台账", training_cols, DX_ARRAY_SIZE(training_cols),
	 DX_TR_NFIELDS},
};

const struct dx_template *dx_template_find(const char *name)
{
	for (size_t i = 0; name && i < DX_ARRAY_SIZE(templates); i++)
		if (!strcmp(templates[i].name, name))
			return &templates[i];
	return NULL;
}

const struct dx_col *dx_template_col(const struct dx_template *tpl, int f)
{
	for (size_t i = 0; i < tpl->ncols; i++)
		if (tpl->cols[i].field == f)
			return &tpl->cols[i];
	return NULL;
}

/* ---- headers ---- */

/*
 * A field's last good cell: its bytes as the sheet gave them, and what
 * parse_cell() made of them.  Parsing is a function of the column and
 * those bytes alone (身份证 aside: it depends on today and sets the birth
 * date, so it is never remembered), so the same bytes again can take the
 * result without being normalised, checked and looked up again.
 */
#define MEMO_RAW 48 /* longer cells are not remembered */

struct dx_cell_memo {
	size_t rawlen; /* 0: nothing remembered */
	char raw[MEMO_RAW];
	int64_t num;
	unsigned char blank;
	uint32_t hash; /* text_hash(text), for DX_COLF_HH fields */
	size_t tlen;
	char text[DX_TPL_CELL];
};

/* Header text folded for matching: full-width ASCII to ASCII, every space
 * removed, a required-mark '*' dropped. */
static void fold_header(const char *s, size_t len, char *out, size_t size)
{
	struct dx_buf b = DX_BUF_INIT;
	size_t o = 0;
	dx_text_norm(&b, s, len);
	for (size_t i = 0; i < b.len && o + 1 < size; i++) {
		char c = b.buf[i];
		if (c == ' ' || c == '*' || c == '\t')
			continue;
		out[o++] = c;
	}
	out[o] = '\0';
	dx_buf_release(&b);
}

static int name_is(const char *folded, const char *name)
{
	char f[128];
	fold_header(name, strlen(name), f, sizeof(f));
	return !strcmp(folded, f);
}

static const struct dx_col *match_name(const struct dx_template *tpl, const char *f);

/* The unit a money header names ("中央衔接资金（万元）"), cut off f:
 * 2 for 万元, 1 for 元, 0 for none. */
static int cut_unit(char *f)
{
	static const char *const units[] = {"(万元)", "（万元）", "(元)", "（元）"};
	size_t n = strlen(f);
	for (size_t i = 0; i < DX_ARRAY_SIZE(units); i++) {
		size_t k = strlen(units[i]);
		if (n > k && !memcmp(f + n - k, units[i], k)) {
			f[n - k] = '\0';
			return i < 2 ? 2 : 1;
		}
	}
	return 0;
}

/* The column a header names, and (*wan) whether it is a money column
 * whose header says 万元. */
static const struct dx_col *match_col_unit(const struct dx_template *tpl, const char *s,
					   size_t len, int *wan)
{
	char f[128];
	const struct dx_col *c;
	int unit;
	*wan = 0;
	fold_header(s, len, f, sizeof(f));
	if (!f[0])
		return NULL;
	if ((c = match_name(tpl, f)))
		return c;
	if (!(unit = cut_unit(f)) || !(c = match_name(tpl, f)) || c->kind != DX_COL_MONEY)
		return NULL;
	*wan = unit == 2;
	return c;
}

static const struct dx_col *match_col(const struct dx_template *tpl, const char *s, size_t len)
{
	int wan;
	return match_col_unit(tpl, s, len, &wan);
}

static const struct dx_col *match_name(const struct dx_template *tpl, const char *f)
{
	for (size_t i = 0; i < tpl->ncols; i++) {
		const struct dx_col *c = &tpl->cols[i];
		const char *a = c->aliases;
		if (name_is(f, c->name))
			return c;
		while (a && *a) {
			const char *e = strchr(a, '|');
			size_t n = e ? (size_t)(e - a) : strlen(a);
			char one[128];
			dx_strlcpy(one, a, n + 1 < sizeof(one) ? n + 1 : sizeof(one));
			if (name_is(f, one))
				return c;
			a = e ? e + 1 : NULL;
		}
	}
	return NULL;
}

int dx_header_score(const struct dx_template *tpl, const char *const *cells,
		    const size_t *lens, size_t n)
{
	int score = 0;
	for (size_t i = 0; i < n; i++)
		score += match_col(tpl, cells[i], lens[i]) != NULL;
	return score;
}

int dx_header_map(struct dx_header *h, const struct dx_template *tpl,
		  const char *const *cells, const size_t *lens, size_t n,
		  void (*fn)(void *, int, const char *, const char *, int), void *arg)
{
	int errors = 0;
	memset(h, 0, sizeof(*h));
	h->tpl = tpl;
	h->ncols = n;
	h->field_of = dx_xcalloc(n ? n : 1, sizeof(int));
	h->names = dx_xcalloc(n ? n : 1, sizeof(char *));
	h->memo = dx_xcalloc(DX_TPL_MAXF, sizeof(*h->memo));
	for (int f = 0; f < DX_TPL_MAXF; f++)
		h->col_of[f] = -1;
	for (size_t i = 0; i < n; i++) {
		int wan;
		const struct dx_col *c = match_col_unit(tpl, cells[i], lens[i], &wan);
		struct dx_buf b = DX_BUF_INIT;
		size_t s = 0, e = lens[i];
		while (s < e && (cells[i][s] == ' ' || cells[i][s] == '\t'))
			s++;
		while (e > s && (cells[i][e - 1] == ' ' || cells[i][e - 1] == '\t'))
			e--;
		dx_buf_add(&b, cells[i] + s, e - s);
		h->names[i] = dx_buf_detach(&b, NULL);
		h->field_of[i] = -1;
		if (!c) {
			if (h->names[i][0])
				fn(arg, (int)i, h->names[i], "未知列，已忽略", 0);
			continue;
		}
		if (h->col_of[c->field] >= 0) {
			fn(arg, (int)i, h->names[i], "列重复，请删除其中一列", 1);
			errors++;
			continue;
		}
		h->col_of[c->field] = (int)i;
		h->field_of[i] = c->field;
		h->wan[c->field] = (unsigned char)wan;
	}
	for (size_t i = 0; i < tpl->ncols; i++) {
		const struct dx_col *c = &tpl->cols[i];
		if ((c->flags & DX_COLF_REQ) && h->col_of[c->field] < 0) {
			char msg[160];
			dx_snprintf(msg, sizeof(msg), "缺少必填列“%s”，请在表头中加上此列", c->name);
			fn(arg, -1, c->name, msg, 1);
			errors++;
		}
	}
	return errors;
}

void dx_header_release(struct dx_header *h)
{
	if (!h)
		return;
	for (size_t i = 0; h->names && i < h->ncols; i++)
		free(h->names[i]);
	free(h->names);
	free(h->field_of);
	free(h->memo);
	memset(h, 0, sizeof(*h));
}

/* ---- cells ---- */

/*
 * memcpy() for the few bytes of a cell.  GCC expands a memcpy() whose size
 * it can bound into `rep movs`, which takes longer to start than glibc's
 * memcpy takes for a short string; out of line, the bound is unknown.
 */
__attribute__((noinline)) static void cell_copy(char *dst, const char *src, size_t n)
{
	memcpy(dst, src, n);
}

/* Look s[0..n) up in a code table by walking it; the canonical value or
 * NULL.  "alias=value" entries match their alias only. */
static const char *code_lookup(const char *const *codes, const char *s, size_t n)
{
	for (size_t i = 0; codes[i]; i++) {
		const char *eq = strchr(codes[i], '=');
		size_t klen = eq ? (size_t)(eq - codes[i]) : strlen(codes[i]);
		if (klen == n && !memcmp(codes[i], s, n))
			return eq ? eq + 1 : codes[i];
	}
	return NULL;
}

/*
 * Every value and alias of every code table of templates[], hashed once
 * per process (the tables are static and shared by all imports, so the
 * index is built under pthread_once and only read after that).  A cell is
 * looked up in one probe or two instead of a walk with a strcmp per
 * entry.  The index gives the very pointer code_lookup() gives, since
 * MULTI cells compare items by pointer.
 */
#define CODE_SLOTS 1024 /* a power of two, at most half full */

struct code_slot {
	const char *const *codes; /* the table; NULL for an empty slot */
	const char *key;          /* a value or an alias as the cell has it */
	size_t klen;
	const char *canon; /* what code_lookup() gives for key */
	size_t clen;
};

static struct code_slot code_index[CODE_SLOTS];
static pthread_once_t code_once = PTHREAD_ONCE_INIT;

static uint64_t load_le(const char *s, size_t n)
{
	uint64_t w = 0;
	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)(unsigned char)s[i] << (8 * i);
	return w;
}

/* A hash of (table, s[0..n)) from the length and the first and last 8
 * bytes: the values of one table differ there. */
static size_t code_hash(const char *const *codes, const char *s, size_t n)
{
	uint64_t a = load_le(s, n < 8 ? n : 8), b = n > 8 ? load_le(s + n - 8, 8) : 0;
	uint64_t h = (uint64_t)(uintptr_t)codes ^ (n * 0x9E3779B97F4A7C15ull);
	h = (h ^ a) * 0xBF58476D1CE4E5B9ull;
	h = (h ^ b ^ (h >> 31)) * 0x94D049BB133111EBull;
	return (size_t)(h ^ (h >> 29)) & (CODE_SLOTS - 1);
}

static struct code_slot *code_slot(const char *const *codes, const char *s, size_t n)
{
	size_t i = code_hash(codes, s, n);
	for (;; i = (i + 1) & (CODE_SLOTS - 1)) {
		struct code_slot *e = &code_index[i];
		if (!e->codes ||
		    (e->codes == codes && e->klen == n && !memcmp(e->key, s, n)))
			return e;
	}
}

static void code_index_build(void)
{
	size_t used = 0;
	for (size_t t = 0; t < DX_ARRAY_SIZE(templates); t++) {
		for (size_t i = 0; i < templates[t].ncols; i++) {
			const char *const *codes = templates[t].cols[i].codes;
			for (size_t k = 0; codes && codes[k]; k++) {
				const char *eq = strchr(codes[k], '=');
				size_t n = eq ? (size_t)(eq - codes[k]) : strlen(codes[k]);
				struct code_slot *e;
				if (used >= CODE_SLOTS / 2)
					return; /* the rest is found by walking */
				e = code_slot(codes, codes[k], n);
				if (e->codes)
					continue; /* the first entry wins, as in a walk */
				e->codes = codes;
				e->key = codes[k];
				e->klen = n;
				e->canon = eq ? eq + 1 : codes[k];
				e->clen = strlen(e->canon);
				used++;
			}
		}
	}
}

/* code_lookup() through the index; *clen gets the canonical value's
 * length.  A table outside templates[] is walked. */
static const char *code_find(const char *const *codes, const char *s, size_t n, size_t *clen)
{
	const struct code_slot *e;
	const char *canon;
	pthread_once(&code_once, code_index_build);
	e = code_slot(codes, s, n);
	if (e->codes) {
		*clen = e->clen;
		return e->canon;
	}
	canon = code_lookup(codes, s, n);
	*clen = canon ? strlen(canon) : 0;
	return canon;
}

static void code_list(const char *const *codes, char *out, size_t size)
{
	struct dx_buf b = DX_BUF_INIT;
	for (size_t i = 0; codes[i]; i++)
		if (!strchr(codes[i], '='))
			dx_buf_addf(&b, "%s%s", b.len ? "、" : "", codes[i]);
	dx_strlcpy(out, b.buf, size);
	dx_buf_release(&b);
}

static int bad_code(char *why, size_t wsz, const char *v, const struct dx_col *c)
{
	char list[600];
	code_list(c->codes, list, sizeof(list));
	dx_snprintf(why, wsz, "\"%s\" 不是有效值（应为 %s）", v, list);
	return DX_INVALID;
}

struct multi {
	const struct dx_col *c;
	const char *items[16];
	int n, bad;
	char *why;
	size_t wsz;
};

static int multi_item(const char *item, size_t n, void *arg)
{
	struct multi *m = arg;
	char v[DX_TPL_CELL];
	const char *canon;
	size_t clen;
	if (n > sizeof(v) - 1)
		n = sizeof(v) - 1; /* no value is that long: refused below */
	cell_copy(v, item, n);
	v[n] = '\0';
	if (!(canon = code_find(m->c->codes, v, n, &clen))) {
		m->bad = 1;
		return bad_code(m->why, m->wsz, v, m->c);
	}
	for (int i = 0; i < m->n; i++)
		if (m->items[i] == canon)
			return 0;
	if (m->n == (int)DX_ARRAY_SIZE(m->items) || (m->c->hi && m->n == m->c->hi)) {
		m->bad = 1;
		dx_snprintf(m->why, m->wsz, "最多填写 %d 项", (int)(m->c->hi ? m->c->hi : 16));
		return DX_INVALID;
	}
	m->items[m->n++] = canon;
	return 0;
}

/* Append s[0..n) to out[DX_TPL_CELL] holding *len bytes, cutting what does
 * not fit as dx_strlcpy() would. */
static void add_cut(char *out, size_t *len, const char *s, size_t n)
{
	size_t room = DX_TPL_CELL - 1 - *len;
	if (n > room)
		n = room;
	cell_copy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
}

/* Append sep (unless out is still empty) and then s. */
static void join_item(char *out, size_t *len, const char *sep, const char *s)
{
	if (*len)
		add_cut(out, len, sep, strlen(sep));
	add_cut(out, len, s, strlen(s));
}

/* v as "%lld" does it, into out (24 bytes suffice). */
static void format_i64(char *out, int64_t v)
{
	char d[24];
	size_t k = sizeof(d);
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	d[--k] = '\0';
	do
		d[--k] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		d[--k] = '-';
	memcpy(out, d + k, sizeof(d) - k);
}

/* Parse one cell of column c from its normalised text v[0..vlen) into rv's
 * field; DX_INVALID with why filled for a bad value.  v is NUL-terminated,
 * except free text (DX_COL_TEXT without hi), only trimmed and read by its
 * length, which may point into the sheet's cell. */
static int parse_cell(const struct dx_col *c, const char *v, size_t vlen, int wan,
		      struct dx_rowval *rv, char *out, char *why, size_t wsz)
{
	int f = c->field, y, m, rc;
	struct dx_date d;
	if (!vlen) {
		rv->blank[f] = 1;
		rv->num[f] = c->kind == DX_COL_YESNO || c->kind == DX_COL_INT ? -1 : 0;
		if (c->flags & DX_COLF_REQ) {
			dx_snprintf(why, wsz, "必填项为空，请填写");
			return DX_INVALID;
		}
		return 0;
	}
	switch (c->kind) {
	case DX_COL_SKIP:
		return 0;
	case DX_COL_TEXT:
		if ((int64_t)vlen > c->lo) {
			dx_snprintf(why, wsz, "内容过长（最多 %d 字节），请删减", (int)c->lo);
			return DX_INVALID;
		}
		cell_copy(out, v, vlen);
		out[vlen] = '\0';
		return 0;
	case DX_COL_CODE: {
		size_t clen;
		const char *canon = code_find(c->codes, v, vlen, &clen);
		if (!canon)
			return bad_code(why, wsz, v, c);
		if (clen > DX_TPL_CELL - 1)
			clen = DX_TPL_CELL - 1;
		cell_copy(out, canon, clen);
		out[clen] = '\0';
		return 0;
	}
	case DX_COL_MULTI: {
		struct multi mu = {.c = c, .why = why, .wsz = wsz};
		size_t olen = 0;
		int healthy = 0;
		dx_text_split(v, vlen, multi_item, &mu);
		if (mu.bad)
			return DX_INVALID;
		if (c->lo) { /* table order, ',' */
			for (size_t i = 0; c->codes[i]; i++)
				for (int k = 0; k < mu.n; k++)
					if (mu.items[k] == c->codes[i]) {
						join_item(out, &olen, ",", c->codes[i]);
						/* ',' is no part of it: 健康 lies in one item */
						healthy |= strstr(c->codes[i], "健康") != NULL;
					}
		} else {
			for (int k = 0; k < mu.n; k++)
				join_item(out, &olen, "、", mu.items[k]);
		}
		if (c->lo && mu.n > 1 && healthy) {
			out[0] = '\0';
			dx_snprintf(why, wsz, "\"健康\" 不能与其他健康状况同时填写");
			return DX_INVALID;
		}
		return 0;
	}
	case DX_COL_YESNO: {
		int yes;
		if (vlen == 3 && (!memcmp(v, "是", 3) || !memcmp(v, "否", 3))) {
			yes = v[2] == "是"[2]; /* the usual cell, as dx_yesno_parse() reads it */
		} else if (dx_yesno_parse(v, vlen, &yes)) {
			dx_snprintf(why, wsz, "\"%s\" 不是有效值（应为 是 或 否）", v);
			return DX_INVALID;
		}
		rv->num[f] = yes;
		memcpy(out, yes ? "是" : "否", sizeof("是"));
		return 0;
	}
	case DX_COL_INT: {
		int64_t n;
		if (dx_parse_i64(v, &n) || n < c->lo || n > c->hi) {
			dx_snprintf(why, wsz, "\"%s\" 无效（应为 %lld 到 %lld 的整数）", v,
				    (long long)c->lo, (long long)c->hi);
			return DX_INVALID;
		}
		rv->num[f] = n;
		format_i64(out, n);
		return 0;
	}
	case DX_COL_MONEY: {
		const char *w = NULL;
		if (wan ? dx_money_parse_wan(v, vlen, &rv->num[f], NULL, &w)
			: dx_money_parse(v, vlen, &rv->num[f], NULL, &w)) {
			dx_snprintf(why, wsz, "\"%s\" %s（应为金额，单位%s，如 %s）", v,
				    w ? w : "金额格式无效", wan ? "万元" : "元",
				    wan ? "3.5" : "1234.50");
			return DX_INVALID;
		}
		dx_money_format(rv->num[f], out, DX_TPL_CELL);
		return 0;
	}
	case DX_COL_MONTH:
		if (!dx_date_parse(v, vlen, &d) && !memchr(v, '.', vlen) && vlen >= 8) {
			dx_date_format(&d, out);
			return 0;
		}
		if (dx_month_parse(v, vlen, &y, &m)) {
			dx_snprintf(why, wsz, "\"%s\" 不是有效月份（应如 202305 或 2023-05）", v);
			return DX_INVALID;
		}
		dx_snprintf(out, DX_TPL_CELL, "%04d-%02d", y, m);
		return 0;
	case DX_COL_DATE:
		if (dx_date_parse(v, vlen, &d)) {
			dx_snprintf(why, wsz, "\"%s\" 不是有效日期（应如 2023-05-06）", v);
			return DX_INVALID;
		}
		dx_date_format(&d, out);
		return 0;
	case DX_COL_ID:
	case DX_COL_IDLAX: {
		struct dx_idcard id;
		const char *w = NULL;
		int k;
		if (memchr(v, '*', vlen)) {
			dx_snprintf(why, wsz, "证件号码已打码（\"%s\"），请使用原始台账或未打码的导出文件", v);
			return DX_INVALID;
		}
		/* issue 11.6: an ID Excel kept as a number has lost its last
		 * digits; say so, and never store it (not even as a lax key) */
		k = dx_idcard_excel_number(v, vlen);
		rc = dx_idcard_parse(v, vlen, &id, &w);
		if (k == 1 || (k == 2 && rc && w && !strncmp(w, "校验位错误", strlen("校验位错误")))) {
			dx_snprintf(why, wsz, "%s", DX_IDCARD_EXCEL_MSG);
			return DX_INVALID;
		}
		if (rc && c->kind == DX_COL_IDLAX) {
			size_t o = 0;
			for (size_t i = 0; i < vlen && o < 31; i++)
				if (v[i] != ' ')
					out[o++] = v[i] == 'x' ? 'X' : v[i];
			out[o] = '\0';
			rv->num[f] = 1;
			return 0;
		}
		if (rc) {
			dx_snprintf(why, wsz, "%s", w ? w : "证件号码无效");
			return DX_INVALID;
		}
		dx_strlcpy(out, id.id, DX_TPL_CELL);
		memcpy(rv->id_birth, id.birth, sizeof(rv->id_birth));
		rv->id_sex = id.sex;
		return 0;
	}
	case DX_COL_AREA:
		if (!dx_area_is_village(v)) {
			dx_snprintf(why, wsz, "区划代码 \"%s\" 无效（应为12位村级统计用区划代码）", v);
			return DX_INVALID;
		}
		memcpy(out, v, 13);
		return 0;
	case DX_COL_PHONE:
		if (memchr(v, '*', vlen)) {
			dx_snprintf(why, wsz, "联系电话已打码（\"%s\"），请填写完整号码", v);
			return DX_INVALID;
		}
		if (vlen > 23) {
			dx_snprintf(why, wsz, "\"%s\" 过长，请只填一个号码", v);
			return DX_INVALID;
		}
		if (!dx_phone_valid(v, vlen)) {
			/* echoed masked: it may be somebody's number mistyped */
			char pm[32];
			dx_phone_mask(v, pm, sizeof(pm));
			dx_snprintf(why, wsz, "联系电话 \"%s\" 无效（手机应为以1开头的11位数字，"
					      "固定电话应为区号-号码：区号以0开头共3至4位，号码7至8位）", pm);
			return DX_INVALID;
		}
		cell_copy(out, v, vlen + 1);
		return 0;
	}
	return 0;
}

static int trim_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* s[0..len) without the spaces at its ends (ASCII, U+3000, U+00A0): the
 * start and length of what is left into *out and *outlen.  DX_TOOBIG if
 * that is size bytes or more or holds a NUL. */
static int trim_view(const char *s, size_t len, size_t size, const char **out, size_t *outlen)
{
	for (;;) {
		if (len && trim_space((unsigned char)*s)) {
			s++, len--;
		} else if (len >= 3 && !memcmp(s, "\xE3\x80\x80", 3)) {
			s += 3, len -= 3;
		} else if (len >= 2 && !memcmp(s, "\xC2\xA0", 2)) {
			s += 2, len -= 2;
		} else {
			break;
		}
	}
	for (;;) {
		if (len && trim_space((unsigned char)s[len - 1])) {
			len--;
		} else if (len >= 3 && !memcmp(s + len - 3, "\xE3\x80\x80", 3)) {
			len -= 3;
		} else if (len >= 2 && !memcmp(s + len - 2, "\xC2\xA0", 2)) {
			len -= 2;
		} else {
			break;
		}
	}
	if (len >= size || memchr(s, '\0', len))
		return DX_TOOBIG;
	*out = s;
	*outlen = len;
	return 0;
}

int dx_row_blank(const struct dx_header *h, const char *const *cells, const size_t *lens,
		 size_t n)
{
	for (size_t i = 0; i < n && i < h->ncols; i++) {
		int f = h->field_of[i];
		if (f < 0 || dx_template_col(h->tpl, f)->kind == DX_COL_SKIP)
			continue;
		for (size_t k = 0; k < lens[i]; k++)
			if (cells[i][k] != ' ' && cells[i][k] != '\t')
				return 0;
	}
	return 1;
}

/* A hash of the string s, 8 bytes at a time: enough to tell the cells of
 * a household's rows apart (a collision only misses a report of an
 * inconsistent row) */
static uint32_t text_hash(const char *s)
{
	size_t n = strlen(s), i = 0;
	uint64_t h = n * 0x9E3779B97F4A7C15ull, w;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
		h ^= h >> 29;
	}
	h = (h ^ load_le(s + i, n - i)) * 0x94D049BB133111EBull;
	return (uint32_t)(h ^ (h >> 32));
}

int dx_row_parse(const struct dx_header *h, const char *const *cells, const size_t *lens,
		 size_t n, struct dx_rowval *rv, void (*fn)(void *, int, const char *), void *arg)
{
	const struct dx_template *tpl = h->tpl;
	int bad = 0;
	char why[800];
	rv->id_birth[0] = '\0';
	rv->id_sex = 0;
	rv->used = 0;
	uint64_t hashed = 0; /* fields whose hh_hash came from their memo */
	for (size_t i = 0; i < tpl->ncols; i++) {
		const struct dx_col *c = &tpl->cols[i];
		int col = h->col_of[c->field];
		struct dx_cell_memo *m = NULL;
		char v[DX_TPL_CELL * 2];
		const char *val = v; /* the trimmed or normalised cell */
		size_t vlen = 0;
		char *out = rv->buf + rv->used; /* where this field's text goes */
		rv->col[c->field] = col;
		rv->text[c->field] = "";
		rv->num[c->field] = 0;
		rv->blank[c->field] = 1;
		if (col < 0)
			continue;
		rv->blank[c->field] = 0;
		if (h->memo && (size_t)col < n && lens[col] && lens[col] <= MEMO_RAW &&
		    c->kind != DX_COL_ID && c->kind != DX_COL_IDLAX) {
			m = &h->memo[c->field];
			if (m->rawlen == lens[col] && !memcmp(m->raw, cells[col], lens[col])) {
				cell_copy(out, m->text, m->tlen + 1);
				rv->text[c->field] = out;
				rv->used += m->tlen + 1;
				rv->num[c->field] = m->num;
				rv->blank[c->field] = m->blank;
				if (c->flags & DX_COLF_HH) {
					rv->hh_hash[c->field] = m->hash;
					hashed |= 1ull << c->field;
				}
				continue;
			}
		}
		if ((size_t)col >= n) {
			v[0] = '\0';
		} else if (c->kind == DX_COL_TEXT && !c->hi) {
			/* free text keeps its punctuation (，stays ，): trim only,
			 * and is copied once, into its field, by parse_cell() */
			if (trim_view(cells[col], lens[col], sizeof(v), &val, &vlen)) {
				fn(arg, col, "内容过长，请删减");
				bad++;
				continue;
			}
		} else if (dx_text_norm_fixed_len(v, sizeof(v), cells[col], lens[col], &vlen)) {
			fn(arg, col, lens[col] >= sizeof(v) ? "内容过长，请删减" : "含有非法字符");
			bad++;
			continue;
		}
		if (vlen && !dx_utf8_valid(val, vlen)) {
			fn(arg, col, "含有无效字符（不是 UTF-8 文本）");
			bad++;
			continue;
		}
		why[0] = '\0';
		out[0] = '\0';
		if (parse_cell(c, val, vlen, h->wan[c->field], rv, out, why, sizeof(why))) {
			fn(arg, col, why);
			bad++;
			continue; /* a bad cell's text stays "" */
		}
		rv->text[c->field] = out;
		rv->used += strlen(out) + 1;
		if (m) {
			const char *t = out;
			m->rawlen = lens[col];
			cell_copy(m->raw, cells[col], lens[col]);
			m->num = rv->num[c->field];
			m->blank = rv->blank[c->field];
			m->tlen = strlen(t);
			cell_copy(m->text, t, m->tlen + 1);
			m->hash = c->flags & DX_COLF_HH ? text_hash(t) : 0;
		}
	}
	for (size_t i = 0; i < tpl->ncols; i++) {
		int f = tpl->cols[i].field;
		if ((tpl->cols[i].flags & DX_COLF_HH) && !(hashed >> f & 1))
			rv->hh_hash[f] = text_hash(rv->text[f]);
	}
	return bad;
}
