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
 * A finished job is kept for polling and for its error workbook, then
 * forgotten: after KEEP_SECONDS, or when more than `keep` finished jobs
 * are held (the oldest goes first).  So a server that runs for months
 * holds at most keep + MAX_RUNNING jobs, their problems cut to the
 * MAX_PROBLEMS the answer shows, and as many error workbooks on disk;
 * before, it kept every job and refused the 257th upload until restarted.
 * A forgotten number is answered as such, not as unknown.
 *
 * A server killed (kill -9, power cut) forgets its jobs; the import it was
 * running is one transaction, so the store rolls it back.  Two things must
 * not outlive it (issue 13): its job numbers, which a client may still
 * poll, and its uploaded files, which hold ID numbers.  A job's number is
 * the time it started, in TICKS a second since JOBS_EPOCH, and a server
 * never hands out a number ahead of the clock (two uploads in one tick:
 * the second waits for the next tick).  Every number a server gave is
 * therefore at most the time it was killed, and the next server, which
 * starts later, gives only numbers past its own start: never an earlier
 * server's number, even one restarted within the same second; a number
 * up to the start is answered as lost in a restart.  The uploads: the
 * directory is named after the server's pid, and a starting server
 * removes the directories of servers no longer running.
 */
#include "core/dx.h"
#include "http/jobs.h"
#include "app/ctx.h"
#include "app/import.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define KEEP_DEFAULT 256     /* finished jobs kept (DIXIAN_JOBS_KEEP) */
#define KEEP_MAX     100000
#define KEEP_SECONDS 3600    /* how long a finished job is kept (DIXIAN_JOBS_KEEP_SECONDS) */
#define MAX_RUNNING  2
#define MAX_PROBLEMS 50
#define JOBS_TMP     "/tmp"
#define JOBS_PREFIX  "dixian-jobs."
#define JOBS_EPOCH   1735689600 /* 2025-01-01 00:00 UTC, where numbering starts */
#define TICKS        64         /* job numbers a second: 11 digits only after 2074 */
#define NICE_DEFAULT 0          /* the import thread's nice value (DIXIAN_IMPORT_NICE) */
#define YIELD_DEFAULT 50        /* percent of its time an import gives the readers (DIXIAN_IMPORT_YIELD) */
#define YIELD_MAX     95
#define YIELD_SLEEP_MAX_MS 2000 /* the longest single pause (a writer ends one within 5 ms) */

enum job_state { JOB_RUNNING, JOB_DONE, JOB_FAILED };

struct job {
	int64_t id;
	char owner[64];
	char scope[13];
	struct dx_actor actor; /* who uploaded: the import's request context */
	struct dx_date today;  /* the day of the upload: the import's */
	char kind[16];
	char path[512];
	char errors_path[512]; /* the annotated error workbook, "" if none */
	int keep_valid;
	enum job_state state;
	int rc;
	uint64_t done, total;
	long rows;
	double paused_ms; /* the import's pauses for the readers (import_yield) */
	struct dx_import_result res;
	time_t ended; /* when it finished (monotonic seconds) */
	int joined;
	pthread_t th;
	struct dx_jobs *reg;
};

struct dx_jobs {
	pthread_mutex_t mu;
	char *db;
	char dir[64];
	struct job **jobs; /* in the order started (so by number) */
	size_t n, cap;     /* cap = keep + MAX_RUNNING */
	size_t keep;       /* finished jobs kept at most */
	long keep_seconds; /* and for at most this long */
	int64_t base;      /* numbers up to base: servers before this one */
	int64_t last;      /* the last number handed out (base at first) */
	int running;
	atomic_long *readers; /* the server's requests in flight (import_yield) */
};

/* Now in TICKS since JOBS_EPOCH, the clock job numbers are read from. */
static int64_t tick_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ((int64_t)ts.tv_sec - JOBS_EPOCH) * TICKS + ts.tv_nsec / (1000000000L / TICKS);
}

/* Sleep a quarter of a tick: the next job number is not yet due. */
static void tick_wait(void)
{
	struct timespec ts = {0, 1000000000L / TICKS / 4};
	nanosleep(&ts, NULL);
}

static time_t mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* A positive whole number from environment variable `name` within
 * [1, max], else `def` (a bad value is logged, never fatal: the server
 * still starts with the default). */
static long env_count(const char *name, long def, long max)
{
	const char *s = getenv(name);
	int64_t v;
	if (!s || !*s)
		return def;
	if (dx_parse_i64(s, &v) || v < 1 || v > max) {
		dx_log(DX_LOG_WARN, "%s must be a whole number from 1 to %ld; using %ld", name, max,
		       def);
		return def;
	}
	return (long)v;
}

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

void dx_jobs_watch_readers(struct dx_jobs *j, atomic_long *inflight)
{
	j->readers = inflight;
}

struct dx_jobs *dx_jobs_new(const char *db)
{
	struct dx_jobs *j = calloc(1, sizeof(*j));
	if (!j)
		return NULL;
	j->keep = (size_t)env_count("DIXIAN_JOBS_KEEP", KEEP_DEFAULT, KEEP_MAX);
	j->keep_seconds = env_count("DIXIAN_JOBS_KEEP_SECONDS", KEEP_SECONDS, 366L * 86400);
	j->cap = j->keep + MAX_RUNNING;
	if (!(j->jobs = calloc(j->cap, sizeof(*j->jobs)))) {
		free(j);
		return NULL;
	}
	sweep_dead();
	dx_snprintf(j->dir, sizeof(j->dir), "%s/%s%lld.XXXXXX", JOBS_TMP, JOBS_PREFIX,
	            (long long)getpid());
	if (!mkdtemp(j->dir)) {
		free(j->jobs);
		free(j);
		return NULL;
	}
	/* every number an earlier server gave is at most this tick */
	j->base = j->last = tick_now();
	pthread_mutex_init(&j->mu, NULL);
	j->db = dx_xstrdup(db);
	return j;
}

int dx_jobs_before_start(const struct dx_jobs *j, int64_t id)
{
	return id > 0 && id <= j->base;
}

/* The job numbered id, NULL if none is held; under j->mu. */
static struct job *find(struct dx_jobs *j, int64_t id)
{
	size_t lo = 0, hi = j->n;
	while (lo < hi) { /* numbers rise with the index */
		size_t mid = lo + (hi - lo) / 2;
		if (j->jobs[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < j->n && j->jobs[lo]->id == id ? j->jobs[lo] : NULL;
}

int dx_jobs_forgotten(struct dx_jobs *j, int64_t id)
{
	int r;
	pthread_mutex_lock(&j->mu);
	r = id > j->base && id <= j->last && !find(j, id);
	pthread_mutex_unlock(&j->mu);
	return r;
}

void dx_jobs_limits(const struct dx_jobs *j, long *keep, long *keep_seconds)
{
	*keep = (long)j->keep;
	*keep_seconds = j->keep_seconds;
}

/* Free job b, whose thread has ended or never started, and its files. */
static void drop(struct job *b)
{
	if (!b->joined)
		pthread_join(b->th, NULL);
	unlink(b->path);
	if (b->errors_path[0])
		unlink(b->errors_path);
	dx_import_result_release(&b->res);
	free(b);
}

/* Forget the finished jobs past their time, and the oldest finished ones
 * while `room` more would make more than j->keep; under j->mu.  A
 * finished job's thread has only its log line left to write, so the join
 * is short; a job never evicts itself (it is still running then). */
static void evict(struct dx_jobs *j, size_t room)
{
	time_t now = mono_now();
	size_t finished = 0, k = 0;
	for (size_t i = 0; i < j->n; i++)
		finished += j->jobs[i]->state != JOB_RUNNING;
	for (size_t i = 0; i < j->n; i++) {
		struct job *b = j->jobs[i];
		if (b->state != JOB_RUNNING &&
		    (finished + room > j->keep || now - b->ended >= (time_t)j->keep_seconds)) {
			finished--;
			drop(b);
		} else {
			j->jobs[k++] = b;
		}
	}
	j->n = k;
}

void dx_jobs_free(struct dx_jobs *j)
{
	if (!j)
		return;
	/* a finishing job evicts others, so wait for none to run rather than
	 * join them here while it may */
	for (;;) {
		int running;
		pthread_mutex_lock(&j->mu);
		running = j->running;
		pthread_mutex_unlock(&j->mu);
		if (!running)
			break;
		tick_wait();
	}
	for (size_t i = 0; i < j->n; i++)
		drop(j->jobs[i]);
	rmdir(j->dir);
	pthread_mutex_destroy(&j->mu);
	free(j->jobs);
	free(j->db);
	free(j);
}

/* The import job's progress callback's state: its job, and its pauses. */
struct progress {
	struct job *b;
	struct dx_store *st; /* the import's connection */
	int yield;           /* percent of its time given to the readers */
	int64_t since;       /* monotonic ns: end of the last pause */
};

static int64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/*
 * Reads during an upload (issue 14).  An import is one transaction -- a
 * faulty file keeps nothing, and a server killed mid-import leaves the
 * store as it was -- so it cannot give the write lock back between
 * batches: committing them would leave half a ledger in the store when a
 * later row turns out bad, or when the server dies.  What it takes from
 * the readers is CPU (WAL readers never wait for a writer).  So between
 * progress ticks (every 4,096 rows) the import pauses for `yield` percent
 * of its time -- while the server has requests in flight (readers to
 * leave the CPU to; with none it runs at full speed: an upload on a quiet
 * server is not made slower) and no writer waits for the write lock.
 * When one queues (dx_store_writers_waiting), the import stops pausing
 * and runs at full speed to its commit, so the writer waits only for the
 * import's own work, never for its pauses.  Unlike a nice value, this
 * needs no privilege to undo (DIXIAN_IMPORT_NICE starved the import
 * while writers queued behind it).  DIXIAN_IMPORT_YIELD=0..95 sets the
 * share (default YIELD_DEFAULT; 0 = never pause).
 */
static void import_yield(struct progress *p)
{
	int64_t now = mono_ns(), pause;
	atomic_long *readers = p->b->reg->readers;
	if (p->yield <= 0 || !readers || atomic_load(readers) <= 0 ||
	    dx_store_writers_waiting(p->st) > 0) {
		p->since = now;
		return;
	}
	pause = (now - p->since) * p->yield / (100 - p->yield);
	if (pause > (int64_t)YIELD_SLEEP_MAX_MS * 1000000)
		pause = (int64_t)YIELD_SLEEP_MAX_MS * 1000000;
	/* slept in short steps: a writer that queues meanwhile ends it */
	while (pause > 0 && atomic_load(readers) > 0 && dx_store_writers_waiting(p->st) == 0) {
		int64_t step = pause < 5000000 ? pause : 5000000;
		struct timespec ts = {0, (long)step};
		nanosleep(&ts, NULL);
		pause -= step;
		pthread_mutex_lock(&p->b->reg->mu);
		p->b->paused_ms += step / 1000000.0;
		pthread_mutex_unlock(&p->b->reg->mu);
	}
	p->since = mono_ns();
}

static void on_progress(void *arg, uint64_t done, uint64_t total, long rows)
{
	struct progress *p = arg;
	struct job *b = p->b;
	pthread_mutex_lock(&b->reg->mu);
	b->done = done;
	b->total = total;
	b->rows = rows;
	pthread_mutex_unlock(&b->reg->mu);
	if (done < total || !total)
		import_yield(p);
}

/* The import's share given to the readers, from DIXIAN_IMPORT_YIELD. */
static int yield_share(void)
{
	const char *env = getenv("DIXIAN_IMPORT_YIELD");
	int64_t v;
	if (!env || !*env)
		return YIELD_DEFAULT;
	if (dx_parse_i64(env, &v) || v < 0 || v > YIELD_MAX) {
		dx_log(DX_LOG_WARN, "DIXIAN_IMPORT_YIELD must be a whole number from 0 to %d; using %d",
		       YIELD_MAX, YIELD_DEFAULT);
		return YIELD_DEFAULT;
	}
	return (int)v;
}

/*
 * The import may yield the CPU to the readers (issue 14: reads keep
 * answering, p99 under 100 ms, while a 300k-row ledger is imported).
 * WAL readers never wait for the import's write transaction, so what a
 * running import takes from them is CPU: DIXIAN_IMPORT_NICE=1..19 lowers
 * this thread alone (Linux keeps a nice value per thread) to that nice
 * value.  On an idle server the import still runs at full speed; under a
 * full read load it gets a sliver of a core.  Off by default: the import
 * holds the store's write lock while it runs, and writers queued behind a
 * starved import waited past their 20 s (test_load_mixed answered visits
 * 503 under ASan at nice 19) -- an unprivileged thread cannot raise its
 * priority back when a writer queues.  The value read back is logged.
 */
static void lower_priority(int64_t id)
{
	const char *env = getenv("DIXIAN_IMPORT_NICE");
	int64_t nice = NICE_DEFAULT;
	pid_t tid = gettid();
	if (env && *env && (dx_parse_i64(env, &nice) || nice < 0 || nice > 19)) {
		dx_log(DX_LOG_WARN, "DIXIAN_IMPORT_NICE must be a whole number from 0 to 19; using %d",
		       NICE_DEFAULT);
		nice = NICE_DEFAULT;
	}
	if (nice > 0 && setpriority(PRIO_PROCESS, (id_t)tid, (int)nice))
		dx_log(DX_LOG_WARN, "import job %lld: cannot lower its priority: %s", (long long)id,
		       strerror(errno));
	errno = 0;
	nice = getpriority(PRIO_PROCESS, (id_t)tid);
	if (!errno)
		dx_log(DX_LOG_INFO, "import job %lld runs at nice %d", (long long)id, (int)nice);
}

static void *run(void *arg)
{
	struct job *b = arg;
	struct dx_import_opts o;
	struct dx_import_result res;
	struct dx_store *st = NULL;
	struct dx_ctx cx;
	struct progress pr = {b, NULL, yield_share(), 0};
	double paused;
	int64_t id = b->id;
	int rc;
	memset(&o, 0, sizeof(o));
	memset(&res, 0, sizeof(res));
	o.kind = b->kind;
	o.path = b->path;
	o.keep_valid = b->keep_valid;
	o.progress = on_progress;
	o.arg = &pr;
	lower_priority(id);
	rc = dx_store_open(&st, b->reg->db, 0);
	if (!rc) {
		pr.st = st;
		pr.since = mono_ns();
		dx_ctx_for(&cx, st, &b->actor, &b->today);
		rc = dx_import_run(&cx, &o, &res);
	}
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
	/* the answer shows MAX_PROBLEMS; the rest are in the workbook, and
	 * kept by up to `keep` jobs they could take gigabytes */
	for (size_t i = MAX_PROBLEMS; i < res.nproblems; i++) {
		free(res.problems[i].column);
		free(res.problems[i].msg);
	}
	if (res.nproblems > MAX_PROBLEMS)
		res.nproblems = MAX_PROBLEMS;
	pthread_mutex_lock(&b->reg->mu);
	evict(b->reg, 1); /* room for this one among the finished kept */
	b->res = res;
	b->rc = rc;
	/* DX_INVALID: read to the end; the problems say why nothing (or less)
	 * was kept */
	b->state = rc == DX_OK || rc == DX_INVALID ? JOB_DONE : JOB_FAILED;
	b->ended = mono_now();
	paused = b->paused_ms;
	b->reg->running--;
	pthread_mutex_unlock(&b->reg->mu);
	/* b may be evicted from here on: only the copy of its number is read */
	dx_log(DX_LOG_INFO, "import job %lld finished: %s (paused %.0f ms for the readers)",
	       (long long)id, dx_strerror(rc), paused);
	return NULL;
}

int dx_jobs_start_import(struct dx_jobs *j, const struct dx_actor *a,
                         const struct dx_date *today, const char *kind, const char *data,
                         size_t len, int keep_valid, int64_t *id, struct dx_buf *why)
{
	static const char *const kinds[] = {"persons",  "incomes",       "warnings",     "measures",
	                                    "visits",   "projects",      "payments",     "beneficiaries",
	                                    "assets",   "loans",         "applications", "relief",
	                                    "problems", "training"};
	struct job *b = NULL;
	size_t k;
	int64_t now;
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
	if (!(b = calloc(1, sizeof(*b))))
		return DX_NOMEM;
	for (;;) {
		pthread_mutex_lock(&j->mu);
		if (j->running >= MAX_RUNNING) {
			pthread_mutex_unlock(&j->mu);
			free(b);
			dx_buf_addf(why,
			            "已有 %d 个导入任务正在进行（同时最多 %d 个）：请等其中一个完成后"
			            "再上传，通常几十秒即可",
			            MAX_RUNNING, MAX_RUNNING);
			return DX_BUSY;
		}
		/* never ahead of the clock (see the top of the file) */
		if ((now = tick_now()) > j->last)
			break;
		pthread_mutex_unlock(&j->mu);
		tick_wait();
	}
	evict(j, 0);
	b->id = j->last = now;
	b->reg = j;
	b->keep_valid = keep_valid;
	b->state = JOB_RUNNING;
	b->actor = *a;
	b->today = *today;
	dx_strlcpy(b->owner, a->acc.name, sizeof(b->owner));
	dx_strlcpy(b->scope, a->acc.scope, sizeof(b->scope));
	dx_strlcpy(b->kind, kinds[k], sizeof(b->kind));
	dx_snprintf(b->path, sizeof(b->path), "%s/upload-%lld", j->dir, (long long)b->id);
	j->jobs[j->n++] = b; /* at most keep finished, fewer than MAX_RUNNING running */
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
		b->ended = mono_now();
		j->running--;
		unlink(b->path);
		pthread_mutex_unlock(&j->mu);
		return rc;
	}
	*id = b->id;
	return DX_OK;
}

double dx_jobs_paused_ms(struct dx_jobs *j, int64_t id)
{
	struct job *b;
	double ms = -1;
	pthread_mutex_lock(&j->mu);
	if ((b = find(j, id)))
		ms = b->paused_ms;
	pthread_mutex_unlock(&j->mu);
	return ms;
}

int dx_jobs_get(struct dx_jobs *j, const struct dx_actor *a, int64_t id, cJSON **out)
{
	struct job *b;
	cJSON *o, *ps;
	*out = NULL;
	pthread_mutex_lock(&j->mu);
	evict(j, 0); /* those past their time, though no upload came since */
	if (!(b = find(j, id)) || strcmp(b->owner, a->acc.name)) {
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
	evict(j, 0);
	if (!(b = find(j, id)) || strcmp(b->owner, a->acc.name) || b->state == JOB_RUNNING ||
	    !b->errors_path[0]) {
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
