/*
 * backup_pg.c - whole-store copies and censuses for the PostgreSQL driver
 * (see backup.h; issue 13): PostgreSQL's own tools, from Debian's
 * postgresql-client, do the copying.
 *
 * A backup is `pg_dump -Fc` of the snapshot our own connection exported
 * (pg_export_snapshot in a REPEATABLE READ transaction): the census is read
 * in that transaction, so its counts are exactly the dump's, while other
 * programs go on writing.  The census of a dump is read from the dump
 * itself: `pg_restore --data-only -f -` turns it into COPY blocks, whose
 * lines are its rows (COPY's text format escapes a newline in a value);
 * reading it to the end is the dump's integrity check.
 *
 * A restore is `pg_restore --no-owner --no-privileges -f -` piped into
 * `psql --single-transaction`, after a statement that drops every table,
 * view, sequence and function of the store's schema (a sequence an
 * identity column owns goes with its table): one transaction, so
 * other connections see the old store or the new one, never half of it,
 * and a failure changes nothing.
 *
 * The password: a child never gets the --db target on its command line
 * (other users can read a command line).  Its connection options (libpq's
 * parse of the URL or key=value string) go into the child's environment
 * under libpq's own names (PGHOST, PGDATABASE, ...), and the password into
 * a password file of mode 0600 named by PGPASSFILE, removed afterwards.
 * A child's messages are logged in English, scrubbed of the password and
 * of what looks like an ID number.
 */
#include "core/dx.h"
#include "core/mask.h"
#include "store/backup.h"
#include "store/store_int.h"
#include "store/backup_pg.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include "store/pq.h"
#include <spawn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The child's environment and the password file it names. */
struct tool_env {
	char **env;
	size_t n;
	char passfile[64]; /* "" when the target has no password */
	char *password;    /* to scrub from messages */
};

static void env_set(struct tool_env *e, const char *name, const char *val)
{
	size_t len = strlen(name);
	char *kv = dx_xmalloc(len + strlen(val) + 2);
	memcpy(kv, name, len);
	kv[len] = '=';
	memcpy(kv + len + 1, val, strlen(val) + 1);
	for (size_t i = 0; i < e->n; i++)
		if (!strncmp(e->env[i], name, len) && e->env[i][len] == '=') {
			free(e->env[i]);
			e->env[i] = kv;
			return;
		}
	e->env = dx_xrealloc(e->env, (e->n + 2) * sizeof(*e->env));
	e->env[e->n++] = kv;
	e->env[e->n] = NULL;
}

static void env_release(struct tool_env *e)
{
	if (e->passfile[0])
		unlink(e->passfile);
	for (size_t i = 0; i < e->n; i++)
		free(e->env[i]);
	free(e->env);
	if (e->password) {
		memset(e->password, 0, strlen(e->password));
		free(e->password);
	}
	memset(e, 0, sizeof(*e));
}

/* The child's environment for the store at `target`: ours, with the
 * target's options under libpq's variable names, messages in English, and
 * the password in a private password file. */
static int env_for(const char *target, struct tool_env *e)
{
	PQconninfoOption *opts, *o;
	char *err = NULL;
	int rc = DX_OK;
	memset(e, 0, sizeof(*e));
	if ((rc = dx_pq_load()))
		return rc;
	for (char **p = environ; *p; p++) {
		e->env = dx_xrealloc(e->env, (e->n + 2) * sizeof(*e->env));
		e->env[e->n++] = dx_xstrdup(*p);
		e->env[e->n] = NULL;
	}
	if (!e->env) {
		e->env = dx_xcalloc(1, sizeof(*e->env));
	}
	env_set(e, "LC_ALL", "C");
	if (!(opts = PQconninfoParse(target, &err))) {
		PQfreemem(err); /* it may quote the target */
		env_release(e);
		return dx_error(DX_USAGE, "the store's connection string cannot be read");
	}
	for (o = opts; o->keyword; o++) {
		if (!o->val || !*o->val)
			continue;
		if (!strcmp(o->keyword, "password")) {
			e->password = dx_xstrdup(o->val);
			continue;
		}
		if (o->envvar)
			env_set(e, o->envvar, o->val);
		else
			dx_log(DX_LOG_WARN, "the store's connection option '%s' is not passed to %s",
			       o->keyword, "pg_dump/pg_restore");
	}
	PQconninfoFree(opts);
	if (e->password) {
		/* *:*:*:*:password, ':' and '\' escaped */
		struct dx_buf line = DX_BUF_INIT;
		const char *dir = getenv("TMPDIR");
		int fd;
		dx_buf_adds(&line, "*:*:*:*:");
		for (const char *p = e->password; *p; p++) {
			if (*p == ':' || *p == '\\')
				dx_buf_add(&line, "\\", 1);
			dx_buf_add(&line, p, 1);
		}
		dx_buf_add(&line, "\n", 1);
		dx_snprintf(e->passfile, sizeof(e->passfile), "%s/dixian-pgpass.XXXXXX",
		            dir && *dir && strlen(dir) < 40 ? dir : "/tmp");
		if ((fd = mkstemp(e->passfile)) < 0) {
			e->passfile[0] = '\0';
			rc = dx_error(DX_IO, "cannot create a password file for pg_dump: %s",
			              strerror(errno));
		} else {
			/* mkstemp makes it 0600, which libpq requires */
			if (write(fd, line.buf, line.len) != (ssize_t)line.len)
				rc = dx_error(DX_IO, "cannot write the password file for pg_dump");
			close(fd);
			env_set(e, "PGPASSFILE", e->passfile);
		}
		memset(line.buf, 0, line.len);
		dx_buf_release(&line);
	}
	if (rc)
		env_release(e);
	return rc;
}

/* Log a child's stderr (English), one line at a time, scrubbed. */
static void log_child(const char *tool, const char *text, const struct tool_env *e)
{
	const char *p = text;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[512];
		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		if (e && e->password && *e->password) {
			char *w;
			while ((w = strstr(line, e->password)))
				memset(w, '*', strlen(e->password));
		}
		dx_mask_text(line);
		if (*line)
			dx_log(DX_LOG_WARN, "%s: %s", tool, line);
		p = nl ? nl + 1 : NULL;
	}
}

/*
 * Run argv (argv[0] found on PATH) with environment env (NULL: ours), its
 * stdin from in_fd and stdout to out_fd (-1: /dev/null), its stderr read
 * into err; DX_OK when it exits 0.  A pipeline's other end is closed in
 * the child by close_fd (-1: none).
 */
static int spawn(char *const argv[], char *const *env, int in_fd, int out_fd, int close_fd,
                 pid_t *pid, int *err_fd)
{
	posix_spawn_file_actions_t fa;
	int ep[2], src;
	if (pipe(ep))
		return dx_error(DX_IO, "pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	if (in_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
	else
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (out_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, ep[1], 2);
	posix_spawn_file_actions_addclose(&fa, ep[0]);
	if (close_fd >= 0)
		posix_spawn_file_actions_addclose(&fa, close_fd);
	src = posix_spawnp(pid, argv[0], &fa, NULL, argv, env ? env : environ);
	posix_spawn_file_actions_destroy(&fa);
	close(ep[1]);
	if (src) {
		close(ep[0]);
		return dx_error(DX_IO, "cannot run %s (install postgresql-client): %s", argv[0],
		                strerror(src));
	}
	*err_fd = ep[0];
	return DX_OK;
}

/* Read fd to its end into b (at most 64 KiB kept) and close it. */
static void slurp(int fd, struct dx_buf *b)
{
	char tmp[4096];
	ssize_t n;
	while ((n = read(fd, tmp, sizeof(tmp))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && b->len < 65536)
			dx_buf_add(b, tmp, (size_t)n);
	close(fd);
}

/* Wait for pid; DX_OK when it exited 0, else DX_IO with its stderr logged. */
static int reap(const char *tool, pid_t pid, struct dx_buf *err, const struct tool_env *e)
{
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return dx_error(DX_IO, "%s: %s", tool, strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return DX_OK;
	log_child(tool, err->len ? err->buf : "", e);
	return dx_error(DX_IO, "%s failed (%s %d)", tool,
	                WIFEXITED(status) ? "exit" : "signal",
	                WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

/* Run one tool to its end: stdout to out_fd (-1: /dev/null). */
static int run_tool(char *const argv[], const struct tool_env *e, int out_fd)
{
	struct dx_buf err = DX_BUF_INIT;
	pid_t pid;
	int efd, rc;
	if ((rc = spawn(argv, e ? e->env : NULL, -1, out_fd, -1, &pid, &efd)))
		return rc;
	slurp(efd, &err);
	rc = reap(argv[0], pid, &err, e);
	dx_buf_release(&err);
	return rc;
}

/* ---- census ---- */

/* The first column of the one row of sql (no parameters) into out. */
static int one_text(struct dx_store *st, const char *sql, char *out, size_t size)
{
	struct dx_stmt *s = NULL;
	int rc = st->drv->prepare(st, sql, &s);
	*out = '\0';
	if (!rc && !(rc = st->drv->step(s)))
		dx_strlcpy(out, st->drv->col_text(s, 0), size);
	else if (rc == DX_NOT_FOUND)
		rc = DX_OK;
	if (s)
		st->drv->finalize(s);
	return rc;
}

int dx_pg_census(struct dx_store *st, struct dx_census *c)
{
	struct dx_stmt *s = NULL;
	char num[32];
	int64_t v;
	int rc;
	memset(c, 0, sizeof(*c));
	if ((rc = st->drv->get_version(st, &c->version)))
		return rc;
	rc = st->drv->prepare(st,
	                      "SELECT c.relname FROM pg_catalog.pg_class c"
	                      " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
	                      " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
	                      " AND NOT c.relispartition ORDER BY c.relname COLLATE \"C\"",
	                      &s);
	while (!rc && !(rc = st->drv->step(s)) && c->ntables < DX_CENSUS_MAX)
		dx_strlcpy(c->t[c->ntables++].name, st->drv->col_text(s, 0), sizeof(c->t[0].name));
	if (s)
		st->drv->finalize(s);
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	for (int i = 0; i < c->ntables; i++) {
		char sql[160];
		if (strchr(c->t[i].name, '"'))
			continue;
		dx_snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%s\"", c->t[i].name);
		if ((rc = one_text(st, sql, num, sizeof(num))))
			return rc;
		c->t[i].rows = dx_parse_i64(num, &v) ? 0 : v;
		if (!strcmp(c->t[i].name, "audit") &&
		    (rc = one_text(st, "SELECT max(at) FROM audit", c->last_audit,
		                   sizeof(c->last_audit))))
			return rc;
	}
	return DX_OK;
}

/* The index of column `col` in a COPY header's list "(a, b, c)", -1. */
static int copy_column(const char *cols, const char *col)
{
	int k = 0;
	size_t n = strlen(col);
	const char *p = cols;
	while (*p && *p != ')') {
		while (*p == ' ' || *p == '(' || *p == ',')
			p++;
		if (*p == '"')
			p++;
		if (!strncmp(p, col, n) && (p[n] == ',' || p[n] == ')' || p[n] == '"'))
			return k;
		while (*p && *p != ',' && *p != ')')
			p++;
		k++;
	}
	return -1;
}

/* Field k of a COPY text row (tab-separated) into out, "" past the end. */
static void copy_field(const char *row, int k, char *out, size_t size)
{
	const char *p = row;
	size_t len;
	for (; k > 0 && p; k--)
		if ((p = strchr(p, '\t')))
			p++;
	*out = '\0';
	if (!p)
		return;
	len = strcspn(p, "\t\n");
	if (len >= size)
		len = size - 1;
	memcpy(out, p, len);
	out[len] = '\0';
}

/* Reads pg_restore's script: the COPY blocks' rows, and the version,
 * latest audit time and, if asked, one account's row. */
struct dump_reader {
	struct dx_census *c;
	const char *account; /* the account name looked for, or NULL */
	struct dx_account *acc;
	int found;
	int table;           /* the COPY block's census entry, -1 outside */
	int col_at, col_version;
	int col_acc[7];      /* name, county_code, display_name, role, level, scope, disabled */
	int is_account;
};

static void dump_line(struct dump_reader *r, const char *line)
{
	struct dx_census *c = r->c;
	if (r->table < 0) {
		/* COPY public.name (cols) FROM stdin; */
		const char *p, *dot, *sp;
		if (strncmp(line, "COPY ", 5))
			return;
		p = line + 5;
		if ((dot = strchr(p, '.')) && dot < strchr(p, ' '))
			p = dot + 1;
		if (!(sp = strchr(p, ' ')) || c->ntables >= DX_CENSUS_MAX)
			return;
		r->table = c->ntables++;
		dx_snprintf(c->t[r->table].name, sizeof(c->t[0].name), "%.*s", (int)(sp - p), p);
		if (c->t[r->table].name[0] == '"') { /* a quoted name: as written, unquoted */
			size_t l = strlen(c->t[r->table].name);
			memmove(c->t[r->table].name, c->t[r->table].name + 1, l);
			if (l > 1 && c->t[r->table].name[l - 2] == '"')
				c->t[r->table].name[l - 2] = '\0';
		}
		r->col_at = !strcmp(c->t[r->table].name, "audit") ? copy_column(sp, "at") : -1;
		r->col_version =
			!strcmp(c->t[r->table].name, "schema_version") ? copy_column(sp, "version") : -1;
		r->is_account = r->account && !strcmp(c->t[r->table].name, "account");
		if (r->is_account) {
			static const char *const names[] = {"name", "county_code", "display_name", "role",
			                                    "level", "scope", "disabled"};
			for (int i = 0; i < 7; i++)
				r->col_acc[i] = copy_column(sp, names[i]);
		}
		return;
	}
	if (!strcmp(line, "\\.")) {
		r->table = -1;
		return;
	}
	c->t[r->table].rows++;
	if (r->col_at >= 0) {
		char at[sizeof(c->last_audit)];
		copy_field(line, r->col_at, at, sizeof(at));
		if (strcmp(at, "\\N") && strcmp(at, c->last_audit) > 0)
			dx_strlcpy(c->last_audit, at, sizeof(c->last_audit));
	}
	if (r->col_version >= 0) {
		char v[16];
		int64_t x;
		copy_field(line, r->col_version, v, sizeof(v));
		if (!dx_parse_i64(v, &x))
			c->version = (int)x;
	}
	if (r->is_account && r->col_acc[0] >= 0) {
		char name[sizeof(r->acc->name)], dis[8];
		copy_field(line, r->col_acc[0], name, sizeof(name));
		if (strcmp(name, r->account))
			return;
		r->found = 1;
		memset(r->acc, 0, sizeof(*r->acc));
		dx_strlcpy(r->acc->name, name, sizeof(r->acc->name));
		copy_field(line, r->col_acc[1], r->acc->county, sizeof(r->acc->county));
		copy_field(line, r->col_acc[2], r->acc->display_name, sizeof(r->acc->display_name));
		copy_field(line, r->col_acc[3], r->acc->role, sizeof(r->acc->role));
		copy_field(line, r->col_acc[4], r->acc->level, sizeof(r->acc->level));
		copy_field(line, r->col_acc[5], r->acc->scope, sizeof(r->acc->scope));
		copy_field(line, r->col_acc[6], dis, sizeof(dis));
		r->acc->disabled = !strcmp(dis, "1") || !strcmp(dis, "t");
	}
}

/* Read the dump at path through `pg_restore --data-only -f -`. */
static int read_dump(const char *path, struct dump_reader *r)
{
	char *argv[] = {"pg_restore", "--data-only", "--file=-", (char *)path, NULL};
	struct dx_buf err = DX_BUF_INIT, line = DX_BUF_INIT;
	char tmp[65536];
	int op[2], efd, rc;
	ssize_t n;
	pid_t pid;
	memset(r->c, 0, sizeof(*r->c));
	r->table = -1;
	if (pipe(op))
		return dx_error(DX_IO, "pipe: %s", strerror(errno));
	if ((rc = spawn(argv, NULL, -1, op[1], op[0], &pid, &efd))) {
		close(op[0]);
		close(op[1]);
		return rc;
	}
	close(op[1]);
	while ((n = read(op[0], tmp, sizeof(tmp))) > 0 || (n < 0 && errno == EINTR)) {
		for (ssize_t i = 0; i < n; i++) {
			if (tmp[i] != '\n') {
				if (line.len < (1u << 20))
					dx_buf_add(&line, tmp + i, 1);
				continue;
			}
			dump_line(r, line.len ? line.buf : "");
			dx_buf_reset(&line);
		}
	}
	close(op[0]);
	slurp(efd, &err);
	rc = reap("pg_restore", pid, &err, NULL);
	r->c->checked = 1;
	r->c->intact = !rc && r->table < 0 && r->c->version > 0;
	if (!r->c->intact)
		dx_strlcpy(r->c->integrity,
		           rc ? "pg_restore 无法读完此文件" : "文件不完整或没有 dixian 的表",
		           sizeof(r->c->integrity));
	dx_buf_release(&err);
	dx_buf_release(&line);
	return rc ? DX_IO : DX_OK;
}

int dx_pg_dump_census(const char *path, struct dx_census *c)
{
	struct dump_reader r;
	memset(&r, 0, sizeof(r));
	r.c = c;
	return read_dump(path, &r);
}

int dx_pg_dump_account(const char *path, const char *name, struct dx_account *acc)
{
	struct dx_census c;
	struct dump_reader r;
	int rc;
	memset(&r, 0, sizeof(r));
	r.c = &c;
	r.account = name;
	r.acc = acc;
	if ((rc = read_dump(path, &r)))
		return rc;
	return r.found ? DX_OK : DX_NOT_FOUND;
}

int dx_store_holds_store(const char *target, int *yes)
{
	PGconn *c;
	PGresult *res;
	int rc = DX_OK;
	*yes = 0;
	if (!dx_store_is_pg_target(target)) {
		*yes = access(target, F_OK) == 0;
		return DX_OK;
	}
	if ((rc = dx_pq_load()))
		return rc;
	c = PQconnectdb(target);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		/* libpq's message may quote the target: not logged here; the
		 * open that follows says what is wrong, masked */
		PQfinish(c);
		return DX_OK;
	}
	res = PQexec(c, "SELECT to_regclass('schema_version') IS NOT NULL");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		*yes = !strcmp(PQgetvalue(res, 0, 0), "t");
	else
		rc = dx_error(DX_DB, "cannot read whether the database holds a store");
	PQclear(res);
	PQfinish(c);
	return rc;
}

int dx_store_backup_is_pg(const char *path)
{
	return dx_pg_is_dump(path);
}

int dx_store_backup_account(const char *path, const char *name, struct dx_account *acc)
{
	if (!dx_pg_is_dump(path))
		return dx_error(DX_STATE, "'%s' is not a PostgreSQL backup", path);
	return dx_pg_dump_account(path, name, acc);
}

int dx_pg_is_dump(const char *path)
{
	char magic[5];
	int fd = open(path, O_RDONLY), ok;
	if (fd < 0)
		return 0;
	ok = read(fd, magic, 5) == 5 && !memcmp(magic, "PGDMP", 5);
	close(fd);
	return ok;
}

/* ---- backup and restore ---- */

int dx_pg_backup_file(struct dx_store *st, const char *dest, struct dx_census *snap)
{
	struct tool_env e;
	char id[128], opt[160], file[4200];
	int rc, fd;
	if (st->txn_depth)
		return dx_error(DX_STATE, "backup: inside a transaction");
	if ((rc = env_for(st->path, &e)))
		return rc;
	if ((rc = st->drv->exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"))) {
		env_release(&e);
		return rc;
	}
	st->txn_depth = 1;
	if (!(rc = one_text(st, "SELECT pg_export_snapshot()", id, sizeof(id))) &&
	    !(rc = dx_pg_census(st, snap))) {
		char *argv[] = {"pg_dump", "--format=custom", opt, file, NULL};
		dx_snprintf(opt, sizeof(opt), "--snapshot=%s", id);
		dx_snprintf(file, sizeof(file), "--file=%s", dest);
		/* the caller's temporary file, 0600: pg_dump replaces it */
		rc = run_tool(argv, &e, -1);
		if (!rc && (fd = open(dest, O_RDONLY)) >= 0) {
			if (fchmod(fd, 0600) || fsync(fd))
				rc = dx_error(DX_IO, "cannot secure '%s'", dest);
			close(fd);
		}
	}
	st->drv->exec(st, "COMMIT");
	st->txn_depth = 0;
	env_release(&e);
	return rc;
}

/* Drops what a store's schema holds (tables, views, sequences, functions
 * of the current schema), so that the dump's schema replaces it whole,
 * even a newer one with tables the dump does not have. */
static const char drop_store[] =
	"DO $dx$ DECLARE r record; BEGIN"
	" SET LOCAL client_min_messages TO warning;"
	" FOR r IN SELECT c.relname, c.relkind FROM pg_catalog.pg_class c"
	"  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
	"  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S')"
	"  ORDER BY CASE c.relkind WHEN 'v' THEN 0 WHEN 'm' THEN 1 WHEN 'S' THEN 3 ELSE 2 END"
	"  LOOP"
	"  EXECUTE format(CASE r.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS %I CASCADE'"
	"   WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS %I CASCADE'"
	"   WHEN 'S' THEN 'DROP SEQUENCE IF EXISTS %I CASCADE'"
	"   ELSE 'DROP TABLE IF EXISTS %I CASCADE' END, r.relname);"
	" END LOOP;"
	" FOR r IN SELECT p.oid::regprocedure AS f FROM pg_catalog.pg_proc p"
	"  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
	"  WHERE n.nspname = current_schema() LOOP"
	"  EXECUTE 'DROP FUNCTION IF EXISTS ' || r.f::text || ' CASCADE';"
	" END LOOP; END $dx$";

int dx_pg_restore_file(struct dx_store *st, const char *src)
{
	char *restore[] = {"pg_restore", "--no-owner", "--no-privileges", "--file=-",
	                   (char *)src, NULL};
	char *psql[] = {"psql", "--no-psqlrc", "--quiet", "--single-transaction",
	                "--set=ON_ERROR_STOP=1", "--command", (char *)drop_store,
	                "--file=-", NULL};
	struct dx_buf e1 = DX_BUF_INIT, e2 = DX_BUF_INIT;
	struct tool_env e;
	pid_t p1, p2;
	int pp[2], ef1, ef2, rc, rc2;
	if (st->txn_depth)
		return dx_error(DX_STATE, "restore: inside a transaction");
	if ((rc = env_for(st->path, &e)))
		return rc;
	if (pipe(pp)) {
		env_release(&e);
		return dx_error(DX_IO, "pipe: %s", strerror(errno));
	}
	if ((rc = spawn(restore, e.env, -1, pp[1], pp[0], &p1, &ef1))) {
		close(pp[0]);
		close(pp[1]);
		env_release(&e);
		return rc;
	}
	close(pp[1]);
	rc = spawn(psql, e.env, pp[0], -1, -1, &p2, &ef2);
	close(pp[0]);
	if (rc) {
		kill(p1, SIGTERM);
		slurp(ef1, &e1);
		reap("pg_restore", p1, &e1, &e);
		dx_buf_release(&e1);
		env_release(&e);
		return rc;
	}
	/* psql's stderr is small; pg_restore's too (its output goes to psql) */
	slurp(ef2, &e2);
	slurp(ef1, &e1);
	rc2 = reap("psql", p2, &e2, &e);
	rc = reap("pg_restore", p1, &e1, &e);
	dx_buf_release(&e1);
	dx_buf_release(&e2);
	env_release(&e);
	/* the schema changed under the cached statements */
	dx_store_stmts_release(st);
	return rc2 ? rc2 : rc;
}
