/*
 * store_pg_stub.c - the PostgreSQL driver's place in the driver table,
 * until the driver is built (issue 16).
 *
 * It claims PostgreSQL connection strings (postgresql://, postgres://,
 * libpq key=value with host= or dbname=) so that such a --db is never
 * taken for a SQLite file name, and its open fails with DX_USAGE, logging
 * in English with the password masked; the CLI tells the user in Chinese
 * ("PostgreSQL 驱动尚未构建").  Every other entry is unreachable: a store
 * is never handed out with this driver.
 */
#include "core/dx.h"
#include "store/store_int.h"

static int pg_claims(const char *target)
{
	return dx_store_is_pg_target(target);
}

static int pg_open(struct dx_store *st, const char *target, unsigned flags)
{
	return dx_error(DX_USAGE, "store '%s': the PostgreSQL driver is not built yet",
			st->shown);
}

const struct dx_driver dx_driver_pg = {
	.name = "postgresql",
	.claims = pg_claims,
	.built = 0,
	.is_file = 0,
	.open = pg_open,
};
