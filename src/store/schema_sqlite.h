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
/* Version 21's SQL (schema_sqlite.c says why), which PostgreSQL's
 * migrations run too (schema_pg.c). */
#define DX_SCHEMA_V21_LEFT                                                      \
	"DROP INDEX person_report;"                                              \
	"CREATE INDEX person_report ON person(county_code, household_id, counted, dibao," \
	" dibao_class, work_place, work_months)"                                 \
	" WHERE (dibao = 1 OR work_place != '') AND left_on IS NULL;"             \
	"DROP INDEX person_area_report;"                                         \
	"CREATE INDEX person_area_report ON person(area_code, household_id, counted, dibao," \
	" dibao_class, work_place, work_months)"                                 \
	" WHERE (dibao = 1 OR work_place != '') AND left_on IS NULL;"

#endif
