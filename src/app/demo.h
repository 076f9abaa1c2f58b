/*
 * demo.h - a deterministic synthetic county to look at and to benchmark.
 */
#ifndef DX_DEMO_H
#define DX_DEMO_H

#include "store/store.h"

struct dx_demo_opts {
	long households;   /* how many households (default 3000) */
	uint64_t seed;     /* same seed and today -> the same county */
	char today[11];    /* the generator's "now": incomes cover the two
			    * calendar years before it, histories end at it */
	char county[7];    /* the county's 6-digit code; "" = DX_DEMO_COUNTY.
			    * Another code gives the same kind of county
			    * under that code (a province or a nation of
			    * demo counties is several of them) */
	long counties;     /* a province: this many counties (0 or 1 = one),
			    * `county` and the valid codes after it, each
			    * with its accounts, seed + k for the k-th */
	int quiet;         /* no progress calls */
	/* called as households are made (done of total); NULL = none.  The
	 * library never prints: the CLI's callback draws the progress line */
	void (*progress)(void *arg, long done, long total);
	/* called as each county is done (code, k of n); NULL = none */
	void (*county_done)(void *arg, const char *code, long k, long n);
	void *arg;
};

struct dx_demo_stats {
	long households, persons, episodes, measures, visits, warnings;
};

/* The demo county's code and name. */
#define DX_DEMO_COUNTY "532399"
#define DX_DEMO_COUNTY_NAME "云岭县"
#define DX_DEMO_COUNTIES_MAX 3000

/* The name of demo county `code`: 云岭县 for DX_DEMO_COUNTY, 示例县NNNNNN
 * for any other. */
void dx_demo_county_name(const char *code, char *out, size_t size);

/* Fill st, an empty store, with a synthetic county: about 10
 * townships x 10 villages, households of realistic sizes and ages, a
 * quarter 脱贫户, two years of income, a few percent under monitoring with
 * their history, measures, visits and department warnings, and its
 * accounts.  A store holding any area or account is refused (DX_EXISTS):
 * a fake county never mixes with real ledgers.  Each county is one
 * transaction: on error nothing of it is written (with o->counties > 1,
 * the counties done before it stay, and *stats counts them). */
int dx_demo_generate(struct dx_store *st, const struct dx_demo_opts *o,
		     struct dx_demo_stats *stats);

#endif
