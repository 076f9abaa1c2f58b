/*
 * template_cell.c - the per-cell parsers: a cell's text to the column's
 * value (code, date, money, ID number, yes/no, text), the row parser with
 * its memo of the last good cell per field, and blank rows.
 */
#include "core/dx.h"
#include "io/template.h"
#include "core/area.h"
#include "core/date.h"
#include "core/idcard.h"
#include "core/mask.h"
#include "core/money.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "io/template_int.h"

#include <pthread.h>

/*
 * memcpy() for the few bytes of a cell.  GCC expands a memcpy() whose size
 * it can bound into `rep movs`, which takes longer to start than glibc's
 * memcpy takes for a short string; out of line, the bound is unknown.
 */
__attribute__((noinline)) static void cell_copy(char *dst, const char *src, size_t n)
{
	memcpy(dst, src, n);
}

/* Look s[0..n) up in a code table by walking it; the canonical value or
 * NULL.  "alias=value" entries match their alias only. */
static const char *code_lookup(const char *const *codes, const char *s, size_t n)
{
	for (size_t i = 0; codes[i]; i++) {
		const char *eq = strchr(codes[i], '=');
		size_t klen = eq ? (size_t)(eq - codes[i]) : strlen(codes[i]);
		if (klen == n && !memcmp(codes[i], s, n))
			return eq ? eq + 1 : codes[i];
	}
	return NULL;
}

/*
 * Every value and alias of every code table of templates[], hashed once
 * per process (the tables are static and shared by all imports, so the
 * index is built under pthread_once and only read after that).  A cell is
 * looked up in one probe or two instead of a walk with a strcmp per
 * entry.  The index gives the very pointer code_lookup() gives, since
 * MULTI cells compare items by pointer.
 */
#define CODE_SLOTS 1024 /* a power of two, at most half full */

struct code_slot {
	const char *const *codes; /* the table; NULL for an empty slot */
	const char *key;          /* a value or an alias as the cell has it */
	size_t klen;
	const char *canon; /* what code_lookup() gives for key */
	size_t clen;
};

static struct code_slot code_index[CODE_SLOTS];
static pthread_once_t code_once = PTHREAD_ONCE_INIT;

static uint64_t load_le(const char *s, size_t n)
{
	uint64_t w = 0;
	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)(unsigned char)s[i] << (8 * i);
	return w;
}

/* A hash of (table, s[0..n)) from the length and the first and last 8
 * bytes: the values of one table differ there. */
static size_t code_hash(const char *const *codes, const char *s, size_t n)
{
	uint64_t a = load_le(s, n < 8 ? n : 8), b = n > 8 ? load_le(s + n - 8, 8) : 0;
	uint64_t h = (uint64_t)(uintptr_t)codes ^ (n * 0x9E3779B97F4A7C15ull);
	h = (h ^ a) * 0xBF58476D1CE4E5B9ull;
	h = (h ^ b ^ (h >> 31)) * 0x94D049BB133111EBull;
	return (size_t)(h ^ (h >> 29)) & (CODE_SLOTS - 1);
}

static struct code_slot *code_slot(const char *const *codes, const char *s, size_t n)
{
	size_t i = code_hash(codes, s, n);
	for (;; i = (i + 1) & (CODE_SLOTS - 1)) {
		struct code_slot *e = &code_index[i];
		if (!e->codes ||
		    (e->codes == codes && e->klen == n && !memcmp(e->key, s, n)))
			return e;
	}
}

static void code_index_build(void)
{
	size_t used = 0;
	for (size_t t = 0; t < dx_template_count(); t++) {
		for (size_t i = 0; i < dx_template_at(t)->ncols; i++) {
			const char *const *codes = dx_template_at(t)->cols[i].codes;
			for (size_t k = 0; codes && codes[k]; k++) {
				const char *eq = strchr(codes[k], '=');
				size_t n = eq ? (size_t)(eq - codes[k]) : strlen(codes[k]);
				struct code_slot *e;
				if (used >= CODE_SLOTS / 2)
					return; /* the rest is found by walking */
				e = code_slot(codes, codes[k], n);
				if (e->codes)
					continue; /* the first entry wins, as in a walk */
				e->codes = codes;
				e->key = codes[k];
				e->klen = n;
				e->canon = eq ? eq + 1 : codes[k];
				e->clen = strlen(e->canon);
				used++;
			}
		}
	}
}

/* code_lookup() through the index; *clen gets the canonical value's
 * length.  A table outside templates[] is walked. */
static const char *code_find(const char *const *codes, const char *s, size_t n, size_t *clen)
{
	const struct code_slot *e;
	const char *canon;
	pthread_once(&code_once, code_index_build);
	e = code_slot(codes, s, n);
	if (e->codes) {
		*clen = e->clen;
		return e->canon;
	}
	canon = code_lookup(codes, s, n);
	*clen = canon ? strlen(canon) : 0;
	return canon;
}

static void code_list(const char *const *codes, char *out, size_t size)
{
	struct dx_buf b = DX_BUF_INIT;
	for (size_t i = 0; codes[i]; i++)
		if (!strchr(codes[i], '='))
			dx_buf_addf(&b, "%s%s", b.len ? "、" : "", codes[i]);
	dx_strlcpy(out, b.buf, size);
	dx_buf_release(&b);
}

static int bad_code(char *why, size_t wsz, const char *v, const struct dx_col *c)
{
	char list[600];
	code_list(c->codes, list, sizeof(list));
	dx_snprintf(why, wsz, "\"%s\" 不是有效值（应为 %s）", v, list);
	return DX_INVALID;
}

struct multi {
	const struct dx_col *c;
	const char *items[16];
	int n, bad;
	char *why;
	size_t wsz;
};

static int multi_item(const char *item, size_t n, void *arg)
{
	struct multi *m = arg;
	char v[DX_TPL_CELL];
	const char *canon;
	size_t clen;
	if (n > sizeof(v) - 1)
		n = sizeof(v) - 1; /* no value is that long: refused below */
	cell_copy(v, item, n);
	v[n] = '\0';
	if (!(canon = code_find(m->c->codes, v, n, &clen))) {
		m->bad = 1;
		return bad_code(m->why, m->wsz, v, m->c);
	}
	for (int i = 0; i < m->n; i++)
		if (m->items[i] == canon)
			return 0;
	if (m->n == (int)DX_ARRAY_SIZE(m->items) || (m->c->hi && m->n == m->c->hi)) {
		m->bad = 1;
		dx_snprintf(m->why, m->wsz, "最多填写 %d 项", (int)(m->c->hi ? m->c->hi : 16));
		return DX_INVALID;
	}
	m->items[m->n++] = canon;
	return 0;
}

/* Append s[0..n) to out[DX_TPL_CELL] holding *len bytes, cutting what does
 * not fit as dx_strlcpy() would. */
static void add_cut(char *out, size_t *len, const char *s, size_t n)
{
	size_t room = DX_TPL_CELL - 1 - *len;
	if (n > room)
		n = room;
	cell_copy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
}

/* Append sep (unless out is still empty) and then s. */
static void join_item(char *out, size_t *len, const char *sep, const char *s)
{
	if (*len)
		add_cut(out, len, sep, strlen(sep));
	add_cut(out, len, s, strlen(s));
}

/* 多选 cell: its items checked against the code table, joined in table
 * order with "," (lo set) or as written with 、. */
static int parse_multi(const struct dx_col *c, const char *v, size_t vlen, char *out, char *why,
		       size_t wsz)
{
	struct multi mu = {.c = c, .why = why, .wsz = wsz};
	size_t olen = 0;
	int healthy = 0;
	dx_text_split(v, vlen, multi_item, &mu);
	if (mu.bad)
		return DX_INVALID;
	if (c->lo) { /* table order, ',' */
		for (size_t i = 0; c->codes[i]; i++)
			for (int k = 0; k < mu.n; k++)
				if (mu.items[k] == c->codes[i]) {
					join_item(out, &olen, ",", c->codes[i]);
					/* ',' is no part of it: 健康 lies in one item */
					healthy |= strstr(c->codes[i], "健康") != NULL;
				}
	} else {
		for (int k = 0; k < mu.n; k++)
			join_item(out, &olen, "、", mu.items[k]);
	}
	if (c->lo && mu.n > 1 && healthy) {
		out[0] = '\0';
		dx_snprintf(why, wsz, "\"健康\" 不能与其他健康状况同时填写");
		return DX_INVALID;
	}
	return 0;
}

/* An amount in 元 (or 万元 when wan) to fen in rv->num[f]. */
static int parse_money(const struct dx_col *c, const char *v, size_t vlen, int wan,
		       struct dx_rowval *rv, char *out, char *why, size_t wsz)
{
	const char *w = NULL;
	int f = c->field;
	if (wan ? dx_money_parse_wan(v, vlen, &rv->num[f], NULL, &w)
		: dx_money_parse(v, vlen, &rv->num[f], NULL, &w)) {
		dx_snprintf(why, wsz, "\"%s\" %s（应为金额，单位%s，如 %s）", v,
			    w ? w : "金额格式无效", wan ? "万元" : "元",
			    wan ? "3.5" : "1234.50");
		return DX_INVALID;
	}
	dx_money_format(rv->num[f], out, DX_TPL_CELL);
	return 0;
}

/* A month (202305, 2023-05) or a whole date. */
static int parse_month(const char *v, size_t vlen, char *out, char *why, size_t wsz)
{
	struct dx_date d;
	int y, m;
	if (!dx_date_parse(v, vlen, &d) && !memchr(v, '.', vlen) && vlen >= 8) {
		dx_date_format(&d, out);
		return 0;
	}
	if (dx_month_parse(v, vlen, &y, &m)) {
		dx_snprintf(why, wsz, "\"%s\" 不是有效月份（应如 202305 或 2023-05）", v);
		return DX_INVALID;
	}
	dx_snprintf(out, DX_TPL_CELL, "%04d-%02d", y, m);
	return 0;
}

/* An ID number: checked (or, lax, kept as a key), its birth date and sex
 * in rv; a masked one or one Excel turned into a number is refused. */
static int parse_id(const struct dx_col *c, const struct dx_date *today, const char *v,
		    size_t vlen, struct dx_rowval *rv, char *out, char *why, size_t wsz)
{
	struct dx_idcard id;
	const char *w = NULL;
	int f = c->field, k, rc;
	if (memchr(v, '*', vlen)) {
		dx_snprintf(why, wsz, "证件号码已打码（\"%s\"），请使用原始台账或未打码的导出文件", v);
		return DX_INVALID;
	}
	/* issue 11.6: an ID Excel kept as a number has lost its last
	 * digits; say so, and never store it (not even as a lax key) */
	k = dx_idcard_excel_number(v, vlen);
	rc = dx_idcard_parse(v, vlen, today, &id, &w);
	if (k == 1 || (k == 2 && rc && w && !strncmp(w, "校验位错误", strlen("校验位错误")))) {
		dx_snprintf(why, wsz, "%s", DX_IDCARD_EXCEL_MSG);
		return DX_INVALID;
	}
	if (rc && c->kind == DX_COL_IDLAX) {
		size_t o = 0;
		for (size_t i = 0; i < vlen && o < 31; i++)
			if (v[i] != ' ')
				out[o++] = v[i] == 'x' ? 'X' : v[i];
		out[o] = '\0';
		rv->num[f] = 1;
		return 0;
	}
	if (rc) {
		dx_snprintf(why, wsz, "%s", w ? w : "证件号码无效");
		return DX_INVALID;
	}
	dx_strlcpy(out, id.id, DX_TPL_CELL);
	memcpy(rv->id_birth, id.birth, sizeof(rv->id_birth));
	rv->id_sex = id.sex;
	return 0;
}

/* A phone number, complete and valid; echoed masked when refused. */
static int parse_phone(const char *v, size_t vlen, char *out, char *why, size_t wsz)
{
	if (memchr(v, '*', vlen)) {
		dx_snprintf(why, wsz, "联系电话已打码（\"%s\"），请填写完整号码", v);
		return DX_INVALID;
	}
	if (vlen > 23) {
		dx_snprintf(why, wsz, "\"%s\" 过长，请只填一个号码", v);
		return DX_INVALID;
	}
	if (!dx_phone_valid(v, vlen)) {
		/* echoed masked: it may be somebody's number mistyped */
		char pm[32];
		dx_phone_mask(v, pm, sizeof(pm));
		dx_snprintf(why, wsz, "联系电话 \"%s\" 无效（手机应为以1开头的11位数字，"
				      "固定电话应为区号-号码：区号以0开头共3至4位，号码7至8位）", pm);
		return DX_INVALID;
	}
	cell_copy(out, v, vlen + 1);
	return 0;
}

/* Parse one cell of column c from its normalised text v[0..vlen) into rv's
 * field; DX_INVALID with why filled for a bad value.  v is NUL-terminated,
 * except free text (DX_COL_TEXT without hi), only trimmed and read by its
 * length, which may point into the sheet's cell. */
static int parse_cell(const struct dx_col *c, const struct dx_date *today, const char *v,
		      size_t vlen, int wan, struct dx_rowval *rv, char *out, char *why, size_t wsz)
{
	int f = c->field;
	struct dx_date d;
	if (!vlen) {
		rv->blank[f] = 1;
		rv->num[f] = c->kind == DX_COL_YESNO || c->kind == DX_COL_INT ? -1 : 0;
		if (c->flags & DX_COLF_REQ) {
			dx_snprintf(why, wsz, "必填项为空，请填写");
			return DX_INVALID;
		}
		return 0;
	}
	switch (c->kind) {
	case DX_COL_SKIP:
		return 0;
	case DX_COL_TEXT:
		if ((int64_t)vlen > c->lo) {
			dx_snprintf(why, wsz, "内容过长（最多 %d 字节），请删减", (int)c->lo);
			return DX_INVALID;
		}
		cell_copy(out, v, vlen);
		out[vlen] = '\0';
		return 0;
	case DX_COL_CODE: {
		size_t clen;
		const char *canon = code_find(c->codes, v, vlen, &clen);
		if (!canon)
			return bad_code(why, wsz, v, c);
		if (clen > DX_TPL_CELL - 1)
			clen = DX_TPL_CELL - 1;
		cell_copy(out, canon, clen);
		out[clen] = '\0';
		return 0;
	}
	case DX_COL_MULTI:
		return parse_multi(c, v, vlen, out, why, wsz);
	case DX_COL_YESNO: {
		int yes;
		if (vlen == 3 && (!memcmp(v, "是", 3) || !memcmp(v, "否", 3))) {
			yes = v[2] == "是"[2]; /* the usual cell, as dx_yesno_parse() reads it */
		} else if (dx_yesno_parse(v, vlen, &yes)) {
			dx_snprintf(why, wsz, "\"%s\" 不是有效值（应为 是 或 否）", v);
			return DX_INVALID;
		}
		rv->num[f] = yes;
		memcpy(out, yes ? "是" : "否", sizeof("是"));
		return 0;
	}
	case DX_COL_INT: {
		int64_t n;
		if (dx_parse_i64(v, &n) || n < c->lo || n > c->hi) {
			dx_snprintf(why, wsz, "\"%s\" 无效（应为 %lld 到 %lld 的整数）", v,
				    (long long)c->lo, (long long)c->hi);
			return DX_INVALID;
		}
		rv->num[f] = n;
		dx_i64_text(n, out);
		return 0;
	}
	case DX_COL_MONEY:
		return parse_money(c, v, vlen, wan, rv, out, why, wsz);
	case DX_COL_MONTH:
		return parse_month(v, vlen, out, why, wsz);
	case DX_COL_DATE:
		if (dx_date_parse(v, vlen, &d)) {
			dx_snprintf(why, wsz, "\"%s\" 不是有效日期（应如 2023-05-06）", v);
			return DX_INVALID;
		}
		dx_date_format(&d, out);
		return 0;
	case DX_COL_ID:
	case DX_COL_IDLAX:
		return parse_id(c, today, v, vlen, rv, out, why, wsz);
	case DX_COL_AREA:
		if (!dx_area_is_village(v)) {
			dx_snprintf(why, wsz, "区划代码 \"%s\" 无效（应为12位村级统计用区划代码）", v);
			return DX_INVALID;
		}
		memcpy(out, v, 13);
		return 0;
	case DX_COL_PHONE:
		return parse_phone(v, vlen, out, why, wsz);
	}
	return 0;
}

static int trim_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* s[0..len) without the spaces at its ends (ASCII, U+3000, U+00A0): the
 * start and length of what is left into *out and *outlen.  DX_TOOBIG if
 * that is size bytes or more or holds a NUL. */
static int trim_view(const char *s, size_t len, size_t size, const char **out, size_t *outlen)
{
	for (;;) {
		if (len && trim_space((unsigned char)*s)) {
			s++, len--;
		} else if (len >= 3 && !memcmp(s, "\xE3\x80\x80", 3)) {
			s += 3, len -= 3;
		} else if (len >= 2 && !memcmp(s, "\xC2\xA0", 2)) {
			s += 2, len -= 2;
		} else {
			break;
		}
	}
	for (;;) {
		if (len && trim_space((unsigned char)s[len - 1])) {
			len--;
		} else if (len >= 3 && !memcmp(s + len - 3, "\xE3\x80\x80", 3)) {
			len -= 3;
		} else if (len >= 2 && !memcmp(s + len - 2, "\xC2\xA0", 2)) {
			len -= 2;
		} else {
			break;
		}
	}
	if (len >= size || memchr(s, '\0', len))
		return DX_TOOBIG;
	*out = s;
	*outlen = len;
	return 0;
}

int dx_row_blank(const struct dx_header *h, const char *const *cells, const size_t *lens,
		 size_t n)
{
	for (size_t i = 0; i < n && i < h->ncols; i++) {
		int f = h->field_of[i];
		if (f < 0 || dx_template_col(h->tpl, f)->kind == DX_COL_SKIP)
			continue;
		for (size_t k = 0; k < lens[i]; k++)
			if (cells[i][k] != ' ' && cells[i][k] != '\t')
				return 0;
	}
	return 1;
}

/* A hash of the string s, 8 bytes at a time: enough to tell the cells of
 * a household's rows apart (a collision only misses a report of an
 * inconsistent row) */
static uint32_t text_hash(const char *s)
{
	size_t n = strlen(s), i = 0;
	uint64_t h = n * 0x9E3779B97F4A7C15ull, w;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
		h ^= h >> 29;
	}
	h = (h ^ load_le(s + i, n - i)) * 0x94D049BB133111EBull;
	return (uint32_t)(h ^ (h >> 32));
}

int dx_row_parse(const struct dx_header *h, const struct dx_date *today, const char *const *cells,
		 const size_t *lens, size_t n, struct dx_rowval *rv,
		 void (*fn)(void *, int, const char *), void *arg)
{
	const struct dx_template *tpl = h->tpl;
	int bad = 0;
	char why[800];
	rv->id_birth[0] = '\0';
	rv->id_sex = 0;
	rv->used = 0;
	uint64_t hashed = 0; /* fields whose hh_hash came from their memo */
	for (size_t i = 0; i < tpl->ncols; i++) {
		const struct dx_col *c = &tpl->cols[i];
		int col = h->col_of[c->field];
		struct dx_cell_memo *m = NULL;
		char v[DX_TPL_CELL * 2];
		const char *val = v; /* the trimmed or normalised cell */
		size_t vlen = 0;
		char *out = rv->buf + rv->used; /* where this field's text goes */
		rv->col[c->field] = col;
		rv->text[c->field] = "";
		rv->num[c->field] = 0;
		rv->blank[c->field] = 1;
		if (col < 0)
			continue;
		rv->blank[c->field] = 0;
		if (h->memo && (size_t)col < n && lens[col] && lens[col] <= MEMO_RAW &&
		    c->kind != DX_COL_ID && c->kind != DX_COL_IDLAX) {
			m = &h->memo[c->field];
			if (m->rawlen == lens[col] && !memcmp(m->raw, cells[col], lens[col])) {
				cell_copy(out, m->text, m->tlen + 1);
				rv->text[c->field] = out;
				rv->used += m->tlen + 1;
				rv->num[c->field] = m->num;
				rv->blank[c->field] = m->blank;
				if (c->flags & DX_COLF_HH) {
					rv->hh_hash[c->field] = m->hash;
					hashed |= 1ull << c->field;
				}
				continue;
			}
		}
		if ((size_t)col >= n) {
			v[0] = '\0';
		} else if (c->kind == DX_COL_TEXT && !c->hi) {
			/* free text keeps its punctuation (，stays ，): trim only,
			 * and is copied once, into its field, by parse_cell() */
			if (trim_view(cells[col], lens[col], sizeof(v), &val, &vlen)) {
				fn(arg, col, "内容过长，请删减");
				bad++;
				continue;
			}
		} else if (dx_text_norm_fixed_len(v, sizeof(v), cells[col], lens[col], &vlen)) {
			fn(arg, col, lens[col] >= sizeof(v) ? "内容过长，请删减" : "含有非法字符");
			bad++;
			continue;
		}
		if (vlen && !dx_utf8_valid(val, vlen)) {
			fn(arg, col, "含有无效字符（不是 UTF-8 文本）");
			bad++;
			continue;
		}
		why[0] = '\0';
		out[0] = '\0';
		if (parse_cell(c, today, val, vlen, h->wan[c->field], rv, out, why, sizeof(why))) {
			fn(arg, col, why);
			bad++;
			continue; /* a bad cell's text stays "" */
		}
		rv->text[c->field] = out;
		rv->used += strlen(out) + 1;
		if (m) {
			const char *t = out;
			m->rawlen = lens[col];
			cell_copy(m->raw, cells[col], lens[col]);
			m->num = rv->num[c->field];
			m->blank = rv->blank[c->field];
			m->tlen = strlen(t);
			cell_copy(m->text, t, m->tlen + 1);
			m->hash = c->flags & DX_COLF_HH ? text_hash(t) : 0;
		}
	}
	for (size_t i = 0; i < tpl->ncols; i++) {
		int f = tpl->cols[i].field;
		if ((tpl->cols[i].flags & DX_COLF_HH) && !(hashed >> f & 1))
			rv->hh_hash[f] = text_hash(rv->text[f]);
	}
	return bad;
}
