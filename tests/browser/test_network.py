"""What the pages ask the network for: only the local origin; no runtime on reading pages; a
runtime that cannot load is reported within seconds, with the static award tables still shown."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from .browsing import CALCULATOR_PAGES, READING_PAGES, READY_TIMEOUT_MS, wait_ready

FAILURE_WITHIN_MS = 10_000


def _is_local(url: str, origin: str) -> bool:
    # data: and blob: URLs never leave the browser.
    return url.startswith(origin + "/") or url.startswith(("data:", "blob:"))


def test_every_request_goes_to_the_local_origin(context, site):
    origin = site.origin
    requested: list[str] = []
    attempts: list[str] = []
    context.on("request", lambda request: requested.append(request.url))

    def refuse(route):
        attempts.append(route.request.url)
        route.abort()

    context.route(lambda url: not _is_local(url, origin), refuse)
    page = context.new_page()
    for path in CALCULATOR_PAGES:
        page.goto(site.url + path)
        wait_ready(page)
        # One computation each, so that everything a result needs has been fetched too.
        page.evaluate("""() => window.policyCalculator.run(
            document.querySelector('[data-calculator]').dataset.command, '{}')""")
    for path in READING_PAGES:
        page.goto(site.url + path, wait_until="networkidle")
    assert attempts == []
    foreign = [url for url in requested if not _is_local(url, origin)]
    assert foreign == []
    # The runtime came from the site itself (the recording did see the worker's requests).
    assert any(url.endswith("/pyodide.asm.wasm") for url in requested)
    assert any(url.endswith("/python.zip") for url in requested)


@pytest.mark.parametrize("path", READING_PAGES)
def test_reading_page_loads_no_runtime(page, site, path):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site.url + path, wait_until="networkidle")
    assert requested, "no request recorded"
    runtime = [url for url in requested
               if url.split("?")[0].endswith((".wasm", "/calculator.js", "/worker.js", "/python.zip"))
               or "/runtime/" in url]
    assert runtime == []
    assert page.evaluate("typeof window.policyCalculator") == "undefined"


def _expect_failure_shown(page, site, started: float, reason: str | None = None) -> None:
    status = page.locator(".calc-status")
    remaining = FAILURE_WITHIN_MS - (time.monotonic() - started) * 1000
    expect(status).to_have_class(re.compile(r"\bis-failed\b"), timeout=max(remaining, 1))
    elapsed = (time.monotonic() - started) * 1000
    assert elapsed <= FAILURE_WITHIN_MS, f"failure shown after {elapsed:.0f} ms"
    assert status.inner_text().strip()
    if reason:
        assert reason in status.inner_text()
    assert page.evaluate("window.policyCalculator.ready.then(() => 'resolved', () => 'rejected')") == "rejected"
    links = page.locator(".calc-table-links a")  # to the award tables on the documents' pages
    assert links.count() > 0
    for i in range(links.count()):
        expect(links.nth(i)).to_be_visible()
    expect(page.locator("form.calculator")).to_be_visible()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_blocked_wasm_shows_the_failure(context, site, lang):
    blocked: list[str] = []

    def abort(route):
        blocked.append(route.request.url)
        route.abort()

    context.route("**/*.wasm", abort)
    page = context.new_page()
    started = time.monotonic()
    page.goto(site.url + lang + "calculators/index.html")
    _expect_failure_shown(page, site, started)
    assert blocked, "the .wasm was never requested"


def test_wasm_with_wrong_content_type_shows_the_failure(context, site):
    wasm = next(site.root.glob("runtime/pyodide-*/pyodide.asm.wasm")).read_bytes()

    def wrong_type(route):
        body = b"" if route.request.method == "HEAD" else wasm
        route.fulfill(status=200, content_type="application/octet-stream", body=body)

    context.route("**/*.wasm", wrong_type)
    page = context.new_page()
    started = time.monotonic()
    page.goto(site.url + "calculators/index.html")
    _expect_failure_shown(page, site, started, reason="application/wasm")


@pytest.mark.parametrize("pattern", ["**/worker.js", "**/pyodide.asm.mjs", "**/python.zip"])
def test_any_missing_runtime_file_shows_the_failure(context, site, pattern):
    context.route(pattern, lambda route: route.abort())
    page = context.new_page()
    started = time.monotonic()
    page.goto(site.url + "en/calculators/land.html")
    _expect_failure_shown(page, site, started)


def test_failure_is_not_a_hang_when_the_wasm_never_answers(context, site):
    """A server that accepts the request but never answers: the timeout still reports it."""
    held = []
    context.route("**/*.wasm", lambda route: held.append(route))  # never fulfilled
    page = context.new_page()
    page.goto(site.url + "calculators/index.html")
    expect(page.locator(".calc-status")).to_have_class(re.compile(r"\bis-failed\b"),
                                                       timeout=READY_TIMEOUT_MS)
