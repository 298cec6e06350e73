"""scripts/check_site.py against a small site on a local server, set up right and then with one
fault at a time: each fault is reported under its own kind, on the right address, and fails
the check; the right set-up passes."""

from __future__ import annotations

import gzip
import http.server
import importlib.util
import json
import subprocess
import sys
import threading
from dataclasses import dataclass, field, replace

import pytest

from ..conftest import REPO

SCRIPT = REPO / "scripts" / "check_site.py"
_spec = importlib.util.spec_from_file_location("check_site", SCRIPT)
check_site = importlib.util.module_from_spec(_spec)
sys.modules["check_site"] = check_site  # dataclasses look their module up there
_spec.loader.exec_module(check_site)

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "object-src 'none'; frame-ancestors 'self'")
FILLER = "/* " + "x" * 2000 + " */\n"  # above the size from which compression is expected
PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="canonical" href="{canonical}"><link rel="stylesheet" href="style.css"></head>
<body><a href="calculator.html">calculator</a> <a href="https://other.example/">elsewhere</a>
<script id="__config" type="application/json">{{"base": ".", "search": "search-worker.js"}}</script>
<script type="module" src="app.js"></script><footer>{footer}</footer></body></html>
"""
CALCULATOR = """<!doctype html><html><head><meta charset="utf-8">
<meta name="xinzhou-engine" content="runtime=runtime/pyodide-1/pyodide.mjs&amp;stdlib=runtime/rules-1/python.zip">
</head><body><div data-calculator="land"></div>
<a href="index.html#top">home</a></body></html>
"""
FILES = {
    "style.css": FILLER,
    "app.js": FILLER + 'new Worker(new URL("./worker.js", import.meta.url), {type: "module"});\n',
    "worker.js": FILLER,
    "search-worker.js": FILLER,
    "search/search_index.json": json.dumps({"docs": [FILLER]}),
    "runtime/pyodide-1/pyodide.mjs": FILLER,
    "runtime/pyodide-1/pyodide.asm.mjs": FILLER,
    "runtime/pyodide-1/pyodide.asm.wasm": FILLER,
    "runtime/pyodide-1/pyodide-lock.json": "{}",
    "runtime/rules-1/python.zip": "PK",
    "calculator.html": CALCULATOR,
}
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
         ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm",
         ".zip": "application/zip"}


@dataclass(frozen=True)
class Setup:
    """How the test server answers; the defaults are right."""
    types: dict = field(default_factory=dict)  # extension -> Content-Type, replacing TYPES
    headers: dict = field(default_factory=dict)  # header -> value (None: not sent)
    page_cache: str = "no-cache"
    runtime_cache: str = "public, max-age=31536000, immutable"
    gzip: bool = True
    cookie: bool = False
    missing_status: int = 404
    missing: tuple = ()  # files not served
    sub_path: str = "/site/"  # the path the pages were "built" for
    canonical_host: str = ""  # the host the pages were "built" for; default: the one asked
    redirect: bool = True  # /site answers 301 to /site/
    redirect_cache: str | None = "no-cache"  # the 301's Cache-Control (None: not sent)
    listing: bool = False  # runtime/ answers 200 with a list of its files
    footer: str = ""  # the footer's fields (overrides/partials/copyright.html)


RIGHT = Setup()
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer",
           "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), midi=()"}


class _Handler(http.server.BaseHTTPRequestHandler):
    serving: Setup = RIGHT

    def do_GET(self):
        setup = self.serving
        path = self.path.split("?")[0]
        if path == "/site" and setup.redirect:
            self.send_response(301)
            self.send_header("Location", "/site/")
            if setup.redirect_cache:
                self.send_header("Cache-Control", setup.redirect_cache)
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if path.endswith("/") and path != "/site/":  # a folder
            if path == "/site/runtime/" and setup.listing:
                return self._send(200, b"<!doctype html><title>Index of /site/runtime/</title>", ".html")
            return self._send(404, b"", ".html")
        if not path.startswith("/site/"):
            return self._send(404, b"", ".html")
        name = path[len("/site/"):] or "index.html"
        canonical = f"http://{setup.canonical_host or self.headers['Host']}{setup.sub_path}index.html"
        files = {**FILES, "index.html": PAGE.format(canonical=canonical, footer=setup.footer)}
        if name not in files or name in setup.missing:
            return self._send(setup.missing_status, b"<!doctype html><p>missing</p>", ".html")
        self._send(200, files[name].encode(), "." + name.rsplit(".", 1)[-1], name)

    def _send(self, status, body, ext, name=""):
        setup = self.serving
        self.send_response(status)
        self.send_header("Content-Type", setup.types.get(ext, TYPES[ext]))
        headers = {**HEADERS, **setup.headers}
        for header, value in headers.items():
            if value is not None:
                self.send_header(header, value)
        self.send_header("Cache-Control", setup.runtime_cache if name.startswith("runtime/")
                         else setup.page_cache)
        if setup.cookie:
            self.send_header("Set-Cookie", "session=1; Path=/")
        if setup.gzip and ext != ".zip" and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _check(server, setup: Setup) -> dict:
    """Run the script as an official would, with --json."""
    _Handler.serving = setup
    url = f"http://127.0.0.1:{server.server_port}/site/"
    result = subprocess.run([sys.executable, str(SCRIPT), url, "--json"],
                            capture_output=True, text=True, timeout=60)
    report = json.loads(result.stdout)
    assert result.returncode == (0 if report["passed"] else 1), result.stderr
    return report


def test_right_setup_passes_and_reaches_every_file(server):
    report = _check(server, RIGHT)
    assert report["problems"] == []
    checked = {entry["url"].split("/site", 1)[1] for entry in report["checked"]}
    # Found through href/src, data-* attributes, Material's config, Pyodide's fixed file
    # names and the worker's new URL(…, import.meta.url); then the probes: a missing page, the
    # address without its slash, folders that must not be listed.
    probes = {"/" + check_site.MISSING_PAGE, ""} | {"/" + f for f in check_site.UNLISTED_FOLDERS}
    assert {"/" + name for name in FILES} | {"/", "/index.html"} | probes == checked


FAULTS = {
    "wasm sent as octet-stream": (Setup(types={".wasm": "application/octet-stream"}), "mime", "pyodide.asm.wasm"),
    "mjs sent as octet-stream": (Setup(types={".mjs": "application/octet-stream"}), "mime", "pyodide.mjs"),
    "css sent as text/plain": (Setup(types={".css": "text/plain"}), "mime", "style.css"),
    "zip sent as text/plain": (Setup(types={".zip": "text/plain"}), "mime", "python.zip"),
    "no CSP": (Setup(headers={"Content-Security-Policy": None}), "csp", "index.html"),
    "CSP without wasm-unsafe-eval": (Setup(headers={"Content-Security-Policy": "default-src 'self'; object-src 'none'"}), "csp", "calculator.html"),
    "CSP with unsafe-inline": (Setup(headers={"Content-Security-Policy": CSP.replace("'self' 'wasm", "'self' 'unsafe-inline' 'wasm")}), "csp", "index.html"),
    "no nosniff": (Setup(headers={"X-Content-Type-Options": None}), "nosniff", "app.js"),
    "no Referrer-Policy": (Setup(headers={"Referrer-Policy": None}), "referrer", "index.html"),
    "no Permissions-Policy": (Setup(headers={"Permissions-Policy": None}), "permissions", "index.html"),
    "Permissions-Policy allowing the camera": (Setup(headers={"Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"}), "permissions", "calculator.html"),
    "Permissions-Policy leaving USB alone": (Setup(headers={"Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()"}), "permissions", "index.html"),
    "runtime not cached": (Setup(runtime_cache="no-cache"), "cache", "pyodide.asm.wasm"),
    "pages cached an hour": (Setup(page_cache="max-age=3600"), "cache", "index.html"),
    "redirect without Cache-Control": (Setup(redirect_cache=None), "cache", "/site"),
    "no redirect without the slash": (Setup(redirect=False), "redirect", "/site"),
    "runtime/ listed": (Setup(listing=True), "listing", "runtime/"),
    "no compression": (Setup(gzip=False), "compression", "pyodide.asm.wasm"),
    "a cookie": (Setup(cookie=True), "cookie", "index.html"),
    "missing page answers 200": (Setup(missing_status=200), "not-found", check_site.MISSING_PAGE),
    "worker missing": (Setup(missing=("worker.js",)), "broken", "worker.js"),
    "stdlib missing": (Setup(missing=("runtime/rules-1/python.zip",)), "broken", "python.zip"),
    "wasm missing": (Setup(missing=("runtime/pyodide-1/pyodide.asm.wasm",)), "broken", "pyodide.asm.wasm"),
    "built for another sub-path": (Setup(sub_path="/other/"), "site-url", "index.html"),
    "a footer field not filled in": (Setup(footer='<span data-unfilled="extra.publisher.icp">（部署时填写：ICP备案号）</span>'),
                                     "placeholder", "/site/"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_is_reported(server, fault):
    setup, kind, where = FAULTS[fault]
    report = _check(server, setup)
    assert not report["passed"]
    assert {p["kind"] for p in report["problems"]} == {kind}
    assert any(p["url"].endswith(where) for p in report["problems"]), report["problems"]


def test_another_host_or_port_is_a_note_not_a_problem(server):
    # Checking from the server itself (http://127.0.0.1/…) while SITE_URL names the public host.
    report = _check(server, Setup(canonical_host="192.0.2.1:8080"))
    assert report["passed"]
    assert [note["kind"] for note in report["notes"]] == ["site-url"]


def test_readable_report_names_each_fault_in_both_languages(server, capsys):
    _Handler.serving = replace(RIGHT, types={".wasm": "application/octet-stream"},
                             headers={"Content-Security-Policy": None})
    assert check_site.main([f"http://127.0.0.1:{server.server_port}/site/"]) == 1
    out = capsys.readouterr().out
    for kind in ("mime", "csp"):
        title_zh, title_en, fix_zh, fix_en = check_site.KINDS[kind]
        assert title_zh in out and title_en in out and fix_zh in out and fix_en in out
    assert "application/octet-stream" in out
    assert "未通过 FAILED" in out
    _Handler.serving = RIGHT
    assert check_site.main([f"http://127.0.0.1:{server.server_port}/site/"]) == 0
    assert "通过 PASSED" in capsys.readouterr().out


def test_unreachable_server_fails(server):
    checker = check_site.Checker("http://127.0.0.1:9/site/", 10, 5)  # port 9: discard, closed
    checker.run()
    assert {f.kind for f in checker.problems} == {"unreachable"}


@pytest.mark.parametrize("given, base", [
    ("http://h/site/", "http://h/site/"),
    ("http://h/site", "http://h/site/"),
    ("http://h/site/index.html", "http://h/site/"),
    ("http://h", "http://h/"),
])
def test_the_address_given_sets_the_folder_checked(given, base):
    assert check_site.Checker(given, 1, 1).base == base


@pytest.mark.parametrize("value, problem", [
    ("max-age=31536000", False),
    ("max-age=31536000; includeSubDomains", False),
    ('max-age="600"', False),
    (None, True),
    ("max-age=0", True),
    ("includeSubDomains", True),
])
def test_hsts_is_checked_over_https_only(value, problem):
    """Over HTTPS a page without Strict-Transport-Security (or with max-age=0, which lifts it)
    is a problem; over HTTP the header means nothing and is not asked for."""
    headers = {"content-type": "text/html; charset=utf-8", "x-content-type-options": "nosniff",
               "content-security-policy": CSP, "referrer-policy": "no-referrer",
               "permissions-policy": HEADERS["Permissions-Policy"], "cache-control": "no-cache",
               "content-length": "100"}
    if value is not None:
        headers["strict-transport-security"] = value
    for scheme, expected in (("https", problem), ("http", False)):
        checker = check_site.Checker(f"{scheme}://h/site/", 1, 1)
        checker.check_headers(check_site.Response(f"{scheme}://h/site/index.html", 200, headers), ".html")
        assert [f.kind for f in checker.problems] == (["hsts"] if expected else []), (scheme, value)
