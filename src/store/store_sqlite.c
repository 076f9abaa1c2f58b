/*
 * store_sqlite.c - the SQLite driver: the embedded default a township or
 * county runs offline on one laptop.  WAL journal, foreign keys on, STRICT
 * tables; the schema is a list of migrations kept in PRAGMA user_version.
 *
 * This is the only file that includes sqlite3.h.
 */
#include "core/dx.h"
#include "store/derived.h"
#include "core/idseal.h"
#include "store/store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

struct sq_stmt {
	struct dx_stmt base;
	sqlite3_stmt *s;
	sqlite3 *db;
};

/*
 * Version 1: the data model of architecture.md.  Code-table values are
 * stored as their Chinese text (dated code tables stay readable), money as
 * integer fen, dates as ISO-8601 text.  Names that are SQL keywords in
 * PostgreSQL are avoided: the user table is `account`, the case table
 * `case_file`.
 */
static const char schema_v1[] =
	"CREATE TABLE area("
	" code TEXT PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" parent TEXT REFERENCES area(code),"
	" level INTEGER NOT NULL,"
	" name TEXT NOT NULL) STRICT;"

	"CREATE TABLE household("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" hh_no TEXT NOT NULL UNIQUE,"
	" area_code TEXT NOT NULL REFERENCES area(code),"
	" group_name TEXT NOT NULL DEFAULT '',"
	" kind TEXT NOT NULL CHECK (kind IN ('脱贫户','一般户')),"
	" tuopin_year INTEGER,"
	" phone TEXT NOT NULL DEFAULT '',"
	" relocated INTEGER NOT NULL DEFAULT 0,"
	" unsafe_housing INTEGER NOT NULL DEFAULT 0,"
	" dropout INTEGER NOT NULL DEFAULT 0,"
	" unsafe_water INTEGER NOT NULL DEFAULT 0,"
	" updated_at TEXT NOT NULL) STRICT;"
	"CREATE INDEX household_area ON household(area_code);"

	"CREATE TABLE person("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" id_no TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" relation TEXT NOT NULL,"
	" sex TEXT NOT NULL,"
	" birth TEXT NOT NULL,"
	" ethnicity TEXT NOT NULL DEFAULT '',"
	" politics TEXT NOT NULL DEFAULT '',"
	" education TEXT NOT NULL DEFAULT '',"
	" school TEXT NOT NULL DEFAULT '',"
	" health TEXT NOT NULL DEFAULT '',"
	" labour TEXT NOT NULL DEFAULT '',"
	" work_place TEXT NOT NULL DEFAULT '',"
	" work_months INTEGER,"
	" ins_resident INTEGER NOT NULL DEFAULT 0,"
	" ins_employee INTEGER NOT NULL DEFAULT 0,"
	" dibao INTEGER NOT NULL DEFAULT 0,"
	" dibao_class TEXT NOT NULL DEFAULT '',"
	" tekun INTEGER NOT NULL DEFAULT 0,"
	" disability_subsidy INTEGER NOT NULL DEFAULT 0,"
	" phone TEXT NOT NULL DEFAULT '',"
	" counted INTEGER NOT NULL DEFAULT 1,"
	" updated_at TEXT NOT NULL) STRICT;"
	"CREATE INDEX person_household ON person(household_id);"

	/* one row per household and year, as the 收入台账 gives it */
	"CREATE TABLE income("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" year INTEGER NOT NULL,"
	" wage INTEGER NOT NULL DEFAULT 0,"
	" business INTEGER NOT NULL DEFAULT 0,"
	" property INTEGER NOT NULL DEFAULT 0,"
	" transfer INTEGER NOT NULL DEFAULT 0,"
	" business_cost INTEGER NOT NULL DEFAULT 0,"
	" claims INTEGER NOT NULL DEFAULT 0,"
	" oop INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE(household_id, year)) STRICT;"

	/* itemised 合规自付支出 (medical, education, disaster) behind income.oop */
	"CREATE TABLE expense("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" year INTEGER NOT NULL,"
	" kind TEXT NOT NULL,"
	" amount INTEGER NOT NULL,"
	" note TEXT NOT NULL DEFAULT '') STRICT;"

	"CREATE TABLE episode("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" category TEXT NOT NULL,"
	" risks TEXT NOT NULL,"
	" identified_on TEXT NOT NULL,"
	" eliminated_on TEXT,"
	" elim_kind TEXT,"
	" ended_on TEXT,"
	" end_reason TEXT,"
	" reflag INTEGER NOT NULL DEFAULT 0,"
	" prev_id INTEGER REFERENCES episode(id),"
	" case_id INTEGER) STRICT;"

	"CREATE TABLE clue("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" source TEXT NOT NULL,"
	" reason TEXT NOT NULL,"
	" found_on TEXT NOT NULL,"
	" deadline TEXT NOT NULL,"
	" state TEXT NOT NULL,"
	" result TEXT,"
	" closed_on TEXT,"
	" case_id INTEGER,"
	" warning_id INTEGER,"
	" created_by TEXT NOT NULL) STRICT;"

	"CREATE TABLE case_file("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" kind TEXT NOT NULL,"
	" state TEXT NOT NULL,"
	" opened_on TEXT NOT NULL,"
	" deadline TEXT,"
	" closed_on TEXT,"
	" reason TEXT,"
	" category TEXT,"
	" risks TEXT,"
	" elim_kind TEXT,"
	" green_channel INTEGER NOT NULL DEFAULT 0,"
	" clue_id INTEGER REFERENCES clue(id),"
	" episode_id INTEGER REFERENCES episode(id)) STRICT;"

	"CREATE TABLE case_step("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" case_id INTEGER NOT NULL REFERENCES case_file(id),"
	" step TEXT NOT NULL,"
	" actor TEXT NOT NULL,"
	" actor_level TEXT NOT NULL,"
	" done_on TEXT NOT NULL,"
	" result TEXT NOT NULL,"
	" note TEXT NOT NULL DEFAULT '') STRICT;"

	"CREATE TABLE measure("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" category TEXT NOT NULL,"
	" detail TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL CHECK (status IN ('计划','已落实')),"
	" amount INTEGER NOT NULL DEFAULT 0,"
	" start_on TEXT,"
	" end_on TEXT,"
	" cadre TEXT NOT NULL DEFAULT '') STRICT;"

	"CREATE TABLE visit("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" visited_on TEXT NOT NULL,"
	" cadre TEXT NOT NULL,"
	" content TEXT NOT NULL DEFAULT '',"
	" findings TEXT NOT NULL DEFAULT '') STRICT;"

	"CREATE TABLE warning_batch("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" department TEXT NOT NULL,"
	" period TEXT NOT NULL,"
	" source TEXT NOT NULL,"
	" imported_at TEXT NOT NULL) STRICT;"

	"CREATE TABLE warning("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" batch_id INTEGER NOT NULL REFERENCES warning_batch(id),"
	" id_no TEXT NOT NULL,"
	" name TEXT NOT NULL DEFAULT '',"
	" department TEXT NOT NULL,"
	" event TEXT NOT NULL,"
	" amount INTEGER NOT NULL DEFAULT 0,"
	" occurred_on TEXT,"
	" note TEXT NOT NULL DEFAULT '',"
	" person_id INTEGER REFERENCES person(id),"
	" household_id INTEGER REFERENCES household(id),"
	" clue_id INTEGER,"
	" result TEXT,"
	" verified_on TEXT) STRICT;"

	/* one row per key: area prefix + year + effective date pick the value */
	"CREATE TABLE policy("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" area_prefix TEXT NOT NULL,"
	" year INTEGER NOT NULL,"
	" key TEXT NOT NULL,"
	" value TEXT NOT NULL,"
	" effective_from TEXT NOT NULL DEFAULT '',"
	" set_by TEXT NOT NULL,"
	" set_at TEXT NOT NULL,"
	" UNIQUE(area_prefix, year, key, effective_from)) STRICT;"

	"CREATE TABLE account("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" name TEXT NOT NULL UNIQUE,"
	" display_name TEXT NOT NULL DEFAULT '',"
	" role TEXT NOT NULL,"
	" level TEXT NOT NULL,"
	" scope TEXT NOT NULL,"
	" pw_hash TEXT,"
	" created_at TEXT NOT NULL) STRICT;"

	"CREATE TABLE audit("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" at TEXT NOT NULL,"
	" actor TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" entity TEXT NOT NULL,"
	" entity_key TEXT NOT NULL,"
	" before TEXT,"
	" after TEXT) STRICT;";

/* Version 2: the indexes the monitoring lists, reports and deadlines read
 * by (kept apart from version 1 so the upgrade path is always exercised). */
static const char schema_v2[] =
	"CREATE INDEX income_year ON income(year, household_id);"
	"CREATE INDEX expense_household ON expense(household_id, year);"
	"CREATE INDEX episode_household ON episode(household_id, identified_on);"
	"CREATE INDEX clue_household ON clue(household_id);"
	"CREATE INDEX clue_deadline ON clue(county_code, state, deadline);"
	"CREATE INDEX case_household ON case_file(household_id);"
	"CREATE INDEX case_step_case ON case_step(case_id);"
	"CREATE INDEX measure_household ON measure(household_id);"
	"CREATE INDEX visit_household ON visit(household_id, visited_on);"
	"CREATE INDEX warning_batch_id ON warning(batch_id);"
	"CREATE INDEX warning_id_no ON warning(id_no);"
	"CREATE INDEX audit_entity ON audit(entity, entity_key);";

/* Versions 3-5 are reserved, one each, for the ledger import (3), policy
 * and screening (4) and the monitoring procedure (5) work now in progress;
 * an empty migration only bumps the version. */
static const char schema_v3[] =
	/* ledger import (issue 3): one row per import run, and the look-ups
	 * the idempotent upserts of measures and visits make */
	"CREATE TABLE import_run("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" at TEXT NOT NULL,"
	" actor TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" file TEXT NOT NULL,"
	" rows INTEGER NOT NULL,"
	" added INTEGER NOT NULL,"
	" updated INTEGER NOT NULL,"
	" unchanged INTEGER NOT NULL,"
	" rejected INTEGER NOT NULL) STRICT;"
	"CREATE INDEX area_parent ON area(parent);"
	"CREATE INDEX warning_signal ON warning(id_no, department, event);";
/* Version 4 (issue 4, screening): households in (village, 户编号) order for
 * the screening pass, and department warnings by household. */
static const char schema_v4[] =
	"CREATE INDEX household_area_no ON household(area_code, hh_no);"
	"CREATE INDEX warning_household ON warning(household_id);";
/* Version 5: the monitoring procedure (issue 5): who opened a case and its
 * flag (帮扶消除 too soon), and the indexes the overdue and notice lists
 * read by.  (Holidays are policy keys, version 4.) */
static const char schema_v5[] =
	"ALTER TABLE case_file ADD COLUMN opened_by TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE case_file ADD COLUMN flag TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX case_state ON case_file(county_code, state, deadline);"
	"CREATE INDEX clue_state ON clue(state, deadline);";

/* The member-derived views and triggers of versions 6 and 7, as macros so
 * that version 8, which rebuilds the person table, recreates them word for
 * word. */
#define PERSON_MEMBERS_TRIGGERS \
	"CREATE TRIGGER person_members_ins AFTER INSERT ON person WHEN NEW.counted = 1" \
	" BEGIN UPDATE household SET members = members + 1 WHERE id = NEW.household_id; END;" \
	"CREATE TRIGGER person_members_del AFTER DELETE ON person WHEN OLD.counted = 1" \
	" BEGIN UPDATE household SET members = members - 1 WHERE id = OLD.household_id; END;" \
	"CREATE TRIGGER person_members_upd AFTER UPDATE OF counted, household_id ON person" \
	" WHEN OLD.counted != NEW.counted OR OLD.household_id != NEW.household_id BEGIN" \
	" UPDATE household SET members = members - (OLD.counted = 1) WHERE id = OLD.household_id;" \
	" UPDATE household SET members = members + (NEW.counted = 1) WHERE id = NEW.household_id;" \
	" END;"
#define PERSON_VIEWS \
	"CREATE VIEW person_flags AS SELECT id, household_id, relation, name, counted," \
	" instr(health, '大病') > 0 OR instr(health, '慢性病') > 0 AS ill," \
	" instr(health, '残疾') > 0 AS disabled," \
	" instr(school, '高中') > 0 OR instr(school, '中职') > 0 OR instr(school, '高职') > 0" \
	"  OR instr(school, '本科') > 0 OR instr(school, '研究生') > 0" \
	"  OR instr(school, '硕士') > 0 AS noncompulsory," \
	" labour IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力') AS labour," \
	" labour IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力')" \
	"  AND work_place != '' AS labour_work," \
	" labour NOT IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力', '丧失劳动力'," \
	"  '无劳动力') AS labour_unknown," \
	" ins_resident = 0 AND ins_employee = 0 AS no_insurance FROM person;" \
	"CREATE VIEW person_bits AS SELECT id, household_id, 1 + ill * 2 + disabled * 4" \
	" + noncompulsory * 8 + labour * 16 + labour_work * 32 + labour_unknown * 64" \
	" + no_insurance * 128 AS bits FROM person_flags;" \
	"CREATE VIEW household_derived AS SELECT household_id, sum(counted = 1) AS members," \
	" 1 + max(ill) * 2 + max(disabled) * 4 + max(noncompulsory) * 8 + max(labour) * 16" \
	" + max(labour_work) * 32 + max(labour_unknown) * 64 + max(no_insurance) * 128 AS msum," \
	" min(CASE WHEN relation = '户主' THEN id END) AS head_id" \
	" FROM person_flags GROUP BY household_id;"
#define PERSON_SUMMARY_TRIGGERS \
	"CREATE TRIGGER person_summary_ins AFTER INSERT ON person BEGIN" \
	" UPDATE household SET msum = msum | (SELECT bits FROM person_bits WHERE id = NEW.id)," \
	" head_id = CASE WHEN NEW.relation = '户主' AND (head_id IS NULL OR NEW.id < head_id)" \
	"  THEN NEW.id ELSE head_id END," \
	" head_name = CASE WHEN NEW.relation = '户主' AND (head_id IS NULL OR NEW.id < head_id)" \
	"  THEN NEW.name ELSE head_name END" \
	" WHERE id = NEW.household_id; END;" \
	"CREATE TRIGGER person_summary_del AFTER DELETE ON person BEGIN" \
	" UPDATE household SET" \
	" msum = coalesce((SELECT msum FROM household_derived WHERE household_id = OLD.household_id), 0)," \
	" head_id = (SELECT head_id FROM household_derived WHERE household_id = OLD.household_id)" \
	" WHERE id = OLD.household_id;" \
	" UPDATE household SET head_name = coalesce((SELECT name FROM person" \
	"  WHERE id = household.head_id), '') WHERE id = OLD.household_id; END;" \
	"CREATE TRIGGER person_summary_upd AFTER UPDATE OF household_id, name, relation, health," \
	" school, labour, work_place, ins_resident, ins_employee ON person" \
	" WHEN OLD.household_id != NEW.household_id OR OLD.name != NEW.name" \
	" OR OLD.relation != NEW.relation OR OLD.health != NEW.health OR OLD.school != NEW.school" \
	" OR OLD.labour != NEW.labour OR OLD.work_place != NEW.work_place" \
	" OR OLD.ins_resident != NEW.ins_resident OR OLD.ins_employee != NEW.ins_employee BEGIN" \
	" UPDATE household SET" \
	" msum = coalesce((SELECT msum FROM household_derived WHERE household_id = OLD.household_id), 0)," \
	" head_id = (SELECT head_id FROM household_derived WHERE household_id = OLD.household_id)" \
	" WHERE id = OLD.household_id;" \
	" UPDATE household SET" \
	" msum = coalesce((SELECT msum FROM household_derived WHERE household_id = NEW.household_id), 0)," \
	" head_id = (SELECT head_id FROM household_derived WHERE household_id = NEW.household_id)" \
	" WHERE id = NEW.household_id AND NEW.household_id != OLD.household_id;" \
	" UPDATE household SET head_name = coalesce((SELECT name FROM person" \
	"  WHERE id = household.head_id), '') WHERE id IN (OLD.household_id, NEW.household_id);" \
	" END;"

/* Version 6: household.members, the number of counted members (是否计入
 * 家庭人口), kept by triggers so that reports and screening read one narrow
 * row per household instead of counting members on every run.  The store
 * maintains it; no caller writes it. */
static const char schema_v6[] =
	"ALTER TABLE household ADD COLUMN members INTEGER NOT NULL DEFAULT 0;"
	"UPDATE household SET members = (SELECT count(*) FROM person p"
	" WHERE p.household_id = household.id AND p.counted = 1);"
	PERSON_MEMBERS_TRIGGERS
	"CREATE INDEX household_county ON household(county_code);"
	"CREATE INDEX income_county ON income(county_code, year);"
	"CREATE INDEX episode_county ON episode(county_code, identified_on);"
	/* covering and partial: the report's 低保 and 就业 paragraphs read
	 * only these members, from the index alone */
	"CREATE INDEX person_report ON person(county_code, household_id, counted, dibao,"
	" dibao_class, work_place, work_months) WHERE dibao = 1 OR work_place != '';";

/* Version 7 (issue 4, screening): what screening reads of the members,
 * folded per household and kept by the store as household.members is (v6),
 * so that screening a county reads no member row.  household.msum holds
 * the bits of store/screen_scan.h (DX_HHM_*), head_id/head_name the first
 * 户主 by id.  One member's facts are the view person_flags (each rule
 * written once, evaluated once per row), a household's the view
 * household_derived: the triggers and dx_store_refresh_derived()
 * (store/derived.c, after a bulk load) read them.  Inserting ORs the new
 * member in; updating or deleting recomputes the household from its
 * members. */
static const char schema_v7[] =
	"ALTER TABLE household ADD COLUMN msum INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE household ADD COLUMN head_id INTEGER;"
	"ALTER TABLE household ADD COLUMN head_name TEXT NOT NULL DEFAULT '';"
	PERSON_VIEWS
	"UPDATE household SET msum = d.msum, head_id = d.head_id,"
	" head_name = coalesce((SELECT name FROM person WHERE id = d.head_id), '')"
	" FROM household_derived d WHERE d.household_id = household.id;"
	PERSON_SUMMARY_TRIGGERS;

/* Version 8 (issue 3, import speed): 身份证 uniqueness as a named index,
 * person_id_no, instead of the column's UNIQUE constraint.  Same rule; but
 * SQLite cannot drop a constraint's index, and maintaining it row by row
 * (random keys) was a third of a 300k-person import, against a tenth to
 * build it once when a bulk load ends (dx_store_bulk_begin defers it like
 * the other secondary indexes).  SQLite changes a constraint only by
 * rebuilding the table (https://sqlite.org/lang_altertable.html, "making
 * other kinds of table schema changes"): copy, drop, rename, then recreate
 * the indexes, views and triggers that read person.  dx_store_migrate runs
 * migrations with foreign keys off and checks them before committing. */
static const char schema_v8[] =
	"DROP VIEW household_derived;"
	"DROP VIEW person_bits;"
	"DROP VIEW person_flags;"
	"CREATE TABLE person_v8("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" id_no TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" relation TEXT NOT NULL,"
	" sex TEXT NOT NULL,"
	" birth TEXT NOT NULL,"
	" ethnicity TEXT NOT NULL DEFAULT '',"
	" politics TEXT NOT NULL DEFAULT '',"
	" education TEXT NOT NULL DEFAULT '',"
	" school TEXT NOT NULL DEFAULT '',"
	" health TEXT NOT NULL DEFAULT '',"
	" labour TEXT NOT NULL DEFAULT '',"
	" work_place TEXT NOT NULL DEFAULT '',"
	" work_months INTEGER,"
	" ins_resident INTEGER NOT NULL DEFAULT 0,"
	" ins_employee INTEGER NOT NULL DEFAULT 0,"
	" dibao INTEGER NOT NULL DEFAULT 0,"
	" dibao_class TEXT NOT NULL DEFAULT '',"
	" tekun INTEGER NOT NULL DEFAULT 0,"
	" disability_subsidy INTEGER NOT NULL DEFAULT 0,"
	" phone TEXT NOT NULL DEFAULT '',"
	" counted INTEGER NOT NULL DEFAULT 1,"
	" updated_at TEXT NOT NULL) STRICT;"
	"INSERT INTO person_v8 SELECT * FROM person ORDER BY id;"
	"DROP TABLE person;"
	"ALTER TABLE person_v8 RENAME TO person;"
	"CREATE INDEX person_household ON person(household_id);"
	"CREATE UNIQUE INDEX person_id_no ON person(id_no);"
	"CREATE INDEX person_report ON person(county_code, household_id, counted, dibao,"
	" dibao_class, work_place, work_months) WHERE dibao = 1 OR work_place != '';"
	PERSON_VIEWS
	PERSON_MEMBERS_TRIGGERS
	PERSON_SUMMARY_TRIGGERS;

/* Version 9 (issue 11, members who come and go): membership history.
 *
 * person.left_on is the day a person stopped being a member (死亡, 迁出,
 * 婚嫁 ...; NULL = a current member of person.household_id).  The row is
 * kept, never deleted: the record, warnings and audit still name them.
 * Every derived household column counts current members only, so the
 * member views and triggers of versions 6-8 come back with that filter
 * (the *_V9 macros: the older ones stay as they were for the older
 * migrations).
 *
 * membership holds the periods of a person who joined, left or moved
 * through `person add|leave|move`: member of household_id from from_on
 * (NULL = since before the store's records) until the day before to_on
 * (NULL = still).  A person without rows here has always been a member
 * of person.household_id as far as the store knows (every ledger import
 * so far), so a bulk load writes no row here; the first change writes a
 * person's whole history (store/membership.h).  reason says why a period
 * ended: 死亡 / 迁出 / 婚嫁 / 服刑 / 其他 / 户间迁移. */
#define PERSON_MEMBERS_TRIGGERS_V9 \
	"CREATE TRIGGER person_members_ins AFTER INSERT ON person" \
	" WHEN NEW.counted = 1 AND NEW.left_on IS NULL" \
	" BEGIN UPDATE household SET members = members + 1 WHERE id = NEW.household_id; END;" \
	"CREATE TRIGGER person_members_del AFTER DELETE ON person" \
	" WHEN OLD.counted = 1 AND OLD.left_on IS NULL" \
	" BEGIN UPDATE household SET members = members - 1 WHERE id = OLD.household_id; END;" \
	"CREATE TRIGGER person_members_upd AFTER UPDATE OF counted, household_id, left_on" \
	" ON person WHEN OLD.counted != NEW.counted OR OLD.household_id != NEW.household_id" \
	" OR OLD.left_on IS NOT NEW.left_on BEGIN" \
	" UPDATE household SET members = members - (OLD.counted = 1 AND OLD.left_on IS NULL)" \
	"  WHERE id = OLD.household_id;" \
	" UPDATE household SET members = members + (NEW.counted = 1 AND NEW.left_on IS NULL)" \
	"  WHERE id = NEW.household_id;" \
	" END;"
#define PERSON_VIEWS_V9 \
	"CREATE VIEW person_flags AS SELECT id, household_id, relation, name, counted," \
	" instr(health, '大病') > 0 OR instr(health, '慢性病') > 0 AS ill," \
	" instr(health, '残疾') > 0 AS disabled," \
	" instr(school, '高中') > 0 OR instr(school, '中职') > 0 OR instr(school, '高职') > 0" \
	"  OR instr(school, '本科') > 0 OR instr(school, '研究生') > 0" \
	"  OR instr(school, '硕士') > 0 AS noncompulsory," \
	" labour IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力') AS labour," \
	" labour IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力')" \
	"  AND work_place != '' AS labour_work," \
	" labour NOT IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力', '丧失劳动力'," \
	"  '无劳动力') AS labour_unknown," \
	" ins_resident = 0 AND ins_employee = 0 AS no_insurance FROM person" \
	" WHERE left_on IS NULL;" \
	"CREATE VIEW person_bits AS SELECT id, household_id, 1 + ill * 2 + disabled * 4" \
	" + noncompulsory * 8 + labour * 16 + labour_work * 32 + labour_unknown * 64" \
	" + no_insurance * 128 AS bits FROM person_flags;" \
	"CREATE VIEW household_derived AS SELECT household_id, sum(counted = 1) AS members," \
	" 1 + max(ill) * 2 + max(disabled) * 4 + max(noncompulsory) * 8 + max(labour) * 16" \
	" + max(labour_work) * 32 + max(labour_unknown) * 64 + max(no_insurance) * 128 AS msum," \
	" min(CASE WHEN relation = '户主' THEN id END) AS head_id" \
	" FROM person_flags GROUP BY household_id;"
#define PERSON_SUMMARY_RECOMPUTE(h) \
	" UPDATE household SET" \
	" msum = coalesce((SELECT msum FROM household_derived WHERE household_id = " h "), 0)," \
	" head_id = (SELECT head_id FROM household_derived WHERE household_id = " h ")" \
	" WHERE id = " h ";"
#define PERSON_SUMMARY_TRIGGERS_V9 \
	"CREATE TRIGGER person_summary_ins AFTER INSERT ON person WHEN NEW.left_on IS NULL BEGIN" \
	" UPDATE household SET msum = msum | (SELECT bits FROM person_bits WHERE id = NEW.id)," \
	" head_id = CASE WHEN NEW.relation = '户主' AND (head_id IS NULL OR NEW.id < head_id)" \
	"  THEN NEW.id ELSE head_id END," \
	" head_name = CASE WHEN NEW.relation = '户主' AND (head_id IS NULL OR NEW.id < head_id)" \
	"  THEN NEW.name ELSE head_name END" \
	" WHERE id = NEW.household_id; END;" \
	"CREATE TRIGGER person_summary_del AFTER DELETE ON person BEGIN" \
	PERSON_SUMMARY_RECOMPUTE("OLD.household_id") \
	" UPDATE household SET head_name = coalesce((SELECT name FROM person" \
	"  WHERE id = household.head_id), '') WHERE id = OLD.household_id; END;" \
	"CREATE TRIGGER person_summary_upd AFTER UPDATE OF household_id, name, relation, health," \
	" school, labour, work_place, ins_resident, ins_employee, left_on ON person" \
	" WHEN OLD.household_id != NEW.household_id OR OLD.name != NEW.name" \
	" OR OLD.relation != NEW.relation OR OLD.health != NEW.health OR OLD.school != NEW.school" \
	" OR OLD.labour != NEW.labour OR OLD.work_place != NEW.work_place" \
	" OR OLD.ins_resident != NEW.ins_resident OR OLD.ins_employee != NEW.ins_employee" \
	" OR OLD.left_on IS NOT NEW.left_on BEGIN" \
	PERSON_SUMMARY_RECOMPUTE("OLD.household_id") \
	PERSON_SUMMARY_RECOMPUTE("NEW.household_id") \
	" UPDATE household SET head_name = coalesce((SELECT name FROM person" \
	"  WHERE id = household.head_id), '') WHERE id IN (OLD.household_id, NEW.household_id);" \
	" END;"

static const char schema_v9[] =
	"DROP TRIGGER person_members_ins;"
	"DROP TRIGGER person_members_del;"
	"DROP TRIGGER person_members_upd;"
	"DROP TRIGGER person_summary_ins;"
	"DROP TRIGGER person_summary_del;"
	"DROP TRIGGER person_summary_upd;"
	"DROP VIEW household_derived;"
	"DROP VIEW person_bits;"
	"DROP VIEW person_flags;"
	"ALTER TABLE person ADD COLUMN left_on TEXT;"
	"CREATE TABLE membership("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" person_id INTEGER NOT NULL REFERENCES person(id),"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" from_on TEXT,"
	" to_on TEXT,"
	" reason TEXT NOT NULL DEFAULT '') STRICT;"
	"CREATE INDEX membership_person ON membership(person_id, id);"
	"CREATE INDEX membership_household ON membership(household_id);"
	"CREATE INDEX membership_county ON membership(county_code, household_id);"
	PERSON_VIEWS_V9
	PERSON_MEMBERS_TRIGGERS_V9
	PERSON_SUMMARY_TRIGGERS_V9;

/*
 * Version 10 (issue 14): logging in.  account.pw_hash (since version 1)
 * gets its Argon2id string, and an account can be disabled.  Sessions are
 * kept by the hash of their token, never the token; times are Unix
 * seconds, compared on every request.  login_failure counts failed logins
 * per key ('a:' account name or 'i:' client address) for throttling.
 */
static const char schema_v10[] =
	"ALTER TABLE account ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE session("
	" token_hash TEXT PRIMARY KEY,"
	" account_id INTEGER NOT NULL REFERENCES account(id),"
	" created_at INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL,"
	" expires_at INTEGER NOT NULL,"
	" csrf TEXT NOT NULL) STRICT;"
	"CREATE INDEX session_account ON session(account_id);"
	"CREATE TABLE login_failure("
	" key TEXT PRIMARY KEY,"
	" failures INTEGER NOT NULL,"
	" last_at INTEGER NOT NULL) STRICT;";

/*
 * Version 11: the tamper-evident audit (issue 13, store/audit.h): each row's place in
 * its county's chain and its hash.  Rows from before this version keep
 * NULLs until their county's next audit row chains them (audit.c).
 */
static const char schema_audit_chain[] =
	"ALTER TABLE audit ADD COLUMN seq INTEGER;"
	"ALTER TABLE audit ADD COLUMN hash TEXT;"
	"CREATE UNIQUE INDEX audit_chain ON audit(county_code, seq);";

/*
 * Version 12 (issue 18): 衔接资金项目 (templates.md §6-9).  A project is
 * one per county and 项目编号; its allocated funds by source and every
 * amount here are integer fen; the 项目库 steps and 开工/完工/验收 are
 * dates (NULL = not yet), in the order the template gives.  Payments,
 * beneficiary households and assets hang off a project; every table
 * carries county_code so a county's ledgers are read and scoped alone.
 */
static const char schema_v12_funds[] =
	"CREATE TABLE fund_project("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" code TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" year INTEGER NOT NULL,"
	" area_code TEXT NOT NULL,"
	" type TEXT NOT NULL,"
	" industry INTEGER NOT NULL,"
	" unit TEXT NOT NULL DEFAULT '',"
	" dept TEXT NOT NULL DEFAULT '',"
	" central INTEGER NOT NULL DEFAULT 0,"
	" provincial INTEGER NOT NULL DEFAULT 0,"
	" city INTEGER NOT NULL DEFAULT 0,"
	" county_fund INTEGER NOT NULL DEFAULT 0,"
	" other INTEGER NOT NULL DEFAULT 0,"
	" applied_on TEXT, reviewed_on TEXT, assessed_on TEXT, approved_on TEXT,"
	" plan_start_on TEXT, started_on TEXT, completed_on TEXT, accepted_on TEXT,"
	" link_modes TEXT NOT NULL DEFAULT '',"
	" goal TEXT NOT NULL DEFAULT '',"
	" status TEXT NOT NULL,"
	" updated_at TEXT NOT NULL,"
	" UNIQUE (county_code, code)) STRICT;"
	"CREATE INDEX fund_project_area ON fund_project(year, area_code);"
	"CREATE TABLE fund_payment("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" project_id INTEGER NOT NULL REFERENCES fund_project(id),"
	" paid_on TEXT NOT NULL,"
	" source TEXT NOT NULL CHECK (source IN ('中央','省级','市级','县级','其他')),"
	" amount INTEGER NOT NULL,"
	" voucher TEXT NOT NULL DEFAULT '',"
	" updated_at TEXT NOT NULL) STRICT;"
	"CREATE INDEX fund_payment_project ON fund_payment(project_id, paid_on);"
	"CREATE TABLE fund_beneficiary("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" project_id INTEGER NOT NULL REFERENCES fund_project(id),"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" link_mode TEXT NOT NULL,"
	" persons INTEGER,"
	" income INTEGER NOT NULL DEFAULT 0,"
	" year INTEGER,"
	" updated_at TEXT NOT NULL,"
	" UNIQUE (project_id, household_id)) STRICT;"
	"CREATE INDEX fund_beneficiary_household ON fund_beneficiary(household_id);"
	"CREATE TABLE fund_asset("
	" id INTEGER PRIMARY KEY,"
	" county_code TEXT NOT NULL,"
	" asset_no TEXT NOT NULL,"
	" project_id INTEGER NOT NULL REFERENCES fund_project(id),"
	" name TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('经营性','公益性','到户类')),"
	" value INTEGER NOT NULL,"
	" owner TEXT NOT NULL,"
	" keeper TEXT NOT NULL DEFAULT '',"
	" handed_on TEXT,"
	" status TEXT NOT NULL DEFAULT '',"
	" updated_at TEXT NOT NULL,"
	" UNIQUE (county_code, asset_no)) STRICT;"
	"CREATE INDEX fund_asset_project ON fund_asset(project_id);";

/*
 * Version 13 (issue 19): the other ledgers the reports quote (templates.md §10-14).
 * Each row carries its county and the area it counts in (a village, or
 * the county for a person the registry does not know); person and
 * household are the registry's match by 身份证 (NULL: unmatched, kept).
 * Amounts are fen; dates ISO.  store/ledgers.h reads and writes them.
 */
static const char schema_v13_ledgers[] =
	"CREATE TABLE loan("
	" id INTEGER PRIMARY KEY, county_code TEXT NOT NULL, area_code TEXT NOT NULL,"
	" household_id INTEGER NOT NULL REFERENCES household(id),"
	" person_id INTEGER REFERENCES person(id), id_no TEXT NOT NULL,"
	" credit_on TEXT, credit_amount INTEGER NOT NULL DEFAULT 0,"
	" contract_no TEXT NOT NULL DEFAULT '', loan_on TEXT, due_on TEXT,"
	" amount INTEGER NOT NULL DEFAULT 0, bank TEXT NOT NULL DEFAULT '',"
	" purpose TEXT NOT NULL DEFAULT '', repaid INTEGER NOT NULL DEFAULT 0,"
	" settled_on TEXT, overdue_days INTEGER NOT NULL DEFAULT 0,"
	" subsidy INTEGER NOT NULL DEFAULT 0) STRICT;"
	"CREATE INDEX loan_area ON loan(county_code, area_code);"
	"CREATE INDEX loan_key ON loan(household_id, id_no, contract_no);"
	"CREATE TABLE relief_application("
	" id INTEGER PRIMARY KEY, county_code TEXT NOT NULL, area_code TEXT NOT NULL,"
	" app_no TEXT NOT NULL, applied_on TEXT NOT NULL, applicant TEXT NOT NULL,"
	" id_no TEXT NOT NULL DEFAULT '', person_id INTEGER REFERENCES person(id),"
	" household_id INTEGER REFERENCES household(id), mode TEXT NOT NULL,"
	" item TEXT NOT NULL, request TEXT NOT NULL DEFAULT '', status TEXT NOT NULL,"
	" closed_on TEXT, result TEXT NOT NULL DEFAULT '',"
	" clue_id INTEGER REFERENCES clue(id),"
	" UNIQUE(county_code, app_no)) STRICT;"
	"CREATE INDEX relief_application_area ON relief_application(county_code, area_code);"
	"CREATE TABLE relief_payment("
	" id INTEGER PRIMARY KEY, county_code TEXT NOT NULL, area_code TEXT NOT NULL,"
	" id_no TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',"
	" person_id INTEGER REFERENCES person(id),"
	" household_id INTEGER REFERENCES household(id), kind TEXT NOT NULL,"
	" month TEXT NOT NULL, amount INTEGER NOT NULL,"
	" UNIQUE(county_code, id_no, kind, month)) STRICT;"
	"CREATE INDEX relief_payment_area ON relief_payment(county_code, area_code, month);"
	"CREATE TABLE problem("
	" id INTEGER PRIMARY KEY, county_code TEXT NOT NULL, area_code TEXT NOT NULL,"
	" problem_no TEXT NOT NULL, source TEXT NOT NULL, category TEXT NOT NULL DEFAULT '',"
	" description TEXT NOT NULL, households TEXT NOT NULL DEFAULT '',"
	" measure TEXT NOT NULL DEFAULT '', unit TEXT NOT NULL, person TEXT NOT NULL DEFAULT '',"
	" deadline TEXT NOT NULL, status TEXT NOT NULL, closed_on TEXT,"
	" UNIQUE(county_code, problem_no)) STRICT;"
	"CREATE INDEX problem_area ON problem(county_code, area_code);"
	"CREATE TABLE training("
	" id INTEGER PRIMARY KEY, county_code TEXT NOT NULL, area_code TEXT NOT NULL,"
	" id_no TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',"
	" person_id INTEGER REFERENCES person(id),"
	" household_id INTEGER REFERENCES household(id), kind TEXT NOT NULL,"
	" title TEXT NOT NULL DEFAULT '', start_on TEXT NOT NULL, end_on TEXT,"
	" subsidy INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE(county_code, id_no, kind, title, start_on)) STRICT;"
	"CREATE INDEX training_area ON training(county_code, area_code);";

/*
 * Version 14 (issue 13, a lost laptop): ID numbers sealed at rest.  One
 * row when the store is protected (dixian protect): the scheme, how the
 * key comes from a passphrase (kdf 'argon2id' with its salt and limits,
 * or 'raw' for a key file of 64 hex digits) and the key check value that
 * refuses a wrong key.  The ID columns keep their names, types and
 * indexes: in a protected store they hold the sealed tokens
 * (core/idseal.h).
 */
static const char schema_v14_idprot[] =
	"CREATE TABLE id_protection("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" scheme TEXT NOT NULL,"
	" kdf TEXT NOT NULL CHECK (kdf IN ('raw','argon2id')),"
	" salt TEXT NOT NULL DEFAULT '',"
	" opslimit INTEGER NOT NULL DEFAULT 0,"
	" memlimit INTEGER NOT NULL DEFAULT 0,"
	" key_check TEXT NOT NULL,"
	" protected_at TEXT NOT NULL) STRICT;";

static const char *const sq_migrations[] = {schema_v1, schema_v2, schema_v3, schema_v4, schema_v5,
					     schema_v6, schema_v7, schema_v8, schema_v9,
					     schema_v10, schema_audit_chain, schema_v12_funds,
					     schema_v13_ledgers, schema_v14_idprot};

static int sq_err(sqlite3 *db, int src, const char *what)
{
	if (src == SQLITE_BUSY || src == SQLITE_LOCKED)
		return DX_BUSY;
	if ((src & 0xff) == SQLITE_READONLY)
		return dx_error(DX_DENIED, "%s: the store is read-only", what);
	if (src == SQLITE_NOMEM)
		return DX_NOMEM;
	return dx_error(DX_DB, "%s: %s", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
}

/* Before SQLite's first use: no global memory statistics, which take a
 * mutex on every allocation (a third of a bulk insert's malloc time).
 * Fails harmlessly (SQLITE_MISUSE) if something initialised SQLite first. */
static void sq_config(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * Many rows in one INSERT ... SELECT (dx_store_person_insert_many,
 * dx_store_household_insert_many): dx_person_rows and dx_household_rows
 * are eponymous virtual tables over the array a call hands in, so that
 * the rows cost neither a bind per column nor a statement run each (30 %
 * of a bulk load's member inserts).  SQLite has no bulk-insert interface
 * of its own; a virtual table is how it reads foreign rows.  One
 * connection per thread: the arrays hang off the connection (sq_conn).
 */
struct sq_rows {
	const char *schema; /* the columns, as CREATE TABLE x(...) */
	void (*column)(sqlite3_context *ctx, const struct sq_rows *r, size_t i, int col);
	const void *rows, *aux;
	size_t n;
	char now[21];
	struct dx_store *st; /* whose numbers to seal (dx_store_seal_idno) */
};
struct sq_conn {
	struct sq_rows person, household;
};
struct sq_rows_cursor {
	sqlite3_vtab_cursor base;
	struct sq_rows *r;
	size_t i;
};
struct sq_rows_vtab {
	sqlite3_vtab base;
	struct sq_rows *r;
};

static int rows_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
			sqlite3_vtab **out, char **err)
{
	struct sq_rows_vtab *v;
	int src = sqlite3_declare_vtab(db, ((struct sq_rows *)aux)->schema);
	if (src != SQLITE_OK)
		return src;
	if (!(v = sqlite3_malloc(sizeof(*v))))
		return SQLITE_NOMEM;
	memset(v, 0, sizeof(*v));
	v->r = aux;
	*out = &v->base;
	return SQLITE_OK;
}

static int rows_best_index(sqlite3_vtab *tab, sqlite3_index_info *info)
{
	info->estimatedCost = (double)((struct sq_rows_vtab *)tab)->r->n;
	info->estimatedRows = (sqlite3_int64)((struct sq_rows_vtab *)tab)->r->n;
	return SQLITE_OK;
}

static int rows_disconnect(sqlite3_vtab *tab)
{
	sqlite3_free(tab);
	return SQLITE_OK;
}

static int rows_open(sqlite3_vtab *tab, sqlite3_vtab_cursor **out)
{
	struct sq_rows_cursor *c = sqlite3_malloc(sizeof(*c));
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	c->r = ((struct sq_rows_vtab *)tab)->r;
	*out = &c->base;
	return SQLITE_OK;
}

static int rows_close(sqlite3_vtab_cursor *c)
{
	sqlite3_free(c);
	return SQLITE_OK;
}

static int rows_filter(sqlite3_vtab_cursor *c, int idx, const char *idxs, int argc,
		       sqlite3_value **argv)
{
	((struct sq_rows_cursor *)c)->i = 0;
	return SQLITE_OK;
}

static int rows_next(sqlite3_vtab_cursor *c)
{
	((struct sq_rows_cursor *)c)->i++;
	return SQLITE_OK;
}

static int rows_eof(sqlite3_vtab_cursor *c)
{
	struct sq_rows_cursor *k = (struct sq_rows_cursor *)c;
	return k->i >= k->r->n;
}

static int rows_column(sqlite3_vtab_cursor *c, sqlite3_context *ctx, int col)
{
	struct sq_rows_cursor *k = (struct sq_rows_cursor *)c;
	k->r->column(ctx, k->r, k->i, col);
	return SQLITE_OK;
}

static int rows_rowid(sqlite3_vtab_cursor *c, sqlite3_int64 *rowid)
{
	*rowid = (sqlite3_int64)((struct sq_rows_cursor *)c)->i;
	return SQLITE_OK;
}

/* eponymous-only (no xCreate): used by name, never created */
static sqlite3_module rows_module = {
	.xConnect = rows_connect,
	.xBestIndex = rows_best_index,
	.xDisconnect = rows_disconnect,
	.xOpen = rows_open,
	.xClose = rows_close,
	.xFilter = rows_filter,
	.xNext = rows_next,
	.xEof = rows_eof,
	.xColumn = rows_column,
	.xRowid = rows_rowid,
};

static void rows_text(sqlite3_context *ctx, const char *s)
{
	sqlite3_result_text(ctx, s, -1, SQLITE_STATIC);
}

/* 0 = NULL (no value) for the optional integer columns */
static void rows_int_or_null(sqlite3_context *ctx, int64_t v)
{
	if (v)
		sqlite3_result_int64(ctx, v);
}

/* ---- members ---- */
enum { RC_ID, RC_COUNTY, RC_HOUSEHOLD, RC_ID_NO, RC_NAME, RC_RELATION, RC_SEX, RC_BIRTH,
       RC_ETHNICITY, RC_POLITICS, RC_EDUCATION, RC_SCHOOL, RC_HEALTH, RC_LABOUR,
       RC_WORK_PLACE, RC_WORK_MONTHS, RC_INS_RESIDENT, RC_INS_EMPLOYEE, RC_DIBAO,
       RC_DIBAO_CLASS, RC_TEKUN, RC_DISABILITY, RC_PHONE, RC_COUNTED, RC_UPDATED_AT };

static const char PERSON_ROWS[] =
	"CREATE TABLE x(id, county_code, household_id, id_no, name, relation, sex, birth,"
	" ethnicity, politics, education, school, health, labour, work_place,"
	" work_months, ins_resident, ins_employee, dibao, dibao_class, tekun,"
	" disability_subsidy, phone, counted, updated_at)";

static void person_column(sqlite3_context *ctx, const struct sq_rows *r, size_t i, int col)
{
	const struct dx_person *p = ((struct dx_person *const *)r->rows)[i];
	switch (col) {
	case RC_ID: rows_int_or_null(ctx, p->id); break; /* NULL: SQLite picks it */
	case RC_COUNTY: rows_text(ctx, ((const char(*)[7])r->aux)[i]); break;
	case RC_HOUSEHOLD: sqlite3_result_int64(ctx, p->household_id); break;
	case RC_ID_NO:
		if (dx_store_ids_protected(r->st)) { /* issue 13: sealed at rest */
			char tok[DX_IDSEAL_TOKEN_MAX];
			if (dx_store_seal_idno(r->st, p->id_no, tok))
				sqlite3_result_error(ctx, "ID number cannot be sealed", -1);
			else
				sqlite3_result_text(ctx, tok, -1, SQLITE_TRANSIENT);
		} else {
			rows_text(ctx, p->id_no);
		}
		break;
	case RC_NAME: rows_text(ctx, p->name); break;
	case RC_RELATION: rows_text(ctx, p->relation); break;
	case RC_SEX: rows_text(ctx, p->sex); break;
	case RC_BIRTH: rows_text(ctx, p->birth); break;
	case RC_ETHNICITY: rows_text(ctx, p->ethnicity); break;
	case RC_POLITICS: rows_text(ctx, p->politics); break;
	case RC_EDUCATION: rows_text(ctx, p->education); break;
	case RC_SCHOOL: rows_text(ctx, p->school); break;
	case RC_HEALTH: rows_text(ctx, p->health); break;
	case RC_LABOUR: rows_text(ctx, p->labour); break;
	case RC_WORK_PLACE: rows_text(ctx, p->work_place); break;
	case RC_WORK_MONTHS:
		if (p->work_months >= 0)
			sqlite3_result_int(ctx, p->work_months);
		break; /* NULL otherwise */
	case RC_INS_RESIDENT: sqlite3_result_int(ctx, p->ins_resident); break;
	case RC_INS_EMPLOYEE: sqlite3_result_int(ctx, p->ins_employee); break;
	case RC_DIBAO: sqlite3_result_int(ctx, p->dibao); break;
	case RC_DIBAO_CLASS: rows_text(ctx, p->dibao_class); break;
	case RC_TEKUN: sqlite3_result_int(ctx, p->tekun); break;
	case RC_DISABILITY: sqlite3_result_int(ctx, p->disability_subsidy); break;
	case RC_PHONE: rows_text(ctx, p->phone); break;
	case RC_COUNTED: sqlite3_result_int(ctx, p->counted); break;
	case RC_UPDATED_AT: rows_text(ctx, r->now); break;
	}
}

static const char SQL_PERSON_INSERT_MANY[] =
	"INSERT INTO person(id, county_code, household_id, id_no, name, relation, sex,"
	" birth, ethnicity, politics, education, school, health, labour, work_place,"
	" work_months, ins_resident, ins_employee, dibao, dibao_class, tekun,"
	" disability_subsidy, phone, counted, updated_at)"
	" SELECT id, county_code, household_id, id_no, name, relation, sex,"
	" birth, ethnicity, politics, education, school, health, labour, work_place,"
	" work_months, ins_resident, ins_employee, dibao, dibao_class, tekun,"
	" disability_subsidy, phone, counted, updated_at FROM dx_person_rows";

/* Run the INSERT ... SELECT of sql over r's n rows; the first new row id
 * in *first (one statement appends its rows with consecutive row ids,
 * checked by the count). */
static int rows_insert(struct dx_store *st, struct sq_rows *r, const char *sql,
		       const void *rows, const void *aux, size_t n, int64_t *first)
{
	struct dx_stmt *s = dx_q(st, sql);
	int rc;
	if (!s)
		return DX_DB;
	r->rows = rows;
	r->aux = aux;
	r->n = n;
	r->st = st;
	dx_store_now(r->now);
	rc = dx_step_done(s);
	r->n = 0;
	if (rc)
		return rc;
	if ((size_t)sqlite3_changes64(st->db) != n)
		return dx_error(DX_DB, "inserted %lld rows of %zu",
				(long long)sqlite3_changes64(st->db), n);
	*first = sqlite3_last_insert_rowid(st->db) - (int64_t)n + 1;
	return DX_OK;
}

static int sq_person_insert_many(struct dx_store *st, struct dx_person *const *p,
				 const char (*county)[7], size_t n)
{
	struct sq_conn *c = st->drv_data;
	int64_t first;
	int rc = rows_insert(st, &c->person, SQL_PERSON_INSERT_MANY, p, county, n, &first);
	if (rc || p[0]->id) /* the caller's ids */
		return rc;
	for (size_t i = 0; i < n; i++)
		p[i]->id = first + (int64_t)i;
	return DX_OK;
}

/* ---- households, with their derived columns ---- */
enum { RH_COUNTY, RH_HH_NO, RH_AREA, RH_GROUP, RH_KIND, RH_TUOPIN_YEAR, RH_PHONE,
       RH_RELOCATED, RH_HOUSING, RH_DROPOUT, RH_WATER, RH_UPDATED_AT, RH_MEMBERS, RH_MSUM,
       RH_HEAD_ID, RH_HEAD_NAME };

static const char HOUSEHOLD_ROWS[] =
	"CREATE TABLE x(county_code, hh_no, area_code, group_name, kind, tuopin_year,"
	" phone, relocated, unsafe_housing, dropout, unsafe_water, updated_at, members,"
	" msum, head_id, head_name)";

static void household_column(sqlite3_context *ctx, const struct sq_rows *r, size_t i, int col)
{
	const struct dx_household *h = ((struct dx_household *const *)r->rows)[i];
	const struct dx_derived *d = &((const struct dx_derived *)r->aux)[i];
	switch (col) {
	case RH_COUNTY: sqlite3_result_text(ctx, h->area_code, 6, SQLITE_STATIC); break;
	case RH_HH_NO: rows_text(ctx, h->hh_no); break;
	case RH_AREA: rows_text(ctx, h->area_code); break;
	case RH_GROUP: rows_text(ctx, h->group_name); break;
	case RH_KIND: rows_text(ctx, h->kind); break;
	case RH_TUOPIN_YEAR: rows_int_or_null(ctx, h->tuopin_year); break;
	case RH_PHONE: rows_text(ctx, h->phone); break;
	case RH_RELOCATED: sqlite3_result_int(ctx, h->relocated); break;
	case RH_HOUSING: sqlite3_result_int(ctx, h->unsafe_housing); break;
	case RH_DROPOUT: sqlite3_result_int(ctx, h->dropout); break;
	case RH_WATER: sqlite3_result_int(ctx, h->unsafe_water); break;
	case RH_UPDATED_AT: rows_text(ctx, r->now); break;
	case RH_MEMBERS: sqlite3_result_int64(ctx, d->members); break;
	case RH_MSUM: sqlite3_result_int64(ctx, d->msum); break;
	case RH_HEAD_ID: rows_int_or_null(ctx, d->head_id); break;
	case RH_HEAD_NAME: rows_text(ctx, d->head_id && d->head_name ? d->head_name : ""); break;
	}
}

static const char SQL_HOUSEHOLD_INSERT_MANY[] =
	"INSERT INTO household(county_code, hh_no, area_code, group_name, kind,"
	" tuopin_year, phone, relocated, unsafe_housing, dropout, unsafe_water,"
	" updated_at, members, msum, head_id, head_name)"
	" SELECT county_code, hh_no, area_code, group_name, kind, tuopin_year, phone,"
	" relocated, unsafe_housing, dropout, unsafe_water, updated_at, members, msum,"
	" head_id, head_name FROM dx_household_rows";

static int sq_household_insert_many(struct dx_store *st, struct dx_household *const *h,
				    const struct dx_derived *d, size_t n)
{
	struct sq_conn *c = st->drv_data;
	int64_t first;
	int rc = rows_insert(st, &c->household, SQL_HOUSEHOLD_INSERT_MANY, h, d, n, &first);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		h[i]->id = first + (int64_t)i;
	return DX_OK;
}

#define SQ_MMAP "PRAGMA mmap_size=1073741824"

/* strpos(text, sub): PostgreSQL's name for SQLite's instr(), so that the
 * entity modules' SQL runs on both (1-based; 0 when absent). */
static void sq_strpos(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	const unsigned char *sub = sqlite3_value_text(argv[1]);
	const char *at;
	int64_t n = 0;
	if (!s || !sub) {
		sqlite3_result_null(ctx);
		return;
	}
	if ((at = strstr((const char *)s, (const char *)sub))) {
		/* count characters, not bytes, as both engines do */
		for (const unsigned char *p = s; p <= (const unsigned char *)at; p++)
			if ((*p & 0xC0) != 0x80)
				n++;
	}
	sqlite3_result_int64(ctx, n);
}

/* Open one connection on name (a path, or a file: URI with SQLITE_OPEN_URI)
 * and register the row tables on it. */
static int sq_connect(struct dx_store *st, const char *name, int of, const char *path)
{
	struct sq_conn *c = st->drv_data;
	sqlite3 *db = NULL;
	int src = sqlite3_open_v2(name, &db, of, NULL);
	if (src != SQLITE_OK) {
		int rc = dx_error(DX_IO, "cannot open store '%s': %s", path,
				  db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
		sqlite3_close(db);
		return rc;
	}
	st->db = db;
	sqlite3_busy_timeout(db, DX_STORE_BUSY_MS);
	if (sqlite3_create_function(db, "strpos", 2,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				    sq_strpos, NULL, NULL) ||
	    sqlite3_create_module(db, "dx_person_rows", &rows_module, &c->person) ||
	    sqlite3_create_module(db, "dx_household_rows", &rows_module, &c->household))
		return dx_error(DX_DB, "cannot register the row tables: %s", sqlite3_errmsg(db));
	return DX_OK;
}

/* The settings of every connection, and a first read: a file that is not
 * a database fails here.  page_size only takes on a new, empty file: 16 KiB
 * pages make a county's first import 0.1-0.15 s faster than 4 KiB (297k
 * members: fewer pages to split, write through the WAL and checkpoint) and
 * scans read fewer pages; stores made before keep theirs. */
static int sq_settle(sqlite3 *db)
{
	return sqlite3_exec(db, "PRAGMA page_size=16384;"
			        "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
			        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;"
			        /* scans read pages in place instead of copying them */
			        SQ_MMAP ";"
			        "SELECT count(*) FROM sqlite_schema;",
			    NULL, NULL, NULL);
}

/* "file:PATH?immutable=1" with PATH escaped as a URI path (caller frees). */
static char *sq_immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path), k = 0;
	char *u = dx_xmalloc(3 * n + 32);
	memcpy(u, "file:", 5);
	k = 5;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)path[i];
		if (ch == '?' || ch == '#' || ch == '%' || ch < 0x20) {
			u[k++] = '%';
			u[k++] = hex[ch >> 4];
			u[k++] = hex[ch & 15];
		} else {
			u[k++] = (char)ch;
		}
	}
	memcpy(u + k, "?immutable=1", sizeof("?immutable=1"));
	return u;
}

/* 1 when path's -wal file exists and holds something. */
static int sq_wal_has_data(const char *path)
{
	char wal[4096];
	struct stat sb;
	if (dx_snprintf(wal, sizeof(wal), "%s-wal", path))
		return 1;
	return !stat(wal, &sb) && sb.st_size > 0;
}

static int sq_open(struct dx_store *st, const char *path, unsigned flags)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	/* one connection per thread: no SQLite mutexes */
	int of = ((flags & DX_STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		 SQLITE_OPEN_NOMUTEX;
	int src, rc;
	if (flags & DX_STORE_CREATE) {
		/* issue 13.4: the store holds ID numbers, so only its owner
		 * reads it; SQLite gives its -wal and -shm files the mode of
		 * the store, and takes an empty file as a new database */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0)
			close(fd);
		else if (errno != EEXIST)
			dx_log(DX_LOG_DEBUG, "cannot create '%s' ahead of SQLite: %s", path,
			       strerror(errno));
		of |= SQLITE_OPEN_CREATE;
	}
	pthread_once(&once, sq_config);
	{
		struct sq_conn *c = dx_xcalloc(1, sizeof(*c));
		st->drv_data = c; /* sq_close frees it */
		c->person.schema = PERSON_ROWS;
		c->person.column = person_column;
		c->household.schema = HOUSEHOLD_ROWS;
		c->household.column = household_column;
	}
	if ((rc = sq_connect(st, path, of, path)))
		goto fail;
	/* asked to read only, or SQLite fell back to reading a file it may
	 * not write (issue 13.7): never try to change the journal then */
	st->readonly = (flags & DX_STORE_READONLY) || sqlite3_db_readonly(st->db, "main") == 1;
	src = sq_settle(st->db);
	if (st->readonly && (src == SQLITE_READONLY || src == SQLITE_CANTOPEN) &&
	    !sq_wal_has_data(path)) {
		/* a store in WAL mode whose directory is read-only: its -shm
		 * cannot be made; with no -wal to replay, the file is the whole
		 * store and nobody can change it, so read it as immutable */
		char *uri = sq_immutable_uri(path);
		sqlite3_close(st->db);
		st->db = NULL;
		rc = sq_connect(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
				path);
		free(uri);
		if (rc)
			goto fail;
		src = sq_settle(st->db);
	}
	if (src == SQLITE_OK && !st->readonly)
		src = sqlite3_exec(st->db, "PRAGMA journal_mode=WAL;", NULL, NULL, NULL);
	/* busy: another program holds the store (a load into an empty store,
	 * dx_store_load_empty_begin,
	 * takes it whole) past the busy timeout */
	if (src == SQLITE_BUSY || src == SQLITE_LOCKED)
		return dx_error(DX_BUSY, "store '%s' is busy: another program holds it "
					 "(waited %d ms)", path, DX_STORE_BUSY_MS);
	if (src == SQLITE_READONLY || src == SQLITE_CANTOPEN || src == SQLITE_PERM)
		return dx_error(DX_DENIED, "store '%s' cannot be read: %s", path,
				sqlite3_errmsg(st->db));
	if (src != SQLITE_OK)
		return dx_error(DX_IO, "'%s' is not a dixian store: %s", path,
				sqlite3_errmsg(st->db));
	/* another program's database (tables but no dixian schema version)
	 * is refused, never migrated into */
	{
		sqlite3_stmt *q = NULL;
		int foreign = 0;
		if (sqlite3_prepare_v2(st->db, "SELECT (SELECT user_version FROM pragma_user_version) = 0"
					       " AND EXISTS (SELECT 1 FROM sqlite_schema)",
				       -1, &q, NULL) == SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			foreign = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		if (foreign)
			return dx_error(DX_IO, "'%s' is not a dixian store: it holds another "
					       "program's tables", path);
	}
	return DX_OK;
fail:
	/* no connection: dx_store_close() will not call sq_close() */
	if (!st->db) {
		free(st->drv_data);
		st->drv_data = NULL;
	}
	return rc;
}

static void sq_close(struct dx_store *st)
{
	sqlite3_close(st->db);
	st->db = NULL;
	free(st->drv_data);
	st->drv_data = NULL;
}

static int sq_exec(struct dx_store *st, const char *sql)
{
	char *msg = NULL;
	int src = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
	if (src != SQLITE_OK) {
		int rc = (src == SQLITE_BUSY) ? DX_BUSY
			 : (src & 0xff) == SQLITE_READONLY
				 ? dx_error(DX_DENIED, "the store is read-only: %s",
					    msg ? msg : sqlite3_errstr(src))
				 : dx_error(DX_DB, "%s", msg ? msg : sqlite3_errstr(src));
		sqlite3_free(msg);
		return rc;
	}
	return DX_OK;
}

static const struct dx_driver *sq_self(void);

/* Any target no other driver claims is a file name. */
static int sq_claims(const char *target)
{
	return 1;
}

/* A second connection on ":memory:" (or an empty name: a temporary
 * file) opens another, empty database. */
static int sq_shareable(const struct dx_store *st)
{
	return st->path && *st->path && strcmp(st->path, ":memory:") != 0;
}

static int sq_prepare(struct dx_store *st, const char *sql, struct dx_stmt **out)
{
	struct sq_stmt *s = dx_xcalloc(1, sizeof(*s));
	int src = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->s, NULL);
	if (src != SQLITE_OK) {
		int rc = dx_error(DX_DB, "cannot prepare statement: %s", sqlite3_errmsg(st->db));
		free(s);
		return rc;
	}
	s->base.drv = sq_self();
	s->db = st->db;
	*out = &s->base;
	return DX_OK;
}

static void sq_finalize(struct dx_stmt *base)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	if (!s)
		return;
	sqlite3_finalize(s->s);
	free(s);
}

static void sq_reset(struct dx_stmt *base)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	sqlite3_reset(s->s);
	sqlite3_clear_bindings(s->s);
}

static int sq_bind_int(struct dx_stmt *base, int i, int64_t v)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	int src = sqlite3_bind_int64(s->s, i, v);
	return src == SQLITE_OK ? DX_OK : sq_err(s->db, src, "bind");
}

static int sq_bind_text(struct dx_stmt *base, int i, const char *v)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	int src = v ? sqlite3_bind_text(s->s, i, v, -1, SQLITE_TRANSIENT)
		    : sqlite3_bind_null(s->s, i);
	return src == SQLITE_OK ? DX_OK : sq_err(s->db, src, "bind");
}

static int sq_bind_text_static(struct dx_stmt *base, int i, const char *v)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	int src = v ? sqlite3_bind_text(s->s, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s->s, i);
	return src == SQLITE_OK ? DX_OK : sq_err(s->db, src, "bind");
}

static int sq_step(struct dx_stmt *base)
{
	struct sq_stmt *s = (struct sq_stmt *)base;
	int src = sqlite3_step(s->s);
	if (src == SQLITE_ROW)
		return DX_OK;
	if (src == SQLITE_DONE)
		return DX_NOT_FOUND;
	if (src == SQLITE_CONSTRAINT)
		return dx_error(DX_EXISTS, "constraint: %s", sqlite3_errmsg(s->db));
	return sq_err(s->db, src, "step");
}

static int64_t sq_col_int(struct dx_stmt *base, int i)
{
	return sqlite3_column_int64(((struct sq_stmt *)base)->s, i);
}

static const char *sq_col_text(struct dx_stmt *base, int i)
{
	const unsigned char *t = sqlite3_column_text(((struct sq_stmt *)base)->s, i);
	return t ? (const char *)t : "";
}

static int sq_col_null(struct dx_stmt *base, int i)
{
	return sqlite3_column_type(((struct sq_stmt *)base)->s, i) == SQLITE_NULL;
}

static int64_t sq_last_id(struct dx_store *st)
{
	return sqlite3_last_insert_rowid(st->db);
}

static int64_t sq_changes(struct dx_store *st)
{
	return sqlite3_changes64(st->db);
}

/* Save, then drop, the named indexes (not the UNIQUE constraints' automatic
 * ones, which have no SQL) and matching triggers of one table. */
static int sq_defer_schema(struct dx_store *st, const char *table, const char *triggers,
			   struct dx_buf *saved, int *n)
{
	sqlite3_stmt *s = NULL;
	struct dx_buf drop = DX_BUF_INIT;
	int src, rc = DX_OK;
	src = sqlite3_prepare_v2(st->db,
				 "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ?1"
				 " AND sql IS NOT NULL AND (type = 'index'"
				 " OR (type = 'trigger' AND ?2 != '' AND name LIKE ?2))"
				 " ORDER BY type, name",
				 -1, &s, NULL);
	if (src != SQLITE_OK)
		return sq_err(st->db, src, "read schema");
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, triggers, -1, SQLITE_STATIC);
	while ((src = sqlite3_step(s)) == SQLITE_ROW) {
		char *q = sqlite3_mprintf("DROP %s \"%w\";", (const char *)sqlite3_column_text(s, 0),
					  (const char *)sqlite3_column_text(s, 1));
		if (!q) {
			src = SQLITE_NOMEM;
			break;
		}
		dx_buf_adds(&drop, q);
		sqlite3_free(q);
		dx_buf_adds(saved, (const char *)sqlite3_column_text(s, 2));
		dx_buf_adds(saved, ";\n");
		(*n)++;
	}
	if (src != SQLITE_DONE)
		rc = sq_err(st->db, src, "read schema");
	sqlite3_finalize(s);
	if (!rc && drop.len)
		rc = sq_exec(st, drop.buf);
	dx_buf_release(&drop);
	return rc;
}

/* The journal mode the connection reports after `sql` sets it. */
static int sq_journal(struct dx_store *st, const char *sql, char *mode, size_t size)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	mode[0] = '\0';
	if (src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
		dx_strlcpy(mode, (const char *)sqlite3_column_text(s, 0), size);
		src = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return src;
}

/* Leaving WAL mode needs the store to itself: try once, without waiting
 * (the busy timeout would hold an import up behind an idle reader). */
static int sq_load_empty(struct dx_store *st, int on)
{
	char mode[16];
	int src;
	if (!on) {
		src = sq_journal(st, "PRAGMA journal_mode=WAL", mode, sizeof(mode));
		if (src == SQLITE_BUSY || src == SQLITE_LOCKED || (!src && strcmp(mode, "wal")))
			/* a reader that waited for the load still has it open: the
			 * load is committed, and the next dixian to open the store
			 * for writing puts it back in WAL mode (sq_open) */
			dx_log(DX_LOG_WARN, "store '%s' left in rollback-journal mode: busy",
			       st->path);
		else if (src)
			return sq_err(st->db, src, "journal back to WAL");
		return sq_exec(st, SQ_MMAP);
	}
	sqlite3_busy_timeout(st->db, 0);
	src = sq_journal(st, "PRAGMA journal_mode=DELETE", mode, sizeof(mode));
	sqlite3_busy_timeout(st->db, DX_STORE_BUSY_MS);
	if (src == SQLITE_BUSY || src == SQLITE_LOCKED || (!src && strcmp(mode, "delete")))
		return 0;
	if (src)
		return sq_err(st->db, src, "journal for a first load");
	/* the load's pages go to the file as it runs; read back through the
	 * map they would count against its memory (80 MiB at 1M members)
	 * though the page cache holds them anyway */
	return sq_exec(st, "PRAGMA mmap_size=0") ? DX_DB : 1;
}

static int sq_fk_enforce(struct dx_store *st, int on)
{
	return sq_exec(st, on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
}

static int sq_fk_check(struct dx_store *st)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s, NULL), rc = DX_OK;
	if (src != SQLITE_OK)
		return sq_err(st->db, src, "check foreign keys");
	src = sqlite3_step(s);
	if (src == SQLITE_ROW)
		rc = dx_error(DX_INVALID, "table %s row %lld refers to a missing %s row",
			      (const char *)sqlite3_column_text(s, 0),
			      (long long)sqlite3_column_int64(s, 1),
			      (const char *)sqlite3_column_text(s, 2));
	else if (src != SQLITE_DONE)
		rc = sq_err(st->db, src, "check foreign keys");
	sqlite3_finalize(s);
	return rc;
}

static int sq_get_version(struct dx_store *st, int *v)
{
	sqlite3_stmt *s = NULL;
	int src = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
	if (src == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		*v = sqlite3_column_int(s, 0);
	else
		src = SQLITE_ERROR;
	sqlite3_finalize(s);
	return src == SQLITE_OK ? DX_OK : sq_err(st->db, src, "read schema version");
}

static int sq_set_version(struct dx_store *st, int v)
{
	char sql[64];
	dx_snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", v);
	return sq_exec(st, sql);
}

const struct dx_driver dx_driver_sqlite = {
	.name = "sqlite",
	.claims = sq_claims,
	.built = 1,
	.is_file = 1,
	.shareable = sq_shareable,
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.reset = sq_reset,
	.bind_int = sq_bind_int,
	.bind_text = sq_bind_text,
	.bind_text_static = sq_bind_text_static,
	.step = sq_step,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_null = sq_col_null,
	.person_insert_many = sq_person_insert_many,
	.seals_ids = 1,
	.household_insert_many = sq_household_insert_many,
	.last_id = sq_last_id,
	.changes = sq_changes,
	.defer_schema = sq_defer_schema,
	.load_empty = sq_load_empty,
	.fk_enforce = sq_fk_enforce,
	.fk_check = sq_fk_check,
	.get_version = sq_get_version,
	.set_version = sq_set_version,
	.migrations = sq_migrations,
	.nmigrations = (int)DX_ARRAY_SIZE(sq_migrations),
};

static const struct dx_driver *sq_self(void)
{
	return &dx_driver_sqlite;
}
