/*
 * import_persons_check.c - the checks of the 户成员台账 (see
 * import_persons.c): each row's area, created from the name columns when
 * the store does not know it; one household's fields alike on all its
 * rows and one 户主; a member in one household only (两头占, in the file
 * and against the store); the monitoring fields' rules; and an episode a
 * decided procedure owns, which the ledger may not contradict.
 */
#include "core/dx.h"
#include "app/import_int.h"
#include "app/clue.h"
#include "core/area.h"
#include "core/idcard.h"
#include "core/strbuf.h"
#include "store/derived.h"
#include "store/ledger.h"
#include "app/import_persons_int.h"

#include <stddef.h>

/* ---- areas ---- */
/*
 * The store's areas as the checks below ask for them: a county's are read
 * in one statement the first time one of its codes is asked (a village
 * new to the store asked five or six: on PostgreSQL each a round trip).
 * Each goes into ps->known (code -> name) and, under its parent, into
 * ps->names as the file's new areas do ("T|county|name", "V|town|name"
 * -> code; the first by code when two share a name).
 */
struct load_arg {
	struct dx_imp *im;
	struct ps *ps;
};

static int load_one(const struct dx_area *a, void *arg)
{
	struct load_arg *l = arg;
	size_t n = strlen(a->code);
	char key[160], parent[10], *v;
	int isnew;
	if (!(v = dx_imp_put(l->im, &l->ps->known, a->code, NULL)))
		return l->im->fail;
	dx_strlcpy(v, a->name, sizeof(a->name));
	if (n != 9 && n != 12)
		return 0;
	dx_strlcpy(parent, a->code, n == 9 ? 7 : 10);
	dx_snprintf(key, sizeof(key), "%c|%s|%s", n == 9 ? 'T' : 'V', parent, a->name);
	if (!(v = dx_imp_put(l->im, &l->ps->names, key, &isnew)))
		return l->im->fail;
	if (isnew)
		dx_strlcpy(v, a->code, 13);
	return 0;
}

/* 0 if the store has the area `code`, its name into name (if given);
 * DX_NOT_FOUND if not, or the error of reading its county. */
static int stored_area(struct dx_imp *im, struct ps *ps, const char *code, char *name,
		       size_t size)
{
	char canon[13], key[8];
	const char *v;
	int isnew, rc;
	if (dx_area_canon(code, canon) == DX_AREA_INVALID)
		return DX_NOT_FOUND;
	dx_snprintf(key, sizeof(key), "#%.6s", canon);
	if (!dx_imp_put(im, &ps->known, key, &isnew))
		return im->fail;
	if (isnew) {
		struct load_arg l = {im, ps};
		if ((rc = dx_store_area_county(im->st, key + 1, load_one, &l)))
			return rc;
	}
	if (!(v = dx_smap_get(&ps->known, canon)))
		return DX_NOT_FOUND;
	if (name)
		dx_strlcpy(name, v, size);
	return 0;
}

/* The code another area of the same name has under parent (in the store or
 * earlier in this file), or "" if none. */
static void name_taken(struct dx_imp *im, struct ps *ps, char kind, const char *parent,
		       const char *name, const char *self, char out[13])
{
	char key[160];
	const char *c;
	stored_area(im, ps, parent, NULL, 0); /* its county's names read */
	dx_snprintf(key, sizeof(key), "%c|%s|%s", kind, parent, name);
	c = dx_smap_get(&ps->names, key);
	dx_strlcpy(out, c && strcmp(c, self) ? c : "", 13);
}

static void learn_area(struct dx_imp *im, struct ps *ps, struct areast *a, const char *code)
{
	char t[13], c[7];
	dx_strlcpy(t, code, 10);
	dx_strlcpy(c, code, 7);
	a->state = 1;
	stored_area(im, ps, code, a->v, sizeof(a->v));
	stored_area(im, ps, t, a->t, sizeof(a->t));
	stored_area(im, ps, c, a->c, sizeof(a->c));
}

/* domain.md §2 and the issue: a village code not in the store is created
 * from the row's 县/乡/村 names, unless those names already belong to
 * other codes (a mistyped code) or are missing. */
static int new_area(struct dx_imp *im, struct ps *ps, struct areast *a, const char *code,
		    const struct dx_rowval *rv)
{
	const char *cn = rv->text[DX_P_COUNTY], *tn = rv->text[DX_P_TOWN], *vn = rv->text[DX_P_VILLAGE];
	char t[13], c[7], other[13], key[160], *n;
	char tname[sizeof(((struct dx_area *)0)->name)];
	dx_strlcpy(t, code, 10);
	dx_strlcpy(c, code, 7);
	if (!*cn || !*tn || !*vn) {
		dx_snprintf(a->why, sizeof(a->why),
			    "区划代码 \"%s\" 不存在（库中没有此村；请核对代码，或填写县(市、区)、乡(镇)、行政村名称以新建）",
			    code);
		return a->state = 3;
	}
	if (!stored_area(im, ps, t, tname, sizeof(tname))) {
		if (strcmp(tname, tn)) {
			dx_snprintf(a->why, sizeof(a->why),
				    "区划代码 \"%s\" 不存在：乡镇代码 %s 是 \"%s\"，不是 \"%s\"，请核对代码",
				    code, t, tname, tn);
			return a->state = 3;
		}
	} else {
		name_taken(im, ps, 'T', c, tn, t, other);
		if (other[0]) {
			dx_snprintf(a->why, sizeof(a->why),
				    "区划代码 \"%s\" 不存在：乡(镇) \"%s\" 的代码是 %s，请核对代码", code,
				    tn, other);
			return a->state = 3;
		}
	}
	name_taken(im, ps, 'V', t, vn, code, other);
	if (other[0]) {
		dx_snprintf(a->why, sizeof(a->why),
			    "区划代码 \"%s\" 不存在：%s \"%s\" 的代码是 %s，请核对代码", code, tn, vn,
			    other);
		return a->state = 3;
	}
	dx_strlcpy(a->c, cn, sizeof(a->c));
	dx_strlcpy(a->t, tn, sizeof(a->t));
	dx_strlcpy(a->v, vn, sizeof(a->v));
	dx_snprintf(key, sizeof(key), "T|%s|%s", c, tn);
	if ((n = dx_imp_put(im, &ps->names, key, NULL)))
		dx_strlcpy(n, t, 13);
	dx_snprintf(key, sizeof(key), "V|%s|%s", t, vn);
	if ((n = dx_imp_put(im, &ps->names, key, NULL)))
		dx_strlcpy(n, code, 13);
	return a->state = 2; /* a failed put: im->fail stops the import */
}

static int create_area(struct dx_imp *im, struct ps *ps, const char *code, const char *name)
{
	struct dx_buf after = DX_BUF_INIT;
	char county[7], *v;
	int rc;
	if (!stored_area(im, ps, code, NULL, 0))
		return 0;
	dx_strlcpy(county, code, sizeof(county));
	if ((rc = dx_store_area_put(im->st, code, name)))
		return rc;
	if (!(v = dx_imp_put(im, &ps->known, code, NULL)))
		return im->fail;
	dx_strlcpy(v, name, sizeof(((struct dx_area *)0)->name));
	dx_json_field(&after, "名称", name);
	dx_json_close(&after);
	rc = dx_imp_audit(im, county, "import.insert", "area", code, NULL, after.buf);
	dx_buf_release(&after);
	return rc;
}

int dx_ip_check_area(struct dx_imp *im, struct ps *ps, const struct dx_rowval *rv, long row)
{
	const char *code = rv->text[DX_P_AREA];
	struct areast *a;
	int isnew, rc, bad = 0;
	static const int fs[3] = {DX_P_COUNTY, DX_P_TOWN, DX_P_VILLAGE};
	if (im->scope && *im->scope && !dx_area_in_scope(code, im->scope)) {
		dx_imp_report(im, row, DX_P_AREA, NULL, 1,
			      "区划代码 \"%s\" 不在本账号的管辖范围（%s）内", code, im->scope);
		return 1;
	}
	if (dx_imp_county_check(im, row, DX_P_AREA, code))
		return 1;
	if (!im->county[0])
		dx_strlcpy(im->county, code, sizeof(im->county));
	if (!(a = dx_imp_put(im, &ps->areas, code, &isnew)))
		return -im->fail;
	if (isnew) {
		if (!stored_area(im, ps, code, NULL, 0))
			learn_area(im, ps, a, code);
		else if (new_area(im, ps, a, code, rv) == 2 && im->write) {
			char t[13], c[7];
			dx_strlcpy(t, code, 10);
			dx_strlcpy(c, code, 7);
			if ((rc = create_area(im, ps, c, a->c)) || (rc = create_area(im, ps, t, a->t)) ||
			    (rc = create_area(im, ps, code, a->v)))
				return -rc;
		}
	}
	if (a->state == 3) {
		dx_imp_report(im, row, DX_P_AREA, NULL, 1, "%s", a->why);
		return 1;
	}
	for (int i = 0; i < 3; i++) {
		const char *want = i == 0 ? a->c : i == 1 ? a->t : a->v;
		const char *got = rv->text[fs[i]];
		if (*got && *want && strcmp(got, want)) {
			dx_imp_report(im, row, fs[i], NULL, 1,
				      "\"%s\" 与区划代码 %s 不符（应为 \"%s\"）", got, code, want);
			bad = 1;
		}
	}
	return bad;
}

/* ---- checks ---- */
/* dx_row_parse hashed the household-level cells on the reading thread */
static uint32_t cell_hash(const struct dx_rowval *rv, int f)
{
	return rv->hh_hash[f];
}

static int set(const struct dx_rowval *rv, int f)
{
	return rv->col[f] >= 0 && rv->text[f][0];
}

/* No episode month after this month (app/clue.h, the one date rule). */
static void month_rule(struct dx_imp *im, const struct dx_rowval *rv, long row, int f,
		       const char *what)
{
	struct dx_buf why = DX_BUF_INIT;
	if (set(rv, f) && dx_event_month(&im->today, rv->text[f], what, &why))
		dx_imp_report(im, row, f, NULL, 1, "%s", why.buf);
	dx_buf_release(&why);
}

/* Episode columns (domain.md §6) must tell one consistent story. */
static void check_episode(struct dx_imp *im, const struct dx_rowval *rv, long row)
{
	static const int deps[] = {DX_P_RISKS, DX_P_IDENT, DX_P_ELIM_KIND, DX_P_ELIM_ON};
	if (!set(rv, DX_P_CAT)) {
		for (size_t i = 0; i < DX_ARRAY_SIZE(deps); i++)
			if (set(rv, deps[i]))
				dx_imp_report(im, row, deps[i], NULL, 1,
					      "未填写监测对象类别，此项应为空（或补填监测对象类别）");
		return;
	}
	if (!set(rv, DX_P_RISKS))
		dx_imp_report(im, row, DX_P_RISKS, NULL, 1, "监测对象应填写致贫返贫风险（1至5项）");
	if (!set(rv, DX_P_IDENT))
		dx_imp_report(im, row, DX_P_IDENT, NULL, 1, "监测对象应填写识别监测时间（如 202305）");
	month_rule(im, rv, row, DX_P_IDENT, "识别监测时间");
	month_rule(im, rv, row, DX_P_ELIM_ON, "消除监测时间");
	if (rv->num[DX_P_ELIM] == 1) {
		if (!set(rv, DX_P_ELIM_KIND))
			dx_imp_report(im, row, DX_P_ELIM_KIND, NULL, 1,
				      "风险已消除，应填写风险消除方式（帮扶消除 或 自然消除）");
		if (!set(rv, DX_P_ELIM_ON))
			dx_imp_report(im, row, DX_P_ELIM_ON, NULL, 1, "风险已消除，应填写消除监测时间");
	} else {
		if (set(rv, DX_P_ELIM_KIND))
			dx_imp_report(im, row, DX_P_ELIM_KIND, NULL, 1,
				      "风险未消除（风险是否已消除 不为 是），此项应为空");
		if (set(rv, DX_P_ELIM_ON))
			dx_imp_report(im, row, DX_P_ELIM_ON, NULL, 1,
				      "风险未消除（风险是否已消除 不为 是），此项应为空");
	}
}


/* The procedure that decided d's identification, for a message. */
static void ident_by(const struct dx_ledger_decided *d, char *out, size_t size)
{
	if (d->ident_case)
		dx_snprintf(out, size, "经识别程序纳入监测（案件 %lld，%s 公告）",
			    (long long)d->ident_case, d->ident_on);
	else
		dx_snprintf(out, size, "经风险消除回退重新纳入监测（%s）", d->e.identified_on);
}

/*
 * Issue 11.2: a ledger never undoes a decided procedure.  Where the episode
 * columns of a household's (first) row contradict what a decided 识别 or
 * 风险消除 case, or a 风险消除回退, made of its latest episode, say so on
 * the row and column; write_episode keeps the decision.  A warning, not an
 * error: the rest of the ledger still imports.
 */
static void check_decided(struct dx_imp *im, struct ps *ps, const struct dx_rowval *rv, long row)
{
	static const char keep[] = "导入不改变已办结的程序，请核对台账";
	const struct dx_ledger_decided *d;
	struct dx_episode e;
	char by[200];
	int ident;
	if (!ps->decided.n || im->row_bad || rv->col[DX_P_CAT] < 0 ||
	    !(d = dx_smap_get(&ps->decided, rv->text[DX_P_HHNO])))
		return;
	ident = d->ident_case || d->rolled_back;
	if (ident)
		ident_by(d, by, sizeof(by));
	else
		dx_snprintf(by, sizeof(by), "的风险消除已经村、乡、县审定并公告（案件 %lld，%s %s）",
			    (long long)d->elim_case, d->elim_on, d->e.elim_kind);
	if (!dx_ip_episode_of_row(rv, &d->e, &e)) {
		dx_imp_report(im, row, DX_P_CAT, NULL, 0, "台账未填监测对象类别，但库中此户%s；%s", by,
			      keep);
		return;
	}
	if (strncmp(e.identified_on, d->e.identified_on, 7) < 0) {
		dx_imp_report(im, row, DX_P_IDENT, NULL, 0,
			      "识别监测时间 %.7s 早于库中此户的监测记录（此户%s），台账中此户的监测信息未导入；%s",
			      e.identified_on, by, keep);
		return;
	}
	if (strncmp(e.identified_on, d->e.identified_on, 7))
		return; /* a later episode than the decided one: the ledger's own */
	if (ident) {
		if (strcmp(e.category, d->e.category))
			dx_imp_report(im, row, DX_P_CAT, NULL, 0,
				      "台账为 \"%s\"，库中此户%s为 \"%s\"，已保留；%s", e.category,
				      by, d->e.category, keep);
		if (strcmp(e.risks, d->e.risks))
			dx_imp_report(im, row, DX_P_RISKS, NULL, 0,
				      "台账为 \"%s\"，库中此户%s的风险为 \"%s\"，已保留；%s", e.risks,
				      by, d->e.risks, keep);
		if (rv->col[DX_P_REFLAG] >= 0 && e.reflag != d->e.reflag)
			dx_imp_report(im, row, DX_P_REFLAG, NULL, 0,
				      "台账为 \"%s\"，库中此户%s，风险再标注为 \"%s\"，已保留；%s",
				      e.reflag ? "是" : "否", by, d->e.reflag ? "是" : "否", keep);
	}
	if (!d->elim_case)
		return;
	dx_snprintf(by, sizeof(by), "此户的风险消除已经村、乡、县审定并公告（案件 %lld，%s %s）",
		    (long long)d->elim_case, d->elim_on, d->e.elim_kind);
	if (!e.eliminated_on[0])
		dx_imp_report(im, row, DX_P_ELIM, NULL, 0, "台账为 风险未消除，但%s，已保留消除结果；%s",
			      by, keep);
	else if (strcmp(e.eliminated_on, d->e.eliminated_on))
		dx_imp_report(im, row, DX_P_ELIM_ON, NULL, 0,
			      "台账为 %s，但%s，消除时间 %s，已保留；%s", e.eliminated_on, by,
			      d->e.eliminated_on, keep);
	else if (strcmp(e.elim_kind, d->e.elim_kind))
		dx_imp_report(im, row, DX_P_ELIM_KIND, NULL, 0, "台账为 \"%s\"，但%s，已保留；%s",
			      e.elim_kind, by, keep);
}

void dx_ip_check_household(struct dx_imp *im, struct ps *ps, struct hhst *h, int isnew,
			    const struct dx_rowval *rv, long row)
{
	const struct dx_template *tpl = im->hdr->tpl;
	if (isnew) {
		h->first_row = (int32_t)row;
		h->idx = ++ps->nhh;
		for (int f = 0; f < DX_P_NFIELDS; f++)
			if (ps->hslot[f] >= 0)
				h->fh[ps->hslot[f]] = cell_hash(rv, f);
		if (!strcmp(rv->text[DX_P_KIND], "一般户") && set(rv, DX_P_TPYEAR))
			dx_imp_report(im, row, DX_P_TPYEAR, NULL, 1, "一般户不填脱贫年度，请清空");
		check_episode(im, rv, row);
		check_decided(im, ps, rv, row);
		return;
	}
	for (size_t i = 0; i < tpl->ncols; i++) {
		int f = tpl->cols[i].field;
		if ((tpl->cols[i].flags & DX_COLF_HH) && ps->hslot[f] >= 0 && rv->col[f] >= 0 &&
		    h->fh[ps->hslot[f]] != cell_hash(rv, f))
			dx_imp_report(im, row, f, NULL, 1,
				      "与本户第 %ld 行的值不一致（同一户各行的户级信息应相同）",
				      (long)h->first_row);
	}
}

void dx_ip_check_member(struct dx_imp *im, struct ps *ps, struct hhst *h, struct pst *e,
			 int isnew, const struct dx_rowval *rv, long row)
{
	const char *hh_no = rv->text[DX_P_HHNO];
	if (!e) {
		/* 证件号码 bad: reported already */
	} else if (!isnew && e->file_hh) {
		if (e->file_hh != h->idx)
			dx_imp_report(im, row, DX_P_ID, NULL, 1,
				      "与第 %ld 行另一户的证件号码相同（两头占），同一人只能登记在一户",
				      (long)e->file_row);
		else
			dx_imp_report(im, row, DX_P_ID, NULL, 1, "与本户第 %ld 行重复，请删除重复行",
				      (long)e->file_row);
	} else if (e->pid) {
		struct stored_hh *s = dx_smap_get(&ps->storehh, hh_no);
		if (!s || s->id != e->hh) {
			char key[24];
			const char *other;
			dx_snprintf(key, sizeof(key), "%lld", (long long)e->hh);
			other = dx_smap_get(&ps->hhno_of, key);
			dx_imp_report(im, row, DX_P_ID, NULL, 1,
				      "已登记在户 %s（两头占）；如已迁户，请先从原户删除此人",
				      other ? other : "?");
		}
	}
	if (e && !e->file_hh) {
		e->file_hh = h->idx;
		e->file_row = (int32_t)row;
	}
	if (!strcmp(rv->text[DX_P_REL], "户主")) {
		if (h->heads++)
			dx_imp_report(im, row, DX_P_REL, NULL, 1,
				      "本户第 %ld 行已是户主，每户只能有一个户主", (long)h->head_row);
		else
			h->head_row = (int32_t)row;
	}
	if (set(rv, DX_P_WPLACE) && rv->col[DX_P_WMONTHS] >= 0 && !rv->text[DX_P_WMONTHS][0])
		dx_imp_report(im, row, DX_P_WMONTHS, NULL, 1,
			      "填写了务工所在地，应同时填写务工时间（月）");
	if (set(rv, DX_P_WMONTHS) && rv->col[DX_P_WPLACE] >= 0 && !rv->text[DX_P_WPLACE][0])
		dx_imp_report(im, row, DX_P_WPLACE, NULL, 1,
			      "填写了务工时间（月），应同时填写务工所在地");
	if (rv->num[DX_P_INS_RES] == 1 && rv->num[DX_P_INS_EMP] == 1)
		dx_imp_report(im, row, DX_P_INS_EMP, NULL, 1,
			      "城乡居民医保和城镇职工医保只能参加一种，请改正其中一个为 否");
	if (set(rv, DX_P_EDU) && set(rv, DX_P_SCHOOL))
		dx_imp_report(im, row, DX_P_EDU, NULL, 1,
			      "在校生填写在校生状况，不填文化程度，请清空其中一项");
	if (set(rv, DX_P_DIBAO_CLASS) && rv->num[DX_P_DIBAO] != 1)
		dx_imp_report(im, row, DX_P_DIBAO_CLASS, NULL, 1,
			      "未享受低保（是否享受低保 不为 是），低保类别应为空");
}

