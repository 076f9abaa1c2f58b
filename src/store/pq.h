/*
 * pq.h - libpq, loaded when the PostgreSQL driver is first used rather
 * than linked into every process.
 *
 * libpq brings a dozen libraries with it (Kerberos, LDAP, SASL, OpenSSL,
 * ...); mapping and relocating them cost every dixian process about 2.5 ms
 * of CPU at start-up (`dixian --help` 19.6 -> 22.1 ms), a SQLite county
 * screen about 2 % of its CPU, for a driver a SQLite store never calls.
 * So the PostgreSQL files (store_pg.c, backup_pg.c, cluster_pg.c) include
 * this header instead of <libpq-fe.h>: it gives libpq's types, and every
 * PQ... function they call becomes a call through dx_pq, filled from
 * libpq.so.5 by dx_pq_load() (store_pg_load.c).  A file that uses libpq calls dx_pq_load()
 * before its first PQ... call (in practice before it connects or parses a
 * connection string: every other call works on what those return).
 */
#ifndef DX_STORE_PQ_H
#define DX_STORE_PQ_H

#include <libpq-fe.h>

/* Every libpq function dixian calls. */
#define DX_PQ_FUNCS(X)                                                        \
	X(PQclear) X(PQcmdStatus) X(PQcmdTuples) X(PQconnectdb)               \
	X(PQconnectdbParams) X(PQconninfoFree) X(PQconninfoParse) X(PQdb)     \
	X(PQerrorMessage) X(PQescapeIdentifier) X(PQescapeLiteral) X(PQexec)  \
	X(PQexecParams) X(PQfinish) X(PQfreemem) X(PQgetResult)               \
	X(PQgetisnull) X(PQgetvalue) X(PQnfields) X(PQntuples) X(PQprepare)   \
	X(PQputCopyData) X(PQputCopyEnd) X(PQresultErrorField)                \
	X(PQresultErrorMessage) X(PQresultStatus) X(PQsendQueryPrepared)      \
	X(PQsetNoticeProcessor) X(PQsetSingleRowMode) X(PQstatus)              \
	X(PQtransactionStatus)

struct dx_pq_api {
#define DX_PQ_MEMBER(f) __typeof__(f) *f;
	DX_PQ_FUNCS(DX_PQ_MEMBER)
#undef DX_PQ_MEMBER
};

extern struct dx_pq_api dx_pq;

/*
 * Load libpq.so.5 and fill dx_pq, once per process (thread-safe; later
 * calls return the first one's answer).  DX_OK, or DX_DB with the reason
 * logged when the library or one of its functions is missing (the
 * PostgreSQL client library is not installed: Debian's libpq5).
 */
int dx_pq_load(void);

#ifndef DX_PQ_IMPL
#define DX_PQ_CALL(f) dx_pq.f
#define PQclear DX_PQ_CALL(PQclear)
#define PQcmdStatus DX_PQ_CALL(PQcmdStatus)
#define PQcmdTuples DX_PQ_CALL(PQcmdTuples)
#define PQconnectdb DX_PQ_CALL(PQconnectdb)
#define PQconnectdbParams DX_PQ_CALL(PQconnectdbParams)
#define PQconninfoFree DX_PQ_CALL(PQconninfoFree)
#define PQconninfoParse DX_PQ_CALL(PQconninfoParse)
#define PQdb DX_PQ_CALL(PQdb)
#define PQerrorMessage DX_PQ_CALL(PQerrorMessage)
#define PQescapeIdentifier DX_PQ_CALL(PQescapeIdentifier)
#define PQescapeLiteral DX_PQ_CALL(PQescapeLiteral)
#define PQexec DX_PQ_CALL(PQexec)
#define PQexecParams DX_PQ_CALL(PQexecParams)
#define PQfinish DX_PQ_CALL(PQfinish)
#define PQfreemem DX_PQ_CALL(PQfreemem)
#define PQgetResult DX_PQ_CALL(PQgetResult)
#define PQgetisnull DX_PQ_CALL(PQgetisnull)
#define PQgetvalue DX_PQ_CALL(PQgetvalue)
#define PQnfields DX_PQ_CALL(PQnfields)
#define PQntuples DX_PQ_CALL(PQntuples)
#define PQprepare DX_PQ_CALL(PQprepare)
#define PQputCopyData DX_PQ_CALL(PQputCopyData)
#define PQputCopyEnd DX_PQ_CALL(PQputCopyEnd)
#define PQresultErrorField DX_PQ_CALL(PQresultErrorField)
#define PQresultErrorMessage DX_PQ_CALL(PQresultErrorMessage)
#define PQresultStatus DX_PQ_CALL(PQresultStatus)
#define PQsendQueryPrepared DX_PQ_CALL(PQsendQueryPrepared)
#define PQsetNoticeProcessor DX_PQ_CALL(PQsetNoticeProcessor)
#define PQsetSingleRowMode DX_PQ_CALL(PQsetSingleRowMode)
#define PQstatus DX_PQ_CALL(PQstatus)
#define PQtransactionStatus DX_PQ_CALL(PQtransactionStatus)
#endif

#endif
