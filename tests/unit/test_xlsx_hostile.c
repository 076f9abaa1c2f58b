/*
 * test_xlsx_hostile.c - xlsx files built to exhaust the reader (issue 13.1):
 * a small file holding one huge XML token (expat 2.5 scans it again on
 * every chunk, so it cost time quadratic in its size), a zip bomb of valid
 * cells, and a worksheet that runs on without a cell.  Each is refused with
 * a Chinese reason; real big sheets still read.  The files are built here
 * with libzip.
 */
#include "testutil.h"
#include "io/sheet.h"

#include <zip.h>

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define WORKBOOK                                                                          \
	"<workbook " NS " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships\"><sheets><sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"   \
	"</workbook>"
#define RELS                                                                              \
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"            \
	"relationships\"><Relationship Id=\"rId1\" Type=\"http://x/worksheet\" "             \
	"Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId3\" "                       \
	"Type=\"http://x/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship "      \
	"Id=\"rId4\" Type=\"http://x/styles\" Target=\"styles.xml\"/></Relationships>"
#define HEAD "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>户编号</t></is></c></row>"
#define TAIL "</sheetData></worksheet>"

static const char why_inflate[] =
	"文件中的某部分解压后过大，可能已损坏或不是正常的 Excel 文件";
static const char why_token[] =
	"文件中有一段过长的内容不含任何单元格数据，可能已损坏或不是正常的 Excel 文件";

static char tmp[64];
/* the styles part make_xlsx adds (none when NULL) */
static const struct part *styles;

/* Under ASan a huge request returns NULL (as malloc does) instead of
 * stopping the test: what test_grow_fails_as_value checks. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static int setup(void **state)
{
	(void)state;
	dx_strlcpy(tmp, "/tmp/dixian-hostile-XXXXXX", sizeof(tmp));
	assert_non_null(mkdtemp(tmp));
	dx_log_set_level(DX_LOG_NONE);
	return 0;
}

static int teardown(void **state)
{
	char p[96];
	(void)state;
	dx_snprintf(p, sizeof(p), "%s/z.xlsx", tmp);
	unlink(p);
	rmdir(tmp);
	return 0;
}

/* A growing byte buffer for the parts (doubling: the parts run to tens
 * of MiB in small pieces). */
struct part {
	char *p;
	size_t len, alloc;
};

static void room(struct part *b, size_t n)
{
	if (b->len + n + 1 <= b->alloc)
		return;
	while (b->len + n + 1 > b->alloc)
		b->alloc = b->alloc ? 2 * b->alloc : 4096;
	b->p = dx_xrealloc(b->p, b->alloc);
}

static void add(struct part *b, const char *s, size_t n)
{
	room(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void adds(struct part *b, const char *s)
{
	add(b, s, strlen(s));
}

/* n bytes of c */
static void fill(struct part *b, int c, size_t n)
{
	room(b, n);
	memset(b->p + b->len, c, n);
	b->len += n;
}

/* n letters that deflate poorly (a fixed LCG: the same file every run) */
static void noise(struct part *b, size_t n)
{
	static uint32_t x = 12345;
	room(b, n);
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		b->p[b->len + i] = (char)('a' + (x >> 16) % 26);
	}
	b->len += n;
}

/*
 * Write an xlsx whose worksheet is `sheet` (and shared strings `sst` unless
 * NULL), deflated or stored; return its bytes (caller frees) and size.
 */
static void *make_xlsx(const struct part *sheet, const struct part *sst, int stored,
		       size_t *len)
{
	char path[96];
	zip_t *za;
	int err;
	zip_int64_t i;
	FILE *f;
	void *p;
	long n;
	struct {
		const char *name;
		const void *data;
		size_t len;
	} files[] = {
		{"xl/workbook.xml", WORKBOOK, strlen(WORKBOOK)},
		{"xl/_rels/workbook.xml.rels", RELS, strlen(RELS)},
		{"xl/worksheets/sheet1.xml", sheet->p, sheet->len},
		{"xl/sharedStrings.xml", sst ? sst->p : NULL, sst ? sst->len : 0},
		{"xl/styles.xml", styles ? styles->p : NULL, styles ? styles->len : 0},
	};

	dx_snprintf(path, sizeof(path), "%s/z.xlsx", tmp);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
		zip_source_t *s;
		if (!files[k].data)
			continue;
		s = zip_source_buffer(za, files[k].data, files[k].len, 0);
		assert_non_null(s);
		assert_true((i = zip_file_add(za, files[k].name, s, ZIP_FL_ENC_UTF_8)) >= 0);
		assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)i,
							  stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9),
				 0);
	}
	assert_int_equal(zip_close(za), 0);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	p = dx_xmalloc((size_t)n);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

struct outcome {
	int open_rc, rc;   /* open, then how reading ended */
	char why[2048];    /* the error value's reason */
	long rows, cells;  /* read before it ended */
};

static struct outcome read_all(const void *p, size_t len)
{
	struct outcome o = {0};
	struct dx_sheet *sh = NULL;
	struct dx_row row;
	struct dx_err_info err;

	o.open_rc = dx_sheet_open_mem(&sh, p, len, &err);
	if (o.open_rc) {
		o.rc = o.open_rc;
		assert_int_equal(err.code, o.rc);
		dx_strlcpy(o.why, err.msg, sizeof(o.why));
		return o;
	}
	while (!(o.rc = dx_sheet_next(sh, &row, &err))) {
		o.rows++;
		o.cells += (long)row.ncells;
	}
	dx_strlcpy(o.why, err.msg, sizeof(o.why));
	dx_sheet_free(sh);
	return o;
}

/* Issue 12: an allocation sized by input fails as a value (DX_TOOBIG
 * past its cap, DX_NOMEM when memory runs out or the size overflows),
 * leaving the array as it was; it does not abort. */
static void test_grow_fails_as_value(void **state)
{
	long *a = NULL;
	size_t alloc = 0;
	(void)state;
	assert_int_equal(dx_grow(&a, &alloc, 1, sizeof(*a), 100), DX_OK);
	assert_int_equal(alloc, 16);
	a[15] = 7;
	assert_int_equal(dx_grow(&a, &alloc, 17, sizeof(*a), 100), DX_OK);
	assert_int_equal(alloc, 32);
	assert_int_equal(a[15], 7);
	assert_int_equal(dx_grow(&a, &alloc, 90, sizeof(*a), 100), DX_OK);
	assert_int_equal(alloc, 90);
	assert_int_equal(dx_grow(&a, &alloc, 100, sizeof(*a), 100), DX_OK);
	assert_int_equal(alloc, 100);
	assert_int_equal(dx_grow(&a, &alloc, 101, sizeof(*a), 100), DX_TOOBIG);
	assert_int_equal(dx_grow(&a, &alloc, SIZE_MAX / 4, sizeof(*a), SIZE_MAX), DX_NOMEM);
	assert_int_equal(dx_grow(&a, &alloc, (size_t)1 << 58, sizeof(*a), SIZE_MAX), DX_NOMEM);
	assert_int_equal(alloc, 100);
	assert_int_equal(a[15], 7);
	free(a);
}

/* Excel keeps at most 64,000 cell formats: a styles part with 65,536 reads,
 * one with more is refused with a reason, not read into memory without
 * bound. */
static void test_styles_capped(void **state)
{
	struct part sh = {0}, st = {0};
	struct outcome o;
	size_t len;
	void *p;
	(void)state;
	adds(&sh, HEAD TAIL);
	for (int more = 0; more < 2; more++) {
		st.len = 0;
		adds(&st, "<styleSheet " NS "><cellXfs>");
		for (long i = 0; i < 65536 + more; i++)
			adds(&st, "<xf/>");
		adds(&st, "</cellXfs></styleSheet>");
		styles = &st;
		p = make_xlsx(&sh, NULL, 0, &len);
		styles = NULL;
		o = read_all(p, len);
		if (!more) {
			assert_int_equal(o.open_rc, 0);
			assert_int_equal(o.rows, 1);
		} else {
			assert_int_equal(o.open_rc, DX_TOOBIG);
			assert_non_null(strstr(o.why, "65536"));
		}
		free(p);
	}
	free(sh.p);
	free(st.p);
}

/* The file, smaller: 8 MiB of comment in a 9 KB xlsx. */
static void test_huge_comment(void **state)
{
	struct part sh = {0};
	struct outcome o;
	size_t len;
	void *p;
	(void)state;

	adds(&sh, HEAD "<!--");
	fill(&sh, 'x', 8u << 20);
	adds(&sh, "-->" TAIL);
	p = make_xlsx(&sh, NULL, 0, &len);
	assert_true(len < 100000);
	o = read_all(p, len);
	assert_int_equal(o.open_rc, 0);
	assert_int_equal(o.rc, DX_TOOBIG);
	assert_string_equal(o.why, why_token);
	assert_int_equal(o.rows, 1); /* the row before it */
	free(p);
	free(sh.p);
}

/* One start tag with an 8 MiB attribute: the same token problem. */
static void test_huge_attribute(void **state)
{
	struct part sh = {0};
	struct outcome o;
	size_t len;
	void *p;
	(void)state;

	adds(&sh, HEAD "<row r=\"2\"><c r=\"A2\" x=\"");
	fill(&sh, 'y', 8u << 20);
	adds(&sh, "\"><v>1</v></c></row>" TAIL);
	p = make_xlsx(&sh, NULL, 0, &len);
	o = read_all(p, len);
	assert_int_equal(o.rc, DX_TOOBIG);
	assert_string_equal(o.why, why_token);
	free(p);
	free(sh.p);
}

/* The shared strings are read at open: a huge comment there is refused
 * by the open. */
static void test_huge_token_in_shared_strings(void **state)
{
	struct part sh = {0}, sst = {0};
	struct outcome o;
	size_t len;
	void *p;
	(void)state;

	adds(&sh, HEAD TAIL);
	adds(&sst, "<sst " NS "><si><t>a</t></si><!--");
	fill(&sst, 'z', 8u << 20);
	adds(&sst, "--></sst>");
	p = make_xlsx(&sh, &sst, 0, &len);
	o = read_all(p, len);
	assert_int_equal(o.open_rc, DX_TOOBIG);
	assert_string_equal(o.why, why_token);
	free(p);
	free(sh.p);
	free(sst.p);
}

/* A zip bomb of valid cells: 32 MiB of rows deflated to some 30 KB is
 * refused once the part inflates past the ratio cap, long before 32 MiB. */
static void test_inflate_ratio(void **state)
{
	static const char rowx[] = "<row><c t=\"inlineStr\"><is><t>1</t></is></c></row>";
	struct part sh = {0};
	struct outcome o;
	size_t len, n = 0;
	void *p;
	(void)state;

	adds(&sh, HEAD);
	while (sh.len < (32u << 20)) {
		adds(&sh, rowx);
		n++;
	}
	adds(&sh, TAIL);
	p = make_xlsx(&sh, NULL, 0, &len);
	assert_true(len * 200 < sh.len); /* far past RATIO_MAX (100) */
	o = read_all(p, len);
	assert_int_equal(o.rc, DX_TOOBIG);
	assert_string_equal(o.why, why_inflate);
	assert_true(o.rows > 1000);
	assert_true((size_t)o.rows < n / 2);
	/* the same rows stored (not deflated) read to the end */
	free(p);
	p = make_xlsx(&sh, NULL, 1, &len);
	o = read_all(p, len);
	assert_int_equal(o.rc, DX_NOT_FOUND);
	assert_int_equal(o.rows, (long)n + 1);
	free(p);
	free(sh.p);
}

/* Comments under the token cap, one after another, and no cell: stopped
 * after STALL_MAX (16 MiB) rather than read to the end. */
static void test_no_cell_for_long(void **state)
{
	struct part sh = {0};
	struct outcome o;
	size_t len;
	void *p;
	(void)state;

	adds(&sh, HEAD);
	while (sh.len < (40u << 20)) {
		adds(&sh, "<!--");
		noise(&sh, 500000);
		adds(&sh, "-->");
	}
	adds(&sh, "<row><c><v>2</v></c></row>" TAIL);
	p = make_xlsx(&sh, NULL, 1, &len);
	o = read_all(p, len);
	assert_int_equal(o.rc, DX_TOOBIG);
	assert_string_equal(o.why, why_token);
	assert_int_equal(o.rows, 1);
	free(p);
	free(sh.p);
}

/* Big honest content passes: cells of 1,000,000 bytes of text (text is not
 * one token to expat), wide header parts, 24 MiB in all. */
static void test_big_cells_read(void **state)
{
	struct part sh = {0};
	struct outcome o;
	size_t len;
	void *p;
	int i;
	(void)state;

	adds(&sh, "<worksheet " NS "><cols>");
	for (i = 1; i <= 16384; i++)
		adds(&sh, "<col min=\"1\" max=\"1\" width=\"12.5\" customWidth=\"1\"/>");
	adds(&sh, "</cols><sheetData>");
	for (i = 0; i < 24; i++) {
		adds(&sh, "<row><c t=\"inlineStr\"><is><t>");
		noise(&sh, 1000000);
		adds(&sh, "</t></is></c></row>");
	}
	adds(&sh, "</sheetData><mergeCells>");
	for (i = 0; i < 100000; i++)
		adds(&sh, "<mergeCell ref=\"A1:B1\"/>");
	adds(&sh, "</mergeCells></worksheet>");
	p = make_xlsx(&sh, NULL, 1, &len);
	o = read_all(p, len);
	assert_int_equal(o.rc, DX_NOT_FOUND);
	assert_int_equal(o.rows, 24);
	assert_int_equal(o.cells, 24);
	free(p);
	free(sh.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_fails_as_value),
		cmocka_unit_test(test_styles_capped),
		cmocka_unit_test(test_huge_comment),
		cmocka_unit_test(test_huge_attribute),
		cmocka_unit_test(test_huge_token_in_shared_strings),
		cmocka_unit_test(test_inflate_ratio),
		cmocka_unit_test(test_no_cell_for_long),
		cmocka_unit_test(test_big_cells_read),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
