/*
 * jobs.h - background jobs of the server: a ledger upload imported on a
 * thread of its own (with its own store connection) while the request
 * that started it has long been answered; GET /api/jobs/{id} reads its
 * progress.  Jobs live in memory: a restart forgets them (the import's
 * own log stays in the store), and job numbers are never reused by a
 * later server (a number is the job's start time, never ahead of the
 * clock).  A finished job is kept for its result and error workbook for
 * an hour and among the last 256 finished, then forgotten; the
 * environment variables DIXIAN_JOBS_KEEP (how many, 1 to 100000) and
 * DIXIAN_JOBS_KEEP_SECONDS, read when the server starts, change both.
 */
#ifndef DX_HTTP_JOBS_H
#define DX_HTTP_JOBS_H

#include "app/account.h"

#include <stdatomic.h>

struct cJSON;
struct dx_jobs;

/* New job registry for the store at db, keeping upload files in a private
 * temporary directory; NULL on failure. */
struct dx_jobs *dx_jobs_new(const char *db);
/* 1 if job number id was handed out before this registry started (by a
 * server since stopped or killed): its result is lost, not unknown. */
int dx_jobs_before_start(const struct dx_jobs *j, int64_t id);
/* 1 if job number id was handed out by this server and has since been
 * forgotten (finished long ago, or many jobs ago). */
int dx_jobs_forgotten(struct dx_jobs *j, int64_t id);
/* How many finished jobs are kept, and how many seconds at most. */
void dx_jobs_limits(const struct dx_jobs *j, long *keep, long *keep_seconds);
/* The server's count of requests in flight: an import pauses for the
 * readers (jobs.c, import_yield) only while it is above zero.  Without
 * one (NULL, the default) an import never pauses: nobody reads. */
void dx_jobs_watch_readers(struct dx_jobs *j, atomic_long *inflight);
/* Wait for every running job, remove the temporary files and free. */
void dx_jobs_free(struct dx_jobs *j);

/*
 * Start importing `data` (len bytes, an xlsx or csv ledger of `kind`) as
 * actor a, within its scope, on the day `today` (the upload's: the job's
 * rules see that day however long it runs).  *id gets the job's number.
 * DX_BUSY with why (when to retry) while two jobs run; DX_INVALID for an
 * unknown kind.
 */
int dx_jobs_start_import(struct dx_jobs *j, const struct dx_actor *a,
                         const struct dx_date *today, const char *kind, const char *data,
                         size_t len, int keep_valid, int64_t *id, struct dx_buf *why);
/* The job `id` as JSON (state, progress, counts, problems) into *out; a
 * job another account started is DX_NOT_FOUND. */
int dx_jobs_get(struct dx_jobs *j, const struct dx_actor *a, int64_t id, struct cJSON **out);

/* How long job `id` has paused so far for the readers, in ms (jobs.c,
 * import_yield); -1 if there is no such job.  For tests and the log. */
double dx_jobs_paused_ms(struct dx_jobs *j, int64_t id);

/* The annotated error workbook of finished job `id` (the uploaded sheet
 * with the cells in error marked and a 错误说明 column) into out;
 * DX_NOT_FOUND if the job is another account's, running, or had no
 * problems. */
int dx_jobs_errors(struct dx_jobs *j, const struct dx_actor *a, int64_t id, struct dx_buf *out);

#endif
