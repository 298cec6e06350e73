"""The what-if chart (issue 24) in each engine: its table holds exactly the points the rules
compute (CPython's `sweep` of the same profile), the next-threshold sentences are the rules'
own, a breakpoint links its clause, the input is chosen from the keyboard, axe finds nothing;
and on a phone, with the largest text and high contrast, nothing scrolls sideways.
"""

from __future__ import annotations

import json
from decimal import Decimal
from urllib.parse import urlencode

import pytest

from xinzhou_policy.cli import run_text

from .accessibility import violations
from .pages import CALCULATOR, open_ready
from .test_reading_options import TOGGLE

PROFILE = {"event_date": "2024-06-01", "role": "backbone", "revenue": "520000000",
           "previous_max_revenue": "480000000", "town_revenue_rank": 2, "equipment_investment": "800000"}
READY = """(field) => { const box = document.querySelector(".calc-whatif");
  return !box.hidden && box.dataset.field === field && box.querySelector(".chart-table tbody tr") !== null; }"""
SHOWN = """() => {
  const box = document.querySelector(".calc-whatif");
  const svg = box.querySelector("svg");
  return {
    rows: [...box.querySelectorAll(".chart-table tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent)),
    next: [...document.querySelectorAll(".calc-result .calc-next")].map((p) => p.firstChild.textContent),
    links: [...box.querySelectorAll(".calc-whatif-marks a[data-clause]")].map((a) => a.getAttribute("href")),
    svg: svg && { role: svg.getAttribute("role"), title: document.getElementById(svg.getAttribute("aria-labelledby")).textContent,
                  desc: document.getElementById(svg.getAttribute("aria-describedby")).textContent },
  };
}"""
# The input to vary, chosen from the keyboard: focus the select, the arrow key's choice (a
# keydown does not open or move a native select in every engine, so its effect is applied).
CHOOSE = """(field) => { const select = document.querySelector("#whatif-field"); select.focus();
  select.value = field; select.dispatchEvent(new Event("change", { bubbles: true }));
  return document.activeElement === select; }"""


def _expected(field: str) -> dict:
    status, text = run_text("sweep", json.dumps({"profile": PROFILE, "field": field}))
    assert status == 0
    return json.loads(text)


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("\u00a0", ""))


def _check(shown: dict, expected: dict, lang: str) -> None:
    sweep = expected["sweep"]
    # The table alternative: one row per point, the input and every series, as the rules gave them.
    assert [[_number(c) for c in row] for row in shown["rows"]] == \
        [[Decimal(p["x"]), *(Decimal(v) for v in p["values"])] for p in sweep["points"]]
    assert shown["next"] == [s[f"message_{lang}"] for s in expected["next_thresholds"]]
    assert shown["svg"]["role"] == "img" and shown["svg"]["desc"] == sweep[f"summary_{lang}"]
    assert all(href.endswith(f"policy.html#{b['clause']}") for href, b in zip(shown["links"], sweep["breakpoints"]))
    assert len(shown["links"]) == len(sweep["breakpoints"]) > 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chart_is_the_rules_points_in_both_languages(engine, launch, served, lang):
    browser = launch()
    prefix = "en/" if lang == "en" else ""
    open_ready(browser, served.url + prefix + CALCULATOR + "#" + urlencode(PROFILE))
    browser.wait(READY, "revenue", timeout=60)
    _check(browser.evaluate(SHOWN), _expected("revenue"), lang)
    assert browser.evaluate(CHOOSE, "equipment_investment")
    browser.wait(READY, "equipment_investment", timeout=60)
    _check(browser.evaluate(SHOWN), _expected("equipment_investment"), lang)
    if lang == "zh":
        browser.evaluate("() => document.querySelectorAll('.calc-whatif details').forEach((d) => { d.open = true; })")
        assert violations(browser, "what-if chart") == []


@pytest.mark.parametrize("engine", [pytest.param("chromium", marks=pytest.mark.chromium),
                                    pytest.param("webkit", marks=pytest.mark.webkit)], indirect=True)
def test_the_chart_fits_a_phone_with_the_largest_text(engine, launch, served):
    browser = launch(phone=True)
    open_ready(browser, served.url + CALCULATOR + "#" + urlencode(PROFILE))
    browser.evaluate(TOGGLE, "size")
    browser.evaluate(TOGGLE, "contrast")
    browser.wait(READY, "revenue", timeout=60)
    seen = browser.evaluate("""() => { const svg = document.querySelector(".calc-whatif svg");
      return { width: innerWidth, scroll: document.documentElement.scrollWidth,
               svg: svg.getBoundingClientRect().right, text: parseFloat(getComputedStyle(svg.querySelector("text")).fontSize) }; }""")
    assert seen["width"] == 375 and seen["scroll"] <= 375 and seen["svg"] <= 375, seen
    assert seen["text"] >= 12, seen  # the chart's text follows the larger text, readable on a phone
