/*
 * sheet.c - open a spreadsheet by its content and hand rows out through
 * the driver that reads it (csv_read.c, xlsx_read.c).  The ledger importer
 * sees one API whatever the cadre brought.
 */
#include "core/dx.h"
#include "core/outfile.h"
#include "io/sheet_int.h"

#include <errno.h>
#include <sys/stat.h>

static const unsigned char zip_magic[4] = {'P', 'K', 3, 4};
static const unsigned char ole_magic[4] = {0xd0, 0xcf, 0x11, 0xe0};

int dx_sheet_fail(struct dx_sheet *sh, int err, const char *why)
{
	if (!sh->err) {
		sh->err = err;
		sh->why = why;
	}
	return sh->err;
}

/* Refuse formats we recognise but do not read; 0 to go on. */
static int refuse_magic(const unsigned char *p, size_t len, const char **why)
{
	if (len >= 4 && !memcmp(p, ole_magic, 4)) {
		*why = "不支持旧版xls格式，请在Excel中另存为xlsx或CSV";
		return DX_INVALID;
	}
	return 0;
}

void dx_rowq_init(struct dx_rowq *q)
{
	memset(q, 0, sizeof(*q));
	/* slack for the short rows a CSV slice may queue besides a big one */
	dx_buf_init(&q->data, DX_SHEET_ROW_MAX + (1u << 20));
	q->outv = dx_xcalloc(DX_SHEET_COLS_MAX, sizeof(*q->outv));
	q->outl = dx_xcalloc(DX_SHEET_COLS_MAX, sizeof(*q->outl));
}

void dx_rowq_release(struct dx_rowq *q)
{
	dx_buf_release(&q->data);
	free(q->cells);
	free(q->rows);
	free(q->outv);
	free(q->outl);
	memset(q, 0, sizeof(*q));
}

int dx_rowq_set(struct dx_rowq *q, size_t col, const char *s, size_t len,
		const char **why)
{
	struct dx_cellref *c;

	if (col >= DX_SHEET_COLS_MAX) {
		*why = "一行超过16384列";
		return DX_TOOBIG;
	}
	while (q->ncells - q->cur_first <= col) {
		/* the cells of the rows queued: as many as the input has */
		if (dx_grow(&q->cells, &q->cells_alloc, q->ncells + 1, sizeof(*q->cells),
			    SIZE_MAX / sizeof(*q->cells))) {
			*why = "内存不足";
			return DX_NOMEM;
		}
		q->cells[q->ncells].off = SIZE_MAX;
		q->cells[q->ncells++].len = 0;
	}
	c = &q->cells[q->cur_first + col];
	c->off = q->data.len;
	c->len = len;
	if (!q->data.err && len + 2 <= q->data.alloc - q->data.len &&
	    (!q->data.max || len + 1 <= q->data.max - q->data.len)) {
		/* room, within the cap: what the two dx_buf_add() below do */
		char *d = q->data.buf + q->data.len;
		if (len)
			memcpy(d, s, len);
		d[len] = d[len + 1] = '\0';
		q->data.len += len + 1;
		return 0;
	}
	dx_buf_add(&q->data, len ? s : "", len);
	dx_buf_add(&q->data, "", 1);
	if (q->data.err) {
		*why = "一行内容超过64MB";
		return DX_TOOBIG;
	}
	return 0;
}

void dx_rowq_end_row(struct dx_rowq *q, long rownum)
{
	struct dx_rowref *r;

	if (q->nrows == q->rows_alloc) {
		q->rows_alloc = q->rows_alloc ? 2 * q->rows_alloc : 64;
		q->rows = dx_xrealloc(q->rows, q->rows_alloc * sizeof(*q->rows));
	}
	r = &q->rows[q->nrows++];
	r->first = q->cur_first;
	r->n = q->ncells - q->cur_first;
	r->rownum = rownum;
	q->cur_first = q->ncells;
	q->cur_data = q->data.len;
}

int dx_rowq_pop(struct dx_rowq *q, struct dx_row *row)
{
	struct dx_rowref *r;
	size_t n;

	if (q->head == q->nrows)
		return DX_NOT_FOUND;
	r = &q->rows[q->head++];
	n = r->n;
	while (n && !q->cells[r->first + n - 1].len)
		n--;
	for (size_t i = 0; i < n; i++) {
		const struct dx_cellref *c = &q->cells[r->first + i];
		q->outv[i] = c->off == SIZE_MAX ? "" : q->data.buf + c->off;
		q->outl[i] = c->len;
	}
	row->rownum = r->rownum;
	row->ncells = n;
	row->cells = q->outv;
	row->lens = q->outl;
	return 0;
}

void dx_rowq_compact(struct dx_rowq *q)
{
	size_t n = q->ncells - q->cur_first, off = q->cur_data;

	if (q->head != q->nrows)
		return;
	q->nrows = q->head = 0;
	if (off && off <= q->data.len) {
		memmove(q->data.buf, q->data.buf + off, q->data.len - off);
		dx_buf_setlen(&q->data, q->data.len - off);
	}
	if (n)
		memmove(q->cells, q->cells + q->cur_first, n * sizeof(*q->cells));
	for (size_t i = 0; i < n; i++)
		if (q->cells[i].off != SIZE_MAX)
			q->cells[i].off -= off;
	q->ncells = n;
	q->cur_first = 0;
	q->cur_data = 0;
}

static int sheet_open(struct dx_sheet **out, const char *path, const char **why)
{
	FILE *f = NULL;
	unsigned char magic[4];
	size_t n;
	struct stat st;
	uint64_t total = 0;
	zip_t *za;
	int zerr = 0, rc = 0;

	*out = NULL;
	*why = NULL;
	f = fopen(path, "rb");
	/* an input is never written over by this run's outputs (issue 13.3) */
	dx_outfile_protect(path, 0);
	if (!f) {
		*why = "无法打开文件";
		rc = dx_error(DX_IO, "cannot open '%s': %s", path, strerror(errno));
		goto out;
	}
	if (!fstat(fileno(f), &st) && S_ISREG(st.st_mode))
		total = (uint64_t)st.st_size;
	n = fread(magic, 1, sizeof(magic), f);
	if (ferror(f)) {
		*why = "无法读取文件";
		rc = dx_error(DX_IO, "cannot read '%s'", path);
		goto out;
	}
	if ((rc = refuse_magic(magic, n, why)))
		goto out;
	if (n == 4 && !memcmp(magic, zip_magic, 4)) {
		fclose(f);
		f = NULL;
		za = zip_open(path, ZIP_RDONLY, &zerr);
		if (!za) {
			*why = "不是有效的xlsx文件";
			rc = dx_error(DX_INVALID, "cannot open '%s' as zip (libzip error %d)",
				      path, zerr);
			goto out;
		}
		rc = dx_xlsx_open(out, za, why);
		goto out;
	}
	if (fseek(f, 0, SEEK_SET)) {
		*why = "无法读取文件";
		rc = dx_error(DX_IO, "cannot rewind '%s'", path);
		goto out;
	}
	rc = dx_csv_open(out, f, NULL, 0, total, why);
	f = NULL;
out:
	if (f)
		fclose(f);
	return rc;
}

static int sheet_open_mem(struct dx_sheet **out, const void *data, size_t len,
			  const char **why)
{
	zip_source_t *src;
	zip_error_t zerr;
	zip_t *za;
	int rc;

	*out = NULL;
	*why = NULL;
	if ((rc = refuse_magic(data, len, why)))
		return rc;
	if (len < 4 || memcmp(data, zip_magic, 4))
		return dx_csv_open(out, NULL, data, len, len, why);

	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src)
		goto bad;
	za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!za) {
		zip_source_free(src);
		goto bad;
	}
	zip_error_fini(&zerr);
	return dx_xlsx_open(out, za, why);
bad:
	*why = "不是有效的xlsx文件";
	rc = dx_error(DX_INVALID, "cannot open buffer as zip: %s",
		      zip_error_strerror(&zerr));
	zip_error_fini(&zerr);
	return rc;
}

static int sheet_next(struct dx_sheet *sh, struct dx_row *row, const char **why)
{
	int rc;

	*why = NULL;
	memset(row, 0, sizeof(*row));
	if (sh->err) {
		*why = sh->why;
		return sh->err;
	}
	rc = sh->ops->next(sh, row, why);
	if (rc && rc != DX_NOT_FOUND) {
		dx_sheet_fail(sh, rc, *why ? *why : "文件内容格式错误");
		*why = sh->why;
		memset(row, 0, sizeof(*row));
	}
	return rc;
}

const char *dx_sheet_format(const struct dx_sheet *sh)
{
	return sh->format;
}

void dx_sheet_progress(const struct dx_sheet *sh, uint64_t *done,
		       uint64_t *total)
{
	*done = sh->done;
	*total = sh->total;
	if (*total && *done > *total)
		*done = *total;
}

void dx_sheet_free(struct dx_sheet *sh)
{
	if (sh)
		sh->ops->free(sh);
}

/* ---- the public face: failures as error values (core/dx.h) ---- */

/* rc into err (may be NULL): on a failure its code, the reader's Chinese
 * reason (every failure has one: the tests hold the readers to it) and
 * the English description; else cleared. */
static int as_err(struct dx_err_info *err, int rc, const char *why, const char *file)
{
	if (!err)
		return rc;
	if (!rc || rc == DX_NOT_FOUND) {
		err->code = DX_OK;
		err->msg[0] = err->detail[0] = '\0';
		return rc;
	}
	dx_err_set(err, rc, "%s", why ? why : "");
	dx_err_detail(err, "sheet: %s", dx_strerror(rc));
	err->file = file;
	return rc;
}

int dx_sheet_open(struct dx_sheet **out, const char *path, struct dx_err_info *err)
{
	const char *why = NULL;
	int rc = sheet_open(out, path, &why);
	return as_err(err, rc, why, path);
}

int dx_sheet_open_mem(struct dx_sheet **out, const void *data, size_t len,
		      struct dx_err_info *err)
{
	const char *why = NULL;
	int rc = sheet_open_mem(out, data, len, &why);
	return as_err(err, rc, why, NULL);
}

int dx_sheet_next(struct dx_sheet *sh, struct dx_row *row, struct dx_err_info *err)
{
	const char *why = NULL;
	int rc = sheet_next(sh, row, &why);
	return as_err(err, rc, why, NULL);
}
