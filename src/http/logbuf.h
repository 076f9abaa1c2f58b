/*
 * logbuf.h - the server's log written in blocks of whole lines.
 *
 * `dixian serve` writes one access-log line per request; a write(2) for
 * each costs a system call a request, so the lines are gathered and
 * written in blocks.  stdio's full buffering did that, but when its buffer
 * filled in the middle of a line it wrote out the part that fitted: a
 * kill -9 between that write and the next could leave half a line in the
 * log.  This buffer writes whole lines only: a line that does not fit
 * sends the lines before it and starts the next block.  The server
 * flushes it on a timer and at the stop (server.c).
 */
#ifndef DX_HTTP_LOGBUF_H
#define DX_HTTP_LOGBUF_H

#include "core/dx.h"

#include <pthread.h>

struct dx_logbuf {
	pthread_mutex_t mu;
	int fd;       /* where the blocks go */
	char *buf;    /* cap bytes: whole lines, each ending in '\n' */
	size_t cap, n;
	int direct;   /* 1: every line written at once (after the stop) */
};

/* A buffer of cap bytes (at least 64) writing to fd. */
void dx_logbuf_init(struct dx_logbuf *b, int fd, size_t cap);
/* Append "prefix" "msg" "\n" as one line (a '\n' inside msg is written
 * as a space: a line is a record).  Writes out the buffered lines first
 * when this one does not fit; a line longer than the buffer goes out on
 * its own.  Safe from any thread. */
void dx_logbuf_line(struct dx_logbuf *b, const char *prefix, const char *msg);
/* Write out the buffered lines. */
void dx_logbuf_flush(struct dx_logbuf *b);
/* Flush, and from now on write every line at once. */
void dx_logbuf_direct(struct dx_logbuf *b);
void dx_logbuf_release(struct dx_logbuf *b);

#endif
