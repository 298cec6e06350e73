"""Text a reader enters is never interpreted as HTML: typed into every text field of every
calculator, put in the URL fragment that fills the form (and its shared total), or typed into
search. The browser runs with the page's Content-Security-Policy bypassed, so that these tests
check the page code itself, not the policy that would also stop an injected handler.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from ..conftest import REPO
from .browsing import CALCULATOR_PAGES, READY_TIMEOUT_MS, search, wait_ready

PAYLOADS = ('<img src=x onerror="window.__pwned=1">', '"><svg onload=window.__pwned=1>',
            "<script>window.__pwned=1</script>")
# An element a payload would have created, had it been parsed as HTML.
INJECTED = "() => window.__pwned || document.querySelectorAll('img[src=x], svg[onload], script:not([src]):not([type])').length"
# Setting HTML from a string; the page code builds nodes and sets textContent instead.
HTML_SINKS = re.compile(r"\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|createContextualFragment")
PAGE_CODE = sorted([*REPO.glob("calculators/web/*.js"), *REPO.glob("docs/assets/js/*.js")])


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    context.set_default_timeout(READY_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_page_code_sets_no_html_from_strings():
    assert len(PAGE_CODE) >= 4
    found = [f"{path.relative_to(REPO)}:{n}" for path in PAGE_CODE
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if HTML_SINKS.search(line)]
    assert found == []


@pytest.mark.parametrize("sink", ["el.innerHTML = text", "x.insertAdjacentHTML('beforeend', t)",
                                  "document.write(s)", "node.outerHTML += s"])
def test_the_scan_finds_html_sinks(sink):
    assert HTML_SINKS.search(sink)


def text_fields(page) -> list[str]:
    return page.eval_on_selector_all("form.calculator input[type=text], form.calculator textarea",
                                     "inputs => inputs.map((i) => i.name)")


@pytest.mark.parametrize("path", CALCULATOR_PAGES)
def test_typed_text_stays_text(page, site, path):
    page.goto(site.url + path)
    wait_ready(page)
    if page.locator("#pick-all").count():  # every field of the situation picker shown
        page.check("#pick-all")
    names = text_fields(page)
    assert names
    for payload in PAYLOADS:
        for name in names:
            page.fill(f"[name={name}]", payload)
        expect(page.locator(".calc-result .calc-error-summary")).to_be_visible()
        page.wait_for_timeout(200)  # time for an injected image's error handler to run
        assert page.evaluate(INJECTED) == 0
        for name in names:  # shown literally where it was typed, and kept so in the share link
            assert page.input_value(f"[name={name}]") == payload
        page.wait_for_function("([name, payload]) => new URLSearchParams(location.hash.slice(1)).get(name) === payload",
                               arg=[names[0], payload])


@pytest.mark.parametrize("path", [CALCULATOR_PAGES[0], CALCULATOR_PAGES[-1]])
def test_fragment_text_stays_text(page, site, path):
    page.goto(site.url + path)
    names = text_fields(page)
    for payload in PAYLOADS:
        fragment = "&".join(f"{name}={quote(payload)}" for name in [*names, "_total"])
        page.goto("about:blank")
        page.goto(f"{site.url}{path}#{fragment}")
        wait_ready(page)
        expect(page.locator(".calc-result .calc-error-summary")).to_be_visible()
        page.wait_for_timeout(200)
        assert page.evaluate(INJECTED) == 0
        for name in names:
            assert page.input_value(f"[name={name}]") == payload


@pytest.mark.parametrize("lang", ["", "en/"])
def test_search_text_stays_text(page, site, lang):
    page.goto(site.url + lang + "index.html", wait_until="networkidle")
    search(page, PAYLOADS[0])
    page.wait_for_timeout(200)
    assert page.evaluate(INJECTED) == 0
    assert page.input_value(".md-search__input") == PAYLOADS[0]
