"""What the pages ask the network for: only the local origin; on reading pages, the runtime only
once idle, into the HTTP cache, and not on a slow connection; a runtime that cannot load is
reported within seconds, with the static award tables still shown."""

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


FETCHED = "xinzhou-runtime-fetched"  # calculators/web/prefetch.js's mark


def _runtime_requests(requested: list[str]) -> list[str]:
    return sorted(url.split("?")[0] for url in requested if "/runtime/" in url)


@pytest.fixture(scope="module")
def engine_files(browser, site) -> list[str]:
    """What a calculator page's engine fetches of the runtime (GET: the wasm's MIME check is a HEAD)."""
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: request.method == "GET" and requested.append(request.url))
    page.goto(site.url + CALCULATOR_PAGES[0])
    wait_ready(page)
    context.close()
    return _runtime_requests(requested)


@pytest.mark.parametrize("path", READING_PAGES)
def test_reading_page_fetches_the_engines_runtime_once_idle_and_no_calculator(page, site, path, engine_files):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site.url + path, wait_until="load")
    assert _runtime_requests(requested) == [], "fetched before the page had loaded"
    page.wait_for_function(f"() => performance.getEntriesByName({FETCHED!r}).length > 0", timeout=READY_TIMEOUT_MS)
    # The very URLs the engine loads (a calculator opened next finds them in the HTTP cache).
    assert _runtime_requests(requested) == engine_files
    assert len(engine_files) == 5, engine_files  # loader, glue, lock file, wasm, python.zip
    assert not [url for url in requested if url.split("?")[0].endswith(("/calculator.js", "/worker.js"))]
    assert page.evaluate("typeof window.policyCalculator") == "undefined"


# Where the browser says the connection is slow or the reader saves data (Chromium's
# navigator.connection, overridden), and on pages outside the list: nothing of the runtime.
SLOW = {"save-data": "saveData', { get: () => true }", "2g": "effectiveType', { get: () => '2g' }"}


@pytest.mark.parametrize("path, connection", [("policy.html", "save-data"), ("en/index.html", "2g"),
                                              ("glossary.html", None), ("en/about.html", None)])
def test_no_runtime_fetched_ahead_on_a_slow_connection_or_other_pages(context, site, path, connection):
    if connection:
        context.add_init_script(
            f"Object.defineProperty(Object.getPrototypeOf(navigator.connection), '{SLOW[connection]});")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site.url + path, wait_until="load")
    # Idle callbacks run in order: once this one has run, prefetch.js's would have fetched.
    page.evaluate("() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 1000)))")
    assert _runtime_requests(requested) == []
    assert not page.evaluate(f"performance.getEntriesByName({FETCHED!r}).length")


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
    # The type is checked as the answer arrives, before its body is used: the start of the file
    # is enough (the whole 9.6 MB would take seconds through the route on a busy machine).
    wasm = next(site.root.glob("runtime/pyodide-*/pyodide.asm.wasm")).read_bytes()[:4096]

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
