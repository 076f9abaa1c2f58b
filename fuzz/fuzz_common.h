/*
 * fuzz_common.h - helpers shared by the fuzz targets that build their
 * input before reading it (fuzz_csv_boundary, fuzz_xml_tokens, fuzz_zip):
 * read a sheet to the end checking the row invariants, and write a zip
 * from named parts with libzip.  Static functions in a header, because
 * each target is linked alone (with replay.c, or with libFuzzer).
 */
#ifndef DX_FUZZ_COMMON_H
#define DX_FUZZ_COMMON_H

#include "core/dx.h"
#include "io/sheet.h"

#include <zip.h>

/*
 * Open data as a sheet and read every row: a refusal must come with a
 * reason and no reader, and every row must keep the reader's promises
 * (row numbers rising, cells NUL-terminated, no trailing empty cell, sizes
 * within the caps).  abort() on a broken promise, so libFuzzer stops.
 */
static inline void fz_read_all(const void *data, size_t size)
{
	struct dx_sheet *sh = NULL;
	struct dx_row row;
	struct dx_err_info err; /* a failure, as a value: with a reason */
	uint64_t done, total;
	long last = 0;
	int rc;

	if (dx_sheet_open_mem(&sh, data, size, &err)) {
		if (sh || !err.code || !err.msg[0])
			abort();
		if (getenv("FZ_VERBOSE")) /* what a seed meets, when writing one */
			fprintf(stderr, "refused: %s\n", err.msg);
		return;
	}
	(void)dx_sheet_format(sh);
	while (!(rc = dx_sheet_next(sh, &row, &err))) {
		if (row.rownum <= last || row.ncells > DX_SHEET_COLS_MAX)
			abort();
		last = row.rownum;
		for (size_t i = 0; i < row.ncells; i++)
			if (strlen(row.cells[i]) != row.lens[i] || row.lens[i] > DX_SHEET_CELL_MAX)
				abort();
		if (row.ncells && !row.lens[row.ncells - 1])
			abort();
	}
	if (rc != DX_NOT_FOUND && (err.code != rc || !err.msg[0]))
		abort();
	if (getenv("FZ_VERBOSE"))
		fprintf(stderr, "%ld rows, then %s\n", last, rc == DX_NOT_FOUND ? "end" : err.msg);
	dx_sheet_progress(sh, &done, &total);
	dx_sheet_free(sh);
}

struct fz_part {
	const char *name;
	const void *data;
	size_t len;
	int deflate; /* else stored */
};

/* A zip of the parts, as bytes the caller frees; *len its size. */
static inline char *fz_make_zip(const struct fz_part *parts, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_stat_t st;
	zip_t *za;
	char *buf;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze)))
		abort();
	zip_source_keep(src);
	if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)))
		abort();
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
		zip_int64_t k;
		if (!s)
			abort();
		/* a repeated name is refused by libzip: keep the first */
		if ((k = zip_file_add(za, parts[i].name, s, 0)) < 0) {
			zip_source_free(s);
			continue;
		}
		zip_set_file_compression(za, (zip_uint64_t)k,
		                         parts[i].deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
		                         parts[i].deflate ? 1 : 0); /* fastest level */
	}
	if (zip_close(za))
		abort();
	if (zip_source_stat(src, &st) || zip_source_open(src)) {
		/* no entries: libzip writes nothing at all */
		zip_source_free(src);
		zip_error_fini(&ze);
		*len = 0;
		return dx_xmalloc(1);
	}
	buf = dx_xmalloc(st.size ? st.size : 1);
	if (zip_source_read(src, buf, st.size) != (zip_int64_t)st.size)
		abort();
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = st.size;
	return buf;
}

#endif
