/*
 * test_logbuf.c - the server's log in blocks of whole lines
 * (http/logbuf.h): every write ends at a line's end, so a kill -9 between
 * two writes never leaves half a line; the lines come out whole and in
 * order, a line longer than the block on its own, newlines in a message
 * as spaces.
 */
#include "testutil.h"
#include "http/logbuf.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file's bytes (caller frees), its size into *n. */
static char *slurp(const char *path, size_t *n)
{
	struct stat sb;
	char *s;
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &sb), 0);
	s = dx_xmalloc((size_t)sb.st_size + 1);
	assert_int_equal(read(fd, s, (size_t)sb.st_size), sb.st_size);
	s[sb.st_size] = '\0';
	*n = (size_t)sb.st_size;
	close(fd);
	return s;
}

/* What a kill -9 would leave at any moment: the file as written so far
 * ends with a whole line (or is empty). */
static void whole_lines_so_far(const char *path)
{
	size_t n;
	char *s = slurp(path, &n);
	if (n && s[n - 1] != '\n')
		fail_msg("the log ends mid-line: ...%s", n > 40 ? s + n - 40 : s);
	free(s);
}

static void test_blocks_end_at_line_ends(void **state)
{
	char path[] = "/tmp/dx-logbuf-XXXXXX", want[8192] = "", line[64];
	struct dx_logbuf b;
	size_t n, w = 0;
	char *got;
	int fd = mkstemp(path);
	(void)state;
	assert_true(fd >= 0);
	/* 100 bytes: lines of 20 to 40 bytes never fill it evenly */
	dx_logbuf_init(&b, fd, 100);
	for (int i = 0; i < 120; i++) {
		dx_snprintf(line, sizeof(line), "GET /api/households/{hh_no} %d %.*s", i, i % 13,
			    "xxxxxxxxxxxxx");
		dx_logbuf_line(&b, "dixian: info: ", line);
		assert_int_equal(dx_snprintf(want + w, sizeof(want) - w, "dixian: info: %s\n", line), 0);
		w = strlen(want);
		whole_lines_so_far(path);
	}
	/* longer than the block: written on its own, whole */
	memset(line, 'y', 63);
	line[63] = '\0';
	dx_logbuf_line(&b, "dixian: warning: a long line ", line);
	assert_int_equal(dx_snprintf(want + w, sizeof(want) - w, "dixian: warning: a long line %s\n",
				     line), 0);
	w = strlen(want);
	whole_lines_so_far(path);
	/* a message's newline is written as a space: one record a line */
	dx_logbuf_line(&b, "dixian: error: ", "two\nparts");
	assert_int_equal(dx_snprintf(want + w, sizeof(want) - w, "dixian: error: two parts\n"), 0);
	w = strlen(want);
	whole_lines_so_far(path);
	dx_logbuf_flush(&b);
	got = slurp(path, &n);
	assert_int_equal(n, w);
	assert_string_equal(got, want);
	free(got);
	/* after the stop: each line at once */
	dx_logbuf_direct(&b);
	dx_logbuf_line(&b, "dixian: info: ", "stopped");
	got = slurp(path, &n);
	assert_non_null(strstr(got, "dixian: info: stopped\n"));
	free(got);
	dx_logbuf_release(&b);
	close(fd);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks_end_at_line_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
