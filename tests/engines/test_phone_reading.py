"""The reading pages on a phone (375×812, touch), in Chromium and WebKit (issue 20, part 4):

- below 600 px each value of an award table is a card (what it is, the value, the text's words,
  the dates), and above it the table it is on a desktop;
- no page scrolls sideways (a wide code block or table scrolls inside its own box);
- no page, and no calculator result, shows an internal name: a parameter key or a raw id
  (tests/site/html_text.py's internal_names): clauses are named by their labels, as links;
- axe finds no WCAG A/AA violation there.
"""

from __future__ import annotations

import pytest
from browsers import PHONE

from ..site.html_text import internal_names_in
from .accessibility import violations
from .pages import CALCULATOR, LAND, open_ready

PHONE_ENGINES = [pytest.param("chromium", marks=pytest.mark.chromium),
                 pytest.param("webkit", marks=pytest.mark.webkit)]
POLICY_PAGES = ("policy.html", "en/policy.html")

LOADED = "() => document.readyState === 'complete'"
# Each award table's row groups as laid out: a card is a block as wide as the content, whose
# cells are blocks named by their column; a table's groups are row groups, its header in view.
LAYOUT = """() => [...document.querySelectorAll(".award-table table:not(.scale)")].map((table) => {
  const head = table.tHead.getBoundingClientRect();
  return { headHeight: head.height, groups: [...table.tBodies].map((group) => {
    const box = group.getBoundingClientRect(), header = group.querySelector("th");
    return { display: getComputedStyle(group).display, left: box.left, right: box.right,
             headerWidth: header.getBoundingClientRect().width,
             cells: [...group.rows[0].cells].filter((c) => c.tagName === "TD").map((c) => ({
               label: c.dataset.label, shown: getComputedStyle(c).display !== "none",
               named: getComputedStyle(c, "::before").content })) };
  }) };
})"""
SIDEWAYS = "() => ({ scrollWidth: document.documentElement.scrollWidth, width: innerWidth })"


def _open(browser, url: str) -> None:
    browser.open(url)
    browser.wait(LOADED)


@pytest.mark.parametrize("engine", PHONE_ENGINES, indirect=True)
def test_award_rows_are_cards_on_a_phone_and_a_table_above_600_px(engine, launch, served):
    phone, desktop = launch(phone=True), launch()
    found = []
    for page in POLICY_PAGES:
        _open(phone, served.url + page)
        tables = phone.evaluate(LAYOUT)
        assert tables, page
        width = phone.evaluate("() => document.querySelector('.md-content').getBoundingClientRect().width")
        for table in tables:
            assert table["headHeight"] <= 1, (page, table)  # the column headers: out of view only
            for group in table["groups"]:
                assert group["display"] == "block", (page, group)
                assert 0 <= group["left"] and group["right"] <= PHONE["width"], (page, group)
                # What the value is reads as a line, not a column 4 or 5 characters wide.
                assert group["headerWidth"] >= 0.8 * width, (page, group)
                shown = [c for c in group["cells"] if c["shown"]]
                assert [c["named"] for c in shown] == [f'"{c["label"]}"' for c in shown], (page, group)
                assert len(shown) == 3, (page, group)  # the value, the text's words, the dates
        found += violations(phone, f"{page} at 375 px")
        _open(desktop, served.url + page)
        for table in desktop.evaluate(LAYOUT):
            assert table["headHeight"] > 10, (page, table)
            for group in table["groups"]:
                assert group["display"] == "table-row-group", (page, group)
                assert {c["named"] for c in group["cells"]} == {"none"}, (page, group)
                assert all(c["shown"] for c in group["cells"]), (page, group)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("engine", PHONE_ENGINES, indirect=True)
def test_no_page_scrolls_sideways_or_shows_an_internal_name(engine, launch, served, site):
    """Every built page of both languages, at 375 px: its width, and the text a reader sees."""
    browser = launch(phone=True)
    sideways, names = {}, {}
    for page in site.pages():
        _open(browser, served.url + page)
        measured = browser.evaluate(SIDEWAYS)
        # A phone widens its layout viewport to fit a page that sticks out (innerWidth too).
        if max(measured.values()) > PHONE["width"]:
            sideways[page] = measured
        if found := internal_names_in(browser.evaluate("() => document.body.innerText")):
            names[page] = found
    assert sideways == {} and names == {}, (sideways, names)


# A leading enterprise with items of two clauses (with their parameters), warnings that cite
# clauses (two thresholds in one year; training days missing) and the guidance, whose closing
# rules cite the policy's closing paragraph. The land result, after the policy's validity,
# warns citing that paragraph and its readings.
RESULT = ("event_date=2025-12-10&role=leading&revenue=6000000000&town_revenue_rank=2"
          "&equipment_investment=3000000&new_hire_trainees=10&new_hire_training_days=0"
          "&new_hire_employment_rate=0.9")
LAND_RESULT = "grade=8&area_m2=20000&supported_project=true&event_date=2026-06-01"
SHOWN = """() => {
  const app = document.querySelector(".calculator-app");
  app.querySelectorAll("details").forEach((d) => { d.open = true; });
  const links = [...app.querySelectorAll(".calc-result a[href*='#']")].map((a) => ({
    text: a.textContent, href: a.getAttribute("href"), clause: a.dataset.clause || null }));
  return { text: app.querySelector(".calc-result").innerText + "\\n" + app.querySelector(".calc-print-sheet").textContent,
           warnings: app.querySelectorAll(".calc-warnings li").length, links };
}"""


@pytest.mark.parametrize("engine", PHONE_ENGINES, indirect=True)
@pytest.mark.parametrize("url, fragment", [(CALCULATOR, RESULT), (LAND, LAND_RESULT)])
def test_a_result_names_clauses_and_values_by_their_labels(engine, launch, served, site, url, fragment):
    browser = launch(phone=True)
    open_ready(browser, f"{served.url}{url}#{fragment}")
    browser.wait("() => Boolean(document.querySelector('.calc-result .calc-total'))")
    shown = browser.evaluate(SHOWN)
    assert shown["warnings"] > 0, shown
    assert internal_names_in(shown["text"]) == [], shown["text"]
    # Each link leads to an anchor of the page it names, and a clause's link reads as its label.
    for link in shown["links"]:
        page, anchor = link["href"].split("#")
        target = (site.root / "calculators" / page).resolve()
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), link
        assert link["text"] and link["text"] != anchor, link
    assert any(link["clause"] == "policy-closing" for link in shown["links"]), shown["links"]
    assert any("#param-" in link["href"] for link in shown["links"]) == (url == CALCULATOR), shown["links"]
    found = violations(browser, f"{url} result at 375 px")
    assert not found, "\n".join(found)
