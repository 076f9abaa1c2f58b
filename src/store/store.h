/*
 * store.h - the one interface to persistent data.
 *
 * Callers (src/app/) see records as plain structs and operations by name;
 * no SQL and no driver header leaks out of src/store/.  Two drivers are
 * planned behind store_int.h: SQLite (embedded default, this file's only
 * one so far) and PostgreSQL (same schema, same portable SQL in the entity
 * modules, the DDL and the driver calls differing).
 *
 * Conventions: money is int64 fen; dates are ISO-8601 text ("" = none);
 * every table carries county_code, the future distribution key; every
 * record names its area by the 12-digit village code or a canonical prefix.
 */
#ifndef DX_STORE_H
#define DX_STORE_H

#include "core/dx.h"
#include "core/strbuf.h"

struct dx_store;

enum {
	DX_STORE_CREATE = 1 << 0,   /* create the store if it does not exist */
	DX_STORE_READONLY = 1 << 1, /* open for reading only */
};

/*
 * Open the store named by `path`, the --db target: a file name (SQLite),
 * or a PostgreSQL connection string (postgresql://..., postgres://... or
 * libpq's "host=... dbname=..."), which fails with DX_USAGE while that
 * driver is not built (dx_store_driver_built).  The driver is chosen by
 * the table in store.c.
 * Schema versions: a newer store is refused with DX_VERSION; an older one
 * is upgraded by a writable open (as `dixian migrate` does), and refused
 * with DX_STATE by a read-only one, which never writes (nor reopens
 * writable): the caller says "run dixian migrate".  *out is NULL on
 * error.  Messages name the target with its password masked.
 * A new store is created readable by its owner only (0600, and so its
 * -wal and -shm files): it holds ID numbers (issue 13.4).
 * A store whose file or directory is read-only opens for reading even when
 * writing was asked (dx_store_readonly() says so; a write then fails with
 * DX_DENIED); if it is older than the program, it is refused as above.
 * A store another program holds is waited for a bounded time
 * (DX_STORE_BUSY_MS), then DX_BUSY.
 */
int dx_store_open(struct dx_store **out, const char *path, unsigned flags);
/*
 * Bring the store named by `path` to the newest schema version, opening
 * it writable and creating nothing: *from and *to (either may be NULL)
 * receive the versions before and after.  DX_VERSION if the store is
 * newer than this program, DX_DENIED if it cannot be written.
 */
int dx_store_upgrade(const char *path, int *from, int *to);
/* The name of the driver a --db target selects ("sqlite", "postgresql"),
 * and whether that driver is built into this program. */
const char *dx_store_driver_name(const char *target);
int dx_store_driver_built(const char *target);
/* The target fit for a message or a log: a connection string's password
 * (user:PASSWORD@ in a URL, password= in a URL query or a key=value
 * string) replaced by ***; a file name unchanged.  Caller frees. */
char *dx_store_mask_target(const char *target);
/* 1 when this open created the store: it held no schema before (a new
 * file, an empty PostgreSQL database). */
int dx_store_created(const struct dx_store *st);
/* 1 when the store is open for reading only (asked, or the file is). */
int dx_store_readonly(const struct dx_store *st);
/* How long an open, a transaction's start or a write waits for a store
 * another program holds, in milliseconds. */
#define DX_STORE_BUSY_MS 5000
/* How long a writer of this connection waits, in the queue of this
 * process's writers of the same file (store/wqueue.c), before DX_BUSY;
 * ms <= 0 = DX_STORE_BUSY_MS.  A server sets more: the queue is fair, so
 * a request waiting behind an upload's import is answered late rather
 * than refused. */
void dx_store_set_write_wait(struct dx_store *st, int ms);
/* How many writers of this process wait to write the store's file now
 * (store/wqueue.c), not counting the one writing: a long writer (the
 * server's import job) looks at it to know whether anyone waits on it. */
int dx_store_writers_waiting(struct dx_store *st);
/* Close and free; NULL-safe. */
void dx_store_close(struct dx_store *st);
/* Schema version of the open store and the newest this program knows. */
int dx_store_version(struct dx_store *st, int *have, int *latest);
/* The path the store was opened with, to open a second connection (a
 * reader on another thread). */
const char *dx_store_path(const struct dx_store *st);

/*
 * ID numbers sealed at rest (issue 13, a lost laptop; idprotect.c,
 * core/idseal.h).  dx_store_ids_protected: 0 a plain store, 1 protected
 * and opened with the right key (numbers read and written as usual),
 * 2 protected and opened without a key (numbers read as "******",
 * writes and look-ups of numbers fail with DX_KEY).  A wrong key is
 * refused by dx_store_open with DX_KEY.
 * dx_store_protect seals every ID column of the store with the
 * process's key (dx_idsecret_load) in one transaction, records the
 * protection, then rewrites the file so no old page keeps a number;
 * *rows = the numbers sealed.  DX_EXISTS if already protected, DX_KEY
 * without a key.
 */
int dx_store_ids_protected(const struct dx_store *st);
int dx_store_protect(struct dx_store *st, int64_t *rows);

/* Run fn inside one transaction: commit when it returns 0, roll back
 * otherwise.  Busy stores are retried a bounded number of times. */
int dx_store_txn(struct dx_store *st, int (*fn)(struct dx_store *, void *), void *arg);
int dx_store_begin(struct dx_store *st);
/*
 * A writer's transaction for a ledger import (issue 16).  SQLite: as
 * dx_store_begin (the one write lock).  PostgreSQL: REPEATABLE READ, not
 * SERIALIZABLE: an import looks up tens of thousands of keys, whose
 * predicate locks the server sums into a lock on the whole index, so two
 * imports into different counties always looked as if each read what
 * the other wrote, and one was rolled back.  What SERIALIZABLE guarded
 * is guarded here by the writes themselves: two imports that update the
 * same row fail the later one with a serialization failure (DX_BUSY), and
 * two that insert the same 身份证, 户编号 or audit sequence number
 * (the county's chain) meet on a unique index (DX_EXISTS); the import
 * retries both from the start of the file, in a new snapshot that sees
 * the other's rows (app/import.c).
 */
int dx_store_begin_snapshot(struct dx_store *st);
int dx_store_commit(struct dx_store *st);
/*
 * A read snapshot for a use case that runs many small reads (the
 * household record: a few dozen look-ups).  Outside a transaction each
 * statement opens and closes its own read (on SQLite in WAL mode: two
 * locks on the -shm file each, which cost more than the look-up); inside
 * one they share a single read.  A deferred BEGIN takes no write lock and
 * blocks no writer.  No-op (returns 0 and sets *began to 0) inside a
 * transaction already; end it with dx_store_read_end(st, began).
 */
int dx_store_read_begin(struct dx_store *st, int *began);
void dx_store_read_end(struct dx_store *st, int began);
/*
 * One snapshot read by two connections (issue 12: a report whose side
 * pass runs on a second connection must count the same store as its
 * main pass, or its figures need not add up under concurrent writes).
 * Inside a read transaction of dx_store_read_begin on st,
 * dx_store_snapshot_export fills id with a name of its snapshot, and
 * dx_store_open_at opens a second connection to st's store whose reads,
 * until dx_store_close, see exactly that snapshot -- valid while st's
 * transaction is open.  Export answers DX_STATE when st is not in such a
 * transaction, or when its engine cannot share a snapshot between
 * connections (SQLite: Debian's library is built without
 * SQLITE_ENABLE_SNAPSHOT); the use case then reads on st alone.
 */
enum { DX_SNAPSHOT_ID_SIZE = 64 };
int dx_store_snapshot_export(struct dx_store *st, char id[DX_SNAPSHOT_ID_SIZE]);
int dx_store_open_at(struct dx_store **out, struct dx_store *from, const char *id);
/* dx_store_read_begin for a use case that will share its snapshot: on
 * SQLite it begins the read while holding off every commit (a write lock
 * taken without waiting, on a connection of its own), until a second
 * connection has begun its read at the same point (dx_store_open_at) or
 * the read ends.  When a writer holds the store, nothing is held and the
 * export answers DX_STATE: the use case reads on st alone. */
int dx_store_read_begin_shared(struct dx_store *st, int *began);
int dx_store_rollback(struct dx_store *st);
/*
 * Bulk load inside the current transaction: drop the secondary indexes of
 * person and household and the triggers that keep household.members, so
 * that many inserts cost one index build instead of one index update each.
 * dx_store_bulk_end() (and dx_store_commit(), which calls it) recreates
 * them; a rollback restores them.  Meanwhile the loader keeps the columns
 * derived from the members (derived.h says how).  Worth it when the load
 * adds about as many rows as the tables hold.
 */
int dx_store_bulk_begin(struct dx_store *st);
/*
 * 1 if a load that has added `added` members so far, into a store that
 * held `held` before it, should switch to a bulk load now: the driver's
 * rule.  SQLite drops and rebuilds indexes, which pays once the load has
 * added about half as many members as the store held; PostgreSQL defers
 * nothing that costs up front (its triggers step aside for the
 * transaction), so from the first row.
 */
int dx_store_bulk_worth(struct dx_store *st, int64_t added, int64_t held);
/*
 * A load into a store that holds no members yet (a county's first
 * ledger), around its transaction (outside it): begin lets the driver
 * write it the cheapest safe way, end (after the commit or rollback) goes
 * back to normal.  SQLite writes it through a rollback journal instead of
 * the WAL, if no other connection has the store open: every page is new,
 * so the journal stays almost empty and each page is written once, where
 * the WAL writes it twice (log, then checkpoint): 0.15 s of a 300k-member
 * import; atomic and crash-safe the same.  begin returns 1 if the driver
 * switched, 0 if not (SQLite: another connection has the store, and
 * readers are never locked out), < 0 on error; end returns DX_OK or an
 * error.  A driver with nothing to do returns 0 and DX_OK.
 */
int dx_store_load_empty_begin(struct dx_store *st);
int dx_store_load_empty_end(struct dx_store *st);
/* 1 if the store holds no member (person) at all. */
int dx_store_no_members(struct dx_store *st, int *yes);
int dx_store_bulk_end(struct dx_store *st);
/* Refresh the planner's statistics after a bulk load (demo, import), so
 * that county-wide scans read tables sequentially. */
int dx_store_analyze(struct dx_store *st);

/* ---- areas ---- */
struct dx_area {
	char code[13]; /* canonical prefix: 6, 9 or 12 digits */
	char name[96];
};
/* Insert or rename an area; the parent chain must exist (county first). */
int dx_store_area_put(struct dx_store *st, const char *code, const char *name);
/* Name of the area `code` into out; DX_NOT_FOUND if unknown. */
int dx_store_area_get(struct dx_store *st, const char *code, struct dx_area *out);
/* Children of `code` (townships of a county, villages of a township), by code. */
int dx_store_area_children(struct dx_store *st, const char *code,
			   int (*fn)(const struct dx_area *, void *), void *arg);
/* The county (six digits) and every area under it, by code: one read for
 * what an import would otherwise ask area by area. */
int dx_store_area_county(struct dx_store *st, const char *county,
			 int (*fn)(const struct dx_area *, void *), void *arg);

/* ---- households and members ---- */
struct dx_household {
	int64_t id;
	char hh_no[32];      /* 户编号 */
	char area_code[13];  /* 12-digit village code */
	char group_name[64]; /* 村民小组 */
	char kind[16];       /* 脱贫户 / 一般户 */
	int tuopin_year;     /* 脱贫年度, 0 = none */
	char phone[24];
	int relocated;       /* 易地扶贫搬迁安置 */
	int unsafe_housing;  /* 住房出现安全问题 */
	int dropout;         /* 义务教育阶段适龄儿童失学辍学 */
	int unsafe_water;    /* 饮水出现安全问题 */
};

struct dx_person {
	int64_t id;
	int64_t household_id;
	char id_no[19]; /* normalised 18-char 身份证 */
	char name[64];
	char relation[32];
	char sex[4];    /* 男 / 女, derived from id_no */
	char birth[11]; /* derived from id_no */
	char ethnicity[32];
	char politics[32];
	char education[32];
	char school[48];
	char health[64]; /* e.g. "患有大病,残疾" */
	char labour[48];
	char work_place[64];
	int work_months; /* -1 = none */
	int ins_resident;
	int ins_employee;
	int dibao;
	char dibao_class[4];
	int tekun;
	int disability_subsidy;
	char phone[24];
	int counted; /* 是否计入家庭人口 */
};

struct dx_income_row {
	int64_t household_id;
	int year;
	int64_t wage, business, property, transfer, business_cost;
	int64_t claims; /* 理赔收入 */
	int64_t oop;    /* 合规自付支出 as the ledger gives it */
};

int dx_store_household_insert(struct dx_store *st, struct dx_household *h);
int dx_store_person_insert(struct dx_store *st, struct dx_person *p);
/* The same when the caller knows the household's county (first six digits
 * of its area code): one look-up fewer per member, for bulk loads. */
int dx_store_person_insert_county(struct dx_store *st, const char *county, struct dx_person *p);
/* Insert n members at once, each into its household_id, whose area (the
 * 12-digit village code, its first six digits the county) is area[i];
 * with the ids the caller set (all nonzero: above
 * dx_store_person_max_id, increasing) or, if p[0]->id is 0, with new ones
 * it sets.  The bulk loader's path: one statement for many rows (SQLite:
 * a virtual table over the array; PostgreSQL: a COPY).  On PostgreSQL
 * the server writes the rows while the caller goes on, so their failure
 * (a duplicate 身份证号: DX_EXISTS) may come back from the store's next
 * call instead, dx_store_commit's at the latest; the same holds for every
 * *_insert_many below. */
int dx_store_person_insert_many(struct dx_store *st, struct dx_person *const *p,
				const char (*area)[13], size_t n);
/* The largest member id in the store (0 if none). */
int dx_store_person_max_id(struct dx_store *st, int64_t *id);
/*
 * n new member ids into ids[], increasing (and above those of any call
 * before), that no other writer takes: for members the caller inserts
 * with them (dx_store_person_insert_many).  SQLite: after the largest
 * (one writer at a time); PostgreSQL: from the id sequence, in one round
 * trip, so that two loads at once never pick the same ids (with the
 * largest id they would, and one would fail on the other's rows and be
 * retried from the start).
 */
int dx_store_person_new_ids(struct dx_store *st, size_t n, int64_t *ids);
/* Insert or replace the (household, year) income row. */
int dx_store_income_put(struct dx_store *st, const struct dx_income_row *in);

/* ---- monitoring episodes (监测 history) ---- */
struct dx_episode {
	int64_t id;
	int64_t household_id;
	char category[32];      /* 脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户 */
	char risks[160];        /* up to 5, joined with 、 */
	char identified_on[11];
	char eliminated_on[11]; /* "" while not eliminated */
	char elim_kind[16];     /* 帮扶消除 / 自然消除 */
	char ended_on[11];      /* closed by rollback or re-flag */
	char end_reason[32];
	int reflag;             /* opened by 风险再标注 */
	int64_t prev_id;
};
int dx_store_episode_insert(struct dx_store *st, struct dx_episode *e);

/* ---- help and follow-up ---- */
struct dx_measure {
	int64_t id;
	int64_t household_id;
	char category[32]; /* 产业帮扶, 就业帮扶, ... */
	char detail[96];
	char status[16];   /* 计划 / 已落实 */
	int64_t amount;
	char start_on[11];
	char end_on[11];
	char cadre[64];    /* 帮扶责任人 */
};
int dx_store_measure_insert(struct dx_store *st, struct dx_measure *m);

struct dx_visit {
	int64_t id;
	int64_t household_id;
	char visited_on[11];
	char cadre[64];
	char content[256];
	char findings[256];
};
int dx_store_visit_insert(struct dx_store *st, struct dx_visit *v);
/*
 * Rows of households the caller has just written (a generator's or a
 * loader's, inside its transaction), n at once: area[i] is row i's
 * household's village code (its first six digits the county).  Incomes
 * are new rows (no (household, year) row may exist yet); the rows' ids
 * are not returned.  PostgreSQL copies them in one COPY each (one round
 * trip, where a row each costs a round trip); SQLite inserts them row by
 * row, which costs it no more.
 */
int dx_store_income_insert_many(struct dx_store *st, const struct dx_income_row *in,
				const char (*area)[13], size_t n);
int dx_store_measure_insert_many(struct dx_store *st, const struct dx_measure *m,
				 const char (*area)[13], size_t n);
int dx_store_visit_insert_many(struct dx_store *st, const struct dx_visit *v,
			       const char (*area)[13], size_t n);

struct dx_warning {
	int64_t id;
	int64_t batch_id;
	char id_no[19];
	char name[64];
	char department[32];
	char event[96];
	int64_t amount;
	char occurred_on[11];
	char note[256];
	int64_t person_id;    /* 0 = matched nobody */
	int64_t household_id;
};
int dx_store_warning_batch_insert(struct dx_store *st, const char *county,
				  const char *department, const char *period,
				  const char *source, int64_t *id);
int dx_store_warning_insert(struct dx_store *st, struct dx_warning *w);

/* ---- audit ---- */
/* Append an audit row.  before/after are JSON text or NULL; they must not
 * contain what the caller is not allowed to log (the store trusts them).
 * action is one word of the audit vocabulary, `subject.verb` in lower
 * case (`case.open`, `import.insert`, `measure.update`: audit.h); any
 * other is refused with DX_USAGE, so a new entry path cannot coin a bare
 * "insert". */
int dx_store_audit(struct dx_store *st, const char *county, const char *actor,
		   const char *action, const char *entity, const char *key,
		   const char *before, const char *after);

/* ---- the household scan that reports and screening aggregate over ---- */
struct dx_hh_fact {
	int64_t id;
	const char *hh_no;
	const char *head_name; /* 户主's name; read with hh_no (DX_SCAN_HH_NO) */
	const char *area_code;
	int tuopin;           /* 1 脱贫户, 0 一般户 */
	int tuopin_year;      /* 脱贫年度, 0 = not recorded */
	int members;          /* members 计入家庭人口 (the per-capita denominator) */
	int dpersons;         /* registered members on as_of less the person rows
				 naming the household (dx_store_scan_persons) */
	int has_income, has_prev;
	int64_t net, prev_net; /* 家庭纯收入 of the year and the year before */
	/* the household's latest episode identified on or before as_of */
	int monitored;        /* 0 = never identified as of the date */
	const char *category;
	int eliminated;       /* eliminated on or before as_of */
	int reflag;
};
/* Call fn for every household whose area starts with `area` (a canonical
 * prefix: a county or narrower, or a province or city whose counties are
 * read in one pass), in no particular order, with the year's
 * income and the episode state as of `as_of` (ISO date).  hh_no and
 * head_name are read only with DX_SCAN_HH_NO in flags (NULL otherwise).  The strings in the
 * fact are valid during the call only. */
enum { DX_SCAN_HH_NO = 1 };
int dx_store_scan_households(struct dx_store *st, const char *area, int year,
			     const char *as_of, unsigned flags,
			     int (*fn)(const struct dx_hh_fact *, void *), void *arg);

/*
 * The households of `county` grouped by the facts a report's figures
 * select on (issue 16: a province counted county by county on its
 * server, not moved to the client a household at a time): fn once per
 * group, in no particular order.  Every household of a group has the
 * same kind (tuopin), 脱贫年度, latest episode state as of `as_of`
 * (monitored, category, eliminated, reflag: dx_hh_fact's), and has 低保
 * members -- at all, and of each class A, B, C -- or not alike;
 * households counts them, persons sums their registered members on as_of
 * (dx_hh_fact.dpersons plus dx_store_scan_persons' count), members
 * sums household.members (计入家庭人口 now: the ledger's head count, as
 * the national aggregate's, store/cluster_pg.h), the 低保 sums count
 * members with dibao = 1 (of class A, B, C by the class's first letter).
 * The strings are valid during the call only.
 */
struct dx_hh_group {
	const char *county;
	int tuopin, tuopin_year;
	int monitored;
	const char *category;
	int eliminated, reflag;
	long households, persons, members;
	long dibao_persons, dibao_class_persons[3];
};
int dx_store_scan_household_groups(struct dx_store *st, const char *county, const char *as_of,
				   int (*fn)(const struct dx_hh_group *, void *), void *arg);
/* fn(county code) for every county under `prefix` (a province or city, ""
 * = all) that has households, in code order. */
int dx_store_counties(struct dx_store *st, const char *prefix,
		      int (*fn)(const char *county, void *), void *arg);

/* An upper bound of the number of households in the store, read at once
 * from the id index (for sizing the maps a scan fills). */
int dx_store_household_bound(struct dx_store *st, int64_t *n);

/* How many households a scan of `area` (an area code prefix) should size
 * its maps for: a township's or village's own, counted in the area index;
 * a county's, counted in the county index, or, when the store holds that
 * county alone, the span of ids read at once (dx_store_household_bound);
 * a province or city: that span. */
int dx_store_household_size(struct dx_store *st, const char *area, int64_t *n);

/* Per-household counts for the report's paragraphs, over one county, or
 * over an area narrower than a county (a 9- or 12-digit code), then read
 * through that area's households at a cost in proportion to it.  Each
 * calls fn(household_id, a, b, arg) once per household that has rows:
 *  - measures started on or before as_of: a = all, b = implemented (已落实)
 *  - visits with from < visited_on <= to: a = visits, b = 0 */
int dx_store_scan_measures(struct dx_store *st, const char *area, const char *as_of,
			   int (*fn)(int64_t, long, long, void *), void *arg);
int dx_store_scan_visits(struct dx_store *st, const char *area, const char *from,
			 const char *to, int (*fn)(int64_t, long, long, void *), void *arg);
/* Whether a member row of the county (or narrower area) changed after
 * `as_of` (ISO date):
 * the member ledger keeps no history of 低保 or 务工, so only then are
 * its values not those of that date. */
int dx_store_members_changed_after(struct dx_store *st, const char *area, const char *as_of,
				   int *yes);
/* The first year of the county's dated records: the earliest income year
 * or identification; 0 when there is none.  (脱贫年度 is read with the
 * households, dx_hh_fact.tuopin_year.) */
int dx_store_first_year(struct dx_store *st, const char *county, int *year);
/* The same for every county under `prefix` (a province or city; "" =
 * all) in two statements: the store's first income year (0 = none) in
 * *income_year, and fn(county, first identification year) for each
 * county that has episodes, in code order.  A county's first year is the
 * smaller of the two (dx_store_first_year). */
int dx_store_first_years(struct dx_store *st, const char *prefix, int *income_year,
			 int (*fn)(const char *county, int year, void *), void *arg);
/* Registered members (计入家庭人口 or not) of every household that has
 * any, in the whole store: a = how many, b = 0.  household.members counts
 * only those 计入家庭人口; head counts count them all. */
int dx_store_scan_persons(struct dx_store *st, int (*fn)(int64_t, long, long, void *), void *arg);
/* The same for the households of `area` (a county or narrower) only. */
int dx_store_scan_persons_in(struct dx_store *st, const char *area,
			     int (*fn)(int64_t, long, long, void *), void *arg);
/* Members of one county who receive 低保 or have registered work (务工). */
struct dx_member_fact {
	int64_t household_id;
	int counted;
	int dibao;
	const char *dibao_class;
	const char *work_place;
	int work_months; /* -1 = none */
};
int dx_store_scan_members(struct dx_store *st, const char *area,
			  int (*fn)(const struct dx_member_fact *, void *), void *arg);

/* The procedure's figures for the report, over households under `area`,
 * for the period `from` to `to` (ISO, inclusive; `to` is the as-of date),
 * by the report's period rule (app/report.c). */
struct dx_proc_counts {
	long warnings, warnings_clued;           /* matched signals, and those sent as clues */
	long clues, clues_warning;               /* clues found, of which from warnings */
	long clues_verified, clues_in_time;      /* verified by `to`; and by the deadline */
	long clues_due;                          /* verified, or past the deadline on `to` */
	long clues_overdue;                      /* on `to`: unverified, past deadline, any year */
	long identified, eliminated;             /* cases approved (已通过) */
	long open, overdue;                      /* cases 办理中 on `to`, and past the deadline */
};
int dx_store_proc_counts(struct dx_store *st, const char *area, const char *from,
			 const char *to, struct dx_proc_counts *out);

/* Count rows of a table for an area prefix (tests and summaries). */
int dx_store_count(struct dx_store *st, const char *table, const char *area, int64_t *n);

#endif
