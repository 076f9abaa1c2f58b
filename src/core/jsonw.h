/*
 * jsonw.h - a small JSON writer that appends straight into a dx_buf, for
 * the API's busiest answer (the household record, GET
 * /api/households/{hh_no}).  Everywhere else the code builds cJSON trees;
 * there the tree's allocations (one per value and key) and its number
 * printing through sprintf/sscanf were about a third of the route's CPU
 * (perf, issue 14), so this writer puts each value into the answer's
 * buffer as it is met.  Its output is byte for byte what
 * cJSON_PrintUnformatted() gives for the same values (the same string
 * escaping and number forms): tests/unit/test_jsonw.c checks that against
 * cJSON itself, so the two renderings of one record can never drift.
 *
 * Values go into the innermost open object (with a key) or array (key
 * NULL); commas are the writer's business.  Nesting is at most
 * DX_JW_DEPTH deep (the record nests 4); deeper begins are ignored and
 * flagged in b->err.
 */
#ifndef DX_CORE_JSONW_H
#define DX_CORE_JSONW_H

#include "core/strbuf.h"

#include <stdint.h>

#define DX_JW_DEPTH 16

struct dx_jw {
	struct dx_buf *b;
	int depth;
	unsigned char more[DX_JW_DEPTH]; /* a value already written at this depth */
};

void dx_jw_init(struct dx_jw *w, struct dx_buf *b);
void dx_jw_obj(struct dx_jw *w, const char *key); /* { */
void dx_jw_obj_end(struct dx_jw *w);
void dx_jw_arr(struct dx_jw *w, const char *key); /* [ */
void dx_jw_arr_end(struct dx_jw *w);
/* s NULL is written as "" (cJSON prints a NULL string so) */
void dx_jw_str(struct dx_jw *w, const char *key, const char *s);
/* a number as cJSON prints the double (double)v */
void dx_jw_int(struct dx_jw *w, const char *key, int64_t v);
void dx_jw_num(struct dx_jw *w, const char *key, double v);
void dx_jw_bool(struct dx_jw *w, const char *key, int v);
void dx_jw_null(struct dx_jw *w, const char *key);
/* text that is already JSON (one value), copied as it is */
void dx_jw_raw(struct dx_jw *w, const char *key, const char *json);
/* s as a JSON string literal, quotes included, escaped as cJSON does */
void dx_json_quote(struct dx_buf *b, const char *s);

/*
 * The same with a key known when compiling: DX_JW_K("name") is the
 * literal with its comma, quotes and colon (",\"name\":") and that
 * literal's length, as the two arguments k, n of the dx_jw_k* functions,
 * which copy it whole (leaving the comma out for a first value) instead
 * of checking and copying the key byte by byte: the household record
 * writes some three hundred keys an answer.  The key must need no escape
 * (letters, digits and '_', as every key of the record is); the output
 * is the same as dx_jw_str(w, "name", s) and its kin give.
 */
#define DX_JW_K(key) ",\"" key "\":", sizeof(",\"" key "\":") - 1
void dx_jw_kobj(struct dx_jw *w, const char *k, size_t n);
void dx_jw_karr(struct dx_jw *w, const char *k, size_t n);
void dx_jw_kstr(struct dx_jw *w, const char *k, size_t n, const char *s);
void dx_jw_kint(struct dx_jw *w, const char *k, size_t n, int64_t v);
void dx_jw_kbool(struct dx_jw *w, const char *k, size_t n, int v);

#endif
