"""A field's help on the calculator pages (calculators/web/field-help.js): on a phone (Chromium and
WebKit at 375×812) it is folded behind a "说明" button beside the field, which opens and closes it
and says so (aria-expanded); the folded help stays the field's description. On a desktop (Firefox)
every help is shown and no button is. Typing still computes. axe: tests/engines/test_picker.py and
tests/browser/test_a11y.py run over the same pages."""

from __future__ import annotations

import pytest

from .pages import CALCULATOR, open_ready
from .test_picker import PHONE_OR_DESKTOP, launch_for, tick

TOGGLE = '.calc-help-toggle[aria-controls="h-equipment_investment"]'
HELP = """(name) => { const toggle = document.querySelector(`.calc-help-toggle[aria-controls="h-${name}"]`);
  const help = document.querySelector(`#h-${name}`);
  return { button: !!toggle && toggle.offsetParent !== null, expanded: toggle?.getAttribute("aria-expanded"),
           help: help.offsetParent !== null && help.getBoundingClientRect().height > 0, text: help.textContent,
           describedby: document.querySelector(`#f-${name}`).getAttribute("aria-describedby"),
           beside: !!toggle && Math.abs(toggle.getBoundingClientRect().top - document.querySelector(`#f-${name}`).getBoundingClientRect().top) < 2,
           size: toggle ? [toggle.getBoundingClientRect().width, toggle.getBoundingClientRect().height] : null }; }"""


@pytest.mark.parametrize("engine", PHONE_OR_DESKTOP, indirect=True)
def test_help_folds_on_a_phone_and_shows_on_a_desktop(engine, launch, served):
    browser = launch_for(engine, launch)
    open_ready(browser, served.url + CALCULATOR)
    tick(browser, "equipment")
    seen = browser.evaluate(HELP, "equipment_investment")
    assert seen["text"] and seen["describedby"] == "h-equipment_investment e-equipment_investment", seen
    if engine == "firefox":
        assert not seen["button"] and seen["help"], seen
        return
    assert seen["button"] and seen["beside"] and seen["expanded"] == "false" and not seen["help"], seen
    assert min(seen["size"]) >= 44, seen
    browser.evaluate(f"() => document.querySelector('{TOGGLE}').scrollIntoView({{block: 'center'}})")
    browser.tap(TOGGLE)
    opened = browser.evaluate(HELP, "equipment_investment")
    assert opened["expanded"] == "true" and opened["help"], opened
    # Only that field's help opened.
    assert not browser.evaluate(HELP, "event_date")["help"]
    browser.tap(TOGGLE)
    assert not browser.evaluate(HELP, "equipment_investment")["help"]
