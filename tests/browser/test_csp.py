"""The pages work under the Content-Security-Policy scripts/static_server.py sends (no inline
script or style, 'wasm-unsafe-eval' for Pyodide), which the session's server sends with every
response: every built page, search, and each calculator loaded, computing, with an input error
and with an engine that failed to load. A violation fails the test, whether the document reports
it (a `securitypolicyviolation` event, recorded from before the page's first script) or the
console does (a worker's violations and errors reach only the console).
"""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import expect

from .browsing import CALCULATOR_PAGES, search, wait_ready

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__cspViolations.push(
  `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}:${event.lineNumber}`));
"""

# A filled-in form in the URL fragment, for each calculator's command: enough for a result.
RESULT_FRAGMENT = {
    "estimate": "#event_date=2024-06-01&role=backbone&revenue=600000000&previous_max_revenue=200000000",
    "land": "#grade=8&area_m2=20000&supported_project=true",
}


class Watch:
    """The console errors and uncaught exceptions of every page and worker of a context."""

    def __init__(self, context):
        self.errors: list[str] = []
        context.add_init_script(RECORD_VIOLATIONS)
        context.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        context.on("weberror", lambda error: self.errors.append(str(error.error)))

    def problems(self, page) -> list[str]:
        violations = page.evaluate("window.__cspViolations")
        return [f"{page.url}: {p}" for p in violations + self.errors]


@pytest.fixture
def watch(context):
    return Watch(context)


def test_the_server_sends_the_policy_with_every_response(site):
    for path in ("index.html", "en/calculators/land.html", "assets/calculators/worker.js",
                 "search/search_index.json"):
        with urllib.request.urlopen(site.url + path) as response:
            assert response.headers["Content-Security-Policy"] == CSP, path
            assert response.headers["X-Content-Type-Options"] == "nosniff", path
            assert response.headers["Referrer-Policy"] == "no-referrer", path
            assert response.headers["Set-Cookie"] is None, path


def test_no_page_holds_inline_script_or_style(site):
    """What the policy would block, found in the files themselves: the browser test below shows
    the pages work; this one names the file and the code when they do not."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|<style\b|\sstyle=\"|\son[a-z]+=\"")
    found = {page: inline.findall(site.page(page)) for page in site.pages()}
    assert {page: hits for page, hits in found.items() if hits} == {}


def test_reading_pages_and_search(context, site, watch):
    page = context.new_page()
    pages = [p for p in site.pages() if p not in CALCULATOR_PAGES]
    assert len(pages) >= 12
    for path in pages:
        page.goto(site.url + path, wait_until="networkidle")
        assert watch.problems(page) == []
    # Search runs in a worker: a query answered (results or "none found") shows it ran.
    for lang, query in (("", "法兰"), ("en/", "flange")):
        page.goto(site.url + lang + "index.html", wait_until="networkidle")
        search(page, query)
        assert watch.problems(page) == []


@pytest.mark.parametrize("path", CALCULATOR_PAGES)
def test_calculator_loaded_computing_and_in_error(context, site, watch, path):
    page = context.new_page()
    page.goto(site.url + path)
    wait_ready(page)
    assert watch.problems(page) == []
    command = page.get_attribute("[data-calculator]", "data-command")
    page.goto("about:blank")  # else going to the same page with a fragment does not load it
    page.goto(site.url + path + RESULT_FRAGMENT[command])
    wait_ready(page)
    expect(page.locator(".calc-result .calc-total")).to_be_visible()
    page.locator("form.calculator input[type=text]").first.fill("??")
    expect(page.locator(".calc-result .calc-error-summary")).to_be_visible()
    assert watch.problems(page) == []


@pytest.mark.parametrize("lang", ["", "en/"])
def test_calculator_whose_engine_failed(context, site, watch, lang):
    # The blocked request itself is logged as a console error: only violations count here.
    context.route("**/*.wasm", lambda route: route.abort())
    page = context.new_page()
    page.goto(site.url + lang + "calculators/index.html")
    expect(page.locator(".calc-status.is-failed")).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []
    assert not [e for e in watch.errors if "Content Security Policy" in e]


def test_an_inline_script_is_caught(context, site, watch):
    """The checks above can fail: a page with an inline script, served by the same server."""
    probe = site.root.parent / "csp-probe.html"
    probe.write_text("<!doctype html><title>probe</title><link rel=icon href=data:,>"
                     "<script>window.ran = true</script>", encoding="utf-8")
    page = context.new_page()
    page.goto(site.origin + "/csp-probe.html", wait_until="networkidle")
    assert page.evaluate("window.ran") is None
    problems = watch.problems(page)
    assert any("script-src-elem blocked inline" in p for p in problems), problems
    probe.unlink()
