#!/usr/bin/env python3
"""triggers.py - the derived household columns on both engines, in SQL.

Usage (inside pg_run.sh, from the top directory; pg_schema_check.sh):
    triggers.py SQLITE_STORE PG_SCHEMA.sql
SQLITE_STORE is a fresh store made by `dixian init` (the SQLite schema with
its real triggers, schema_sqlite.c); PG_SCHEMA.sql is the PostgreSQL
store's schema as pg_schema.c prints it (schema_pg.c), loaded here into a
new database of the cluster pg_run.sh started.

The same statements (SQL both engines run) insert, change, move, let go
and delete members (then give households visits, measures, an episode and
a membership period, for household.lists); after each step the households' members, msum,
head_id and head_name must be the same on both engines, must agree with
the view household_derived (the rule the triggers keep), and, at the
steps that say so, must be what the rules give (worked out by hand in the
comments).  Exit 0 when all hold.
"""
import os
import sqlite3
import subprocess
import sys

DB = 'dixian_triggers'
NOW = "'2026-01-01T00:00:00Z'"


def person(pid, hh, id_no, name, relation, health='', school='', labour='',
           work_place='', ins=(1, 0), counted=1, left_on=None):
    return ("INSERT INTO person(id, county_code, household_id, id_no, name, relation,"
            " sex, birth, school, health, labour, work_place, ins_resident,"
            " ins_employee, counted, updated_at, left_on) VALUES (%d, '430121', %d,"
            " '%s', '%s', '%s', '男', '1970-01-01', '%s', '%s', '%s', '%s', %d, %d, %d,"
            " %s, %s)" % (pid, hh, id_no, name, relation, school, health, labour,
                          work_place, ins[0], ins[1], counted, NOW,
                          "'%s'" % left_on if left_on else 'NULL'))


SETUP = [
    "INSERT INTO area(code, county_code, parent, level, name) VALUES"
    " ('430121', '430121', NULL, 3, '县')",
    "INSERT INTO area(code, county_code, parent, level, name) VALUES"
    " ('430121100201', '430121', '430121', 5, '村')",
] + ["INSERT INTO household(id, county_code, hh_no, area_code, kind, updated_at)"
     " VALUES (%d, '430121', '43012110020100%d', '430121100201', '脱贫户', %s)"
     % (i, i, NOW) for i in (1, 2, 3)]

# (label, statements, expected {household id: (members, msum, head_id, head_name)} or None)
# msum bits (store/screen_scan.h): 1 any, 2 ill, 4 disabled, 8 non-compulsory
# schooling, 16 labour, 32 labour at work, 64 labour unknown, 128 uninsured
STEPS = [
    ('insert a 户主 (ill, labour, insured)',
     [person(10, 1, '430121197001010010', '张一', '户主', health='大病',
             labour='普通劳动力')],
     {1: (1, 1 + 2 + 16, 10, '张一'), 2: (0, 0, 0, ''), 3: (0, 0, 0, '')}),
    ('insert an uncounted, uninsured pupil',
     [person(11, 1, '430121197001010011', '张二', '之子', school='高中', labour='无劳动力',
             ins=(0, 0), counted=0)],
     {1: (1, 1 + 2 + 16 + 8 + 128, 10, '张一')}),
    ('insert a 户主 of unknown labour at work elsewhere',
     [person(12, 2, '430121197001010012', '李一', '户主', labour='', work_place='广东')],
     {2: (1, 1 + 64, 12, '李一')}),
    ('a second 户主 with a smaller id takes the head',
     [person(5, 2, '430121197001010005', '李零', '户主', health='残疾',
             labour='技能劳动力', work_place='长沙')],
     {2: (2, 1 + 64 + 4 + 16 + 32, 5, '李零')}),
    ('a member who left is not counted',
     [person(13, 3, '430121197001010013', '王一', '户主', health='慢性病',
             left_on='2025-06-30')],
     {3: (0, 0, 0, '')}),
    ('counted changes',
     ["UPDATE person SET counted = 1 WHERE id = 11"],
     {1: (2, 1 + 2 + 16 + 8 + 128, 10, '张一')}),
    ('the head is renamed',
     ["UPDATE person SET name = '张大' WHERE id = 10"],
     {1: (2, 1 + 2 + 16 + 8 + 128, 10, '张大')}),
    ('the head stops being 户主: no head',
     ["UPDATE person SET relation = '配偶' WHERE id = 10"],
     {1: (2, 1 + 2 + 16 + 8 + 128, 0, '')}),
    ('health and insurance change',
     ["UPDATE person SET health = '健康', ins_resident = 1 WHERE id = 11"],
     {1: (2, 1 + 2 + 16 + 8, 0, '')}),
    ('a member moves between households',
     ["UPDATE person SET household_id = 2 WHERE id = 11"],
     {1: (1, 1 + 2 + 16, 0, ''), 2: (3, 1 + 64 + 4 + 16 + 32 + 8, 5, '李零')}),
    ('a member leaves (死亡)',
     ["UPDATE person SET left_on = '2026-02-01' WHERE id = 5"],
     {2: (2, 1 + 64 + 8, 12, '李一')}),
    ('one who left comes back',
     ["UPDATE person SET left_on = NULL WHERE id = 13"],
     {3: (1, 1 + 2 + 64, 13, '王一')}),
    ('members deleted',
     ["DELETE FROM person WHERE id = 10", "DELETE FROM person WHERE id = 12"],
     {1: (0, 0, 0, ''), 2: (1, 1 + 8, 0, '')}),
    ('an uncounted member deleted, a left one deleted',
     ["UPDATE person SET counted = 0 WHERE id = 11", "DELETE FROM person WHERE id = 5"],
     {2: (0, 1 + 8, 0, '')}),
    ('several at once',
     [person(20, 1, '430121197001010020', '赵一', '户主', labour='弱劳动力或半劳动力'),
      person(21, 1, '430121197001010021', '赵二', '之女', school='本科'),
      "UPDATE person SET household_id = 1, counted = 1 WHERE id IN (11, 13)"],
     None),
]

SHOW = ("SELECT id, members, msum, coalesce(head_id, 0), head_name FROM household"
        " ORDER BY id")
# derived.c's SQL_STALE: households whose columns differ from their members
STALE = ("SELECT count(*) FROM household h LEFT JOIN household_derived d"
         " ON d.household_id = h.id"
         " WHERE h.members != coalesce(d.members, 0) OR h.msum != coalesce(d.msum, 0)"
         " OR h.head_id IS DISTINCT FROM d.head_id"
         " OR h.head_name != coalesce((SELECT name FROM person WHERE id = d.head_id), '')")


# household.lists (schema v19): which of its lists may have rows, a bit a
# list (store/hhrecord.h: 1 episodes, 4 measures, 8 visits, 64 membership
# periods); set when a row is given to the household, never cleared.
# (label, statements, expected {household id: lists})
LIST_STEPS = [
    ('a visit to household 1',
     ["INSERT INTO visit(id, county_code, household_id, visited_on, cadre)"
      " VALUES (1, '430121', 1, '2026-01-02', '干部')"],
     {1: 8, 2: 0, 3: 0}),
    ('a measure and an episode of household 2',
     ["INSERT INTO measure(id, county_code, household_id, category, status)"
      " VALUES (1, '430121', 2, '产业', '计划')",
      "INSERT INTO episode(id, county_code, household_id, category, risks, identified_on)"
      " VALUES (1, '430121', 2, '突发严重困难户', '因病', '2026-01-03')"],
     {1: 8, 2: 1 + 4, 3: 0}),
    ('the visit moved to household 3: both keep the bit',
     ["UPDATE visit SET household_id = 3 WHERE id = 1"],
     {1: 8, 2: 1 + 4, 3: 8}),
    ('a membership period in household 3; the measure deleted: its bit stays',
     [person(90, 3, '430121197001010090', '赵九', '户主'),
      "INSERT INTO membership(county_code, person_id, household_id, from_on, reason)"
      " VALUES ('430121', 90, 3, '2026-01-04', '')",
      "DELETE FROM measure WHERE id = 1"],
     {1: 8, 2: 1 + 4, 3: 8 + 64}),
]
SHOW_LISTS = "SELECT id, lists FROM household ORDER BY id"


def psql(sql, db=DB, rows=False):
    args = ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db]
    if rows:
        args += ['-A', '-t', '-F', '|']
    p = subprocess.run(args + ['-c', sql], capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError('psql: %s\n%s' % (p.stderr.strip(), sql))
    return p.stdout


def pg_rows(sql):
    out = []
    for line in psql(sql, rows=True).splitlines():
        out.append(tuple(int(v) if v.lstrip('-').isdigit() else v for v in line.split('|')))
    return out


def main():
    store, schema = sys.argv[1:3]
    sq = sqlite3.connect(store)
    sq.execute('PRAGMA foreign_keys=ON')
    psql('DROP DATABASE IF EXISTS %s' % DB, db='postgres')
    psql('CREATE DATABASE %s' % DB, db='postgres')
    psql(open(schema, encoding='utf-8').read())
    for st in SETUP:
        sq.execute(st)
        psql(st)
    bad = 0

    def both(label, stmts, show):
        """Run stmts on both engines, then show's rows of SQLite, and
        whether PostgreSQL's differ (said, and counted in bad)."""
        nonlocal bad
        for st in stmts:
            sq.execute(st)
            psql(st)
        sq.commit()
        a = [tuple(r) for r in sq.execute(show)]
        b = pg_rows(show)
        if a != b:
            print('FAIL %s: the engines differ\n  sqlite %s\n  pg     %s' % (label, a, b))
            bad += 1
        return a

    for label, stmts, want in STEPS:
        a = both(label, stmts, SHOW)
        stale = (sq.execute(STALE).fetchone()[0], pg_rows(STALE)[0][0])
        if stale != (0, 0):
            print('FAIL %s: households stale (sqlite, pg) = %s' % (label, stale))
            bad += 1
        for hid, exp in (want or {}).items():
            got = [r[1:] for r in a if r[0] == hid]
            if got != [exp]:
                print('FAIL %s: household %d is %s, want %s' % (label, hid, got, exp))
                bad += 1
    for label, stmts, want in LIST_STEPS:
        a = both(label, stmts, SHOW_LISTS)
        if any(dict(a).get(k) != v for k, v in want.items()):
            print('FAIL %s: lists %s, want %s' % (label, a, want))
            bad += 1
    psql('DROP DATABASE %s' % DB, db='postgres')
    print('triggers: %d steps on sqlite and pg, %d failures' % (len(STEPS) + len(LIST_STEPS), bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
