/*
 * schema_sqlite.c - the SQLite store's schema: the migrations from an
 * empty file to the newest version (tables, indexes, the views that
 * define the members' derived facts, and the triggers that keep
 * household.members, msum, head_id and head_name), kept in PRAGMA
 * user_version by the driver (store_sqlite.c).  Each migration is one
 * string of SQL that dx_store_migrate runs in one transaction; a
 * migration, once released, is never edited: a change is a new version.
 *
 * PostgreSQL's schema (schema_pg.c) keeps the same version numbers and
 * the same tables, columns and rules in its own dialect.
 */
#include "core/dx.h"
#include "store/schema_sqlite.h"

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

/* the indexes of version 15, the same on both engines (schema_pg.c) */
#define V15_INDEXES                                                                         \
	"CREATE INDEX household_area_cover ON household(area_code, id, kind, members,"      \
	" head_name, tuopin_year, hh_no, unsafe_housing, dropout, unsafe_water, msum);"     \
	"CREATE INDEX person_area ON person(area_code, household_id, updated_at);"          \
	"CREATE INDEX person_area_report ON person(area_code, household_id, counted, dibao,"\
	" dibao_class, work_place, work_months) WHERE dibao = 1 OR work_place != '';"       \
	"CREATE INDEX income_area ON income(area_code, year, household_id, wage, business," \
	" property, transfer, business_cost, claims, oop);"                                 \
	"CREATE INDEX episode_area ON episode(area_code, household_id, identified_on,"      \
	" category, eliminated_on, reflag, prev_id, end_reason, ended_on);"                 \
	"CREATE INDEX measure_area ON measure(area_code, household_id, start_on, status);"  \
	"CREATE INDEX visit_area ON visit(area_code, household_id, visited_on);"

/*
 * Version 15 (issue 14): a village's reads cost the village.  The demo
 * (and a county that registers households as they come) spreads a
 * village's households over the whole id range, so reads that go from the
 * households to their rows by household id touch nearly every page of
 * the member, income, episode, measure and visit indexes even for one
 * village.  Those rows therefore carry their household's area (as they
 * carry its county), and indexes keyed by area give an area's households
 * and rows as one contiguous run of entries (covering the reports' reads).
 * Triggers keep the copy true: a row inserted without it takes its
 * household's area (the store's own inserts give it), a member moved to
 * another household takes the new one's, and a household moved to another
 * village carries its rows along.
 */
#define AREA_OF_HH(id) "coalesce((SELECT h.area_code FROM household h WHERE h.id = " id "), '')"
#define AREA_COLUMN(t)                                                                   \
	"ALTER TABLE " t " ADD COLUMN area_code TEXT NOT NULL DEFAULT '';"                \
	"UPDATE " t " SET area_code = " AREA_OF_HH(t ".household_id") ";"                 \
	"CREATE TRIGGER " t "_area_ins AFTER INSERT ON " t " WHEN NEW.area_code = '' BEGIN" \
	" UPDATE " t " SET area_code = " AREA_OF_HH("NEW.household_id") " WHERE id = NEW.id; END;"
static const char schema_v15_area[] =
	AREA_COLUMN("person") AREA_COLUMN("income") AREA_COLUMN("episode")
	AREA_COLUMN("measure") AREA_COLUMN("visit")
	"CREATE TRIGGER person_area_upd AFTER UPDATE OF household_id ON person"
	" WHEN NEW.household_id IS NOT OLD.household_id BEGIN"
	" UPDATE person SET area_code = " AREA_OF_HH("NEW.household_id") " WHERE id = NEW.id; END;"
	"CREATE TRIGGER household_area_upd AFTER UPDATE OF area_code ON household"
	" WHEN NEW.area_code IS NOT OLD.area_code BEGIN"
	" UPDATE person SET area_code = NEW.area_code WHERE household_id = NEW.id;"
	" UPDATE income SET area_code = NEW.area_code WHERE household_id = NEW.id;"
	" UPDATE episode SET area_code = NEW.area_code WHERE household_id = NEW.id;"
	" UPDATE measure SET area_code = NEW.area_code WHERE household_id = NEW.id;"
	" UPDATE visit SET area_code = NEW.area_code WHERE household_id = NEW.id; END;"
	V15_INDEXES;

/*
 * Version 17 (issue 14): a household record's import run costs the runs.
 * An import audits the households it creates as one row per id run
 * ("import.insert household FIRST-LAST", import_persons.c), and the record
 * finds the run that holds its household (hhrecord.c).  Through
 * audit_entity that look-up read every entry of entity 'household': the
 * runs and every household's edits, which each re-import of a county's
 * ledger adds to by the thousand.  This partial index holds the
 * import.insert rows alone, so the look-up reads the runs and nothing of
 * other households' edits.  The same on both engines (schema_pg.c).
 */
#define V17_AUDIT_RUNS \
	"CREATE INDEX audit_import_run ON audit(entity, entity_key) WHERE action = 'import.insert';"
static const char schema_v17_runs[] = V17_AUDIT_RUNS;

/* Version 18 (issue 16): the county indexes of schema_pg.c's v18, the
 * same here so that both engines keep one schema (make pgsql compares
 * them).  For SQLite they change little: an index there holds the rowid
 * already, and a county's store reads its file in order. */
static const char schema_v18_county[] =
	"CREATE INDEX household_county_id ON household(county_code, id);"
	"DROP INDEX household_county;"
	"CREATE INDEX income_county_cover ON income(county_code, year, household_id, wage,"
	" business, property, transfer, business_cost, claims, oop);"
	"DROP INDEX income_county;";

/*
 * Version 19 (issue 14): which of a household's lists have rows, on its
 * row.  The household record reads a list (episodes, cases, measures,
 * visits, warnings, clues, membership periods) only when the household
 * has rows in it, and most have none; household.lists holds one bit a
 * list (store/hhrecord.h's DX_HH_HAS_*) so that the record's first
 * statement reads them with the row instead of looking at seven indexes
 * (a quarter of that statement).  A bit means "may have rows": triggers
 * set it when a row is given to the household (inserted, or moved to it)
 * and nothing clears it, so a stale bit only costs the record a read that
 * finds nothing, and a bulk load (which never drops these triggers) keeps
 * it too.  The same on both engines (schema_pg.c).
 */
#define HH_LISTS_BIT(t, bit) \
	"CASE WHEN EXISTS (SELECT 1 FROM " t " x WHERE x.household_id = household.id)" \
	" THEN " #bit " ELSE 0 END"
#define HH_LISTS_SET(t, bit) \
	" UPDATE household SET lists = lists | " #bit " WHERE id = NEW.household_id" \
	" AND (lists & " #bit ") = 0; END;"
#define HH_LISTS_TRIGGERS(t, bit) \
	"CREATE TRIGGER " t "_lists_ins AFTER INSERT ON " t " BEGIN" HH_LISTS_SET(t, bit) \
	"CREATE TRIGGER " t "_lists_upd AFTER UPDATE OF household_id ON " t \
	" WHEN NEW.household_id IS NOT OLD.household_id BEGIN" HH_LISTS_SET(t, bit)
static const char schema_v19_lists[] =
	"ALTER TABLE household ADD COLUMN lists INTEGER NOT NULL DEFAULT 0;"
	"UPDATE household SET lists = " HH_LISTS_BIT("episode", 1) " + "
	HH_LISTS_BIT("case_file", 2) " + " HH_LISTS_BIT("measure", 4) " + "
	HH_LISTS_BIT("visit", 8) " + " HH_LISTS_BIT("warning", 16) " + "
	HH_LISTS_BIT("clue", 32) " + " HH_LISTS_BIT("membership", 64) ";"
	HH_LISTS_TRIGGERS("episode", 1) HH_LISTS_TRIGGERS("case_file", 2)
	HH_LISTS_TRIGGERS("measure", 4) HH_LISTS_TRIGGERS("visit", 8)
	HH_LISTS_TRIGGERS("warning", 16) HH_LISTS_TRIGGERS("clue", 32)
	HH_LISTS_TRIGGERS("membership", 64);

/*
 * Version 21: the report's 低保 and 务工 counts leave out members who have
 * left (死亡, 迁出, ...), as every other count of members does; a member
 * who died kept being counted while the ledger still said 低保.  Its two
 * partial covering indexes hold the current members only, so that the
 * reads (store/scan.c) stay index-only.  PostgreSQL runs the same SQL
 * (schema_pg.c).
 */
static const char schema_v21_left[] = DX_SCHEMA_V21_LEFT;

const char *const dx_sqlite_migrations[] = {schema_v1, schema_v2, schema_v3, schema_v4,
					    schema_v5, schema_v6, schema_v7, schema_v8,
					    schema_v9, schema_v10, schema_audit_chain,
					    schema_v12_funds, schema_v13_ledgers,
					    schema_v14_idprot, schema_v15_area,
					    /* 16: PostgreSQL's triggers step aside
					     * for a bulk load (schema_pg.c); SQLite
					     * drops them for it, as before */
					    "", schema_v17_runs, schema_v18_county,
					    schema_v19_lists,
					    /* 20: PostgreSQL's trigger functions
					     * name public.* (schema_pg.c) */
					    "", schema_v21_left};

_Static_assert(DX_ARRAY_SIZE(dx_sqlite_migrations) == DX_SQLITE_NMIGRATIONS,
	       "DX_SQLITE_NMIGRATIONS counts the migrations");

