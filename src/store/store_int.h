/*
 * store_int.h - what the store's drivers and entity modules share.
 *
 * A driver (store_sqlite.c; store_pg_stub.c until issue 16 writes
 * store_pg.c) implements struct dx_driver; store.c's driver table picks
 * one by the --db target.  Entity modules (area.c, household.c, ...) hold
 * portable SQL written with `?` or `?N` placeholders (the PostgreSQL driver
 * rewrites them to $n, and declares a parameter the text never names as
 * text) and only constructs both engines run: INSERT ... ON CONFLICT,
 * RETURNING, CTEs, window functions, CASE (DX_SQL_COUNT_IF, never
 * sum(condition)), IS DISTINCT FROM, strpos (the SQLite driver defines
 * it), every FROM subquery aliased, no output alias in WHERE or HAVING.
 * `make pgsql` (tests/store/pg_sql.sh) PREPAREs every statement in
 * PostgreSQL 15 to keep it so.  Engine-specific DDL, planner habits and
 * journal modes live in the driver.
 *
 * New ids: an insert whose caller needs the id says RETURNING id and
 * reads the row (dx_step_int), the same SQL on both engines (SQLite has
 * RETURNING since 3.35).  Asking the connection afterwards (lastval())
 * would be a second round trip to a PostgreSQL server per row.
 */
#ifndef DX_STORE_INT_H
#define DX_STORE_INT_H

#include "store/store.h"

struct dx_person;
struct dx_household;
struct dx_derived;

struct dx_stmt {
	const struct dx_driver *drv; /* first member of every driver's statement */
	struct dx_store *st;         /* its store, set by dx_q (dx_bind_idno, dx_col_idno) */
};

struct dx_driver {
	const char *name;
	/* 1 if the --db target (a path, a URL, a key=value string) is this
	 * driver's (store.c asks each driver of its table in turn). */
	int (*claims)(const char *target);
	int built;   /* 0: a stub whose open says the driver is not built yet */
	int is_file; /* the target is a file name (checked, protected from outputs) */
	/* 1 if a second connection opened on st->path sees the same data
	 * (not so for a private in-memory database). */
	int (*shareable)(const struct dx_store *st);
	int (*open)(struct dx_store *st, const char *path, unsigned flags);
	void (*close)(struct dx_store *st);
	/* Run SQL without parameters or results (DDL, BEGIN, ...). */
	int (*exec)(struct dx_store *st, const char *sql);
	int (*prepare)(struct dx_store *st, const char *sql, struct dx_stmt **out);
	void (*finalize)(struct dx_stmt *s);
	void (*reset)(struct dx_stmt *s);
	int (*bind_int)(struct dx_stmt *s, int i, int64_t v);
	int (*bind_text)(struct dx_stmt *s, int i, const char *v); /* NULL -> NULL */
	/* Bind text without copying: v must stay unchanged until the
	 * statement's step is done (the hot paths of bulk loads). */
	int (*bind_text_static)(struct dx_stmt *s, int i, const char *v);
	/* DX_OK with a row, DX_NOT_FOUND when done, else an error. */
	int (*step)(struct dx_stmt *s);
	int64_t (*col_int)(struct dx_stmt *s, int i);
	const char *(*col_text)(struct dx_stmt *s, int i); /* never NULL */
	int (*col_null)(struct dx_stmt *s, int i);
	/* dx_col_copy, where the driver knows the text's length (no search
	 * for its end: a record's read copies some two hundred columns).
	 * NULL: col_text and a copy up to the NUL. */
	void (*col_copy)(struct dx_stmt *s, int i, char *dst, size_t size);
	/* Rows changed by the last INSERT, UPDATE or DELETE. */
	int64_t (*changes)(struct dx_store *st);
	/* dx_store_person_insert_many: insert n members in one statement
	 * (area[i] is member i's household's village code, its first six
	 * digits the county) and set their ids. */
	int (*person_insert_many)(struct dx_store *st, struct dx_person *const *p,
				  const char (*area)[13], size_t n);
	/* 1 if person_insert_many seals id_no itself in a protected store
	 * (dx_store_seal_idno); 0: dx_store_person_insert_many inserts row
	 * by row through dx_bind_idno instead. */
	int seals_ids;
	/* dx_store_person_new_ids; NULL: after the largest id (one writer
	 * at a time). */
	int (*person_new_ids)(struct dx_store *st, size_t n, int64_t *ids);
	/* dx_store_household_insert_many: the same for households with
	 * their derived columns; sets their ids. */
	int (*household_insert_many)(struct dx_store *st, struct dx_household *const *h,
				     const struct dx_derived *d, size_t n);
	/* dx_store_income_insert_many, dx_store_measure_insert_many,
	 * dx_store_visit_insert_many: rows of households the caller has just
	 * written, many at once (PostgreSQL: COPY).  NULL: row by row. */
	int (*income_insert_many)(struct dx_store *st, const struct dx_income_row *in,
				  const char (*area)[13], size_t n);
	int (*measure_insert_many)(struct dx_store *st, const struct dx_measure *m,
				   const char (*area)[13], size_t n);
	int (*visit_insert_many)(struct dx_store *st, const struct dx_visit *v,
				 const char (*area)[13], size_t n);
	/* Bulk load (dx_store_bulk_begin): save the definitions of the
	 * secondary indexes of `table` and of the triggers named by the LIKE
	 * pattern `triggers` into *saved, then drop them, inside the current
	 * transaction.  Returns the number dropped in *n.  (PostgreSQL drops
	 * nothing: its triggers step aside for the transaction, and *saved
	 * gets what brings them back; store_pg.c.) */
	int (*defer_schema)(struct dx_store *st, const char *table, const char *triggers,
			    struct dx_buf *saved, int *n);
	/* dx_store_bulk_worth: 1 if a load that has added `added` members
	 * to a store that held `held` should switch to a bulk load now. */
	int (*bulk_worth)(int64_t added, int64_t held);
	/* dx_store_load_empty_begin/end: on = a load into an empty store
	 * begins (SQLite: write through a rollback journal if no other
	 * connection has the store open; 1 if so, 0 if not), off = it ended
	 * (back to the WAL).  NULL: nothing to do. */
	int (*load_empty)(struct dx_store *st, int on);
	/* Rewrite the store so that no free page or log still holds what
	 * rows held before they were overwritten (dixian protect, after
	 * sealing the ID numbers), outside any transaction. */
	int (*compact)(struct dx_store *st);
	/* dx_store_session_nowait: on = a write fails at once (DX_BUSY)
	 * while another connection holds the store's write lock, off = it
	 * waits the busy timeout again (SQLite's one write lock).  NULL: a
	 * writer of other rows never holds one up (PostgreSQL locks rows). */
	int (*nowait)(struct dx_store *st, int on);
	/* dx_store_idle: end any statement still on a row and any transaction
	 * left open outside txn_depth (a connection going back to a pool
	 * must not keep an old read snapshot); the count of things ended.
	 * NULL: the driver keeps no such state between calls. */
	int (*idle)(struct dx_store *st);
	/* A read snapshot shared by two connections (dx_store_snapshot_export,
	 * dx_store_open_at): the id of the snapshot of st's open transaction,
	 * and a read-only transaction begun at a snapshot so named.  NULL:
	 * the use case reads on one connection.  An engine that cannot name
	 * a snapshot (SQLite as Debian builds it has no sqlite3_snapshot_open)
	 * may hold one instead: snapshot_hold, at the start of a read
	 * transaction, stops every commit until snapshot_release (st's
	 * snap_hold), so that a second connection beginning its read
	 * meanwhile reads the same; each may fail, and then nothing is
	 * shared. */
	int (*snapshot_export)(struct dx_store *st, char *id, size_t size);
	int (*snapshot_import)(struct dx_store *st, const char *id);
	int (*snapshot_hold)(struct dx_store *st);
	void (*snapshot_release)(struct dx_store *st);
	/* A stamp of the store as this connection sees it now (inside a
	 * transaction: as of its snapshot): equal stamps mean nothing was
	 * committed in between, by this connection or another process.  It
	 * starts the read of a transaction begun with BEGIN.  NULL: the
	 * driver has none (nothing may be remembered across statements). */
	int (*change_stamp)(struct dx_store *st, int64_t stamp[2]);
	/* Migrations run with foreign keys unenforced, since rebuilding a
	 * table drops and recreates a parent (fk_enforce, outside any
	 * transaction), and end by checking them all (fk_check: DX_INVALID if
	 * a reference is broken). */
	int (*fk_enforce)(struct dx_store *st, int on);
	int (*fk_check)(struct dx_store *st);
	int (*get_version)(struct dx_store *st, int *v);
	int (*set_version)(struct dx_store *st, int v);
	/* After migrations upgraded a store that holds data: bring the
	 * planner's statistics up to date with the new schema (an index a
	 * migration added has none, and the planner may then prefer it where
	 * a scan is cheaper).  NULL: the engine keeps them itself. */
	int (*after_upgrade)(struct dx_store *st);
	/* migrations[i] brings the schema from version i to i+1 */
	const char *const *migrations;
	int nmigrations;
};

struct dx_store {
	const struct dx_driver *drv;
	void *db;
	void *drv_data; /* the driver's per-connection data (its own to free) */
	char *path;   /* the target as given: a second connection opens it */
	char *shown;  /* the target for messages: its password masked */
	int readonly;         /* reads only: asked for, or the file is read-only */
	int created;          /* this open made the store (it had no schema) */
	int txn_depth;
	int txn_reads;  /* the open transaction is dx_store_read_begin's (it writes nothing) */
	void *snap_hold; /* the driver's hold on the snapshot (snapshot_hold), or NULL */
	/* the head of the audit chain this transaction last appended to
	 * (audit.c): valid while audit_txn == txn_serial, the count of
	 * transactions begun (a head read in an earlier one is stale) */
	uint64_t txn_serial, audit_txn;
	char audit_county[7];
	int64_t audit_seq;
	char audit_hash[65];
	/* the writers of the same file in this process take the write lock
	 * in turn (wqueue.c): the queue, and whether this one holds it */
	struct dx_wqueue *wq;
	int wq_held;
	int write_wait_ms; /* the queue's longest wait; 0 = DX_STORE_BUSY_MS */
	int bulk;             /* indexes and triggers deferred (dx_store_bulk_begin) */
	struct dx_buf bulk_sql; /* what dx_store_bulk_end recreates */
	int64_t *bulk_stale;    /* households whose derived columns bulk_end recomputes */
	size_t bulk_nstale, bulk_stale_cap;
	/* The prepared statements, by the address of their SQL (a string
	 * with static storage: each module declares its statements once,
	 * `static const char SQL_X[] = "..."`, and dx_q finds one in one
	 * probe or two): an open-addressed table, half full at most, grown
	 * as modules add statements; no fixed limit for a server's many. */
	size_t nstmts, stmt_cap;
	/* ID numbers sealed at rest (idprotect.c): idprot 0 = plain store,
	 * 1 = protected and the key given (idkey), 2 = protected, no key;
	 * idring holds the numbers dx_col_idno opened, a few rows' worth. */
	int idprot;
	struct dx_idkey *idkey;
	char idring[8][64];
	unsigned idnext;
	struct dx_stmt_slot {
		const char *sql;
		struct dx_stmt *stmt;
	} *stmts;
	/* the statements dx_q handed out since the last dx_store_stmts_reset
	 * (all of them once more than fit): only those may be left on a row,
	 * so the reset between two holders of a pooled connection touches a
	 * request's dozen, not the server's hundreds */
	struct dx_stmt *used[48];
	size_t nused;
	int used_all;
	/* session.c's memo of the sessions this connection read last, valid
	 * while the driver's change stamp stays the same (NULL until used) */
	struct dx_session_memo *ses_memo;
	/* memo.c's memo of built answers (NULL until used) */
	struct dx_memo *memo;
	/* the change stamp of the read transaction numbered stamp_txn
	 * (dx_store_change_stamp: one read of it serves the transaction) */
	int64_t stamp[2];
	uint64_t stamp_txn;
};

/* The driver's change stamp (its change_stamp), read once in a read
 * transaction; DX_STATE if the driver has none or the connection holds
 * writes not yet committed (a rollback would bring back rows the stamp
 * says were left behind). */
int dx_store_change_stamp(struct dx_store *st, int64_t stamp[2]);

/* Finalize every cached statement (before a driver's close). */
void dx_store_stmts_release(struct dx_store *st);
/* Reset every cached statement: one left on a row holds a read open. */
void dx_store_stmts_reset(struct dx_store *st);
/* Reset every statement and end what the driver's idle hook finds still
 * open (a statement on a row, a transaction outside txn_depth): what a
 * connection goes through between two holders.  The count it ended. */
int dx_store_idle(struct dx_store *st);

extern const struct dx_driver dx_driver_sqlite;
extern const struct dx_driver dx_driver_pg;

/* Whether target is a PostgreSQL connection string: a postgresql:// or
 * postgres:// URL, or a libpq key=value string naming a host or dbname. */
int dx_store_is_pg_target(const char *target);

/* The PostgreSQL driver's pieces its unit tests reach (store_pg.c):
 * SQLite's `?`/`?N` placeholders as $n outside literals and comments (the
 * largest number in *nparams, used[n] = 1 for each number the text names,
 * used may be NULL; NULL if a number is out of range; caller frees), and
 * one value of a COPY text row with its delimiters escaped (NULL = \N);
 * and how many round trips a connection made to its server (-1 for a
 * store of another driver). */
char *dx_pg_rewrite(const char *sql, int *nparams, unsigned char *used);
int64_t dx_pg_round_trips(struct dx_store *st);
void dx_pg_copy_text(struct dx_buf *b, const char *v);

/* The cached prepared statement for `sql` (a string with static storage),
 * reset and unbound; NULL on error (already logged). */
struct dx_stmt *dx_q(struct dx_store *st, const char *sql);

/* How many rows satisfy cond, in SQL both engines run: SQLite sums a
 * condition as 0/1, PostgreSQL has no sum(boolean). */
#define DX_SQL_COUNT_IF(cond) "sum(CASE WHEN " cond " THEN 1 ELSE 0 END)"

static inline int dx_bind_int(struct dx_stmt *s, int i, int64_t v)
{
	return s->drv->bind_int(s, i, v);
}
static inline int dx_bind_text(struct dx_stmt *s, int i, const char *v)
{
	return s->drv->bind_text(s, i, v);
}
static inline int dx_bind_static(struct dx_stmt *s, int i, const char *v)
{
	return s->drv->bind_text_static(s, i, v);
}
/* Bind "" as NULL: optional dates and codes are NULL in the store. */
static inline int dx_bind_opt(struct dx_stmt *s, int i, const char *v)
{
	return s->drv->bind_text(s, i, v && *v ? v : NULL);
}
static inline int dx_step(struct dx_stmt *s)
{
	return s->drv->step(s);
}
static inline int64_t dx_col_int(struct dx_stmt *s, int i)
{
	return s->drv->col_int(s, i);
}
static inline const char *dx_col_text(struct dx_stmt *s, int i)
{
	return s->drv->col_text(s, i);
}
static inline int dx_col_null(struct dx_stmt *s, int i)
{
	return s->drv->col_null(s, i);
}
static inline int64_t dx_changes(struct dx_store *st)
{
	return st->drv->changes(st);
}
/* Step a statement that returns no row (or whose rows are ignored). */
int dx_step_done(struct dx_stmt *s);
/* Step s for its one row and read column 0 into *v, then finish it;
 * DX_NOT_FOUND if there is no row. */
int dx_step_int(struct dx_stmt *s, int64_t *v);
/* Copy column i into a fixed buffer. */
void dx_col_copy(struct dx_stmt *s, int i, char *dst, size_t size);

/*
 * ID numbers (身份证号) in protected stores (idprotect.c, core/idseal.h).
 * Every column holding one is bound and read through these, so a
 * protected store holds the sealed token there and every caller sees
 * the number.  dx_bind_idno binds v's token (the number itself in a
 * plain store; "" stays ""); without the key it binds NULL (no insert
 * passes NOT NULL, no look-up matches), logs why and returns DX_KEY.
 * dx_col_idno returns the number (valid for the next few rows), or
 * DX_IDNO_HIDDEN without the key or for a token that does not open.
 */
#define DX_IDNO_HIDDEN "******"
int dx_bind_idno(struct dx_stmt *s, int i, const char *v);
const char *dx_col_idno(struct dx_stmt *s, int i);
void dx_col_idno_copy(struct dx_stmt *s, int i, char *dst, size_t size);
/* Read the store's protection marker and check the process's key
 * against it (dx_store_open, after migrations): DX_KEY if the key is
 * wrong. */
int dx_store_idprot_load(struct dx_store *st);
/* v's token in a protected store (v itself in a plain one) into out
 * (DX_IDSEAL_TOKEN_MAX bytes, core/idseal.h): for a driver's bulk
 * insert; DX_KEY without the key. */
int dx_store_seal_idno(struct dx_store *st, const char *v, char *out);
void dx_store_idprot_free(struct dx_store *st);

/* Bind a person's fields from 姓名 to 是否计入家庭人口 (name .. counted, in
 * the person table's column order) from parameter i on, without copying
 * (p must outlive the step); returns the next parameter number.  One
 * list for the insert and the import's update. */
int dx_store_bind_person(struct dx_stmt *s, int i, const struct dx_person *p);

/* The same for a household, from 村民小组 to 饮水出现安全问题 (group_name ..
 * unsafe_water): one list for the insert and the import's update. */
int dx_store_bind_household(struct dx_stmt *s, int i, const struct dx_household *h);

/* Upgrade the open store's schema to version `target` (tests use it to
 * build an old store); dx_store_open() upgrades to the newest. */
int dx_store_migrate(struct dx_store *st, int target);

/* Current time as ISO-8601 UTC ("2026-11-24T12:00:00Z"), for updated_at. */
void dx_store_now(char out[21]);

#endif
