/*
 * store_pg.c - the PostgreSQL driver (issue 16): the store a city or a
 * province runs on one server, behind the same struct dx_driver as the
 * SQLite driver, on libpq.
 *
 * Targets: a postgresql:// or postgres:// URI or a libpq key=value string
 * (dx_store_is_pg_target, store.c), handed to PQconnectdb as given; every
 * message names it masked (st->shown) and a libpq message never carries
 * the password (pg_scrub).  Each connection talks UTF-8 and UTC, waits at
 * most DX_STORE_BUSY_MS for a lock (lock_timeout), and a read-only open
 * sets default_transaction_read_only.  A command that creates a store
 * (DX_STORE_CREATE: init, demo, import) creates a database the server does
 * not have yet (create_database), as SQLite's creates a missing file.
 *
 * Statements: the entity modules' `?` and `?N` become $n (pg_rewrite, never
 * inside a literal, a quoted name or a comment), and each is PREPAREd once
 * per connection under its own name, a parameter the text never names
 * declared text (as tests/store/pg_check.py declares it), the others
 * inferred.  Parameters go as text and results come back as text: col_int
 * parses them (a boolean 't'/'f' reads 1/0).  A statement runs on its
 * first step and keeps its whole result, which later steps walk, so that
 * statements interleave on one connection as SQLite's do.
 *
 * Transactions: a writer's BEGIN (store.c says "BEGIN IMMEDIATE") is
 * SERIALIZABLE, a reader's REPEATABLE READ: a reader sees one snapshot, a
 * writer behaves as if alone, as under SQLite's one write lock.  A
 * serialization failure or deadlock (40001, 40P01) and a lock waited for
 * past lock_timeout (55P03) are DX_BUSY, which dx_store_txn retries a
 * bounded number of times.  Constraint failures: a duplicate (23505) is
 * DX_EXISTS, a broken reference, check or NOT NULL (23503, 23514, 23502)
 * and a value of the wrong type (22xxx) DX_INVALID.  Unlike SQLite, a
 * failed statement inside a transaction aborts it: the caller rolls back.
 *
 * Bulk loads: members and households go in through COPY FROM STDIN (text
 * format) inside the current transaction, with ids reserved from the
 * tables' identity sequences (or the caller's, after which the sequence
 * is moved past them).  The schema is src/store/schema_pg.c's
 * (dx_pg_migrations, the same version numbers as SQLite's).
 *
 * libpq comes through store/pq.h, loaded as the first store opens.
 */
#include "core/dx.h"
#include "core/mask.h"
#include "store/derived.h"
#include "store/store_int.h"

#include "store/pq.h"
#include <stdlib.h>

#include "store/schema_pg.h"

enum { PG_TEXTOID = 25 }; /* pg_type.oid of text (catalog/pg_type_d.h) */

struct pg_conn {
	PGconn *c;
	unsigned next_name;  /* statement names: dx1, dx2, ... */
	int64_t changes;     /* rows of the last INSERT, UPDATE or DELETE */
	int defer_fk;        /* fk_enforce(0): the next BEGIN defers constraints */
	int64_t trips;       /* round trips to the server (dx_pg_round_trips) */
	int64_t person_ids_to; /* the largest member id this session reserved */
	int bulk_rebuild;    /* this bulk load rebuilds (pg_defer_schema) */
	/* a COPY sent whose result has not been read (copy_in), and what
	 * reading it found: the next statement reads it first (pg_settle) */
	struct dx_store *copy_st;
	int copy_err;
	struct pg_stmt *active; /* the statement whose rows are coming in */
	char *password;      /* the target's password, never shown (pg_scrub) */
};

struct pg_stmt {
	struct dx_stmt base;
	struct dx_store *st;
	char name[16];
	int nparams;
	const char **vals;  /* the bound values (NULL = NULL) */
	char **owned;       /* copies bind_text made, freed on reset */
	char (*num)[24];    /* bind_int's text */
	/* the run (pg_step): started, finished (rows all read), the row
	 * stepped to (one single-row result), and the rows a look-up on
	 * another statement made us buffer (pg_drain), with their end's
	 * code */
	int started, done, err;
	PGresult *cur;
	PGresult **buf;
	size_t nbuf, ibuf, capbuf;
};

static const struct dx_driver *pg_self(void);

static struct pg_conn *conn_of(struct dx_store *st)
{
	return st->drv_data;
}

/* ---- messages ---- */

/* libpq's message, one line, with the target's password (should a server
 * or libpq ever echo it) replaced by ***, and what looks like an ID or a
 * phone number masked (a value the server quotes): into buf. */
static const char *pg_scrub(struct pg_conn *pc, const char *msg, char *buf, size_t size)
{
	struct dx_buf b = DX_BUF_INIT;
	const char *p = msg ? msg : "";
	const char *pw = pc ? pc->password : NULL;
	size_t pwlen = pw ? strlen(pw) : 0;
	while (*p) {
		if (pwlen && !strncmp(p, pw, pwlen)) {
			dx_buf_adds(&b, "***");
			p += pwlen;
			continue;
		}
		dx_buf_add(&b, (*p == '\n' || *p == '\t') ? " " : p, 1);
		p++;
	}
	while (b.len && b.buf[b.len - 1] == ' ')
		b.buf[--b.len] = '\0';
	dx_strlcpy(buf, b.len ? b.buf : "unknown error", size);
	dx_buf_release(&b);
	dx_mask_text(buf);
	return buf;
}

/* The dx code of a failed result (or of the connection when res is NULL),
 * logged in English with what was being done. */
static int pg_fail(struct dx_store *st, const PGresult *res, const char *what)
{
	struct pg_conn *pc = conn_of(st);
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char line[512];
	/* the primary message only: the DETAIL of a constraint's failure
	 * quotes the row's values (a 身份证号), which no log may hold */
	if (!msg || !*msg)
		msg = pc && pc->c ? PQerrorMessage(pc->c) : "no connection";
	pg_scrub(pc, msg, line, sizeof(line));
	if (!state || (pc && pc->c && PQstatus(pc->c) != CONNECTION_OK))
		return dx_error(DX_DB, "store '%s': %s: %s", st->shown, what, line);
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03")) {
		dx_log(DX_LOG_DEBUG, "store '%s' busy (%s): %s", st->shown, state, line);
		return DX_BUSY;
	}
	if (!strcmp(state, "23505"))
		return dx_error(DX_EXISTS, "constraint: %s", line);
	if (!strncmp(state, "23", 2) || !strncmp(state, "22", 2))
		return dx_error(DX_INVALID, "constraint: %s", line);
	if (!strcmp(state, "25006"))
		return dx_error(DX_DENIED, "%s: the store is read-only: %s", what, line);
	if (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3))
		return dx_error(DX_DB, "store '%s': %s: %s", st->shown, what, line);
	return dx_error(DX_DB, "%s: %s", what, line);
}

/*
 * Rows stream (libpq's single-row mode): a scan of a province holds one
 * row at a time, not its whole result.  The connection carries one
 * statement's rows at a time, so before it runs anything else, the rows
 * still coming for the active statement are read into that statement's
 * buffer (a look-up inside a scan's loop buffers the rest of the scan;
 * a statement left on its row, the usual look-up read once, has none).
 */
static void stmt_end(struct pg_stmt *s, PGresult *last)
{
	struct pg_conn *pc = conn_of(s->st);
	ExecStatusType t = PQresultStatus(last);
	if (t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK) {
		const char *n = PQcmdTuples(last);
		if (*n)
			pc->changes = strtoll(n, NULL, 10);
	} else if (!s->err) {
		s->err = pg_fail(s->st, last, "step");
	}
	PQclear(last);
	while ((last = PQgetResult(pc->c)))
		PQclear(last);
	s->done = 1;
	pc->active = NULL;
}

/* The next result of the active statement s: a row (DX_OK, in *row) or
 * its end (DX_NOT_FOUND, or its error). */
static int stmt_fetch(struct pg_stmt *s, PGresult **row)
{
	PGresult *r = PQgetResult(conn_of(s->st)->c);
	*row = NULL;
	if (r && PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
		*row = r;
		return DX_OK;
	}
	if (r)
		stmt_end(s, r);
	else {
		s->done = 1;
		conn_of(s->st)->active = NULL;
	}
	return s->err ? s->err : DX_NOT_FOUND;
}

static void pg_drain(struct pg_conn *pc)
{
	struct pg_stmt *s = pc->active;
	PGresult *row, *res;
	if (pc->copy_st) { /* a COPY's end (copy_in): its result */
		struct dx_store *st = pc->copy_st;
		pc->copy_st = NULL;
		while ((res = PQgetResult(pc->c))) {
			if (!pc->copy_err && PQresultStatus(res) != PGRES_COMMAND_OK)
				pc->copy_err = pg_fail(st, res, "copy");
			else if (!pc->copy_err)
				pc->changes = strtoll(PQcmdTuples(res), NULL, 10);
			PQclear(res);
		}
	}
	if (!s)
		return;
	while (stmt_fetch(s, &row) == DX_OK) {
		if (s->nbuf == s->capbuf) {
			s->capbuf = s->capbuf ? 2 * s->capbuf : 16;
			s->buf = dx_xrealloc(s->buf, s->capbuf * sizeof(*s->buf));
		}
		s->buf[s->nbuf++] = row;
	}
}

/* Before the next statement: the rows still coming for the last one
 * (pg_drain), and the failure of a COPY whose result was still to read,
 * which the statement that comes after it returns (a failed COPY has
 * aborted the transaction: what follows would only say that). */
static int pg_settle(struct dx_store *st)
{
	struct pg_conn *pc = conn_of(st);
	int rc;
	pg_drain(pc);
	rc = pc->copy_err;
	pc->copy_err = 0;
	return rc;
}

/* Run sql without parameters; DX_OK when it succeeded.  *out (if asked)
 * receives the result, which the caller clears. */
static int pg_run(struct dx_store *st, const char *sql, const char *what, PGresult **out)
{
	PGresult *res;
	int rc = pg_settle(st);
	/* a rollback goes on whatever a COPY left: it is what ends that */
	if (rc && strcmp(sql, "ROLLBACK"))
		return rc;
	conn_of(st)->trips++;
	res = PQexec(conn_of(st)->c, sql);
	ExecStatusType t = PQresultStatus(res);
	rc = DX_OK;
	/* an empty string (a migration with nothing to run) is no error */
	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK && t != PGRES_EMPTY_QUERY)
		rc = pg_fail(st, res, what);
	if (out && !rc)
		*out = res;
	else
		PQclear(res);
	return rc;
}

/* ---- open and close ---- */

static int pg_claims(const char *target)
{
	return dx_store_is_pg_target(target);
}

static int pg_shareable(const struct dx_store *st)
{
	return 1; /* every connection to a server sees the same data */
}

/* The password the target names, if any (to scrub messages). */
static char *target_password(const char *target)
{
	PQconninfoOption *opts = PQconninfoParse(target, NULL);
	char *pw = NULL;
	if (!opts)
		return NULL;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (!strcmp(o->keyword, "password") && o->val && *o->val)
			pw = dx_xstrdup(o->val);
	PQconninfoFree(opts);
	return pw;
}

/* The server's notices (a DROP ... CASCADE's list, ...): the library
 * never prints; they go to the debug log. */
static void pg_notice(void *arg, const char *msg)
{
	char text[512];
	dx_log(DX_LOG_DEBUG, "postgresql: %s", pg_scrub(arg, msg, text, sizeof(text)));
}

/*
 * The database the target names, made (DX_STORE_CREATE: `dixian init`,
 * as the SQLite driver makes a missing file): a connection to the same
 * server's maintenance database (postgres, else template1) with the
 * target's other settings, then CREATE DATABASE in UTF8 from template0
 * (the store's text is UTF-8 whatever the server's default; its sort
 * order is COLLATE "C" per column).  One made meanwhile by another
 * program (42P04) is no error.  name is the database libpq tried.
 */
static int create_database(struct dx_store *st, struct pg_conn *pc, const char *target,
			   const char *name)
{
	static const char *const maint[] = {"postgres", "template1"};
	PQconninfoOption *opts = PQconninfoParse(target, NULL);
	const char *keys[64], *vals[64];
	PGconn *c = NULL;
	PGresult *res;
	char text[512], *quoted, sql[300];
	int n = 0, dbi = -1, rc = DX_OK;
	if (!opts)
		return dx_error(DX_DB, "store '%s': cannot read the connection string", st->shown);
	for (PQconninfoOption *o = opts; o->keyword && n < 63; o++) {
		if (!o->val || !*o->val)
			continue;
		if (!strcmp(o->keyword, "dbname"))
			dbi = n;
		keys[n] = o->keyword;
		vals[n++] = o->val;
	}
	if (dbi < 0) {
		dbi = n;
		keys[n++] = "dbname";
	}
	keys[n] = vals[n] = NULL;
	for (size_t i = 0; i < DX_ARRAY_SIZE(maint); i++) {
		vals[dbi] = maint[i];
		PQfinish(c);
		c = PQconnectdbParams(keys, vals, 0);
		if (c && PQstatus(c) == CONNECTION_OK)
			break;
	}
	if (!c || PQstatus(c) != CONNECTION_OK) {
		pg_scrub(pc, c ? PQerrorMessage(c) : "out of memory", text, sizeof(text));
		rc = dx_error(DX_DB, "store '%s': cannot reach the server's maintenance database"
				     " to create the database: %s", st->shown, text);
		goto out;
	}
	if (!(quoted = PQescapeIdentifier(c, name, strlen(name)))) {
		rc = dx_error(DX_DB, "store '%s': database name not usable", st->shown);
		goto out;
	}
	dx_snprintf(sql, sizeof(sql), "CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE template0",
		    quoted);
	PQfreemem(quoted);
	res = PQexec(c, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		if (!state || strcmp(state, "42P04")) {
			pg_scrub(pc, PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY), text,
				 sizeof(text));
			rc = dx_error(DX_DB, "store '%s': cannot create the database: %s",
				      st->shown, text);
		}
	} else {
		dx_log(DX_LOG_INFO, "store '%s': database created", st->shown);
	}
	PQclear(res);
out:
	PQfinish(c);
	PQconninfoFree(opts);
	return rc;
}

static int pg_open(struct dx_store *st, const char *target, unsigned flags)
{
	struct pg_conn *pc = dx_xcalloc(1, sizeof(*pc));
	char sql[256], text[512];
	PGresult *res = NULL;
	int rc;
	st->drv_data = pc;
	if ((rc = dx_pq_load()))
		goto fail;
	pc->password = target_password(target);
	pc->c = PQconnectdb(target);
	if (pc->c && PQstatus(pc->c) != CONNECTION_OK && (flags & DX_STORE_CREATE)) {
		/* a database the server does not have: made, then connected to
		 * (only the server's own message says so: no SQLSTATE) */
		const char *msg = PQerrorMessage(pc->c);
		char *name = dx_xstrdup(PQdb(pc->c) ? PQdb(pc->c) : "");
		if (strstr(msg, "database \"") && strstr(msg, "\" does not exist") && *name) {
			rc = create_database(st, pc, target, name);
			free(name);
			if (rc)
				goto fail;
			PQfinish(pc->c);
			pc->c = PQconnectdb(target);
		} else {
			free(name);
		}
	}
	if (!pc->c || PQstatus(pc->c) != CONNECTION_OK) {
		pg_scrub(pc, pc->c ? PQerrorMessage(pc->c) : "out of memory", text, sizeof(text));
		/* a database the server does not have (3D000; libpq gives a
		 * failed connection no SQLSTATE, only the server's message) is
		 * a store that does not exist, as a missing file is */
		if (strstr(text, "FATAL:  database \"") && strstr(text, "\" does not exist"))
			rc = dx_error(DX_NOT_FOUND, "store '%s' does not exist ('dixian init'"
						    " creates the database and the store): %s",
				      st->shown, text);
		else
			rc = dx_error(DX_DB, "cannot connect to store '%s': %s", st->shown, text);
		goto fail;
	}
	st->db = pc->c;
	PQsetNoticeProcessor(pc->c, pg_notice, pc);
	/* a standby server can only be read */
	st->readonly = (flags & DX_STORE_READONLY) != 0;
	dx_snprintf(sql, sizeof(sql),
		    "SET client_encoding TO 'UTF8'; SET TimeZone TO 'UTC';"
		    " SET lock_timeout TO %d; SET default_transaction_read_only TO %s",
		    DX_STORE_BUSY_MS, st->readonly ? "on" : "off");
	if ((rc = pg_run(st, sql, "settings", NULL)))
		return rc;
	if ((rc = pg_run(st, "SELECT pg_is_in_recovery(), (" DX_PG_SQL_VERSION_EXISTS "),"
			     " (" DX_PG_SQL_HAS_TABLES ")",
			     "read the server's state", &res)))
		return rc;
	if (!strcmp(PQgetvalue(res, 0, 0), "t") && !st->readonly) {
		dx_log(DX_LOG_WARN, "store '%s' is a standby server: open for reading only",
		       st->shown);
		st->readonly = 1;
		rc = pg_run(st, "SET default_transaction_read_only TO on", "settings", NULL);
	}
	if (!rc && strcmp(PQgetvalue(res, 0, 1), "t")) {
		/* another program's database (tables but no dixian schema
		 * version) is refused, never migrated into; an empty one is a
		 * store only for `dixian init` (DX_STORE_CREATE), as a missing
		 * file is for the SQLite driver */
		if (!strcmp(PQgetvalue(res, 0, 2), "t"))
			rc = dx_error(DX_IO, "'%s' is not a dixian store: it holds another "
					     "program's tables", st->shown);
		else if (!(flags & DX_STORE_CREATE))
			rc = dx_error(DX_NOT_FOUND, "store '%s' is an empty database (create the "
						    "store in it with 'dixian init')", st->shown);
	}
	PQclear(res);
	return rc;
fail:
	/* no connection: dx_store_close() will not call pg_close() */
	if (pc->c)
		PQfinish(pc->c);
	free(pc->password);
	free(pc);
	st->drv_data = NULL;
	st->db = NULL;
	return rc;
}

static void pg_close(struct dx_store *st)
{
	struct pg_conn *pc = conn_of(st);
	if (pc) {
		PQfinish(pc->c);
		free(pc->password);
		free(pc);
	}
	st->drv_data = NULL;
	st->db = NULL;
}

/* ---- transactions and plain SQL ---- */

/*
 * store.c speaks SQLite's words for a transaction's start: "BEGIN
 * IMMEDIATE" (a writer) and "BEGIN" (a reader).  A writer's transaction is
 * SERIALIZABLE: it behaves as if no other writer ran (what SQLite's write
 * lock gives the audit chain's read-then-append and the imports' look-ups),
 * and a conflict is a serialization failure that dx_store_txn retries.  A
 * reader's is REPEATABLE READ: one snapshot for all its statements (the
 * report's figures add up) that never fails for a writer.
 */
static int pg_exec(struct dx_store *st, const char *sql)
{
	struct pg_conn *pc = conn_of(st);
	PGresult *res;
	int rc;
	if (!strcmp(sql, "BEGIN IMMEDIATE") || !strcmp(sql, "BEGIN") ||
	    !strcmp(sql, "BEGIN IMMEDIATE SNAPSHOT")) {
		/* dx_store_begin_snapshot: a writer at REPEATABLE READ */
		const char *begin = !strcmp(sql, "BEGIN IMMEDIATE")
					    ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
					    : "BEGIN ISOLATION LEVEL REPEATABLE READ";
		if ((rc = pg_run(st, begin, "begin", NULL)))
			return rc;
		/* fk_enforce(0): a migration checks references at its end */
		if (pc->defer_fk && (rc = pg_run(st, "SET CONSTRAINTS ALL DEFERRED", "begin", NULL)))
			pg_run(st, "ROLLBACK", "rollback", NULL);
		return rc;
	}
	if (!strcmp(sql, "COMMIT")) {
		/* COMMIT of a transaction a failed statement aborted rolls it
		 * back and says so in its status, not as an error */
		if ((rc = pg_settle(st)))
			return rc;
		pc->trips++;
		res = PQexec(pc->c, "COMMIT");
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			rc = pg_fail(st, res, "commit");
		else if (!strcmp(PQcmdStatus(res), "ROLLBACK"))
			rc = dx_error(DX_DB, "commit: the transaction had failed and was rolled back");
		else
			rc = DX_OK;
		PQclear(res);
		return rc;
	}
	return pg_run(st, sql, "exec", NULL);
}

/* ---- statements ---- */

/*
 * SQLite's placeholders to PostgreSQL's: `?N` is $N, a bare `?` one more
 * than the largest number so far (SQLite's rule), none inside a string
 * literal ('...', E'...'), a quoted name ("..."), or a comment.  *nparams
 * receives the largest number, used[k] (k < DX_PG_MAXPARAM) marks the
 * numbers the text names.  Caller frees.
 */
enum { DX_PG_MAXPARAM = 512 };

DX_TESTABLE char *dx_pg_rewrite(const char *sql, int *nparams, unsigned char *used)
{
	struct dx_buf b;
	const char *p = sql;
	int max = 0;
	dx_buf_init(&b, 0);
	dx_buf_grow(&b, strlen(sql) + 16);
	while (*p) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			/* E'..' takes backslash escapes; standard strings do not */
			int esc = q == '\'' && p > sql && (p[-1] == 'E' || p[-1] == 'e');
			const char *s = p++;
			while (*p) {
				if (esc && *p == '\\' && p[1]) {
					p += 2;
					continue;
				}
				if (*p == q) {
					if (p[1] == q) { /* '' or "" inside */
						p += 2;
						continue;
					}
					p++;
					break;
				}
				p++;
			}
			dx_buf_add(&b, s, (size_t)(p - s));
		} else if (p[0] == '-' && p[1] == '-') {
			const char *s = p;
			p += strcspn(p, "\n");
			dx_buf_add(&b, s, (size_t)(p - s));
		} else if (p[0] == '/' && p[1] == '*') {
			const char *s = p, *e = strstr(p + 2, "*/");
			p = e ? e + 2 : p + strlen(p);
			dx_buf_add(&b, s, (size_t)(p - s));
		} else if (*p == '?') {
			long n;
			p++;
			if (*p >= '0' && *p <= '9') {
				char *end;
				n = strtol(p, &end, 10);
				p = end;
			} else {
				n = max + 1;
			}
			if (n < 1 || n >= DX_PG_MAXPARAM) {
				dx_buf_release(&b);
				return NULL;
			}
			if (n > max)
				max = (int)n;
			if (used)
				used[n] = 1;
			dx_buf_addf(&b, "$%ld", n);
		} else {
			dx_buf_add(&b, p, 1);
			p++;
		}
	}
	*nparams = max;
	return dx_buf_detach(&b, NULL);
}

static int pg_prepare(struct dx_store *st, const char *sql, struct dx_stmt **out)
{
	struct pg_conn *pc = conn_of(st);
	unsigned char used[DX_PG_MAXPARAM] = {0};
	Oid types[DX_PG_MAXPARAM];
	struct pg_stmt *s;
	PGresult *res;
	int n = 0, rc;
	char *text = dx_pg_rewrite(sql, &n, used);
	if (!text)
		return dx_error(DX_DB, "cannot prepare statement: a placeholder out of range");
	/* a number the text never names (the statement's other variant binds
	 * it) has no type to infer: text */
	for (int i = 0; i < n; i++)
		types[i] = used[i + 1] ? 0 : PG_TEXTOID;
	s = dx_xcalloc(1, sizeof(*s));
	s->base.drv = pg_self();
	s->st = st;
	dx_snprintf(s->name, sizeof(s->name), "dx%u", ++pc->next_name);
	if ((rc = pg_settle(st))) {
		free(text);
		free(s);
		return rc;
	}
	pc->trips++;
	res = PQprepare(pc->c, s->name, text, n, n ? types : NULL);
	free(text);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = pg_fail(st, res, "cannot prepare statement");
		PQclear(res);
		free(s);
		return rc;
	}
	PQclear(res);
	s->nparams = n;
	if (n) {
		s->vals = dx_xcalloc((size_t)n, sizeof(*s->vals));
		s->owned = dx_xcalloc((size_t)n, sizeof(*s->owned));
		s->num = dx_xcalloc((size_t)n, sizeof(*s->num));
	}
	*out = &s->base;
	return DX_OK;
}

static void pg_reset(struct dx_stmt *base)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	struct pg_conn *pc = conn_of(s->st);
	PGresult *r;
	/* rows still coming are read and dropped: the connection must be
	 * free for the next statement (a cancel would abort the
	 * transaction) */
	if (pc && pc->active == s) {
		while ((r = PQgetResult(pc->c)))
			PQclear(r);
		pc->active = NULL;
	}
	PQclear(s->cur);
	s->cur = NULL;
	for (size_t i = s->ibuf; i < s->nbuf; i++)
		PQclear(s->buf[i]);
	s->nbuf = s->ibuf = 0;
	s->started = s->done = s->err = 0;
	for (int i = 0; i < s->nparams; i++) {
		free(s->owned[i]);
		s->owned[i] = NULL;
		s->vals[i] = NULL;
	}
}

/* The prepared statement itself goes with its connection: finalize runs
 * only when the store closes (dx_store_stmts_release). */
static void pg_finalize(struct dx_stmt *base)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	if (!s)
		return;
	pg_reset(base);
	free(s->vals);
	free(s->owned);
	free(s->num);
	free(s->buf);
	free(s);
}

static int bind_check(struct pg_stmt *s, int i)
{
	if (i < 1 || i > s->nparams)
		return DX_USAGE; /* as SQLite's SQLITE_RANGE: the caller ignores it */
	free(s->owned[i - 1]);
	s->owned[i - 1] = NULL;
	return DX_OK;
}

static int pg_bind_int(struct dx_stmt *base, int i, int64_t v)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	if (bind_check(s, i))
		return DX_USAGE;
	dx_snprintf(s->num[i - 1], sizeof(s->num[i - 1]), "%lld", (long long)v);
	s->vals[i - 1] = s->num[i - 1];
	return DX_OK;
}

static int pg_bind_text(struct dx_stmt *base, int i, const char *v)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	if (bind_check(s, i))
		return DX_USAGE;
	s->vals[i - 1] = v ? (s->owned[i - 1] = dx_xstrdup(v)) : NULL;
	return DX_OK;
}

static int pg_bind_text_static(struct dx_stmt *base, int i, const char *v)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	if (bind_check(s, i))
		return DX_USAGE;
	s->vals[i - 1] = v;
	return DX_OK;
}

static int pg_step(struct dx_stmt *base)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	struct pg_conn *pc = conn_of(s->st);
	PQclear(s->cur);
	s->cur = NULL;
	if (!s->started) {
		int rc = pg_settle(s->st);
		if (rc) {
			s->done = 1;
			return rc;
		}
		s->started = 1;
		pc->trips++;
		if (!PQsendQueryPrepared(pc->c, s->name, s->nparams, s->vals, NULL, NULL, 0)) {
			s->done = 1;
			return pg_fail(s->st, NULL, "step");
		}
		PQsetSingleRowMode(pc->c);
		pc->active = s;
	}
	if (s->ibuf < s->nbuf) {
		s->cur = s->buf[s->ibuf];
		s->buf[s->ibuf++] = NULL;
		return DX_OK;
	}
	if (s->done)
		return s->err ? s->err : DX_NOT_FOUND;
	return stmt_fetch(s, &s->cur);
}

static int on_row(const struct pg_stmt *s, int i)
{
	return s->cur && i >= 0 && i < PQnfields(s->cur);
}

static int64_t pg_col_int(struct dx_stmt *base, int i)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	const char *v;
	if (!on_row(s, i))
		return 0;
	v = PQgetvalue(s->cur, 0, i);
	if (v[0] == 't' && !v[1])
		return 1; /* a boolean */
	return strtoll(v, NULL, 10); /* a numeric's integer part, as SQLite */
}

static const char *pg_col_text(struct dx_stmt *base, int i)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	return on_row(s, i) ? PQgetvalue(s->cur, 0, i) : "";
}

static int pg_col_null(struct dx_stmt *base, int i)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	return !on_row(s, i) || PQgetisnull(s->cur, 0, i);
}

/* One integer a query without parameters returns (0 on no row). */
static int query_int(struct dx_store *st, const char *sql, const char *what, int64_t *v)
{
	PGresult *res = NULL;
	int rc = pg_run(st, sql, what, &res);
	*v = 0;
	if (!rc && PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		*v = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return rc;
}

/* How many round trips this connection has made to the server: what
 * tests/unit/test_store_pg.c counts to keep an insert at one. */
DX_TESTABLE int64_t dx_pg_round_trips(struct dx_store *st)
{
	return st->drv == &dx_driver_pg ? conn_of(st)->trips : -1;
}

static int64_t pg_changes(struct dx_store *st)
{
	return conn_of(st)->changes;
}

/* ---- bulk loads through COPY ---- */

/* Append v to a COPY text row: backslash, tab, newline and carriage
 * return escaped (the format's delimiters), NULL as \N. */
DX_TESTABLE void dx_pg_copy_text(struct dx_buf *b, const char *v)
{
	if (!v) {
		dx_buf_adds(b, "\\N");
		return;
	}
	for (const char *p = v; *p; p++) {
		const char *span = p;
		while (*p && *p != '\\' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		dx_buf_add(b, span, (size_t)(p - span));
		if (!*p)
			break;
		dx_buf_adds(b, *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : "\\r");
	}
}

/* a tab, then v */
static void copy_tab_int(struct dx_buf *b, int64_t v)
{
	dx_buf_addch(b, '\t');
	dx_buf_add_int(b, v);
}

/* Send the rows in b through `COPY copy_sql FROM STDIN`, in the current
 * transaction.  The COPY's result is not waited for: the server writes
 * the rows while the caller makes the next ones, and the next statement
 * on the connection reads it first and fails with its failure
 * (pg_settle), the transaction's COMMIT included. */
static int copy_in(struct dx_store *st, const char *copy_sql, const struct dx_buf *b)
{
	PGconn *c = conn_of(st)->c;
	PGresult *res;
	int rc = DX_OK;
	if (b->err)
		return dx_error(b->err, "copy: the rows do not fit in memory");
	if ((rc = pg_settle(st)))
		return rc;
	conn_of(st)->trips += 2; /* the COPY, then its end */
	res = PQexec(c, copy_sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		rc = pg_fail(st, res, "copy");
		PQclear(res);
		return rc;
	}
	PQclear(res);
	for (size_t off = 0; off < b->len;) {
		size_t k = b->len - off > (1u << 20) ? (1u << 20) : b->len - off;
		if (PQputCopyData(c, b->buf + off, (int)k) != 1) {
			PQputCopyEnd(c, "send failed");
			break;
		}
		off += k;
	}
	if (PQputCopyEnd(c, NULL) != 1) {
		rc = pg_fail(st, NULL, "copy");
		while ((res = PQgetResult(c)))
			PQclear(res);
		return rc;
	}
	conn_of(st)->copy_st = st;
	return DX_OK;
}

/* n new ids from table's identity sequence into ids[]: one round trip.
 * The sequence is looked up once (a MATERIALIZED CTE: inlined, the
 * planner calls pg_get_serial_sequence again for every row, which cost a
 * 1M-member import 2.5 s of server time). */
static int reserve_ids(struct dx_store *st, const char *table, size_t n, int64_t *ids)
{
	char sql[240];
	PGresult *res = NULL;
	int rc;
	dx_snprintf(sql, sizeof(sql),
		    "WITH q AS MATERIALIZED (SELECT pg_get_serial_sequence('%s', 'id')::regclass AS s)"
		    " SELECT nextval(q.s) FROM q, generate_series(1, %zu)",
		    table, n);
	if ((rc = pg_run(st, sql, "reserve ids", &res)))
		return rc;
	if ((size_t)PQntuples(res) != n)
		rc = dx_error(DX_DB, "reserve ids: %d of %zu", PQntuples(res), n);
	for (size_t i = 0; !rc && i < n; i++)
		ids[i] = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
	PQclear(res);
	return rc;
}

/* After rows with ids the caller chose: the sequence goes past the
 * largest, so that the next id it gives is free. */
static int sequence_past(struct dx_store *st, const char *table, int64_t max)
{
	char sql[300];
	dx_snprintf(sql, sizeof(sql),
		    "SELECT setval(q.seq, %lld) FROM (SELECT pg_get_serial_sequence('%s', 'id')"
		    " AS seq) q WHERE coalesce(pg_sequence_last_value(q.seq::regclass), 0) < %lld",
		    (long long)max, table, (long long)max);
	return pg_run(st, sql, "move the id sequence", NULL);
}

/* New member ids from the sequence (dx_store_person_new_ids): what
 * person_insert_many then inserts with them needs no sequence_past. */
static int pg_person_new_ids(struct dx_store *st, size_t n, int64_t *ids)
{
	int rc = reserve_ids(st, "person", n, ids);
	if (!rc && ids[n - 1] > conn_of(st)->person_ids_to)
		conn_of(st)->person_ids_to = ids[n - 1];
	return rc;
}

static const char COPY_PERSON[] =
	"COPY person(id, county_code, household_id, id_no, name, relation, sex, birth,"
	" ethnicity, politics, education, school, health, labour, work_place, work_months,"
	" ins_resident, ins_employee, dibao, dibao_class, tekun, disability_subsidy, phone,"
	" counted, updated_at, area_code) FROM STDIN";

/* The members go in with their area (area_code given, so the BEFORE
 * trigger that would look it up row by row does not fire). */
static int pg_person_insert_many(struct dx_store *st, struct dx_person *const *p,
				 const char (*area)[13], size_t n)
{
	struct dx_buf b;
	int64_t *ids = NULL, max = 0;
	char now[21], county[7];
	int rc = DX_OK, theirs = p[0]->id != 0;
	if (!theirs) {
		ids = dx_xmalloc(n * sizeof(*ids));
		if ((rc = reserve_ids(st, "person", n, ids))) {
			free(ids);
			return rc;
		}
	}
	dx_store_now(now);
	dx_buf_init(&b, 0);
	dx_buf_grow(&b, n * 160);
	for (size_t i = 0; i < n; i++) {
		const struct dx_person *q = p[i];
		int64_t id = theirs ? q->id : ids[i];
		if (id > max)
			max = id;
		dx_buf_add_int(&b, id);
		dx_buf_adds(&b, "\t");
		dx_strlcpy(county, area[i], sizeof(county));
		dx_pg_copy_text(&b, county);
		copy_tab_int(&b, q->household_id);
		dx_buf_addch(&b, '\t');
		const char *texts[] = {q->id_no, q->name, q->relation, q->sex, q->birth,
				       q->ethnicity, q->politics, q->education, q->school,
				       q->health, q->labour, q->work_place};
		for (size_t k = 0; k < DX_ARRAY_SIZE(texts); k++) {
			dx_pg_copy_text(&b, texts[k]);
			dx_buf_adds(&b, "\t");
		}
		if (q->work_months >= 0)
			dx_buf_add_int(&b, q->work_months);
		else
			dx_buf_adds(&b, "\\N");
		copy_tab_int(&b, q->ins_resident);
		copy_tab_int(&b, q->ins_employee);
		copy_tab_int(&b, q->dibao);
		dx_buf_addch(&b, '\t');
		dx_pg_copy_text(&b, q->dibao_class);
		copy_tab_int(&b, q->tekun);
		copy_tab_int(&b, q->disability_subsidy);
		dx_buf_addch(&b, '\t');
		dx_pg_copy_text(&b, q->phone);
		copy_tab_int(&b, q->counted);
		dx_buf_addch(&b, '\t');
		dx_buf_adds(&b, now);
		dx_buf_addch(&b, '\t');
		dx_pg_copy_text(&b, area[i]);
		dx_buf_adds(&b, "\n");
	}
	rc = copy_in(st, COPY_PERSON, &b);
	dx_buf_release(&b);
	if (!rc && theirs && max > conn_of(st)->person_ids_to)
		rc = sequence_past(st, "person", max);
	if (!rc && !theirs)
		for (size_t i = 0; i < n; i++)
			p[i]->id = ids[i];
	free(ids);
	return rc;
}

static const char COPY_HOUSEHOLD[] =
	"COPY household(id, county_code, hh_no, area_code, group_name, kind, tuopin_year,"
	" phone, relocated, unsafe_housing, dropout, unsafe_water, updated_at, members,"
	" msum, head_id, head_name) FROM STDIN";

static int pg_household_insert_many(struct dx_store *st, struct dx_household *const *h,
				    const struct dx_derived *d, size_t n)
{
	struct dx_buf b;
	int64_t *ids = dx_xmalloc(n * sizeof(*ids));
	char now[21], county[7];
	int rc;
	if ((rc = reserve_ids(st, "household", n, ids))) {
		free(ids);
		return rc;
	}
	dx_store_now(now);
	dx_buf_init(&b, 0);
	dx_buf_grow(&b, n * 160);
	for (size_t i = 0; i < n; i++) {
		const struct dx_household *x = h[i];
		dx_buf_add_int(&b, ids[i]);
		dx_buf_adds(&b, "\t");
		dx_strlcpy(county, x->area_code, sizeof(county));
		dx_pg_copy_text(&b, county);
		dx_buf_adds(&b, "\t");
		dx_pg_copy_text(&b, x->hh_no);
		dx_buf_adds(&b, "\t");
		dx_pg_copy_text(&b, x->area_code);
		dx_buf_adds(&b, "\t");
		dx_pg_copy_text(&b, x->group_name);
		dx_buf_adds(&b, "\t");
		dx_pg_copy_text(&b, x->kind);
		dx_buf_adds(&b, "\t");
		if (x->tuopin_year)
			dx_buf_add_int(&b, x->tuopin_year);
		else
			dx_buf_adds(&b, "\\N");
		dx_buf_adds(&b, "\t");
		dx_pg_copy_text(&b, x->phone);
		dx_buf_addf(&b, "\t%d\t%d\t%d\t%d\t%s\t%lld\t%u\t", x->relocated, x->unsafe_housing,
			    x->dropout, x->unsafe_water, now, (long long)d[i].members, d[i].msum);
		if (d[i].head_id)
			dx_buf_add_int(&b, d[i].head_id);
		else
			dx_buf_adds(&b, "\\N");
		dx_buf_adds(&b, "\t");
		dx_pg_copy_text(&b, d[i].head_id && d[i].head_name ? d[i].head_name : "");
		dx_buf_adds(&b, "\n");
	}
	rc = copy_in(st, COPY_HOUSEHOLD, &b);
	dx_buf_release(&b);
	if (!rc)
		for (size_t i = 0; i < n; i++)
			h[i]->id = ids[i];
	free(ids);
	return rc;
}

/* A text column and its tab; "" as NULL when null_if_empty. */
static void copy_col(struct dx_buf *b, const char *v, int null_if_empty)
{
	dx_pg_copy_text(b, null_if_empty && !*v ? NULL : v);
	dx_buf_adds(b, "\t");
}

/*
 * One COPY of n rows into a table whose columns are county_code,
 * household_id, the table's own, then area_code (income, measure, visit):
 * the frame writes the county (the area's first six digits) and the area,
 * cols(b, rows, i) row i's household id and own columns, each followed by
 * a tab.  width: a guess of a row's length, to grow the buffer once.
 */
static int copy_rows(struct dx_store *st, const char *sql, const void *rows,
		     const char (*area)[13], size_t n, size_t width,
		     void (*cols)(struct dx_buf *b, const void *rows, size_t i))
{
	struct dx_buf b;
	char county[7];
	int rc;
	dx_buf_init(&b, 0);
	dx_buf_grow(&b, n * width);
	for (size_t i = 0; i < n; i++) {
		dx_strlcpy(county, area[i], sizeof(county));
		dx_pg_copy_text(&b, county);
		dx_buf_adds(&b, "\t");
		cols(&b, rows, i);
		dx_pg_copy_text(&b, area[i]);
		dx_buf_adds(&b, "\n");
	}
	rc = copy_in(st, sql, &b);
	dx_buf_release(&b);
	return rc;
}

static const char COPY_INCOME[] =
	"COPY income(county_code, household_id, year, wage, business, property, transfer,"
	" business_cost, claims, oop, area_code) FROM STDIN";

static void income_cols(struct dx_buf *b, const void *rows, size_t i)
{
	const struct dx_income_row *in = (const struct dx_income_row *)rows + i;
	dx_buf_addf(b, "%lld\t%d\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t",
		    (long long)in->household_id, in->year, (long long)in->wage,
		    (long long)in->business, (long long)in->property, (long long)in->transfer,
		    (long long)in->business_cost, (long long)in->claims, (long long)in->oop);
}

static int pg_income_insert_many(struct dx_store *st, const struct dx_income_row *in,
				 const char (*area)[13], size_t n)
{
	return copy_rows(st, COPY_INCOME, in, area, n, 80, income_cols);
}

/* As SQL_MEASURE_INSERT binds them: the dates NULL when empty. */
static const char COPY_MEASURE[] =
	"COPY measure(county_code, household_id, category, detail, status, amount,"
	" start_on, end_on, cadre, area_code) FROM STDIN";

static void measure_cols(struct dx_buf *b, const void *rows, size_t i)
{
	const struct dx_measure *m = (const struct dx_measure *)rows + i;
	dx_buf_addf(b, "%lld\t", (long long)m->household_id);
	copy_col(b, m->category, 0);
	copy_col(b, m->detail, 0);
	copy_col(b, m->status, 0);
	dx_buf_addf(b, "%lld\t", (long long)m->amount);
	copy_col(b, m->start_on, 1);
	copy_col(b, m->end_on, 1);
	copy_col(b, m->cadre, 0);
}

static int pg_measure_insert_many(struct dx_store *st, const struct dx_measure *m,
				  const char (*area)[13], size_t n)
{
	return copy_rows(st, COPY_MEASURE, m, area, n, 120, measure_cols);
}

static const char COPY_VISIT[] =
	"COPY visit(county_code, household_id, visited_on, cadre, content, findings,"
	" area_code) FROM STDIN";

static void visit_cols(struct dx_buf *b, const void *rows, size_t i)
{
	const struct dx_visit *v = (const struct dx_visit *)rows + i;
	dx_buf_addf(b, "%lld\t", (long long)v->household_id);
	copy_col(b, v->visited_on, 0);
	copy_col(b, v->cadre, 0);
	copy_col(b, v->content, 0);
	copy_col(b, v->findings, 0);
}

static int pg_visit_insert_many(struct dx_store *st, const struct dx_visit *v,
				const char (*area)[13], size_t n)
{
	return copy_rows(st, COPY_VISIT, v, area, n, 120, visit_cols);
}

/*
 * Bulk load, as a rule: PostgreSQL keeps its indexes and its triggers (no
 * index is dropped and no trigger disabled: either takes the table from
 * every reader of the server until the import commits, ALTER TABLE's
 * ACCESS EXCLUSIVE lock; and a B-tree insert costs PostgreSQL less than
 * it costs SQLite).  The triggers that only keep the household's
 * member-derived columns, which the loader now keeps itself, step aside
 * for this transaction: their WHEN clauses read the setting
 * dixian.bulk_load (schema_pg.c, version 16), which SET LOCAL turns on
 * for the transaction only, without a lock; other sessions' triggers fire
 * as ever.  saved gets the statement that turns it off again, which
 * dx_store_bulk_end runs before it recomputes the stale households; a
 * commit or rollback ends it anyway.  Set once, for the first table with
 * triggers to defer.
 *
 * The exception is the store's first load: no member anywhere yet, and
 * nobody else using the member and household tables (their ACCESS
 * EXCLUSIVE lock taken at once, NOWAIT).  There, as pg_restore does, the
 * tables' indexes that no constraint owns and the references between them
 * are dropped, the derived-column triggers disabled, and all of it made again
 * at the end (saved): each index is built once from the loaded rows (a
 * sort) instead of taking a million inserts in 身份证号 order, which is no
 * order, and each reference is checked by one join.  The unique index of
 * 身份证号 is among them: the loader refuses a number twice in its file,
 * the store held none, and the lock lets nobody else add one, so building
 * it at the end checks what checking each row would (and a duplicate
 * still fails the load there).  The primary keys and 户编号's constraint
 * stay.  All of it is the transaction's own: a rollback brings the schema
 * back as it was.  Other sessions wait for the two tables until the load
 * commits, which on an empty store holds nothing they could read.  With
 * the lock held, no other session has a member it has not committed.  One
 * committed after this transaction's snapshot is another matter: if its
 * load rebuilt, the indexes this snapshot sees are gone (their definitions
 * NULL: REBUILD_EMPTY), and this load keeps the schema as it now is; if
 * not, the rebuild here is slower, never wrong.
 */
/* the references between the two tables, not those to others (household
 * to area): dropping one locks the table it names, which every reader of
 * the server reads */
#define REBUILD_FK \
	"conrelid IN ('person'::regclass, 'household'::regclass)" \
	" AND confrelid IN ('person'::regclass, 'household'::regclass)"

static const char REBUILD_EMPTY[] =
	"SELECT NOT EXISTS (SELECT FROM person) AND NOT EXISTS (SELECT FROM pg_index"
	" WHERE indrelid IN ('person'::regclass, 'household'::regclass)"
	" AND pg_get_indexdef(indexrelid) IS NULL)";

static const char REBUILD_PLAN[] =
	"SELECT (SELECT string_agg(format('DROP INDEX %s', indexrelid::regclass), ';')"
	"  FROM pg_index WHERE indrelid IN ('person'::regclass, 'household'::regclass)"
	"  AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = indexrelid)),"
	" (SELECT string_agg(pg_get_indexdef(indexrelid), E';\\n')"
	"  FROM pg_index WHERE indrelid IN ('person'::regclass, 'household'::regclass)"
	"  AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = indexrelid)),"
	" (SELECT string_agg(format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname), ';')"
	"  FROM pg_constraint WHERE contype = 'f' AND " REBUILD_FK "),"
	" (SELECT string_agg(format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass,"
	"  conname, pg_get_constraintdef(oid)), E';\\n')"
	"  FROM pg_constraint WHERE contype = 'f' AND " REBUILD_FK ")";

/* *took = 1 if this bulk load rebuilds (above), with what brings the
 * schema back in saved; 0 if it keeps the schema (the tables hold rows or
 * another session uses them: nothing changed). */
static int try_rebuild(struct dx_store *st, struct dx_buf *saved, int *n, int *took)
{
	PGresult *res = NULL;
	int rc, empty;
	*took = 0;
	if ((rc = pg_run(st, "SAVEPOINT dx_rebuild", "bulk load", NULL)))
		return rc;
	rc = pg_run(st, "LOCK TABLE household, person IN ACCESS EXCLUSIVE MODE NOWAIT",
		    "bulk load", NULL);
	if (rc == DX_BUSY)
		goto keep;
	if (rc || (rc = pg_run(st, REBUILD_EMPTY, "bulk load", &res)))
		return rc;
	empty = !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	if (!empty)
		goto keep;
	if ((rc = pg_run(st, REBUILD_PLAN, "bulk load", &res)))
		return rc;
	/* the builds sort in memory rather than on disk (64 MB by default);
	 * the server's, for this transaction only */
	dx_buf_adds(saved, "SET LOCAL maintenance_work_mem = '256MB';\n");
	for (int k = 0; k < 4; k += 2) {
		if (PQgetisnull(res, 0, k))
			continue;
		if ((rc = pg_run(st, PQgetvalue(res, 0, k), "bulk load", NULL)))
			break;
		dx_buf_adds(saved, PQgetvalue(res, 0, k + 1));
		dx_buf_adds(saved, ";\n");
		(*n)++;
	}
	PQclear(res);
	if (!rc)
		rc = pg_run(st, "RELEASE SAVEPOINT dx_rebuild", "bulk load", NULL);
	if (!rc) {
		dx_log(DX_LOG_DEBUG, "bulk load into an empty store: indexes and references made"
				    " again at the end");
		*took = 1;
	}
	return rc;
keep:
	if ((rc = pg_run(st, "ROLLBACK TO SAVEPOINT dx_rebuild", "bulk load", NULL)))
		return rc;
	return pg_run(st, "RELEASE SAVEPOINT dx_rebuild", "bulk load", NULL);
}

static int pg_defer_schema(struct dx_store *st, const char *table, const char *triggers,
			   struct dx_buf *saved, int *n)
{
	static const char OFF[] = "SET LOCAL dixian.bulk_load = 'off';\n";
	struct pg_conn *pc = conn_of(st);
	int rc;
	if (!*n && !saved->len) { /* this bulk load's first table */
		if ((rc = try_rebuild(st, saved, n, &pc->bulk_rebuild)))
			return rc;
	}
	if (!*triggers)
		return DX_OK;
	if (pc->bulk_rebuild) {
		char sql[300];
		PGresult *res = NULL;
		dx_snprintf(sql, sizeof(sql),
			    "SELECT string_agg(format('ALTER TABLE %%I DISABLE TRIGGER %%I', '%s', tgname), ';'),"
			    " string_agg(format('ALTER TABLE %%I ENABLE TRIGGER %%I', '%s', tgname), E';\\n')"
			    " FROM pg_trigger WHERE tgrelid = '%s'::regclass AND NOT tgisinternal"
			    " AND tgname LIKE '%s'",
			    table, table, table, triggers);
		if ((rc = pg_run(st, sql, "bulk load", &res)))
			return rc;
		if (!PQgetisnull(res, 0, 0) && !(rc = pg_run(st, PQgetvalue(res, 0, 0), "bulk load", NULL))) {
			dx_buf_adds(saved, PQgetvalue(res, 0, 1));
			dx_buf_adds(saved, ";\n");
			(*n)++;
		}
		PQclear(res);
		return rc;
	}
	if (strstr(saved->buf ? saved->buf : "", OFF))
		return DX_OK;
	if ((rc = pg_run(st, "SET LOCAL dixian.bulk_load = 'on'", "defer triggers", NULL)))
		return rc;
	dx_buf_adds(saved, OFF);
	(*n)++;
	return DX_OK;
}

/* A bulk load defers nothing that costs up front on PostgreSQL (above):
 * worth it from the first row. */
static int pg_bulk_worth(int64_t added, int64_t held)
{
	(void)added;
	(void)held;
	return 1;
}

/*
 * Migrations: PostgreSQL changes a table in place (ALTER TABLE), so no
 * migration needs references off; fk_enforce(0) makes the migrations'
 * transactions defer the DEFERRABLE ones, and fk_check checks them at
 * once (SET CONSTRAINTS ALL IMMEDIATE: DX_INVALID if one is broken).
 */
static int pg_fk_enforce(struct dx_store *st, int on)
{
	conn_of(st)->defer_fk = !on;
	return DX_OK;
}

static int pg_fk_check(struct dx_store *st)
{
	return pg_run(st, "SET CONSTRAINTS ALL IMMEDIATE", "check foreign keys", NULL);
}

/* The version: the one row of the schema's table schema_version; 0 (a
 * new, empty database) while that table does not exist. */
static int get_version(struct dx_store *st, int *v)
{
	int64_t have = 0, x = 0;
	PGresult *res = NULL;
	int rc = pg_run(st, DX_PG_SQL_VERSION_EXISTS, "read schema version", &res);
	if (!rc)
		have = !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	if (!rc && have)
		rc = query_int(st, DX_PG_SQL_VERSION_GET, "read schema version", &x);
	*v = (int)x;
	return rc;
}

static int pg_get_version(struct dx_store *st, int *v)
{
	return get_version(st, v);
}

static int pg_set_version(struct dx_store *st, int v)
{
	char num[16];
	const char *vals[1] = {num};
	PGresult *res;
	int rc = DX_OK;
	dx_snprintf(num, sizeof(num), "%d", v);
	if ((rc = pg_settle(st)))
		return rc;
	conn_of(st)->trips++;
	res = PQexecParams(conn_of(st)->c, DX_PG_SQL_VERSION_SET, 1, NULL, vals, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_fail(st, res, "set schema version");
	PQclear(res);
	return rc;
}

/* VACUUM FULL rewrites every table without the old row versions; the
 * WAL segments that held them age out on their own (dixian protect). */
/* dx_store_idle: a statement's rows are drained by the next statement
 * on the connection, and a snapshot lives only as long as a transaction:
 * end one left open outside txn_depth. */
static int pg_idle(struct dx_store *st)
{
	PGTransactionStatusType t;
	pg_drain(conn_of(st));
	t = PQtransactionStatus(conn_of(st)->c);
	if (st->txn_depth || (t != PQTRANS_INTRANS && t != PQTRANS_INERROR))
		return 0;
	dx_log(DX_LOG_WARN, "a transaction was left open outside the store's count");
	pg_run(st, "ROLLBACK", "rollback", NULL);
	return 1;
}

/* pg_export_snapshot(): the open transaction's snapshot, importable by
 * another session while that transaction lasts */
static int pg_snapshot_export(struct dx_store *st, char *id, size_t size)
{
	struct dx_stmt *s = NULL;
	int rc = pg_prepare(st, "SELECT pg_export_snapshot()", &s);
	if (!rc && !(rc = pg_step(s)))
		dx_strlcpy(id, pg_col_text(s, 0), size);
	else if (rc == DX_NOT_FOUND)
		rc = dx_error(DX_DB, "pg_export_snapshot returned no row");
	if (s)
		pg_finalize(s);
	return rc;
}

/* A read-only REPEATABLE READ transaction at the snapshot `id` names (an
 * id is hex digits and dashes: checked, since it is quoted into SQL). */
static int pg_snapshot_import(struct dx_store *st, const char *id)
{
	char sql[128];
	int rc;
	if (!*id || strspn(id, "0123456789ABCDEFabcdef-") != strlen(id) || strlen(id) > 64)
		return dx_error(DX_INVALID, "not a snapshot id");
	if ((rc = pg_run(st, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", "begin", NULL)))
		return rc;
	dx_snprintf(sql, sizeof(sql), "SET TRANSACTION SNAPSHOT '%s'", id);
	if ((rc = pg_run(st, sql, "set snapshot", NULL)))
		pg_run(st, "ROLLBACK", "rollback", NULL);
	return rc;
}

static int pg_compact(struct dx_store *st)
{
	return pg_exec(st, "VACUUM FULL");
}

const struct dx_driver dx_driver_pg = {
	.name = "postgresql",
	.claims = pg_claims,
	.built = 1,
	.is_file = 0,
	.shareable = pg_shareable,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_text_static = pg_bind_text_static,
	.step = pg_step,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_null = pg_col_null,
	.changes = pg_changes,
	.person_insert_many = pg_person_insert_many,
	.person_new_ids = pg_person_new_ids,
	.household_insert_many = pg_household_insert_many,
	.income_insert_many = pg_income_insert_many,
	.measure_insert_many = pg_measure_insert_many,
	.visit_insert_many = pg_visit_insert_many,
	.defer_schema = pg_defer_schema,
	.bulk_worth = pg_bulk_worth,
	.load_empty = NULL,
	.compact = pg_compact,
	.nowait = NULL, /* rows are locked, not the store */
	.idle = pg_idle,
	.snapshot_export = pg_snapshot_export,
	.snapshot_import = pg_snapshot_import,
	.fk_enforce = pg_fk_enforce,
	.fk_check = pg_fk_check,
	.get_version = pg_get_version,
	.set_version = pg_set_version,
	.migrations = dx_pg_migrations,
	.nmigrations = DX_PG_NMIGRATIONS,
};

static const struct dx_driver *pg_self(void)
{
	return &dx_driver_pg;
}
