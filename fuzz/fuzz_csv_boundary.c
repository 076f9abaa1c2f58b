/*
 * fuzz_csv_boundary.c - fuzz the CSV reader where it is most fragile: at
 * the 64 KiB boundary between two reads (csv_read.c RAW_CHUNK), where a
 * multibyte character, a quoted field, a CR LF pair or a bad byte is cut
 * in two.  The first byte picks a filler (ASCII rows, UTF-8 rows, GB18030
 * rows, or one open quoted field), the next two how far before the
 * boundary the rest of the input starts; the filler is padded so the
 * input straddles 64 KiB exactly there.  Replayed over
 * fuzz/corpus/csv_boundary/ by `make fuzz-replay`.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BOUNDARY (64u << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const rows[] = {
		"户编号,姓名,与户主关系\n1,a,b\n",
		"户编号,姓名\n532326101001000001,张三\n",
		/* "户编号,姓名" and 张三 in GB18030 */
		"\xbb\xa7\xb1\xe0\xba\xc5,\xd0\xd5\xc3\xfb\n1,\xd5\xc5\xc8\xfd\n",
		"a,\"open quoted field ",
	};
	const char *row;
	size_t back, head, rl, off = 0;
	unsigned char *buf;

	dx_log_set_level((enum dx_log_level)(DX_LOG_ERROR + 1));
	if (size < 3)
		return 0;
	row = rows[data[0] % DX_ARRAY_SIZE(rows)];
	back = ((size_t)data[1] | (size_t)data[2] << 8) % (size - 2 + 1);
	data += 3;
	size -= 3;
	/* the input starts `back` bytes before the boundary */
	head = BOUNDARY - back;
	buf = dx_xmalloc(head + size + 1);
	rl = strlen(row);
	if (data[-3] % DX_ARRAY_SIZE(rows) == 3) {
		/* one quoted field over the whole filler */
		memcpy(buf, row, rl);
		memset(buf + rl, 'x', head - rl);
	} else {
		/* whole rows, then spaces and a newline to the exact length */
		while (off + rl + 2 <= head) {
			memcpy(buf + off, row, rl);
			off += rl;
		}
		memset(buf + off, ' ', head - off);
		buf[head - 1] = '\n';
	}
	memcpy(buf + head, data, size);
	fz_read_all(buf, head + size);
	free(buf);
	return 0;
}
