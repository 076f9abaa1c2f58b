/*
 * fuzz_xlsx.c - fuzz the sheet reader (src/io/sheet.h) on xlsx (zip) input:
 * open the buffer and read every row, checking the row invariants.
 * Replayed over fuzz/corpus/xlsx/ by `make fuzz-replay`.
 */
#include "core/dx.h"
#include "io/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dx_sheet *sh = NULL;
	struct dx_row row;
	struct dx_err_info err; /* a failure, as a value: with a reason */
	uint64_t done, total;
	int rc;

	/* malformed input is expected: keep the log quiet */
	dx_log_set_level((enum dx_log_level)(DX_LOG_ERROR + 1));
	if (dx_sheet_open_mem(&sh, data, size, &err)) {
		if (sh || !err.code || !err.msg[0])
			abort();
		return 0;
	}
	(void)dx_sheet_format(sh);
	while (!(rc = dx_sheet_next(sh, &row, &err))) {
		if (row.rownum < 1 || row.ncells > DX_SHEET_COLS_MAX)
			abort();
		for (size_t i = 0; i < row.ncells; i++)
			if (strlen(row.cells[i]) != row.lens[i] ||
			    row.lens[i] > DX_SHEET_CELL_MAX)
				abort();
		if (row.ncells && !row.lens[row.ncells - 1])
			abort();
	}
	if (rc != DX_NOT_FOUND && (err.code != rc || !err.msg[0]))
		abort();
	dx_sheet_progress(sh, &done, &total);
	dx_sheet_free(sh);
	return 0;
}
