/*
 * pg_schema.c - print the PostgreSQL store's schema (src/store/schema_pg.c)
 * as psql reads it: every migration in order, then the version set as the
 * migration runner would, so that the SQL-level tests (pg_sql.sh,
 * triggers.sh) load exactly the DDL the PostgreSQL driver runs, without
 * the driver.  Built by those scripts: cc -Isrc pg_schema.c schema_pg.c.
 */
#include "store/schema_pg.h"

#include <stdio.h>

int main(void)
{
	for (int i = 0; i < dx_pg_nmigrations; i++)
		if (*dx_pg_migrations[i])
			printf("%s\n", dx_pg_migrations[i]);
	printf("UPDATE schema_version SET version = %d;\n", dx_pg_nmigrations);
	return 0;
}
