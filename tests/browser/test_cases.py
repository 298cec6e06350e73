"""The rules' case files through the browser API give exactly what CPython's CLI gives.

Each case's input goes as one JSON text to `window.policyCalculator.run(command, text)` (the
Pyodide worker) and to `xinzhou_policy.cli.run_text(command, text)` here; the output text must be
byte-identical and the exit status the same. One page serves every case, once with the engine
started afresh and once restored from its snapshot.
"""

from __future__ import annotations

import json

import pytest

from xinzhou_policy.cli import run_text

from ..rules.cases import Case, load_cases
from .browsing import READY_TIMEOUT_MS, open_calculator
from .inputs import EXTRA, case_text

CASES = load_cases()


@pytest.fixture(scope="module", params=["fresh", "snapshot"])
def calculator_page(request, browser, site):
    """The engine started afresh, and restored from the snapshot the first visit kept
    (calculators/web/snapshot.js): every case both ways."""
    context = browser.new_context()
    page = context.new_page()
    open_calculator(page, site, "calculators/index.html")
    if request.param == "snapshot":
        page.wait_for_function("() => document.querySelector('.calculator-app').dataset.snapshot === 'saved'",
                               timeout=READY_TIMEOUT_MS)
        page.close()
        page = context.new_page()
        open_calculator(page, site, "calculators/index.html")
    assert page.locator(".calculator-app").get_attribute("data-engine-start") == request.param
    yield page
    context.close()


def _run(page, command: str, text: str) -> tuple[int, str]:
    result = page.evaluate("([c, t]) => window.policyCalculator.run(c, t)", [command, text])
    return result["status"], result["text"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_file_in_browser_equals_cpython(calculator_page, case: Case):
    text = case_text(case)
    assert _run(calculator_page, case.command, text) == run_text(case.command, text)


@pytest.mark.parametrize("name", EXTRA)
def test_edge_text_in_browser_equals_cpython(calculator_page, name):
    command, text = EXTRA[name]
    assert _run(calculator_page, command, text) == run_text(command, text)


def test_estimate_and_land_return_the_cli_json(calculator_page):
    profile = {"event_date": "2024-06-01", "role": "backbone", "revenue": "600000000",
               "previous_max_revenue": "200000000"}
    land = {"grade": 8, "area_m2": "20000", "supported_project": True, "total_cost": "3000000"}
    got = calculator_page.evaluate(
        "async ([p, l]) => [await window.policyCalculator.estimate(p), await window.policyCalculator.land(l)]",
        [profile, land])
    assert got[0] == json.loads(run_text("estimate", json.dumps(profile))[1])
    assert got[1] == json.loads(run_text("land", json.dumps(land))[1])
    assert got[1]["floor_price"] == "3528000.00"


def test_run_with_an_unknown_command_settles(calculator_page):
    outcome = calculator_page.evaluate("""() => Promise.race([
        window.policyCalculator.run("schema", "{}").then(() => "resolved", () => "rejected"),
        new Promise((r) => setTimeout(() => r("pending after 5 s"), 5000))])""")
    assert outcome in ("resolved", "rejected")
    # And the engine still answers afterwards.
    assert _run(calculator_page, "land", '{"grade": 8, "area_m2": "1"}') == run_text(
        "land", '{"grade": 8, "area_m2": "1"}')
