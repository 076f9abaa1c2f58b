/*
 * person.c - members who come and go: add, leave, move (see person.h).
 *
 * Every change runs in one transaction: the person row keeps the current
 * placement (household, left_on) the derived household columns read, the
 * membership table the periods as-of reports read (store/membership.h),
 * and one audit row the old and new values.  A person's first change
 * writes the period the store implied until then (member "since before
 * the records"), so that their history is whole from then on.
 */
#include "core/dx.h"
#include "app/person.h"
#include "app/clue.h"
#include "app/ctx.h"
#include "core/area.h"
#include "core/idcard.h"
#include "io/template.h"
#include "store/hhrecord.h"
#include "store/ledger.h"
#include "store/membership.h"
#include "store/procedure.h"

#include <cjson/cJSON.h>

const char *const dx_leave_reasons[] = {"死亡", "迁出", "婚嫁", "服刑", "其他", NULL};

/* the reason a move ends a period with */
#define MOVE_REASON "户间迁移"

static int writable(const struct dx_actor *a, struct dx_buf *why)
{
	if (a->readonly) {
		dx_buf_addf(why, "账号 %s 只能查看，不能修改", a->acc.name);
		return DX_DENIED;
	}
	return DX_OK;
}

/* The household hh_no within the actor's scope (the same answer for "no
 * such household" and "not yours", as followup.c gives). */
static int household(struct dx_store *st, const struct dx_actor *a, const char *hh_no,
		     struct dx_hh_ref *hh, struct dx_buf *why)
{
	int rc;
	if (!hh_no || !*hh_no) {
		dx_buf_adds(why, "请指定户编号");
		return DX_INVALID;
	}
	rc = dx_store_hh_by_no(st, hh_no, hh);
	if (rc == DX_NOT_FOUND || (!rc && !dx_actor_sees(a, hh->area_code))) {
		dx_buf_addf(why, "在账号 %s 的管辖范围内没有户编号 %s", a->acc.name, hh_no);
		return DX_NOT_FOUND;
	}
	return rc;
}

/* The canonical value of v in template field f's code table, or NULL
 * (entries "alias=value" map an alias). */
static const char *code_of(int f, const char *v)
{
	const struct dx_col *c = dx_template_col(dx_template_find("persons"), f);
	size_t n = strlen(v);
	for (size_t i = 0; c && c->codes && c->codes[i]; i++) {
		const char *e = c->codes[i], *eq = strchr(e, '=');
		if (!eq && !strcmp(e, v))
			return e;
		if (eq && (size_t)(eq - e) == n && !strncmp(e, v, n))
			return eq + 1;
	}
	return NULL;
}

/* Check an optional coded field; copies the canonical value. */
static int coded(int f, const char *what, const char *v, char *out, size_t size,
		 struct dx_buf *why)
{
	const char *canon;
	if (!v || !*v)
		return DX_OK;
	if (!(canon = code_of(f, v))) {
		const struct dx_col *c = dx_template_col(dx_template_find("persons"), f);
		dx_buf_addf(why, "%s \"%s\" 不是有效值（应为", what, v);
		for (size_t i = 0; c && c->codes && c->codes[i]; i++)
			if (!strchr(c->codes[i], '='))
				dx_buf_addf(why, "%s%s", i ? "、" : " ", c->codes[i]);
		dx_buf_adds(why, "）");
		return DX_INVALID;
	}
	dx_strlcpy(out, canon, size);
	return DX_OK;
}

/* 健康状况: one or more of its codes, joined with ',' in table order. */
static int health_of(const char *v, char *out, size_t size, struct dx_buf *why)
{
	static const char *const codes[] = {"健康", "长期慢性病", "患有大病", "残疾"};
	char buf[128];
	int seen[4] = {0};
	out[0] = '\0';
	if (!v || !*v)
		return DX_OK;
	dx_strlcpy(buf, v, sizeof(buf));
	for (char *p = buf; *p;) {
		size_t n = strcspn(p, ",，、;");
		size_t k;
		char save = p[n];
		p[n] = '\0';
		for (k = 0; k < DX_ARRAY_SIZE(codes) && strcmp(p, codes[k]); k++)
			;
		if (k == DX_ARRAY_SIZE(codes)) {
			dx_buf_addf(why, "健康状况 \"%s\" 不是有效值（应为 健康、长期慢性病、"
					 "患有大病、残疾 中的一项或几项）", p);
			return DX_INVALID;
		}
		seen[k] = 1;
		p[n] = save;
		p += n;
		/* skip the separator (ASCII or a 3-byte UTF-8 one) */
		if (*p == ',' || *p == ';')
			p++;
		else if (*p)
			p += 3;
	}
	for (size_t k = 0, len = 0; k < DX_ARRAY_SIZE(codes); k++)
		if (seen[k] && len < size)
			len += (size_t)dx_snprintf(out + len, size - len, "%s%s", len ? "," : "",
						   codes[k]);
	return DX_OK;
}

/* The person with 身份证 id_no (normalised into p->id_no, checked on the
 * request's day); refusals in why. */
static int person_by_id(struct dx_store *st, const char *id_no, const struct dx_date *today,
			struct dx_person *p, struct dx_buf *why)
{
	struct dx_idcard id;
	const char *bad = NULL;
	int rc;
	if (dx_idcard_parse(id_no ? id_no : "", id_no ? strlen(id_no) : 0, today, &id, &bad)) {
		dx_buf_addf(why, "身份证号 %s", bad ? bad : "无效");
		return DX_INVALID;
	}
	if (dx_store_ids_protected(st) == 2) {
		dx_buf_addf(why, "数据库里的身份证号已加密保护，按身份证号查找需要密钥文件"
				 "（--key-file 或 DIXIAN_KEY_FILE）");
		return DX_KEY;
	}
	rc = dx_ledger_person_by_idno(st, id.id, p);
	if (rc == DX_NOT_FOUND) {
		char m[19];
		dx_idcard_mask(id.id, m);
		dx_buf_addf(why, "没有身份证号为 %s 的成员", m);
	}
	return rc;
}

/* The open period of person p, writing the implied one first if p has no
 * history yet; *open_id 0 if p is a member of no household. */
struct periods {
	int64_t open_id, n;
	char open_from[11];
};

static int period_cb(const struct dx_membership *m, void *arg)
{
	struct periods *x = arg;
	x->n++;
	if (!m->to_on[0]) {
		x->open_id = m->id;
		dx_strlcpy(x->open_from, m->from_on, sizeof(x->open_from));
	}
	return 0;
}

static int open_period(struct dx_store *st, const struct dx_person *p, int member_now,
		       struct periods *x)
{
	int rc;
	memset(x, 0, sizeof(*x));
	if ((rc = dx_store_membership_list(st, p->id, period_cb, x)))
		return rc;
	if (!x->n && member_now) {
		struct dx_membership m = {0};
		m.person_id = p->id;
		m.household_id = p->household_id;
		if ((rc = dx_store_membership_insert(st, &m)))
			return rc;
		x->open_id = m.id;
	}
	return DX_OK;
}

/* The current 户主's name of household id into out ("" if none). */
struct head_find {
	char name[64];
	int64_t except;
};

static int head_cb(const struct dx_hh_member *m, void *arg)
{
	struct head_find *h = arg;
	if (!m->left_on[0] && !m->moved_to[0] && !strcmp(m->p.relation, "户主") &&
	    m->p.id != h->except && !h->name[0])
		dx_strlcpy(h->name, m->p.name, sizeof(h->name));
	return 0;
}

static int current_head(struct dx_store *st, int64_t hh, int64_t except, char name[64])
{
	struct head_find h = {{0}, except};
	int rc = dx_store_hh_members(st, hh, head_cb, &h);
	dx_strlcpy(name, h.name, 64);
	return rc;
}

static int audit(struct dx_store *st, const struct dx_actor *a, const char *area,
		 const char *action, int64_t person_id, cJSON *before, cJSON *after)
{
	char county[7], key[24];
	char *b = before ? cJSON_PrintUnformatted(before) : NULL;
	char *f = after ? cJSON_PrintUnformatted(after) : NULL;
	int rc;
	dx_area_county(area, county);
	dx_snprintf(key, sizeof(key), "%lld", (long long)person_id);
	/* a store whose numbers are sealed (issue 13) keeps none in its log:
	 * the masked number's first 6 and last 4 digits with the birth date
	 * the person row holds are the whole number */
	if (dx_store_ids_protected(st)) {
		cJSON_free(b);
		cJSON_free(f);
		if (before)
			cJSON_DeleteItemFromObject(before, "身份证号");
		if (after)
			cJSON_DeleteItemFromObject(after, "身份证号");
		b = before ? cJSON_PrintUnformatted(before) : NULL;
		f = after ? cJSON_PrintUnformatted(after) : NULL;
	}
	rc = dx_store_audit(st, county, a->acc.name, action, "person", key, b, f);
	cJSON_free(b);
	cJSON_free(f);
	cJSON_Delete(before);
	cJSON_Delete(after);
	return rc;
}

/* who, in the audit: name and masked ID (the audit is a log) */
static cJSON *who(const struct dx_person *p, const char *hh_no)
{
	cJSON *o = cJSON_CreateObject();
	char m[19];
	dx_idcard_mask(p->id_no, m);
	cJSON_AddStringToObject(o, "姓名", p->name);
	cJSON_AddStringToObject(o, "身份证号", m);
	cJSON_AddStringToObject(o, "户编号", hh_no);
	cJSON_AddStringToObject(o, "与户主关系", p->relation);
	return o;
}

/* ---- add ---- */

struct add_ctx {
	const struct dx_actor *a;
	const struct dx_date *today;
	const struct dx_person_req *r;
	int64_t *id;
	struct dx_buf *why;
};

static int add_tx(struct dx_store *st, void *arg)
{
	struct add_ctx *x = arg;
	const struct dx_person_req *r = x->r;
	struct dx_hh_ref hh;
	struct dx_person p, old;
	struct dx_idcard id;
	struct dx_membership m = {0};
	const char *bad = NULL, *rel;
	char on[11], left[11], head[64], oldhh[32] = "";
	int rc, rejoin = 0;
	cJSON *before = NULL, *after;

	if ((rc = household(st, x->a, r->hh_no, &hh, x->why)))
		return rc;
	if (dx_idcard_parse(r->id_no ? r->id_no : "", r->id_no ? strlen(r->id_no) : 0, x->today,
			    &id, &bad)) {
		dx_buf_addf(x->why, "身份证号 %s", bad ? bad : "无效");
		return DX_INVALID;
	}
	if (!r->name || !*r->name || strlen(r->name) >= sizeof(p.name)) {
		dx_buf_adds(x->why, "请用 --name 填写姓名");
		return DX_INVALID;
	}
	if (!r->relation || !(rel = code_of(DX_P_REL, r->relation))) {
		rc = coded(DX_P_REL, "与户主关系", r->relation ? r->relation : "", head,
			   sizeof(head), x->why);
		if (!rc) /* empty */
			dx_buf_adds(x->why, "请用 --relation 填写与户主关系");
		return DX_INVALID;
	}
	if ((rc = dx_proc_date(r->date, "加入日期", on, x->why)))
		return rc;
	if (strcmp(on, id.birth) < 0) {
		dx_buf_addf(x->why, "加入日期 %s 早于出生日期 %s", on, id.birth);
		return DX_INVALID;
	}
	memset(&p, 0, sizeof(p));
	rc = dx_ledger_person_by_idno(st, id.id, &old);
	if (rc && rc != DX_NOT_FOUND)
		return rc;
	if (!rc) {
		struct dx_hh_ref cur;
		if ((rc = dx_store_person_left_on(st, old.id, left)))
			return rc;
		if ((rc = dx_store_hh_by_id(st, old.household_id, &cur)))
			return rc;
		if (!left[0]) {
			/* 两头占: one person, one household */
			dx_buf_addf(x->why, "此人已是户 %s 的成员（两头占）；如已迁户，请用 person move "
					    "迁到新户", dx_actor_sees(x->a, cur.area_code) ? cur.hh_no
										    : "（管辖范围外）");
			return DX_EXISTS;
		}
		if (strcmp(on, left) < 0) {
			dx_buf_addf(x->why, "加入日期 %s 早于此人上次离开的日期 %s", on, left);
			return DX_INVALID;
		}
		rejoin = 1;
		dx_strlcpy(oldhh, cur.hh_no, sizeof(oldhh));
		p = old;
	}
	if (!strcmp(rel, "户主")) {
		if ((rc = current_head(st, hh.id, p.id, head)))
			return rc;
		if (head[0]) {
			dx_buf_addf(x->why, "户 %s 已有户主 %s，每户只能有一个户主", hh.hh_no, head);
			return DX_STATE;
		}
	}
	p.household_id = hh.id;
	dx_strlcpy(p.id_no, id.id, sizeof(p.id_no));
	dx_strlcpy(p.name, r->name, sizeof(p.name));
	dx_strlcpy(p.relation, rel, sizeof(p.relation));
	dx_strlcpy(p.sex, id.sex == 1 ? "男" : "女", sizeof(p.sex));
	dx_strlcpy(p.birth, id.birth, sizeof(p.birth));
	if (!rejoin)
		p.work_months = -1;
	if (r->ethnicity)
		dx_strlcpy(p.ethnicity, r->ethnicity, sizeof(p.ethnicity));
	if (r->phone)
		dx_strlcpy(p.phone, r->phone, sizeof(p.phone));
	if ((rc = coded(DX_P_EDU, "文化程度", r->education, p.education, sizeof(p.education),
			x->why)) ||
	    (rc = coded(DX_P_SCHOOL, "在校生状况", r->school, p.school, sizeof(p.school),
			x->why)) ||
	    (rc = coded(DX_P_LABOUR, "劳动技能", r->labour, p.labour, sizeof(p.labour), x->why)))
		return rc;
	if (r->health && (rc = health_of(r->health, p.health, sizeof(p.health), x->why)))
		return rc;
	if (p.education[0] && p.school[0]) {
		dx_buf_adds(x->why, "在校生填写在校生状况，不填文化程度，请去掉其中一项");
		return DX_INVALID;
	}
	p.counted = !r->not_counted;
	if (r->insurance && *r->insurance) {
		/* exactly one of the two (domain.md §3) */
		int res = !strcmp(r->insurance, "城乡居民") || !strcmp(r->insurance, "城乡居民基本医保");
		int emp = !strcmp(r->insurance, "城镇职工") || !strcmp(r->insurance, "城镇职工基本医保");
		if (!res && !emp) {
			dx_buf_addf(x->why, "基本医保 \"%s\" 不是有效值（应为 城乡居民 或 城镇职工）",
				    r->insurance);
			return DX_INVALID;
		}
		p.ins_resident = res;
		p.ins_employee = emp;
	}
	if (rejoin) {
		before = who(&old, oldhh);
		cJSON_AddStringToObject(before, "离开日期", left);
		if ((rc = dx_ledger_person_update(st, &p)) ||
		    (rc = dx_store_person_place(st, p.id, hh.id, "")))
			return rc;
	} else {
		p.id = 0;
		if ((rc = dx_store_person_insert(st, &p)))
			return rc;
	}
	m.person_id = p.id;
	m.household_id = hh.id;
	dx_strlcpy(m.from_on, on, sizeof(m.from_on));
	if ((rc = dx_store_membership_insert(st, &m)))
		return rc;
	*x->id = p.id;
	after = who(&p, hh.hh_no);
	cJSON_AddStringToObject(after, "加入日期", on);
	cJSON_AddBoolToObject(after, "计入家庭人口", p.counted);
	return audit(st, x->a, hh.area_code, "person.add", p.id, before, after);
}

static int person_add(struct dx_store *st, const struct dx_actor *a, const struct dx_date *today,
		      const struct dx_person_req *r, int64_t *person_id, struct dx_buf *why)
{
	struct add_ctx x = {a, today, r, person_id, why};
	int64_t unused;
	int rc;
	if (!person_id)
		x.id = &unused;
	if ((rc = writable(a, why)))
		return rc;
	return dx_proc_txn(st, add_tx, &x);
}

/* ---- leave and move ---- */

struct change_ctx {
	const struct dx_actor *a;
	const struct dx_date *today;
	const char *id_no, *reason, *date, *to_hh, *relation;
	struct dx_buf *why;
	int64_t person_id; /* the member by id instead of id_no (the API's key) */
};

/* Person person_id; not found, or outside the actor's scope, alike. */
static int person_by_rowid(struct dx_store *st, const struct dx_actor *a, int64_t person_id,
			   struct dx_person *p, struct dx_buf *why)
{
	struct dx_hh_ref hh;
	int rc = person_id > 0 ? dx_ledger_person_get(st, person_id, p) : DX_NOT_FOUND;
	if (!rc && (rc = dx_store_hh_by_id(st, p->household_id, &hh)) == DX_OK &&
	    !dx_actor_sees(a, hh.area_code))
		rc = DX_NOT_FOUND;
	if (rc == DX_NOT_FOUND)
		dx_buf_addf(why, "在账号 %s 的管辖范围内没有编号为 %lld 的成员", a->acc.name,
			    (long long)person_id);
	return rc;
}

/* The member x->id_no, current and in scope, with their household and
 * open period, and the change's date checked against it. */
static int current_member(struct dx_store *st, struct change_ctx *x, const char *what,
			  struct dx_person *p, struct dx_hh_ref *hh, struct periods *per,
			  char on[11])
{
	char left[11], m[19];
	int rc;
	if (x->person_id)
		rc = person_by_rowid(st, x->a, x->person_id, p, x->why);
	else
		rc = person_by_id(st, x->id_no, x->today, p, x->why);
	if (rc)
		return rc;
	dx_idcard_mask(p->id_no, m);
	if ((rc = dx_store_hh_by_id(st, p->household_id, hh)))
		return rc;
	if (!dx_actor_sees(x->a, hh->area_code)) {
		/* the same answer as for an unknown number */
		dx_buf_addf(x->why, "在账号 %s 的管辖范围内没有身份证号为 %s 的成员", x->a->acc.name,
			    m);
		return DX_NOT_FOUND;
	}
	if ((rc = dx_store_person_left_on(st, p->id, left)))
		return rc;
	if (left[0]) {
		dx_buf_addf(x->why, "%s（%s）已于 %s 离开户 %s，不是现有成员", p->name, m, left,
			    hh->hh_no);
		return DX_STATE;
	}
	if ((rc = dx_proc_date(x->date, what, on, x->why)))
		return rc;
	if ((rc = open_period(st, p, 1, per)))
		return rc;
	if (per->open_from[0] && strcmp(on, per->open_from) <= 0) {
		dx_buf_addf(x->why, "%s %s 应晚于此人加入户 %s 的日期 %s", what, on, hh->hh_no,
			    per->open_from);
		return DX_INVALID;
	}
	if (strcmp(on, p->birth) < 0) {
		dx_buf_addf(x->why, "%s %s 早于出生日期 %s", what, on, p->birth);
		return DX_INVALID;
	}
	return DX_OK;
}

static int leave_tx(struct dx_store *st, void *arg)
{
	struct change_ctx *x = arg;
	struct dx_person p;
	struct dx_hh_ref hh;
	struct periods per;
	char on[11];
	cJSON *before, *after;
	int rc;
	if ((rc = current_member(st, x, "离开日期", &p, &hh, &per, on)))
		return rc;
	if ((rc = dx_store_membership_close(st, per.open_id, on, x->reason)) ||
	    (rc = dx_store_person_place(st, p.id, p.household_id, on)))
		return rc;
	before = who(&p, hh.hh_no);
	cJSON_AddStringToObject(before, "状态", "在户");
	after = who(&p, hh.hh_no);
	cJSON_AddStringToObject(after, "状态", "已离开");
	cJSON_AddStringToObject(after, "离开原因", x->reason);
	cJSON_AddStringToObject(after, "离开日期", on);
	return audit(st, x->a, hh.area_code, "person.leave", p.id, before, after);
}

static int leave(struct dx_store *st, struct change_ctx *x)
{
	const char *reason = x->reason;
	struct dx_buf *why = x->why;
	size_t i;
	int rc;
	if ((rc = writable(x->a, why)))
		return rc;
	for (i = 0; reason && dx_leave_reasons[i] && strcmp(reason, dx_leave_reasons[i]); i++)
		;
	if (!reason || !dx_leave_reasons[i]) {
		dx_buf_addf(why, "离开原因 \"%s\" 不是有效值（应为 死亡、迁出、婚嫁、服刑 或 其他）",
			    reason ? reason : "");
		return DX_INVALID;
	}
	return dx_proc_txn(st, leave_tx, x);
}

int dx_person_add(struct dx_ctx *c, const struct dx_person_req *r, int64_t *person_id)
{
	struct dx_buf why = DX_BUF_INIT;
	return dx_ctx_done(c, person_add(c->st, &c->actor, &c->today, r, person_id, &why), &why);
}

int dx_person_leave(struct dx_ctx *c, const char *id_no, const char *reason, const char *date)
{
	struct dx_buf why = DX_BUF_INIT;
	struct change_ctx x = {&c->actor, &c->today, id_no, reason, date, NULL, NULL, &why, 0};
	return dx_ctx_done(c, leave(c->st, &x), &why);
}

int dx_person_leave_id(struct dx_ctx *c, int64_t person_id, const char *reason,
		       const char *date)
{
	struct dx_buf why = DX_BUF_INIT;
	struct change_ctx x = {&c->actor, &c->today, NULL, reason, date, NULL, NULL, &why,
			       person_id ? person_id : -1};
	return dx_ctx_done(c, leave(c->st, &x), &why);
}

static int move_tx(struct dx_store *st, void *arg)
{
	struct change_ctx *x = arg;
	struct dx_person p, now;
	struct dx_hh_ref hh, to;
	struct dx_membership m = {0};
	struct periods per;
	char on[11], head[64];
	cJSON *before, *after;
	int rc;
	if ((rc = current_member(st, x, "迁入日期", &p, &hh, &per, on)))
		return rc;
	if ((rc = household(st, x->a, x->to_hh, &to, x->why)))
		return rc;
	if (to.id == hh.id) {
		dx_buf_addf(x->why, "此人已在户 %s，无需迁移", hh.hh_no);
		return DX_STATE;
	}
	now = p;
	now.household_id = to.id;
	if (x->relation && *x->relation) {
		const char *rel = code_of(DX_P_REL, x->relation);
		if (!rel)
			return coded(DX_P_REL, "与户主关系", x->relation, head, sizeof(head),
				     x->why);
		dx_strlcpy(now.relation, rel, sizeof(now.relation));
	}
	if (!strcmp(now.relation, "户主")) {
		if ((rc = current_head(st, to.id, p.id, head)))
			return rc;
		if (head[0]) {
			dx_buf_addf(x->why, "户 %s 已有户主 %s；请用 --relation 填写此人在新户中与户主的"
					    "关系", to.hh_no, head);
			return DX_STATE;
		}
	}
	if ((rc = dx_store_membership_close(st, per.open_id, on, MOVE_REASON)))
		return rc;
	m.person_id = p.id;
	m.household_id = to.id;
	dx_strlcpy(m.from_on, on, sizeof(m.from_on));
	if ((rc = dx_store_membership_insert(st, &m)))
		return rc;
	if (strcmp(now.relation, p.relation) && (rc = dx_ledger_person_update(st, &now)))
		return rc;
	if ((rc = dx_store_person_place(st, p.id, to.id, "")))
		return rc;
	before = who(&p, hh.hh_no);
	after = who(&now, to.hh_no);
	cJSON_AddStringToObject(after, "迁入日期", on);
	if ((rc = audit(st, x->a, hh.area_code, "person.move", p.id, before, after)))
		return rc;
	return DX_OK;
}

/* Move as x says: a writer only, in one transaction. */
static int move(struct dx_ctx *c, struct change_ctx *x)
{
	int rc = writable(&c->actor, x->why);
	if (!rc)
		rc = dx_proc_txn(c->st, move_tx, x);
	return dx_ctx_done(c, rc, x->why);
}

int dx_person_move(struct dx_ctx *c, const char *id_no, const char *to_hh, const char *relation,
		   const char *date)
{
	struct dx_buf why = DX_BUF_INIT;
	struct change_ctx x = {&c->actor, &c->today, id_no, NULL, date, to_hh, relation, &why, 0};
	return move(c, &x);
}

int dx_person_move_id(struct dx_ctx *c, int64_t person_id, const char *to_hh,
		      const char *relation, const char *date)
{
	struct dx_buf why = DX_BUF_INIT;
	struct change_ctx x = {&c->actor, &c->today, NULL, NULL, date, to_hh, relation, &why,
			       person_id ? person_id : -1};
	return move(c, &x);
}
