/*
 * fuzz_xlsx_xml.c - fuzz the xlsx driver's XML handling past the zip
 * layer, which random bytes rarely get through (CRCs, deflate): the input
 * is split at NUL bytes into worksheet, shared strings and styles XML,
 * wrapped in a stored zip with a fixed workbook, and read to the end.
 * Replayed over fuzz/corpus/xlsx_xml/ by `make fuzz-replay`.
 */
#include "core/dx.h"
#include "io/sheet.h"

#include <zip.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char workbook[] =
	"<workbook xmlns:r=\"r\"><sheets><sheet r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
	"<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
	"Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship "
	"Id=\"rId3\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>";

static void add(zip_t *za, const char *name, const void *p, size_t n)
{
	zip_source_t *s = zip_source_buffer(za, p, n, 0);
	zip_int64_t i;

	if (!s)
		abort();
	i = zip_file_add(za, name, s, 0);
	if (i < 0)
		abort();
	zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* The zip as bytes; the caller frees them. */
static char *make_zip(const uint8_t *data, size_t size, size_t *len)
{
	const uint8_t *parts[3] = {data, NULL, NULL};
	size_t lens[3] = {size, 0, 0};
	static const char *const names[3] = {"xl/worksheets/sheet1.xml",
					     "xl/sharedStrings.xml", "xl/styles.xml"};
	zip_error_t ze;
	zip_source_t *src;
	zip_stat_t st;
	zip_t *za;
	char *buf;
	int k = 0;

	for (size_t i = 0; i < size && k < 2; i++)
		if (data[i] == 0) {
			lens[k] = (size_t)(data + i - parts[k]);
			parts[++k] = data + i + 1;
			lens[k] = size - i - 1;
		}
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		abort();
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za)
		abort();
	add(za, "xl/workbook.xml", workbook, strlen(workbook));
	add(za, "xl/_rels/workbook.xml.rels", rels, strlen(rels));
	for (int i = 0; i <= k; i++)
		add(za, names[i], parts[i], lens[i]);
	if (zip_close(za) || zip_source_stat(src, &st) || zip_source_open(src))
		abort();
	buf = dx_xmalloc(st.size);
	if (zip_source_read(src, buf, st.size) != (zip_int64_t)st.size)
		abort();
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = st.size;
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dx_sheet *sh = NULL;
	struct dx_row row;
	struct dx_err_info err; /* a failure, as a value: with a reason */
	size_t len;
	char *zip;
	int rc;

	dx_log_set_level((enum dx_log_level)(DX_LOG_ERROR + 1));
	zip = make_zip(data, size, &len);
	if (dx_sheet_open_mem(&sh, zip, len, &err)) {
		if (sh || !err.code || !err.msg[0])
			abort();
		free(zip);
		return 0;
	}
	while (!(rc = dx_sheet_next(sh, &row, &err))) {
		if (row.rownum < 1 || row.ncells > DX_SHEET_COLS_MAX)
			abort();
		for (size_t i = 0; i < row.ncells; i++)
			if (strlen(row.cells[i]) != row.lens[i])
				abort();
		if (row.ncells && !row.lens[row.ncells - 1])
			abort();
	}
	if (rc != DX_NOT_FOUND && (err.code != rc || !err.msg[0]))
		abort();
	dx_sheet_free(sh);
	free(zip);
	return 0;
}
