#!/usr/bin/env python3
"""HTTP API tests against a running `dixian serve` (see run.sh).

Each test is a function test_*; they run in file order, print ok/FAIL, and
the script exits 1 if any failed.  Accounts and passwords are run.sh's.
"""
import http.client
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time

PORT = int(os.environ["PORT"])
DB = os.environ["DB"]
DIXIAN = os.environ["DIXIAN"]
PID = int(os.environ["SERVER_PID"])
WRONG = "账号或密码错误"


def password(name):
    return "pw-" + re.sub(r"^(cun|xiang|xian|kan)", "", name) + "-secret"


def db(sql, *args):
    c = sqlite3.connect(DB, timeout=10)
    try:
        rows = c.execute(sql, args).fetchall()
        c.commit()
        return rows
    finally:
        c.close()


class Client:
    """One browser: its cookie and CSRF token."""

    def __init__(self):
        self.cookie = None
        self.csrf = None

    def req(self, method, path, body=None, headers=None, raw=None):
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = self.cookie
        if self.csrf and method == "POST" and "X-CSRF-Token" not in h:
            h["X-CSRF-Token"] = self.csrf
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        if data is not None:
            h.setdefault("Content-Type", "application/json")
        c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        c.request(method, path, body=data.encode() if isinstance(data, str) else data, headers=h)
        r = c.getresponse()
        text = r.read()
        c.close()
        sc = r.getheader("Set-Cookie")
        if sc:
            self.cookie = sc.split(";")[0]
            if self.cookie.endswith("="):
                self.cookie = None
        ctype = r.getheader("Content-Type") or ""
        doc = json.loads(text) if ctype.startswith("application/json") and text else None
        return r.status, doc, r

    def get(self, path):
        return self.req("GET", path)

    def post(self, path, body=None, **kw):
        return self.req("POST", path, body, **kw)

    def login(self, name, pw=None):
        st, doc, r = self.post("/api/login", {"username": name, "password": pw or password(name)})
        if st == 200:
            self.csrf = doc["csrf"]
        return st, doc, r


def login(name):
    c = Client()
    st, doc, _ = c.login(name)
    assert st == 200, (name, st, doc)
    return c


def check(cond, what):
    if not cond:
        raise AssertionError(what)


ANON_PATHS = ["/api/me"]

# ---- tests ----

def test_index_page_and_headers():
    st, _, r = Client().get("/")
    check(st == 200, st)
    check("text/html" in r.getheader("Content-Type"), "html")
    csp = r.getheader("Content-Security-Policy")
    check("default-src 'self'" in csp and "frame-ancestors 'none'" in csp, csp)
    check("unsafe-inline" not in csp, csp)
    check(r.getheader("X-Content-Type-Options") == "nosniff", "nosniff")
    check(r.getheader("Referrer-Policy") == "no-referrer", "referrer")


def test_login_ok_cookie_flags():
    c = Client()
    st, doc, r = c.login("cun532399101001")
    check(st == 200, (st, doc))
    sc = r.getheader("Set-Cookie")
    for flag in ("HttpOnly", "SameSite=Strict", "Path=/"):
        check(flag in sc, sc)
    check(re.match(r"dx_session=[0-9a-f]{64};", sc), sc)
    token = sc.split(";")[0].split("=")[1]
    # only the hash is stored
    check(db("SELECT count(*) FROM session WHERE token_hash = ?", token)[0][0] == 0, "raw token stored")
    check(db("SELECT count(*) FROM session")[0][0] >= 1, "no session row")
    check(len(doc["csrf"]) == 64 and doc["username"] == "cun532399101001", doc)
    st, me, _ = c.get("/api/me")
    check(st == 200 and me["scope"] == "532399101001" and me["level"] == "村", me)


def test_wrong_password_and_unknown_user_same_401():
    st1, d1, _ = Client().login("cun532399101003", "not-the-password")
    st2, d2, _ = Client().login("nosuchuser", "not-the-password")
    check(st1 == 401 and st2 == 401, (st1, st2))
    check(d1 == d2 and d1["message"] == WRONG, (d1, d2))


def test_anonymous_401():
    for path in ANON_PATHS:
        st, doc, _ = Client().get(path)
        check(st == 401 and doc["code"] == "UNAUTHENTICATED", (path, st, doc))


def test_bad_cookie_is_anonymous():
    c = Client()
    c.cookie = "dx_session=" + "0" * 64
    st, _, _ = c.get("/api/me")
    check(st == 401, st)


def test_logout_needs_csrf_and_ends_session():
    c = login("cun532399101002")
    st, doc, _ = c.post("/api/logout", headers={"X-CSRF-Token": "0" * 64})
    check(st == 403 and doc["code"] == "CSRF", (st, doc))
    cookie = c.cookie
    st, _, r = c.post("/api/logout")
    check(st == 200, st)
    check("Max-Age=0" in r.getheader("Set-Cookie"), "cookie not cleared")
    c.cookie = cookie  # a stolen copy of the old cookie no longer works
    st, _, _ = c.get("/api/me")
    check(st == 401, st)


def test_strict_json():
    c = Client()
    cases = [
        ('{"username":"a","password":"b","extra":1}', "不支持的字段"),
        ('{"username":"a"}', "缺少字段"),
        ('{"username":1,"password":"b"}', "应为字符串"),
        ('{"username":"a","password":"b"} x', "多余内容"),
        ('[1,2]', "JSON 对象"),
        ('{"username":"a","username":"b","password":"c"}', "重复"),
        ('', "JSON 对象"),
    ]
    for raw, msg in cases:
        st, doc, _ = c.req("POST", "/api/login", raw=raw)
        check(st == 400 and msg in doc["message"], (raw, st, doc))


def test_body_cap_413():
    c = Client()
    raw = '{"username":"' + "a" * (70 * 1024) + '","password":"b"}'
    st, doc, _ = c.req("POST", "/api/login", raw=raw)
    check(st == 413, (st, doc))


def test_login_throttled_429():
    name = "cun532399102001"
    for i in range(5):
        st, _, _ = Client().login(name, "wrong-password-%d" % i)
        check(st == 401, st)
    # even the right password is refused for a while
    st, doc, _ = Client().login(name)
    check(st == 429 and doc["code"] == "LIMITED", (st, doc))
    # other accounts from the same address still log in
    st, _, _ = Client().login("xiang532399102")
    check(st == 200, st)
    # a minute later the account logs in again (pretend the time passed)
    db("UPDATE login_failure SET last_at = last_at - 61 WHERE key = ?", "a:" + name)
    st, _, _ = Client().login(name)
    check(st == 200, st)


def test_idle_and_absolute_expiry():
    c = login("cun532399101001")
    # idle for 31 minutes
    db("UPDATE session SET last_seen = last_seen - 1900")
    st, _, _ = c.get("/api/me")
    check(st == 401, "idle session still valid")
    c = login("cun532399101001")
    db("UPDATE session SET expires_at = created_at")
    st, _, _ = c.get("/api/me")
    check(st == 401, "expired session still valid")


def test_disabled_account_cannot_log_in():
    c = login("cun532399101003")
    subprocess.run([DIXIAN, "account", "disable", "cun532399101003", "--db", DB], check=True,
                   capture_output=True)
    st, _, _ = c.get("/api/me")
    check(st == 401, "disabled account's session lives on")
    st, doc, _ = Client().login("cun532399101003")
    check(st == 401 and doc["message"] == WRONG, (st, doc))


def test_graceful_stop():
    """SIGTERM while a login (slow: Argon2id) is in flight: it completes,
    then the server exits 0.  Runs last."""
    out = {}

    def slow():
        out["r"] = Client().login("xian532399")

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.03)
    os.kill(PID, signal.SIGTERM)
    t.join()
    check(out["r"][0] == 200, out["r"][:2])
    # run.sh checks that the server then exits 0


def main():
    # wait for the server
    for _ in range(100):
        try:
            Client().get("/")
            break
        except OSError:
            time.sleep(0.05)
    tests = [(n, f) for n, f in globals().items() if n.startswith("test_") and callable(f)]
    only = sys.argv[1:]
    passed = failed = 0
    for name, fn in tests:
        if only and name not in only:
            continue
        try:
            fn()
            print("ok   " + name)
            passed += 1
        except Exception as e:  # noqa: BLE001 - report every failure
            print("FAIL %s: %r" % (name, e))
            failed += 1
    print("http: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
