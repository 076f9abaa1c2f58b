/*
 * cluster.h - the nation across servers (issue 17): set up a coordinator
 * over province shards, check it, and build the national (or one
 * province's) report through it.  The SQL is store/cluster_pg.c's; the
 * rules and the Chinese messages are here, for every front end.
 */
#ifndef DX_APP_CLUSTER_H
#define DX_APP_CLUSTER_H

#include "core/strbuf.h"
#include "core/date.h"
#include "io/report.h"

#include <cjson/cJSON.h>

/*
 * Build the layout: coord an empty PostgreSQL database, specs "PREFIX=TARGET"
 * (a province's 2 digits, or a city's 4), one per shard, no prefix twice
 * and none inside another.  Each shard must be an initialised Dixian store,
 * all of one version.  On failure why says in Chinese which shard or the
 * coordinator and what to change, never a target string.
 */
int dx_cluster_init(const char *coord, char *const *specs, size_t n, struct dx_buf *out,
		    struct dx_buf *why);

/*
 * Check the layout: the coordinator's and every shard's schema version
 * are equal, each shard holds only rows of its prefix, its ids lie in its
 * range, and the copied tables (schema_version) agree.  One Chinese line
 * per shard into out; DX_STATE when anything is wrong (the lines say
 * what), DX_NOT_FOUND (with why) when coord holds no layout.
 */
int dx_cluster_check(const char *coord, struct dx_buf *out, struct dx_buf *why);

/*
 * The report of the nation (area NULL, "", "全国" or "0") or of one
 * prefix, through the coordinator (or on one PostgreSQL server holding
 * the counties itself, a province's own): every shard is asked first, and a
 * shard that does not answer within its connect_timeout makes this fail
 * with DX_IO and why naming the missing province (the report is never
 * given without it).  The counties come from one aggregate the shards
 * compute (cluster_pg.h); each county's report is built as `dixian
 * report` builds it, and the figures are summed by province and for the
 * whole.  *json (cJSON, delete it) holds the result; text, when
 * non-NULL, the same in Chinese.  With plan non-NULL only the
 * aggregate's plan is written there.  `today` is the request's day (each
 * county's report's, dx_report_opts). 
 */
int dx_cluster_report(const char *coord, const char *area, int year, const char *as_of,
		      const struct dx_date *today, cJSON **json, struct dx_buf *text, struct dx_buf *plan, struct dx_buf *why);

#endif
