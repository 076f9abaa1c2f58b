/*
 * notice.c - building the village 公示 / 公告 lists (see notice.h).  Only
 * the fields of struct dx_notice_row are copied out of the case: name,
 * group, matter, category, risks and dates.
 */
#include "core/dx.h"
#include "app/notice.h"
#include "app/case.h"
#include "core/area.h"

struct ids {
	int64_t *v;
	size_t n, alloc;
};

static int collect(const struct dx_case_row *c, void *arg)
{
	struct ids *x = arg;
	if (x->n == x->alloc) {
		x->alloc = x->alloc ? 2 * x->alloc : 32;
		x->v = dx_xrealloc(x->v, x->alloc * sizeof(*x->v));
	}
	x->v[x->n++] = c->id;
	return DX_OK;
}

static void fill_row(const struct dx_case_view *v, struct dx_notice_row *r)
{
	memset(r, 0, sizeof(*r));
	dx_strlcpy(r->name, v->hh.head[0] ? v->hh.head : v->hh.hh_no, sizeof(r->name));
	dx_strlcpy(r->group, v->hh.group_name, sizeof(r->group));
	dx_strlcpy(r->matter, strcmp(v->c.kind, "风险消除") ? "纳入监测" : "风险消除",
		   sizeof(r->matter));
	dx_strlcpy(r->category, v->c.category, sizeof(r->category));
	dx_strlcpy(r->risks, v->c.risks, sizeof(r->risks));
	dx_strlcpy(r->elim_kind, v->c.elim_kind, sizeof(r->elim_kind));
}

struct villages {
	char (*v)[13];
	size_t n, alloc;
};

static int add_village(const struct dx_area *ar, void *arg)
{
	struct villages *x = arg;
	if (x->n == x->alloc) {
		x->alloc = x->alloc ? 2 * x->alloc : 16;
		x->v = dx_xrealloc(x->v, x->alloc * sizeof(*x->v));
	}
	dx_strlcpy(x->v[x->n++], ar->code, 13);
	return DX_OK;
}

static int villages(struct dx_store *st, const struct dx_actor *a, const char *area,
		    char (**codes)[13], size_t *n, struct dx_buf *why)
{
	struct villages x = {0}, towns = {0};
	char code[13], canon[13];
	int rc;
	*codes = NULL;
	*n = 0;
	if ((rc = dx_actor_area(a, area, code, why)))
		return rc;
	switch (dx_area_canon(code, canon)) {
	case DX_AREA_VILLAGE:
		rc = add_village(&(struct dx_area){.code = ""}, &x);
		dx_strlcpy(x.v[0], code, 13);
		break;
	case DX_AREA_TOWNSHIP:
		rc = dx_store_area_children(st, code, add_village, &x);
		break;
	default: /* a county: its townships' villages, read one list at a time */
		if (!(rc = dx_store_area_children(st, code, add_village, &towns)))
			for (size_t i = 0; i < towns.n && !rc; i++)
				rc = dx_store_area_children(st, towns.v[i], add_village, &x);
		free(towns.v);
		break;
	}
	if (!rc && !x.n) {
		dx_buf_addf(why, "数据库中没有区划 %s 的村", code);
		rc = DX_NOT_FOUND;
	}
	if (rc) {
		free(x.v);
		return rc;
	}
	*codes = x.v;
	*n = x.n;
	return DX_OK;
}

static int build(struct dx_store *st, const struct dx_actor *a, const struct dx_date *day,
		 const char *village, const char *kind, const char *as_of, struct dx_notice *out,
		 struct dx_buf *why)
{
	struct ids ids = {0};
	struct dx_actor all;
	struct dx_ctx cx;
	struct dx_case_view *v = NULL;
	struct dx_proc_policy *pp = NULL;
	struct dx_area vil, town;
	struct dx_date today, window;
	char code[13], parent[13];
	int rc, is_notice;

	memset(out, 0, sizeof(*out));
	if (!kind || (strcmp(kind, "公示") && strcmp(kind, "公告"))) {
		dx_buf_addf(why, "名单类型 \"%s\" 无效（应为 公示 或 公告）", kind ? kind : "");
		return DX_INVALID;
	}
	is_notice = !strcmp(kind, "公示");
	if (dx_area_canon(village ? village : "", code) != DX_AREA_VILLAGE) {
		dx_buf_addf(why, "公示公告按村出具：\"%s\" 不是12位村代码", village ? village : "");
		return DX_INVALID;
	}
	if (a && !dx_actor_sees(a, code)) {
		dx_buf_addf(why, "区划 %s 不在账号 %s 的管辖范围内", code, a->acc.name);
		return DX_DENIED;
	}
	if ((rc = dx_proc_date(as_of, "日期", out->as_of, why)))
		return rc;
	if (dx_store_area_get(st, code, &vil)) {
		dx_buf_addf(why, "数据库中没有区划 %s", code);
		return DX_NOT_FOUND;
	}
	dx_area_parent(code, parent);
	if (dx_store_area_get(st, parent, &town))
		town.name[0] = '\0';
	pp = dx_xmalloc(sizeof(*pp));
	if ((rc = dx_proc_policy(st, code, out->as_of, pp)))
		goto out;
	dx_strlcpy(out->kind, kind, sizeof(out->kind));
	dx_strlcpy(out->village, vil.name, sizeof(out->village));
	dx_snprintf(out->title, sizeof(out->title), "%s%s%s识别和风险消除%s", town.name, vil.name,
		    pp->p.target_label, kind);
	dx_snprintf(out->issuer, sizeof(out->issuer), "%s%s", vil.name,
		    strstr(vil.name, "社区") ? "居民委员会" : "村民委员会");
	out->notice_days = pp->p.notice_days;
	memset(&all, 0, sizeof(all));
	dx_strlcpy(all.acc.scope, code, sizeof(all.acc.scope));
	all.level = DX_LEVEL_COUNTY;
	if ((rc = dx_store_case_list(st, code, is_notice ? "办理中" : "已通过", collect, &ids)))
		goto out;
	dx_date_parse(out->as_of, 10, &today);
	window = today;
	dx_date_add_days(&window, -30);
	v = dx_xmalloc(sizeof(*v));
	dx_ctx_for(&cx, st, &all, day);
	for (size_t i = 0; i < ids.n; i++) {
		struct dx_notice_row r;
		struct dx_date end;
		if ((rc = dx_case_get(&cx, ids.v[i], v)))
			goto out;
		if (is_notice) {
			unsigned d = v->fsm.done;
			if (!(d & DX_STEP_BIT(DX_STEP_NOTICE)) || (d & DX_STEP_BIT(DX_STEP_TOWNSHIP)) ||
			    dx_date_cmp(&v->fsm.notice_from, &today) > 0)
				continue;
			fill_row(v, &r);
			dx_date_format(&v->fsm.notice_from, r.from);
			end = v->fsm.notice_from;
			dx_date_add_days(&end, pp->p.notice_days - 1);
			dx_date_format(&end, r.to);
		} else {
			struct dx_date closed;
			if (dx_date_parse(v->c.closed_on, 10, &closed) ||
			    dx_date_cmp(&closed, &today) > 0 || dx_date_cmp(&closed, &window) <= 0)
				continue;
			fill_row(v, &r);
			dx_strlcpy(r.from, v->c.closed_on, sizeof(r.from));
		}
		dx_notice_add(out, &r);
	}
out:
	free(ids.v);
	free(v);
	free(pp);
	if (rc)
		dx_notice_release(out);
	return rc;
}

int dx_notice_villages(struct dx_ctx *c, const char *area, char (**codes)[13], size_t *n)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, villages(c->st, &c->actor, area, codes, n, &why), &why);
}

int dx_notice_build(struct dx_ctx *c, const char *village, const char *kind, const char *as_of,
		    struct dx_notice *out)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, build(c->st, &c->actor, &c->today, village, kind, as_of, out, &why), &why);
}
