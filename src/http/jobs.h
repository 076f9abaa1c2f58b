/*
 * jobs.h - background jobs of the server: a ledger upload imported on a
 * thread of its own (with its own store connection) while the request
 * that started it has long been answered; GET /api/jobs/{id} reads its
 * progress.  Jobs live in memory: a restart forgets them (the import's
 * own log stays in the store), and job numbers are never reused by a
 * later server (they start from its start time).
 */
#ifndef DX_HTTP_JOBS_H
#define DX_HTTP_JOBS_H

#include "app/account.h"

struct cJSON;
struct dx_jobs;

/* New job registry for the store at db, keeping upload files in a private
 * temporary directory; NULL on failure. */
struct dx_jobs *dx_jobs_new(const char *db);
/* 1 if job number id was handed out before this registry started (by a
 * server since stopped or killed): its result is lost, not unknown. */
int dx_jobs_before_start(const struct dx_jobs *j, int64_t id);
/* Wait for every running job, remove the temporary files and free. */
void dx_jobs_free(struct dx_jobs *j);

/*
 * Start importing `data` (len bytes, an xlsx or csv ledger of `kind`) as
 * actor a, within its scope.  *id gets the job's number.  DX_BUSY with
 * why when too many jobs run; DX_INVALID for an unknown kind.
 */
int dx_jobs_start_import(struct dx_jobs *j, const struct dx_actor *a, const char *kind,
                         const char *data, size_t len, int keep_valid, int64_t *id,
                         struct dx_buf *why);
/* The job `id` as JSON (state, progress, counts, problems) into *out; a
 * job another account started is DX_NOT_FOUND. */
int dx_jobs_get(struct dx_jobs *j, const struct dx_actor *a, int64_t id, struct cJSON **out);

/* The annotated error workbook of finished job `id` (the uploaded sheet
 * with the cells in error marked and a 错误说明 column) into out;
 * DX_NOT_FOUND if the job is another account's, running, or had no
 * problems. */
int dx_jobs_errors(struct dx_jobs *j, const struct dx_actor *a, int64_t id, struct dx_buf *out);

#endif
