/*
 * fuzz_xml_tokens.c - fuzz the xlsx XML parts at the sizes that hurt
 * (issue 13.1): huge tokens (comments, attribute values, names, text,
 * CDATA) and long runs without a cell, which a small input cannot reach.
 * The first byte's bit 0 deflates the parts over 1 MiB (so the ratio caps
 * meet them first) instead of storing them (so the token and stall caps
 * do).  The rest is XML with a run marker: the byte 0xFE followed by a count c
 * and a byte b stands for b repeated c * 64 KiB times (up to 24 MiB in
 * all), so a few bytes describe a 16 MiB comment or a 2 MiB attribute.
 * NUL bytes split the input into worksheet, shared strings and styles, as
 * in fuzz_xlsx_xml; the parts are stored in a zip with a fixed workbook
 * and read to the end.  The reader must refuse (TOKEN_MAX, STALL_MAX,
 * the part caps) rather than hang or grow.  Replayed over
 * fuzz/corpus/xml_tokens/ by `make fuzz-replay`.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RUN_UNIT (64u << 10)
#define EXPANDED_MAX (24u << 20)

static const char workbook[] =
	"<workbook xmlns:r=\"r\"><sheets><sheet r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
	"<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
	"Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship "
	"Id=\"rId3\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>";

/* The input with its runs expanded; *len its size. */
static unsigned char *expand(const uint8_t *data, size_t size, size_t *len)
{
	size_t out = 0, cap = size + 1;
	unsigned char *b;

	for (size_t i = 0; i + 2 < size; i++)
		if (data[i] == 0xfe) {
			cap += (size_t)data[i + 1] * RUN_UNIT;
			i += 2;
		}
	if (cap > EXPANDED_MAX)
		cap = EXPANDED_MAX;
	b = dx_xmalloc(cap);
	for (size_t i = 0; i < size && out < cap; i++) {
		if (data[i] == 0xfe && i + 2 < size) {
			size_t n = (size_t)data[i + 1] * RUN_UNIT;
			if (n > cap - out)
				n = cap - out;
			memset(b + out, data[i + 2], n);
			out += n;
			i += 2;
		} else {
			b[out++] = data[i];
		}
	}
	*len = out;
	return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_part parts[5] = {
		{"xl/workbook.xml", workbook, strlen(workbook), 0},
		{"xl/_rels/workbook.xml.rels", rels, strlen(rels), 0},
		{"xl/worksheets/sheet1.xml", NULL, 0, 0},
		{"xl/sharedStrings.xml", NULL, 0, 0},
		{"xl/styles.xml", NULL, 0, 0},
	};
	unsigned char *x;
	size_t xl, zl, k = 2, start = 0;
	char *zip;
	int deflate;

	dx_log_set_level((enum dx_log_level)(DX_LOG_ERROR + 1));
	if (size < 1)
		return 0;
	deflate = data[0] & 1;
	x = expand(data + 1, size - 1, &xl);
	for (size_t i = 0; i <= xl && k < 5; i++)
		if (i == xl || x[i] == 0) {
			parts[k].data = x + start;
			parts[k].len = i - start;
			parts[k].deflate = deflate && parts[k].len > (1u << 20);
			k++;
			start = i + 1;
		}
	zip = fz_make_zip(parts, k, &zl);
	fz_read_all(zip, zl);
	free(zip);
	free(x);
	return 0;
}
