/*
 * test_import.c - the ledger templates (header matching, cell parsers) and
 * the import engine on the sample ledgers (problems on their rows,
 * atomicity, idempotent re-import).
 */
#include "core/dx.h"
#include "app/import.h"
#include "io/template.h"
#include "store/store.h"
#include "testutil.h"

struct probs {
	int n;
	char msg[16][256];
	int col[16];
};

static void collect(void *arg, int col, const char *msg)
{
	struct probs *p = arg;
	if (p->n < 16) {
		p->col[p->n] = col;
		dx_strlcpy(p->msg[p->n], msg, sizeof(p->msg[0]));
	}
	p->n++;
}

static void hdr_cb(void *arg, int col, const char *h, const char *msg, int err)
{
	struct probs *p = arg;
	(void)h;
	(void)err;
	collect(arg, col, msg);
	(void)p;
}

static void map(struct dx_header *h, const char *kind, const char *const *cells, size_t n,
		struct probs *p)
{
	size_t lens[64];
	for (size_t i = 0; i < n; i++)
		lens[i] = strlen(cells[i]);
	dx_header_map(h, dx_template_find(kind), cells, lens, n, hdr_cb, p);
}

static int parse(const struct dx_header *h, const char *const *cells, size_t n,
		 struct dx_rowval *rv, struct probs *p)
{
	size_t lens[64];
	for (size_t i = 0; i < n; i++)
		lens[i] = strlen(cells[i]);
	memset(p, 0, sizeof(*p));
	return dx_row_parse(h, cells, lens, n, rv, collect, p);
}

static void test_header(void **state)
{
	static const char *const title[] = {"示例乡2023年台账", "", ""};
	static const char *const head[] = {"序号", " 行政区划代码 ", "户编号*", "户类型", "姓名",
					   "身份证号码", "与户主关系", "务工时间(月)", "备用"};
	size_t lens[9];
	struct dx_header h;
	struct probs p = {0};
	(void)state;
	for (int i = 0; i < 3; i++)
		lens[i] = strlen(title[i]);
	assert_true(dx_header_score(dx_template_find("persons"), title, lens, 3) < 2);
	map(&h, "persons", head, 9, &p);
	assert_int_equal(p.n, 1); /* 备用: unknown, a warning */
	assert_int_equal(p.col[0], 8);
	assert_int_equal(h.col_of[DX_P_AREA], 1);
	assert_int_equal(h.col_of[DX_P_HHNO], 2);
	assert_int_equal(h.col_of[DX_P_ID], 5);
	assert_int_equal(h.col_of[DX_P_WMONTHS], 7);
	assert_int_equal(h.col_of[DX_P_HEALTH], -1);
	dx_header_release(&h);
	/* a missing required column is an error */
	memset(&p, 0, sizeof(p));
	map(&h, "persons", head + 2, 3, &p);
	assert_true(p.n >= 3);
	assert_non_null(strstr(p.msg[0], "缺少必填列"));
	dx_header_release(&h);
}

static void test_cells(void **state)
{
	static const char *const head[] = {"区划代码", "户编号", "户类型", "姓名", "证件号码",
					   "与户主关系", "健康状况", "致贫返贫风险", "识别监测时间",
					   "是否享受低保", "脱贫年度"};
	const char *row[11] = {"５３２３２６１０６００１", "532326106000001", "一般农户", "罗涛",
			       "53232619681002003x", "户主", "残疾、患有大病", "因病,因残；因学",
			       "2023年5月", "√", ""};
	struct dx_header h;
	struct dx_rowval rv;
	struct probs p = {0};
	(void)state;
	map(&h, "persons", head, 11, &p);
	row[4] = "532326196810020031";
	assert_int_equal(parse(&h, row, 11, &rv, &p), 0);
	assert_string_equal(rv.text[DX_P_AREA], "532326106001");
	assert_string_equal(rv.text[DX_P_KIND], "一般户");
	assert_string_equal(rv.text[DX_P_HEALTH], "患有大病,残疾");
	assert_string_equal(rv.text[DX_P_RISKS], "因病、因残、因学");
	assert_string_equal(rv.text[DX_P_IDENT], "2023-05");
	assert_int_equal(rv.num[DX_P_DIBAO], 1);
	assert_int_equal(rv.num[DX_P_TPYEAR], -1);
	/* lower-case x and a full-width space are normalised */
	row[4] = "　11010519491231002x";
	assert_int_equal(parse(&h, row, 11, &rv, &p), 0);
	assert_string_equal(rv.text[DX_P_ID], "11010519491231002X");
	/* a masked ID, a bad check digit, a bad code, six risks: one message each */
	row[4] = "532326********0031";
	assert_int_equal(parse(&h, row, 11, &rv, &p), 1);
	assert_non_null(strstr(p.msg[0], "已打码"));
	row[4] = "532326196810020030";
	row[5] = "表哥";
	row[7] = "因病、因残、因学、其他、缺劳动力、因意外事故";
	row[10] = "2023";
	assert_int_equal(parse(&h, row, 11, &rv, &p), 4);
	/* in the template's column order */
	assert_non_null(strstr(p.msg[0], "2014 到 2020"));
	assert_string_equal(p.msg[1], "校验位错误（应为 1）");
	assert_non_null(strstr(p.msg[2], "\"表哥\" 不是有效值"));
	assert_string_equal(p.msg[3], "最多填写 5 项");
	/* 健康 cannot come with an illness */
	row[4] = "532326196810020031";
	row[5] = "户主";
	row[6] = "健康,残疾";
	row[7] = "因病";
	row[10] = "2018";
	assert_int_equal(parse(&h, row, 11, &rv, &p), 1);
	dx_header_release(&h);
}

static void test_money_and_free_text(void **state)
{
	static const char *const head[] = {"户编号", "措施类别", "具体措施", "状态", "金额"};
	const char *row[5] = {"ＡＢ１", "健康帮扶", "医疗救助，住院", "已完成", "1,200元"};
	struct dx_header h;
	struct dx_rowval rv;
	struct probs p = {0};
	(void)state;
	map(&h, "measures", head, 5, &p);
	assert_int_equal(parse(&h, row, 5, &rv, &p), 0);
	assert_string_equal(rv.text[DX_M_HHNO], "AB1");
	assert_string_equal(rv.text[DX_M_DETAIL], "医疗救助，住院"); /* punctuation kept */
	assert_string_equal(rv.text[DX_M_STATUS], "已落实");
	assert_int_equal(rv.num[DX_M_AMOUNT], 120000);
	row[3] = "";
	assert_int_equal(parse(&h, row, 5, &rv, &p), 1);
	assert_string_equal(p.msg[0], "必填项为空，请填写");
	dx_header_release(&h);
}

struct seen {
	long rows[32];
	char cols[32][64];
	int n;
};

static void on_problem(void *arg, const struct dx_problem *pr)
{
	struct seen *s = arg;
	if (s->n < 32) {
		s->rows[s->n] = pr->row;
		dx_strlcpy(s->cols[s->n], pr->column, sizeof(s->cols[0]));
	}
	s->n++;
}

static int64_t count(struct dx_store *st, const char *t)
{
	int64_t n = -1;
	assert_int_equal(dx_store_count(st, t, "", &n), 0);
	return n;
}

static void test_run(void **state)
{
	char db[64];
	struct dx_store *st;
	struct dx_import_result r;
	struct seen s = {0};
	struct dx_import_opts o = {.kind = "persons",
				   .path = "../shared/data/persons_dirty.csv",
				   .actor = "test",
				   .problem = on_problem,
				   .arg = &s};
	int want[] = {6, 10, 12, 15, 23}, found;
	(void)state;
	tu_tmpdb(db);
	assert_int_equal(dx_store_open(&st, db, DX_STORE_CREATE), 0);
	assert_int_equal(dx_import_run(st, &o, &r), DX_INVALID);
	for (size_t i = 0; i < DX_ARRAY_SIZE(want); i++) {
		found = 0;
		for (int k = 0; k < s.n && k < 32; k++)
			found |= s.rows[k] == want[i];
		assert_true(found);
	}
	for (int k = 0; k < s.n && k < 32; k++)
		assert_true(s.rows[k] != 18);
	assert_int_equal(r.nproblems, (size_t)s.n);
	dx_import_result_release(&r);
	assert_int_equal(count(st, "person"), 0);
	/* keep-valid keeps 26 households */
	o.keep_valid = 1;
	o.problem = NULL;
	assert_int_equal(dx_import_run(st, &o, &r), DX_INVALID);
	assert_int_equal(r.rejected, 4);
	dx_import_result_release(&r);
	assert_int_equal(count(st, "household"), 26);
	/* the clean ledger on top: the 4 missing households come in, the
	 * rest is unchanged; a second run changes nothing */
	o.keep_valid = 0;
	o.path = "../shared/data/persons.xlsx";
	assert_int_equal(dx_import_run(st, &o, &r), 0);
	assert_int_equal(r.added, 4);
	assert_int_equal(r.units, 30);
	dx_import_result_release(&r);
	assert_int_equal(dx_import_run(st, &o, &r), 0);
	assert_int_equal(r.unchanged, 30);
	assert_int_equal(r.p_unchanged, 111);
	dx_import_result_release(&r);
	dx_store_close(st);
	tu_rm(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_money_and_free_text),
		cmocka_unit_test(test_run),
	};
	dx_log_set_level(DX_LOG_NONE);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
