/*
 * fuzz_http.c - fuzz what the HTTP layer parses itself: strict JSON bodies
 * (dx_http_json_body), the route matcher with its path captures and
 * percent-decoding.  The first byte picks the target; the rest is the
 * input.  Query strings are split and decoded by libmicrohttpd.
 * Replayed over fuzz/corpus/http/ by `make fuzz-replay`.
 */
#include "core/dx.h"
#include "http/http.h"

#include <cjson/cJSON.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void json_body(const char *p, size_t n)
{
	static const char *const fields[] = {"kind",  "hh_no", "clue_id", "green",
	                                     "risks", "date",  NULL};
	struct dx_buf why = DX_BUF_INIT;
	cJSON *j = NULL;
	int rc = dx_http_json_body(p, n, fields, "Ssibss", &j, &why);
	if (rc == DX_OK) {
		/* accepted: an object with only known members, kind a string */
		const cJSON *k = cJSON_GetObjectItemCaseSensitive(j, "kind");
		const cJSON *m;
		if (!cJSON_IsObject(j) || !cJSON_IsString(k) || why.len)
			abort();
		cJSON_ArrayForEach(m, j)
		{
			int known = 0;
			for (size_t i = 0; fields[i]; i++)
				known |= !strcmp(m->string, fields[i]);
			if (!known)
				abort();
		}
	} else if (j || !why.len) {
		abort(); /* refused: nothing handed out, and a reason given */
	}
	cJSON_Delete(j);
	dx_buf_release(&why);
}

static void route(const char *p, size_t n, int method)
{
	struct dx_http_req r;
	char path[512], dec[128];
	int known = 0;
	const struct dx_route *rt;
	if (n >= sizeof(path))
		n = sizeof(path) - 1;
	memcpy(path, p, n);
	path[n] = 0;
	memset(&r, 0, sizeof(r));
	rt = dx_route_find(method, path, &r, &known);
	if (rt && (rt->method != method || known))
		abort();
	for (int i = 0; rt && i < DX_HTTP_MAX_CAPTURES; i++)
		if (memchr(r.cap[i], 0, sizeof(r.cap[i])) == NULL)
			abort();
	if (dx_http_urldecode(path, strlen(path), dec, sizeof(dec)) == DX_OK &&
	    strlen(dec) > strlen(path))
		abort(); /* decoding never grows */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dx_log_set_level((enum dx_log_level)(DX_LOG_ERROR + 1));
	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0: json_body((const char *)data + 1, size - 1); break;
	case 1: route((const char *)data + 1, size - 1, DX_GET); break;
	default: route((const char *)data + 1, size - 1, DX_POST); break;
	}
	return 0;
}
