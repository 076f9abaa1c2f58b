#!/usr/bin/env python3
"""sqlcheck.py - list the SQL statements of the store's entity modules.

Usage: sqlcheck.py statements PREPROCESSED.i...  -> JSON list on stdout

statements: each argument is an entity module run through the C
preprocessor (so macros are expanded); every run of adjacent string
literals is joined, and those that read like SQL (SELECT, INSERT, UPDATE,
DELETE, WITH) are kept, split at top-level semicolons, with SQLite's `?N`
and `?` placeholders rewritten to PostgreSQL's $n.

The schema they are checked against is the PostgreSQL store's own
(src/store/schema_pg.c, printed by pg_schema.c).
"""
import json
import re
import sys

STR = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
SQL_START = re.compile(r'^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\s+\S', re.I)  # a keyword alone (an audit verb) is no statement


def c_unescape(s):
    return bytes(s, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')


def literal_runs(text):
    """Yield (file, joined literal) for each run of adjacent literals."""
    cur_file = '?'
    out = []
    run = []
    pos = 0
    # drop line markers but remember the file
    lines = []
    for line in text.split('\n'):
        m = re.match(r'#\s+\d+\s+"([^"]+)"', line)
        if m:
            cur_file = m.group(1)
            lines.append('\n')
            continue
        lines.append(line + '\n')
        if cur_file.startswith('src/store/'):
            pass
    body = ''.join(lines)
    i = 0
    n = len(body)
    while i < n:
        c = body[i]
        if c == '"':
            m = STR.match(body, i)
            if not m:
                i += 1
                continue
            run.append(m.group(1))
            i = m.end()
            continue
        if c in ' \t\n':
            i += 1
            continue
        if c == "'":  # char literal
            j = body.find("'", i + 1)
            while j > 0 and body[j - 1] == '\\' and body[j - 2] != '\\':
                j = body.find("'", j + 1)
            i = j + 1 if j > 0 else i + 1
            if run:
                out.append(''.join(run))
                run = []
            continue
        if run:
            out.append(''.join(run))
            run = []
        i += 1
    if run:
        out.append(''.join(run))
    return out


def split_sql(sql):
    parts, cur, q = [], [], False
    for ch in sql:
        if ch == "'":
            q = not q
        if ch == ';' and not q:
            parts.append(''.join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append(''.join(cur))
    return [p.strip() for p in parts if p.strip()]


def to_dollar(sql):
    k = [0]

    def rep(m):
        if m.group(1):
            return '$' + m.group(1)
        k[0] += 1
        return '$%d' % k[0]
    out, q, i = [], False, 0
    while i < len(sql):
        ch = sql[i]
        if ch == "'":
            q = not q
        if ch == '?' and not q:
            m = re.match(r'\?(\d*)', sql[i:])
            out.append(rep(m))
            i += m.end()
            continue
        out.append(ch)
        i += 1
    return ''.join(out)


def statements(paths):
    seen, res = set(), []
    for p in paths:
        text = open(p, encoding='utf-8', errors='replace').read()
        for lit in literal_runs(text):
            try:
                sql = c_unescape(lit)
            except Exception:
                continue
            if not SQL_START.match(sql):
                continue
            for part in split_sql(sql):
                if part in seen:
                    continue
                seen.add(part)
                res.append({'module': p.rsplit('/', 1)[-1].replace('.i', '.c'),
                            'sql': to_dollar(part)})
    return res


if __name__ == '__main__':
    if sys.argv[1] == 'statements':
        json.dump(statements(sys.argv[2:]), sys.stdout, ensure_ascii=False, indent=0)
