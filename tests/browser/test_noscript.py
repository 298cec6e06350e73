"""Without JavaScript a calculator page says so, in its language, instead of "preparing" for
ever, and points to what still answers: the award tables (linked from the page) and the command
line. Nothing picks without JavaScript: every field is shown, the situation picker is not."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browsing import CALCULATOR_PAGES

PAGES = CALCULATOR_PAGES + ("calculators/batch.html", "en/calculators/batch.html")


@pytest.mark.parametrize("path", PAGES)
def test_without_javascript_the_page_says_what_still_works(browser, site, path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + path)
    english = path.startswith("en/")
    message = page.locator(".calc-noscript")
    expect(message).to_be_visible()
    expect(message).to_contain_text("JavaScript")
    expect(message).to_contain_text("command-line tool" if english else "命令行工具")
    expect(page.locator(".calc-status")).to_be_hidden()  # "preparing…" would never end
    links = {a.get_attribute("href") for a in message.locator("a").all()}
    cli = [h for h in links if h.endswith("estimate.html#cli")]
    assert cli, links
    target = page.url.rsplit("/", 1)[0] + "/" + cli[0]
    page.goto(target)
    expect(page.locator("#cli")).to_be_attached()
    if "batch" not in path:  # the links to the tables the message points to are on the page
        page.goto(site.url + path)
        assert "#award-tables" in links
        expect(page.locator("#award-tables")).to_be_visible()
        assert page.locator(".calc-table-links a").count() > 0
        assert page.locator(".calc-picker").evaluate_all("els => els.every((e) => !e.getClientRects().length)")
        hidden = page.locator("form.calculator [name]").evaluate_all(
            "els => els.filter((e) => !e.getClientRects().length).map((e) => e.name)")
        assert hidden == []
    context.close()


def test_with_javascript_the_message_is_not_shown(page, site):
    page.goto(site.url + "calculators/index.html")
    expect(page.locator(".calc-status")).to_be_visible()
    expect(page.locator(".calc-noscript")).to_be_hidden()
