/*
 * screen.c - screening an area (issue 4; domain.md §5): the store's
 * household pass feeds the pure dx_screen() one household at a time, under
 * the policy in force for the household's village, and (what-if) a second
 * time under the changed policy.  Nothing is allocated per household.
 */
#include "core/dx.h"
#include "app/policy.h"
#include "app/screen.h"
#include "store/screen_scan.h"

const char *dx_whatif_change_name(enum dx_whatif_change c)
{
	switch (c) {
	case DX_WHATIF_SAME:
		return "";
	case DX_WHATIF_IN:
		return "新纳入";
	case DX_WHATIF_OUT:
		return "移出";
	case DX_WHATIF_CHANGED:
		return "类别变化";
	}
	return "";
}

/* 在校生状况: 小学 and 七/八/九年级 are compulsory schooling. */
static int is_compulsory(const char *s)
{
	return !strcmp(s, "小学") || !strncmp(s, "七年级", strlen("七年级")) ||
	       !strncmp(s, "八年级", strlen("八年级")) ||
	       !strncmp(s, "九年级", strlen("九年级"));
}

static int is_noncompulsory(const char *s)
{
	return strstr(s, "高中") || strstr(s, "中职") || strstr(s, "高职") ||
	       strstr(s, "本科") || strstr(s, "研究生") || strstr(s, "硕士");
}

void dx_app_screen_input(const struct dx_scan_hh *h,
			 struct dx_screen_member *m,
			 struct dx_screen_input *in)
{
	int i, n = h->nmembers < DX_SCAN_MAX_MEMBERS ? h->nmembers
						     : DX_SCAN_MAX_MEMBERS;
	memset(in, 0, sizeof(*in));
	in->kind = h->tuopin ? DX_HH_TUOPIN : DX_HH_YIBAN;
	if (h->folded) {
		/* the store's summary of the members (schema v7) */
		in->folded = 1;
		in->fold.any = (h->msum & DX_HHM_ANY) != 0;
		in->fold.ill = (h->msum & DX_HHM_ILL) != 0;
		in->fold.disabled = (h->msum & DX_HHM_DISABLED) != 0;
		in->fold.noncompulsory = (h->msum & DX_HHM_NONCOMPULSORY) != 0;
		in->fold.labour = (h->msum & DX_HHM_LABOUR) != 0;
		in->fold.labour_work = (h->msum & DX_HHM_LABOUR_WORK) != 0;
		in->fold.labour_unknown = (h->msum & DX_HHM_LABOUR_UNKNOWN) != 0;
		in->fold.counted = h->counted;
		in->no_insurance = (h->msum & DX_HHM_NO_INSURANCE) != 0;
		in->prev_income.members = h->counted;
		n = 0;
	}
	for (i = 0; i < n; i++) {
		const struct dx_scan_member *p = &h->m[i];
		struct dx_screen_member *q = &m[i];
		memset(q, 0, sizeof(*q));
		q->counted = p->counted != 0;
		q->chronic = strstr(p->health, "慢性病") != NULL;
		q->serious = strstr(p->health, "大病") != NULL;
		q->disabled = strstr(p->health, "残疾") != NULL;
		q->compulsory = is_compulsory(p->school);
		q->noncompulsory = is_noncompulsory(p->school);
		q->has_work = p->work_place[0] != '\0';
		if (dx_labour_parse(p->labour, &q->labour))
			q->labour = DX_LABOUR_UNKNOWN;
		/* domain.md §3: 有成员未参加基本医保 is derived from members */
		if (!p->ins_resident && !p->ins_employee)
			in->no_insurance = 1;
	}
	in->members = m;
	in->nmembers = n;
	in->unsafe_housing = h->unsafe_housing != 0;
	in->dropout = h->dropout != 0;
	in->unsafe_water = h->unsafe_water != 0;
	in->has_income = h->has_income != 0;
	in->income.wage = h->cur.wage;
	in->income.business = h->cur.business;
	in->income.property = h->cur.property;
	in->income.transfer = h->cur.transfer;
	in->income.business_cost = h->cur.business_cost;
	in->income.claims = h->cur.claims;
	in->income.oop = h->cur.oop;
	in->has_prev_income = h->has_prev != 0;
	in->prev_income.wage = h->prev.wage;
	in->prev_income.business = h->prev.business;
	in->prev_income.property = h->prev.property;
	in->prev_income.transfer = h->prev.transfer;
	in->prev_income.business_cost = h->prev.business_cost;
	in->prev_income.claims = h->prev.claims;
	in->prev_income.oop = h->prev.oop;
	/* no membership history: last year is counted on today's members */
	for (i = 0; i < n; i++)
		in->prev_income.members += m[i].counted;
	in->dept_warning = h->warnings > 0;
	in->monitored = h->active != 0;
	/* domain.md §8: what a department's signal says about the risk */
	if (h->warn_bits & DX_WARN_MEDICAL)
		in->extra_risks |= DX_RISK_BIT(DX_RISK_ILLNESS);
	if (h->warn_bits & DX_WARN_DISABILITY)
		in->extra_risks |= DX_RISK_BIT(DX_RISK_DISABILITY);
	if (h->warn_bits & DX_WARN_SCHOOL)
		in->extra_risks |= DX_RISK_BIT(DX_RISK_SCHOOL);
	if (h->warn_bits & DX_WARN_DISASTER)
		in->extra_risks |= DX_RISK_BIT(DX_RISK_DISASTER);
	if (h->warn_bits & DX_WARN_JOB)
		in->extra_risks |= DX_RISK_BIT(DX_RISK_JOB);
	if (h->warn_bits & DX_WARN_POLICE)
		in->extra_risks |= DX_RISK_BIT(DX_RISK_ACCIDENT);
}

/*
 * The policy of a village depends only on which stored prefixes it lies
 * under, and those are the prefixes of the longest one it matches: so the
 * policies are resolved once per distinct stored prefix (slot 0: none
 * matches), not per household.
 */
struct slot {
	const char *prefix; /* NULL for slot 0 */
	int ready;
	struct dx_policy pol, alt;
};

struct run {
	const struct dx_screen_opts *o;
	struct dx_policy_rows rows;
	struct slot *slots;
	size_t nslots;
	const struct dx_policy *pol, *alt; /* of the current household */
	int rc;
	const char *why;
	struct dx_screen_summary *sum;
	int (*fn)(const struct dx_screen_row *, void *);
	void *arg;
	struct dx_screen_member m[DX_SCAN_MAX_MEMBERS];
};

/* Apply the what-if items to p. */
static int apply_whatif(const struct dx_screen_opts *o, struct dx_policy *p,
			const char **why, const char **bad)
{
	char key[64];
	int i, rc;
	for (i = 0; i < o->nwhatif; i++) {
		const char *eq = strchr(o->whatif[i], '=');
		size_t n = eq ? (size_t)(eq - o->whatif[i]) : 0;
		*bad = o->whatif[i];
		if (!eq || n == 0 || n >= sizeof(key)) {
			*why = "应写成 参数名=值，如 monitoring_line=9500";
			return DX_INVALID;
		}
		memcpy(key, o->whatif[i], n);
		key[n] = '\0';
		if ((rc = dx_policy_set(p, key, eq + 1, why)))
			return rc;
	}
	*bad = NULL;
	return DX_OK;
}

static void make_slots(struct run *r)
{
	size_t i, j;
	r->slots = dx_xcalloc(r->rows.n + 1, sizeof(*r->slots));
	r->nslots = 1;
	for (i = 0; i < r->rows.n; i++) {
		const char *pre = r->rows.v[i].area_prefix;
		for (j = 1; j < r->nslots; j++)
			if (!strcmp(r->slots[j].prefix, pre))
				break;
		if (j == r->nslots && *pre)
			r->slots[r->nslots++].prefix = pre;
	}
}

static int village_policy(struct run *r, const char *village)
{
	const char *bad = NULL;
	size_t i, best = 0, blen = 0;
	struct slot *s;
	int rc;
	for (i = 1; i < r->nslots; i++) {
		size_t n = strlen(r->slots[i].prefix);
		if (n > blen && !strncmp(village, r->slots[i].prefix, n)) {
			best = i;
			blen = n;
		}
	}
	s = &r->slots[best];
	if (!s->ready) {
		rc = dx_policy_rows_resolve(&r->rows, village, r->o->year, NULL,
					    &s->pol, NULL, &r->why);
		if (rc)
			return dx_error(rc, "stored policy for area '%s' cannot "
					    "be read", village);
		s->alt = s->pol;
		if (r->o->nwhatif &&
		    (rc = apply_whatif(r->o, &s->alt, &r->why, &bad)))
			return rc;
		s->ready = 1;
	}
	r->pol = &s->pol;
	r->alt = &s->alt;
	return DX_OK;
}

static int one(const struct dx_scan_hh *h, void *arg)
{
	struct run *r = arg;
	struct dx_screen_input in;
	struct dx_screen_result res, alt;
	struct dx_screen_row row;
	int i, rc, listed;
	const char *head = "";

	r->sum->households++;
	if (h->active && !r->o->all) {
		r->sum->skipped++;
		return DX_OK;
	}
	if ((rc = village_policy(r, h->area_code)))
		return rc;
	dx_app_screen_input(h, r->m, &in);
	if ((rc = dx_screen(&in, r->pol, &res)))
		return rc;
	r->sum->screened++;
	r->sum->cat[res.category]++;
	memset(&row, 0, sizeof(row));
	if (r->o->nwhatif) {
		if ((rc = dx_screen(&in, r->alt, &alt)))
			return rc;
		r->sum->alt_cat[alt.category]++;
		if (res.category == alt.category)
			row.change = DX_WHATIF_SAME;
		else if (res.category == DX_CAT_NONE)
			row.change = DX_WHATIF_IN;
		else if (alt.category == DX_CAT_NONE)
			row.change = DX_WHATIF_OUT;
		else
			row.change = DX_WHATIF_CHANGED;
		r->sum->whatif_in += row.change == DX_WHATIF_IN;
		r->sum->whatif_out += row.change == DX_WHATIF_OUT;
		r->sum->whatif_changed += row.change == DX_WHATIF_CHANGED;
		listed = row.change != DX_WHATIF_SAME;
		row.alt = &alt;
	} else {
		unsigned fl = res.flags & ~(unsigned)DX_FLAG_MONITORED;
		listed = res.category != DX_CAT_NONE || fl;
		if (res.category == DX_CAT_NONE && fl)
			r->sum->flagged++;
	}
	if (!listed)
		return DX_OK;
	if (h->folded)
		head = h->head;
	for (i = 0; i < h->nmembers && i < DX_SCAN_MAX_MEMBERS; i++)
		if (!strcmp(h->m[i].relation, "户主")) {
			head = h->m[i].name;
			break;
		}
	row.hh_no = h->hh_no;
	row.area_code = h->area_code;
	row.village = h->village;
	row.head = head;
	row.kind = h->tuopin ? "脱贫户" : "一般户";
	row.monitored = h->active;
	row.res = &res;
	r->sum->listed++;
	return r->fn(&row, r->arg);
}

int dx_app_screen(struct dx_store *st, const struct dx_screen_opts *o,
		  int (*fn)(const struct dx_screen_row *, void *), void *arg,
		  struct dx_screen_summary *sum, const char **why,
		  const char **bad)
{
	struct run *r = dx_xcalloc(1, sizeof(*r));
	struct dx_policy scratch;
	char as_of[16];
	const char *dummy;
	int rc;

	if (!why)
		why = &dummy;
	if (!bad)
		bad = &dummy;
	*why = NULL;
	*bad = NULL;
	memset(sum, 0, sizeof(*sum));
	/* refuse a bad what-if before any output */
	dx_policy_defaults(&scratch);
	if ((rc = apply_whatif(o, &scratch, why, bad)))
		goto out;
	if (o->as_of && *o->as_of)
		dx_strlcpy(as_of, o->as_of, sizeof(as_of));
	else
		dx_snprintf(as_of, sizeof(as_of), "%04d-12-31", o->year);
	r->o = o;
	r->sum = sum;
	r->fn = fn;
	r->arg = arg;
	if ((rc = dx_policy_rows_load(st, o->area, o->year, 1, &r->rows)))
		goto out;
	make_slots(r);
	rc = dx_store_screen_scan(st, o->area, o->year, as_of, DX_SCAN_FOLDED, one, r);
	if (rc && r->why)
		*why = r->why;
out:
	free(r->slots);
	dx_policy_rows_release(&r->rows);
	free(r);
	return rc;
}
