/*
 * outfile.h - every file dixian writes (exports, reports, notices, error
 * workbooks, feedback sheets) goes through here (issue 13.3), so that:
 *
 *  - an output that is the store, one of its -wal/-shm/-journal files, or a
 *    file this process is reading as input (same inode, or the same name in
 *    the same directory) is refused before a byte is written;
 *  - the output is written to a temporary file beside the target, flushed
 *    to disk and renamed over it: a full disk, a crash or an error never
 *    leaves a truncated or empty file where a good one was.
 *
 *	struct dx_outfile o;
 *	if ((rc = dx_outfile_open(&o, path, 0)))        refused or cannot create
 *		return rc;                               (dx_outfile_why(rc) says why)
 *	fwrite(..., o.f);                                or write o.name by name
 *	rc = dx_outfile_commit(&o);                      or dx_outfile_abort(&o)
 *
 * A target that exists and is not a regular file (a terminal, a pipe,
 * /dev/null) is written in place: there is nothing to rename over.
 */
#ifndef DX_CORE_OUTFILE_H
#define DX_CORE_OUTFILE_H

#include <stdio.h>

struct dx_outfile {
	char *path; /* the target */
	char *name; /* where to write: the temporary file (or path itself) */
	FILE *f;    /* open on name for writing, NULL with DX_OUTFILE_BY_NAME */
	int tmp;    /* name is a temporary file to rename over path */
};

/* The writer opens o.name itself (libxlsxwriter): no stream is kept. */
#define DX_OUTFILE_BY_NAME 1u

/*
 * Start writing path.  Returns DX_OK with o ready; DX_EXISTS when path is
 * the store or an input (nothing is created); DX_IO when the temporary
 * file cannot be created.  On failure o needs no abort.
 */
int dx_outfile_open(struct dx_outfile *o, const char *path, unsigned flags);

/*
 * Finish: flush and fsync the temporary file, rename it over the target
 * and fsync the directory.  Returns DX_OK or DX_IO (then the target is as
 * it was and the temporary file is gone).  o is released either way.
 */
int dx_outfile_commit(struct dx_outfile *o);

/* Give up: close and remove the temporary file.  NULL-safe, and safe on a
 * released o. */
void dx_outfile_abort(struct dx_outfile *o);

/*
 * Protect path from being written over for the rest of the process: the
 * store when it is opened (store != 0: its -wal, -shm and -journal files
 * too), each input when it is read.  A path that does not exist is ignored.
 */
void dx_outfile_protect(const char *path, int store);

/* The user's reason (Chinese) for a code dx_outfile_open() or
 * dx_outfile_commit() returned, NULL for another code. */
const char *dx_outfile_why(int rc);

#endif
