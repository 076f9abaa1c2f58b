/*
 * route_apply.c - POST /api/public/applications: the public, login-free
 * 自主申报 form (issue 19, app/ledgers.h dx_self_apply).  Anyone may send
 * it, so it takes the fewest fields, strict JSON, and answers only a
 * receipt number: never the name, the ID number, nor whether the person
 * is in the registry.  Submissions are throttled in memory: per client
 * address (DX_APPLY_PER_ADDR in DX_APPLY_ADDR_WINDOW seconds) and for the
 * whole server (DX_APPLY_GLOBAL in a minute), counted before the body is
 * looked at, so that a refused one counts too.  The access log names the
 * route only; nothing here logs.
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "app/ledgers.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <time.h>

#define DX_APPLY_PER_ADDR    5
#define DX_APPLY_ADDR_WINDOW 600
#define DX_APPLY_GLOBAL      60
#define DX_APPLY_SLOTS       512

static struct {
	pthread_mutex_t mu;
	struct {
		char addr[64];
		time_t start;
		int n;
	} slot[DX_APPLY_SLOTS];
	time_t gstart;
	int gn;
} thr = {.mu = PTHREAD_MUTEX_INITIALIZER};

/* 1 if one more submission from addr at now is allowed (and counted). */
static int allow(const char *addr, time_t now)
{
	int ok = 1, free_i = -1, old_i = 0;
	pthread_mutex_lock(&thr.mu);
	if (now - thr.gstart >= 60) {
		thr.gstart = now;
		thr.gn = 0;
	}
	if (thr.gn >= DX_APPLY_GLOBAL) {
		ok = 0;
		goto out;
	}
	for (int i = 0; i < DX_APPLY_SLOTS; i++) {
		if (thr.slot[i].addr[0] && now - thr.slot[i].start >= DX_APPLY_ADDR_WINDOW)
			thr.slot[i].addr[0] = 0; /* its window is over */
		if (!thr.slot[i].addr[0]) {
			if (free_i < 0)
				free_i = i;
			continue;
		}
		if (thr.slot[i].start < thr.slot[old_i].start)
			old_i = i;
		if (!strcmp(thr.slot[i].addr, addr)) {
			if (thr.slot[i].n >= DX_APPLY_PER_ADDR)
				ok = 0;
			else
				thr.slot[i].n++;
			goto counted;
		}
	}
	/* a new address: a free slot, or the oldest window's */
	if (free_i < 0)
		free_i = old_i;
	dx_strlcpy(thr.slot[free_i].addr, addr[0] ? addr : "?", sizeof(thr.slot[0].addr));
	thr.slot[free_i].start = now;
	thr.slot[free_i].n = 1;
counted:
	if (ok)
		thr.gn++;
out:
	pthread_mutex_unlock(&thr.mu);
	return ok;
}

int dx_route_self_apply(struct dx_http_req *r)
{
	static const char *const fields[] = {"name", "id_no", "area", "item", "mode", "request",
	                                     NULL};
	struct dx_self_apply q;
	struct dx_date day;
	cJSON *body = NULL, *j;
	char receipt[32];
	int rc;
	if (!allow(dx_http_addr(r), time(NULL)))
		return dx_http_fail_status(r, 429, "LIMITED", "提交过于频繁，请稍后再试");
	if ((rc = dx_http_args_only(r, NULL)))
		return rc;
	if ((rc = dx_http_json_body(r->body, r->body_len, fields, "SSSSss", &body, &r->why)))
		return rc;
	q.name = dx_http_jstr(body, "name");
	q.id_no = dx_http_jstr(body, "id_no");
	q.area = dx_http_jstr(body, "area");
	q.item = dx_http_jstr(body, "item");
	q.mode = dx_http_jstr(body, "mode");
	q.request = dx_http_jstr(body, "request");
	rc = dx_self_apply(r->st, dx_http_day(r, &day), &q, receipt, &r->why);
	cJSON_Delete(body);
	if (rc)
		return rc;
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "receipt", receipt);
	cJSON_AddStringToObject(j, "message", "申请已受理，请保存受理编号以便查询");
	r->status = 201;
	return dx_http_reply(r, j);
}
