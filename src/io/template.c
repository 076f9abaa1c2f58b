/*
 * template.c - the ledger templates of templates.md as column tables and
 * the code tables of domain.md §3 and §5 they check against.  Adding a
 * column is adding a line to a table; nothing here knows what a household
 * is.  Header matching is template_header.c's, the per-cell parsers
 * template_cell.c's.
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
#include "io/template_int.h"

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

size_t dx_template_count(void)
{
	return DX_ARRAY_SIZE(templates);
}

const struct dx_template *dx_template_at(size_t i)
{
	return i < DX_ARRAY_SIZE(templates) ? &templates[i] : NULL;
}
