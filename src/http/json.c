/*
 * json.c - strict JSON request bodies and JSON answers, with cJSON.
 *
 * A body is one object whose members the route names, each of one type;
 * anything else (unknown or repeated members, wrong types, trailing text,
 * invalid UTF-8) is refused with a Chinese message, so a client's typo
 * never passes silently as a missing option.
 */
#include "core/dx.h"
#include "http/http.h"
#include "core/text.h"

#include <cjson/cJSON.h>

static int type_ok(const cJSON *v, int t)
{
	switch (t) {
	case 's': return cJSON_IsString(v);
	case 'b': return cJSON_IsBool(v);
	case 'a': return cJSON_IsArray(v); /* the route checks the elements */
	case 'i':
		return cJSON_IsNumber(v) && v->valuedouble == (double)(int64_t)v->valuedouble &&
		       v->valuedouble > -9e15 && v->valuedouble < 9e15;
	}
	return 0;
}

static const char *type_name(int t)
{
	return t == 's' ? "字符串" : t == 'b' ? "true 或 false" : t == 'a' ? "数组" : "整数";
}

int dx_http_json_body(const char *body, size_t len, const char *const *fields, const char *types,
                      struct cJSON **out, struct dx_buf *why)
{
	const char *end = NULL;
	cJSON *j = NULL, *m;
	unsigned seen = 0;
	size_t nf = 0;
	int rc = DX_INVALID;

	*out = NULL;
	while (fields[nf])
		nf++;
	if (nf > 31 || strlen(types) != nf)
		return DX_USAGE; /* a route's mistake */
	if (len > DX_HTTP_JSON_MAX) {
		dx_buf_addf(why, "请求体超过 %d 字节", DX_HTTP_JSON_MAX);
		return DX_TOOBIG;
	}
	if (!len || !dx_utf8_valid(body, len)) {
		dx_buf_adds(why, "请求体应为 UTF-8 编码的 JSON 对象");
		goto out;
	}
	j = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	if (!j || !cJSON_IsObject(j)) {
		dx_buf_adds(why, "请求体不是有效的 JSON 对象");
		goto out;
	}
	while (end && (size_t)(end - body) < len && strchr(" \t\r\n", *end) && *end)
		end++;
	if (!end || (size_t)(end - body) != len) {
		dx_buf_adds(why, "JSON 对象之后还有多余内容");
		goto out;
	}
	cJSON_ArrayForEach(m, j)
	{
		size_t i;
		for (i = 0; i < nf; i++)
			if (m->string && !strcmp(m->string, fields[i]))
				break;
		if (i == nf) {
			dx_buf_addf(why, "不支持的字段 \"%.40s\"", m->string ? m->string : "");
			goto out;
		}
		if (seen & (1u << i)) {
			dx_buf_addf(why, "字段 \"%s\" 重复", fields[i]);
			goto out;
		}
		seen |= 1u << i;
		if (!type_ok(m, types[i] | 0x20)) {
			dx_buf_addf(why, "字段 \"%s\" 应为%s", fields[i],
			            type_name(types[i] | 0x20));
			goto out;
		}
		if ((types[i] | 0x20) == 's' &&
		    !dx_utf8_valid(m->valuestring, strlen(m->valuestring))) {
			dx_buf_addf(why, "字段 \"%s\" 不是有效的 UTF-8 文本", fields[i]);
			goto out;
		}
	}
	for (size_t i = 0; i < nf; i++)
		if (types[i] >= 'A' && types[i] <= 'Z' && !(seen & (1u << i))) {
			dx_buf_addf(why, "缺少字段 \"%s\"", fields[i]);
			goto out;
		}
	*out = j;
	j = NULL;
	rc = DX_OK;
out:
	cJSON_Delete(j);
	return rc;
}

int dx_http_reply(struct dx_http_req *r, struct cJSON *j)
{
	char *s = j ? cJSON_PrintUnformatted(j) : NULL;
	cJSON_Delete(j);
	if (!s)
		return DX_NOMEM;
	dx_buf_reset(&r->out);
	dx_buf_adds(&r->out, s);
	cJSON_free(s);
	return r->out.err ? DX_NOMEM : DX_OK;
}
