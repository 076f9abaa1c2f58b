/*
 * hhloop.c - the household route's own work without the HTTP around it,
 * for comparing builds with less noise than a wrk run on a shared machine:
 * for each of N rounds, one read snapshot, the record of a household as
 * dixian_route_household reads it for the county account (masked), and its
 * JSON; prints the thread's CPU time per record.  Single-threaded, so
 * other load on the machine moves it less than the server's figures
 * (which also pay the network, libmicrohttpd and the session check).
 *
 *   cc -O2 -Isrc bench/hhloop.c build/libdixian.a $(pkg-config ...) (see
 *   bench/hhloop.sh, which builds and runs it)
 *   hhloop DB ACCOUNT N HH_NO [HH_NO ...]   (the households taken in turn)
 */
#include "core/dx.h"
#include "app/account.h"
#include "app/household_out.h"
#include "app/household_record.h"
#include "app/session.h"
#include "core/date.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct dx_store *st = NULL;
	struct dx_actor a;
	struct dx_buf why = DX_BUF_INIT, out = DX_BUF_INIT;
	struct dx_date day;
	long n;
	double t0;
	size_t bytes = 0;
	if (argc < 5) {
		fprintf(stderr, "usage: hhloop DB ACCOUNT N HH_NO...\n");
		return 2;
	}
	n = strtol(argv[3], NULL, 10);
	if (dx_store_open(&st, argv[1], 0) || dx_actor_load(st, argv[2], &a, &why)) {
		fprintf(stderr, "hhloop: cannot open %s as %s: %s\n", argv[1], argv[2],
			why.len ? why.buf : "");
		return 1;
	}
	dx_date_today(&day);
	t0 = cpu_now();
	for (long i = 0; i < n; i++) {
		struct dx_household_record rec;
		int began = 0, rc;
		dx_buf_reset(&out);
		dx_store_read_begin(st, &began);
		rc = dx_household_record_get(st, &a, &day, argv[4 + i % (argc - 4)], 0, &rec, &why);
		if (rc) {
			fprintf(stderr, "hhloop: %s: %s\n", argv[4 + i % (argc - 4)], why.buf);
			return 1;
		}
		dx_household_record_json_to(&rec, &out);
		dx_household_record_release(&rec);
		dx_store_read_end(st, began);
		dx_request_end(st);
		bytes += out.len;
	}
	printf("%.2f us per record (%ld records, %.0f bytes each)\n", (cpu_now() - t0) / n * 1e6,
	       n, (double)bytes / n);
	dx_buf_release(&out);
	dx_buf_release(&why);
	dx_store_close(st);
	return 0;
}
