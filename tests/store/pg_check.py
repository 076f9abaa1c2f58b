#!/usr/bin/env python3
"""pg_check.py - every entity-module statement through PostgreSQL's PREPARE.

Usage (inside pg_run.sh): pg_check.py SCHEMA.sql STATEMENTS.json KNOWN.txt
Creates the schema, then PREPAREs each statement (parse and analysis:
names, types, functions, grouping) and reports those PostgreSQL 15
refuses, and the INSERTs naming NULL for an identity column (SQLite
picks an id, PostgreSQL refuses the row).  KNOWN.txt lists, one a line ("module: first 60 characters"),
the statements known to fail until the PostgreSQL driver (issue 16)
rewrites them; a known one that passes is reported too, so the list only
shrinks.  Exit 0 when the failures are exactly the known ones.
"""
import json
import re
import subprocess
import sys


def psql(sql):
    p = subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql],
                       capture_output=True, text=True)
    return p.returncode, p.stderr.strip()


def split_top(text):
    """Split at commas outside parentheses and quotes."""
    parts, cur, depth, q = [], [], 0, False
    for ch in text:
        if ch == "'":
            q = not q
        elif not q and ch == '(':
            depth += 1
        elif not q and ch == ')':
            depth -= 1
        if ch == ',' and not q and depth == 0:
            parts.append(''.join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append(''.join(cur))
    return parts


def key(st):
    return '%s: %s' % (st['module'], ' '.join(st['sql'].split())[:60])


def main():
    schema, stmts, known_path = sys.argv[1:4]
    rc, err = psql(open(schema).read())
    if rc:
        print('schema: ' + err)
        return 1
    known = set()
    for line in open(known_path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line and not line.startswith('#'):
            known.add(line)
    # one session: each PREPARE in its own block, a refusal a NOTICE
    stmts_l = json.load(open(stmts, encoding='utf-8'))
    blocks = []
    for i, st in enumerate(stmts_l):
        # a parameter the text never names (bound for another variant of
        # the statement) has no type to infer: declared text, as the
        # PostgreSQL driver will declare it; the others are inferred
        used = set(int(m) for m in re.findall(r'\$(\d+)', st['sql']))
        types = ''
        if used and len(used) != max(used):
            types = '(%s)' % ', '.join('unknown' if k in used else 'text'
                                       for k in range(1, max(used) + 1))
        blocks.append("BEGIN EXECUTE $dx$PREPARE s%d%s AS %s$dx$;"
                      " EXCEPTION WHEN others THEN RAISE NOTICE 'dx-refused %d: %%', SQLERRM;"
                      " END;" % (i, types, st['sql'], i))
    p = subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c',
                        'DO $do$ BEGIN %s END $do$' % '\n'.join(blocks)],
                       capture_output=True, text=True)
    if p.returncode:
        print('psql: ' + p.stderr)
        return 1
    refused = {}
    for line in p.stderr.splitlines():
        m = re.search(r'dx-refused (\d+): (.*)', line)
        if m:
            refused[int(m.group(1))] = m.group(2)
    # NULL named for an identity column: SQLite takes it as "pick an
    # id", PostgreSQL refuses it when the row is inserted (PREPARE does
    # not see it)
    ident = set()
    p = subprocess.run(['psql', '-X', '-q', '-A', '-t', '-F', '.', '-c',
                        "SELECT c.relname, a.attname FROM pg_attribute a"
                        " JOIN pg_class c ON c.oid = a.attrelid WHERE a.attidentity != ''"],
                       capture_output=True, text=True)
    for line in p.stdout.splitlines():
        ident.add(tuple(line.split('.')))
    for i, st in enumerate(stmts_l):
        m = re.match(r'\s*INSERT INTO (\w+)\s*\(([^)]*)\)\s*VALUES\s*\((.*)\)\s*$',
                     st['sql'], re.S | re.I)
        if not m:
            continue
        cols = [c.strip() for c in m.group(2).split(',')]
        vals = [v.strip() for v in split_top(m.group(3))]
        for c, v in zip(cols, vals):
            if (m.group(1), c) in ident and v.upper() == 'NULL':
                refused[i] = 'NULL for identity column %s.%s' % (m.group(1), c)
    bad, fixed, n = [], [], len(stmts_l)
    for i, st in enumerate(stmts_l):
        k = key(st)
        if i in refused and k not in known:
            bad.append('%s\n    %s\n    %s' % (k, refused[i], st['sql']))
        elif i not in refused and k in known:
            fixed.append(k)
    for b in bad:
        print('REFUSED ' + b)
    for f in fixed:
        print('NOW ACCEPTED (remove from known list) ' + f)
    print('pg: %d statements, %d refused (%d known)' % (n, len(bad), len(known)))
    return 1 if bad or fixed else 0


sys.exit(main())
