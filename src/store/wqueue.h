/*
 * wqueue.h - the writers of one store file in this process, in order
 * (wqueue.c says why).
 */
#ifndef DX_WQUEUE_H
#define DX_WQUEUE_H

struct dx_wqueue;

/* The queue of the file at path, shared by every connection of this
 * process to the same file; NULL for no file (nothing to share) or when
 * memory runs out (writers then meet in the store's own lock only). */
struct dx_wqueue *dx_wqueue_get(const char *path);
/* Drop one reference; the last frees the queue. */
void dx_wqueue_put(struct dx_wqueue *q);
/* Wait, in order of arrival, until no other connection of this process
 * writes, at most wait_ms: DX_OK (the caller writes now and must call
 * dx_wqueue_leave) or DX_BUSY.  A NULL queue is DX_OK at once. */
int dx_wqueue_enter(struct dx_wqueue *q, int wait_ms);
/* The caller's write is over; the next in line goes. */
void dx_wqueue_leave(struct dx_wqueue *q);
/* How many writers wait in q now (not counting the one that writes): a
 * long writer may look at it, and a test waits on it instead of sleeping. */
int dx_wqueue_waiting(struct dx_wqueue *q);

#endif
