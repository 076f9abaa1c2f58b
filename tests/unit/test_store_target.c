/*
 * test_store_target.c - the --db target chooses the driver (store.c's
 * table: a path is SQLite, a PostgreSQL connection string the PostgreSQL
 * driver, a stub until issue 16), and connection strings are shown with
 * their password masked, in messages and logs alike.
 */
#include "testutil.h"
#include "store/store.h"

static void masked(const char *target, const char *want)
{
	char *got = dx_store_mask_target(target);
	assert_string_equal(got, want);
	free(got);
}

static void test_mask_url(void **state)
{
	(void)state;
	masked("postgresql://dixian:s3cret@db.example:5432/county",
	       "postgresql://dixian:***@db.example:5432/county");
	masked("postgres://u:p@ss@host/db", "postgres://u:***@host/db");
	masked("postgresql://dixian@host/db", "postgresql://dixian@host/db");
	masked("postgresql://host/db?user=u&password=s3cret&sslmode=require",
	       "postgresql://host/db?user=u&password=***&sslmode=require");
	masked("postgresql://u:a@h/db?password=b", "postgresql://u:***@h/db?password=***");
	masked("postgresql:///county", "postgresql:///county");
}

static void test_mask_keyvalue(void **state)
{
	(void)state;
	masked("host=/run/postgresql dbname=county password=s3cret user=dx",
	       "host=/run/postgresql dbname=county password=*** user=dx");
	masked("dbname=county password='two words \\' here' port=5433",
	       "dbname=county password=*** port=5433");
	masked("host=db password = secret", "host=db password = ***");
}

static void test_mask_path_unchanged(void **state)
{
	(void)state;
	masked("county.db", "county.db");
	masked("/tmp/x password=y.db", "/tmp/x password=y.db");
	masked("", "");
}

static void test_driver_choice(void **state)
{
	(void)state;
	assert_string_equal(dx_store_driver_name("county.db"), "sqlite");
	assert_string_equal(dx_store_driver_name("/data/县/dixian.db"), "sqlite");
	assert_string_equal(dx_store_driver_name("a=b.db"), "sqlite");
	assert_string_equal(dx_store_driver_name(":memory:"), "sqlite");
	assert_string_equal(dx_store_driver_name("postgresql://h/db"), "postgresql");
	assert_string_equal(dx_store_driver_name("postgres://h/db"), "postgresql");
	assert_string_equal(dx_store_driver_name("host=localhost dbname=x"), "postgresql");
	assert_string_equal(dx_store_driver_name("dbname=x"), "postgresql");
	assert_true(dx_store_driver_built("county.db"));
	assert_true(dx_store_driver_built("postgresql://h/db"));
}

/* A server that cannot be reached: DX_DB, no store, and no file named
 * like the target. */
static void test_pg_unreachable(void **state)
{
	struct dx_store *st = (void *)1;
	(void)state;
	assert_int_equal(dx_store_open(&st, "postgresql://u:pw@127.0.0.1:1/tmpx", DX_STORE_CREATE),
			 DX_DB);
	assert_null(st);
	assert_int_equal(dx_store_upgrade("host=127.0.0.1 port=1 dbname=tmpx", NULL, NULL), DX_DB);
	assert_int_not_equal(access("host=127.0.0.1 port=1 dbname=tmpx", F_OK), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mask_url),
		cmocka_unit_test(test_mask_keyvalue),
		cmocka_unit_test(test_mask_path_unchanged),
		cmocka_unit_test(test_driver_choice),
		cmocka_unit_test(test_pg_unreachable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
