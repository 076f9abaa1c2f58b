/*
 * csv_read.c - the CSV driver of the sheet reader (sheet.h).
 *
 * The file is read 64 KiB at a time, decoded to UTF-8 and fed to libcsv in
 * small slices, so memory stays bounded whatever the file size.  The
 * encoding is detected, never asked: a UTF-8 BOM is stripped; otherwise
 * the first chunk holding a non-ASCII byte decides between UTF-8 (if it is
 * valid UTF-8) and GB18030 (what Excel in China writes), and the rest of
 * the file must agree.  A multibyte character cut by a chunk boundary is
 * carried over to the next chunk.  A byte the encoding cannot take, or a
 * NUL, is held back as a fault (struct csv_sheet.fault) until every row
 * before it has been read, so that the error points at its row (issue
 * 13.7) rather than at the row the chunk began in.
 *
 * Fields are not trimmed (Excel keeps spaces), CRLF, LF and CR all end a
 * record, and an empty line is a blank row, as Excel shows it.
 */
#include "core/dx.h"
#include "io/sheet_int.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>

#define RAW_CHUNK (64u << 10) /* bytes read from the source at a time */
#define SLICE 4096            /* decoded bytes given to libcsv at a time */

enum csv_enc { ENC_UNDECIDED, ENC_UTF8, ENC_UTF8_BOM, ENC_GB18030 };

struct csv_sheet {
	struct dx_sheet base;

	/* source: a stream, or a memory buffer when f is NULL */
	FILE *f;
	const unsigned char *mem;
	size_t memlen, mempos;
	int eof;

	/* raw bytes not yet decoded (at most a cut character between reads) */
	unsigned char *raw;
	size_t raw_len;
	int started;
	enum csv_enc enc;
	iconv_t cd;
	int gb_started; /* some GB18030 was decoded */

	/* decoded UTF-8 not yet parsed */
	char *dec;
	size_t dec_alloc, dec_len, dec_pos;

	struct csv_parser parser;
	int parser_done; /* csv_fini called */

	struct dx_rowq q;
	size_t ncols;  /* fields so far in the row being parsed */
	long rownum;
	int after_cr; /* the last record ended with CR: a lone LF follows */
	int perr;     /* error raised in a libcsv callback */
	const char *pwhy;
	const char *fault; /* the decoded text stops at a bad byte: raise this next */
};

static const char why_enc[] = "文件编码无法识别（请另存为UTF-8或GB18030编码的CSV）";
static const char why_nul[] =
	"此行含有空字符（NUL，0x00），文件可能已损坏或不是CSV文本；请用 Excel 打开后另存为CSV";

/*
 * libcsv grows its field buffer through this; refusing to go past the
 * cell cap turns a runaway field into CSV_ENOMEM, which we report as
 * DX_TOOBIG.
 */
static void *capped_realloc(void *p, size_t n)
{
	if (n > DX_SHEET_CELL_MAX + 1)
		return NULL;
	return realloc(p, n);
}

/* libcsv trims spaces unless told nothing is a space. */
static int no_space(unsigned char c)
{
	return 0;
}

/*
 * Length of the longest prefix of p[0..len) made of whole, valid UTF-8
 * characters (no NUL, no overlongs or surrogates).  *bad is set when the
 * prefix stops at an invalid sequence rather than at a character cut by
 * the end of the buffer.
 */
static size_t utf8_prefix(const unsigned char *p, size_t len, int *bad)
{
	size_t i = 0;

	*bad = 0;
	while (i < len) {
		unsigned c = p[i];
		size_t n, k;
		unsigned lo = 0x80, hi = 0xbf;
		uint64_t w;

		if (c >= 0x01 && c < 0x80) {
			/* 8 bytes of 01..7F at a time: a byte 00 borrows, and
			 * sets its top bit like a byte 80..FF */
			i++;
			while (i + 8 <= len) {
				memcpy(&w, p + i, 8);
				if (((w - 0x0101010101010101ull) | w) & 0x8080808080808080ull)
					break;
				i += 8;
			}
			continue;
		}
		/* most of a Chinese ledger: U+1000..U+CFFF, U+E000..U+FFFF */
		if (c >= 0xe1 && c <= 0xef && c != 0xed && len - i >= 3 &&
		    (p[i + 1] & 0xc0) == 0x80 && (p[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 2;
		else if (c >= 0xe0 && c <= 0xef) {
			n = 3;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 4;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else {
			*bad = 1;
			return i;
		}
		for (k = 1; k < n; k++) {
			if (i + k >= len)
				return i; /* cut by the end of the buffer */
			if (p[i + k] < lo || p[i + k] > hi) {
				*bad = 1;
				return i;
			}
			lo = 0x80;
			hi = 0xbf;
		}
		i += n;
	}
	return i;
}

static int has_high_byte(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] & 0x80)
			return 1;
	return 0;
}

/* Read up to n bytes from the source; -1 on a read error. */
static long read_src(struct csv_sheet *cs, unsigned char *buf, size_t n)
{
	size_t got;

	if (cs->f) {
		got = fread(buf, 1, n, cs->f);
		if (got < n && ferror(cs->f))
			return -1;
	} else {
		got = cs->memlen - cs->mempos;
		if (got > n)
			got = n;
		memcpy(buf, cs->mem + cs->mempos, got);
		cs->mempos += got;
	}
	cs->base.done += got;
	return (long)got;
}

/* First bytes of the file: a BOM, or a text encoding we do not read. */
static int sniff_start(struct csv_sheet *cs, const char **why)
{
	const unsigned char *p = cs->raw;

	if (cs->raw_len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		memmove(cs->raw, cs->raw + 3, cs->raw_len - 3);
		cs->raw_len -= 3;
		cs->enc = ENC_UTF8_BOM;
		cs->base.format = "utf-8-bom";
	} else if (cs->raw_len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
					(p[0] == 0xfe && p[1] == 0xff))) {
		*why = "不支持UTF-16编码的文件，请另存为UTF-8或GB18030编码的CSV";
		return DX_INVALID;
	}
	return 0;
}

/* Pick UTF-8 or GB18030 from the chunk in raw, if it is not all ASCII. */
static int decide(struct csv_sheet *cs, const char **why)
{
	size_t ok;
	int bad;

	if (!has_high_byte(cs->raw, cs->raw_len))
		return 0;
	/* a NUL decides nothing (decode reports it on its row) */
	for (ok = 0;;) {
		ok += utf8_prefix(cs->raw + ok, cs->raw_len - ok, &bad);
		if (!bad || cs->raw[ok])
			break;
		ok++;
	}
	if (!bad && (!cs->eof || ok == cs->raw_len)) {
		cs->enc = ENC_UTF8;
		cs->base.format = "utf-8";
		return 0;
	}
	cs->cd = iconv_open("UTF-8", "GB18030");
	if (cs->cd == (iconv_t)-1) {
		*why = why_enc;
		return dx_error(DX_INVALID, "iconv cannot convert from GB18030");
	}
	cs->enc = ENC_GB18030;
	cs->base.format = "gb18030";
	return 0;
}

/* Move raw[used..raw_len) to the front of raw. */
static void raw_consume(struct csv_sheet *cs, size_t used)
{
	memmove(cs->raw, cs->raw + used, cs->raw_len - used);
	cs->raw_len -= used;
}

/* Decode what raw holds into dec; a cut character stays in raw. */
static int decode(struct csv_sheet *cs, const char **why)
{
	if (cs->enc == ENC_GB18030) {
		char *in = (char *)cs->raw, *outp = cs->dec;
		size_t inleft = cs->raw_len, outleft = cs->dec_alloc;

		const char *fault = NULL;
		char *nul;

		while (inleft) {
			if (iconv(cs->cd, &in, &inleft, &outp, &outleft) != (size_t)-1)
				continue;
			if (errno == EINVAL && !cs->eof)
				break; /* cut character: wait for more */
			fault = why_enc; /* after what decoded before it */
			break;
		}
		cs->dec_len = (size_t)(outp - cs->dec);
		raw_consume(cs, cs->raw_len - inleft);
		if ((nul = memchr(cs->dec, 0, cs->dec_len))) {
			cs->dec_len = (size_t)(nul - cs->dec);
			fault = why_nul;
		}
		if (fault) {
			cs->fault = fault;
			if (!cs->dec_len) {
				*why = fault;
				return dx_error(DX_INVALID, "csv has a byte that is not text");
			}
		}
		/* GB18030 has a BOM too (84 31 95 33), decoded to U+FEFF */
		if (!cs->gb_started && cs->dec_len) {
			cs->gb_started = 1;
			if (cs->dec_len >= 3 && !memcmp(cs->dec, "\xef\xbb\xbf", 3))
				cs->dec_pos = 3;
		}
	} else {
		int bad;
		size_t ok = utf8_prefix(cs->raw, cs->raw_len, &bad);

		unsigned char *p = cs->raw;

		if (bad || (cs->eof && ok < cs->raw_len)) {
			/* the text before the bad byte is read first */
			cs->fault = bad && !cs->raw[ok] ? why_nul : why_enc;
			if (!ok) {
				*why = cs->fault;
				return dx_error(DX_INVALID, "csv is not valid UTF-8 after the start");
			}
		}
		/* the bytes are their own decoding: swap the buffers (both
		 * are dec_alloc long), keeping a cut character in raw */
		cs->raw = (unsigned char *)cs->dec;
		cs->dec = (char *)p;
		memcpy(cs->raw, p + ok, cs->raw_len - ok);
		cs->raw_len -= ok;
		cs->dec_len = ok;
	}
	return 0;
}

/*
 * Refill dec with the next decoded chunk.  DX_NOT_FOUND at the end of
 * the source.
 */
static int fill(struct csv_sheet *cs, const char **why)
{
	int rc;

	cs->dec_pos = cs->dec_len = 0;
	if (cs->fault) {
		*why = cs->fault;
		return dx_error(DX_INVALID, "csv row %ld: a byte that is not text", cs->rownum + 1);
	}
	while (!cs->dec_len) {
		long n;

		if (cs->eof)
			return DX_NOT_FOUND;
		n = read_src(cs, cs->raw + cs->raw_len, RAW_CHUNK - cs->raw_len);
		if (n < 0) {
			*why = "无法读取文件";
			return dx_error(DX_IO, "read error on csv");
		}
		if (n == 0)
			cs->eof = 1;
		cs->raw_len += (size_t)n;
		if (!cs->started) {
			cs->started = 1;
			if ((rc = sniff_start(cs, why)))
				return rc;
		}
		if (cs->enc == ENC_UNDECIDED && (rc = decide(cs, why)))
			return rc;
		if ((rc = decode(cs, why)))
			return rc;
	}
	return 0;
}

static void csv_fail(struct csv_sheet *cs, int err, const char *why)
{
	if (!cs->perr) {
		cs->perr = err;
		cs->pwhy = why;
	}
}

static void on_field(void *s, size_t len, void *arg)
{
	struct csv_sheet *cs = arg;
	const char *why = NULL;
	int rc;

	if (cs->perr)
		return;
	cs->after_cr = 0;
	if (len > DX_SHEET_CELL_MAX) {
		csv_fail(cs, DX_TOOBIG, "单元格内容超过1MB");
		return;
	}
	if (cs->ncols >= DX_SHEET_COLS_MAX) {
		csv_fail(cs, DX_TOOBIG, "一行超过16384列");
		return;
	}
	if (len && (rc = dx_rowq_add(&cs->q, cs->ncols, s, len, &why)))
		csv_fail(cs, rc, why);
	cs->ncols++;
}

static void on_row(int c, void *arg)
{
	struct csv_sheet *cs = arg;

	if (cs->perr)
		return;
	if (c == '\n' && cs->after_cr && !cs->ncols) {
		cs->after_cr = 0; /* the LF of a CRLF */
		return;
	}
	cs->after_cr = c == '\r';
	dx_rowq_end_row(&cs->q, ++cs->rownum);
	cs->ncols = 0;
}

/* Parse until at least one row is queued; DX_NOT_FOUND at the end. */
static int parse_more(struct csv_sheet *cs, const char **why)
{
	int rc;

	dx_rowq_compact(&cs->q);
	while (cs->q.head == cs->q.nrows) {
		size_t len, n;

		if (cs->dec_pos == cs->dec_len) {
			rc = fill(cs, why);
			if (rc == DX_NOT_FOUND && !cs->parser_done) {
				if (cs->parser.pstate == 2 /* FIELD_BEGUN */ &&
				    cs->parser.quoted) {
					*why = "引号未闭合（某个单元格以\"开头却没有结束的\"）";
					return dx_error(DX_INVALID, "csv has an unterminated quote");
				}
				cs->parser_done = 1;
				csv_fini(&cs->parser, on_field, on_row, cs);
				continue;
			}
			if (rc)
				return rc;
		}
		len = cs->dec_len - cs->dec_pos;
		if (len > SLICE)
			len = SLICE;
		n = csv_parse(&cs->parser, cs->dec + cs->dec_pos, len, on_field, on_row, cs);
		cs->dec_pos += n;
		if (!cs->perr && n < len)
			csv_fail(cs, csv_error(&cs->parser) == CSV_ENOMEM ? DX_TOOBIG : DX_INVALID,
				 csv_error(&cs->parser) == CSV_ENOMEM ? "单元格内容超过1MB"
								      : "CSV格式错误");
		if (cs->perr) {
			*why = cs->pwhy;
			return dx_error(cs->perr, "csv row %ld: %s", cs->rownum + 1,
					dx_strerror(cs->perr));
		}
	}
	return 0;
}

static int csv_next(struct dx_sheet *sh, struct dx_row *row, const char **why)
{
	struct csv_sheet *cs = (struct csv_sheet *)sh;
	int rc;

	if (!dx_rowq_pop(&cs->q, row))
		return 0;
	if ((rc = parse_more(cs, why)))
		return rc;
	return dx_rowq_pop(&cs->q, row);
}

static void csv_free_sheet(struct dx_sheet *sh)
{
	struct csv_sheet *cs = (struct csv_sheet *)sh;

	if (cs->f)
		fclose(cs->f);
	if (cs->cd && cs->cd != (iconv_t)-1)
		iconv_close(cs->cd);
	csv_free(&cs->parser);
	dx_rowq_release(&cs->q);
	free(cs->raw);
	free(cs->dec);
	free(cs);
}

static const struct dx_sheet_ops csv_ops = {csv_next, csv_free_sheet};

int dx_csv_open(struct dx_sheet **out, FILE *f, const void *mem, size_t len,
		uint64_t total, const char **why)
{
	struct csv_sheet *cs = dx_xcalloc(1, sizeof(*cs));
	int rc;

	cs->base.ops = &csv_ops;
	cs->base.format = "utf-8";
	cs->base.total = total;
	cs->f = f;
	cs->mem = mem;
	cs->memlen = len;
	/* GB18030 never more than doubles in UTF-8 (2 bytes -> 3, 4 -> 4);
	 * raw is as long, so that UTF-8 can swap the two */
	cs->dec_alloc = 2 * RAW_CHUNK;
	cs->raw = dx_xmalloc(cs->dec_alloc);
	cs->dec = dx_xmalloc(cs->dec_alloc);
	dx_rowq_init(&cs->q);
	csv_init(&cs->parser, CSV_REPALL_NL);
	csv_set_space_func(&cs->parser, no_space);
	csv_set_realloc_func(&cs->parser, capped_realloc);
	csv_set_blk_size(&cs->parser, 64u << 10);
	/* read the first chunk now, so the encoding is known (or refused) */
	*why = NULL;
	rc = fill(cs, why);
	if (rc && rc != DX_NOT_FOUND) {
		csv_free_sheet(&cs->base);
		return rc;
	}
	*out = &cs->base;
	return 0;
}
