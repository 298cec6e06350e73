"""The published nginx example (docs/deploy/nginx.conf) serving the built site on loopback:
check_site.py passes, the headers are those the pages are tested under, and in Chromium the
calculators compute what the command line computes, with no error, no CSP violation and no
request to another host."""

from __future__ import annotations

import importlib.util
import json
import urllib.error
import urllib.request

import pytest

from xinzhou_policy.cli import run_text

from ..browser.browsing import CALCULATOR_PAGES, READING_PAGES, wait_ready
from ..conftest import REPO
from .conftest import check_site_passes, ipv6_url

EXAMPLES = REPO / "calculators" / "examples"


def _get(url: str, **headers) -> urllib.request.addinfourl:
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30)
    except urllib.error.HTTPError as error:
        return error


def test_nginx_serves_the_site(nginx_site):
    with _get(nginx_site.url) as response:
        assert response.status == 200
        assert response.headers["Server"] == "nginx"  # not the fixture's own server


def test_check_site_passes(nginx_site):
    report = check_site_passes(nginx_site.url)
    checked = {entry["url"]: entry for entry in report["checked"]}
    # The crawl reached the runtime, and got what the guide promises for it.
    wasm = next(entry for url, entry in checked.items() if url.endswith("/pyodide.asm.wasm"))
    assert (wasm["content_type"], wasm["content_encoding"]) == ("application/wasm", "gzip")
    assert "immutable" in wasm["cache_control"]
    assert any("/runtime/rules-" in url for url in checked)


def test_headers_are_those_the_pages_are_tested_under(nginx_site):
    """The example's security headers are the ones every other test serves the site with."""
    spec = importlib.util.spec_from_file_location("static_server", REPO / "scripts" / "static_server.py")
    static_server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(static_server)
    for path in ("index.html", "assets/calculators/worker.js", "no-such-page.html"):
        with _get(nginx_site.url + path) as response:
            for name, value in static_server.SECURITY_HEADERS.items():
                assert response.headers[name] == value, (path, name)
            assert response.headers.get("Set-Cookie") is None


def test_missing_page_gets_the_sites_404_page(nginx_site):
    with _get(nginx_site.url + "calculators/no-such-page.html") as response:
        assert response.status == 404
        assert 'href="/policy-guide/assets/' in response.read().decode("utf-8")


def test_precompressed_files_are_sent_as_they_are(nginx_site):
    """gzip_static: a FILE.gz written by the build is sent byte for byte."""
    siblings = sorted(nginx_site.root.rglob("*.gz"))
    siblings = [gz for gz in siblings if gz.with_suffix("").exists()]
    if not siblings:
        pytest.skip("the build writes no precompressed FILE.gz next to FILE")
    for gz in siblings[:5]:
        path = gz.with_suffix("").relative_to(nginx_site.root).as_posix()
        with _get(nginx_site.url + path, **{"Accept-Encoding": "gzip"}) as response:
            assert response.headers["Content-Encoding"] == "gzip", path
            assert response.read() == gz.read_bytes(), path


def _watch(context, origin: str) -> dict[str, list[str]]:
    """Record console errors, page errors, CSP violations, and requests to other hosts
    (refused)."""
    seen = {"console": [], "pageerror": [], "csp": [], "foreign": []}

    def foreign(route):
        seen["foreign"].append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith((origin + "/", "data:", "blob:")), foreign)
    context.add_init_script("""document.addEventListener("securitypolicyviolation", (e) => {
        (window.__csp = window.__csp || []).push(e.violatedDirective + " " + e.blockedURI); });""")
    context.on("console", lambda message: message.type == "error" and seen["console"].append(message.text))
    context.on("weberror", lambda error: seen["pageerror"].append(str(error.error)))
    return seen


@pytest.mark.parametrize("path, command, example", [
    ("calculators/index.html", "estimate", "flange-maker.json"),
    ("en/calculators/land.html", "land", "land-grade-8.json"),
])
def test_calculator_computes_what_the_cli_computes(context, nginx_site, path, command, example):
    seen = _watch(context, nginx_site.origin)
    page = context.new_page()
    page.goto(nginx_site.url + path)
    wait_ready(page)
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    result = page.evaluate("([c, t]) => window.policyCalculator.run(c, t)", [command, text])
    assert (result["status"], result["text"]) == run_text(command, text)
    seen["csp"] = page.evaluate("window.__csp || []")
    assert seen == {"console": [], "pageerror": [], "csp": [], "foreign": []}


@pytest.mark.parametrize("path", READING_PAGES + CALCULATOR_PAGES[:1] + ("no-such-page.html",))
def test_page_loads_without_error(context, nginx_site, path):
    seen = _watch(context, nginx_site.origin)
    page = context.new_page()
    response = page.goto(nginx_site.url + path, wait_until="networkidle")
    assert response.headers["server"] == "nginx"
    if path == "no-such-page.html":
        assert response.status == 404
        # Chromium logs the document's own 404 as an error; that one is expected.
        seen["console"] = [m for m in seen["console"] if "404" not in m]
        # The site's 404 page, styled: its path-absolute stylesheet links worked.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    seen["csp"] = page.evaluate("window.__csp || []")
    assert seen == {"console": [], "pageerror": [], "csp": [], "foreign": []}


def test_the_site_answers_over_ipv6_as_over_ipv4(nginx_site):
    """The example listens on IPv6 too: the same pages, with the same checks passing."""
    url = ipv6_url(nginx_site.url)
    report = check_site_passes(url)
    assert all(entry["url"].startswith(url.rstrip("/")) for entry in report["checked"])
    assert any(entry["url"].endswith("/pyodide.asm.wasm") and entry["status"] == 200 for entry in report["checked"])
