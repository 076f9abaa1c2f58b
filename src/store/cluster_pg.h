/*
 * cluster_pg.h - the nation across servers (issue 17) on PostgreSQL's own
 * machinery: a coordinator database whose tables are partitioned by
 * county_code, one foreign partition (postgres_fdw) per province shard,
 * each shard an ordinary Dixian PostgreSQL store.  docs/scale.md gives
 * the layout and the decisions; app/cluster.c turns these results into
 * Chinese messages.  Every function here talks libpq to the targets it is
 * given; a target's password never reaches a message or a log line.
 */
#ifndef DX_CLUSTER_PG_H
#define DX_CLUSTER_PG_H

#include "core/dx.h"
#include "core/strbuf.h"

/* Ids of a shard lie in [base, base + DX_CLUSTER_ID_SPAN), base the
 * shard's prefix padded to four digits times the span ("53" -> 5300e14);
 * rows written through the coordinator take ids from 9000e14 on. */
#define DX_CLUSTER_ID_SPAN 100000000000000LL
#define DX_CLUSTER_COORD_BASE (9000 * DX_CLUSTER_ID_SPAN)
int64_t dx_cluster_id_base(const char *prefix);

/* One shard of the layout: a province prefix (2 digits, or 4 for a
 * city-sized shard) and its target (libpq URI or key=value string). */
struct dx_cluster_shard {
	char prefix[8];
	const char *target;
};

/*
 * Build the layout on coordinator `coord` (an empty database) over the
 * shards: each shard is an initialised Dixian store of one schema
 * version; its id sequences are moved to its range; the coordinator gets
 * postgres_fdw, a server and user mapping per shard (async_capable,
 * connect_timeout), the partitioned tables with one foreign partition
 * per shard, the unpartitioned tables, the views, the schema version and
 * partition-wise aggregation and joins switched on for the database.
 * One transaction on the coordinator: a failure leaves it as it was.  On
 * failure *bad is the index of the shard at fault (-1 for the
 * coordinator) and why holds the English reason (no password).
 */
int dx_cluster_pg_init(const char *coord, const struct dx_cluster_shard *sh, size_t n,
		       int *bad, struct dx_buf *why);

/* What `cluster check` found on one shard, seen from the coordinator. */
struct dx_cluster_shard_state {
	char server[64];  /* the foreign server's name */
	char prefix[8];
	char where[200];  /* host, port and database: never a password */
	int reachable;    /* the coordinator reached it within connect_timeout */
	int version;      /* its schema version */
	int64_t outside;  /* rows whose county_code is not in the prefix */
	int64_t bad_ids;  /* rows whose id is outside the shard's range */
	char first_bad[64]; /* a table with such rows, for the message */
	char reason[200]; /* English, when unreachable */
};

/*
 * The coordinator's layout as it stands: its own schema version into
 * *version and one state per shard, each through the coordinator's
 * foreign partitions; without full, only whether each shard answers and
 * its version (what a report asks before it starts).  *states is malloc'ed (free it).  DX_NOT_FOUND when
 * coord holds no layout; DX_DB with why when it cannot be reached.
 */
int dx_cluster_pg_state(const char *coord, int full, int *version,
			struct dx_cluster_shard_state **states, size_t *n, struct dx_buf *why);

/* One row of the national aggregate: a county's households and
 * registered persons, all and 脱贫户, in the current ledger. */
struct dx_cluster_county {
	char county[7];
	int64_t households, persons, tuopin_households, tuopin_persons;
};

/*
 * The national aggregate for prefix ("" for the whole nation): one query
 * on the coordinator, grouped by county_code, which partition-wise
 * aggregation sends whole to each shard; fn gets each county in code
 * order.  With plan non-NULL, the query's EXPLAIN VERBOSE goes there
 * instead.
 */
int dx_cluster_pg_counties(const char *coord, const char *prefix,
			   int (*fn)(const struct dx_cluster_county *, void *), void *arg,
			   struct dx_buf *plan, struct dx_buf *why);

#endif
