/*
 * test_sheet.c - the streaming sheet reader (src/io/sheet.c, csv_read.c,
 * xlsx_read.c): the sample ledger in its three encodings, CSV quoting and
 * encodings, xlsx cell types and layout, and bad input.
 */
#include "core/dx.h"
#include "core/strbuf.h"
#include "io/sheet.h"
#include "io/sheet_int.h"

#include <iconv.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define DATA "../shared/data/"

struct trow {
	long rownum;
	size_t n;
	char **cells;
};

struct table {
	struct trow *rows;
	size_t nrows;
	char format[16];
	int rc;            /* how reading ended: DX_NOT_FOUND when complete */
	struct dx_err_info err; /* and why, as an error value */
	const char *why;   /* err's reason, NULL without one */
};

/* The reason in an error value, NULL when there is none. */
#define WHY(e) ((e).code && (e).msg[0] ? (e).msg : NULL)

static void table_release(struct table *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t k = 0; k < t->rows[i].n; k++)
			free(t->rows[i].cells[k]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

/* Read every row of an open sheet into t, then free the sheet. */
static void slurp(struct dx_sheet *sh, struct table *t)
{
	struct dx_row row;
	struct dx_err_info err;
	int rc;

	dx_strlcpy(t->format, dx_sheet_format(sh), sizeof(t->format));
	while (!(rc = dx_sheet_next(sh, &row, &err))) {
		struct trow *r;

		assert_int_equal(err.code, DX_OK);
		assert_null(WHY(err));
		t->rows = dx_xrealloc(t->rows, (t->nrows + 1) * sizeof(*t->rows));
		r = &t->rows[t->nrows++];
		r->rownum = row.rownum;
		r->n = row.ncells;
		r->cells = dx_xcalloc(row.ncells + 1, sizeof(char *));
		for (size_t k = 0; k < row.ncells; k++) {
			assert_int_equal(strlen(row.cells[k]), row.lens[k]);
			r->cells[k] = dx_xstrndup(row.cells[k], row.lens[k]);
		}
		if (row.ncells)
			assert_true(row.lens[row.ncells - 1] > 0);
	}
	t->rc = rc;
	t->err = err;
	t->why = WHY(t->err);
	dx_strlcpy(t->format, dx_sheet_format(sh), sizeof(t->format));
	if (rc != DX_NOT_FOUND) {
		assert_non_null(t->why);
		assert_int_equal(t->err.code, rc);
	}
	/* errors are sticky, the end stays the end */
	assert_int_equal(dx_sheet_next(sh, &row, &err), rc);
	dx_sheet_free(sh);
}

static void read_path(const char *path, struct table *t)
{
	struct dx_sheet *sh = NULL;
	struct dx_err_info err;
	int rc;

	memset(t, 0, sizeof(*t));
	if (access(path, R_OK))
		fail_msg("sample '%s' is missing (tests run from the repo root)", path);
	rc = dx_sheet_open(&sh, path, &err);
	if (rc)
		fail_msg("cannot open '%s': %s", path, err.msg);
	slurp(sh, t);
	assert_int_equal(t->rc, DX_NOT_FOUND);
}

/* Open and read a buffer; returns the open error, or 0 with t filled. */
static int read_mem(const void *p, size_t len, struct table *t)
{
	struct dx_sheet *sh = NULL;
	struct dx_err_info err;
	int rc;

	memset(t, 0, sizeof(*t));
	rc = dx_sheet_open_mem(&sh, p, len, &err);
	if (rc) {
		assert_null(sh);
		assert_int_equal(err.code, rc);
		t->rc = rc;
		t->err = err;
		t->why = WHY(t->err);
		assert_non_null(t->why);
		return rc;
	}
	assert_null(WHY(err));
	slurp(sh, t);
	return 0;
}

static void expect_row(const struct table *t, size_t i, long rownum, size_t n, ...)
{
	va_list ap;

	if (i >= t->nrows)
		fail_msg("row %zu missing (%zu rows)", i, t->nrows);
	assert_int_equal(t->rows[i].rownum, rownum);
	if (t->rows[i].n != n)
		fail_msg("row %ld: %zu cells, want %zu", rownum, t->rows[i].n, n);
	va_start(ap, n);
	for (size_t k = 0; k < n; k++)
		assert_string_equal(t->rows[i].cells[k], va_arg(ap, const char *));
	va_end(ap);
}

/* The row numbered rownum, or NULL. */
static const struct trow *find_row(const struct table *t, long rownum)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].rownum == rownum)
			return &t->rows[i];
	return NULL;
}

/* Every non-blank row of a is in b with the same cells, and vice versa. */
static void same_rows(const struct table *a, const struct table *b, const char *what)
{
	for (size_t i = 0; i < a->nrows; i++) {
		const struct trow *ra = &a->rows[i], *rb = find_row(b, ra->rownum);

		if (!rb) {
			if (ra->n)
				fail_msg("%s: row %ld missing", what, ra->rownum);
			continue;
		}
		if (ra->n != rb->n)
			fail_msg("%s: row %ld has %zu and %zu cells", what, ra->rownum,
				 ra->n, rb->n);
		for (size_t k = 0; k < ra->n; k++)
			if (strcmp(ra->cells[k], rb->cells[k]))
				fail_msg("%s: row %ld cell %zu: \"%s\" vs \"%s\"", what,
					 ra->rownum, k + 1, ra->cells[k], rb->cells[k]);
	}
}

static void test_samples_identical(void **state)
{
	struct table bom, gb, xl;

	read_path(DATA "persons_utf8bom.csv", &bom);
	read_path(DATA "persons_gb18030.csv", &gb);
	read_path(DATA "persons.xlsx", &xl);
	assert_string_equal(bom.format, "utf-8-bom");
	assert_string_equal(gb.format, "gb18030");
	assert_string_equal(xl.format, "xlsx");

	/* title row 1 (merged in the xlsx: one cell), header row 2 */
	assert_true(bom.nrows > 30);
	expect_row(&bom, 0, 1, 1, "示例乡2023年防返贫监测户成员台账");
	assert_int_equal(bom.rows[1].rownum, 2);
	assert_string_equal(bom.rows[1].cells[0], "区划代码");
	assert_string_equal(bom.rows[1].cells[9], "证件号码");
	assert_string_equal(bom.rows[2].cells[9], "532326196810020031");
	for (size_t i = 0; i < bom.nrows; i++)
		assert_int_equal(bom.rows[i].rownum, (long)i + 1);

	same_rows(&bom, &gb, "utf-8-bom vs gb18030");
	same_rows(&gb, &bom, "gb18030 vs utf-8-bom");
	same_rows(&bom, &xl, "csv vs xlsx");
	same_rows(&xl, &bom, "xlsx vs csv");
	assert_non_null(find_row(&xl, 1));
	assert_non_null(find_row(&xl, 2));
	table_release(&bom);
	table_release(&gb);
	table_release(&xl);
}

static void test_other_samples(void **state)
{
	static const char *const names[] = {"persons_dirty.csv", "incomes.csv",
					    "warnings_medical.csv"};

	for (size_t i = 0; i < DX_ARRAY_SIZE(names); i++) {
		char path[256];
		struct table t;

		dx_snprintf(path, sizeof(path), DATA "%s", names[i]);
		read_path(path, &t);
		assert_true(t.nrows >= 2);
		table_release(&t);
	}
}

static void test_csv_quoting(void **state)
{
	static const char csv[] = "a,\"b,c\",\"x\r\ny\"\r\n"
				  "\"q\"\"q\", sp ,2\n"
				  "\n"
				  ",,\r\n"
				  "\r\n"
				  "\"\",\"\"\n"
				  "last";
	struct table t;

	assert_int_equal(read_mem(csv, strlen(csv), &t), 0);
	assert_int_equal(t.rc, DX_NOT_FOUND);
	assert_string_equal(t.format, "utf-8");
	assert_int_equal(t.nrows, 7);
	expect_row(&t, 0, 1, 3, "a", "b,c", "x\r\ny");
	expect_row(&t, 1, 2, 3, "q\"q", " sp ", "2");
	expect_row(&t, 2, 3, 0);
	expect_row(&t, 3, 4, 0);
	expect_row(&t, 4, 5, 0);
	expect_row(&t, 5, 6, 0);
	expect_row(&t, 6, 7, 1, "last");
	table_release(&t);

	/* a lone CR ends a record too; a BOM alone is an empty file */
	assert_int_equal(read_mem("a\rb\r", 4, &t), 0);
	expect_row(&t, 0, 1, 1, "a");
	expect_row(&t, 1, 2, 1, "b");
	assert_int_equal(t.nrows, 2);
	table_release(&t);
	assert_int_equal(read_mem("\xef\xbb\xbf", 3, &t), 0);
	assert_int_equal(t.nrows, 0);
	assert_string_equal(t.format, "utf-8-bom");
	table_release(&t);
	/* GB18030's own BOM goes too */
	assert_int_equal(read_mem("\x84\x31\x95\x33\xd6\xd0,a\n", 9, &t), 0);
	assert_string_equal(t.format, "gb18030");
	expect_row(&t, 0, 1, 2, "中", "a");
	table_release(&t);
	assert_int_equal(read_mem("", 0, &t), 0);
	assert_int_equal(t.nrows, 0);
	table_release(&t);
}

static char *convert(const char *to, const char *from, const char *s, size_t len,
		     size_t *outlen)
{
	iconv_t cd = iconv_open(to, from);
	size_t alloc = 4 * len + 16, left = alloc;
	char *out = dx_xmalloc(alloc), *o = out, *in = (char *)s;

	assert_true(cd != (iconv_t)-1);
	assert_int_not_equal(iconv(cd, &in, &len, &o, &left), (size_t)-1);
	iconv_close(cd);
	*outlen = alloc - left;
	return out;
}

/*
 * Rows of cells "中𠀀" (2 + 4 bytes in GB18030) joined by ',' and '\n':
 * a 7-byte period, so over seven shifts every split of both characters
 * falls on every chunk boundary.
 */
static void test_gb18030_chunk_boundary(void **state)
{
	static const char cell[] = "中𠀀";
	const size_t per_row = 500, rows = 60; /* ~210 KB: three chunks */

	for (size_t shift = 0; shift < 7; shift++) {
		struct dx_buf u = DX_BUF_INIT;
		struct table t;
		size_t glen;
		char *gb;

		for (size_t i = 0; i < shift; i++)
			dx_buf_addch(&u, 'x');
		for (size_t r = 0; r < rows; r++)
			for (size_t k = 0; k < per_row; k++) {
				dx_buf_adds(&u, cell);
				dx_buf_addch(&u, k + 1 < per_row ? ',' : '\n');
			}
		gb = convert("GB18030", "UTF-8", u.buf, u.len, &glen);
		assert_true(glen > 3 * 65536 - 20000);
		assert_int_equal(read_mem(gb, glen, &t), 0);
		assert_int_equal(t.rc, DX_NOT_FOUND);
		assert_string_equal(t.format, "gb18030");
		assert_int_equal(t.nrows, rows);
		for (size_t r = 0; r < rows; r++) {
			assert_int_equal(t.rows[r].n, per_row);
			for (size_t k = r ? 0 : 1; k < per_row; k++)
				if (strcmp(t.rows[r].cells[k], cell))
					fail_msg("shift %zu row %zu cell %zu: \"%s\"", shift, r, k,
						 t.rows[r].cells[k]);
		}
		table_release(&t);

		/* the same text as UTF-8 reads the same */
		assert_int_equal(read_mem(u.buf, u.len, &t), 0);
		assert_string_equal(t.format, "utf-8");
		assert_int_equal(t.nrows, rows);
		assert_string_equal(t.rows[rows - 1].cells[per_row - 1], cell);
		table_release(&t);
		free(gb);
		dx_buf_release(&u);
	}
}

/*
 * UTF-8 is checked 8 ASCII bytes or one CJK character at a time: a bad
 * sequence (or a NUL) is found at every offset past the first chunk, and
 * the valid edge cases of each fast path still read.
 */
static void test_utf8_fast_paths(void **state)
{
	static const char *const bad[] = {
		"\0", "\xed\xa0\x80", "\xe0\x80\x80", "\xc0\xaf", "\xf4\x90\x80\x80",
		"\xe4\xb8" "a", "\xe4" "ab", "\x80", "\xff",
	};
	static const char *const good[] = {
		"\xee\x80\x80", "\xef\xbf\xbf", "\xe1\x80\x80", "\xec\xbf\xbf",
		"\xed\x9f\xbf", "\xe0\xa0\x80", "\xf0\x9f\x98\x80", "\x7f", "\x01",
	};
	for (size_t shift = 0; shift < 9; shift++) {
		for (size_t i = 0; i < DX_ARRAY_SIZE(bad) + DX_ARRAY_SIZE(good); i++) {
			int is_bad = i < DX_ARRAY_SIZE(bad);
			const char *x = is_bad ? bad[i] : good[i - DX_ARRAY_SIZE(bad)];
			size_t xl = x[0] ? strlen(x) : 1;
			struct dx_buf b = DX_BUF_INIT;
			struct table t;
			char want[16];

			dx_buf_adds(&b, "中文,x\n");
			for (int r = 0; r < 5000; r++)
				dx_buf_adds(&b, "12345678,abcdefg,中文\n");
			for (size_t k = 0; k < shift; k++)
				dx_buf_addch(&b, 'y');
			dx_buf_add(&b, x, xl);
			dx_buf_adds(&b, "abcdefghijklmnop\n");
			assert_int_equal(read_mem(b.buf, b.len, &t), 0);
			if (is_bad) {
				if (t.rc != DX_INVALID)
					fail_msg("bad %zu at shift %zu read", i, shift);
			} else {
				assert_int_equal(t.rc, DX_NOT_FOUND);
				assert_int_equal(t.nrows, 5002);
				memset(want, 'y', shift);
				memcpy(want + shift, x, xl);
				want[shift + xl] = '\0';
				assert_memory_equal(t.rows[5001].cells[0], want, shift + xl);
			}
			table_release(&t);
			dx_buf_release(&b);
		}
	}
}

/* ASCII for more than a chunk, then GB18030: decided where it shows. */
static void test_late_non_ascii(void **state)
{
	struct dx_buf b = DX_BUF_INIT;
	struct table t;

	for (int i = 0; i < 10000; i++)
		dx_buf_adds(&b, "12345,abc\n");
	dx_buf_add(&b, "\xd6\xd0,\xce\xc4\n", 6); /* 中,文 */
	assert_int_equal(read_mem(b.buf, b.len, &t), 0);
	assert_int_equal(t.rc, DX_NOT_FOUND);
	assert_string_equal(t.format, "gb18030");
	expect_row(&t, 10000, 10001, 2, "中", "文");
	table_release(&t);
	dx_buf_release(&b);
}

static void test_csv_bad(void **state)
{
	struct dx_buf b = DX_BUF_INIT;
	struct table t;

	/* neither UTF-8 nor GB18030: refused on the row it is in (issue
	 * 13.7: the rows before it are read first) */
	assert_int_equal(read_mem("a,\xff\xff\n", 5, &t), 0);
	assert_int_equal(t.rc, DX_INVALID);
	assert_int_equal(t.nrows, 0);
	assert_non_null(strstr(t.why, "编码"));
	table_release(&t);
	assert_int_equal(read_mem("\xff\xff\n", 3, &t), DX_INVALID);
	assert_non_null(strstr(t.why, "编码"));
	table_release(&t);
	/* a NUL is named as such, on its row */
	assert_int_equal(read_mem("a,b\nc,\0d\n", 9, &t), 0);
	assert_int_equal(t.rc, DX_INVALID);
	assert_int_equal(t.nrows, 1);
	assert_non_null(strstr(t.why, "空字符"));
	table_release(&t);
	/* UTF-16 */
	assert_int_equal(read_mem("\xff\xfe" "a\0", 4, &t), DX_INVALID);
	table_release(&t);
	/* valid UTF-8 start, then bytes that are not: refused where they are */
	dx_buf_adds(&b, "中文,x\n");
	for (int i = 0; i < 20000; i++)
		dx_buf_adds(&b, "1,2\n");
	dx_buf_add(&b, "\xd6\xd0\n", 3);
	assert_int_equal(read_mem(b.buf, b.len, &t), 0);
	assert_int_equal(t.rc, DX_INVALID);
	assert_string_equal(t.format, "utf-8");
	assert_int_equal(t.nrows, 20001); /* every row before it */
	table_release(&t);
	dx_buf_reset(&b);
	/* unterminated quote */
	assert_int_equal(read_mem("a,b\n\"c,d\n", 9, &t), 0);
	assert_int_equal(t.rc, DX_INVALID);
	expect_row(&t, 0, 1, 2, "a", "b");
	table_release(&t);
	/* an old .xls */
	assert_int_equal(read_mem("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, &t), DX_INVALID);
	table_release(&t);

	/* a cell over 1 MiB */
	dx_buf_adds(&b, "a,\"");
	for (int i = 0; i < (1 << 20) + 10; i++)
		dx_buf_addch(&b, 'x');
	dx_buf_adds(&b, "\"\n");
	assert_int_equal(read_mem(b.buf, b.len, &t), 0);
	assert_int_equal(t.rc, DX_TOOBIG);
	table_release(&t);
	dx_buf_reset(&b);
	/* 16385 cells */
	for (int i = 0; i < DX_SHEET_COLS_MAX; i++)
		dx_buf_addch(&b, ',');
	dx_buf_adds(&b, "x\n");
	assert_int_equal(read_mem(b.buf, b.len, &t), 0);
	assert_int_equal(t.rc, DX_TOOBIG);
	table_release(&t);
	dx_buf_reset(&b);
	/* 16384 cells are fine */
	dx_buf_adds(&b, "1\n");
	for (int i = 0; i < DX_SHEET_COLS_MAX - 1; i++)
		dx_buf_addch(&b, ',');
	dx_buf_adds(&b, "x\n");
	assert_int_equal(read_mem(b.buf, b.len, &t), 0);
	assert_int_equal(t.rc, DX_NOT_FOUND);
	assert_int_equal(t.rows[1].n, DX_SHEET_COLS_MAX);
	table_release(&t);
	dx_buf_release(&b);

	{
		struct dx_sheet *sh = NULL;
		struct dx_err_info err;

		assert_int_equal(dx_sheet_open(&sh, "/nonexistent/x.csv", &err), DX_IO);
		assert_null(sh);
		assert_int_equal(err.code, DX_IO);
		assert_string_equal(err.msg, "无法打开文件");
		assert_string_equal(err.file, "/nonexistent/x.csv");
		dx_sheet_free(NULL);
	}
}

static char tmpdir[64];

static int setup(void **state)
{
	dx_strlcpy(tmpdir, "/tmp/dx-test-sheet-XXXXXX", sizeof(tmpdir));
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	dx_snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) ? -1 : 0;
}

static void *load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct dx_buf b = DX_BUF_INIT;
	char buf[4096];
	size_t n;

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof(buf), f)))
		dx_buf_add(&b, buf, n);
	fclose(f);
	return dx_buf_detach(&b, len);
}

static void test_xlsx_written(void **state)
{
	char path[128];
	lxw_workbook *wb;
	lxw_worksheet *ws, *ws2;
	lxw_format *date, *money;
	struct table t;

	dx_snprintf(path, sizeof(path), "%s/w.xlsx", tmpdir);
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, "台账");
	ws2 = workbook_add_worksheet(wb, "other");
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00");
	worksheet_merge_range(ws, 0, 0, 0, 4, "标题", NULL);
	worksheet_write_string(ws, 1, 0, "姓名", NULL);
	worksheet_write_string(ws, 1, 2, "金额", NULL); /* B2 skipped */
	worksheet_write_string(ws, 1, 3, "日期", NULL);
	/* row 3 skipped */
	worksheet_write_string(ws, 3, 0, "张三", NULL);
	worksheet_write_number(ws, 3, 1, 123456789012345678.0, NULL);
	worksheet_write_number(ws, 3, 2, 15230.5, money);
	worksheet_write_number(ws, 3, 3, 45047, date); /* 2023-05-01 */
	worksheet_write_boolean(ws, 3, 4, 1, NULL);
	worksheet_write_formula_str(ws, 3, 5, "=A4", NULL, "张三");
	worksheet_write_number(ws, 4, 3, 60, date);
	worksheet_write_number(ws, 4, 4, 59.75, date);
	worksheet_write_number(ws, 4, 5, 0.25, NULL);
	worksheet_write_string(ws, 5, 0, "", NULL);
	worksheet_write_number(ws, 6, 2, -42, NULL);
	worksheet_write_string(ws2, 0, 0, "not me", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	read_path(path, &t);
	assert_string_equal(t.format, "xlsx");
	expect_row(&t, 0, 1, 1, "标题");
	expect_row(&t, 1, 2, 4, "姓名", "", "金额", "日期");
	/* 18 digits are past a double: left as written (issue 11.6) */
	expect_row(&t, 2, 4, 6, "张三", "1.234567890123457E+17", "15230.5", "2023-05-01", "1",
		   "张三");
	expect_row(&t, 3, 5, 6, "", "", "", "1900-02-29", "1900-02-28", "0.25");
	for (size_t i = 4; i < t.nrows; i++)
		if (t.rows[i].rownum == 7)
			expect_row(&t, i, 7, 3, "", "", "-42");
		else
			assert_int_equal(t.rows[i].n, 0);
	assert_non_null(find_row(&t, 7));
	table_release(&t);

	/* the same from memory */
	{
		size_t len;
		void *p = load(path, &len);

		assert_int_equal(read_mem(p, len, &t), 0);
		assert_int_equal(t.rc, DX_NOT_FOUND);
		/* 18 digits are past a double: left as written (issue 11.6) */
	expect_row(&t, 2, 4, 6, "张三", "1.234567890123457E+17", "15230.5", "2023-05-01",
			   "1", "张三");
		table_release(&t);
		free(p);
	}
}

/* Write a zip of name/content pairs and load it. */
static void *make_zip(const char *const *files, size_t *len)
{
	char path[128];
	zip_t *za;
	int err;

	dx_snprintf(path, sizeof(path), "%s/z.xlsx", tmpdir);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (; files[0]; files += 2) {
		zip_source_t *s = zip_source_buffer(za, files[1], strlen(files[1]), 0);
		assert_non_null(s);
		assert_true(zip_file_add(za, files[0], s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	return load(path, len);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	   "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define WORKBOOK                                                                      \
	"<workbook " NS "><workbookPr date1904=\"1\"/><sheets>"                        \
	"<sheet name=\"b\" sheetId=\"2\" r:id=\"rId7\"/><sheet name=\"a\" sheetId=\"1\" " \
	"r:id=\"rId1\"/></sheets></workbook>"
#define RELS                                                                          \
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"        \
	"relationships\"><Relationship Id=\"rId1\" Type=\"http://x/worksheet\" "         \
	"Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId7\" "                   \
	"Type=\"http://x/worksheet\" Target=\"./worksheets/../worksheets/sheet2.xml\"/>"  \
	"<Relationship Id=\"rId3\" Type=\"http://x/sharedStrings\" "                     \
	"Target=\"/xl/sharedStrings.xml\"/><Relationship Id=\"rId4\" "                   \
	"Type=\"http://x/styles\" Target=\"styles.xml\"/></Relationships>"
#define STYLES                                                                        \
	"<styleSheet " NS "><numFmts><numFmt numFmtId=\"176\" "                         \
	"formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/><numFmt numFmtId=\"177\" "     \
	"formatCode=\"[h]:mm:ss\"/><numFmt numFmtId=\"178\" formatCode=\"&quot;day&quot;0\"/>" \
	"</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"176\"/><xf numFmtId=\"177\"/>" \
	"<xf numFmtId=\"31\"/><xf numFmtId=\"178\"/></cellXfs></styleSheet>"
#define SST                                                                           \
	"<sst " NS "><si><t>甲</t></si><si><r><t>富</t></r><r><rPr/><t xml:space=\"preserve\"> 文本</t></r>" \
	"<rPh><t>ふ</t></rPh></si><si><t/></si></sst>"

static void test_xlsx_handmade(void **state)
{
	static const char *const files[] = {
		"[Content_Types].xml", "<Types/>",
		"xl/workbook.xml", WORKBOOK,
		"xl/_rels/workbook.xml.rels", RELS,
		"xl/styles.xml", STYLES,
		"xl/sharedStrings.xml", SST,
		"xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" "
					    "t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row>"
					    "</sheetData></worksheet>",
		"xl/worksheets/sheet2.xml",
		"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<x:sheetData><x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"s\"><x:v>1</x:v></x:c>"
		"<x:c t=\"s\"><x:v>2</x:v></x:c><x:c t=\"e\"><x:v>#N/A</x:v></x:c></x:row>"
		"<x:row><x:c r=\"B2\" s=\"1\"><x:v>45047.6</x:v></x:c><x:c s=\"2\"><x:v>1.5</x:v></x:c>"
		"<x:c s=\"3\"><x:v>0</x:v></x:c><x:c s=\"4\"><x:v>7</x:v></x:c>"
		"<x:c s=\"99\"><x:v>1.5E+3</x:v></x:c><x:c><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row>"
		"<x:row r=\"9\"/><x:row><x:c r=\"c10\" t=\"d\"><x:v>2023-05-01</x:v></x:c>"
		"<x:c s=\"3\"><x:v>45047</x:v></x:c></x:row>"
		"</x:sheetData></x:worksheet>",
		NULL};
	struct table t;
	size_t len;
	void *p = make_zip(files, &len);

	assert_int_equal(read_mem(p, len, &t), 0);
	assert_int_equal(t.rc, DX_NOT_FOUND);
	expect_row(&t, 0, 1, 4, "甲", "富 文本", "", "#N/A");
	/* date1904: 45047 is 2027-05-02 */
	expect_row(&t, 1, 2, 7, "", "2027-05-02", "1.5", "0", "7", "1500", "2");
	expect_row(&t, 2, 9, 0);
	/* "c10" is not a reference Excel writes: the cell counts on */
	expect_row(&t, 3, 10, 2, "2023-05-01", "2027-05-02");
	assert_int_equal(t.nrows, 4);
	table_release(&t);
	free(p);
}

/* Cell attributes in any order, prefixed, repeated (the first counts), and
 * numbers in the forms strtoll reads: the row numbers, styles and shared
 * string indexes they give. */
static void test_xlsx_attributes(void **state)
{
	static const char *const files[] = {
		"xl/workbook.xml", WORKBOOK,
		"xl/_rels/workbook.xml.rels", RELS,
		"xl/styles.xml", STYLES,
		"xl/sharedStrings.xml", SST,
		"xl/worksheets/sheet2.xml",
		"<worksheet " NS "><sheetData>"
		"<row r=\"0003\"><c s=\"01\" t=\"n\" r=\"B3\"><v>45047</v></c>"
		"<c x:t=\"s\" t=\"n\" xmlns:x=\"urn:x\"><v>01</v></c>"
		"<c s=\" 1\"><v>45047</v></c><c s=\"+1\"><v>45047</v></c>"
		"<c s=\"1a\"><v>45047</v></c><c s=\"\"><v>45047</v></c>"
		"<c s=\"00000000001\"><v>45047</v></c><c y:r=\"I3\" r=\"A3\" xmlns:y=\"urn:y\">"
		"<v>8</v></c></row>"
		"<row r=\" 5\"><c t=\"s\"><v> 0</v></c></row>"
		"<row r=\"x\"><c t=\"inlineStr\"><is><t>i</t></is></c></row>"
		"</sheetData></worksheet>",
		NULL};
	struct table t;
	size_t len;
	void *p = make_zip(files, &len);

	assert_int_equal(read_mem(p, len, &t), 0);
	assert_int_equal(t.rc, DX_NOT_FOUND);
	expect_row(&t, 0, 3, 9, "", "2027-05-02", "富 文本", "2027-05-02", "2027-05-02", "45047",
		   "45047", "2027-05-02", "8");
	expect_row(&t, 1, 5, 1, "甲");
	expect_row(&t, 2, 6, 1, "i");
	assert_int_equal(t.nrows, 3);
	table_release(&t);
	free(p);
}

static void xlsx_bad_case(const char *sheet, const char *sst, int want)
{
	const char *files[] = {"xl/workbook.xml", WORKBOOK,
			       "xl/_rels/workbook.xml.rels", RELS,
			       "xl/worksheets/sheet2.xml", sheet,
			       sst ? "xl/sharedStrings.xml" : NULL, sst,
			       NULL};
	struct table t;
	size_t len;
	void *p = make_zip(files, &len);
	int rc = read_mem(p, len, &t);

	if (!rc)
		rc = t.rc;
	if (rc != want)
		fail_msg("got %s, want %s for %s", dx_strerror(rc), dx_strerror(want), sheet);
	assert_non_null(t.why);
	table_release(&t);
	free(p);
}

static void test_xlsx_bad(void **state)
{
	static const char laughs[] =
		"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
		"<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row>"
		"</sheetData></worksheet>";
	struct table t;
	size_t len;
	char *p;

	xlsx_bad_case(laughs, NULL, DX_INVALID);
	xlsx_bad_case("<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row></sheetData>"
		      "</worksheet>",
		      NULL, DX_INVALID); /* no shared strings */
	xlsx_bad_case("<worksheet><sheetData><row><c t=\"s\"><v>5</v></c></row></sheetData>"
		      "</worksheet>",
		      "<sst><si><t>a</t></si></sst>", DX_INVALID);
	xlsx_bad_case("<worksheet><sheetData><row><c r=\"A1\"><v>1</v></c>", NULL, DX_INVALID);
	xlsx_bad_case("<worksheet><sheetData><row><c r=\"XFE1\"><v>1</v></c></row></sheetData>"
		      "</worksheet>",
		      NULL, DX_TOOBIG);
	xlsx_bad_case("<worksheet>", "<sst><si><t>a</t></si>", DX_INVALID);

	/* every truncation of a real workbook fails cleanly */
	p = load(DATA "persons.xlsx", &len);
	for (size_t cut = 0; cut < len; cut += 997) {
		read_mem(p, cut, &t);
		if (cut >= 4)
			assert_int_not_equal(t.rc, DX_NOT_FOUND);
		table_release(&t);
	}
	/* and so do flipped bytes inside the compressed sheet */
	for (size_t at = 100; at < len; at += 1499) {
		p[at] ^= 0x5a;
		read_mem(p, len, &t);
		table_release(&t);
		p[at] ^= 0x5a;
	}
	assert_int_equal(read_mem("PK\3\4garbage", 11, &t), DX_INVALID);
	assert_string_equal(t.why, "不是有效的xlsx文件");
	table_release(&t);
	free(p);
}

static void plain(const char *in, const char *want)
{
	struct dx_buf b = DX_BUF_INIT;

	dx_buf_init(&b, 64);
	if (!want)
		assert_int_equal(dx_xlsx_sci_to_plain(in, &b), -1);
	else {
		assert_int_equal(dx_xlsx_sci_to_plain(in, &b), 0);
		assert_string_equal(b.buf, want);
	}
	dx_buf_release(&b);
}

static void test_xlsx_values(void **state)
{
	char iso[11];

	/* 17 digits and more are past a double's precision (issue 11.6) */
	plain("1.2345678901234567E+17", NULL);
	plain("1.234567890123456E+16", NULL);
	plain("1.23456789012345E+15", "1234567890123450");
	plain("1E+15", "1000000000000000");
	plain("-4.5e+2", "-450");
	plain("0.5E+1", "5");
	plain("0E+0", "0");
	plain("1.5E-3", NULL);
	plain("1.25E+1", NULL);
	plain("15230.499999999998", NULL);
	plain("1E+31", NULL);
	assert_true(dx_xlsx_fmt_is_date("yyyy/m/d"));
	assert_true(dx_xlsx_fmt_is_date("[$-804]yyyy\"年\"m\"月\"d\"日\""));
	assert_true(dx_xlsx_fmt_is_date("mmm-yy"));
	assert_false(dx_xlsx_fmt_is_date("General"));
	assert_false(dx_xlsx_fmt_is_date("h:mm"));
	assert_false(dx_xlsx_fmt_is_date("#,##0.00\"元\""));
	assert_false(dx_xlsx_fmt_is_date("[Red]0.00"));
	assert_true(dx_xlsx_builtin_is_date(14));
	assert_false(dx_xlsx_builtin_is_date(49));
	assert_int_equal(dx_xlsx_serial_to_iso("1", 0, iso), 0);
	assert_string_equal(iso, "1900-01-01");
	assert_int_equal(dx_xlsx_serial_to_iso("59", 0, iso), 0);
	assert_string_equal(iso, "1900-02-28");
	assert_int_equal(dx_xlsx_serial_to_iso("61", 0, iso), 0);
	assert_string_equal(iso, "1900-03-01");
	assert_int_equal(dx_xlsx_serial_to_iso("45291.99", 0, iso), 0);
	assert_string_equal(iso, "2023-12-31");
	assert_int_equal(dx_xlsx_serial_to_iso("2958465", 0, iso), 0);
	assert_string_equal(iso, "9999-12-31");
	assert_int_equal(dx_xlsx_serial_to_iso("0", 0, iso), -1);
	assert_int_equal(dx_xlsx_serial_to_iso("2958466", 0, iso), -1);
	assert_int_equal(dx_xlsx_serial_to_iso("abc", 0, iso), -1);
	assert_int_equal(dx_xlsx_serial_to_iso("0", 1, iso), -1);
	assert_int_equal(dx_xlsx_serial_to_iso("1", 1, iso), 0);
	assert_string_equal(iso, "1904-01-02");
}

static void test_progress(void **state)
{
	struct dx_sheet *sh = NULL;
	struct dx_row row;
	struct dx_err_info err;
	uint64_t done, total;

	assert_int_equal(dx_sheet_open(&sh, DATA "persons_gb18030.csv", &err), 0);
	dx_sheet_progress(sh, &done, &total);
	assert_true(total > 10000);
	assert_true(done <= total);
	while (!dx_sheet_next(sh, &row, &err))
		;
	dx_sheet_progress(sh, &done, &total);
	assert_int_equal(done, total);
	dx_sheet_free(sh);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples_identical),
		cmocka_unit_test(test_other_samples),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_gb18030_chunk_boundary),
		cmocka_unit_test(test_late_non_ascii),
		cmocka_unit_test(test_utf8_fast_paths),
		cmocka_unit_test(test_csv_bad),
		cmocka_unit_test(test_xlsx_written),
		cmocka_unit_test(test_xlsx_handmade),
		cmocka_unit_test(test_xlsx_attributes),
		cmocka_unit_test(test_xlsx_bad),
		cmocka_unit_test(test_xlsx_values),
		cmocka_unit_test(test_progress),
	};

	dx_log_set_level(DX_LOG_ERROR);
	return cmocka_run_group_tests(tests, setup, teardown);
}
