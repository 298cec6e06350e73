"""No cookies, no tracking, nothing stored but Material's own reading settings.

A reader browses every page in both languages, searches, switches the colour scheme and fills
in a calculator, with every request to another host refused (tests/browser/test_network.py shows
no such request is attempted). Then: no cookie, in the browser or in document.cookie,
localStorage and sessionStorage hold only the keys listed on the About page ("本站保存什么"), and
IndexedDB only the engine's start-up snapshot listed there too (tests/browser/test_snapshot.py
shows it holds no input).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from ..conftest import SUB_PATH
from .browsing import CALCULATOR_PAGES, search, wait_ready
from .test_network import _is_local

# Keys prefixed with the site's path: the colour scheme the reader chose (Material's __palette;
# its other keys serve features this site does not use) and the larger-text reading option
# (reading-size). docs/about.md (#storage) lists them.
ALLOWED_KEYS = re.compile(rf"^/{SUB_PATH}/\.(__palette|reading-size|reading-contrast)$")
TYPED = {"f-event_date": "2024-06-01", "f-revenue": "600000000"}


# calculators/web/snapshot.js's database; docs/about.md (#storage) describes it.
ALLOWED_DATABASES = ["xinzhou-policy-engine"]


def stored(page) -> dict[str, list[str]]:
    return page.evaluate("""async () => ({
        cookie: document.cookie ? [document.cookie] : [],
        local: Object.keys(localStorage),
        session: Object.keys(sessionStorage),
        databases: (await indexedDB.databases()).map((db) => db.name),
    })""")


def test_nothing_is_stored_but_reading_settings(context, site):
    refused: list[str] = []
    context.route(lambda url: not _is_local(url, site.origin),
                  lambda route: (refused.append(route.request.url), route.abort()))
    page = context.new_page()
    pages = [p for p in site.pages() if p not in CALCULATOR_PAGES]
    for path in pages:
        page.goto(site.url + path, wait_until="networkidle")
    for lang, query in (("", "法兰"), ("en/", "flange")):
        page.goto(site.url + lang + "index.html", wait_until="networkidle")
        search(page, query)
        page.keyboard.press("Escape")
        toggle = page.locator("form[data-md-component=palette] label:visible").first
        if toggle.count():
            toggle.click()
    for path in (CALCULATOR_PAGES[0], CALCULATOR_PAGES[len(CALCULATOR_PAGES) // 2]):
        page.goto(site.url + path)
        wait_ready(page)
        for field, text in TYPED.items():
            # A field of a situation not yet ticked is hidden (the situation picker): tick it.
            group = page.locator(f"#{field}").evaluate("e => e.closest('fieldset[data-group]').dataset.group")
            if not page.locator(f"#{field}").is_visible():
                page.check(f"#pick-{group}")
            page.fill(f"#{field}", text)
        expect(page.locator(".calc-result .calc-total")).to_be_visible()
        page.emulate_media(media="print")  # the print sheet
        page.emulate_media(media="screen")

    assert refused == []
    assert context.cookies() == []
    kept = stored(page)
    assert kept["cookie"] == []
    assert [key for key in kept["local"] + kept["session"] if not ALLOWED_KEYS.search(key)] == []
    assert kept["databases"] == ALLOWED_DATABASES


def test_the_about_page_lists_what_is_stored(site):
    for page in ("about.html", "en/about.html"):
        text = site.page(page)
        for name in ["__palette", "reading-size", "reading-contrast"] + ALLOWED_DATABASES:
            assert f"<code>{name}</code>" in text, (page, name)
