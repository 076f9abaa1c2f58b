/*
 * test_import_maps.c - the import's maps are sized by the file (its
 * households, ID numbers, natural keys), so growing them fails as a value
 * (issue 12): past the map's cap DX_TOOBIG, out of memory DX_NOMEM, the
 * map left as it was and still usable, and the import stopped with the
 * code (dx_imp_put keeps it in im->fail).  Before, they aborted.
 */
#include "testutil.h"
#include "app/import_int.h"
#include "app/import_persons_int.h"

/* Under ASan a huge request returns NULL (as malloc does) instead of
 * stopping the test: the out-of-memory case below needs it. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static void test_smap_cap_is_toobig(void **state)
{
	struct dx_smap m;
	int isnew = -1;
	long *v;
	(void)state;
	dx_smap_init(&m, sizeof(long));
	m.max = 3;
	for (long i = 0; i < 3; i++) {
		char k[8];
		dx_snprintf(k, sizeof(k), "k%ld", i);
		assert_non_null(v = dx_smap_put(&m, k, &isnew));
		assert_int_equal(isnew, 1);
		*v = i + 10;
	}
	assert_null(dx_smap_put(&m, "k3", &isnew));
	assert_int_equal(m.err, DX_TOOBIG);
	assert_int_equal(m.n, 3);
	assert_null(dx_smap_get(&m, "k3"));
	/* a key it holds is still found, at the cap */
	assert_non_null(v = dx_smap_put(&m, "k1", &isnew));
	assert_int_equal(isnew, 0);
	assert_int_equal(*v, 11);
	assert_int_equal(*(long *)dx_smap_get(&m, "k2"), 12);
	dx_smap_release(&m);
}

static void test_smap_out_of_memory(void **state)
{
	struct dx_smap m;
	long *v;
	(void)state;
	dx_smap_init(&m, sizeof(long));
	m.blocksz = SIZE_MAX / 2; /* the arena's block cannot be had */
	assert_null(dx_smap_put(&m, "x", NULL));
	assert_int_equal(m.err, DX_NOMEM);
	assert_int_equal(m.n, 0);
	assert_null(dx_smap_get(&m, "x"));
	m.blocksz = 4096; /* and the map still works */
	assert_non_null(v = dx_smap_put(&m, "x", NULL));
	*v = 5;
	assert_int_equal(*(long *)dx_smap_get(&m, "x"), 5);
	dx_smap_release(&m);
}

static void test_imp_put_stops_the_import(void **state)
{
	struct dx_imp im;
	struct dx_smap m;
	(void)state;
	memset(&im, 0, sizeof(im));
	dx_log_set_level(DX_LOG_NONE);
	dx_smap_init(&m, sizeof(long));
	m.max = 1;
	assert_non_null(dx_imp_put(&im, &m, "a", NULL));
	assert_int_equal(im.fail, DX_OK);
	assert_null(dx_imp_put(&im, &m, "b", NULL));
	assert_int_equal(im.fail, DX_TOOBIG);
	dx_smap_release(&m);
}

static void test_id_map_cap_is_toobig(void **state)
{
	struct idmap m;
	struct pst *e;
	int isnew;
	(void)state;
	memset(&m, 0, sizeof(m));
	m.max = 2;
	assert_non_null(e = dx_ip_idmap_put(&m, 110101199001011234ull, &isnew));
	assert_int_equal(isnew, 1);
	e->pid = 7;
	assert_non_null(dx_ip_idmap_put(&m, 110101199001015678ull, &isnew));
	assert_null(dx_ip_idmap_put(&m, 110101199001019999ull, &isnew));
	assert_int_equal(m.err, DX_TOOBIG);
	assert_int_equal(m.n, 2);
	assert_non_null(e = dx_ip_idmap_put(&m, 110101199001011234ull, &isnew));
	assert_int_equal(isnew, 0);
	assert_int_equal(e->pid, 7);
	free(m.e);
	free(m.slot);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smap_cap_is_toobig),
		cmocka_unit_test(test_smap_out_of_memory),
		cmocka_unit_test(test_imp_put_stops_the_import),
		cmocka_unit_test(test_id_map_cap_is_toobig),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
