/*
 * cluster.c - the nation across servers (issue 17): the rules of `dixian
 * cluster init|check|report` and their Chinese messages.  The layout and
 * its SQL are store/cluster_pg.c's; docs/scale.md says why it is so.
 *
 * The national report is the county reports summed: the counties come
 * from one aggregate the shards compute themselves (partition-wise, see
 * cluster_pg.h), and each county's figures are counted as its own report
 * counts them (dx_report_build_counties: the same predicates, over
 * groups of alike households each county's server forms), so a figure
 * means in the nation what it means in a county.  Through a coordinator
 * that is one build per shard, over the shard's counties; one server
 * holding a province's counties itself (no shards) counts them all in one
 * build.  A shard that does not
 * answer stops the report with the province named: a national figure
 * without a province is never given.
 */
#include "core/dx.h"
#include "app/cluster.h"
#include "app/report.h"
#include "core/area.h"
#include "store/cluster_pg.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

int dx_cluster_init(const char *coord, char *const *specs, size_t n, struct dx_buf *out,
		    struct dx_buf *why)
{
	struct dx_cluster_shard *sh;
	struct dx_buf err = DX_BUF_INIT;
	int bad = -1, rc;
	if (!n) {
		dx_buf_adds(why, "至少要给出一个分片：--shard 省代码=连接串");
		return DX_USAGE;
	}
	if (strcmp(dx_store_driver_name(coord), "postgresql")) {
		dx_buf_adds(why, "--coordinator 应为 PostgreSQL 数据库（postgresql://…）");
		return DX_USAGE;
	}
	sh = dx_xcalloc(n, sizeof(*sh));
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(specs[i], '=');
		char canon[13], p[13];
		enum dx_area_level lv;
		size_t len = eq ? (size_t)(eq - specs[i]) : 0;
		if (len && len < sizeof(p))
			dx_strlcpy(p, specs[i], len + 1);
		else
			p[0] = '\0';
		lv = dx_area_canon(p, canon);
		if (!eq || (lv != DX_AREA_PROVINCE && lv != DX_AREA_CITY) || strcmp(canon, p)) {
			dx_buf_addf(why,
				    "第%zu个 --shard 应为 省代码=连接串（如 53=postgresql://主机/dixian），"
				    "省代码为2位（或市4位）",
				    i + 1);
			rc = DX_USAGE;
			goto out;
		}
		if (strcmp(dx_store_driver_name(eq + 1), "postgresql")) {
			dx_buf_addf(why, "分片 %s 应为 PostgreSQL 数据库（postgresql://…）", canon);
			rc = DX_USAGE;
			goto out;
		}
		dx_strlcpy(sh[i].prefix, canon, sizeof(sh[i].prefix));
		sh[i].target = eq + 1;
		for (size_t j = 0; j < i; j++)
			if (!strncmp(sh[j].prefix, canon, strlen(sh[j].prefix)) ||
			    !strncmp(canon, sh[j].prefix, strlen(canon))) {
				dx_buf_addf(why, "分片 %s 与分片 %s 的区划重叠：每个区划只能属于一个分片",
					    canon, sh[j].prefix);
				rc = DX_USAGE;
				goto out;
			}
	}
	rc = dx_cluster_pg_init(coord, sh, n, &bad, &err);
	if (rc) {
		dx_log(DX_LOG_ERROR, "cluster init: %s%s: %s", bad >= 0 ? "shard " : "coordinator",
		       bad >= 0 ? sh[bad].prefix : "", err.buf ? err.buf : "");
		if (bad >= 0 && rc == DX_VERSION)
			dx_buf_addf(why, "分片 %s 的数据库版本与第一个分片不同：先在各分片运行 dixian migrate",
				    sh[bad].prefix);
		else if (bad >= 0)
			dx_buf_addf(why,
				    "分片 %s 无法连接或不是 Dixian 数据库（%s）：请检查连接串，并先用 "
				    "dixian init --db 建立该省的数据库",
				    sh[bad].prefix, err.buf ? err.buf : "");
		else if (rc == DX_EXISTS)
			dx_buf_adds(why, "协调库不是空库：请给一个新建的空数据库（已建好的用 dixian cluster "
					 "check 检查）");
		else
			dx_buf_addf(why, "无法在协调库上建立全国分区表（%s），协调库未作任何改动",
				    err.buf ? err.buf : "");
		goto out;
	}
	dx_log(DX_LOG_INFO, "cluster init: %zu shards", n);
	for (size_t i = 0; i < n; i++)
		dx_buf_addf(out, "分片 %s：已接入（编号从 %lld 起）\n", sh[i].prefix,
			    (long long)dx_cluster_id_base(sh[i].prefix));
	dx_buf_addf(out, "协调库已建立：%zu 个分片，各表按县代码分区\n", n);
out:
	dx_buf_release(&err);
	free(sh);
	return rc;
}

int dx_cluster_check(const char *coord, struct dx_buf *out, struct dx_buf *why)
{
	struct dx_cluster_shard_state *s = NULL;
	struct dx_buf err = DX_BUF_INIT;
	size_t n = 0, bad = 0;
	int version = -1, rc;
	if (strcmp(dx_store_driver_name(coord), "postgresql")) {
		dx_buf_adds(why, "--db 应为协调库（postgresql://…）");
		return DX_USAGE;
	}
	if ((rc = dx_cluster_pg_state(coord, 1, &version, &s, &n, &err))) {
		dx_log(DX_LOG_ERROR, "cluster check: %s", err.buf ? err.buf : "no layout");
		if (rc == DX_NOT_FOUND)
			dx_buf_adds(why, "该数据库不是协调库（没有分片）：先运行 dixian cluster init");
		else
			dx_buf_addf(why, "无法连接协调库（%s）", err.buf ? err.buf : "");
		dx_buf_release(&err);
		return rc;
	}
	dx_buf_addf(out, "协调库：版本 %d，%zu 个分片\n", version, n);
	for (size_t i = 0; i < n; i++) {
		size_t before = out->len;
		dx_buf_addf(out, "分片 %s（%s）：", s[i].prefix, s[i].where);
		if (!s[i].reachable) {
			dx_log(DX_LOG_WARN, "cluster check: shard %s unreachable: %s", s[i].prefix,
			       s[i].reason);
			dx_buf_addf(out, "无法连接（%s）\n", s[i].reason);
			bad++;
			continue;
		}
		if (s[i].version != version)
			dx_buf_addf(out, "版本 %d 与协调库的 %d 不同，请先运行 dixian migrate；", s[i].version,
				    version);
		if (s[i].outside)
			dx_buf_addf(out, "有 %lld 行不属于 %s 的数据，应移到所属省的分片；",
				    (long long)s[i].outside, s[i].prefix);
		if (s[i].bad_ids)
			dx_buf_addf(out, "有 %lld 行的编号不在本分片的范围内（如表 %s），与其他分片可能重号；",
				    (long long)s[i].bad_ids, s[i].first_bad);
		if (s[i].version != version || s[i].outside || s[i].bad_ids) {
			out->buf[out->len - strlen("；")] = '\0';
			out->len -= strlen("；");
			dx_buf_adds(out, "\n");
			bad++;
		} else {
			(void)before;
			dx_buf_addf(out, "正常（版本 %d，只有 %s 的数据）\n", s[i].version, s[i].prefix);
		}
	}
	if (bad)
		dx_buf_addf(out, "共 %zu 个分片有问题\n", bad);
	else
		dx_buf_adds(out, "全部正常\n");
	free(s);
	dx_buf_release(&err);
	return bad ? DX_STATE : DX_OK;
}

/* The sums of one province (or of the nation). */
struct sums {
	char code[8];
	long counties;
	int64_t households, persons, tuopin_households, tuopin_persons; /* the ledger now */
	struct dx_hp *fig; /* the report's figures, by dx_report_figure index */
};

struct rep {
	const char *area; /* prefix, "" for the nation */
	int year;
	const char *as_of;
	const struct dx_date *today;
	struct dx_store *st;
	struct sums total;
	struct sums *prov;
	size_t nprov;
	char as_of_used[11];
	int members_known; /* every county's 低保 and 务工 are as of the date */
	struct dx_buf *why;
};

static void sums_add(struct sums *s, const struct dx_cluster_county *c, const struct dx_figs *f)
{
	s->counties++;
	s->households += c->households;
	s->persons += c->persons;
	s->tuopin_households += c->tuopin_households;
	s->tuopin_persons += c->tuopin_persons;
	for (size_t i = 0; i < dx_report_figure_count(); i++) {
		struct dx_hp v = dx_report_figure_value(f, dx_report_figure(i));
		s->fig[i].hh += v.hh;
		s->fig[i].persons += v.persons;
	}
}

static cJSON *sums_json(const struct sums *s, const char *code)
{
	cJSON *o = cJSON_CreateObject(), *figs = cJSON_AddArrayToObject(o, "figures");
	cJSON *led = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "area", code);
	cJSON_AddNumberToObject(o, "counties", (double)s->counties);
	cJSON_AddNumberToObject(led, "households", (double)s->households);
	cJSON_AddNumberToObject(led, "persons", (double)s->persons);
	cJSON_AddNumberToObject(led, "tuopin_households", (double)s->tuopin_households);
	cJSON_AddNumberToObject(led, "tuopin_persons", (double)s->tuopin_persons);
	cJSON_AddItemToObject(o, "ledger", led);
	for (size_t i = 0; i < dx_report_figure_count(); i++) {
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "key", dx_report_figure(i)->key);
		cJSON_AddStringToObject(f, "label", dx_report_figure(i)->label);
		cJSON_AddNumberToObject(f, "households", (double)s->fig[i].hh);
		cJSON_AddNumberToObject(f, "persons", (double)s->fig[i].persons);
		cJSON_AddItemToArray(figs, f);
	}
	return o;
}

/* Figures of the member ledger (低保), whose history is not kept: given
 * only when every county's ledger is as of the date (report.c). */
static int members_figure(const char *key)
{
	return !strncmp(key, "dibao", 5);
}

static void sums_text(const struct sums *s, const char *name, int members_known, struct dx_buf *t)
{
	dx_buf_addf(t, "%s（%ld个县）：台账现有农户%lld户%lld人，其中脱贫户%lld户%lld人。", name,
		    s->counties, (long long)s->households, (long long)s->persons,
		    (long long)s->tuopin_households, (long long)s->tuopin_persons);
	for (size_t i = 0; i < dx_report_figure_count(); i++)
		if (s->fig[i].hh && (members_known || !members_figure(dx_report_figure(i)->key)))
			dx_buf_addf(t, "%s%ld户%ld人；", dx_report_figure(i)->label, s->fig[i].hh,
				    s->fig[i].persons);
	dx_buf_adds(t, "\n");
}

/* Every shard the report needs answers; else why names the missing ones.
 * A database with no shards holds its counties itself: nothing to ask,
 * and *local is set. */
static int shards_answer(const char *coord, const char *area, int *local, char (**prefix)[8],
			 size_t *nprefix, struct dx_buf *why)
{
	struct dx_cluster_shard_state *s = NULL;
	struct dx_buf err = DX_BUF_INIT, ok = DX_BUF_INIT, gone = DX_BUF_INIT;
	size_t n = 0;
	int version, rc;
	if ((rc = dx_cluster_pg_state(coord, 0, &version, &s, &n, &err))) {
		/* no shards: one server holding its counties (a province's own) */
		if (rc == DX_NOT_FOUND) {
			*local = 1;
			rc = DX_OK;
			goto out;
		}
		dx_log(DX_LOG_ERROR, "cluster report: %s", err.buf ? err.buf : "");
		dx_buf_addf(why, "无法连接数据库（%s）", err.buf ? err.buf : "");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (*area && strncmp(s[i].prefix, area, strlen(area)) && strncmp(area, s[i].prefix, strlen(s[i].prefix)))
			continue;
		*prefix = dx_xrealloc(*prefix, (*nprefix + 1) * sizeof(**prefix));
		dx_strlcpy((*prefix)[(*nprefix)++], s[i].prefix, sizeof(**prefix));
		if (s[i].reachable)
			dx_buf_addf(&ok, "%s%s", ok.len ? "、" : "", s[i].prefix);
		else {
			dx_log(DX_LOG_ERROR, "cluster report: shard %s unreachable: %s", s[i].prefix,
			       s[i].reason);
			dx_buf_addf(&gone, "%s%s（%s）", gone.len ? "、" : "", s[i].prefix, s[i].where);
		}
	}
	if (gone.len) {
		dx_buf_addf(why,
			    "分片 %s 无法连接，报告缺少该省的数据，未出报告%s%s%s。请检查该省的服务器后重试",
			    gone.buf, ok.len ? "（正常的分片：" : "", ok.len ? ok.buf : "",
			    ok.len ? "）" : "");
		rc = DX_IO;
	}
out:
	free(s);
	dx_buf_release(&err);
	dx_buf_release(&ok);
	dx_buf_release(&gone);
	return rc;
}

/* the counties of a report, collected in code order, with their figures */
struct county_list {
	struct dx_cluster_county *v;
	struct dx_figs *f;
	size_t n;
};

static int collect_county(const struct dx_cluster_county *c, void *arg)
{
	struct county_list *l = arg;
	l->v = dx_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = *c;
	return DX_OK;
}

/* a county of a server holding its counties itself: its ledger comes
 * with its figures (one_pass) */
static int collect_code(const char *county, void *arg)
{
	struct dx_cluster_county c;
	memset(&c, 0, sizeof(c));
	dx_strlcpy(c.county, county, sizeof(c.county));
	return collect_county(&c, arg);
}

/*
 * The figures of l's counties under `prefix` (a province or city; "" =
 * all of them), all at once (dx_report_build_counties: each county's
 * households grouped on the server, not a report per county), into l->f;
 * with ledger set, their ledgers too, from the same groups, into l->v.
 * Through a coordinator, prefix is one shard's.
 */
static int one_pass(struct rep *r, const char *prefix, struct county_list *l, int ledger)
{
	struct dx_report rp;
	const char **codes = dx_xcalloc(l->n, sizeof(*codes));
	size_t *at = dx_xcalloc(l->n, sizeof(*at)), k = 0;
	struct dx_county_ledger *led = ledger ? dx_xcalloc(l->n, sizeof(*led)) : NULL;
	int rc = DX_OK;
	for (size_t i = 0; i < l->n; i++)
		if (!strncmp(l->v[i].county, prefix, strlen(prefix))) {
			at[k] = i;
			codes[k++] = l->v[i].county;
		}
	if (k)
		rc = dx_report_build_counties(r->st, prefix, r->year, r->as_of, r->today, codes, k, &rp,
					      led, r->why);
	if (k && !rc) {
		for (size_t j = 0; j < k; j++) {
			l->f[at[j]] = rp.rows[j].f;
			if (led) {
				l->v[at[j]].households = led[j].households;
				l->v[at[j]].persons = led[j].persons;
				l->v[at[j]].tuopin_households = led[j].tuopin_households;
				l->v[at[j]].tuopin_persons = led[j].tuopin_persons;
			}
		}
		dx_strlcpy(r->as_of_used, rp.as_of, sizeof(r->as_of_used));
		r->members_known &= rp.members_known;
		dx_report_release(&rp);
	}
	free(codes);
	free(at);
	free(led);
	return rc;
}

/*
 * The report's counties and their figures.  Through a coordinator: the
 * counties and their ledgers from the aggregate, which the shards compute
 * themselves, then one pass per shard (shard[i] its prefix).  A server
 * holding its counties itself (nshard 0): the counties from its index,
 * and their ledgers with their figures in one pass (the aggregate would
 * read every household once more: 0.75 s of a province's 3).  Then each
 * county added to its province and to the whole, in code order.
 */
static int count_counties(const char *coord, struct rep *r, char (*shard)[8], size_t nshard,
			  struct dx_buf *err)
{
	struct county_list l = {0};
	int rc = nshard ? dx_cluster_pg_counties(coord, r->area, collect_county, &l, NULL, err)
			: dx_store_counties(r->st, r->area, collect_code, &l);
	if (rc || !l.n) /* nothing to count, and no period to refuse */
		goto out;
	l.f = dx_xcalloc(l.n, sizeof(*l.f));
	if (!nshard)
		rc = one_pass(r, r->area, &l, 1);
	for (size_t i = 0; i < nshard && !rc; i++) {
		/* the narrower of the shard and the report's area */
		const char *p = strlen(shard[i]) > strlen(r->area) ? shard[i] : r->area;
		if ((rc = one_pass(r, p, &l, 0)) && !r->why->len)
			dx_buf_addf(r->why, "经协调库读取分片 %s 的县的报告失败：有分片无法连接或出错，"
					    "请先运行 dixian cluster check",
				    shard[i]);
	}
	for (size_t i = 0; i < l.n && !rc; i++) {
		struct sums *p = r->nprov ? &r->prov[r->nprov - 1] : NULL;
		if (!p || strncmp(p->code, l.v[i].county, 2)) {
			r->prov = dx_xrealloc(r->prov, (r->nprov + 1) * sizeof(*r->prov));
			p = &r->prov[r->nprov++];
			memset(p, 0, sizeof(*p));
			dx_strlcpy(p->code, l.v[i].county, 3);
			p->fig = dx_xcalloc(dx_report_figure_count(), sizeof(*p->fig));
		}
		sums_add(p, &l.v[i], &l.f[i]);
		sums_add(&r->total, &l.v[i], &l.f[i]);
	}
out:
	free(l.v);
	free(l.f);
	return rc;
}

int dx_cluster_report(const char *coord, const char *area, int year, const char *as_of,
		      const struct dx_date *today, cJSON **json, struct dx_buf *text, struct dx_buf *plan, struct dx_buf *why)
{
	struct rep r;
	struct dx_buf err = DX_BUF_INIT;
	char canon[13] = "";
	char(*shard)[8] = NULL;
	size_t nshard = 0;
	int local = 0, rc;
	*json = NULL;
	if (area && *area && strcmp(area, "全国") && strcmp(area, "0")) {
		enum dx_area_level lv = dx_area_canon(area, canon);
		if (lv != DX_AREA_PROVINCE && lv != DX_AREA_CITY) {
			dx_buf_addf(why, "区划代码 \"%s\" 无效（全国报告用 全国，或2位省代码、4位市代码）",
				    area);
			return DX_USAGE;
		}
	}
	/* a coordinator is a PostgreSQL database: a file is never taken for
	 * a database name on some local server */
	if (strcmp(dx_store_driver_name(coord), "postgresql")) {
		dx_buf_adds(why, "全国或省的报告须经协调库（--db postgresql://…，见 dixian cluster init）；"
				 "县、乡镇、村的报告用6、9、12位区划代码");
		return DX_USAGE;
	}
	if (plan)
		return dx_cluster_pg_counties(coord, canon, NULL, NULL, plan, why);
	if ((rc = shards_answer(coord, canon, &local, &shard, &nshard, why))) {
		free(shard);
		return rc;
	}
	memset(&r, 0, sizeof(r));
	r.area = canon;
	r.year = year;
	r.as_of = as_of;
	r.today = today;
	r.why = why;
	r.members_known = 1;
	r.total.fig = dx_xcalloc(dx_report_figure_count(), sizeof(*r.total.fig));
	if ((rc = dx_store_open(&r.st, coord, DX_STORE_READONLY)))
		goto out;
	rc = count_counties(coord, &r, shard, local ? 0 : nshard, &err);
	if (rc && !why->len) {
		dx_log(DX_LOG_ERROR, "cluster report: %s", err.buf ? err.buf : "");
		dx_buf_addf(why, "全国汇总查询失败（%s）", err.buf ? err.buf : "");
	}
	if (rc)
		goto out;
	*json = sums_json(&r.total, *canon ? canon : "全国");
	cJSON_AddNumberToObject(*json, "year", year);
	cJSON_AddStringToObject(*json, "as_of", r.as_of_used);
	cJSON_AddBoolToObject(*json, "members_known", r.members_known);
	{
		cJSON *pv = cJSON_AddArrayToObject(*json, "provinces");
		for (size_t i = 0; i < r.nprov; i++)
			cJSON_AddItemToArray(pv, sums_json(&r.prov[i], r.prov[i].code));
	}
	if (text) {
		dx_buf_addf(text, "%d年（截至%s）\n", year, r.as_of_used);
		sums_text(&r.total, *canon ? canon : "全国", r.members_known, text);
		for (size_t i = 0; *canon == '\0' && i < r.nprov; i++)
			sums_text(&r.prov[i], r.prov[i].code, r.members_known, text);
		if (!r.members_known)
			dx_buf_adds(text, "低保：有的县成员台账在截止日之后有过更新（台账不保存低保的历史），"
					  "故不列截至该日的低保人数。\n");
	}
out:
	free(shard);
	dx_store_close(r.st);
	for (size_t i = 0; i < r.nprov; i++)
		free(r.prov[i].fig);
	free(r.prov);
	free(r.total.fig);
	dx_buf_release(&err);
	return rc;
}
