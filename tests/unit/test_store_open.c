/*
 * test_store_open.c - how a store file is opened (issues 13.4, 13.7): a new
 * store and its -wal/-shm files are readable by their owner only; a
 * read-only store (file and directory) still reads, and a write to it is
 * refused as such; a writer waits for another program's write lock instead
 * of failing at once.
 */
#include "testutil.h"
#include "store/store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char dir[64], db[96];

static int setup(void **state)
{
	(void)state;
	dx_strlcpy(dir, "/tmp/dixian-open-XXXXXX", sizeof(dir));
	assert_non_null(mkdtemp(dir));
	dx_snprintf(db, sizeof(db), "%s/s.db", dir);
	dx_log_set_level(DX_LOG_NONE);
	return 0;
}

static int teardown(void **state)
{
	char p[128];
	(void)state;
	chmod(dir, 0700);
	tu_rm(db);
	dx_snprintf(p, sizeof(p), "%s/s.db-journal", dir);
	unlink(p);
	rmdir(dir);
	return 0;
}

static unsigned mode_of(const char *suffix)
{
	char p[128];
	struct stat sb;
	dx_snprintf(p, sizeof(p), "%s%s", db, suffix);
	assert_int_equal(stat(p, &sb), 0);
	return (unsigned)sb.st_mode & 0777;
}

/* Issue 13.4: 0600, whatever the umask lets through. */
static void test_new_store_private(void **state)
{
	struct dx_store *st;
	mode_t old = umask(0);
	(void)state;

	assert_int_equal(dx_store_open(&st, db, DX_STORE_CREATE), DX_OK);
	umask(old);
	assert_int_equal(dx_store_area_put(st, "532326", "大姚县"), DX_OK);
	/* the store, its log and its shared memory, while open */
	assert_int_equal(mode_of(""), 0600);
	assert_int_equal(mode_of("-wal"), 0600);
	assert_int_equal(mode_of("-shm"), 0600);
	dx_store_close(st);
	assert_int_equal(mode_of(""), 0600);
}

/* In a child (as nobody when run as root, who reads anything): open the
 * read-only store both ways, read it, and try a write.  Exit 0 when all
 * went as it should; the step that failed otherwise. */
static int child_reads_readonly(void)
{
	struct dx_store *st = NULL;
	struct dx_area a;

	if (geteuid() == 0 && (setgid(65534) || setuid(65534)))
		return 10;
	if (dx_store_open(&st, db, DX_STORE_READONLY))
		return 1;
	if (dx_store_area_get(st, "532326", &a) || strcmp(a.name, "大姚县"))
		return 2;
	dx_store_close(st);
	/* asked to write: opens for reading, says so, refuses the write */
	if (dx_store_open(&st, db, 0))
		return 3;
	if (!dx_store_readonly(st))
		return 4;
	if (dx_store_area_get(st, "532326", &a))
		return 5;
	if (dx_store_area_put(st, "532326101", "x乡") != DX_DENIED)
		return 6;
	dx_store_close(st);
	return 0;
}

/* Issue 13.7: a store copied read-only (file 0444 in a read-only
 * directory, so no -shm can be made) was "not a dixian store". */
static void test_readonly_store_reads(void **state)
{
	struct dx_store *st;
	pid_t pid;
	int status;
	(void)state;

	assert_int_equal(dx_store_open(&st, db, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326", "大姚县"), DX_OK);
	dx_store_close(st);
	assert_int_equal(chmod(db, 0444), 0);
	assert_int_equal(chmod(dir, 0555), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(child_reads_readonly());
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(chmod(dir, 0700), 0);
	assert_int_equal(chmod(db, 0600), 0);
}

struct holder {
	sqlite3 *db;
	int ms;
};

static void *release_later(void *arg)
{
	struct holder *h = arg;
	usleep((useconds_t)h->ms * 1000u);
	sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	return NULL;
}

/* Issue 13.7: a transaction that reads, then writes, while another program
 * writes, failed at once with "store is busy"; it waits for the lock. */
static void test_writer_waits(void **state)
{
	struct dx_store *st;
	struct dx_area a;
	struct holder h = {NULL, 400};
	pthread_t t;
	(void)state;

	assert_int_equal(dx_store_open(&st, db, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326", "大姚县"), DX_OK);
	assert_int_equal(sqlite3_open(db, &h.db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h.db, "BEGIN IMMEDIATE; UPDATE area SET name = '大姚' "
					    "WHERE code = '532326'",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(pthread_create(&t, NULL, release_later, &h), 0);
	assert_int_equal(dx_store_begin(st), DX_OK);
	assert_int_equal(dx_store_area_get(st, "532326", &a), DX_OK);
	assert_string_equal(a.name, "大姚"); /* what the other program wrote */
	assert_int_equal(dx_store_area_put(st, "532326101", "示例乡"), DX_OK);
	assert_int_equal(dx_store_commit(st), DX_OK);
	pthread_join(t, NULL);
	sqlite3_close(h.db);
	dx_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_store_private, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_store_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_waits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
