/*
 * logbuf.c - the server's log in blocks of whole lines (logbuf.h).
 *
 * A mutex and a byte array: the lines are appended whole and the array is
 * written out with write(2) (retried on EINTR and short writes) when the
 * next line does not fit, on the server's timer, and at the stop.  A
 * failing write drops the block: the log must never stop the server.
 */
#include "core/dx.h"
#include "http/logbuf.h"

#include <errno.h>
#include <unistd.h>

void dx_logbuf_init(struct dx_logbuf *b, int fd, size_t cap)
{
	memset(b, 0, sizeof(*b));
	pthread_mutex_init(&b->mu, NULL);
	b->fd = fd;
	b->cap = cap < 64 ? 64 : cap;
	b->buf = dx_xmalloc(b->cap);
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* Under the mutex: the buffered lines out. */
static void flush_locked(struct dx_logbuf *b)
{
	write_all(b->fd, b->buf, b->n);
	b->n = 0;
}

/* Under the mutex: s (n bytes) into the buffer, newlines as spaces. */
static void put(struct dx_logbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		b->buf[b->n++] = s[i] == '\n' ? ' ' : s[i];
}

void dx_logbuf_line(struct dx_logbuf *b, const char *prefix, const char *msg)
{
	size_t np = strlen(prefix), nm = strlen(msg), need = np + nm + 1;
	pthread_mutex_lock(&b->mu);
	if (b->n + need > b->cap)
		flush_locked(b);
	if (need > b->cap) {
		/* longer than a block: on its own, in one write */
		char *line = dx_xmalloc(need);
		memcpy(line, prefix, np);
		for (size_t i = 0; i < nm; i++)
			line[np + i] = msg[i] == '\n' ? ' ' : msg[i];
		line[need - 1] = '\n';
		write_all(b->fd, line, need);
		free(line);
	} else {
		put(b, prefix, np);
		put(b, msg, nm);
		b->buf[b->n++] = '\n';
		if (b->direct)
			flush_locked(b);
	}
	pthread_mutex_unlock(&b->mu);
}

void dx_logbuf_flush(struct dx_logbuf *b)
{
	pthread_mutex_lock(&b->mu);
	flush_locked(b);
	pthread_mutex_unlock(&b->mu);
}

void dx_logbuf_direct(struct dx_logbuf *b)
{
	pthread_mutex_lock(&b->mu);
	flush_locked(b);
	b->direct = 1;
	pthread_mutex_unlock(&b->mu);
}

void dx_logbuf_release(struct dx_logbuf *b)
{
	if (!b->buf)
		return;
	dx_logbuf_flush(b);
	pthread_mutex_destroy(&b->mu);
	free(b->buf);
	b->buf = NULL;
}
