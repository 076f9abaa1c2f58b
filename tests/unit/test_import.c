/*
 * test_import.c - the ledger templates (header matching, cell parsers) and
 * the import engine on the sample ledgers (problems on their rows,
 * atomicity, idempotent re-import).
 */
#include "core/dx.h"
#include "app/account.h"
#include "app/import.h"
#include "io/template.h"
#include "store/derived.h"
#include "store/store.h"
#include "testutil.h"
#include "app/ctx.h"

#include <sqlite3.h>

struct probs {
	int n;
	char msg[16][256];
	int col[16];
};


/* dx_import_run acting as account `as` (its request context, app/ctx.h). */
static int run_as(struct dx_store *s, const char *as, const struct dx_import_opts *o,
		  struct dx_import_result *r)
{
	struct dx_ctx cx;
	int rc = dx_ctx_init(&cx, s, as, tu_today());
	return rc ? rc : dx_import_run(&cx, o, r);
}

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
	return dx_row_parse(h, tu_today(), cells, lens, n, rv, collect, p);
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

/* Imports need a 经办 account (app/account.h): the store's first, a county
 * one, made by its local owner. */
static void test_account(struct dx_store *st)
{
	struct dx_buf why = DX_BUF_INIT;
	assert_int_equal(tu_account_add(st, "test", "县", "532326", NULL, NULL, &why), DX_OK);
	dx_buf_release(&why);
}

static void test_run(void **state)
{
	char db[64];
	struct dx_store *st;
	struct dx_import_result r;
	struct seen s = {0};
	struct dx_import_opts o = {.kind = "persons",
				   .path = "../shared/data/persons_dirty.csv",
				   .problem = on_problem,
				   .arg = &s};
	int want[] = {6, 10, 12, 15, 23}, found;
	(void)state;
	tu_tmpdb(db);
	assert_int_equal(dx_store_open(&st, db, DX_STORE_CREATE), 0);
	test_account(st);
	assert_int_equal(run_as(st, "test", &o, &r), DX_INVALID);
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
	assert_int_equal(run_as(st, "test", &o, &r), DX_INVALID);
	assert_int_equal(r.rejected, 4);
	dx_import_result_release(&r);
	assert_int_equal(count(st, "household"), 26);
	/* the clean ledger on top: the 4 missing households come in, the
	 * rest is unchanged; a second run changes nothing */
	o.keep_valid = 0;
	o.path = "../shared/data/persons.xlsx";
	assert_int_equal(run_as(st, "test", &o, &r), 0);
	assert_int_equal(r.added, 4);
	assert_int_equal(r.units, 30);
	dx_import_result_release(&r);
	assert_int_equal(run_as(st, "test", &o, &r), 0);
	assert_int_equal(r.unchanged, 30);
	assert_int_equal(r.p_unchanged, 111);
	dx_import_result_release(&r);
	dx_store_close(st);
	tu_rm(db);
}

/* ---- issue 13.2: problems are bounded; the wrong template stops ---- */
static void write_junk_ledger(const char *path, int good, int junk)
{
	FILE *in = fopen("../shared/data/persons_utf8bom.csv", "rb"), *out = fopen(path, "wb");
	char line[4096];
	int n = 0;
	assert_non_null(in);
	assert_non_null(out);
	while (fgets(line, sizeof(line), in))
		if (n++ < 2 || good)
			fputs(line, out); /* title, header, and the 111 rows if good */
	for (int i = 0; i < junk; i++)
		fputs("甲,乙,丙,丁,戊,己,庚,辛,壬,癸,子,丑\n", out);
	fclose(in);
	fclose(out);
}

static void test_bounds(void **state)
{
	char db[64], csv[80];
	struct dx_store *st;
	struct dx_import_result r;
	struct seen s = {0};
	struct dx_import_opts o = {.kind = "persons", .path = csv,
				   .problem = on_problem, .arg = &s};
	(void)state;
	tu_tmpdb(db);
	dx_snprintf(csv, sizeof(csv), "%s.csv", db);
	assert_int_equal(dx_store_open(&st, db, DX_STORE_CREATE), 0);
	test_account(st);
	/* 3000 junk rows of 5 errors each after the good ones */
	write_junk_ledger(csv, 1, 3000);
	assert_int_equal(run_as(st, "test", &o, &r), DX_INVALID);
	assert_int_equal(s.n, DX_IMPORT_SHOW_MAX);
	assert_int_equal(r.nproblems, DX_IMPORT_KEEP_MAX);
	assert_int_equal(r.errors, 15001); /* and the junk household has no 户主 */
	assert_int_equal(r.not_shown, r.errors - DX_IMPORT_SHOW_MAX);
	assert_int_equal(r.not_kept, r.errors - DX_IMPORT_KEEP_MAX);
	assert_false(r.stopped);
	dx_import_result_release(&r);
	/* junk from the first row: stopped after the probe, nothing kept */
	write_junk_ledger(csv, 0, 3000);
	for (int kv = 0; kv < 2; kv++) {
		memset(&s, 0, sizeof(s));
		o.keep_valid = kv;
		assert_int_equal(run_as(st, "test", &o, &r), DX_INVALID);
		assert_true(r.stopped);
		assert_int_equal(r.rows, DX_IMPORT_PROBE_ROWS);
		assert_int_equal(r.problems[0].row, 0); /* the word on the file */
		dx_import_result_release(&r);
		assert_int_equal(count(st, "person"), 0);
	}
	dx_store_close(st);
	tu_rm(db);
	unlink(csv);
}

/* ---- issue 11.16: a dry run counts what the real run does ---- */
static void test_dry_run_counts(void **state)
{
	static const char *const files[] = {"../shared/data/persons_dirty.csv",
					    "../shared/data/persons_utf8bom.csv"};
	char db[64];
	struct dx_store *st;
	struct dx_import_result d, r;
	struct dx_import_opts o = {.kind = "persons"};
	(void)state;
	tu_tmpdb(db);
	assert_int_equal(dx_store_open(&st, db, DX_STORE_CREATE), 0);
	test_account(st);
	for (int pass = 0; pass < 2; pass++) /* into an empty store, then a full one */
		for (size_t f = 0; f < DX_ARRAY_SIZE(files); f++)
			for (int kv = 0; kv < 2; kv++) {
				int drc, rrc;
				o.path = files[f];
				o.keep_valid = kv;
				o.dry_run = 1;
				drc = run_as(st, "test", &o, &d);
				o.dry_run = 0;
				/* the real run only on the second pass: the first compares
				 * against a store left as it was */
				if (!pass) {
					int64_t n = count(st, "person");
					assert_int_equal(n, 0);
					dx_import_result_release(&d);
					continue;
				}
				rrc = run_as(st, "test", &o, &r);
				assert_int_equal(drc, rrc);
				assert_int_equal(d.rows, r.rows);
				assert_int_equal(d.units, r.units);
				assert_int_equal(d.added, r.added);
				assert_int_equal(d.updated, r.updated);
				assert_int_equal(d.unchanged, r.unchanged);
				assert_int_equal(d.p_added, r.p_added);
				assert_int_equal(d.p_updated, r.p_updated);
				assert_int_equal(d.p_unchanged, r.p_unchanged);
				assert_int_equal(d.rejected, r.rejected);
				assert_int_equal(d.errors, r.errors);
				dx_import_result_release(&d);
				dx_import_result_release(&r);
			}
	dx_store_close(st);
	tu_rm(db);
}

/* ---- a bulk load keeps the household columns derived from members ---- */
static const char bulk_header[] =
	"区划代码,县(市、区),乡(镇),行政村,村民小组,户编号,户类型,脱贫年度,姓名,证件号码,"
	"与户主关系,民族,政治面貌,文化程度,在校生状况,健康状况,劳动技能,务工所在地,"
	"务工时间（月）,是否参加城乡居民基本医疗保险,是否参加城镇职工基本医疗保险,是否享受低保,"
	"低保类别,是否特困供养人员,是否享受残疾人两项补贴,联系电话\n";

/* Member k (k < 1000) of the generated ledgers: a valid 身份证 of its own. */
static void bulk_id(int k, char out[19])
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	dx_snprintf(out, 19, "532326%04d%02d%02d%03d", 1960 + k / 336, k / 28 % 12 + 1,
		    k % 28 + 1, k);
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

/* Member k of household hh: 户主 first, then 配偶 and 之子. */
static void bulk_row(FILE *f, int hh, int k, int rank, const char *health, const char *labour)
{
	static const char *const rel[] = {"户主", "配偶", "之子", "之女"};
	char id[19];
	bulk_id(k, id);
	fprintf(f,
		"532326106001,大姚县,示例乡,青山村,青山一组,5323261060%05d,一般户,,张三,%s,%s,"
		"汉族,群众,小学,,%s,%s,,,%s,否,否,,否,否,\n",
		hh, id, rel[rank], health, labour, rank == 2 ? "否" : "是");
}

static void bulk_import(struct dx_store *st, const char *path)
{
	struct dx_import_result r;
	struct dx_import_opts o = {.kind = "persons", .path = path};
	int64_t stale = -1;
	int rc = run_as(st, "test", &o, &r);
	for (size_t i = 0; i < r.nproblems; i++)
		print_message("%s:%ld:%s: %s\n", path, r.problems[i].row, r.problems[i].column,
			      r.problems[i].msg);
	assert_int_equal(rc, 0);
	assert_int_equal(r.errors, 0);
	dx_import_result_release(&r);
	assert_int_equal(dx_store_derived_stale(st, &stale), DX_OK);
	assert_int_equal(stale, 0);
}

static int64_t hh_col(const char *db, int hh, const char *col)
{
	char sql[128];
	sqlite3 *d;
	sqlite3_stmt *q;
	int64_t v = -1;
	dx_snprintf(sql, sizeof(sql), "SELECT %s FROM household WHERE hh_no = '5323261060%05d'",
		    col, hh);
	assert_int_equal(sqlite3_open(db, &d), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(d, sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(d);
	return v;
}

/*
 * A first import into an empty store switches to a bulk load after 64
 * members (triggers dropped: the importer folds the derived columns, and
 * inserts members 128 at a time, so households straddle batches); a
 * second one, larger than the store, adds households (one of them listed
 * in two places), adds a member to a stored household and changes
 * another's health after its switch: the store recomputes those.  Every
 * household's derived columns must equal what its members give.
 */
static void test_bulk_keeps_derived(void **state)
{
	char db[64], csv[64];
	struct dx_store *st;
	FILE *f;
	int k = 0;
	(void)state;
	tu_tmpdb(db);
	tu_tmpdb(csv);
	assert_int_equal(dx_store_open(&st, db, DX_STORE_CREATE), 0);
	test_account(st);
	assert_non_null(f = fopen(csv, "w"));
	fputs(bulk_header, f);
	for (int hh = 1; hh <= 150; hh++)
		for (int m = 0; m < 3; m++, k++)
			bulk_row(f, hh, k, m, m == 1 ? "残疾" : "健康", "普通劳动力");
	fclose(f);
	bulk_import(st, csv);
	assert_int_equal(hh_col(db, 1, "members"), 3);
	assert_int_equal(hh_col(db, 150, "members"), 3);
	assert_non_null(f = fopen(csv, "w"));
	fputs(bulk_header, f);
	bulk_row(f, 300, 900, 0, "健康", "普通劳动力"); /* 300's first row, */
	for (int hh = 201; hh <= 250; hh++)
		for (int m = 0; m < 3; m++)
			bulk_row(f, hh, 500 + (hh - 201) * 3 + m, m, "健康", "无劳动力");
	bulk_row(f, 300, 901, 1, "长期慢性病", "普通劳动力"); /* and its second */
	for (int hh = 1, j = 0; hh <= 40; hh++)
		for (int m = 0; m < 3; m++, j++)
			bulk_row(f, hh, j, m, m == 1 ? "残疾" : hh == 7 ? "患有大病" : "健康",
				 "普通劳动力");
	bulk_row(f, 9, 950, 3, "健康", "普通劳动力"); /* a new member of a stored household */
	fclose(f);
	bulk_import(st, csv);
	assert_int_equal(hh_col(db, 9, "members"), 4);
	assert_int_equal(hh_col(db, 300, "members"), 2);
	assert_int_equal(hh_col(db, 300, "msum & 2"), 2);  /* 长期慢性病 */
	assert_int_equal(hh_col(db, 7, "msum & 2"), 2);    /* 患有大病, changed */
	assert_int_equal(hh_col(db, 201, "msum & 16"), 0); /* 无劳动力 */
	assert_int_equal(count(st, "person"), 450 + 150 + 2 + 1);
	dx_store_close(st);
	tu_rm(db);
	unlink(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_money_and_free_text),
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_dry_run_counts),
		cmocka_unit_test(test_bulk_keeps_derived),
	};
	dx_log_set_level(DX_LOG_NONE);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
