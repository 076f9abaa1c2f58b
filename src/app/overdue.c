/*
 * overdue.c - the overdue list (see overdue.h).  Open clues and cases are
 * read per area; the deadline arithmetic is policy/deadline.c's over the
 * county's holiday calendar.
 */
#include "core/dx.h"
#include "app/overdue.h"
#include "store/ledgers.h"
#include "core/area.h"

struct od_ctx {
	struct dx_store *st;
	const struct dx_date *today; /* the request's day, for the contexts
					of the cases read (dx_case_get) */
	/* the names printed beside the codes (户主, village, township) */
	struct dx_hh_ref hh;
	struct dx_area village, township;
	struct dx_date as_of;
	const char *as_of_s;
	struct dx_proc_policy *pp;
	char pp_county[7];
	int (*fn)(const struct dx_overdue_item *, void *);
	void *arg;
	/* open cases are collected first: reading steps inside the case list
	 * would reuse its statement */
	int64_t *ids;
	size_t n, alloc;
};

static int policy_for(struct od_ctx *x, const char *area)
{
	char county[7];
	dx_area_county(area, county);
	if (!strcmp(county, x->pp_county))
		return DX_OK;
	dx_strlcpy(x->pp_county, county, sizeof(x->pp_county));
	return dx_proc_policy(x->st, area, x->as_of_s, x->pp);
}

/* Days past `deadline` as of x->as_of, 0 if not overdue. */
static long over(struct od_ctx *x, const char *deadline)
{
	struct dx_holidays h;
	struct dx_date d;
	long left = 0;
	if (dx_date_parse(deadline, strlen(deadline), &d))
		return 0;
	dx_proc_holidays(x->pp, &h);
	if (dx_deadline_days_left(&x->as_of, &d, x->pp->p.working_days, &h, &left))
		return 0;
	return left < 0 ? -left : 0;
}

/* Fill it's names from the household and its areas (a cadre reads names,
 * not codes).  Missing names stay "". */
static void names(struct od_ctx *x, struct dx_overdue_item *it)
{
	char town[10];
	if (strcmp(x->hh.hh_no, it->hh_no) &&
	    dx_store_hh_by_no(x->st, it->hh_no, &x->hh) != DX_OK)
		memset(&x->hh, 0, sizeof(x->hh));
	if (strcmp(x->village.code, it->area_code) &&
	    dx_store_area_get(x->st, it->area_code, &x->village) != DX_OK) {
		memset(&x->village, 0, sizeof(x->village));
		dx_strlcpy(x->village.code, it->area_code, sizeof(x->village.code));
	}
	dx_strlcpy(town, it->area_code, sizeof(town));
	if (strcmp(x->township.code, town) &&
	    dx_store_area_get(x->st, town, &x->township) != DX_OK) {
		memset(&x->township, 0, sizeof(x->township));
		dx_strlcpy(x->township.code, town, sizeof(x->township.code));
	}
	it->head = x->hh.head;
	it->village = x->village.name;
	it->township = x->township.name;
}

static int clue_cb(const struct dx_clue_row *c, void *arg)
{
	struct od_ctx *x = arg;
	struct dx_overdue_item it;
	int rc;
	if ((rc = policy_for(x, c->area_code)))
		return rc;
	memset(&it, 0, sizeof(it));
	if (!(it.days_over = over(x, c->deadline)))
		return DX_OK;
	it.what = "线索逾期";
	it.id = c->id;
	it.hh_no = c->hh_no;
	it.area_code = c->area_code;
	it.kind = "线索";
	it.pending = "";
	it.level = DX_LEVEL_VILLAGE;
	it.deadline = c->deadline;
	names(x, &it);
	return x->fn(&it, x->arg);
}

static int case_cb(const struct dx_case_row *c, void *arg)
{
	struct od_ctx *x = arg;
	if (x->n == x->alloc) {
		x->alloc = x->alloc ? 2 * x->alloc : 64;
		x->ids = dx_xrealloc(x->ids, x->alloc * sizeof(*x->ids));
	}
	x->ids[x->n++] = c->id;
	return DX_OK;
}

static enum dx_level holder(int step)
{
	if (step < 0)
		return DX_LEVEL_COUNTY;
	for (enum dx_level l = DX_LEVEL_VILLAGE; l <= DX_LEVEL_COUNTY; l++)
		if (dx_step_level_ok((enum dx_step)step, l))
			return l;
	return DX_LEVEL_COUNTY;
}

static int check_case(struct od_ctx *x, const struct dx_actor *a, int64_t id,
		      struct dx_case_view *v)
{
	struct dx_overdue_item it;
	struct dx_ctx cx;
	int rc;
	char latest[11];
	dx_ctx_for(&cx, x->st, a, x->today);
	if ((rc = dx_case_get(&cx, id, v)))
		return rc;
	if ((rc = policy_for(x, v->c.area_code)))
		return rc;
	memset(&it, 0, sizeof(it));
	it.id = v->c.id;
	it.hh_no = v->c.hh_no;
	it.area_code = v->c.area_code;
	it.kind = v->c.kind;
	it.green = v->c.green_channel;
	it.pending = v->next_step >= 0 ? dx_step_name((enum dx_step)v->next_step) : "";
	it.level = holder(v->next_step);
	it.deadline = v->c.deadline;
	names(x, &it);
	if ((it.days_over = over(x, v->c.deadline))) {
		it.what = "整体逾期";
		return x->fn(&it, x->arg);
	}
	/* 公示 must be posted by deadline − notice_days to run its full length
	 * before the deadline (calendar days: the notice is up every day) */
	if (!(v->fsm.done & DX_STEP_BIT(DX_STEP_NOTICE)) && v->c.deadline[0]) {
		struct dx_date d;
		if (dx_date_parse(v->c.deadline, 10, &d))
			return DX_OK;
		dx_date_add_days(&d, -x->pp->p.notice_days);
		dx_date_format(&d, latest);
		if (dx_date_cmp(&x->as_of, &d) > 0) {
			it.what = "公示逾期";
			it.pending = "公示";
			it.level = DX_LEVEL_VILLAGE;
			it.deadline = latest;
			it.days_over = (long)(dx_date_to_days(&x->as_of) - dx_date_to_days(&d));
			return x->fn(&it, x->arg);
		}
	}
	return DX_OK;
}

/* issue 19: a problem 整改中 past its 整改时限, held by the level of its
 * area (the county's own, a township's, a village's) */
static int problem_cb(int64_t id, const char *no, const char *area, const char *deadline,
		      const char *source, void *arg)
{
	struct od_ctx *x = arg;
	struct dx_overdue_item it;
	struct dx_area v = {{0}, {0}}, t = {{0}, {0}};
	char town[10];
	int rc;
	(void)no;
	if ((rc = policy_for(x, area)))
		return rc;
	memset(&it, 0, sizeof(it));
	if (!(it.days_over = over(x, deadline)))
		return DX_OK;
	it.what = "整改逾期";
	it.id = id;
	it.hh_no = "";
	it.area_code = area;
	it.kind = "问题整改";
	it.pending = source;
	it.level = strlen(area) == 12 ? DX_LEVEL_VILLAGE
		   : strlen(area) == 9 ? DX_LEVEL_TOWNSHIP : DX_LEVEL_COUNTY;
	it.deadline = deadline;
	if (strlen(area) == 12 && dx_store_area_get(x->st, area, &v))
		v.name[0] = '\0';
	dx_strlcpy(town, area, sizeof(town));
	if (strlen(area) >= 9 && dx_store_area_get(x->st, town, &t))
		t.name[0] = '\0';
	it.head = "";
	it.village = v.name;
	it.township = t.name;
	return x->fn(&it, x->arg);
}

static int overdue_list(struct dx_store *st, const struct dx_actor *a,
			const struct dx_date *today, const char *area, const char *as_of,
			int (*fn)(const struct dx_overdue_item *, void *), void *arg,
			struct dx_buf *why)
{
	struct od_ctx x;
	struct dx_actor all;
	struct dx_case_view *v = NULL;
	char scope[13], d[11];
	int rc;

	memset(&x, 0, sizeof(x));
	if (a) {
		if ((rc = dx_actor_area(a, area, scope, why)))
			return rc;
	} else if (dx_area_canon(area ? area : "", scope) < DX_AREA_COUNTY) {
		dx_buf_addf(why, "区划代码 \"%s\" 无效（应为6位县、9位乡镇或12位村代码）",
			    area ? area : "");
		return DX_INVALID;
	}
	/* without an account the area itself is the scope */
	if (!a) {
		memset(&all, 0, sizeof(all));
		dx_strlcpy(all.acc.scope, scope, sizeof(all.acc.scope));
		all.level = DX_LEVEL_COUNTY;
		a = &all;
	}
	if ((rc = dx_proc_date(as_of, "截止日期", d, why)))
		return rc;
	dx_date_parse(d, 10, &x.as_of);
	x.as_of_s = d;
	x.st = st;
	x.today = today;
	x.fn = fn;
	x.arg = arg;
	x.pp = dx_xmalloc(sizeof(*x.pp));
	if ((rc = dx_store_clue_list(st, scope, "待核实", clue_cb, &x)))
		goto out;
	if ((rc = dx_store_case_list(st, scope, "办理中", case_cb, &x)))
		goto out;
	v = dx_xmalloc(sizeof(*v));
	for (size_t i = 0; i < x.n && !rc; i++)
		rc = check_case(&x, a, x.ids[i], v);
	if (!rc)
		rc = dx_lg_problem_open_each(st, scope, problem_cb, &x);
out:
	free(v);
	free(x.ids);
	free(x.pp);
	return rc;
}

const char *const dx_overdue_heads[DX_OVERDUE_COLS] = {
	"类型", "编号", "户编号", "户主",     "区划",     "乡镇",    "村",
	"事项", "待办步骤", "责任层级", "期限", "逾期天数", "绿色通道"};

void dx_overdue_cells(const struct dx_overdue_item *it, struct dx_overdue_buf *buf,
		      const char *cells[DX_OVERDUE_COLS])
{
	dx_snprintf(buf->id, sizeof(buf->id), "%lld", (long long)it->id);
	dx_snprintf(buf->days, sizeof(buf->days), "%ld", it->days_over);
	cells[0] = it->what;
	cells[1] = buf->id;
	cells[2] = it->hh_no;
	cells[3] = it->head;
	cells[4] = it->area_code;
	cells[5] = it->township;
	cells[6] = it->village;
	cells[7] = it->kind;
	cells[8] = it->pending;
	cells[9] = dx_level_name(it->level);
	cells[10] = it->deadline;
	cells[11] = buf->days;
	cells[12] = it->green ? "绿色通道" : "";
}

int dx_overdue_list(struct dx_ctx *c, const char *area, const char *as_of,
		    int (*fn)(const struct dx_overdue_item *, void *), void *arg)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, overdue_list(c->st, &c->actor, &c->today, area, as_of, fn, arg, &why), &why);
}
