/*
 * schema_pg.h - the PostgreSQL store's schema (schema_pg.c): the same
 * tables, columns, constraints, indexes, views and derived-column rules as
 * the SQLite store's newest version (schema_sqlite.c), in PostgreSQL 15's
 * dialect, with the same version numbers.
 *
 * dx_pg_migrations[i] brings a store from version i to i + 1, one string
 * of SQL run in one transaction (PQexec: several statements, function
 * bodies in $$ quotes).  PostgreSQL stores begin at version 13, so
 * migration 0 creates the whole version-13 schema and migrations 1 to 12
 * are empty strings (nothing to run: PQexec answers PGRES_EMPTY_QUERY,
 * which the driver takes as success); a later version adds a real step
 * to both engines' lists.
 *
 * SQLite keeps the version in PRAGMA user_version; PostgreSQL has none,
 * so the version is the one row of the table schema_version, which
 * migration 0 creates (with version 0; the migration runner then sets
 * it).  A database without that table is at version 0: empty, or another
 * program's, which the driver refuses as the SQLite driver does
 * (DX_PG_SQL_HAS_TABLES).
 */
#ifndef DX_STORE_SCHEMA_PG_H
#define DX_STORE_SCHEMA_PG_H

/* The newest schema version: the number of migrations, equal to
 * SQLite's (schema_pg.c checks both). */
#define DX_PG_NMIGRATIONS 21

extern const char *const dx_pg_migrations[];
extern const int dx_pg_nmigrations;

/* Reading and writing the version (the driver's get_version and
 * set_version): first whether schema_version exists (one row, one
 * boolean), then its version; set binds the new version as $1. */
#define DX_PG_SQL_VERSION_EXISTS "SELECT to_regclass('schema_version') IS NOT NULL"
#define DX_PG_SQL_VERSION_GET "SELECT version FROM schema_version"
#define DX_PG_SQL_VERSION_SET "UPDATE schema_version SET version = $1"
/* Whether the current schema holds any table or view: with no
 * schema_version, such a database is another program's and is refused,
 * never migrated into. */
#define DX_PG_SQL_HAS_TABLES \
	"SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c" \
	" JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace" \
	" WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm'))"

#endif
