/*
 * fuzz_api.c - fuzz the API's query strings and JSON bodies through the
 * real route handlers, use cases and store: a small demo county is made
 * once per process, then each input is a request run as one of its
 * accounts, as server.c's dispatch runs it after the session check.
 *
 * Input: the first byte picks the account (county, township, or one of
 * two villages) and, in its top two bits, the method (GET, POST, PUT,
 * PATCH); then a path with an
 * optional ?query up to the first newline; the rest is the body.  The
 * query is split and decoded here as libmicrohttpd does (key=value
 * pairs joined by &, '+' and %XX decoded), and handed to the handlers
 * through this file's MHD_lookup_connection_value and
 * MHD_get_connection_values, which take the place of the library's (the
 * executable's definitions win), so dx_http_arg and dx_http_args_only run
 * unchanged.  Uploads, jobs and login (Argon2, slow) are left out.
 *
 * The oracle, besides ASan/UBSan: no request answers 5xx (bad input is
 * the client's fault, never an internal error), every 4xx carries a
 * message, and a household record answered 200 parses as one JSON
 * object (its writer is core/jsonw.h, not cJSON).  Writes stay in the store between inputs.  Replayed over
 * fuzz/corpus/api/ by `make fuzz-replay`.
 */
#include "core/dx.h"
#include "app/account.h"
#include "app/demo.h"
#include "app/session.h"
#include "core/date.h"
#include "http/http.h"
#include "http/http_int.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <microhttpd.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAX_ARGS 32

/* the request's parsed query: what r->conn points to */
struct fake_conn {
	char *keys[MAX_ARGS], *vals[MAX_ARGS];
	int n;
};

const char *MHD_lookup_connection_value(struct MHD_Connection *c, enum MHD_ValueKind kind,
                                        const char *key)
{
	const struct fake_conn *f = (const void *)c;
	if (kind != MHD_GET_ARGUMENT_KIND || !key)
		return NULL; /* no headers or cookies: the session is set up here */
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->keys[i], key))
			return f->vals[i];
	return NULL;
}

int MHD_get_connection_values(struct MHD_Connection *c, enum MHD_ValueKind kind,
                              MHD_KeyValueIterator it, void *cls)
{
	const struct fake_conn *f = (const void *)c;
	int i;
	if (kind != MHD_GET_ARGUMENT_KIND)
		return 0;
	for (i = 0; i < f->n; i++)
		if (it && it(cls, kind, f->keys[i], f->vals[i]) != MHD_YES)
			return i + 1;
	return i;
}

/* libmicrohttpd's unescaping: '+' is a space, a bad %XX stays as it is */
static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '+') {
			*o++ = ' ';
		} else if (s[0] == '%' && isxdigit((unsigned char)s[1]) &&
		           isxdigit((unsigned char)s[2])) {
			char hex[3] = {s[1], s[2], 0};
			*o++ = (char)strtol(hex, NULL, 16);
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = 0;
}

static void parse_query(struct fake_conn *f, char *q)
{
	while (q && *q && f->n < MAX_ARGS) {
		char *amp = strchr(q, '&'), *eq;
		if (amp)
			*amp = 0;
		if ((eq = strchr(q, '=')))
			*eq = 0;
		unescape(q);
		f->keys[f->n] = q;
		if (eq) {
			unescape(eq + 1);
			f->vals[f->n] = eq + 1;
		} else {
			f->vals[f->n] = NULL; /* "?x" : a key without a value */
		}
		f->n++;
		q = amp ? amp + 1 : NULL;
	}
}

static struct dx_store *st;
static char dir[] = "/tmp/dixian-fuzz-api.XXXXXX";
static const char *const accounts[] = {"xian532399", "xiang532399101", "cun532399101001",
                                       "cun532399102001"};
static struct dx_actor actors[DX_ARRAY_SIZE(accounts)];

/* At exit: the store and its directory go. */
static void cleanup(void)
{
	static const char *const files[] = {"api.db", "api.db-wal", "api.db-shm", "api.db-journal"};
	char path[128];
	dx_store_close(st);
	for (size_t i = 0; i < DX_ARRAY_SIZE(files); i++) {
		dx_snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* A demo county of 200 households in a fresh store, and its accounts. */
static void setup(void)
{
	char path[128];
	struct dx_demo_opts o;
	struct dx_demo_stats s;
	struct dx_buf why = DX_BUF_INIT;

	if (!mkdtemp(dir))
		abort();
	dx_snprintf(path, sizeof(path), "%s/api.db", dir);
	memset(&o, 0, sizeof(o));
	o.households = 200;
	o.seed = 1;
	dx_strlcpy(o.today, "2026-06-30", sizeof(o.today));
	o.quiet = 1;
	if (dx_store_open(&st, path, DX_STORE_CREATE) || dx_demo_generate(st, &o, &s))
		abort();
	for (size_t i = 0; i < DX_ARRAY_SIZE(accounts); i++)
		if (dx_actor_load(st, accounts[i], &actors[i], &why))
			abort();
	dx_buf_release(&why);
	atexit(cleanup);
}

/* libFuzzer calls this before any input, so the demo county (seconds
 * under ASan on a busy machine) is not timed as the first input's run;
 * the replay calls setup() from the first input instead. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	dx_log_set_level((enum dx_log_level)(DX_LOG_ERROR + 1));
	setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fake_conn fc;
	struct dx_http_req r;
	const struct dx_route *rt;
	char *buf, *nl, *q;
	size_t plen;
	int known = 0, rc, status;

	dx_log_set_level((enum dx_log_level)(DX_LOG_ERROR + 1));
	if (!st)
		setup();
	if (size < 2)
		return 0;
	buf = dx_xmalloc(size);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = 0;
	nl = memchr(buf, '\n', size - 1);
	plen = nl ? (size_t)(nl - buf) : size - 1;
	buf[plen] = 0;
	if (strlen(buf) != plen)
		goto out; /* a NUL in the path: the server never sees one */
	memset(&fc, 0, sizeof(fc));
	if ((q = strchr(buf, '?'))) {
		*q++ = 0;
		parse_query(&fc, q);
	}
	memset(&r, 0, sizeof(r));
	{
		static const int methods[] = {DX_GET, DX_POST, DX_PUT, DX_PATCH};
		r.method = methods[data[0] >> 6];
	}
	r.url = buf;
	r.conn = (void *)&fc;
	r.pattern = "(none)";
	dx_buf_init(&r.why, 1024);
	dx_buf_init(&r.out, 0);
	if (nl) {
		r.body = nl + 1;
		r.body_len = size - 1 - plen - 1;
	} else {
		r.body = "";
	}
	rt = dx_route_find(r.method, r.url, &r, &known);
	if (!rt || (rt->flags & (DX_ROUTE_UPLOAD | DX_ROUTE_PUBLIC)) || strstr(rt->pattern, "/jobs") ||
	    strstr(rt->pattern, "/login") || strstr(rt->pattern, "/logout") ||
	    strncmp(rt->pattern, "/api/", 5) != 0)
		goto done;
	r.pattern = rt->pattern;
	r.st = st;
	r.actor = actors[(data[0] & 0x3f) % DX_ARRAY_SIZE(accounts)];
	r.has_actor = 1;
	{
		struct dx_date d;
		dx_date_today(&d);
		dx_date_format(&d, r.today);
	}
	if ((rt->flags & DX_ROUTE_WRITE) == DX_ROUTE_WRITE && r.actor.readonly)
		goto done; /* dispatch refuses it before the handler */
	rc = rt->handler(&r);
	dx_request_end(st);
	if (getenv("FZ_VERBOSE")) /* what a seed reaches, when writing one */
		fprintf(stderr, "%s %s: %d %.*s\n", dx_http_method_name(r.method), rt->pattern,
		        rc ? (r.status ? r.status : dx_http_status(r.err ? r.err : rc))
		           : (r.status ? r.status : 200),
		        (int)(r.why.len > 120 ? 120 : r.why.len), r.why.buf ? r.why.buf : "");
	if (!rc && !strcmp(rt->pattern, "/api/households/{hh_no}")) {
		/* the record's answer is written by hand (core/jsonw.h): it
		 * must be one JSON document, whatever the stored text holds */
		cJSON *j = cJSON_ParseWithLength(r.out.buf, r.out.len);
		if (!j || !cJSON_IsObject(j) || !cJSON_GetObjectItem(j, "household")) {
			fprintf(stderr, "fuzz_api: %s answered 200 with no JSON record\n", rt->pattern);
			abort();
		}
		cJSON_Delete(j);
	}
	if (rc) {
		status = r.status ? r.status : dx_http_status(r.err ? r.err : rc);
		if (status >= 500) {
			fprintf(stderr, "fuzz_api: %s %s answered %d (%s): %.*s\n",
			        dx_http_method_name(r.method), rt->pattern, status, dx_strerror(rc),
			        (int)r.why.len, r.why.buf ? r.why.buf : "");
			abort();
		}
		if (!r.why.len && !r.out.len && status != 404) {
			fprintf(stderr, "fuzz_api: %s %s refused %d without a message\n",
			        dx_http_method_name(r.method), rt->pattern, status);
			abort();
		}
	}
done:
	dx_buf_release(&r.why);
	dx_buf_release(&r.out);
out:
	free(buf);
	return 0;
}
