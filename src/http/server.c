/*
 * server.c - the libmicrohttpd daemon behind `dixian serve`.
 *
 * A pool of worker threads, each polling its share of the connections
 * (epoll where the library has it), and a pool of store connections
 * (store/pool.h), one per worker thread, opened at start: a store that
 * cannot be opened stops the start, not a request, and a PostgreSQL
 * server sees a fixed number of sessions whatever the load.  A request
 * holds one store connection from its dispatch until its answer is built
 * (an upload only for its session check, not while its body comes in),
 * and gives it back rolled back if a handler left a transaction open.
 * The pool is closed once the daemon has stopped.
 *
 * A request is read whole (JSON bodies are capped at DX_HTTP_JSON_MAX)
 * before its handler runs.  Every answer carries the security headers; the
 * access log on stderr names the route pattern, never the path or query,
 * which may hold 户编号 or other personal data.
 *
 * Stopping: SIGINT or SIGTERM quiesces the daemon (no new connections),
 * waits for the requests in flight to be answered (up to 30 s), then stops
 * it and closes the stores.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/session.h"
#include "core/date.h"
#include "http/jobs.h"
#include "http/logbuf.h"
#include "store/pool.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_WORKERS 64

struct server {
	const struct dx_http_opts *o;
	struct dx_store_pool *pool; /* one connection per worker thread */
	atomic_long inflight;
	int tls;
	int64_t upload_max;
	struct dx_jobs *jobs;
};

/* Per-request state kept between the access handler's calls. */
struct pending {
	struct dx_http_req r;
	struct dx_buf body;
	struct timespec t0;
	int toobig;
	int answered; /* a response was queued before the body was read */
	int counted;  /* in srv->inflight */
};

#define DX_HTTP_WRITE_WAIT_MS 20000
/* libmicrohttpd's memory per connection, for the request's headers and
 * the answer's (the body is ours, handed over without a copy).  The
 * library clears it whole between two requests of a connection: its
 * default of 32 KB cost 0.8 us a request on the household route; 16 KB
 * still takes a browser's headers several times over (nginx refuses a
 * header line over 8 KB). */
#define DX_HTTP_CONN_MEMORY (16 * 1024)
/* how often the main thread writes out the buffered log */
#define DX_HTTP_LOG_FLUSH_MS 200

/* A store connection for request r, from the pool (r->st until
 * request_store_done); NULL if none came free within the busy timeout
 * (the pool holds one per worker thread, so one waits only when a
 * background job or a slow request on another thread holds more). */
static struct dx_store *request_store(struct server *srv, struct dx_http_req *r)
{
	if (!r->st && dx_store_pool_acquire(srv->pool, &r->st, DX_STORE_BUSY_MS))
		dx_log(DX_LOG_ERROR, "no store connection came free");
	/* a write waits its turn behind an upload's import (the writers of
	 * the server queue in order, store/wqueue.c) for up to
	 * DX_HTTP_WRITE_WAIT_MS, well inside a browser's patience, rather
	 * than being refused after the CLI's 5 s */
	if (r->st)
		dx_store_set_write_wait(r->st, DX_HTTP_WRITE_WAIT_MS);
	return r->st;
}

/* Give r's connection back to the pool (a transaction left open is
 * rolled back there). */
static void request_store_done(struct server *srv, struct dx_http_req *r)
{
	dx_store_pool_release(srv->pool, r->st);
	r->st = NULL;
}

static const char *err_code(int rc)
{
	switch (rc) {
#define DX_ERR_NAME(name, code, http, desc)                                                        \
	case DX_##name: return #name;
		DX_ERRORS(DX_ERR_NAME)
#undef DX_ERR_NAME
	}
	return "INTERNAL";
}

/* The Chinese message for an error with no message of its own. */
static const char *default_message(int rc)
{
	switch (rc) {
	case DX_NOT_FOUND: return "没有找到";
	case DX_DENIED: return "没有权限";
	case DX_INVALID:
	case DX_USAGE: return "请求无效";
	case DX_TOOBIG: return "请求体过大";
	case DX_BUSY: return "服务器繁忙，请稍后再试";
	case DX_STATE:
	case DX_EXISTS: return "当前状态不允许该操作";
	default: return "服务器内部错误";
	}
}

int dx_http_fail(struct dx_http_req *r, int rc, const char *fmt, ...)
{
	va_list ap;
	if (r->err)
		return rc;
	r->err = rc;
	dx_buf_reset(&r->why);
	va_start(ap, fmt);
	dx_buf_vaddf(&r->why, fmt, ap);
	va_end(ap);
	return rc;
}

/* Fill r->out with the error document for r->err / status. */
static void render_error(struct dx_http_req *r, const char *code)
{
	cJSON *j = cJSON_CreateObject();
	const char *msg = r->why.len && !r->why.err ? r->why.buf : default_message(r->err);
	/* server faults keep their detail in the log, not in the answer */
	if ((r->status ? r->status : dx_http_status(r->err)) >= 500)
		msg = default_message(r->err);
	cJSON_AddStringToObject(j, "code", code ? code : err_code(r->err));
	cJSON_AddStringToObject(j, "message", msg);
	dx_buf_reset(&r->out);
	r->ctype = NULL;
	dx_http_reply(r, j);
}

/* Errors that are not dx_errs (401, 405, 429) get their own code words. */
int dx_http_fail_status(struct dx_http_req *r, int status, const char *code, const char *msg)
{
	r->err = status == 401 ? DX_DENIED : status == 405 ? DX_USAGE : DX_BUSY;
	if (msg != r->why.buf) { /* a handler may pass its own message */
		dx_buf_reset(&r->why);
		dx_buf_adds(&r->why, msg);
	}
	r->status = status;
	render_error(r, code);
	return r->err;
}

static void client_addr(struct MHD_Connection *c, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	out[0] = 0;
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out,
		          (socklen_t)size);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out,
		          (socklen_t)size);
}

const char *dx_http_addr(struct dx_http_req *r)
{
	if (!r->addr[0])
		client_addr(r->conn, r->addr, sizeof(r->addr));
	return r->addr;
}

const char *dx_http_arg(struct dx_http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *dx_http_header(struct dx_http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *dx_http_cookie(struct dx_http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

struct args_check {
	const char *const *names;
	const char *bad;
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
	struct args_check *a = cls;
	(void)kind;
	(void)value;
	for (size_t i = 0; a->names[i]; i++)
		if (!strcmp(a->names[i], key))
			return MHD_YES;
	a->bad = key;
	return MHD_NO;
}

int dx_http_args_only(struct dx_http_req *r, const char *const *names)
{
	static const char *const none[] = {NULL};
	struct args_check a = {names ? names : none, NULL};
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &a);
	if (a.bad)
		return dx_http_fail(r, DX_INVALID, "不支持的查询参数 \"%.40s\"", a.bad);
	return DX_OK;
}

static void add_security_headers(struct MHD_Response *resp, int api)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
	                        "default-src 'self'; script-src 'self'; object-src 'none'; "
	                        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	if (api)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
}

static enum MHD_Result send_reply(struct MHD_Connection *c, struct dx_http_req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	size_t len = 0;
	char *body;
	int status = r->status ? r->status : 200;
	if (r->out.err) { /* the builder failed: say so, once */
		r->err = DX_NOMEM;
		r->status = 0;
		dx_buf_release(&r->out);
		render_error(r, NULL);
		status = 500;
	}
	body = dx_buf_detach(&r->out, &len);
	resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type",
	                        r->ctype ? r->ctype : "application/json; charset=utf-8");
	add_security_headers(resp, !strncmp(r->url, "/api/", 5));
	if (r->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (r->disposition)
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	if (r->cache) /* the web UI's files (route_static.c) */
		MHD_add_response_header(resp, "Cache-Control", r->cache);
	if (r->encoding) {
		MHD_add_response_header(resp, "Vary", "Accept-Encoding");
		if (r->encoding[0])
			MHD_add_response_header(resp, "Content-Encoding", r->encoding);
	}
	if (r->set_cookie[0])
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	r->status = status;
	ret = MHD_queue_response(c, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Load the actor from the session cookie, if there is a live session;
 * otherwise the request stays anonymous. */
static int load_session(struct dx_http_req *r)
{
	const char *tok = dx_http_cookie(r, DX_SESSION_COOKIE);
	struct dx_session_info si;
	int rc;
	if (!tok)
		return DX_OK;
	rc = dx_session_check(r->st, tok, time(NULL), &si);
	if (rc == DX_NOT_FOUND)
		return DX_OK;
	if (rc)
		return rc;
	/* the account as the session check read it, in the same statement */
	if (dx_actor_of(&si.acc, &r->actor, &r->why)) {
		dx_buf_reset(&r->why);
		return DX_OK;
	}
	r->has_actor = 1;
	dx_strlcpy(r->session_hash, si.token_hash, sizeof(r->session_hash));
	dx_strlcpy(r->csrf, si.csrf, sizeof(r->csrf));
	return DX_OK;
}

void dx_http_snapshot_end(struct dx_http_req *r)
{
	if (r->snapshot)
		dx_store_read_end(r->st, 1);
	r->snapshot = 0;
}

static void dispatch_route(struct dx_http_req *r, const struct dx_route *rt);

/* Route, authenticate, authorise and run the handler; the response is in
 * r->out / r->status when it returns. */
static void dispatch(struct server *srv, struct dx_http_req *r)
{
	const struct dx_route *rt;
	struct dx_date d;
	int known = 0;

	dx_date_today(&d);
	dx_date_format(&d, r->today);
	rt = dx_route_find(r->method, r->url, r, &known);
	if (!rt) {
		r->pattern = known ? "(method)" : "(none)";
		if (known) {
			dx_http_fail_status(r, 405, "METHOD", "该地址不支持此请求方法");
			return;
		}
		r->err = DX_NOT_FOUND;
		r->status = 404;
		render_error(r, NULL);
		return;
	}
	r->pattern = rt->pattern;
	if (!request_store(srv, r)) {
		r->err = DX_BUSY;
		render_error(r, NULL);
		r->status = 503;
		return;
	}
	/* the household record and its session check: one read lock, not
	 * three (a failure to begin only costs the sharing) */
	if ((rt->flags & DX_ROUTE_SNAPSHOT) && dx_store_read_begin(r->st, &r->snapshot))
		r->snapshot = 0;
	dispatch_route(r, rt);
	dx_http_snapshot_end(r);
}

/* dispatch, once the route and the store connection are there */
static void dispatch_route(struct dx_http_req *r, const struct dx_route *rt)
{
	int rc;
	if ((rc = load_session(r))) {
		r->err = rc;
		render_error(r, NULL);
		r->status = dx_http_status(rc);
		return;
	}
	if (!(rt->flags & DX_ROUTE_PUBLIC) && !r->has_actor) {
		dx_http_fail_status(r, 401, "UNAUTHENTICATED", "请先登录");
		return;
	}
	if ((rt->flags & DX_ROUTE_CSRF) && r->has_actor) {
		const char *h = dx_http_header(r, "X-CSRF-Token");
		if (!h || strlen(h) != strlen(r->csrf) ||
		    sodium_memcmp(h, r->csrf, strlen(r->csrf))) {
			r->err = DX_DENIED;
			dx_buf_adds(&r->why,
			            "缺少或错误的 X-CSRF-Token 请求头（登录时返回的 csrf 值）");
			render_error(r, "CSRF");
			r->status = 403;
			return;
		}
		if ((rt->flags & DX_ROUTE_WRITE) == DX_ROUTE_WRITE && r->actor.readonly) {
			dx_http_fail(r, DX_DENIED, "账号 %s 为查看账号，不能修改数据",
			             r->actor.acc.name);
			render_error(r, NULL);
			r->status = 403;
			return;
		}
	}
	rc = rt->handler(r);
	dx_http_snapshot_end(r);
	dx_request_end(r->st);
	if (rc) {
		if (!r->err)
			r->err = rc;
		if (dx_http_status(r->err) >= 500 && r->why.len) {
			dx_log(DX_LOG_ERROR, "%s: %s", rt->pattern, dx_strerror(r->err));
			dx_buf_reset(&r->why);
		}
		if (!r->status) { /* not answered by dx_http_fail_status */
			r->status = dx_http_status(r->err);
			render_error(r, NULL);
		}
	}
}

/*
 * 1 if the request is for an upload route.  Its body may be large, so the
 * session is checked before reading it: an anonymous upload is answered
 * 401 at once (r->status set) instead of being buffered.
 */
static int upload_route(struct server *srv, struct pending *p)
{
	struct dx_http_req *r = &p->r;
	int known;
	const struct dx_route *rt = dx_route_find(r->method, r->url, r, &known);
	if (!rt || !(rt->flags & DX_ROUTE_UPLOAD))
		return 0;
	if (!request_store(srv, r) || load_session(r) || !r->has_actor) {
		dx_http_fail_status(r, 401, "UNAUTHENTICATED", "请先登录");
		r->pattern = rt->pattern;
	}
	/* not held while the body comes in: dispatch takes one again */
	request_store_done(srv, r);
	return 1;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
	struct server *srv = cls;
	struct pending *p = *con_cls;
	(void)version;
	if (!p) {
		const char *cl;
		int64_t n = 0, max;
		p = calloc(1, sizeof(*p));
		if (!p)
			return MHD_NO;
		*con_cls = p;
		clock_gettime(CLOCK_MONOTONIC, &p->t0);
		atomic_fetch_add(&srv->inflight, 1);
		p->counted = 1;
		p->r.url = url;
		p->r.conn = c;
		p->r.tls = srv->tls;
		p->r.pattern = "(none)";
		dx_buf_init(&p->r.why, 1024);
		dx_buf_init(&p->r.out, 0);
		p->r.jobs = srv->jobs;
		p->r.method = dx_http_method_of(method);
		max = upload_route(srv, p) ? srv->upload_max : DX_HTTP_JSON_MAX;
		dx_buf_init(&p->body, (size_t)max);
		if (p->r.status) { /* refused before reading the upload */
			p->answered = 1;
			return send_reply(c, &p->r);
		}
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl && (dx_parse_i64(cl, &n) || n > max)) {
			p->toobig = 1;
			p->answered = 1;
			p->r.err = DX_TOOBIG;
			render_error(&p->r, NULL);
			p->r.status = 413;
			return send_reply(c, &p->r);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!p->toobig && !p->answered) {
			dx_buf_add(&p->body, upload_data, *upload_size);
			if (p->body.err)
				p->toobig = 1;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (p->answered)
		return MHD_YES;
	if (p->toobig) {
		p->r.err = DX_TOOBIG;
		render_error(&p->r, NULL);
		p->r.status = 413;
		return send_reply(c, &p->r);
	}
	p->r.body = p->body.buf;
	p->r.body_len = p->body.len;
	if (!p->r.method) {
		dx_http_fail_status(&p->r, 405, "METHOD", "不支持的请求方法");
	} else {
		dispatch(srv, &p->r);
		request_store_done(srv, &p->r);
	}
	return send_reply(c, &p->r);
}

/* Append s to line[*n..size), cut at the end of the buffer. */
static void put(char *line, size_t size, size_t *n, const char *s)
{
	size_t k = strlen(s);
	if (k > size - 1 - *n)
		k = size - 1 - *n;
	memcpy(line + *n, s, k);
	*n += k;
	line[*n] = '\0';
}

/* Append v in decimal. */
static void put_int(char *line, size_t size, size_t *n, int64_t v)
{
	char d[24];
	dx_i64_text(v, d);
	put(line, size, n, d);
}

/* The access log's line of request r, which took ns nanoseconds:
 * "GET /api/households/{hh_no} 200 1.2ms" -- method, route pattern,
 * status, milliseconds to a tenth, " (aborted)" when the answer was not
 * sent whole.  Built without printf: it is written once per request (a
 * tenth of the household route's CPU went to formatting it). */
static void access_line(char *line, size_t size, const struct dx_http_req *r, int64_t ns,
                        int aborted)
{
	int64_t tenths = ns < 0 ? 0 : (ns + 50000) / 100000;
	size_t n = 0;
	line[0] = '\0';
	put(line, size, &n, dx_http_method_name(r->method));
	put(line, size, &n, " ");
	put(line, size, &n, r->pattern ? r->pattern : "(none)");
	put(line, size, &n, " ");
	put_int(line, size, &n, r->status < 0 ? 0 : r->status);
	put(line, size, &n, " ");
	put_int(line, size, &n, tenths / 10);
	put(line, size, &n, ".");
	put_int(line, size, &n, tenths % 10);
	put(line, size, &n, aborted ? "ms (aborted)" : "ms");
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct pending *p = *con_cls;
	struct timespec t1;
	char line[256];
	(void)c;
	if (!p)
		return;
	request_store_done(srv, &p->r); /* none held by now; NULL-safe */
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* the pattern, never the path: paths and queries may hold IDs */
	access_line(line, sizeof(line), &p->r,
	            (int64_t)(t1.tv_sec - p->t0.tv_sec) * 1000000000 + (t1.tv_nsec - p->t0.tv_nsec),
	            toe != MHD_REQUEST_TERMINATED_COMPLETED_OK);
	dx_log_str(DX_LOG_INFO, line);
	dx_buf_release(&p->r.why);
	dx_buf_release(&p->r.out);
	dx_buf_release(&p->body);
	if (p->counted)
		atomic_fetch_sub(&srv->inflight, 1);
	free(p);
	*con_cls = NULL;
}

/*
 * The log while serving: the CLI's lines ("dixian: info: ..."), gathered
 * in blocks of whole lines (http/logbuf.h) instead of a write per access
 * line.  Process-wide like the log sink it feeds; after the stop it
 * writes each line at once, as the CLI does.
 */
static struct dx_logbuf serve_log;
static pthread_once_t serve_log_once = PTHREAD_ONCE_INIT;

static void serve_log_init(void)
{
	dx_logbuf_init(&serve_log, STDERR_FILENO, 1 << 16);
}

static void log_to_blocks(void *arg, enum dx_log_level lvl, const char *msg)
{
	char prefix[32];
	size_t n = 0;
	(void)arg;
	prefix[0] = '\0';
	put(prefix, sizeof(prefix), &n, "dixian: ");
	put(prefix, sizeof(prefix), &n, dx_log_level_name(lvl));
	put(prefix, sizeof(prefix), &n, ": ");
	dx_logbuf_line(&serve_log, prefix, msg);
}

static int read_file(const char *path, char **out)
{
	struct dx_buf b = DX_BUF_INIT;
	char tmp[4096];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return DX_IO;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		dx_buf_add(&b, tmp, n);
	fclose(f);
	if (b.err) {
		dx_buf_release(&b);
		return DX_NOMEM;
	}
	*out = dx_buf_detach(&b, NULL);
	return DX_OK;
}

int dx_http_serve(const struct dx_http_opts *o, struct dx_err_info *err)
{
	struct server srv;
	struct MHD_Daemon *d = NULL;
	struct sockaddr_in sa;
	sigset_t sigs;
	char *cert = NULL, *key = NULL;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	long threads = o->threads;
	int sig = 0, rc = DX_OK;

	memset(&srv, 0, sizeof(srv));
	srv.o = o;
	if (sodium_init() < 0)
		return dx_error(DX_IO, "libsodium cannot start");
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)o->port);
	if (inet_pton(AF_INET, o->bind, &sa.sin_addr) != 1) {
		rc = dx_err_set(err, DX_USAGE, "--bind \"%s\" 不是 IPv4 地址", o->bind);
		goto out;
	}
	if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES)
		flags |= MHD_USE_EPOLL;
	if (o->tls_cert || o->tls_key) {
		if (!o->tls_cert || !o->tls_key ||
		    MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			rc = dx_err_set(err, DX_USAGE, "HTTPS 需要同时给出 --tls-cert 和 --tls-key");
			goto out;
		}
		if (read_file(o->tls_cert, &cert) || read_file(o->tls_key, &key)) {
			rc = dx_err_set(err, DX_IO, "无法读取证书或私钥文件");
			goto out;
		}
		flags |= MHD_USE_TLS;
		srv.tls = 1;
	}
	if (threads <= 0)
		threads = sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 1;
	if (threads > MAX_WORKERS)
		threads = MAX_WORKERS;
	/* the pool's first connection upgrades the schema; the others find
	 * it done */
	if ((rc = dx_store_pool_open(&srv.pool, o->db, 0, (int)threads))) {
		rc = dx_err_set(err, rc, "无法打开数据库 %s", o->db);
		goto out;
	}
	srv.upload_max = o->upload_max > 0 ? o->upload_max : DX_HTTP_UPLOAD_MAX_DEFAULT;
	if (!(srv.jobs = dx_jobs_new(o->db))) {
		rc = dx_err_set(err, DX_IO, "无法创建临时目录");
		goto out;
	}
	dx_jobs_watch_readers(srv.jobs, &srv.inflight);
	/* the workers inherit this mask: only the main thread takes the signals */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* the log is written in blocks, not a write per access-log line (one
	 * a request): whole lines only (a block never ends mid-line), flushed
	 * by the main thread every DX_HTTP_LOG_FLUSH_MS and at the stop (a
	 * kill -9 loses at most that much of the log, never a line's half) */
	pthread_once(&serve_log_once, serve_log_init);
	serve_log.direct = 0;
	dx_log_set_sink(log_to_blocks, NULL);
	if (srv.tls)
		d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, &srv,
		                     MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_THREAD_POOL_SIZE,
		                     (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
		                     &srv, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
		                     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)DX_HTTP_CONN_MEMORY,
		                     MHD_OPTION_HTTPS_MEM_CERT, cert, MHD_OPTION_HTTPS_MEM_KEY, key,
		                     MHD_OPTION_END);
	else
		d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, &srv,
		                     MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_THREAD_POOL_SIZE,
		                     (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
		                     &srv, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
		                     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)DX_HTTP_CONN_MEMORY,
		                     MHD_OPTION_END);
	if (!d) {
		rc = dx_err_set(err, DX_IO, "无法在 %s:%d 上监听（端口被占用？）", o->bind, o->port);
		goto out_sig;
	}
	if (o->ready) {
		char url[128];
		dx_snprintf(url, sizeof(url), "%s://%s:%d/", srv.tls ? "https" : "http", o->bind,
			    o->port);
		o->ready(o->arg, url);
	}
	dx_log(DX_LOG_INFO, "serving on %s:%d with %ld threads%s", o->bind, o->port, threads,
	       flags & MHD_USE_EPOLL ? " (epoll)" : "");
	for (;;) {
		struct timespec tick = {0, DX_HTTP_LOG_FLUSH_MS * 1000000L};
		sig = sigtimedwait(&sigs, NULL, &tick);
		dx_logbuf_flush(&serve_log);
		if (sig == SIGINT || sig == SIGTERM || (sig < 0 && errno != EAGAIN && errno != EINTR))
			break;
	}
	dx_log(DX_LOG_INFO, "signal %d: finishing requests in flight", sig);
	MHD_quiesce_daemon(d);
	for (int i = 0; i < 3000 && atomic_load(&srv.inflight) > 0; i++)
		usleep(10000);
	if (atomic_load(&srv.inflight) > 0)
		dx_log(DX_LOG_WARN, "%ld requests still in flight, stopping anyway",
		       (long)atomic_load(&srv.inflight));
	MHD_stop_daemon(d);
	dx_log(DX_LOG_INFO, "waiting for background jobs");
	dx_jobs_free(srv.jobs); /* an import in progress finishes first */
	srv.jobs = NULL;
	dx_log(DX_LOG_INFO, "stopped; closing %d store connections",
	       dx_store_pool_size(srv.pool));
out_sig:
out:
	dx_store_pool_close(srv.pool);
	dx_jobs_free(srv.jobs);
	if (serve_log.buf) /* the lines from here on at once, as the CLI's */
		dx_logbuf_direct(&serve_log);
	if (key)
		sodium_memzero(key, strlen(key));
	free(cert);
	free(key);
	return rc;
}
