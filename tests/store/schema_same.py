#!/usr/bin/env python3
"""schema_same.py - the PostgreSQL schema is the SQLite schema.

Usage (inside pg_run.sh): schema_same.py SQLITE_STORE PG_SCHEMA.sql
SQLITE_STORE is a fresh store made by `dixian init` (schema_sqlite.c at its
newest version); PG_SCHEMA.sql is schema_pg.c as pg_schema.c prints it,
loaded here into a new database.  Compared, and each difference printed:
the tables; each table's columns in order with their NOT NULL, default,
integer-or-text kind and primary key; its UNIQUE column sets
(constraints and unique indexes alike); its CHECK count and references;
the named indexes with their columns and partial-index condition; the
views and their columns; the triggers.  PostgreSQL's schema_version (the
place of SQLite's PRAGMA user_version) is the one table SQLite lacks.
Exit 0 when they match.
"""
import re
import sqlite3
import subprocess
import sys

DB = 'dixian_schema_same'


def psql(sql, db=DB):
    p = subprocess.run(['psql', '-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1',
                        '-d', db, '-c', sql], capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError('psql: %s\n%s' % (p.stderr.strip(), sql[:200]))
    return [line.split('\t') for line in p.stdout.splitlines()]


def kind(t):
    t = (t or '').lower()
    if 'int' in t:
        return 'int'
    if 'text' in t or 'char' in t:
        return 'text'
    return t or '?'


def norm_default(d):
    if d is None:
        return None
    d = re.sub(r'::[a-z ]+$', '', d.strip())
    return d.strip("'") if d.startswith("'") else d


def norm_where(w):
    w = (w or '').lower().replace('::text', '').replace('<>', '!=')
    return re.sub(r'[\s()]', '', w)


def sqlite_side(path):
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    out = {'tables': {}, 'indexes': {}, 'views': {}, 'triggers': set()}
    for t in tables:
        cols = []
        for cid, name, typ, notnull, dflt, pk in con.execute('PRAGMA table_info("%s")' % t):
            cols.append((name, kind(typ), bool(notnull) or bool(pk), norm_default(dflt), pk > 0))
        uniques = set()
        for _, iname, unique, origin, partial in con.execute('PRAGMA index_list("%s")' % t):
            if unique and origin != 'pk':
                uniques.add(tuple(r[2] for r in con.execute('PRAGMA index_info("%s")' % iname)))
        sql = con.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (t,)).fetchone()[0]
        checks = len(re.findall(r'\bCHECK\s*\(', sql, re.I))
        refs = set((r[3], r[2], r[4]) for r in con.execute('PRAGMA foreign_key_list("%s")' % t))
        out['tables'][t] = {'cols': cols, 'uniques': uniques, 'checks': checks, 'refs': refs}
    for name, tbl, sql in con.execute(
            "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"):
        cols = tuple(r[2] for r in con.execute('PRAGMA index_info("%s")' % name))
        m = re.search(r'\bWHERE\b(.*)$', sql, re.I | re.S)
        out['indexes'][name] = (tbl, cols, 'UNIQUE' in sql.upper().split('INDEX')[0],
                                norm_where(m.group(1) if m else ''))
    for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'view'"):
        out['views'][name] = [r[1] for r in con.execute('PRAGMA table_info("%s")' % name)]
    out['triggers'] = set(r[0] for r in con.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'trigger'"))
    return out


def pg_side():
    out = {'tables': {}, 'indexes': {}, 'views': {}, 'triggers': set()}
    tables = [r[0] for r in psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    for t in tables:
        cols = []
        pk = set(r[0] for r in psql(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
            " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '%s'::regclass AND i.indisprimary"
            % t))
        for name, typ, notnull, dflt, ident in psql(
                "SELECT attname, format_type(atttypid, atttypmod), attnotnull,"
                " pg_get_expr(d.adbin, d.adrelid), attidentity FROM pg_attribute a"
                " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                " WHERE attrelid = '%s'::regclass AND attnum > 0 AND NOT attisdropped"
                " ORDER BY attnum" % t):
            cols.append((name, kind(typ), notnull == 't', norm_default(dflt or None),
                         name in pk))
        uniques = set()
        for (defn,) in psql(
                "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = '%s'::regclass"
                " AND indisunique AND NOT indisprimary" % t):
            uniques.add(tuple(c.strip().strip('"') for c in
                              re.search(r'\((.*?)\)', defn).group(1).split(',')))
        checks = int(psql("SELECT count(*) FROM pg_constraint WHERE conrelid = '%s'::regclass"
                          " AND contype = 'c'" % t)[0][0])
        refs = set()
        for (defn,) in psql("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                            " WHERE conrelid = '%s'::regclass AND contype = 'f'" % t):
            m = re.match(r'FOREIGN KEY \((\w+)\) REFERENCES (\w+)\((\w+)\)', defn)
            refs.add((m.group(1), m.group(2), m.group(3)))
        out['tables'][t] = {'cols': cols, 'uniques': uniques, 'checks': checks, 'refs': refs}
    # the named indexes: those no constraint owns
    for name, tbl, defn in psql(
            "SELECT c.relname, t.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
            " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"):
        cols = tuple(c.strip().strip('"') for c in
                     re.search(r'USING btree \((.*?)\)', defn).group(1).split(','))
        m = re.search(r'\bWHERE\b(.*)$', defn)
        out['indexes'][name] = (tbl, cols, defn.startswith('CREATE UNIQUE'),
                                norm_where(m.group(1) if m else ''))
    for (name,) in psql("SELECT viewname FROM pg_views WHERE schemaname = 'public'"):
        out['views'][name] = [r[0] for r in psql(
            "SELECT attname FROM pg_attribute WHERE attrelid = '%s'::regclass AND attnum > 0"
            " ORDER BY attnum" % name)]
    out['triggers'] = set(r[0] for r in psql(
        "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
    return out


def main():
    store, schema = sys.argv[1:3]
    sq = sqlite_side(store)
    psql('DROP DATABASE IF EXISTS %s' % DB, db='postgres')
    psql('CREATE DATABASE %s' % DB, db='postgres')
    psql(open(schema, encoding='utf-8').read())
    pg = pg_side()
    psql('DROP DATABASE %s' % DB, db='postgres')
    bad = []
    pg_tables = set(pg['tables']) - {'schema_version'}
    if set(sq['tables']) != pg_tables:
        bad.append('tables: only in sqlite %s, only in pg %s' % (
            sorted(set(sq['tables']) - pg_tables), sorted(pg_tables - set(sq['tables']))))
    for t in sorted(set(sq['tables']) & pg_tables):
        a, b = sq['tables'][t], pg['tables'][t]
        for what in ('cols', 'uniques', 'checks', 'refs'):
            if a[what] != b[what]:
                bad.append('%s %s:\n    sqlite %s\n    pg     %s' % (t, what, a[what], b[what]))
    if sq['indexes'] != pg['indexes']:
        for k in sorted(set(sq['indexes']) | set(pg['indexes'])):
            if sq['indexes'].get(k) != pg['indexes'].get(k):
                bad.append('index %s: sqlite %s, pg %s' % (k, sq['indexes'].get(k),
                                                          pg['indexes'].get(k)))
    if sq['views'] != pg['views']:
        bad.append('views: sqlite %s\n    pg %s' % (sq['views'], pg['views']))
    if sq['triggers'] != pg['triggers']:
        bad.append('triggers: sqlite %s, pg %s' % (sorted(sq['triggers']),
                                                   sorted(pg['triggers'])))
    for b in bad:
        print('DIFFERS ' + b)
    print('schema: %d tables, %d indexes, %d views, %d triggers compared, %d differences' % (
        len(sq['tables']), len(sq['indexes']), len(sq['views']), len(sq['triggers']), len(bad)))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
