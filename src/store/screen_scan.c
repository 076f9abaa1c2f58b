/*
 * screen_scan.c - the household pass behind screening and the data-quality
 * checks (issue 4).  A household statement and a member statement, both in
 * household id order, are stepped side by side; each household's members
 * are copied into one reused array before the callback runs.  Id order
 * keeps the reads near-sequential: households, members and income rows are
 * written household by household, so a county is read front to back
 * instead of one random page per row as (village, 户编号) order would.
 */
#include "core/dx.h"
#include "store/screen_scan.h"
#include "store/store_int.h"

#define IN_AREA(t) t ".area_code >= ?1 AND " t ".area_code < ?1 || ':'"

/* ?1 area prefix, ?2 year, ?3 as-of date */
#define SQL_HH_HEAD                                                          \
	"SELECT h.id, h.hh_no, h.area_code, coalesce(a.name, ''),"           \
	"  h.kind = '脱贫户', coalesce(h.tuopin_year, 0), h.unsafe_housing,"  \
	"  h.dropout, h.unsafe_water,"                                       \
	"  i.id IS NOT NULL, coalesce(i.wage, 0), coalesce(i.business, 0),"  \
	"  coalesce(i.property, 0), coalesce(i.transfer, 0),"                \
	"  coalesce(i.business_cost, 0), coalesce(i.claims, 0),"             \
	"  coalesce(i.oop, 0),"                                              \
	"  p.id IS NOT NULL, coalesce(p.wage, 0), coalesce(p.business, 0),"  \
	"  coalesce(p.property, 0), coalesce(p.transfer, 0),"                \
	"  coalesce(p.business_cost, 0), coalesce(p.claims, 0),"             \
	"  coalesce(p.oop, 0),"                                              \
	"  e.id IS NOT NULL,"                                                \
	"  e.id IS NOT NULL AND (e.eliminated_on IS NULL OR e.eliminated_on > ?3)" \
	"   AND (e.ended_on IS NULL OR e.ended_on > ?3),"                    \
	"  coalesce(e.category, ''), coalesce(e.risks, ''),"                 \
	"  coalesce(e.identified_on, ''),"                                   \
	"  coalesce(w.n, 0), coalesce(w.bits, 0),"

#define SQL_HH_JOINS                                                         \
	" FROM household h"                                                  \
	" LEFT JOIN area a ON a.code = h.area_code"                          \
	" LEFT JOIN income i ON i.household_id = h.id AND i.year = ?2"       \
	" LEFT JOIN income p ON p.household_id = h.id AND p.year = ?2 - 1"   \
	" LEFT JOIN episode e ON e.id = (SELECT e2.id FROM episode e2"       \
	"   WHERE e2.household_id = h.id AND e2.identified_on <= ?3"         \
	"   ORDER BY e2.identified_on DESC, e2.id DESC LIMIT 1)"             \
	" LEFT JOIN (SELECT household_id, count(*) AS n,"                    \
	"   max(CASE department WHEN '医保' THEN 1 ELSE 0 END)"               \
	"   + max(CASE department WHEN '残联' THEN 2 ELSE 0 END)"             \
	"   + max(CASE department WHEN '教育' THEN 4 ELSE 0 END)"             \
	"   + max(CASE department WHEN '应急管理' THEN 8 ELSE 0 END)"         \
	"   + max(CASE department WHEN '人社' THEN 16 ELSE 0 END)"            \
	"   + max(CASE department WHEN '公安' THEN 32 ELSE 0 END)"            \
	"   + max(CASE WHEN department IN ('医保','残联','教育','应急管理',"   \
	"       '人社','公安') THEN 0 ELSE 64 END) AS bits"                   \
	"   FROM warning WHERE household_id IS NOT NULL AND result IS NULL"  \
	"   AND county_code >= substr(?1, 1, 6)"                             \
	"   AND county_code < substr(?1, 1, 6) || ':'"                       \
	"   GROUP BY household_id) w ON w.household_id = h.id"

/* Households in id order: a county or wider is read as a table scan (the
 * unary + keeps the planner off the area index, whose order would turn
 * every row into a random read); a township or village through the index,
 * then sorted. */
#define SQL_HH_TAIL " WHERE " IN_AREA("h") " ORDER BY h.id"
#define SQL_HH_TAIL_SCAN                                                     \
	" WHERE +h.area_code >= ?1 AND +h.area_code < ?1 || ':' ORDER BY h.id"

#define SQL_NO_MEASURES " 0, 0, 0, 0, 0" SQL_HH_JOINS

/* domain.md §7: development measures, health, education */
#define SQL_MEASURES                                                         \
	" coalesce(ms.n, 0), coalesce(ms.done, 0), coalesce(ms.dev, 0),"     \
	" coalesce(ms.health, 0), coalesce(ms.edu, 0)" SQL_HH_JOINS          \
	" LEFT JOIN (SELECT m.household_id, count(*) AS n,"                  \
	"   sum(CASE WHEN m.status = '已落实' THEN 1 ELSE 0 END) AS done,"     \
	"   sum(CASE WHEN m.status = '已落实' AND m.category IN ('产业帮扶',"  \
	"     '就业帮扶','金融帮扶','公益岗位帮扶') THEN 1 ELSE 0 END) AS dev,"  \
	"   sum(CASE WHEN m.category IN ('健康帮扶','社会帮扶','综合保障')"    \
	"     THEN 1 ELSE 0 END) AS health,"                                 \
	"   sum(CASE WHEN m.category IN ('义务教育保障','其他教育帮扶')"       \
	"     THEN 1 ELSE 0 END) AS edu"                                     \
	"   FROM measure m JOIN household hm ON hm.id = m.household_id"      \
	"   WHERE " IN_AREA("hm") " GROUP BY m.household_id) ms"             \
	"   ON ms.household_id = h.id"

static const char *const sql_hh[2][2] = {
	/* [measures][scan] */
	{SQL_HH_HEAD SQL_NO_MEASURES SQL_HH_TAIL,
	 SQL_HH_HEAD SQL_NO_MEASURES SQL_HH_TAIL_SCAN},
	{SQL_HH_HEAD SQL_MEASURES SQL_HH_TAIL,
	 SQL_HH_HEAD SQL_MEASURES SQL_HH_TAIL_SCAN},
};

#define SQL_MEMBERS_FROM                                                     \
	" FROM person p WHERE p.household_id IN (SELECT h.id FROM household h" \
	"  WHERE " IN_AREA("h") ") ORDER BY p.household_id, p.id"

static const char SQL_MEMBERS[] =
	"SELECT p.household_id, p.name, p.relation, p.birth, p.education,"
	" p.school, p.health, p.labour, p.work_place, coalesce(p.work_months, -1),"
	" p.ins_resident, p.ins_employee, p.disability_subsidy, p.counted"
	SQL_MEMBERS_FROM;

/* What screening reads (DX_SCAN_NARROW): the name of the 户主 only, no
 * birth, 文化程度, months or subsidy. */
static const char SQL_MEMBERS_NARROW[] =
	"SELECT p.household_id, CASE WHEN p.relation = '户主' THEN p.name"
	" ELSE '' END, CASE WHEN p.relation = '户主' THEN '户主' ELSE '' END,"
	" '', '', p.school, p.health, p.labour, p.work_place, -1,"
	" p.ins_resident, p.ins_employee, 0, p.counted" SQL_MEMBERS_FROM;

static void read_member(struct dx_stmt *s, struct dx_scan_member *m)
{
	dx_col_copy(s, 1, m->name, sizeof(m->name));
	dx_col_copy(s, 2, m->relation, sizeof(m->relation));
	dx_col_copy(s, 3, m->birth, sizeof(m->birth));
	dx_col_copy(s, 4, m->education, sizeof(m->education));
	dx_col_copy(s, 5, m->school, sizeof(m->school));
	dx_col_copy(s, 6, m->health, sizeof(m->health));
	dx_col_copy(s, 7, m->labour, sizeof(m->labour));
	dx_col_copy(s, 8, m->work_place, sizeof(m->work_place));
	m->work_months = (int)dx_col_int(s, 9);
	m->ins_resident = (int)dx_col_int(s, 10);
	m->ins_employee = (int)dx_col_int(s, 11);
	m->disability_subsidy = (int)dx_col_int(s, 12);
	m->counted = (int)dx_col_int(s, 13);
}

static void read_income(struct dx_stmt *s, int c, struct dx_scan_income *in)
{
	in->wage = dx_col_int(s, c);
	in->business = dx_col_int(s, c + 1);
	in->property = dx_col_int(s, c + 2);
	in->transfer = dx_col_int(s, c + 3);
	in->business_cost = dx_col_int(s, c + 4);
	in->claims = dx_col_int(s, c + 5);
	in->oop = dx_col_int(s, c + 6);
}

int dx_store_screen_scan(struct dx_store *st, const char *area, int year,
			 const char *as_of, unsigned what,
			 int (*fn)(const struct dx_scan_hh *, void *), void *arg)
{
	struct dx_scan_member *mem = NULL;
	struct dx_stmt *h = NULL, *p = NULL;
	struct dx_scan_hh f;
	int rc, prc;

	area = area ? area : "";
	if (!(h = dx_q(st, sql_hh[(what & DX_SCAN_MEASURES) != 0][strlen(area) <= 6])) ||
	    !(p = dx_q(st, (what & DX_SCAN_NARROW) ? SQL_MEMBERS_NARROW : SQL_MEMBERS))) {
		rc = DX_DB;
		goto out;
	}
	mem = dx_xcalloc(DX_SCAN_MAX_MEMBERS, sizeof(*mem));
	dx_bind_text(h, 1, area);
	dx_bind_int(h, 2, year);
	dx_bind_text(h, 3, as_of);
	dx_bind_text(p, 1, area);
	prc = dx_step(p);
	while ((rc = dx_step(h)) == DX_OK) {
		memset(&f, 0, sizeof(f));
		f.id = dx_col_int(h, 0);
		f.hh_no = dx_col_text(h, 1);
		f.area_code = dx_col_text(h, 2);
		f.village = dx_col_text(h, 3);
		f.tuopin = (int)dx_col_int(h, 4);
		f.tuopin_year = (int)dx_col_int(h, 5);
		f.unsafe_housing = (int)dx_col_int(h, 6);
		f.dropout = (int)dx_col_int(h, 7);
		f.unsafe_water = (int)dx_col_int(h, 8);
		f.has_income = (int)dx_col_int(h, 9);
		read_income(h, 10, &f.cur);
		f.has_prev = (int)dx_col_int(h, 17);
		read_income(h, 18, &f.prev);
		f.has_episode = (int)dx_col_int(h, 25);
		f.active = (int)dx_col_int(h, 26);
		f.category = dx_col_text(h, 27);
		f.risks = dx_col_text(h, 28);
		f.identified_on = dx_col_text(h, 29);
		f.warnings = (int)dx_col_int(h, 30);
		f.warn_bits = (unsigned)dx_col_int(h, 31);
		f.measures = (int)dx_col_int(h, 32);
		f.measures_done = (int)dx_col_int(h, 33);
		f.dev_done = (int)dx_col_int(h, 34);
		f.health_measures = (int)dx_col_int(h, 35);
		f.edu_measures = (int)dx_col_int(h, 36);
		/* both statements walk households in id order; members of a
		 * household the area does not hold are skipped */
		while (prc == DX_OK && dx_col_int(p, 0) < f.id)
			prc = dx_step(p);
		while (prc == DX_OK && dx_col_int(p, 0) == f.id) {
			if (f.nmembers < DX_SCAN_MAX_MEMBERS)
				read_member(p, &mem[f.nmembers]);
			f.nmembers++;
			prc = dx_step(p);
		}
		if (prc != DX_OK && prc != DX_NOT_FOUND) {
			rc = prc;
			break;
		}
		f.m = mem;
		if ((rc = fn(&f, arg)))
			break;
	}
	if (rc == DX_NOT_FOUND)
		rc = DX_OK;
out:
	if (h)
		h->drv->reset(h);
	if (p)
		p->drv->reset(p);
	free(mem);
	return rc;
}
