/*
 * route_imports.c - POST /api/imports?kind=&keep_valid= (the body is the
 * xlsx or csv ledger) starts a background import; GET /api/jobs/{id}
 * reads its progress and, once done, its counts and problems;
 * GET /api/jobs/{id}/errors downloads the uploaded sheet with its problems
 * marked (as `dixian import --errors`).
 */
#include "core/dx.h"
#include "http/http.h"
#include "http/http_int.h"
#include "http/jobs.h"

#include <cjson/cJSON.h>

int dx_route_import(struct dx_http_req *r)
{
	static const char *const args[] = {"kind", "keep_valid", NULL};
	const char *kv = dx_http_arg(r, "keep_valid");
	struct dx_date day;
	cJSON *j;
	int64_t id;
	int rc;
	if ((rc = dx_http_args_only(r, args)))
		return rc;
	if (kv && strcmp(kv, "0") && strcmp(kv, "1"))
		return dx_http_fail(r, DX_INVALID, "keep_valid 应为 0 或 1");
	rc = dx_jobs_start_import(r->jobs, &r->actor, dx_http_day(r, &day), dx_http_arg(r, "kind"),
	                          r->body, r->body_len, kv && !strcmp(kv, "1"), &id, &r->why);
	/* two imports running: the client's to retry, and told so (a 503
	 * would hide the message as a server fault) */
	if (rc == DX_BUSY)
		return dx_http_fail_status(r, 429, "BUSY", r->why.buf);
	if (rc)
		return rc;
	j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", (double)id);
	r->status = 202;
	return dx_http_reply(r, j);
}

/* A job not found: one from before the server's restart is said lost (it
 * may have been cut mid-import), so the user checks and uploads again;
 * one finished long (or many jobs) ago is said forgotten. */
static int job_missing(struct dx_http_req *r, int rc, int64_t id)
{
	long keep, secs;
	if (dx_jobs_before_start(r->jobs, id))
		return dx_http_fail(r, rc,
		                    "任务 %lld 是服务重启之前的任务，已中止或结果不再保留："
		                    "请核对数据是否已导入，必要时重新上传",
		                    (long long)id);
	if (dx_jobs_forgotten(r->jobs, id)) {
		dx_jobs_limits(r->jobs, &keep, &secs);
		return dx_http_fail(r, rc,
		                    "任务 %lld 已结束较久，结果不再保留（只保留最近 %ld 个已结束的任务，"
		                    "每个至多 %ld 分钟）：请核对数据是否已导入，必要时重新上传",
		                    (long long)id, keep, (secs + 59) / 60);
	}
	return dx_http_fail(r, rc, "没有编号为 %lld 的任务", (long long)id);
}

int dx_route_job(struct dx_http_req *r)
{
	cJSON *j = NULL;
	int64_t id;
	int rc;
	if ((rc = dx_http_args_only(r, NULL)) || (rc = dx_http_cap_id(r, 0, &id)))
		return rc;
	if ((rc = dx_jobs_get(r->jobs, &r->actor, id, &j)))
		return job_missing(r, rc, id);
	return dx_http_reply(r, j);
}

int dx_route_job_errors(struct dx_http_req *r)
{
	int64_t id;
	int rc;
	if ((rc = dx_http_args_only(r, NULL)) || (rc = dx_http_cap_id(r, 0, &id)))
		return rc;
	if ((rc = dx_jobs_errors(r->jobs, &r->actor, id, &r->out))) {
		dx_buf_reset(&r->out);
		if (dx_jobs_before_start(r->jobs, id) || dx_jobs_forgotten(r->jobs, id))
			return job_missing(r, rc, id);
		return dx_http_fail(r, rc, "任务 %lld 没有错误报告", (long long)id);
	}
	r->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	r->disposition = "attachment; filename=\"errors.xlsx\"";
	return DX_OK;
}
