/*
 * dx.h - error codes, logging and small helpers shared by every layer.
 *
 * Functions return 0 (DX_OK) or a positive enum dx_err.  The codes are API:
 * they reach the HTTP layer as statuses and scripts as exit codes, so never
 * renumber one; add new ones at the end.
 *
 * Every .c file includes this header (directly or through another dx
 * header) before anything else, so banned.h applies everywhere.
 */
#ifndef DX_DX_H
#define DX_DX_H

/* System headers that declare banned functions come before banned.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* X(name, code, http status, English description) */
#define DX_ERRORS(X)                                                 \
	X(OK, 0, 200, "success")                                     \
	X(NOMEM, 1, 500, "out of memory")                            \
	X(INVALID, 2, 400, "invalid input")                          \
	X(NOT_FOUND, 3, 404, "not found")                            \
	X(EXISTS, 4, 409, "already exists")                          \
	X(DENIED, 5, 403, "permission denied")                       \
	X(IO, 6, 500, "input/output error")                          \
	X(DB, 7, 500, "database error")                              \
	X(BUSY, 8, 503, "store is busy")                             \
	X(VERSION, 9, 500, "store version not supported")            \
	X(STATE, 10, 409, "not allowed in the current state")        \
	X(TOOBIG, 11, 413, "input too large")                        \
	X(USAGE, 12, 400, "bad usage")                               \
	X(LIMITED, 13, 429, "too many attempts")                      \
	X(KEY, 14, 403, "ID numbers are protected: key missing or wrong")

enum dx_err {
#define DX_ERR_ENUM(name, code, http, desc) DX_##name = code,
	DX_ERRORS(DX_ERR_ENUM)
#undef DX_ERR_ENUM
};

/* English description of rc, never NULL. */
const char *dx_strerror(int rc);
/* HTTP status for rc (500 for unknown codes). */
int dx_http_status(int rc);

/*
 * An error as a value: what a use case hands back to its front end, which
 * alone turns it into text (the CLI prints msg on stderr, the HTTP layer
 * answers with it).  code is an enum dx_err; msg is for the user, in
 * Chinese, saying what to change; detail is for the log, in English,
 * without personal data; file, row and col say where in an imported file
 * (row as Excel shows it, 0 = none; col -1 = none).  An import's many
 * problems are a stream of their own (app/import.h, struct dx_problem)
 * with the same row/column/message shape.
 */
struct dx_err_info {
	int code;
	char msg[2048];
	char detail[256];
	const char *file;
	long row;
	int col;
};
/* Set e (may be NULL) to code with the Chinese message fmt; returns code,
 * so call sites read `return dx_err_set(e, DX_USAGE, "...", ...);`.  The
 * detail is left empty and row/col cleared. */
int dx_err_set(struct dx_err_info *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Add the English detail to e (may be NULL); returns e's code. */
int dx_err_detail(struct dx_err_info *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Log levels.  Messages are English and never carry personal data.  The
 * library never prints: every message goes to the sink the front end
 * installs once in main() (as SQLite's SQLITE_CONFIG_LOG), the CLI's
 * printing to stderr, the server's writing its log.  With no sink the
 * messages are dropped.  The sink is process-wide configuration, set
 * before any thread starts; it must be safe to call from any thread.
 */
enum dx_log_level { DX_LOG_DEBUG, DX_LOG_INFO, DX_LOG_WARN, DX_LOG_ERROR, DX_LOG_NONE };
typedef void dx_log_sink(void *arg, enum dx_log_level lvl, const char *msg);
void dx_log_set_sink(dx_log_sink *fn, void *arg);
void dx_log_set_level(enum dx_log_level lvl);
/* The level's English name ("debug", "info", "warning", "error"). */
const char *dx_log_level_name(enum dx_log_level lvl);
void dx_log(enum dx_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* dx_log of a message already formatted (the server's access log line,
 * built without printf: one per request). */
void dx_log_str(enum dx_log_level lvl, const char *msg);

/* Log `fmt` as an error and return rc, so call sites read
 * `return dx_error(DX_IO, "cannot open '%s'", path);`. */
int dx_error(int rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Allocation that dies on failure: only for small bookkeeping allocations
 * whose failure leaves nothing sensible to do (as git's xmalloc). */
void *dx_xmalloc(size_t n);
void *dx_xcalloc(size_t n, size_t size);
void *dx_xrealloc(void *p, size_t n);
char *dx_xstrdup(const char *s);
char *dx_xstrndup(const char *s, size_t n);

/*
 * Allocation sized by input (a file's rows, strings, styles) fails as a
 * value instead: grow the array *pp of *alloc elements of `elem` bytes to
 * hold at least `need`, doubling (from 16), never past `cap` elements.
 * DX_TOOBIG when need > cap (the input is beyond what Dixian reads),
 * DX_NOMEM when the size overflows or memory runs out; on either the
 * array and *alloc are as they were.  pp is a `T **`.
 */
int dx_grow(void *pp, size_t *alloc, size_t need, size_t elem, size_t cap);

/* Copy at most size-1 bytes and NUL-terminate; returns strlen(src). */
size_t dx_strlcpy(char *dst, const char *src, size_t size);
/* snprintf that never overflows; returns DX_TOOBIG when truncated. */
int dx_snprintf(char *dst, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Parse a whole decimal integer (optional sign, no junk); 0 or DX_INVALID. */
int dx_parse_i64(const char *s, int64_t *out);

/* Static functions that unit tests reach (curl's UNITTEST): visible when
 * built for the test binaries' library, which is every build here. */
#define DX_TESTABLE

#define DX_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#include "core/banned.h"

#endif
