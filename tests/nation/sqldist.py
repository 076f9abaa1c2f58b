#!/usr/bin/env python3
"""sqldist.py - the store's joins that a distributed layout cannot keep
on one shard (issue 17, docs/scale.md).

Usage: sqldist.py STATEMENTS.json TABLES KNOWN.txt
STATEMENTS.json as tests/store/sqlcheck.py writes it; TABLES the tables
partitioned by county_code, comma-separated; KNOWN.txt the joins known to
break the rule, one a line ("module: first 60 characters | JOIN table").

The rule, checkable on the text: a JOIN of a county_code table must say,
in its ON condition, that the two rows share county_code.  Only then can
PostgreSQL's partition-wise join (enable_partitionwise_join) and Citus's
colocated join run the join on each shard; otherwise the rows of both
sides travel to the coordinator (postgres_fdw) or Citus must repartition
(citus.enable_repartition_joins) or refuse.  New SQL must not add lines to
KNOWN.txt; a known join that now obeys is reported, so the list only
shrinks.  Exit 0 when the breaches are exactly the known ones.
"""
import json
import re
import sys

JOIN = re.compile(r'\bJOIN\s+(\w+)(?:\s+(?:AS\s+)?(?!ON\b)(\w+))?\s+ON\s+', re.I)
END = re.compile(r'\b(?:LEFT\s+|RIGHT\s+|INNER\s+|FULL\s+|CROSS\s+)?JOIN\b|\bWHERE\b|\bGROUP\b|\bORDER\b|\bUNION\b|\bLIMIT\b', re.I)


def on_text(sql, start):
    """The ON condition from start to its end: the next clause at the
    same parenthesis depth, or a closing parenthesis."""
    depth = 0
    i = start
    while i < len(sql):
        c = sql[i]
        if c == '(':
            depth += 1
        elif c == ')':
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and END.match(sql, i) and (i == 0 or not sql[i - 1].isalnum()):
            break
        i += 1
    return sql[start:i]


def main():
    stmts = json.load(open(sys.argv[1], encoding='utf-8'))
    tables = set(sys.argv[2].split(','))
    known = set()
    for line in open(sys.argv[3], encoding='utf-8'):
        line = line.rstrip('\n')
        if line and not line.startswith('#'):
            known.add(line)
    found, joins = set(), 0
    for st in stmts:
        sql = ' '.join(st['sql'].split())
        for m in JOIN.finditer(sql):
            if m.group(1) not in tables:
                continue
            joins += 1
            if 'county_code' not in on_text(sql, m.end()):
                found.add('%s: %s | JOIN %s' % (st['module'], sql[:60], m.group(1)))
    new = sorted(found - known)
    gone = sorted(known - found)
    for k in new:
        print('JOIN WITHOUT county_code (new): ' + k)
    for k in gone:
        print('NOW JOINS ON county_code (remove from the known list): ' + k)
    print('joins of county_code tables: %d, without county_code: %d (%d known)'
          % (joins, len(found), len(known)))
    return 1 if new or gone else 0


sys.exit(main())
