"""No figure on screen that the rules did not compute on this page, for these inputs (issue 19,
items 1 and 2), in every engine:

- a date with no value in force is an error beside the date field, and the earlier result goes;
- a computation that fails clears the result, the sticky total and the print sheet, and says so;
- a shared link's `_total` is the sender's figure: never shown, whether the engine answers or not.
"""

from __future__ import annotations

import json
from decimal import Decimal

from xinzhou_policy.cli import run_text

from .pages import BATCH, CALCULATOR, LAND, READY_TIMEOUT_S, WASM, engine_state, open_ready
from .serving import Fault
from .test_calculators import BATCH_DONE, MIXED

LAND_VALID = "grade=8&area_m2=10000&supported_project=true&event_date=2025-06-30"
# Before the first national minimum prices this site holds: no value in force that day.
NO_DATA_DAY = "2006-12-31"

# What a reader sees of the result: its text, the sticky total, the print sheet, the field errors.
SEEN = """() => { const app = document.querySelector("[data-calculator]");
  if (!app || document.readyState === "loading") return null;
  const summary = app.querySelector(".calc-summary");
  return { result: app.querySelector(".calc-result").textContent,
    total: app.querySelector(".calc-result .calc-total strong")?.textContent ?? null,
    failure: app.querySelector(".calc-result .calc-failure")?.textContent ?? null,
    sticky: summary.hidden ? null : summary.querySelector("span").textContent,
    sheet: app.querySelector(".calc-print-sheet").textContent,
    dateError: app.querySelector("#e-event_date")?.textContent ?? "",
    body: document.body.innerText }; }"""
TYPE = """(name, value) => { const input = document.querySelector(`[name="${name}"]`);
  input.value = value; input.dispatchEvent(new Event("input", { bubbles: true })); }"""


def _seen(browser, condition: str) -> dict:
    """Wait until SEEN satisfies `condition` (a JavaScript expression over `s`), and return it."""
    return browser.wait(f"() => {{ const s = ({SEEN})(); return ({condition}) && s; }}", timeout=30)


def _land(query: str) -> dict:
    """The CLI's answer for a land fragment."""
    data = {k: v for k, v in (pair.split("=") for pair in query.split("&"))}
    data["grade"] = int(data["grade"])
    data["supported_project"] = data["supported_project"] == "true"
    return json.loads(run_text("land", json.dumps(data))[1])


def _expected_floor(query: str) -> str:
    return _land(query)["floor_price"]


def test_a_date_without_values_in_force_is_an_error_beside_the_date(engine, launch, served):
    browser = launch()
    open_ready(browser, served.url + f"{LAND}#grade=8&area_m2=10000&event_date={NO_DATA_DAY}")
    seen = _seen(browser, "s.dateError")
    assert seen["total"] is None and seen["sticky"] is None and seen["sheet"] == ""
    # After a valid result, the same date takes the result away, and a changed area brings no
    # figure back.
    browser.open("about:blank")  # a new document, not a change of the fragment
    open_ready(browser, served.url + f"{LAND}#{LAND_VALID}")
    floor = f"{Decimal(_expected_floor(LAND_VALID)):,.2f}"
    assert floor in _seen(browser, "s.total")["total"]
    browser.evaluate(TYPE, "event_date", NO_DATA_DAY)
    seen = _seen(browser, "s.dateError && !s.total")
    assert seen["sticky"] is None and floor not in seen["body"]
    browser.evaluate(TYPE, "area_m2", "20000")
    seen = _seen(browser, "s.dateError && !s.total")
    assert floor not in seen["body"] and seen["sheet"] == ""


def test_a_failed_computation_clears_the_result_and_says_so(engine, launch, served):
    browser = launch()
    open_ready(browser, served.url + f"{LAND}#{LAND_VALID}")
    floor = f"{Decimal(_expected_floor(LAND_VALID)):,.2f}"
    assert floor in _seen(browser, "s.total && s.sheet")["total"]
    # The engine stops answering: every request to it now throws.
    browser.evaluate("() => { Worker.prototype.postMessage = () => { throw new Error('planted'); }; }")
    browser.evaluate(TYPE, "area_m2", "20000")
    seen = _seen(browser, "s.failure")
    assert seen["total"] is None and seen["sticky"] is None and seen["sheet"] == ""
    assert floor not in seen["body"]
    assert "未能计算" in seen["failure"] and "planted" in seen["failure"]


SHARED = "event_date=2025-06-30&revenue=1&_total=88888888.88"
PLANTED = ("88,888,888.88", "88888888.88")


def test_a_shared_total_is_never_shown_when_the_engine_cannot_load(engine, launch, served):
    served.recorder.faults[WASM] = Fault(status=404)
    browser = launch()
    browser.open(served.url + f"{CALCULATOR}#{SHARED}")
    # Before the engine has answered, and after it has failed: no figure from the link.
    early = _seen(browser, "true")
    assert not any(p in early["body"] for p in PLANTED)
    assert engine_state(browser, timeout=30)["state"] == "failed"
    seen = _seen(browser, "s.failure")
    assert not any(p in seen["body"] for p in PLANTED)
    assert seen["total"] is None and seen["sticky"] is None


def test_a_shared_total_that_differs_is_replaced_and_flagged(engine, launch, served):
    browser = launch()
    browser.open(served.url + f"{CALCULATOR}#{SHARED}")
    early = _seen(browser, "true")
    assert not any(p in early["body"] for p in PLANTED)
    assert engine_state(browser)["state"] == "ready"
    seen = _seen(browser, "s.total")
    expected = json.loads(run_text("estimate", json.dumps({"event_date": "2025-06-30", "revenue": "1"}))[1])
    assert seen["total"].split()[0].replace(",", "") == expected["totals_by_recipient"]["enterprise"]
    assert not any(p in seen["body"] for p in PLANTED)
    assert "分享链接中记录的合计与本页按规则计算的结果不同" in seen["result"]


BATCH_SEEN = """() => { const app = document.querySelector(".batch-app");
  const visible = (s) => { const n = app.querySelector(s); return !!n && !n.hidden && !n.closest("[hidden]"); };
  return { state: app.dataset.state, summary: visible(".batch-summary"), table: visible(".batch-results"),
    downloads: visible(".batch-downloads"), error: visible(".batch-error") ? app.querySelector(".batch-error").textContent : null }; }"""


def test_a_failed_batch_job_leaves_no_figure(engine, launch, served):
    browser = launch()
    open_ready(browser, served.url + BATCH)
    browser.choose_file("#batch-file", MIXED)
    assert browser.wait(BATCH_DONE, timeout=READY_TIMEOUT_S)["state"] == "done"
    # The engine stops answering; the next request (the table's next view) fails.
    browser.evaluate("() => { Worker.prototype.postMessage = () => { throw new Error('planted'); }; }")
    browser.evaluate("""() => { const box = document.querySelector(".batch-errors-only");
        box.checked = !box.checked; box.dispatchEvent(new Event("change", { bubbles: true })); }""")
    seen = browser.wait(f"() => {{ const s = ({BATCH_SEEN})(); return s.state === 'failed' && s; }}", timeout=30)
    assert not (seen["summary"] or seen["table"] or seen["downloads"]), seen
    assert "planted" in seen["error"]


def test_a_land_floor_outside_the_validity_carries_the_rules_warning(engine, launch, served):
    """A land date after the policy's validity: the figure is given for reference, and the rules'
    warning saying so is on screen and on the print sheet, never dropped."""
    query = LAND_VALID.replace("2025-06-30", "2030-06-30")
    warnings = _land(query)["warnings"]
    assert [w["code"] for w in warnings] == ["outside_validity"]
    browser = launch()
    open_ready(browser, served.url + f"{LAND}#{query}")
    seen = _seen(browser, "s.total && s.sheet")
    message = warnings[0]["message_zh"]
    assert message in seen["result"] and message in seen["sheet"]
