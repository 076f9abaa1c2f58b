/*
 * test_ctx.c - issue 12's core: the library logs only through the sink a
 * front end installs (never on stderr by itself), errors are values
 * (struct dx_err_info), the request context carries an explicit actor,
 * and the use-case facts the CLI used to hold (import kinds, the case
 * check's scope, the report's policy) answer from app.
 */
#include "testutil.h"
#include "app/case.h"
#include "app/clue.h"
#include "app/ctx.h"
#include "app/import.h"
#include "app/report.h"
#include "core/date.h"

#include <fcntl.h>

static char path[64];
static struct dx_store *st;

struct seen {
	int n;
	enum dx_log_level lvl;
	char msg[256];
};

static void collect(void *arg, enum dx_log_level lvl, const char *msg)
{
	struct seen *s = arg;
	s->n++;
	s->lvl = lvl;
	dx_strlcpy(s->msg, msg, sizeof(s->msg));
}

/* Everything the library says goes to the sink, at or above the level. */
static void test_log_sink(void **state)
{
	struct seen s = {0};
	(void)state;
	dx_log_set_level(DX_LOG_INFO);
	dx_log_set_sink(collect, &s);
	assert_int_equal(dx_error(DX_IO, "cannot open '%s'", "x.csv"), DX_IO);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.lvl, DX_LOG_ERROR);
	assert_string_equal(s.msg, "cannot open 'x.csv'");
	dx_log(DX_LOG_DEBUG, "below the level");
	assert_int_equal(s.n, 1);
	dx_log(DX_LOG_WARN, "%d rows", 3);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.msg, "3 rows");
	assert_string_equal(dx_log_level_name(DX_LOG_WARN), "warning");
	dx_log_set_sink(NULL, NULL);
	dx_log_set_level(DX_LOG_NONE);
}

/* With no sink installed, the library writes nothing to stderr. */
static void test_no_sink_no_stderr(void **state)
{
	char tmp[] = "/tmp/dixian-stderr-XXXXXX";
	int fd = mkstemp(tmp), saved = dup(2);
	off_t size;
	(void)state;
	assert_true(fd >= 0 && saved >= 0);
	dx_log_set_level(DX_LOG_DEBUG);
	dx_log_set_sink(NULL, NULL);
	fflush(stderr);
	assert_true(dup2(fd, 2) >= 0);
	dx_error(DX_DB, "a failure the front end is not told about");
	dx_log(DX_LOG_WARN, "nor this");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	size = lseek(fd, 0, SEEK_END);
	close(fd);
	unlink(tmp);
	dx_log_set_level(DX_LOG_NONE);
	assert_int_equal(size, 0);
}

static void test_err_value(void **state)
{
	struct dx_err_info e;
	(void)state;
	assert_int_equal(dx_err_set(&e, DX_USAGE, "第%d行 户类型无效", 14), DX_USAGE);
	assert_int_equal(e.code, DX_USAGE);
	assert_string_equal(e.msg, "第14行 户类型无效");
	assert_string_equal(e.detail, "");
	assert_int_equal(e.row, 0);
	assert_int_equal(e.col, -1);
	assert_int_equal(dx_err_detail(&e, "row %d: kind", 14), DX_USAGE);
	assert_string_equal(e.detail, "row 14: kind");
	assert_int_equal(dx_err_set(NULL, DX_IO, "ignored"), DX_IO);
}

static int setup(void **state)
{
	static const struct dx_date today = {2026, 12, 31};
	struct dx_buf why = DX_BUF_INIT;
	(void)state;
	dx_date_set_today(&today);
	dx_log_set_level(DX_LOG_NONE);
	tu_tmpdb(path);
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399", "云岭县"), DX_OK);
	assert_int_equal(tu_account_add(st, "xian", "县", "532399", NULL, NULL, &why), DX_OK);
	dx_buf_release(&why);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	dx_store_close(st);
	tu_rm(path);
	return 0;
}

/* The actor is never implicit: no account is the local owner, named. */
static void test_ctx_actor(void **state)
{
	struct dx_ctx c;
	(void)state;
	struct dx_date day = {2024, 2, 29};
	assert_int_equal(dx_ctx_init(&c, st, NULL, &day), DX_OK);
	assert_true(c.actor.local_owner);
	assert_true(c.actor.readonly);
	/* the day is the front end's, not the clock's */
	assert_int_equal(dx_date_cmp(&c.today, &day), 0);
	assert_int_equal(dx_ctx_init(&c, st, "xian", tu_today()), DX_OK);
	assert_false(c.actor.local_owner);
	assert_string_equal(c.actor.acc.name, "xian");
	assert_int_equal(dx_ctx_init(&c, st, "nobody", tu_today()), DX_NOT_FOUND);
	assert_int_equal(c.err.code, DX_NOT_FOUND);
	assert_non_null(strstr(c.err.msg, "nobody"));
}

/* A use case on the context: its refusal comes back in c.err. */
static void test_case_check_scope(void **state)
{
	struct dx_ctx c;
	struct dx_hh_ref hh;
	struct dx_elim_result res;
	(void)state;
	assert_int_equal(dx_ctx_init(&c, st, "xian", tu_today()), DX_OK);
	assert_int_equal(dx_case_check(&c, "532399101001000001", "2026-03-01", 0, 0, &hh, &res),
			 DX_NOT_FOUND);
	assert_int_equal(c.err.code, DX_NOT_FOUND);
	assert_non_null(strstr(c.err.msg, "没有户编号为 532399101001000001 的农户"));
	assert_int_equal(dx_case_step_holder(DX_STEP_VERIFY), DX_LEVEL_VILLAGE);
	assert_int_equal(dx_case_step_holder(DX_STEP_COUNTY), DX_LEVEL_COUNTY);
}

/* One list of import kinds, in app: the message names each of them. */
static void test_import_kinds(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	size_t n = 0;
	(void)state;
	while (dx_import_kind(n))
		n++;
	assert_int_equal(n, 14);
	assert_string_equal(dx_import_kind(0), "persons");
	assert_int_equal(dx_import_kind_check("training", &why), DX_OK);
	assert_int_equal(dx_import_kind_check("people", &why), DX_USAGE);
	assert_non_null(strstr(why.buf, "不能导入 \"people\"（应为 persons、incomes、"));
	assert_non_null(strstr(why.buf, "problems 或 training）"));
	dx_buf_release(&why);
}

/* The report's policy is resolved in app, the same for every front end. */
static void test_report_opts(void **state)
{
	struct dx_report_opts o;
	(void)state;
	assert_int_equal(dx_report_opts_init(st, "532399", 2025, "", tu_today(), &o), DX_OK);
	assert_string_equal(o.area, "532399");
	assert_int_equal(o.year, 2025);
	assert_string_equal(o.label, "监测对象");
	assert_int_equal(o.visits_active, 2);
	assert_int_equal(o.visits_eliminated, 1);
}

/* The date rules take the request's day: an event on the day after it is
 * refused, naming that day, whatever the clock says. */
static void test_day_from_the_request(void **state)
{
	struct dx_date day = {2024, 2, 29};
	struct dx_buf why = DX_BUF_INIT;
	char out[11];
	(void)state;
	assert_int_equal(dx_event_date(&day, "2024-02-29", "走访日期", out, &why), DX_OK);
	assert_int_equal(dx_event_date(&day, "2024-03-01", "走访日期", out, &why), DX_INVALID);
	assert_non_null(strstr(why.buf, "晚于今天（2024-02-29）"));
	dx_buf_reset(&why);
	assert_int_equal(dx_event_month(&day, "2024-03", "识别监测时间", &why), DX_INVALID);
	assert_int_equal(dx_event_month(&day, "2024-02", "识别监测时间", &why), DX_OK);
	dx_buf_release(&why);
}

/* policy show on the context: the year defaults to the context's day's,
 * the area is read within the actor's scope. */
static void test_policy_show(void **state)
{
	struct dx_date day = {2024, 5, 1};
	struct dx_policy_shown sh;
	struct dx_ctx c;
	(void)state;
	assert_int_equal(dx_ctx_init(&c, st, NULL, &day), DX_OK);
	assert_int_equal(dx_app_policy_show(&c, "532399", 0, NULL, &sh), DX_OK);
	assert_int_equal(sh.year, 2024);
	assert_string_equal(sh.area, "532399");
	assert_null(sh.src[0]); /* nothing set: the default */
	assert_true(dx_policy_line(&sh.p) > 0);
	dx_app_policy_shown_release(&sh);
	assert_int_equal(dx_ctx_init(&c, st, "xian", &day), DX_OK);
	assert_int_equal(dx_app_policy_show(&c, "532301", 2025, NULL, &sh), DX_DENIED);
	assert_non_null(strstr(c.err.msg, "不在账号 xian 的管辖范围"));
	dx_app_policy_shown_release(&sh);
	assert_int_equal(dx_app_policy_show(&c, NULL, 2025, NULL, &sh), DX_OK);
	assert_string_equal(sh.area, "532399");
	assert_int_equal(sh.year, 2025);
	dx_app_policy_shown_release(&sh);
}

/* A province or city is the local owner's to read (screen, report of many
 * counties); an account's scope is a county or narrower. */
static void test_actor_area_wide(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_actor owner, xian;
	char out[13];
	int wide = -1;
	(void)state;
	dx_actor_local_owner(&owner);
	assert_int_equal(dx_actor_for(st, "xian", &xian, &why), DX_OK);
	assert_int_equal(dx_actor_area_wide(&owner, "53", out, &wide, &why), DX_OK);
	assert_string_equal(out, "53");
	assert_int_equal(wide, 1);
	assert_int_equal(dx_actor_area_wide(&owner, "5323", out, &wide, &why), DX_OK);
	assert_int_equal(wide, 1);
	assert_int_equal(dx_actor_area_wide(&xian, "53", out, &wide, &why), DX_DENIED);
	assert_non_null(strstr(why.buf, "区划 53 不在账号 xian 的管辖范围（532399）内"));
	dx_buf_reset(&why);
	/* a county or narrower: dx_actor_area's rule */
	assert_int_equal(dx_actor_area_wide(&xian, "532399101", out, &wide, &why), DX_OK);
	assert_string_equal(out, "532399101");
	assert_int_equal(wide, 0);
	assert_int_equal(dx_actor_area_wide(&xian, NULL, out, &wide, &why), DX_OK);
	assert_string_equal(out, "532399");
	assert_int_equal(dx_actor_area_wide(&xian, "532301", out, &wide, &why), DX_DENIED);
	assert_int_equal(dx_actor_area_wide(&owner, "5323991", out, &wide, &why), DX_INVALID);
	dx_buf_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log_sink),
		cmocka_unit_test(test_no_sink_no_stderr),
		cmocka_unit_test(test_err_value),
		cmocka_unit_test(test_ctx_actor),
		cmocka_unit_test(test_case_check_scope),
		cmocka_unit_test(test_import_kinds),
		cmocka_unit_test(test_report_opts),
		cmocka_unit_test(test_day_from_the_request),
		cmocka_unit_test(test_policy_show),
		cmocka_unit_test(test_actor_area_wide),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
