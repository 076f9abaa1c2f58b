/*
 * household_record.c - building the household record (户档案) and finding
 * households (see household_record.h).  Reading only: the record is the
 * store's rows put together, with the income figures computed by
 * policy/income.c under the policy of each year, and personal numbers
 * masked for whoever may not see them.  Rendering is household_out.c's.
 */
#include "core/dx.h"
#include "app/household_record.h"
#include "app/household_out.h"
#include "store/memo.h"
#include "app/policy.h"
#include "core/area.h"
#include "core/idcard.h"
#include "core/date.h"
#include "store/audit.h"
#include "store/followup.h"
#include "store/membership.h"

/* Append item to the growing array arr of n items: its room doubles from
 * 4 (n is the count; the room is the next power of two from 4 at least),
 * not one realloc and copy per item. */
#define PUSH(arr, n, item)                                                      \
	do {                                                                    \
		if ((n) == 0 || ((n) >= 4 && ((n) & ((n) - 1)) == 0))          \
			(arr) = dx_xrealloc((arr), ((n) ? 2 * (n) : 4) * sizeof(*(arr))); \
		(arr)[(n)++] = (item);                                          \
	} while (0)

/* The prefix the actor reads under: area narrowed to the scope. */
static int read_area(const struct dx_actor *a, const char *area, char out[13],
		     struct dx_buf *why)
{
	if (a)
		return dx_actor_area(a, area, out, why);
	if (!area || !*area) {
		out[0] = '\0'; /* the local owner: every area */
		return DX_OK;
	}
	if (dx_area_canon(area, out) < DX_AREA_COUNTY) {
		dx_buf_addf(why, "区划代码 \"%s\" 无效（应为6位县、9位乡镇或12位村代码）", area);
		return DX_INVALID;
	}
	return DX_OK;
}

void dx_hh_brief_state(const struct dx_hh_brief *b, char *out, size_t size)
{
	if (!b->category[0])
		dx_strlcpy(out, "未纳入监测", size);
	else
		dx_snprintf(out, size, "%s（%s）", b->category,
			    b->eliminated_on[0] ? "已消除风险" : "风险未消除");
}

/* ---- find ---- */

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && !(i == n - 1 && (s[i] == 'X' || s[i] == 'x')))
			return 0;
	return n > 0;
}

int dx_household_find(struct dx_store *st, const struct dx_actor *a, const char *text,
		      const char *area, int (*fn)(const struct dx_hh_brief *, void *), void *arg,
		      struct dx_buf *why)
{
	char prefix[13], t[64];
	size_t n;
	unsigned how;
	int rc;
	if ((rc = read_area(a, area, prefix, why)))
		return rc;
	if (!text || !*text || strlen(text) >= sizeof(t)) {
		dx_buf_adds(why, "请给出要查找的姓名、户编号、身份证号后几位或村名");
		return DX_INVALID;
	}
	dx_strlcpy(t, text, sizeof(t));
	n = strlen(t);
	if (t[n - 1] == 'x')
		t[n - 1] = 'X';
	if (all_digits(t, n)) {
		if (n < 4) {
			dx_buf_addf(why, "\"%s\" 太短：按身份证号查找请至少给出后4位", text);
			return DX_INVALID;
		}
		/* digits: a 户编号, or the end of an ID (a whole one included) */
		how = DX_FIND_HH_NO | DX_FIND_ID_TAIL;
		/* sealed numbers (issue 13) have no tail to match: a whole
		 * number is still found by its sealed value */
		if (n == 18 && dx_store_ids_protected(st))
			how |= DX_FIND_ID;
	} else {
		how = DX_FIND_NAME | DX_FIND_VILLAGE | DX_FIND_HH_NO;
	}
	return dx_store_hh_find(st, prefix, t, how, fn, arg);
}

/* ---- the record ---- */

struct build {
	struct dx_store *st;
	struct dx_household_record *r;
};

static int on_choice(const struct dx_hh_brief *b, void *arg)
{
	struct dx_household_record *r = arg;
	PUSH(r->choices, r->nchoices, *b);
	return 0;
}

static void mask_person(struct dx_person *p)
{
	char m[32];
	dx_idcard_mask(p->id_no, m);
	dx_strlcpy(p->id_no, m, sizeof(p->id_no));
	dx_phone_mask(p->phone, m, sizeof(m));
	dx_strlcpy(p->phone, m, sizeof(p->phone));
}

static int on_member(const struct dx_hh_member *m, void *arg)
{
	struct dx_household_record *r = arg;
	PUSH(r->members, r->nmembers, *m);
	/* registered now: in the household and not left it (a count the
	 * household's row would otherwise read from the persons again) */
	if (m->p.household_id == r->hh.h.id && !m->left_on[0])
		r->hh.registered++;
	return 0;
}

static int on_episode(const struct dx_episode *e, void *arg)
{
	struct dx_household_record *r = arg;
	PUSH(r->episodes, r->nepisodes, *e);
	return 0;
}

static int on_measure(const struct dx_measure *m, void *arg)
{
	struct dx_household_record *r = arg;
	PUSH(r->measures, r->nmeasures, *m);
	return 0;
}

static int on_visit(const struct dx_visit *v, void *arg)
{
	struct dx_household_record *r = arg;
	PUSH(r->visits, r->nvisits, *v);
	return 0;
}

static int on_warning(const struct dx_hh_warning *w, void *arg)
{
	struct dx_household_record *r = arg;
	PUSH(r->warnings, r->nwarnings, *w);
	return 0;
}

static int on_clue(int64_t id, void *arg)
{
	struct build *b = arg;
	struct dx_clue_row c;
	int rc = dx_store_clue_get(b->st, id, &c);
	if (!rc)
		PUSH(b->r->clues, b->r->nclues, c);
	return rc;
}

static int on_case(int64_t id, void *arg)
{
	struct build *b = arg;
	struct dx_hr_case c;
	size_t n = 0;
	int rc;
	memset(&c, 0, sizeof(c));
	if ((rc = dx_store_case_get(b->st, id, &c.c)) ||
	    (rc = dx_store_step_list(b->st, id, c.steps, DX_ARRAY_SIZE(c.steps), &n)))
		return rc;
	c.nsteps = n < DX_ARRAY_SIZE(c.steps) ? n : DX_ARRAY_SIZE(c.steps);
	PUSH(b->r->cases, b->r->ncases, c);
	return 0;
}

static int on_audit(const struct dx_hh_audit *a, void *arg)
{
	struct dx_household_record *r = arg;
	struct dx_hr_audit x;
	memset(&x, 0, sizeof(x));
	x.id = a->id;
	dx_strlcpy(x.at, a->at, sizeof(x.at));
	dx_strlcpy(x.actor, a->actor, sizeof(x.actor));
	/* rows from before the subject.verb vocabulary keep their old words
	 * (the chain hashes them): the record shows the current one */
	dx_strlcpy(x.action, dx_audit_action_current(a->entity, a->action), sizeof(x.action));
	dx_strlcpy(x.entity, a->entity, sizeof(x.entity));
	dx_strlcpy(x.key, a->key, sizeof(x.key));
	x.before = dx_xstrdup(a->before);
	x.after = dx_xstrdup(a->after);
	PUSH(r->audit, r->naudit, x);
	return 0;
}

static int on_income(const struct dx_income_row *row, void *arg)
{
	struct dx_household_record *r = arg;
	struct dx_hr_income x;
	memset(&x, 0, sizeof(x));
	x.row = *row;
	PUSH(r->incomes, r->nincomes, x);
	return 0;
}

/*
 * The household's counted members on each of days (dx_store_hh_counted_on).
 * When none of its members has a membership period -- most households:
 * nobody joined, left or moved since the ledger was imported -- each was
 * in the household all along, and the answer is in the members the record
 * has read (those of the household that count, every day alike): one
 * statement fewer on the API's busiest route.
 */
static int counted_on(struct dx_store *st, const struct dx_household_record *r,
		      const char (*days)[11], size_t n, int *counts)
{
	int c = 0;
	for (size_t i = 0; i < r->nmembers; i++) {
		const struct dx_hh_member *m = &r->members[i];
		if (m->has_periods)
			return dx_store_hh_counted_on(st, r->hh.h.id, days, n, counts);
		c += m->p.household_id == r->hh.h.id && m->p.counted;
	}
	for (size_t i = 0; i < n; i++)
		counts[i] = c;
	return DX_OK;
}

/*
 * Each year's figures: members are those counted on the year's last day
 * (or today, in the running year), the policy the one in force for the
 * household's village that year (its line and whether 合规自付支出 is
 * deducted); the arithmetic is dx_income_compute's.  A fixed two reads
 * whatever the number of years (the route is the API's busiest): the
 * counts of every year's day in one query, and the village's settings of
 * every year loaded once and resolved per year in memory, as
 * dx_app_policy does for one.
 */
static int income_figures(struct dx_store *st, struct dx_household_record *r)
{
	struct dx_policy_rows rows = DX_POLICY_ROWS_INIT;
	char days[DX_COUNTED_DAYS_MAX][11], t[11];
	int counts[DX_COUNTED_DAYS_MAX];
	size_t n = r->nincomes < DX_COUNTED_DAYS_MAX ? r->nincomes : DX_COUNTED_DAYS_MAX;
	int rc;
	if (!r->nincomes)
		return DX_OK;
	dx_date_format(&r->today, t);
	for (size_t i = 0; i < n; i++) {
		struct dx_date end = {r->incomes[i].row.year, 12, 31};
		dx_date_format(&end, days[i]);
		if (strcmp(t, days[i]) < 0)
			dx_strlcpy(days[i], t, sizeof(days[i]));
	}
	if ((rc = counted_on(st, r, (const char(*)[11])days, n, counts)) ||
	    (rc = dx_policy_rows_load(st, r->hh.h.area_code, 0, 0, &rows)))
		return rc;
	for (size_t i = 0; i < r->nincomes && !rc; i++) {
		struct dx_hr_income *x = &r->incomes[i];
		const char *why = NULL;
		struct dx_policy p;
		if (i >= n) {
			/* more years than a record ever holds: one at a time */
			char one[1][11];
			dx_snprintf(one[0], sizeof(one[0]), "%04d-12-31", x->row.year);
			if (strcmp(t, one[0]) < 0)
				dx_strlcpy(one[0], t, sizeof(one[0]));
			if ((rc = dx_store_hh_counted_on(st, r->hh.h.id, (const char(*)[11])one, 1,
			                                 &counts[0])))
				break;
			x->members = counts[0];
		} else {
			x->members = counts[i];
		}
		if ((rc = dx_policy_rows_resolve(&rows, r->hh.h.area_code, x->row.year, NULL, &p,
		                                 NULL, &why))) {
			dx_error(rc, "stored policy for area '%s' year %d cannot be read",
			         r->hh.h.area_code, x->row.year);
			break;
		}
		{
			const struct dx_income_row *row = &x->row;
			struct dx_income in = {row->wage,	   row->business, row->property,
					       row->transfer,	   row->business_cost, row->claims,
					       row->oop,	   x->members};
			x->computed = dx_income_compute(&in, p.deduct_oop, &x->r) == DX_OK;
		}
		x->line = p.monitoring_line;
		x->below_line = x->computed && x->r.tested_pc < x->line;
	}
	dx_policy_rows_release(&rows);
	return rc;
}

/* The audit of the household and of everything the record holds: its
 * members past and present, episodes, clues, cases, measures and visits
 * (the rows read above are the keys; the store looks each up, a member
 * only if the members' read found audit rows about them: most have
 * none, and a look-up in the members' statement costs less than one of
 * its own). */
static int record_audit(struct dx_store *st, struct dx_household_record *r)
{
	struct dx_audit_key *k;
	size_t n = 0;
	int rc;
	k = dx_xmalloc((r->nmembers + r->nepisodes + r->nclues + r->ncases + r->nmeasures +
			r->nvisits + 1) * sizeof(*k));
	for (size_t i = 0; i < r->nmembers; i++)
		if (r->members[i].has_audit) /* the members' read looked */
			k[n++] = (struct dx_audit_key){"person", r->members[i].p.id};
	for (size_t i = 0; i < r->nepisodes; i++)
		k[n++] = (struct dx_audit_key){"episode", r->episodes[i].id};
	for (size_t i = 0; i < r->nclues; i++)
		k[n++] = (struct dx_audit_key){"clue", r->clues[i].id};
	for (size_t i = 0; i < r->ncases; i++)
		k[n++] = (struct dx_audit_key){"case", r->cases[i].c.id};
	for (size_t i = 0; i < r->nmeasures; i++)
		k[n++] = (struct dx_audit_key){"measure", r->measures[i].id};
	for (size_t i = 0; i < r->nvisits; i++)
		k[n++] = (struct dx_audit_key){"visit", r->visits[i].id};
	rc = dx_store_hh_audit(st, r->hh.h.id, r->hh.h.hh_no, k, n, on_audit, r);
	free(k);
	return rc;
}

/* Everything of the household whose row r->hh holds, after that row. */
static int fill_lists(struct dx_store *st, int unmask, struct dx_household_record *r)
{
	struct build b = {st, r};
	int64_t id = r->hh.h.id;
	int rc;
	r->unmasked = unmask;
	/* the lists the household's row says are empty are not read (most
	 * households have no episode, case, measure, visit, warning or clue) */
#define HAS(bit) (r->hh.has & DX_HH_HAS_##bit)
	if ((rc = dx_store_hh_full_members(st, &r->hh, on_member, r)) ||
	    (rc = dx_store_hh_incomes(st, id, on_income, r)) || (rc = income_figures(st, r)) ||
	    (HAS(EPISODES) && (rc = dx_store_episode_list(st, id, on_episode, r))) ||
	    (HAS(CASES) && (rc = dx_store_hh_case_ids(st, id, on_case, &b))) ||
	    (HAS(MEASURES) && (rc = dx_store_measure_list(st, id, on_measure, r))) ||
	    (HAS(VISITS) && (rc = dx_store_hh_visits(st, id, on_visit, r))) ||
	    (HAS(WARNINGS) && (rc = dx_store_hh_warnings(st, id, on_warning, r))) ||
	    (HAS(CLUES) && (rc = dx_store_hh_clue_ids(st, id, on_clue, &b))) ||
	    (rc = record_audit(st, r)))
		return rc;
#undef HAS
	if (!r->unmasked) {
		char m[32];
		for (size_t i = 0; i < r->nmembers; i++)
			mask_person(&r->members[i].p);
		dx_phone_mask(r->hh.h.phone, m, sizeof(m));
		dx_strlcpy(r->hh.h.phone, m, sizeof(r->hh.h.phone));
	}
	return DX_OK;
}

/* The record's few dozen look-ups share one read snapshot: one consistent
 * picture of the household, and one read lock instead of one per
 * statement (the household route is the API's busiest). */
static int fill(struct dx_store *st, int unmask, int64_t id, struct dx_household_record *r)
{
	int began, rc;
	if ((rc = dx_store_read_begin(st, &began)))
		return rc;
	if (!(rc = dx_store_hh_full(st, id, &r->hh)))
		rc = fill_lists(st, unmask, r);
	dx_store_read_end(st, began);
	return rc;
}

/*
 * The one rule for full numbers in a record, whichever door asks (the
 * API's ?unmasked=1, the CLI's --unmasked): an account allowed to see them
 * (dx_actor_may_unmask), and the read recorded before anything is shown.
 */
static int unmask_audited(struct dx_store *st, const struct dx_actor *a,
			  const struct dx_hh_brief *b, struct dx_buf *why)
{
	char county[7];
	if (!a || a->local_owner) {
		dx_buf_adds(why, "查看完整的身份证号和电话须以有权限的账号（县级经办）进行，并记入操作日志");
		return DX_DENIED;
	}
	if (!dx_actor_may_unmask(a)) {
		dx_buf_addf(why, "账号 %s 无权查看完整的身份证号和电话（仅县级经办账号可以）",
			    a->acc.name);
		return DX_DENIED;
	}
	dx_strlcpy(county, b->area_code, sizeof(county));
	return dx_store_audit(st, county, a->acc.name, "household.read_unmasked", "household",
			      b->hh_no, NULL, NULL);
}

int dx_household_record(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
			const char *key, const char *area, int unmasked,
			struct dx_household_record *out, struct dx_buf *why)
{
	struct dx_idcard id;
	char prefix[13];
	const char *text = key;
	unsigned how;
	int rc;
	memset(out, 0, sizeof(*out));
	out->today = *today;
	if ((rc = read_area(a, area, prefix, why)))
		return rc;
	if (!key || !*key) {
		dx_buf_adds(why, "请给出户编号、身份证号或姓名");
		return DX_INVALID;
	}
	if (!dx_idcard_parse(key, strlen(key), today, &id, NULL)) {
		text = id.id;
		how = DX_FIND_ID;
	} else {
		how = DX_FIND_HH_NO | DX_FIND_NAME;
	}
	if ((rc = dx_store_hh_find(st, prefix, text, how, on_choice, out)))
		goto out;
	if (!out->nchoices) {
		dx_buf_addf(why, "%s没有户编号、身份证号或姓名为 %s 的农户",
			    a ? "在管辖范围内" : "", how == DX_FIND_ID ? "（所给身份证号）" : key);
		rc = DX_NOT_FOUND;
		goto out;
	}
	if (out->nchoices > 1)
		return DX_OK; /* the caller lists them */
	{
		struct dx_hh_brief b = out->choices[0];
		free(out->choices);
		out->choices = NULL;
		out->nchoices = 0;
		if (unmasked && (rc = unmask_audited(st, a, &b, why)))
			goto out;
		rc = fill(st, unmasked, b.id, out);
	}
out:
	if (rc)
		dx_household_record_release(out);
	return rc;
}

int dx_household_record_get(struct dx_store *st, const struct dx_actor *a,
			    const struct dx_date *today, const char *hh_no, int unmasked,
			    struct dx_household_record *out, struct dx_buf *why)
{
	struct dx_hh_brief b;
	char prefix[13];
	int began = 0, rc;
	memset(out, 0, sizeof(*out));
	out->today = *today;
	if ((rc = dx_actor_area(a, NULL, prefix, why)))
		return rc;
	if (!unmasked) {
		/* a masked read is all reading: the look-up and the record
		 * share one read snapshot (one read lock for the API's
		 * busiest route), and the household's row is found by the
		 * exact key with its derived columns in one statement */
		if ((rc = dx_store_read_begin(st, &began)))
			return rc;
		rc = hh_no && *hh_no ? dx_store_hh_full_in_area(st, prefix, hh_no, &out->hh)
				     : DX_NOT_FOUND;
		if (!rc)
			rc = fill_lists(st, 0, out);
		else if (rc == DX_NOT_FOUND)
			goto not_found;
		goto out;
	}
	/* an unmasked one writes its audit row between the look-up (one of
	 * the hh_no index) and the record */
	rc = hh_no && *hh_no ? dx_store_hh_in_area(st, prefix, hh_no, &b) : DX_NOT_FOUND;
	if (rc == DX_NOT_FOUND)
		goto not_found;
	if (rc)
		goto out;
	if ((rc = unmask_audited(st, a, &b, why)))
		goto out;
	rc = fill(st, unmasked, b.id, out);
	goto out;
not_found:
	/* the same answer for a household of another area: it tells nothing
	 * about who lives where */
	dx_buf_adds(why, "没有该户编号的农户（或不在管辖范围内）");
	rc = DX_NOT_FOUND;
out:
	dx_store_read_end(st, began);
	if (rc)
		dx_household_record_release(out);
	return rc;
}

int dx_household_record_json_get(struct dx_store *st, const struct dx_actor *a,
				 const struct dx_date *today, const char *hh_no, int unmasked,
				 struct dx_buf *out, struct dx_buf *why)
{
	struct dx_household_record rec;
	struct dx_memo_ticket t = {0};
	char key[80] = "", day[11], prefix[13];
	const char *data, *area;
	size_t n, start = out->len;
	int began = 0, rc;
	/* (a 户编号 that long is no household's, and would not fit the key) */
	if (!unmasked && hh_no && strlen(hh_no) < 48 && !dx_actor_area(a, NULL, prefix, why)) {
		dx_date_format(today, day);
		dx_snprintf(key, sizeof(key), "household\x1f%s\x1f%s", day, hh_no);
		/* the stamp and, on a miss, the read: one snapshot */
		if ((rc = dx_store_read_begin(st, &began)))
			return rc;
		if (!dx_store_memo_get(st, key, &t, &data, &n, &area) &&
		    !strncmp(area, prefix, strlen(prefix))) {
			dx_buf_add(out, data, n);
			dx_store_read_end(st, began);
			return out->err ? DX_NOMEM : DX_OK;
		}
	}
	rc = dx_household_record_get(st, a, today, hh_no, unmasked, &rec, why);
	if (!rc) {
		dx_household_record_json_to(&rec, out);
		if (out->err)
			rc = DX_NOMEM;
		else
			dx_store_memo_put(st, &t, key, rec.hh.h.area_code, out->buf + start,
					  out->len - start);
		dx_household_record_release(&rec);
	}
	dx_store_read_end(st, began);
	return rc;
}

void dx_household_record_release(struct dx_household_record *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->naudit; i++) {
		free(r->audit[i].before);
		free(r->audit[i].after);
	}
	free(r->choices);
	free(r->members);
	free(r->incomes);
	free(r->episodes);
	free(r->cases);
	free(r->measures);
	free(r->visits);
	free(r->warnings);
	free(r->clues);
	free(r->audit);
	memset(r, 0, sizeof(*r));
}
