/*
 * store_pg_load.c - libpq loaded on first use (see pq.h): dlopen once, every
 * function dixian calls looked up by name.
 */
#define DX_PQ_IMPL
#include "core/dx.h"
#include "store/pq.h"

#include <dlfcn.h>
#include <pthread.h>

struct dx_pq_api dx_pq;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int load_rc;

static void load(void)
{
	/* the soname Debian's libpq5 installs (its ABI since PostgreSQL 8.4) */
	void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL), *p;
	if (!h) {
		load_rc = dx_error(DX_DB, "the PostgreSQL client library cannot be loaded"
					  " (install libpq5): %s", dlerror());
		return;
	}
	/* through a void * copied into the pointer: ISO C has no cast from
	 * an object pointer to a function pointer */
#define DX_PQ_SYM(f)                                                                      \
	if (!(p = dlsym(h, #f))) {                                                       \
		load_rc = dx_error(DX_DB, "the PostgreSQL client library lacks %s", #f); \
		return;                                                                  \
	}                                                                                \
	memcpy(&dx_pq.f, &p, sizeof(p));
	DX_PQ_FUNCS(DX_PQ_SYM)
#undef DX_PQ_SYM
	load_rc = DX_OK;
}

int dx_pq_load(void)
{
	pthread_once(&once, load);
	return load_rc;
}
