/*
 * test_audit_chain.c - the tamper-evident audit (store/audit.c,
 * app/audit_verify.c): one chain per county, rows from before the chain
 * sealed on first use, and `audit verify` naming an edited, a deleted and
 * an inserted row; two connections appending to one county never fork it.
 */
#include "testutil.h"
#include "app/audit_verify.h"
#include "store/audit.h"

#include <sqlite3.h>
#include <sys/wait.h>

static char path[64];

static void sql(const char *q)
{
	sqlite3 *d;
	assert_int_equal(sqlite3_open(path, &d), SQLITE_OK);
	sqlite3_busy_timeout(d, 5000);
	assert_int_equal(sqlite3_exec(d, q, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(d);
}

static struct dx_store *fresh(void)
{
	struct dx_store *st;
	tu_tmpdb(path);
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	return st;
}

static void add(struct dx_store *st, const char *county, int n)
{
	for (int i = 0; i < n; i++) {
		char key[16];
		dx_snprintf(key, sizeof(key), "k%d", i);
		assert_int_equal(dx_store_audit(st, county, "tester", "test.add", "thing", key,
						i % 2 ? NULL : "{\"a\":1}", "{\"b\":2}"),
				 DX_OK);
	}
}

static void verdict(struct dx_store *st, const char *area, struct dx_audit_verdict *v)
{
	struct dx_buf why = DX_BUF_INIT;
	assert_int_equal(dx_audit_verify(st, area, v, &why), DX_OK);
	dx_buf_release(&why);
}

/* Issue 12: one vocabulary, `subject.verb`; a bare word is refused and
 * writes nothing; old rows' words map to the current ones for readers. */
static void test_vocabulary(void **state)
{
	struct dx_store *st = fresh();
	struct dx_audit_verdict v;
	(void)state;
	assert_true(dx_audit_action_valid("measure.add"));
	assert_true(dx_audit_action_valid("household.read_unmasked"));
	assert_false(dx_audit_action_valid("insert"));
	assert_false(dx_audit_action_valid("export_unmasked"));
	assert_false(dx_audit_action_valid(".add"));
	assert_false(dx_audit_action_valid("measure."));
	assert_false(dx_audit_action_valid("a.b.c"));
	assert_false(dx_audit_action_valid("Case.Open"));
	assert_int_equal(dx_store_audit(st, "532326", "tester", "insert", "measure", "1", NULL,
					"{}"),
			 DX_USAGE);
	add(st, "532326", 1);
	verdict(st, NULL, &v);
	assert_int_equal(v.rows, 1);
	assert_string_equal(dx_audit_action_current("measure", "insert"), "measure.add");
	assert_string_equal(dx_audit_action_current("measure", "update"), "measure.update");
	assert_string_equal(dx_audit_action_current("visit", "insert"), "visit.add");
	assert_string_equal(dx_audit_action_current("warning", "threshold"), "warning.record");
	assert_string_equal(dx_audit_action_current("warning_feedback", "export_unmasked"),
			    "export.unmasked");
	assert_string_equal(dx_audit_action_current("county", "generate"), "demo.generate");
	assert_string_equal(dx_audit_action_current("case", "case.open"), "case.open");
	assert_string_equal(dx_audit_action_current("person", "insert"), "insert");
	dx_store_close(st);
}

static void test_chain_ok_and_tampered(void **state)
{
	struct dx_store *st = fresh();
	struct dx_audit_verdict v;
	(void)state;
	add(st, "532326", 5);
	add(st, "532399", 3);
	add(st, "532326", 2);
	verdict(st, NULL, &v);
	assert_false(v.broken);
	assert_int_equal(v.rows, 10);
	assert_int_equal(v.counties, 2);
	verdict(st, "532399", &v);
	assert_int_equal(v.rows, 3);
	dx_store_close(st);

	/* edited: the 3rd row of 532326 */
	sql("UPDATE audit SET actor = 'someone' WHERE id = 3");
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	verdict(st, NULL, &v);
	assert_true(v.broken);
	assert_int_equal(v.bad_id, 3);
	assert_non_null(strstr(v.problem, "已被修改"));
	/* the other county's chain is intact */
	verdict(st, "532399", &v);
	assert_false(v.broken);
	dx_store_close(st);
	sql("UPDATE audit SET actor = 'tester' WHERE id = 3");

	/* deleted: the 2nd row of 532399 (id 7); the gap shows at id 8 */
	sql("DELETE FROM audit WHERE id = 7");
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	verdict(st, NULL, &v);
	assert_true(v.broken);
	assert_int_equal(v.bad_id, 8);
	assert_non_null(strstr(v.problem, "已被删除"));
	dx_store_close(st);
	tu_rm(path);
}

static void test_inserted_row(void **state)
{
	struct dx_store *st = fresh();
	struct dx_audit_verdict v;
	(void)state;
	add(st, "532326", 3);
	dx_store_close(st);
	sql("INSERT INTO audit(county_code, at, actor, action, entity, entity_key)"
	    " VALUES('532326', '2026-01-01T00:00:00Z', 'x', 'forged', 'e', 'k')");
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	verdict(st, NULL, &v);
	assert_true(v.broken);
	assert_int_equal(v.bad_id, 4);
	assert_non_null(strstr(v.problem, "插入"));
	/* an appended row does not launder it: the forged row stays unchained */
	add(st, "532326", 1);
	verdict(st, NULL, &v);
	assert_true(v.broken);
	assert_int_equal(v.bad_id, 4);
	dx_store_close(st);
	tu_rm(path);
}

/* Rows from before the chain (seq and hash NULL, as after the migration)
 * are counted as unchained, then chained by the county's next row. */
static void test_legacy_rows_sealed(void **state)
{
	struct dx_store *st = fresh();
	struct dx_audit_verdict v;
	(void)state;
	add(st, "532326", 4);
	dx_store_close(st);
	sql("UPDATE audit SET seq = NULL, hash = NULL");
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	verdict(st, NULL, &v);
	assert_false(v.broken);
	assert_int_equal(v.unchained, 4);
	add(st, "532326", 1);
	verdict(st, NULL, &v);
	assert_false(v.broken);
	assert_int_equal(v.unchained, 0);
	assert_int_equal(v.rows, 5);
	dx_store_close(st);
	/* and the sealed rows are protected like the rest */
	sql("UPDATE audit SET after = '{}' WHERE id = 2");
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	verdict(st, NULL, &v);
	assert_true(v.broken);
	assert_int_equal(v.bad_id, 2);
	dx_store_close(st);
	tu_rm(path);
}

/* Two processes appending to the same county at once: the head read and
 * the insert share a write transaction, so the chain never forks. */
static void test_two_writers(void **state)
{
	struct dx_store *st = fresh();
	struct dx_audit_verdict v;
	pid_t pid;
	int status = -1;
	(void)state;
	add(st, "532326", 1);
	dx_store_close(st);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	add(st, "532326", 150);
	dx_store_close(st);
	if (pid == 0)
		_exit(0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(dx_store_open(&st, path, 0), DX_OK);
	verdict(st, NULL, &v);
	assert_false(v.broken);
	assert_int_equal(v.rows, 301);
	dx_store_close(st);
	tu_rm(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocabulary),
		cmocka_unit_test(test_chain_ok_and_tampered),
		cmocka_unit_test(test_inserted_row),
		cmocka_unit_test(test_legacy_rows_sealed),
		cmocka_unit_test(test_two_writers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
