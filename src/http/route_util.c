/*
 * route_util.c - small helpers the route files share: optional string
 * members of a parsed body, ids in paths and dates a client may give, and
 * downloads (a use case's file, a list as xlsx).
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "core/date.h"
#include "io/xlsx_write.h"
#include "app/ctx.h"

#include <cjson/cJSON.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <unistd.h>

struct dx_date *dx_http_day(const struct dx_http_req *r, struct dx_date *d)
{
	/* r->today is set once as the request comes in (server.c dispatch) */
	if (dx_date_parse(r->today, strnlen(r->today, sizeof(r->today)), d))
		dx_date_today(d);
	return d;
}

struct dx_ctx *dx_http_ctx(struct dx_http_req *r, struct dx_ctx *c)
{
	struct dx_date d;
	dx_ctx_for(c, r->st, &r->actor, dx_http_day(r, &d));
	return c;
}

int dx_http_answered(struct dx_http_req *r, const struct dx_ctx *c, int rc)
{
	if (rc && c->err.msg[0])
		dx_buf_adds(&r->why, c->err.msg);
	return rc;
}

int dx_http_list_args(struct dx_http_req *r, char area[13], int *year, char as_of[11])
{
	const char *ys = dx_http_arg(r, "year"), *ao = dx_http_arg(r, "as_of");
	int64_t y = 0;
	int rc;
	*year = 0;
	as_of[0] = 0;
	if (ys && (dx_parse_i64(ys, &y) || y < 2000 || y > 2100))
		return dx_http_fail(r, DX_INVALID, "year 应为四位年份");
	*year = (int)y;
	if (ao && (rc = dx_http_date(r, ao, "as_of", as_of)))
		return rc;
	return dx_actor_area(&r->actor, dx_http_arg(r, "area"), area, &r->why);
}

const char *dx_http_jstr(const struct cJSON *body, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, name);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int64_t dx_http_jint(const struct cJSON *body, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, name);
	return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : 0;
}

int dx_http_jbool(const struct cJSON *body, const char *name)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(body, name));
}

int dx_http_cap_id(struct dx_http_req *r, int i, int64_t *id)
{
	if (dx_parse_i64(r->cap[i], id) || *id < 1)
		return dx_http_fail(r, DX_NOT_FOUND, "编号 \"%.20s\" 不存在", r->cap[i]);
	return DX_OK;
}

int dx_http_date(struct dx_http_req *r, const char *given, const char *what, char out[11])
{
	struct dx_date d;
	if (!given) {
		dx_strlcpy(out, r->today, 11);
		return DX_OK;
	}
	if (dx_date_parse(given, strlen(given), &d))
		return dx_http_fail(r, DX_INVALID, "%s \"%.20s\" 不是有效日期（应为 YYYY-MM-DD）",
		                    what, given);
	/* an event date after today is the use case's to refuse (dx_event_date,
	 * one rule for every door); an as-of date may lie ahead */
	dx_date_format(&d, out);
	return DX_OK;
}

struct args_all {
	const char *name;
	const char **out;
	int max, n;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
	struct args_all *a = cls;
	(void)kind;
	if (!strcmp(key, a->name) && a->n < a->max)
		a->out[a->n++] = value ? value : "";
	return MHD_YES;
}

int dx_http_args_all(struct dx_http_req *r, const char *name, const char **out, int max)
{
	struct args_all a = {name, out, max, 0};
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, collect_arg, &a);
	return a.n;
}

int dx_http_tmp_open(struct dx_http_tmp *t, const char *suffix)
{
	const char *dir = getenv("TMPDIR");
	memset(t, 0, sizeof(*t));
	if (!dir || !*dir || strlen(dir) > 128)
		dir = "/tmp";
	dx_snprintf(t->dir, sizeof(t->dir), "%s/dixian-dl.XXXXXX", dir);
	if (!mkdtemp(t->dir)) { /* private (0700): no other user sees the file */
		t->dir[0] = 0;
		dx_log(DX_LOG_ERROR, "cannot create a download directory");
		return DX_IO;
	}
	dx_snprintf(t->path, sizeof(t->path), "%s/out%s", t->dir, suffix);
	return DX_OK;
}

void dx_http_tmp_remove(struct dx_http_tmp *t)
{
	if (!t->dir[0])
		return;
	unlink(t->path);
	rmdir(t->dir);
	t->dir[0] = 0;
}

int dx_http_tmp_send(struct dx_http_req *r, struct dx_http_tmp *t, const char *ctype,
                     const char *disposition)
{
	char buf[65536];
	size_t n;
	FILE *f = fopen(t->path, "rb");
	int rc = DX_OK;
	dx_buf_reset(&r->out);
	if (!f) {
		dx_http_tmp_remove(t);
		return DX_IO;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		dx_buf_add(&r->out, buf, n);
	if (ferror(f))
		rc = DX_IO;
	fclose(f);
	dx_http_tmp_remove(t);
	if (!rc && r->out.err)
		rc = DX_NOMEM;
	if (rc) {
		dx_buf_reset(&r->out);
		return rc;
	}
	r->ctype = ctype;
	r->disposition = disposition;
	return DX_OK;
}

const char *dx_http_ctype(const char *format)
{
	if (!strcmp(format, "xlsx"))
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	if (!strcmp(format, "csv"))
		return "text/csv; charset=utf-8";
	if (!strcmp(format, "html"))
		return "text/html; charset=utf-8";
	return "application/json; charset=utf-8";
}

int dx_http_xlsx_list(struct dx_http_req *r, const char *sheet, const char *disposition,
                      const char *const *heads, size_t nheads,
                      int (*walk)(struct dx_http_req *, struct dx_tw *, void *), void *arg)
{
	struct dx_http_tmp t;
	struct dx_tw *w = NULL;
	int rc, rc2;
	if ((rc = dx_http_tmp_open(&t, ".xlsx")))
		return rc;
	if ((rc = dx_tw_open(&w, t.path, DX_TW_XLSX, sheet))) {
		dx_http_tmp_remove(&t);
		return rc;
	}
	dx_tw_row(w, heads, nheads, DX_TW_HEADER);
	rc = walk(r, w, arg);
	rc2 = dx_tw_close(w);
	if (rc || rc2) {
		dx_http_tmp_remove(&t);
		return rc ? rc : rc2;
	}
	return dx_http_tmp_send(r, &t, dx_http_ctype("xlsx"), disposition);
}
