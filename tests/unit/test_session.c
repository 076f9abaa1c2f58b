/*
 * test_session.c - logging in (app/session.c) with an explicit clock:
 * passwords, the one answer for a wrong name or password, throttling per
 * account and per address, idle and absolute expiry, disabled accounts,
 * and sessions kept only by the hash of their token.
 */
#include "testutil.h"
#include "app/session.h"
#include "store/session.h"

#include <sodium.h>
#include <time.h>

#define T0 1800000000

static struct dx_store *st;
static char path[64];

static int setup(void **state)
{
	struct dx_actor xian;
	struct dx_buf why = DX_BUF_INIT;
	(void)state;
	tu_tmpdb(path);
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326", "大姚县"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532326106", "示例乡"), DX_OK);
	/* the first account by the local owner, the others by it */
	assert_int_equal(tu_account_add(st, "xian", "县", "532326", NULL, NULL, &why), DX_OK);
	assert_int_equal(dx_actor_load(st, "xian", &xian, &why), DX_OK);
	assert_int_equal(tu_account_add(st, "xiang", "乡", "532326106", NULL, &xian, &why), DX_OK);
	assert_int_equal(tu_passwd(st, "xian", "长江黄河泰山华山", "test", &why), DX_OK);
	assert_int_equal(tu_passwd(st, "xiang", "another-password", "test", &why), DX_OK);
	/* the accounts of the throttling test, with hashes quick to check
	 * (libsodium's least cost): the cost comes from the stored hash */
	for (int i = 0; i < DX_LOGIN_MAX_ADDR_FAILS; i++) {
		char name[16], hash[crypto_pwhash_STRBYTES];
		dx_snprintf(name, sizeof(name), "user%d", i);
		assert_int_equal(tu_account_add(st, name, "乡", "532326106", NULL, &xian, &why),
		                 DX_OK);
		assert_int_equal(crypto_pwhash_str(hash, "quick-pass", 10,
		                                   crypto_pwhash_OPSLIMIT_MIN,
		                                   crypto_pwhash_MEMLIMIT_MIN),
		                 0);
		assert_int_equal(dx_store_account_set_password(st, name, hash), DX_OK);
		if (i == 0)
			assert_int_equal(dx_store_account_set_password(st, "xian", hash), DX_OK);
	}
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

static void test_password_rules(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	char hash[crypto_pwhash_STRBYTES];
	int64_t id;
	int disabled;
	(void)state;
	assert_int_equal(tu_passwd(st, "xiang", "1234567", "t", &why), DX_INVALID);
	assert_non_null(strstr(why.buf, "至少8个字符"));
	dx_buf_reset(&why);
	/* eight characters of Chinese are long enough, counted as characters */
	assert_int_equal(tu_passwd(st, "xiang", "一二三四五六七", "t", &why), DX_INVALID);
	dx_buf_reset(&why);
	assert_int_equal(tu_passwd(st, "xiang", "my-XIANG-pass", "t", &why), DX_INVALID);
	assert_non_null(strstr(why.buf, "账号名"));
	dx_buf_reset(&why);
	assert_int_equal(tu_passwd(st, "nobody", "long-enough-1", "t", &why), DX_NOT_FOUND);
	/* the local path is the local owner's only: an account goes through
	 * dx_account_passwd_as, under its rule */
	{
		struct dx_ctx c;
		struct dx_actor a;
		assert_int_equal(dx_actor_for(st, "xian", &a, &why), DX_OK);
		dx_ctx_for(&c, st, &a, tu_today());
		assert_int_equal(dx_account_passwd(&c, "xiang", "long-enough-2", "t"), DX_DENIED);
		assert_int_equal(dx_account_disable(&c, "xiang", "t"), DX_DENIED);
		assert_non_null(strstr(c.err.msg, "本机所有者"));
	}
	assert_int_equal(dx_store_account_auth(st, "xiang", &id, hash, sizeof(hash), &disabled),
	                 DX_OK);
	assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
	assert_int_equal(crypto_pwhash_str_verify(hash, "another-password", 16), 0);
	dx_buf_release(&why);
}

static void test_login_and_check(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_login lg;
	struct dx_session_info si;
	struct dx_session_row row;
	char h[65];
	(void)state;
	assert_int_equal(dx_session_login(st, "xian", "quick-pass", "10.0.0.1", T0, &lg, &why),
	                 DX_OK);
	assert_int_equal(strlen(lg.token), 64);
	assert_int_equal(strlen(lg.csrf), 64);
	assert_int_equal(lg.expires_at, T0 + DX_SESSION_MAX);
	/* stored by hash only */
	assert_int_equal(dx_store_session_get(st, lg.token, &row), DX_NOT_FOUND);
	dx_session_hash(lg.token, h);
	assert_int_equal(dx_store_session_get(st, h, &row), DX_OK);
	assert_string_equal(row.csrf, lg.csrf);
	assert_int_equal(dx_session_check(st, lg.token, T0 + 10, &si), DX_OK);
	assert_string_equal(si.account, "xian");
	/* used every 20 minutes it lives past the idle limit ... */
	for (int64_t t = T0 + 1200; t < T0 + 4 * 3600; t += 1200)
		assert_int_equal(dx_session_check(st, lg.token, t, &si), DX_OK);
	/* ... but 30 minutes idle ends it */
	assert_int_equal(dx_session_check(st, lg.token, T0 + 4 * 3600 + DX_SESSION_IDLE, &si),
	                 DX_NOT_FOUND);
	/* the absolute limit holds however busy it is */
	assert_int_equal(dx_session_login(st, "xian", "quick-pass", "10.0.0.1", T0, &lg, &why),
	                 DX_OK);
	for (int64_t t = T0; t < T0 + DX_SESSION_MAX; t += 600)
		assert_int_equal(dx_session_check(st, lg.token, t, &si), DX_OK);
	assert_int_equal(dx_session_check(st, lg.token, T0 + DX_SESSION_MAX, &si), DX_NOT_FOUND);
	/* logout */
	assert_int_equal(dx_session_login(st, "xian", "quick-pass", "10.0.0.1", T0, &lg, &why),
	                 DX_OK);
	dx_session_hash(lg.token, h);
	assert_int_equal(dx_session_logout(st, h), DX_OK);
	assert_int_equal(dx_session_check(st, lg.token, T0 + 1, &si), DX_NOT_FOUND);
	assert_int_equal(dx_session_check(st, "short", T0, &si), DX_NOT_FOUND);
	dx_buf_release(&why);
}

static void test_wrong_name_or_password_same_answer(void **state)
{
	struct dx_buf a = DX_BUF_INIT, b = DX_BUF_INIT, c = DX_BUF_INIT;
	struct dx_login lg;
	(void)state;
	assert_int_equal(dx_session_login(st, "xian", "wrong-password", "10.0.0.2", T0, &lg, &a),
	                 DX_DENIED);
	assert_int_equal(dx_session_login(st, "nobody", "wrong-password", "10.0.0.2", T0, &lg, &b),
	                 DX_DENIED);
	assert_string_equal(a.buf, b.buf);
	assert_int_equal(lg.token[0], 0);
	/* disabled: the same answer even with the right password; sessions end */
	assert_int_equal(dx_session_login(st, "xiang", "another-password", "10.0.0.2", T0, &lg, &c),
	                 DX_OK);
	assert_int_equal(tu_disable(st, "xiang", "t", &c), DX_OK);
	{
		struct dx_session_info si;
		assert_int_equal(dx_session_check(st, lg.token, T0 + 1, &si), DX_NOT_FOUND);
	}
	dx_buf_reset(&c);
	assert_int_equal(dx_session_login(st, "xiang", "another-password", "10.0.0.2", T0, &lg, &c),
	                 DX_DENIED);
	assert_string_equal(a.buf, c.buf);
	dx_buf_release(&a);
	dx_buf_release(&b);
	dx_buf_release(&c);
}

static void test_throttling(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_login lg;
	int64_t t = T0 + 100000;
	(void)state;
	for (int i = 0; i < DX_LOGIN_MAX_FAILS; i++)
		assert_int_equal(
		    dx_session_login(st, "xian", "bad-guess", "10.0.0.3", t + i, &lg, &why),
		    DX_DENIED);
	/* locked: even the right password, from any address */
	assert_int_equal(dx_session_login(st, "xian", "quick-pass", "10.9.9.9", t + 10, &lg, &why),
	                 DX_LIMITED);
	/* a minute after the last failure it opens again, and success clears it */
	assert_int_equal(dx_session_login(st, "xian", "quick-pass", "10.9.9.9",
	                                  t + DX_LOGIN_MAX_FAILS - 1 + DX_LOGIN_LOCK, &lg, &why),
	                 DX_OK);
	/* failures spread out (more than a minute apart) never lock */
	t += 10000;
	for (int i = 0; i < DX_LOGIN_MAX_FAILS + 1; i++)
		assert_int_equal(dx_session_login(st, "xian", "bad-guess", "10.0.0.4",
		                                  t + i * (DX_LOGIN_LOCK + 1), &lg, &why),
		                 DX_DENIED);
	/* one address guessing many names is locked after its own limit */
	t += 100000;
	for (int i = 0; i < DX_LOGIN_MAX_ADDR_FAILS; i++) {
		char name[16];
		dx_snprintf(name, sizeof(name), "user%d", i);
		assert_int_equal(dx_session_login(st, name, "bad-guess", "10.0.0.5", t, &lg, &why),
		                 DX_DENIED);
	}
	assert_int_equal(dx_session_login(st, "xian", "quick-pass", "10.0.0.5", t + 1, &lg, &why),
	                 DX_LIMITED);
	assert_int_equal(dx_session_login(st, "xian", "quick-pass", "10.0.0.6", t + 1, &lg, &why),
	                 DX_OK);
	/* a day later a login clears out the old counters */
	{
		int64_t n, last;
		assert_int_equal(dx_store_login_failures(st, "i:10.0.0.5", &n, &last), DX_OK);
		assert_int_equal(n, DX_LOGIN_MAX_ADDR_FAILS);
		assert_int_equal(
		    dx_session_login(st, "xian", "quick-pass", "10.0.0.6", t + 90000, &lg, &why),
		    DX_OK);
		assert_int_equal(dx_store_login_failures(st, "i:10.0.0.5", &n, &last), DX_OK);
		assert_int_equal(n, 0);
	}
	dx_buf_release(&why);
}

/*
 * Issue 14: reads keep answering while an upload is imported.  The import
 * holds the store's write lock for as long as it runs; the idle-expiry
 * touch that a request makes once a minute must not wait for it (the busy
 * timeout, seconds, on every request of the worker) nor fail the request:
 * the session stays valid and the touch is tried again later.
 */
static void test_check_does_not_wait_for_a_writer(void **state)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_login lg;
	struct dx_session_info si;
	struct dx_store *writer = NULL;
	struct dx_session_row row;
	struct timespec t0, t1;
	double s;
	(void)state;
	assert_int_equal(dx_session_login(st, "xian", "quick-pass", "10.0.0.7", T0, &lg, &why),
	                 DX_OK);
	assert_int_equal(dx_store_open(&writer, path, 0), DX_OK);
	assert_int_equal(dx_store_begin(writer), DX_OK); /* an import's transaction */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(dx_session_check(st, lg.token, T0 + 120, &si), DX_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(s < 1.0);
	assert_string_equal(si.account, "xian");
	/* the touch did not happen; once the writer is done it does */
	assert_int_equal(dx_store_session_get(st, si.token_hash, &row), DX_OK);
	assert_int_equal(row.last_seen, T0);
	assert_int_equal(dx_store_rollback(writer), DX_OK);
	dx_store_close(writer);
	assert_int_equal(dx_session_check(st, lg.token, T0 + 121, &si), DX_OK);
	assert_int_equal(dx_store_session_get(st, si.token_hash, &row), DX_OK);
	assert_int_equal(row.last_seen, T0 + 121);
	dx_buf_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_password_rules),
	    cmocka_unit_test(test_login_and_check),
	    cmocka_unit_test(test_wrong_name_or_password_same_answer),
	    cmocka_unit_test(test_throttling),
	    cmocka_unit_test(test_check_does_not_wait_for_a_writer),
	};
	dx_log_set_level(DX_LOG_NONE);
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, setup, teardown);
}
