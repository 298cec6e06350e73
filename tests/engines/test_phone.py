"""On a phone (375×812, touch: WeChat's browser is WebKit on iOS, Chromium on Android), the
running total stays in view while the reader types, and "查看明细" takes the reader to the result.
"""

from __future__ import annotations

import json

import pytest

from xinzhou_policy.cli import run_text

from .pages import CALCULATOR, open_ready
from .test_calculators import FILL, PROFILE

PLACES = """() => {
  const rect = (selector) => document.querySelector(selector).getBoundingClientRect();
  const summary = rect(".calc-summary"), result = rect(".calc-result");
  return { height: innerHeight, width: innerWidth, scrollWidth: document.documentElement.scrollWidth,
           summaryTop: summary.top, summaryBottom: summary.bottom, resultTop: result.top,
           summaryText: document.querySelector(".calc-summary span").textContent };
}"""


@pytest.mark.parametrize("engine", [pytest.param("chromium", marks=pytest.mark.chromium),
                                    pytest.param("webkit", marks=pytest.mark.webkit)], indirect=True)
def test_the_total_stays_in_view_and_shows_the_details(engine, launch, served):
    browser = launch(phone=True)
    open_ready(browser, served.url + CALCULATOR)
    browser.evaluate(FILL, PROFILE)
    browser.wait("() => !document.querySelector('.calc-summary').hidden && "
                 "Boolean(document.querySelector('.calc-result .calc-total'))")
    # The reader is at the form's first field, the result far below.
    browser.evaluate("() => { document.querySelector('#f-event_date').scrollIntoView({ block: 'start' }); }")
    places = browser.evaluate(PLACES)
    assert places["width"] == 375 and places["scrollWidth"] <= 375, places  # no sideways scroll
    assert places["resultTop"] > places["height"], places
    # The sticky total: in view, at the bottom of the screen, with the estimate's total.
    assert 0 <= places["summaryTop"] and places["summaryBottom"] <= places["height"] + 1, places
    assert places["summaryBottom"] >= places["height"] - 2, places
    total = json.loads(run_text("estimate", json.dumps(PROFILE))[1])["total"]
    digits = "".join(c for c in places["summaryText"] if c.isdigit() or c == ".")
    assert digits == total, places["summaryText"]
    browser.tap(".calc-summary button")
    shown = browser.wait("""() => { const top = document.querySelector(".calc-result").getBoundingClientRect().top;
                                    return top >= 0 && top < innerHeight / 2 && top + 1; }""", timeout=10)
    assert shown
