/*
 * fuzz_import_row.c - fuzz the ledger row validator (src/io/template.h):
 * the first byte picks a template, the rest is read as a sheet; the first
 * row with two known headers is mapped and every later row parsed, checking
 * that each problem names a real column and every value fits its field.
 * Replayed over fuzz/corpus/import_row/ by `make fuzz-replay`.
 */
#include "core/dx.h"
#include "core/date.h"
#include "io/sheet.h"
#include "io/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_header(void *arg, int col, const char *h, const char *msg, int err)
{
	(void)arg;
	(void)col;
	(void)err;
	if (!h || !msg || !*msg)
		abort();
}

static void on_cell(void *arg, int col, const char *msg)
{
	const struct dx_header *h = arg;
	if (col < 0 || (size_t)col >= h->ncols || !msg || !*msg)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kinds[] = {"persons", "incomes", "warnings", "measures", "visits"};
	static struct dx_rowval rv;
	/* a fixed day: a run replays the same on any date */
	static const struct dx_date day = {2026, 11, 24};
	const struct dx_template *tpl;
	struct dx_sheet *sh = NULL;
	struct dx_header h;
	struct dx_row row;
	struct dx_err_info err; /* a failure, as a value: with a reason */
	int have = 0;
	if (size < 1)
		return 0;
	dx_log_set_level(DX_LOG_NONE);
	tpl = dx_template_find(kinds[data[0] % 5]);
	if (dx_sheet_open_mem(&sh, data + 1, size - 1, &err))
		return 0;
	memset(&h, 0, sizeof(h));
	while (!dx_sheet_next(sh, &row, &err)) {
		if (!have) {
			if (dx_header_score(tpl, row.cells, row.lens, row.ncells) >= 2) {
				dx_header_map(&h, tpl, row.cells, row.lens, row.ncells, on_header, NULL);
				have = 1;
			}
			continue;
		}
		if (dx_row_blank(&h, row.cells, row.lens, row.ncells))
			continue;
		dx_row_parse(&h, &day, row.cells, row.lens, row.ncells, &rv, on_cell, &h);
		for (int f = 0; f < tpl->nfields; f++)
			if (strlen(rv.text[f]) >= DX_TPL_CELL)
				abort();
	}
	dx_header_release(&h);
	dx_sheet_free(sh);
	return 0;
}
