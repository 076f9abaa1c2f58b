/*
 * cluster_pg.c - the nation across servers on PostgreSQL (issue 17): the
 * SQL that builds a coordinator over province shards, reads its state
 * back for `cluster check`, and runs the national aggregate.
 *
 * The layout (docs/scale.md gives the why):
 *   - every table with county_code becomes, on the coordinator, a table
 *     PARTITIONED BY RANGE (county_code) with one foreign partition per
 *     shard, FOR VALUES FROM ('53') TO ('54'), on a postgres_fdw server
 *     with async_capable and connect_timeout, so one query fans out to
 *     the shards at once and a dead shard fails fast;
 *   - the columns come from the first shard's own tables (IMPORT FOREIGN
 *     SCHEMA with their defaults), so the coordinator never has a schema
 *     of its own to migrate; constraints, indexes and triggers stay on
 *     the shards, where postgres_fdw's INSERTs and UPDATEs fire them;
 *   - the tables without county_code (schema_version, id_protection,
 *     session, login_failure) are local to each server; schema_version
 *     and id_protection are copied from the first shard;
 *   - a shard's identity sequences start at its range
 *     (dx_cluster_id_base), the coordinator's own id defaults at
 *     DX_CLUSTER_COORD_BASE, so ids stay unique across the nation.
 * Everything talks plain libpq (this is setup, not an entity's SQL), and
 * messages carry libpq's first line only, never a target string.
 */
#include "core/dx.h"
#include "store/cluster_pg.h"

#include "store/pq.h"
#include <stdlib.h>
#include <string.h>

/* the schema the first shard's tables are imported into, then dropped */
#define TPL "dixian_tpl"

int64_t dx_cluster_id_base(const char *prefix)
{
	int64_t v = 0;
	for (int i = 0; i < 4; i++)
		v = v * 10 + (prefix[i] >= '0' && prefix[i] <= '9' ? prefix[i] - '0' : 0);
	return v * DX_CLUSTER_ID_SPAN;
}

/* libpq's message, its first line only. */
static void pq_why(PGconn *c, const char *what, struct dx_buf *why)
{
	const char *m = c ? PQerrorMessage(c) : "out of memory";
	size_t n = strcspn(m, "\n");
	dx_buf_addf(why, "%s: %.*s", what, (int)n, m);
}

/* Notices (DROP ... CASCADE's list) are not for the user. */
static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/* The server's primary message of a failed result. */
static void res_why(PGresult *r, struct dx_buf *why)
{
	const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	if (!m)
		m = PQresultErrorMessage(r);
	dx_buf_addf(why, "%.*s", (int)strcspn(m, "\n"), m);
}

/* A connection to target that gives up after 5 s unless the target says
 * otherwise, talking UTF-8; NULL with why on failure. */
static PGconn *pq_open(const char *target, struct dx_buf *why)
{
	const char *kw[] = {"connect_timeout", "client_encoding", "dbname", NULL};
	const char *val[] = {"5", "UTF8", target, NULL};
	PGconn *c;
	if (dx_pq_load()) {
		dx_buf_adds(why, "无法加载 PostgreSQL 客户端库 libpq（请安装 libpq5）");
		return NULL;
	}
	c = PQconnectdbParams(kw, val, 1);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		pq_why(c, "cannot connect", why);
		PQfinish(c);
		return NULL;
	}
	PQsetNoticeProcessor(c, quiet, NULL);
	return c;
}

/* Run sql (no rows wanted); 0 or DX_DB with why. */
static int pq_run(PGconn *c, const char *sql, struct dx_buf *why)
{
	PGresult *r = PQexec(c, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
	if (!ok)
		res_why(r, why);
	PQclear(r);
	return ok ? DX_OK : DX_DB;
}

/* Rows of sql, or NULL with why. */
static PGresult *pq_rows(PGconn *c, const char *sql, struct dx_buf *why)
{
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		res_why(r, why);
		PQclear(r);
		return NULL;
	}
	return r;
}

/* The first value of sql as an integer, or -1. */
static int64_t pq_int(PGconn *c, const char *sql, struct dx_buf *why)
{
	PGresult *r = pq_rows(c, sql, why);
	int64_t v = -1;
	if (r && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
		dx_parse_i64(PQgetvalue(r, 0, 0), &v);
	PQclear(r);
	return v;
}

/* Append s as an SQL literal. */
static void add_lit(PGconn *c, struct dx_buf *b, const char *s)
{
	char *q = PQescapeLiteral(c, s, strlen(s));
	dx_buf_adds(b, q ? q : "''");
	PQfreemem(q);
}

/* The prefix's upper bound: "53" -> "54", "59" -> "5:" (':' follows '9',
 * as in the audit walk's range). */
static void upper_of(const char *prefix, char out[8])
{
	size_t n = strlen(prefix);
	dx_strlcpy(out, prefix, 8);
	if (n)
		out[n - 1] = (char)(out[n - 1] + 1);
}

/* Shard tables: the base tables of public, with whether they carry
 * county_code and an identity id. */
static const char SQL_TABLES[] =
	"SELECT c.relname,"
	" EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'county_code'"
	"         AND NOT a.attisdropped),"
	" EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'id'"
	"         AND a.attidentity <> '')"
	" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
	" WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname";

/* The views of public in creation order (one may read another). */
static const char SQL_VIEWS[] =
	"SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c"
	" JOIN pg_namespace n ON n.oid = c.relnamespace"
	" WHERE n.nspname = 'public' AND c.relkind = 'v' ORDER BY c.oid";

/* Move each identity sequence of shard c to its range: only forward, so
 * rows already there keep their ids (check names those outside). */
static int shard_ranges(PGconn *c, PGresult *tables, int64_t base, struct dx_buf *why)
{
	struct dx_buf sql = DX_BUF_INIT;
	int rc = DX_OK;
	for (int i = 0; i < PQntuples(tables) && !rc; i++) {
		if (strcmp(PQgetvalue(tables, i, 2), "t"))
			continue;
		sql.len = 0;
		dx_buf_addf(&sql,
			    "SELECT setval(q.s, %lld) FROM (SELECT pg_get_serial_sequence('public.%s', 'id') AS s) q"
			    " WHERE coalesce(pg_sequence_last_value(q.s::regclass), 0) < %lld",
			    (long long)(base - 1), PQgetvalue(tables, i, 0), (long long)(base - 1));
		rc = pq_run(c, sql.buf, why);
	}
	dx_buf_release(&sql);
	return rc;
}

/* The server, user mapping and version table of shard k on the
 * coordinator, from its target's own keywords: host, port, dbname and the
 * rest go to the server, user and password to the mapping. */
static int add_server(PGconn *co, int k, const struct dx_cluster_shard *sh, struct dx_buf *why)
{
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(sh->target, &err);
	struct dx_buf srv = DX_BUF_INIT, map = DX_BUF_INIT;
	int rc, nsrv = 0, nmap = 0, timeout = 0;
	if (!opts) {
		dx_buf_adds(why, "the shard's target cannot be read");
		PQfreemem(err);
		return DX_INVALID;
	}
	dx_buf_addf(&srv, "CREATE SERVER dixian_s%d FOREIGN DATA WRAPPER postgres_fdw OPTIONS (", k);
	dx_buf_addf(&map, "CREATE USER MAPPING FOR CURRENT_USER SERVER dixian_s%d OPTIONS (", k);
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		int user = !strcmp(o->keyword, "user") || !strcmp(o->keyword, "password");
		if (!o->val || !*o->val || !strcmp(o->keyword, "client_encoding") ||
		    !strcmp(o->keyword, "fallback_application_name") || !strcmp(o->keyword, "replication"))
			continue;
		if (!strcmp(o->keyword, "connect_timeout"))
			timeout = 1;
		struct dx_buf *b = user ? &map : &srv;
		dx_buf_addf(b, "%s%s ", (user ? nmap++ : nsrv++) ? ", " : "", o->keyword);
		add_lit(co, b, o->val);
	}
	dx_buf_addf(&srv, "%sasync_capable 'true', fetch_size '10000'%s)", nsrv ? ", " : "",
		    timeout ? "" : ", connect_timeout '5'");
	dx_buf_adds(&map, ")");
	if (!nmap) {
		map.len = 0;
		dx_buf_addf(&map, "CREATE USER MAPPING FOR CURRENT_USER SERVER dixian_s%d", k);
	}
	PQconninfoFree(opts);
	if (!(rc = pq_run(co, srv.buf, why)) && !(rc = pq_run(co, map.buf, why))) {
		srv.len = 0;
		dx_buf_addf(&srv, "COMMENT ON SERVER dixian_s%d IS ", k);
		add_lit(co, &srv, sh->prefix);
		if (!(rc = pq_run(co, srv.buf, why))) {
			srv.len = 0;
			dx_buf_addf(&srv,
				    "CREATE FOREIGN TABLE dixian_cluster.version_s%d (version integer)"
				    " SERVER dixian_s%d OPTIONS (schema_name 'public', table_name 'schema_version')",
				    k, k);
			rc = pq_run(co, srv.buf, why);
		}
	}
	dx_buf_release(&srv);
	dx_buf_release(&map);
	return rc;
}

/* The coordinator's tables: partitioned or local, then the views. */
static int add_tables(PGconn *co, PGresult *tables, PGresult *views,
		      const struct dx_cluster_shard *sh, size_t n, struct dx_buf *why)
{
	struct dx_buf sql = DX_BUF_INIT;
	int rc = DX_OK;
	for (int i = 0; i < PQntuples(tables) && !rc; i++) {
		const char *t = PQgetvalue(tables, i, 0);
		int part = !strcmp(PQgetvalue(tables, i, 1), "t");
		int ident = !strcmp(PQgetvalue(tables, i, 2), "t");
		sql.len = 0;
		dx_buf_addf(&sql, "CREATE TABLE public.%s (LIKE " TPL ".%s INCLUDING DEFAULTS)%s;", t, t,
			    part ? " PARTITION BY RANGE (county_code)" : "");
		if (ident)
			dx_buf_addf(&sql,
				    "CREATE SEQUENCE public.%s_id_seq START %lld MINVALUE %lld"
				    " OWNED BY public.%s.id;"
				    "ALTER TABLE public.%s ALTER COLUMN id SET DEFAULT nextval('public.%s_id_seq');",
				    t, (long long)DX_CLUSTER_COORD_BASE, (long long)DX_CLUSTER_COORD_BASE, t, t,
				    t);
		for (size_t k = 0; part && k < n; k++) {
			char up[8];
			upper_of(sh[k].prefix, up);
			dx_buf_addf(&sql,
				    "CREATE FOREIGN TABLE public.%s_s%zu PARTITION OF public.%s"
				    " FOR VALUES FROM ('%s') TO ('%s') SERVER dixian_s%zu"
				    " OPTIONS (schema_name 'public', table_name '%s');",
				    t, k, t, sh[k].prefix, up, k, t);
		}
		if (!strcmp(t, "schema_version") || !strcmp(t, "id_protection"))
			dx_buf_addf(&sql, "INSERT INTO public.%s SELECT * FROM " TPL ".%s;", t, t);
		rc = pq_run(co, sql.buf, why);
	}
	for (int i = 0; i < PQntuples(views) && !rc; i++) {
		sql.len = 0;
		dx_buf_addf(&sql, "CREATE VIEW public.%s AS %s", PQgetvalue(views, i, 0),
			    PQgetvalue(views, i, 1));
		rc = pq_run(co, sql.buf, why);
	}
	dx_buf_release(&sql);
	return rc;
}

int dx_cluster_pg_init(const char *coord, const struct dx_cluster_shard *sh, size_t n,
		       int *bad, struct dx_buf *why)
{
	PGconn *co = NULL, *s = NULL;
	PGresult *tables = NULL, *views = NULL;
	int64_t version = -1;
	int rc = DX_DB;
	*bad = -1;
	/* the shards: each an initialised store of one version, ranges set */
	for (size_t k = 0; k < n; k++) {
		int64_t v;
		PGresult *t;
		*bad = (int)k;
		if (!(s = pq_open(sh[k].target, why)))
			goto out;
		if ((v = pq_int(s, "SELECT version FROM schema_version", why)) <= 0) {
			if (!why->len)
				dx_buf_adds(why, "no Dixian schema");
			goto out;
		}
		if (version >= 0 && v != version) {
			dx_buf_addf(why, "schema version %lld, the first shard has %lld", (long long)v,
				    (long long)version);
			rc = DX_VERSION;
			goto out;
		}
		version = v;
		if (!(t = pq_rows(s, SQL_TABLES, why)))
			goto out;
		if (!k) {
			tables = t;
			if (!(views = pq_rows(s, SQL_VIEWS, why)))
				goto out;
		}
		rc = shard_ranges(s, t, dx_cluster_id_base(sh[k].prefix), why);
		if (t != tables)
			PQclear(t);
		if (rc)
			goto out;
		rc = DX_DB;
		PQfinish(s);
		s = NULL;
	}
	*bad = -1;
	if (!(co = pq_open(coord, why)))
		goto out;
	if (pq_int(co, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
		       " WHERE n.nspname = 'public' AND c.relkind IN ('r','p','v','f')",
		   why) != 0) {
		if (!why->len)
			dx_buf_adds(why, "the coordinator database is not empty");
		rc = DX_EXISTS;
		goto out;
	}
	if ((rc = pq_run(co, "BEGIN; CREATE EXTENSION IF NOT EXISTS postgres_fdw;"
			     " CREATE SCHEMA dixian_cluster",
			 why)))
		goto out;
	for (size_t k = 0; k < n; k++)
		if ((rc = add_server(co, (int)k, &sh[k], why))) {
			*bad = (int)k;
			goto out;
		}
	if ((rc = pq_run(co, "CREATE SCHEMA " TPL "; IMPORT FOREIGN SCHEMA public FROM SERVER dixian_s0"
			     " INTO " TPL " OPTIONS (import_default 'true')",
			 why)) ||
	    (rc = add_tables(co, tables, views, sh, n, why)) ||
	    (rc = pq_run(co, "DROP SCHEMA " TPL " CASCADE;"
			     " DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET enable_partitionwise_aggregate"
			     " = on', current_database()); EXECUTE format('ALTER DATABASE %I SET"
			     " enable_partitionwise_join = on', current_database()); END $$; COMMIT",
			 why)))
		goto out;
	rc = DX_OK;
out:
	if (rc && co)
		PQclear(PQexec(co, "ROLLBACK"));
	PQclear(tables);
	PQclear(views);
	PQfinish(s);
	PQfinish(co);
	return rc;
}

/* The coordinator's shards: server name, prefix, where (no password). */
static const char SQL_SERVERS[] =
	"SELECT s.srvname, coalesce(d.description, ''),"
	" coalesce((SELECT string_agg(o, ' ') FROM unnest(s.srvoptions) o"
	"  WHERE o LIKE 'host=%' OR o LIKE 'hostaddr=%' OR o LIKE 'port=%' OR o LIKE 'dbname=%'), '')"
	" FROM pg_foreign_server s"
	" LEFT JOIN pg_description d ON d.objoid = s.oid AND d.classoid = 'pg_foreign_server'::regclass"
	" WHERE s.srvname LIKE 'dixian\\_s%' ORDER BY s.oid";

/* The partitioned tables (those with county_code), and whether each has
 * an id column. */
static const char SQL_PARTED[] =
	"SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid"
	" AND a.attname = 'id' AND NOT a.attisdropped)"
	" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
	" WHERE n.nspname = 'public' AND c.relkind = 'p' ORDER BY c.relname";

/* Fill st (one shard) through the coordinator's foreign partitions. */
static void shard_state(PGconn *co, PGresult *parted, int full, struct dx_cluster_shard_state *st)
{
	struct dx_buf sql = DX_BUF_INIT, why = DX_BUF_INIT;
	const char *k = st->server + strlen("dixian_s");
	char up[8];
	int64_t base = dx_cluster_id_base(st->prefix);
	upper_of(st->prefix, up);
	dx_buf_addf(&sql, "SELECT version FROM dixian_cluster.version_s%s", k);
	st->version = (int)pq_int(co, sql.buf, &why);
	st->reachable = st->version >= 0;
	if (!st->reachable) {
		dx_strlcpy(st->reason, why.len ? why.buf : "no version", sizeof(st->reason));
		goto out;
	}
	for (int i = 0; full && i < PQntuples(parted); i++) {
		const char *t = PQgetvalue(parted, i, 0);
		int64_t o, b = 0;
		sql.len = 0;
		why.len = 0;
		/* the partition's bound must not hide rows: asked directly */
		dx_buf_addf(&sql,
			    "SELECT count(*) FILTER (WHERE NOT (county_code >= '%s' AND county_code < '%s'))",
			    st->prefix, up);
		if (!strcmp(PQgetvalue(parted, i, 1), "t") && strcmp(t, "schema_version"))
			dx_buf_addf(&sql, ", count(*) FILTER (WHERE id < %lld OR id >= %lld)", (long long)base,
				    (long long)(base + DX_CLUSTER_ID_SPAN));
		else
			dx_buf_adds(&sql, ", 0");
		dx_buf_addf(&sql, " FROM public.%s_s%s", t, k);
		PGresult *r = pq_rows(co, sql.buf, &why);
		if (!r) {
			st->reachable = 0;
			dx_strlcpy(st->reason, why.buf, sizeof(st->reason));
			break;
		}
		dx_parse_i64(PQgetvalue(r, 0, 0), &o);
		dx_parse_i64(PQgetvalue(r, 0, 1), &b);
		PQclear(r);
		st->outside += o;
		if (b && !st->bad_ids)
			dx_strlcpy(st->first_bad, t, sizeof(st->first_bad));
		st->bad_ids += b;
	}
out:
	dx_buf_release(&sql);
	dx_buf_release(&why);
}

int dx_cluster_pg_state(const char *coord, int full, int *version,
			struct dx_cluster_shard_state **states, size_t *n, struct dx_buf *why)
{
	PGconn *co = pq_open(coord, why);
	PGresult *srv = NULL, *parted = NULL;
	int rc = DX_DB;
	*states = NULL;
	*n = 0;
	if (!co)
		return DX_DB;
	/* a bound never hides a row from the check (see shard_state) */
	if ((rc = pq_run(co, "SET constraint_exclusion = off", why)))
		goto out;
	rc = DX_DB;
	if (!(srv = pq_rows(co, SQL_SERVERS, why)) || !(parted = pq_rows(co, SQL_PARTED, why)))
		goto out;
	if (!PQntuples(srv)) {
		rc = DX_NOT_FOUND;
		goto out;
	}
	*version = (int)pq_int(co, "SELECT version FROM schema_version", why);
	*states = dx_xcalloc((size_t)PQntuples(srv), sizeof(**states));
	for (int i = 0; i < PQntuples(srv); i++) {
		struct dx_cluster_shard_state *st = &(*states)[i];
		dx_strlcpy(st->server, PQgetvalue(srv, i, 0), sizeof(st->server));
		dx_strlcpy(st->prefix, PQgetvalue(srv, i, 1), sizeof(st->prefix));
		dx_strlcpy(st->where, PQgetvalue(srv, i, 2), sizeof(st->where));
		shard_state(co, parted, full, st);
	}
	*n = (size_t)PQntuples(srv);
	rc = DX_OK;
out:
	PQclear(srv);
	PQclear(parted);
	PQfinish(co);
	return rc;
}

/* The national aggregate: grouped by county so that each group lies in
 * one partition and the whole aggregate goes to the shards.  No ORDER BY:
 * a sort above the Append makes the planner aggregate on the coordinator
 * (the rows are sorted here instead, a few thousand counties at most). */
static const char SQL_COUNTIES[] =
	"SELECT county_code, count(*), coalesce(sum(members), 0),"
	" count(*) FILTER (WHERE kind = '脱贫户'),"
	" coalesce(sum(members) FILTER (WHERE kind = '脱贫户'), 0)"
	" FROM household WHERE county_code >= $1 AND county_code < $2"
	" GROUP BY county_code";

static int by_county(const void *a, const void *b)
{
	return strcmp(((const struct dx_cluster_county *)a)->county,
		      ((const struct dx_cluster_county *)b)->county);
}

int dx_cluster_pg_counties(const char *coord, const char *prefix,
			   int (*fn)(const struct dx_cluster_county *, void *), void *arg,
			   struct dx_buf *plan, struct dx_buf *why)
{
	PGconn *co = pq_open(coord, why);
	PGresult *r;
	char up[8] = "9:";
	const char *lo = prefix && *prefix ? prefix : "0";
	const char *vals[2];
	int rc = DX_OK;
	if (!co)
		return DX_DB;
	if (prefix && *prefix)
		upper_of(prefix, up);
	vals[0] = lo;
	vals[1] = up;
	if (plan) {
		struct dx_buf sql = DX_BUF_INIT;
		dx_buf_adds(&sql, "EXPLAIN (VERBOSE, COSTS OFF) ");
		dx_buf_adds(&sql, SQL_COUNTIES);
		r = PQexecParams(co, sql.buf, 2, NULL, vals, NULL, NULL, 0);
		dx_buf_release(&sql);
	} else
		r = PQexecParams(co, SQL_COUNTIES, 2, NULL, vals, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		res_why(r, why);
		rc = DX_DB;
	}
	if (!rc && plan)
		for (int i = 0; i < PQntuples(r); i++)
			dx_buf_addf(plan, "%s\n", PQgetvalue(r, i, 0));
	if (!rc && !plan) {
		size_t n = (size_t)PQntuples(r);
		struct dx_cluster_county *cs = dx_xcalloc(n ? n : 1, sizeof(*cs));
		for (size_t i = 0; i < n; i++) {
			struct dx_cluster_county *c = &cs[i];
			dx_strlcpy(c->county, PQgetvalue(r, (int)i, 0), sizeof(c->county));
			dx_parse_i64(PQgetvalue(r, (int)i, 1), &c->households);
			dx_parse_i64(PQgetvalue(r, (int)i, 2), &c->persons);
			dx_parse_i64(PQgetvalue(r, (int)i, 3), &c->tuopin_households);
			dx_parse_i64(PQgetvalue(r, (int)i, 4), &c->tuopin_persons);
		}
		PQclear(r);
		r = NULL;
		PQfinish(co);
		co = NULL;
		qsort(cs, n, sizeof(*cs), by_county);
		for (size_t i = 0; i < n && !rc; i++)
			rc = fn(&cs[i], arg);
		free(cs);
	}
	PQclear(r);
	PQfinish(co);
	return rc;
}
