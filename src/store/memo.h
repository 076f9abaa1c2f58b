/*
 * memo.h - a connection's memo of answers it built from the store: bytes
 * under a key, with a short tag (what the caller needs to decide, on each
 * use, whether the asker may have them: an area code), kept only while
 * the driver's change stamp stays the one they were read under.
 *
 * The stamp moves with every commit, by this connection or any other (the
 * server's other workers, a `dixian import` in another process), so an
 * answer given from here is always the one a read would build now.  Taken
 * inside a read transaction it is that snapshot's, so a read and its
 * stamp agree.  A driver without a stamp (PostgreSQL), a connection
 * holding uncommitted writes, or a key or answer too large, remembers
 * nothing, and every call is a miss.
 *
 * Hand-written: a bounded map on one connection, a few dozen lines that no
 * library makes shorter.
 */
#ifndef DX_STORE_MEMO_H
#define DX_STORE_MEMO_H

#include "store/store.h"

/* What dx_store_memo_get took before the caller's read: the stamp that
 * read is as of.  ok = 0: the answer is not to be remembered (the key's
 * first ask, see memo.c, or nothing may be). */
struct dx_memo_ticket {
	int ok;
	int64_t stamp[2];
};

/* The bytes under key as of now: DX_OK with *data, *n and *tag (valid
 * until the next call on st), or DX_NOT_FOUND and a ticket for
 * dx_store_memo_put once the caller has read and built the answer.  An
 * answer is kept from the second ask of its key on. */
int dx_store_memo_get(struct dx_store *st, const char *key, struct dx_memo_ticket *t,
		      const char **data, size_t *n, const char **tag);
/* Remember data under key, as read under the ticket's stamp; a ticket
 * whose stamp is no longer the memo's is dropped. */
void dx_store_memo_put(struct dx_store *st, const struct dx_memo_ticket *t, const char *key,
		       const char *tag, const void *data, size_t n);
/* The memo's bound, in bytes of answers, on each connection. */
#define DX_MEMO_BYTES (8u << 20)

void dx_store_memo_free(struct dx_store *st);

#endif
