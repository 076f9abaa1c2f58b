/*
 * jobs.c - the server's background import jobs (see jobs.h).
 *
 * The upload is written to a file in the registry's private directory
 * (mode 0700) because the import reads a path; the job thread opens its
 * own store connection (a connection is one thread's), runs
 * dx_import_run() with a progress callback that updates the job under
 * the registry's lock, and deletes the file when done.  Only the account
 * that started a job may read it.
 *
 * A server killed (kill -9, power cut) forgets its jobs; the import it was
 * running is one transaction, so the store rolls it back.  Two things must
 * not outlive it (issue 13): its job numbers, which a client may still
 * poll -- numbers start from the start time (MAX_JOBS a second), so the
 * next server never hands the same number to another job, and a number from before the
 * start is answered as lost in a restart -- and its uploaded files, which
 * hold ID numbers: the directory is named after the server's pid, and a
 * starting server removes the directories of servers no longer running.
 */
#include "core/dx.h"
#include "http/jobs.h"
#include "app/import.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_JOBS     256
#define MAX_RUNNING  2
#define MAX_PROBLEMS 50
#define JOBS_TMP     "/tmp"
#define JOBS_PREFIX  "dixian-jobs."
#define JOBS_EPOCH   1735689600 /* 2025-01-01 00:00 UTC, where numbering starts */

enum job_state { JOB_RUNNING, JOB_DONE, JOB_FAILED };

struct job {
	int64_t id;
	char owner[64];
	char scope[13];
	char kind[16];
	char path[512];
	char errors_path[512]; /* the annotated error workbook, "" if none */
	int keep_valid;
	enum job_state state;
	int rc;
	uint64_t done, total;
	long rows;
	struct dx_import_result res;
	int joined;
	pthread_t th;
	struct dx_jobs *reg;
};

struct dx_jobs {
	pthread_mutex_t mu;
	char *db;
	char dir[64];
	struct job *jobs[MAX_JOBS];
	size_t n;
	int64_t base; /* job k (from 1) is number base + k */
	int running;
};

/*
 * Remove the upload directories of servers that died without cleaning up
 * (kill -9): JOBS_TMP/dixian-jobs.<pid>.XXXXXX, ours (same uid), whose pid
 * runs no more.  A reused pid only keeps a directory longer; a directory
 * of another user or of a live server is never touched.
 */
static void sweep_dead(void)
{
	DIR *d = opendir(JOBS_TMP);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[512], file[1024];
		struct stat sb;
		DIR *sub;
		struct dirent *f;
		int64_t pid;
		const char *p = e->d_name, *dot;
		if (strncmp(p, JOBS_PREFIX, strlen(JOBS_PREFIX)))
			continue;
		p += strlen(JOBS_PREFIX);
		if (!(dot = strchr(p, '.')) || dot == p || dot - p > 10)
			continue;
		{
			char num[12];
			memcpy(num, p, (size_t)(dot - p));
			num[dot - p] = 0;
			if (dx_parse_i64(num, &pid) || pid < 1 || pid > INT32_MAX)
				continue;
		}
		if (pid == (int64_t)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		dx_snprintf(path, sizeof(path), "%s/%s", JOBS_TMP, e->d_name);
		if (lstat(path, &sb) || !S_ISDIR(sb.st_mode) || sb.st_uid != getuid())
			continue;
		if ((sub = opendir(path))) {
			while ((f = readdir(sub)))
				if (strcmp(f->d_name, ".") && strcmp(f->d_name, "..")) {
					dx_snprintf(file, sizeof(file), "%s/%s", path, f->d_name);
					unlink(file);
				}
			closedir(sub);
		}
		if (!rmdir(path))
			dx_log(DX_LOG_INFO, "removed the uploads of stopped server %lld",
			       (long long)pid);
	}
	closedir(d);
}

struct dx_jobs *dx_jobs_new(const char *db)
{
	struct dx_jobs *j = calloc(1, sizeof(*j));
	if (!j)
		return NULL;
	sweep_dead();
	dx_snprintf(j->dir, sizeof(j->dir), "%s/%s%lld.XXXXXX", JOBS_TMP, JOBS_PREFIX,
	            (long long)getpid());
	if (!mkdtemp(j->dir)) {
		free(j);
		return NULL;
	}
	/* numbers from the start time: never those of an earlier server
	 * (unless it started in the same second), and short of the 12-digit
	 * runs the access log must not hold */
	j->base = ((int64_t)time(NULL) - JOBS_EPOCH) * MAX_JOBS;
	pthread_mutex_init(&j->mu, NULL);
	j->db = dx_xstrdup(db);
	return j;
}

int dx_jobs_before_start(const struct dx_jobs *j, int64_t id)
{
	return id > 0 && id <= j->base;
}

void dx_jobs_free(struct dx_jobs *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->n; i++) {
		struct job *b = j->jobs[i];
		if (!b->joined)
			pthread_join(b->th, NULL);
		unlink(b->path);
		if (b->errors_path[0])
			unlink(b->errors_path);
		dx_import_result_release(&b->res);
		free(b);
	}
	rmdir(j->dir);
	pthread_mutex_destroy(&j->mu);
	free(j->db);
	free(j);
}

static void on_progress(void *arg, uint64_t done, uint64_t total, long rows)
{
	struct job *b = arg;
	pthread_mutex_lock(&b->reg->mu);
	b->done = done;
	b->total = total;
	b->rows = rows;
	pthread_mutex_unlock(&b->reg->mu);
}

static void *run(void *arg)
{
	struct job *b = arg;
	struct dx_import_opts o;
	struct dx_import_result res;
	struct dx_store *st = NULL;
	int rc;
	memset(&o, 0, sizeof(o));
	memset(&res, 0, sizeof(res));
	o.kind = b->kind;
	o.path = b->path;
	o.keep_valid = b->keep_valid;
	o.actor = b->owner;
	o.scope = b->scope;
	o.progress = on_progress;
	o.arg = b;
	rc = dx_store_open(&st, b->reg->db, 0);
	if (!rc)
		rc = dx_import_run(st, &o, &res);
	dx_store_close(st);
	/* the user's sheet with its problems marked, while the upload is
	 * still there to copy from */
	if ((rc == DX_OK || rc == DX_INVALID) && res.nproblems) {
		char ep[sizeof(b->errors_path)];
		dx_snprintf(ep, sizeof(ep), "%s.errors.xlsx", b->path);
		if (!dx_import_write_errors(b->path, &res, ep)) {
			pthread_mutex_lock(&b->reg->mu);
			dx_strlcpy(b->errors_path, ep, sizeof(b->errors_path));
			pthread_mutex_unlock(&b->reg->mu);
		}
	}
	unlink(b->path);
	pthread_mutex_lock(&b->reg->mu);
	b->res = res;
	b->rc = rc;
	/* DX_INVALID: read to the end; the problems say why nothing (or less)
	 * was kept */
	b->state = rc == DX_OK || rc == DX_INVALID ? JOB_DONE : JOB_FAILED;
	b->reg->running--;
	pthread_mutex_unlock(&b->reg->mu);
	dx_log(DX_LOG_INFO, "import job %lld finished: %s", (long long)b->id, dx_strerror(rc));
	return NULL;
}

int dx_jobs_start_import(struct dx_jobs *j, const struct dx_actor *a, const char *kind,
                         const char *data, size_t len, int keep_valid, int64_t *id,
                         struct dx_buf *why)
{
	static const char *const kinds[] = {"persons",  "incomes",       "warnings",     "measures",
	                                    "visits",   "projects",      "payments",     "beneficiaries",
	                                    "assets",   "loans",         "applications", "relief",
	                                    "problems", "training"};
	struct job *b = NULL;
	size_t k;
	int fd = -1, rc = DX_OK;

	*id = 0;
	for (k = 0; k < DX_ARRAY_SIZE(kinds); k++)
		if (kind && !strcmp(kind, kinds[k]))
			break;
	if (k == DX_ARRAY_SIZE(kinds)) {
		dx_buf_adds(why, "kind 应为 persons、incomes、warnings、measures、visits、projects、"
		                 "payments、beneficiaries、assets、loans、applications、relief、"
		                 "problems 或 training");
		return DX_INVALID;
	}
	if (!len) {
		dx_buf_adds(why, "请求体应为要导入的 xlsx 或 csv 文件");
		return DX_INVALID;
	}
	pthread_mutex_lock(&j->mu);
	if (j->running >= MAX_RUNNING || j->n >= MAX_JOBS) {
		pthread_mutex_unlock(&j->mu);
		dx_buf_adds(why, "导入任务已满，请稍后再试");
		return DX_BUSY;
	}
	if (!(b = calloc(1, sizeof(*b)))) {
		pthread_mutex_unlock(&j->mu);
		return DX_NOMEM;
	}
	b->id = j->base + (int64_t)j->n + 1;
	b->reg = j;
	b->keep_valid = keep_valid;
	b->state = JOB_RUNNING;
	dx_strlcpy(b->owner, a->acc.name, sizeof(b->owner));
	dx_strlcpy(b->scope, a->acc.scope, sizeof(b->scope));
	dx_strlcpy(b->kind, kinds[k], sizeof(b->kind));
	dx_snprintf(b->path, sizeof(b->path), "%s/upload-%lld", j->dir, (long long)b->id);
	j->jobs[j->n++] = b;
	j->running++;
	pthread_mutex_unlock(&j->mu);

	fd = open(b->path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	for (size_t off = 0; fd >= 0 && off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w <= 0) {
			close(fd);
			fd = -1;
			break;
		}
		off += (size_t)w;
	}
	if (fd < 0 || close(fd) || pthread_create(&b->th, NULL, run, b)) {
		rc = DX_IO;
		pthread_mutex_lock(&j->mu);
		b->state = JOB_FAILED;
		b->rc = rc;
		b->joined = 1;
		j->running--;
		pthread_mutex_unlock(&j->mu);
		unlink(b->path);
		return rc;
	}
	*id = b->id;
	return DX_OK;
}

int dx_jobs_get(struct dx_jobs *j, const struct dx_actor *a, int64_t id, cJSON **out)
{
	struct job *b;
	cJSON *o, *ps;
	*out = NULL;
	pthread_mutex_lock(&j->mu);
	if (id <= j->base || (id -= j->base) > (int64_t)j->n || strcmp((b = j->jobs[id - 1])->owner, a->acc.name)) {
		pthread_mutex_unlock(&j->mu);
		return DX_NOT_FOUND;
	}
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)b->id);
	cJSON_AddStringToObject(o, "kind", b->kind);
	cJSON_AddStringToObject(o, "state",
	                        b->state == JOB_RUNNING ? "running"
	                        : b->state == JOB_DONE  ? "done"
	                                                : "failed");
	cJSON_AddNumberToObject(o, "percent",
	                        b->state != JOB_RUNNING ? 100.0
	                        : b->total              ? (double)(b->done * 100 / b->total)
	                                                : 0.0);
	cJSON_AddNumberToObject(o, "rows",
	                        (double)(b->state == JOB_RUNNING ? b->rows : b->res.rows));
	if (b->state != JOB_RUNNING) {
		cJSON_AddBoolToObject(o, "saved", b->rc == DX_OK);
		if (b->errors_path[0]) {
			char url[64];
			dx_snprintf(url, sizeof(url), "/api/jobs/%lld/errors", (long long)b->id);
			cJSON_AddStringToObject(o, "errors_url", url);
		}
		cJSON_AddNumberToObject(o, "added", (double)b->res.added);
		cJSON_AddNumberToObject(o, "updated", (double)b->res.updated);
		cJSON_AddNumberToObject(o, "unchanged", (double)b->res.unchanged);
		cJSON_AddNumberToObject(o, "rejected", (double)b->res.rejected);
		cJSON_AddNumberToObject(o, "errors", (double)b->res.errors);
		cJSON_AddNumberToObject(o, "warnings", (double)b->res.warnings);
		ps = cJSON_AddArrayToObject(o, "problems");
		for (size_t i = 0; i < b->res.nproblems && i < MAX_PROBLEMS; i++) {
			const struct dx_problem *p = &b->res.problems[i];
			cJSON *e = cJSON_CreateObject();
			cJSON_AddNumberToObject(e, "row", (double)p->row);
			cJSON_AddStringToObject(e, "column", p->column ? p->column : "");
			cJSON_AddBoolToObject(e, "error", p->error);
			cJSON_AddStringToObject(e, "message", p->msg ? p->msg : "");
			cJSON_AddItemToArray(ps, e);
		}
	}
	pthread_mutex_unlock(&j->mu);
	*out = o;
	return DX_OK;
}

int dx_jobs_errors(struct dx_jobs *j, const struct dx_actor *a, int64_t id, struct dx_buf *out)
{
	char path[512];
	char tmp[65536];
	struct job *b;
	FILE *f;
	size_t n;
	pthread_mutex_lock(&j->mu);
	if (id <= j->base || (id -= j->base) > (int64_t)j->n || strcmp((b = j->jobs[id - 1])->owner, a->acc.name) ||
	    b->state == JOB_RUNNING || !b->errors_path[0]) {
		pthread_mutex_unlock(&j->mu);
		return DX_NOT_FOUND;
	}
	dx_strlcpy(path, b->errors_path, sizeof(path));
	pthread_mutex_unlock(&j->mu);
	if (!(f = fopen(path, "rb")))
		return DX_NOT_FOUND;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		dx_buf_add(out, tmp, n);
	fclose(f);
	return out->err ? DX_NOMEM : DX_OK;
}
