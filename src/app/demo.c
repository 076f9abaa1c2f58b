/*
 * demo.c - the synthetic county behind `dixian demo`.
 *
 * Everything comes from one splitmix64 stream seeded by the caller and from
 * the anchor date, so the same options give the same county byte for byte.
 * Names are invented from syllable lists, ID numbers are valid in form
 * (region 532399, real birth date, sequence parity = sex, MOD 11-2 check)
 * and unique.  Proportions follow the seed reports: about a quarter 脱贫户,
 * a few percent under monitoring, most of them eliminated, a few re-flagged.
 */
#include "core/dx.h"
#include "app/demo.h"
#include "core/area.h"
#include "app/demo_procedure.h"
#include "core/date.h"
#include "core/idcard.h"
#include "store/derived.h"
#include "store/account.h"

#include <unistd.h>

struct rng {
	uint64_t s;
};

static uint64_t next64(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform integer in [0, n). */
static long rnd(struct rng *r, long n)
{
	return n <= 0 ? 0 : (long)(next64(r) % (uint64_t)n);
}

/* Uniform integer in [lo, hi]. */
static long between(struct rng *r, long lo, long hi)
{
	return lo + rnd(r, hi - lo + 1);
}

/* True with probability permille / 1000. */
static int chance(struct rng *r, int permille)
{
	return rnd(r, 1000) < permille;
}

#define PICK(r, arr) ((arr)[rnd((r), (long)DX_ARRAY_SIZE(arr))])

static const char *const township_names[] = {
	"云华乡", "青松镇", "马鞍乡", "清水镇", "白塔乡",
	"龙泉镇", "石门乡", "松坪乡", "新民镇", "大河乡",
};
static const char *const village_stems[] = {
	"青山", "麦地", "小河", "干海", "大村", "坝子", "松林", "龙潭", "白沙", "岩头",
	"中和", "新庄", "桃园", "凤鸣", "柳树", "石板", "水井", "梨园", "三岔", "河底",
	"黑泥", "阿拉", "者那", "迤资", "妥甸", "大麦", "花椒", "核桃", "杨柳", "金龙",
};
static const char *const group_nums[] = {"一", "二", "三", "四", "五", "六"};
static const char *const surnames[] = {
	"李", "王", "张", "杨", "罗", "余", "郝", "普", "起", "字", "陈", "刘",
	"赵", "周", "杞", "毕", "鲁", "自", "苏", "马", "何", "查", "施", "钱",
};
static const char *const given_m[] = {
	"明", "涛", "强", "华", "军", "勇", "林", "平", "国", "荣", "文", "志",
	"建", "春", "海", "福", "云", "贵", "德", "昌", "成", "发", "有", "才",
};
static const char *const given_f[] = {
	"燕", "丽", "芳", "梅", "英", "秀", "兰", "琼", "霞", "珍", "艳", "萍",
	"娟", "敏", "玉", "凤", "春", "花", "仙", "菊", "会", "琴", "香", "莲",
};
static const char *const places_out[] = {
	"浙江省宁波市", "广东省东莞市", "福建省泉州市", "江苏省苏州市", "上海市",
};
static const char *const places_in[] = {"昆明市", "楚雄市", "玉溪市"};
static const char *const measure_kinds[][2] = {
	{"产业帮扶", "发展种养殖"},   {"就业帮扶", "外出务工补贴"},
	{"就业帮扶", "技能培训"},     {"金融帮扶", "小额信贷"},
	{"公益岗位帮扶", "生态护林员"}, {"健康帮扶", "医保资助"},
	{"健康帮扶", "家庭医生签约"}, {"其他教育帮扶", "雨露计划"},
	{"综合保障", "临时救助"},     {"住房安全保障", "危房改造"},
	{"社会帮扶", "结对帮扶"},     {"产业帮扶", "产业奖补"},
};
static const char *const other_risks[] = {
	"因意外事故", "因务工就业不稳", "因产业项目失败", "因自然灾害",
};

#define NTOWNSHIPS 10
#define NVILLAGES 10

struct village {
	char code[13];
	char name[32];
	char cadres[4][16];
	long seq; /* households numbered per township, see hh_no */
};

/* Open-addressing set of issued ID numbers (the first 17 digits). */
struct idset {
	uint64_t *slot;
	size_t cap, n;
};

static int idset_add(struct idset *s, uint64_t v)
{
	size_t i;
	if (s->n * 2 >= s->cap) {
		struct idset t = {dx_xcalloc(s->cap ? s->cap * 2 : 1 << 16, sizeof(uint64_t)),
				  s->cap ? s->cap * 2 : 1 << 16, 0};
		for (size_t k = 0; k < s->cap; k++)
			if (s->slot[k])
				idset_add(&t, s->slot[k]);
		free(s->slot);
		*s = t;
	}
	for (i = (v * 0x9e3779b97f4a7c15ULL) & (s->cap - 1); s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (s->slot[i] == v)
			return 0;
	s->slot[i] = v;
	s->n++;
	return 1;
}

/*
 * The households made but not yet written, with their rows.  A row names
 * its household by its index in hh[] (the household's id comes when the
 * batch is written): ids, and so the rows, are those a row-by-row write
 * in the same order would give.
 */
#define BATCH 2000

struct hh;

struct batch {
	struct hh *hh;
	size_t n;
	struct dx_income_row *inc;
	size_t *inc_hh, ninc, capinc;
	struct dx_episode *ep; /* prev_id -1: the episode before it here */
	size_t *ep_hh, nep, capep;
	struct dx_measure *ms;
	size_t *ms_hh, nms, capms;
	struct dx_visit *vi;
	size_t *vi_hh, nvi, capvi;
	long np; /* members in hh[] */
};

struct gen {
	struct dx_store *st;
	struct batch b;
	const struct dx_demo_opts *o;
	struct dx_demo_stats *stats;
	struct rng r;
	struct idset ids;
	struct village vil[NTOWNSHIPS * NVILLAGES];
	long town_seq[NTOWNSHIPS];
	struct dx_date today;
	int year; /* latest income year: the year before today */
	uint64_t seed; /* this county's: the option's, + k for the k-th county */
	char county[7], county_name[32];
};

static void make_name(struct gen *g, const char *surname, int male, char *out, size_t size)
{
	const char *a = male ? PICK(&g->r, given_m) : PICK(&g->r, given_f);
	if (chance(&g->r, 450))
		dx_snprintf(out, size, "%s%s", surname, a);
	else
		dx_snprintf(out, size, "%s%s%s", surname, a,
			    male ? PICK(&g->r, given_m) : PICK(&g->r, given_f));
}

static void make_id(struct gen *g, int birth_year, int male, struct dx_person *p)
{
	char first17[18];
	struct dx_date d;
	for (;;) {
		long seq;
		d.y = birth_year;
		d.m = (int)between(&g->r, 1, 12);
		d.d = (int)between(&g->r, 1, 28);
		if (dx_date_cmp(&d, &g->today) > 0) /* nobody is born after today */
			d.y--;
		seq = rnd(&g->r, 500) * 2 + (male ? 1 : 0);
		dx_snprintf(first17, sizeof(first17), "%s%04d%02d%02d%03ld", g->county,
			    d.y, d.m, d.d, seq);
		if (idset_add(&g->ids, strtoull(first17, NULL, 10)))
			break;
	}
	memcpy(p->id_no, first17, 17);
	p->id_no[17] = dx_idcard_check_char(first17);
	p->id_no[18] = '\0';
	dx_strlcpy(p->sex, male ? "男" : "女", sizeof(p->sex));
	dx_date_format(&d, p->birth);
}

/* School status by age (在校生状况), "" when not a student. */
static const char *school_for(struct gen *g, int age)
{
	static const char *const mid[] = {"七年级", "八年级", "九年级"};
	static const char *const high[] = {"普通高中一年级", "普通高中二年级", "普通高中三年级"};
	static const char *const voc[] = {"中职一年级", "中职二年级", "中职三年级"};
	if (age < 3)
		return "学龄前儿童";
	if (age < 6)
		return chance(&g->r, 850) ? "学前教育" : "学龄前儿童";
	if (age < 12)
		return "小学";
	if (age < 15)
		return mid[(age - 12) % 3];
	if (age < 18)
		return chance(&g->r, 800) ? (chance(&g->r, 600) ? high[(age - 15) % 3] : voc[(age - 15) % 3]) : "";
	if (age < 22)
		return chance(&g->r, 300) ? (chance(&g->r, 500) ? "本科" : "高职高专一年级") : "";
	return "";
}

static const char *education_for(struct gen *g, int age)
{
	long x = rnd(&g->r, 100);
	if (age >= 65)
		return x < 45 ? "文盲或半文盲" : x < 85 ? "小学" : "初中";
	if (age >= 45)
		return x < 15 ? "文盲或半文盲" : x < 60 ? "小学" : x < 92 ? "初中" : "高中";
	return x < 3 ? "文盲或半文盲" : x < 25 ? "小学" : x < 75 ? "初中" : x < 92 ? "高中" : "大专";
}

static void make_health(struct gen *g, int age, struct dx_person *p)
{
	int chronic = chance(&g->r, age >= 50 ? 170 : 30);
	int serious = chance(&g->r, age >= 50 ? 30 : 6);
	int disabled = chance(&g->r, age >= 50 ? 50 : 15);
	struct dx_buf b = DX_BUF_INIT;
	if (serious)
		dx_buf_adds(&b, "患有大病");
	else if (chronic)
		dx_buf_adds(&b, "长期慢性病");
	if (disabled)
		dx_buf_adds(&b, b.len ? ",残疾" : "残疾");
	dx_strlcpy(p->health, b.len ? b.buf : "健康", sizeof(p->health));
	dx_buf_release(&b);
}

static void make_labour(struct gen *g, int age, struct dx_person *p)
{
	int sick = strstr(p->health, "大病") || strstr(p->health, "残疾");
	const char *l;
	if (age < 16 || p->school[0])
		l = "无劳动力";
	else if (sick)
		l = chance(&g->r, 500) ? "丧失劳动力" : "弱劳动力或半劳动力";
	else if (age <= 60)
		l = chance(&g->r, 150) ? "技能劳动力" : chance(&g->r, 50) ? "弱劳动力或半劳动力" : "普通劳动力";
	else if (age <= 70)
		l = chance(&g->r, 600) ? "弱劳动力或半劳动力" : "无劳动力";
	else
		l = "无劳动力";
	dx_strlcpy(p->labour, l, sizeof(p->labour));
	p->work_months = -1;
	if (age >= 18 && age <= 55 && (!strcmp(l, "普通劳动力") || !strcmp(l, "技能劳动力")) &&
	    chance(&g->r, 550)) {
		long x = rnd(&g->r, 100);
		if (x < 45)
			dx_strlcpy(p->work_place, PICK(&g->r, places_out), sizeof(p->work_place));
		else if (x < 75)
			dx_strlcpy(p->work_place, PICK(&g->r, places_in), sizeof(p->work_place));
		else if (x < 90)
			dx_snprintf(p->work_place, sizeof(p->work_place), "%s县城", g->county_name);
		else
			dx_strlcpy(p->work_place, "乡内", sizeof(p->work_place));
		p->work_months = (int)between(&g->r, 3, 12);
	}
}

static int is_labour(const struct dx_person *p)
{
	return !strcmp(p->labour, "普通劳动力") || !strcmp(p->labour, "技能劳动力") ||
	       !strcmp(p->labour, "弱劳动力或半劳动力");
}

#define MAXM 8

struct hh {
	struct dx_household h;
	struct dx_person m[MAXM];
	int age[MAXM];
	int n;
	int dibao;
	char dibao_class[4];
};

static void add_member(struct gen *g, struct hh *x, const char *relation, int age, int male,
		       const char *surname)
{
	struct dx_person *p = &x->m[x->n];
	memset(p, 0, sizeof(*p));
	if (age < 0)
		age = 0;
	x->age[x->n] = age;
	make_id(g, g->today.y - age - (g->today.m < 6 ? 1 : 0), male, p);
	make_name(g, surname, male, p->name, sizeof(p->name));
	dx_strlcpy(p->relation, relation, sizeof(p->relation));
	{
		long e = rnd(&g->r, 100);
		dx_strlcpy(p->ethnicity, e < 58 ? "汉族" : e < 93 ? "彝族" : e < 97 ? "傈僳族" : "白族",
			   sizeof(p->ethnicity));
	}
	dx_strlcpy(p->politics, age >= 30 && chance(&g->r, 70) ? "中共党员" :
				age >= 14 && age < 28 && chance(&g->r, 120) ? "共青团员" : "群众",
		   sizeof(p->politics));
	dx_strlcpy(p->school, school_for(g, age), sizeof(p->school));
	if (!p->school[0])
		dx_strlcpy(p->education, education_for(g, age), sizeof(p->education));
	make_health(g, age, p);
	make_labour(g, age, p);
	if (chance(&g->r, 985)) {
		p->ins_resident = 1;
	} else if (chance(&g->r, 700)) {
		p->ins_employee = 1;
	}
	p->disability_subsidy = strstr(p->health, "残疾") && chance(&g->r, 700);
	p->counted = chance(&g->r, 975) || x->n == 0;
	x->n++;
}

/* Household composition: sizes weighted as in the seed villages (mean
 * about 3.7), a head aged 25-82, children and elders consistent with it. */
static void make_household(struct gen *g, struct hh *x)
{
	static const int size_w[] = {0, 9, 17, 21, 25, 16, 8, 4}; /* percent, 1..7 */
	const char *surname = PICK(&g->r, surnames);
	int size = 1, head_age, male_head, w = (int)rnd(&g->r, 100), acc = 0;
	for (int i = 1; i < (int)DX_ARRAY_SIZE(size_w); i++) {
		acc += size_w[i];
		if (w < acc) {
			size = i;
			break;
		}
	}
	x->n = 0;
	head_age = size == 1 ? (int)between(&g->r, 45, 85) : (int)between(&g->r, 25, 78);
	male_head = chance(&g->r, 850);
	add_member(g, x, "户主", head_age, male_head, surname);
	if (size >= 2 && chance(&g->r, 880))
		add_member(g, x, "配偶", head_age + (int)between(&g->r, -6, 4), !male_head,
			   PICK(&g->r, surnames));
	if (head_age >= 56) {
		if (x->n < size) {
			int male = chance(&g->r, 550);
			add_member(g, x, male ? "之子" : "之女", head_age - (int)between(&g->r, 22, 32), male,
				   male ? surname : surname);
			if (x->n < size && male)
				add_member(g, x, "之儿媳", x->age[x->n - 1] - (int)between(&g->r, -3, 5), 0,
					   PICK(&g->r, surnames));
		}
		while (x->n < size) {
			int male = chance(&g->r, 520);
			add_member(g, x, male ? "之孙子" : "之孙女", (int)between(&g->r, 0, 16), male, surname);
		}
	} else {
		if (x->n < size && head_age < 50 && chance(&g->r, 300)) {
			int male = chance(&g->r, 400);
			add_member(g, x, male ? "之父" : "之母", head_age + (int)between(&g->r, 22, 32), male,
				   male ? surname : PICK(&g->r, surnames));
		}
		while (x->n < size) {
			int male = chance(&g->r, 520);
			int age = (int)between(&g->r, 0, head_age - 20 > 0 ? head_age - 20 : 0);
			add_member(g, x, male ? "之子" : "之女", age, male, surname);
		}
	}
	if (x->m[0].phone[0] == '\0' && chance(&g->r, 900))
		dx_snprintf(x->m[0].phone, sizeof(x->m[0].phone), "1%d%08ld",
			    (int)PICK(&g->r, ((const int[]){33, 35, 38, 39, 51, 58, 87, 89})),
			    rnd(&g->r, 100000000L));
	dx_strlcpy(x->h.phone, x->m[0].phone, sizeof(x->h.phone));
}

struct money {
	int64_t wage, business, property, transfer, cost, oop;
};

static void make_income(struct gen *g, const struct hh *x, int tuopin, struct money *y)
{
	int64_t per_dibao[] = {0, 650000, 480000, 250000}; /* fen per person, A/B/C */
	memset(y, 0, sizeof(*y));
	for (int i = 0; i < x->n; i++) {
		const struct dx_person *p = &x->m[i];
		if (p->work_months > 0)
			y->wage += p->work_months * between(&g->r, 320000, 600000);
		else if (is_labour(p) && x->age[i] >= 18)
			y->business += between(&g->r, 700000, 1800000);
		if (x->age[i] >= 60)
			y->transfer += between(&g->r, 180000, 360000); /* 养老金, 高龄补贴 */
		if (x->dibao)
			y->transfer += per_dibao[x->dibao_class[0] - 'A' + 1];
		if (p->disability_subsidy)
			y->transfer += 180000;
	}
	y->business += between(&g->r, 300000, 800000) * x->n + (tuopin ? 0 : between(&g->r, 0, 800000));
	y->property = chance(&g->r, 400) ? between(&g->r, 20000, 300000) : 0;
	y->transfer += between(&g->r, 30000, 120000); /* 生态补偿, 耕地地力补贴 */
	y->cost = y->business * between(&g->r, 12, 30) / 100;
}

/* Room for one more row in a batch array (and its household index). */
#define QUEUE(arr, idx, n, cap)                                                          \
	do {                                                                             \
		if ((n) == (cap)) {                                                      \
			(cap) = (cap) ? (cap) * 2 : 1024;                                \
			(arr) = dx_xrealloc((arr), (cap) * sizeof(*(arr)));              \
			(idx) = dx_xrealloc((idx), (cap) * sizeof(*(idx)));              \
		}                                                                        \
	} while (0)

/* x's index in the batch: its rows name it so until it has an id. */
static size_t hh_index(const struct gen *g, const struct hh *x)
{
	return (size_t)(x - g->b.hh);
}

static void put_income(struct gen *g, const struct hh *x, int year, const struct money *y,
		       int64_t claims)
{
	struct batch *b = &g->b;
	QUEUE(b->inc, b->inc_hh, b->ninc, b->capinc);
	b->inc[b->ninc] = (struct dx_income_row){0, year, y->wage, y->business, y->property,
						 y->transfer, y->cost, claims, y->oop};
	b->inc_hh[b->ninc++] = hh_index(g, x);
}

static struct dx_episode *queue_episode(struct gen *g, const struct hh *x)
{
	struct batch *b = &g->b;
	QUEUE(b->ep, b->ep_hh, b->nep, b->capep);
	b->ep_hh[b->nep] = hh_index(g, x);
	return &b->ep[b->nep++];
}

static void date_str(struct dx_date d, char out[11])
{
	dx_date_format(&d, out);
}

/* Derive risk types from the members, as screening would (domain.md §5). */
static void derive_risks(struct gen *g, const struct hh *x, char *out, size_t size)
{
	struct dx_buf b = DX_BUF_INIT;
	int sick = 0, disabled = 0, labour = 0, student = 0;
	for (int i = 0; i < x->n; i++) {
		const struct dx_person *p = &x->m[i];
		sick |= strstr(p->health, "大病") || strstr(p->health, "慢性");
		disabled |= strstr(p->health, "残疾") != NULL;
		labour |= is_labour(p);
		student |= strstr(p->school, "高中") || strstr(p->school, "中职") ||
			   strstr(p->school, "高职") || strstr(p->school, "本科");
	}
	if (sick)
		dx_buf_adds(&b, "因病");
	if (disabled)
		dx_buf_addf(&b, "%s因残", b.len ? "、" : "");
	if (!labour)
		dx_buf_addf(&b, "%s缺劳动力", b.len ? "、" : "");
	if (student)
		dx_buf_addf(&b, "%s因学", b.len ? "、" : "");
	if (!b.len || chance(&g->r, 150))
		dx_buf_addf(&b, "%s%s", b.len ? "、" : "", PICK(&g->r, other_risks));
	dx_strlcpy(out, b.buf, size);
	dx_buf_release(&b);
}

static int add_measures(struct gen *g, const struct hh *x, struct village *v,
			const struct dx_date *from, int eliminated)
{
	int n = (int)between(&g->r, 3, 11);
	for (int i = 0; i < n; i++) {
		struct dx_measure m;
		const char *const *k = measure_kinds[rnd(&g->r, DX_ARRAY_SIZE(measure_kinds))];
		struct dx_date s = *from, e;
		memset(&m, 0, sizeof(m));
		dx_strlcpy(m.category, k[0], sizeof(m.category));
		dx_strlcpy(m.detail, k[1], sizeof(m.detail));
		dx_strlcpy(m.status, chance(&g->r, eliminated ? 950 : 700) ? "已落实" : "计划",
			   sizeof(m.status));
		m.amount = between(&g->r, 5, 300) * 10000;
		dx_date_add_days(&s, between(&g->r, 3, 40));
		if (dx_date_cmp(&s, &g->today) > 0)
			s = g->today;
		date_str(s, m.start_on);
		if (!strcmp(k[1], "小额信贷") || !strcmp(k[1], "生态护林员") ||
		    !strcmp(k[1], "雨露计划")) {
			e = s;
			dx_date_add_months(&e, !strcmp(k[1], "小额信贷") ? 36 : 12);
			date_str(e, m.end_on);
		}
		dx_strlcpy(m.cadre, v->cadres[rnd(&g->r, 4)], sizeof(m.cadre));
		QUEUE(g->b.ms, g->b.ms_hh, g->b.nms, g->b.capms);
		g->b.ms[g->b.nms] = m;
		g->b.ms_hh[g->b.nms++] = hh_index(g, x);
		g->stats->measures++;
	}
	return DX_OK;
}

/* Visits over the last eight weeks: twice a week while the risk is not
 * eliminated, weekly after, with some weeks missed (so the overdue list
 * has names on it). */
static int add_visits(struct gen *g, const struct hh *x, struct village *v,
		      const struct dx_date *since, int eliminated)
{
	struct dx_date d = g->today;
	int step = eliminated ? 5 : 2;
	int miss = eliminated ? 120 : 100;
	dx_date_add_days(&d, -56);
	if (dx_date_cmp(&d, since) < 0)
		d = *since;
	for (; dx_date_cmp(&d, &g->today) <= 0; dx_date_add_days(&d, step + rnd(&g->r, 2))) {
		struct dx_visit vi;
		if (chance(&g->r, miss))
			continue;
		memset(&vi, 0, sizeof(vi));
		date_str(d, vi.visited_on);
		dx_strlcpy(vi.cadre, v->cadres[rnd(&g->r, 4)], sizeof(vi.cadre));
		dx_strlcpy(vi.content, eliminated ? "回访巩固情况" : "了解收入和帮扶措施落实情况",
			   sizeof(vi.content));
		if (chance(&g->r, 80))
			dx_strlcpy(vi.findings, "家庭成员住院，需跟进医疗救助", sizeof(vi.findings));
		QUEUE(g->b.vi, g->b.vi_hh, g->b.nvi, g->b.capvi);
		g->b.vi[g->b.nvi] = vi;
		g->b.vi_hh[g->b.nvi++] = hh_index(g, x);
		g->stats->visits++;
	}
	return DX_OK;
}

static int add_monitoring(struct gen *g, struct hh *x, struct village *v)
{
	struct dx_episode e;
	struct dx_date ident, elim, limit = g->today;
	long span;
	int rc, labour = 0, eliminated = 0;
	for (int i = 0; i < x->n; i++)
		labour |= is_labour(&x->m[i]);
	memset(&e, 0, sizeof(e));
	if (chance(&g->r, 120))
		dx_strlcpy(e.category, "突发严重困难户", sizeof(e.category));
	else
		dx_strlcpy(e.category, !strcmp(x->h.kind, "脱贫户") ? "脱贫不稳定户"
								: "边缘易致贫户",
			   sizeof(e.category));
	derive_risks(g, x, e.risks, sizeof(e.risks));
	ident = (struct dx_date){2021, 6, 1};
	dx_date_add_days(&limit, -30);
	span = dx_date_to_days(&limit) - dx_date_to_days(&ident);
	dx_date_add_days(&ident, rnd(&g->r, span > 1 ? span : 1));
	date_str(ident, e.identified_on);
	elim = ident;
	dx_date_add_months(&elim, (int)between(&g->r, 6, 20));
	/* domain.md §6: no-labour households stay monitored */
	if (labour && dx_date_cmp(&elim, &g->today) < 0 && chance(&g->r, 930)) {
		eliminated = 1;
		date_str(elim, e.eliminated_on);
		dx_strlcpy(e.elim_kind, chance(&g->r, 800) ? "帮扶消除" : "自然消除",
			   sizeof(e.elim_kind));
	}
	*queue_episode(g, x) = e;
	g->stats->episodes++;
	if ((rc = add_measures(g, x, v, &ident, eliminated)))
		return rc;
	/* 风险再标注: a few eliminated households flagged again later */
	if (eliminated && chance(&g->r, 40)) {
		struct dx_date again = elim;
		struct dx_episode r2 = e;
		dx_date_add_months(&again, (int)between(&g->r, 2, 10));
		if (dx_date_cmp(&again, &g->today) < 0) {
			r2.id = 0;
			r2.prev_id = -1; /* e, queued just before it */
			r2.reflag = 1;
			r2.eliminated_on[0] = r2.elim_kind[0] = '\0';
			date_str(again, r2.identified_on);
			dx_strlcpy(r2.risks, PICK(&g->r, other_risks), sizeof(r2.risks));
			*queue_episode(g, x) = r2;
			g->stats->episodes++;
			eliminated = 0;
		}
	}
	return add_visits(g, x, v, &ident, eliminated);
}

static int write_household(struct gen *g, struct hh *x, struct village *v, int town)
{
	struct money cur, prev;
	int rc, tuopin = !strcmp(x->h.kind, "脱贫户");
	int64_t claims = 0, pc_net;
	int counted = 0;
	for (int i = 0; i < x->n; i++) {
		x->m[i].dibao = x->dibao;
		dx_strlcpy(x->m[i].dibao_class, x->dibao_class, sizeof(x->m[i].dibao_class));
		counted += x->m[i].counted;
	}
	g->stats->households++;
	g->stats->persons += x->n;
	make_income(g, x, tuopin, &cur);
	/* the previous year: growth around 10 %, some households falling */
	prev = cur;
	{
		int64_t g100 = between(&g->r, -12, 34) + 100;
		prev.wage = cur.wage * 100 / g100;
		prev.business = cur.business * 100 / g100;
		prev.cost = cur.cost * 100 / g100;
	}
	if (chance(&g->r, 60)) { /* an illness this year */
		cur.oop = between(&g->r, 5000, 40000) * 100;
		claims = chance(&g->r, 300) ? cur.oop / 3 : 0;
	}
	put_income(g, x, g->year - 1, &prev, 0);
	put_income(g, x, g->year, &cur, claims);
	pc_net = (cur.wage + cur.business + cur.property + cur.transfer - cur.cost) /
		 (counted ? counted : 1);
	/* who is monitored: mostly low incomes and illness, a few others */
	{
		int sick = 0, pm;
		for (int i = 0; i < x->n; i++)
			sick |= strstr(x->m[i].health, "大病") != NULL;
		pm = pc_net < 900000 ? 300 : sick ? 60 : 6;
		if (tuopin)
			pm += 15;
		if (chance(&g->r, pm) && (rc = add_monitoring(g, x, v)))
			return rc;
	}
	(void)town;
	return DX_OK;
}

static int make_areas(struct gen *g)
{
	int rc;
	if ((rc = dx_store_area_put(g->st, g->county, g->county_name)))
		return rc;
	for (int t = 0; t < NTOWNSHIPS; t++) {
		char tcode[13];
		dx_snprintf(tcode, sizeof(tcode), "%s%03d", g->county, 101 + t);
		if ((rc = dx_store_area_put(g->st, tcode, township_names[t])))
			return rc;
		for (int k = 0; k < NVILLAGES; k++) {
			struct village *v = &g->vil[t * NVILLAGES + k];
			const char *stem = village_stems[(t * 7 + k * 3) % DX_ARRAY_SIZE(village_stems)];
			dx_snprintf(v->code, sizeof(v->code), "%s%03d", tcode, 1 + k);
			dx_snprintf(v->name, sizeof(v->name), "%s%s", stem, k == 0 ? "社区" : "村");
			for (int c = 0; c < 4; c++) {
				struct dx_person tmp;
				make_name(g, PICK(&g->r, surnames), chance(&g->r, 600), tmp.name,
					  sizeof(tmp.name));
				dx_strlcpy(v->cadres[c], tmp.name, sizeof(v->cadres[c]));
			}
			if ((rc = dx_store_area_put(g->st, v->code, v->name)))
				return rc;
		}
	}
	return DX_OK;
}

/* Department lists for last month: 医保 burdens and 民政 new 临时救助,
 * matched to members, plus a few IDs that match nobody. */
static int make_warnings(struct gen *g, int64_t *pids, char (*idnos)[19], int64_t *hids, long n,
			 long persons)
{
	static const char *const dept[][2] = {{"医保", "个人自付医疗费用超标"},
					       {"民政", "新增临时救助"}};
	char period[8];
	int rc;
	struct dx_date last = g->today;
	dx_date_add_months(&last, -1);
	dx_snprintf(period, sizeof(period), "%04d-%02d", last.y, last.m);
	for (size_t d = 0; d < DX_ARRAY_SIZE(dept); d++) {
		int64_t batch;
		long k = persons / 1000 + 2; /* about one member in a thousand */
		if (k > n)
			k = n;
		if ((rc = dx_store_warning_batch_insert(g->st, g->county, dept[d][0], period,
							"demo", &batch)))
			return rc;
		for (long i = 0; i < k + 2; i++) {
			struct dx_warning w;
			struct dx_date occ = last;
			memset(&w, 0, sizeof(w));
			w.batch_id = batch;
			if (i < k && n) {
				long j = rnd(&g->r, n);
				dx_strlcpy(w.id_no, idnos[j], sizeof(w.id_no));
				w.person_id = pids[j];
				w.household_id = hids[j];
			} else { /* matches nobody: valid in form, not in the county */
				struct dx_person p;
				make_id(g, (int)between(&g->r, 1950, 2000), chance(&g->r, 500), &p);
				memcpy(w.id_no, "530102", 6);
				memcpy(w.id_no + 6, p.id_no + 6, 11);
				w.id_no[17] = dx_idcard_check_char(w.id_no);
				w.id_no[18] = '\0';
			}
			dx_strlcpy(w.department, dept[d][0], sizeof(w.department));
			dx_strlcpy(w.event, dept[d][1], sizeof(w.event));
			w.amount = d == 0 ? between(&g->r, 8000, 45000) * 100 : between(&g->r, 500, 3000) * 100;
			occ.d = (int)between(&g->r, 1, 28);
			date_str(occ, w.occurred_on);
			if ((rc = dx_store_warning_insert(g->st, &w)))
				return rc;
			g->stats->warnings++;
		}
	}
	return DX_OK;
}

/*
 * Write the batch: the members' ids first (dx_store_person_new_ids), so
 * that each household goes in with its derived columns (store/derived.h)
 * folded from them, then the households, their members, incomes,
 * episodes, measures and visits, each table in one statement where the
 * driver can (PostgreSQL: COPY), and empty the batch.  The sample slots
 * pending on this batch (pids[j] = -(k + 1) for its k-th member) get
 * their member's ids.
 */
static int flush(struct gen *g, int64_t *pids, int64_t *hids, long nsample)
{
	struct batch *b = &g->b;
	size_t np = 0, k = 0;
	struct dx_household **hp = NULL;
	struct dx_person **pp = NULL;
	struct dx_derived *d = NULL;
	char(*area)[13] = NULL;
	int64_t *ids = NULL;
	size_t nrows;
	int rc;
	if (!b->n)
		return DX_OK;
	for (size_t i = 0; i < b->n; i++)
		np += (size_t)b->hh[i].n;
	nrows = np > b->ninc ? np : b->ninc;
	nrows = nrows > b->nms ? nrows : b->nms;
	nrows = nrows > b->nvi ? nrows : b->nvi;
	ids = dx_xcalloc(np, sizeof(*ids));
	pp = dx_xcalloc(np, sizeof(*pp));
	hp = dx_xcalloc(b->n, sizeof(*hp));
	d = dx_xcalloc(b->n, sizeof(*d));
	area = dx_xcalloc(nrows, sizeof(*area));
	if ((rc = dx_store_person_new_ids(g->st, np, ids)))
		goto out;
	for (size_t i = 0; i < b->n; i++) {
		struct hh *x = &b->hh[i];
		hp[i] = &x->h;
		for (int m = 0; m < x->n; m++) {
			struct dx_person *p = &x->m[m];
			p->id = ids[k++];
			d[i].members += p->counted == 1;
			d[i].msum |= dx_store_member_bits(p);
			if (!d[i].head_id && !strcmp(p->relation, "户主")) {
				d[i].head_id = p->id;
				d[i].head_name = p->name;
			}
		}
	}
	if ((rc = dx_store_household_insert_many(g->st, hp, d, b->n)))
		goto out;
	k = 0;
	for (size_t i = 0; i < b->n; i++)
		for (int m = 0; m < b->hh[i].n; m++) {
			b->hh[i].m[m].household_id = b->hh[i].h.id;
			pp[k] = &b->hh[i].m[m];
			memcpy(area[k++], b->hh[i].h.area_code, sizeof(area[0]));
		}
	if ((rc = dx_store_person_insert_many(g->st, pp, (const char(*)[13])area, np)))
		goto out;
	for (size_t i = 0; i < b->ninc; i++) {
		b->inc[i].household_id = b->hh[b->inc_hh[i]].h.id;
		memcpy(area[i], b->hh[b->inc_hh[i]].h.area_code, sizeof(area[0]));
	}
	if ((rc = dx_store_income_insert_many(g->st, b->inc, (const char(*)[13])area, b->ninc)))
		goto out;
	for (size_t i = 0; i < b->nep; i++) {
		b->ep[i].household_id = b->hh[b->ep_hh[i]].h.id;
		if (b->ep[i].prev_id == -1)
			b->ep[i].prev_id = b->ep[i - 1].id;
		if ((rc = dx_store_episode_insert(g->st, &b->ep[i])))
			goto out;
	}
	for (size_t i = 0; i < b->nms; i++) {
		b->ms[i].household_id = b->hh[b->ms_hh[i]].h.id;
		memcpy(area[i], b->hh[b->ms_hh[i]].h.area_code, sizeof(area[0]));
	}
	if ((rc = dx_store_measure_insert_many(g->st, b->ms, (const char(*)[13])area, b->nms)))
		goto out;
	for (size_t i = 0; i < b->nvi; i++) {
		b->vi[i].household_id = b->hh[b->vi_hh[i]].h.id;
		memcpy(area[i], b->hh[b->vi_hh[i]].h.area_code, sizeof(area[0]));
	}
	if ((rc = dx_store_visit_insert_many(g->st, b->vi, (const char(*)[13])area, b->nvi)))
		goto out;
	for (long j = 0; j < nsample; j++)
		if (pids[j] < 0) {
			const struct dx_person *p = pp[-pids[j] - 1];
			pids[j] = p->id;
			hids[j] = p->household_id;
		}
	b->n = b->ninc = b->nep = b->nms = b->nvi = 0;
	b->np = 0;
out:
	free(ids);
	free(pp);
	free(hp);
	free(d);
	free(area);
	return rc;
}

static void batch_release(struct batch *b)
{
	free(b->hh);
	free(b->inc);
	free(b->inc_hh);
	free(b->ep);
	free(b->ep_hh);
	free(b->ms);
	free(b->ms_hh);
	free(b->vi);
	free(b->vi_hh);
	memset(b, 0, sizeof(*b));
}

static void progress(struct gen *g, long done, long total)
{
	if (g->o->quiet || !g->o->progress)
		return;
	g->o->progress(g->o->arg, done, total);
}

static int generate(struct dx_store *st, void *arg)
{
	struct gen *g = arg;
	long n = g->o->households, sample_n = 0, sample_cap = 4096;
	int64_t *pids = dx_xcalloc((size_t)sample_cap, sizeof(int64_t));
	int64_t *hids = dx_xcalloc((size_t)sample_cap, sizeof(int64_t));
	char(*idnos)[19] = dx_xcalloc((size_t)sample_cap, 19);
	char after[160];
	int rc;
	(void)st;
	if ((rc = make_areas(g)))
		goto out;
	/* a bulk load (store.h): the member and household indexes are built
	 * once the rows are in, the derived household columns recomputed then */
	if ((rc = dx_store_bulk_begin(g->st)))
		goto out;
	g->b.hh = dx_xcalloc(BATCH, sizeof(*g->b.hh));
	for (long i = 0; i < n; i++) {
		struct hh *xp = &g->b.hh[g->b.n++], x;
		int vi = (int)rnd(&g->r, NTOWNSHIPS * NVILLAGES), town = vi / NVILLAGES;
		struct village *v = &g->vil[vi];
		long first = g->b.np; /* the batch's members before this household's */
		memset(&x.h, 0, sizeof(x.h));
		dx_snprintf(x.h.hh_no, sizeof(x.h.hh_no), "%.9s%06ld", v->code, ++g->town_seq[town]);
		dx_strlcpy(x.h.area_code, v->code, sizeof(x.h.area_code));
		dx_snprintf(x.h.group_name, sizeof(x.h.group_name), "%.*s%s组",
			    (int)(strlen(v->name) - 3), v->name, PICK(&g->r, group_nums));
		if (chance(&g->r, 250)) {
			dx_strlcpy(x.h.kind, "脱贫户", sizeof(x.h.kind));
			x.h.tuopin_year = (int)between(&g->r, 2014, 2020);
			x.h.relocated = chance(&g->r, 100);
		} else {
			dx_strlcpy(x.h.kind, "一般户", sizeof(x.h.kind));
		}
		x.h.unsafe_housing = chance(&g->r, 3);
		x.h.dropout = chance(&g->r, 1);
		x.h.unsafe_water = chance(&g->r, 3);
		x.dibao = chance(&g->r, x.h.tuopin_year ? 150 : 40);
		dx_strlcpy(x.dibao_class, x.dibao ? (const char *[]){"A", "B", "B", "C"}[rnd(&g->r, 4)] : "",
			   sizeof(x.dibao_class));
		make_household(g, &x);
		if (x.n == 1 && x.age[0] >= 70 && chance(&g->r, 300))
			x.m[0].tekun = 1;
		*xp = x;
		g->b.np += x.n;
		if ((rc = write_household(g, xp, v, town)))
			goto out;
		/* reservoir sample of members for the warning lists: a slot
		 * gets its member's ids when the batch is written (flush) */
		for (int k = 0; k < xp->n; k++) {
			long j = sample_n < sample_cap ? sample_n : rnd(&g->r, sample_n + 1);
			sample_n++;
			if (j < sample_cap) {
				pids[j] = -(first + k + 1);
				memcpy(idnos[j], xp->m[k].id_no, 19);
			}
		}
		if (g->b.n == BATCH && (rc = flush(g, pids, hids, sample_cap)))
			goto out;
		if ((i + 1) % 5000 == 0 || i + 1 == n)
			progress(g, i + 1, n);
	}
	/* the households come with their derived columns (flush): no
	 * store-wide refresh, which would read every county again */
	if ((rc = flush(g, pids, hids, sample_cap)) || (rc = dx_store_bulk_end(g->st)))
		goto out;
	if ((rc = make_warnings(g, pids, idnos, hids,
				sample_n < sample_cap ? sample_n : sample_cap, sample_n)))
		goto out;
	if ((rc = dx_demo_procedure(g->st, g->county, g->seed, g->o->today)))
		goto out;
	dx_snprintf(after, sizeof(after), "{\"households\":%ld,\"persons\":%ld,\"seed\":%llu}",
		    g->stats->households, g->stats->persons, (unsigned long long)g->seed);
	rc = dx_store_audit(g->st, g->county, "demo", "demo.generate", "county", g->county,
			    NULL, after);
out:
	batch_release(&g->b);
	free(pids);
	free(hids);
	free(idnos);
	return rc;
}

void dx_demo_county_name(const char *code, char *out, size_t size)
{
	if (!strcmp(code, DX_DEMO_COUNTY))
		dx_strlcpy(out, DX_DEMO_COUNTY_NAME, size);
	else
		dx_snprintf(out, size, "示例县%s", code);
}

static int any_account(const struct dx_account *a, void *arg)
{
	(void)a;
	(void)arg;
	return DX_EXISTS;
}

/* The county code after `code` that a province could hold (its province
 * valid, not a city's 00): into next; DX_NOT_FOUND past 999999. */
static int next_county(const char *code, char next[7])
{
	long v = strtol(code, NULL, 10);
	while (++v <= 999999) {
		dx_snprintf(next, 7, "%06ld", v);
		if (dx_area_province_valid(next) && strcmp(next + 4, "00"))
			return DX_OK;
	}
	return DX_NOT_FOUND;
}

/* One county into st, in its own transaction, its figures added to
 * *stats. */
static int generate_county(struct dx_store *st, const struct dx_demo_opts *o,
			   const char *county, uint64_t seed, struct dx_demo_stats *stats)
{
	struct gen *g = dx_xcalloc(1, sizeof(*g));
	struct dx_demo_stats one = {0};
	int rc;
	g->st = st;
	g->o = o;
	g->stats = &one;
	g->seed = seed;
	g->r.s = seed;
	if (dx_date_parse(o->today, strlen(o->today), &g->today)) {
		rc = dx_error(DX_INVALID, "bad anchor date '%s'", o->today);
		goto out;
	}
	g->year = g->today.y - 1;
	dx_strlcpy(g->county, county, sizeof(g->county));
	dx_demo_county_name(g->county, g->county_name, sizeof(g->county_name));
	if (!(rc = dx_store_txn(st, generate, g))) {
		stats->households += one.households;
		stats->persons += one.persons;
		stats->episodes += one.episodes;
		stats->measures += one.measures;
		stats->visits += one.visits;
		stats->warnings += one.warnings;
	}
out:
	free(g->ids.slot);
	free(g);
	return rc;
}

int dx_demo_generate(struct dx_store *st, const struct dx_demo_opts *o, struct dx_demo_stats *stats)
{
	int64_t households = 0;
	char county[7], probe[7];
	long n = o->counties > 1 ? o->counties : 1;
	int rc;
	memset(stats, 0, sizeof(*stats));
	/* a fake county never goes into a real store: only into an empty one */
	if ((rc = dx_store_count(st, "household", "", &households)))
		return rc;
	rc = dx_store_account_list(st, "", any_account, NULL);
	if (households || rc == DX_EXISTS)
		return dx_error(DX_EXISTS, "the store is not empty (%lld households%s)",
				(long long)households, rc == DX_EXISTS ? ", accounts" : "");
	if (rc)
		return rc;
	if (o->county[0] && (strlen(o->county) != 6 || strspn(o->county, "0123456789") != 6 ||
			     !dx_area_province_valid(o->county) || !strcmp(o->county + 4, "00")))
		return dx_error(DX_INVALID, "bad demo county code");
	if (o->counties < 0 || o->counties > DX_DEMO_COUNTIES_MAX)
		return dx_error(DX_INVALID, "bad number of demo counties %ld", o->counties);
	dx_strlcpy(county, o->county[0] ? o->county : DX_DEMO_COUNTY, sizeof(county));
	/* every code exists before anything is written */
	dx_strlcpy(probe, county, sizeof(probe));
	for (long k = 1; k < n; k++)
		if (next_county(probe, probe))
			return dx_error(DX_INVALID, "fewer than %ld county codes from %s", n, county);
	for (long k = 0; k < n && !rc; k++) {
		if (k && (rc = next_county(county, county)))
			break;
		if ((rc = generate_county(st, o, county, o->seed + (uint64_t)k, stats)))
			break;
		if (o->county_done)
			o->county_done(o->arg, county, k + 1, n);
	}
	if (rc && n == 1)
		memset(stats, 0, sizeof(*stats));
	else if (!rc)
		rc = dx_store_analyze(st);
	return rc;
}
