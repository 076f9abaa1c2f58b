/*
 * test_notice.c - the village 公示 / 公告 lists: who is on them, and that
 * neither the HTML nor the xlsx ever carries an ID number, a phone number
 * or a health condition (domain.md §5).
 */
#include "testutil.h"
#include "app/case.h"
#include "app/notice.h"
#include "core/date.h"

#include <zip.h>

#include "app/ctx.h"

/* The case use cases take a request context (app/ctx.h): AS builds one
 * for store s acting as actor a, why_of appends a refusal's reason to the
 * test's why buffer as the use cases once did themselves. */
static struct dx_ctx tcx;
#define AS(s, a) (dx_ctx_for(&tcx, (s), (a), tu_today()), &tcx)
static int why_of(int rc, struct dx_buf *why)
{
	if (rc && why && tcx.err.msg[0])
		dx_buf_adds(why, tcx.err.msg);
	return rc;
}

#define VIL "532399101001"

static const char *const id_no = "532399197001011234";
static const char *const phone = "13987654321";
static const char *const health_words[] = {"大病", "慢性病", "残疾", "健康", "住院"};

static struct dx_store *st;
static char path[64];
static struct dx_actor v, t, c;

static void actor(const char *name, const char *level, const char *scope, struct dx_actor *a)
{
	struct dx_buf why = DX_BUF_INIT;
	struct dx_actor admin;
	/* the store's first account is the county's, made by the local owner;
	 * it makes the others (app/account.h) */
	if (dx_actor_load(st, "admin", &admin, &why) == DX_NOT_FOUND) {
		assert_int_equal(tu_account_add(st, "admin", "县", "532399", NULL, NULL, &why), DX_OK);
		assert_int_equal(dx_actor_load(st, "admin", &admin, &why), DX_OK);
	}
	assert_int_equal(tu_account_add(st, name, level, scope, NULL, &admin, &why), DX_OK);
	assert_int_equal(dx_actor_load(st, name, a, &why), DX_OK);
	dx_buf_release(&why);
}

static int64_t household(const char *no, const char *head, const char *idno)
{
	struct dx_household h = {0};
	struct dx_person p = {0};
	dx_strlcpy(h.hh_no, no, sizeof(h.hh_no));
	dx_strlcpy(h.area_code, VIL, sizeof(h.area_code));
	dx_strlcpy(h.kind, "一般户", sizeof(h.kind));
	dx_strlcpy(h.group_name, "三组", sizeof(h.group_name));
	dx_strlcpy(h.phone, phone, sizeof(h.phone));
	assert_int_equal(dx_store_household_insert(st, &h), DX_OK);
	p.household_id = h.id;
	dx_strlcpy(p.id_no, idno, sizeof(p.id_no));
	dx_strlcpy(p.name, head, sizeof(p.name));
	dx_strlcpy(p.relation, "户主", sizeof(p.relation));
	dx_strlcpy(p.health, "患有大病,残疾", sizeof(p.health));
	dx_strlcpy(p.phone, phone, sizeof(p.phone));
	dx_strlcpy(p.labour, "普通劳动力", sizeof(p.labour));
	p.work_months = -1;
	p.counted = 1;
	assert_int_equal(dx_store_person_insert(st, &p), DX_OK);
	return h.id;
}

/* Open an identification case on `no` with a health-sounding reason and
 * note, and pass `n` steps from 2026-03-02. */
static void case_to(const char *no, int n)
{
	static const char *const steps[] = {"入户核实", "信息比对", "村级民主评议", "公示",
					    "乡镇审核", "县级审定", "公告"};
	static const char *const dates[] = {"2026-03-02", "2026-03-03", "2026-03-04",
					    "2026-03-05", "2026-03-10", "2026-03-11",
					    "2026-03-12"};
	struct dx_buf why = DX_BUF_INIT;
	struct dx_case_req r = {0};
	int64_t id;
	r.kind = "识别";
	r.hh_no = no;
	r.category = "边缘易致贫户";
	r.risks = "因病、因残";
	r.date = "2026-03-02";
	assert_int_equal(why_of(dx_case_open(AS(st, &v), &r, &id), &why), DX_OK);
	for (int i = 0; i < n; i++) {
		const struct dx_actor *a = i == 1 || i == 4 ? &t : i >= 5 ? &c : &v;
		if (why_of(
		        dx_case_step(AS(st, a), id, steps[i], "通过", "户主住院，患大病", dates[i]),
		        &why))
			fail_msg("%s: %s", steps[i], why.buf);
	}
	dx_buf_release(&why);
}

static int setup(void **state)
{
	/* events may not lie after today: the tests' dates are before this */
	static const struct dx_date today = {2026, 12, 31};
	dx_date_set_today(&today);
	(void)state;
	dx_log_set_level(DX_LOG_NONE);
	tu_tmpdb(path);
	assert_int_equal(dx_store_open(&st, path, DX_STORE_CREATE), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399", "云岭县"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399101", "云华乡"), DX_OK);
	assert_int_equal(dx_store_area_put(st, VIL, "青山村"), DX_OK);
	assert_int_equal(dx_store_area_put(st, "532399101002", "麦地村"), DX_OK);
	actor("v", "村", VIL, &v);
	actor("t", "乡", "532399101", &t);
	actor("c", "县", "532399", &c);
	household("A1", "张三", id_no);
	household("A2", "李四", "532399197001015678");
	household("A3", "王五", "53239919700101901X");
	case_to("A1", 4); /* 公示 posted 03-05 */
	case_to("A2", 7); /* announced 03-12 */
	case_to("A3", 2); /* not yet posted */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	dx_store_close(st);
	tu_rm(path);
	return 0;
}

static void assert_clean(const char *text, size_t len)
{
	char *s = dx_xstrndup(text, len);
	assert_null(strstr(s, id_no));
	assert_null(strstr(s, "532399197001015678"));
	assert_null(strstr(s, phone));
	for (size_t i = 0; i < DX_ARRAY_SIZE(health_words); i++)
		if (strstr(s, health_words[i]))
			fail_msg("health word '%s' in the list", health_words[i]);
	free(s);
}

static void test_html(void **state)
{
	struct dx_notice n;
	struct dx_buf why = DX_BUF_INIT, html = DX_BUF_INIT;
	struct dx_actor lo; /* the lists are public: the local owner reads any */
	(void)state;
	dx_actor_local_owner(&lo);
	assert_int_equal(why_of(dx_notice_build(AS(st, &v), VIL, "公示", "2026-03-06", &n),
	                        &why), DX_OK);
	assert_int_equal(n.n, 1);
	assert_int_equal(dx_notice_html(&n, &html), DX_OK);
	assert_non_null(strstr(html.buf, "张三"));
	assert_non_null(strstr(html.buf, "三组"));
	assert_non_null(strstr(html.buf, "边缘易致贫户"));
	assert_non_null(strstr(html.buf, "2026-03-05至2026-03-09"));
	assert_null(strstr(html.buf, "王五")); /* not posted yet */
	assert_null(strstr(html.buf, "李四")); /* already decided */
	assert_non_null(strstr(html.buf, "size:A4"));
	/* the risk type 因病 is a category, not a condition: only the
	 * member's health text must stay out */
	assert_clean(html.buf, html.len);
	dx_notice_release(&n);
	dx_buf_reset(&html);
	assert_int_equal(why_of(dx_notice_build(AS(st, &lo), VIL, "公告", "2026-03-20", &n),
	                        &why), DX_OK);
	assert_int_equal(n.n, 1);
	assert_int_equal(dx_notice_html(&n, &html), DX_OK);
	assert_non_null(strstr(html.buf, "李四"));
	assert_non_null(strstr(html.buf, "2026-03-12"));
	assert_clean(html.buf, html.len);
	dx_notice_release(&n);
	/* a month later the 公告 list is empty; another village is refused */
	assert_int_equal(why_of(dx_notice_build(AS(st, &lo), VIL, "公告", "2026-04-20", &n),
	                        &why), DX_OK);
	assert_int_equal(n.n, 0);
	dx_notice_release(&n);
	assert_int_equal(why_of(dx_notice_build(AS(st, &v), "532399101002", "公示", "2026-03-06", &n),
	                        &why),
			 DX_DENIED);
	assert_int_equal(why_of(dx_notice_build(AS(st, &v), "532399101", "公示", "2026-03-06", &n),
	                        &why),
			 DX_INVALID);
	dx_buf_release(&html);
	dx_buf_release(&why);
}

/* Every entry of the xlsx, concatenated. */
static void unzip_all(const char *file, struct dx_buf *out)
{
	int err = 0;
	zip_t *z = zip_open(file, ZIP_RDONLY, &err);
	assert_non_null(z);
	for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); i++) {
		char buf[4096];
		zip_int64_t k;
		zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
		assert_non_null(f);
		while ((k = zip_fread(f, buf, sizeof(buf))) > 0)
			dx_buf_add(out, buf, (size_t)k);
		zip_fclose(f);
	}
	zip_close(z);
}

static void test_xlsx(void **state)
{
	struct dx_notice n;
	struct dx_buf why = DX_BUF_INIT, all = DX_BUF_INIT;
	char file[80];
	(void)state;
	dx_snprintf(file, sizeof(file), "%s.xlsx", path);
	assert_int_equal(why_of(dx_notice_build(AS(st, &t), VIL, "公示", "2026-03-06", &n),
	                        &why), DX_OK);
	assert_int_equal(dx_notice_xlsx(&n, file), DX_OK);
	unzip_all(file, &all);
	assert_non_null(strstr(all.buf, "张三"));
	assert_non_null(strstr(all.buf, "因病、因残"));
	assert_non_null(strstr(all.buf, "<pageSetup paperSize=\"9\""));
	assert_clean(all.buf, all.len);
	dx_notice_release(&n);
	unlink(file);
	dx_buf_release(&all);
	dx_buf_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_xlsx),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
