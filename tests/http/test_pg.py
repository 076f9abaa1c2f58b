#!/usr/bin/env python3
"""`dixian serve` on PostgreSQL (issue 16), run by tests/http/pg.sh.

The server's worker threads share a pool of store connections opened at
start (src/store/pool.c): the test counts the server's sessions in
pg_stat_activity before and after many clients at once, logs in, reads,
writes, and has clients in two villages write at the same time (their
serialization failures are retried, never answered 503).
"""
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse

PORT = int(os.environ["PORT"])
DB = os.environ["DB"]
THREADS = int(os.environ["THREADS"])
V1, V2, C = "cun532399101001", "cun532399101002", "xian532399"
PW = {V1: "pw-532399101001-secret", V2: "pw-532399101002-secret", C: "pw-532399-secret"}


def sql(q):
    dbname = urllib.parse.urlparse(DB).path.lstrip("/")
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "|", "-d", dbname, "-c", q],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def sessions():
    """The server's connections to its database (not this psql's)."""
    return int(sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                   " AND pid <> pg_backend_pid() AND backend_type = 'client backend'")[0][0])


class Client:
    def __init__(self):
        self.cookie = None
        self.csrf = None

    def req(self, method, path, body=None):
        h = {}
        if self.cookie:
            h["Cookie"] = self.cookie
        if self.csrf and method != "GET":
            h["X-CSRF-Token"] = self.csrf
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=180)
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        text = r.read()
        c.close()
        sc = r.getheader("Set-Cookie")
        if sc:
            self.cookie = sc.split(";")[0]
        ctype = r.getheader("Content-Type") or ""
        return r.status, (json.loads(text) if ctype.startswith("application/json") and text
                          else None)

    def login(self, name):
        st, doc = self.req("POST", "/api/login", {"username": name, "password": PW[name]})
        if st == 200:
            self.csrf = doc["csrf"]
        return st, doc


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def free_households(area):
    return [r[0] for r in sql(
        "SELECT hh_no FROM household h WHERE area_code = '%s' AND kind = '一般户'"
        " AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.household_id = h.id)"
        " AND NOT EXISTS (SELECT 1 FROM case_file c WHERE c.household_id = h.id)"
        " AND NOT EXISTS (SELECT 1 FROM clue c WHERE c.household_id = h.id)"
        " ORDER BY id" % area)]


def wait_up():
    for _ in range(300):
        try:
            c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            c.request("GET", "/")
            c.getresponse().read()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the server did not start")


def test_pool_opened_at_start():
    """Before any request, the server holds one connection per worker
    thread: a store that cannot be opened stops the start, not a request."""
    wait_up()
    n = sessions()
    check(n == THREADS, "%d server sessions at start, want %d" % (n, THREADS))


def test_login_read_write():
    c = Client()
    st, doc = c.login(C)
    check(st == 200, (st, doc))
    st, doc = c.req("GET", "/api/households")
    check(st == 200 and doc["items"], (st, doc))
    v = Client()
    check(v.login(V1)[0] == 200, "village login")
    hh = free_households("532399101001")[0]
    st, doc = v.req("POST", "/api/clues", {"hh_no": hh, "source": "干部排查", "reason": "因病：住院"})
    check(st == 201, (st, doc))
    cid = doc["id"]
    st, doc = v.req("GET", "/api/clues")
    check(st == 200 and any(x["id"] == cid for x in doc["items"]), (st, doc))
    rows = sql("SELECT h.hh_no FROM clue c JOIN household h ON h.id = c.household_id"
               " WHERE c.id = %d" % cid)
    check(rows == [[hh]], rows)


def test_many_clients_two_villages_write():
    """Sixteen clients on four threads: readers in the county, writers in
    two villages at once; every answer is right, and the server still holds
    one connection per thread.  Each account logs in once (a login hashes
    a password: slow under the sanitizers); its session serves several
    clients, as tabs of one browser."""
    errors, added = [], []
    free = {V1: free_households("532399101001")[1:6], V2: free_households("532399101002")[:5]}
    check(all(free.values()), free)
    sessions_of = {}
    for name in (C, V1, V2):
        c = Client()
        st, doc = c.login(name)
        check(st == 200, ("login", name, st, doc))
        sessions_of[name] = c

    def guarded(fn):
        def run(*args):
            try:
                fn(*args)
            except Exception as e:  # noqa: BLE001 - a thread's failure is the test's
                errors.append(("exception", repr(e)))
        return run

    def client_of(name):
        c = Client()
        c.cookie, c.csrf = sessions_of[name].cookie, sessions_of[name].csrf
        return c

    @guarded
    def reader(name):
        c = client_of(name)
        for p in ["/api/me", "/api/households", "/api/clues", "/api/report?year=2025"] * 3:
            st, doc = c.req("GET", p)
            if st != 200:
                errors.append((p, st, doc))

    @guarded
    def writer(name):
        c = client_of(name)
        for hh in free[name]:
            st, doc = c.req("POST", "/api/clues", {"hh_no": hh, "source": "干部排查",
                                                   "reason": "因学：辍学"})
            if st != 201:
                errors.append(("write", name, st, doc))
            else:
                added.append(doc["id"])

    ts = [threading.Thread(target=reader, args=([C, V1, V2][k % 3],)) for k in range(14)]
    ts += [threading.Thread(target=writer, args=(n,)) for n in (V1, V2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    check(not errors, errors[:3])
    want = len(free[V1]) + len(free[V2])
    check(len(added) == want, (len(added), want))
    n = int(sql("SELECT count(*) FROM clue WHERE reason = '因学：辍学'")[0][0])
    check(n == want, (n, want))
    n = sessions()
    check(n == THREADS, "%d server sessions, want %d" % (n, THREADS))


def main():
    failed = 0
    for name, fn in list(globals().items()):
        if name.startswith("test_") and callable(fn):
            try:
                fn()
                print("ok   http-pg %s" % name)
            except Exception as e:  # noqa: BLE001 - report every failure
                failed += 1
                print("FAIL http-pg %s: %r" % (name, e))
    print("http-pg: %d failed" % failed)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
