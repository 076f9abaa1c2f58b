/*
 * test_jsonw.c - the direct JSON writer (core/jsonw.h) against cJSON
 * itself: every byte's escaping, the number forms; and the household
 * record's JSON (app/household_out.h: the buffer the API answers with, and
 * the CLI's indented print of it) as one document -- on a record whose
 * every block holds quotes, backslashes, control bytes, UTF-8 and extreme
 * numbers, and on every household of a small demo county, masked and
 * unmasked.
 */
#include "testutil.h"
#include "app/account.h"
#include "app/demo.h"
#include "app/household_out.h"
#include "app/household_record.h"
#include "core/jsonw.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>

/* The record's API answer (jsonw) and the CLI's indented JSON are one
 * document: the indented text, parsed and printed unformatted by cJSON,
 * is the answer byte for byte; the answer itself parses. */
static void assert_renderings_agree(const struct dx_household_record *r)
{
	struct dx_buf b = DX_BUF_INIT;
	char *cli = dx_household_record_json(r), *flat;
	cJSON *j;
	dx_household_record_json_to(r, &b);
	assert_int_equal(b.err, 0);
	assert_non_null(cli);
	assert_non_null(strchr(cli, '\n')); /* indented */
	assert_non_null(j = cJSON_Parse(cli));
	flat = cJSON_PrintUnformatted(j);
	assert_string_equal(flat, b.buf);
	cJSON_free(flat);
	cJSON_Delete(j);
	cJSON_free(cli);
	dx_buf_release(&b);
}

/* cJSON's unformatted print of j (which is freed). */
static char *cjson_text(cJSON *j)
{
	char *s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	assert_non_null(s);
	return s;
}

static void test_every_byte_escaped_as_cjson(void **state)
{
	(void)state;
	for (int c = 1; c < 256; c++) {
		char in[4] = {'a', (char)c, 'z', 0};
		struct dx_buf b = DX_BUF_INIT;
		char *want = cjson_text(cJSON_CreateString(in));
		dx_json_quote(&b, in);
		assert_string_equal(b.buf, want);
		cJSON_free(want);
		dx_buf_release(&b);
	}
	{
		static const char *const odd[] = {"", "\"", "\\", "\"\\\"", "户主 \"张三\"\n\t\x01\x1f\x7f",
		                                   "</script>", "\xff\xfe", "a/b"};
		for (size_t i = 0; i < DX_ARRAY_SIZE(odd); i++) {
			struct dx_buf b = DX_BUF_INIT;
			char *want = cjson_text(cJSON_CreateString(odd[i]));
			dx_json_quote(&b, odd[i]);
			assert_string_equal(b.buf, want);
			cJSON_free(want);
			dx_buf_release(&b);
		}
	}
}

/* Keys as cJSON writes them: plain, escaped, long (past the buffer's
 * room, so that the in-place copy gives way), in a buffer that starts
 * small and in one with room. */
static void test_keys_as_cjson(void **state)
{
	static const char *const keys[] = {"a", "name", "", "k\"q", "back\\slash", "tab\tkey",
	                                   "户主", "\x01", "a_rather_long_key_of_forty_bytes_or_more_",
	                                   "another_long_key_that_ends_in_a_quote_\""};
	(void)state;
	for (int pre = 0; pre < 2; pre++) {
		struct dx_buf b = DX_BUF_INIT;
		struct dx_jw w;
		cJSON *o = cJSON_CreateObject();
		char *want;
		if (pre) { /* room enough: every plain key written in place */
			char big[2048];
			memset(big, 'x', sizeof(big) - 1);
			big[sizeof(big) - 1] = '\0';
			dx_buf_adds(&b, big);
			dx_buf_reset(&b);
		}
		dx_jw_init(&w, &b);
		dx_jw_obj(&w, NULL);
		for (size_t i = 0; i < DX_ARRAY_SIZE(keys); i++) {
			dx_jw_str(&w, keys[i], "v");
			cJSON_AddItemToObject(o, keys[i], cJSON_CreateString("v"));
		}
		dx_jw_obj_end(&w);
		want = cjson_text(o);
		assert_string_equal(b.buf, want);
		cJSON_free(want);
		dx_buf_release(&b);
	}
}

static void test_numbers_as_cjson(void **state)
{
	static const int64_t ints[] = {0, 1, -1, 9, 10, 2147483647LL, 2147483648LL, -2147483648LL,
	                               -2147483649LL, 123456789012345LL, 999999999999999LL,
	                               1000000000000000LL, -1000000000000000LL, 1234567890123456789LL,
	                               INT64_MAX, INT64_MIN, 9007199254740993LL};
	static const double dbl[] = {0.5, -0.25, 1.0 / 3, 1e300, 1e-300, 123.456, 0.1 + 0.2};
	(void)state;
	for (size_t i = 0; i < DX_ARRAY_SIZE(ints); i++) {
		struct dx_buf b = DX_BUF_INIT;
		struct dx_jw w;
		cJSON *a = cJSON_CreateArray();
		char *want;
		cJSON_AddItemToArray(a, cJSON_CreateNumber((double)ints[i]));
		want = cjson_text(a);
		dx_jw_init(&w, &b);
		dx_jw_arr(&w, NULL);
		dx_jw_int(&w, NULL, ints[i]);
		dx_jw_arr_end(&w);
		assert_string_equal(b.buf, want);
		cJSON_free(want);
		dx_buf_release(&b);
	}
	for (size_t i = 0; i < DX_ARRAY_SIZE(dbl); i++) {
		struct dx_buf b = DX_BUF_INIT;
		struct dx_jw w;
		cJSON *a = cJSON_CreateArray();
		char *want;
		cJSON_AddItemToArray(a, cJSON_CreateNumber(dbl[i]));
		want = cjson_text(a);
		dx_jw_init(&w, &b);
		dx_jw_arr(&w, NULL);
		dx_jw_num(&w, NULL, dbl[i]);
		dx_jw_arr_end(&w);
		assert_string_equal(b.buf, want);
		cJSON_free(want);
		dx_buf_release(&b);
	}
}

/* Nesting and commas: an object of arrays of objects, empty ones too. */
static void test_nesting(void **state)
{
	struct dx_buf b = DX_BUF_INIT;
	struct dx_jw w;
	(void)state;
	dx_jw_init(&w, &b);
	dx_jw_obj(&w, NULL);
	dx_jw_arr(&w, "e");
	dx_jw_arr_end(&w);
	dx_jw_obj(&w, "o");
	dx_jw_obj_end(&w);
	dx_jw_arr(&w, "a");
	dx_jw_obj(&w, NULL);
	dx_jw_bool(&w, "t", 1);
	dx_jw_null(&w, "n");
	dx_jw_obj_end(&w);
	dx_jw_raw(&w, NULL, "{\"x\":[1,2]}");
	dx_jw_str(&w, NULL, "s");
	dx_jw_arr_end(&w);
	dx_jw_bool(&w, "f", 0);
	dx_jw_obj_end(&w);
	assert_string_equal(b.buf, "{\"e\":[],\"o\":{},\"a\":[{\"t\":true,\"n\":null},{\"x\":[1,2]},\"s\"],"
	                           "\"f\":false}");
	dx_buf_release(&b);
}

/* A string of field `size` bytes with every kind of byte JSON escapes
 * or copies, varied by k. */
#define NASTY(field, k) nasty((field), sizeof(field), (k))
static void nasty(char *out, size_t size, int k)
{
	static const char *const parts[] = {"\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f",
	                                    "张三", "</", "\r\b\f", "é", "'"};
	struct dx_buf b = DX_BUF_INIT;
	for (size_t i = 0; i < 4; i++)
		dx_buf_adds(&b, parts[((size_t)k * 5 + i * 7) % DX_ARRAY_SIZE(parts)]);
	dx_strlcpy(out, b.buf, size);
	dx_buf_release(&b);
}

static void test_record_renderings_agree(void **state)
{
	struct dx_household_record r;
	struct dx_hh_member m[2];
	struct dx_hr_income in[2];
	struct dx_episode ep;
	struct dx_hr_case cs;
	struct dx_measure me;
	struct dx_visit vi;
	struct dx_hh_warning wa;
	struct dx_clue_row cl;
	struct dx_hr_audit au[3];
	(void)state;
	memset(&r, 0, sizeof(r));
	memset(m, 0, sizeof(m));
	memset(in, 0, sizeof(in));
	memset(&ep, 0, sizeof(ep));
	memset(&cs, 0, sizeof(cs));
	memset(&me, 0, sizeof(me));
	memset(&vi, 0, sizeof(vi));
	memset(&wa, 0, sizeof(wa));
	memset(&cl, 0, sizeof(cl));
	memset(au, 0, sizeof(au));
	NASTY(r.hh.h.hh_no, 0);
	NASTY(r.hh.h.area_code, 1);
	NASTY(r.hh.county, 2);
	NASTY(r.hh.village, 3);
	NASTY(r.hh.h.kind, 4);
	NASTY(r.hh.head, 5);
	NASTY(r.hh.h.phone, 6);
	r.hh.h.tuopin_year = 2019;
	r.hh.registered = -3;
	r.hh.h.unsafe_water = 1;
	r.unmasked = 1;
	for (int i = 0; i < 2; i++) {
		m[i].p.id = INT64_MAX - i;
		NASTY(m[i].p.name, i);
		NASTY(m[i].p.id_no, i + 1);
		NASTY(m[i].p.health, i + 2);
		NASTY(m[i].p.work_place, i + 3);
		m[i].p.work_months = -1;
		m[i].p.counted = i;
		NASTY(m[i].moved_to, i);
		in[i].row.year = 2024 + i;
		in[i].row.wage = 1234567890123456789LL;
		in[i].row.oop = -5;
		in[i].members = i;
		in[i].computed = i;
		in[i].r.net_pc = 2147483648LL;
		in[i].line = 660000;
	}
	r.members = m;
	r.nmembers = 2;
	r.incomes = in;
	r.nincomes = 2;
	NASTY(ep.category, 7);
	NASTY(ep.risks, 8);
	r.episodes = &ep;
	r.nepisodes = 1;
	NASTY(cs.c.reason, 9);
	NASTY(cs.steps[0].note, 10);
	NASTY(cs.steps[1].actor, 11);
	cs.nsteps = 2;
	r.cases = &cs;
	r.ncases = 1;
	NASTY(me.detail, 1);
	me.amount = -1000000000000001LL;
	r.measures = &me;
	r.nmeasures = 1;
	NASTY(vi.content, 2);
	r.visits = &vi;
	r.nvisits = 1;
	NASTY(wa.event, 3);
	r.warnings = &wa;
	r.nwarnings = 1;
	NASTY(cl.reason, 4);
	r.clues = &cl;
	r.nclues = 1;
	/* stored JSON re-printed, text that is not JSON kept as text */
	au[0].before = "{\"a\": 1.50, \"b\" : [ \"x\\u0041\" ]}";
	au[0].after = "";
	au[1].before = "not json \"";
	au[1].after = "null";
	NASTY(au[2].action, 5);
	r.audit = au;
	r.naudit = 3;

	assert_renderings_agree(&r);
}

/* Every household of a small demo county, as the county account sees it
 * masked and unmasked and as a village account sees its own. */
static void test_demo_records_agree(void **state)
{
	char path[64];
	struct dx_store *st;
	struct dx_demo_opts o;
	struct dx_demo_stats s;
	struct dx_actor county, village;
	struct dx_buf why = DX_BUF_INIT;
	sqlite3 *db;
	sqlite3_stmt *q;
	int n = 0;
	(void)state;
	tu_tmpdb(path);
	memset(&o, 0, sizeof(o));
	o.households = 200;
	o.seed = 7;
	dx_strlcpy(o.today, "2026-06-30", sizeof(o.today));
	o.quiet = 1;
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_demo_generate(st, &o, &s), DX_OK);
	assert_int_equal(dx_actor_load(st, "xian532399", &county, &why), DX_OK);
	assert_int_equal(dx_actor_load(st, "cun532399101001", &village, &why), DX_OK);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT hh_no FROM household ORDER BY id", -1, &q,
	                                    NULL),
	                 SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *no = (const char *)sqlite3_column_text(q, 0);
		for (int k = 0; k < 3; k++) {
			struct dx_household_record r;
			int rc = dx_household_record_get(st, k == 2 ? &village : &county, tu_today(), no, k == 1, &r,
			                                 &why);
			dx_buf_reset(&why);
			if (k == 2 && rc == DX_NOT_FOUND)
				continue; /* another village's */
			assert_int_equal(rc, DX_OK);
			assert_renderings_agree(&r);
			dx_household_record_release(&r);
			n++;
		}
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	assert_true(n > 400);
	dx_buf_release(&why);
	dx_store_close(st);
	tu_rm(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_byte_escaped_as_cjson),
		cmocka_unit_test(test_numbers_as_cjson),
		cmocka_unit_test(test_keys_as_cjson),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_record_renderings_agree),
		cmocka_unit_test(test_demo_records_agree),
	};
	dx_log_set_level((enum dx_log_level)(DX_LOG_ERROR + 1));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
