/*
 * xlsx_read.c - the xlsx driver of the sheet reader (sheet.h).
 *
 * Opening reads the small parts whole-ish (each streamed through expat
 * and capped): xl/workbook.xml for the first sheet and the 1904 flag, its
 * relationships for where the sheet, shared strings and styles live,
 * xl/styles.xml for which cell styles are dates, and the shared string
 * table (capped at DX_SHEET_SST_MAX).  The worksheet itself is streamed
 * out of the zip 64 KiB at a time; the parser is suspended at every </row>
 * so one row is in memory at a time.
 *
 * XML is parsed with expat, DTDs refused (no entity declarations, so no
 * billion laughs), element and attribute names matched on their local part
 * so prefixed SpreadsheetML reads too.
 *
 * Hostile files (issue 13.1): what a part may inflate to is capped per part,
 * for the whole file, and relative to the part's compressed size (a zip
 * bomb inflates a thousandfold, a ledger about tenfold).  Expat 2.5 scans an
 * unfinished token again on every XML_Parse() call, so one huge comment or
 * attribute fed 64 KiB at a time costs time quadratic in its size: a token
 * still unfinished past TOKEN_MAX bytes is refused, and so is a worksheet
 * that runs STALL_MAX bytes without a cell.
 */
#include "core/dx.h"
#include "io/sheet_int.h"

#include <expat.h>

#define XCHUNK (64u << 10)
#define SMALL_PART_MAX (64u << 20)       /* workbook, rels, styles */
/* Excel's own limit on cell formats is 64,000: a styles part with more
 * cell formats (or number formats) was not written by a spreadsheet */
#define STYLES_MAX 65536u
/* shared strings: each holds at least its NUL in the 256 MB table, and an
 * offset per string beyond one per 8 bytes is no workbook's */
#define SST_COUNT_MAX (DX_SHEET_SST_MAX / 8)
#define SHEET_MAX ((uint64_t)4 << 30)    /* streamed, so only a sanity cap */
#define ROWNUM_MAX (1L << 30)
#define TOTAL_MAX ((uint64_t)4 << 30)   /* all parts of one file, inflated */
#define RATIO_MAX 100                   /* inflated / compressed, per part */
#define RATIO_FLOOR (4u << 20)          /* below this a part may inflate any ratio */
#define TOKEN_MAX (1u << 20)            /* bytes of one unfinished XML token */
#define STALL_MAX (16u << 20)           /* worksheet bytes without a cell or row */

static const char why_bad[] = "不是有效的xlsx文件";
static const char why_xml[] = "xlsx文件内容格式错误";
static const char why_zip[] = "xlsx文件已损坏或不完整";
static const char why_cell[] = "单元格内容超过1MB";
static const char why_inflate[] =
	"文件中的某部分解压后过大，可能已损坏或不是正常的 Excel 文件";
static const char why_token[] =
	"文件中有一段过长的内容不含任何单元格数据，可能已损坏或不是正常的 Excel 文件";

/* The head of every parse context: the parser and the first error. */
struct xml_ctx {
	XML_Parser p;
	int err;
	const char *why;
};

static void xml_fail(struct xml_ctx *x, int err, const char *why)
{
	if (!x->err) {
		x->err = err;
		x->why = why;
		XML_StopParser(x->p, XML_FALSE);
	}
}

/* A DTD may declare entities (billion laughs); workbooks never have one. */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int has_internal_subset)
{
	xml_fail(ud, DX_INVALID, why_xml);
}

static void on_entity(void *ud, const XML_Char *name, int is_pe,
		      const XML_Char *value, int value_len, const XML_Char *base,
		      const XML_Char *sysid, const XML_Char *pubid,
		      const XML_Char *notation)
{
	xml_fail(ud, DX_INVALID, why_xml);
}

static XML_Parser xml_new(struct xml_ctx *x, XML_StartElementHandler start,
			  XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	XML_Parser p = XML_ParserCreate("UTF-8");

	if (!p)
		return NULL;
	x->p = p;
	XML_SetUserData(p, x);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetEntityDeclHandler(p, on_entity);
	XML_SetElementHandler(p, start, end);
	if (text)
		XML_SetCharacterDataHandler(p, text);
	return p;
}

static const char *local(const char *name)
{
	const char *l = name;

	/* names are a few bytes long: a loop beats a call to strrchr */
	for (; *name; name++)
		if (*name == ':')
			l = name + 1;
	return l;
}

static int is(const char *name, const char *want)
{
	return !strcmp(local(name), want);
}

/* Value of the attribute whose local name is lname, or NULL. */
static const char *attr(const char **atts, const char *lname)
{
	for (; atts[0]; atts += 2)
		if (!strcmp(local(atts[0]), lname))
			return atts[1];
	return NULL;
}

/* ---- the reader ---------------------------------------------------- */

enum cell_type { T_N, T_S, T_STR, T_INLINE, T_B, T_E, T_D };

struct ws_ctx {
	struct xml_ctx x;
	struct xlsx_sheet *xs;
	int in_data, in_row, in_cell, in_v, in_is, in_t, rph;
	uint64_t progress_at; /* byte index of the last cell, row or (outside
			       * sheetData) element end */
	long rownum, col;
	enum cell_type type;
	long style;
	struct dx_buf val;
};

struct xlsx_sheet {
	struct dx_sheet base;
	zip_t *za;
	int date1904;
	uint64_t inflated; /* bytes inflated from every part so far */
	uint64_t ws_cap;   /* what the worksheet may inflate to */

	/* shared strings: string i is sst.buf + sst_off[i], length
	 * sst_off[i + 1] - sst_off[i] - 1 */
	struct dx_buf sst;
	uint32_t *sst_off;
	size_t nsst, sst_alloc;

	/* per cellXfs index: is it a date format */
	unsigned char *xf_date;
	size_t nxf;

	/* the worksheet stream */
	zip_file_t *zf;
	char *chunk;
	int suspended, final_sent, finished;
	struct ws_ctx ws;
	struct dx_buf ws_num; /* a number rewritten by dx_xlsx_sci_to_plain() */
	struct dx_rowq q;
};

/*
 * What entry idx may inflate to: max, and no more than RATIO_MAX times its
 * compressed size once past RATIO_FLOOR.  The compressed size is the
 * archive's word, but the bytes are counted as they come (inflate_count), so
 * a lie about it only makes the cap smaller.
 */
static uint64_t part_cap(zip_t *za, zip_int64_t idx, uint64_t max)
{
	zip_stat_t st;
	uint64_t r;

	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) || !(st.valid & ZIP_STAT_COMP_SIZE))
		return max;
	r = st.comp_size > UINT64_MAX / RATIO_MAX ? UINT64_MAX : st.comp_size * RATIO_MAX;
	if (r < RATIO_FLOOR)
		r = RATIO_FLOOR;
	return r < max ? r : max;
}

/* Count n more bytes inflated from part `name` (*got so far, cap from
 * part_cap()) and from the whole file; DX_TOOBIG with *why past either. */
static int inflate_count(struct xlsx_sheet *xs, const char *name, uint64_t *got, uint64_t cap,
			 uint64_t n, const char **why)
{
	*got += n;
	xs->inflated += n;
	if (*got <= cap && xs->inflated <= TOTAL_MAX)
		return 0;
	*why = why_inflate;
	return dx_error(DX_TOOBIG, "xlsx part '%s' inflates past %llu bytes (%llu for the file)",
			name, (unsigned long long)cap, (unsigned long long)xs->inflated);
}

/*
 * After XML_Parse() has taken all `fed` bytes of a part: refuse when the
 * token still unfinished (from the last event to the end) is over
 * TOKEN_MAX, before expat scans it again on the next call.
 */
static int token_check(struct xml_ctx *x, const char *name, uint64_t fed, const char **why)
{
	XML_Index at = XML_GetCurrentByteIndex(x->p);
	uint64_t pending = at < 0 ? fed : fed - (uint64_t)at;

	if (pending <= TOKEN_MAX)
		return 0;
	*why = why_token;
	return dx_error(DX_TOOBIG, "xlsx part '%s': an xml token runs past %u bytes at byte %llu",
			name, TOKEN_MAX, (unsigned long long)(fed - pending));
}

/*
 * Stream zip entry `name` through a parser built on ctx, refusing more
 * than max uncompressed bytes.  DX_NOT_FOUND (without why) when the entry
 * is missing.
 */
static int parse_part(struct xlsx_sheet *xs, const char *name, uint64_t max,
		      struct xml_ctx *x, XML_StartElementHandler start,
		      XML_EndElementHandler end, XML_CharacterDataHandler text,
		      const char **why)
{
	zip_int64_t idx;
	zip_stat_t st;
	zip_file_t *zf = NULL;
	XML_Parser p = NULL;
	uint64_t got = 0, cap;
	char *buf = NULL;
	int rc = 0;

	idx = zip_name_locate(xs->za, name, ZIP_FL_NOCASE);
	if (idx < 0)
		return DX_NOT_FOUND;
	cap = part_cap(xs->za, idx, max);
	if (!zip_stat_index(xs->za, (zip_uint64_t)idx, 0, &st) &&
	    (st.valid & ZIP_STAT_SIZE) && st.size > max) {
		*why = "xlsx文件过大";
		return dx_error(DX_TOOBIG, "xlsx part '%s' is over %llu bytes", name,
				(unsigned long long)max);
	}
	zf = zip_fopen_index(xs->za, (zip_uint64_t)idx, 0);
	p = xml_new(x, start, end, text);
	if (!zf || !p) {
		*why = zf ? "内存不足" : why_zip;
		rc = dx_error(zf ? DX_NOMEM : DX_INVALID, "cannot open xlsx part '%s'", name);
		goto out;
	}
	buf = dx_xmalloc(XCHUNK);
	for (;;) {
		zip_int64_t n = zip_fread(zf, buf, XCHUNK);

		if (n < 0) {
			*why = why_zip;
			rc = dx_error(DX_INVALID, "cannot read xlsx part '%s': %s", name,
				      zip_strerror(xs->za));
			goto out;
		}
		if ((rc = inflate_count(xs, name, &got, cap, (uint64_t)n, why)))
			goto out;
		if (XML_Parse(p, buf, (int)n, n == 0) != XML_STATUS_OK || x->err) {
			*why = x->err ? x->why : why_xml;
			rc = dx_error(x->err ? x->err : DX_INVALID, "bad xml in xlsx part '%s': %s",
				      name, XML_ErrorString(XML_GetErrorCode(p)));
			goto out;
		}
		if ((rc = token_check(x, name, got, why)))
			goto out;
		if (n == 0)
			break;
	}
out:
	free(buf);
	if (p)
		XML_ParserFree(p);
	if (zf)
		zip_fclose(zf);
	return rc;
}

/* ---- workbook and relationships ------------------------------------ */

struct wb_ctx {
	struct xml_ctx x;
	char *rid;     /* r:id of the first sheet */
	int date1904;
};

static void wb_start(void *ud, const char *name, const char **atts)
{
	struct wb_ctx *c = ud;
	const char *v;

	if (is(name, "sheet") && !c->rid && (v = attr(atts, "id")))
		c->rid = dx_xstrdup(v);
	else if (is(name, "workbookPr") && (v = attr(atts, "date1904")))
		c->date1904 = !strcmp(v, "1") || !strcmp(v, "true");
}

static void no_end(void *ud, const char *name)
{
}

struct rels_ctx {
	struct xml_ctx x;
	const char *rid;
	char *sheet, *sst, *styles; /* targets */
};

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && !strcmp(s + n - m, tail);
}

static void rels_start(void *ud, const char *name, const char **atts)
{
	struct rels_ctx *c = ud;
	const char *id, *type, *target;

	if (!is(name, "Relationship"))
		return;
	id = attr(atts, "Id");
	type = attr(atts, "Type");
	target = attr(atts, "Target");
	if (!target)
		return;
	if (id && c->rid && !c->sheet && !strcmp(id, c->rid))
		c->sheet = dx_xstrdup(target);
	else if (type && ends_with(type, "/sharedStrings") && !c->sst)
		c->sst = dx_xstrdup(target);
	else if (type && ends_with(type, "/styles") && !c->styles)
		c->styles = dx_xstrdup(target);
}

/*
 * Zip entry name of a relationship target of xl/workbook.xml: absolute
 * ("/xl/worksheets/sheet1.xml") or relative to xl/, with "." and ".."
 * resolved.  The caller frees it.
 */
static char *resolve_target(const char *target)
{
	char *out = dx_xmalloc(strlen(target) + 4);
	size_t len = 0;
	const char *p = target;

	if (*p == '/')
		p++;
	else {
		memcpy(out, "xl/", 3);
		len = 3;
	}
	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if ((n == 1 && p[0] == '.') || n == 0) {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (len)
				len--; /* the '/' ending the last segment */
			while (len && out[len - 1] != '/')
				len--;
		} else {
			memcpy(out + len, p, n);
			len += n;
			if (e)
				out[len++] = '/';
		}
		p += n;
		if (*p == '/')
			p++;
	}
	out[len] = '\0';
	return out;
}

/* ---- styles -------------------------------------------------------- */

struct fmt {
	long id;
	int date;
};

static int fmt_cmp(const void *a, const void *b)
{
	const struct fmt *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

struct styles_ctx {
	struct xml_ctx x;
	int in_xfs;
	struct fmt *fmts;
	size_t nfmts, fmts_alloc;
	long *xf_fmt;
	size_t nxf, xf_alloc;
};

static int parse_long(const char *s, long lo, long hi, long *out)
{
	int64_t v = 0;
	int n = 0;

	/* the usual attribute, a few plain digits, without strtoll */
	while (s && s[n] >= '0' && s[n] <= '9' && n < 9)
		v = v * 10 + (s[n++] - '0');
	if (!s || n == 0 || s[n]) {
		if (!s || dx_parse_i64(s, &v))
			return -1;
	}
	if (v < lo || v > hi)
		return -1;
	*out = (long)v;
	return 0;
}

/* Room for one more element of a styles array; on failure the parse
 * stops with DX_TOOBIG or DX_NOMEM and 0 is returned. */
static int styles_room(struct styles_ctx *c, void *pp, size_t *alloc, size_t n, size_t elem)
{
	int rc = dx_grow(pp, alloc, n + 1, elem, STYLES_MAX);
	if (rc)
		xml_fail(&c->x, rc,
			 rc == DX_NOMEM ? "内存不足"
					: "xlsx样式表的单元格格式超过65536个（电子表格程序不会这样保存）");
	return !rc;
}

static void styles_start(void *ud, const char *name, const char **atts)
{
	struct styles_ctx *c = ud;
	const char *code;
	long id;

	if (is(name, "cellXfs")) {
		c->in_xfs = 1;
	} else if (is(name, "numFmt")) {
		code = attr(atts, "formatCode");
		if (parse_long(attr(atts, "numFmtId"), 0, 1L << 30, &id) || !code)
			return;
		if (!styles_room(c, &c->fmts, &c->fmts_alloc, c->nfmts, sizeof(*c->fmts)))
			return;
		c->fmts[c->nfmts].id = id;
		c->fmts[c->nfmts++].date = dx_xlsx_fmt_is_date(code);
	} else if (is(name, "xf") && c->in_xfs) {
		if (parse_long(attr(atts, "numFmtId"), 0, 1L << 30, &id))
			id = 0;
		if (!styles_room(c, &c->xf_fmt, &c->xf_alloc, c->nxf, sizeof(*c->xf_fmt)))
			return;
		c->xf_fmt[c->nxf++] = id;
	}
}

static void styles_end(void *ud, const char *name)
{
	struct styles_ctx *c = ud;

	if (is(name, "cellXfs"))
		c->in_xfs = 0;
}

static int load_styles(struct xlsx_sheet *xs, const char *name, const char **why)
{
	struct styles_ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	rc = parse_part(xs, name, SMALL_PART_MAX, &c.x, styles_start, styles_end, NULL, why);
	if (rc == DX_NOT_FOUND)
		rc = 0; /* no styles: nothing is a date */
	if (!rc && c.nfmts)
		qsort(c.fmts, c.nfmts, sizeof(*c.fmts), fmt_cmp);
	if (!rc && c.nxf && !(xs->xf_date = calloc(c.nxf, 1))) {
		*why = "内存不足";
		rc = DX_NOMEM;
	}
	if (!rc && c.nxf) {
		xs->nxf = c.nxf;
		for (size_t i = 0; i < c.nxf; i++) {
			struct fmt key = {c.xf_fmt[i], 0}, *f = NULL;

			/* a custom format may redefine any id */
			if (c.nfmts)
				f = bsearch(&key, c.fmts, c.nfmts, sizeof(*c.fmts), fmt_cmp);
			xs->xf_date[i] = (unsigned char)(f ? f->date : dx_xlsx_builtin_is_date(key.id));
		}
	}
	free(c.fmts);
	free(c.xf_fmt);
	return rc;
}

/* ---- shared strings ------------------------------------------------ */

struct sst_ctx {
	struct xml_ctx x;
	struct xlsx_sheet *xs;
	int in_si, in_t, rph;
	struct dx_buf cur;
};

static void sst_start(void *ud, const char *name, const char **atts)
{
	struct sst_ctx *c = ud;
	const char *l = local(name);

	if (!strcmp(l, "si")) {
		c->in_si = 1;
		c->rph = 0;
		dx_buf_reset(&c->cur);
	} else if (!strcmp(l, "rPh")) {
		c->rph++;
	} else if (!strcmp(l, "t") && c->in_si && !c->rph) {
		c->in_t = 1;
	}
}

static void sst_text(void *ud, const char *s, int len)
{
	struct sst_ctx *c = ud;

	if (!c->in_t)
		return;
	dx_buf_add(&c->cur, s, (size_t)len);
	if (c->cur.err)
		xml_fail(&c->x, DX_TOOBIG, why_cell);
}

static void sst_end(void *ud, const char *name)
{
	struct sst_ctx *c = ud;
	struct xlsx_sheet *xs = c->xs;
	const char *l = local(name);

	if (!strcmp(l, "t")) {
		c->in_t = 0;
	} else if (!strcmp(l, "rPh")) {
		if (c->rph)
			c->rph--;
	} else if (!strcmp(l, "si") && c->in_si) {
		c->in_si = 0;
		int rc = dx_grow(&xs->sst_off, &xs->sst_alloc, xs->nsst + 2, sizeof(*xs->sst_off),
				 SST_COUNT_MAX);
		if (rc) {
			xml_fail(&c->x, rc, rc == DX_NOMEM ? "内存不足" : "xlsx共享字符串超过3200万个");
			return;
		}
		dx_buf_add(&xs->sst, c->cur.buf, c->cur.len);
		dx_buf_add(&xs->sst, "", 1);
		if (xs->sst.err) {
			xml_fail(&c->x, DX_TOOBIG, "xlsx共享字符串表超过256MB");
			return;
		}
		xs->sst_off[++xs->nsst] = (uint32_t)xs->sst.len;
	}
}

static int load_sst(struct xlsx_sheet *xs, const char *name, const char **why)
{
	struct sst_ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.xs = xs;
	dx_buf_init(&c.cur, DX_SHEET_CELL_MAX);
	xs->sst_alloc = 1024;
	xs->sst_off = dx_xcalloc(xs->sst_alloc, sizeof(*xs->sst_off));
	rc = parse_part(xs, name, DX_SHEET_SST_MAX, &c.x, sst_start, sst_end, sst_text, why);
	if (rc == DX_NOT_FOUND)
		rc = 0; /* inline strings only */
	dx_buf_release(&c.cur);
	return rc;
}

/* ---- the worksheet ------------------------------------------------- */

/* Column of a cell reference ("AB12" -> 28); 0 if there is none. */
static long ref_col(const char *r)
{
	long col = 0;
	int n = 0;

	for (; *r >= 'A' && *r <= 'Z'; r++, n++) {
		if (n == 3)
			return 0;
		col = col * 26 + (*r - 'A' + 1);
	}
	return col;
}

static enum cell_type parse_type(const char *t)
{
	if (!t || !strcmp(t, "n"))
		return T_N;
	if (!strcmp(t, "s"))
		return T_S;
	if (!strcmp(t, "str"))
		return T_STR;
	if (!strcmp(t, "inlineStr"))
		return T_INLINE;
	if (!strcmp(t, "b"))
		return T_B;
	if (!strcmp(t, "e"))
		return T_E;
	if (!strcmp(t, "d"))
		return T_D;
	return T_N;
}

/* The first r, t and s attributes of a cell (by local name), in one pass. */
static void cell_attrs(const char **atts, const char **r, const char **t, const char **s)
{
	*r = *t = *s = NULL;
	for (; atts[0]; atts += 2) {
		const char *l = local(atts[0]);

		if (!l[0] || l[1])
			continue;
		if (l[0] == 'r' && !*r)
			*r = atts[1];
		else if (l[0] == 't' && !*t)
			*t = atts[1];
		else if (l[0] == 's' && !*s)
			*s = atts[1];
	}
}

static void ws_start(void *ud, const char *name, const char **atts)
{
	struct ws_ctx *c = ud;
	const char *l = local(name);
	long v;

	if (l[0] == 's' && !strcmp(l, "sheetData")) {
		c->in_data = 1;
	} else if (l[0] == 'r' && !strcmp(l, "row") && c->in_data) {
		if (parse_long(attr(atts, "r"), 1, ROWNUM_MAX, &v))
			v = c->rownum + 1;
		c->rownum = v;
		c->in_row = 1;
		c->col = 0;
	} else if (l[0] == 'c' && !l[1] && c->in_row) {
		const char *r, *t, *st;

		cell_attrs(atts, &r, &t, &st);
		v = r ? ref_col(r) : 0;
		c->col = v ? v : c->col + 1;
		c->type = parse_type(t);
		if (parse_long(st, 0, 1L << 30, &c->style))
			c->style = 0;
		c->in_cell = 1;
		c->in_v = c->in_is = c->in_t = c->rph = 0;
		dx_buf_reset(&c->val);
	} else if (!c->in_cell) {
		return;
	} else if (l[0] == 'v' && !l[1]) {
		c->in_v = 1;
	} else if (!strcmp(l, "is")) {
		c->in_is = 1;
	} else if (!strcmp(l, "rPh")) {
		c->rph++;
	} else if (!strcmp(l, "t") && c->in_is && !c->rph) {
		c->in_t = 1;
	}
}

static void ws_text(void *ud, const char *s, int len)
{
	struct ws_ctx *c = ud;

	if (!c->in_v && !c->in_t)
		return;
	dx_buf_add(&c->val, s, (size_t)len);
	if (c->val.err)
		xml_fail(&c->x, DX_TOOBIG, why_cell);
}

/* The value of the cell just closed, as the user sees it. */
static void finish_cell(struct ws_ctx *c)
{
	struct xlsx_sheet *xs = c->xs;
	const char *s = c->val.buf, *why = NULL;
	size_t len = c->val.len;
	char iso[11];
	long idx;
	int rc;

	switch (c->type) {
	case T_S:
		if (parse_long(s, 0, (long)xs->nsst - 1, &idx)) {
			xml_fail(&c->x, DX_INVALID, "xlsx共享字符串索引无效");
			return;
		}
		s = xs->sst.buf + xs->sst_off[idx];
		len = xs->sst_off[idx + 1] - xs->sst_off[idx] - 1;
		break;
	case T_N:
		if (c->style >= 0 && (size_t)c->style < xs->nxf && xs->xf_date[c->style] &&
		    !dx_xlsx_serial_to_iso(s, xs->date1904, iso)) {
			s = iso;
			len = 10;
		} else if (!dx_xlsx_sci_to_plain(c->val.buf, &xs->ws_num)) {
			s = xs->ws_num.buf;
			len = xs->ws_num.len;
		}
		break;
	default:
		break;
	}
	if (!len)
		return;
	if ((rc = dx_rowq_add(&xs->q, (size_t)c->col - 1, s, len, &why)))
		xml_fail(&c->x, rc, why);
}

static void ws_end(void *ud, const char *name)
{
	struct ws_ctx *c = ud;
	const char *l = local(name);

	if (c->in_cell) {
		if (l[0] == 'v' && !l[1])
			c->in_v = 0;
		else if (l[0] == 't' && !l[1])
			c->in_t = 0;
		else if (!strcmp(l, "is"))
			c->in_is = 0;
		else if (!strcmp(l, "rPh") && c->rph)
			c->rph--;
		else if (l[0] == 'c' && !l[1]) {
			c->in_cell = 0;
			c->progress_at = (uint64_t)XML_GetCurrentByteIndex(c->x.p);
			finish_cell(c);
		}
	} else if (!strcmp(l, "row") && c->in_row) {
		c->in_row = 0;
		c->progress_at = (uint64_t)XML_GetCurrentByteIndex(c->x.p);
		dx_rowq_end_row(&c->xs->q, c->rownum);
		/* hand the row out before parsing on */
		XML_StopParser(c->x.p, XML_TRUE);
	} else if (!strcmp(l, "sheetData")) {
		c->in_data = 0;
	}
	/* outside sheetData (columns, merged cells, validations …) any
	 * element closing is progress: there is no cell to wait for */
	if (!c->in_data)
		c->progress_at = (uint64_t)XML_GetCurrentByteIndex(c->x.p);
}

static int xlsx_next(struct dx_sheet *sh, struct dx_row *row, const char **why)
{
	struct xlsx_sheet *xs = (struct xlsx_sheet *)sh;
	struct ws_ctx *c = &xs->ws;

	for (;;) {
		enum XML_Status st;
		int rc;

		if (!dx_rowq_pop(&xs->q, row))
			return 0;
		if (c->x.err) {
			*why = c->x.why;
			return dx_error(c->x.err, "xlsx row %ld: %s", c->rownum,
					dx_strerror(c->x.err));
		}
		if (xs->finished)
			return DX_NOT_FOUND;
		dx_rowq_compact(&xs->q);
		if (xs->suspended) {
			st = XML_ResumeParser(c->x.p);
		} else {
			zip_int64_t n = zip_fread(xs->zf, xs->chunk, XCHUNK);

			if (n < 0) {
				*why = why_zip;
				return dx_error(DX_INVALID, "cannot read xlsx worksheet: %s",
						zip_file_strerror(xs->zf));
			}
			if ((rc = inflate_count(xs, "worksheet", &xs->base.done, xs->ws_cap,
						(uint64_t)n, why)))
				return rc;
			xs->final_sent = n == 0;
			st = XML_Parse(c->x.p, xs->chunk, (int)n, xs->final_sent);
			if (st == XML_STATUS_OK && !c->x.err &&
			    (rc = token_check(&c->x, "worksheet", xs->base.done, why)))
				return rc;
		}
		if (st != XML_STATUS_ERROR && xs->base.done - c->progress_at > STALL_MAX) {
			*why = why_token;
			return dx_error(DX_TOOBIG, "xlsx worksheet runs %u bytes without a cell "
					"after byte %llu", STALL_MAX,
					(unsigned long long)c->progress_at);
		}
		if (st == XML_STATUS_ERROR) {
			if (c->x.err)
				continue; /* pop what came before, then report */
			*why = why_xml;
			return dx_error(DX_INVALID, "bad xml in xlsx worksheet at line %lu: %s",
					(unsigned long)XML_GetCurrentLineNumber(c->x.p),
					XML_ErrorString(XML_GetErrorCode(c->x.p)));
		}
		xs->suspended = st == XML_STATUS_SUSPENDED;
		if (!xs->suspended && xs->final_sent)
			xs->finished = 1;
	}
}

static void xlsx_free(struct dx_sheet *sh)
{
	struct xlsx_sheet *xs = (struct xlsx_sheet *)sh;

	if (xs->ws.x.p)
		XML_ParserFree(xs->ws.x.p);
	dx_buf_release(&xs->ws.val);
	dx_buf_release(&xs->ws_num);
	if (xs->zf)
		zip_fclose(xs->zf);
	if (xs->za)
		zip_discard(xs->za);
	dx_buf_release(&xs->sst);
	free(xs->sst_off);
	free(xs->xf_date);
	free(xs->chunk);
	dx_rowq_release(&xs->q);
	free(xs);
}

static const struct dx_sheet_ops xlsx_ops = {xlsx_next, xlsx_free};

/* Find the first sheet and the parts it needs, and open its stream. */
static int open_parts(struct xlsx_sheet *xs, const char **why)
{
	struct wb_ctx wb;
	struct rels_ctx rels;
	char *sheet = NULL, *part = NULL;
	zip_int64_t idx;
	zip_stat_t st;
	int rc;

	memset(&wb, 0, sizeof(wb));
	memset(&rels, 0, sizeof(rels));
	rc = parse_part(xs, "xl/workbook.xml", SMALL_PART_MAX, &wb.x, wb_start, no_end, NULL, why);
	if (rc == DX_NOT_FOUND || (!rc && !wb.rid)) {
		*why = why_bad;
		rc = dx_error(DX_INVALID, "xlsx has no workbook or no sheet");
	}
	if (rc)
		goto out;
	xs->date1904 = wb.date1904;
	rels.rid = wb.rid;
	rc = parse_part(xs, "xl/_rels/workbook.xml.rels", SMALL_PART_MAX, &rels.x, rels_start,
			no_end, NULL, why);
	if (rc == DX_NOT_FOUND || (!rc && !rels.sheet)) {
		*why = why_bad;
		rc = dx_error(DX_INVALID, "xlsx has no relationship for its first sheet");
	}
	if (rc)
		goto out;

	part = resolve_target(rels.styles ? rels.styles : "styles.xml");
	if ((rc = load_styles(xs, part, why)))
		goto out;
	free(part);
	part = resolve_target(rels.sst ? rels.sst : "sharedStrings.xml");
	if ((rc = load_sst(xs, part, why)))
		goto out;

	sheet = resolve_target(rels.sheet);
	idx = zip_name_locate(xs->za, sheet, ZIP_FL_NOCASE);
	if (idx < 0 || !(xs->zf = zip_fopen_index(xs->za, (zip_uint64_t)idx, 0))) {
		*why = why_bad;
		rc = dx_error(DX_INVALID, "xlsx lacks its sheet '%s'", sheet);
		goto out;
	}
	if (!zip_stat_index(xs->za, (zip_uint64_t)idx, 0, &st) && (st.valid & ZIP_STAT_SIZE))
		xs->base.total = st.size;
	xs->ws_cap = part_cap(xs->za, idx, SHEET_MAX);
	xs->ws.xs = xs;
	dx_buf_init(&xs->ws.val, DX_SHEET_CELL_MAX);
	if (!xml_new(&xs->ws.x, ws_start, ws_end, ws_text)) {
		*why = "内存不足";
		rc = dx_error(DX_NOMEM, "cannot create xml parser");
		goto out;
	}
	xs->chunk = dx_xmalloc(XCHUNK);
out:
	free(wb.rid);
	free(rels.sheet);
	free(rels.sst);
	free(rels.styles);
	free(sheet);
	free(part);
	return rc;
}

int dx_xlsx_open(struct dx_sheet **out, zip_t *za, const char **why)
{
	struct xlsx_sheet *xs = dx_xcalloc(1, sizeof(*xs));
	int rc;

	xs->base.ops = &xlsx_ops;
	xs->base.format = "xlsx";
	xs->za = za;
	dx_buf_init(&xs->sst, DX_SHEET_SST_MAX);
	dx_buf_init(&xs->ws_num, 64);
	dx_rowq_init(&xs->q);
	*out = NULL;
	*why = NULL;
	if ((rc = open_parts(xs, why))) {
		xlsx_free(&xs->base);
		return rc;
	}
	*out = &xs->base;
	return 0;
}
