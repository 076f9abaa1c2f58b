/*
 * test_template.c - the code tables of the ledger templates as the cell
 * parser sees them (src/io/template.c): every value and alias of every
 * code column still gives its canonical value through the hashed index,
 * and anything else is refused with the list of valid values; the
 * hashes of household-level cells; and the memory of the last cell.
 */
#include "core/dx.h"
#include "core/date.h"
#include "core/idcard.h"
#include "io/template.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* The day the rows below are parsed on (a 身份证's birth may not lie after it). */
static const struct dx_date day = {2026, 11, 24};

static const char *const kinds[] = {"persons", "incomes", "warnings", "measures", "visits"};

struct probs {
	int n;
	char msg[512];
};

static void collect(void *arg, int col, const char *msg)
{
	struct probs *p = arg;
	if (!p->n++)
		dx_strlcpy(p->msg, msg, sizeof(p->msg));
}

static void ignore_header(void *arg, int col, const char *h, const char *msg, int err)
{
	(void)arg;
	(void)col;
	(void)h;
	(void)msg;
	(void)err;
}

/* Parse a one-column row: header c->name, cell value. */
static int parse_one(const struct dx_template *tpl, const struct dx_col *c, const char *value,
		     struct dx_rowval *rv, struct probs *p)
{
	struct dx_header h;
	const char *head[1] = {c->name}, *cell[1] = {value};
	size_t hl[1] = {strlen(c->name)}, cl[1] = {strlen(value)};
	int bad;
	dx_header_map(&h, tpl, head, hl, 1, ignore_header, NULL);
	assert_int_equal(h.col_of[c->field], 0);
	memset(p, 0, sizeof(*p));
	bad = dx_row_parse(&h, &day, cell, cl, 1, rv, collect, p);
	dx_header_release(&h);
	return bad;
}

/* What a walk of the table gives for key: the first entry whose value (or
 * alias, before '=') is key; NULL if none. */
static const char *walk(const char *const *codes, const char *key)
{
	for (size_t i = 0; codes[i]; i++) {
		const char *eq = strchr(codes[i], '=');
		size_t n = eq ? (size_t)(eq - codes[i]) : strlen(codes[i]);
		if (n == strlen(key) && !memcmp(codes[i], key, n))
			return eq ? eq + 1 : codes[i];
	}
	return NULL;
}

/* What the cell holding just key becomes in column c. */
static const char *expect(const struct dx_col *c, const char *canon)
{
	if (c->kind == DX_COL_MULTI && c->lo) {
		/* table order lists the table's own entries */
		for (size_t i = 0; c->codes[i]; i++)
			if (c->codes[i] == canon)
				return canon;
		return "";
	}
	return canon;
}

static void test_every_code(void **state)
{
	static struct dx_rowval rv;
	struct probs p;
	int ncodes = 0;
	(void)state;
	for (size_t t = 0; t < DX_ARRAY_SIZE(kinds); t++) {
		const struct dx_template *tpl = dx_template_find(kinds[t]);
		for (size_t i = 0; i < tpl->ncols; i++) {
			const struct dx_col *c = &tpl->cols[i];
			if (c->kind != DX_COL_CODE && c->kind != DX_COL_MULTI)
				continue;
			for (size_t k = 0; c->codes[k]; k++) {
				char key[128];
				const char *eq = strchr(c->codes[k], '=');
				size_t n = eq ? (size_t)(eq - c->codes[k]) : strlen(c->codes[k]);
				const char *canon;
				memcpy(key, c->codes[k], n);
				key[n] = '\0';
				canon = walk(c->codes, key);
				assert_non_null(canon);
				assert_int_equal(parse_one(tpl, c, key, &rv, &p), 0);
				assert_string_equal(rv.text[c->field], expect(c, canon));
				/* spaces and full-width forms around it change nothing */
				if (c->kind == DX_COL_CODE) {
					char padded[160];
					dx_snprintf(padded, sizeof(padded), "\xE3\x80\x80%s \t", key);
					assert_int_equal(parse_one(tpl, c, padded, &rv, &p), 0);
					assert_string_equal(rv.text[c->field], canon);
				}
				ncodes++;
			}
		}
	}
	assert_true(ncodes > 100);
}

static void test_refused(void **state)
{
	static struct dx_rowval rv;
	struct probs p;
	(void)state;
	for (size_t t = 0; t < DX_ARRAY_SIZE(kinds); t++) {
		const struct dx_template *tpl = dx_template_find(kinds[t]);
		for (size_t i = 0; i < tpl->ncols; i++) {
			const struct dx_col *c = &tpl->cols[i];
			if (c->kind != DX_COL_CODE && c->kind != DX_COL_MULTI)
				continue;
			for (size_t k = 0; c->codes[k]; k++) {
				char bad[160], want[200];
				const char *eq = strchr(c->codes[k], '=');
				int n = eq ? (int)(eq - c->codes[k]) : (int)strlen(c->codes[k]);
				/* a value with one byte more */
				dx_snprintf(bad, sizeof(bad), "%.*sx", n, c->codes[k]);
				assert_int_equal(parse_one(tpl, c, bad, &rv, &p), 1);
				dx_snprintf(want, sizeof(want), "\"%s\" 不是有效值（应为 ", bad);
				assert_memory_equal(p.msg, want, strlen(want));
				assert_string_equal(rv.text[c->field], "");
				/* and one character less */
				do
					n--;
				while (n > 0 && (c->codes[k][n] & 0xC0) == 0x80);
				dx_snprintf(bad, sizeof(bad), "%.*s", n, c->codes[k]);
				if (n && !walk(c->codes, bad)) {
					assert_int_equal(parse_one(tpl, c, bad, &rv, &p), 1);
					assert_non_null(strstr(p.msg, "不是有效值"));
				}
				/* the whole "alias=value" entry is no value */
				if (eq) {
					assert_int_equal(parse_one(tpl, c, c->codes[k], &rv, &p), 1);
					assert_non_null(strstr(p.msg, "不是有效值"));
				}
			}
		}
	}
}

/* A value of one table is refused by another: the index keys on the table. */
static void test_other_table(void **state)
{
	static struct dx_rowval rv;
	const struct dx_template *tpl = dx_template_find("persons");
	const struct dx_col *edu = dx_template_col(tpl, DX_P_EDU);
	const struct dx_col *school = dx_template_col(tpl, DX_P_SCHOOL);
	const struct dx_col *kind = dx_template_col(tpl, DX_P_KIND);
	const struct dx_col *risks = dx_template_col(tpl, DX_P_RISKS);
	struct probs p;
	(void)state;
	/* 小学 is in both 文化程度 and 在校生状况; 本科 only in the latter */
	assert_int_equal(parse_one(tpl, edu, "小学", &rv, &p), 0);
	assert_int_equal(parse_one(tpl, school, "小学", &rv, &p), 0);
	assert_int_equal(parse_one(tpl, school, "本科", &rv, &p), 0);
	assert_int_equal(parse_one(tpl, edu, "本科", &rv, &p), 1);
	assert_int_equal(parse_one(tpl, kind, "户主", &rv, &p), 1);
	assert_non_null(strstr(p.msg, "应为 脱贫户、一般户）"));
	/* list cells: each item looked up, aliases folded, input order kept */
	assert_int_equal(parse_one(tpl, risks, "缺劳力、因病", &rv, &p), 0);
	assert_string_equal(rv.text[DX_P_RISKS], "缺劳动力、因病");
	assert_int_equal(parse_one(tpl, risks, "因病、因病", &rv, &p), 0);
	assert_string_equal(rv.text[DX_P_RISKS], "因病");
	assert_int_equal(parse_one(tpl, risks, "因病、因学x", &rv, &p), 1);
	assert_non_null(strstr(p.msg, "\"因学x\" 不是有效值"));
}

/* Household-level cells are hashed on the reading thread: equal text gives
 * equal hashes, different text (short or long) different ones here. */
static void test_hh_hash(void **state)
{
	static const char *const head[] = {"户编号", "村民小组", "户类型", "姓名"};
	static const char *const a[] = {"532326106000001", "青山社六组", "一般户", "罗涛"};
	static const char *const b[] = {" 532326106000001", "青山社六组", "一般农户", "罗明"};
	static const char *const c[] = {"532326106000002", "青山社七组", "脱贫户", "罗涛"};
	static struct dx_rowval ra, rb, rc;
	const struct dx_template *tpl = dx_template_find("persons");
	size_t hl[4], al[4], bl[4], cl[4];
	struct dx_header h;
	struct probs p;
	(void)state;
	for (int i = 0; i < 4; i++) {
		hl[i] = strlen(head[i]);
		al[i] = strlen(a[i]);
		bl[i] = strlen(b[i]);
		cl[i] = strlen(c[i]);
	}
	dx_header_map(&h, tpl, head, hl, 4, ignore_header, NULL);
	memset(&p, 0, sizeof(p));
	assert_int_equal(dx_row_parse(&h, &day, a, al, 4, &ra, collect, &p), 0);
	assert_int_equal(dx_row_parse(&h, &day, b, bl, 4, &rb, collect, &p), 0);
	assert_int_equal(dx_row_parse(&h, &day, c, cl, 4, &rc, collect, &p), 0);
	assert_int_equal(ra.hh_hash[DX_P_HHNO], rb.hh_hash[DX_P_HHNO]);
	assert_int_equal(ra.hh_hash[DX_P_GROUP], rb.hh_hash[DX_P_GROUP]);
	assert_int_equal(ra.hh_hash[DX_P_KIND], rb.hh_hash[DX_P_KIND]);
	assert_int_equal(ra.hh_hash[DX_P_AREA], rc.hh_hash[DX_P_AREA]); /* both absent */
	assert_int_not_equal(ra.hh_hash[DX_P_HHNO], rc.hh_hash[DX_P_HHNO]);
	assert_int_not_equal(ra.hh_hash[DX_P_GROUP], rc.hh_hash[DX_P_GROUP]);
	assert_int_not_equal(ra.hh_hash[DX_P_KIND], rc.hh_hash[DX_P_KIND]);
	assert_int_not_equal(ra.hh_hash[DX_P_KIND], ra.hh_hash[DX_P_AREA]);
	dx_header_release(&h);
}

struct plist {
	int n;
	char all[2048];
};

static void collect_all(void *arg, int col, const char *msg)
{
	struct plist *p = arg;
	size_t used = strlen(p->all);
	p->n++;
	dx_snprintf(p->all + used, sizeof(p->all) - used, "%d:%s;", col, msg);
}

/* A cell seen again takes its result from the header's memory: rows parse
 * to the same fields and problems with it as without it, whatever came
 * before them. */
static void test_memo(void **state)
{
	static const char *const head[] = {"区划代码", "县", "户编号", "户类型", "脱贫年度",
					   "证件号码", "健康状况", "致贫返贫风险", "识别监测时间",
					   "是否享受低保", "联系电话", "与户主关系"};
	static const char *const rows[][12] = {
		{"532326106001", "云岭县", "532326106000001", "一般户", "2016", "532326196810020031",
		 "残疾、患有大病", "因病", "202305", "是", "13812345678", "户主"},
		{"532326106001", "云岭县", "532326106000001", "一般户", "2016", "532326196810020031",
		 "残疾、患有大病", "因病", "202305", "是", "13812345678", "户主"},
		{"532326106001", " 云岭县", "532326106000001", "一般农户", "2013",
		 "532326196810020030", "健康,残疾", "因病", "2023.05", "Y", "138****5678", "表哥"},
		{"532326106001", "云岭县", "５３２３２６１０６００００１", "一般户", "2016",
		 "532326196810020031", "残疾、患有大病", "", "", "　是　", "", "户主"},
		{"532326106001", " 云岭县", "532326106000001", "一般农户", "2013",
		 "532326196810020030", "健康,残疾", "因病", "2023.05", "Y", "138****5678", "表哥"},
		{"532326106001", "云岭县", "532326106000001", "一般户", "2016", "532326196810020031",
		 "残疾、患有大病", "因病", "202305", "是", "13812345678", "户主"},
		{"", "", "", "", "", "", "", "", "", "", "", ""},
		{"532326106001", "云岭县", "532326106000001", "一般户", "2016", "532326196810020031",
		 "残疾、患有大病", "因病", "202305", "是", "13812345678", "户主"},
	};
	static struct dx_rowval a, b;
	const struct dx_template *tpl = dx_template_find("persons");
	size_t hl[12], cl[12];
	struct dx_header h, fresh;
	(void)state;
	for (int i = 0; i < 12; i++)
		hl[i] = strlen(head[i]);
	dx_header_map(&h, tpl, head, hl, 12, ignore_header, NULL);
	assert_non_null(h.memo);
	for (size_t r = 0; r < DX_ARRAY_SIZE(rows); r++) {
		struct plist pa = {0}, pb = {0};
		int na, nb;
		for (int i = 0; i < 12; i++)
			cl[i] = strlen(rows[r][i]);
		na = dx_row_parse(&h, &day, rows[r], cl, 12, &a, collect_all, &pa);
		dx_header_map(&fresh, tpl, head, hl, 12, ignore_header, NULL);
		free(fresh.memo);
		fresh.memo = NULL;
		nb = dx_row_parse(&fresh, &day, rows[r], cl, 12, &b, collect_all, &pb);
		dx_header_release(&fresh);
		assert_int_equal(na, nb);
		assert_string_equal(pa.all, pb.all);
		for (int f = 0; f < tpl->nfields; f++) {
			assert_int_equal(a.col[f], b.col[f]);
			assert_string_equal(a.text[f], b.text[f]);
			assert_int_equal(a.num[f], b.num[f]);
			assert_int_equal(a.blank[f], b.blank[f]);
			if (dx_template_col(tpl, f)->flags & DX_COLF_HH)
				assert_int_equal(a.hh_hash[f], b.hh_hash[f]);
		}
		assert_string_equal(a.id_birth, b.id_birth);
		assert_int_equal(a.id_sex, b.id_sex);
	}
	dx_header_release(&h);
}

/* Issue 11.6: an ID Excel kept as a number is named as such in every
 * ID column (strict and lax) and leaves the field empty; a cut ID that
 * happens to pass its check digit cannot be told from a real one. */
static void test_excel_id(void **state)
{
	static struct dx_rowval rv;
	struct probs p;
	static const char *const cut[] = {"5.32326196810020E+17", "532326196810020000"};
	(void)state;
	for (size_t t = 0; t < DX_ARRAY_SIZE(kinds); t++) {
		const struct dx_template *tpl = dx_template_find(kinds[t]);
		for (size_t i = 0; i < tpl->ncols; i++) {
			const struct dx_col *c = &tpl->cols[i];
			if (c->kind != DX_COL_ID && c->kind != DX_COL_IDLAX)
				continue;
			for (size_t k = 0; k < DX_ARRAY_SIZE(cut); k++) {
				assert_int_equal(parse_one(tpl, c, cut[k], &rv, &p), 1);
				assert_string_equal(p.msg, DX_IDCARD_EXCEL_MSG);
				assert_string_equal(rv.text[c->field], "");
			}
			assert_int_equal(parse_one(tpl, c, "532326196810020031", &rv, &p), 0);
			assert_string_equal(rv.text[c->field], "532326196810020031");
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_other_table),
		cmocka_unit_test(test_hh_hash),
		cmocka_unit_test(test_memo),
		cmocka_unit_test(test_excel_id),
	};
	dx_log_set_level(DX_LOG_NONE);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
