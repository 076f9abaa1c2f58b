/*
 * store_sqlite.c - the SQLite driver: the embedded default a township or
 * county runs offline on one laptop.  WAL journal, foreign keys on, STRICT
 * tables; the schema is a list of migrations (schema_sqlite.c) kept in
 * PRAGMA user_version.
 *
 * This is the only file that includes sqlite3.h.
 */
#include "core/dx.h"
#include "core/idseal.h"
#include "store/derived.h"
#include "store/schema_sqlite.h"
#include "store/store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

struct sq_stmt {
	struct dx_stmt base;
	sqlite3_stmt *s;
	sqlite3 *db;
};

static int sq_err(sqlite3 *db, int src, const char *what)
{
	if (src == SQLITE_BUSY || src == SQLITE_LOCKED)
		return DX_BUSY;
	if ((src & 0xff) == SQLITE_READONLY)
		return dx_error(DX_DENIED, "%s: the store is read-only", what);
	if (src == SQLITE_NOMEM)
		return DX_NOMEM;
	return dx_error(DX_DB, "%s: %s", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
}

/* Before SQLite's first use: no global memory statistics, which take a
 * mutex on every allocation (a third of a bulk insert's malloc time).
 * Fails harmlessly (SQLITE_MISUSE) if something initialised SQLite first. */
static void sq_config(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * Many rows in one INSERT ... SELECT (dx_store_person_insert_many,
 * dx_store_household_insert_many): dx_person_rows and dx_household_rows
 * are eponymous virtual tables over the array a call hands in, so that
 * the rows cost neither a bind per column nor a statement run each (30 %
 * of a bulk load's member inserts).  SQLite has no bulk-insert interface
 * of its own; a virtual table is how it reads foreign rows.  One
 * connection per thread: the arrays hang off the connection (sq_conn).
 */
struct sq_rows {
	const char *schema; /* the columns, as CREATE TABLE x(...) */
	void (*column)(sqlite3_context *ctx, const struct sq_rows *r, size_t i, int col);
	const void *rows, *aux;
	size_t n;
	char now[21];
	struct dx_store *st; /* whose numbers to seal (dx_store_seal_idno) */
};
/* The transaction statements every request runs (BEGIN, COMMIT, ...),
 * kept prepared: sqlite3_exec would parse them again each time (3 % of
 * the household route's CPU). */
static const char *const sq_txn_sql[] = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};
#define SQ_NTXN (sizeof(sq_txn_sql) / sizeof(sq_txn_sql[0]))
struct sq_conn {
	struct sq_rows person, household;
	sqlite3_stmt *txn[SQ_NTXN];
	sqlite3_stmt *data_version; /* sq_change_stamp's, prepared once */
};
struct sq_rows_cursor {
	sqlite3_vtab_cursor base;
	struct sq_rows *r;
	size_t i;
};
struct sq_rows_vtab {
	sqlite3_vtab base;
	struct sq_rows *r;
};

static int rows_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
			sqlite3_vtab **out, char **err)
{
	struct sq_rows_vtab *v;
	int src = sqlite3_declare_vtab(db, ((struct sq_rows *)aux)->schema);
	if (src != SQLITE_OK)
		return src;
	if (!(v = sqlite3_malloc(sizeof(*v))))
		return SQLITE_NOMEM;
	memset(v, 0, sizeof(*v));
	v->r = aux;
	*out = &v->base;
	return SQLITE_OK;
}

static int rows_best_index(sqlite3_vtab *tab, sqlite3_index_info *info)
{
	info->estimatedCost = (double)((struct sq_rows_vtab *)tab)->r->n;
	info->estimatedRows = (sqlite3_int64)((struct sq_rows_vtab *)tab)->r->n;
	return SQLITE_OK;
}

static int rows_disconnect(sqlite3_vtab *tab)
{
	sqlite3_free(tab);
	return SQLITE_OK;
}

static int rows_open(sqlite3_vtab *tab, sqlite3_vtab_cursor **out)
{
	struct sq_rows_cursor *c = sqlite3_malloc(sizeof(*c));
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	c->r = ((struct sq_rows_vtab *)tab)->r;
	*out = &c->base;
	return SQLITE_OK;
}

static int rows_close(sqlite3_vtab_cursor *c)
{
	sqlite3_free(c);
	return SQLITE_OK;
}

static int rows_filter(sqlite3_vtab_cursor *c, int idx, const char *idxs, int argc,
		       sqlite3_value **argv)
{
	((struct sq_rows_cursor *)c)->i = 0;
	return SQLITE_OK;
}

static int rows_next(sqlite3_vtab_cursor *c)
{
	((struct sq_rows_cursor *)c)->i++;
	return SQLITE_OK;
}

static int rows_eof(sqlite3_vtab_cursor *c)
{
	struct sq_rows_cursor *k = (struct sq_rows_cursor *)c;
	return k->i >= k->r->n;
}

static int rows_column(sqlite3_vtab_cursor *c, sqlite3_context *ctx, int col)
{
	struct sq_rows_cursor *k = (struct sq_rows_cursor *)c;
	k->r->column(ctx, k->r, k->i, col);
	return SQLITE_OK;
}

static int rows_rowid(sqlite3_vtab_cursor *c, sqlite3_int64 *rowid)
{
	*rowid = (sqlite3_int64)((struct sq_rows_cursor *)c)->i;
	return SQLITE_OK;
}

/* eponymous-only (no xCreate): used by name, never created */
static sqlite3_module rows_module = {
	.xConnect = rows_connect,
	.xBestIndex = rows_best_index,
	.xDisconnect = rows_disconnect,
	.xOpen = rows_open,
	.xClose = rows_close,
	.xFilter = rows_filter,
	.xNext = rows_next,
	.xEof = rows_eof,
	.xColumn = rows_column,
	.xRowid = rows_rowid,
};

static void rows_text(sqlite3_context *ctx, const char *s)
{
	sqlite3_result_text(ctx, s, -1, SQLITE_STATIC);
}

/* 0 = NULL (no value) for the optional integer columns */
static void rows_int_or_null(sqlite3_context *ctx, int64_t v)
{
	if (v)
		sqlite3_result_int64(ctx, v);
}

/* ---- members ---- */
enum { RC_ID, RC_COUNTY, RC_HOUSEHOLD, RC_ID_NO, RC_NAME, RC_RELATION, RC_SEX, RC_BIRTH,
       RC_ETHNICITY, RC_POLITICS, RC_EDUCATION, RC_SCHOOL, RC_HEALTH, RC_LABOUR,
       RC_WORK_PLACE, RC_WORK_MONTHS, RC_INS_RESIDENT, RC_INS_EMPLOYEE, RC_DIBAO,
       RC_DIBAO_CLASS, RC_TEKUN, RC_DISABILITY, RC_PHONE, RC_COUNTED, RC_UPDATED_AT };

static const char PERSON_ROWS[] =
	"CREATE TABLE x(id, county_code, household_id, id_no, name, relation, sex, birth,"
	" ethnicity, politics, education, school, health, labour, work_place,"
	" work_months, ins_resident, ins_employee, dibao, dibao_class, tekun,"
	" disability_subsidy, phone, counted, updated_at)";

static void person_column(sqlite3_context *ctx, const struct sq_rows *r, size_t i, int col)
{
	const struct dx_person *p = ((struct dx_person *const *)r->rows)[i];
	switch (col) {
	case RC_ID: rows_int_or_null(ctx, p->id); break; /* NULL: SQLite picks it */
	case RC_COUNTY: /* the first six digits of the member's area */
		sqlite3_result_text(ctx, ((const char(*)[13])r->aux)[i], 6, SQLITE_STATIC);
		break;
	case RC_HOUSEHOLD: sqlite3_result_int64(ctx, p->household_id); break;
	case RC_ID_NO:
		if (dx_store_ids_protected(r->st)) { /* issue 13: sealed at rest */
			char tok[DX_IDSEAL_TOKEN_MAX];
			if (dx_store_seal_idno(r->st, p->id_no, tok))
				sqlite3_result_error(ctx, "ID number cannot be sealed", -1);
			else
				sqlite3_result_text(ctx, tok, -1, SQLITE_TRANSIENT);
		} else {
			rows_text(ctx, p->id_no);
		}
		break;
	case RC_NAME: rows_text(ctx, p->name); break;
	case RC_RELATION: rows_text(ctx, p->relation); break;
	case RC_SEX: rows_text(ctx, p->sex); break;
	case RC_BIRTH: rows_text(ctx, p->birth); break;
	case RC_ETHNICITY: rows_text(ctx, p->ethnicity); break;
	case RC_POLITICS: rows_text(ctx, p->politics); break;
	case RC_EDUCATION: rows_text(ctx, p->education); break;
	case RC_SCHOOL: rows_text(ctx, p->school); break;
	case RC_HEALTH: rows_text(ctx, p->health); break;
	case RC_LABOUR: rows_text(ctx, p->labour); break;
	case RC_WORK_PLACE: rows_text(ctx, p->work_place); break;
	case RC_WORK_MONTHS:
		if (p->work_months >= 0)
			sqlite3_result_int(ctx, p->work_months);
		break; /* NULL otherwise */
	case RC_INS_RESIDENT: sqlite3_result_int(ctx, p->ins_resident); break;
	case RC_INS_EMPLOYEE: sqlite3_result_int(ctx, p->ins_employee); break;
	case RC_DIBAO: sqlite3_result_int(ctx, p->dibao); break;
	case RC_DIBAO_CLASS: rows_text(ctx, p->dibao_class); break;
	case RC_TEKUN: sqlite3_result_int(ctx, p->tekun); break;
	case RC_DISABILITY: sqlite3_result_int(ctx, p->disability_subsidy); break;
	case RC_PHONE: rows_text(ctx, p->phone); break;
	case RC_COUNTED: sqlite3_result_int(ctx, p->counted); break;
	case RC_UPDATED_AT: rows_text(ctx, r->now); break;
	}
}

static const char SQL_PERSON_INSERT_MANY[] =
	"INSERT INTO person(id, county_code, household_id, id_no, name, relation, sex,"
	" birth, ethnicity, politics, education, school, health, labour, work_place,"
	" work_months, ins_resident, ins_employee, dibao, dibao_class, tekun,"
	" disability_subsidy, phone, counted, updated_at, area_code)"
	" SELECT r.id, r.county_code, r.household_id, r.id_no, r.name, r.relation, r.sex,"
	" r.birth, r.ethnicity, r.politics, r.education, r.school, r.health, r.labour,"
	" r.work_place, r.work_months, r.ins_resident, r.ins_employee, r.dibao,"
	" r.dibao_class, r.tekun, r.disability_subsidy, r.phone, r.counted, r.updated_at,"
	" coalesce((SELECT h.area_code FROM household h WHERE h.id = r.household_id), '')"
	" FROM dx_person_rows r";

/* Run the INSERT ... SELECT of sql over r's n rows; the first new row id
 * in *first (one statement appends its rows with consecutive row ids,
 * checked by the count). */
static int rows_insert(struct dx_store *st, struct sq_rows *r, const char *sql,
		       const void *rows, const void *aux, size_t n, int64_t *first)
{
	struct dx_stmt *s = dx_q(st, sql);
	int rc;
	if (!s)
		return DX_DB;
	r->rows = rows;
	r->aux = aux;
	r->n = n;
	r->st = st;
	dx_store_now(r->now);
	rc = dx_step_done(s);
	r->n = 0;
	if (rc)
		return rc;
	if ((size_t)sqlite3_changes64(st->db) != n)
		return dx_error(DX_DB, "inserted %lld rows of %zu",
				(long long)sqlite3_changes64(st->db), n);
	*first = sqlite3_last_insert_rowid(st->db) - (int64_t)n + 1;
	return DX_OK;
}

static int sq_person_insert_many(struct dx_store *st, struct dx_person *const *p,
				 const char (*area)[13], size_t n)
{
	struct sq_conn *c = st->drv_data;
	int64_t first;
	int rc = rows_insert(st, &c->person, SQL_PERSON_INSERT_MANY, p, area, n, &first);
	if (rc || p[0]->id) /* the caller's ids */
		return rc;
	for (size_t i = 0; i < n; i++)
		p[i]->id = first + (int64_t)i;
	return DX_OK;
}

/* ---- households, with their derived columns ---- */
enum { RH_COUNTY, RH_HH_NO, RH_AREA, RH_GROUP, RH_KIND, RH_TUOPIN_YEAR, RH_PHONE,
       RH_RELOCATED, RH_HOUSING, RH_DROPOUT, RH_WATER, RH_UPDATED_AT, RH_MEMBERS, RH_MSUM,
       RH_HEAD_ID, RH_HEAD_NAME };

static const char HOUSEHOLD_ROWS[] =
	"CREATE TABLE x(county_code, hh_no, area_code, group_name, kind, tuopin_year,"
	" phone, relocated, unsafe_housing, dropout, unsafe_water, updated_at, members,"
	" msum, head_id, head_name)";

static void household_column(sqlite3_context *ctx, const struct sq_rows *r, size_t i, int col)
{
	const struct dx_household *h = ((struct dx_household *const *)r->rows)[i];
	const struct dx_derived *d = &((const struct dx_derived *)r->aux)[i];
	switch (col) {
	case RH_COUNTY: sqlite3_result_text(ctx, h->area_code, 6, SQLITE_STATIC); break;
	case RH_HH_NO: rows_text(ctx, h->hh_no); break;
	case RH_AREA: rows_text(ctx, h->area_code); break;
	case RH_GROUP: rows_text(ctx, h->group_name); break;
	case RH_KIND: rows_text(ctx, h->kind); break;
	case RH_TUOPIN_YEAR: rows_int_or_null(ctx, h->tuopin_year); break;
	case RH_PHONE: rows_text(ctx, h->phone); break;
	case RH_RELOCATED: sqlite3_result_int(ctx, h->relocated); break;
	case RH_HOUSING: sqlite3_result_int(ctx, h->unsafe_housing); break;
	case RH_DROPOUT: sqlite3_result_int(ctx, h->dropout); break;
	case RH_WATER: sqlite3_result_int(ctx, h->unsafe_water); break;
	case RH_UPDATED_AT: rows_text(ctx, r->now); break;
	case RH_MEMBERS: sqlite3_result_int64(ctx, d->members); break;
	case RH_MSUM: sqlite3_result_int64(ctx, d->msum); break;
	case RH_HEAD_ID: rows_int_or_null(ctx, d->head_id); break;
	case RH_HEAD_NAME: rows_text(ctx, d->head_id && d->head_name ? d->head_name : ""); break;
	}
}

static const char SQL_HOUSEHOLD_INSERT_MANY[] =
	"INSERT INTO household(county_code, hh_no, area_code, group_name, kind,"
	" tuopin_year, phone, relocated, unsafe_housing, dropout, unsafe_water,"
	" updated_at, members, msum, head_id, head_name)"
	" SELECT county_code, hh_no, area_code, group_name, kind, tuopin_year, phone,"
	" relocated, unsafe_housing, dropout, unsafe_water, updated_at, members, msum,"
	" head_id, head_name FROM dx_household_rows";

static int sq_household_insert_many(struct dx_store *st, struct dx_household *const *h,
				    const struct dx_derived *d, size_t n)
{
	struct sq_conn *c = st->drv_data;
	int64_t first;
	int rc = rows_insert(st, &c->household, SQL_HOUSEHOLD_INSERT_MANY, h, d, n, &first);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		h[i]->id = first + (int64_t)i;
	return DX_OK;
}

#define SQ_MMAP "PRAGMA mmap_size=1073741824"

/* strpos(text, sub): PostgreSQL's name for SQLite's instr(), so that the
 * entity modules' SQL runs on both (1-based; 0 when absent). */
static void sq_strpos(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	const unsigned char *sub = sqlite3_value_text(argv[1]);
	const char *at;
	int64_t n = 0;
	if (!s || !sub) {
		sqlite3_result_null(ctx);
		return;
	}
	if ((at = strstr((const char *)s, (const char *)sub))) {
		/* count characters, not bytes, as both engines do */
		for (const unsigned char *p = s; p <= (const unsigned char *)at; p++)
			if ((*p & 0xC0) != 0x80)
				n++;
	}
	sqlite3_result_int64(ctx, n);
}

/* Open one connection on name (a path, or a file: URI with SQLITE_OPEN_URI)
 * and register the row tables on it. */
static int sq_connect(struct dx_store *st, const char *name, int of, const char *path)
{
	struct sq_conn *c = st->drv_data;
	sqlite3 *db = NULL;
	int src = sqlite3_open_v2(name, &db, of, NULL);
	if (src != SQLITE_OK) {
		int rc = dx_error(DX_IO, "cannot open store '%s': %s", path,
				  db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
		sqlite3_close(db);
		return rc;
	}
	st->db = db;
	sqlite3_busy_timeout(db, DX_STORE_BUSY_MS);
	if (sqlite3_create_function(db, "strpos", 2,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				    sq_strpos, NULL, NULL) ||
	    sqlite3_create_module(db, "dx_person_rows", &rows_module, &c->person) ||
	    sqlite3_create_module(db, "dx_household_rows", &rows_module, &c->household))
		return dx_error(DX_DB, "cannot register the row tables: %s", sqlite3_errmsg(db));
	return DX_OK;
}

/* The settings of every connection, and a first read: a file that is not
 * a database fails here.  page_size only takes on a new, empty file: 16 KiB
 * pages make a county's first import 0.1-0.15 s faster than 4 KiB (297k
 * members: fewer pages to split, write through the WAL and checkpoint) and
 * scans read fewer pages; stores made before keep theirs. */
static int sq_settle(sqlite3 *db)
{
	return sqlite3_exec(db, "PRAGMA page_size=16384;"
			        "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
			        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;"
			        /* scans read pages in place instead of copying them */
			        SQ_MMAP ";"
			        "SELECT count(*) FROM sqlite_schema;",
			    NULL, NULL, NULL);
}

/* "file:PATH?immutable=1" with PATH escaped as a URI path (caller frees). */
static char *sq_immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path), k = 0;
	char *u = dx_xmalloc(3 * n + 32);
	memcpy(u, "file:", 5);
	k = 5;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)path[i];
		if (ch == '?' || ch == '#' || ch == '%' || ch < 0x20) {
			u[k++] = '%';
			u[k++] = hex[ch >> 4];
			u[k++] = hex[ch & 15];
		} else {
			u[k++] = (char)ch;
		}
	}
	memcpy(u + k, "?immutable=1", sizeof("?immutable=1"));
	return u;
}

/* 1 when path's -wal file exists and holds something. */
static int sq_wal_has_data(const char *path)
{
	char wal[4096];
	struct stat sb;
	if (dx_snprintf(wal, sizeof(wal), "%s-wal", path))
		return 1;
	return !stat(wal, &sb) && sb.st_size > 0;
}

static int sq_open(struct dx_store *st, const char *path, unsigned flags)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	/* one connection per thread: no SQLite mutexes */
	int of = ((flags & DX_STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		 SQLITE_OPEN_NOMUTEX;
	int src, rc;
	if (flags & DX_STORE_CREATE) {
		/* issue 13.4: the store holds ID numbers, so only its owner
		 * reads it; SQLite gives its -wal and -shm files the mode of
		 * the store, and takes an empty file as a new database */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0)
			close(fd);
		else if (errno != EEXIST)
			dx_log(DX_LOG_DEBUG, "cannot create '%s' ahead of SQLite: %s", path,
			       strerror(errno));
		of |= SQLITE_OPEN_CREATE;
	}
	pthread_once(&once, sq_config);
	{
		struct sq_conn *c = dx_xcalloc(1, sizeof(*c));
		st->drv_data = c; /* sq_close frees it */
		c->person.schema = PERSON_ROWS;
		c->person.column = person_column;
		c->household.schema = HOUSEHOLD_ROWS;
		c->household.column = household_column;
	}
	if ((rc = sq_connect(st, path, of, path)))
		goto fail;
	/* asked to read only, or SQLite fell back to reading a file it may
	 * not write (issue 13.7): never try to change the journal then */
	st->readonly = (flags & DX_STORE_READONLY) || sqlite3_db_readonly(st->db, "main") == 1;
	src = sq_settle(st->db);
	if (st->readonly && (src == SQLITE_READONLY || src == SQLITE_CANTOPEN) &&
	    !sq_wal_has_data(path)) {
		/* a store in WAL mode whose directory is read-only: its -shm
		 * cannot be made; with no -wal to replay, the file is the whole
		 * store and nobody can change it, so read it as immutable */
		char *uri = sq_immutable_uri(path);
		sqlite3_close(st->db);
		st->db = NULL;
		rc = sq_connect(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
				path);
		free(uri);
		if (rc)
			goto fail;
		src = sq_settle(st->db);
	}
	if (src == SQLITE_OK && !st->readonly)
		src = sqlite3_exec(st->db, "PRAGMA journal_mode=WAL;", NULL, NULL, NULL);
	/* busy: another program holds the store (a load into an empty store,
	 * dx_store_load_empty_begin,
	 * takes it whole) past the busy timeout */
	if (src == SQLITE_BUSY || src == SQLITE_LOCKED)
		return dx_error(DX_BUSY, "store '%s' is busy: another program holds it "
					 "(waited %d ms)", path, DX_STORE_BUSY_MS);
	if (src == SQLITE_READONLY || src == SQLITE_CANTOPEN || src == SQLITE_PERM)
		return dx_error(DX_DENIED, "store '%s' cannot be read: %s", path,
				sqlite3_errmsg(st->db));
	if (src != SQLITE_OK)
		return dx_error(DX_IO, "'%s' is not a dixian store: %s", path,
				sqlite3_errmsg(st->db));
	/* another program's database (tables but no dixian schema version)
	 * is refused, never migrated into */
	{
		sqlite3_stmt *q = NULL;
		int foreign = 0;
		if (sqlite3_prepare_v2(st->db, "SELECT (SELECT user_version FROM pragma_user_version) = 0"
					       " AND EXISTS (SELECT 1 FROM sqlite_schema)",
				       -1, &q, NULL) == SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			foreign = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		if (foreign)
			return dx_error(DX_IO, "'%s' is not a dixian store: it holds another "
					       "program's tables", path);
	}
	return DX_OK;
fail:
	/* no connection: dx_store_close() will not call sq_close() */
	if (!st->db) {
		free(st->drv_data);
		st->drv_data = NULL;
	}
	return rc;
}

static void sq_close(struct dx_store *st)
{
	struct sq_conn *c = st->drv_data;
	for (size_t i = 0; c && i < SQ_NTXN; i++)
		sqlite3_finalize(c->txn[i]);
	if (c)
		sqlite3_finalize(c->data_version);
	sqlite3_close(st->db);
	st->db = NULL;
	free(st->drv_data);
	st->drv_data = NULL;
}

/* sql as one of the prepared transaction statements: SQLITE_DONE or an
 * error when it is one, -1 when it is not */
static int sq_txn(struct dx_store *st, const char *sql)
{
	struct sq_conn *c = st->drv_data;
	int src;
	for (size_t i = 0; c && i < SQ_NTXN; i++) {
		if (strcmp(sql, sq_txn_sql[i]))
			continue;
		if (!c->txn[i] &&
		    sqlite3_prepare_v2(st->db, sql, -1, &c->txn[i], NULL) != SQLITE_OK)
			return -1; /* sqlite3_exec says why */
		src = sqlite3_step(c->txn[i]);
		sqlite3_reset(c->txn[i]);
		return src;
	}
	return -1;
}

static int sq_exec(struct dx_store *st, const char *sql)
{
	char *msg = NULL;
	int src = sq_txn(st, sql);
	if (src == SQLITE_DONE)
		return DX_OK;
	if (src == -1)
		src = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
	else if (src != SQLITE_OK)
		msg = sqlite3_mprintf("%s", sqlite3_errmsg(st->db));
	if (src != SQLITE_OK) {
		int rc = (src == SQLITE_BUSY) ? DX_BUSY
			 : (src & 0xff) == SQLITE_READONLY
				 ? dx_error(DX_DENIED, "the store is read-only: %s",
					    msg ? msg : sqlite3_errstr(src))
				 : dx_error(DX_DB, "%s", msg ? msg : sqlite3_errstr(src));
		sqlite3_free(msg);
		return rc;
	}
	return DX_OK;
}

static const struct dx_driver *sq_self(void);

/*
 * A statement left on a row, cached or not, holds the connection's read
 * snapshot open in WAL mode: every later read on the connection, for
 * whichever request the pool gives it to next, sees the store as it was
 * then.  End them, and any transaction open outside txn_depth, and say
 * which (the statement's text has placeholders, never values).
 */
static int sq_idle(struct dx_store *st)
{
	sqlite3_stmt *q = NULL;
	int n = 0;
	while ((q = sqlite3_next_stmt(st->db, q)))
		if (sqlite3_stmt_busy(q)) {
			dx_log(DX_LOG_WARN, "a statement was left on a row: %.80s", sqlite3_sql(q));
			sqlite3_reset(q);
			n++;
		}
	if (!st->txn_depth && !sqlite3_get_autocommit(st->db)) {
		dx_log(DX_LOG_WARN, "a transaction was left open outside the store's count");
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		n++;
	}
	return n;
}

/* Any target no other driver claims is a file name. */
static int sq_claims(const char *target)
{
	return 1;
}

/* A second connection on ":memory:" (or an empty name: a temporary
 * file) opens another, empty database. */
static int sq_shareable(const struct dx_store *st)
{
	return st->path && *st->path && strcmp(st->path, ":memory:") != 0;
}

static int sq_prepare(struct dx_store *st, const char *sql, struct dx_stmt **out)
{
	struct sq_stmt *s = dx_xcalloc(1, sizeof(*s));
	int src = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->s, NULL);
	if (src != SQLITE_OK) {
		int rc = dx_error(DX_DB, "cannot prepare statement: %s", sqlite3_errmsg(st->db));
		free(s);
		return rc;
	}
	s->base.drv = sq_self();
	s->db = st->db;
	*out = &s->base;
	return DX_OK;
}

static void sq_finalize(struct dx_stmt *base)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	if (!s)
		return;
	sqlite3_finalize(s->s);
	free(s);
}

static void sq_reset(struct dx_stmt *base)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	sqlite3_reset(s->s);
	sqlite3_clear_bindings(s->s);
}

static int sq_bind_int(struct dx_stmt *base, int i, int64_t v)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	int src = sqlite3_bind_int64(s->s, i, v);
	return src == SQLITE_OK ? DX_OK : sq_err(s->db, src, "bind");
}

static int sq_bind_text(struct dx_stmt *base, int i, const char *v)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	int src = v ? sqlite3_bind_text(s->s, i, v, -1, SQLITE_TRANSIENT)
		    : sqlite3_bind_null(s->s, i);
	return src == SQLITE_OK ? DX_OK : sq_err(s->db, src, "bind");
}

static int sq_bind_text_static(struct dx_stmt *base, int i, const char *v)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	int src = v ? sqlite3_bind_text(s->s, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s->s, i);
	return src == SQLITE_OK ? DX_OK : sq_err(s->db, src, "bind");
}

static int sq_step(struct dx_stmt *base)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	int rc, src = sqlite3_step(s->s);
	if (src == SQLITE_ROW)
		return DX_OK;
	if (src == SQLITE_DONE)
		return DX_NOT_FOUND;
	/* A failed statement is reset at once, not at its next use: one that
	 * failed busy still holds the read it began, so the connection's next
	 * transaction would start on that old snapshot and be refused
	 * (BUSY_SNAPSHOT, with no wait) as long as the statement sat in the
	 * cache.  The message is taken before the reset. */
	if (src == SQLITE_CONSTRAINT)
		rc = dx_error(DX_EXISTS, "constraint: %s", sqlite3_errmsg(s->db));
	else
		rc = sq_err(s->db, src, "step");
	sqlite3_reset(s->s);
	return rc;
}

static int64_t sq_col_int(struct dx_stmt *base, int i)
{
	return sqlite3_column_int64(((struct sq_stmt *)base)->s, i);
}

static const char *sq_col_text(struct dx_stmt *base, int i)
{
	const unsigned char *t = sqlite3_column_text(((struct sq_stmt *)base)->s, i);
	return t ? (const char *)t : "";
}

/* As dx_strlcpy from sq_col_text, but the length is SQLite's own.  The
 * column is looked up once (sqlite3_column_value), not once for its text
 * and again for its length: a household record copies some two hundred
 * columns, and each sqlite3_column_* call finds the column and checks the
 * connection's malloc state anew.  (SQLite calls the value unprotected:
 * that only matters to a connection shared between threads at once, and
 * a store connection never is -- it is opened NOMUTEX.) */
static void sq_col_copy(struct dx_stmt *base, int i, char *dst, size_t size)
{
	sqlite3_value *v = sqlite3_column_value(((struct sq_stmt *)base)->s, i);
	const unsigned char *t = sqlite3_value_text(v);
	size_t n = t ? (size_t)sqlite3_value_bytes(v) : 0;
	if (!size)
		return;
	if (n > size - 1)
		n = size - 1;
	if (n)
		memcpy(dst, t, n);
	dst[n] = '\0';
}

static int sq_col_null(struct dx_stmt *base, int i)
{
	return sqlite3_column_type(((struct sq_stmt *)base)->s, i) == SQLITE_NULL;
}

static int64_t sq_changes(struct dx_store *st)
{
	return sqlite3_changes64(st->db);
}

/* Save, then drop, the named indexes (not the UNIQUE constraints' automatic
 * ones, which have no SQL) and matching triggers of one table. */
static int sq_defer_schema(struct dx_store *st, const char *table, const char *triggers,
			   struct dx_buf *saved, int *n)
{
	sqlite3_stmt *s = NULL;
	struct dx_buf drop = DX_BUF_INIT;
	int src, rc = DX_OK;
	src = sqlite3_prepare_v2(st->db,
				 "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ?1"
				 " AND sql IS NOT NULL AND (type = 'index'"
				 " OR (type = 'trigger' AND ?2 != '' AND name LIKE ?2))"
				 " ORDER BY type, name",
				 -1, &s, NULL);
	if (src != SQLITE_OK)
		return sq_err(st->db, src, "read schema");
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, triggers, -1, SQLITE_STATIC);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		char *q = sqlite3_mprintf("DROP %s \"%w\";", (const char *)sqlite3_column_text(s, 0),
					  (const char *)sqlite3_column_text(s, 1));
		if (!q) {
			src = SQLITE_NOMEM;
			break;
		}
		dx_buf_adds(&drop, q);
		sqlite3_free(q);
		dx_buf_adds(saved, (const char *)sqlite3_column_text(s, 2));
		dx_buf_adds(saved, ";\n");
		(*n)++;
	}
	if (src != SQLITE_DONE)
		rc = sq_err(st->db, src, "read schema");
	sqlite3_finalize(s);
	if (!rc && drop.len)
		rc = sq_exec(st, drop.buf);
	dx_buf_release(&drop);
	return rc;
}

/* Dropping and rebuilding the indexes pays once the load has added about
 * half as many members as the store held (and a few dozen at least). */
static int sq_bulk_worth(int64_t added, int64_t held)
{
	return added >= 64 && added * 2 >= held;
}

/* The journal mode the connection reports after `sql` sets it. */
static int sq_journal(struct dx_store *st, const char *sql, char *mode, size_t size)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	mode[0] = '\0';
	if (src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		dx_strlcpy(mode, (const char *)sqlite3_column_text(s, 0), size);
		src = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return src;
}

/* VACUUM rewrites the file without its free pages; the truncating
 * checkpoint empties the write-ahead log that still held the old ones. */
static int sq_compact(struct dx_store *st)
{
	int rc = sq_exec(st, "VACUUM");
	return rc ? rc : sq_exec(st, "PRAGMA wal_checkpoint(TRUNCATE)");
}

/* The busy timeout off for a write that must not wait (a session's
 * renewal), and back on. */
static int sq_nowait(struct dx_store *st, int on)
{
	char sql[48];
	dx_snprintf(sql, sizeof(sql), "PRAGMA busy_timeout=%d", on ? 0 : DX_STORE_BUSY_MS);
	return sq_exec(st, sql);
}

/* Leaving WAL mode needs the store to itself: try once, without waiting
 * (the busy timeout would hold an import up behind an idle reader). */
static int sq_load_empty(struct dx_store *st, int on)
{
	char mode[16];
	int src;
	if (!on) {
		src = sq_journal(st, "PRAGMA journal_mode=WAL", mode, sizeof(mode));
		if (src == SQLITE_BUSY || src == SQLITE_LOCKED || (!src && strcmp(mode, "wal")))
			/* a reader that waited for the load still has it open: the
			 * load is committed, and the next dixian to open the store
			 * for writing puts it back in WAL mode (sq_open) */
			dx_log(DX_LOG_WARN, "store '%s' left in rollback-journal mode: busy",
			       st->path);
		else if (src)
			return sq_err(st->db, src, "journal back to WAL");
		return sq_exec(st, SQ_MMAP);
	}
	sqlite3_busy_timeout(st->db, 0);
	src = sq_journal(st, "PRAGMA journal_mode=DELETE", mode, sizeof(mode));
	sqlite3_busy_timeout(st->db, DX_STORE_BUSY_MS);
	if (src == SQLITE_BUSY || src == SQLITE_LOCKED || (!src && strcmp(mode, "delete")))
		return 0;
	if (src)
		return sq_err(st->db, src, "journal for a first load");
	/* the load's pages go to the file as it runs; read back through the
	 * map they would count against its memory (80 MiB at 1M members)
	 * though the page cache holds them anyway */
	return sq_exec(st, "PRAGMA mmap_size=0") ? DX_DB : 1;
}

static int sq_fk_enforce(struct dx_store *st, int on)
{
	return sq_exec(st, on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
}

static int sq_fk_check(struct dx_store *st)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s, NULL), rc = DX_OK;
	if (src != SQLITE_OK)
		return sq_err(st->db, src, "check foreign keys");
	src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		rc = dx_error(DX_INVALID, "table %s row %lld refers to a missing %s row",
			      (const char *)sqlite3_column_text(s, 0),
			      (long long)sqlite3_column_int64(s, 1),
			      (const char *)sqlite3_column_text(s, 2));
	else if (src != SQLITE_DONE)
		rc = sq_err(st->db, src, "check foreign keys");
	sqlite3_finalize(s);
	return rc;
}

/* A store analyzed before (dixian demo, or an ANALYZE of the user's own)
 * is analyzed again, so the indexes a migration added get statistics:
 * without them SQLite takes an equality on an index's first column for
 * selective, and reads a one-county store's county through
 * household_county_id row by row where its old statistics made it scan
 * the table (a county report 1.14 times slower on an upgraded 30,000-
 * household store).  A store never analyzed stays so, as before: both
 * plans are then the planner's defaults.  Costs one pass over the data,
 * once per upgrade. */
static int sq_after_upgrade(struct dx_store *st)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db,
				     "SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'",
				     -1, &s, NULL),
	    analyzed;
	if (src != SQLITE_OK)
		return sq_err(st->db, src, "look for planner statistics");
	src = sqlite3_step(s);
	analyzed = src == SQLITE_ROW;
	sqlite3_finalize(s);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return sq_err(st->db, src, "look for planner statistics");
	return analyzed ? sq_exec(st, "ANALYZE") : DX_OK;
}

/* Sharing a read snapshot without sqlite3_snapshot_open (Debian builds
 * SQLite without SQLITE_ENABLE_SNAPSHOT): a connection of its own takes
 * the write lock without waiting, so that no commit comes until it is
 * released (for a read-only open of st too: the lock writes nothing).
 * st's read then begins at once (a read of sqlite_schema fixes a WAL
 * snapshot), and a second connection that begins its read before the
 * release reads the same snapshot, the latest commit.  A writer at work
 * (an import) makes the hold fail: nothing is shared then.  Commits wait
 * meanwhile, for as long as the second connection takes to open. */
static int sq_snapshot_hold(struct dx_store *st)
{
	sqlite3 *lock = NULL;
	if (!st->path || !sq_shareable(st) ||
	    sqlite3_open_v2(st->path, &lock, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(lock);
		return DX_BUSY;
	}
	if (sq_exec(st, "SELECT 1 FROM sqlite_schema LIMIT 1")) {
		sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(lock);
		return DX_DB;
	}
	st->snap_hold = lock;
	return DX_OK;
}

static void sq_snapshot_release(struct dx_store *st)
{
	sqlite3_exec(st->snap_hold, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(st->snap_hold);
	st->snap_hold = NULL;
}

static int sq_snapshot_export(struct dx_store *st, char *id, size_t size)
{
	if (!st->snap_hold)
		return DX_STATE;
	dx_strlcpy(id, "held", size);
	return DX_OK;
}

/* the read begins now, while the exporter holds off every commit */
static int sq_snapshot_import(struct dx_store *st, const char *id)
{
	int rc;
	if (strcmp(id, "held"))
		return dx_error(DX_INVALID, "not a snapshot id");
	if ((rc = sq_exec(st, "BEGIN")))
		return rc;
	if ((rc = sq_exec(st, "SELECT 1 FROM sqlite_schema LIMIT 1")))
		sq_exec(st, "ROLLBACK");
	return rc;
}

static int sq_get_version(struct dx_store *st, int *v)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
	if (src == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		*v = sqlite3_column_int(s, 0);
	else
		src = SQLITE_ERROR;
	sqlite3_finalize(s);
	return src == SQLITE_OK ? DX_OK : sq_err(st->db, src, "read schema version");
}

/* The driver's change_stamp: PRAGMA data_version, which moves when
 * another connection (another process, or another of the server's pool)
 * has committed since this one's last read, and the rows this connection
 * changed itself, which data_version leaves out.  A few opcodes: the
 * read transaction it starts is the one the caller's statements use. */
static int sq_change_stamp(struct dx_store *st, int64_t stamp[2])
{
	struct sq_conn *c = st->drv_data;
	int src;
	if (!c)
		return DX_DB;
	/* rows written and not yet committed: a rollback would take them
	 * back without moving either number */
	if (sqlite3_txn_state(st->db, NULL) == SQLITE_TXN_WRITE)
		return DX_STATE;
	if (!c->data_version &&
	    sqlite3_prepare_v3(st->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
			       &c->data_version, NULL) != SQLITE_OK)
		return sq_err(st->db, sqlite3_errcode(st->db), "read data_version");
	src = sqlite3_step(c->data_version);
	if (src == SQLITE_ROW)
		stamp[0] = sqlite3_column_int64(c->data_version, 0);
	sqlite3_reset(c->data_version);
	if (src != SQLITE_ROW)
		return sq_err(st->db, src, "read data_version");
	stamp[1] = sqlite3_total_changes64(st->db);
	return DX_OK;
}

static int sq_set_version(struct dx_store *st, int v)
{
	char sql[64];
	dx_snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", v);
	return sq_exec(st, sql);
}

const struct dx_driver dx_driver_sqlite = {
	.name = "sqlite",
	.claims = sq_claims,
	.built = 1,
	.is_file = 1,
	.shareable = sq_shareable,
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.reset = sq_reset,
	.bind_int = sq_bind_int,
	.bind_text = sq_bind_text,
	.bind_text_static = sq_bind_text_static,
	.step = sq_step,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_null = sq_col_null,
	.col_copy = sq_col_copy,
	.person_insert_many = sq_person_insert_many,
	.seals_ids = 1,
	.household_insert_many = sq_household_insert_many,
	.changes = sq_changes,
	.defer_schema = sq_defer_schema,
	.bulk_worth = sq_bulk_worth,
	.load_empty = sq_load_empty,
	.compact = sq_compact,
	.nowait = sq_nowait,
	.idle = sq_idle,
	.change_stamp = sq_change_stamp,
	.fk_enforce = sq_fk_enforce,
	.fk_check = sq_fk_check,
	.get_version = sq_get_version,
	.set_version = sq_set_version,
	.after_upgrade = sq_after_upgrade,
	.snapshot_export = sq_snapshot_export,
	.snapshot_import = sq_snapshot_import,
	.snapshot_hold = sq_snapshot_hold,
	.snapshot_release = sq_snapshot_release,
	.migrations = dx_sqlite_migrations,
	.nmigrations = DX_SQLITE_NMIGRATIONS,
};

static const struct dx_driver *sq_self(void)
{
	return &dx_driver_sqlite;
}
