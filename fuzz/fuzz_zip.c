/*
 * fuzz_zip.c - fuzz the xlsx container: hostile zips as libzip reads them
 * and the reader's caps on what a part may inflate to (xlsx_read.c
 * SMALL_PART_MAX, TOTAL_MAX, RATIO_MAX).  Random bytes rarely make a zip
 * libzip opens, so the input describes one: entries, each
 *   flags (bit 0 deflate, bit 1 repeat the content, bit 2 a known xlsx
 *   part name), name (length byte then bytes, or one byte picking a
 *   known name), content length (2 bytes) and content,
 * where a repeated content is copied (count byte) * 64 KiB times (a
 * compression bomb in a few bytes); after the entries, 3-byte patches
 * (offset 2 bytes, value) overwrite bytes of the written zip, to break
 * sizes, CRCs, offsets and headers libzip then meets.  The zip is read
 * to the end.  Replayed over fuzz/corpus/zip/ by `make fuzz-replay`.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NPARTS 8
#define REPEAT_UNIT (64u << 10)
#define EXPANDED_MAX (32u << 20)

static const char *const known[] = {
	"xl/workbook.xml",      "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
	"xl/sharedStrings.xml", "xl/styles.xml",              "[Content_Types].xml",
	"_rels/.rels",          "xl/worksheets/sheet2.xml",
};

struct reader {
	const uint8_t *p;
	size_t n;
};

static int take(struct reader *r, size_t n, const uint8_t **out)
{
	if (r->n < n)
		return -1;
	*out = r->p;
	r->p += n;
	r->n -= n;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_part parts[NPARTS];
	char names[NPARTS][64];
	unsigned char *owned[NPARTS] = {0};
	struct reader r = {data, size};
	const uint8_t *b;
	size_t k = 0, total = 0, zl;
	char *zip;

	dx_log_set_level((enum dx_log_level)(DX_LOG_ERROR + 1));
	while (k < NPARTS && !take(&r, 1, &b)) {
		unsigned flags = b[0];
		size_t cl;
		const uint8_t *c;
		if (take(&r, 1, &b))
			break;
		if (flags & 4) {
			dx_strlcpy(names[k], known[b[0] % DX_ARRAY_SIZE(known)], sizeof(names[k]));
		} else {
			size_t nl = b[0] % sizeof(names[k]);
			const uint8_t *nm;
			if (take(&r, nl, &nm))
				break;
			memcpy(names[k], nm, nl);
			names[k][nl] = 0;
			if (!nl || strlen(names[k]) != nl)
				dx_strlcpy(names[k], "x", sizeof(names[k]));
		}
		if (take(&r, 2, &b))
			break;
		cl = (size_t)b[0] | (size_t)b[1] << 8;
		if (cl > r.n)
			cl = r.n;
		take(&r, cl, &c);
		parts[k].name = names[k];
		parts[k].deflate = flags & 1;
		parts[k].data = c;
		parts[k].len = cl;
		if ((flags & 2) && cl && !take(&r, 1, &b)) {
			size_t n = (size_t)b[0] * REPEAT_UNIT;
			if (n > EXPANDED_MAX - total)
				n = EXPANDED_MAX - total;
			n -= n % cl;
			if (n) {
				owned[k] = dx_xmalloc(n);
				for (size_t o = 0; o < n; o += cl)
					memcpy(owned[k] + o, c, cl);
				parts[k].data = owned[k];
				parts[k].len = n;
				parts[k].deflate = 1; /* a bomb, not a big input */
				total += n;
			}
		}
		k++;
		if (flags & 0x80)
			break; /* the rest are patches */
	}
	zip = fz_make_zip(parts, k, &zl);
	while (zl && !take(&r, 3, &b))
		zip[((size_t)b[0] | (size_t)b[1] << 8) % zl] = (char)b[2];
	fz_read_all(zip, zl);
	free(zip);
	for (size_t i = 0; i < k; i++)
		free(owned[i]);
	return 0;
}
