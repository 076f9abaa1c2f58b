/*
 * demo_procedure.c - the monitoring procedure in the demo county (see
 * demo_procedure.h).  Everything goes through the same use cases as the
 * CLI (app/case.c, app/clue.c), so the demo also exercises them; only the
 * §6 check is skipped for elimination cases, as the synthetic incomes
 * rarely meet it.
 */
#include "core/dx.h"
#include "app/demo_procedure.h"
#include "app/case.h"
#include "app/ctx.h"
#include "app/demo.h"

#define FREE_MAX 60

struct demo {
	struct dx_store *st;
	struct dx_date today;
	struct dx_actor v, t, c; /* village, township and county actors */
	int64_t free_ids[FREE_MAX];
	size_t nfree, next, start; /* free households taken from start on */
	uint64_t seed;
	struct dx_buf why;
	struct dx_ctx cx; /* the case use cases' context (app/ctx.h) */
};

/* today + days, as ISO */
static const char *day(struct demo *d, long days, char buf[11])
{
	struct dx_date x = d->today;
	dx_date_add_days(&x, days);
	return dx_date_format(&x, buf);
}

/* The next free household's 户编号, or NULL when the township has no
 * more; the village actor becomes that household's village account. */
static const char *take(struct demo *d, char hh_no[32])
{
	struct dx_hh_ref hh;
	struct dx_buf why = DX_BUF_INIT;
	char name[64];
	int rc;
	if (d->next >= d->nfree)
		return NULL;
	if (dx_store_hh_by_id(d->st, d->free_ids[(d->start + d->next++) % d->nfree], &hh))
		return NULL;
	dx_snprintf(name, sizeof(name), "cun%s", hh.area_code);
	rc = dx_actor_load(d->st, name, &d->v, &why);
	dx_buf_release(&why);
	if (rc)
		return NULL;
	dx_strlcpy(hh_no, hh.hh_no, 32);
	return hh_no;
}

static const char *category_for(struct demo *d, const char *hh_no)
{
	struct dx_hh_ref hh;
	if (dx_store_hh_by_no(d->st, hh_no, &hh) == DX_OK && !strcmp(hh.kind, "脱贫户"))
		return "脱贫不稳定户";
	return "边缘易致贫户";
}

/* The chain in order with the level doing each step and its day offset
 * from the start: 公示 five days before 乡镇审核 (notice_days). */
static const struct {
	enum dx_step step;
	enum dx_level level;
	int offset;
} chain[] = {
	{DX_STEP_VERIFY, DX_LEVEL_VILLAGE, 0},   {DX_STEP_COMPARE, DX_LEVEL_TOWNSHIP, 1},
	{DX_STEP_REVIEW, DX_LEVEL_VILLAGE, 2},   {DX_STEP_NOTICE, DX_LEVEL_VILLAGE, 3},
	{DX_STEP_TOWNSHIP, DX_LEVEL_TOWNSHIP, 9}, {DX_STEP_COUNTY, DX_LEVEL_COUNTY, 10},
	{DX_STEP_ANNOUNCE, DX_LEVEL_COUNTY, 11},
};

/* A department's signal waiting for dispatch on a free household of the
 * township, which becomes the next household take() gives (it takes the
 * place of the free household there, or changes places with it if it is
 * further on in free_ids): its id, or 0 if the township has none. */
static int64_t free_warning(struct demo *d, const char *town)
{
	int64_t wid, hid;
	size_t next;
	if (d->next >= d->nfree || dx_store_hh_free_warned(d->st, town, &wid, &hid))
		return 0;
	next = (d->start + d->next) % d->nfree;
	for (size_t k = d->next + 1; k < d->nfree; k++) {
		size_t i = (d->start + k) % d->nfree;
		if (d->free_ids[i] == hid) {
			d->free_ids[i] = d->free_ids[next];
			break;
		}
	}
	d->free_ids[next] = hid;
	return wid;
}

/* The request context for the case use cases, acting as a. */
static struct dx_ctx *as(struct demo *d, const struct dx_actor *a)
{
	dx_ctx_for(&d->cx, d->st, a, &d->today);
	return &d->cx;
}

/* rc of a case use case, its refusal's reason kept in d->why. */
static int kept(struct demo *d, int rc)
{
	if (rc && d->cx.err.msg[0])
		dx_buf_adds(&d->why, d->cx.err.msg);
	return rc;
}

static const struct dx_actor *actor(struct demo *d, enum dx_level l)
{
	return l == DX_LEVEL_VILLAGE ? &d->v : l == DX_LEVEL_TOWNSHIP ? &d->t : &d->c;
}

/* Pass the first n steps of case id, the chain starting `start` days from
 * today. */
static int walk(struct demo *d, int64_t id, size_t n, long start)
{
	char on[11];
	int rc;
	for (size_t i = 0; i < n && i < DX_ARRAY_SIZE(chain); i++)
		if ((rc = kept(d, dx_case_step(as(d, actor(d, chain[i].level)), id,
						   dx_step_name(chain[i].step), "通过", NULL,
						   day(d, start + chain[i].offset, on)))))
			return rc;
	return DX_OK;
}

/* Open a case (identification when elim is NULL) `start` days from today
 * and pass n steps; *id gets the case (0 when out of households). */
static int scenario(struct demo *d, const char *hh_no, const char *elim, long start, size_t n,
		    int green, int64_t *id)
{
	struct dx_case_req r;
	char on[11];
	int rc;
	memset(&r, 0, sizeof(r));
	*id = 0;
	if (!hh_no)
		return DX_OK;
	r.hh_no = hh_no;
	r.kind = elim ? "风险消除" : "识别";
	r.category = category_for(d, hh_no);
	r.risks = (start & 1) ? "因病" : "因病、因学";
	r.elim_kind = elim;
	r.green = green;
	r.unchecked = 1;
	r.date = day(d, start, on);
	if ((rc = kept(d, dx_case_open(as(d, &d->v), &r, id))))
		return rc;
	return walk(d, *id, n, start);
}

static int township(struct demo *d, const char *town)
{
	char hh[32], on[11];
	int64_t id;
	int rc;
	size_t n;
	struct dx_clue_req cr;
	struct dx_clue_row clue;

	if ((rc = dx_store_hh_free(d->st, town, d->free_ids, FREE_MAX, &d->nfree)))
		return rc;
	d->next = 0;
	d->start = d->nfree ? (size_t)(d->seed % d->nfree) : 0;
	/* clues: in time, overdue, closed after verification, made a case.
	 * The last is a department's signal dispatched as a clue, as the
	 * county does (its warning links it, so that the report's 派发核实线索
	 * counts it beside 其中部门预警), where the township has one on a free
	 * household and another left waiting for its cadre; else a cadre's
	 * check. */
	{
		static const struct {
			const char *source, *reason;
			long found;
		} clues[] = {
			{"干部排查", "因病：家庭成员突发疾病住院", -2},
			{"农户自主申报", "因务工就业不稳：务工收入中断", -30},
			{"热线/小程序", "其他：反映住房漏雨", -20},
			{"干部排查", "因病：医保自付医疗费用较高", -4},
		};
		for (size_t i = 0; i < DX_ARRAY_SIZE(clues); i++) {
			memset(&cr, 0, sizeof(cr));
			if (i == 3)
				cr.warning_id = free_warning(d, town);
			if (!(cr.hh_no = take(d, hh)))
				return DX_OK;
			cr.source = clues[i].source;
			cr.reason = clues[i].reason;
			cr.found_on = day(d, clues[i].found, on);
			if ((rc = kept(d, dx_clue_add(as(d, cr.warning_id ? &d->c : &d->v), &cr,
						      &clue))))
				return rc;
			if (i == 2 && (rc = kept(d, dx_clue_close(as(d, &d->v), clue.id,
								  "核实后不存在返贫致贫风险",
								  day(d, -15, on)))))
				return rc;
			if (i == 3) {
				struct dx_case_req r;
				memset(&r, 0, sizeof(r));
				r.kind = "识别";
				r.clue_id = clue.id;
				r.category = category_for(d, hh);
				r.risks = "因病";
				r.date = day(d, -3, on);
				if ((rc = kept(d, dx_case_open(as(d, &d->v), &r, &id))))
					return rc;
			}
		}
	}
	/* identification at every step: n steps passed, started so that the
	 * last one is recent */
	for (n = 0; n <= DX_ARRAY_SIZE(chain); n++) {
		long start = n == 0 ? -2 : -(long)chain[n - 1].offset - 3;
		if ((rc = scenario(d, take(d, hh), NULL, start, n, 0, &id)))
			return rc;
	}
	/* rejected at 村级民主评议, cancelled, and an overdue 绿色通道 */
	if ((rc = scenario(d, take(d, hh), NULL, -12, 2, 0, &id)))
		return rc;
	if (id && (rc = kept(d, dx_case_step(as(d, &d->v), id, "村级民主评议", "不通过",
						   "评议认为收入高于监测线", day(d, -8, on)))))
		return rc;
	if ((rc = scenario(d, take(d, hh), NULL, -10, 1, 0, &id)))
		return rc;
	if (id && (rc = kept(d, dx_case_step(as(d, &d->v), id, NULL, "撤销", "农户申请撤回",
						   day(d, -7, on)))))
		return rc;
	if ((rc = scenario(d, take(d, hh), NULL, -40, 1, 1, &id)))
		return rc;
	/* monitored households identified eight months ago, then elimination
	 * cases at several steps, approved and rejected */
	{
		static const int elim_steps[] = {0, 4, 7, 7, 7, 7};
		for (size_t i = 0; i < DX_ARRAY_SIZE(elim_steps); i++) {
			char h2[32];
			const char *no = take(d, h2);
			long start = -(long)elim_steps[i] - (elim_steps[i] ? 12 : 2);
			if (!no)
				return DX_OK;
			if ((rc = scenario(d, no, NULL, -240, 7, 0, &id)))
				return rc;
			if (i == 3) { /* eliminated two months ago, then rolled back */
				if ((rc = scenario(d, no, "帮扶消除", -75, 7, 0, &id)) ||
				    (rc = kept(d, dx_case_rollback(as(d, &d->t), no, day(d, -10, on),
								   "复核发现仍有返贫风险", NULL))))
					return rc;
				continue;
			}
			if (i == 4) { /* eliminated, then flagged again with a new risk */
				if ((rc = scenario(d, no, "自然消除", -100, 7, 0, &id)) ||
				    (rc = scenario(d, no, NULL, -14, 7, 0, &id)))
					return rc;
				continue;
			}
			if ((rc = scenario(d, no, i == 2 ? "帮扶消除" : "自然消除", start,
					   (size_t)elim_steps[i] - (i == 5 ? 3 : 0), 0, &id)))
				return rc;
			if (i == 5 && id &&
			    (rc = kept(d, dx_case_step(as(d, &d->t), id, "乡镇审核", "不通过",
							   "收入来源不稳定，暂不消除", day(d, -1, on)))))
				return rc;
		}
	}
	return DX_OK;
}

static int load(struct demo *d, const char *name, struct dx_actor *a)
{
	return dx_actor_load(d->st, name, a, &d->why);
}

int dx_demo_procedure(struct dx_store *st, const char *county, uint64_t seed,
		      const char *today)
{
	struct demo d;
	struct dx_actor owner;
	char name[64], code[13], xian[16];
	int rc = DX_OK;

	memset(&d, 0, sizeof(d));
	d.st = st;
	d.seed = seed;
	dx_buf_init(&d.why, 4096);
	if (dx_date_parse(today, strlen(today), &d.today)) {
		rc = dx_error(DX_INVALID, "bad demo date '%s'", today);
		goto out;
	}
	/* the store's first account, made by its local owner; that county
	 * account makes the others (app/account.h) */
	dx_snprintf(xian, sizeof(xian), "xian%s", county);
	dx_actor_local_owner(&owner);
	if ((rc = kept(&d, dx_account_add(as(&d, &owner), xian, "县", county, NULL))) ||
	    (rc = load(&d, xian, &d.c)))
		goto out;
	for (int t = 0; t < 10 && !rc; t++) {
		dx_snprintf(code, sizeof(code), "%s%03d", county, 101 + t);
		dx_snprintf(name, sizeof(name), "xiang%s", code);
		rc = kept(&d, dx_account_add(as(&d, &d.c), name, "乡", code, NULL));
		for (int v = 0; v < 10 && !rc; v++) {
			dx_snprintf(code, sizeof(code), "%s%03d%03d", county, 101 + t, 1 + v);
			dx_snprintf(name, sizeof(name), "cun%s", code);
			rc = kept(&d, dx_account_add(as(&d, &d.c), name, "村", code, NULL));
		}
	}
	if (rc || (rc = load(&d, xian, &d.c)))
		goto out;
	for (int t = 0; t < 10 && !rc; t++) {
		dx_snprintf(code, sizeof(code), "%s%03d", county, 101 + t);
		dx_snprintf(name, sizeof(name), "xiang%s", code);
		if ((rc = load(&d, name, &d.t)))
			break;
		rc = township(&d, code);
	}
out:
	if (rc)
		dx_log(DX_LOG_ERROR, "demo procedure failed: %s", dx_strerror(rc));
	dx_buf_release(&d.why);
	return rc;
}
