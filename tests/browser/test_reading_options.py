"""The larger-text reading option (适老化, docs/assets/js/reading-options.js): a button in every
page's header, in the page's language, operated by keyboard, with aria-pressed; it enlarges the
text and raises the contrast on the whole site, and is remembered across pages and languages in
localStorage, never in a cookie. (axe with the option on: tests/browser/test_a11y.py.)
"""

from __future__ import annotations

import pytest

BUTTON = ".md-header .reading-toggle[data-option=size]"
LABEL = {"index.html": "大字号", "en/index.html": "Larger text"}
# The body text of a reading page.
TEXT = "article.md-content__inner p"


def font_px(page, selector: str = TEXT) -> float:
    return page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)")


def text_colour(page) -> str:
    return page.eval_on_selector(TEXT, "e => getComputedStyle(e).color")


def stored(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


@pytest.mark.parametrize("path", LABEL)
def test_button_in_the_header_in_the_page_language(page, site, path):
    page.goto(site.url + path)
    button = page.locator(BUTTON)
    assert button.inner_text() == LABEL[path]
    assert button.get_attribute("aria-pressed") == "false"
    assert button.is_visible()


def test_keyboard_toggles_larger_text_and_stronger_contrast(page, site):
    page.goto(site.url + "policy.html")
    normal_size, normal_colour = font_px(page), text_colour(page)
    page.focus(BUTTON)
    page.keyboard.press("Enter")
    assert page.get_attribute(BUTTON, "aria-pressed") == "true"
    assert font_px(page) >= 1.2 * normal_size, (font_px(page), normal_size)
    assert text_colour(page) != normal_colour  # full-strength black instead of 87 % black
    assert text_colour(page) == "rgb(0, 0, 0)"
    page.keyboard.press("Space")  # the focus stayed on the button
    assert page.get_attribute(BUTTON, "aria-pressed") == "false"
    assert font_px(page) == normal_size


def test_setting_is_remembered_across_pages_and_languages_without_cookies(context, site):
    page = context.new_page()
    page.goto(site.url + "index.html")
    normal = {}
    for path in ("calculators/land.html", "en/regulation.html"):
        page.goto(site.url + path)
        normal[path] = font_px(page, "h1")
    page.goto(site.url + "index.html")
    page.click(BUTTON)
    assert list(stored(page).values()).count("large") == 1, stored(page)
    for path, size in normal.items():
        page.goto(site.url + path)
        # Already on when the page's own scripts run: set before DOMContentLoaded.
        assert page.evaluate("() => document.documentElement.dataset.readingSize") == "large", path
        assert font_px(page, "h1") >= 1.2 * size, path
        assert page.get_attribute(BUTTON, "aria-pressed") == "true", path
    # Off again, and off on the next page.
    page.click(BUTTON)
    page.goto(site.url + "en/index.html")
    assert page.evaluate("() => document.documentElement.dataset.readingSize") is None
    assert page.get_attribute(BUTTON, "aria-pressed") == "false"
    assert "large" not in stored(page).values()
    assert context.cookies() == []
    assert page.evaluate("() => document.cookie") == ""

