/*
 * template_header.c - matching a sheet's header row to a template's
 * columns: folded text, units cut off, aliases, a score for finding the
 * header among title rows.
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

/* Header text folded for matching: full-width ASCII to ASCII, every space
 * removed, a required-mark '*' dropped. */
static void fold_header(const char *s, size_t len, char *out, size_t size)
{
	struct dx_buf b = DX_BUF_INIT;
	size_t o = 0;
	dx_text_norm(&b, s, len);
	for (size_t i = 0; i < b.len && o + 1 < size; i++) {
		char c = b.buf[i];
		if (c == ' ' || c == '*' || c == '\t')
			continue;
		out[o++] = c;
	}
	out[o] = '\0';
	dx_buf_release(&b);
}

static int name_is(const char *folded, const char *name)
{
	char f[128];
	fold_header(name, strlen(name), f, sizeof(f));
	return !strcmp(folded, f);
}

static const struct dx_col *match_name(const struct dx_template *tpl, const char *f);

/* The unit a money header names ("中央衔接资金（万元）"), cut off f:
 * 2 for 万元, 1 for 元, 0 for none. */
static int cut_unit(char *f)
{
	static const char *const units[] = {"(万元)", "（万元）", "(元)", "（元）"};
	size_t n = strlen(f);
	for (size_t i = 0; i < DX_ARRAY_SIZE(units); i++) {
		size_t k = strlen(units[i]);
		if (n > k && !memcmp(f + n - k, units[i], k)) {
			f[n - k] = '\0';
			return i < 2 ? 2 : 1;
		}
	}
	return 0;
}

/* The column a header names, and (*wan) whether it is a money column
 * whose header says 万元. */
static const struct dx_col *match_col_unit(const struct dx_template *tpl, const char *s,
					   size_t len, int *wan)
{
	char f[128];
	const struct dx_col *c;
	int unit;
	*wan = 0;
	fold_header(s, len, f, sizeof(f));
	if (!f[0])
		return NULL;
	if ((c = match_name(tpl, f)))
		return c;
	if (!(unit = cut_unit(f)) || !(c = match_name(tpl, f)) || c->kind != DX_COL_MONEY)
		return NULL;
	*wan = unit == 2;
	return c;
}

static const struct dx_col *match_col(const struct dx_template *tpl, const char *s, size_t len)
{
	int wan;
	return match_col_unit(tpl, s, len, &wan);
}

static const struct dx_col *match_name(const struct dx_template *tpl, const char *f)
{
	for (size_t i = 0; i < tpl->ncols; i++) {
		const struct dx_col *c = &tpl->cols[i];
		const char *a = c->aliases;
		if (name_is(f, c->name))
			return c;
		while (a && *a) {
			const char *e = strchr(a, '|');
			size_t n = e ? (size_t)(e - a) : strlen(a);
			char one[128];
			dx_strlcpy(one, a, n + 1 < sizeof(one) ? n + 1 : sizeof(one));
			if (name_is(f, one))
				return c;
			a = e ? e + 1 : NULL;
		}
	}
	return NULL;
}

int dx_header_score(const struct dx_template *tpl, const char *const *cells,
		    const size_t *lens, size_t n)
{
	int score = 0;
	for (size_t i = 0; i < n; i++)
		score += match_col(tpl, cells[i], lens[i]) != NULL;
	return score;
}

int dx_header_map(struct dx_header *h, const struct dx_template *tpl,
		  const char *const *cells, const size_t *lens, size_t n,
		  void (*fn)(void *, int, const char *, const char *, int), void *arg)
{
	int errors = 0;
	memset(h, 0, sizeof(*h));
	h->tpl = tpl;
	h->ncols = n;
	h->field_of = dx_xcalloc(n ? n : 1, sizeof(int));
	h->names = dx_xcalloc(n ? n : 1, sizeof(char *));
	h->memo = dx_xcalloc(DX_TPL_MAXF, sizeof(*h->memo));
	for (int f = 0; f < DX_TPL_MAXF; f++)
		h->col_of[f] = -1;
	for (size_t i = 0; i < n; i++) {
		int wan;
		const struct dx_col *c = match_col_unit(tpl, cells[i], lens[i], &wan);
		struct dx_buf b = DX_BUF_INIT;
		size_t s = 0, e = lens[i];
		while (s < e && (cells[i][s] == ' ' || cells[i][s] == '\t'))
			s++;
		while (e > s && (cells[i][e - 1] == ' ' || cells[i][e - 1] == '\t'))
			e--;
		dx_buf_add(&b, cells[i] + s, e - s);
		h->names[i] = dx_buf_detach(&b, NULL);
		h->field_of[i] = -1;
		if (!c) {
			if (h->names[i][0])
				fn(arg, (int)i, h->names[i], "未知列，已忽略", 0);
			continue;
		}
		if (h->col_of[c->field] >= 0) {
			fn(arg, (int)i, h->names[i], "列重复，请删除其中一列", 1);
			errors++;
			continue;
		}
		h->col_of[c->field] = (int)i;
		h->field_of[i] = c->field;
		h->wan[c->field] = (unsigned char)wan;
	}
	for (size_t i = 0; i < tpl->ncols; i++) {
		const struct dx_col *c = &tpl->cols[i];
		if ((c->flags & DX_COLF_REQ) && h->col_of[c->field] < 0) {
			char msg[160];
			dx_snprintf(msg, sizeof(msg), "缺少必填列“%s”，请在表头中加上此列", c->name);
			fn(arg, -1, c->name, msg, 1);
			errors++;
		}
	}
	return errors;
}

void dx_header_release(struct dx_header *h)
{
	if (!h)
		return;
	for (size_t i = 0; h->names && i < h->ncols; i++)
		free(h->names[i]);
	free(h->names);
	free(h->field_of);
	free(h->memo);
	memset(h, 0, sizeof(*h));
}

