/*
 * schema_sqlite.h - the SQLite store's migrations (schema_sqlite.c), which
 * the SQLite driver (store_sqlite.c) hands to dx_store_migrate through
 * struct dx_driver.  dx_sqlite_migrations[i] brings a store from schema
 * version i to i + 1; the version lives in PRAGMA user_version.
 */
#ifndef DX_STORE_SCHEMA_SQLITE_H
#define DX_STORE_SCHEMA_SQLITE_H

/* The newest schema version: the number of migrations.  A constant, so
 * that the driver's static table can name it (schema_sqlite.c checks it
 * against the list). */
#define DX_SQLITE_NMIGRATIONS 21

extern const char *const dx_sqlite_migrations[];

#endif
