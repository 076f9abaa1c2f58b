/*
 * report.c - counting rules of the work report (domain.md §12, issue 7).
 *
 * A household counts in a category by its latest episode identified on or
 * before the as-of date; a head count (户…人, 低保, 务工) counts every
 * registered member, while 计入家庭人口 only decides the per-capita
 * denominator: a group's per-capita income is total net income ÷ members
 * 计入家庭人口 (issue 11 item 13), and its growth
 * compares the same households' previous year.  Everything is integer fen.
 *
 * The build streams the store once per table (households, members,
 * measures, visits), keeps one small record per household, and then counts
 * every figure through the same predicate that lists its households, so a
 * figure and its drill-down list cannot disagree.  A province's counties
 * (dx_report_build_counties) are counted by the same predicates from
 * groups of alike households the server forms (count_household's n).
 */
#include "core/dx.h"
#include "app/report.h"
#include "app/report_funds.h"
#include "app/report_ledgers.h"
#include "app/policy.h"
#include "core/area.h"
#include "core/date.h"
#include "core/idmap.h"
#include "store/membership.h"

#include <pthread.h>
#include <stddef.h>

const char *const dx_category_names[DX_NCAT] = {"脱贫不稳定户", "边缘易致贫户", "突发严重困难户"};

/* What the report remembers of one household: small (a county holds a
 * few hundred thousand), with what only a listing needs kept apart. */
struct hstate {
	int64_t net, prev_net;
	uint32_t row;
	int32_t members; /* 计入家庭人口: the per-capita denominator only */
	int32_t persons; /* every registered member: what head counts count */
	int32_t measures, measures_done, visits;
	int32_t dibao_persons, dibao_class_persons[DX_NDIBAO];
	unsigned char tuopin, monitored, eliminated, reflag, cat; /* cat: DX_NCAT = other */
	unsigned char has_income, has_prev;
};

/* only when listing: a household's number, 户主 and area code */
struct hname {
	char *hh_no, *head_name;
	char area[13];
};

struct build {
	struct dx_report *r;
	const struct dx_report_opts *o;
	struct hstate *h;
	struct hname *names; /* parallel to h when keep_names */
	size_t n, cap;
	struct dx_idmap idx;
	size_t child_len; /* length of the child codes rows are keyed by */
	uint32_t last_row;
	int keep_names;
	int first_tuopin; /* the earliest 脱贫年度 seen, 0 = none */
	int counties;	  /* rows are the counties of a province or city
			   * (dx_report_build_counties), in code order */
	int *row_first;	  /* with counties: each row's earliest 脱贫年度 */
	struct dx_county_ledger *ledger; /* with counties: each row's, or NULL */
};

/* ---- figures: one table drives counting, JSON and drill-down ---- */

typedef int (*fig_pred)(const struct dx_report *r, const struct hstate *h);

static int p_all(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->persons;
}
static int p_tuopin(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->tuopin ? h->persons : -1;
}
static int p_monitored(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->monitored ? h->persons : -1;
}
/* "脱贫人口和监测对象X户Y人": a 脱贫户 that is also monitored counts once */
static int p_tuopin_monitored(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->tuopin || h->monitored ? h->persons : -1;
}
static int p_cat0(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->monitored && h->cat == DX_CAT_UNSTABLE ? h->persons : -1;
}
static int p_cat1(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->monitored && h->cat == DX_CAT_EDGE ? h->persons : -1;
}
static int p_cat2(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->monitored && h->cat == DX_CAT_SUDDEN ? h->persons : -1;
}
static int p_eliminated(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->monitored && h->eliminated ? h->persons : -1;
}
static int p_active(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->monitored && !h->eliminated ? h->persons : -1;
}
static int p_reflag(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->monitored && !h->eliminated && h->reflag ? h->persons : -1;
}
static int p_dibao(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->dibao_persons ? h->dibao_persons : -1;
}
static int p_dibao_a(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->dibao_class_persons[DX_DIBAO_A] ? h->dibao_class_persons[DX_DIBAO_A] : -1;
}
static int p_dibao_b(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->dibao_class_persons[DX_DIBAO_B] ? h->dibao_class_persons[DX_DIBAO_B] : -1;
}
static int p_dibao_c(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->dibao_class_persons[DX_DIBAO_C] ? h->dibao_class_persons[DX_DIBAO_C] : -1;
}
static int p_visit_due(const struct dx_report *r, const struct hstate *h)
{
	(void)r;
	return h->monitored ? h->persons : -1;
}
static int p_visit_ok(const struct dx_report *r, const struct hstate *h)
{
	long need;
	if (!h->monitored)
		return -1;
	need = (long)(h->eliminated ? r->visits_eliminated : r->visits_active) * r->visit_weeks;
	return h->visits >= need ? h->persons : -1;
}

/* How each figure is counted: the field of struct dx_figs it fills and
 * the predicate giving a household's persons (-1 = not counted).  The
 * figures' labels and filters are the model's (io/report_figs.c). */
static const struct {
	const char *key;
	size_t offset;
	fig_pred pred;
} figures[] = {
#define FIG(key, field, pred) {key, offsetof(struct dx_figs, field), pred}
	FIG("all", all, p_all),
	FIG("tuopin", tuopin, p_tuopin),
	FIG("monitored", monitored, p_monitored),
	FIG("tuopin_monitored", tuopin_monitored, p_tuopin_monitored),
	FIG("unstable", cat[0], p_cat0),
	FIG("edge", cat[1], p_cat1),
	FIG("sudden", cat[2], p_cat2),
	FIG("eliminated", eliminated, p_eliminated),
	FIG("active", active, p_active),
	FIG("reflag", reflag, p_reflag),
	FIG("dibao", dibao, p_dibao),
	FIG("dibao_a", dibao_class[0], p_dibao_a),
	FIG("dibao_b", dibao_class[1], p_dibao_b),
	FIG("dibao_c", dibao_class[2], p_dibao_c),
#undef FIG
};

/* visits are not a listed figure of their own: they count the monitored
 * households (p_visit_due) and those visited as often as required.
 *
 * n households alike counted at once (a province's groups,
 * dx_store_scan_household_groups): h holds their sums -- persons, 低保
 * persons -- and the flags they share.  That counts them as one by one
 * because every predicate above selects on flags a group shares (or on a
 * sum's being non-zero, which the group shares too) and gives either -1
 * or one of those sums; a predicate of another shape must not be used
 * with n > 1 (visits, measures and income are not in a group: 0). */
static void count_household(const struct dx_report *r, const struct hstate *h, struct dx_figs *f,
			    long n)
{
	int p;
	for (size_t i = 0; i < DX_ARRAY_SIZE(figures); i++) {
		if ((p = figures[i].pred(r, h)) < 0)
			continue;
		struct dx_hp *hp = (struct dx_hp *)((char *)f + figures[i].offset);
		hp->hh += n;
		hp->persons += p;
	}
	f->visits += h->visits;
	if (p_visit_due(r, h) >= 0)
		f->visit_due += n;
	if (p_visit_ok(r, h) >= 0)
		f->visit_ok += n;
	if (h->has_income) {
		struct dx_group_income *g[2] = {h->tuopin ? &f->inc_tuopin : NULL,
						h->monitored ? &f->inc_monitored : NULL};
		for (int k = 0; k < 2; k++) {
			if (!g[k])
				continue;
			g[k]->with_income.hh += n;
			g[k]->with_income.persons += h->members;
			g[k]->net += h->net;
			if (h->has_prev) {
				g[k]->both.hh += n;
				g[k]->both.persons += h->members;
				g[k]->both_net += h->net;
				g[k]->both_prev_net += h->prev_net;
			}
		}
	}
	if (h->monitored) {
		f->measures += h->measures;
		f->measures_done += h->measures_done;
	}
}

/* a += b, field by field (every field of struct dx_figs is a count, a
 * struct of counts, or int64 money; all add) */
static void figs_add(struct dx_figs *a, const struct dx_figs *b)
{
	size_t i;
	for (i = 0; i < DX_ARRAY_SIZE(figures); i++) {
		struct dx_hp *x = (struct dx_hp *)((char *)a + figures[i].offset);
		const struct dx_hp *y = (const struct dx_hp *)((const char *)b + figures[i].offset);
		x->hh += y->hh;
		x->persons += y->persons;
	}
	{
		struct dx_group_income *ga[2] = {&a->inc_tuopin, &a->inc_monitored};
		const struct dx_group_income *gb[2] = {&b->inc_tuopin, &b->inc_monitored};
		for (int k = 0; k < 2; k++) {
			ga[k]->with_income.hh += gb[k]->with_income.hh;
			ga[k]->with_income.persons += gb[k]->with_income.persons;
			ga[k]->net += gb[k]->net;
			ga[k]->both.hh += gb[k]->both.hh;
			ga[k]->both.persons += gb[k]->both.persons;
			ga[k]->both_net += gb[k]->both_net;
			ga[k]->both_prev_net += gb[k]->both_prev_net;
		}
	}
	a->measures += b->measures;
	a->measures_done += b->measures_done;
	a->visits += b->visits;
	a->visit_due += b->visit_due;
	a->visit_ok += b->visit_ok;
	/* workers and work[] are counted into total and row directly by
	 * side_apply: not added here */
}

/* ---- building ---- */

static uint32_t row_of(struct build *b, const char *area)
{
	struct dx_report *r = b->r;
	if (!r->nrows)
		return UINT32_MAX;
	if (b->last_row < r->nrows && !strncmp(r->rows[b->last_row].code, area, b->child_len))
		return b->last_row;
	if (b->counties) {
		/* a province's counties are many and sorted: halve */
		uint32_t lo = 0, hi = r->nrows;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			int c = strncmp(r->rows[mid].code, area, b->child_len);
			if (!c)
				return b->last_row = mid;
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return UINT32_MAX;
	}
	for (uint32_t i = 0; i < r->nrows; i++) {
		if (!strncmp(r->rows[i].code, area, b->child_len)) {
			b->last_row = i;
			return i;
		}
	}
	return UINT32_MAX;
}

/* A household's (or a group's) state from its facts, one rule for the
 * household scan and a province's groups: 脱贫 as of the report's year,
 * the category only for a monitored household (every predicate that
 * reads it checks monitored first), and each county row's earliest
 * 脱贫年度 for the first-year refusal. */
static void set_state(struct build *b, struct hstate *h, int tuopin, int tuopin_year,
		      int monitored, const char *category, int eliminated, int reflag)
{
	/* a household 脱贫 in a later year was not yet 脱贫 in this one */
	h->tuopin = (unsigned char)(tuopin && (!tuopin_year || tuopin_year <= b->r->year));
	if (tuopin_year && (!b->first_tuopin || tuopin_year < b->first_tuopin))
		b->first_tuopin = tuopin_year;
	if (b->row_first && h->row != UINT32_MAX && tuopin_year &&
	    (!b->row_first[h->row] || tuopin_year < b->row_first[h->row]))
		b->row_first[h->row] = tuopin_year;
	h->monitored = (unsigned char)monitored;
	h->eliminated = (unsigned char)eliminated;
	h->reflag = (unsigned char)reflag;
	h->cat = DX_NCAT;
	if (monitored)
		for (int c = 0; c < DX_NCAT; c++)
			if (!strcmp(category, dx_category_names[c]))
				h->cat = (unsigned char)c;
}

static int on_household(const struct dx_hh_fact *f, void *arg)
{
	struct build *b = arg;
	struct hstate *h;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 4096;
		b->h = dx_xrealloc(b->h, b->cap * sizeof(*b->h));
		if (b->keep_names)
			b->names = dx_xrealloc(b->names, b->cap * sizeof(*b->names));
	}
	h = &b->h[b->n];
	memset(h, 0, sizeof(*h));
	h->row = row_of(b, f->area_code);
	h->members = f->members;
	/* h->persons: every registered member on as_of, the person rows of
	 * the side scan added to this difference (membership history) */
	h->persons = f->dpersons;
	set_state(b, h, f->tuopin, f->tuopin_year, f->monitored, f->category, f->eliminated,
		  f->reflag);
	h->has_income = (unsigned char)f->has_income;
	h->has_prev = (unsigned char)f->has_prev;
	h->net = f->net;
	h->prev_net = f->prev_net;
	if (b->keep_names) {
		b->names[b->n].hh_no = dx_xstrdup(f->hh_no ? f->hh_no : "");
		b->names[b->n].head_name = dx_xstrdup(f->head_name ? f->head_name : "");
		dx_strlcpy(b->names[b->n].area, f->area_code, sizeof(b->names[b->n].area));
	}
	dx_idmap_put(&b->idx, f->id, (uint32_t)b->n);
	b->n++;
	return 0;
}

static struct hstate *find(struct build *b, int64_t id)
{
	uint32_t i;
	return dx_idmap_get(&b->idx, id, &i) ? &b->h[i] : NULL;
}

/* A province's group of alike households (dx_store_scan_household_groups),
 * counted at once into its county's row (count_household's n). */
static int on_group(const struct dx_hh_group *g, void *arg)
{
	struct build *b = arg;
	struct dx_report *r = b->r;
	struct hstate h;
	memset(&h, 0, sizeof(h));
	h.row = row_of(b, g->county);
	h.persons = (int32_t)g->persons;
	set_state(b, &h, g->tuopin, g->tuopin_year, g->monitored, g->category, g->eliminated,
		  g->reflag);
	h.dibao_persons = (int32_t)g->dibao_persons;
	for (int k = 0; k < DX_NDIBAO; k++)
		h.dibao_class_persons[k] = (int32_t)g->dibao_class_persons[k];
	count_household(r, &h, h.row < r->nrows ? &r->rows[h.row].f : &r->total, g->households);
	if (b->ledger && h.row < r->nrows) {
		struct dx_county_ledger *l = &b->ledger[h.row];
		l->households += g->households;
		l->persons += g->members;
		if (g->tuopin) {
			l->tuopin_households += g->households;
			l->tuopin_persons += g->members;
		}
	}
	return 0;
}

/*
 * The side scan: members (低保, 务工), measures and visits of the area,
 * and the period's procedure counts and 自然增减, read on a second
 * connection and thread while the main thread reads the households, then
 * applied to them.  Rows are kept as small records; a
 * county has a few hundred thousand at most.
 */
struct side_row {
	int64_t household_id;
	int32_t a, b; /* member: dibao class (0 none, 1..3 A..C, 4 other), work dest (-1 none);
		       * measure: all, done; visit: count, 0 */
};

struct side_vec {
	struct side_row *v;
	size_t n, cap;
};

struct side {
	struct dx_store *st; /* the main pass's connection, whose snapshot this reads */
	const char *county, *as_of, *from;
	char snap[DX_SNAPSHOT_ID_SIZE]; /* the main pass's snapshot, read here too */
	const char *area; /* the report's: a village reads its own rows only */
	const char *period_from; /* the report's period: period_from .. as_of */
	char today[11];
	struct dx_proc_counts pc;      /* the procedure's counts over the period */
	struct dx_natural_change nc;   /* 自然增减 over the period */
	struct side_vec members, measures, visits, persons;
	int members_changed; /* a member row changed after as_of */
	struct {
		char place[64];
		enum dx_work_dest dest;
	} memo[32];
	unsigned nmemo, memo_next;
	int rc;
};

static void side_push(struct side_vec *v, int64_t id, int32_t a, int32_t b)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4096;
		v->v = dx_xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	v->v[v->n].household_id = id;
	v->v[v->n].a = a;
	v->v[v->n].b = b;
	v->n++;
}

/* 务工所在地 texts repeat a lot; remember the last few classifications
 * (the class depends on the text and the province only, and a report
 * covers one county, hence one province). */
static int work_dest(struct side *sd, const char *place)
{
	unsigned k;
	for (k = 0; k < sd->nmemo; k++)
		if (!strcmp(sd->memo[k].place, place))
			return (int)sd->memo[k].dest;
	k = sd->nmemo < DX_ARRAY_SIZE(sd->memo) ? sd->nmemo++
						 : (unsigned)(sd->memo_next++ % DX_ARRAY_SIZE(sd->memo));
	dx_strlcpy(sd->memo[k].place, place, sizeof(sd->memo[k].place));
	sd->memo[k].dest = dx_work_dest_of(place, sd->county);
	return (int)sd->memo[k].dest;
}

static int on_member(const struct dx_member_fact *m, void *arg)
{
	struct side *sd = arg;
	int32_t cls = 0, dest = -1;
	/* head counts: every registered member, 计入家庭人口 or not */
	if (m->dibao == 1) /* the flag's value; the member scan reads dibao = 1 */
		cls = m->dibao_class[0] >= 'A' && m->dibao_class[0] <= 'C' ? m->dibao_class[0] - 'A' + 1 : 4;
	if (m->work_place[0] && m->work_months != 0)
		dest = work_dest(sd, m->work_place);
	if (cls || dest >= 0)
		side_push(&sd->members, m->household_id, cls, dest);
	return 0;
}

static int on_measures(int64_t hid, long all, long done, void *arg)
{
	side_push(&((struct side *)arg)->measures, hid, (int32_t)all, (int32_t)done);
	return 0;
}

static int on_visits(int64_t hid, long n, long unused, void *arg)
{
	(void)unused;
	side_push(&((struct side *)arg)->visits, hid, (int32_t)n, 0);
	return 0;
}

static int on_persons(int64_t hid, long n, long unused, void *arg)
{
	(void)unused;
	side_push(&((struct side *)arg)->persons, hid, (int32_t)n, 0);
	return 0;
}

static int side_scan(struct side *sd, struct dx_store *st)
{
	int rc;
	if ((rc = dx_store_scan_persons_in(st, sd->area, on_persons, sd)))
		return rc;
	/* member rows are stamped with the clock: none can have changed
	 * after a date that is today or later, and the check (a scan of the
	 * wide rows) is needed only for an earlier one */
	if (strcmp(sd->as_of, sd->today) < 0 &&
	    (rc = dx_store_members_changed_after(st, sd->area, sd->as_of, &sd->members_changed)))
		return rc;
	if ((rc = dx_store_scan_members(st, sd->area, on_member, sd)))
		return rc;
	if ((rc = dx_store_scan_measures(st, sd->area, sd->as_of, on_measures, sd)))
		return rc;
	if ((rc = dx_store_scan_visits(st, sd->area, sd->from, sd->as_of, on_visits, sd)))
		return rc;
	/* the period's counts need nothing the household pass finds: they
	 * run here too, beside it, not after it on the main thread */
	if ((rc = dx_store_proc_counts(st, sd->area, sd->period_from, sd->as_of, &sd->pc)))
		return rc;
	return dx_store_natural_change(st, sd->area, sd->period_from, sd->as_of, &sd->nc);
}

static void *side_thread(void *arg)
{
	struct side *sd = arg;
	struct dx_store *st2 = NULL;
	sd->rc = dx_store_open_at(&st2, sd->st, sd->snap);
	if (!sd->rc)
		sd->rc = side_scan(sd, st2);
	dx_store_close(st2);
	return NULL;
}

static void side_release(struct side *sd)
{
	free(sd->members.v);
	free(sd->measures.v);
	free(sd->visits.v);
	free(sd->persons.v);
}

static void side_apply(struct build *b, const struct side *sd)
{
	for (size_t i = 0; i < sd->members.n; i++) {
		const struct side_row *m = &sd->members.v[i];
		struct hstate *h = find(b, m->household_id);
		if (!h)
			continue;
		if (m->a) {
			h->dibao_persons++;
			if (m->a <= DX_NDIBAO)
				h->dibao_class_persons[m->a - 1]++;
		}
		if (m->b >= 0) {
			struct dx_figs *fs[2] = {&b->r->total,
						 h->row < b->r->nrows ? &b->r->rows[h->row].f : NULL};
			for (int k = 0; k < 2; k++) {
				if (!fs[k])
					continue;
				fs[k]->workers++;
				fs[k]->work[m->b]++;
			}
		}
	}
	for (size_t i = 0; i < sd->measures.n; i++) {
		struct hstate *h = find(b, sd->measures.v[i].household_id);
		if (h) {
			h->measures = sd->measures.v[i].a;
			h->measures_done = sd->measures.v[i].b;
		}
	}
	for (size_t i = 0; i < sd->visits.n; i++) {
		struct hstate *h = find(b, sd->visits.v[i].household_id);
		if (h)
			h->visits = sd->visits.v[i].a;
	}
	for (size_t i = 0; i < sd->persons.n; i++) {
		struct hstate *h = find(b, sd->persons.v[i].household_id);
		if (h)
			h->persons += sd->persons.v[i].a;
	}
}

/*
 * A province's counties, counted by groups (on_group) county by county:
 * a county's groups are few enough for the server to hash them, where one
 * statement over a province would sort every household.  Two connections
 * share the counties, this one and a second opened on a thread as the
 * side scan's (one if that cannot start); each counts into its own
 * counties' rows, through its own copy of the build (row_of's cursor).
 */
struct group_job {
	struct build b; /* a copy: r, rows and row_first shared, each job its own rows */
	struct dx_store *st;
	char snap[DX_SNAPSHOT_ID_SIZE]; /* the first connection's snapshot */
	size_t from, to; /* rows [from, to) */
	int rc;
};

static int count_groups_of(struct dx_store *st, struct group_job *j)
{
	int rc = DX_OK;
	for (size_t i = j->from; i < j->to && !rc; i++)
		rc = dx_store_scan_household_groups(st, j->b.r->rows[i].code, j->b.r->as_of, on_group,
						    &j->b);
	return rc;
}

static void *group_thread(void *arg)
{
	struct group_job *j = arg;
	struct dx_store *st2 = NULL;
	j->rc = dx_store_open_at(&st2, j->st, j->snap);
	if (!j->rc)
		j->rc = count_groups_of(st2, j);
	dx_store_close(st2);
	return NULL;
}

static int count_groups(struct dx_store *st, struct build *b)
{
	struct group_job j[2];
	pthread_t tid;
	size_t n = b->r->nrows;
	int threaded = 0, rc;
	for (int k = 0; k < 2; k++) {
		j[k].b = *b;
		j[k].st = st;
		j[k].rc = DX_OK;
	}
	j[0].from = 0;
	j[0].to = j[1].from = n / 2;
	j[1].to = n;
	threaded = n > 1 && !dx_store_snapshot_export(st, j[1].snap) &&
		   !pthread_create(&tid, NULL, group_thread, &j[1]);
	if (!threaded) {
		j[0].to = n;
		j[1].from = n;
	}
	rc = count_groups_of(st, &j[0]);
	if (threaded)
		pthread_join(tid, NULL);
	return rc ? rc : j[1].rc;
}

static int add_row(const struct dx_area *a, void *arg)
{
	struct dx_report *r = arg;
	r->rows = dx_xrealloc(r->rows, (r->nrows + 1) * sizeof(*r->rows));
	memset(&r->rows[r->nrows], 0, sizeof(r->rows[0]));
	dx_strlcpy(r->rows[r->nrows].code, a->code, sizeof(r->rows[0].code));
	dx_strlcpy(r->rows[r->nrows].name, a->name, sizeof(r->rows[0].name));
	r->nrows++;
	return 0;
}

static void release_build(struct build *b)
{
	if (b->names)
		for (size_t i = 0; i < b->n; i++) {
			free(b->names[i].hh_no);
			free(b->names[i].head_name);
		}
	free(b->names);
	free(b->row_first);
	free(b->h);
	dx_idmap_release(&b->idx);
}

/* The first-year refusal of a province's counties, county by county in
 * code order, as each county's own report gives it (run_build). */
struct first_years {
	const struct dx_report *r;
	const int *row_first;
	int income_year;
	size_t next; /* rows before it are checked */
	struct dx_buf *why;
};

/* whether county row i's report refuses its year; why says so */
static int first_year_refuses(struct first_years *fy, size_t i, int episode_year)
{
	int first = fy->income_year;
	if (episode_year && (!first || episode_year < first))
		first = episode_year;
	if (fy->row_first[i] && (!first || fy->row_first[i] < first))
		first = fy->row_first[i];
	if (!first || fy->r->year >= first)
		return 0;
	if (fy->why)
		dx_buf_addf(fy->why,
			    "%d 年早于库中最早的数据（%d 年的脱贫、收入或"
			    "识别记录）：请给出 %d 年或以后的年份",
			    fy->r->year, first, first);
	return DX_USAGE;
}

static int on_first_year(const char *county, int year, void *arg)
{
	struct first_years *fy = arg;
	const struct dx_report *r = fy->r;
	int rc;
	/* the counties before this one have no identification */
	for (; fy->next < r->nrows && strcmp(r->rows[fy->next].code, county) < 0; fy->next++)
		if ((rc = first_year_refuses(fy, fy->next, 0)))
			return rc;
	if (fy->next < r->nrows && !strcmp(r->rows[fy->next].code, county))
		return first_year_refuses(fy, fy->next++, year);
	return DX_OK;
}

/* keep_names: remember each household's number and area (for listing).
 * counties (n of them, sorted): the report of a province or city prefix
 * o->area with a row per county, its figures only (dx_report_build_counties) */
static int run_build(struct dx_store *st, const struct dx_report_opts *o, struct dx_report *r,
		     struct build *b, int keep_names, const char *const *counties, size_t ncounties,
		     struct dx_county_ledger *ledger, struct dx_buf *why)
{
	struct dx_area a;
	struct dx_date d;
	struct dx_proc_counts pc;
	struct dx_natural_change nc;
	char county[7], from[11];
	int rc;
	memset(r, 0, sizeof(*r));
	memset(b, 0, sizeof(*b));
	b->keep_names = keep_names;
	b->r = r;
	b->o = o;
	b->counties = counties != NULL;
	b->ledger = ledger;
	if (counties) {
		/* a province or city has no row of its own in the area table */
		memset(&a, 0, sizeof(a));
		dx_strlcpy(a.code, o->area, sizeof(a.code));
		dx_strlcpy(a.name, o->area, sizeof(a.name));
	} else if ((rc = dx_store_area_get(st, o->area, &a)))
		return rc == DX_NOT_FOUND ? dx_error(DX_NOT_FOUND, "unknown area '%s'", o->area) : rc;
	dx_strlcpy(r->area, a.code, sizeof(r->area));
	dx_strlcpy(r->area_name, a.name, sizeof(r->area_name));
	r->year = o->year;
	/*
	 * The period (issue 11 item 9): one rule for every figure of the
	 * report.  The period runs from 1 January of the year to the as-of
	 * date, both included.
	 *  - A state (households and members by category, 低保, 就业, cases
	 *    being handled, clues overdue) is the state on the as-of date:
	 *    nothing dated after it counts, and a state changed after it (a
	 *    clue closed later) counts as it was on that date.
	 *  - An event (warnings, clues, verifications, decisions) counts in
	 *    the period by the date of the county's own act on it: a clue by
	 *    the day it was found (for a department warning, the day it was
	 *    dispatched); a warning by the day it was dispatched or recorded
	 *    under the threshold, and until then by the day it was received;
	 *    a verification by the day the clue was closed or filed as a
	 *    case; a decision by the day the case was closed.  So 派发核实线索
	 *    and the clues 其中部门预警 count the same acts, and 按期核实率 is
	 *    over the clues due (verified, or past the deadline unverified):
	 *    an overdue clue that `dixian overdue` lists counts against it.
	 *  - Visits are counted over the four weeks to the as-of date, and
	 *    income is the year's (growth against the year before).
	 * store/scan.c applies the rule in SQL; nothing else dates a figure.
	 */
	dx_snprintf(r->from, sizeof(r->from), "%04d-01-01", o->year);
	{
		/* issue 11 item 12: a period outside the year, or a year not
		 * begun, is refused -- never counted silently */
		char t[11], year_end[11];
		dx_date_format(&o->today, t);
		dx_snprintf(year_end, sizeof(year_end), "%04d-12-31", o->year);
		if (o->as_of && *o->as_of) {
			dx_strlcpy(r->as_of, o->as_of, sizeof(r->as_of));
			if (strcmp(r->as_of, r->from) < 0 || strcmp(r->as_of, year_end) > 0) {
				if (why)
					dx_buf_addf(why,
						    "截至日期 %s 不在 %d 年内：请给出 %s 至 %s "
						    "之间的日期，或改用 --year %.4s",
						    r->as_of, o->year, r->from, year_end, r->as_of);
				return DX_USAGE;
			}
		} else {
			/* the end of the year, or today while the year is running */
			if (strcmp(t, r->from) < 0) {
				if (why)
					dx_buf_addf(why,
						    "%d 年还没有开始（今天是 %s）："
						    "请给出已经开始的年份",
						    o->year, t);
				return DX_USAGE;
			}
			dx_strlcpy(r->as_of, strcmp(t, year_end) < 0 ? t : year_end,
				   sizeof(r->as_of));
		}
	}
	dx_strlcpy(r->label, o->label && *o->label ? o->label : "监测对象", sizeof(r->label));
	r->visit_weeks = 4;
	r->visits_active = o->visits_active ? o->visits_active : 2;
	r->visits_eliminated = o->visits_eliminated ? o->visits_eliminated : 1;
	if (counties) {
		for (size_t i = 0; i < ncounties; i++) {
			struct dx_area c;
			memset(&c, 0, sizeof(c));
			dx_strlcpy(c.code, counties[i], sizeof(c.code));
			dx_strlcpy(c.name, counties[i], sizeof(c.name));
			add_row(&c, r);
		}
		b->child_len = 6;
		b->row_first = dx_xcalloc(r->nrows ? r->nrows : 1, sizeof(*b->row_first));
		goto groups;
	} else if (strlen(r->area) < 12) {
		if ((rc = dx_store_area_children(st, r->area, add_row, r)))
			return rc;
		b->child_len = strlen(r->area) == 6 ? 9 : 12;
	}
	dx_strlcpy(county, r->area, sizeof(county));
	{
		/* size the household index once (capped: a store of many
		 * counties grows it as needed) */
		int64_t n = 0;
		/* a county or narrower: its own households -- a village's
		 * report must not touch memory for a whole county, nor a
		 * county's for a province on one server */
		if ((rc = dx_store_household_size(st, r->area, &n)))
			return rc;
		n = n < (1 << 22) ? n : 1 << 22;
		dx_idmap_reserve(&b->idx, (size_t)n);
		/* and the records: no copying while they grow */
		b->cap = n > 0 ? (size_t)n : 4096;
		b->h = dx_xmalloc(b->cap * sizeof(*b->h));
		if (b->keep_names)
			b->names = dx_xmalloc(b->cap * sizeof(*b->names));
	}
	if (dx_date_parse(r->as_of, strlen(r->as_of), &d))
		return dx_error(DX_INVALID, "bad as-of date '%s'", r->as_of);
	dx_date_add_days(&d, -7L * r->visit_weeks);
	dx_date_format(&d, from);
	{
		/* members, measures and visits on a second thread while this one
		 * reads the households, for a county or wider; on one thread if
		 * that cannot start.  A township's or village's passes take a
		 * few ms on this connection, warm and prepared: a second one,
		 * opened per report, costs them several times that (schema
		 * parsed, every statement prepared, a cold page cache -- issue
		 * 14: a village's report on 1M households, 68 -> 21 ms CPU) */
		struct side sd;
		pthread_t tid;
		int threaded;
		memset(&sd, 0, sizeof(sd));
		sd.st = st;
		sd.county = county;
		sd.area = r->area;
		sd.period_from = r->from;
		sd.as_of = r->as_of;
		sd.from = from;
		dx_date_format(&o->today, sd.today);
		/* on a second connection only where it reads this one's
		 * snapshot (dx_store_read_begin_shared); else here after the
		 * households */
		threaded = strlen(r->area) <= 6 &&
			   !dx_store_snapshot_export(st, sd.snap) &&
			   !pthread_create(&tid, NULL, side_thread, &sd);
		rc = dx_store_scan_households(st, r->area, r->year, r->as_of,
					       b->keep_names ? DX_SCAN_HH_NO : 0, on_household, b);
		if (threaded)
			pthread_join(tid, NULL);
		else if (!rc)
			sd.rc = side_scan(&sd, st);
		if (!rc)
			rc = sd.rc;
		if (!rc)
			side_apply(b, &sd);
		r->members_known = !sd.members_changed;
		pc = sd.pc;
		nc = sd.nc;
		side_release(&sd);
		if (rc)
			return rc;
	}
	{
		r->warnings = pc.warnings;
		r->warnings_clued = pc.warnings_clued;
		r->clues = pc.clues;
		r->clues_warning = pc.clues_warning;
		r->clues_verified = pc.clues_verified;
		r->clues_in_time = pc.clues_in_time;
		r->clues_due = pc.clues_due;
		r->clues_overdue = pc.clues_overdue;
		r->identified = pc.identified;
		r->eliminated = pc.eliminated;
		r->cases_open = pc.open;
		r->cases_overdue = pc.overdue;
		/* 自然增减 over the same period (membership.h defines each) */
		r->nc_recorded = nc.recorded;
		r->nc_included = nc.included;
		r->nc_included_persons = nc.included_persons;
		r->nc_added = nc.added;
		r->nc_left_households = nc.left_households;
		r->nc_left = nc.left;
		r->nc_eliminated = nc.eliminated;
		r->nc_eliminated_persons = nc.eliminated_persons;
	}
	/* the other ledgers (issue 19) over the same period */
	if ((rc = dx_report_ledgers_build(st, r->area, r->from, r->as_of, &r->ledgers)))
		return rc;
	{
		/* a year before every dated record would count households whose
		 * state then nobody recorded */
		int first = 0;
		if ((rc = dx_store_first_year(st, county, &first)))
			return rc;
		if (b->first_tuopin && (!first || b->first_tuopin < first))
			first = b->first_tuopin;
		if (first && r->year < first) {
			if (why)
				dx_buf_addf(why,
					    "%d 年早于库中最早的数据（%d 年的脱贫、收入或"
					    "识别记录）：请给出 %d 年或以后的年份",
					    r->year, first, first);
			return DX_USAGE;
		}
	}
	goto count;
groups:
	/*
	 * A province's or city's counties (dx_report_build_counties): their
	 * households grouped on the server by what the figures select on,
	 * each group counted at once by the same predicates (count_household)
	 * -- thousands of rows for a province, not one per household -- then
	 * the members' 低保 known as for a county (side_scan), and each
	 * county refusing a year before its own first records, as its own
	 * report would.  The figures need nothing more.
	 */
	{
		struct first_years fy = {r, b->row_first, 0, 0, why};
		char t[11];
		int changed = 0;
		if ((rc = count_groups(st, b)))
			return rc;
		dx_date_format(&o->today, t);
		if (strcmp(r->as_of, t) < 0 &&
		    (rc = dx_store_members_changed_after(st, r->area, r->as_of, &changed)))
			return rc;
		r->members_known = !changed;
		if ((rc = dx_store_first_years(st, r->area, &fy.income_year, on_first_year, &fy)))
			return rc;
		for (; fy.next < r->nrows; fy.next++)
			if ((rc = first_year_refuses(&fy, fy.next, 0)))
				return rc;
	}
	/* each household counts once, in its row (or the total when the
	 * report has no rows); the rows then add up into the total, which is
	 * how the xlsx 合计 row is defined too */
count:
	for (size_t i = 0; i < b->n; i++)
		count_household(r, &b->h[i],
				b->h[i].row < r->nrows ? &r->rows[b->h[i].row].f : &r->total, 1);
	for (size_t i = 0; i < r->nrows; i++)
		figs_add(&r->total, &r->rows[i].f);
	return DX_OK;
}

static int report_build(struct dx_store *st, const struct dx_report_opts *o, struct dx_report *r,
			struct dx_buf *why)
{
	struct build b;
	int rc = run_build(st, o, r, &b, 0, NULL, 0, NULL, why);
	release_build(&b);
	if (!rc) /* the 衔接资金 paragraph (issue 18) */
		rc = dx_report_funds_build(st, r->area, r->year, r->as_of, &r->funds);
	if (rc)
		dx_report_release(r);
	return rc;
}

static int report_build_counties(struct dx_store *st, const char *prefix, int year,
				 const char *as_of, const struct dx_date *today,
				 const char *const *counties, size_t n,
				 struct dx_report *r, struct dx_county_ledger *ledger,
				 struct dx_buf *why)
{
	struct dx_report_opts o;
	struct build b;
	int rc;
	memset(&o, 0, sizeof(o));
	o.area = prefix;
	o.year = year;
	o.as_of = as_of;
	o.today = *today;
	if (ledger)
		memset(ledger, 0, n * sizeof(*ledger));
	rc = run_build(st, &o, r, &b, 0, counties, n, ledger, why);
	release_build(&b);
	if (rc)
		dx_report_release(r);
	return rc;
}

/* A report reads one snapshot, on every connection it uses (issue 12):
 * its figures add up under concurrent writes.  Inside a caller's
 * transaction it reads that one. */
int dx_report_build(struct dx_store *st, const struct dx_report_opts *o, struct dx_report *r,
		    struct dx_buf *why)
{
	int began, rc;
	/* a county or wider reads its side pass on a second connection */
	if ((rc = strlen(o->area) <= 6 ? dx_store_read_begin_shared(st, &began)
				       : dx_store_read_begin(st, &began)))
		return rc;
	rc = report_build(st, o, r, why);
	dx_store_read_end(st, began);
	return rc;
}

int dx_report_build_counties(struct dx_store *st, const char *prefix, int year,
			     const char *as_of, const struct dx_date *today,
			     const char *const *counties, size_t n,
			     struct dx_report *r, struct dx_county_ledger *ledger,
			     struct dx_buf *why)
{
	int began, rc;
	/* two or more counties are counted on two connections (count_groups):
	 * one alone shares nothing, and holds no commit off */
	if ((rc = n > 1 ? dx_store_read_begin_shared(st, &began) : dx_store_read_begin(st, &began)))
		return rc;
	rc = report_build_counties(st, prefix, year, as_of, today, counties, n, r, ledger, why);
	dx_store_read_end(st, began);
	return rc;
}

void dx_report_release(struct dx_report *r)
{
	free(r->rows);
	r->rows = NULL;
	r->nrows = 0;
}

/* Area names for a list: the villages and townships its households live
 * in are few, so they are looked up once each and kept. */
struct names {
	struct dx_area *v;
	size_t n;
	size_t last;
};

static const char *area_name(struct dx_store *st, struct names *nm, const char *code)
{
	struct dx_area a;
	if (nm->n && !strcmp(nm->v[nm->last].code, code))
		return nm->v[nm->last].name;
	for (size_t i = 0; i < nm->n; i++)
		if (!strcmp(nm->v[i].code, code))
			return nm->v[nm->last = i].name;
	if (dx_store_area_get(st, code, &a))
		a.name[0] = '\0';
	dx_strlcpy(a.code, code, sizeof(a.code));
	nm->v = dx_xrealloc(nm->v, (nm->n + 1) * sizeof(*nm->v));
	nm->v[nm->n] = a;
	nm->last = nm->n++;
	return nm->v[nm->last].name;
}

static int report_list(struct dx_store *st, const struct dx_report_opts *o, const char *key,
		       int (*fn)(const struct dx_report_item *it, void *), void *arg,
		       struct dx_buf *why)
{
	struct dx_report r;
	struct build b;
	struct names nm = {0};
	size_t k;
	int rc;
	for (k = 0; k < DX_ARRAY_SIZE(figures); k++)
		if (!strcmp(figures[k].key, key))
			break;
	if (k == DX_ARRAY_SIZE(figures))
		return dx_error(DX_NOT_FOUND, "no figure '%s'", key);
	rc = run_build(st, o, &r, &b, 1, NULL, 0, NULL, why);
	if (!rc && !r.members_known && !strncmp(key, "dibao", 5)) {
		if (why)
			dx_buf_addf(why,
				    "成员台账在 %s 之后有过更新，"
				    "而台账只保存低保的现状、不保存历史，"
				    "列不出截至 %s 的低保户：请用更近的截至日期", r.as_of, r.as_of);
		rc = DX_USAGE;
	}
	if (!rc) {
		for (size_t i = 0; i < b.n && !rc; i++) {
			struct dx_report_item it;
			char township[10], tname[96] = "";
			int p = figures[k].pred(&r, &b.h[i]);
			if (p < 0)
				continue;
			it.hh_no = b.names[i].hh_no;
			it.head_name = b.names[i].head_name;
			it.area_code = b.names[i].area;
			dx_strlcpy(township, it.area_code, sizeof(township));
			/* copied: the next look-up may move the names */
			if (strlen(township) == 9)
				dx_strlcpy(tname, area_name(st, &nm, township), sizeof(tname));
			it.township = tname;
			it.village =
				strlen(it.area_code) == 12 ? area_name(st, &nm, it.area_code) : "";
			it.persons = p;
			rc = fn(&it, arg);
		}
	}
	free(nm.v);
	release_build(&b);
	dx_report_release(&r);
	return rc;
}

int dx_report_opts_init(struct dx_store *st, const char *area, int year, const char *as_of,
			const struct dx_date *today, struct dx_report_opts *o)
{
	struct dx_policy pol;
	int rc;
	memset(o, 0, sizeof(*o));
	if ((rc = dx_app_policy(st, area, year, as_of, &pol)))
		return rc;
	o->area = area;
	o->year = year;
	o->as_of = as_of;
	o->today = *today;
	dx_strlcpy(o->label_buf, pol.target_label, sizeof(o->label_buf));
	o->label = o->label_buf;
	o->visits_active = pol.visits_per_week_active;
	o->visits_eliminated = pol.visits_per_week_eliminated;
	return DX_OK;
}

/* the households behind a figure, from one snapshot as dx_report_build */
int dx_report_list(struct dx_store *st, const struct dx_report_opts *o, const char *key,
		   int (*fn)(const struct dx_report_item *it, void *), void *arg,
		   struct dx_buf *why)
{
	int began, rc;
	if ((rc = strlen(o->area) <= 6 ? dx_store_read_begin_shared(st, &began)
				       : dx_store_read_begin(st, &began)))
		return rc;
	rc = report_list(st, o, key, fn, arg, why);
	dx_store_read_end(st, began);
	return rc;
}
