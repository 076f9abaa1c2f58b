/*
 * test_outfile.c - core/outfile.h (issue 13.3): an output that is the store
 * (by any name: a hard link, a symlink, "./", its -wal file) or an input is
 * refused before anything is written; an output replaces its target only
 * whole (an error or a full disk leaves the old file and no temporary).
 */
#include "testutil.h"
#include "core/outfile.h"
#include "io/sheet.h"
#include "io/xlsx_write.h"

#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

static char dir[64];

static void path_of(char *out, size_t size, const char *name)
{
	dx_snprintf(out, size, "%s/%s", dir, name);
}

static void put(const char *name, const char *text)
{
	char p[128];
	FILE *f;
	path_of(p, sizeof(p), name);
	f = fopen(p, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The whole file, NUL-terminated (caller frees); NULL when missing. */
static char *get(const char *name)
{
	char p[128], *buf;
	FILE *f;
	long n;
	path_of(p, sizeof(p), name);
	if (!(f = fopen(p, "rb")))
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = dx_xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void expect_content(const char *name, const char *want)
{
	char *got = get(name);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* Files in the directory (a left-over temporary would show). */
static int count_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."));
	closedir(d);
	return n;
}

static int setup(void **state)
{
	(void)state;
	dx_strlcpy(dir, "/tmp/dixian-outfile-XXXXXX", sizeof(dir));
	assert_non_null(mkdtemp(dir));
	dx_log_set_level(DX_LOG_NONE);
	return 0;
}

static int teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[400];
	(void)state;
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			dx_snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			unlink(p);
		}
	if (d)
		closedir(d);
	rmdir(dir);
	return 0;
}

static int write_text(const char *name, const char *text)
{
	char p[128];
	struct dx_outfile o;
	int rc;
	path_of(p, sizeof(p), name);
	if ((rc = dx_outfile_open(&o, p, 0)))
		return rc;
	fputs(text, o.f);
	return dx_outfile_commit(&o);
}

static void test_store_and_inputs_refused(void **state)
{
	char store[128], p[128], other[128], cwd[4096];
	struct dx_sheet *sh = NULL;
	(void)state;

	put("s.db", "the store");
	put("in.csv", "区划代码,姓名\n");
	put("other.txt", "old");
	path_of(store, sizeof(store), "s.db");
	dx_outfile_protect(store, 1);
	/* an input is protected by being opened */
	path_of(p, sizeof(p), "in.csv");
	assert_int_equal(dx_sheet_open(&sh, p, NULL), 0);
	dx_sheet_free(sh);

	assert_int_equal(write_text("s.db", "x"), DX_EXISTS);
	assert_int_equal(write_text("in.csv", "x"), DX_EXISTS);
	/* companions, existing or not */
	assert_int_equal(write_text("s.db-wal", "x"), DX_EXISTS);
	assert_int_equal(write_text("s.db-shm", "x"), DX_EXISTS);
	assert_int_equal(write_text("s.db-journal", "x"), DX_EXISTS);
	/* other names for the same file */
	path_of(other, sizeof(other), "hard.db");
	assert_int_equal(link(store, other), 0);
	assert_int_equal(write_text("hard.db", "x"), DX_EXISTS);
	path_of(other, sizeof(other), "sym.db");
	assert_int_equal(symlink(store, other), 0);
	assert_int_equal(write_text("sym.db", "x"), DX_EXISTS);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	{
		struct dx_outfile o;
		assert_int_equal(dx_outfile_open(&o, "./s.db", 0), DX_EXISTS);
		assert_int_equal(dx_outfile_open(&o, "s.db-wal", 0), DX_EXISTS);
	}
	assert_int_equal(chdir(cwd), 0);
	/* nothing was touched, nothing left behind */
	expect_content("s.db", "the store");
	expect_content("in.csv", "区划代码,姓名\n");
	assert_null(get("s.db-wal"));
	assert_int_equal(count_files(), 5);
	/* a reason the user reads */
	assert_non_null(strstr(dx_outfile_why(DX_EXISTS), "不能是数据库文件"));
	/* another file is written */
	assert_int_equal(write_text("other.txt", "new"), 0);
	expect_content("other.txt", "new");
	assert_int_equal(count_files(), 5);
}

static void test_replace_whole_or_not_at_all(void **state)
{
	char p[128];
	struct dx_outfile o;
	struct stat st;
	(void)state;

	put("r.txt", "good report");
	path_of(p, sizeof(p), "r.txt");
	assert_int_equal(chmod(p, 0640), 0);
	/* until the commit the target is the old file */
	assert_int_equal(dx_outfile_open(&o, p, 0), 0);
	fputs("half a rep", o.f);
	fflush(o.f);
	expect_content("r.txt", "good report");
	assert_int_equal(count_files(), 2);
	dx_outfile_abort(&o);
	expect_content("r.txt", "good report");
	assert_int_equal(count_files(), 1);
	dx_outfile_abort(&o); /* twice is fine */
	/* a commit replaces it and keeps its permissions */
	assert_int_equal(write_text("r.txt", "new report"), 0);
	expect_content("r.txt", "new report");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(count_files(), 1);
	/* a missing directory */
	assert_int_equal(write_text("no/such/dir.txt", "x"), DX_IO);
	assert_non_null(dx_outfile_why(DX_IO));
	/* a device is written in place */
	assert_int_equal(dx_outfile_open(&o, "/dev/null", 0), 0);
	fputs("gone", o.f);
	assert_int_equal(dx_outfile_commit(&o), 0);
}

/* A full disk, as a file-size limit: the write fails, the old file stays
 * whole, and no temporary is left. */
static void test_full_disk(void **state)
{
	char p[128], big[8192];
	struct dx_outfile o;
	struct rlimit old, lim;
	(void)state;

	put("e.csv", "the good export");
	path_of(p, sizeof(p), "e.csv");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 4096;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_int_equal(dx_outfile_open(&o, p, 0), 0);
	fwrite(big, 1, sizeof(big) - 1, o.f);
	assert_int_equal(dx_outfile_commit(&o), DX_IO);
	/* the table writer, the same way */
	{
		struct dx_tw *w;
		assert_int_equal(dx_tw_open(&w, p, DX_TW_CSV, "x"), 0);
		for (int i = 0; i < 100; i++) {
			dx_tw_cell(w, big + sizeof(big) - 200, DX_TW_PLAIN);
			dx_tw_endrow(w);
		}
		assert_int_equal(dx_tw_close(w), DX_IO);
	}
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	expect_content("e.csv", "the good export");
	assert_int_equal(count_files(), 1);
}

/* xlsx through the table writer: libxlsxwriter writes the temporary by
 * name; the target appears at close, whole. */
static void test_xlsx_by_name(void **state)
{
	char p[128], *got;
	struct dx_tw *w;
	(void)state;

	put("x.xlsx", "old");
	path_of(p, sizeof(p), "x.xlsx");
	assert_int_equal(dx_tw_open(&w, p, DX_TW_XLSX, "表"), 0);
	dx_tw_cell(w, "区划代码", DX_TW_HEADER);
	dx_tw_endrow(w);
	expect_content("x.xlsx", "old");
	assert_int_equal(dx_tw_close(w), 0);
	got = get("x.xlsx");
	assert_non_null(got);
	assert_memory_equal(got, "PK\3\4", 4);
	free(got);
	assert_int_equal(count_files(), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_and_inputs_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_whole_or_not_at_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_disk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_by_name, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
